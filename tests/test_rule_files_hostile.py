"""Hostile rule files and configuration (issue 7), through the installed command.

test_ruleset.py already checks, in-process, the error text and position of malformed YAML,
wrong types, unknown keys, duplicate ids, unknown kinds, bad placeholders, a ``!!python`` tag
in a rule file and ``(a+)+$`` on 5,000 characters; test_load.py a ``!!python`` tag in front
matter; test_config.py bad config keys and values. Here: the same attacks end to end, on every
command and every place YAML is read, with a marker file proving nothing ran; catastrophic
patterns timed on 100 KB lines; YAML and TOML that break the parsers themselves.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import run, timed_run, write

WIRE = "KABUL (AP) - Insurgents captured nine provincial capitals in six days.\n"
CHANGED = WIRE.replace("nine", "five")

PACK = """rules:
  - id: desk-residue
    category: artifact
    severity: warning
    kind: pattern
    patterns: ['{pattern}']
    message: "residue: {{match}}"
"""


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


def the_error_line(result: subprocess.CompletedProcess[str]) -> str:
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("rewritelint: error: "), lines[0]
    return lines[0]


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """wire.txt and a drifted story.txt (nine -> five)."""
    write(tmp_path / "wire.txt", WIRE)
    write(tmp_path / "story.txt", CHANGED)
    return tmp_path


# --- !!python tags: rejected, never executed, wherever YAML is read --------------------------------

APPLY = '!!python/object/apply:os.system ["touch {marker}"]'
NEW = '!!python/object/new:subprocess.call [["touch", "{marker}"]]'


@pytest.mark.parametrize(
    ("where", "tag"),
    [
        ("check --rules", APPLY),
        ("check --rules", NEW),
        ("report --rules", APPLY),
        ("rules --rules", APPLY),
        ("rules --test", NEW),
        (".rewritelint.yaml", APPLY),
        ("config value", NEW),
        ("report --config", APPLY),
        ("front matter", APPLY),
        ("front matter", NEW),
    ],
)
def test_python_tags_are_rejected_and_never_run(desk: Path, where: str, tag: str) -> None:
    marker = desk / "HACKED"
    evil = tag.format(marker=marker)
    pack = write(desk / "evil.yaml", f"rules: {evil}\n")
    config = write(desk / "evil-config.yaml", f"wire: [wire/]\nfail-on: {evil}\n")
    commands = {
        "check --rules": ["check", "story.txt", "--against", "wire.txt", "--rules", pack],
        "report --rules": ["report", ".", "--rules", pack],
        "rules --rules": ["rules", "--rules", pack],
        "rules --test": ["rules", "--test", pack],
        "report --config": ["report", ".", "--config", config],
        "config value": ["check", "story.txt", "--config", config],
    }
    if where == ".rewritelint.yaml":
        write(desk / ".rewritelint.yaml", f"rules: {evil}\n")
        args = ["check", "story.txt", "--against", "wire.txt"]
    elif where == "front matter":
        write(desk / "story.md", f"---\ntitle: {evil}\nsource: wire.txt\n---\n{CHANGED}")
        args = ["check", "story.md", "story.txt", "--against", "wire.txt"]
    else:
        args = commands[where]
    result = run(desk, *args)
    assert not marker.exists(), "the YAML tag ran a command"
    assert result.returncode == 2
    line = the_error_line(result)
    assert "python/object" in line
    if where == "front matter":  # a story's problem: the other story is still checked
        assert line.startswith("rewritelint: error: story.md: front matter: invalid YAML at line 2")
        assert "story.txt:1:34: error number-changed" in result.stdout
    else:
        assert result.stdout == ""


# --- catastrophic user patterns --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        ("(a+)+$", "a" * 100_000),
        ("(a+)+$", "a" * 100_000 + "!"),
        ("(x+x+)+y", "a" * 100_000),
        ("(x+x+)+y", "x" * 100_000),
        ("(a|aa)+$", "a" * 100_000 + "!"),
        ("^(\\w+\\s?)*$", "a" * 100_000 + "!"),
    ],
    ids=["a+-matching", "a+-failing", "x+x+-on-a", "x+x+-on-x", "alternation", "words"],
)
def test_a_catastrophic_pattern_on_a_100_kb_line_cannot_hang_check(
    desk: Path, pattern: str, line: str
) -> None:
    write(desk / "desk.yaml", PACK.format(pattern=pattern))
    write(desk / "long.txt", line + "\n")
    result, elapsed = timed_run(
        desk, "check", "long.txt", "--against", "wire.txt", "--rules", "desk.yaml", timeout=30
    )
    if result.returncode == 2:  # stopped by the time limit: one line naming rule, file, story
        error = the_error_line(result)
        assert error.startswith("rewritelint: error: desk.yaml:2:")
        assert "'desk-residue'" in error and "long.txt" in error
    else:  # finished: found the line or nothing
        assert result.returncode in (0, 1), result.stderr
    assert elapsed < 2.0, f"{pattern} took {elapsed:.2f} s"


@pytest.mark.parametrize(
    "jobs",
    [
        "1",
        "2",
    ],
)
def test_a_catastrophic_pattern_in_report(desk: Path, jobs: str) -> None:
    write(desk / "desk.yaml", PACK.format(pattern="(a+)+$"))
    folder = desk / "folder"
    write(folder / "a-wire.txt", WIRE)
    write(folder / "b.txt", CHANGED)
    write(folder / "c.txt", "a" * 100_000 + "!\n")  # a second story: the pool is used
    result, elapsed = timed_run(
        desk, "report", "folder", "--rules", "desk.yaml", "--jobs", jobs, timeout=30
    )
    assert result.returncode == 2
    assert "'desk-residue'" in the_error_line(result)
    assert elapsed < 3.0


# --- input that breaks the parsers themselves --------------------------------------------------------

DEEP = "".join("  " * i + f"- level{i}:\n" for i in range(300))
"""300 nested block sequences/mappings: PyYAML's constructor recurses once per level."""
HUGE_INT = "1" + "0" * 5000
"""Over Python's 4,300-digit limit for int(str): PyYAML and tomllib raise ValueError."""


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("rules-deep.yaml", f"rules:\n{DEEP}"),
        ("rules-int.yaml", PACK.format(pattern="x") + f"    min_words: {HUGE_INT}\n"),
        (".rewritelint.yaml", f"wire:\n{DEEP}"),
        (".rewritelint.yaml", f"similarity: {HUGE_INT}\n"),
        ("pyproject.toml", f"[tool.rewritelint]\nsimilarity = {HUGE_INT}\n"),
    ],
    ids=["rules-deep", "rules-int", "config-deep", "config-int", "pyproject-int"],
)
def test_parser_breaking_yaml_and_toml_is_one_error_line(desk: Path, name: str, text: str) -> None:
    write(desk / name, text)
    extra = ["--rules", name] if name.startswith("rules") else []
    result = run(desk, "check", "story.txt", "--against", "wire.txt", *extra)
    assert result.returncode == 2
    assert name in the_error_line(result)


def test_deep_and_huge_front_matter_is_one_error_line_per_story(desk: Path) -> None:
    write(desk / "deep.md", f"---\nsource:\n{DEEP}---\n{CHANGED}")
    write(desk / "int.md", f"---\nsource: {HUGE_INT}\n---\n{CHANGED}")
    result = run(desk, "check", "deep.md", "int.md", "story.txt", "--against", "wire.txt")
    no_traceback(result)
    errors = result.stderr.splitlines()
    assert [e.split(": front matter: ")[0] for e in errors] == [
        "rewritelint: error: deep.md",
        "rewritelint: error: int.md",
    ]
    assert "story.txt:1:34: error number-changed" in result.stdout
    assert result.returncode == 2


@pytest.mark.parametrize(
    ("data", "loads"),
    [
        (b"\xef\xbb\xbf" + PACK.format(pattern="x").encode(), True),
        (PACK.format(pattern="x").replace("\n", "\r\n").encode(), True),
        (PACK.format(pattern="x").encode("utf-16"), False),
        (PACK.format(pattern="résidue").encode("cp1252"), False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", False),
        (b"", False),
    ],
    ids=["utf-8-bom", "crlf", "utf-16", "cp1252", "png", "empty"],
)
def test_a_rule_file_in_an_odd_encoding(desk: Path, data: bytes, loads: bool) -> None:
    (desk / "desk.yaml").write_bytes(data)
    result = run(desk, "check", "story.txt", "--against", "wire.txt", "--rules", "desk.yaml")
    if loads:
        no_traceback(result)
        assert result.returncode == 1, result.stderr
        assert "story.txt:1:34: error number-changed" in result.stdout
    else:
        assert result.returncode == 2
        assert the_error_line(result).startswith("rewritelint: error: desk.yaml")
        assert result.stdout == ""


# --- init -------------------------------------------------------------------------------------------


def test_init_force_over_a_directory_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / ".rewritelint.yaml").mkdir()
    result = run(tmp_path, "init", "--force")
    assert result.returncode == 2
    assert ".rewritelint.yaml" in the_error_line(result)
    assert [p.name for p in tmp_path.iterdir()] == [".rewritelint.yaml"]  # no temporary left


def test_init_force_over_a_symlink_does_not_write_through_it(tmp_path: Path) -> None:
    story = write(tmp_path / "story.txt", CHANGED)
    (tmp_path / ".rewritelint.yaml").symlink_to("story.txt")
    result = run(tmp_path, "init", "--force")
    assert result.returncode == 0, result.stderr
    assert story.read_text(encoding="utf-8") == CHANGED
    assert not (tmp_path / ".rewritelint.yaml").is_symlink()
