"""The quality benchmark's sample and its checks: which articles are references, and each
one's benign-only and drift rewrites built and checked by rewritelint (in worker processes,
the reference prepared once per article)."""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import drift
from benign import benign_rewrite
from drift_layout import Injection, make_layout, proper_names

ECB_MIN_CHARS = 800
"""ECB+ texts shorter than this are a few sentences: too little to rewrite."""
BASIL_SHARE = 0.75
"""Share of the sample taken from BASIL (all 300 at the default size); ECB+ fills the rest."""
HELD_OUT_PERCENT = 30
SPLITS = ("dev", "held-out")


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

    injection: Injection
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


# --- the sample -------------------------------------------------------------------------------


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
    benign, transforms, protected = benign_rewrite(
        article.text, rng_for(seed, article.id, "benign")
    )
    names, surnames = proper_names(article.text)
    layout = make_layout(
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
