"""Stage 4, align: (AnnotatedDocument, AnnotatedDocument) -> [Alignment].

Which passages of the rewrite say the same thing as which of the reference. The
lesson of text-reuse tools (TextPAIR, passim): match on *normalised* tokens. Numbers,
weekdays and months become class placeholders and common words weigh little, so
"captured five of the country's 34 provincial capitals" still finds "captured nine
provincial centers" — the changed number is exactly what the diff must then show.

Order is not assumed (rewrites reorder paragraphs). Steps, cheapest first:
1. identical normalised passages pair by hash (the common case; no scoring at all),
   then passages identical once values are placeholders ("He was 95." / "He was 96.");
2. the remaining pairs that share a content word are scored (weighted Dice) and the
   best pairs above ``STRONG`` are taken greedily, one-to-one;
3. a leftover passage mostly contained in an aligned counterpart joins that alignment
   (a merged or split sentence);
4. leftover passages that are each other's best match above ``WEAK`` pair up (above
   ``FLANKED`` when their neighbours on one side are aligned with each other);
5. whatever is left is an omission (reference side) or an addition (rewrite side).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from hashlib import blake2b

from rewritelint.budget import UNLIMITED, Deadline
from rewritelint.caches import bounded
from rewritelint.model import Alignment, AnnotatedDocument, Outline, Token

STRONG = 0.5
"""Similarity above which a pair is taken in the first greedy pass."""
WEAK = 0.3
"""Similarity above which mutual best matches pair up in the last pass."""
FLANKED = 0.15
"""Lower bar for mutual best matches whose neighbours are aligned with each other (a
sentence rewritten in place between two kept ones)."""
MAX_POSTINGS = 100
"""A content word found in more reference passages than this proposes no candidate
pairs. No word is that common in a news story (30-300 passages), where this changes
nothing; in a book-length file one common name would make the candidate pairs, and the
time, quadratic in its length (two 1 MB files: 4.8 million pairs, 80 s)."""
CONTAINED = 0.6
"""Share of a passage's weight found in a counterpart for it to join as merged/split."""

_STOPWORDS = frozenset(
    """a an the and or but of to in on at by for from with as is are was were be been being
    has have had it its this that these those he she they we you i his her their our said
    says say will would can could may might also not no than then there which who whom
    whose what when where while after before into over about under up out so if""".split()
)
_PLACEHOLDER = {"number": "<NUM>", "year": "<YEAR>", "day": "<NUM>", "time": "<TIME>"}
_SUFFIXES = ("ing", "ed", "es", "s")


def match_keys(tokens: Sequence[Token]) -> tuple[str, ...]:
    """The normalised words a passage is matched on (punctuation, quotes and web addresses
    dropped).

    >>> from rewritelint.model import Token
    >>> match_keys([Token(0, 4, "nine", "#9", "number", "9"), Token(5, 13, "captured", "captured")])
    ('<NUM>', 'captur')
    """
    keys: list[str] = []
    for token in tokens:
        if token.kind in _PLACEHOLDER:
            keys.append(_PLACEHOLDER[token.kind])
        elif token.kind == "word":
            if "url" in token.tags:  # unique to one version: weight no sentence carries
                continue
            if "weekday" in token.tags:
                keys.append("<DAY>")
            elif "month" in token.tags:
                keys.append("<MONTH>")
            else:
                keys.append(_stem(token.norm))
    return tuple(keys)


@bounded(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A crude suffix strip, enough to match "captures"/"captured" when aligning (cached:
    a story repeats its words, and every passage is keyed)."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def outline(document: AnnotatedDocument) -> Outline:
    """What the aligner needs of a document (see ``Outline``)."""
    return Outline(
        tuple(match_keys(t) for t in document.tokens),
        tuple(_identity(t) for t in document.tokens),
    )


def _identity(tokens: Sequence[Token]) -> bytes:
    """Equal for two passages exactly when their normalised tokens are (a stable digest:
    outlines are made in worker processes and compared in another)."""
    return blake2b("\x1f".join(t.norm for t in tokens).encode(), digest_size=8).digest()


def align(
    reference: AnnotatedDocument, rewrite: AnnotatedDocument, deadline: Deadline = UNLIMITED
) -> list[Alignment]:
    """Align the passages of a rewrite to those of its reference (see module docstring);
    ``deadline`` is checked in the long loops (``OverBudget`` past it)."""
    return align_outlines(outline(reference), outline(rewrite), deadline)


def aligned_share(a: Outline, b: Outline) -> float:
    """Share of the shorter version's passages that the aligner pairs with the other:
    how folder grouping tells versions of one story from stories on one topic."""
    alignments = align_outlines(a, b)
    paired_a = sum(len(x.reference) for x in alignments if x.reference and x.rewrite)
    paired_b = sum(len(x.rewrite) for x in alignments if x.reference and x.rewrite)
    shares = [paired_a / len(a.keys) if a.keys else 0.0]
    shares.append(paired_b / len(b.keys) if b.keys else 0.0)
    return max(shares)


def align_outlines(
    reference: Outline, rewrite: Outline, deadline: Deadline = UNLIMITED
) -> list[Alignment]:
    """``align`` on the documents' outlines."""
    ref_keys, rew_keys = list(reference.keys), list(rewrite.keys)
    weight = _weights(ref_keys + rew_keys)
    ref_bags = _Bags(ref_keys, weight)
    rew_bags = _Bags(rew_keys, weight)

    ref_group: dict[int, int] = {}  # reference passage -> alignment group id
    rew_group: dict[int, int] = {}
    groups: list[tuple[list[int], list[int]]] = []

    identical: set[int] = set()  # groups of two identical passages: Dice 1.0, not computed

    def join(r: list[int], w: list[int]) -> None:
        gid = len(groups)
        groups.append((r, w))
        for i in r:
            ref_group[i] = gid
        for j in w:
            rew_group[j] = gid

    # 1. identical passages, by hash of their normalised tokens.
    by_hash: dict[bytes, list[int]] = defaultdict(list)
    for i, identity in enumerate(reference.identities):
        if ref_keys[i]:
            by_hash[identity].append(i)
    for j, identity in enumerate(rewrite.identities):
        candidates = by_hash.get(identity)
        if candidates:
            identical.add(len(groups))
            join([candidates.pop(0)], [j])

    # 1b. passages equal once values become placeholders ("He was 95." / "He was 96.",
    # a dateline with another day): too short to score, clearly the same sentence.
    by_keys: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, keys in enumerate(ref_keys):
        if keys and i not in ref_group:
            by_keys[keys].append(i)
    for j, keys in enumerate(rew_keys):
        candidates = by_keys.get(keys)
        if candidates and j not in rew_group:
            join([candidates.pop(0)], [j])

    # 2. greedy one-to-one over scored candidate pairs.
    scores = _candidate_scores(ref_bags, rew_bags, ref_group, rew_group, deadline)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    for (i, j), score in ranked:
        if score < STRONG:
            break
        if i not in ref_group and j not in rew_group:
            join([i], [j])

    # 3. merged and split sentences: a leftover passage contained in an aligned one.
    for n, ((i, j), score) in enumerate(ranked):
        if score <= 0:
            break
        if not n % 1024:
            deadline.check()
        if (i in ref_group) == (j in rew_group):
            continue
        if i not in ref_group:
            gid = rew_group[j]
            r, w = groups[gid]
            if _contained(ref_bags[i], _union(rew_bags, w), _union(ref_bags, r)):
                r.append(i)
                ref_group[i] = gid
                identical.discard(gid)
        else:
            gid = ref_group[i]
            r, w = groups[gid]
            if _contained(rew_bags[j], _union(ref_bags, r), _union(rew_bags, w)):
                w.append(j)
                rew_group[j] = gid
                identical.discard(gid)

    # 4. mutual best matches among what is left; a weaker match is enough when the
    # passages sit between neighbours that are aligned with each other.
    best_ref: dict[int, tuple[float, int]] = {}
    best_rew: dict[int, tuple[float, int]] = {}
    for (i, j), score in ranked:
        if i in ref_group or j in rew_group or score < FLANKED:
            continue
        best_ref.setdefault(i, (score, j))
        best_rew.setdefault(j, (score, i))

    ends = {-1: -1, len(ref_keys): -2}  # document edges count as aligned
    rew_ends = {-1: -1, len(rew_keys): -2}

    def flanked(i: int, j: int) -> bool:
        return any(
            ref_group.get(i + step, ends.get(i + step, -3))
            == rew_group.get(j + step, rew_ends.get(j + step, -4))
            for step in (-1, 1)
        )

    for i, (score, j) in sorted(best_ref.items()):
        if best_rew.get(j, (0, -1))[1] == i and (score >= WEAK or flanked(i, j)):
            join([i], [j])

    alignments = [
        Alignment(
            tuple(sorted(r)),
            tuple(sorted(w)),
            1.0 if gid in identical else _dice(_union(ref_bags, r), _union(rew_bags, w)),
        )
        for gid, (r, w) in enumerate(groups)
    ]
    alignments += [
        Alignment((i,), (), 0.0) for i in range(len(ref_keys)) if i not in ref_group and ref_keys[i]
    ]
    alignments += [
        Alignment((), (j,), 0.0) for j in range(len(rew_keys)) if j not in rew_group and rew_keys[j]
    ]
    alignments.sort(key=lambda a: (a.rewrite[:1] or (math.inf,), a.reference[:1] or (math.inf,)))
    return alignments


def _weights(passages: Sequence[Sequence[str]]) -> dict[str, float]:
    """Inverse passage frequency: rare words identify a sentence, common ones do not."""
    df: dict[str, int] = defaultdict(int)
    for keys in passages:
        for key in set(keys):
            df[key] += 1
    n = len(passages) + 1
    weight = {}
    for key, count in df.items():
        w = math.log(1 + n / count)
        if key in _STOPWORDS:
            w *= 0.1
        elif key.startswith("<"):
            w *= 0.5
        weight[key] = w
    return weight


def _bag(keys: Sequence[str], weight: dict[str, float]) -> dict[str, float]:
    bag: dict[str, float] = defaultdict(float)
    for key in keys:
        bag[key] += weight[key]
    return dict(bag)


class _Bags:
    """Each passage's weighted bag of keys, made when first asked for: in a rewrite
    mostly identical to its source, most passages pair by hash and are never scored."""

    def __init__(self, keys: Sequence[Sequence[str]], weight: dict[str, float]) -> None:
        self._keys = keys
        self._weight = weight
        self.made: list[dict[str, float] | None] = [None] * len(keys)
        """Each passage's bag, None until asked for."""
        self.totals: list[float | None] = [None] * len(keys)
        """Each bag's summed weight, None until asked for."""

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, index: int) -> dict[str, float]:
        bag = self.made[index]
        if bag is None:
            bag = self.made[index] = _bag(self._keys[index], self._weight)
        return bag

    def keys_of(self, index: int) -> Sequence[str]:
        """The passage's keys (a bag's keys, without making the bag)."""
        return self._keys[index]

    def total(self, index: int) -> float:
        """The bag's summed weight."""
        total = self.totals[index]
        if total is None:
            total = self.totals[index] = sum(self[index].values())
        return total


def _union(bags: _Bags, members: Sequence[int]) -> dict[str, float]:
    if len(members) == 1:
        return bags[members[0]]
    merged: dict[str, float] = defaultdict(float)
    for m in members:
        for key, w in bags[m].items():
            merged[key] += w
    return dict(merged)


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    shared = 0.0
    for key, w in a.items():  # a plain loop: the aligner's innermost, twice a generator's speed
        v = b.get(key)
        if v is not None:
            shared += w if w < v else v
    return shared


def _dice(a: dict[str, float], b: dict[str, float], total: float | None = None) -> float:
    """Weighted Dice; ``total``, the two bags' summed weights, when already known."""
    if total is None:
        total = sum(a.values()) + sum(b.values())
    return 2 * _overlap(a, b) / total if total else 0.0


def _contained(part: dict[str, float], other: dict[str, float], own: dict[str, float]) -> bool:
    """Does ``part`` belong with ``own`` against ``other``: mostly found in ``other``,
    and does adding it to ``own`` make the two sides more alike?"""
    weight = sum(part.values())
    if not weight or _overlap(part, other) / weight < CONTAINED:
        return False
    merged = dict(own)
    for key, w in part.items():
        merged[key] = merged.get(key, 0.0) + w
    return _dice(merged, other) > _dice(own, other)


def _candidate_scores(
    ref_bags: _Bags,
    rew_bags: _Bags,
    ref_done: dict[int, int],
    rew_done: dict[int, int],
    deadline: Deadline = UNLIMITED,
) -> dict[tuple[int, int], float]:
    """Dice scores of every pair not both already aligned that shares a content word.

    An aligned rewrite passage is looked up only among the reference passages still
    unaligned: in the common case, a rewrite mostly identical to its source, that is
    next to nothing."""
    index: dict[str, list[int]] = defaultdict(list)
    open_index: dict[str, list[int]] = defaultdict(list)
    for i in range(len(ref_bags)):
        for key in dict.fromkeys(ref_bags.keys_of(i)):
            if key not in _STOPWORDS and not key.startswith("<"):
                index[key].append(i)
                if i not in ref_done:
                    open_index[key].append(i)
    for postings in (index, open_index):  # too common to tell sentences apart
        for key in [key for key, found in postings.items() if len(found) > MAX_POSTINGS]:
            del postings[key]
    scores: dict[tuple[int, int], float] = {}
    made, totals = ref_bags.made, ref_bags.totals  # read in place: the innermost loop
    for j in range(len(rew_bags)):
        deadline.check()
        aligned = j in rew_done
        lookup = open_index if aligned else index
        seen: set[int] = set()
        for key in rew_bags.keys_of(j) if aligned else rew_bags[j]:
            seen.update(lookup.get(key, ()))
        if not seen:
            continue
        bag = rew_bags[j]
        total = rew_bags.total(j)
        for i in seen:
            other, other_total = made[i], totals[i]
            if other is None or other_total is None:
                other, other_total = ref_bags[i], ref_bags.total(i)
            scores[(i, j)] = _dice(other, bag, other_total + total)
    return scores
