"""How much work one file may cost: a time limit and a findings limit.

A news story is kilobytes and is checked in milliseconds, but a hostile pull request can
add a file that is not one — megabytes of text on a line, or a "rewrite" that shares
nothing with its source — and tie up every CI run. Each file is compared under a
``Deadline``; the stages check it in their long loops (cooperatively: no signals, no
threads), and a file over its budget is skipped with one line while the run goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rewritelint.errors import RewritelintError

DEFAULT_SECONDS = 10.0
"""Seconds one file may take: a 5,000-word story takes a tenth of a second."""
DEFAULT_FINDINGS = 2_000
"""Findings one file may have: a real rewrite has a handful, a garbled one a few
hundred; tens of thousands mean the file is not a rewrite of its source."""


def parse_size(value: str | int) -> int:
    """Bytes of a size written "1MB", "200K", "1.5 GB" or "1048576" (``ValueError`` else).

    >>> parse_size("1MB"), parse_size("200k"), parse_size(512)
    (1048576, 204800, 512)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip().upper().removesuffix("B").strip()
    scale = {"K": 1024, "M": 1024**2, "G": 1024**3}.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in ("K", "M", "G") else text
    size = int(float(number) * scale)
    if size < 0:
        raise ValueError(value)
    return size


class OverBudget(RewritelintError):
    """A file's comparison passed its budget; ``str()`` says which and how to raise it."""


@dataclass(frozen=True)
class Budget:
    """The limits per file (``--max-seconds``, ``--max-findings``)."""

    seconds: float = DEFAULT_SECONDS
    findings: int = DEFAULT_FINDINGS

    def start(self) -> Deadline:
        """The deadline of a file whose work starts now."""
        return Deadline(time.monotonic() + self.seconds, self)


@dataclass(frozen=True)
class Deadline:
    """When one file's work must be done; ``check`` raises ``OverBudget`` after it."""

    at: float
    budget: Budget

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise OverBudget(
                f"skipped: comparing it took more than {self.budget.seconds:g} s "
                "(raise the limit with --max-seconds)"
            )

    def check_findings(self, count: int) -> None:
        if count > self.budget.findings:
            raise OverBudget(
                f"skipped: more than {self.budget.findings:,} findings ({count:,}), so it is "
                "hardly a rewrite of its source (raise the limit with --max-findings)"
            )


DEFAULT_BUDGET = Budget()
UNLIMITED = Deadline(float("inf"), Budget(float("inf"), 1 << 62))
"""The deadline of library calls that set none."""
