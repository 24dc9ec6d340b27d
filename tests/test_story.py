"""Grouping a folder into stories (story.group, grouping): near-copies however many, no
chaining through files that bridge two stories, the same stories whatever the order."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import subprocess
import time
from pathlib import Path

import pytest
from helpers import EXE, SEEDS, corpus_articles, write

from rewritelint.engine import LocalEngine
from rewritelint.grouping import LARGE, STRONG, Link, average_linkage
from rewritelint.report import list_files, plan_report, scan_files
from rewritelint.ruleset import load_ruleset
from rewritelint.story import Similarity, group

SEED = SEEDS / "003_380c5302f4e8ce27.txt"
FILLERS = ("reportedly", "officially", "again", "also", "now", "still")
SCRAPER_LINES = ("Source link", "[ad_1]", "Read more:", "- Advertisement -")


def near_copy(text: str, rng: random.Random) -> str:
    """``text`` with two or three small edits, as a scraped republication has them: a
    number changed, a word inserted or replaced, a line dropped, a scraper line added."""
    lines = text.split("\n")
    for _ in range(rng.randint(2, 3)):
        edit = rng.randrange(4)
        at = rng.randrange(1, len(lines))
        if edit == 0:
            joined = "\n".join(lines)
            numbers = list(re.finditer(r"\b\d+\b", joined))
            if numbers:
                m = rng.choice(numbers)
                new = str(int(m.group()) + rng.randint(1, 9))
                lines = (joined[: m.start()] + new + joined[m.end() :]).split("\n")
        elif edit == 1:
            words = lines[at].split(" ")
            words.insert(rng.randrange(len(words)), rng.choice(FILLERS))
            lines[at] = " ".join(words)
        elif edit == 2 and len(lines) > 3:
            del lines[at]
        else:
            lines.insert(at, rng.choice(SCRAPER_LINES))
    return "\n".join(lines)


def stories_of(folder: Path, jobs: int = 1) -> list[list[str]]:
    """The file names of each story ``report`` finds in ``folder`` (grouping only)."""
    with LocalEngine(jobs) as engine:
        plan = plan_report([str(folder)], load_ruleset(), engine)
    return [[Path(v.path).name for v in s.versions] for s in plan.stories]


@pytest.mark.parametrize("count", [20, 200, 2000])
def test_near_copies_of_one_story_are_one_story_however_many(tmp_path: Path, count: int) -> None:
    """Shingles every copy shares are too common for the index: the copies are found by
    their MinHash signatures instead, so more copies group no worse than fewer."""
    text = SEED.read_text(encoding="utf-8")
    for k in range(count):
        write(tmp_path / f"copy-{k:04d}.txt", near_copy(text, random.Random(k)))
    start = time.perf_counter()
    stories = stories_of(tmp_path)
    assert time.perf_counter() - start < 30
    assert [len(s) for s in stories] == [count]


def test_many_near_copies_beside_other_stories_leave_those_stories_as_they_were(
    tmp_path: Path,
) -> None:
    text = SEED.read_text(encoding="utf-8")
    for seed in SEEDS.glob("*.txt"):
        write(tmp_path / seed.name, seed.read_text(encoding="utf-8"))
    for k in range(200):
        write(tmp_path / f"copy-{k:03d}.txt", near_copy(text, random.Random(k)))
    stories = stories_of(tmp_path)
    assert len(stories) == 2
    first = sorted(n[:3] for n in stories[0] if not n.startswith("copy"))
    second = sorted(n[:3] for n in stories[1] if not n.startswith("copy"))
    assert (first, second) == (["000", "001", "002"], ["003", "004"])
    assert sum(n.startswith("copy") for n in stories[1]) == 200


@pytest.mark.parametrize(("evidence", "largest"), [(STRONG / 2, LARGE), (STRONG, LARGE + 10)])
def test_a_story_grows_past_the_bound_only_on_strong_evidence(
    evidence: float, largest: int
) -> None:
    """Every pair of 60 texts linked: above the threshold, but beyond ``LARGE`` texts a
    story grows only when its mean evidence is ``STRONG``."""
    count = LARGE + 10
    links = [Link(a, b, evidence) for a in range(count) for b in range(a + 1, count)]
    clusters = average_linkage(count, links, 0.09)
    assert max(len(c) for c in clusters) == largest
    assert sorted(i for c in clusters for i in c) == list(range(count))


# Four unrelated wire stories, each a few paragraphs (one a line).
STORIES = {
    "quake": [
        "ANKARA (AA) - A magnitude 6.1 earthquake struck the eastern Turkish province of "
        "Elazig on Tuesday evening, killing at least 14 people and injuring 310, the "
        "disaster agency AFAD said.",
        "The quake was centred near the town of Sivrice at a depth of 10 kilometres and was "
        "felt as far away as Malatya and Diyarbakir, where residents ran into the streets.",
        "Interior Minister Suleyman Soylu said rescue teams had pulled 39 people from the "
        "rubble of collapsed buildings overnight and that the search would continue.",
        "The Red Crescent sent tents, blankets and field kitchens to the region, where "
        "temperatures fell below minus eight degrees Celsius after midnight.",
        "Turkey sits on major fault lines and is frequently shaken by earthquakes; a tremor "
        "in Van killed more than 600 people in 2011.",
    ],
    "bank": [
        "FRANKFURT (Reuters) - The European Central Bank kept its deposit rate at minus 0.5 "
        "percent on Thursday and said it would keep buying bonds for as long as necessary.",
        "ECB President Christine Lagarde told a news conference in Frankfurt that inflation "
        "in the euro zone would stay well below the bank's target of two percent this year.",
        "Economists polled before the meeting had expected no change, although several "
        "governors, led by Dutch central banker Klaas Knot, have questioned the bond buying.",
        "The euro rose a quarter of a cent against the dollar after Lagarde announced a "
        "review of the bank's strategy, the first since 2003, to be finished by December.",
        "German savers and banks have long complained that negative rates eat into their "
        "deposits and profits.",
    ],
    "transfer": [
        "MADRID (AFP) - Real Madrid have signed Norwegian striker Erling Haugland from "
        "Salzburg for a fee of 90 million euros, the Spanish club announced on Monday.",
        "The 19-year-old, who scored 28 goals in 22 matches for the Austrian champions this "
        "season, signed a contract until June 2026 and will wear the number nine shirt.",
        "Coach Zinedine Zidane said at the Valdebebas training ground that Haugland would "
        "compete with Karim Benzema for a place in the starting line-up.",
        "Borussia Dortmund and Manchester United had also made offers for the player, "
        "whose agent Mino Raiola negotiated the deal over the weekend in Monaco.",
        "Real Madrid play their next league match against Getafe at the Bernabeu on Saturday.",
    ],
    "wildfire": [
        "SYDNEY (AP) - Firefighters in New South Wales were battling 96 bushfires on Sunday, "
        "and authorities ordered residents of the Blue Mountains town of Katoomba to leave.",
        "Rural Fire Service Commissioner Shane Fitzsimmons said gusty winds and temperatures "
        "of 41 degrees Celsius made it the most dangerous day of the season so far.",
        "Premier Gladys Berejiklian declared a seven-day state of emergency, the third since "
        "the fire season began in September, and closed national parks across the state.",
        "Smoke from the fires has blanketed Sydney for weeks, pushing air pollution to 11 "
        "times the hazardous level, and hospitals reported a rise in asthma cases.",
        "Since September the fires have burned more than 2.7 million hectares and destroyed "
        "about 680 homes.",
    ],
}


def write_bridged_stories(folder: Path, stories: dict[str, list[list[str]]]) -> dict[str, str]:
    """Each story's versions (its paragraphs, a near-copy, two shortened rewrites), and
    between consecutive stories one file that bridges them: a roundup (the end of one
    story, then the head of the next) or a file quoting one paragraph of each, in turn.
    Returns file name -> story (``bridge`` for the bridging files)."""
    truth: dict[str, str] = {}
    rng = random.Random(7)
    for name, versions in stories.items():
        for k, paragraphs in enumerate(versions):
            texts = {
                f"{name}-{k}-wire.txt": "\n".join(paragraphs),
                f"{name}-{k}-copy.txt": near_copy("\n".join(paragraphs), rng),
                f"{name}-{k}-short.txt": "\n".join(paragraphs[:3]),
                f"{name}-{k}-recut.txt": "\n".join([paragraphs[0], *paragraphs[2:]]),
            }
            for file, text in texts.items():
                write(folder / file, text)
                truth[file] = name
    for n, (left, right) in enumerate(itertools.pairwise(stories)):
        one, other = stories[left][0], stories[right][0]
        if n % 2 == 0:
            file, parts = f"roundup-{left}-{right}.txt", [*one[-2:], *other[:2]]
        else:
            file, parts = f"quotes-{left}-{right}.txt", [one[2], other[3]]
        write(folder / file, "\n".join(parts))
        truth[file] = "bridge"
    return truth


def assert_not_chained(stories: list[list[str]], truth: dict[str, str]) -> None:
    """No story holds versions of two stories (a bridging file may go with either), and
    each story's near-copies are found together."""
    for members in stories:
        told = {truth[m] for m in members} - {"bridge"}
        assert len(told) <= 1, members
    where = {m: k for k, members in enumerate(stories) for m in members}
    for file in truth:
        if file.endswith("-wire.txt"):
            assert where[file] == where[file.replace("-wire", "-copy")]


def test_stories_bridged_by_single_files_are_not_chained_into_one(tmp_path: Path) -> None:
    truth = write_bridged_stories(tmp_path, {k: [v] for k, v in STORIES.items()})
    stories = stories_of(tmp_path)
    assert_not_chained(stories, truth)
    # Each story's four versions are found together.
    for name in STORIES:
        assert any(
            {f"{name}-0-{v}.txt" for v in ("wire", "copy", "short")} <= set(s) for s in stories
        )


def test_a_digest_quoting_every_story_does_not_join_them(tmp_path: Path) -> None:
    truth = {}
    for name, paragraphs in STORIES.items():
        for version, text in [("wire", paragraphs), ("short", paragraphs[:3])]:
            write(tmp_path / f"{name}-{version}.txt", "\n".join(text))
            truth[f"{name}-{version}.txt"] = name
    write(tmp_path / "digest.txt", "\n".join(p[0] for p in STORIES.values()))
    truth["digest.txt"] = "bridge"
    stories = stories_of(tmp_path)
    assert len(stories) == len(STORIES)
    for members in stories:
        assert len({truth[m] for m in members} - {"bridge"}) == 1, members


def test_corpus_stories_bridged_by_single_files_are_not_chained(tmp_path: Path) -> None:
    """Five BASIL events years apart (each three outlets' reports), bridged in a row."""
    by_story: dict[str, list[dict]] = {}
    for article in corpus_articles("basil_triplets"):
        by_story.setdefault(article["story_id"], []).append(article)
    events = sorted(by_story.values(), key=lambda a: a[0]["date"])
    chosen = events[:: len(events) // 5][:5]
    stories = {
        f"e{k}": [[p for p in a["text"].split("\n\n") if p.strip()] for a in articles]
        for k, articles in enumerate(chosen)
    }
    assert all(len(v[0]) >= 4 for v in stories.values())
    truth = write_bridged_stories(tmp_path, stories)
    assert_not_chained(stories_of(tmp_path), truth)


def test_serial_and_parallel_grouping_agree(tmp_path: Path) -> None:
    write_bridged_stories(tmp_path, {k: [v] for k, v in STORIES.items()})
    text = SEED.read_text(encoding="utf-8")
    for k in range(60):
        write(tmp_path / f"copy-{k:03d}.txt", near_copy(text, random.Random(k)))
    with LocalEngine(1) as engine:
        serial = plan_report([str(tmp_path)], load_ruleset(), engine).stories
    with LocalEngine(2) as engine:
        parallel = plan_report([str(tmp_path)], load_ruleset(), engine).stories
    assert serial == parallel


def test_grouping_does_not_depend_on_the_order_of_the_files(tmp_path: Path) -> None:
    write_bridged_stories(tmp_path, {k: [v] for k, v in STORIES.items()})
    paths, _ = list_files([str(tmp_path)])
    with LocalEngine(1) as engine:
        scans, _ = scan_files(paths, load_ruleset(), engine)

    def grouped(order: list[int]) -> list[list[str]]:
        chosen = [scans[i] for i in order]
        similarity = Similarity([s.shingles for s in chosen], None, [s.names for s in chosen])
        found = group([s.path for s in chosen], similarity)
        return sorted(sorted(chosen[i].path for i in members) for members in found)

    order = list(range(len(scans)))
    shuffled = order[:]
    random.Random(1).shuffle(shuffled)
    assert grouped(order) == grouped(order[::-1]) == grouped(shuffled)


def test_report_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    write_bridged_stories(tmp_path, {k: [v] for k, v in STORIES.items()})
    outputs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [str(EXE), "report", ".", "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            env=env,
        )
        assert result.returncode in (0, 1), result.stderr
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]["stories"]) >= len(STORIES)
