"""Kind ``change``: a token of one class replaced by a different value between aligned passages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rewritelint.diff import side_tokens
from rewritelint.kinds import Kind, Where, expect_type, register_kind
from rewritelint.model import Token

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.ruleset import Rule

TOKEN_CLASSES = frozenset(["number", "year", "weekday", "month", "name", "negation"])
CONDITIONS = frozenset(["moved"])


def token_class(token: Token) -> str | None:
    """The class a ``tokens:`` key selects on: the token's kind or one of its tags."""
    if token.kind in ("number", "year"):
        return token.kind
    for tag in ("weekday", "month", "negation", "name"):
        if tag in token.tags:
            return tag
    return None


@register_kind
@dataclass(frozen=True)
class Change(Kind):
    """Fires on a word-level replace whose both sides carry a token of the class
    ``tokens`` with different values ("nine" -> "five"). Values, not spellings, are
    compared: "nine" and "9" are the same number. Tokens of the class are paired in
    order inside the replaced stretch.
    """

    name = "change"
    summary = "a value of one token class replaced by a different value"
    cross_version = True
    placeholders = frozenset(["reference", "rewrite"])

    tokens: str = "number"
    """Token class compared: number, year, weekday, month, name or negation."""
    unless: tuple[str, ...] = ("moved",)
    """Conditions that silence the rule: ``moved`` = the reference value still appears
    elsewhere in the aligned rewrite passage, or the rewrite value in the reference one
    (the words were reordered, not changed)."""

    @classmethod
    def convert(cls, key: str, value: Any, where: Where) -> Any:
        if key == "tokens":
            expect_type(value, str, key, where)
            if value not in TOKEN_CLASSES:
                allowed = ", ".join(sorted(TOKEN_CLASSES))
                raise where.error(
                    key, f"unknown token class {value!r} (expected one of: {allowed})"
                )
            return value
        if key == "unless":
            items = [value] if isinstance(value, str) else expect_type(value, list, key, where)
            for item in items:
                if item not in CONDITIONS:
                    allowed = ", ".join(sorted(CONDITIONS))
                    raise where.error(
                        key, f"unknown condition {item!r} (expected one of: {allowed})"
                    )
            return tuple(items)
        return value

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for edit in ctx.edits:
            if edit.op != "replace":
                continue
            before = self._select(edit.reference)
            after = self._select(edit.rewrite)
            if not before or not after:
                continue
            pair = ctx.alignments[edit.alignment]
            ref_values = {
                t.value or t.norm for t in self._select(side_tokens(ctx.reference, pair.reference))
            }
            rew_values = {
                t.value or t.norm for t in self._select(side_tokens(ctx.rewrite, pair.rewrite))
            }
            for old, new in zip(before, after, strict=False):
                old_value, new_value = old.value or old.norm, new.value or new.norm
                if old_value == new_value or _unit(old_value) != _unit(new_value):
                    continue
                if "moved" in self.unless and (old_value in rew_values or new_value in ref_values):
                    continue
                ctx.report(
                    rule,
                    (new.start, new.end),
                    {"reference": old.text, "rewrite": new.text},
                    reference_span=(old.start, old.end),
                    alignment=edit.alignment,
                )

    def _select(self, tokens: Iterable[Token]) -> list[Token]:
        return [t for t in tokens if token_class(t) == self.tokens and "idiom" not in t.tags]


def _unit(value: str) -> str:
    """What a value counts: money ("$"), a share ("%") or things. A percentage is never
    compared with an amount of money: they are different facts, not one changed value.

    >>> _unit("$4000000"), _unit("95%"), _unit("9"), _unit("tuesday")
    ('$', '%', '', '')
    """
    if value[:1] in "$£€¥":
        return value[0]
    return "%" if value.endswith("%") else ""
