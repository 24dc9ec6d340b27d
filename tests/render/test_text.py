"""The text renderer only formats: concise lines, the full form, colour and the summary line."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest

from rewritelint.findings import Summary
from rewritelint.model import Excerpt, Finding, Location
from rewritelint.render import text

ANSI = re.compile(r"\x1b\[[0-9;]*m")

REWRITE_PASSAGE = (
    "Insurgents captured five of the country’s 34 provincial capitals in less than a week."
)
WIRE_PASSAGE = "They have captured nine provincial centers from government forces in six days."


def number_changed() -> Finding:
    """An error with a reference and both aligned passages, as the change kind reports it."""
    return Finding(
        rule="number-changed",
        category="number",
        severity="error",
        message="number changed: nine -> five",
        location=Location("story.txt", 5, 21, 5, 25, "five", 120, 124),
        reference=Location("wire.txt", 10, 151, 10, 155, "nine", 900, 904),
        fingerprint="0123456789abcdef0123",
        excerpt=Excerpt(REWRITE_PASSAGE, ((20, 24),)),
        reference_excerpt=Excerpt(WIRE_PASSAGE, ((19, 23),)),
    )


def residue() -> Finding:
    """A single-version warning: no reference, the rewrite passage only."""
    return Finding(
        rule="scraper-residue",
        category="artifact",
        severity="warning",
        message="scraper residue: [ad_1]",
        location=Location("story.txt", 1, 1, 1, 7, "[ad_1]", 0, 6),
        reference=None,
        fingerprint="fedcba9876543210fedc",
        excerpt=Excerpt("[ad_1]", ((0, 6),)),
    )


def omitted() -> Finding:
    """An info finding at an empty span whose reference is the omitted text."""
    return Finding(
        rule="passage-omitted",
        category="omission",
        severity="info",
        message="1 reference passage(s) left out (5 words): He will meet both delegations.",
        location=Location("story.txt", 1, 38, 1, 38, "", 37, 37),
        reference=Location("wire.txt", 1, 39, 2, 12, "He will meet\nboth delegations.", 38, 68),
        fingerprint="00000000000000000000",
        excerpt=Excerpt("The envoy arrived in Doha on Tuesday.", ()),
    )


def render(findings: list[Finding], summary: Summary, *, full: bool, colour: bool = False) -> str:
    out = io.StringIO()
    text.render(findings, summary, out, full=full, colour=colour)
    return out.getvalue()


def one(severity: str) -> Summary:
    return Summary(files=1, findings=1, by_severity={severity: 1})


def test_concise_is_one_line_per_finding_and_the_summary() -> None:
    output = render([number_changed()], one("error"), full=False)
    assert output == (
        "story.txt:5:21: error number-changed number changed: nine -> five\n"
        "Found 1 finding (1 error) in 1 file.\n"
    )


def test_full_shows_the_reference_and_both_marked_passages() -> None:
    output = render([number_changed()], one("error"), full=True)
    assert output.splitlines() == [
        "story.txt:5:21: error number-changed number changed: nine -> five",
        "  reference wire.txt:10:151",
        "  - They have captured [-nine-] provincial centers from government forces in six days.",
        "  + Insurgents captured {+five+} of the country’s 34 provincial capitals in less than a week.",
        "",
        "Found 1 finding (1 error) in 1 file.",
    ]


def test_full_single_version_finding_shows_only_the_rewrite() -> None:
    output = render([residue()], one("warning"), full=True)
    assert output.splitlines() == [
        "story.txt:1:1: warning scraper-residue scraper residue: [ad_1]",
        "    [ad_1]",
        "    ^^^^^^",
        "",
        "Found 1 finding (1 warning) in 1 file.",
    ]


def test_full_omission_shows_the_reference_text_on_one_line() -> None:
    output = render([omitted()], one("info"), full=True)
    assert output.splitlines() == [
        "story.txt:1:38: info passage-omitted "
        "1 reference passage(s) left out (5 words): He will meet both delegations.",
        "  reference wire.txt:1:39",
        "  - He will meet ⏎ both delegations.",
        "",
        "Found 1 finding (1 info) in 1 file.",
    ]


def test_full_passages_spanning_lines_stay_on_one_display_line() -> None:
    finding = replace(
        number_changed(), excerpt=Excerpt("Insurgents captured\nfive capitals.", ((20, 24),))
    )
    output = render([finding], one("error"), full=True)
    assert "  + Insurgents captured ⏎ {+five+} capitals." in output.splitlines()


@pytest.mark.parametrize("full", [False, True])
def test_no_colour_means_no_ansi_codes(full: bool) -> None:
    findings = [residue(), number_changed(), omitted()]
    summary = Summary(1, 3, {"error": 1, "warning": 1, "info": 1})
    assert "\x1b" not in render(findings, summary, full=full, colour=False)


@pytest.mark.parametrize("full", [False, True])
def test_colour_only_adds_ansi_codes(full: bool) -> None:
    findings = [residue(), number_changed(), omitted()]
    summary = Summary(1, 3, {"error": 1, "warning": 1, "info": 1})
    plain = render(findings, summary, full=full, colour=False)
    coloured = render(findings, summary, full=full, colour=True)
    assert coloured != plain
    assert ANSI.sub("", coloured) == plain


def test_colour_marks_severity_rule_and_changed_words() -> None:
    output = render([number_changed()], one("error"), full=True, colour=True)
    first, _, deleted, inserted, *_ = output.splitlines()
    assert first == (
        "story.txt:5:21: \x1b[31merror\x1b[0m \x1b[1mnumber-changed\x1b[0m "
        "number changed: nine -> five"
    )
    assert "\x1b[1;31m[-nine-]\x1b[0m" in deleted
    assert "\x1b[1;32m{+five+}\x1b[0m" in inserted


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (Summary(1, 0, {}), "No findings in 1 file."),
        (Summary(3, 0, {}), "No findings in 3 files."),
        (Summary(1, 1, {"warning": 1}), "Found 1 finding (1 warning) in 1 file."),
        (Summary(1, 1, {"info": 1}), "Found 1 finding (1 info) in 1 file."),
        (
            Summary(2, 6, {"error": 1, "warning": 2, "info": 3}),
            "Found 6 findings (1 error, 2 warnings, 3 info) in 2 files.",
        ),
        (Summary(0, 0, {}, failed_files=1), "No findings in 0 files; 1 could not be read."),
        (
            Summary(1, 2, {"error": 2}, failed_files=2),
            "Found 2 findings (2 errors) in 1 file; 2 could not be read.",
        ),
    ],
)
def test_summary_line(summary: Summary, line: str) -> None:
    assert render([], summary, full=False) == line + "\n"
