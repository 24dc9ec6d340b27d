"""Ranking: findings -> scores, versions -> scores, and the order every surface shows.

An editor with fifty findings in front of them reads the first few; those must be the
drift that can mislead a reader. A finding's score is

    severity weight × category weight × confidence × consensus factor

and a version's score is its worst finding's plus a twentieth of the rest. Every surface
(the terminal's full form, ``report``, the review page, CI) lists versions worst first,
then each version's findings by score; ties keep the order they came in (file order).
The ``check`` contract lines are the exception: a linter's lines are in file order.

Why these weights:

- **Severity** is the user's own verdict (the rule packs' and the config's) and decides
  what fails a commit, so it dominates: the weights are ten apart and everything else
  moves a score by less than that, so an error always outranks a warning and a warning
  an info, whatever their categories (``tests/test_rank.py`` checks the bounds).
- **Category** is the harm if the finding is right: a changed number, date or negation
  states a different fact a reader cannot check; a name or a quotation wrong is nearly
  as bad (the person is usually still recognisable, the fact reported stays); who said
  it or how certain it is changes a claim's weight, not the claim; residue and typos
  embarrass without misleading; an added passage carries facts nobody checked against
  the wire; leaving passages out is what rewriting does, so omissions come last.
- **Confidence** is how often a category's findings are right: the held-out precision
  of ``bench/quality.py`` (README, "Quality and speed"). Attribution (0.77) and addition
  (0.70) are the only categories under 0.97; the rest count as 1.
- **Consensus** (``report``, three versions or more): a value most other versions of
  the story do not share is likelier to be the drift, so the factor is 0.75 + 0.5 × the
  share of the other versions that say something else: 1.25 when all do, 1.0 when half
  do, towards 0.75 when the reference is the odd one out among many agreeing rewrites.

The greatest finding score is 100 (SARIF's ``rank`` scale). Plain functions and data,
no I/O: :mod:`rewritelint.report` ranks a report, the CLI ranks a ``check`` run, and the
renderers only show the order and the scores they are given.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from rewritelint.model import SEVERITIES, Document, Finding
from rewritelint.segment import segment

SEVERITY_WEIGHT: Mapping[str, float] = {"error": 80.0, "warning": 8.0, "info": 0.8}
"""The severity's weight: ten apart, more than the other factors can move a score."""
CATEGORY_WEIGHT: Mapping[str, float] = {
    "number": 1.0,
    "date": 1.0,
    "negation": 1.0,
    "name": 0.9,
    "quote": 0.9,
    "attribution": 0.7,
    "hedge": 0.7,
    "addition": 0.5,
    "artifact": 0.5,
    "typo": 0.4,
    "omission": 0.3,
}
"""The harm if the finding is right, most harmful first (see the module docstring)."""
CONFIDENCE: Mapping[str, float] = {"attribution": 0.8, "addition": 0.7}
"""Held-out precision of ``bench/quality.py`` where it is under 0.97 (others count 1)."""
CONSENSUS_LOW, CONSENSUS_HIGH = 0.75, 1.25
"""The consensus factor's range: no other version disagrees .. every other version does."""
REST = 0.05
"""What each finding but a version's worst adds of its score: the worst finding decides,
the others break ties (twenty further warnings add one warning, never an error)."""
FOLDED: Mapping[str, str] = {"omission": "not in this version", "addition": "not in the reference"}
"""Categories whose info-level findings fold to one line, and how that line ends."""

_LOWEST = min(CATEGORY_WEIGHT.values())
SeverityCounts = tuple[tuple[str, int], ...]
"""(severity, count), most severe first, zero counts left out."""
_T = TypeVar("_T")
# A word as a reader counts it: letters or digits, joined by an apostrophe, hyphen, full
# stop or thousands comma ("don't", "well-known", "U.S", "5,000").
_WORD = re.compile(r"[^\W_]+(?:[’'.,-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Ranked:
    """A finding with what ranking decided about it."""

    finding: Finding
    score: float
    fold: str | None = None
    """The one line an info-level omission or addition folds to ("3 sentences (214
    words) not in this version"); None: the finding is shown in full."""


@dataclass(frozen=True, slots=True)
class VersionScore:
    """One version (a file) ranked: its score and its findings counted."""

    path: str
    score: float
    """``version_score`` of its findings' scores (0 without findings)."""
    counts: SeverityCounts = ()
    """(severity, findings), most severe first, zero counts left out."""


@dataclass(frozen=True, slots=True)
class Ranking:
    """Findings and versions in the order to show them."""

    findings: tuple[Ranked, ...] = ()
    """Versions worst first, each version's findings by score (ties in file order)."""
    versions: tuple[VersionScore, ...] = ()
    """Worst first (ties in the order the versions came in)."""
    scores: Mapping[tuple[str, str], float] = field(default_factory=dict, compare=False, hash=False)
    """(path, fingerprint) -> score: a finding's score where it is shown in another
    order (SARIF's results, in file order); derived from ``findings``, so left out of
    equality and hashing (a ranking hashes as its findings do)."""


def finding_score(finding: Finding, consensus: float | None = None) -> float:
    """Severity weight × category weight × confidence × consensus factor, in 0..100.

    ``consensus`` is the share (0..1) of the story's other versions that do not say what
    this finding's rewrite says (None: no tally, fewer than three versions).

    >>> from rewritelint.model import Location
    >>> at = Location("a.txt", 5, 21, 5, 25, "five", 120, 124)
    >>> error = Finding("number-changed", "number", "error", "", at, None, "f")
    >>> finding_score(error), finding_score(error, consensus=1.0)
    (80.0, 100.0)
    >>> finding_score(Finding("passage-omitted", "omission", "info", "", at, None, "f"))
    0.24
    """
    weight = SEVERITY_WEIGHT.get(finding.severity, SEVERITY_WEIGHT["info"])
    harm = CATEGORY_WEIGHT.get(finding.category, _LOWEST)
    confidence = CONFIDENCE.get(finding.category, 1.0)
    factor = 1.0
    if consensus is not None:
        factor = CONSENSUS_LOW + (CONSENSUS_HIGH - CONSENSUS_LOW) * min(max(consensus, 0.0), 1.0)
    return round(weight * harm * confidence * factor, 2)


def version_score(scores: Iterable[float]) -> float:
    """A version's score: its worst finding's, plus ``REST`` of each other one's.

    >>> version_score([80.0, 8.0, 4.0]), version_score([8.0] * 21), version_score([])
    (80.6, 16.0, 0.0)
    """
    ordered = sorted(scores, reverse=True)
    if not ordered:
        return 0.0
    return round(ordered[0] + REST * sum(ordered[1:]), 2)


def fold(finding: Finding) -> str | None:
    """The one line of an info-level omission or addition: its size in sentences (the
    passages of the run) and words; None for every other finding.

    >>> from rewritelint.model import Location
    >>> gone = Location("w.txt", 3, 1, 4, 9, "Two went. Then three more.", 0, 26)
    >>> fold(Finding("passage-omitted", "omission", "info", "", gone, gone, "f"))
    '2 sentences (5 words) not in this version'
    """
    if finding.severity != "info" or finding.category not in FOLDED:
        return None
    where = finding.location
    if finding.category == "omission" and finding.reference is not None:
        where = finding.reference
    sentences = len(segment(Document(where.path, where.text, where.text)))
    words = len(_WORD.findall(where.text))
    return f"{_plural(sentences, 'sentence')} ({_plural(words, 'word')}) {FOLDED[finding.category]}"


def rank(
    findings: Iterable[Finding],
    versions: Iterable[str] = (),
    consensus: Mapping[tuple[str, str], float] | None = None,
) -> Ranking:
    """Findings scored and ordered: versions worst first, then by score; ``versions``
    adds paths without findings (scored 0), ``consensus`` maps (path, fingerprint) to
    the share of other versions that disagree with the finding (see ``finding_score``)."""
    shares = consensus or {}
    groups: dict[str, list[Ranked]] = {path: [] for path in versions}
    for f in findings:
        score = finding_score(f, shares.get((f.location.path, f.fingerprint)))
        groups.setdefault(f.location.path, []).append(Ranked(f, score, fold(f)))
    scored = [
        VersionScore(
            path,
            version_score(r.score for r in items),
            severity_counts(r.finding.severity for r in items),
        )
        for path, items in groups.items()
    ]
    ordered = by_score(scored, lambda v: v.score)
    findings_in_order = tuple(
        r for v in ordered for r in by_score(groups[v.path], lambda r: r.score)
    )
    return Ranking(
        findings_in_order,
        tuple(ordered),
        {(r.finding.location.path, r.finding.fingerprint): r.score for r in findings_in_order},
    )


def by_score(items: Iterable[_T], score: Callable[[_T], float]) -> list[_T]:
    """``items`` highest score first; equal scores keep their order (file order).

    >>> by_score(["b", "a", "c"], {"a": 1.0, "b": 1.0, "c": 2.0}.__getitem__)
    ['c', 'b', 'a']
    """
    return sorted(items, key=lambda item: -score(item))


def merge(rankings: Iterable[Ranking]) -> Ranking:
    """Several rankings as one (a report's stories, in the order given): their findings
    one after the other, every version worst first."""
    parts = list(rankings)
    versions = by_score([v for r in parts for v in r.versions], lambda v: v.score)
    scores = {key: s for r in parts for key, s in r.scores.items()}
    return Ranking(tuple(f for r in parts for f in r.findings), tuple(versions), scores)


def severity_counts(severities: Iterable[str]) -> SeverityCounts:
    """How many of each severity, most severe first, zeros left out.

    >>> severity_counts(["info", "error", "info"])
    (('error', 1), ('info', 2))
    """
    counts = Counter(severities)
    return tuple((s, counts[s]) for s in SEVERITIES if counts[s])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
