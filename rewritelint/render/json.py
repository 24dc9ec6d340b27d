"""JSON output, exactly the contract of DESIGN.md (``{"version": 1, "findings", "summary"}``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from rewritelint.findings import Summary
from rewritelint.model import Finding, Location

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
