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
from itertools import pairwise
from typing import TYPE_CHECKING
from zlib import crc32

if TYPE_CHECKING:
    import numpy as np

SIMILARITY = 0.09
"""Default grouping threshold (the 0–1 score of ``similarity``)."""
SURE = 0.3
"""Shared-text share above which two files are one story without aligning them."""
UNLIKELY = 0.03
"""Shared-text share below which two files are not aligned at all (different stories on
one topic share a few common phrases; two versions of one story share more)."""
MIN_SHARED = 3
"""Shingles two files must share to be a candidate pair."""
_CHUNK = 1_000_000
"""Pair codes made at a time while counting shared shingles."""
_PART = 8_000_000
"""Pair codes counted at once (8 bytes each): bounds the grouping index's memory."""
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
    """Casefolded word 3-grams, hashed with CRC-32: stable across processes and
    machines (Python's ``hash`` is salted per process), so shingles made by different
    workers can be compared."""
    words = [w.casefold() for w in _WORD.findall(text)]
    return frozenset(
        crc32(f"{words[i]} {words[i + 1]} {words[i + 2]}".encode()) for i in range(len(words) - 2)
    )


def candidate_pairs(sets: Sequence[np.ndarray], max_share: float = 0.05) -> Candidates:
    """Pairs of files sharing at least ``MIN_SHARED`` indexed shingles, with the count;
    and the shingles left out of the index as too frequent.

    ``sets`` are each file's shingles as a sorted array of unique ``uint32``. Shingles
    in more than ``max_share`` of the files (at least 10) are not indexed, so the work
    per shingle is bounded. The index is one sorted array of (shingle, file) codes, 8
    bytes a shingle, and pairs are counted in parts: a dict of lists, or of pairs, would
    take gigabytes for 8,000 files.
    """
    import numpy as np

    empty = np.empty(0, dtype=np.uint32)
    if len(sets) < 2:
        return Candidates(empty, empty, empty, empty)
    cap = max(10, int(max_share * len(sets)))
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
        keep = counts >= MIN_SHARED
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


ROUND = 512
"""Pairs aligned at a time while grouping (in parallel on the engine)."""

AlignMany = Callable[[Sequence[tuple[int, int]]], Sequence[float]]
"""Aligned-passage shares of many pairs of files at once (maybe in parallel)."""


class Similarity:
    """Scores of pairs of files (see ``similarity``), computed when first asked for and
    kept: grouping aligns only pairs whose shared text does not decide them and whose
    files are not already joined, the report only each version against its reference."""

    def __init__(self, sets: Sequence[np.ndarray], aligned: AlignMany | None = None) -> None:
        self.sets = sets
        self.aligned = aligned
        self._scores: dict[tuple[int, int], float] = {}
        self._shares: dict[tuple[int, int], float] = {}

    def shared(self, a: int, b: int) -> float:
        """Share of the smaller file's shingles found in the other."""
        key = (min(a, b), max(a, b))
        if key not in self._shares:
            self._shares[key] = shared_share(self.sets[a], self.sets[b])
        return self._shares[key]

    def candidates(self, threshold: float) -> list[tuple[int, int, float]]:
        """Candidate pairs that may join or need aligning, with their shared-text share.

        A pair's share is its count of indexed shingles plus the frequent shingles it
        also shares, over the smaller file's shingles: exact, without intersecting the
        pair's shingles. Pairs that cannot reach ``UNLIKELY`` even if they shared every
        frequent shingle they could (most of them) are dropped in bulk."""
        import numpy as np

        found = candidate_pairs(self.sets)
        sizes = np.array([len(s) for s in self.sets])
        common = [np.intersect1d(s, found.frequent, assume_unique=True) for s in self.sets]
        counts = np.array([len(c) for c in common])
        first, second = found.first.astype(np.intp), found.second.astype(np.intp)
        smaller = np.minimum(sizes[first], sizes[second])
        most = (found.shared + np.minimum(counts[first], counts[second])) / smaller
        possible = np.flatnonzero(most >= min(UNLIKELY, threshold))
        frequent = {}
        pairs = []
        for k in possible.tolist():
            a, b = int(first[k]), int(second[k])
            for i in (a, b):
                if i not in frequent:
                    frequent[i] = frozenset(common[i].tolist())
            share = (int(found.shared[k]) + len(frequent[a] & frequent[b])) / int(smaller[k])
            self._shares[(a, b)] = share
            pairs.append((a, b, share))
        return pairs

    def needs_alignment(self, share: float) -> bool:
        """Is a pair with this shared-text share scored with its aligned passages?"""
        return self.aligned is not None and _ambiguous(share)

    def score_all(self, pairs: Sequence[tuple[int, int]]) -> None:
        """Score pairs not scored yet, aligning those that need it in one batch."""
        todo = sorted({(min(a, b), max(a, b)) for a, b in pairs} - self._scores.keys())
        shares = [self.shared(a, b) for a, b in todo]
        hard = [
            pair for pair, share in zip(todo, shares, strict=True) if self.needs_alignment(share)
        ]
        aligned = dict(zip(hard, self.aligned(hard) if hard and self.aligned else (), strict=True))
        for pair, share in zip(todo, shares, strict=True):
            self._scores[pair] = (share + aligned[pair]) / 2 if pair in aligned else share

    def __call__(self, a: int, b: int) -> float:
        key = (min(a, b), max(a, b))
        self.score_all([key])
        return self._scores[key]


def group(
    paths: Sequence[str], similarity: Similarity, threshold: float = SIMILARITY
) -> list[list[int]]:
    """Indices of files grouped into stories (each sorted, stories by first path): the
    connected components of the pairs scoring at least ``threshold``.

    Pairs whose shared text decides them are joined first (at twice the threshold the
    score is at least the threshold, as it is at least half the share). The rest are
    aligned in rounds, most shared text first, skipping pairs whose files were joined
    meanwhile: a pair inside one story cannot change the grouping, and most pairs of
    one story are skipped this way. The components do not depend on the order."""
    parent = list(range(len(paths)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pending: list[tuple[float, tuple[int, int]]] = []
    for a, b, share in similarity.candidates(threshold):
        if share >= 2 * threshold or not similarity.needs_alignment(share):
            if share >= threshold:
                parent[find(a)] = find(b)
        else:
            pending.append((-share, (a, b)))
    pending.sort()
    while pending:
        batch: list[tuple[int, int]] = []
        rest: list[tuple[float, tuple[int, int]]] = []
        for item in pending:
            a, b = item[1]
            if find(a) == find(b):
                continue
            if len(batch) < ROUND:
                batch.append(item[1])
            else:
                rest.append(item)
        similarity.score_all(batch)
        for a, b in batch:
            if similarity(a, b) >= threshold:
                parent[find(a)] = find(b)
        pending = rest
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(paths)):
        groups[find(i)].append(i)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: paths[g[0]])


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
