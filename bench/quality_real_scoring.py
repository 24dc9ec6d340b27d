"""Scoring the real-data mode: SummEdits hit and quiet rates per domain and edit type, the rules
raising false alarms, what the missed edits changed (by a word diff); MRPC false-alarm shares on
paraphrases. Every figure is kept per split ("all" pools them when both are run)."""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from drift_lexicon import SCALE_WORDS, SMALL_NUMBER_WORDS, TENS_WORDS
from quality_real import Checked
from quality_runs import Hit, stable_hash

NOT_FACTUAL = frozenset({"artifact", "typo"})
"""Categories that say nothing about the facts (scraper residue, misspellings)."""
FLAG_LEVELS = frozenset({"error", "warning"})
"""A pair is flagged by a factual finding at one of these severities ..."""
INFO_LEVELS = FLAG_LEVELS | {"info"}
"""... and, in the figure printed beside it, at info too."""
EDIT_TYPES = (
    "entity_modification",
    "antonym_swap",
    "hallucinated_fact_insertion",
    "negation_insertion_removal",
)
OTHER_TYPES, NO_TYPE = "others", "(none annotated)"
MISS_SAMPLES = 3
LOOK_ALIKE = 0.6
"""Similarity (difflib ratio) above which a replaced word is a look-alike of the one it replaced
("increasing" → "decreasing", "include" → "exclude", "plans" → "plan")."""
SPAN_CHARS = 70
"""How much of each side of a change an example shows."""

MRPC_CORE = ("name", "negation", "date", "hedge", "attribution")
"""Categories whose error-level findings on a paraphrase should almost never happen."""
MRPC_MEASURES: dict[str, tuple[frozenset[str] | None, frozenset[str]]] = {
    "core_error": (frozenset(MRPC_CORE), frozenset({"error"})),
    "core_warning": (frozenset(MRPC_CORE), FLAG_LEVELS),
    "number_error": (frozenset({"number"}), frozenset({"error"})),
    "number_warning": (frozenset({"number"}), FLAG_LEVELS),
    "quote_error": (frozenset({"quote"}), frozenset({"error"})),
    "quote_warning": (frozenset({"quote"}), FLAG_LEVELS),
    "factual_error": (None, frozenset({"error"})),
    "factual_warning": (None, FLAG_LEVELS),
}
"""Share of pairs with a finding of these categories (None: any factual) at these severities."""

# --- the word diff of a missed edit -----------------------------------------------------------

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*|\w+(?:[-'’]\w+)*|``|''|[^\w\s]")
"""Words (hyphenated and with apostrophes), abbreviations ("U.S."), numbers ("1.9", "4,000"),
the tokenised quotes of MRPC, and single punctuation marks."""
_NUMBERISH = frozenset((*SMALL_NUMBER_WORDS, *TENS_WORDS, *SCALE_WORDS)) | frozenset(
    """trillion dozen dozens half first second third fourth fifth sixth seventh eighth ninth
    tenth once twice double triple hundreds thousands millions""".split()
)
_NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't".split())
FUNCTION_WORDS = frozenset(
    """a an the and or but if then than so as of in on at to for from by with about into onto over
    under after before during between through up down out off this that these those it its they
    them their there here he him his she her we us our you your i me my is are was were be been
    being am has have had do does did will would shall should can could may might must also just
    very more most much many some any all each every both such which who whom whose what when
    where why how while because since until although though yet still again already only even
    own same other another one's s t""".split()
)
MISS_CLASSES = (
    "number, number word or ordinal changed",
    "capitalised word changed",
    "negation word added or removed",
    "content word replaced by a look-alike (in-/de- swap, other form)",
    "content word replaced",
    "content words added only",
    "content words removed only",
    "only function words changed",
    "no word changed",
)


def changes(reference: str, rewrite: str) -> list[tuple[list[str], list[str], bool]]:
    """The changed runs of a word diff: (old tokens, new tokens, does the run start a
    sentence), for telling a name from a capitalised first word.

    >>> changes("The U.S. rose 1.9 percent.", "The US rose 2.1 percent.")
    [(['U.S.'], ['US'], False), (['1.9'], ['2.1'], False)]
    """
    old, new = _TOKEN.findall(reference), _TOKEN.findall(rewrite)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            starts = i1 == 0 or old[i1 - 1] in {".", "!", "?", ":"}
            out.append((old[i1:i2], new[j1:j2], starts))
    return out


def miss_class(reference: str, rewrite: str) -> str:
    """A rough class of what an edit changed, the first of ``MISS_CLASSES`` that applies.

    >>> miss_class("It rose 5%.", "It rose 7%."), miss_class("Ann left.", "Ann stayed.")
    ('number, number word or ordinal changed', 'content word replaced')
    >>> miss_class("Sales are increasing.", "Sales are decreasing.")
    'content word replaced by a look-alike (in-/de- swap, other form)'
    >>> miss_class("He met Ann.", "He met Bob."), miss_class("It was big.", "It was not big.")
    ('capitalised word changed', 'negation word added or removed')
    """
    return MISS_CLASSES[classify(changes(reference, rewrite))[0]]


def classify(runs: Sequence[tuple[list[str], list[str], bool]]) -> tuple[int, int]:
    """The index in ``MISS_CLASSES`` of what a word diff changed, and of the run that says so."""
    if not runs:
        return len(MISS_CLASSES) - 1, 0
    kinds = [run_class(*run) for run in runs]
    best = min(kinds)
    if best == 5 and 6 in kinds:  # words added in one place, others removed in another
        best = 4
    return best, kinds.index(min(kinds))


def run_class(old: list[str], new: list[str], starts: bool) -> int:
    """The index in ``MISS_CLASSES`` of one changed run of a word diff."""
    words = [w for w in old + new if w[0].isalnum()]
    if any(any(c.isdigit() for c in w) or w.lower() in _NUMBERISH for w in words):
        return 0
    for side in (old, new):
        if any(w[0].isupper() and not (starts and k == 0) for k, w in enumerate(side)):
            return 1
    if any(w.lower() in _NEGATIONS or w.lower().endswith("n't") for w in words):
        return 2
    removed, added = (
        [w for w in side if w[0].isalnum() and w.lower() not in FUNCTION_WORDS]
        for side in (old, new)
    )
    if removed and added:
        return 3 if look_alike(removed, added) else 4
    if added or removed:
        return 5 if added else 6
    return 7


def look_alike(old: Sequence[str], new: Sequence[str]) -> bool:
    """Is a content word swapped for one spelt much like it?

    >>> look_alike(["increasing"], ["decreasing"]), look_alike(["before"], ["after"])
    (True, False)
    """
    return any(
        difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= LOOK_ALIKE
        for a in old
        for b in new
    )


def change_text(reference: str, rewrite: str, limit: int = 5) -> str:
    """The changed runs of a word diff, "old → new", on one line: the run that decides the
    miss class first, then the others in text order."""
    runs = changes(reference, rewrite)
    first = classify(runs)[1]
    parts = [
        f"{short(' '.join(old), 50) or '∅'} → {short(' '.join(new), 50) or '∅'}"
        for old, new, _ in [*runs[first : first + 1], *runs[:first], *runs[first + 1 :]][:limit]
    ]
    return "; ".join(parts) or "(no word changed)"


def short(text: str | None, limit: int = SPAN_CHARS) -> str:
    """One line of at most ``limit`` characters."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- shared pieces ----------------------------------------------------------------------------


def scopes(splits: Sequence[str]) -> tuple[str, ...]:
    """The splits run, and "all" pooling them when there are two."""
    return (*splits, "all") if len(splits) > 1 else tuple(splits)


def factual(hits: Iterable[Hit], levels: frozenset[str]) -> list[Hit]:
    """The factual findings at one of ``levels``."""
    return [h for h in hits if h.category not in NOT_FACTUAL and h.severity in levels]


def first_per_rule(hits: Sequence[Hit]) -> list[Hit]:
    """Each rule's first finding on a pair: counts are of pairs, not of findings."""
    seen: dict[str, Hit] = {}
    for hit in hits:
        seen.setdefault(hit.rule, hit)
    return list(seen.values())


def example_order(item: Checked) -> tuple[bool, int]:
    """Examples come from dev first (tune there), spread over the set by a stable hash."""
    return (item.pair.split != "dev", stable_hash(item.pair.id))


def span_example(item: Checked, hit: Hit) -> dict[str, Any]:
    """A finding's two changed spans (reference and rewrite side), not the whole sentence."""
    return {
        "id": item.pair.id,
        "split": item.pair.split,
        "domain": item.pair.domain,
        "reference": short(hit.reference),
        "rewrite": short(hit.text),
        "message": short(hit.message, 90),
        "edit": change_text(item.pair.reference, item.pair.rewrite, limit=3),
    }


def span(text: str | None) -> str:
    """A finding's span quoted, "∅" where it has none (an insertion, a deletion)."""
    return repr(text) if text else "∅"


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, None when there is nothing to divide."""
    return part / whole if whole else None


# --- SummEdits --------------------------------------------------------------------------------


@dataclass
class Rate:
    """Pairs of one kind and how many were flagged (and flagged counting info findings)."""

    n: int = 0
    flagged: int = 0
    flagged_info: int = 0

    def add(self, strict: bool, loose: bool) -> None:
        self.n += 1
        self.flagged += strict
        self.flagged_info += loose

    def rate(self, info: bool = False) -> float | None:
        return ratio(self.flagged_info if info else self.flagged, self.n)

    def quiet(self, info: bool = False) -> float | None:
        flagged = self.rate(info)
        return None if flagged is None else 1 - flagged


@dataclass
class DomainCell:
    """One domain in one split: inconsistent pairs, seed pairs and real consistent edits."""

    inconsistent: Rate = field(default_factory=Rate)
    seeds: Rate = field(default_factory=Rate)
    edits: Rate = field(default_factory=Rate)

    @property
    def consistent(self) -> Rate:
        s, e = self.seeds, self.edits
        return Rate(s.n + e.n, s.flagged + e.flagged, s.flagged_info + e.flagged_info)

    def balanced(self, info: bool = False) -> float | None:
        hit, quiet = self.inconsistent.rate(info), self.consistent.quiet(info)
        return None if hit is None or quiet is None else (hit + quiet) / 2


@dataclass
class RuleTally:
    """Where one rule fired on SummEdits (pairs, per split) and an example false alarm."""

    category: str
    severity: str
    consistent: Counter = field(default_factory=Counter)
    seeds: Counter = field(default_factory=Counter)
    inconsistent: Counter = field(default_factory=Counter)
    example: dict[str, Any] | None = None


@dataclass
class SummEditsFigures:
    """Everything the SummEdits tables print and ``--json`` writes."""

    scopes: tuple[str, ...]
    domains: list[str]
    by_domain: dict[tuple[str, str], DomainCell]
    by_type: dict[tuple[str, str], Rate]
    caught_by: dict[str, Counter]
    rules: dict[str, RuleTally]
    misses: dict[tuple[str, str], int]
    miss_samples: dict[str, list[dict[str, Any]]]


def type_keys(edit_types: Sequence[str]) -> list[str]:
    """The edit-type rows an inconsistent pair counts in (a pair may carry several types)."""
    keys = sorted({t if t in EDIT_TYPES else OTHER_TYPES for t in edit_types})
    return keys or [NO_TYPE]


def summedits_figures(checked: Sequence[Checked], splits: Sequence[str]) -> SummEditsFigures:
    """Per domain, edit type and rule, for every split run; misses classed by their word diff."""
    out = SummEditsFigures(
        scopes=scopes(splits),
        domains=sorted({c.pair.domain for c in checked}),
        by_domain=defaultdict(DomainCell),
        by_type=defaultdict(Rate),
        caught_by=defaultdict(Counter),
        rules={},
        misses=defaultdict(int),
        miss_samples={},
    )
    missed: dict[str, list[Checked]] = defaultdict(list)
    for item in sorted(checked, key=example_order):
        pair, where = item.pair, (item.pair.split, "all")
        strict, loose = factual(item.hits, FLAG_LEVELS), factual(item.hits, INFO_LEVELS)
        for scope in where:
            for domain in (pair.domain, "all"):
                cell = out.by_domain[scope, domain]
                kind = "inconsistent" if pair.label == "inconsistent" else "seeds"
                kind = "edits" if kind == "seeds" and not pair.is_seed else kind
                getattr(cell, kind).add(bool(strict), bool(loose))
        if pair.label == "inconsistent":
            for key in type_keys(pair.edit_types):
                for scope in where:
                    out.by_type[scope, key].add(bool(strict), bool(loose))
                out.caught_by[key].update({h.category for h in strict})
            if not strict:
                label = miss_class(pair.reference, pair.rewrite)
                for scope in where:
                    out.misses[scope, label] += 1
                missed[label].append(item)
        for hit in first_per_rule(item.hits):
            tally = out.rules.setdefault(hit.rule, RuleTally(hit.category, hit.severity))
            if pair.label == "inconsistent":
                tally.inconsistent.update(where)
            elif pair.is_seed:
                tally.seeds.update(where)
            else:
                tally.consistent.update(where)
                tally.example = tally.example or span_example(item, hit)
    for label in MISS_CLASSES:
        out.miss_samples[label] = [miss_sample(c) for c in missed[label][:MISS_SAMPLES]]
    return out


def miss_sample(item: Checked) -> dict[str, Any]:
    """A missed inconsistent edit: what changed, its types, and what was reported instead."""
    return {
        "id": item.pair.id,
        "split": item.pair.split,
        "domain": item.pair.domain,
        "edit_types": list(item.pair.edit_types),
        "change": change_text(item.pair.reference, item.pair.rewrite),
        "found": [f"{h.rule} ({h.category}, {h.severity})" for h in item.hits],
    }


# --- MRPC -------------------------------------------------------------------------------------


@dataclass
class MrpcFigures:
    """Everything the MRPC tables print and ``--json`` writes."""

    scopes: tuple[str, ...]
    pairs: dict[tuple[str, str], int]
    """(scope, quality) → pairs."""
    measures: dict[tuple[str, str], Counter]
    """(scope, quality) → measure → pairs with such a finding."""
    rules: dict[str, dict[str, Any]]
    samples: list[dict[str, Any]]


def mrpc_figures(checked: Sequence[Checked], splits: Sequence[str], samples: int) -> MrpcFigures:
    """Shares of paraphrases (and, for information, non-paraphrases) with factual findings, per
    rule counts with an example, and ``samples`` flagged paraphrases in full."""
    out = MrpcFigures(scopes(splits), defaultdict(int), defaultdict(Counter), {}, [])
    flagged: list[Checked] = []
    for item in sorted(checked, key=example_order):
        quality = item.pair.label
        for scope in (item.pair.split, "all"):
            out.pairs[scope, quality] += 1
            for name, (categories, levels) in MRPC_MEASURES.items():
                out.measures[scope, quality][name] += any(
                    categories is None or h.category in categories
                    for h in factual(item.hits, levels)
                )
        for hit in first_per_rule(item.hits):
            row = out.rules.setdefault(
                hit.rule,
                {"category": hit.category, "severity": hit.severity, "example": None}
                | {f"q{q}_{s}": 0 for q in "10" for s in (*splits, "all")},
            )
            for scope in (item.pair.split, "all"):
                row[f"q{quality}_{scope}"] += 1
            if quality == "1" and row["example"] is None:
                row["example"] = span_example(item, hit)
        if quality == "1" and factual(item.hits, frozenset({"error"})):
            flagged.append(item)
    out.samples = [
        {
            "id": c.pair.id,
            "split": c.pair.split,
            "reference": c.pair.reference,
            "rewrite": c.pair.rewrite,
            "findings": [
                f"{h.rule} ({h.category}, {h.severity}) {span(h.reference)} → {span(h.text)}: "
                f"{h.message}"
                for h in c.hits
            ],
        }
        for c in flagged[: max(0, samples)]
    ]
    return out
