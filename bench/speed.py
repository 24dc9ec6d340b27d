"""Speed benchmark for rewritelint, with a naive difflib baseline measured in the same run.

Run it from anywhere, with the project's venv active::

    python bench/speed.py                      # full run (about a minute)
    python bench/speed.py --quick              # ~30 pairs per workload, well under 30 s
    python bench/speed.py --corpus PATH --json figures.json --examples 5

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

Speed table columns:

* ``pairs``: rewrite/reference pairs checked; ``words``: ``str.split()`` words of rewrite plus
  reference, summed over the pairs.
* ``seconds``: wall time of the whole pipeline for all pairs (best of 3 passes when one pass
  takes under 1 s, else one pass); ``pairs/s`` and ``words/s`` derive from it.
* ``prepare s``: ``load_text`` + ``prepare`` (segment + annotate), each document once;
  ``compare s``: align + word diff; ``lint s``: all built-in rules.
* ``baseline pairs/s``, ``baseline words/s``: the naive checker of ``baseline_numbers``
  (difflib over whole word lists plus a number regex), timed the same way.

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
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rewritelint.model import AnnotatedDocument, Finding
    from rewritelint.ruleset import RuleSet

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = ("basil_triplets/articles.jsonl", "ecbplus_events/articles.jsonl")
SEED_PAIRS = (("004", "003"), ("001", "000"), ("002", "000"))
"""(rewrite, reference) file prefixes in ``seeds/``."""
REWRITE_SIZES = (300, 1000, 5000)
QUICK_PAIRS = 30
DROP_MIN_WORDS = 4
"""Shortest sentence dropped: passage-omitted's ``min_words``, shorter cuts are meant to pass."""
SMALL_PASS_SECONDS = 1.0
"""A pass shorter than this is repeated (best of 3): timer noise would dominate it."""

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


# --- inputs -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command line: corpus location, quick mode, JSON output, how many misses to show."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="corpus directory")
    parser.add_argument("--quick", action="store_true", help=f"~{QUICK_PAIRS} pairs per workload")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write figures")
    parser.add_argument("--examples", type=int, default=3, help="missed number changes to show")
    return parser.parse_args(argv)


def corpus_dir(option: Path | None) -> Path:
    """The corpus directory: option, then environment, then the shared checkout beside ours."""
    if option is not None:
        return option
    env = os.environ.get("REWRITELINT_CORPUS")
    return Path(env) if env else DEFAULT_CORPUS


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Articles of one corpus file, or none when the file is absent."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


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
    from rewritelint.api import compare, lint, prepare
    from rewritelint.load import load_text
    from rewritelint.ruleset import load_ruleset

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
    from rewritelint.annotate import clear_caches

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


def _num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "–"


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
    import subprocess

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
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    total = time.perf_counter() - wall

    print(markdown_tables(results))
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
        }
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
