"""Stories from a folder of versions: grouping by shared text, and choosing the reference.

Grouping must cost about linearly in the number of files. Near-copies (republished
copies with small edits, any number of them) are found first and count as one text
(:mod:`rewritelint.grouping`). Candidate pairs of texts then come from inverted indexes:
of word 3-gram shingles (the passim/TextPAIR approach; shingles found in very many texts,
boilerplate and common phrases, are left out) and of rare proper names. Only candidate
pairs are ever compared. Each is scored by how much text it shares and, when that is not
already decisive, by how many passages the aligner pairs up — different outlets'
versions of one story share few exact phrases but many aligned sentences — and, beside
that, by the names it shares (``EVENT``). The texts are clustered by average linkage
over that evidence, so that a story needs support from many of its pairs, not one link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any
from zlib import crc32

if TYPE_CHECKING:
    import numpy as np

    from rewritelint.model import Token

SIMILARITY = 0.09
"""Default grouping threshold: the evidence (the 0–1 score of ``similarity``, or with
names, ``EVENT``) a story's pairs must reach on average (``grouping.average_linkage``)."""
SURE = 0.3
"""Shared-text share above which two files are one story without aligning them."""
UNLIKELY = 0.03
"""Shared-text share below which two files are not aligned at all (different stories on
one topic share a few common phrases; two versions of one story share more)."""
MIN_SHARED = 3
"""Shingles two files must share to be a candidate pair."""
MAX_SHARE = 0.05
"""Share of the texts (at least 10) above which a shingle is too common to index."""
EVENT = 3.0
"""What shared names count for: a pair's evidence is its text score or, when more, the
text score plus the names' similarity (``grouping.NameOverlap``), over ``EVENT``.
Reports of one event by different outlets share names (BASIL and ECB+: 0.21-0.43 in the
middle half of pairs) and little text; two stories on one topic share names too (ECB+'s
two events of one kind: up to 0.16 in three pairs of four; the seeds' two Taliban
stories: up to 0.18), so names alone must reach 0.27 to pass the default threshold, and
less with text beside them."""
NAME_CAP = 50
"""Texts a name may be found in and still make candidate pairs: a name in few texts
(a person, a village) makes a handful of pairs, "Obama" would make thousands. A fixed
number, so the pairs grow linearly with the folder; common names still count in the
similarity of pairs found otherwise."""
MIN_NAMES = 2
"""Rare names two texts must share to be a candidate pair by names."""
WEAK = 1 / 3
"""Links under this share of the threshold are left out of the clustering: they cannot
join two texts on their own, barely move an average, and would keep the graph dense."""
_CHUNK = 1_000_000
"""Pair codes made at a time while counting shared shingles."""
_PART = 8_000_000
"""Pair codes counted at once (8 bytes each): bounds the grouping index's memory."""
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"['’]s$")
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
    """Casefolded word 3-grams, hashed with CRC-32: stable across processes and
    machines (Python's ``hash`` is salted per process), so shingles made by different
    workers can be compared."""
    words = [w.casefold() for w in _WORD.findall(text)]
    return frozenset(
        crc32(f"{words[i]} {words[i + 1]} {words[i + 2]}".encode()) for i in range(len(words) - 2)
    )


def proper_names(tokens: Iterable[Sequence[Token]]) -> frozenset[int]:
    """The proper names of a document's tokens (``annotate`` tags them: capitalised
    mid-sentence), casefolded without a possessive "'s", hashed like ``shingles``."""
    return frozenset(
        crc32(_POSSESSIVE.sub("", t.norm).encode())
        for passage in tokens
        for t in passage
        if "name" in t.tags
    )


def candidate_pairs(
    sets: Sequence[np.ndarray], cap: int | None = None, min_shared: int = MIN_SHARED
) -> Candidates:
    """Pairs of files sharing at least ``min_shared`` indexed values (shingles or names),
    with the count; and the values left out of the index as too frequent.

    ``sets`` are each file's values as a sorted array of unique ``uint32``. Values in
    more than ``cap`` files (default: ``MAX_SHARE`` of them, at least 10) are not
    indexed, so the work per value is bounded. The index is one sorted array of (value,
    file) codes, 8 bytes a value, and pairs are counted in parts: a dict of lists, or of
    pairs, would take gigabytes for 8,000 files.
    """
    import numpy as np

    empty = np.empty(0, dtype=np.uint32)
    if len(sets) < 2:
        return Candidates(empty, empty, empty, empty)
    if cap is None:
        cap = max(10, int(MAX_SHARE * len(sets)))
    key = np.concatenate(
        [
            (np.asarray(s, dtype=np.uint64) << np.uint64(32)) | np.uint64(i)
            for i, s in enumerate(sets)
        ]
    )
    key.sort()  # by shingle, then by file
    shingle = (key >> np.uint64(32)).astype(np.uint32)
    owner = (key & np.uint64(0xFFFFFFFF)).astype(np.uint64)
    del key
    starts = _run_starts(shingle)
    lengths = np.diff(np.r_[starts, len(shingle)])
    frequent = shingle[starts[lengths > cap]]
    eligible = (lengths > 1) & (lengths <= cap)
    sizes = lengths[eligible].astype(np.int64)
    total = int((sizes * (sizes - 1) // 2).sum())
    # Pairs are counted in parts by their first file, so that only one part's pair codes
    # are held at once (8,000 files make some 30 million codes in all).
    parts = max(1, -(-2 * total // _PART))
    bounds = np.linspace(0, len(sets), parts + 1).astype(np.uint64)
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for lo, hi in pairwise(bounds):
        raw: list[np.ndarray] = []
        for length in np.unique(lengths[eligible]):
            first, second = np.triu_indices(int(length), 1)
            runs = starts[lengths == length]
            step = max(1, _CHUNK // len(first))
            for chunk in range(0, len(runs), step):
                members = owner[runs[chunk : chunk + step, None] + np.arange(length)]
                left, right = members[:, first].ravel(), members[:, second].ravel()
                mine = (left >= lo) & (left < hi)
                raw.append((left[mine] << np.uint64(32)) | right[mine])
        codes = np.concatenate([np.empty(0, dtype=np.uint64), *raw])
        del raw
        codes.sort()
        run_starts = _run_starts(codes)
        counts = np.diff(np.r_[run_starts, codes.size]).astype(np.uint32)
        keep = counts >= min_shared
        found.append((codes[run_starts[keep]], counts[keep]))
        del codes
    codes = np.concatenate([np.empty(0, dtype=np.uint64), *(c for c, _ in found)])
    counts = np.concatenate([np.empty(0, dtype=np.uint32), *(n for _, n in found)])
    return Candidates(
        (codes >> np.uint64(32)).astype(np.uint32),
        (codes & np.uint64(0xFFFFFFFF)).astype(np.uint32),
        counts,
        frequent,
    )


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array."""
    import numpy as np

    if not values.size:
        return np.empty(0, dtype=np.intp)
    return np.flatnonzero(np.r_[True, values[1:] != values[:-1]])


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs ``(first[k], second[k])`` (first < second) sharing ``shared[k]``
    indexed shingles, and the ``frequent`` shingles left out of the index."""

    first: np.ndarray
    second: np.ndarray
    shared: np.ndarray
    frequent: np.ndarray


def shared_share(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller file's shingles found in the other (sorted unique arrays)."""
    import numpy as np

    if not len(a) or not len(b):
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


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
    return _combined(len(a & b) / min(len(a), len(b)), aligned)


def _combined(contained: float, aligned: Callable[[], float] | None) -> float:
    if aligned is None or not _ambiguous(contained):
        return contained
    return (contained + aligned()) / 2


def _ambiguous(contained: float) -> bool:
    """Is the shared text not decisive, so that the aligned passages are asked too?"""
    return UNLIKELY <= contained < SURE


ROUND = 4096
"""Pairs sent to be aligned at once: bounds the outlines in flight to the workers."""

AlignMany = Callable[[Sequence[tuple[int, int]]], Sequence[float]]
"""Aligned-passage shares of many pairs of files at once (maybe in parallel)."""


class Similarity:
    """Scores of pairs of files (see ``similarity``), computed when first asked for and
    kept: grouping scores its candidate pairs, the report each version against its
    reference. ``names`` are the files' proper names (sorted ``uint32`` arrays)."""

    def __init__(
        self,
        sets: Sequence[np.ndarray],
        aligned: AlignMany | None = None,
        names: Sequence[np.ndarray] | None = None,
    ) -> None:
        self.sets = sets
        self.aligned = aligned
        self.names = names
        self._scores: dict[tuple[int, int], float] = {}
        self._shares: dict[tuple[int, int], float] = {}

    def shared(self, a: int, b: int) -> float:
        """Share of the smaller file's shingles found in the other."""
        key = (min(a, b), max(a, b))
        if key not in self._shares:
            self._shares[key] = shared_share(self.sets[a], self.sets[b])
        return self._shares[key]

    def candidates(
        self, members: Sequence[int] | None = None, threshold: float = SIMILARITY
    ) -> list[tuple[int, int, float]]:
        """Candidate pairs of ``members`` (default: every file) by shared shingles, with
        their shared-text share, each pair ``(a, b)`` with ``a < b``.

        A pair's share is its count of indexed shingles plus the frequent shingles it
        also shares, over the smaller file's shingles: exact, without intersecting the
        pair's shingles. Pairs that cannot reach ``UNLIKELY`` even if they shared every
        frequent shingle they could (most of them) are dropped in bulk."""
        import numpy as np

        files = list(range(len(self.sets))) if members is None else list(members)
        sets = [self.sets[i] for i in files]
        found = candidate_pairs(sets)
        sizes = np.array([len(s) for s in sets])
        common = [np.intersect1d(s, found.frequent, assume_unique=True) for s in sets]
        counts = np.array([len(c) for c in common])
        first, second = found.first.astype(np.intp), found.second.astype(np.intp)
        smaller = np.minimum(sizes[first], sizes[second])
        most = (found.shared + np.minimum(counts[first], counts[second])) / smaller
        possible = np.flatnonzero(most >= min(UNLIKELY, threshold))
        frequent = {}
        pairs = []
        for k in possible.tolist():
            x, y = int(first[k]), int(second[k])
            for i in (x, y):
                if i not in frequent:
                    frequent[i] = frozenset(common[i].tolist())
            share = (int(found.shared[k]) + len(frequent[x] & frequent[y])) / int(smaller[k])
            a, b = sorted((files[x], files[y]))
            self._shares[(a, b)] = share
            pairs.append((a, b, share))
        return pairs

    def needs_alignment(self, share: float) -> bool:
        """Is a pair with this shared-text share scored with its aligned passages?"""
        return self.aligned is not None and _ambiguous(share)

    def score_all(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Score pairs not scored yet, aligning those that need it in batches of ``ROUND``
        (each pair as ``(smaller index, larger index)``, whatever order it is given in)."""
        todo = sorted({(min(p), max(p)) for p in pairs} - set(self._scores))
        shares = [self.shared(a, b) for a, b in todo]
        hard = [
            pair for pair, share in zip(todo, shares, strict=True) if self.needs_alignment(share)
        ]
        aligned: dict[tuple[int, int], float] = {}
        for start in range(0, len(hard), ROUND):
            batch = hard[start : start + ROUND]
            aligned.update(zip(batch, self.aligned(batch) if self.aligned else (), strict=True))
        for pair, share in zip(todo, shares, strict=True):
            self._scores[pair] = (share + aligned[pair]) / 2 if pair in aligned else share

    def shared_text(self, members: Sequence[int]) -> dict[int, int]:
        """For each member, how many of its shingles the other members have, summed over
        them: how much text it shares with the rest of its story, counted in one pass
        (pair by pair, a story of 2,000 copies would take four million intersections)."""
        import numpy as np

        every = np.concatenate([np.empty(0, dtype=np.uint32), *(self.sets[i] for i in members)])
        values, counts = np.unique(every, return_counts=True)
        return {i: int((counts[np.searchsorted(values, self.sets[i])] - 1).sum()) for i in members}

    def __call__(self, a: int, b: int) -> float:
        key = (min(a, b), max(a, b))
        if key not in self._scores:
            self.score_all([key])
        return self._scores[key]


def group(
    paths: Sequence[str], similarity: Similarity, threshold: float = SIMILARITY
) -> list[list[int]]:
    """Indices of files grouped into stories (each sorted, stories by first path).

    Near-copies are one text (``grouping.near_copies``; the one with the most shingles
    stands for them). Pairs of texts come from the shingle index and, with names, the
    rare-name index; every pair is scored (the ambiguous ones aligned, in batches), and
    its evidence is the text score or, when more, text and names together (``EVENT``).
    The texts are then clustered by average linkage (``grouping.average_linkage``).
    Files are taken in the order of their paths, so neither the order they are given in
    nor the order pairs are scored in changes the stories."""
    from rewritelint.grouping import Link, NameOverlap, average_linkage, near_copies

    sets = similarity.sets
    order = sorted(range(len(paths)), key=paths.__getitem__)
    rank = {i: k for k, i in enumerate(order)}
    copies = [[order[k] for k in c] for c in near_copies([sets[i] for i in order])]
    texts = [max(c, key=lambda i: (len(sets[i]), -rank[i])) for c in copies]
    pairs = {(a, b) for a, b, _ in similarity.candidates(texts, threshold)}  # a < b
    names = None
    if similarity.names is not None:
        names = NameOverlap([similarity.names[t] for t in texts])
        found = candidate_pairs(names.names, cap=NAME_CAP, min_shared=MIN_NAMES)
        for x, y in zip(found.first.tolist(), found.second.tolist(), strict=True):
            pairs.add((min(texts[x], texts[y]), max(texts[x], texts[y])))
    ordered = sorted(pairs)
    similarity.score_all(ordered)
    text_of = {t: k for k, t in enumerate(texts)}
    links = []
    for a, b in ordered:
        x, y = text_of[a], text_of[b]
        evidence = similarity(a, b)
        if names is not None:
            evidence = max(evidence, (evidence + names(x, y)) / EVENT)
        if evidence >= WEAK * threshold:
            links.append(Link(x, y, evidence))
    stories = [
        sorted(i for k in cluster for i in copies[k])
        for cluster in average_linkage(len(texts), links, threshold)
    ]
    return sorted(stories, key=lambda g: paths[g[0]])


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


def traits(text: str, front_matter: dict[str, Any], wire: bool, artifacts: int) -> Traits:
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

    def rank(i: int) -> tuple[Any, ...]:
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
