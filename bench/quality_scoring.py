"""Scoring the quality runs: recall, precision and the chance level per category and
injection type, false alarms on benign-only rewrites, and the misses worth reading."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from benign import BENIGN_NAMES
from drift_layout import Injection
from quality_runs import SPLITS, ArticleRun, Drift, Hit

from rewritelint import model

SPAN_TOLERANCE = 3
"""Characters a finding may sit beside the injected span and still count (punctuation, quotes)."""
OMISSION_DISTANCE = 200
OMISSION_WORDS = 4
"""Leading words of a deleted sentence that an omission finding's reference text must hold."""
NEAR = 150
"""How far around a missed span the report looks for what was found instead."""
PLACEBO_GAP = 300
"""A placebo span (same length, elsewhere in the rewrite) keeps at least this far from the real
one: how often it is "found" is the chance level of the overlap test."""
FACTUAL = ("number", "name", "date", "quote", "negation")
CATEGORIES = model.CATEGORIES
MISSES_PER_CATEGORY = 3
TOP_BENIGN_RULES = 10


# --- drift rewrites ---------------------------------------------------------------------------


def overlaps(hit: Hit, start: int, end: int, tolerance: int = SPAN_TOLERANCE) -> bool:
    """True when the finding's span meets ``[start - tolerance, end + tolerance)``; an empty
    finding span counts as the point it sits at.

    >>> h = Hit("r", "number", "error", "m", 10, 14, "five", None, None)
    >>> overlaps(h, 14, 20), overlaps(h, 16, 20), overlaps(h, 16, 20, tolerance=0)
    (True, True, False)
    """
    lo, hi = start - tolerance, end + tolerance
    if hit.start == hit.end:
        return lo <= hit.start <= hi
    return hit.start < hi and hit.end > lo


def words_of(text: str) -> list[str]:
    """Lower-case words, for comparing texts whatever their quotes and spacing."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def omission_hit(hit: Hit, injection: Injection) -> bool:
    """An omission finding that points at the deleted sentence (through its reference text) or
    at the place it was cut from."""
    head = words_of(injection.removed)[:OMISSION_WORDS]
    ref = words_of(" ".join(x for x in (hit.reference, hit.reference_passage) if x))
    if head and any(ref[i : i + len(head)] == head for i in range(len(ref))):
        return True
    distance = max(injection.start - hit.end, hit.start - injection.end, 0)
    return distance <= OMISSION_DISTANCE


def is_hit(hit: Hit, injection: Injection) -> bool:
    """True when ``hit`` reports ``injection``: same category, on its span."""
    if hit.category != injection.category:
        return False
    if injection.category == "omission":
        return omission_hit(hit, injection)
    return overlaps(hit, injection.start, injection.end)


@dataclass
class Tally:
    """Counts for one (split, category or injection type) cell."""

    injected: int = 0
    found: int = 0
    hits: int = 0
    """Findings of the category on an injected span of it."""
    false: int = 0
    """Other findings of the category, not repeated from the benign rewrite."""
    false_raw: int = 0
    """Other findings of the category, including repeats from the benign rewrite."""
    instead: Counter = field(default_factory=Counter)
    """Categories found on the span of missed injections."""
    placebo: int = 0
    placebo_found: int = 0
    """Placebo spans checked, and those a finding of the category met (the chance level)."""

    @property
    def chance(self) -> float | None:
        return self.placebo_found / self.placebo if self.placebo else None

    @property
    def recall(self) -> float | None:
        return self.found / self.injected if self.injected else None

    @property
    def precision(self) -> float | None:
        return self.hits / (self.hits + self.false) if self.hits + self.false else None

    @property
    def precision_raw(self) -> float | None:
        total = self.hits + self.false_raw
        return self.hits / total if total else None


def placebo(injection: Injection, length: int) -> Injection | None:
    """The injection moved to another place of the rewrite (same length, at least
    ``PLACEBO_GAP`` away, no deleted text to match): a hit there is luck, not detection.

    >>> inj = Injection("k", "number", "4", "5", 10, 11)
    >>> placebo(inj, 1000).start, placebo(inj, 200)
    (510, None)
    """
    size = injection.end - injection.start
    for fraction in (2, 3, 4):
        start = (injection.start + length // fraction) % max(1, length - size)
        if abs(start - injection.start) >= PLACEBO_GAP + size:
            return replace(injection, start=start, end=start + size, removed="")
    return None


def score(runs: Sequence[ArticleRun]) -> tuple[dict, dict, dict]:
    """Tallies per (split, category), per (split, injection type) and per (type, variant)."""
    by_category: dict[tuple[str, str], Tally] = defaultdict(Tally)
    by_kind: dict[tuple[str, str], Tally] = defaultdict(Tally)
    by_variant: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for run in runs:
        split = run.article.split
        benign_keys = {h.key for h in run.benign_findings}
        for item in run.drifts:
            inj = item.injection
            found = any(is_hit(h, inj) for h in item.findings)
            cells = (
                by_category[split, inj.category],
                by_kind[split, inj.kind],
                by_variant[inj.kind, inj.variant],
            )
            for tally in cells:
                tally.injected += 1
                tally.found += found
                if not found:
                    tally.instead.update(  # sorted: Counter ties keep insertion order
                        sorted(
                            {h.category for h in item.findings if overlaps(h, inj.start, inj.end)}
                        )
                    )
            moved = placebo(inj, len(item.rewrite))
            if moved is not None:
                lucky = any(is_hit(h, moved) for h in item.findings)
                for tally in cells:
                    tally.placebo += 1
                    tally.placebo_found += lucky
            for h in item.findings:
                tally = by_category[split, h.category]
                if is_hit(h, inj):
                    tally.hits += 1
                    by_kind[split, inj.kind].hits += 1
                elif h.category in inj.secondary and overlaps(h, inj.start, inj.end):
                    continue
                else:
                    tally.false_raw += 1
                    tally.false += h.key not in benign_keys
    return by_category, by_kind, by_variant


# --- benign-only rewrites ---------------------------------------------------------------------


@dataclass
class BenignFigures:
    """The benign-only rewrites of one split."""

    rewrites: int = 0
    words: int = 0
    factual: int = 0
    findings: int = 0
    by_category: Counter = field(default_factory=Counter)

    @property
    def factual_per_1000(self) -> float:
        return self.factual * 1000 / self.words if self.words else 0.0

    @property
    def all_per_1000(self) -> float:
        return self.findings * 1000 / self.words if self.words else 0.0


def benign_figures(runs: Sequence[ArticleRun]) -> dict[str, BenignFigures]:
    """Per split: words, findings and factual findings of the benign-only rewrites."""
    out = {split: BenignFigures() for split in (*SPLITS, "all")}
    for run in runs:
        for key in (run.article.split, "all"):
            figures = out[key]
            figures.rewrites += 1
            figures.words += run.benign_words
            figures.findings += len(run.benign_findings)
            figures.factual += sum(h.category in FACTUAL for h in run.benign_findings)
            figures.by_category.update(h.category for h in run.benign_findings)
    return out


def transform_figures(runs: Sequence[ArticleRun]) -> list[dict[str, Any]]:
    """Per transformation: how often it was applied and the factual false-alarm rate among the
    rewrites that used it (confounded by the others applied with it, but it points the way)."""
    rows = []
    for name in BENIGN_NAMES:
        used = [r for r in runs if name in r.transforms]
        words = sum(r.benign_words for r in used)
        factual = sum(sum(h.category in FACTUAL for h in r.benign_findings) for r in used)
        rows.append(
            {
                "transform": name,
                "rewrites": len(used),
                "factual_per_1000": factual * 1000 / words if words else None,
            }
        )
    return rows


def top_benign_rules(runs: Sequence[ArticleRun], limit: int = TOP_BENIGN_RULES) -> list[dict]:
    """The rules firing most on benign-only rewrites, with counts per split and one example."""
    counts: Counter[str] = Counter()
    per_split: dict[str, Counter[str]] = {s: Counter() for s in SPLITS}
    examples: dict[str, dict[str, Any]] = {}
    for run in runs:
        for h in run.benign_findings:
            counts[h.rule] += 1
            per_split[run.article.split][h.rule] += 1
            if h.rule not in examples:
                examples[h.rule] = {
                    "article": run.article.id,
                    "transforms": list(run.transforms),
                    "category": h.category,
                    "text": h.text,
                    "context": context(run.benign, h.start, h.end),
                    "reference": h.reference,
                    "reference_passage": h.reference_passage,
                    "message": h.message,
                }
    return [
        {
            "rule": rule,
            "count": count,
            **{split: per_split[split][rule] for split in SPLITS},
            "example": examples[rule],
        }
        for rule, count in counts.most_common(limit)
    ]


# --- misses -----------------------------------------------------------------------------------


def context(text: str, start: int, end: int, width: int = 110) -> str:
    """The text around a span, on one line, with the span marked ⟦…⟧.

    >>> context("one two three four", 8, 13, width=4)
    '…two ⟦three⟧ fou…'
    """
    lo, hi = max(0, start - width), min(len(text), end + width)
    out = text[lo:start] + "⟦" + text[start:end] + "⟧" + text[end:hi]
    out = re.sub(r"\s+", " ", out)
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


def describe(hit: Hit) -> str:
    """One line for a finding: rule, category, flagged text and message."""
    return f"{hit.rule} ({hit.category}) {hit.text!r}: {hit.message}"


def example_misses(runs: Sequence[ArticleRun], per_category: int = MISSES_PER_CATEGORY) -> dict:
    """Up to ``per_category`` misses per category, one injection type after another."""
    pending: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        for item in run.drifts:
            inj = item.injection
            if any(is_hit(h, inj) for h in item.findings):
                continue
            pending[inj.category][inj.kind].append((run, item))
    out: dict[str, list[dict[str, Any]]] = {}
    for category in CATEGORIES:
        queues = [list(q) for q in pending.get(category, {}).values()]
        chosen = []
        while len(chosen) < per_category and any(queues):
            for queue in queues:
                if queue and len(chosen) < per_category:
                    chosen.append(queue.pop(0))
        out[category] = [miss_record(run, item) for run, item in chosen]
    return out


def miss_record(run: ArticleRun, item: Drift) -> dict[str, Any]:
    """What an injection changed, where, and what rewritelint reported near it instead."""
    inj = item.injection
    near = [h for h in item.findings if overlaps(h, inj.start, inj.end, tolerance=NEAR)]
    return {
        "article": run.article.id,
        "split": run.article.split,
        "kind": inj.kind,
        "old": inj.old,
        "new": inj.new,
        "removed": inj.removed,
        "passage": context(item.rewrite, inj.start, inj.end),
        "found": [describe(h) for h in near],
        "elsewhere": len(item.findings) - len(near),
    }
