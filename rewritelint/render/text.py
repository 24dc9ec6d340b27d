"""Text output: ``path:line:col: severity rule-id message`` lines, like ruff and flake8.

The concise form of ``check`` is one line per finding in file order, as a linter's lines
are (what a hook or a script reads). The full form (the default on a terminal) lists the
findings in the ranked order it is given (:mod:`rewritelint.rank`: versions worst first,
then by score) and adds a window of the aligned reference and rewrite passages with the
changed words marked ``[-old-]`` / ``{+new+}`` (git's word-diff notation), so an editor
can judge a finding without opening two files; info-level omissions and additions fold
to one line ("3 sentences (214 words) not in this version"); colour is added on a
terminal. ``report`` lists stories, versions and findings in the report's ranked order.
In a pre-commit hook the concise form ends with a hint: how to see the passages, and
how to acknowledge a deliberate change.

Story text and file names are untrusted: every one goes through ``safe.printable``, so
a control character, an escape sequence or a bidi override is shown escaped (``\\x1b``,
``\\r``, ``\\u202e``) and a line break in a name or message cannot start a forged
``path:line:col:`` line. The only escape sequences written are this module's colours,
and no line can pass for a CI workflow command (``safe.inert``).
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from rewritelint.model import SEVERITY_RANK, Excerpt, Finding, Summary
from rewritelint.rank import Ranked, Ranking, VersionScore
from rewritelint.render import Renderer
from rewritelint.render.safe import inert, printable
from rewritelint.render.window import flat, window, wrap

if TYPE_CHECKING:
    from rewritelint.report import Report, StoryReport
    from rewritelint.story import Story

WIDTH = 100
"""Columns of the full form when the terminal's width is not known (output piped)."""
COLLAPSED = frozenset(["omission", "addition"])
"""Categories whose full form is their line (and where the reference has it) alone: the
line counts and quotes the passages; at info level it is the ranking's fold."""
WORST = 10
"""Versions the footer lists."""
_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_DELETED = "\x1b[1;31m"
_INSERTED = "\x1b[1;32m"


def render(
    findings: Sequence[Finding],
    summary: Summary,
    out: TextIO,
    *,
    full: bool = False,
    colour: bool = False,
    hint: bool = False,
    width: int = WIDTH,
    ranking: Ranking | None = None,
) -> None:
    """Write findings, then a summary line; in the concise form with ``hint`` (the CLI's
    choice: under pre-commit, when the findings block the commit), then the
    ``hint_line``. The concise form keeps the findings' order (file order); the full
    form shows ``ranking``'s order, each finding's passages fitted to ``width`` columns,
    and the worst files when there are several."""
    if full:
        items = ranking.findings if ranking is not None else [Ranked(f, 0.0) for f in findings]
        write_full(items, out, colour, width)
        if items:
            out.write("\n")
        flagged = [v for v in ranking.versions if v.counts] if ranking is not None else []
        if len(flagged) > 1:
            worst_block("Worst files:", flagged, out)
            out.write("\n")
    else:
        for finding in findings:
            out.write(line(finding, colour) + "\n")
    out.write(summary_line(summary) + "\n")
    if hint and findings and not full:
        shown = hint_line(findings)
        out.write((f"{_DIM}{shown}{_RESET}" if colour else shown) + "\n")


def hint_line(findings: Sequence[Finding]) -> str:
    """One line after a blocked commit's findings: how to see the passages (``--full``)
    and how to acknowledge a deliberate change (inline comment or baseline). It names the
    file and rule of the most severe findings when there is one of each."""
    top = min(SEVERITY_RANK.get(f.severity, 3) for f in findings)
    worst = [f for f in findings if SEVERITY_RANK.get(f.severity, 3) == top]
    paths = sorted({f.location.path for f in worst})
    rules = sorted({f.rule for f in worst})
    file = shlex.quote(printable(paths[0])) if len(paths) == 1 else "FILE"
    rule = printable(rules[0]) if len(rules) == 1 else "RULE"
    return inert(
        f"hint: `rewritelint check {file} --full` shows the passages; a deliberate change: "
        f"put `<!-- rewritelint: ignore {rule} -->` before the sentence, or run "
        f"`rewritelint check {file} --update-baseline` and commit the baseline"
    )


def line(finding: Finding, colour: bool = False) -> str:
    """The contract line: ``path:line:col: severity rule-id message``."""
    loc = finding.location
    severity: str = finding.severity
    rule = printable(finding.rule)
    if colour:
        severity = f"{_COLOURS[severity]}{severity}{_RESET}"
        rule = f"{_BOLD}{rule}{_RESET}"
    where = _where(loc.path, loc.line, loc.column)
    return inert(f"{where}: {severity} {rule} {printable(finding.message)}")


def _where(path: str, line: int, column: int) -> str:
    """``path:line:col`` with the path shown escaped (a file name is untrusted too)."""
    return f"{printable(path)}:{line}:{column}"


def summary_line(summary: Summary) -> str:
    """ "Found 3 findings (1 error, 2 warnings) in 2 files." or "No findings in 2 files."."""
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    failed = f"; {summary.failed_files} could not be read" if summary.failed_files else ""
    if summary.acknowledged:
        failed += f"; {summary.acknowledged} acknowledged in the baseline"
    if not summary.findings:
        return f"No findings in {files}{failed}."
    counts = ", ".join(
        f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in summary.by_severity.items()
    )
    plural = "s" if summary.findings != 1 else ""
    categories = ", ".join(f"{c} {n}" for c, n in summary.by_category.items())
    by_category = f" By category: {categories}." if categories else ""
    return f"Found {summary.findings} finding{plural} ({counts}) in {files}{failed}.{by_category}"


def write_full(items: Sequence[Ranked], out: TextIO, colour: bool, width: int = WIDTH) -> None:
    """The full form of some findings in the order given: each line with its passages
    under it, or its fold alone; a blank line wherever the file or the severity changes
    (indentation sets a finding's passages apart, and the screen holds more)."""
    previous: tuple[str, str] | None = None
    for item in items:
        f = item.finding
        group = (f.location.path, f.severity)
        if previous is not None and group != previous:
            out.write("\n")
        previous = group
        if item.fold is not None:  # "path:line:col: info rule-id 3 sentences (…) not in …"
            out.write(line(replace(f, message=item.fold), colour) + "\n")
        else:
            out.write(line(f, colour) + "\n" + _details(f, colour, width))


def _details(finding: Finding, colour: bool, width: int = WIDTH) -> str:
    """Under a finding: where the reference says it, then each side's passage cut to a
    window around the change (``window``), at most three lines a side; a side with no
    change marked is context, one line."""
    room = max(width - 4, 20)
    lines = []
    ref = finding.reference
    if ref is not None:
        lines.append(f"  reference {_where(ref.path, ref.line, ref.column)}")
    if finding.category in COLLAPSED:  # its line already counts and quotes the passages
        return "".join(f"{inert(text)}\n" for text in lines)
    if finding.reference_excerpt is not None:
        cut = window(finding.reference_excerpt, room)
        shown = _marked(cut, "[-", "-]", _DELETED, colour)
        lines += _sided("  - ", wrap(shown, room, 3 if cut.marks else 1))
    elif ref is not None and ref.text:
        lines += _sided("  - ", wrap(_flat(ref.text), room))
    cross_version = ref is not None or finding.reference_excerpt is not None
    if finding.excerpt is not None and finding.location.text:
        if cross_version:
            cut = window(finding.excerpt, room)
            shown = _marked(cut, "{+", "+}", _INSERTED, colour)
            lines += _sided("  + ", wrap(shown, room, 3 if cut.marks else 1))
        else:
            under = _underlined(finding.excerpt, colour, room, finding.message)
            lines.extend("    " + line for line in under)
    return "".join(f"{inert(text)}\n" for text in lines)


def _sided(sign: str, lines: list[str]) -> list[str]:
    """The first line after the side's sign, the rest indented under it."""
    return [(sign if k == 0 else " " * len(sign)) + text for k, text in enumerate(lines)]


def _underlined(
    excerpt: Excerpt, colour: bool, room: int = WIDTH - 4, message: str = ""
) -> list[str]:
    """A single-version finding: its passage cut to a window around the flagged text,
    carets under it (like ruff's and flake8's source display); a flagged stretch longer
    than a line (a whole added passage) is its first lines, without carets; nothing
    when the flagged text is the whole passage and the message already quotes it
    ("scraper residue: [ad_1]")."""
    cut = window(Excerpt(excerpt.text, excerpt.marks[:1]), room)
    if not cut.marks:
        return wrap(_flat(cut.text), room)
    start, end = cut.marks[0]
    text = cut.text
    before = _one_line(text[:start]) + (" " if text[:start].endswith(" ") else "")
    flagged = _one_line(text[start:end])
    after = (" " if text[end : end + 1].isspace() else "") + _one_line(text[end:])
    if not before.strip() and not after.strip() and " ".join(flagged.split()) in message:
        return []
    # Cut first, escape after (an escape is never cut in half); carets count what is shown.
    before, flagged, after = printable(before), printable(flagged), printable(after)
    line = before + flagged + after
    if len(line) > room:
        return wrap(line, room)
    carets = " " * len(before) + "^" * max(len(flagged), 1)
    if colour:
        carets = f"{_INSERTED}{carets}{_RESET}"
    return [line, carets]


def _marked(excerpt: Excerpt, open_: str, close: str, style: str, colour: bool) -> str:
    """Excerpt text on one line with its marks shown."""
    text = excerpt.text
    cut = max(400, max((end for _, end in excerpt.marks), default=0) + 80)
    if len(text) > cut + 40:
        text = text[:cut].rstrip() + " …"
    pieces = []  # unmarked, marked, unmarked, ..., unmarked
    pos = 0
    for start, end in excerpt.marks:
        if start < pos or end <= start or end > len(text):
            continue
        pieces += [text[pos:start], text[start:end]]
        pos = end
    pieces.append(text[pos:])
    # Flattened piece by piece, then escaped, so the marks and colours are the only
    # markup: the same line as flattening the joined text, since a mark is never blank.
    pieces[0], pieces[-1] = pieces[0].lstrip(), pieces[-1].rstrip()
    parts = []
    for i, piece in enumerate(pieces):
        shown = printable(flat(piece))
        if i % 2:
            shown = f"{style}{open_}{shown}{close}{_RESET}" if colour else f"{open_}{shown}{close}"
        parts.append(shown)
    return "".join(parts)


def _flat(text: str, limit: int | None = None) -> str:
    """One display line, shown escaped; long texts (a run of omitted passages) are cut
    at ``limit``."""
    flat = _one_line(text)
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return printable(flat)


def _one_line(text: str) -> str:
    """Line breaks shown as ``⏎`` (not yet escaped: cut it first, then ``printable``)."""
    return flat(text.strip())


def render_report(
    report: Report,
    summary: Summary,
    out: TextIO,
    *,
    full: bool = False,
    colour: bool = False,
    width: int = WIDTH,
) -> None:
    """A whole report: ``report_header``, each ``report_story`` in the report's order
    (ranked: worst first), ``report_footer`` with its ranked versions."""
    report_header([s.story for s in report.stories], out)
    for story_report in report.stories:
        report_story(story_report, out, full=full, colour=colour, width=width)
    report_footer(report.ranking.versions if report.ranking else (), summary, out)


def report_header(stories: Sequence[Story], out: TextIO) -> None:
    """How many stories and versions the folder holds (known once files are grouped)."""
    versions = sum(len(s.versions) for s in stories)
    out.write(f"{_plural(len(stories), 'story', 'stories')}, {_plural(versions, 'version')}\n")


def report_story(
    story_report: StoryReport,
    out: TextIO,
    *,
    full: bool = False,
    colour: bool = False,
    width: int = WIDTH,
) -> None:
    """One story: why the reference was chosen, its rewrites in the order given (ranked:
    worst first) with their similarity, score and findings, disagreements, then its
    findings in the order given (ranked: versions worst first, then by score)."""
    story = story_report.story
    head = (
        f"{printable(story.id)}: {len(story.versions)} version(s); "
        f"reference {printable(story.reference)} ({printable(story.reason)})"
    )
    out.write(f"\n{inert(head)}\n")
    ranking = story_report.ranking
    scored = {v.path: v for v in ranking.versions} if ranking is not None else {}
    for version in story.versions[1:]:
        shown = f"  {printable(version.path)}  similarity {version.similarity:.2f}"
        ranked = scored.get(version.path)
        if ranked is not None:
            shown += f"  {_scored(ranked)}"
        out.write(inert(shown) + "\n")
    for tally in story_report.consensus:
        # repr() already shows every non-printable character escaped.
        said = "; ".join(f"{text!r} in {len(paths)}" for text, paths in tally.values)
        odd = ", ".join(map(printable, tally.odd_ones))
        where = f"{printable(tally.reference_path)}:{tally.line}"
        out.write(inert(f"  disagreement at {where}: {said}; odd: {odd}") + "\n")
    if ranking is not None:
        items: Sequence[Ranked] = ranking.findings
    else:
        items = [Ranked(f, 0.0) for f in story_report.findings]
    if full:
        if items:
            out.write("\n")
        write_full(items, out, colour, width)
    else:
        for item in items:
            out.write(line(item.finding, colour) + "\n")


def report_footer(worst: Sequence[VersionScore], summary: Summary, out: TextIO) -> None:
    """The ``WORST`` worst versions with findings, their scores and counts, then the
    summary line (counts by severity and by category)."""
    flagged = [v for v in worst if v.counts]
    if flagged:
        out.write("\n")
        worst_block("Worst versions:", flagged, out)
    out.write("\n" + summary_line(summary) + "\n")


def worst_block(title: str, versions: Sequence[VersionScore], out: TextIO) -> None:
    """A title line, then the first ``WORST`` versions, one a line, as ranked."""
    out.write(title + "\n")
    for v in versions[:WORST]:
        out.write(inert(f"  {printable(v.path)}  {_scored(v)}") + "\n")


def _scored(version: VersionScore) -> str:
    """ "score 82.2  1 error, 10 warnings", or "no findings" """
    if not version.counts:
        return "no findings"
    return f"score {version.score:.1f}  {_counts(dict(version.counts))}"


def _counts(counts: Mapping[str, int]) -> str:
    """ "2 errors, 1 warning, 3 info" """
    return ", ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
        for s in ("error", "warning", "info")
        if counts.get(s)
    )


class Writer(Renderer):
    """The text renderer: the contract lines (``--concise``) or the full form. A report
    is written whole at its end: its stories are listed worst first, which is known only
    once every story is compared (``--format json`` streams them)."""

    def findings(
        self, findings: Sequence[Finding], summary: Summary, ranking: Ranking | None = None
    ) -> None:
        o = self.options
        render(
            findings,
            summary,
            self.out,
            full=o.full,
            colour=o.colour,
            hint=o.hint,
            width=o.width,
            ranking=ranking,
        )

    def start(self, stories: Sequence[Story]) -> None:
        report_header(stories, self.out)

    def end(self, report: Report, summary: Summary) -> None:
        o = self.options
        for story_report in report.stories:
            report_story(story_report, self.out, full=o.full, colour=o.colour, width=o.width)
        report_footer(report.ranking.versions if report.ranking else (), summary, self.out)


def _plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 story", "2 stories" """
    return f"{count} {one if count == 1 else many or one + 's'}"
