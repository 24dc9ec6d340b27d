"""Kind ``qualifier``: the same number with a different qualifier ("more than 4,000" -> "4,000")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rewritelint.kinds import Kind, register_kind
from rewritelint.model import Token

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule

QUALIFIERS = {
    ("more", "than"): "more than",
    ("over",): "more than",
    ("above",): "more than",
    ("upwards", "of"): "more than",
    ("at", "least"): "at least",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("about",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("approximately",): "about",
    ("some",): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("up", "to"): "up to",
    ("fewer", "than"): "less than",
    ("less", "than"): "less than",
    ("under",): "less than",
    ("at", "most"): "up to",
}
"""Words before a number that bound or approximate it, grouped by meaning so that
"over 200" and "more than 200" are the same claim."""


def qualifiers(tokens: Sequence[Token]) -> dict[str, tuple[str, Token, int]]:
    """Number value -> (qualifier meaning or "", number token, start of the phrase)."""
    found: dict[str, tuple[str, Token, int]] = {}
    for k, token in enumerate(tokens):
        if token.kind != "number" or token.value is None or token.value in found:
            continue
        meaning, start = "", token.start
        for words, name in QUALIFIERS.items():
            n = len(words)
            if k >= n and tuple(t.norm for t in tokens[k - n : k]) == words:
                meaning, start = name, tokens[k - n].start
                break
        found[token.value] = (meaning, token, start)
    return found


@register_kind
@dataclass(frozen=True)
class Qualifier(Kind):
    """Fires when a number appears on both sides of an alignment with a different
    qualifier: "more than 4,000" -> "4,000" states a bound as an exact count, "nearly
    200" -> "200" drops an approximation."""

    name = "qualifier"
    summary = "a number's qualifier (more than, nearly, about) changed or dropped"
    cross_version = True
    placeholders = frozenset(["reference", "rewrite"])

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        seen: set[int] = set()
        for edit in ctx.edits:
            if edit.alignment in seen:
                continue
            seen.add(edit.alignment)
            reference_tokens, rewrite_tokens = ctx.sides(edit.alignment)
            ref, rew = qualifiers(reference_tokens), qualifiers(rewrite_tokens)
            for value, (meaning, token, start) in rew.items():
                if value not in ref or ref[value][0] == meaning:
                    continue
                _old_meaning, old_token, old_start = ref[value]
                text = ctx.rewrite.document.text
                ref_text = ctx.reference.document.text
                ctx.report(
                    rule,
                    (start, token.end),
                    {
                        "reference": ref_text[old_start : old_token.end],
                        "rewrite": text[start : token.end],
                    },
                    reference_span=(old_start, old_token.end),
                    alignment=edit.alignment,
                )
