"""rank: the order a user sees — the worst drift first, on every surface."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import replace
from itertools import pairwise, product
from pathlib import Path

import pytest
from helpers import EXE, ROOT, finding, number_changed, run, write

from rewritelint import rank
from rewritelint.model import SEVERITIES, Location

QUICK_START = ("seeds/004_aa7a28f18c50d0f7.txt", "--against", "seeds/003_380c5302f4e8ce27.txt")
FINDING_LINE = re.compile(r"^\S.*:\d+:\d+: (error|warning|info) (\S+) ")


def at(path: str = "story.txt", line: int = 1, column: int = 1, text: str = "x") -> Location:
    return Location(path, line, column, line, column + len(text), text, 0, len(text))


def omitted(path: str = "story.txt", line: int = 1, text: str = "Two went. Then three more."):
    gone = Location("wire.txt", 3, 1, 3, 27, text, 0, len(text))
    return finding("passage-omitted", "omission", "info", "omitted", at(path, line), gone, "o1")


def residue(path: str = "story.txt", line: int = 1, fingerprint: str = "r1"):
    return finding(
        "scraper-residue", "artifact", "warning", "residue", at(path, line), None, fingerprint
    )


def cli(*args: str, width: int = 80) -> str:
    env = {**os.environ, "COLUMNS": str(width)}
    result = subprocess.run(
        [EXE, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result.stderr
    return result.stdout


# --- the weights -------------------------------------------------------------------------------


def test_severity_decides_whatever_the_category_and_the_consensus() -> None:
    """An info omission never outranks an error, nor any info finding a warning: the
    other factors move a score by less than the tenfold step between severities."""
    for higher, lower in pairwise(SEVERITIES):
        lowest = min(
            rank.finding_score(replace(residue(), severity=higher, category=c), consensus=s)
            for c, s in product(rank.CATEGORY_WEIGHT, (None, 0.0))
        )
        highest = max(
            rank.finding_score(replace(residue(), severity=lower, category=c), consensus=s)
            for c, s in product(rank.CATEGORY_WEIGHT, (None, 1.0))
        )
        assert lowest > highest, (higher, lower)


def test_factual_errors_come_first_and_omissions_last() -> None:
    order = sorted(rank.CATEGORY_WEIGHT, key=lambda c: -rank.CATEGORY_WEIGHT[c])
    assert set(order[:5]) == {"number", "date", "negation", "name", "quote"}
    assert order[-1] == "omission"
    assert set(rank.CATEGORY_WEIGHT) == {
        "number", "name", "date", "quote", "negation", "attribution", "hedge",
        "omission", "addition", "artifact", "typo",
    }  # fmt: skip


def test_scores_run_from_0_to_100_as_sarif_ranks_do() -> None:
    assert rank.finding_score(number_changed()) == 80.0
    assert rank.finding_score(number_changed(), consensus=1.0) == 100.0
    assert 0 < rank.finding_score(omitted()) < 1


def test_a_value_most_versions_do_not_share_ranks_higher() -> None:
    lone = rank.finding_score(number_changed(), consensus=1.0)  # every other version differs
    split = rank.finding_score(number_changed(), consensus=0.5)
    odd_reference = rank.finding_score(number_changed(), consensus=1 / 3)  # only the wire
    assert lone > split == rank.finding_score(number_changed()) > odd_reference


def test_a_version_is_as_bad_as_its_worst_finding_and_the_rest_break_ties() -> None:
    error = rank.finding_score(number_changed())
    warning = rank.finding_score(residue())
    assert rank.version_score([error]) > rank.version_score([warning] * 50)
    assert rank.version_score([error, warning]) > rank.version_score([error])
    assert rank.version_score([]) == 0.0


# --- the order ---------------------------------------------------------------------------------


def test_an_info_omission_never_outranks_an_error() -> None:
    error = number_changed(path="story.txt")
    ranking = rank.rank([omitted(line=1), residue(line=2), error])  # file order
    assert [r.finding.rule for r in ranking.findings] == [
        "number-changed",
        "scraper-residue",
        "passage-omitted",
    ]
    (version,) = ranking.versions
    assert version.counts == (("error", 1), ("warning", 1), ("info", 1))


def test_versions_worst_first_then_findings_by_score_ties_in_file_order() -> None:
    findings = [
        residue("a.txt", 1, "r1"),
        residue("a.txt", 2, "r2"),
        omitted("b.txt"),
        number_changed(path="b.txt"),
    ]
    ranking = rank.rank(findings, ["a.txt", "b.txt", "clean.txt"])
    assert [v.path for v in ranking.versions] == ["b.txt", "a.txt", "clean.txt"]
    assert ranking.versions[-1].score == 0.0 and ranking.versions[-1].counts == ()
    assert [(r.finding.location.path, r.finding.rule, r.finding.location.line) for r in ranking.findings] == [
        ("b.txt", "number-changed", 5),
        ("b.txt", "passage-omitted", 1),
        ("a.txt", "scraper-residue", 1),
        ("a.txt", "scraper-residue", 2),
    ]  # fmt: skip
    assert ranking.scores[("b.txt", number_changed().fingerprint)] == 80.0


def test_info_omissions_and_additions_fold_to_one_line() -> None:
    assert rank.fold(omitted()) == "2 sentences (5 words) not in this version"
    added = finding(
        "passage-added", "addition", "info", "added", at(text="One more line here."), None, "a1"
    )
    assert rank.fold(added) == "1 sentence (4 words) not in the reference"
    assert rank.fold(replace(omitted(), severity="warning")) is None  # shown in full
    assert rank.fold(residue()) is None


# --- what a user sees ----------------------------------------------------------------------------


def test_report_seeds_lists_the_version_with_nine_to_five_first() -> None:
    lines = cli("report", "seeds", "--concise").splitlines()
    stories = [k for k, line in enumerate(lines) if line.startswith("story-")]
    # The story of the worst version first, that version first, its worst finding first.
    assert lines[stories[0]].startswith("story-2: ")
    assert lines[stories[0] + 1].startswith("  seeds/004_aa7a28f18c50d0f7.txt  ")
    first = next(line for line in lines if FINDING_LINE.match(line))
    assert first.endswith("error number-changed number changed: nine -> five")
    worst = lines[lines.index("Worst versions:") + 1]
    assert worst.startswith("  seeds/004_aa7a28f18c50d0f7.txt  score ")


def test_report_lists_each_story_s_findings_by_version_then_by_score() -> None:
    lines = cli("report", "seeds", "--concise").splitlines()
    findings = [
        (line.split(":")[0], m.group(1)) for line in lines if (m := FINDING_LINE.match(line))
    ]
    paths = [p for k, (p, _) in enumerate(findings) if k == 0 or findings[k - 1][0] != p]
    assert len(paths) == len(set(paths))  # one run of lines per version
    for path in paths:  # within a version: errors, then warnings, then info
        severities = [s for p, s in findings if p == path]
        assert severities == sorted(severities, key=SEVERITIES.index), path


def test_the_full_form_of_the_quick_start_fits_a_screen_and_starts_with_the_worst() -> None:
    output = cli("check", *QUICK_START, "--full", width=80)
    lines = output.splitlines()
    assert len(lines) <= 40
    assert lines[0].endswith("error number-changed number changed: nine -> five")
    severities = [m.group(1) for line in lines if (m := FINDING_LINE.match(line))]
    assert severities == sorted(severities, key=SEVERITIES.index)
    folded = [line for line in lines if " info " in line]
    assert len(folded) == 6
    assert all(
        re.search(r" \d+ sentences? \(\d+ words?\) not in (this version|the reference)$", f)
        for f in folded
    )


def test_the_concise_contract_lines_of_check_keep_file_order() -> None:
    lines = cli("check", *QUICK_START, "--concise").splitlines()[:-1]
    positions = [tuple(map(int, line.split(":")[1:3])) for line in lines]
    assert positions == sorted(positions)


def test_the_lone_deviant_version_outranks_the_odd_reference(tmp_path: Path) -> None:
    wire = (
        "KABUL (AP) - The Taliban have captured nine provincial centers from government forces "
        "in six days, officials said on Tuesday.\n\nThe envoy Zalmay Khalilzad arrived in Doha on "
        "Wednesday to meet both delegations at the hotel.\n\nThe talks resume next week in the "
        "Qatari capital, the State Department said.\n"
    )
    write(tmp_path / "a-wire.txt", wire)
    write(tmp_path / "b.txt", wire.replace("(AP) ", "").replace("nine", "five"))
    for name in ("c.txt", "d.txt"):
        write(tmp_path / name, wire.replace("(AP) ", ""))
    (story,) = json.loads(run(tmp_path, "report", ".", "--format", "json").stdout)["stories"]
    changed = [f for f in story["findings"] if f["rule"] == "number-changed"]
    assert len(changed) == 1 and changed[0]["path"].endswith("b.txt")
    assert changed[0]["score"] == 100.0  # the other three versions all say "nine"
    first, second, *_ = (v["path"] for v in story["versions"])
    assert first.endswith("a-wire.txt") and second.endswith("b.txt")  # reference, then worst
    assert story["score"] == max(v["score"] for v in story["versions"])


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_carry_the_scores(fmt: str) -> None:
    document = json.loads(run(ROOT, "report", "seeds", "--format", fmt).stdout)
    if fmt == "json":
        scores = [f["score"] for s in document["stories"] for f in s["findings"]]
    else:
        scores = [r["rank"] for r in document["runs"][0]["results"]]
    findings = sum(len(s["findings"]) for s in document.get("stories", []))
    assert len(scores) == (findings if fmt == "json" else len(document["runs"][0]["results"]))
    assert max(scores) == 80.0 and all(0 < s <= 100 for s in scores)
