"""Kind ``unit``: one number counting something else ("30 days" -> "30 years").

The number rules compare values, so "30 days" and "30 years" look alike to them: the
value did not change, the fact did. This kind reads the word a number counts in
(``rewritelint.facts.unit_family``) on both sides of a replace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rewritelint.diff import token_at
from rewritelint.facts import unit_family
from rewritelint.kinds import Kind, register_kind
from rewritelint.kinds.change import value_of
from rewritelint.model import AnnotatedDocument, Token

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule


@register_kind
@dataclass(frozen=True)
class Unit(Kind):
    """Fires on a unit word replaced by another unit word ("days" -> "years",
    "miles" -> "kilometres") right after a number of the same value on both sides, or
    in a hyphenated compound ("one-year" -> "one-month"): a conversion changes the
    number too and is left to the number rules."""

    name = "unit"
    summary = "a number counting another unit"
    cross_version = True
    placeholders = frozenset(["reference", "rewrite"])

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for edit in ctx.edits:
            if edit.op != "replace" or len(edit.reference) != 1 or len(edit.rewrite) != 1:
                continue
            old, new = edit.reference[0], edit.rewrite[0]
            if old.norm == new.norm or not unit_family(old.norm) or not unit_family(new.norm):
                continue
            if _singular(old.norm) == _singular(new.norm):
                continue  # "1 day" / "1 days": grammar, not a unit
            reference_tokens, rewrite_tokens = ctx.sides(edit.alignment)
            before = _number_before(reference_tokens, old)
            after = _number_before(rewrite_tokens, new)
            if before is None or after is None or value_of(before) != value_of(after):
                continue
            ctx.report(
                rule,
                (after.start, new.end),
                {
                    "reference": _text(ctx.reference, before, old),
                    "rewrite": _text(ctx.rewrite, after, new),
                },
                reference_span=(before.start, old.end),
                alignment=edit.alignment,
            )


def _number_before(tokens: Sequence[Token], unit: Token) -> Token | None:
    """The number token right before a unit word ("30 days"), or None."""
    index = token_at(tokens, unit) or 0
    if index > 1 and tokens[index - 1].norm == "-":  # "one-year", "30-day"
        index -= 1
    if index and tokens[index - 1].kind == "number":
        return tokens[index - 1]
    return None


def _singular(word: str) -> str:
    if word in ("feet", "foot"):
        return "foot"
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word.removesuffix("s")


def _text(document: AnnotatedDocument, number: Token, unit: Token) -> str:
    """The quantity as written ("30 days", "one-year")."""
    return document.document.text[number.start : unit.end]
