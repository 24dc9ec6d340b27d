"""JSON output, exactly the contract of DESIGN.md (``{"version": 1, "findings", "summary"}``).

``check``'s object is the contract's alone (its schema admits no other key), findings in
file order. ``report``'s adds each story's, version's and finding's ``"score"``
(:mod:`rewritelint.rank`): stories in the order they are compared (the output streams),
each story's versions the reference first, then worst first, its findings by version,
worst first, then by score.

Story text and file names are written losslessly but inert: ``safe.json_text`` turns
C1 controls, format characters (bidi overrides), U+2028/9, ``##[`` and the lone
surrogates of an undecodable file name into ``\\uXXXX`` escapes, so the output is valid
UTF-8 JSON for any input and shows no control character when printed.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rewritelint.model import Finding, Location, Summary
from rewritelint.render import Renderer
from rewritelint.render.safe import json_text

if TYPE_CHECKING:
    from rewritelint.rank import Ranking
    from rewritelint.render import Options
    from rewritelint.report import Report, StoryReport
    from rewritelint.story import Story

VERSION = 1


def render(findings: Sequence[Finding], summary: Summary, out: TextIO) -> None:
    """Write one JSON object; keys in a fixed order so output is byte-stable."""
    document = {
        "version": VERSION,
        "findings": [finding_object(f) for f in findings],
        "summary": {
            "files": summary.files,
            "findings": summary.findings,
            "by_severity": summary.by_severity,
        },
    }
    out.write(json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")


def finding_object(finding: Finding) -> dict[str, Any]:
    """One finding as the contract's JSON object."""
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity,
        "message": finding.message,
        **_location(finding.location),
        "reference": _location(finding.reference) if finding.reference else None,
        "fingerprint": finding.fingerprint,
    }


def _location(loc: Location) -> dict[str, Any]:
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "text": loc.text,
    }


def render_report(report: Report, summary: Summary, out: TextIO) -> None:
    """The report shape of the contract: findings wrapped per story, in the report's order."""
    writer = ReportWriter(out)
    for story_report in report.stories:
        writer.story(story_report)
    writer.end(summary)


class ReportWriter:
    """Writes the report shape story by story, as each is compared, so a large folder's
    report streams out instead of being held; the bytes equal one ``json.dump`` of the
    whole document with ``indent=2``."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.stories = 0
        out.write(f'{{\n  "version": {VERSION},\n  "stories": [')

    def story(self, story_report: StoryReport) -> None:
        # Escaped before indenting: textwrap splits at U+2028 and U+0085 too, inside strings.
        text = json_text(json.dumps(story_object(story_report), ensure_ascii=False, indent=2))
        self.out.write(("," if self.stories else "") + "\n" + textwrap.indent(text, "    "))
        self.stories += 1

    def end(self, summary: Summary) -> None:
        closing = "\n  ]" if self.stories else "]"
        tail = {
            "files": summary.files,
            "stories": self.stories,
            "findings": summary.findings,
            "by_severity": summary.by_severity,
        }
        body = textwrap.indent(json.dumps(tail, ensure_ascii=False, indent=2), "  ").lstrip()
        self.out.write(f'{closing},\n  "summary": {body}\n}}\n')


def story_object(story_report: StoryReport) -> dict[str, Any]:
    """One story of the report shape; ``score`` keys (additive) where it is ranked."""
    ranking = story_report.ranking
    versions = {v.path: v.score for v in ranking.versions} if ranking else {}
    scores = ranking.scores if ranking else {}
    story: dict[str, Any] = {
        "id": story_report.story.id,
        "reference": story_report.story.reference,
        "reason": story_report.story.reason,
        "versions": [
            {"path": v.path, "similarity": v.similarity}
            | ({"score": versions[v.path]} if v.path in versions else {})
            for v in story_report.story.versions
        ],
        "findings": [
            finding_object(f) | _score(scores.get((f.location.path, f.fingerprint)))
            for f in story_report.findings
        ],
        "consensus": [
            {
                "reference": tally.reference_path,
                "line": tally.line,
                "values": [{"text": text, "versions": list(paths)} for text, paths in tally.values],
            }
            for tally in story_report.consensus
        ],
    }
    if ranking is not None:
        story["score"] = story_report.score
    return story


def _score(score: float | None) -> dict[str, float]:
    return {} if score is None else {"score": score}


class Writer(Renderer):
    """The JSON renderer: the check object, or the report object streamed story by story."""

    def __init__(self, out: TextIO, options: Options) -> None:
        super().__init__(out, options)
        self.report: ReportWriter | None = None

    def findings(
        self, findings: Sequence[Finding], summary: Summary, ranking: Ranking | None = None
    ) -> None:
        render(findings, summary, self.out)

    def start(self, stories: Sequence[Story]) -> None:
        self.report = ReportWriter(self.out)

    def story(self, story_report: StoryReport) -> None:
        assert self.report is not None, "start() comes first"
        self.report.story(story_report)

    def end(self, report: Report, summary: Summary) -> None:
        assert self.report is not None, "start() comes first"
        self.report.end(summary)
