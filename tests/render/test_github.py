"""`check --format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace

import pytest
from helpers import ROOT, finding, number_changed, run, write

from rewritelint.findings import Summary
from rewritelint.model import Finding, Location
from rewritelint.render import github

REWRITE = "seeds/004_aa7a28f18c50d0f7.txt"
REFERENCE = "seeds/003_380c5302f4e8ce27.txt"


@pytest.fixture(scope="module")
def seed_run():
    return run(ROOT, "check", REWRITE, "--against", REFERENCE, "--format", "github")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the Actions runner does (split, then unescape)."""
    assert line.startswith("::")
    head, data = line[2:].split("::", 1)
    name, _, props = head.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, value = pair.split("=", 1)
        properties[key] = _unescape(value, property=True)
    return name, properties, _unescape(data)


def _unescape(text: str, *, property: bool = False) -> str:
    text = text.replace("%0D", "\r").replace("%0A", "\n")
    if property:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%25", "%")


def test_the_number_change_is_an_error_annotation(seed_run) -> None:
    assert (
        "::error file=seeds/004_aa7a28f18c50d0f7.txt,line=5,col=21,endLine=5,endColumn=25,"
        "title=rewritelint (number-changed)::number changed: nine -> five "
        "(reference seeds/003_380c5302f4e8ce27.txt:10:151)"
    ) in seed_run.stdout.splitlines()


def test_scraper_residue_is_a_warning_annotation(seed_run) -> None:
    lines = seed_run.stdout.splitlines()
    assert (
        "::warning file=seeds/004_aa7a28f18c50d0f7.txt,line=1,col=1,endLine=1,endColumn=7,"
        "title=rewritelint (scraper-residue)::scraper residue: [ad_1]"
    ) in lines
    assert (
        "::warning file=seeds/004_aa7a28f18c50d0f7.txt,line=26,col=1,endLine=26,endColumn=12,"
        "title=rewritelint (scraper-residue)::scraper residue: Source link"
    ) in lines


def test_info_is_a_notice_and_a_multiline_span_has_no_columns(seed_run) -> None:
    """The runner drops col/endColumn when line and endLine differ, so they are not sent."""
    lines = seed_run.stdout.splitlines()
    added = [line for line in lines if "(passage-added)" in line]
    assert added[0].startswith(
        "::notice file=seeds/004_aa7a28f18c50d0f7.txt,line=1,endLine=2,"
        "title=rewritelint (passage-added)::2 passage(s) not in the reference"
    )
    omitted = [line for line in lines if "(passage-omitted)" in line]
    assert (
        "::notice file=seeds/004_aa7a28f18c50d0f7.txt,line=3,col=236,endLine=3,endColumn=236,"
        "title=rewritelint (passage-omitted)::7 reference passage(s) left out"
    ) in "\n".join(omitted)


def test_one_command_per_line_then_the_summary_notice(seed_run) -> None:
    lines = seed_run.stdout.splitlines()
    assert seed_run.stdout.endswith("\n")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1])
    text = run(ROOT, "check", REWRITE, "--against", REFERENCE, "--concise")
    text_lines = text.stdout.splitlines()
    assert len(lines) == len(text_lines)  # one annotation per finding + the summary
    assert text_lines[-1].startswith("Found ") and "(1 error, " in text_lines[-1]
    assert lines[-1] == f"::notice::{text_lines[-1]}"
    # Each annotation is a title and one line of at most 300 characters: the passages of
    # an omission, a quotation's full text go to the job summary instead.
    messages = [parse(line)[2] for line in lines[:-1]]
    assert max(len(m) for m in messages) <= github.MAX_MESSAGE
    assert all("\n" not in m and "\r" not in m for m in messages)
    assert "\r" not in seed_run.stdout


def test_exit_codes_are_the_contract_s(seed_run, tmp_path) -> None:
    assert seed_run.returncode == 1, seed_run.stderr
    only_warnings = run(
        ROOT, "check", REWRITE, "--against", REFERENCE, "--format", "github", "--select", "artifact"
    )
    assert only_warnings.returncode == 0, only_warnings.stderr
    assert only_warnings.stdout.count("::warning ") == 8
    failing = run(
        ROOT,
        "check",
        REWRITE,
        "--against",
        REFERENCE,
        "--format",
        "github",
        "--select",
        "artifact",
        "--fail-on",
        "warning",
    )
    assert failing.returncode == 1
    assert failing.stdout == only_warnings.stdout
    write(tmp_path / "clean.txt", "The envoy arrived in Doha on Tuesday.\n")
    clean = run(tmp_path, "check", "clean.txt", "--format", "github")
    assert (clean.returncode, clean.stdout) == (0, "::notice::No findings in 1 file.\n")


def at_2_3_to_2_6(file: str, rule: str) -> dict[str, str]:
    """The properties of an annotation of ``rule`` on ``file`` from 2:3 to 2:6."""
    return {
        "file": file,
        "line": "2",
        "col": "3",
        "endLine": "2",
        "endColumn": "6",
        "title": f"rewritelint ({rule})",
    }


def escaped_finding() -> Finding:
    return number_changed(
        passage=None,
        wire_passage=None,
        message="number changed: 95% -> 59%\r\nsecond line, still: the message",
        location=Location("stories/a,b:c 100%.txt", 2, 3, 2, 6, "59%", 10, 13),
        reference=Location("wire/x:y.txt", 4, 1, 4, 4, "95%\nof", 30, 36),
    )


def test_escaping_of_message_and_properties() -> None:
    line = github.command(escaped_finding())
    assert line == (
        "::error file=stories/a%2Cb%3Ac 100%25.txt,line=2,col=3,endLine=2,endColumn=6,"
        "title=rewritelint (number-changed)"
        "::number changed: 95%25 -> 59%25 second line, still: the message "
        "(reference wire/x:y.txt:4:1)"
    )
    name, properties, message = parse(line)
    assert name == "error"
    assert properties == at_2_3_to_2_6("stories/a,b:c 100%.txt", "number-changed")
    assert message == (
        "number changed: 95% -> 59% second line, still: the message (reference wire/x:y.txt:4:1)"
    )


def test_escaping_does_not_double_escape() -> None:
    assert github.escape_data("%0A") == "%250A"
    assert github.escape_property("%3A,") == "%253A%2C"
    assert parse("::notice::" + github.escape_data("50%0A%25 :,\n"))[2] == "50%0A%25 :,\n"


def test_render_writes_findings_then_the_summary() -> None:
    out = io.StringIO()
    summary = Summary(2, 1, {"error": 1}, failed_files=1, by_category={"number": 1})
    github.render([escaped_finding()], summary, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0] == github.command(escaped_finding())
    assert lines[1] == (
        "::notice::Found 1 finding (1 error) in 2 files; 1 could not be read. By category: number 1."
    )


# --- untrusted text: nothing a story or a file name holds can steer the runner ----------------


def hostile_finding() -> Finding:
    return finding(
        "quote-altered", "quote", "error",
        "quotation altered: 'a' -> 'b'\n::add-mask::secret\r::stop-commands::tok %0A::warning::x",
        Location("a.txt,line=99,title=x::evil\n::error::y.txt", 2, 3, 2, 6, "b", 10, 13),
    )  # fmt: skip


def test_story_text_cannot_end_the_command_add_a_property_or_start_another() -> None:
    line = github.command(hostile_finding())
    assert "\n" not in line and "\r" not in line
    # The properties end at the command's own "::": a value's ":" and "," are escaped.
    assert line.startswith(
        "::error file=a.txt%2Cline=99%2Ctitle=x%3A%3Aevil%0A%3A%3Aerror%3A%3Ay.txt,"
    )
    name, properties, message = parse(line)
    assert name == "error"
    assert properties == at_2_3_to_2_6(
        "a.txt,line=99,title=x::evil\n::error::y.txt", "quote-altered"
    )
    assert message == " ".join(hostile_finding().message.split())  # one line, nothing added


def test_controls_are_shown_escaped_in_message_and_properties() -> None:
    """The runner has no escape for ESC, BEL or a bidi override and the log viewer would
    act on them (colours, links), so they are shown as the text output shows them."""
    finding = replace(
        hostile_finding(),
        message="nine -> \x1b]8;;https://evil/\x07five\x1b]8;;\x07\x00\x85\u2028\u202e",
        location=Location("evil\x1b[31m\u2066.txt", 2, 3, 2, 6, "five", 10, 13),
    )
    line = github.command(finding)
    assert line == (
        "::error file=evil\\x1b[31m\\u2066.txt,line=2,col=3,endLine=2,endColumn=6,"
        "title=rewritelint (quote-altered)"
        "::nine -> \\x1b]8;;https://evil/\\x07five\\x1b]8;;\\x07\\x00 \\u202e"
    )
    assert [c for c in line if unicodedata.category(c)[0] == "C"] == []
    assert github.escape_data("\udcff") == "\\udcff"  # an undecodable byte of a name


def test_a_long_message_is_cut_to_one_short_line() -> None:
    quote = "We will not surrender the city to anyone, " * 40
    finding = replace(hostile_finding(), message=f"quotation altered: '{quote}' -> '{quote}x'")
    _, _, message = parse(github.command(finding))
    assert len(message) == github.MAX_MESSAGE
    assert message.endswith("…") and "\n" not in message


def test_the_job_summary_has_every_finding_in_full_and_inert() -> None:
    out, step = io.StringIO(), io.StringIO()
    quote = "We will not surrender the city to anyone, " * 20
    long = replace(escaped_finding(), message=f"quotation altered: '{quote}'")
    summary = Summary(1, 2, {"error": 2})
    github.render([long, hostile_finding()], summary, out, step)
    lines = step.getvalue().splitlines()
    assert lines[:4] == ["## rewritelint", "", "Found 2 findings \\(2 errors\\) in 1 file\\.", ""]
    assert lines[4:6] == [
        "| severity | where | rule | message | reference |",
        "|---|---|---|---|---|",
    ]
    rows = lines[6:8]
    assert quote.strip() in rows[0].replace("\\", "")  # the quotation whole
    for row in rows:  # six cell borders: no text of the story adds a column
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
    assert "<" not in step.getvalue() and "\x1b" not in step.getvalue()
    assert out.getvalue().count("\n") == 3  # the annotations themselves are unchanged


def test_the_cli_writes_the_job_summary_when_actions_sets_it(tmp_path) -> None:
    import os
    import subprocess

    from helpers import EXE

    step = tmp_path / "summary.md"
    step.write_text("earlier step\n", encoding="utf-8")
    args = [EXE, "check", REWRITE, "--against", REFERENCE, "--format", "github"]
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(step)}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    text = step.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## rewritelint\n")  # appended, as Actions expects
    assert "| error | seeds/004\\_aa7a28f18c50d0f7\\.txt:5:21 | number\\-changed |" in text
    quiet = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    again = subprocess.run(args, cwd=ROOT, env=quiet, capture_output=True, text=True, check=False)
    assert again.stdout == result.stdout
    assert step.read_text(encoding="utf-8") == text  # nothing written without the variable


def test_the_job_summary_lists_the_worst_first_and_annotations_keep_their_order() -> None:
    from rewritelint.rank import rank

    residue = finding(
        "scraper-residue", "artifact", "warning", "scraper residue: [ad_1]",
        Location("stories/a.txt", 1, 1, 1, 7, "[ad_1]", 0, 6), None, "fedcba9876543210fedc",
    )  # fmt: skip
    changed = number_changed(path="stories/a.txt")
    out, step = io.StringIO(), io.StringIO()
    ranking = rank([residue, changed])
    github.render([residue, changed], Summary(1, 2, {"error": 1, "warning": 1}), out, step,
                  [r.finding for r in ranking.findings])  # fmt: skip
    annotations = out.getvalue().splitlines()[:2]
    assert [parse(line)[0] for line in annotations] == ["warning", "error"]  # file order
    rows = [line for line in step.getvalue().splitlines() if line.startswith("| ")][1:]
    assert [row.split(" | ")[0] for row in rows] == ["| error", "| warning"]
