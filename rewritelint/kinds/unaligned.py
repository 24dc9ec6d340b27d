"""Kinds ``omission`` and ``addition``: passages with no counterpart in the other version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rewritelint.kinds import Kind, Where, expect_type, register_kind
from rewritelint.model import AnnotatedDocument

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule


def _runs(indices: list[int]) -> list[list[int]]:
    """Group sorted passage indices into runs of consecutive ones.

    >>> _runs([1, 2, 3, 7, 9, 10])
    [[1, 2, 3], [7], [9, 10]]
    """
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _preview(text: str, limit: int = 80) -> str:
    """The start of a passage for a one-line message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class _Unaligned(Kind):
    cross_version = True
    placeholders = frozenset(["passages", "words", "preview"])

    min_words: int = field(default=4, metadata={"convert": lambda v, k, w: _count(v, k, w)})
    """Runs of passages with fewer words in all (a lone dateline, "___") are not reported."""

    @staticmethod
    def _words(document: AnnotatedDocument, run: list[int]) -> int:
        return sum(1 for i in run for t in document.tokens[i] if t.kind not in ("punct", "quote"))


@register_kind
@dataclass(frozen=True)
class Omission(_Unaligned):
    """Fires once per run of consecutive reference passages that have no counterpart
    in the rewrite. The finding points at the place in the rewrite where the run would
    have been (just after the rewrite passage aligned with the reference passage before
    it), and its reference is the omitted text."""

    name = "omission"
    summary = "reference passages the rewrite left out"

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        placed = {i: a for a in ctx.alignments if a.rewrite for i in a.reference}
        missing = [a.reference[0] for a in ctx.alignments if a.reference and not a.rewrite]
        for run in _runs(missing):
            words = self._words(ctx.reference, run)
            if words < self.min_words:
                continue
            anchor = 0
            for before in range(run[0] - 1, -1, -1):
                if before in placed:
                    anchor = ctx.rewrite.passages[max(placed[before].rewrite)].end
                    break
            first, last = ctx.reference.passages[run[0]], ctx.reference.passages[run[-1]]
            ctx.report(
                rule,
                (anchor, anchor),
                {"passages": len(run), "words": words, "preview": _preview(first.text)},
                reference_span=(first.start, last.end),
            )


@register_kind
@dataclass(frozen=True)
class Addition(_Unaligned):
    """Fires once per run of consecutive rewrite passages with no counterpart in the
    reference."""

    name = "addition"
    summary = "rewrite passages with no counterpart in the reference"

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        extra = [a.rewrite[0] for a in ctx.alignments if a.rewrite and not a.reference]
        for run in _runs(extra):
            words = self._words(ctx.rewrite, run)
            if words < self.min_words:
                continue
            first, last = ctx.rewrite.passages[run[0]], ctx.rewrite.passages[run[-1]]
            ctx.report(
                rule,
                (first.start, last.end),
                {"passages": len(run), "words": words, "preview": _preview(first.text)},
            )


def _count(value: Any, key: str, where: Where) -> int:
    """A whole number of words, 0 or more."""
    number = int(expect_type(value, int, key, where))
    if number < 0:
        raise where.error(key, f"{key!r} must be 0 or more")
    return number
