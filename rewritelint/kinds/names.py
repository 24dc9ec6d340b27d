"""Kind ``near-miss``: a proper name spelt almost like a better-attested one."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rewritelint.kinds import Kind, register_kind
from rewritelint.kinds.change import is_near_miss, joined
from rewritelint.kinds.spelling import is_known
from rewritelint.model import AnnotatedDocument, Token

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule


def _names(document: AnnotatedDocument) -> list[Token]:
    """Tokens tagged names, and capitalised words no dictionary knows: a misspelt name
    that starts a sentence ("Gowyd said Friday") has no name tag."""
    return [
        t
        for passage in document.tokens
        for t in passage
        if "name" in t.tags
        or (t.kind == "word" and t.text[:1].isupper() and not t.tags and not is_known(t.norm))
    ]


def _capitalised(document: AnnotatedDocument) -> list[Token]:
    return [t for p in document.tokens for t in p if t.kind == "word" and t.text[:1].isupper()]


def _bare(text: str) -> str:
    """A name without its possessive ending ("Flynn's" -> "Flynn")."""
    return text.removesuffix("'s").removesuffix("’s").removesuffix("'").removesuffix("’")


def _joined_runs(document: AnnotatedDocument) -> set[str]:
    """Adjacent names joined ("Lashkar Gah" -> "lashkargah"), so a transliteration that
    writes them as one word is recognised as the same name."""
    runs: set[str] = set()
    for passage in document.tokens:
        for a, b in itertools.pairwise(passage):
            if "name" in a.tags and "name" in b.tags:
                runs.add(joined(a.text + b.text))
    return runs


@register_kind
@dataclass(frozen=True)
class NearMiss(Kind):
    """Fires on a name in the rewrite that is absent from the reference but a near miss
    of a name there, or of a name the rewrite itself uses at least three times and twice
    as often ("Khalizad" once, "Khalilzad" four times). Spacing and case variants
    ("Lashkargah"/"Lashkar Gah") are the same name; plurals and derived forms
    ("Afghan"/"Afghans") are not misspellings.
    """

    name = "near-miss"
    summary = "a proper name spelt almost like a better-attested one"
    placeholders = frozenset(["rewrite", "reference"])

    min_length: int = 5
    """Shorter names are not checked ("Iran"/"Iraq" are different places)."""

    def run(self, rule: Rule, ctx: Context) -> None:
        own = _names(ctx.rewrite)
        counts = Counter(t.norm for t in own)
        # The correct spelling may stand anywhere in the reference, a sentence's first
        # word included: every capitalised word there is a candidate.
        ref_names = _capitalised(ctx.reference) if ctx.reference else []
        ref_words = {t.norm for p in ctx.reference.tokens for t in p} if ctx.reference else set()
        known = _joined_runs(ctx.rewrite) | (
            _joined_runs(ctx.reference) if ctx.reference else set()
        )
        known |= {joined(t.text) for t in ref_names}
        first_seen: dict[str, Token] = {}
        for t in ref_names:
            first_seen.setdefault(t.norm, t)
        own_first: dict[str, Token] = {}
        for t in own:
            own_first.setdefault(t.norm, t)
        aligned = {j for a in ctx.alignments if a.reference for j in a.rewrite}
        reference_names = _Shapes(first_seen)
        # Only a name used at least 3 times can be the better-attested one.
        frequent = _Shapes({n: t for n, t in own_first.items() if counts[n] >= 3})
        matches: dict[tuple[str, bool], tuple[Token, bool] | None] = {}
        for token in own:
            word = joined(token.text)
            if len(word) < self.min_length or not _bare(token.text).isalpha():
                continue  # "Flynnn's" is checked as "Flynnn"
            if token.norm in ref_words or word in known:
                continue
            # A name in a passage the reference does not have (a credit line, added
            # context) may be another person: only compare it with the story itself.
            with_reference = token.passage in aligned or not ctx.reference
            key = (token.text, with_reference)  # a name repeats: decide it once
            if key not in matches:
                candidates = reference_names if with_reference else _Shapes({})
                matches[key] = self._better(token, candidates, frequent, counts)
            match = matches[key]
            if match is None:
                continue
            other, in_rewrite = match
            bare = _bare(token.text)
            ctx.report(
                rule,
                (token.start, token.start + len(bare)),
                {"rewrite": bare, "reference": _bare(other.text)},
                reference_span=(other.start, other.start + len(_bare(other.text))),
                reference_in_rewrite=in_rewrite,
            )

    def _better(
        self,
        token: Token,
        reference: _Shapes,
        own: _Shapes,
        counts: Counter[str],
    ) -> tuple[Token, bool] | None:
        """The better-attested name this one nearly spells, and whether it is in the rewrite."""
        for norm, other in reference.near(token.text):
            if (
                norm != token.norm
                and joined(other.text) != joined(token.text)
                and is_near_miss(token.text, other.text, self.min_length)
            ):
                return other, False
        for norm, other in own.near(token.text):
            if (
                norm != token.norm
                and counts[norm] >= max(3, 2 * counts[token.norm])
                and joined(other.text) != joined(token.text)
                and is_near_miss(token.text, other.text, self.min_length)
            ):
                return other, True
        return None


class _Shapes:
    """Names by first letter and length, so a name is compared only with those it could
    nearly spell (``is_near_miss`` needs the same first letter and at most two edits):
    a book-length file with thousands of names no longer compares every pair."""

    def __init__(self, names: dict[str, Token]) -> None:
        self._buckets: dict[tuple[str, int], list[tuple[int, str, Token]]] = {}
        for index, (norm, token) in enumerate(names.items()):
            word = joined(token.text)
            if word:
                self._buckets.setdefault((word[0], len(word)), []).append((index, norm, token))

    def near(self, text: str) -> list[tuple[str, Token]]:
        """The names that could be a near miss of ``text``, in their first-seen order."""
        word = joined(text)
        if not word:
            return []
        found = [
            entry
            for length in range(len(word) - 2, len(word) + 3)
            for entry in self._buckets.get((word[0], length), ())
        ]
        return [(norm, token) for _, norm, token in sorted(found, key=lambda e: e[0])]
