"""Kind ``substitution``: a known wrong phrase with its correct form (eggcorns, set phrases)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rewritelint.caches import bounded
from rewritelint.kinds import Kind, Where, expect_type, register_kind

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule


@register_kind
@dataclass(frozen=True)
class Substitution(Kind):
    """Fires on each phrase of ``swaps`` found in the rewrite, suggesting its
    replacement. Matching ignores case and treats any run of spaces as one space.
    """

    name = "substitution"
    summary = "a known wrong phrase, with the phrase it should be"
    placeholders = frozenset(["match", "suggestion"])

    swaps: tuple[tuple[str, str], ...] = field(
        default=(), metadata={"convert": lambda v, k, w: _swaps(v, k, w)}
    )
    """Mapping of wrong phrase -> right phrase."""

    def run(self, rule: Rule, ctx: Context) -> None:
        suggestions = _suggestions(self.swaps)
        for match in _compile(self.swaps).finditer(ctx.rewrite.document.text):
            suggestion = suggestions.get(_key(match.group())) or _lookup(self.swaps, match.group())
            ctx.report(rule, match.span(), {"match": match.group(), "suggestion": suggestion})


def _lookup(swaps: tuple[tuple[str, str], ...], found: str) -> str:
    """The suggestion for a match whose case folding differs from the regex engine's
    ("mİne" matches "mine" case-insensitively but casefolds to "mi̇ne")."""
    for wrong, right in swaps:
        pattern = r"\s+".join(map(re.escape, wrong.split()))
        if re.fullmatch(pattern, found, re.IGNORECASE):
            return right
    return ""


def _key(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


@bounded(maxsize=64)
def _suggestions(swaps: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each wrong phrase's key -> its correction: built once per rule, not per document."""
    return {_key(w): r for w, r in swaps}


@bounded(maxsize=64)
def _compile(swaps: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One alternation of every wrong phrase, longest first, on word boundaries.
    Built from escaped literals only, so it cannot backtrack badly."""
    phrases = sorted({_key(w) for w, _ in swaps}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _swaps(value: Any, key: str, where: Where) -> tuple[tuple[str, str], ...]:
    """YAML ``{wrong phrase: right phrase}`` -> sorted pairs (hashable, stable)."""
    expect_type(value, dict, key, where)
    if not value:
        raise where.error(key, "'swaps' is empty")
    for wrong, right in value.items():
        if not isinstance(wrong, str) or not isinstance(right, str) or not wrong.strip():
            raise where.error(key, f"swap {wrong!r}: {right!r} must map text to text")
    return tuple(sorted(value.items()))
