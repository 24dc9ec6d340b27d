"""The installed ``rewritelint`` command: exit codes, stderr lines, text and JSON output."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AP_CHANGED as CHANGED
from helpers import AP_WIRE as WIRE
from helpers import EXE, FINDING_KEYS, REFERENCE_KEYS, ROOT, run, write

import rewritelint
from rewritelint.ruleset import load_ruleset

# CHANGED: one error, nine -> five on line 1 (column 34).
RESIDUE = WIRE + "[ad_1]\n"
"""One warning only: scraper residue on line 6."""


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the installed console script from the repository root."""
    return run(ROOT, *args)


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stderr.splitlines()


def story(tmp_path: Path, text: str, name: str = "story.txt") -> Path:
    """Write a rewrite into ``tmp_path``."""
    return write(tmp_path / name, text)


# --- version, help, start-up --------------------------------------------------------------------


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"rewritelint, version {rewritelint.__version__}"


def test_python_dash_m_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rewritelint", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert rewritelint.__version__ in result.stdout


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["--help"], "check"),
        (["check", "--help"], "--against"),
        (["rules", "--help"], "--test"),
    ],
)
def test_help(args: list[str], mentions: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: rewritelint")
    assert mentions in result.stdout


HEAVY = (
    "yaml",
    "nupunkt",
    "text_to_num",
    "regex",
    "ftfy",
    "charset_normalizer",
    "diff_match_patch",
)

STARTUP_PROBE = """
import contextlib, io, sys
from rewritelint.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main({args!r})
heavy = {heavy!r}
print(code, sorted(m for m in sys.modules if m.split(".")[0] in heavy))
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["check", "--help"], ["rules", "--help"]]
)
def test_startup_imports_no_heavy_module(args: list[str]) -> None:
    probe = STARTUP_PROBE.format(args=args, heavy=set(HEAVY))
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.stdout.strip() == "0 []", result.stderr


# --- exit codes and selection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "lines"),
    [
        (
            CHANGED,
            1,
            [
                ":1:34: error number-changed number changed: nine -> five",
                "Found 1 finding (1 error) in 1 file. By category: number 1.",
            ],
        ),
        (
            RESIDUE,
            0,
            [
                ":6:1: warning scraper-residue scraper residue: [ad_1]",
                "Found 1 finding (1 warning) in 1 file. By category: artifact 1.",
            ],
        ),
    ],
    ids=["an-error-finding-exits-1", "warnings-alone-exit-0-but-are-printed"],
)
def test_exit_code_and_printed_findings(
    tmp_path: Path, wire: Path, text: str, code: int, lines: list[str]
) -> None:
    rewrite = story(tmp_path, text)
    result = run_cli("check", rewrite, "--against", wire)
    assert result.returncode == code
    finding, summary = lines
    assert result.stdout.splitlines() == [f"{rewrite}{finding}", summary]
    assert result.stderr == ""


def test_fail_on_warning_makes_warnings_exit_1(tmp_path: Path, wire: Path) -> None:
    result = run_cli("check", story(tmp_path, RESIDUE), "--against", wire, "--fail-on", "warning")
    assert result.returncode == 1


def test_a_rewrite_identical_to_its_reference_is_clean(tmp_path: Path, wire: Path) -> None:
    result = run_cli("check", story(tmp_path, WIRE), "--against", wire)
    assert result.returncode == 0
    assert result.stdout == "No findings in 1 file.\n"
    assert result.stderr == ""


def test_select_keeps_only_the_category(tmp_path: Path, wire: Path) -> None:
    rewrite = story(tmp_path, CHANGED + "[ad_1]\n")
    everything = run_cli("check", rewrite, "--against", wire, "--format", "json")
    assert {f["category"] for f in json.loads(everything.stdout)["findings"]} == {
        "number",
        "artifact",
    }
    result = run_cli("check", rewrite, "--against", wire, "--select", "number", "--format", "json")
    assert result.returncode == 1
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["number-changed"]


def test_ignore_artifact_drops_scraper_residue(tmp_path: Path, wire: Path) -> None:
    rewrite = story(tmp_path, RESIDUE)
    result = run_cli("check", rewrite, "--against", wire, "--ignore", "artifact")
    assert result.returncode == 0
    assert result.stdout == "No findings in 1 file.\n"


def test_select_an_unknown_id_is_a_usage_error(tmp_path: Path, wire: Path) -> None:
    result = run_cli("check", story(tmp_path, CHANGED), "--against", wire, "--select", "nmber")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "unknown rule or category 'nmber' (did you mean 'number'?)" in result.stderr


@pytest.mark.parametrize(
    "option", [["--select", "nmber"], ["--max-file-size", "10x"]], ids=["select", "size"]
)
def test_a_usage_error_is_one_stderr_line(tmp_path: Path, wire: Path, option: list[str]) -> None:
    result = run_cli("check", story(tmp_path, CHANGED), "--against", wire, *option)
    assert result.returncode == 2
    assert len(stderr_lines(result)) == 1, result.stderr


# --- input errors -------------------------------------------------------------------------------


def test_a_missing_rewrite(tmp_path: Path, wire: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run_cli("check", missing, "--against", wire)
    assert result.returncode == 2
    assert stderr_lines(result) == [f"rewritelint: error: {missing}: no such file"]


def test_the_other_rewrite_is_still_checked(tmp_path: Path, wire: Path) -> None:
    missing = tmp_path / "missing.txt"
    rewrite = story(tmp_path, CHANGED)
    result = run_cli("check", missing, rewrite, "--against", wire)
    assert result.returncode == 2
    assert stderr_lines(result) == [f"rewritelint: error: {missing}: no such file"]
    assert f"{rewrite}:1:34: error number-changed number changed: nine -> five" in (
        result.stdout.splitlines()
    )


def test_a_missing_reference(tmp_path: Path) -> None:
    missing = tmp_path / "wire.txt"
    result = run_cli("check", story(tmp_path, CHANGED), "--against", missing)
    assert result.returncode == 2
    assert stderr_lines(result) == [f"rewritelint: error: {missing}: no such file"]


def test_a_missing_reference_is_reported_once(tmp_path: Path) -> None:
    missing = tmp_path / "wire.txt"
    first = story(tmp_path, CHANGED, "a.txt")
    second = story(tmp_path, CHANGED, "b.txt")
    result = run_cli("check", first, second, "--against", missing)
    assert result.returncode == 2
    assert stderr_lines(result) == [f"rewritelint: error: {missing}: no such file"]


def test_a_directory_as_a_rewrite(tmp_path: Path, wire: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    result = run_cli("check", folder, "--against", wire)
    assert result.returncode == 2
    assert stderr_lines(result) == [f"rewritelint: error: {folder}: is a directory"]


def test_a_binary_file(tmp_path: Path, wire: Path) -> None:
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00\x01")
    result = run_cli("check", binary, "--against", wire)
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert line.startswith(f"rewritelint: error: {binary}: binary file")


def test_a_broken_rules_file(tmp_path: Path, wire: Path) -> None:
    pack = tmp_path / "desk.yaml"
    pack.write_text("rules:\n  - id: desk-residue\n    message: a: b\n", encoding="utf-8")
    result = run_cli("check", story(tmp_path, CHANGED), "--against", wire, "--rules", pack)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = stderr_lines(result)
    assert re.fullmatch(
        rf"rewritelint: error: {re.escape(str(pack))}:3:\d+: invalid YAML: .+", line
    )


def test_a_rules_file_with_an_unfillable_message_is_one_error_line(
    tmp_path: Path, wire: Path
) -> None:
    pack = tmp_path / "desk.yaml"
    pack.write_text(
        "rules:\n  - id: desk-residue\n    category: artifact\n    severity: warning\n"
        "    kind: pattern\n    patterns: ['\\[ad_\\d+\\]']\n    message: '{match!x}'\n",
        encoding="utf-8",
    )
    result = run_cli("check", story(tmp_path, RESIDUE), "--against", wire, "--rules", pack)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert line.startswith(f"rewritelint: error: {pack}:7:")


def test_max_file_size(tmp_path: Path, wire: Path) -> None:
    rewrite = story(tmp_path, CHANGED)
    result = run_cli("check", rewrite, "--against", wire, "--max-file-size", "10")
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert line.startswith(f"rewritelint: error: {rewrite}: file too large")
    assert "10 bytes limit" in line and "--max-file-size" in line


def test_no_reference_runs_single_version_rules_with_a_note(tmp_path: Path) -> None:
    rewrite = story(tmp_path, CHANGED + "[ad_1]\n")
    result = run_cli("check", rewrite)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{rewrite}:6:1: warning scraper-residue scraper residue: [ad_1]",
        "Found 1 finding (1 warning) in 1 file. By category: artifact 1.",
    ]
    (note,) = stderr_lines(result)
    assert note.startswith(f"rewritelint: note: {rewrite}: no source found")
    assert run_cli("check", rewrite, "--fail-on", "warning").returncode == 1


def test_front_matter_source_is_relative_to_the_story(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "ref.txt").write_text(WIRE, encoding="utf-8")
    rewrite = story(folder, "---\ntitle: Kabul\nsource: ref.txt\n---\n" + CHANGED, "kabul.md")
    result = run_cli("check", rewrite, "--format", "json")
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["line"], finding["column"], finding["text"]) == (
        "number-changed",
        5,
        34,
        "five",
    )
    assert finding["reference"]["path"] == str(folder / "ref.txt")
    assert finding["reference"]["text"] == "nine"
    assert "note:" not in result.stderr


# --- colour -------------------------------------------------------------------------------------


def test_piped_output_has_no_colour_unless_asked(tmp_path: Path, wire: Path) -> None:
    rewrite = story(tmp_path, CHANGED)
    assert "\x1b[" not in run_cli("check", rewrite, "--against", wire, "--full").stdout
    coloured = run_cli("check", rewrite, "--against", wire, "--color", "always").stdout
    assert "\x1b[31merror\x1b[0m" in coloured


# --- JSON ---------------------------------------------------------------------------------------


def text_at(path: Path, where: dict) -> str:
    """The file's text between 1-based (line, column) and (end_line, end_column), end exclusive."""
    raw = path.read_bytes().decode("utf-8-sig")
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", raw))]
    start = starts[where["line"] - 1] + where["column"] - 1
    end = starts[where["end_line"] - 1] + where["end_column"] - 1
    return raw[start:end]


def test_json_contract(tmp_path: Path) -> None:
    reference = tmp_path / "wire.txt"
    reference.write_text(
        'KABUL (AP) - "Insurgents" captured nine of the country\'s capitals in six days. '
        "Then 4 more.\n",
        encoding="utf-8",
    )
    rewrite = tmp_path / "story.txt"
    # BOM, curly quotes, mojibake ("â€™"), an astral emoji and CRLF line breaks.
    rewrite.write_bytes(
        "\ufeffKABUL (AP) — “Insurgents” captured five of the countryâ€™s capitals in six days. "
        "😀 Then 7 more.\r\n\r\n[ad_1]\r\n".encode()
    )
    result = run_cli("check", rewrite, "--against", reference, "--format", "json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["version", "findings", "summary"]
    assert document["version"] == 1
    assert document["summary"] == {
        "files": 1,
        "findings": 3,
        "by_severity": {"error": 2, "warning": 1},
    }
    assert [(f["rule"], f["text"]) for f in document["findings"]] == [
        ("number-changed", "five"),
        ("number-changed", "7"),
        ("scraper-residue", "[ad_1]"),
    ]
    for finding in document["findings"]:
        assert list(finding) == FINDING_KEYS
        assert finding["path"] == str(rewrite)
        assert finding["text"] == text_at(rewrite, finding)
        if finding["rule"] == "scraper-residue":
            assert finding["reference"] is None
            assert (finding["line"], finding["column"]) == (3, 1)
        else:
            ref = finding["reference"]
            assert list(ref) == REFERENCE_KEYS
            assert ref["path"] == str(reference)
            assert ref["text"] == text_at(reference, ref)
    assert document["findings"][1]["reference"]["text"] == "4"


def fingerprints(result: subprocess.CompletedProcess[str], rule: str) -> set[str]:
    return {f["fingerprint"] for f in json.loads(result.stdout)["findings"] if f["rule"] == rule}


def test_fingerprints_survive_reordered_paragraphs(tmp_path: Path, wire: Path) -> None:
    changed = CHANGED.replace("300", "200")
    paragraphs = changed.strip().split("\n\n")
    reordered = "\n\n".join(reversed(paragraphs)) + "\n"
    first = run_cli(
        "check", story(tmp_path, changed, "a.txt"), "--against", wire, "--format", "json"
    )
    second = run_cli(
        "check", story(tmp_path, reordered, "b.txt"), "--against", wire, "--format", "json"
    )
    before = fingerprints(first, "number-changed")
    assert len(before) == 2  # nine -> five and 300 -> 200: two findings, two fingerprints
    assert fingerprints(second, "number-changed") == before
    lines = {f["line"] for f in json.loads(second.stdout)["findings"]}
    assert lines == {1, 5}  # the findings really moved


# --- rules command ------------------------------------------------------------------------------


def test_rules_lists_every_builtin_rule() -> None:
    result = run_cli("rules")
    assert result.returncode == 0
    rules = load_ruleset().rules
    lines = result.stdout.splitlines()
    assert len(lines) == len(rules)
    for rule, line in zip(rules, lines, strict=True):
        assert line.split()[:3] == [rule.id, rule.category, rule.severity]


def test_rules_shows_one_rule_with_an_example() -> None:
    result = run_cli("rules", "number-changed")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# number-changed (number, error)"
    assert "## Example" in lines
    assert "  flags:     'five'" in lines


def test_rules_unknown_id() -> None:
    result = run_cli("rules", "nope")
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = stderr_lines(result)
    assert line.startswith("rewritelint: error: unknown rule 'nope'")


def test_rules_json() -> None:
    result = run_cli("rules", "--format", "json")
    assert result.returncode == 0
    assert [r["id"] for r in json.loads(result.stdout)] == [r.id for r in load_ruleset().rules]


def test_rules_test_passes_on_a_builtin_pack() -> None:
    result = run_cli("rules", "--test", "rules/number.yaml")
    assert result.returncode == 0
    assert result.stdout == "All examples passed.\n"


def test_rules_test_reports_a_wrong_expectation(tmp_path: Path) -> None:
    pack = tmp_path / "desk.yaml"
    pack.write_text(
        "rules:\n  - id: desk-residue\n    category: artifact\n    severity: warning\n"
        "    kind: pattern\n    patterns: ['^Click here$']\n    message: 'residue: {match}'\n"
        "    examples:\n      - rewrite: Click here\n        expect: [Click there]\n",
        encoding="utf-8",
    )
    result = run_cli("rules", "--test", pack)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{pack}:2: desk-residue: example 1: expected ['Click there'], flagged ['Click here']",
        "1 example(s) failed.",
    ]


# --- a reader that goes away ---------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "report"])
def test_the_html_page_is_written_when_the_reader_of_stdout_goes_away(
    tmp_path: Path, command: str
) -> None:
    # `rewritelint report FOLDER --html out.html | head -0`: the reader is gone before the
    # first line, so every write to stdout meets a closed pipe.
    page = tmp_path / "out.html"
    if command == "check":
        args = [str(ROOT / "seeds" / "004_aa7a28f18c50d0f7.txt"), "--against"]
        args.append(str(ROOT / "seeds" / "003_380c5302f4e8ce27.txt"))
    else:
        args = [str(ROOT / "seeds")]
    assert EXE is not None
    rewritelint = subprocess.Popen(
        [EXE, command, *args, "--concise", "--html", str(page)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert rewritelint.stdout is not None
    rewritelint.stdout.close()
    status = rewritelint.wait(timeout=120)
    stderr = rewritelint.stderr.read().decode() if rewritelint.stderr else ""
    assert status == 1, stderr  # the run's own status: findings
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
