"""Stories from a folder of versions: grouping by shared text, and choosing the reference.

Grouping must cost about linearly in the number of files, so candidate pairs come from
an inverted index of word 3-gram shingles (the passim/TextPAIR approach): only files
that share a shingle are ever compared, and shingles found in very many files
(boilerplate, common phrases) are left out of the index. Each candidate pair is then
scored by how much text it shares and, when that is not already decisive, by how many
passages the aligner pairs up — different outlets' versions of one story share few
exact phrases but many aligned sentences. Pairs scoring at least the threshold join one
story (union-find).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rewritelint.align import align, document_keys
from rewritelint.model import AnnotatedDocument

SIMILARITY = 0.09
"""Default grouping threshold (the 0–1 score of ``similarity``)."""
SURE = 0.3
"""Shared-text share above which two files are one story without aligning them."""
UNLIKELY = 0.03
"""Shared-text share below which two files are not aligned at all (different stories on
one topic share a few common phrases; two versions of one story share more)."""
MIN_SHARED = 3
"""Shingles two files must share to be a candidate pair."""
_WORD = re.compile(r"\w+")
_CREDIT = re.compile(r"\((?:AP|AA|AFP|Reuters|dpa|ANI|PTI|UPI|Xinhua|IANS)\)")
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True)
class Version:
    """One file of a story, with how it relates to the story's reference."""

    path: str
    similarity: float
    """Score against the reference (1.0 for the reference itself)."""


@dataclass(frozen=True)
class Story:
    """Versions of one news item; ``versions[0]`` is the reference."""

    id: str
    versions: tuple[Version, ...]
    reason: str
    """Why the reference was chosen."""

    @property
    def reference(self) -> str:
        return self.versions[0].path


def shingles(text: str) -> frozenset[int]:
    """Hashed, casefolded word 3-grams."""
    words = [w.casefold() for w in _WORD.findall(text)]
    return frozenset(hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2))


def candidate_pairs(
    sets: Sequence[frozenset[int]], max_share: float = 0.05
) -> dict[tuple[int, int], int]:
    """Pairs of files sharing at least ``MIN_SHARED`` indexed shingles, with the count.

    Shingles in more than ``max_share`` of the files (at least 10) are not indexed, so
    the work per shingle is bounded and the total grows about linearly with the files.
    """
    index: dict[int, list[int]] = defaultdict(list)
    for i, shingle_set in enumerate(sets):
        for shingle in shingle_set:
            index[shingle].append(i)
    cap = max(10, int(max_share * len(sets)))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for postings in index.values():
        if 1 < len(postings) <= cap:
            for a in range(len(postings)):
                for b in range(a + 1, len(postings)):
                    shared[(postings[a], postings[b])] += 1
    return {pair: n for pair, n in shared.items() if n >= MIN_SHARED}


def aligned_share(
    a: AnnotatedDocument,
    b: AnnotatedDocument,
    keys: tuple[list[tuple[str, ...]], list[tuple[str, ...]]] | None = None,
) -> float:
    """Share of the shorter version's passages that the aligner pairs with the other."""
    alignments = align(a, b, keys)
    paired_a = sum(len(x.reference) for x in alignments if x.reference and x.rewrite)
    paired_b = sum(len(x.rewrite) for x in alignments if x.reference and x.rewrite)
    shares = [paired_a / len(a.passages) if a.passages else 0.0]
    shares.append(paired_b / len(b.passages) if b.passages else 0.0)
    return max(shares)


def similarity(
    a: frozenset[int],
    b: frozenset[int],
    aligned: Callable[[], float] | None = None,
) -> float:
    """How likely two files are versions of one story, 0–1: the mean of the share of
    the smaller file's shingles found in the other and the share of aligned passages
    (``aligned``, called only when the shared text is not already decisive either way)."""
    if not a or not b:
        return 0.0
    contained = len(a & b) / min(len(a), len(b))
    if contained >= SURE or contained < UNLIKELY or aligned is None:
        return contained
    return (contained + aligned()) / 2


def group(
    paths: Sequence[str],
    texts: Sequence[str],
    prepared: Callable[[int], AnnotatedDocument],
    threshold: float = SIMILARITY,
) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Indices of files grouped into stories (each sorted, stories by first path), and
    the score of every scored pair."""
    sets = [shingles(t) for t in texts]
    parent = list(range(len(paths)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys: dict[int, list[tuple[str, ...]]] = {}

    def aligned(a: int, b: int) -> float:
        for i in (a, b):
            if i not in keys:
                keys[i] = document_keys(prepared(i))
        return aligned_share(prepared(a), prepared(b), (keys[a], keys[b]))

    scores: dict[tuple[int, int], float] = {}
    for a, b in sorted(candidate_pairs(sets)):
        score = similarity(sets[a], sets[b], lambda a=a, b=b: aligned(a, b))
        scores[(a, b)] = score
        if score >= threshold:
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(paths)):
        groups[find(i)].append(i)
    ordered = sorted((sorted(g) for g in groups.values()), key=lambda g: paths[g[0]])
    return ordered, scores


@dataclass(frozen=True)
class Traits:
    """What reference choice looks at in one version."""

    wire: bool
    """Marked as wire copy (front matter ``wire: true`` or a configured wire folder)."""
    credit: str | None
    """A wire credit in the text ("(AA)", "(AP)")."""
    date: str | None
    """An ISO date from front matter or the text."""
    artifacts: int
    """Scraper residue and machine-translation artifacts found in it."""


def traits(text: str, front_matter: dict, wire: bool, artifacts: int) -> Traits:
    """The reference-choice traits of a version's text and front matter."""
    credit = _CREDIT.search(text)
    date = front_matter.get("date")
    if date is not None:
        date = str(date)
    else:
        found = _DATE.search(text)
        date = found.group() if found else None
    return Traits(
        wire=wire or front_matter.get("wire") is True,
        credit=credit.group() if credit else None,
        date=date,
        artifacts=artifacts,
    )


def choose_reference(
    members: Sequence[int],
    paths: Sequence[str],
    info: Sequence[Traits],
    centrality: Callable[[int], float],
) -> tuple[int, str]:
    """The version to compare the others with, and why.

    Marked wire copy first; then a wire credit ("(AP)") with the earliest date; a
    version carrying scraper residue or machine-translation artifacts ranks below clean
    ones; then the most central version (most text shared with the others).
    """
    if len(members) == 1:
        return members[0], "the only version"

    def rank(i: int) -> tuple:
        t = info[i]
        return (
            not t.wire,
            t.credit is None,
            t.artifacts > 0,
            t.date or "9999",
            -centrality(i),
            paths[i],
        )

    best = min(members, key=rank)
    t = info[best]
    others = [info[i] for i in members if i != best]
    if t.wire:
        reason = "marked as wire copy"
    elif t.credit:
        reason = f"wire credit {t.credit}"
        if any(o.credit for o in others):
            if t.artifacts == 0 and any(o.credit and o.artifacts for o in others):
                reason += (
                    ", no scraper or translation artifacts (other credited versions have some)"
                )
            if t.date and any(o.credit and o.date and o.date > t.date for o in others):
                reason += f", earliest date {t.date}"
    elif t.artifacts == 0 and any(o.artifacts for o in others):
        reason = "no scraper or translation artifacts, the most central of the clean versions"
    else:
        reason = "the most central version (shares the most text with the others)"
    return best, reason
