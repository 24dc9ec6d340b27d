"""Speed benchmark for rewritelint, with a naive difflib checker measured on the same pairs in
the same run (issue 17: the two side by side, their ratio, growth with length, start-up).

Run it from anywhere, with the project's venv active::

    python bench/speed.py                      # full run (pairs about a minute; folders longer)
    python bench/speed.py --quick              # ~30 pairs per workload, folders of 100 and 400
    python bench/speed.py --corpus PATH --json figures.json --examples 5
    python bench/speed.py --folders 500,2000 --folder-jobs 1,2 --naive-budget 60
    python bench/speed.py --no-folders         # the pair workloads and start-up only
    python bench/speed.py --startup-runs 0     # skip the start-up processes

The news corpus is read at run time, never copied into the repository: ``--corpus PATH``, else
``$REWRITELINT_CORPUS``, else ``../shared/corpus`` beside the repository root. It holds
``basil_triplets/articles.jsonl`` and ``ecbplus_events/articles.jsonl`` (one JSON object a line
with ``id``, ``story_id``, ``text``). Without it only the ``seeds`` workload runs.

Workloads (rewrite checked against reference, the way ``rewritelint check`` does; the number in
a name is the words per document aimed at, the ``words/doc`` column says what it came to):

* ``seeds``: the real pairs in ``seeds/``: 004 vs 003, 001 vs 000, 002 vs 000.
* ``identical-660``, ``identical-5000``: the reference against an exact copy of itself. The copy
  has its own id, so it is loaded and prepared as a document of its own (what the package's
  memos make of a text already seen is its own business, as in a real check of a copy).
* ``light-660``, ``light-5000``: the production case, a rewrite that is mostly its source.
  Corpus articles are concatenated (within a story, then across stories) and cut at a sentence
  end near N words; that text is the reference (the same texts as ``identical-N``), and a
  ``random.Random(0)`` rewrite of it changes one number (+1; not a year), swaps two paragraphs,
  straightens the curly quotes of one paragraph and drops one sentence (of 4 words or more,
  from a paragraph of several).
* ``heavy-660``: per BASIL story, version 1 as reference and versions 2 and 3 (other outlets'
  reports of the same event) as rewrites: heavy differences, the aligner's hardest case (BASIL
  articles average about 650 words).
* ``heavy-5000``: the same at length: consecutive BASIL stories (by story id) whose version-1
  texts, joined by blank lines, come nearest 5,000 words make the reference; the same stories'
  version-2 texts in the same order make one rewrite and their version-3 texts another. Whole
  articles, never cut; a leftover group more than 20% off 5,000 words is dropped.
* ``light-2600``, ``light-20000``: built like ``light-N``, for the growth table only (with
  ``light-660`` and ``light-5000``); ``light-20000`` keeps 5 pairs (3 with ``--quick``).

``--quick`` keeps ~30 pairs per workload, evenly spaced over the corpus. The garbage collector's
thresholds are set as the command line sets them (``rewritelint.terminal.GC_THRESHOLDS``), so
the figures are what ``rewritelint`` achieves.

Speed table (the workloads above but ``light-2600`` and ``light-20000``), columns:

* ``pairs``: rewrite/reference pairs checked; ``words/doc``: mean ``str.split()`` words of a
  pair's reference; ``words``: words of rewrite plus reference, summed over the pairs.
* ``seconds``: wall time of the whole pipeline for all pairs (best of 3 passes when one pass
  takes under 1 s, else one pass); ``pairs/s`` and ``words/s`` derive from it.
* ``prepare s``: ``load_text`` + ``prepare`` (segment + annotate), each document once (a
  reference shared by two pairs, as in ``heavy-*``, is prepared once); ``compare s``: align +
  word diff; ``lint s``: all built-in rules.
* ``naive pairs/s``, ``naive words/s``: the naive checker of ``baseline_numbers`` (difflib over
  whole word lists plus a number regex) on the same pairs, timed the same way (``baseline_*``
  in the JSON).
* ``ratio``: rewritelint pairs/s over naive pairs/s (above 1: rewritelint is faster);
  ``ratio target``: issue 17's target, ≥ 1.0 for ``light-*`` and ≥ 0.5 for ``heavy-*`` (none
  for seeds and identical copies), and whether it is met.

Accuracy table columns (what the speed buys; every workload measured, growth ones included):

* ``injected number found``: of the rewrites in which a number was changed, the share where a
  ``number-changed`` finding covers the changed number; ``any rule``: where any finding covers
  it (a date rule may own day numbers); ``naive``: where a naive report covers it.
* ``other number flags``: number reports anywhere else. In ``identical-*`` and ``light-*``
  nothing else changes a number, so these are false alarms; in ``heavy-*`` (and seeds) they are
  real differences between outlets (or alignment noise).
* ``omission found``: share of rewrites where ``passage-omitted`` covers the dropped sentence.

Then findings by category, for every workload (in ``identical-*`` every finding is single-text:
artifacts and typos of the text itself).

Growth table: ``light-660``, ``light-2600``, ``light-5000``, ``light-20000``; ``words/doc`` as
above; ``rewritelint s/pair`` and ``naive s/pair``: each one's seconds over pairs; ``growth``
and ``naive growth``: seconds per pair over those of ``light-660``; ``words growth (linear)``:
words/doc over those of ``light-660``, the growth linear time would show; ``growth target``:
issue 17's, at most 40× at ~20,000 words (linear is about 30×), and whether it is met.

Start-up table (``--startup-runs N``, default 5, 3 with ``--quick``; 0 skips it): wall time,
spawn to exit, of ``python -m rewritelint --version`` and of ``python -m rewritelint check
seeds/004_… --against seeds/003_…`` (the first seeds pair), each in a fresh interpreter run from
an empty temporary directory (no config applies): the best run, every run, the exit codes
(``check`` exits 1 on findings, which is normal; anything else is marked FAILED with its last
stderr line) and issue 17's target, under 0.3 s.

Parallel table (``--no-parallel`` skips it): ``light-660`` and ``light-5000`` checked through
rewritelint's local engine (the process pool ``report --jobs`` uses) with 1 and 2 processes,
caches cleared before the workers start, workers warmed on a few pairs: pairs per second and the
speed-up.

After the tables: the in-process cold start (imports, rule loading, first call, which loads
nupunkt's model), this process's peak memory after the pair workloads, and a few missed number
changes with the texts and what rewritelint made of them.

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
  include this script's own peak, which the kernel carries across exec); at 8,000 files, the
  ``report`` memory issue 17 asks for; ``worker MB``:
  ``ru_maxrss`` of its largest reaped child, the ``--jobs`` workers (forked, so pages shared
  with the main process count in both: do not add the two).
* ``stories``: stories (groups, lone files included) found; ``findings``: rewritelint's findings
  of all rules, or the naive checker's number reports (not comparable one for one).
* ``time growth``: seconds over those of the previous folder size with the same checker, and the
  file-count factor (``×4`` for 500 → 2,000 → 8,000).

This file is the command line; beside it, ``speed_workloads.py`` builds the pair workloads,
``speed_pairs.py`` times and scores them (and computes the growth rows and times the start-up),
``naive_checker.py`` is the baseline
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
from speed_pairs import (
    GROWTH_TARGET,
    RATIO_TARGETS,
    STARTUP_TARGET_S,
    Result,
    cold_start,
    growth_rows,
    measure,
    run_parallel,
    startup,
)
from speed_tables import (
    folder_notes,
    folder_table,
    growth_table,
    markdown_tables,
    parallel_table,
    startup_table,
)
from speed_workloads import (
    Pair,
    build_chunks,
    identical_pairs,
    light_pairs,
    same_story_pairs,
    sample,
    seed_pairs,
    stitched_story_pairs,
)

CORPUS_FILES = ("basil_triplets/articles.jsonl", "ecbplus_events/articles.jsonl")
SPEED_SIZES = (660, 5000)
"""Words per document of the identical, light and heavy workloads of the speed table."""
GROWTH_SIZES = (660, 2600, 5000, 20000)
"""Words per document of the light workloads of the growth table (the first is its base)."""
QUICK_PAIRS = 30
LONGEST_PAIRS, QUICK_LONGEST_PAIRS = 5, 3
"""Pairs of the longest growth workload: a 20,000-word pair takes about a second."""
PARALLEL_WORKLOADS = ("light-660", "light-5000")
STARTUP_RUNS, QUICK_STARTUP_RUNS = 5, 3
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
        help="skip timing the light workloads through the engine with 1 and 2 processes",
    )
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=None,
        metavar="N",
        help=f"fresh processes per start-up command, best kept (default {STARTUP_RUNS},"
        f" {QUICK_STARTUP_RUNS} with --quick; 0 skips start-up)",
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


def pair_workloads(
    seeds: list[Pair], basil: list[dict[str, Any]], ecb: list[dict[str, Any]], quick: bool
) -> tuple[list[tuple[str, list[Pair]]], list[tuple[str, list[Pair]]]]:
    """The speed table's workloads (seeds, then identical, light and heavy per size) and the
    light ones only the growth table needs; a workload the corpus cannot fill is left out."""
    limit = QUICK_PAIRS if quick else None
    speed_set: list[tuple[str, list[Pair]]] = [("seeds", seeds)]
    growth_only: list[tuple[str, list[Pair]]] = []
    if not basil and not ecb:
        return speed_set, growth_only
    articles = [a for _, a in sorted(enumerate([*basil, *ecb]), key=story_order(len(basil)))]
    chunks = {size: build_chunks(articles, size) for size in GROWTH_SIZES}
    for size in SPEED_SIZES:
        speed_set.append((f"identical-{size}", sample(identical_pairs(chunks[size], size), limit)))
        speed_set.append((f"light-{size}", sample(light_pairs(chunks[size], size), limit)))
        if basil:  # at ~660 words one BASIL story is a document; longer, several are stitched
            heavy = same_story_pairs(basil) if size == 660 else stitched_story_pairs(basil, size)
            speed_set.append((f"heavy-{size}", sample(heavy, limit)))
    for size in GROWTH_SIZES:
        if size not in SPEED_SIZES:
            longest = size == max(GROWTH_SIZES)
            count = (QUICK_LONGEST_PAIRS if quick else LONGEST_PAIRS) if longest else limit
            growth_only.append((f"light-{size}", sample(light_pairs(chunks[size], size), count)))
    keep = [(name, pairs) for name, pairs in speed_set if pairs]
    return keep, [(name, pairs) for name, pairs in growth_only if pairs]


def without_misses(result: Result) -> dict[str, Any]:
    """A workload's figures for ``--json``: misses quote corpus text, which must not end up in
    a file that may be committed."""
    return {k: v for k, v in asdict(result).items() if k != "misses"}


def main(argv: Sequence[str] | None = None) -> int:
    """Build the workloads, warm up, measure each, print the tables (and write JSON)."""
    wall = time.perf_counter()
    args = parse_args(argv)
    if args.naive_folder is not None:  # a measured child of run_naive: no rewritelint import
        print(CHILD_MARK + json.dumps(naive_folder(args.naive_folder, args.naive_budget)))
        return 0
    corpus = corpus_dir(args.corpus)
    basil, ecb = (read_jsonl(corpus / name) for name in CORPUS_FILES)

    seeds = seed_pairs()
    lib, cold = cold_start(seeds[0])
    notes = []
    if not basil and not ecb:
        notes.append(f"corpus not found at {corpus}: only the seeds workload ran")
    else:
        missing = [name for name, rows in zip(CORPUS_FILES, (basil, ecb), strict=True) if not rows]
        notes += [f"corpus file missing: {corpus / name}" for name in missing]
    speed_set, growth_only = pair_workloads(seeds, basil, ecb, args.quick)

    results = [measure(lib, name, pairs, True, args.examples) for name, pairs in speed_set]
    extra = [measure(lib, name, pairs, True, args.examples) for name, pairs in growth_only]
    for result, (name, pairs) in zip(results, speed_set, strict=True):
        if name in PARALLEL_WORKLOADS and not args.no_parallel:
            for jobs in (1, 2):
                result.parallel_pairs_per_s[jobs] = run_parallel(pairs, jobs)
    by_name = {r.workload: r for r in [*results, *extra]}
    growth = growth_rows([by_name[f"light-{n}"] for n in GROWTH_SIZES if f"light-{n}" in by_name])
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    runs = args.startup_runs
    if runs is None:
        runs = QUICK_STARTUP_RUNS if args.quick else STARTUP_RUNS
    startups = startup(runs) if runs > 0 else []

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

    print("Pairs: rewritelint beside the naive checker on the same pairs; accuracy; categories")
    print(markdown_tables(results, extra))
    print()
    if len(growth) > 1:
        print("Growth with document length: light rewrites, time per pair over light-660's")
        print(growth_table(growth))
        print()
    if startups:
        print(f"Start-up: fresh `python -m rewritelint` processes, best of {runs}")
        print(startup_table(startups))
        print()
    if any(r.parallel_pairs_per_s for r in results):
        print("Through the engine's processes (`report --jobs`)")
        print(parallel_table(results))
        print()
    if folders:
        print("Folders: `rewritelint report` and the naive folder checker, fresh processes")
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
    for r in [*results, *extra]:
        if r.miss_causes:
            causes = "; ".join(f"{cause}: {n}" for cause, n in r.miss_causes.items())
            print(f"{r.workload}: missed number changes by cause: {causes}")
    for r in [*results, *extra]:
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
            "workloads": [without_misses(r) for r in results],
            "growth_only_workloads": [without_misses(r) for r in extra],
            "ratio_targets": RATIO_TARGETS,
            "growth": [asdict(g) for g in growth],
            "growth_target": GROWTH_TARGET,
            "startup": [asdict(s) for s in startups],
            "startup_target_s": STARTUP_TARGET_S,
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
