"""The JSON renderer only formats: the contract object, keys in order, non-ASCII kept."""

from __future__ import annotations

import io
import json
import unicodedata

import helpers
import pytest
from helpers import FINDING_KEYS, REFERENCE_KEYS
from hypothesis import given, settings
from hypothesis import strategies as st

from rewritelint.findings import Summary
from rewritelint.model import Finding, Location
from rewritelint.render import json as json_renderer


def number_changed() -> Finding:
    return helpers.number_changed(
        passage="Insurgents captured five capitals.",
        wire_passage="They have captured nine centers.",
    )


def eggcorn() -> Finding:
    return helpers.finding(
        "eggcorn", "typo", "warning", "eggcorn: 'frame of mine' (did you mean 'frame of mind'?)",
        Location("stories/kabul.txt", 4, 3, 5, 8, "frame of\r\nmine", 60, 75), None,
        "fedcba9876543210fedc",
    )  # fmt: skip


def render(findings: list[Finding], summary: Summary) -> str:
    out = io.StringIO()
    json_renderer.render(findings, summary, out)
    return out.getvalue()


BAD_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
"""Characters a terminal acts on or that hide text: none may be written raw."""

SUMMARY = Summary(files=2, findings=2, by_severity={"error": 1, "warning": 1}, failed_files=1)


def test_the_contract_object() -> None:
    document = json.loads(render([number_changed(), eggcorn()], SUMMARY))
    assert list(document) == ["version", "findings", "summary"]
    assert document["version"] == 1
    assert document["summary"] == {
        "files": 2,
        "findings": 2,
        "by_severity": {"error": 1, "warning": 1},
    }
    first, second = document["findings"]
    assert first == {
        "rule": "number-changed",
        "category": "number",
        "severity": "error",
        "message": "number changed: nine -> five",
        "path": "stories/kabul.txt",
        "line": 5,
        "column": 21,
        "end_line": 5,
        "end_column": 25,
        "text": "five",
        "reference": {
            "path": "wire/ap.txt",
            "line": 10,
            "column": 151,
            "end_line": 10,
            "end_column": 155,
            "text": "nine",
        },
        "fingerprint": "0123456789abcdef0123",
    }
    assert second["reference"] is None
    assert second["text"] == "frame of\r\nmine"
    assert (second["line"], second["end_line"]) == (4, 5)


def test_keys_are_in_the_contract_order() -> None:
    document = json.loads(render([number_changed(), eggcorn()], SUMMARY))
    for finding in document["findings"]:
        assert list(finding) == FINDING_KEYS
    assert list(document["findings"][0]["reference"]) == REFERENCE_KEYS
    assert list(document["summary"]) == ["files", "findings", "by_severity"]
    assert list(document["summary"]["by_severity"]) == ["error", "warning"]


def test_non_ascii_is_written_as_is() -> None:
    finding = number_changed()
    finding = Finding(
        finding.rule,
        finding.category,
        finding.severity,
        "number changed: neuf -> cinq — d’après l’AFP",
        Location("stories/kaboul-é.txt", 1, 1, 1, 5, "cinq", 0, 4),
        None,
        finding.fingerprint,
    )
    output = render([finding], Summary(1, 1, {"error": 1}))
    assert "d’après l’AFP" in output
    assert "kaboul-é.txt" in output
    assert "\\u" not in output
    assert json.loads(output)["findings"][0]["message"].endswith("d’après l’AFP")


def test_no_findings() -> None:
    output = render([], Summary(1, 0, {}))
    assert json.loads(output) == {
        "version": 1,
        "findings": [],
        "summary": {"files": 1, "findings": 0, "by_severity": {}},
    }
    assert output.endswith("}\n")


def test_output_is_byte_stable() -> None:
    findings = [number_changed(), eggcorn()]
    assert render(findings, SUMMARY) == render(findings, SUMMARY)


# --- untrusted text: valid, lossless JSON whatever a story or a file name holds ---------------

HOSTILE_TEXTS = [
    "\udcff",  # an undecodable byte of a file name (surrogateescape)
    "\ud800 lone high, lone low \udc00",
    "nul\x00 and every C0 \x01\x07\x08\t\n\x0b\x0c\r\x1b[31m\x1f",
    "DEL \x7f and C1 \x85 \x9b2J",
    "bidi \u202e\u2066\u2069\u200f, zero width \u200b\ufeff, tag \U000e0041",
    "separators \u2028 \u2029",
    "runner ##[error]forged ::add-mask::x </script>",
]


def hostile(text: str) -> Finding:
    return helpers.finding(
        "quote-altered", "quote", "error", f"quotation altered: {text}",
        Location(f"stories/{text}.txt", 1, 1, 1, 5, text, 0, 4),
        Location(f"wire/{text}", 2, 1, 2, 5, text, 0, 4),
    )  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_any_text_gives_valid_lossless_inert_json(text: str) -> None:
    output = render([hostile(text)], Summary(1, 1, {"error": 1}))
    output.encode("utf-8")  # strict: a raw lone surrogate would raise here (and on stdout)
    (finding,) = json.loads(output)["findings"]
    assert finding["message"] == f"quotation altered: {text}"
    assert (finding["path"], finding["text"]) == (f"stories/{text}.txt", text)
    assert finding["reference"]["path"] == f"wire/{text}"
    shown = [c for c in output if c != "\n" and unicodedata.category(c) in BAD_CATEGORIES]
    assert shown == []
    assert "##[" not in output


def test_a_huge_text_is_written_whole() -> None:
    text = ("Insurgents captured five capitals.\u2028\x1b[0m " * 200_000)[:8_000_000]
    output = render([hostile(text)], Summary(1, 1, {"error": 1}))
    assert json.loads(output)["findings"][0]["text"] == text


@given(st.text(st.characters(exclude_categories=()), max_size=50))
@settings(max_examples=200, deadline=None)
def test_json_round_trips_any_string(text: str) -> None:
    (finding,) = json.loads(render([hostile(text)], Summary(1, 1, {"error": 1})))["findings"]
    assert finding["text"] == text


def test_the_report_writer_keeps_separators_inside_strings() -> None:
    """The report is indented story by story, and textwrap splits lines at U+2028 and
    U+0085 too: unescaped, they would get indentation inserted into the strings."""
    from rewritelint.report import Report, StoryReport
    from rewritelint.story import Story, Version

    text = "one\u2028two\x85three\u2029four\x1c"
    story = Story("story-1", (Version("wire.txt", 1.0), Version(f"{text}.txt", 0.5)), text)
    out = io.StringIO()
    json_renderer.render_report(
        Report([StoryReport(story, (hostile(text),))], files=2), Summary(2, 1, {"error": 1}), out
    )
    (parsed,) = json.loads(out.getvalue())["stories"]
    assert parsed["reason"] == text
    assert parsed["versions"][1]["path"] == f"{text}.txt"
    assert parsed["findings"][0]["text"] == text


def test_the_report_adds_scores_and_keeps_the_contract_keys() -> None:
    """``report``'s objects gain ``score`` (additive); ``check``'s stay the contract's."""
    from rewritelint.report import rank_report

    report = rank_report(
        helpers.report_of([number_changed(), eggcorn()], ("wire/ap.txt", "stories/kabul.txt"))
    )
    out = io.StringIO()
    json_renderer.render_report(report, Summary(2, 2, {"error": 1, "warning": 1}), out)
    (story,) = json.loads(out.getvalue())["stories"]
    assert list(story) == [
        "id",
        "reference",
        "reason",
        "versions",
        "findings",
        "consensus",
        "score",
    ]
    assert [list(v) for v in story["versions"]] == [["path", "similarity", "score"]] * 2
    assert [(f["rule"], f["score"]) for f in story["findings"]] == [
        ("number-changed", 80.0),
        ("eggcorn", 3.2),
    ]
    assert [list(f)[:-1] for f in story["findings"]] == [FINDING_KEYS] * 2
    assert story["score"] == story["versions"][1]["score"] == 80.16
    assert "score" not in json.loads(render([number_changed()], SUMMARY))["findings"][0]
