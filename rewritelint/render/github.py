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

An annotation is a title and one line of at most ``MAX_MESSAGE`` characters (the
runner's annotation boxes are small, and long ones are cut anyway); the whole context
— every finding with both texts and where the reference says it — goes to the job
summary as a Markdown table when the run gives a summary stream (``$GITHUB_STEP_SUMMARY``).

Annotations come in the order given, as the text lines do (file order for ``check``,
the report's ranked order for ``report``); the job summary's table lists the findings
in the ranked order when the run gives one (:mod:`rewritelint.rank`: versions worst
first, then by score), so a reader of a long table meets the worst drift first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rewritelint.model import Finding, Summary
from rewritelint.render import Renderer
from rewritelint.render.safe import markdown, printable
from rewritelint.render.text import summary_line

if TYPE_CHECKING:
    from rewritelint.rank import Ranking

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
"""rewritelint severity -> workflow command."""
MAX_MESSAGE = 300
"""Characters of an annotation's message (its one line)."""


def render(
    findings: Sequence[Finding],
    summary: Summary,
    out: TextIO,
    step_summary: TextIO | None = None,
    ranked: Sequence[Finding] | None = None,
) -> None:
    """Write one annotation command per finding, then the summary as a notice; and the
    findings in full to ``step_summary`` (the job summary) when there is one, in the
    ``ranked`` order when it is given."""
    for finding in findings:
        out.write(command(finding) + "\n")
    out.write(f"::notice::{escape_data(summary_line(summary))}\n")
    if step_summary is not None:
        step_summary.write(job_summary(findings if ranked is None else ranked, summary))


def job_summary(findings: Sequence[Finding], summary: Summary) -> str:
    """The job summary's Markdown: the counts, then one table row per finding with the
    rewrite's text and the reference's, every untrusted text escaped (``safe.markdown``)."""
    lines = ["## rewritelint", "", markdown(summary_line(summary)), ""]
    if findings:
        lines += [
            "| severity | where | rule | message | reference |",
            "|---|---|---|---|---|",
        ]
        for f in findings:
            loc, ref = f.location, f.reference
            where = markdown(f"{loc.path}:{loc.line}:{loc.column}")
            said = markdown(f"{ref.path}:{ref.line}:{ref.column}: {ref.text}") if ref else ""
            lines.append(
                f"| {f.severity} | {where} | {markdown(f.rule)} | {markdown(f.message)} | {said} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


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
    """The finding's message, plus where the reference says it, on one line of at most
    ``MAX_MESSAGE`` characters (a long quotation is cut with "…")."""
    ref = finding.reference
    text = finding.message
    if ref is not None:
        text = f"{text} (reference {ref.path}:{ref.line}:{ref.column})"
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_MESSAGE else flat[: MAX_MESSAGE - 1] + "…"


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


class Writer(Renderer):
    """The GitHub renderer: one workflow command per finding, then the summary notice;
    the full findings in the job summary when the run has one."""

    def findings(
        self, findings: Sequence[Finding], summary: Summary, ranking: Ranking | None = None
    ) -> None:
        path = self.options.step_summary
        if path is None:
            render(findings, summary, self.out)
            return
        ranked = [r.finding for r in ranking.findings] if ranking is not None else None
        with open(path, "a", encoding="utf-8") as step_summary:  # the runner's own file
            render(findings, summary, self.out, step_summary, ranked)
