"""GitHub Actions output: one workflow command per finding, shown as an annotation.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rewritelint (rule)::message``
(``::warning`` for warnings, ``::notice`` for info), then the summary line as a notice.
Values are escaped as GitHub's toolkit does (``%``, CR and LF everywhere; ``:`` and
``,`` too in properties), so a message or path cannot end its command early, add a
property or start another command (``::add-mask::``, ``::stop-commands::``) on a line
of its own. Every other control, format or separator character (ESC sequences the log
viewer would colour or link, BEL, bidi overrides, U+2028) is shown escaped as in the
text output (``\\x1b``, ``\\u202e``): the runner has no escape for them. An
annotation does not fail the job: the exit code does, as in every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rewritelint.model import Finding, Summary
from rewritelint.render import Whole
from rewritelint.render.safe import printable
from rewritelint.render.text import summary_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
"""rewritelint severity -> workflow command."""


def render(findings: Sequence[Finding], summary: Summary, out: TextIO) -> None:
    """Write one annotation command per finding, then the summary as a notice."""
    for finding in findings:
        out.write(command(finding) + "\n")
    out.write(f"::notice::{escape_data(summary_line(summary))}\n")


def command(finding: Finding) -> str:
    """The workflow command of one finding.

    Columns are given only for a span on one line: the runner drops ``col`` and
    ``endColumn`` when ``line`` and ``endLine`` differ.
    """
    loc = finding.location
    properties = [("file", loc.path), ("line", str(loc.line))]
    if loc.end_line == loc.line:
        properties += [
            ("col", str(loc.column)),
            ("endLine", str(loc.end_line)),
            ("endColumn", str(max(loc.end_column, loc.column))),
        ]
    else:
        properties.append(("endLine", str(loc.end_line)))
    properties.append(("title", f"rewritelint ({finding.rule})"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message(finding))}"


def message(finding: Finding) -> str:
    """The finding's message, plus where and what the reference says when there is one."""
    ref = finding.reference
    if ref is None:
        return finding.message
    return f"{finding.message} (reference {ref.path}:{ref.line}:{ref.column}: {ref.text})"


def escape_data(text: str) -> str:
    """Escape a command's message: line breaks survive as the runner's escapes, other
    controls are shown escaped (the runner would pass them to the log raw).

    >>> escape_data("100% sure\\r\\nnext \\x1b[31m")
    '100%25 sure%0D%0Anext \\\\x1b[31m'
    """
    shown = printable(text, keep="\r\n")
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,``.

    >>> escape_property("a:b,c%")
    'a%3Ab%2Cc%25'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Writer(Whole):
    """The GitHub renderer: one workflow command per finding, then the summary notice."""

    def findings(self, findings: Sequence[Finding], summary: Summary) -> None:
        render(findings, summary, self.out)
