"""Clustering for folder grouping: near-copies first, then average linkage.

Two stages, both about linear in the number of files:

1. *Near-copies* (``near_copies``): files whose word 3-gram sets are at least ``NEAR``
   alike (Jaccard) are one text, however many there are. They are found with MinHash
   and banded locality-sensitive hashing: every file gets ``HASHES`` minimum hashes of
   its shingles, cut into bands of ``BAND``; files with an equal band fall into one
   bucket, and each member of a bucket is checked (exact Jaccard) against the bucket's
   first file only, so a bucket of 2,000 copies costs 2,000 checks, not two million.
   The shingles every copy shares are exactly the ones the rare-shingle index must
   leave out; here they are the evidence. Checked links are joined transitively: each
   says two files are mostly the same text, and with ``NEAR`` above one half no file is
   a near-copy of two files that share nothing (a file holding two unrelated stories is
   that alike with at most one of them).
2. *Stories* (``average_linkage``): the texts (one per group of near-copies) are
   clustered by average linkage over the pair evidence, missing pairs counting as 0:
   two groups merge when the mean evidence over all their cross pairs reaches the
   threshold, so a group grows only with support from many of its members, never
   through one link (union-find over pair links chained unrelated stories through
   single files: 373 versions in one "story"). A merge also needs two members on each
   side (when it has two) with a link of their own (``WITNESS``), so one file that
   shares text with two stories (a roundup) cannot carry its story into the other; and a
   story of more than ``LARGE`` texts grows only on strong evidence (``STRONG``).

Ties are broken by file index (files are sorted by path) and evidence is summed as
integers, so the result is the same whatever order pairs were scored in, serial or
parallel.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

NEAR = 0.6
"""Jaccard similarity of two files' shingle sets from which they are near-copies: one
text with small edits. Two copies of a seed story with two or three small edits each (a
number changed, a word added, a line dropped or added) are 0.84 alike in the median,
0.5 at worst (they still join through the other copies); different outlets' reports of
one event (BASIL, ECB+) are under 0.45 in 99 pairs of 100."""
HASHES = 32
"""MinHash values per file (128 bytes)."""
BAND = 4
"""MinHash values per LSH band: a pair of files 0.8 alike shares one of the 8 bands
with probability 0.98, a pair 0.3 alike with 0.06 (and is then only checked)."""
LARGE = 50
"""Texts (groups of near-copies) a story may hold before it grows only on strong
evidence: more outlets than that rewriting one event independently is rare, while
republished copies are one text however many they are."""
STRONG = 0.3
"""Mean evidence a story of more than ``LARGE`` texts needs to grow: the shared-text
share at which two files are one story without aligning them (``story.SURE``)."""
SUPPORT = 2
"""Members of each side (when it has that many) that must have a link of at least
``WITNESS`` into the other side for two groups to merge."""
WITNESS = 0.5
"""Share of the threshold a member's link must reach to count as support: a version
that shares somewhat less with the others than with its closest version still supports
its story, a story's versions that share nothing with another story do not."""
_SCALE = 1 << 20
"""Evidence is summed as integers in these units: exact, so independent of order."""
_CHUNK = 1 << 16
"""Shingles hashed at once: their ``HASHES`` hashes take 16 MB."""
_SEED = 0x5EED_2EAD
"""Seed of the MinHash functions: fixed, so signatures agree across processes and runs."""


def signatures(sets: Sequence[np.ndarray]) -> np.ndarray:
    """``HASHES`` minimum hashes of each file's shingles (rows; empty sets get the
    maximum value), with multiply-shift hashing of the 32-bit shingles."""
    import numpy as np

    rng = np.random.default_rng(_SEED)
    multipliers = rng.integers(1, 1 << 63, size=HASHES, dtype=np.uint64) | np.uint64(1)
    offsets = rng.integers(0, 1 << 63, size=HASHES, dtype=np.uint64)
    out = np.full((len(sets), HASHES), np.iinfo(np.uint32).max, dtype=np.uint32)
    filled = [i for i, s in enumerate(sets) if len(s)]
    start = 0
    while start < len(filled):  # in chunks of _CHUNK shingles at most (or one file)
        stop, total = start, 0
        while stop < len(filled) and (total == 0 or total + len(sets[filled[stop]]) <= _CHUNK):
            total += len(sets[filled[stop]])
            stop += 1
        rows = filled[start:stop]
        values = np.concatenate([np.asarray(sets[i], dtype=np.uint64) for i in rows])
        hashed = ((values[:, None] * multipliers + offsets) >> np.uint64(32)).astype(np.uint32)
        bounds = np.cumsum([0] + [len(sets[i]) for i in rows[:-1]])
        out[rows] = np.minimum.reduceat(hashed, bounds, axis=0)
        start = stop
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted arrays of unique values."""
    import numpy as np

    if not len(a) or not len(b):
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def near_copies(sets: Sequence[np.ndarray]) -> list[list[int]]:
    """Files grouped into near-copies (see the module docstring): every file in exactly
    one group, each group sorted, groups ordered by their first file."""
    import numpy as np

    parent = list(range(len(sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    filled = np.array([i for i, s in enumerate(sets) if len(s)], dtype=np.int64)
    if len(filled) > 1:
        signature = signatures([sets[i] for i in filled]).astype(np.uint64)
        checks = []
        for band in range(HASHES // BAND):
            key = np.zeros(len(filled), dtype=np.uint64)
            for column in signature[:, band * BAND : (band + 1) * BAND].T:
                key = key * np.uint64(0x9E3779B97F4A7C15) + column  # wraps: a hash of the band
            order = np.lexsort((filled, key))
            key, files = key[order], filled[order]
            first = np.r_[True, key[1:] != key[:-1]]
            head = files[np.flatnonzero(first)[np.cumsum(first) - 1]]
            checks.append((head[~first] << 32) | files[~first])
        for code in np.unique(np.concatenate(checks)).tolist():
            a, b = code >> 32, code & 0xFFFFFFFF
            if find(a) != find(b) and jaccard(sets[a], sets[b]) >= NEAR:
                parent[find(b)] = find(a)
    groups: dict[int, list[int]] = {}
    for i in range(len(sets)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())


@dataclass(frozen=True)
class Link:
    """Evidence that two texts are one story (0-1, against the grouping threshold)."""

    a: int
    b: int
    evidence: float


def average_linkage(count: int, links: Iterable[Link], threshold: float) -> list[list[int]]:
    """Texts ``0..count-1`` clustered by average linkage over ``links`` (see the module
    docstring): clusters of sorted indices, ordered by their first index.

    Two triangles and one link between them, all above the threshold: two stories (the
    connected components of the links would be one).

    >>> tri = [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5)]
    >>> average_linkage(6, [Link(a, b, 0.5) for a, b in tri] + [Link(2, 3, 0.3)], 0.1)
    [[0, 1, 2], [3, 4, 5]]
    """
    floor = round(threshold * _SCALE)
    support = round(WITNESS * threshold * _SCALE)
    strong = round(max(STRONG, threshold) * _SCALE)
    # Per cluster: each neighbouring cluster and the summed evidence of their cross pairs;
    # and up to SUPPORT of its members with a link of at least WITNESS into that neighbour.
    total: list[dict[int, int]] = [{} for _ in range(count)]
    witness: list[dict[int, tuple[int, ...]]] = [{} for _ in range(count)]
    for link in links:
        a, b = sorted((link.a, link.b))
        if a == b:
            continue
        value = round(link.evidence * _SCALE)
        total[a][b] = total[b][a] = total[a].get(b, 0) + value
        if value >= support:
            witness[a][b] = _first(witness[a].get(b, ()), (a,))
            witness[b][a] = _first(witness[b].get(a, ()), (b,))
    size = [1] * count
    members = [[i] for i in range(count)]
    heap: list[tuple[float, int, int]] = [
        (-value, a, b) for a in range(count) for b, value in total[a].items() if a < b
    ]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if b not in total[a] or -negative != total[a][b] / (size[a] * size[b]):
            continue  # stale: one of the two has merged since
        if -negative < floor:
            break
        if not _supported(witness, size, a, b):
            continue
        if size[a] + size[b] > LARGE and -negative < strong:
            continue
        keep, gone = (a, b) if (len(total[a]), -a) >= (len(total[b]), -b) else (b, a)
        for c, value in list(total[gone].items()):
            del total[c][gone]
            seen = witness[c].pop(gone, ())
            lent = witness[gone].get(c, ())
            if c == keep:
                continue
            total[keep][c] = total[c][keep] = total[keep].get(c, 0) + value
            witness[keep][c] = _first(witness[keep].get(c, ()), lent)
            witness[c][keep] = _first(witness[c].get(keep, ()), seen)
        total[keep].pop(gone, None)
        witness[keep].pop(gone, None)
        total[gone], witness[gone] = {}, {}
        size[keep] += size[gone]
        members[keep].extend(members[gone])
        members[gone] = []
        for c, value in total[keep].items():
            entry: tuple[float, int, int] = (
                -value / (size[keep] * size[c]),
                min(keep, c),
                max(keep, c),
            )
            heapq.heappush(heap, entry)
    return sorted(sorted(m) for m in members if m)


def _first(*witnesses: tuple[int, ...]) -> tuple[int, ...]:
    """The ``SUPPORT`` smallest distinct members of some witness tuples."""
    return tuple(sorted(set().union(*witnesses)))[:SUPPORT]


def _supported(witness: list[dict[int, tuple[int, ...]]], size: list[int], a: int, b: int) -> bool:
    """Do enough members of each side link into the other on their own?"""
    into_b, into_a = witness[a].get(b, ()), witness[b].get(a, ())
    return len(into_b) >= min(SUPPORT, size[a]) and len(into_a) >= min(SUPPORT, size[b])


def name_idf(names: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The names of some texts (sorted unique arrays) and each name's squared inverse
    document frequency, ``log(1 + texts / texts with it)``: a name in few texts (a
    person, a village) tells an event apart, one in most ("US") does not."""
    import numpy as np

    every = np.concatenate([np.empty(0, dtype=np.uint32), *names])
    vocabulary, counts = np.unique(every, return_counts=True)
    return vocabulary, np.log1p(len(names) / np.maximum(counts, 1)) ** 2


class NameOverlap:
    """IDF-weighted cosine similarity of the proper names of two texts, 0-1.

    Different outlets' reports of one event share few phrases but the same people and
    places; two stories on one topic share some of those names too, which is why the
    grouping evidence counts names only beside shared text (``story.EVENT``)."""

    def __init__(self, names: Sequence[np.ndarray]) -> None:
        import numpy as np

        self.names = names
        self.vocabulary, self.weights = name_idf(names)
        self._weights = [
            self.weights[np.searchsorted(self.vocabulary, n)] if len(n) else self.weights[:0]
            for n in names
        ]
        self.norms = [math.sqrt(float(w.sum())) for w in self._weights]

    def __call__(self, a: int, b: int) -> float:
        import numpy as np

        if not self.norms[a] or not self.norms[b]:
            return 0.0
        _, ia, _ = np.intersect1d(self.names[a], self.names[b], True, return_indices=True)
        return min(1.0, float(self._weights[a][ia].sum()) / (self.norms[a] * self.norms[b]))
