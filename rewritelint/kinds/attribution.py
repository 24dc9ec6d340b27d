"""Kind ``attribution``: who said it changed, or the reporting clause was dropped.

A reporting clause is a reporting verb ("said", "told", "according to") with the names
next to it ("the State Department said", "said Khalilzad"). Pronouns and titles are
not compared ("he said" for "Khalilzad said" is honest rewriting); names are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rewritelint.diff import side_tokens
from rewritelint.kinds import Kind, Where, register_kind
from rewritelint.model import Token

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.ruleset import Rule

WINDOW = 5
"""How many tokens either side of the verb may hold the speaker."""
MODES = ("changed", "dropped")


def speakers(tokens: Sequence[Token]) -> tuple[set[str], list[Token]]:
    """Names in the reporting clauses of a passage, and the reporting verbs found.

    Names are collected from the tokens next to each verb, up to a punctuation mark or
    quotation mark, ``WINDOW`` tokens either way.
    """
    names: set[str] = set()
    verbs = [k for k, t in enumerate(tokens) if "reporting" in t.tags]
    for k in verbs:
        for step in (-1, 1):
            i = k + step
            while 0 <= i < len(tokens) and abs(i - k) <= WINDOW:
                t = tokens[i]
                if t.kind in ("punct", "quote") or "quoted" in t.tags:
                    break
                if "name" in t.tags and not (t.text.isupper() and len(t.text) <= 3):
                    names.add(t.norm)
                i += step
    return names, [tokens[k] for k in verbs]


@register_kind
@dataclass(frozen=True)
class Attribution(Kind):
    """``mode: changed`` fires when both aligned passages attribute their words to named
    sources and the names have nothing in common; ``mode: dropped`` fires when the
    reference names a source and the aligned rewrite has no reporting clause at all."""

    name = "attribution"
    summary = "the source a passage is attributed to changed or was dropped"
    cross_version = True
    placeholders = frozenset(["reference", "rewrite"])

    mode: str = "changed"
    """``changed`` or ``dropped``."""

    @classmethod
    def convert(cls, key: str, value: Any, where: Where) -> Any:
        if key == "mode" and value not in MODES:
            raise where.error(key, f"'mode' must be one of {', '.join(MODES)}")
        return value

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for index, pair in enumerate(ctx.alignments):
            if not pair.reference or not pair.rewrite or pair.score >= 0.999:
                continue
            ref_tokens = side_tokens(ctx.reference, pair.reference)
            rew_tokens = side_tokens(ctx.rewrite, pair.rewrite)
            old, old_verbs = speakers(ref_tokens)
            if not old:
                continue
            new, new_verbs = speakers(rew_tokens)
            if self.mode == "dropped" and not new_verbs:
                start, end = rew_tokens[0].start, rew_tokens[-1].end
                verb = old_verbs[0]
                ctx.report(
                    rule,
                    (start, end),
                    {"reference": _clause(ref_tokens, verb), "rewrite": ""},
                    reference_span=(verb.start, verb.end),
                    alignment=index,
                )
            elif self.mode == "changed" and new and not (old & new):
                if any(t.norm in old for t in rew_tokens):
                    continue  # the old source is still named in the passage
                verb = new_verbs[0]
                ctx.report(
                    rule,
                    _names_span(rew_tokens, new),
                    {
                        "reference": ", ".join(sorted(_texts(ref_tokens, old))),
                        "rewrite": ", ".join(sorted(_texts(rew_tokens, new))),
                    },
                    reference_span=_names_span(ref_tokens, old),
                    alignment=index,
                )


def _texts(tokens: Sequence[Token], norms: set[str]) -> set[str]:
    return {t.text for t in tokens if t.norm in norms}


def _names_span(tokens: Sequence[Token], norms: set[str]) -> tuple[int, int]:
    chosen = [t for t in tokens if t.norm in norms and "name" in t.tags and "quoted" not in t.tags]
    return chosen[0].start, chosen[-1].end


def _clause(tokens: Sequence[Token], verb: Token) -> str:
    """The words around a reporting verb, for the message."""
    k = tokens.index(verb)
    lo, hi = max(k - 3, 0), min(k + 4, len(tokens))
    return " ".join(t.text for t in tokens[lo:hi] if t.kind not in ("quote",))
