"""Bounded work per file: size, time and findings limits, each one line naming its flag.

A hostile pull request can add a file that is not a story (megabytes on a line, a
"rewrite" sharing nothing with its source); the run must refuse or skip it quickly and
go on checking the other files.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import run, write

from rewritelint.budget import Budget, OverBudget, parse_size

WIRE = "They have captured nine provincial centers from government forces in six days.\n"
DRIFTED = WIRE.replace("nine", "five")
FIVE = "error number-changed number changed: nine -> five"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    write(tmp_path / "wire.txt", WIRE)
    write(tmp_path / "good.txt", DRIFTED)
    return tmp_path


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("rewritelint: error")]


def test_a_story_over_a_megabyte_is_refused_unread_by_default(desk: Path) -> None:
    write(desk / "big.txt", DRIFTED * (1_100_000 // len(DRIFTED)))
    started = time.monotonic()
    result = run(desk, "check", "big.txt", "good.txt", "--against", "wire.txt")
    assert time.monotonic() - started < 5
    assert error_lines(result) == [
        "rewritelint: error: big.txt: file too large (1.0 MB > 1.0 MB limit; raise it with "
        "--max-file-size)"
    ]
    assert f"good.txt:1:20: {FIVE}" in result.stdout.splitlines()
    assert result.returncode == 2


def test_the_config_raises_the_size_limit(desk: Path) -> None:
    write(desk / "big.txt", DRIFTED * (1_100_000 // len(DRIFTED)))
    write(desk / ".rewritelint.yaml", "max-file-size: 2MB\n")
    result = run(desk, "check", "big.txt", "--against", "wire.txt", "--select", "number")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"big.txt:1:20: {FIVE}\n")


def test_a_file_over_its_time_budget_is_skipped_and_the_rest_checked(desk: Path) -> None:
    write(desk / "slow.txt", DRIFTED)
    result = run(desk, "check", "slow.txt", "--against", "wire.txt", "--max-seconds", "0.000000001")
    assert error_lines(result) == [
        "rewritelint: error: slow.txt: skipped: comparing it took more than 1e-09 s (raise the "
        "limit with --max-seconds)"
    ]
    assert result.stdout == "No findings in 0 files; 1 could not be read.\n"
    assert result.returncode == 2


def test_a_file_with_more_findings_than_its_budget_is_skipped(desk: Path) -> None:
    many = WIRE.replace("nine", "five").replace("six", "seven")  # number-changed twice
    write(desk / "noisy.txt", many)
    result = run(
        desk, "check", "noisy.txt", "good.txt", "--against", "wire.txt", "--max-findings", "1"
    )
    assert error_lines(result) == [
        "rewritelint: error: noisy.txt: skipped: more than 1 findings (2), so it is hardly a "
        "rewrite of its source (raise the limit with --max-findings)"
    ]
    assert f"good.txt:1:20: {FIVE}" in result.stdout.splitlines()
    assert result.returncode == 2


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ("max-file-size: lots\n", "max-file-size: must be a size such as 1MB"),
        ("max-seconds: 0\n", "max-seconds: must be a number of seconds above 0"),
        ("max-findings: 1.5\n", "max-findings: must be a whole number above 0"),
    ],
)
def test_bad_limits_in_the_config_are_one_line(desk: Path, config: str, problem: str) -> None:
    write(desk / ".rewritelint.yaml", config)
    result = run(desk, "check", "good.txt", "--against", "wire.txt")
    assert result.returncode == 2
    (line,) = error_lines(result)
    assert line.endswith(f".rewritelint.yaml: {problem}")


def test_a_bad_size_on_the_command_line_is_one_line(desk: Path) -> None:
    result = run(desk, "check", "good.txt", "--against", "wire.txt", "--max-file-size", "huge")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "rewritelint: error: Invalid value for '--max-file-size': 'huge' is not a size such as 1MB"
    ]


def test_sizes_parse_as_people_write_them() -> None:
    assert parse_size("1MB") == parse_size("1 mb") == parse_size("1M") == 1024**2
    assert parse_size("1.5K") == 1536
    assert parse_size("2048") == 2048
    with pytest.raises(ValueError):
        parse_size("-1MB")


def test_the_deadline_says_which_limit_and_flag() -> None:
    deadline = Budget(seconds=0.0, findings=3).start()
    time.sleep(0.001)
    with pytest.raises(OverBudget, match=r"more than 0 s \(raise the limit with --max-seconds"):
        deadline.check()
    deadline.check_findings(3)
    with pytest.raises(OverBudget, match=r"more than 3 findings \(4\)"):
        deadline.check_findings(4)
