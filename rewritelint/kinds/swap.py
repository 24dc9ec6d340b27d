"""Kind ``swap``: two names or values that changed places, and so changed roles.

"Smith beat Jones" -> "Jones beat Smith" changes no word, only who did what to whom;
"1 killed, 2 wounded" -> "2 killed, 1 wounded" changes no number, only which count is
which. The ``change`` kind cannot see either (every value is still there: it reads them
as moved). A moved word is fine, a moved role is not: this kind tells them apart.

Two terms A and B (of the classes in ``tokens``, each once in both aligned passages)
have *swapped* when their order is reversed and each now stands in the other's slot
(it has the neighbours the other had). That is a list reordered, not a role changed,
when the two are conjuncts ("Israel and Hamas" -> "Hamas and Israel") or when each
kept one of its own neighbours (it moved with its phrase: "three civilians and four
attackers" -> "four attackers and three civilians").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rewritelint.kinds import Kind, register_kind
from rewritelint.kinds.change import TokenClass, token_class, value_of
from rewritelint.model import Token

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule

_COORDINATORS = frozenset(["and", "or", "nor", ",", "&", "versus", "vs", "as", "well", "/", "-"])
"""Tokens that may stand between two conjuncts ("A and B", "A, B", "A as well as B")."""
_STARTERS = frozenset(
    """the a an in on at by for from with as but and or so yet if when while after before
    he she it they we you i his her its their our this that these those there here what
    who which mr mrs ms dr""".split()
)
"""Capitalised words that start sentences and are no names."""


@register_kind
@dataclass(frozen=True)
class Swap(Kind):
    """Fires on two terms of the classes in ``tokens`` that exchanged their places in
    an aligned passage, each taking the other's neighbours (a role changed), unless
    they are conjuncts or each moved with its own phrase (a list reordered)."""

    name = "swap"
    summary = "two names or values that changed places (and roles)"
    cross_version = True
    placeholders = frozenset(["first", "second"])

    tokens: tuple[TokenClass, ...] = ("name",)
    """Token classes whose terms are compared: name, number, ... (one or a list)."""

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        seen = {edit.alignment for edit in ctx.edits}
        for index in sorted(seen):
            reference_tokens, rewrite_tokens = ctx.sides(index)
            before, after = _words(reference_tokens), _words(rewrite_tokens)
            for (a_ref, b_ref), (a_new, b_new) in self._swaps(before, after):
                ctx.report(
                    rule,
                    (after[b_new].start, after[a_new].end)
                    if b_new < a_new
                    else (after[a_new].start, after[b_new].end),
                    {"first": before[a_ref].text, "second": before[b_ref].text},
                    reference_span=(before[a_ref].start, before[b_ref].end),
                    alignment=index,
                    marks=[_span(after[a_new]), _span(after[b_new])],
                    reference_marks=[_span(before[a_ref]), _span(before[b_ref])],
                )

    def _swaps(
        self, before: Sequence[Token], after: Sequence[Token]
    ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Index pairs (reference a < b, rewrite positions of a and b) of swapped terms."""
        terms_before = self._terms(before)
        terms_after = self._terms(after)
        common = [v for v in terms_before if v in terms_after]
        found = []
        for i, a in enumerate(common):
            for b in common[i + 1 :]:
                ra, rb = terms_before[a], terms_before[b]
                if ra > rb:
                    ra, rb = rb, ra
                    a, b = b, a
                na, nb = terms_after[a], terms_after[b]
                if na < nb:
                    continue  # same order: nothing swapped
                if not (_took_slot(before, rb, after, na) and _took_slot(before, ra, after, nb)):
                    continue
                if _conjuncts(before, ra, rb) or _conjuncts(after, nb, na):
                    continue
                if _kept_neighbour(before, ra, after, na) and _kept_neighbour(
                    before, rb, after, nb
                ):
                    continue
                found.append(((ra, rb), (na, nb)))
        return found

    def _terms(self, words: Sequence[Token]) -> dict[str, int]:
        """Value -> position of each selected term that occurs exactly once."""
        values = [value_of(t) if self._selects(t) else None for t in words]
        counts = Counter(v for v in values if v)
        return {v: i for i, v in enumerate(values) if v and counts[v] == 1}

    def _selects(self, token: Token) -> bool:
        """A term of the selected classes; for names, any capitalised word but a
        sentence's usual first words (a name that starts a sentence has no name tag)."""
        if "idiom" in token.tags:
            return False
        if token_class(token) in self.tokens:
            return True
        return (
            "name" in self.tokens
            and token.kind == "word"
            and token.text[:1].isupper()
            and token_class(token) is None
            and token.norm not in _STARTERS
        )


def _words(tokens: Sequence[Token]) -> list[Token]:
    """Tokens without quotation marks (a quote mark is no neighbour)."""
    return [t for t in tokens if t.kind != "quote"]


def _span(token: Token) -> tuple[int, int]:
    return (token.start, token.end)


def _neighbours(words: Sequence[Token], i: int) -> tuple[str, str]:
    left = words[i - 1].norm if i > 0 else ""
    right = words[i + 1].norm if i + 1 < len(words) else ""
    return left, right


def _took_slot(before: Sequence[Token], old: int, after: Sequence[Token], new: int) -> bool:
    """Does the term now at ``after[new]`` have both neighbours the term at
    ``before[old]`` had?"""
    return _neighbours(before, old) == _neighbours(after, new)


def _kept_neighbour(before: Sequence[Token], old: int, after: Sequence[Token], new: int) -> bool:
    """Did the term keep a neighbour of its own that is a word (moved with its phrase)?"""
    (l1, r1), (l2, r2) = _neighbours(before, old), _neighbours(after, new)
    return (l1 == l2 and l1.isalnum()) or (r1 == r2 and r1.isalnum())


def _conjuncts(words: Sequence[Token], a: int, b: int) -> bool:
    """Only coordinators stand between positions a < b ("Israel and Hamas")."""
    between = words[a + 1 : b]
    return bool(between) and len(between) <= 4 and all(t.norm in _COORDINATORS for t in between)
