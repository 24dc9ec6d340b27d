"""Determinism and safe writing (issue 7).

The same inputs give byte-identical ``--format json`` / ``--format sarif`` output and baseline
files across runs, ``--jobs`` values and ``PYTHONHASHSEED`` values (hash randomisation changes
set and dict-of-set iteration order, the usual source of unstable output). And rewritelint never
modifies a story or wire file, while a failed baseline write leaves the old baseline intact.

test_report.py already compares ``report seeds`` at ``--jobs 1`` and ``--jobs 2`` under one hash
seed; test_baseline.py checks one baseline's bytes twice under one seed and ``write_atomically``
on its own. Here the inputs are richer (several stories, ties in the consensus tallies, Unicode
names, mixed encodings) and the hash seed varies.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import EXE, run, write

from rewritelint import baseline
from rewritelint.cli import main

WIRE = (
    "KABUL (AP) - The Taliban have captured nine provincial centers from government forces in "
    "six days, officials said on Tuesday.\n\n"
    "The envoy Zalmay Khalilzad arrived in Doha on Wednesday to meet both delegations, "
    "the State Department said.\n\n"
    "“We will not accept a government imposed by force,” Khalilzad told reporters at the hotel.\n\n"
    "More than 4,000 families may have fled the fighting in Kunduz, the United Nations said.\n"
)
OTHER = (
    "MADRID (Reuters) - Real Madrid beat Sevilla 3-1 on Sunday to go five points clear at the top "
    "of La Liga, with two goals from Vinicius Junior.\n\n"
    "Coach Carlo Ancelotti said the team had not played well in the first half.\n"
)
UNRELATED = "[ad_1]\nMarkets in Tokyo rose 2 percent on Friday as the yen weakened.\nSource link\n"

VERSIONS = {
    "a-wire.txt": WIRE,
    "b.txt": WIRE.replace("(AP) ", "").replace("nine", "five"),
    # Same drift as b.txt: the consensus tally has a tie to break.
    "c-ünïcødé.txt": WIRE.replace("(AP) ", "").replace("nine", "five"),
    # "nano" is one edit from "nan" and "kano", equally common: the suggestion is a tie.
    "d story.txt": WIRE.replace("(AP) ", "")
    .replace("at the hotel.", "at the hotel.\n\nA nano drone filmed the hotel.")
    .replace("Tuesday", "Monday")
    .replace("will not accept", "will accept")
    .replace("may have", "have"),
    "e.txt": "\n\n".join(reversed(WIRE.replace("(AP) ", "").split("\n\n")))
    .replace("4,000", "40,000")
    .replace("Khalilzad told", "Khalizad told"),
    "m-wire.txt": OTHER,
    "m2.txt": OTHER.replace("(Reuters) ", "").replace("3-1", "3-2").replace("not ", ""),
    "z.txt": UNRELATED,
}
ENCODINGS = {"e.txt": "utf-16", "m2.txt": "cp1252"}


def build_desk(folder: Path) -> Path:
    for name, text in VERSIONS.items():
        (folder / name).write_bytes(text.encode(ENCODINGS.get(name, "utf-8")))
    return folder


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_desk(tmp_path_factory.mktemp("desk"))


def run_with_seed(cwd: Path, seed: str, *args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """The installed command under one ``PYTHONHASHSEED``; output kept as bytes."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [EXE, *map(str, args)], capture_output=True, check=False, cwd=cwd, env=env
    )


def run_all(jobs: list[tuple[Path, str, list[str | Path]]]) -> list[subprocess.CompletedProcess]:
    """Several runs, two at a time (the machine has two cores)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda job: run_with_seed(job[0], job[1], *job[2]), jobs))


REPORT_RUNS = [("0", "1"), ("1", "2"), ("12345", "2"), ("12345", "1")]
"""(PYTHONHASHSEED, --jobs): every seed and both job counts appear."""


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_report_output_is_byte_identical_across_hash_seeds_and_jobs(
    desk: Path, tmp_path: Path, output_format: str
) -> None:
    pages = [tmp_path / f"review-{seed}-{jobs}.html" for seed, jobs in REPORT_RUNS]
    results = run_all(
        [
            (desk, seed, ["report", ".", "--format", output_format, "--jobs", jobs, "--html", page])
            for (seed, jobs), page in zip(REPORT_RUNS, pages, strict=True)
        ]
    )
    first = results[0]
    assert first.returncode == 1, first.stderr
    assert first.stderr == b""
    assert b"consensus" in first.stdout or output_format == "sarif"
    for (seed, jobs), result, page in zip(REPORT_RUNS, results, pages, strict=True):
        assert result.stdout == first.stdout, f"PYTHONHASHSEED={seed} --jobs {jobs} differs"
        assert result.returncode == first.returncode
        assert page.read_bytes() == pages[0].read_bytes(), f"the HTML page of {seed}/{jobs}"


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_check_output_is_byte_identical_across_hash_seeds(desk: Path, output_format: str) -> None:
    rewrites = ["b.txt", "c-ünïcødé.txt", "d story.txt", "e.txt"]
    args: list[str | Path] = ["check", *rewrites, "--against", "a-wire.txt"]
    results = run_all([(desk, seed, [*args, "--format", output_format]) for seed in SEEDS])
    assert results[0].returncode == 1, results[0].stderr
    assert results[0].stdout.count(b'"number-changed"') >= 3
    assert b"unknown word 'nano' (did you mean 'kano'?)" in results[0].stdout
    for seed, result in zip(SEEDS, results, strict=True):
        assert result.stdout == results[0].stdout, f"PYTHONHASHSEED={seed} differs"


SEEDS = ["0", "1", "12345"]


def test_baseline_is_byte_identical_across_hash_seeds_and_reruns(tmp_path: Path) -> None:
    copies = [build_desk(write(tmp_path / seed / "x", "").parent) for seed in SEEDS]
    for copy in copies:
        (copy / "x").unlink()
    args = ["check", "b.txt", "d story.txt", "e.txt", "m2.txt", "--against", "a-wire.txt"]
    results = run_all(
        [
            (copy, seed, [*args, "--update-baseline"])
            for copy, seed in zip(copies, SEEDS, strict=True)
        ]
    )
    assert all(r.returncode == 0 for r in results), results[0].stderr
    written = [(copy / ".rewritelint-baseline.json").read_bytes() for copy in copies]
    assert written[0].count(b'"fingerprint"') >= 5
    assert written[1] == written[0] and written[2] == written[0]
    # Updating again with nothing changed rewrites the very same bytes.
    again = run_with_seed(copies[0], "777", *args, "--update-baseline")
    assert again.returncode == 0
    assert (copies[0] / ".rewritelint-baseline.json").read_bytes() == written[0]


# --- writing files: stories and wire copy are never modified ------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, mtime (ns) and mode."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_check_update_baseline_and_report_never_modify_stories_or_wire(tmp_path: Path) -> None:
    desk = build_desk(tmp_path)
    write(desk / ".rewritelint.yaml", "wire: [wire/]\n")
    write(desk / "wire" / "kabul.txt", WIRE)
    (desk / "front.md").write_text(
        f"---\nsource: a-wire.txt\n---\n{VERSIONS['b.txt']}", encoding="utf-8"
    )
    before = snapshot(desk) | snapshot(desk / "wire")
    stories = ["b.txt", "c-ünïcødé.txt", "d story.txt", "e.txt", "front.md", "z.txt"]
    update = run(desk, "check", *stories, "--update-baseline")
    assert update.returncode == 0, update.stderr
    for args in (["--against", "a-wire.txt", "--format", "json"], ["--strict-baseline"]):
        result = run(desk, "check", *stories, *args)
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    assert run(desk, "report", ".", "--format", "sarif").returncode == 1
    after = snapshot(desk) | snapshot(desk / "wire")
    after.pop(".rewritelint-baseline.json")
    assert after == before


@pytest.mark.parametrize("victim", ["b.txt", "a-wire.txt"])
def test_a_baseline_path_naming_a_story_never_overwrites_it(tmp_path: Path, victim: str) -> None:
    desk = build_desk(tmp_path)
    before = snapshot(desk)
    result = run(
        desk, "check", "b.txt", "--against", "a-wire.txt", "--baseline", victim, "--update-baseline"
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert result.stderr.startswith(f"rewritelint: error: {victim}:1:1: invalid JSON")
    assert snapshot(desk) == before


def test_a_failed_baseline_write_in_check_keeps_the_old_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = build_desk(tmp_path)
    monkeypatch.chdir(desk)
    assert main(["check", "b.txt", "--against", "a-wire.txt", "--update-baseline"]) == 0
    old = (desk / ".rewritelint-baseline.json").read_bytes()
    capsys.readouterr()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(baseline.os, "replace", disk_full)
    code = main(["check", "b.txt", "d story.txt", "--against", "a-wire.txt", "--update-baseline"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == [
        f"rewritelint: error: {desk / '.rewritelint-baseline.json'}: cannot write the baseline: "
        "No space left on device"
    ]
    assert (desk / ".rewritelint-baseline.json").read_bytes() == old
    assert not [p for p in desk.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "b.txt", "--against", "a-wire.txt", "--html", "b.txt"],
        ["check", "b.txt", "--against", "a-wire.txt", "--html", "a-wire.txt"],
        ["report", ".", "--html", "d story.txt"],
    ],
    ids=["check-rewrite", "check-wire", "report-member"],
)
def test_an_html_path_naming_an_input_never_overwrites_it(tmp_path: Path, args: list[str]) -> None:
    desk = build_desk(tmp_path)
    before = snapshot(desk)
    result = run(desk, *args)
    assert "Traceback" not in result.stderr
    assert snapshot(desk) == before


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_failed_html_write_keeps_the_old_page(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    (tmp_path / "desk").mkdir()
    desk = build_desk(tmp_path / "desk")
    page = write(tmp_path / "review.html", "<p>yesterday's review</p>\n")
    args = ["b.txt", "--against", "a-wire.txt"] if command == "check" else [".", "--jobs", "1"]
    monkeypatch.chdir(desk)

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(baseline.os, "replace", disk_full)
    code = main([command, *args, "--html", str(page)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines()[-1] == (
        f"rewritelint: error: {page}: cannot write the HTML page: No space left on device"
    )
    assert page.read_text(encoding="utf-8") == "<p>yesterday's review</p>\n"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["review.html"]


def test_check_with_jobs_gives_the_same_output_and_errors(tmp_path: Path) -> None:
    desk = build_desk(tmp_path)
    (desk / "broken.txt").write_bytes(b"%PDF-1.4\n\x00\x01binary")
    rewrites = ["b.txt", "broken.txt", "c-ünïcødé.txt", "d story.txt", "e.txt", "m2.txt"]
    runs = {
        jobs: run(
            desk, "check", *rewrites, "--against", "a-wire.txt", "--format", "json", "--jobs", jobs
        )
        for jobs in ("1", "2")
    }
    serial, parallel = runs["1"], runs["2"]
    assert serial.returncode == parallel.returncode == 2  # the binary file is an error
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    assert serial.stderr.count("broken.txt: ") == 1
    assert serial.stdout.count('"number-changed"') >= 3
