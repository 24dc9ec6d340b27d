"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub code scanning and others).

One log with one run: the driver lists every rule of the run's ruleset as a
reporting descriptor (its documentation included), and each finding is a result
pointing at its rule by id and index, with its score as SARIF's ``rank`` (0-100,
:mod:`rewritelint.rank`; results stay in the order given). Built from plain dicts with
keys in a fixed order, so the same input gives byte-identical output. Columns count Unicode code
points (``run.columnKind``), as everywhere in rewritelint; an end column is the
column just after the span, as in SARIF.

Story text and file names cannot break the log: text goes through ``safe.json_text``
(``\\uXXXX`` escapes for C1 controls, bidi overrides, U+2028/9, ``##[`` and lone
surrogates) and an artifact URI percent-encodes a name's bytes, even undecodable ones.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from rewritelint.model import Finding, Location, Summary
from rewritelint.render import Renderer
from rewritelint.render.safe import json_text

if TYPE_CHECKING:
    from rewritelint.model import Rule
    from rewritelint.rank import Ranking

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/rewritelint/rewritelint"
FINGERPRINT_KEY = "rewritelint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
"""rewritelint severity -> SARIF level."""


def render(
    findings: Sequence[Finding],
    summary: Summary,
    out: TextIO,
    *,
    rules: Sequence[Rule],
    tool_version: str,
    scores: Mapping[tuple[str, str], float] | None = None,
) -> None:
    """Write one SARIF log for the findings of a run of ``rules``; ``scores`` maps
    (path, fingerprint) to a finding's score, its result's ``rank``.

    ``summary`` is not part of the log (SARIF has no place for it; the counts are the
    results themselves): the parameter keeps every renderer's signature alike.
    """
    index = {rule.id: i for i, rule in enumerate(rules)}
    ranks = scores or {}
    log = {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rewritelint",
                        "version": tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": [descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    result(f, index.get(f.rule), ranks.get((f.location.path, f.fingerprint)))
                    for f in findings
                ],
            }
        ],
    }
    out.write(json_text(json.dumps(log, ensure_ascii=False, indent=2)) + "\n")


def descriptor(rule: Rule) -> dict[str, Any]:
    """A rule as a SARIF ``reportingDescriptor``."""
    doc = rule.doc.strip()
    first_paragraph = " ".join(doc.split("\n\n", 1)[0].split()) if doc else rule.summary
    help_text = doc or rule.summary
    return {
        "id": rule.id,
        "name": camel_case(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": first_paragraph},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "category": rule.category,
            "kind": rule.kind.name,
            "tags": [rule.category],
        },
    }


def result(finding: Finding, rule_index: int | None, rank: float | None = None) -> dict[str, Any]:
    """A finding as a SARIF ``result``; ``rule_index`` is its rule's place in the driver,
    ``rank`` its score (SARIF: "a value between 0.0 and 100.0", higher first)."""
    document: dict[str, Any] = {"ruleId": finding.rule}
    if rule_index is not None:
        document["ruleIndex"] = rule_index
    document["level"] = LEVELS[finding.severity]
    if rank is not None:
        document["rank"] = min(max(rank, 0.0), 100.0)
    document["message"] = {"text": finding.message}
    document["locations"] = [{"physicalLocation": physical_location(finding.location)}]
    if finding.reference is not None:
        document["relatedLocations"] = [
            {
                "id": 1,
                "physicalLocation": physical_location(finding.reference),
                "message": {"text": "reference"},
            }
        ]
    document["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    document["properties"] = {"category": finding.category}
    return document


def physical_location(loc: Location) -> dict[str, Any]:
    """The file and region of a location; a zero-width span is an insertion point."""
    start_line = max(loc.line, 1)
    start_column = max(loc.column, 1)
    end_line = max(loc.end_line, start_line)
    end_column = max(loc.end_column, 1)
    if end_line == start_line:
        end_column = max(end_column, start_column)
    region: dict[str, Any] = {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    if loc.text:
        region["snippet"] = {"text": loc.text}
    return {"artifactLocation": {"uri": artifact_uri(loc.path)}, "region": region}


def artifact_uri(path: str) -> str:
    """A path as given on the command line as a URI reference: relative paths stay
    relative (forward slashes, percent-encoded), absolute ones become ``file:`` URIs.

    >>> artifact_uri("stories/Kaboul été 2021.txt")
    'stories/Kaboul%20%C3%A9t%C3%A9%202021.txt'
    >>> artifact_uri("./wire/a:b.txt")
    'wire/a%3Ab.txt'
    >>> artifact_uri("evil\\n%0A\\udcff.txt")  # a line break, a %, an undecodable byte
    'evil%0A%250A%FF.txt'
    """
    pure = Path(path)
    if pure.is_absolute():
        return pure.as_uri()
    # surrogateescape: the name's own bytes, as os.fsencode gives them.
    return quote(pure.as_posix(), safe="/", errors="surrogateescape")


def camel_case(rule_id: str) -> str:
    """``number-changed`` -> ``NumberChanged``."""
    return "".join(part[:1].upper() + part[1:] for part in rule_id.split("-"))


class Writer(Renderer):
    """The SARIF renderer: one log at the end, with the run's rules documented."""

    def findings(
        self, findings: Sequence[Finding], summary: Summary, ranking: Ranking | None = None
    ) -> None:
        o = self.options
        scores = ranking.scores if ranking is not None else None
        render(
            findings, summary, self.out, rules=o.rules, tool_version=o.tool_version, scores=scores
        )
