"""How ``rewritelint check`` finds a story's wire source when ``--against`` is not given.

Front matter (relative to the story, then to the project root; one path or a list), the
config's ``sources`` mapping, and the best match among the ``wire`` folders; a story without
a source is never silently passed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import BIDEN_WIRE as WIRE
from helpers import run, write

DRIFTED = WIRE.replace("nine", "five")
"""Against WIRE: number-changed nine -> five at line 1, column 20 (plus the front matter)."""
MONDAY = WIRE.replace("Tuesday", "Monday")
"""Another wire version of the same story: Biden spoke on Monday."""
UNRELATED = (
    "The central bank raised interest rates by half a point on Wednesday, citing stubborn "
    "inflation.\n\nMarkets fell sharply in London after the announcement.\n"
)
NO_SOURCE = (
    "no source found (pass --against FILE, set 'source:' in its front matter, or configure "
    "wire folders); only single-version rules ran"
)


def front_matter(source: str, body: str) -> str:
    """A Markdown story whose front matter (3 lines) names its source."""
    return f"---\n{source}\n---\n{body}"


def json_findings(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return json.loads(result.stdout)["findings"]


# --- (1) front matter ---------------------------------------------------------------------------


def test_front_matter_source_relative_to_the_story(tmp_path: Path) -> None:
    write(tmp_path / "wire" / "a.txt", WIRE)
    write(tmp_path / "stories" / "a.md", front_matter("source: ../wire/a.txt", DRIFTED))
    result = run(tmp_path, "check", "stories/a.md")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "stories/a.md:4:20: error number-changed number changed: nine -> five",
        "Found 1 finding (1 error) in 1 file. By category: number 1.",
    ]
    assert result.stderr == ""  # a named source needs no note
    (finding,) = json_findings(run(tmp_path, "check", "stories/a.md", "--format", "json"))
    assert finding["reference"]["path"] == "wire/a.txt"


def test_front_matter_source_relative_to_the_project_root(tmp_path: Path) -> None:
    write(tmp_path / ".rewritelint.yaml", "fail-on: error\n")
    write(tmp_path / "wire" / "a.txt", WIRE)
    write(tmp_path / "stories" / "a.md", front_matter("source: wire/a.txt", DRIFTED))
    # From the root, and from a folder where "wire/a.txt" means nothing relative to cwd.
    at_root = run(tmp_path, "check", "stories/a.md", "--format", "json")
    assert at_root.returncode == 1, at_root.stderr
    (finding,) = json_findings(at_root)
    assert (finding["rule"], finding["line"], finding["column"]) == ("number-changed", 4, 20)
    assert finding["reference"]["path"] == "wire/a.txt"
    elsewhere = tmp_path / "stories" / "drafts"
    elsewhere.mkdir()
    nested = run(elsewhere, "check", "../a.md", "--format", "json")
    assert nested.returncode == 1, nested.stderr
    (finding,) = json_findings(nested)
    assert finding["reference"]["path"] == str(tmp_path.resolve() / "wire" / "a.txt")


def test_the_story_folder_is_tried_before_the_project_root(tmp_path: Path) -> None:
    write(tmp_path / ".rewritelint.yaml", "fail-on: error\n")
    write(tmp_path / "wire" / "a.txt", WIRE)
    write(tmp_path / "stories" / "wire" / "a.txt", DRIFTED)  # the desk's own copy
    write(tmp_path / "stories" / "a.md", front_matter("source: wire/a.txt", DRIFTED))
    result = run(tmp_path, "check", "stories/a.md")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "No findings in 1 file.\n"


@pytest.mark.parametrize("key", ["sources", "source"])
def test_a_list_of_sources(tmp_path: Path, key: str) -> None:
    write(tmp_path / ".rewritelint.yaml", "fail-on: error\n")
    write(tmp_path / "wire" / "a.txt", WIRE)
    write(tmp_path / "wire" / "b.txt", MONDAY)
    story = front_matter(f"{key}: [wire/a.txt, wire/b.txt]", DRIFTED + "[ad_1]\n")
    write(tmp_path / "stories" / "two.md", story)
    result = run(tmp_path, "check", "stories/two.md")
    assert result.returncode == 1, result.stderr
    # nine -> five differs from both sources but is reported once; Monday -> Tuesday only
    # differs from b.txt; the single-version residue finding is not doubled.
    assert result.stdout.splitlines() == [
        "stories/two.md:4:20: error number-changed number changed: nine -> five",
        "stories/two.md:6:29: error date-changed date changed: Monday -> Tuesday",
        "stories/two.md:7:1: warning scraper-residue scraper residue: [ad_1]",
        "Found 3 findings (2 errors, 1 warning) in 1 file. By category: number 1, date 1, "
        "artifact 1.",
    ]
    references = {
        f["rule"]: f["reference"] and f["reference"]["path"]
        for f in json_findings(run(tmp_path, "check", "stories/two.md", "--format", "json"))
    }
    assert references == {
        "number-changed": "wire/a.txt",
        "date-changed": "wire/b.txt",
        "scraper-residue": None,
    }


def test_a_missing_front_matter_source_is_one_error_line(tmp_path: Path) -> None:
    write(tmp_path / "stories" / "a.md", front_matter("source: ../wire/missing.txt", DRIFTED))
    result = run(tmp_path, "check", "stories/a.md")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["rewritelint: error: wire/missing.txt: no such file"]
    assert result.stdout == "No findings in 0 files; 1 could not be read.\n"


def test_a_missing_root_relative_source_is_named(tmp_path: Path) -> None:
    write(tmp_path / ".rewritelint.yaml", "fail-on: error\n")
    write(tmp_path / "stories" / "a.md", front_matter("source: wire/missing.txt", DRIFTED))
    result = run(tmp_path, "check", "stories/a.md")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("rewritelint: error: ")
    assert line.endswith("wire/missing.txt: no such file")


def test_the_other_stories_are_still_checked_after_a_missing_source(tmp_path: Path) -> None:
    write(tmp_path / "wire" / "a.txt", WIRE)
    write(tmp_path / "stories" / "bad.md", front_matter("source: ../wire/missing.txt", WIRE))
    write(tmp_path / "stories" / "good.md", front_matter("source: ../wire/a.txt", DRIFTED))
    result = run(tmp_path, "check", "stories/bad.md", "stories/good.md")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["rewritelint: error: wire/missing.txt: no such file"]
    assert result.stdout.splitlines()[0] == (
        "stories/good.md:4:20: error number-changed number changed: nine -> five"
    )


# --- (2) the sources mapping --------------------------------------------------------------------


@pytest.fixture
def agency(tmp_path: Path) -> Path:
    """afp/ holds an unrelated wire story and the right one; stories/m.md drifted."""
    write(tmp_path / "afp" / "a.txt", UNRELATED)
    write(tmp_path / "afp" / "b.txt", WIRE)
    write(tmp_path / "stories" / "m.md", DRIFTED)
    return tmp_path


def test_sources_mapping_picks_the_best_file_of_its_folder(agency: Path) -> None:
    write(agency / ".rewritelint.yaml", 'sources:\n  - {stories: "stories/*.md", wire: "afp/"}\n')
    result = run(agency, "check", "stories/m.md")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "stories/m.md:1:20: error number-changed number changed: nine -> five"
    )
    assert result.stderr.splitlines() == [
        "rewritelint: stories/m.md: compared with afp/b.txt (sources mapping, 86% shared text)"
    ]


@pytest.mark.parametrize(
    ("kabul", "stories", "compared_with"),
    [
        # wire/kabul.txt has Biden on Monday: a date-changed line would say it was used.
        (MONDAY, "stories/*.md", "afp/b.txt (sources mapping, 86% shared text)"),
        (WIRE, "stories/afp/*.md", "wire/kabul.txt (best match, 86% shared text)"),
    ],
    ids=[
        "sources-mapping-is-tried-before-the-wire-folders",
        "a-mapping-for-other-stories-falls-back-to-the-wire-folders",
    ],
)
def test_sources_mapping_and_wire_folders(
    agency: Path, kabul: str, stories: str, compared_with: str
) -> None:
    write(agency / "wire" / "kabul.txt", kabul)
    write(
        agency / ".rewritelint.yaml",
        f'wire: [wire/]\nsources:\n  - {{stories: "{stories}", wire: "afp/"}}\n',
    )
    result = run(agency, "check", "stories/m.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "stories/m.md:1:20: error number-changed number changed: nine -> five",
        "Found 1 finding (1 error) in 1 file. By category: number 1.",
    ]
    assert result.stderr.splitlines() == [
        f"rewritelint: stories/m.md: compared with {compared_with}"
    ]


# --- (3) best match among the wire folders ------------------------------------------------------


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """wire/ holds an unrelated story, the right one and a third; stories/m.md drifted."""
    write(tmp_path / "wire" / "bank.txt", UNRELATED)
    write(tmp_path / "wire" / "kabul.txt", WIRE)
    write(
        tmp_path / "wire" / "zz-other.txt",
        "US President Joe Biden said Tuesday he would visit Canada next month.\n",
    )
    write(tmp_path / "stories" / "m.md", DRIFTED)
    return tmp_path


def test_best_match_picks_the_right_wire_file(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\n")
    result = run(newsroom, "check", "stories/m.md", "--format", "json")
    assert result.returncode == 1
    (finding,) = json_findings(result)
    assert finding["reference"]["path"] == "wire/kabul.txt"
    assert result.stderr.splitlines() == [
        "rewritelint: stories/m.md: compared with wire/kabul.txt (best match, 86% shared text)"
    ]


def test_below_the_similarity_nothing_is_chosen_and_a_note_says_so(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\nsimilarity: 0.95\n")
    result = run(newsroom, "check", "stories/m.md")
    assert result.returncode == 0
    assert result.stdout == "No findings in 1 file.\n"
    assert result.stderr.splitlines() == [f"rewritelint: note: stories/m.md: {NO_SOURCE}"]


def test_an_unrelated_story_gets_no_source(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\n")
    write(newsroom / "stories" / "weather.md", "Heavy snow closed schools across Ohio.\n")
    result = run(newsroom, "check", "stories/weather.md")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [f"rewritelint: note: stories/weather.md: {NO_SOURCE}"]


def test_require_source_flag_makes_no_source_an_error(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\nsimilarity: 0.95\n")
    result = run(newsroom, "check", "stories/m.md", "--require-source")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"rewritelint: error: stories/m.md: {NO_SOURCE}"]


def test_require_source_config_makes_no_source_an_error(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\nsimilarity: 0.95\nrequire-source: true\n")
    result = run(newsroom, "check", "stories/m.md")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"rewritelint: error: stories/m.md: {NO_SOURCE}"]


def test_require_source_is_satisfied_by_a_match(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\nrequire-source: true\n")
    write(newsroom / "stories" / "m.md", WIRE)
    result = run(newsroom, "check", "stories/m.md")
    assert result.returncode == 0
    assert "error" not in result.stderr


# --- which files passed are linted --------------------------------------------------------------


def test_wire_files_passed_to_check_are_not_linted(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\n")
    write(newsroom / "wire" / "kabul.txt", WIRE + "[ad_1]\n")  # would be a finding as a rewrite
    result = run(newsroom, "check", "stories/m.md", "wire/kabul.txt", "wire/bank.txt")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "stories/m.md:1:20: error number-changed number changed: nine -> five",
        "Found 1 finding (1 error) in 1 file. By category: number 1.",
    ]


def test_only_wire_files_passed_is_a_clean_run(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\n")
    write(newsroom / "wire" / "kabul.txt", WIRE + "[ad_1]\n")
    result = run(newsroom, "check", "wire/kabul.txt")
    assert result.returncode == 0
    assert result.stdout == "No findings in 0 files.\n"
    assert result.stderr == (
        "rewritelint: note: skipped 1 file(s): wire copy, or not matching the configured stories\n"
    )


def test_files_not_matching_the_story_globs_are_skipped(newsroom: Path) -> None:
    write(newsroom / ".rewritelint.yaml", 'wire: [wire/]\nstories: ["stories/*.md"]\n')
    write(newsroom / "README.md", "Desk notes. [ad_1]\n")
    write(newsroom / "stories" / "notes.txt", DRIFTED)
    result = run(newsroom, "check", "stories/m.md", "README.md", "stories/notes.txt")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "stories/m.md:1:20: error number-changed number changed: nine -> five",
        "Found 1 finding (1 error) in 1 file. By category: number 1.",
    ]
    assert "README.md" not in result.stderr
    assert "notes.txt" not in result.stderr
