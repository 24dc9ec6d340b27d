"""The text renderer only formats: concise lines, the full form, colour and the summary line."""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import replace

import pytest

from rewritelint.findings import Summary
from rewritelint.model import Excerpt, Finding, Location
from rewritelint.rank import Ranking, rank
from rewritelint.render import safe, text

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


def render(
    findings: list[Finding],
    summary: Summary,
    *,
    full: bool,
    colour: bool = False,
    hint: bool = False,
    width: int = text.WIDTH,
    ranking: Ranking | None = None,
) -> str:
    out = io.StringIO()
    text.render(
        findings, summary, out, full=full, colour=colour, hint=hint, width=width, ranking=ranking
    )
    return out.getvalue()


def one(severity: str) -> Summary:
    return Summary(files=1, findings=1, by_severity={severity: 1})


def test_concise_is_one_line_per_finding_and_the_summary() -> None:
    output = render([number_changed()], one("error"), full=False)
    assert output == (
        "story.txt:5:21: error number-changed number changed: nine -> five\n"
        "Found 1 finding (1 error) in 1 file.\n"
    )


FULL = {
    # Both marked passages under the reference's position.
    "cross-version": (
        number_changed,
        "error",
        [
            "story.txt:5:21: error number-changed number changed: nine -> five",
            "  reference wire.txt:10:151",
            "  - They have captured [-nine-] provincial centers from government forces in six days.",
            "  + Insurgents captured {+five+} of the country’s 34 provincial capitals in less than"
            " a week.",
        ],
    ),
    "single-version": (
        lambda: with_context(),
        "warning",
        [
            "story.txt:1:1: warning scraper-residue scraper residue: [ad_1]",
            "    [ad_1] KABUL - The Taliban",
            "    ^^^^^^",
        ],
    ),
    # The flagged text is the whole passage, and the message quotes it: the line alone.
    "single-version, the whole passage": (
        residue,
        "warning",
        ["story.txt:1:1: warning scraper-residue scraper residue: [ad_1]"],
    ),
    # The line already counts and quotes the left-out passages: no block of text under it.
    "omission": (
        omitted,
        "info",
        [
            "story.txt:1:38: info passage-omitted "
            "1 reference passage(s) left out (5 words): He will meet both delegations.",
            "  reference wire.txt:1:39",
        ],
    ),
}


@pytest.mark.parametrize(("make", "severity", "expected"), FULL.values(), ids=FULL.keys())
def test_full_form_of_one_finding(
    make: Callable[[], Finding], severity: str, expected: list[str]
) -> None:
    output = render([make()], one(severity), full=True)
    assert output.splitlines() == [*expected, "", f"Found 1 finding (1 {severity}) in 1 file."]


def with_context() -> Finding:
    return replace(residue(), excerpt=Excerpt("[ad_1] KABUL - The Taliban", ((0, 6),)))


def test_the_full_form_shows_the_ranked_order_and_folds_info_omissions() -> None:
    findings = [with_context(), omitted(), number_changed()]  # file order
    summary = Summary(1, 3, {"error": 1, "warning": 1, "info": 1})
    ranking = rank(findings)
    assert render(findings, summary, full=True, ranking=ranking).splitlines() == [
        *FULL["cross-version"][2],
        "",  # a blank line where the severity changes
        *FULL["single-version"][2],
        "",
        "story.txt:1:38: info passage-omitted 1 sentence (5 words) not in this version",
        "",
        "Found 3 findings (1 error, 1 warning, 1 info) in 1 file.",
    ]
    # The contract lines keep file order, ranking or not.
    concise = render(findings, summary, full=False, ranking=ranking).splitlines()
    assert concise == [text.line(f) for f in findings] + [text.summary_line(summary)]


def test_a_warning_level_omission_is_not_folded() -> None:
    warned = replace(omitted(), severity="warning")
    output = render([warned], one("warning"), full=True, ranking=rank([warned]))
    assert output.splitlines()[:2] == [text.line(warned), "  reference wire.txt:1:39"]


def test_the_full_form_of_several_files_ends_with_the_worst() -> None:
    elsewhere = replace(number_changed(), location=replace(number_changed().location, path="b.txt"))
    findings = [with_context(), elsewhere]
    summary = Summary(2, 2, {"error": 1, "warning": 1})
    lines = render(findings, summary, full=True, ranking=rank(findings)).splitlines()
    assert lines[0] == text.line(elsewhere)
    assert lines[-5:] == [
        "Worst files:",
        "  b.txt  score 80.0  1 error",
        "  story.txt  score 4.0  1 warning",
        "",
        "Found 2 findings (1 error, 1 warning) in 2 files.",
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


# --- the hint after a blocked commit's findings ------------------------------------------------

HINT = (
    "hint: `rewritelint check story.txt --full` shows the passages; a deliberate change: "
    "put `<!-- rewritelint: ignore number-changed -->` before the sentence, or run "
    "`rewritelint check story.txt --update-baseline` and commit the baseline"
)


def test_the_hint_follows_the_summary_of_the_concise_form() -> None:
    output = render([number_changed()], one("error"), full=False, hint=True)
    assert output.splitlines() == [
        "story.txt:5:21: error number-changed number changed: nine -> five",
        "Found 1 finding (1 error) in 1 file.",
        HINT,
    ]


def test_no_hint_unless_asked() -> None:
    # The CLI asks for it only under pre-commit, when the findings block the commit.
    assert HINT not in render([number_changed()], one("error"), full=False)


def test_no_hint_without_findings_or_in_the_full_form() -> None:
    assert render([], Summary(1, 0, {}), full=False, hint=True) == "No findings in 1 file.\n"
    assert HINT not in render([number_changed()], one("error"), full=True, hint=True)


def test_the_hint_names_the_file_and_rule_of_the_most_severe_findings() -> None:
    elsewhere = replace(residue(), location=replace(residue().location, path="other.txt"))
    summary = Summary(2, 2, {"error": 1, "warning": 1})
    output = render([number_changed(), elsewhere], summary, full=False, hint=True)
    assert output.splitlines()[-1] == HINT
    two = replace(number_changed(), rule="date-changed")
    moved = replace(two, location=replace(two.location, path="b.txt"))
    line = text.hint_line([number_changed(), moved])
    assert "`rewritelint check FILE --full`" in line
    assert "<!-- rewritelint: ignore RULE -->" in line


def test_the_hint_shows_a_hostile_path_escaped_and_quoted() -> None:
    output = render([hostile_number_change()], one("error"), full=False, hint=True)
    hint = output.splitlines()[-1]
    assert output.count("\n") == 3
    assert hint.startswith(f"hint: `rewritelint check 'evil\\n{FORGED}\\x1b[31m.txt' --full`")


def test_colour_dims_the_hint_and_adds_nothing_else() -> None:
    plain = render([number_changed()], one("error"), full=False, hint=True)
    coloured = render([number_changed()], one("error"), full=False, colour=True, hint=True)
    assert coloured.splitlines()[-1] == f"\x1b[2m{HINT}\x1b[0m"
    assert ANSI.sub("", coloured) == plain


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


# --- untrusted text: story text and file names reach the terminal only escaped ----------------

FORGED = "x.txt:1:1: error number-changed forged"
LINKED = "Took \x1b]8;;https://evil/\x07five\x1b]8;;\x07\rcities."
"""An OSC 8 hyperlink around the changed word, and a lone CR (a line break in a file)."""


def hostile_number_change() -> Finding:
    """A finding whose path, message and both passages carry terminal controls."""
    return Finding(
        rule="number-changed",
        category="number",
        severity="error",
        message=f"number changed: nine -> five\x1b[2J\r\n{FORGED}\x07",
        location=Location(f"evil\n{FORGED}\x1b[31m.txt", 5, 21, 5, 25, "five", 120, 124),
        reference=Location("wire\u202etxt.exe", 10, 151, 10, 155, "nine", 900, 904),
        fingerprint="0123456789abcdef0123",
        excerpt=Excerpt(LINKED, ((LINKED.index("five"), LINKED.index("five") + 4),)),
        reference_excerpt=Excerpt("Took nine\x08\x08\x08\x08five \u2066cities\u2069.", ((5, 9),)),
    )


def test_a_hostile_path_and_message_stay_on_their_line() -> None:
    output = render([hostile_number_change()], one("error"), full=False)
    assert output == (
        f"evil\\n{FORGED}\\x1b[31m.txt:5:21: error number-changed "
        f"number changed: nine -> five\\x1b[2J\\r\\n{FORGED}\\x07\n"
        "Found 1 finding (1 error) in 1 file.\n"
    )


def test_full_form_shows_passages_escaped() -> None:
    output = render([hostile_number_change()], one("error"), full=True)
    assert output.splitlines()[1:4] == [
        "  reference wire\\u202etxt.exe:10:151",
        "  - Took [-nine-]\\x08\\x08\\x08\\x08five \\u2066cities\\u2069.",
        "  + Took \\x1b]8;;https://evil/\\x07{+five+}\\x1b]8;;\\x07 ⏎ cities.",
    ]


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("colour", [False, True])
def test_no_raw_control_character_reaches_the_terminal(full: bool, colour: bool) -> None:
    summary = Summary(1, 3, {"error": 1, "warning": 1, "info": 1})
    output = render([hostile_number_change(), residue(), omitted()], summary, full=full)
    if colour:
        coloured = render(
            [hostile_number_change(), residue(), omitted()], summary, full=full, colour=True
        )
        assert ANSI.sub("", coloured) == output
    assert [c for c in output if c != "\n" and unicodedata.category(c)[0] == "C"] == []
    # As many lines as for the same findings with benign text: no line was added.
    benign = render([number_changed(), residue(), omitted()], summary, full=full)
    assert output.count("\n") == benign.count("\n")


def test_carets_stay_under_the_flagged_text_when_it_is_escaped() -> None:
    text_ = "\x1b[31m\tsaid: \x07[ad_1]\u202e\x1b[0m after"
    start = text_.index("[ad_1]")
    finding = replace(residue(), excerpt=Excerpt(text_, ((start - 1, start + 7),)))
    excerpt_line, carets = render([finding], one("warning"), full=True).splitlines()[1:3]
    assert excerpt_line == "    \\x1b[31m\\tsaid: \\x07[ad_1]\\u202e\\x1b[0m after"
    flagged = "\\x07[ad_1]\\u202e"
    assert carets == " " * excerpt_line.index(flagged) + "^" * len(flagged)


def test_benign_non_ascii_is_shown_as_it_is() -> None:
    """Quotes, accents, no-break spaces, Persian joiners and emoji are text, not controls;
    a joiner between ASCII letters only disguises a name, so it is shown."""
    message = "“Zürich” 5\xa0°C — می\u200cخواهم 👩\u200d💻 Khali\u200dlzad"
    finding = replace(number_changed(), message=message)
    assert (
        render([finding], one("error"), full=False)
        .splitlines()[0]
        .endswith("“Zürich” 5\xa0°C — می\u200cخواهم 👩\u200d💻 Khali\\u200dlzad")
    )


def test_no_output_line_is_a_workflow_command() -> None:
    """The Actions runner runs a line that starts (after blanks) with ``::`` and any
    ``##[`` in a line, so a story's text must not print one."""
    finding = replace(
        residue(),
        message="scraper residue: ##[error]forged",
        location=Location("::add-mask::x.txt", 1, 1, 1, 7, "[ad_1]", 0, 6),
        excerpt=Excerpt("::stop-commands::token [ad_1]", ((23, 29),)),
    )
    lines = render([finding], one("warning"), full=True).splitlines()
    assert lines[:2] == [
        "\\x3a:add-mask::x.txt:1:1: warning scraper-residue scraper residue: ##\\x5berror]forged",
        "    \\x3a:stop-commands::token [ad_1]",
    ]
    assert not [line for line in lines if line.lstrip().startswith("::") or "##[" in line]


def test_report_text_escapes_paths_and_reasons() -> None:
    from rewritelint.report import Report, StoryReport, Tally, rank_report
    from rewritelint.story import Story, Version

    wire, evil = "wire\x1b[8m.txt", f"evil\n{FORGED}\u202e.txt"
    story = Story("story-1", (Version(wire, 1.0), Version(evil, 0.5)), "wire credit\r(AP)")
    tally = Tally(wire, 10, (("nine\x07", (wire,)), ("five", (evil,))))
    finding = replace(number_changed(), location=replace(number_changed().location, path=evil))
    report = rank_report(Report([StoryReport(story, (finding,), (tally,))], files=2))
    out = io.StringIO()
    text.render_report(report, one("error"), out)
    shown = f"evil\\n{FORGED}\\u202e.txt"
    assert out.getvalue().splitlines()[2:] == [
        "story-1: 2 version(s); reference wire\\x1b[8m.txt (wire credit\\r(AP))",
        f"  {shown}  similarity 0.50  score 80.0  1 error",
        f"  disagreement at wire\\x1b[8m.txt:10: 'nine\\x07' in 1; 'five' in 1; odd: {shown}",
        f"{shown}:5:21: error number-changed number changed: nine -> five",
        "",
        "Worst versions:",
        f"  {shown}  score 80.0  1 error",
        "",
        "Found 1 finding (1 error) in 1 file.",
    ]


def test_the_escaped_set_covers_every_control_and_format_character() -> None:
    """``safe.UNSAFE`` is written out as ranges (a regex is 8x faster than a category
    lookup per character); this notices a newer Unicode's additions."""
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        and safe.UNSAFE.fullmatch(chr(code)) is None
    ]
    assert missing == []


# --- the full form, fitted to the terminal ---------------------------------------------------------

QUICK_START = ("seeds/004_aa7a28f18c50d0f7.txt", "--against", "seeds/003_380c5302f4e8ce27.txt")


@pytest.mark.parametrize("width", [80, 120])
def test_the_full_form_of_the_quick_start_matches_its_golden_file(width: int) -> None:
    # Each finding's passages are a window around the change, fitted to the width, at
    # most three lines a side; regenerate with REWRITELINT_UPDATE_GOLDEN=1 after a
    # deliberate change and read the diff.
    import os
    import subprocess

    from helpers import EXE, ROOT

    golden = ROOT / "tests" / "render" / f"full_{width}.golden"
    env = {**os.environ, "COLUMNS": str(width)}
    result = subprocess.run(
        [EXE, "check", *QUICK_START, "--full"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    if os.environ.get("REWRITELINT_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    details = [line for line in result.stdout.splitlines() if line.startswith(" ")]
    assert max(len(line) for line in details) <= width
    assert "  - They have captured [-nine-] provincial centers" in result.stdout
    assert result.stdout.count("^") < 200  # carets under what changed, not whole passages


def test_a_long_change_is_at_most_three_lines_a_side() -> None:
    quote = " ".join(["the city will not fall to the insurgents"] * 20)
    finding = replace(
        number_changed(),
        excerpt=Excerpt(quote, ((0, len(quote)),)),
        reference_excerpt=Excerpt(quote.upper(), ((0, len(quote)),)),
    )
    lines = render([finding], one("error"), full=True, width=80).splitlines()
    minus = [k for k, line in enumerate(lines) if line.startswith("  - ")]
    plus = [k for k, line in enumerate(lines) if line.startswith("  + ")]
    assert plus[0] - minus[0] == 3  # three reference lines, then the rewrite's
    assert lines[plus[0] + 2].endswith("…")
    assert all(len(line) <= 80 for line in lines[1:-2])
