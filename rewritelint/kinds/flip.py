"""Kind ``flip``: a word replaced by its opposite ("confirmed" -> "denied")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rewritelint.kinds import Kind, Where, expect_type, register_kind
from rewritelint.lexicon import antonyms, negated_by_prefix
from rewritelint.model import Token

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule


MAX_WORDS = 3
"""The longest replace read word by word."""


@register_kind
@dataclass(frozen=True)
class Flip(Kind):
    """Fires on a word replaced, between aligned passages, by one listed as its opposite
    in ``pairs`` (either direction) or, with ``lexicon: true``, by a WordNet antonym.
    Only short replaces of equal length are read ("an unconventional" -> "a
    conventional"), word by word."""

    name = "flip"
    summary = "a word replaced by its opposite"
    cross_version = True
    placeholders = frozenset(["reference", "rewrite"])

    pairs: frozenset[tuple[str, str]] = field(
        default=frozenset(), metadata={"convert": lambda v, k, w: _pairs(v, k, w)}
    )
    """Opposite word forms, as a list of two-word lists: [confirmed, denied]."""
    lexicon: bool = False
    """Also the antonyms of WordNet (``rewritelint.lexicon``: "raised"/"lowered",
    "positive"/"negative"), in any inflection, and adjectives negated by a prefix
    ("relatable"/"unrelatable", "named"/"unnamed")."""

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for edit in ctx.edits:
            if edit.op != "replace" or len(edit.reference) != len(edit.rewrite):
                continue
            if len(edit.rewrite) > MAX_WORDS:
                continue  # a rewritten clause, not a word replaced by its opposite
            for old, new in zip(edit.reference, edit.rewrite, strict=True):
                if old.kind == "word" and new.kind == "word" and self.opposite(old, new):
                    ctx.report_replaced(rule, old, new, edit.alignment)

    def opposite(self, old: Token, new: Token) -> bool:
        """Are the two words listed as opposites (or antonyms, with ``lexicon``)?"""
        if (old.norm, new.norm) in self.pairs:
            return True
        return self.lexicon and (
            antonyms(old.norm, new.norm) or negated_by_prefix(old.norm, new.norm)
        )


def _pairs(value: Any, key: str, where: Where) -> frozenset[tuple[str, str]]:
    """YAML ``[[confirmed, denied], ...]`` -> both directions of every pair, casefolded."""
    expect_type(value, list, key, where)
    result: set[tuple[str, str]] = set()
    for item in value:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(w, str) for w in item)
        ):
            raise where.error(key, f"each pair must be a list of two words, not {item!r}")
        a, b = (w.casefold() for w in item)
        result |= {(a, b), (b, a)}
    return frozenset(result)
