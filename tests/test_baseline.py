"""The baseline: acknowledged findings stop failing, survive text moving, and are written safely."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from helpers import BIDEN_WIRE as WIRE
from helpers import run, write

from rewritelint import baseline
from rewritelint.api import check_texts
from rewritelint.baseline import Entry
from rewritelint.errors import ConfigError

DRIFTED = WIRE.replace("nine", "five")
"""Against WIRE: number-changed nine -> five, line 1."""
MONDAY = WIRE.replace("Tuesday", "Monday")
"""Against WIRE: date-changed Tuesday -> Monday, line 3."""
REORDERED = (
    "US President Joe Biden said Tuesday he did not regret his decision.\n"
    "\n"
    "They have captured five provincial centers from government forces in six days.\n"
)
"""DRIFTED with its paragraphs swapped: the drifted word moved from line 1 to line 3."""

NAME = ".rewritelint-baseline.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """wire/kabul.txt, a drifted stories/a.md and stories/b.md, ``wire: [wire/]``."""
    write(tmp_path / ".rewritelint.yaml", "wire: [wire/]\n")
    write(tmp_path / "wire" / "kabul.txt", WIRE)
    write(tmp_path / "stories" / "a.md", DRIFTED)
    write(tmp_path / "stories" / "b.md", MONDAY)
    return tmp_path


def entries_of(path: Path) -> list[tuple[str, str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(f["path"], f["rule"], f["text"]) for f in data["findings"]]


# --- the command line ---------------------------------------------------------------------------


def test_update_baseline_then_check_passes(project: Path) -> None:
    update = run(project, "check", "stories/a.md", "--update-baseline")
    assert update.returncode == 0, update.stderr
    file = project.resolve() / NAME
    assert update.stdout == (
        f"Wrote 1 acknowledged finding(s) to {file} (1 from the 1 file(s) checked).\n"
    )
    assert entries_of(file) == [("stories/a.md", "number-changed", "five")]
    again = run(project, "check", "stories/a.md")
    assert again.returncode == 0
    assert again.stdout == "No findings in 1 file; 1 acknowledged in the baseline.\n"


def test_update_baseline_from_a_subfolder_writes_in_the_project_root(project: Path) -> None:
    update = run(project / "stories", "check", "a.md", "--update-baseline")
    assert update.returncode == 0, update.stderr
    assert (project / NAME).is_file()
    assert not (project / "stories" / NAME).exists()


def test_baseline_file_is_sorted_with_a_final_newline_and_stable(project: Path) -> None:
    # Passed in reverse order: the file is still sorted by path.
    first = run(project, "check", "stories/b.md", "stories/a.md", "--update-baseline")
    assert first.returncode == 0, first.stderr
    file = project / NAME
    written = file.read_bytes()
    assert written.endswith(b"}\n")
    data = json.loads(written)
    assert data["version"] == 1
    assert [(f["path"], f["rule"], f["text"], f["reference"]) for f in data["findings"]] == [
        ("stories/a.md", "number-changed", "five", "nine"),
        ("stories/b.md", "date-changed", "Monday", "Tuesday"),
    ]
    assert all(
        list(f) == ["path", "rule", "fingerprint", "text", "reference"] for f in data["findings"]
    )
    second = run(project, "check", "stories/a.md", "stories/b.md", "--update-baseline")
    assert second.returncode == 0
    assert file.read_bytes() == written


def test_update_baseline_keeps_entries_of_stories_not_checked(project: Path) -> None:
    assert (
        run(project, "check", "stories/a.md", "stories/b.md", "--update-baseline").returncode == 0
    )
    update = run(project, "check", "stories/a.md", "--update-baseline")
    assert update.returncode == 0
    assert "Wrote 2 acknowledged finding(s)" in update.stdout
    assert entries_of(project / NAME) == [
        ("stories/a.md", "number-changed", "five"),
        ("stories/b.md", "date-changed", "Monday"),
    ]
    both = run(project, "check", "stories/a.md", "stories/b.md")
    assert both.returncode == 0
    assert both.stdout == "No findings in 2 files; 2 acknowledged in the baseline.\n"


def test_update_baseline_drops_fixed_findings_of_checked_stories(project: Path) -> None:
    assert (
        run(project, "check", "stories/a.md", "stories/b.md", "--update-baseline").returncode == 0
    )
    write(project / "stories" / "a.md", WIRE)
    assert run(project, "check", "stories/a.md", "--update-baseline").returncode == 0
    assert entries_of(project / NAME) == [("stories/b.md", "date-changed", "Monday")]


def test_acknowledged_finding_survives_moved_lines(project: Path) -> None:
    assert run(project, "check", "stories/a.md", "--update-baseline").returncode == 0
    write(project / "stories" / "a.md", REORDERED)
    moved = run(project, "check", "stories/a.md", "--format", "json")
    assert moved.returncode == 0, moved.stdout
    assert json.loads(moved.stdout)["findings"] == []
    text = run(project, "check", "stories/a.md")
    assert text.stdout == "No findings in 1 file; 1 acknowledged in the baseline.\n"
    # The drift really moved: without the baseline it is reported on line 3.
    fresh = run(project, "check", "stories/a.md", "--baseline", "none.json")
    assert fresh.returncode == 1
    assert fresh.stdout.splitlines()[0] == (
        "stories/a.md:3:20: error number-changed number changed: nine -> five"
    )


def test_a_new_drift_is_reported_and_the_old_stays_acknowledged(project: Path) -> None:
    assert run(project, "check", "stories/a.md", "--update-baseline").returncode == 0
    write(project / "stories" / "a.md", REORDERED.replace("Tuesday", "Monday"))
    result = run(project, "check", "stories/a.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "stories/a.md:1:29: error date-changed date changed: Tuesday -> Monday",
        "Found 1 finding (1 error) in 1 file; 1 acknowledged in the baseline. By category: date 1.",
    ]


def test_strict_baseline_reports_a_stale_entry(project: Path) -> None:
    assert (
        run(project, "check", "stories/a.md", "stories/b.md", "--update-baseline").returncode == 0
    )
    fingerprint = json.loads((project / NAME).read_text())["findings"][0]["fingerprint"]
    write(project / "stories" / "a.md", WIRE)  # the drift is fixed
    lenient = run(project, "check", "stories/a.md")
    assert lenient.returncode == 0
    assert lenient.stdout == "No findings in 1 file.\n"
    assert "stale" not in lenient.stderr
    strict = run(project, "check", "stories/a.md", "--strict-baseline")
    assert strict.returncode == 1
    assert strict.stdout == "No findings in 1 file.\n"
    stale = [line for line in strict.stderr.splitlines() if "stale" in line]
    # Only the checked story's entry: b.md was not checked, so its entry is not judged.
    assert stale == [
        f"rewritelint: stale baseline entry in {project.resolve() / NAME}: stories/a.md "
        f"number-changed {fingerprint} ('five' no longer found)"
    ]


def test_strict_baseline_passes_when_every_entry_matches(project: Path) -> None:
    assert run(project, "check", "stories/a.md", "--update-baseline").returncode == 0
    result = run(project, "check", "stories/a.md", "--strict-baseline")
    assert result.returncode == 0
    assert "stale" not in result.stderr


def test_a_corrupt_baseline_is_one_error_line(project: Path) -> None:
    write(project / NAME, '{"version": 1, "findings": [\n')
    result = run(project, "check", "stories/a.md")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(
        rf"rewritelint: error: {re.escape(str(project.resolve() / NAME))}:2:1: invalid JSON: .+",
        line,
    ), line


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"version": 2, "findings": []}\n', "unsupported baseline version 2"),
        ('{"version": 1}\n', "a baseline must be an object with a 'findings' list"),
        ("[]\n", "a baseline must be an object with a 'findings' list"),
        (
            '{"version": 1, "findings": [{"path": "a.md", "rule": "x"}]}\n',
            "findings[0] needs string 'path', 'rule', 'fingerprint'",
        ),
    ],
)
def test_a_malformed_baseline_is_one_error_line(project: Path, text: str, problem: str) -> None:
    write(project / "ack.json", text)
    result = run(project, "check", "stories/a.md", "--baseline", "ack.json")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"rewritelint: error: ack.json: {problem}"]


def test_baseline_option_names_the_file(project: Path) -> None:
    update = run(project, "check", "stories/a.md", "--baseline", "desk.json", "--update-baseline")
    assert update.returncode == 0
    assert (project / "desk.json").is_file()
    assert not (project / NAME).exists()
    assert run(project, "check", "stories/a.md").returncode == 1
    assert run(project, "check", "stories/a.md", "--baseline", "desk.json").returncode == 0


def test_a_failed_baseline_write_is_one_error_line(project: Path) -> None:
    write(project / ".rewritelint.yaml", "wire: [wire/]\nbaseline: missing/ack.json\n")
    result = run(project, "check", "stories/a.md", "--update-baseline")
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1
    assert "ack.json" in errors[0]


def test_the_same_drift_in_two_baselined_stories(project: Path) -> None:
    write(project / "stories" / "copy.md", DRIFTED)
    update = run(project, "check", "stories/a.md", "stories/copy.md", "--update-baseline")
    assert update.returncode == 0
    assert len(entries_of(project / NAME)) == 2
    result = run(project, "check", "stories/a.md", "stories/copy.md", "--strict-baseline")
    assert "stale" not in result.stderr
    assert result.returncode == 0
    assert result.stdout == "No findings in 2 files; 2 acknowledged in the baseline.\n"


def test_an_entry_does_not_acknowledge_another_story(project: Path) -> None:
    assert run(project, "check", "stories/a.md", "--update-baseline").returncode == 0
    write(project / "stories" / "new.md", DRIFTED)
    result = run(project, "check", "stories/new.md")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "stories/new.md:1:20: error number-changed number changed: nine -> five"
    )


def test_baseline_paths_do_not_depend_on_the_working_directory(project: Path) -> None:
    assert run(project, "check", "stories/a.md", "--update-baseline").returncode == 0
    before = (project / NAME).read_bytes()
    from_subfolder = run(project / "stories", "check", "a.md", "--update-baseline")
    assert from_subfolder.returncode == 0
    assert (project / NAME).read_bytes() == before
    strict = run(project / "stories", "check", "a.md", "--strict-baseline")
    assert strict.returncode == 0, strict.stderr


# --- write_atomically ---------------------------------------------------------------------------


def test_write_atomically_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / NAME
    baseline.write_atomically(target, "first\n")
    assert target.read_bytes() == b"first\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o600)
    baseline.write_atomically(target, "second\n")
    assert target.read_bytes() == b"second\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # the file's mode is kept
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / NAME
    target.write_text('{"version": 1, "findings": []}\n', encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(baseline.os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        baseline.write_atomically(target, "half a file")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == '{"version": 1, "findings": []}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]


def test_an_interrupted_write_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / NAME

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(baseline.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        baseline.write_atomically(target, "{}\n")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_an_unwritable_folder_leaves_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    target = folder / NAME
    target.write_text("old\n", encoding="utf-8")
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            baseline.write_atomically(target, "new\n")
    finally:
        folder.chmod(0o755)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in folder.iterdir()] == [NAME]


# --- update, acknowledge, render_baseline -------------------------------------------------------


@pytest.fixture(scope="module")
def found() -> dict[str, list]:
    """Real findings: a.md (nine -> five), b.md (Tuesday -> Monday), c.md (both)."""
    return {
        "a": check_texts(WIRE, DRIFTED, rewrite_path="stories/a.md"),
        "b": check_texts(WIRE, MONDAY, rewrite_path="stories/b.md"),
        "c": check_texts(WIRE, DRIFTED.replace("Tuesday", "Monday"), rewrite_path="stories/c.md"),
    }


def test_entry_records_the_finding(found: dict[str, list]) -> None:
    (finding,) = found["a"]
    assert baseline.entry(finding) == Entry(
        path="stories/a.md",
        rule="number-changed",
        fingerprint=finding.fingerprint,
        text="five",
        reference="nine",
    )


def test_update_from_nothing(found: dict[str, list]) -> None:
    (finding,) = found["a"]
    assert baseline.update([], found["a"], ["stories/a.md"]) == [baseline.entry(finding)]


def test_update_keeps_unchecked_files_and_replaces_checked_ones(found: dict[str, list]) -> None:
    old_a = Entry("stories/a.md", "number-changed", "0" * 20, "seven", "nine")
    old_b = baseline.entry(found["b"][0])
    new = baseline.update([old_a, old_b], found["a"], ["stories/a.md"])
    assert new == [old_b, baseline.entry(found["a"][0])]


def test_update_drops_entries_of_a_checked_file_without_findings(found: dict[str, list]) -> None:
    old = [baseline.entry(f) for f in found["a"] + found["b"]]
    assert baseline.update(old, [], ["stories/a.md"]) == [baseline.entry(found["b"][0])]


def test_update_keeps_the_note_of_an_entry_that_still_matches(found: dict[str, list]) -> None:
    (finding,) = found["a"]
    noted = Entry(**{**baseline.entry(finding).__dict__, "note": "house style: figures checked"})
    (new,) = baseline.update([noted], found["a"], ["stories/a.md"])
    assert new.note == "house style: figures checked"
    assert new == noted


def test_acknowledge_splits_findings(found: dict[str, list]) -> None:
    number, date = found["c"]
    assert (number.rule, date.rule) == ("number-changed", "date-changed")
    ack = baseline.entry(number)
    kept, matched = baseline.acknowledge(found["c"], [ack])
    assert kept == [date]
    assert matched == {ack}


def test_acknowledge_needs_the_same_rule(found: dict[str, list]) -> None:
    (finding,) = found["a"]
    other_rule = Entry("stories/a.md", "date-changed", finding.fingerprint, "five", "nine")
    kept, matched = baseline.acknowledge(found["a"], [other_rule])
    assert kept == [finding]
    assert matched == set()


def test_acknowledge_with_an_empty_baseline(found: dict[str, list]) -> None:
    assert baseline.acknowledge(found["c"], []) == (found["c"], set())


def test_render_baseline_is_sorted_deduplicated_and_ends_with_a_newline() -> None:
    b = Entry("stories/b.md", "date-changed", "bbbb", "Monday", "Tuesday")
    a2 = Entry("stories/a.md", "number-changed", "aaa2", "7", None, "checked with AP")
    a1 = Entry("stories/a.md", "number-changed", "aaa1", "five", "nine")
    text = baseline.render_baseline([b, a2, a1, b])
    assert text.endswith("}\n")
    assert text == baseline.render_baseline([a1, b, a2])
    assert json.loads(text) == {
        "version": 1,
        "findings": [
            {
                "path": "stories/a.md",
                "rule": "number-changed",
                "fingerprint": "aaa1",
                "text": "five",
                "reference": "nine",
            },
            {
                "path": "stories/a.md",
                "rule": "number-changed",
                "fingerprint": "aaa2",
                "text": "7",
                "reference": None,
                "note": "checked with AP",
            },
            {
                "path": "stories/b.md",
                "rule": "date-changed",
                "fingerprint": "bbbb",
                "text": "Monday",
                "reference": "Tuesday",
            },
        ],
    }


def test_render_baseline_keeps_non_ascii_text_readable() -> None:
    text = baseline.render_baseline([Entry("s.md", "quote-changed", "f", "“Nein”", "‘No’")])
    assert "“Nein”" in text and "\\u" not in text


def test_render_then_read_round_trips(tmp_path: Path, found: dict[str, list]) -> None:
    entries = [baseline.entry(f) for f in found["c"] + found["a"]]
    entries.append(Entry("stories/z.md", "eggcorn", "zzz", "frame of mine", None, "quoted"))
    file = tmp_path / NAME
    baseline.write_atomically(file, baseline.render_baseline(entries))
    assert baseline.read_baseline(file) == sorted(entries)


def test_read_baseline_of_a_missing_file_is_empty(tmp_path: Path) -> None:
    assert baseline.read_baseline(tmp_path / NAME) == []


def test_read_baseline_reports_invalid_json_with_its_position(tmp_path: Path) -> None:
    file = write(tmp_path / NAME, '{"version": 1,\n "findings": [}\n')
    with pytest.raises(ConfigError) as error:
        baseline.read_baseline(file)
    assert str(error.value).startswith(f"{file}:2:15: invalid JSON: ")


# --- concurrent updates and links ----------------------------------------------------------------


def test_two_concurrent_updates_lose_no_entry(
    found: dict[str, list], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each update reads the file, then (slowly) writes; without the lock the second writer
    # would not have read the first one's entries and would drop them.
    import threading
    import time

    target = tmp_path / NAME
    slow_read = baseline.read_baseline

    def read_then_wait(path: str | Path) -> list[Entry]:
        entries = slow_read(path)
        time.sleep(0.3)
        return entries

    monkeypatch.setattr(baseline, "read_baseline", read_then_wait)
    runs = [
        threading.Thread(
            target=baseline.update_file, args=(target, found[k], [f"stories/{k}.md"], None)
        )
        for k in ("a", "b")
    ]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join()
    assert sorted(e[0] for e in entries_of(target)) == ["stories/a.md", "stories/b.md"]
    assert [p.name for p in tmp_path.iterdir()] == [NAME]  # no lock or temporary file left


def test_concurrent_update_baseline_runs_keep_every_story(project: Path) -> None:
    import subprocess

    from helpers import EXE

    stories = []
    for k in range(6):
        stories.append(write(project / "stories" / f"s{k}.md", DRIFTED if k % 2 else MONDAY))
    processes = [
        subprocess.Popen(
            [EXE, "check", str(story.relative_to(project)), "--update-baseline"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for story in stories
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    recorded = sorted({path for path, _, _ in entries_of(project / NAME)})
    assert recorded == [f"stories/s{k}.md" for k in range(6)]


def test_a_baseline_that_is_a_link_is_neither_followed_nor_replaced(project: Path) -> None:
    other = write(project / "notes.txt", "an editor's notes\n")
    (project / NAME).symlink_to(other)
    result = run(project, "check", "stories/a.md", "--update-baseline")
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if "error" in line] == [
        f"rewritelint: error: {project.resolve() / NAME}: cannot write the baseline: "
        "is a symbolic link (neither followed nor replaced)"
    ]
    assert other.read_text(encoding="utf-8") == "an editor's notes\n"
    assert (project / NAME).is_symlink()


def test_the_review_pages_download_name_is_read_too(project: Path) -> None:
    # Browsers save the page's export without the leading dot.
    run(project, "check", "stories/a.md", "--update-baseline")
    (project / NAME).rename(project / "rewritelint-baseline.json")
    result = run(project, "check", "stories/a.md")
    assert result.returncode == 0, result.stdout
    assert "1 acknowledged in the baseline" in result.stdout
    write(project / NAME, '{"version": 1, "findings": []}\n')  # the dotted file wins
    assert run(project, "check", "stories/a.md").returncode == 1
