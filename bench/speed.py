"""Speed benchmark for rewritelint, with a naive difflib baseline measured in the same run.

Run it from anywhere, with the project's venv active::

    python bench/speed.py                      # full run (pairs about a minute; folders longer)
    python bench/speed.py --quick              # ~30 pairs per workload, folders of 100 and 400
    python bench/speed.py --corpus PATH --json figures.json --examples 5
    python bench/speed.py --folders 500,2000 --folder-jobs 1,2 --naive-budget 60
    python bench/speed.py --no-folders         # the pair workloads only

The news corpus is read at run time, never copied into the repository: ``--corpus PATH``, else
``$REWRITELINT_CORPUS``, else ``../shared/corpus`` beside the repository root. It holds
``basil_triplets/articles.jsonl`` and ``ecbplus_events/articles.jsonl`` (one JSON object a line
with ``id``, ``story_id``, ``text``). Without it only the ``seeds`` workload runs.

Workloads (rewrite checked against reference, the way ``rewritelint check`` does):

* ``seeds``: the real pairs in ``seeds/``: 004 vs 003, 001 vs 000, 002 vs 000.
* ``same-story``: per BASIL story, version 1 as reference and versions 2 and 3 (other outlets'
  reports of the same event) as rewrites: heavy differences, the aligner's hardest case.
* ``rewrite-300``, ``rewrite-1000``, ``rewrite-5000``: the production case, a rewrite that is
  mostly its source. Corpus articles are concatenated (within a story, then across stories) and
  cut at a sentence end near N words; that text is the reference, and a ``random.Random(0)``
  rewrite of it changes one number (+1; not a year), swaps two paragraphs, straightens the
  curly quotes of one paragraph and drops one sentence (of 4 words or more, from a paragraph of
  several).

The garbage collector's thresholds are set as the command line sets them
(``rewritelint.terminal.GC_THRESHOLDS``), so the figures are what ``rewritelint`` achieves.

Speed table columns:

* ``pairs``: rewrite/reference pairs checked; ``words``: ``str.split()`` words of rewrite plus
  reference, summed over the pairs.
* ``seconds``: wall time of the whole pipeline for all pairs (best of 3 passes when one pass
  takes under 1 s, else one pass); ``pairs/s`` and ``words/s`` derive from it.
* ``prepare s``: ``load_text`` + ``prepare`` (segment + annotate), each document once;
  ``compare s``: align + word diff; ``lint s``: all built-in rules.
* ``baseline pairs/s``, ``baseline words/s``: the naive checker of ``baseline_numbers``
  (difflib over whole word lists plus a number regex), timed the same way.

Parallel table (``--no-parallel`` skips it): each ``rewrite-*`` workload checked through
rewritelint's local engine (the process pool ``report --jobs`` uses) with 1 and 2 processes,
caches cleared before the workers start, workers warmed on a few pairs: pairs per second and the
speed-up.

Accuracy table columns (what the speed buys):

* ``injected number found``: of the rewrites in which a number was changed, the share where a
  ``number-changed`` finding covers the changed number; ``any rule``: where any finding covers
  it (a date rule may own day numbers); ``baseline``: where a baseline report covers it.
* ``other number flags``: number reports anywhere else. In the ``rewrite-*`` workloads nothing
  else changes a number, so these are false alarms; in ``same-story`` they are real differences
  between outlets (or alignment noise).
* ``omission found``: share of rewrites where ``passage-omitted`` covers the dropped sentence.

Then: findings by category, the cold start (imports, rule loading, first call, which loads
nupunkt's model), the process's peak memory, and a few missed number changes with the texts and
what rewritelint made of them.

Folder workloads (``rewritelint report``; ``--folders``, default 500, 2,000 and 8,000 files,
100 and 400 with ``--quick``; ``--no-folders`` skips them): corpus articles of 800+ characters
(BASIL, then ECB+), each written as its original plus rewrites with the body paragraphs shuffled
and the first number +1, as ``.txt`` files in a temporary directory removed afterwards. Five
versions per source; when the corpus has too few articles for a size, each source gets more
versions (never a source twice, which would merge two "sources" into one story). Each folder is
measured in fresh subprocesses, so memory figures are the folder's own:

* rewritelint: ``python -m rewritelint report FOLDER --format json --jobs N`` for each
  ``--folder-jobs`` value, run in-process by a ``python -c`` wrapper that reports its wall time
  (imports included) and peak memory. Exit 1 (findings) is normal; exit 2 is reported.
* naive: the afternoon-project folder checker in its own process (``naive_folder``): every pair
  of files scored by ``difflib.SequenceMatcher(...).quick_ratio()`` over word lists, pairs at or
  above ``NAIVE_THRESHOLD`` joined into groups, and each group's other files checked against
  its first file by name with ``baseline_numbers``. That is quadratic, so the pair loop stops
  after ``--naive-budget`` seconds (0: no limit) and the total is extrapolated (see
  ``naive_folder``), marked ``≈``, with its stories and findings left blank.

Folder table columns:

* ``folder``: files asked for; ``checker``: rewritelint with its ``--jobs``, or naive;
  ``built as``: distinct sources × versions per source; ``words``: ``str.split()`` words of all
  files.
* ``seconds``: wall time of the child (for naive, ``≈`` marks an extrapolated total);
  ``files/s`` and ``words/s`` derive from it.
* ``peak MB``: peak RSS of the child's main process (Linux ``VmHWM``; its ``ru_maxrss`` would
  include this script's own peak, which the kernel carries across exec); ``worker MB``:
  ``ru_maxrss`` of its largest reaped child, the ``--jobs`` workers (forked, so pages shared
  with the main process count in both: do not add the two).
* ``stories``: stories (groups, lone files included) found; ``findings``: rewritelint's findings
  of all rules, or the naive checker's number reports (not comparable one for one).
* ``time growth``: seconds over those of the previous folder size with the same checker, and the
  file-count factor (``×4`` for 500 → 2,000 → 8,000).

This file is the command line; beside it, ``speed_workloads.py`` builds the pair workloads,
``speed_pairs.py`` times and scores them, ``naive_checker.py`` is the baseline
(``baseline_numbers``, ``naive_folder``), ``speed_folders.py`` builds and measures the folders
and ``speed_tables.py`` prints the tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, corpus_dir, read_jsonl  # beside this file
from naive_checker import NAIVE_THRESHOLD, naive_folder
from speed_folders import CHILD_MARK, FolderBuild, FolderResult, folder_sources, measure_folders
from speed_pairs import cold_start, measure, run_parallel
from speed_tables import folder_notes, folder_table, markdown_tables, parallel_table
from speed_workloads import Pair, rewrite_pairs, same_story_pairs, sample, seed_pairs

CORPUS_FILES = ("basil_triplets/articles.jsonl", "ecbplus_events/articles.jsonl")
REWRITE_SIZES = (300, 1000, 5000)
QUICK_PAIRS = 30
FOLDER_SIZES = (500, 2000, 8000)
QUICK_FOLDER_SIZES = (100, 400)
FOLDER_JOBS = (1, 2)
NAIVE_BUDGET = 120.0


# --- command line -----------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command line: corpus location, quick mode, JSON output, how many misses to show."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="corpus directory")
    parser.add_argument("--quick", action="store_true", help=f"~{QUICK_PAIRS} pairs per workload")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write figures")
    parser.add_argument("--examples", type=int, default=3, help="missed number changes to show")
    parser.add_argument(
        "--folders",
        type=_int_list,
        default=None,
        metavar="N,N,...",
        help="folder sizes for `rewritelint report`, in files (default 500,2000,8000;"
        " 100,400 with --quick)",
    )
    parser.add_argument("--no-folders", action="store_true", help="skip the folder workloads")
    parser.add_argument(
        "--no-parallel",
        action="store_true",
        help="skip timing the rewrite workloads through the engine with 1 and 2 processes",
    )
    parser.add_argument(
        "--folder-jobs",
        type=_int_list,
        default=FOLDER_JOBS,
        metavar="N,N,...",
        help="`report --jobs` values to measure (default 1,2)",
    )
    parser.add_argument(
        "--naive-budget",
        type=float,
        default=NAIVE_BUDGET,
        metavar="SECONDS",
        help="time for the naive folder checker's pair loop before extrapolating (0: no limit)",
    )
    # Internal: the naive folder checker run as its own measured process.
    parser.add_argument("--naive-folder", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _int_list(value: str) -> tuple[int, ...]:
    """``"500,2000"`` -> (500, 2000), for argparse."""
    try:
        numbers = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a list such as 500,2000") from None
    if not numbers or min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give positive whole numbers")
    return numbers


# --- run and output ---------------------------------------------------------------------------


def code_version() -> str:
    """The commit measured, and whether the package had uncommitted edits (it moves fast)."""

    def git(*command: str) -> str:
        run = subprocess.run(["git", "-C", str(ROOT), *command], capture_output=True, text=True)
        return run.stdout.strip() if run.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "rewritelint", "rules")
    return commit + (" + uncommitted changes" if dirty else "")


def machine() -> str:
    """The line that says what the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    return (
        f"machine: {cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        f" ({platform.python_implementation()}), {platform.system()} {platform.release()}"
    )


def story_order(first_ecb: int) -> Callable[[tuple[int, dict[str, Any]]], tuple[Any, ...]]:
    """Sort key keeping BASIL before ECB+, and each story's articles together in version order."""

    def key(item: tuple[int, dict[str, Any]]) -> tuple[Any, ...]:
        index, article = item
        return (index >= first_ecb, article["story_id"], str(article.get("version")), index)

    return key


def main(argv: Sequence[str] | None = None) -> int:
    """Build the workloads, warm up, measure each, print the tables (and write JSON)."""
    wall = time.perf_counter()
    args = parse_args(argv)
    if args.naive_folder is not None:  # a measured child of run_naive: no rewritelint import
        print(CHILD_MARK + json.dumps(naive_folder(args.naive_folder, args.naive_budget)))
        return 0
    limit = QUICK_PAIRS if args.quick else None
    corpus = corpus_dir(args.corpus)
    basil, ecb = (read_jsonl(corpus / name) for name in CORPUS_FILES)

    seeds = seed_pairs()
    lib, cold = cold_start(seeds[0])
    workloads: list[tuple[str, list[Pair], bool]] = [("seeds", seeds, False)]
    notes = []
    if not basil and not ecb:
        notes.append(f"corpus not found at {corpus}: only the seeds workload ran")
    else:
        missing = [name for name, rows in zip(CORPUS_FILES, (basil, ecb), strict=True) if not rows]
        notes += [f"corpus file missing: {corpus / name}" for name in missing]
        if basil:
            workloads.append(("same-story", sample(same_story_pairs(basil), limit), True))
        articles = [a for _, a in sorted(enumerate([*basil, *ecb]), key=story_order(len(basil)))]
        for size in REWRITE_SIZES:
            pairs = sample(rewrite_pairs(articles, size), limit)
            if pairs:
                workloads.append((f"rewrite-{size}", pairs, True))

    results = [
        measure(lib, name, pairs, with_baseline, args.examples)
        for name, pairs, with_baseline in workloads
    ]
    for result, (name, pairs, _) in zip(results, workloads, strict=True):
        if name.startswith("rewrite-") and not args.no_parallel:
            for jobs in (1, 2):
                result.parallel_pairs_per_s[jobs] = run_parallel(pairs, jobs)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    builds: list[FolderBuild] = []
    folders: list[FolderResult] = []
    sources = folder_sources([*basil, *ecb])
    sizes = args.folders or (QUICK_FOLDER_SIZES if args.quick else FOLDER_SIZES)
    if args.no_folders:
        pass
    elif not sources:
        notes.append("no corpus articles for the folder workloads: they did not run")
    else:
        builds, folders = measure_folders(sources, sizes, args.folder_jobs, args.naive_budget)
    total = time.perf_counter() - wall

    print(markdown_tables(results))
    print()
    if any(r.parallel_pairs_per_s for r in results):
        print(parallel_table(results))
        print()
    if folders:
        print(folder_table(builds, folders))
        print()
    print(f"{machine()}; rewritelint {code_version()}")
    print(
        f"cold start: import {cold['import_s']:.3f} s, load_ruleset {cold['load_ruleset_s']:.3f} s,"
        f" first call (seeds 004 vs 003) {cold['first_call_s']:.3f} s"
        f" vs {cold['warm_call_s']:.3f} s warm"
    )
    print(
        f"peak memory (ru_maxrss): {peak_kb:,} KB; total run time {total:.1f} s"
        + (" (--quick)" if args.quick else "")
    )
    for note in notes:
        print(f"note: {note}")
    for note in folder_notes(builds, folders, args.naive_budget):
        print(f"folders: {note}")
    for r in results:
        if r.miss_causes:
            causes = "; ".join(f"{cause}: {n}" for cause, n in r.miss_causes.items())
            print(f"{r.workload}: missed number changes by cause: {causes}")
    for r in results:
        for miss in r.misses:
            print(f"\nmissed in {r.workload}: " + json.dumps(miss, ensure_ascii=False, indent=1))

    if args.json:
        figures = {
            "machine": machine(),
            "code": code_version(),
            "quick": args.quick,
            "corpus": str(corpus),
            "cold_start": cold,
            "peak_rss_kb": peak_kb,
            "total_s": total,
            "notes": notes,
            # Misses quote corpus text, which must not end up in a file that may be committed.
            "workloads": [{k: v for k, v in asdict(r).items() if k != "misses"} for r in results],
            "folders": {
                "sizes": list(sizes) if folders else [],
                "jobs": list(args.folder_jobs),
                "naive_budget_s": args.naive_budget,
                "naive_threshold": NAIVE_THRESHOLD,
                "builds": [asdict(b) for b in builds],
                "results": [asdict(r) for r in folders],
            },
        }
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
