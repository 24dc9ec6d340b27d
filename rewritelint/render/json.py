"""JSON output, exactly the contract of DESIGN.md (``{"version": 1, "findings", "summary"}``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rewritelint.findings import Summary
from rewritelint.model import Finding, Location

if TYPE_CHECKING:
    from rewritelint.report import Report

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
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


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
    """The report shape of the contract: findings wrapped per story."""
    document = {
        "version": VERSION,
        "stories": [
            {
                "id": story_report.story.id,
                "reference": story_report.story.reference,
                "reason": story_report.story.reason,
                "versions": [
                    {"path": v.path, "similarity": v.similarity}
                    for v in story_report.story.versions
                ],
                "findings": [finding_object(f) for f in story_report.findings],
                "consensus": [
                    {
                        "reference": tally.reference_path,
                        "line": tally.line,
                        "values": [
                            {"text": text, "versions": list(paths)} for text, paths in tally.values
                        ],
                    }
                    for tally in story_report.consensus
                ],
            }
            for story_report in report.stories
        ],
        "summary": {
            "files": summary.files,
            "stories": len(report.stories),
            "findings": summary.findings,
            "by_severity": summary.by_severity,
        },
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
