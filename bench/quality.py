"""Quality benchmark for rewritelint: recall and precision per drift category on real news text.

Run it with the project's venv active::

    python bench/quality.py                         # 400 articles, a few minutes on 2 cores
    python bench/quality.py --articles 60           # a quick look
    python bench/quality.py --seed 1 --json /tmp/quality.json --corpus PATH

Design
------
The corpus is read at run time, never copied into the repository: ``--corpus PATH``, else
``$REWRITELINT_CORPUS``, else ``../shared/corpus`` beside the repository root. BASIL articles
(``basil_triplets/articles.jsonl``: paragraphs between blank lines, curly quotes) come first;
ECB+ texts of 800 characters or more (``ecbplus_events/articles.jsonl``: one sentence a line,
detokenised) are the second source, a quarter of the sample.

Every article is the *reference*. ``bench/drift.py`` (which knows nothing of the rule packs)
makes from it:

1. a **benign-only rewrite**: at least three honest transformations (reordered paragraphs,
   merged/split sentences, numerals spelt out, percent/money/large-number styles, curly ↔
   straight quotes, US ↔ UK spelling, "U.S." ↔ "US", "said" → "stated", agency boilerplate);
2. one **drift rewrite per injection type**: the benign rewrite plus exactly one drift of a
   category of DESIGN.md (number, date, name, quote, negation, hedge, attribution, omission,
   addition, artifact, typo), at a recorded span of the final text. Articles without an eligible
   site for a type are skipped for that type.

Choices are seeded per article and purpose (``--seed`` xor a SHA-1 of the article id), so a run is
deterministic and adding an injection type does not change the others. Article ids hash into a
``dev`` split (≈70%) and a ``held-out`` split (≈30%); every table shows both, so a rule tuned to
the dev misses can be checked on articles it was not tuned on.

Scoring
-------
* **recall** (per injection type and per category): share of drift rewrites where a finding of
  the injected category overlaps the injected span (± ``SPAN_TOLERANCE`` characters). For an
  omission, a finding of category omission counts when its reference text holds the first words
  of the deleted sentence or it lies within ``OMISSION_DISTANCE`` characters of the join.
* **precision** (per category, over all drift rewrites): hits / (hits + false alarms), where a
  false alarm is a finding of that category not on an injected span of that category and not
  also on the article's benign-only rewrite (same rule, same text): that part is the benign
  table's business. ``raw`` keeps those repeats. A finding whose category the injection may also
  honestly carry (a number changed inside a quotation is also a changed quote) counts neither
  way.
* **chance**: the same overlap test on a *placebo* span (same length, moved at least
  ``PLACEBO_GAP`` characters away in the same rewrite). It is the recall a category would get by
  luck from its other findings; a recall well above it is detection, not noise.
* **variants**: injection types also record a finer form (the eggcorn, the residue string,
  "n't" vs "not", curly vs straight quotes, …); the forms missed most are listed.
* **benign**: findings of the factual categories (number, name, date, quote, negation) on
  benign-only rewrites per 1,000 words of those rewrites; the rules firing most there, with an
  example each; and the rate among rewrites that used each transformation.

Sanity checks: ``drift.inject`` asserts that every span holds the injected text; ``main``
asserts on the first article that the cached-reference pipeline gives exactly what
``check_texts`` gives; findings whose location text is not the rewrite's text at their offsets
are counted and reported.

Targets are printed next to the values: recall ≥ 0.90 for number, date, negation and quote,
≥ 0.80 for name, hedge and attribution; ≤ 0.5 false factual findings per 1,000 words.

Misses (three per category, with the rewrite passage and what was found instead) and the benign
examples quote corpus text: read them, do not commit them. ``--json`` writes all the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import drift  # the generator beside this file
from corpus import corpus_dir, read_jsonl

from rewritelint import model

ROOT = Path(__file__).resolve().parents[1]
BASIL_FILE = "basil_triplets/articles.jsonl"
ECB_FILE = "ecbplus_events/articles.jsonl"
ECB_MIN_CHARS = 800
"""ECB+ texts shorter than this are a few sentences: too little to rewrite."""
DEFAULT_ARTICLES = 400
BASIL_SHARE = 0.75
"""Share of the sample taken from BASIL (all 300 at the default size); ECB+ fills the rest."""
HELD_OUT_PERCENT = 30
SPLITS = ("dev", "held-out")
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
VARIANT_ROWS = 25
VARIANT_MIN = 5
FACTUAL = ("number", "name", "date", "quote", "negation")
CATEGORIES = model.CATEGORIES
RECALL_TARGETS = {
    "number": 0.90,
    "date": 0.90,
    "negation": 0.90,
    "quote": 0.90,
    "name": 0.80,
    "hedge": 0.80,
    "attribution": 0.80,
}
BENIGN_TARGET = 0.5
"""Most false factual findings per 1,000 words on benign-only rewrites."""
MISSES_PER_CATEGORY = 3
TOP_BENIGN_RULES = 10


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """A reference article of the sample."""

    id: str
    source: str
    """``basil`` or ``ecbplus``."""
    text: str
    split: str


@dataclass(frozen=True)
class Hit:
    """A finding reduced to what scoring and the report need (picklable, JSON-able)."""

    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    text: str
    reference: str | None
    reference_passage: str | None

    @property
    def key(self) -> tuple[str, str]:
        """What makes a drift-rewrite finding a repeat of a benign-rewrite one."""
        return (self.rule, self.text)


@dataclass
class Drift:
    """One drift rewrite: its injection and the findings on it."""

    injection: drift.Injection
    rewrite: str
    findings: list[Hit]


@dataclass
class ArticleRun:
    """Everything checked for one article."""

    article: Article
    transforms: tuple[str, ...]
    benign: str
    benign_findings: list[Hit]
    drifts: list[Drift] = field(default_factory=list)
    location_mismatches: int = 0
    """Findings whose location text is not the rewrite's text at their offsets."""

    @property
    def benign_words(self) -> int:
        return len(self.benign.split())


# --- inputs -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command line: corpus, sample size, seed, JSON output, worker processes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="corpus directory")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="sample size")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write figures")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)"
    )
    return parser.parse_args(argv)


def stable_hash(text: str) -> int:
    """A hash that is the same in every process and run (``hash()`` of a str is salted).

    >>> stable_hash("a") == stable_hash("a")
    True
    """
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:15], 16)


def split_of(article_id: str) -> str:
    """``dev`` for about 70% of article ids, ``held-out`` for the rest, fixed forever."""
    return "dev" if stable_hash("split:" + article_id) % 100 >= HELD_OUT_PERCENT else "held-out"


def select_articles(basil: list[dict], ecb: list[dict], count: int) -> list[Article]:
    """A deterministic sample: BASIL first (``BASIL_SHARE``), long ECB+ texts for the rest,
    each taken in hash order so a smaller sample is a spread, not the first story."""
    basil = sorted(basil, key=lambda a: stable_hash(a["id"]))
    ecb = sorted(
        (a for a in ecb if len(a["text"]) >= ECB_MIN_CHARS), key=lambda a: stable_hash(a["id"])
    )
    n_basil = min(len(basil), round(count * BASIL_SHARE))
    n_ecb = min(len(ecb), count - n_basil)
    n_basil = min(len(basil), count - n_ecb)
    chosen = [("basil", a) for a in basil[:n_basil]] + [("ecbplus", a) for a in ecb[:n_ecb]]
    return [Article(a["id"], source, a["text"], split_of(a["id"])) for source, a in chosen]


def vocabulary(articles: Iterable[dict]) -> dict[str, int]:
    """Counts of lower-case words over the whole corpus: the "dictionary" of typo injection
    (independent of the sample, so ``--articles`` does not change an article's rewrites)."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update(w for w in re.findall(r"[a-z]+", article["text"]))
    return dict(counts)


# --- running rewritelint ----------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def init_worker(vocab: dict[str, int], seed: int) -> None:
    """Per process: load the rule packs once, and keep the vocabulary and seed."""
    from rewritelint.ruleset import load_ruleset

    _WORKER.update(ruleset=load_ruleset(), vocab=vocab, seed=seed)


def to_hit(finding: Any) -> Hit:
    """The parts of a ``Finding`` that scoring needs."""
    ref = finding.reference
    passage = finding.reference_excerpt.text if finding.reference_excerpt else None
    return Hit(
        rule=finding.rule,
        category=finding.category,
        severity=finding.severity,
        message=finding.message,
        start=finding.location.start,
        end=finding.location.end,
        text=finding.location.text,
        reference=ref.text if ref else None,
        reference_passage=passage,
    )


def check(reference_doc: Any, rewrite: str) -> list[Any]:
    """rewritelint's pipeline, as ``check_texts`` runs it, with the reference prepared once per
    article (``main`` asserts on the first article that both give the same findings)."""
    from rewritelint.api import compare, lint, prepare
    from rewritelint.load import load_text

    doc = prepare(load_text(rewrite, "<rewrite>"))
    return lint(compare(doc, reference_doc), _WORKER["ruleset"])


def mismatches(findings: Sequence[Any], rewrite: str) -> int:
    """Findings whose raw offsets do not point at their own text (a bug worth reporting)."""
    return sum(1 for f in findings if rewrite[f.location.start : f.location.end] != f.location.text)


def rng_for(seed: int, article_id: str, purpose: str) -> random.Random:
    """The generator of one article and purpose: independent of every other choice."""
    return random.Random(seed ^ stable_hash(f"{article_id}:{purpose}"))


def run_article(article: Article) -> ArticleRun:
    """Build the benign rewrite and every drift rewrite of one article and check them all."""
    from rewritelint.api import prepare
    from rewritelint.load import load_text

    seed = _WORKER["seed"]
    benign, transforms, protected = drift.benign_rewrite(
        article.text, rng_for(seed, article.id, "benign")
    )
    names, surnames = drift.proper_names(article.text)
    layout = drift.make_layout(
        benign, protected=protected, names=names, surnames=surnames, vocab=_WORKER["vocab"]
    )
    reference_doc = prepare(load_text(article.text, "<reference>"))
    findings = check(reference_doc, benign)
    run = ArticleRun(article, transforms, benign, [to_hit(f) for f in findings])
    run.location_mismatches += mismatches(findings, benign)
    for kind in drift.INJECTORS:
        made = drift.inject(layout, kind, rng_for(seed, article.id, kind))
        if made is None:
            continue
        rewrite, injection = made
        findings = check(reference_doc, rewrite)
        run.location_mismatches += mismatches(findings, rewrite)
        run.drifts.append(Drift(injection, rewrite, [to_hit(f) for f in findings]))
    return run


def run_all(articles: Sequence[Article], vocab: dict[str, int], seed: int, jobs: int) -> list:
    """Check every article, in worker processes when ``jobs`` > 1 (results in sample order)."""
    if jobs <= 1:
        init_worker(vocab, seed)
        return [run_article(a) for a in articles]
    import multiprocessing

    with multiprocessing.Pool(jobs, initializer=init_worker, initargs=(vocab, seed)) as pool:
        return list(pool.imap(run_article, articles, chunksize=2))


def cross_check(article: Article, vocab: dict[str, int], seed: int) -> None:
    """Assert that the cached-reference pipeline gives exactly what ``check_texts`` gives."""
    from rewritelint.api import check_texts

    init_worker(vocab, seed)
    run = run_article(article)
    for rewrite, hits in [(run.benign, run.benign_findings)] + [
        (d.rewrite, d.findings) for d in run.drifts[:5]
    ]:
        direct = [to_hit(f) for f in check_texts(article.text, rewrite, rules=_WORKER["ruleset"])]
        assert direct == hits, ("check_texts disagrees with the cached pipeline", article.id)


# --- scoring ----------------------------------------------------------------------------------


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


def omission_hit(hit: Hit, injection: drift.Injection) -> bool:
    """An omission finding that points at the deleted sentence (through its reference text) or
    at the place it was cut from."""
    head = words_of(injection.removed)[:OMISSION_WORDS]
    ref = words_of(" ".join(x for x in (hit.reference, hit.reference_passage) if x))
    if head and any(ref[i : i + len(head)] == head for i in range(len(ref))):
        return True
    distance = max(injection.start - hit.end, hit.start - injection.end, 0)
    return distance <= OMISSION_DISTANCE


def is_hit(hit: Hit, injection: drift.Injection) -> bool:
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


def placebo(injection: drift.Injection, length: int) -> drift.Injection | None:
    """The injection moved to another place of the rewrite (same length, at least
    ``PLACEBO_GAP`` away, no deleted text to match): a hit there is luck, not detection.

    >>> inj = drift.Injection("k", "number", "4", "5", 10, 11)
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
                    tally.instead.update(
                        {h.category for h in item.findings if overlaps(h, inj.start, inj.end)}
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
    for name in drift.BENIGN_NAMES:
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


# --- report -----------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 2) -> str:
    """A ratio for a table cell ("–" when undefined)."""
    return "–" if value is None else f"{value:.{digits}f}"


def mark(value: float | None, target: float | None, higher: bool = True) -> str:
    """✓/✗ against a target ("" when there is no target or no value)."""
    if target is None or value is None:
        return ""
    return "✓" if (value >= target if higher else value <= target) else "✗"


def recall_cell(tally: Tally, target: float | None) -> str:
    """Recall with its check mark."""
    return f"{fmt(tally.recall)} {mark(tally.recall, target)}".strip()


def category_table(by_category: dict) -> list[str]:
    """Markdown: one row per category, dev and held-out side by side."""
    lines = [
        "| category | injected (dev/held-out) | recall dev | recall held-out | precision dev "
        "| precision held-out | raw precision dev/held-out | chance | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for category in CATEGORIES:
        dev, held = by_category[("dev", category)], by_category[("held-out", category)]
        target = RECALL_TARGETS.get(category)
        lines.append(
            f"| {category} | {dev.injected}/{held.injected} | {recall_cell(dev, target)} "
            f"| {recall_cell(held, target)} | {fmt(dev.precision)} | {fmt(held.precision)} "
            f"| {fmt(dev.precision_raw)}/{fmt(held.precision_raw)} "
            f"| {fmt(merged(dev, held).chance)} "
            f"| {f'recall ≥ {target:.2f}' if target else '–'} |"
        )
    return lines


def merged(*tallies: Tally) -> Tally:
    """The sum of tallies (both splits of a row)."""
    out = Tally()
    for t in tallies:
        out.injected += t.injected
        out.found += t.found
        out.hits += t.hits
        out.false += t.false
        out.false_raw += t.false_raw
        out.instead += t.instead
        out.placebo += t.placebo
        out.placebo_found += t.placebo_found
    return out


def variant_table(by_variant: dict, limit: int = VARIANT_ROWS) -> list[str]:
    """Markdown: the forms of drift missed most (both splits together)."""
    rows = sorted(
        (t.recall or 0.0, kind, variant, t)
        for (kind, variant), t in by_variant.items()
        if variant and t.injected >= VARIANT_MIN and (t.recall or 0.0) < 1.0
    )
    lines = [
        "| injection type | variant | injected | recall | on missed spans instead |",
        "|---|---|---|---|---|",
    ]
    for recall, kind, variant, t in rows[:limit]:
        other = ", ".join(f"{c} {n}" for c, n in t.instead.most_common(3)) or "–"
        lines.append(f"| {kind} | {variant} | {t.injected} | {recall:.2f} | {other} |")
    return lines


def kind_table(by_kind: dict) -> list[str]:
    """Markdown: one row per injection type, with what was found on the span of the misses."""
    lines = [
        "| injection type | category | injected (dev/held-out) | recall dev | recall held-out "
        "| on missed spans instead |",
        "|---|---|---|---|---|---|",
    ]
    for kind, (category, _) in drift.INJECTORS.items():
        dev, held = by_kind[("dev", kind)], by_kind[("held-out", kind)]
        instead = dev.instead + held.instead
        other = ", ".join(f"{c} {n}" for c, n in instead.most_common(4)) or "–"
        target = RECALL_TARGETS.get(category)
        lines.append(
            f"| {kind} | {category} | {dev.injected}/{held.injected} "
            f"| {recall_cell(dev, target)} | {recall_cell(held, target)} | {other} |"
        )
    return lines


def benign_table(figures: dict[str, BenignFigures]) -> list[str]:
    """Markdown: false factual findings per 1,000 words on benign-only rewrites."""
    lines = [
        "| split | rewrites | words | factual findings | per 1,000 words | target | all findings "
        "| all per 1,000 words | by category |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for split in (*SPLITS, "all"):
        f = figures[split]
        cats = ", ".join(f"{c} {n}" for c, n in f.by_category.most_common()) or "–"
        lines.append(
            f"| {split} | {f.rewrites} | {f.words} | {f.factual} | {f.factual_per_1000:.2f} "
            f"| ≤ {BENIGN_TARGET} {mark(f.factual_per_1000, BENIGN_TARGET, higher=False)} "
            f"| {f.findings} | {f.all_per_1000:.2f} | {cats} |"
        )
    return lines


def transform_table(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Markdown: benign transformations, how often applied, factual findings where applied."""
    lines = [
        "| transformation | benign rewrites using it | factual findings per 1,000 words there |",
        "|---|---|---|",
    ]
    for row in rows:
        lines.append(f"| {row['transform']} | {row['rewrites']} | {fmt(row['factual_per_1000'])} |")
    return lines


def top_rules_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Markdown: the rules firing most on benign-only rewrites, each with an example."""
    lines = ["| rule | findings (dev/held-out) |", "|---|---|"]
    lines += [f"| {r['rule']} | {r['count']} ({r['dev']}/{r['held-out']}) |" for r in rows]
    lines.append("")
    for r in rows:
        ex = r["example"]
        lines += [
            f"- **{r['rule']}** ({ex['category']}) on {ex['article']} "
            f"[{', '.join(ex['transforms'])}]: {ex['message']}",
            f"  - rewrite: {ex['context']}",
            f"  - reference: {ex['reference']!r} in “{shorten(ex['reference_passage'])}”",
        ]
    return lines


def shorten(text: str | None, limit: int = 240) -> str:
    """One line of at most ``limit`` characters."""
    if not text:
        return ""
    flat = re.sub(r"\s+", " ", text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def miss_lines(misses: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Markdown: example misses per category."""
    lines = []
    for category in CATEGORIES:
        if not misses.get(category):
            continue
        lines.append(f"**{category}**")
        for m in misses[category]:
            change = f"{m['old']!r} → {m['new']!r}"
            if m["removed"]:
                change = f"deleted {shorten(m['removed'], 120)!r}"
            lines.append(f"- {m['kind']} ({m['article']}, {m['split']}): {change}")
            lines.append(f"  - rewrite: {m['passage']}")
            if m["found"]:
                lines += [f"  - found near it: {d}" for d in m["found"]]
            else:
                lines.append(
                    f"  - found near it: nothing within {NEAR} characters "
                    f"({m['elsewhere']} findings elsewhere)"
                )
        lines.append("")
    return lines


def git_revision() -> str:
    """The checked-out commit, with "+dirty" when rules or code have local edits."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "rewritelint", "rules"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def tally_json(tally: Tally) -> dict[str, Any]:
    """A tally with its ratios, for ``--json``."""
    return {
        "injected": tally.injected,
        "found": tally.found,
        "recall": tally.recall,
        "hits": tally.hits,
        "false_alarms": tally.false,
        "false_alarms_raw": tally.false_raw,
        "precision": tally.precision,
        "precision_raw": tally.precision_raw,
        "chance": tally.chance,
        "instead": dict(tally.instead),
    }


# --- main -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; 2 when the corpus is missing."""
    args = parse_args(argv)
    started = time.perf_counter()
    corpus = corpus_dir(args.corpus)
    basil, ecb = read_jsonl(corpus / BASIL_FILE), read_jsonl(corpus / ECB_FILE)
    if not basil and not ecb:
        print(
            f"quality: no corpus at {corpus} (use --corpus or REWRITELINT_CORPUS)", file=sys.stderr
        )
        return 2
    articles = select_articles(basil, ecb, args.articles)
    vocab = vocabulary(basil + ecb)
    cross_check(articles[0], vocab, args.seed)
    runs = run_all(articles, vocab, args.seed, max(1, args.jobs))
    elapsed = time.perf_counter() - started

    by_category, by_kind, by_variant = score(runs)
    benign = benign_figures(runs)
    transforms = transform_figures(runs)
    top_rules = top_benign_rules(runs)
    misses = example_misses(runs)
    pairs = sum(1 + len(r.drifts) for r in runs)
    mismatched = sum(r.location_mismatches for r in runs)
    sources = Counter((a.source, a.split) for a in articles)

    out = [
        "# rewritelint quality benchmark",
        "",
        f"rewritelint {git_revision()} · seed {args.seed} · {len(articles)} articles "
        f"(BASIL {sources['basil', 'dev']}+{sources['basil', 'held-out']}, "
        f"ECB+ {sources['ecbplus', 'dev']}+{sources['ecbplus', 'held-out']} dev+held-out) · "
        f"{pairs} rewrites checked · {elapsed:.1f} s ({pairs / elapsed:.0f} rewrites/s, "
        f"{max(1, args.jobs)} processes)",
        "",
        "## Drift by category",
        "",
        *category_table(by_category),
        "",
        "## Drift by injection type",
        "",
        *kind_table(by_kind),
        "",
        f"### Variants missed most (≥ {VARIANT_MIN} injected, both splits)",
        "",
        *variant_table(by_variant),
        "",
        "## Benign-only rewrites",
        "",
        *benign_table(benign),
        "",
        *transform_table(transforms),
        "",
        "### Rules firing most on benign-only rewrites",
        "",
        *top_rules_lines(top_rules),
        "",
        "## Example misses (corpus text: do not commit)",
        "",
        *miss_lines(misses),
    ]
    if mismatched:
        out.append(f"WARNING: {mismatched} findings whose location text differs from the rewrite")
    out.append(f"Run time: {elapsed:.1f} s")
    print("\n".join(out))

    if args.json:
        figures = {
            "version": 1,
            "revision": git_revision(),
            "seed": args.seed,
            "articles": len(articles),
            "sources": {f"{s}/{sp}": n for (s, sp), n in sorted(sources.items())},
            "rewrites_checked": pairs,
            "seconds": elapsed,
            "targets": {"recall": RECALL_TARGETS, "benign_factual_per_1000": BENIGN_TARGET},
            "categories": {
                split: {c: tally_json(by_category[(split, c)]) for c in CATEGORIES}
                for split in SPLITS
            },
            "injection_types": {
                split: {k: tally_json(by_kind[(split, k)]) for k in drift.INJECTORS}
                for split in SPLITS
            },
            "variants": {
                f"{kind}: {variant}": tally_json(t)
                for (kind, variant), t in sorted(by_variant.items())
                if variant
            },
            "benign": {
                split: {
                    **{k: v for k, v in asdict(f).items() if k != "by_category"},
                    "by_category": dict(f.by_category),
                    "factual_per_1000": f.factual_per_1000,
                    "all_per_1000": f.all_per_1000,
                }
                for split, f in benign.items()
            },
            "transforms": transforms,
            "top_benign_rules": [{k: v for k, v in r.items() if k != "example"} for r in top_rules],
            "location_mismatches": mismatched,
        }
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
