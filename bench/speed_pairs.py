"""Timing rewritelint and the naive checker on the pair workloads, scoring what each found
against what the synthetic rewrite changed, the growth of the time per pair with document
length, and the command line's start-up in fresh processes."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corpus import ROOT
from naive_checker import baseline_numbers
from speed_folders import child_env
from speed_workloads import SEED_PAIRS, Pair, seed_path

if TYPE_CHECKING:
    from rewritelint.model import AnnotatedDocument, Finding
    from rewritelint.ruleset import RuleSet


SMALL_PASS_SECONDS = 1.0
"""A pass shorter than this is repeated (best of 3): timer noise would dominate it."""
RATIO_TARGETS = {"light": 1.0, "heavy": 0.5}
"""Issue 17: rewritelint pairs/s over naive pairs/s wanted, by workload kind (name prefix)."""
GROWTH_TARGET = 40.0
"""Issue 17: seconds per light pair at ~20,000 words over ~660 words, at most (linear ≈ 30)."""
STARTUP_TARGET_S = 0.3
"""Issue 17: wall time of a fresh ``rewritelint --version`` and one-file ``check``, under."""


# --- data -------------------------------------------------------------------------------------


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
    reference_words: float
    """Mean ``str.split()`` words of a pair's reference: the "words per document" of the name."""
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
    ratio: float | None = None
    """``pairs_per_s`` over ``baseline_pairs_per_s``: above 1, rewritelint is the faster."""
    ratio_target: float | None = None
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
    from rewritelint.load import load_text
    from rewritelint.ruleset import load_ruleset
    from rewritelint.terminal import GC_THRESHOLDS

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


# --- one workload -----------------------------------------------------------------------------


def measure(lib: Lib, name: str, pairs: list[Pair], with_baseline: bool, examples: int) -> Result:
    """Time rewritelint (and the baseline) on one workload and score what they found."""
    ours, repetitions = best_of(lambda: run_rewritelint(lib, pairs))
    base, _ = best_of(lambda: run_baseline(pairs)) if with_baseline else (None, 0)
    words = sum(pair.words for pair in pairs)
    result = Result(
        workload=name,
        pairs=len(pairs),
        words=words,
        reference_words=sum(len(pair.reference.split()) for pair in pairs) / len(pairs),
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
        result.ratio = result.pairs_per_s / result.baseline_pairs_per_s
    result.ratio_target = RATIO_TARGETS.get(name.split("-")[0])
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


# --- through the engine's processes -----------------------------------------------------------

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


# --- growth with document length --------------------------------------------------------------


@dataclass(frozen=True)
class GrowthRow:
    """Seconds per light pair at one document length, and growth over the shortest length."""

    workload: str
    pairs: int
    reference_words: float
    seconds_per_pair: float
    growth: float
    """``seconds_per_pair`` over that of the first (shortest) workload."""
    words_growth: float
    """``reference_words`` over that of the first workload: what linear time would give."""
    baseline_seconds_per_pair: float | None
    baseline_growth: float | None


def growth_rows(results: Sequence[Result]) -> list[GrowthRow]:
    """Per-pair cost of each workload relative to the first (the light workloads by length)."""
    if not results:
        return []
    first = results[0]
    base_first = first.baseline_seconds / first.pairs if first.baseline_seconds else None
    rows = []
    for r in results:
        per_pair = r.seconds / r.pairs
        naive = r.baseline_seconds / r.pairs if r.baseline_seconds else None
        rows.append(
            GrowthRow(
                workload=r.workload,
                pairs=r.pairs,
                reference_words=r.reference_words,
                seconds_per_pair=per_pair,
                growth=per_pair / (first.seconds / first.pairs),
                words_growth=r.reference_words / first.reference_words,
                baseline_seconds_per_pair=naive,
                baseline_growth=naive / base_first if naive and base_first else None,
            )
        )
    return rows


# --- start-up in a fresh process --------------------------------------------------------------


@dataclass(frozen=True)
class Startup:
    """Wall times of one command line, each in a fresh ``python -m rewritelint`` process."""

    command: str
    runs_s: list[float]
    best_s: float
    exit_codes: list[int]
    ok: bool
    """Every run exited 0, or 1 for ``check`` (findings); else the time measured a failure."""
    error: str = ""


def startup(runs: int) -> list[Startup]:
    """Time ``rewritelint --version`` and a one-file ``check`` of the first seeds pair (004
    against 003) as a user starts them: a new interpreter each time, best of ``runs`` after
    one untimed run that writes the byte code (to a scratch prefix, never the checkout). Run
    from an empty directory so that no config file of ours or the caller's applies."""
    rewrite, reference = (seed_path(prefix) for prefix in SEED_PAIRS[0])
    commands = {
        "rewritelint --version": (["--version"], {0}),
        f"rewritelint check seeds/{rewrite.name} --against seeds/{reference.name}": (
            ["check", str(rewrite), "--against", str(reference)],
            {0, 1},
        ),
    }
    out = []
    with tempfile.TemporaryDirectory(prefix="rewritelint-bench-") as scratch:
        # Byte-code cached, as an installed tool runs: a machine that sets
        # PYTHONDONTWRITEBYTECODE would otherwise compile ~40 modules every start (~40 ms).
        env = child_env()
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(scratch, "pycache")
        for label, (args, good) in commands.items():
            times, codes, error = [], [], ""
            warm = [sys.executable, "-m", "rewritelint", *args]
            subprocess.run(warm, capture_output=True, cwd=scratch, env=env, check=False)
            for _ in range(runs):
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "rewritelint", *args],
                    capture_output=True,
                    text=True,
                    cwd=scratch,
                    env=env,
                )
                times.append(time.perf_counter() - start)
                codes.append(done.returncode)
                if done.returncode not in good and not error:
                    error = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            ok = all(code in good for code in codes)
            out.append(Startup(label, times, min(times), codes, ok, error))
    return out
