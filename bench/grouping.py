"""Grouping benchmark: does ``rewritelint report`` find the stories of a folder?

Run it from anywhere, with the project's venv active::

    python bench/grouping.py                    # corpus folder, then 200 and 2,000 near-copies
    python bench/grouping.py --no-copies --jobs 2
    python bench/grouping.py --no-corpus --copies 200,2000,8000
    python bench/grouping.py --corpus PATH

*Corpus folder*: every article of ``basil_triplets`` and ``ecbplus_events`` (``articles.jsonl``,
one JSON object a line; see their ``SOURCE.md``) is written as one ``.txt`` file into one flat
temporary folder (removed afterwards), named ``<set>-<id>.txt``. An article's true story is its
``story_id``: a BASIL triplet (one event, three outlets) or an ECB+ topic half (one seminal
event, many outlets; the ``ecb`` and ``ecbplus`` halves of a topic are different events of one
kind, so they must not be merged). The folder is grouped through the code path of ``report``
(``plan_report`` on the local engine: scan, group, choose references), in this process.

*Near-copies*: N edited copies of one seed story (``seeds/003_380c5302f4e8ce27.txt``), each with
two or three small deterministic edits (a number changed, a word replaced, a line dropped, a
scraper line added; ``random.Random(copy)``), as a newsroom's scrape of one wire story shows
them. They are one story, so the report should find exactly one.

Printed for each folder:

* ``files``: files grouped; ``stories``: groups found; ``largest``: versions in the largest.
* ``purity``: share of files whose predicted story's majority true story is their own (a file
  in a group that is mostly another story, or that has no majority, counts against it; ties
  go to the true story with the smaller id). 1.0 when no unrelated stories are merged.
* ``completeness``: share of files whose true story's majority predicted group contains them
  (ties go to the group whose first path sorts first). 1.0 when no story is split.
* ``b-cubed P/R``: B-cubed precision and recall (per file, the share of its predicted group that
  shares its true story, and the share of its true story inside its predicted group; means over
  files), which also count partial splits and merges.
* ``scan s``: reading the files (``scan_file`` on every file); ``group s``: grouping and choosing
  references (candidate pairs, near-duplicates, alignments, clustering); ``total s``.

Targets on the corpus folder: largest <= 30 versions, purity >= 0.95, completeness >= 0.85.
The corpus is copyrighted research data read at run time, never copied into the repository:
``--corpus PATH``, else ``$REWRITELINT_CORPUS``, else ``../shared/corpus`` beside the
repository. Without it the corpus folder is skipped with a message; near-copies still run.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, corpus_dir, read_jsonl  # beside this file

SETS = ("basil_triplets", "ecbplus_events")
SEED = ROOT / "seeds" / "003_380c5302f4e8ce27.txt"
COPIES = (200, 2000)
FILLERS = ("reportedly", "officially", "again", "also", "now", "still")
"""Words a copy's editor inserts or swaps in: short edits, as a desk's light rewrite makes."""
SCRAPER_LINES = ("Source link", "[ad_1]", "Read more:", "- Advertisement -")


@dataclass(frozen=True)
class Scores:
    """How predicted stories compare with the true ones (see the module docstring)."""

    files: int
    stories: int
    largest: int
    purity: float
    completeness: float
    bcubed_precision: float
    bcubed_recall: float


def score(predicted: Mapping[str, str], truth: Mapping[str, str]) -> Scores:
    """Purity, completeness and B-cubed scores of ``predicted`` (path -> group id) against
    ``truth`` (path -> true story id), over the files both know."""
    paths = sorted(set(predicted) & set(truth))
    groups: dict[str, list[str]] = defaultdict(list)
    stories: dict[str, list[str]] = defaultdict(list)
    for p in paths:
        groups[predicted[p]].append(p)
        stories[truth[p]].append(p)
    majority_story = {g: _majority(truth[p] for p in members) for g, members in groups.items()}
    majority_group = {
        s: _majority((predicted[p] for p in members), key=lambda g: groups[g][0])
        for s, members in stories.items()
    }
    pure = sum(1 for p in paths if majority_story[predicted[p]] == truth[p])
    complete = sum(1 for p in paths if majority_group[truth[p]] == predicted[p])
    overlap = Counter((predicted[p], truth[p]) for p in paths)
    precision = sum(overlap[predicted[p], truth[p]] / len(groups[predicted[p]]) for p in paths)
    recall = sum(overlap[predicted[p], truth[p]] / len(stories[truth[p]]) for p in paths)
    n = max(1, len(paths))
    return Scores(
        files=len(paths),
        stories=len(groups),
        largest=max((len(m) for m in groups.values()), default=0),
        purity=pure / n,
        completeness=complete / n,
        bcubed_precision=precision / n,
        bcubed_recall=recall / n,
    )


def _majority(values, key=lambda v: v) -> str:  # type: ignore[no-untyped-def]
    """The most frequent value; ties to the smallest ``key``."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], key(v)))


def write_corpus_folder(folder: Path, corpus: Path) -> dict[str, str]:
    """Every article of ``SETS`` as a file of ``folder``; returns path -> true story id."""
    truth: dict[str, str] = {}
    for name in SETS:
        for article in read_jsonl(corpus / name / "articles.jsonl"):
            path = folder / f"{name.split('_')[0]}-{article['id']}.txt"
            path.write_text(article["text"], encoding="utf-8")
            truth[str(path)] = f"{name}/{article['story_id']}"
    return truth


def near_copy(text: str, rng: random.Random) -> str:
    """``text`` with two or three small edits: a number changed, a word inserted or replaced,
    a line dropped (never the first), a scraper line added."""
    lines = text.split("\n")
    for _ in range(rng.randint(2, 3)):
        edit = rng.randrange(4)
        at = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
        if edit == 0:
            numbers = list(re.finditer(r"\b\d+\b", "\n".join(lines)))
            if numbers:
                m = rng.choice(numbers)
                joined = "\n".join(lines)
                new = str(int(m.group()) + rng.randint(1, 9))
                lines = (joined[: m.start()] + new + joined[m.end() :]).split("\n")
        elif edit == 1:
            words = lines[at].split(" ")
            k = rng.randrange(len(words))
            if rng.random() < 0.5:
                words[k] = rng.choice(FILLERS)
            else:
                words.insert(k, rng.choice(FILLERS))
            lines[at] = " ".join(words)
        elif edit == 2 and len(lines) > 3:
            del lines[at]
        else:
            lines.insert(at, rng.choice(SCRAPER_LINES))
    return "\n".join(lines)


def write_copies(folder: Path, count: int) -> dict[str, str]:
    """``count`` near-copies of the seed story; returns path -> true story id (all one)."""
    text = SEED.read_text(encoding="utf-8")
    truth = {}
    for k in range(count):
        path = folder / f"copy-{k:05d}.txt"
        path.write_text(near_copy(text, random.Random(k)), encoding="utf-8")
        truth[str(path)] = "seed"
    return truth


def run_report_grouping(folder: Path, jobs: int) -> tuple[dict[str, str], float, float]:
    """Group ``folder`` the way ``report`` does: path -> story id, scan and group seconds."""
    if importlib.util.find_spec("rewritelint") is None:
        sys.path.insert(0, str(ROOT))
    import gc

    from rewritelint.engine import LocalEngine
    from rewritelint.report import list_files, plan_stories, scan_files
    from rewritelint.ruleset import load_ruleset
    from rewritelint.terminal import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)  # as the command line runs
    ruleset = load_ruleset()
    with LocalEngine(jobs) as engine:  # the steps of report.plan_report, timed apart
        start = time.perf_counter()
        paths, problems = list_files([str(folder)])
        scans, errors = scan_files(paths, ruleset, engine)
        scanned = time.perf_counter()
        plan = plan_stories(scans, engine)
        grouped = time.perf_counter()
    if problems or errors:
        print("\n".join([*problems, *errors]), file=sys.stderr)
    predicted = {v.path: s.id for s in plan.stories for v in s.versions}
    return predicted, scanned - start, grouped - scanned


def show(label: str, result: Scores, scan: float, group: float) -> None:
    print(
        f"{label:<22} files {result.files:>5}  stories {result.stories:>4}  "
        f"largest {result.largest:>4}  purity {result.purity:.3f}  "
        f"completeness {result.completeness:.3f}  b-cubed P/R {result.bcubed_precision:.3f}/"
        f"{result.bcubed_recall:.3f}  scan s {scan:6.1f}  group s {group:6.1f}  "
        f"total s {scan + group:6.1f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--copies", default=",".join(map(str, COPIES)))
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus folder")
    parser.add_argument("--no-copies", action="store_true", help="skip the near-copies")
    args = parser.parse_args(argv)
    if not args.no_corpus:
        corpus = corpus_dir(args.corpus)
        if not all((corpus / name / "articles.jsonl").is_file() for name in SETS):
            print(f"corpus folder skipped: {', '.join(SETS)} not found under {corpus}")
        else:
            with tempfile.TemporaryDirectory(prefix="rewritelint-grouping-") as tmp:
                truth = write_corpus_folder(Path(tmp), corpus)
                predicted, scan, group = run_report_grouping(Path(tmp), args.jobs)
                show("corpus", score(predicted, truth), scan, group)
    if not args.no_copies:
        for count in (int(c) for c in args.copies.split(",") if c.strip()):
            with tempfile.TemporaryDirectory(prefix="rewritelint-copies-") as tmp:
                truth = write_copies(Path(tmp), count)
                predicted, scan, group = run_report_grouping(Path(tmp), args.jobs)
                show(f"near-copies {count}", score(predicted, truth), scan, group)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
