"""Kind ``flip``: a word replaced by its opposite ("confirmed" -> "denied")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rewritelint.kinds import Kind, Where, expect_type, register_kind

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule


@register_kind
@dataclass(frozen=True)
class Flip(Kind):
    """Fires on a one-word replace between aligned passages whose two words are listed
    as opposites in ``pairs`` (either direction)."""

    name = "flip"
    summary = "a word replaced by its opposite"
    cross_version = True
    placeholders = frozenset(["reference", "rewrite"])

    pairs: frozenset[tuple[str, str]] = field(
        default=frozenset(), metadata={"convert": lambda v, k, w: _pairs(v, k, w)}
    )
    """Opposite word forms, as a list of two-word lists: [confirmed, denied]."""

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for edit in ctx.edits:
            if edit.op != "replace" or len(edit.reference) != 1 or len(edit.rewrite) != 1:
                continue
            old, new = edit.reference[0], edit.rewrite[0]
            if (old.norm, new.norm) in self.pairs:
                ctx.report_replaced(rule, old, new, edit.alignment)


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
