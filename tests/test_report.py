"""report: a folder of versions grouped into stories, references chosen, versions compared."""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import pytest
from helpers import ROOT, corpus_articles, run, write

from rewritelint.report import build_report, list_files
from rewritelint.ruleset import load_ruleset


def test_seeds_group_into_two_stories_with_the_aa_wire_copies_as_references() -> None:
    result = run(ROOT, "report", "seeds", "--format", "json")
    assert result.returncode == 1, result.stderr
    stories = json.loads(result.stdout)["stories"]
    groups = [[Path(v["path"]).name[:3] for v in s["versions"]] for s in stories]
    # Stories in the order they are compared (JSON streams); each its reference first,
    # then its rewrites worst first (002's two dropped quotations, then 001's one).
    assert groups == [["000", "002", "001"], ["003", "004"]]
    assert [s["reference"] for s in stories] == [
        "seeds/000_65f70292184d7c1c.txt",
        "seeds/003_380c5302f4e8ce27.txt",
    ]
    assert "(AA)" in stories[0]["reason"] and "artifacts" in stories[1]["reason"]
    found = {
        (f["rule"], Path(f["path"]).name[:3], f["line"], f["text"])
        for s in stories
        for f in s["findings"]
    }
    # The seed findings of the rule-pack issue, the reference's own included.
    for want in [
        ("number-changed", "004", 5, "five"),
        (
            "quote-altered",
            "001",
            33,
            "It’s a struggle for a balance of power, dispensation of power between various factions, and no Afghans",
        ),
        ("quote-marks-dropped", "002", 21, "It’s just a struggle for a"),
        ("eggcorn", "000", 4, "frame of mine"),
        ("name-misspelt", "000", 1, "Khalizad"),
        ("reversed-quotes", "004", 22, "” inclusive “"),
    ]:
        assert want in found


def test_text_report_shows_stories_similarity_and_worst_versions() -> None:
    result = run(ROOT, "report", "seeds", "--concise")
    lines = result.stdout.splitlines()
    assert lines[0] == "2 stories, 5 versions"
    # Stories worst first: story-2 holds the worst version (004, "nine -> five").
    assert lines[2].startswith(
        "story-2: 2 version(s); reference seeds/003_380c5302f4e8ce27.txt (wire credit (AA)"
    )
    assert re.match(
        r"  seeds/004_aa7a28f18c50d0f7\.txt  similarity 0\.\d\d  score \d+\.\d  "
        r"1 error, \d+ warnings",
        lines[3],
    )
    assert lines[4].startswith("seeds/004_aa7a28f18c50d0f7.txt:5:21: error number-changed")
    # Each story whole: header, versions (worst first), then findings.
    (second,) = [i for i, line in enumerate(lines) if line.startswith("story-1: ")]
    assert lines[second].startswith(
        "story-1: 3 version(s); reference seeds/000_65f70292184d7c1c.txt (wire credit (AA))"
    )
    assert [line.split()[0] for line in lines[second + 1 : second + 3]] == [
        "seeds/002_127e7c73aef49c63.txt",
        "seeds/001_a235613fdd479873.txt",
    ]
    assert any(
        line.startswith("seeds/000_65f70292184d7c1c.txt:1:84: error") for line in lines[second:]
    )
    footer = lines.index("Worst versions:")
    assert footer > second
    assert [line.split()[0] for line in lines[footer + 1 : footer + 5]] == [
        "seeds/004_aa7a28f18c50d0f7.txt",
        "seeds/002_127e7c73aef49c63.txt",
        "seeds/001_a235613fdd479873.txt",
        "seeds/000_65f70292184d7c1c.txt",
    ]
    assert re.fullmatch(r"  \S+  score \d+\.\d  1 error, 10 warnings, 6 info", lines[footer + 1])
    assert lines[-1].startswith("Found ") and "By category: " in lines[-1]


def test_reference_can_be_forced(tmp_path: Path) -> None:
    result = run(
        ROOT, "report", "seeds", "--format", "json", "--reference", "seeds/004_aa7a28f18c50d0f7.txt"
    )
    stories = json.loads(result.stdout)["stories"]
    assert stories[1]["reference"] == "seeds/004_aa7a28f18c50d0f7.txt"
    assert stories[1]["reason"] == "named with --reference"


def test_parallel_run_gives_byte_identical_output() -> None:
    serial = run(ROOT, "report", "seeds", "--format", "json", "--jobs", "1")
    parallel = run(ROOT, "report", "seeds", "--format", "json", "--jobs", "2")
    assert serial.stdout == parallel.stdout


WIRE = (
    "KABUL (AP) - The Taliban have captured nine provincial centers from government forces in "
    "six days, officials said on Tuesday.\n\nThe envoy Zalmay Khalilzad arrived in Doha on "
    "Wednesday to meet both delegations at the hotel.\n\nThe talks resume next week in the "
    "Qatari capital, the State Department said.\n"
)


def test_consensus_names_the_odd_version_even_when_it_is_the_reference(tmp_path: Path) -> None:
    write(tmp_path / "a-wire.txt", WIRE)
    for name in ("b.txt", "c.txt", "d.txt"):
        write(tmp_path / name, WIRE.replace("(AP) ", "").replace("nine", "five"))
    result = run(tmp_path, "report", ".", "--format", "json")
    (story,) = json.loads(result.stdout)["stories"]
    assert story["reference"].endswith("a-wire.txt")
    (tally,) = story["consensus"]
    assert tally["values"][0]["text"] == "five" and len(tally["values"][0]["versions"]) == 3
    assert tally["values"][1]["text"] == "nine" and tally["values"][1]["versions"][0].endswith(
        "a-wire.txt"
    )
    text = run(tmp_path, "report", ".", "--concise").stdout
    assert "disagreement at a-wire.txt:1: 'five' in 3; 'nine' in 1; odd: a-wire.txt" in text


def test_symlinks_out_of_the_folder_and_loops_are_not_followed(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "secret.txt", WIRE)
    folder = tmp_path / "stories"
    write(folder / "a.txt", WIRE)
    (folder / "escape.txt").symlink_to(outside)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    files, problems = list_files([str(folder)])
    assert files == [str(folder / "a.txt")]
    assert any("escape.txt: a link out of" in p for p in problems)


def _rewrite(text: str, rng: random.Random) -> str:
    """A rewritten version: body paragraphs reordered, one number bumped, quotes straightened."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    out = "\n\n".join(head + body).translate(str.maketrans({"“": '"', "”": '"', "’": "'"}))
    return re.sub(r"\b(\d+)\b", lambda m: str(int(m.group()) + 1), out, count=1)


def test_grouping_recovers_the_stories_of_a_synthetic_folder(tmp_path: Path) -> None:
    """>= 200 files: 35 stories x 5 versions built from real articles, plus 30 singles."""
    basil = [a for a in corpus_articles("basil_triplets") if len(a["text"]) > 1500]
    ecb = corpus_articles("ecbplus_events")
    rng = random.Random(3)
    by_story: dict[str, dict] = {}
    for article in basil:
        by_story.setdefault(article["story_id"], article)
    sources = list(by_story.values())[:35]
    truth: dict[str, str] = {}
    for k, article in enumerate(sources):
        for v in range(5):
            text = article["text"] if v == 0 else _rewrite(article["text"], rng)
            path = write(tmp_path / f"s{k:02d}-v{v}.txt", text)
            truth[str(path)] = f"story{k}"
    singles: dict[str, dict] = {}
    for article in ecb:
        if len(article["text"]) > 600:
            singles.setdefault(article["story_id"], article)
    for k, article in enumerate(list(singles.values())[:30]):
        path = write(tmp_path / f"single-{k:02d}.txt", article["text"])
        truth[str(path)] = f"single{k}"
    assert len(truth) >= 200
    report = build_report([str(tmp_path)], load_ruleset().select(["number"]), jobs=2)
    predicted = {v.path: s.story.id for s in report.stories for v in s.story.versions}
    pairs = list(itertools.combinations(sorted(truth), 2))
    same_truth = {p for p in pairs if truth[p[0]] == truth[p[1]]}
    same_pred = {p for p in pairs if predicted[p[0]] == predicted[p[1]]}
    precision = len(same_truth & same_pred) / len(same_pred)
    recall = len(same_truth & same_pred) / len(same_truth)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert sum(1 for s in report.stories if len(s.story.versions) == 5) >= 33


@pytest.mark.parametrize("jobs", [1, 2])
def test_unreadable_file_is_reported_and_the_rest_still_checked(tmp_path: Path, jobs: int) -> None:
    write(tmp_path / "a.txt", WIRE)
    write(tmp_path / "b.txt", WIRE.replace("nine", "five"))
    (tmp_path / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    result = run(tmp_path, "report", ".", "--format", "json", "--jobs", str(jobs))
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["rewritelint: error: c.txt: binary file (NUL bytes)"]
    (story,) = json.loads(result.stdout)["stories"]
    assert [f["rule"] for f in story["findings"] if f["category"] == "number"] == ["number-changed"]


def test_report_sarif_validates_against_the_official_schema() -> None:
    schema_path = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip(f"SARIF schema not found at {schema_path}")
    import jsonschema

    result = run(ROOT, "report", "seeds", "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(json.loads(schema_path.read_text(encoding="utf-8"))).validate(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert "seeds/000_65f70292184d7c1c.txt" in uris and "seeds/004_aa7a28f18c50d0f7.txt" in uris


def test_report_github_annotations() -> None:
    lines = run(ROOT, "report", "seeds", "--format", "github").stdout.splitlines()
    assert (
        "::error file=seeds/004_aa7a28f18c50d0f7.txt,line=5,col=21,endLine=5,endColumn=25,"
        "title=rewritelint (number-changed)::number changed: nine -> five "
        "(reference seeds/003_380c5302f4e8ce27.txt:10:151)"
    ) in lines
    assert lines[-1].startswith("::notice::Found ")


def test_stories_stream_out_one_at_a_time_without_their_aligned_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The report yields each story as soon as it is compared, in order, and keeps each
    rewrite's aligned passages (the whole text) only when the review page wants them."""
    import rewritelint.report as report_module
    from rewritelint.engine import LocalEngine

    compared: list[str] = []
    real = report_module.compare_story

    def spy(story, *args, **kwargs):  # type: ignore[no-untyped-def]
        compared.append(story.id)
        return real(story, *args, **kwargs)

    monkeypatch.setattr(report_module, "compare_story", spy)
    ruleset = load_ruleset()
    with LocalEngine(1) as engine:
        plan = report_module.plan_report([str(ROOT / "seeds")], ruleset, engine)
        stories = report_module.compare_stories(plan, ruleset, engine, aligned=False)
        first = next(stories)
        assert compared == ["story-1"]  # the second story is not compared yet
        assert first.story.id == "story-1" and first.findings and first.aligned == ()
        second = next(stories)
        assert second.story.id == "story-2" and second.aligned == ()
    with LocalEngine(1) as engine:
        kept = list(report_module.compare_stories(plan, ruleset, engine, aligned=True))
    assert [len(s.aligned) for s in kept] == [2, 1]


def test_rank_report_puts_stories_and_versions_worst_first_keeping_the_reference_first() -> None:
    from dataclasses import replace

    from helpers import number_changed, report_of

    from rewritelint.report import Report, rank_report

    mild = replace(number_changed(path="b/mild.txt"), severity="warning")
    first = report_of([mild], ("b/wire.txt", "b/mild.txt")).stories[0]
    second = report_of(
        [number_changed(path="a/bad.txt")], ("a/wire.txt", "a/clean.txt", "a/bad.txt")
    ).stories[0]
    ranked = rank_report(Report([first, replace(second, story=replace(second.story, id="s2"))]))
    assert [s.story.id for s in ranked.stories] == ["s2", "story-1"]
    assert [v.path for v in ranked.stories[0].story.versions] == [
        "a/wire.txt",  # the reference stays first
        "a/bad.txt",
        "a/clean.txt",
    ]
    assert ranked.ranking is not None
    assert [v.path for v in ranked.ranking.versions][:2] == ["a/bad.txt", "b/mild.txt"]
    assert ranked.stories[0].score == 80.0 and ranked.stories[1].score == 8.0
    assert ranked.findings == [number_changed(path="a/bad.txt"), mild]


def test_consensus_scores_a_value_by_the_versions_that_do_not_share_it(tmp_path: Path) -> None:
    write(tmp_path / "a-wire.txt", WIRE)
    write(tmp_path / "b.txt", WIRE.replace("(AP) ", "").replace("nine", "five"))
    write(tmp_path / "c.txt", WIRE.replace("(AP) ", "").replace("nine", "five"))
    write(tmp_path / "d.txt", WIRE.replace("(AP) ", "").replace("nine", "seven"))
    (story,) = json.loads(run(tmp_path, "report", ".", "--format", "json").stdout)["stories"]
    scores = {
        Path(f["path"]).name: f["score"] for f in story["findings"] if f["rule"] == "number-changed"
    }
    # b and c: 2 of 3 other versions differ; d: all 3 do (factor 0.75 + 0.5 x share).
    assert scores == {"d.txt": 100.0, "b.txt": 86.67, "c.txt": 86.67}
    assert Path(story["versions"][1]["path"]).name == "d.txt"
