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
(``rewritelint.cli.GC_THRESHOLDS``), so the figures are what ``rewritelint`` achieves.

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
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus_dir, read_jsonl  # beside this file

if TYPE_CHECKING:
    from rewritelint.model import AnnotatedDocument, Finding
    from rewritelint.ruleset import RuleSet

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILES = ("basil_triplets/articles.jsonl", "ecbplus_events/articles.jsonl")
SEED_PAIRS = (("004", "003"), ("001", "000"), ("002", "000"))
"""(rewrite, reference) file prefixes in ``seeds/``."""
REWRITE_SIZES = (300, 1000, 5000)
QUICK_PAIRS = 30
DROP_MIN_WORDS = 4
"""Shortest sentence dropped: passage-omitted's ``min_words``, shorter cuts are meant to pass."""
SMALL_PASS_SECONDS = 1.0
"""A pass shorter than this is repeated (best of 3): timer noise would dominate it."""
FOLDER_SIZES = (500, 2000, 8000)
QUICK_FOLDER_SIZES = (100, 400)
FOLDER_JOBS = (1, 2)
FOLDER_MIN_CHARS = 800
"""Shorter articles make poor stories: a rewrite of two paragraphs has little to reorder."""
FOLDER_VERSIONS = 5
"""Versions per source article (the original and four rewrites) while the corpus suffices."""
NAIVE_THRESHOLD = 0.6
"""Naive grouping cut: in the corpus, unrelated articles score at most ~0.4 by ``quick_ratio``
and rewrites of one article ~0.99, so any value in between groups the same files."""
NAIVE_BUDGET = 120.0
_CHILD_MARK = "@@speed.py "
"""Prefix of the stderr line on which a measured child reports its own figures."""
_CLI_WRAPPER = f"""
import json, resource, sys, time
start = time.perf_counter()
from rewritelint.cli import main
code = main(sys.argv[1:])
seconds = time.perf_counter() - start
sys.stdout.flush()
try:  # VmHWM: ru_maxrss would include speed.py's own peak, inherited across exec on Linux
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
figures = dict(exit=code, seconds=seconds, peak_kb=own, worker_peak_kb=workers)
print("\\n" + {_CHILD_MARK!r} + json.dumps(figures), file=sys.stderr)
sys.exit(code)
"""
"""Runs the CLI in-process, then reports wall time and peak memory (its own high-water RSS, and
``ru_maxrss`` of its reaped children: the ``--jobs`` workers). Kept in step with ``own_peak_kb``."""

# A digit string that is a whole number on its own: not part of "1,500", "3.5", "4:59", "9/11",
# "2-1", "1990s" or "2nd", so that +1 changes exactly one value.
_PLAIN_NUMBER = re.compile(r"(?<![\w.,:/\-–])\d+(?![\w:/\-–]|[.,]\d)")
# Years are left to date rules (rewritelint tokenises them as kind "year", not "number").
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_PARAGRAPH_BREAK = re.compile(r"(\n\s*\n|\n)")
_CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_WORD = re.compile(r"\S+")
_BASELINE_NUMBER = re.compile(r"\d[\d,.]*")
_MARK_OPEN, _MARK_CLOSE = "\x01", "\x02"
"""Bracket the injected number while the rewrite is built, to find its final offset."""


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Injected:
    """What a synthetic rewrite changed, as offsets, so findings can be checked against it."""

    old: str
    new: str
    start: int
    """Offset of the changed number in the rewrite (``new``); -1 when no number was changed."""
    end: int
    dropped: tuple[int, int] | None
    """Offsets of the dropped sentence in the reference."""


@dataclass(frozen=True)
class Pair:
    """One check: ``rewrite`` against ``reference``; ids let a shared reference be prepared once."""

    name: str
    reference_id: str
    reference: str
    rewrite_id: str
    rewrite: str
    injected: Injected | None = None

    @property
    def words(self) -> int:
        return len(self.reference.split()) + len(self.rewrite.split())


@dataclass
class Lib:
    """rewritelint's entry points, imported inside ``cold_start`` so the import is timed."""

    load_text: Callable[[str, str], Any]
    prepare: Callable[[Any], AnnotatedDocument]
    compare: Callable[[AnnotatedDocument, AnnotatedDocument | None], Any]
    lint: Callable[[Any, RuleSet], list[Finding]]
    ruleset: RuleSet


@dataclass
class Timing:
    """One pass over a workload: stage times and what each pair produced."""

    seconds: float = 0.0
    prepare: float = 0.0
    compare: float = 0.0
    lint: float = 0.0
    findings: list[list[Any]] = field(default_factory=list)
    """Per pair: rewritelint ``Finding`` objects, or baseline ``(start, end, old, new)`` reports."""


@dataclass
class Result:
    """The figures of one workload, as printed and written to ``--json``."""

    workload: str
    pairs: int
    words: int
    seconds: float
    pairs_per_s: float
    words_per_s: float
    prepare_s: float
    compare_s: float
    lint_s: float
    repetitions: int
    baseline_seconds: float | None = None
    baseline_pairs_per_s: float | None = None
    baseline_words_per_s: float | None = None
    injected: int = 0
    found: int = 0
    found_any_rule: int = 0
    baseline_found: int = 0
    other_number_flags: int = 0
    baseline_other_number_flags: int = 0
    dropped: int = 0
    omission_found: int = 0
    categories: dict[str, int] = field(default_factory=dict)
    miss_causes: dict[str, int] = field(default_factory=dict)
    misses: list[dict[str, str]] = field(default_factory=list)
    """The first missed number changes, one per cause first, with texts (stdout only)."""
    parallel_pairs_per_s: dict[int, float] = field(default_factory=dict)
    """Pairs per second checked through rewritelint's local engine with N processes."""


@dataclass(frozen=True)
class FolderBuild:
    """How one folder workload was made, printed beside its figures."""

    size: int
    files: int
    sources: int
    versions: int
    """Versions per source: the original and ``versions - 1`` rewrites."""
    words: int
    corpus_articles: int
    """Articles of ``FOLDER_MIN_CHARS`` or more available as sources."""


@dataclass
class FolderResult:
    """One checker on one folder, as printed and written to ``--json``."""

    size: int
    checker: str
    files: int
    words: int
    seconds: float
    files_per_s: float
    words_per_s: float
    peak_mb: float
    worker_peak_mb: float | None = None
    stories: int | None = None
    findings: int | None = None
    exit_code: int = 0
    errors: list[str] = field(default_factory=list)
    extrapolated: bool = False
    covered_files: int | None = None
    """Naive only: files whose pairs were all compared within the budget."""
    covered_pairs: int | None = None
    total_pairs: int | None = None
    growth: float | None = None
    """``seconds`` over those of the previous folder size with the same checker."""
    growth_files: float | None = None


# --- inputs -----------------------------------------------------------------------------------


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


def seed_pairs() -> list[Pair]:
    """The real rewrite/reference pairs shipped in ``seeds/`` (UTF-8 files)."""

    def read(prefix: str) -> str:
        (path,) = sorted((ROOT / "seeds").glob(f"{prefix}_*.txt"))
        return path.read_bytes().decode("utf-8-sig")

    return [
        Pair(f"seeds {rew} vs {ref}", ref, read(ref), rew, read(rew)) for rew, ref in SEED_PAIRS
    ]


def same_story_pairs(basil: Sequence[dict[str, Any]]) -> list[Pair]:
    """Version 1 of each BASIL story against versions 2 and 3: different outlets, one event."""
    stories: dict[str, dict[int, dict[str, Any]]] = {}
    for article in basil:
        stories.setdefault(article["story_id"], {})[int(article["version"])] = article
    pairs = []
    for story_id in sorted(stories):
        versions = stories[story_id]
        if 1 not in versions:
            continue
        ref = versions[1]
        for number in sorted(v for v in versions if v != 1):
            rew = versions[number]
            pairs.append(
                Pair(f"{rew['id']} vs {ref['id']}", ref["id"], ref["text"], rew["id"], rew["text"])
            )
    return pairs


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans by nupunkt, rewritelint's own splitter: a plain regex cuts "Gov." off a
    name, and dropping such a fragment would test nothing."""
    import nupunkt

    spans = []
    for start, end in nupunkt.sent_spans(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def truncate_at_sentence(text: str, target: int) -> str:
    """Cut ``text`` at the first sentence end after ``target`` words (whole text if none)."""
    words = list(_WORD.finditer(text))
    if len(words) <= target:
        return text
    after = words[target - 1].end()
    end = next((e for _, e in sentence_spans(text) if e >= after), len(text))
    return text[:end]


def build_chunks(articles: Sequence[dict[str, Any]], target: int) -> list[str]:
    """Reference texts of about ``target`` words: articles in story order, concatenated until
    long enough, then cut at a sentence end (the rest of the last article is not reused)."""
    chunks: list[str] = []
    parts: list[str] = []
    words = 0
    for article in articles:
        text = article["text"].strip()
        parts.append(text)
        words += len(text.split())
        if words >= target:
            chunks.append(truncate_at_sentence("\n\n".join(parts), target))
            parts, words = [], 0
    return chunks


# --- synthetic rewrites -----------------------------------------------------------------------


def make_rewrite(reference: str, rng: random.Random) -> tuple[str, Injected]:
    """A deterministic near-copy of ``reference``: the four edits a rewrite desk typically makes.

    All choices are made on the reference's own paragraphs (so the dropped sentence's reference
    offsets are exact) and applied afterwards; the changed number is bracketed with marks while
    paragraphs move, then its final offset is read off and the marks removed.
    """
    pieces = _PARAGRAPH_BREAK.split(reference)
    paragraphs, breaks = pieces[0::2], pieces[1::2]
    starts, offset = [], 0
    for index, paragraph in enumerate(paragraphs):
        starts.append(offset)
        offset += len(paragraph) + (len(breaks[index]) if index < len(breaks) else 0)

    edits: dict[int, list[tuple[int, int, str]]] = {}
    numbers = [
        (p, m)
        for p, paragraph in enumerate(paragraphs)
        for m in _PLAIN_NUMBER.finditer(paragraph)
        if not _YEAR.fullmatch(m.group())
    ]
    old = new = ""
    number_at: tuple[int, int] | None = None
    if numbers:
        p, match = rng.choice(numbers)
        old, new = match.group(), str(int(match.group()) + 1)
        number_at = (p, match.start())
        edits.setdefault(p, []).append((match.start(), match.end(), _MARK_OPEN + new + _MARK_CLOSE))

    sentences = [
        (p, s, e)
        for p, spans in enumerate(sentence_spans(paragraph) for paragraph in paragraphs)
        for s, e in spans
        if len(spans) > 1
        and len(paragraphs[p][s:e].split()) >= DROP_MIN_WORDS
        and not (number_at and number_at[0] == p and s <= number_at[1] < e)
    ]
    dropped = None
    if sentences:
        p, s, e = rng.choice(sentences)
        cut = e
        while cut < len(paragraphs[p]) and paragraphs[p][cut].isspace():
            cut += 1
        edits.setdefault(p, []).append((s, cut, ""))
        dropped = (starts[p] + s, starts[p] + e)

    for p, changes in edits.items():
        text = paragraphs[p]
        for s, e, replacement in sorted(changes, reverse=True):
            text = text[:s] + replacement + text[e:]
        paragraphs[p] = text.rstrip()

    curly = [
        p for p, paragraph in enumerate(paragraphs) if paragraph.translate(_CURLY) != paragraph
    ]
    if curly:
        p = rng.choice(curly)
        paragraphs[p] = paragraphs[p].translate(_CURLY)
    if len(paragraphs) > 1:
        i, j = rng.sample(range(len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]

    text = "".join(
        paragraph + (breaks[k] if k < len(breaks) else "") for k, paragraph in enumerate(paragraphs)
    )
    start = text.find(_MARK_OPEN)
    text = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    end = start + len(new) if start >= 0 else -1
    return text, Injected(old, new, start, end, dropped)


def rewrite_pairs(articles: Sequence[dict[str, Any]], target: int) -> list[Pair]:
    """Reference chunks of ~``target`` words, each with its seeded synthetic rewrite."""
    rng = random.Random(0)
    pairs = []
    for index, reference in enumerate(build_chunks(articles, target)):
        rewrite, injected = make_rewrite(reference, rng)
        name = f"rewrite-{target} #{index}"
        pairs.append(Pair(name, f"{name} ref", reference, f"{name} rew", rewrite, injected))
    return pairs


def sample(pairs: list[Pair], limit: int | None) -> list[Pair]:
    """Evenly spaced pairs (deterministic), so --quick still spans both corpora."""
    if limit is None or len(pairs) <= limit:
        return pairs
    step = len(pairs) / limit
    return [pairs[int(k * step)] for k in range(limit)]


# --- the two checkers -------------------------------------------------------------------------


def cold_start(probe: Pair) -> tuple[Lib, dict[str, float]]:
    """Import rewritelint and make its first call, timing each: a CLI run pays all of it.

    The repository root is put on ``sys.path`` when the package is not installed.
    """
    if importlib.util.find_spec("rewritelint") is None:
        sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    import gc

    from rewritelint.api import compare, lint, prepare
    from rewritelint.cli import GC_THRESHOLDS
    from rewritelint.load import load_text
    from rewritelint.ruleset import load_ruleset

    gc.set_threshold(*GC_THRESHOLDS)  # as the command line runs

    t1 = time.perf_counter()
    ruleset = load_ruleset()
    t2 = time.perf_counter()
    lib = Lib(load_text, prepare, compare, lint, ruleset)
    check_once(lib, probe)
    t3 = time.perf_counter()
    check_once(lib, probe)
    t4 = time.perf_counter()
    cold = {
        "import_s": t1 - t0,
        "load_ruleset_s": t2 - t1,
        "first_call_s": t3 - t2,
        "warm_call_s": t4 - t3,
    }
    return lib, cold


def check_once(lib: Lib, pair: Pair) -> tuple[Any, list[Finding]]:
    """The whole pipeline on one pair, untimed: warm-up and miss diagnosis."""
    reference = lib.prepare(lib.load_text(pair.reference, "<reference>"))
    rewrite = lib.prepare(lib.load_text(pair.rewrite, "<rewrite>"))
    comparison = lib.compare(rewrite, reference)
    return comparison, lib.lint(comparison, lib.ruleset)


def run_rewritelint(lib: Lib, pairs: Sequence[Pair]) -> Timing:
    """One timed pass; every distinct document is prepared once, as the API intends, and let go
    after its last pair so peak memory reflects one pair at a time, not the whole workload."""
    from rewritelint.api import clear_caches

    clear_caches()  # rewritelint caches passages it has seen; earlier passes must not help
    timing = Timing()
    prepared: dict[str, AnnotatedDocument] = {}
    uses = Counter(i for pair in pairs for i in (pair.reference_id, pair.rewrite_id))
    clock = time.perf_counter
    start = clock()
    for pair in pairs:
        t0 = clock()
        if pair.reference_id not in prepared:
            prepared[pair.reference_id] = lib.prepare(lib.load_text(pair.reference, "<reference>"))
        if pair.rewrite_id not in prepared:
            prepared[pair.rewrite_id] = lib.prepare(lib.load_text(pair.rewrite, "<rewrite>"))
        t1 = clock()
        comparison = lib.compare(prepared[pair.rewrite_id], prepared[pair.reference_id])
        t2 = clock()
        findings = lib.lint(comparison, lib.ruleset)
        t3 = clock()
        timing.prepare += t1 - t0
        timing.compare += t2 - t1
        timing.lint += t3 - t2
        timing.findings.append(findings)
        for document_id in (pair.reference_id, pair.rewrite_id):
            uses[document_id] -= 1
            if not uses[document_id]:
                del prepared[document_id]
    timing.seconds = clock() - start
    return timing


def baseline_numbers(reference: str, rewrite: str) -> list[tuple[int, int, str, str]]:
    """The afternoon-project checker: difflib over whole word lists, numbers compared by regex.

    For every ``replace`` opcode, number strings of the rewrite side missing from the reference
    side are reported as ``(start, end, old, new)`` in the rewrite (``old`` is the reference
    number in the same position, or ""), plus one report per surplus reference number.
    """
    ref_words = list(_WORD.finditer(reference))
    rew_words = list(_WORD.finditer(rewrite))
    matcher = difflib.SequenceMatcher(
        None, [m.group() for m in ref_words], [m.group() for m in rew_words], autojunk=False
    )
    reports = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        old_span = reference[ref_words[i1].start() : ref_words[i2 - 1].end()]
        new_from = rew_words[j1].start()
        new_span = rewrite[new_from : rew_words[j2 - 1].end()]
        old = [m.group().rstrip(".,") for m in _BASELINE_NUMBER.finditer(old_span)]
        new = [
            (
                m.start() + new_from,
                m.start() + new_from + len(m.group().rstrip(".,")),
                m.group().rstrip(".,"),
            )
            for m in _BASELINE_NUMBER.finditer(new_span)
        ]
        new_numbers = Counter(n for _, _, n in new)
        rewrite_only = new_numbers - Counter(old)
        reference_only = list((Counter(old) - new_numbers).elements())
        paired = 0
        for s, e, n in new:
            if rewrite_only[n] > 0:
                rewrite_only[n] -= 1
                was = reference_only[paired] if paired < len(reference_only) else ""
                reports.append((s, e, was, n))
                paired += 1
        reports.extend((-1, -1, was, "") for was in reference_only[paired:])
    return reports


def run_baseline(pairs: Sequence[Pair]) -> Timing:
    """One timed pass of the baseline over a workload."""
    timing = Timing()
    start = time.perf_counter()
    for pair in pairs:
        timing.findings.append(baseline_numbers(pair.reference, pair.rewrite))
    timing.seconds = time.perf_counter() - start
    timing.compare = timing.seconds
    return timing


def best_of(run: Callable[[], Timing]) -> tuple[Timing, int]:
    """One pass, or the best of 3 when a pass is short enough for noise to matter."""
    best = run()
    repetitions = 1
    if best.seconds < SMALL_PASS_SECONDS:
        for _ in range(2):
            again = run()
            best = again if again.seconds < best.seconds else best
        repetitions = 3
    return best, repetitions


# --- scoring ----------------------------------------------------------------------------------


def _overlaps(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < span[1] and end > span[0]


def is_number_finding(finding: Finding) -> bool:
    return finding.rule == "number-changed"


def score(result: Result, pairs: Sequence[Pair], ours: Timing, base: Timing | None) -> None:
    """Fill the accuracy and category figures of ``result`` from both checkers' output."""
    categories: Counter[str] = Counter()
    for k, (pair, findings) in enumerate(zip(pairs, ours.findings, strict=True)):
        categories.update(f.category for f in findings)
        numbers = [f for f in findings if is_number_finding(f)]
        baseline = base.findings[k] if base else []
        injected = pair.injected
        span = (injected.start, injected.end) if injected and injected.start >= 0 else None
        hit = [f for f in numbers if span and _overlaps(f.location.start, f.location.end, span)]
        base_hit = [r for r in baseline if span and _overlaps(r[0], r[1], span)]
        result.other_number_flags += len(numbers) - len(hit)
        result.baseline_other_number_flags += len(baseline) - len(base_hit)
        if span:
            result.injected += 1
            result.found += bool(hit)
            result.found_any_rule += any(
                _overlaps(f.location.start, f.location.end, span) for f in findings
            )
            result.baseline_found += bool(base_hit)
        if injected and injected.dropped:
            result.dropped += 1
            result.omission_found += any(
                f.rule == "passage-omitted"
                and f.reference is not None
                and _overlaps(f.reference.start, f.reference.end, injected.dropped)
                for f in findings
            )
    result.categories = dict(sorted(categories.items()))


def diagnose_miss(lib: Lib, pair: Pair) -> dict[str, str]:
    """Why an injected change went unflagged, with the texts: which token carries the new
    number, which reference passage its passage was aligned with, which edit covers it, and
    whether another rule fired there. ``cause`` sums it up for the miss counts."""
    injected = pair.injected
    assert injected is not None
    span = (injected.start, injected.end)
    comparison, findings = check_once(lib, pair)
    rewrite = comparison.rewrite
    info = {"pair": pair.name, "change": f"{injected.old} -> {injected.new}"}
    others = [f.rule for f in findings if _overlaps(f.location.start, f.location.end, span)]
    if others:
        info["other rules here"] = ", ".join(others)
    covering = [t for tokens in rewrite.tokens for t in tokens if _overlaps(t.start, t.end, span)]
    if not covering:
        info["cause"] = "no token covers the number"
        return info
    token = covering[0]
    info["token"] = f"{token.text!r} kind={token.kind} value={token.value}"
    info["rewrite"] = rewrite.passages[token.passage].text
    for index, alignment in enumerate(comparison.alignments):
        if token.passage not in alignment.rewrite:
            continue
        if not alignment.reference:
            info["cause"] = "passage not aligned (reported as added at most)"
            return info
        refs = [comparison.reference.passages[i].text for i in alignment.reference]
        info["alignment"] = f"reference passages {alignment.reference}, score {alignment.score:.2f}"
        info["reference"] = " | ".join(refs)
        edits = [e for e in comparison.edits if e.alignment == index and token in e.rewrite]
        info["edit"] = "; ".join(
            f"{e.op} {[t.text for t in e.reference]} -> {[t.text for t in e.rewrite]}"
            for e in edits
        )
        if not edits:
            info["cause"] = "aligned, but no edit covers the number"
        elif token.kind != "number":
            info["cause"] = f"edit present, token is kind {token.kind!r} not 'number'"
        else:
            info["cause"] = "edit present, number-changed silent (unless: moved?)"
        return info
    info["cause"] = "passage in no alignment"
    return info


# --- folder workloads -------------------------------------------------------------------------


def folder_sources(articles: Sequence[dict[str, Any]]) -> list[str]:
    """Source texts for folders: articles long enough to be rewritten, in corpus order."""
    return [a["text"] for a in articles if len(a["text"]) >= FOLDER_MIN_CHARS]


def shuffle_rewrite(text: str, rng: random.Random) -> str:
    """Reorder the body paragraphs and change the first number: a plausible rewritten version
    (lighter than ``make_rewrite``, whose sentence splitting would dominate an 8,000-file build)."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    out = "\n\n".join(head + body)
    return re.sub(r"\b(\d+)\b", lambda m: str(int(m.group()) + 1), out, count=1)


def build_folder(folder: Path, sources: Sequence[str], files: int) -> FolderBuild:
    """Write ``files`` versions into ``folder``: ``FOLDER_VERSIONS`` per source while there are
    enough sources, else more versions per source, so no two originals are the same text."""
    if not sources:
        raise ValueError("no source articles")
    versions = max(FOLDER_VERSIONS, -(-files // len(sources)))
    rng = random.Random(files)
    words = 0
    for n in range(files):
        source, version = divmod(n, versions)
        text = sources[source]
        body = text if version == 0 else shuffle_rewrite(text, rng)
        words += len(body.split())
        (folder / f"{source:05d}-{version}.txt").write_text(body, encoding="utf-8")
    return FolderBuild(
        size=files,
        files=files,
        sources=-(-files // versions),
        versions=versions,
        words=words,
        corpus_articles=len(sources),
    )


def _child_env() -> dict[str, str]:
    """The environment for measured children: the repository importable when not installed."""
    env = dict(os.environ)
    if importlib.util.find_spec("rewritelint") is None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _child_figures(stderr: str) -> dict[str, Any] | None:
    """The figures a measured child printed last on stderr, or None if it died first."""
    for line in reversed(stderr.splitlines()):
        if line.startswith(_CHILD_MARK):
            return json.loads(line[len(_CHILD_MARK) :])
    return None


def _failed(build: FolderBuild, checker: str, code: int, errors: list[str]) -> FolderResult:
    """A checker that died before reporting its figures: shown as failed, with its stderr."""
    return FolderResult(
        size=build.size,
        checker=checker,
        files=build.files,
        words=build.words,
        seconds=0.0,
        files_per_s=0.0,
        words_per_s=0.0,
        peak_mb=0.0,
        exit_code=code or 2,
        errors=errors or [f"exit {code}"],
    )


def run_report(build: FolderBuild, folder: Path, jobs: int, scratch: Path) -> FolderResult:
    """``rewritelint report FOLDER --format json --jobs N`` in a fresh process: time, memory and
    the JSON summary. Runs from ``scratch`` so no config file of ours or the caller's applies."""
    output = scratch / f"report-{build.size}-{jobs}.json"
    command = [
        sys.executable,
        "-c",
        _CLI_WRAPPER,
        "report",
        str(folder),
        "--format",
        "json",
        "--jobs",
        str(jobs),
    ]
    with output.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            command, stdout=out, stderr=subprocess.PIPE, text=True, cwd=scratch, env=_child_env()
        )
    figures = _child_figures(done.stderr)
    errors = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and not line.startswith(_CHILD_MARK)
    ]
    if figures is None:  # crashed before the wrapper could report: nothing to measure
        return _failed(build, f"rewritelint --jobs {jobs}", done.returncode, errors)
    summary: dict[str, Any] = {}
    try:
        with output.open(encoding="utf-8") as handle:
            summary = json.load(handle).get("summary", {})
    except (OSError, ValueError) as exc:
        errors.append(f"JSON output unreadable: {exc}")
    finally:
        output.unlink(missing_ok=True)
    seconds = figures["seconds"]
    files = summary.get("files", build.files)
    return FolderResult(
        size=build.size,
        checker=f"rewritelint --jobs {jobs}",
        files=files,
        words=build.words,
        seconds=seconds,
        files_per_s=files / seconds,
        words_per_s=build.words / seconds,
        peak_mb=figures["peak_kb"] / 1024,
        worker_peak_mb=figures["worker_peak_kb"] / 1024 or None,
        stories=summary.get("stories"),
        findings=summary.get("findings"),
        exit_code=figures["exit"],
        errors=errors,
    )


def own_peak_kb() -> int:
    """This process's peak RSS in KB. On Linux ``VmHWM``: ``ru_maxrss`` of a process started by
    ``subprocess`` includes its parent's peak (the kernel carries it across exec), which would
    credit every measured child with this script's memory."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def naive_folder(folder: Path, budget: float) -> dict[str, Any]:
    """The afternoon-project folder checker, run in its own process by ``run_naive``.

    Reads every ``.txt`` file, scores every pair by ``quick_ratio`` over word lists (one file
    held as ``seq2``, whose counts difflib caches, against all earlier ones), joins pairs at or
    above ``NAIVE_THRESHOLD`` into groups (union-find) and checks each group's other files
    against its first by name with ``baseline_numbers``. Rows are taken in a seeded random
    order: a full run costs the same, but when the pair loop stops at ``budget`` the files
    covered (all pairs among them compared) are a random sample, so the pair time scales by the
    pair count and the check time by one check per file at the measured mean: the extrapolated
    total is unbiased rather than skewed by the corpus order (long BASIL articles first).
    """
    start = time.perf_counter()
    paths = sorted(folder.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    words = [text.split() for text in texts]
    read_s = time.perf_counter() - start
    count = len(paths)
    order = list(range(count))
    random.Random(0).shuffle(order)
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    matcher = difflib.SequenceMatcher(None, autojunk=False)
    covered = 0
    pairs_start = time.perf_counter()
    for row, i in enumerate(order):
        matcher.set_seq2(words[i])
        for j in order[:row]:
            matcher.set_seq1(words[j])
            if (
                matcher.real_quick_ratio() >= NAIVE_THRESHOLD
                and matcher.quick_ratio() >= NAIVE_THRESHOLD
            ):
                parent[root(j)] = root(i)
        covered = row + 1
        if budget > 0 and time.perf_counter() - pairs_start > budget:
            break
    pairs_s = time.perf_counter() - pairs_start

    groups: dict[int, list[int]] = {}
    for i in sorted(order[:covered]):
        groups.setdefault(root(i), []).append(i)
    check_start = time.perf_counter()
    checks = reports = 0
    for members in groups.values():
        for other in members[1:]:
            reports += len(baseline_numbers(texts[members[0]], texts[other]))
            checks += 1
    check_s = time.perf_counter() - check_start

    total_pairs = count * (count - 1) // 2
    covered_pairs = covered * (covered - 1) // 2
    complete = covered == count
    if complete:
        seconds = time.perf_counter() - start
    else:
        per_check = check_s / checks if checks else 0.0
        seconds = read_s + pairs_s * total_pairs / max(covered_pairs, 1) + per_check * count
    return {
        "files": count,
        "words": sum(len(w) for w in words),
        "seconds": seconds,
        "extrapolated": not complete,
        "covered_files": covered,
        "covered_pairs": covered_pairs,
        "total_pairs": total_pairs,
        "stories": len(groups),
        "findings": reports,
        "peak_kb": own_peak_kb(),
    }


def run_naive(build: FolderBuild, folder: Path, budget: float) -> FolderResult:
    """``naive_folder`` in a fresh process (this script with a hidden option), for its memory."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--naive-folder",
        str(folder),
        "--naive-budget",
        str(budget),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=_child_env())
    figures = _child_figures(done.stdout)
    if done.returncode != 0 or figures is None:
        errors = done.stderr.strip().splitlines()[-1:]  # a traceback's last line says it
        return _failed(build, "naive", done.returncode, errors)
    seconds = figures["seconds"]
    complete = not figures["extrapolated"]
    return FolderResult(
        size=build.size,
        checker="naive",
        files=figures["files"],
        words=figures["words"],
        seconds=seconds,
        files_per_s=figures["files"] / seconds,
        words_per_s=figures["words"] / seconds,
        peak_mb=figures["peak_kb"] / 1024,
        stories=figures["stories"] if complete else None,
        findings=figures["findings"] if complete else None,
        extrapolated=not complete,
        covered_files=figures["covered_files"],
        covered_pairs=figures["covered_pairs"],
        total_pairs=figures["total_pairs"],
    )


def _announce(result: FolderResult) -> FolderResult:
    """A progress line on stderr: an 8,000-file folder takes minutes per checker."""
    extra = " (extrapolated)" if result.extrapolated else ""
    print(
        f"folder {result.size:,}: {result.checker}: {result.seconds:.1f} s{extra}",
        file=sys.stderr,
        flush=True,
    )
    return result


def measure_folders(
    sources: Sequence[str], sizes: Sequence[int], jobs: Sequence[int], budget: float
) -> tuple[list[FolderBuild], list[FolderResult]]:
    """Build each folder in a temporary directory, measure every checker on it, remove it."""
    builds: list[FolderBuild] = []
    results: list[FolderResult] = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="rewritelint-bench-") as tmp:
            folder, scratch = Path(tmp) / "folder", Path(tmp) / "scratch"
            folder.mkdir()
            scratch.mkdir()
            build = build_folder(folder, sources, size)
            builds.append(build)
            for n in jobs:
                results.append(_announce(run_report(build, folder, n, scratch)))
            results.append(_announce(run_naive(build, folder, budget)))
    previous: dict[str, FolderResult] = {}
    for result in results:
        before = previous.get(result.checker)
        if before is not None and before.seconds > 0 and result.seconds > 0:
            result.growth = result.seconds / before.seconds
            result.growth_files = result.files / before.files
        previous[result.checker] = result
    return builds, results


def folder_table(builds: Sequence[FolderBuild], results: Sequence[FolderResult]) -> str:
    """The folder table: every checker on every folder, side by side; ``≈`` marks figures that
    rest on an extrapolated time (the naive checker over its budget)."""
    built = {b.size: b for b in builds}
    lines = [
        "| folder | checker | built as | words | seconds | files/s | words/s | peak MB"
        " | worker MB | stories | findings | time growth |",
        "|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    estimated: dict[str, bool] = {}
    for r in results:
        b = built[r.size]
        checker = r.checker if r.exit_code in (0, 1) else f"{r.checker} (exit {r.exit_code})"
        head = f"| {r.size:,} | {checker} | {b.sources:,} × {b.versions} | {b.words:,}"
        if r.seconds <= 0:
            lines.append(head + " | failed |" + " – |" * 7)
            continue
        about = "≈" if r.extrapolated else ""
        growth = "–"
        if r.growth is not None:
            was = "≈" if r.extrapolated or estimated.get(r.checker) else ""
            growth = f"{was}{r.growth:.2f}× (files ×{r.growth_files:g})"
        estimated[r.checker] = r.extrapolated
        lines.append(
            f"{head} | {about}{r.seconds:,.1f} | {about}{r.files_per_s:,.1f}"
            f" | {about}{r.words_per_s:,.0f} | {r.peak_mb:,.0f} | {_num(r.worker_peak_mb)}"
            f" | {_num(r.stories)} | {_num(r.findings)} | {growth} |"
        )
    return "\n".join(lines)


def folder_notes(
    builds: Sequence[FolderBuild], results: Sequence[FolderResult], budget: float
) -> list[str]:
    """How each folder was built, where the naive figures are extrapolated, and any errors."""
    notes = []
    for b in builds:
        notes.append(
            f"folder {b.size:,}: {b.files:,} files = {b.sources:,} distinct sources × {b.versions}"
            f" versions (original + {b.versions - 1} rewrites: body paragraphs shuffled, first"
            f" number +1), {b.words:,} words; {b.corpus_articles:,} corpus articles of"
            f" {FOLDER_MIN_CHARS}+ characters available"
        )
    for r in results:
        if r.extrapolated:
            notes.append(
                f"folder {r.size:,}: naive pair loop stopped at the {budget:g} s budget after"
                f" {r.covered_files:,} of {r.files:,} files ({r.covered_pairs:,} of"
                f" {r.total_pairs:,} pairs): seconds EXTRAPOLATED to the whole folder;"
                " stories and findings not measured"
            )
        if r.exit_code not in (0, 1) or r.errors:
            shown = "; ".join(r.errors[:3]) + (
                f" (+{len(r.errors) - 3} more)" if len(r.errors) > 3 else ""
            )
            notes.append(f"folder {r.size:,}: {r.checker}: exit {r.exit_code}: {shown}")
    return notes


# --- workloads and output ---------------------------------------------------------------------


def measure(lib: Lib, name: str, pairs: list[Pair], with_baseline: bool, examples: int) -> Result:
    """Time rewritelint (and the baseline) on one workload and score what they found."""
    ours, repetitions = best_of(lambda: run_rewritelint(lib, pairs))
    base, _ = best_of(lambda: run_baseline(pairs)) if with_baseline else (None, 0)
    words = sum(pair.words for pair in pairs)
    result = Result(
        workload=name,
        pairs=len(pairs),
        words=words,
        seconds=ours.seconds,
        pairs_per_s=len(pairs) / ours.seconds,
        words_per_s=words / ours.seconds,
        prepare_s=ours.prepare,
        compare_s=ours.compare,
        lint_s=ours.lint,
        repetitions=repetitions,
    )
    if base is not None:
        result.baseline_seconds = base.seconds
        result.baseline_pairs_per_s = len(pairs) / base.seconds
        result.baseline_words_per_s = words / base.seconds
    score(result, pairs, ours, base)
    diagnosed = [
        diagnose_miss(lib, pair)
        for pair, findings in zip(pairs, ours.findings, strict=True)
        if pair.injected is not None
        and pair.injected.start >= 0
        and not any(
            is_number_finding(f)
            and _overlaps(
                f.location.start, f.location.end, (pair.injected.start, pair.injected.end)
            )
            for f in findings
        )
    ]
    result.miss_causes = dict(Counter(d["cause"] for d in diagnosed).most_common())
    first_of_cause = {d["cause"]: d for d in reversed(diagnosed)}
    shown = [d for d in diagnosed if first_of_cause[d["cause"]] is d]
    shown += [d for d in diagnosed if d not in shown]
    result.misses = shown[:examples]
    return result


_WORKER_RULES: list[Any] = []


def _check_pair(texts: tuple[str, str]) -> int:
    """One pair checked in an engine worker (rules loaded once per worker)."""
    from rewritelint.api import compare, lint, prepare
    from rewritelint.load import load_text
    from rewritelint.ruleset import load_ruleset

    if not _WORKER_RULES:
        _WORKER_RULES.append(load_ruleset())
    reference = prepare(load_text(texts[0], "<reference>"))
    rewrite = prepare(load_text(texts[1], "<rewrite>"))
    return len(lint(compare(rewrite, reference), _WORKER_RULES[0]))


def run_parallel(pairs: Sequence[Pair], jobs: int) -> float:
    """Pairs per second through ``LocalEngine(jobs)`` (what ``report --jobs`` uses): caches
    cleared before the workers fork, workers warmed on a few pairs, then one timed pass."""
    from rewritelint.api import clear_caches
    from rewritelint.engine import LocalEngine

    items = [(pair.reference, pair.rewrite) for pair in pairs]
    clear_caches()
    with LocalEngine(jobs) as engine:
        list(engine.map(_check_pair, items[: 4 * jobs]))
        start = time.perf_counter()
        list(engine.map(_check_pair, items))
        return len(items) / (time.perf_counter() - start)


def _num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "–"


def parallel_table(results: Sequence[Result]) -> str:
    """Pairs per second with one and two engine processes, and the speed-up."""
    lines = [
        "| workload | pairs/s, 1 process | pairs/s, 2 processes | speed-up |",
        "|---|--:|--:|--:|",
    ]
    for r in results:
        one, two = r.parallel_pairs_per_s.get(1), r.parallel_pairs_per_s.get(2)
        if one and two:
            lines.append(f"| {r.workload} | {one:,.1f} | {two:,.1f} | {two / one:.2f}x |")
    return "\n".join(lines)


def markdown_tables(results: Sequence[Result]) -> str:
    """The speed, accuracy and category tables, ready to paste into a README."""
    lines = [
        "| workload | pairs | words | seconds | pairs/s | words/s | prepare s | compare s | lint s"
        " | baseline pairs/s | baseline words/s |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        lines.append(
            f"| {r.workload} | {r.pairs} | {r.words:,} | {r.seconds:.3f} | {r.pairs_per_s:,.1f}"
            f" | {r.words_per_s:,.0f} | {r.prepare_s:.3f} | {r.compare_s:.3f} | {r.lint_s:.3f}"
            f" | {_num(r.baseline_pairs_per_s, 1)} | {_num(r.baseline_words_per_s)} |"
        )
    lines += [
        "",
        "| workload | injected number found: number-changed | any rule | baseline"
        " | other number flags: rewritelint | baseline | dropped sentence found (omission) |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        base_other = "–" if r.baseline_seconds is None else str(r.baseline_other_number_flags)
        lines.append(
            f"| {r.workload} | {_share(r.found, r.injected)}"
            f" | {_share(r.found_any_rule, r.injected)}"
            f" | {_share(r.baseline_found, r.injected)} | {r.other_number_flags} | {base_other}"
            f" | {_share(r.omission_found, r.dropped)} |"
        )
    categories = sorted({c for r in results for c in r.categories})
    lines += [
        "",
        "| workload | " + " | ".join(categories) + " |",
        "|---|" + "--:|" * len(categories),
    ]
    for r in results:
        counts = " | ".join(str(r.categories.get(c, 0)) for c in categories)
        lines.append(f"| {r.workload} | {counts} |")
    return "\n".join(lines)


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
        print(_CHILD_MARK + json.dumps(naive_folder(args.naive_folder, args.naive_budget)))
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
