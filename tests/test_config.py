"""Project configuration as a user meets it: discovery, every key's visible effect, errors, init."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import run, write

from rewritelint.config import STARTER, load_config

WIRE = (
    "They have captured nine provincial centers from government forces in six days.\n"
    "\n"
    "US President Joe Biden said Tuesday he did not regret his decision.\n"
)
DRIFTED = WIRE.replace("nine", "five")
"""One error against WIRE: nine -> five on line 1, column 20."""
RESIDUE = WIRE + "[ad_1]\n"
"""One warning only against WIRE: scraper residue on line 4."""

NUMBER_LINE = "stories/a.txt:1:20: error number-changed number changed: nine -> five"
RESIDUE_LINE = "stories/a.txt:4:1: warning scraper-residue scraper residue: [ad_1]"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project root with wire/a.txt and a drifted stories/a.txt, and no config yet."""
    write(tmp_path / "wire" / "a.txt", WIRE)
    write(tmp_path / "stories" / "a.txt", DRIFTED)
    return tmp_path


def the_one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 2, nothing on stdout, exactly one stderr line and no traceback; return that line."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- discovery ----------------------------------------------------------------------------------


def test_without_config_no_source_is_found(project: Path) -> None:
    """The baseline for the discovery tests: with no config the wire folder is unknown."""
    result = run(project, "check", "stories/a.txt")
    assert result.returncode == 0
    assert result.stdout == "No findings in 1 file.\n"
    (note,) = result.stderr.splitlines()
    assert note.startswith("rewritelint: note: stories/a.txt: no source found")


def test_yaml_config_is_found_from_a_subfolder(project: Path) -> None:
    write(project / ".rewritelint.yaml", "wire: [wire/]\n")
    deep = project / "stories" / "deep"
    deep.mkdir()
    result = run(deep, "check", "../a.txt")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "../a.txt:1:20: error number-changed number changed: nine -> five",
        "Found 1 finding (1 error) in 1 file. By category: number 1.",
    ]
    wire = project.resolve() / "wire" / "a.txt"
    assert result.stderr.splitlines() == [
        f"rewritelint: ../a.txt: compared with {wire} (best match, 86% shared text)"
    ]


@pytest.mark.parametrize(
    ("files", "code", "severity"),
    [
        (
            {
                "pyproject.toml": '[project]\nname = "desk"\n\n[tool.rewritelint]\nwire = ["wire/"]\n'
            },
            1,
            "error",
        ),
        (
            {
                ".rewritelint.yaml": "wire: [wire/]\nseverity: {number-changed: warning}\n",
                "pyproject.toml": '[tool.rewritelint]\nwire = ["wire/"]\n',
            },
            0,
            "warning",
        ),
        # A nearer pyproject.toml without [tool.rewritelint] does not stop the walk upwards.
        (
            {
                ".rewritelint.yaml": "wire: [wire/]\n",
                "stories/pyproject.toml": '[project]\nname = "stories"\n',
            },
            1,
            "error",
        ),
    ],
    ids=[
        "pyproject-table-is-found-from-a-subfolder",
        "yaml-wins-over-pyproject-in-the-same-folder",
        "a-pyproject-without-the-table-is-ignored",
    ],
)
def test_the_config_check_finds_from_a_subfolder(
    project: Path, files: dict[str, str], code: int, severity: str
) -> None:
    for name, text in files.items():
        write(project / name, text)
    result = run(project / "stories", "check", "a.txt")
    assert result.returncode == code, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"a.txt:1:20: {severity} number-changed number changed: nine -> five"
    )


def test_a_pyproject_without_the_table_alone_means_defaults(project: Path) -> None:
    write(project / "pyproject.toml", '[project]\nname = "desk"\n[tool.black]\nline-length = 88\n')
    result = run(project, "check", "stories/a.txt")
    assert result.returncode == 0
    assert result.stderr.startswith("rewritelint: note: stories/a.txt: no source found")


def test_config_option_overrides_discovery(project: Path) -> None:
    write(project / ".rewritelint.yaml", "wire: [wire/]\nignore: [number]\n")
    write(project / "strict.yaml", "wire: [wire/]\n")
    found = run(project, "check", "stories/a.txt")
    assert found.returncode == 0
    assert found.stdout == "No findings in 1 file.\n"
    named = run(project, "check", "stories/a.txt", "--config", "strict.yaml")
    assert named.returncode == 1
    assert named.stdout.splitlines()[0] == NUMBER_LINE


def test_config_option_paths_are_relative_to_that_file(project: Path) -> None:
    write(project / "conf" / "desk.yaml", "wire: [../wire/]\n")
    result = run(project, "check", "stories/a.txt", "--config", "conf/desk.yaml")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == NUMBER_LINE


def test_config_option_naming_a_missing_file(project: Path) -> None:
    line = the_one_error_line(run(project, "check", "stories/a.txt", "--config", "nope.yaml"))
    assert line == "rewritelint: error: nope.yaml: no such config file"


# --- every key has a visible effect -------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["select: [artifact]", "ignore: [number-changed]"], ids=["select", "ignore"]
)
def test_select_and_ignore_leave_only_the_residue(project: Path, key: str) -> None:
    write(project / "stories" / "a.txt", DRIFTED + "[ad_1]\n")
    write(project / ".rewritelint.yaml", f"wire: [wire/]\n{key}\n")
    result = run(project, "check", "stories/a.txt")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        RESIDUE_LINE,
        "Found 1 finding (1 warning) in 1 file. By category: artifact 1.",
    ]


def test_command_line_ignore_adds_to_the_config_ignore(project: Path) -> None:
    write(project / "stories" / "a.txt", DRIFTED + "[ad_1]\n")
    write(project / ".rewritelint.yaml", "wire: [wire/]\nignore: [number-changed]\n")
    result = run(project, "check", "stories/a.txt", "--ignore", "artifact")
    assert result.returncode == 0
    assert result.stdout == "No findings in 1 file.\n"


@pytest.mark.parametrize("target", ["number-changed", "number"], ids=["rule", "category"])
def test_severity_override(project: Path, target: str) -> None:
    write(project / ".rewritelint.yaml", f"wire: [wire/]\nseverity:\n  {target}: warning\n")
    result = run(project, "check", "stories/a.txt")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "stories/a.txt:1:20: warning number-changed number changed: nine -> five",
        "Found 1 finding (1 warning) in 1 file. By category: number 1.",
    ]


def test_fail_on_warning(project: Path) -> None:
    write(project / "stories" / "a.txt", RESIDUE)
    write(project / ".rewritelint.yaml", "wire: [wire/]\n")
    assert run(project, "check", "stories/a.txt").returncode == 0
    write(project / ".rewritelint.yaml", "wire: [wire/]\nfail-on: warning\n")
    result = run(project, "check", "stories/a.txt")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == RESIDUE_LINE
    # The command line still has the last word.
    assert run(project, "check", "stories/a.txt", "--fail-on", "error").returncode == 0


def test_rules_pack_is_relative_to_the_config_folder(project: Path) -> None:
    write(
        project / "desk" / "rules.yaml",
        "rules:\n"
        "  - id: desk-subscribe\n"
        "    category: artifact\n"
        "    severity: warning\n"
        "    kind: pattern\n"
        "    patterns: ['^Click here to subscribe$']\n"
        "    message: 'subscription prompt: {match}'\n",
    )
    write(
        project / ".rewritelint.yaml",
        "wire: [wire/]\nrules: [desk/rules.yaml]\nignore: [addition]\n",
    )
    write(project / "stories" / "a.txt", WIRE + "Click here to subscribe\n")
    # Run from a subfolder: the pack path must not be taken relative to the working directory.
    result = run(project / "stories", "check", "a.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "a.txt:4:1: warning desk-subscribe subscription prompt: Click here to subscribe",
        "Found 1 finding (1 warning) in 1 file. By category: artifact 1.",
    ]


def test_a_missing_rules_pack_is_one_error_line(project: Path) -> None:
    write(project / ".rewritelint.yaml", "rules: [desk/missing.yaml]\n")
    line = the_one_error_line(run(project, "check", "stories/a.txt"))
    assert line.startswith("rewritelint: error: ")
    assert "missing.yaml" in line


def test_stories_globs_choose_what_is_linted(project: Path) -> None:
    write(project / "notes" / "todo.txt", "Call the desk. [ad_1]\n")
    write(project / ".rewritelint.yaml", 'wire: [wire/]\nstories: ["stories/*.txt"]\n')
    result = run(project, "check", "stories/a.txt", "notes/todo.txt")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        NUMBER_LINE,
        "Found 1 finding (1 error) in 1 file. By category: number 1.",
    ]


def test_sources_mapping(project: Path) -> None:
    write(project / "afp" / "a.txt", WIRE)
    shutil.rmtree(project / "wire")
    write(project / ".rewritelint.yaml", 'sources:\n  - {stories: "stories/*", wire: afp/}\n')
    result = run(project, "check", "stories/a.txt")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == NUMBER_LINE
    assert result.stderr.splitlines() == [
        "rewritelint: stories/a.txt: compared with afp/a.txt (sources mapping, 86% shared text)"
    ]


def test_similarity_threshold(project: Path) -> None:
    write(project / ".rewritelint.yaml", "wire: [wire/]\nsimilarity: 0.9\n")
    strict = run(project, "check", "stories/a.txt")
    assert strict.returncode == 0
    assert strict.stderr.startswith("rewritelint: note: stories/a.txt: no source found")
    write(project / ".rewritelint.yaml", "wire: [wire/]\nsimilarity: 0.8\n")
    loose = run(project, "check", "stories/a.txt")
    assert loose.returncode == 1
    assert "(best match, 86% shared text)" in loose.stderr


def test_baseline_path(project: Path) -> None:
    write(project / ".rewritelint.yaml", "wire: [wire/]\nbaseline: desk/acknowledged.json\n")
    (project / "desk").mkdir()
    update = run(project / "stories", "check", "a.txt", "--update-baseline")
    assert update.returncode == 0, update.stderr
    written = project.resolve() / "desk" / "acknowledged.json"
    assert update.stdout == (
        f"Wrote 1 acknowledged finding(s) to {written} (1 from the 1 file(s) checked).\n"
    )
    assert written.is_file()
    assert not (project / ".rewritelint-baseline.json").exists()
    assert not (project / "stories" / ".rewritelint-baseline.json").exists()
    again = run(project, "check", "stories/a.txt")
    assert again.returncode == 0
    assert again.stdout == "No findings in 1 file; 1 acknowledged in the baseline.\n"


def test_require_source(project: Path) -> None:
    write(project / ".rewritelint.yaml", "require-source: true\n")
    result = run(project, "check", "stories/a.txt")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("rewritelint: error: stories/a.txt: no source found")
    write(project / ".rewritelint.yaml", "require-source: false\n")
    assert run(project, "check", "stories/a.txt").returncode == 0


# --- errors: one line naming the file and the key, exit 2 ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fail_on: warning\n", "fail_on: unknown key (did you mean 'fail-on'?)"),
        ("wires: [wire/]\n", "wires: unknown key (did you mean 'wire'?)"),
        ("colour: red\n", "colour: unknown key"),
        ("fail-on: loud\n", "fail-on: must be one of error, warning, info"),
        ("similarity: 2\n", "similarity: must be a number between 0 and 1"),
        ("similarity: true\n", "similarity: must be a number between 0 and 1"),
        ("wire: 5\n", "wire: must be a list of non-empty strings"),
        ("stories: [stories/*.md, '']\n", "stories: must be a list of non-empty strings"),
        (
            "sources: [{stories: x}]\n",
            "sources[0]: must have exactly the keys 'stories' and 'wire'",
        ),
        ("sources: stories/\n", "sources: must be a list of {stories = glob, wire = folder}"),
        ("severity: {number-changed: loud}\n", "severity.number-changed: must be one of"),
        ("severity: [number]\n", "severity: must be a table of rule id or category = severity"),
        ("baseline: 5\n", "baseline: must be a file path"),
        ("require-source: maybe\n", "require-source: must be true or false"),
        ("- wire/\n", "the configuration must be a table of keys"),
    ],
)
def test_a_bad_yaml_config_is_one_line_naming_file_and_key(
    project: Path, text: str, expected: str
) -> None:
    config = write(project / ".rewritelint.yaml", text)
    line = the_one_error_line(run(project / "stories", "check", "a.txt"))
    assert line.startswith(f"rewritelint: error: {config.resolve()}: {expected}")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "pyproject.toml",
            '[tool.rewritelint]\nfail_on = "warning"\n',
            "tool.rewritelint.fail_on: unknown key (did you mean 'fail-on'?)",
        ),
        (
            "pyproject.toml",
            "[tool.rewritelint]\nsimilarity = 1.5\n",
            "tool.rewritelint.similarity: must be a number between 0 and 1",
        ),
        (
            ".rewritelint.yaml",
            "fail-on: error\nwire: wire/: x\n",
            "2:12: invalid YAML: mapping values are not allowed here",
        ),
    ],
    ids=["pyproject key", "pyproject value", "broken yaml"],
)
def test_a_bad_config_names_its_file_and_where(
    project: Path, name: str, text: str, expected: str
) -> None:
    """A TOML key is named with its table; broken YAML by line and column."""
    config = write(project / name, text)
    line = the_one_error_line(run(project, "check", "stories/a.txt"))
    separator = ":" if expected[0].isdigit() else ": "
    assert line == f"rewritelint: error: {config.resolve()}{separator}{expected}"


def test_broken_yaml_given_with_config_option(project: Path) -> None:
    write(project / "desk.yaml", "wire: [wire/\n")
    line = the_one_error_line(run(project, "check", "stories/a.txt", "--config", "desk.yaml"))
    assert re.fullmatch(r"rewritelint: error: desk\.yaml:\d+:\d+: invalid YAML: .+", line), line


def test_broken_toml(project: Path) -> None:
    config = write(project / "pyproject.toml", '[tool.rewritelint]\nwire = ["wire/"\n')
    line = the_one_error_line(run(project / "stories", "check", "a.txt"))
    assert line.startswith(f"rewritelint: error: {config.resolve()}: invalid TOML: ")


def test_broken_toml_reports_its_position(project: Path) -> None:
    config = write(project / "pyproject.toml", '[project]\nname = "x"\n[tool.rewritelint\n')
    line = the_one_error_line(run(project, "check", "stories/a.txt"))
    assert line.startswith(f"rewritelint: error: {config.resolve()}: invalid TOML: ")
    assert "line 3" in line


def test_a_config_error_stops_before_any_story_is_read(project: Path) -> None:
    write(project / ".rewritelint.yaml", "fail-on: loud\n")
    line = the_one_error_line(run(project, "check", "stories/a.txt", "stories/missing.txt"))
    assert "missing.txt" not in line


# --- init ---------------------------------------------------------------------------------------


def test_init_writes_a_starter_config_that_loads(tmp_path: Path) -> None:
    result = run(tmp_path, "init")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Wrote .rewritelint.yaml: edit the wire folders and story globs for your repository.\n"
    )
    target = tmp_path / ".rewritelint.yaml"
    assert target.read_text(encoding="utf-8") == STARTER
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["wire"] == ["wire/"]
    assert data["stories"] == ["stories/*.md", "stories/*.txt"]
    config = load_config(target)
    assert config.wire == ("wire/",)
    assert config.root == tmp_path.resolve()


def test_the_starter_config_works_end_to_end(tmp_path: Path) -> None:
    assert run(tmp_path, "init").returncode == 0
    write(tmp_path / "wire" / "kabul.txt", WIRE)
    write(tmp_path / "stories" / "desk" / "kabul.md", DRIFTED)
    result = run(tmp_path, "check", "stories/desk/kabul.md", "wire/kabul.txt")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "stories/desk/kabul.md:1:20: error number-changed number changed: nine -> five",
        "Found 1 finding (1 error) in 1 file. By category: number 1.",
    ]
    assert result.stderr.splitlines() == [
        "rewritelint: stories/desk/kabul.md: compared with wire/kabul.txt "
        "(best match, 86% shared text)"
    ]


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = write(tmp_path / ".rewritelint.yaml", "wire: [agency/]\n")
    line = the_one_error_line(run(tmp_path, "init"))
    assert line == (
        "rewritelint: error: .rewritelint.yaml already exists (use --force to overwrite it)"
    )
    assert target.read_text(encoding="utf-8") == "wire: [agency/]\n"


def test_init_force_overwrites(tmp_path: Path) -> None:
    target = write(tmp_path / ".rewritelint.yaml", "wire: [agency/]\n")
    result = run(tmp_path, "init", "--force")
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == STARTER
    assert [p.name for p in tmp_path.iterdir()] == [".rewritelint.yaml"]


# --- aliases: a desk's own names for one entity -------------------------------------------------

PENTAGON = "There were no plans for new bases in Africa, Pentagon officials said.\n"
DEFENSE = "There were no plans for new bases in Africa, Defense officials said.\n"


def test_a_desk_alias_silences_a_name_swap_it_declares(tmp_path: Path) -> None:
    write(tmp_path / "wire.txt", PENTAGON)
    write(tmp_path / "story.txt", DEFENSE)
    before = run(tmp_path, "check", "story.txt", "--against", "wire.txt")
    assert before.stdout.splitlines()[:2] == [
        "story.txt:1:46: warning attribution-changed attribution changed: Pentagon -> Defense",
        "story.txt:1:46: error name-swapped name changed: Pentagon -> Defense",
    ]
    write(tmp_path / ".rewritelint.yaml", "aliases:\n  - [Pentagon, Defense Department, Defense]\n")
    after = run(tmp_path, "check", "story.txt", "--against", "wire.txt")
    assert (after.returncode, after.stdout) == (0, "No findings in 1 file.\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aliases: Pentagon\n", "aliases: must be a list of lists of names"),
        ("aliases: [[Pentagon, 5]]\n", "aliases[0]: must be a list of non-empty strings"),
    ],
)
def test_bad_aliases_are_one_line_naming_the_key(project: Path, text: str, expected: str) -> None:
    config = write(project / ".rewritelint.yaml", text)
    line = the_one_error_line(run(project / "stories", "check", "a.txt"))
    assert line == f"rewritelint: error: {config.resolve()}: {expected}"
