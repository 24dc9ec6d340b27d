"""YAML bombs in front matter, configs and rule files: refused at once, with file and line.

A billion-laughs document is a few hundred bytes that expands to 10**9 values for whoever
walks it; a document nested thousands deep kills PyYAML's recursive composer. Both are
refused before anything is built, in each of the three places YAML is read.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import run, write

from rewritelint.safeyaml import MAX_DEPTH, YAMLLimitError, check_limits, safe_load

LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
"""Nine levels of nine aliases: 9**9 (387 million) strings once expanded. Line 6 is where
the count passes 200,000."""
DEEP_FLOW = "value: " + "[" * 10_000 + "]" * 10_000 + "\n"
"""10,000 lists deep: once "invalid YAML: RecursionError"."""
DEEP_BLOCK = "".join(" " * depth + "a:\n" for depth in range(200)) + " " * 200 + "a: 1\n"
WIRE = "They have captured nine provincial centers from government forces in six days.\n"


def test_an_alias_bomb_is_refused_where_it_passes_the_limit() -> None:
    with pytest.raises(YAMLLimitError, match="alias bomb") as caught:
        check_limits(LAUGHS)
    assert (caught.value.line, caught.value.column) == (6, 12)


@pytest.mark.parametrize("text", [DEEP_FLOW, DEEP_BLOCK], ids=["flow", "block"])
def test_deep_nesting_is_refused(text: str) -> None:
    with pytest.raises(YAMLLimitError, match=f"nested more than {MAX_DEPTH} levels deep"):
        check_limits(text)


def test_an_alias_of_its_own_anchor_is_refused() -> None:
    with pytest.raises(YAMLLimitError, match=r"alias \*x refers to a value holding it"):
        check_limits("a: &x [1, *x]\n")


def test_ordinary_anchors_and_merge_keys_still_load() -> None:
    text = "base: &b {severity: warning}\nrule: {<<: *b, id: x}\nlist: [*b, *b]\n"
    assert safe_load(text)["rule"] == {"severity": "warning", "id": "x"}


def test_the_built_in_rule_packs_are_far_inside_the_limits() -> None:
    rules = Path(__file__).resolve().parent.parent / "rules"
    for pack in rules.glob("*.yaml"):
        check_limits(pack.read_text(encoding="utf-8"), max_depth=12, max_nodes=20_000)


# --- through the command, in the three places YAML is read ---------------------------------------


def assert_one_line(result, *parts: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr


@pytest.mark.parametrize(
    ("bomb", "line", "problem"),
    [(LAUGHS, 7, "alias bomb"), (DEEP_FLOW, 2, "nested more than 64 levels deep")],
    ids=["laughs", "deep"],
)
def test_front_matter_bombs_are_one_error_line(
    tmp_path: Path, bomb: str, line: int, problem: str
) -> None:
    write(tmp_path / "wire.txt", WIRE)
    write(tmp_path / "story.md", f"---\n{bomb}---\n{WIRE}")
    started = time.monotonic()
    result = run(tmp_path, "check", "story.md", "--against", "wire.txt")
    assert time.monotonic() - started < 20
    assert_one_line(result, "story.md: front matter: invalid YAML", f"at line {line}", problem)


BOMBS = pytest.mark.parametrize(
    ("bomb", "where", "problem"),
    [(LAUGHS, ":6:12:", "alias bomb"), (DEEP_FLOW, ":1:71:", "nested more than 64 levels deep")],
    ids=["laughs", "deep"],
)
"""Each bomb, where its YAML error is reported, and the problem the error line names."""


@BOMBS
def test_config_bombs_are_one_error_line(
    tmp_path: Path, bomb: str, where: str, problem: str
) -> None:
    write(tmp_path / ".rewritelint.yaml", bomb)
    write(tmp_path / "story.txt", WIRE)
    result = run(tmp_path, "check", "story.txt", "--against", "story.txt")
    assert_one_line(result, f".rewritelint.yaml{where} invalid YAML: ", problem)


def test_a_deep_toml_config_names_the_problem(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.rewritelint]\nrules = " + "[" * 5000 + "]" * 5000)
    write(tmp_path / "story.txt", WIRE)
    result = run(tmp_path, "check", "story.txt", "--against", "story.txt")
    assert_one_line(result, "pyproject.toml: invalid TOML", "nested too deeply")


@BOMBS
def test_rule_file_bombs_are_one_error_line(
    tmp_path: Path, bomb: str, where: str, problem: str
) -> None:
    write(tmp_path / "desk.yaml", "rules: []\n" + bomb)
    write(tmp_path / "story.txt", WIRE)
    result = run(tmp_path, "check", "story.txt", "--against", "story.txt", "--rules", "desk.yaml")
    line = int(where.strip(":").split(":")[0]) + 1  # "rules: []" comes first
    assert_one_line(result, f"desk.yaml:{line}:", "invalid YAML", problem)
