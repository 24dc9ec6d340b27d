"""Kind ``cue``: a negation or hedge word added or dropped between aligned passages.

Cues are counted on each side of an alignment, so reordering ("did not" moved in the
sentence) or swapping one cue for another ("no longer" for "not any more") is not
drift; only a net gain or loss is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from rewritelint.diff import unchanged_around
from rewritelint.kinds import Kind, edit_spans, register_kind
from rewritelint.kinds.change import TokenClass, token_class
from rewritelint.kinds.spelling import is_known
from rewritelint.lexicon import antonyms, negated_by_prefix

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Edit, Rule

Direction = Literal["both", "added", "dropped"]
DIRECTIONS: tuple[str, ...] = get_args(Direction)


@register_kind
@dataclass(frozen=True)
class Cue(Kind):
    """Fires when an aligned rewrite passage has more (``added``) or fewer (``dropped``)
    cue words of class ``tokens`` than its reference, at the edit that made the
    difference."""

    name = "cue"
    summary = "a negation or hedge word added or dropped"
    cross_version = True
    placeholders = frozenset(["cue", "change", "reference", "rewrite"])

    tokens: TokenClass = "negation"
    """The cue class: negation or hedge."""
    direction: Direction = "both"
    """Which changes fire: both, added (the rewrite gained a cue) or dropped."""
    max_words: int = 4
    """Edits longer than this many words on the cue's side are not cue changes but a
    clause cut or added (the omission and addition rules show those)."""

    context: int = 0
    """If more than 0: an edit needs this many unchanged words around it (before and
    after together) to count: a "not" added to a sentence otherwise the same, not a
    sentence said another way ("declined to comment" for "had no comment")."""

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        balance = self._balance(ctx)
        for edit in ctx.edits:
            if self.context and unchanged_around(*ctx.sides(edit.alignment), edit) < self.context:
                continue
            old = [t for t in edit.reference if token_class(t) == self.tokens]
            new = [t for t in edit.rewrite if token_class(t) == self.tokens]
            if len(old) == len(new):
                continue
            added = len(new) > len(old)
            if self.tokens == "negation" and _litotes(edit):
                continue  # "an easy one" -> "not difficult": two flips, one polarity
            side = edit.rewrite if added else edit.reference
            if sum(t.kind not in ("punct", "quote") for t in side) > self.max_words:
                continue
            net = balance[self._paragraph(ctx, edit.alignment)]
            if net == 0 or (net > 0) != added:
                continue
            if self.direction != "both" and (self.direction == "added") != added:
                continue
            cue = (new if added else old)[0].text
            span, reference_span = edit_spans(ctx, edit)
            ctx.report(
                rule,
                span,
                {
                    "cue": cue,
                    "change": "added" if added else "removed",
                    "reference": " ".join(t.text for t in edit.reference) or "—",
                    "rewrite": " ".join(t.text for t in edit.rewrite) or "—",
                },
                reference_span=reference_span,
                alignment=edit.alignment,
            )

    @staticmethod
    def _paragraph(ctx: Context, alignment: int) -> int:
        return ctx.rewrite.passages[ctx.alignments[alignment].rewrite[0]].paragraph

    def _balance(self, ctx: Context) -> dict[int, int]:
        """Cues gained (positive) or lost per rewrite paragraph, over the short edits
        only: counting per paragraph, not per sentence, keeps a sentence boundary moved by
        a rewrite from looking like a lost cue, and a clause cut whole (its cue with it)
        does not make a nearby one-word edit look like a flipped polarity."""
        balance: dict[int, int] = {}
        for edit in ctx.edits:
            old = sum(token_class(t) == self.tokens for t in edit.reference)
            new = sum(token_class(t) == self.tokens for t in edit.rewrite)
            side = edit.rewrite if new > old else edit.reference
            if old == new or sum(t.kind not in ("punct", "quote") for t in side) > self.max_words:
                continue
            key = self._paragraph(ctx, edit.alignment)
            balance[key] = balance.get(key, 0) + new - old
        return balance


def _litotes(edit: Edit) -> bool:
    """Does the edit also replace a word by its opposite ("easy" -> "not difficult",
    "unknown" -> "not known"), or put a word that carries its own negation on what the
    negation negated ("not known" -> "unknown", "without injury" -> "uninjured")? Either
    way the polarity is kept."""
    old = [t.norm for t in edit.reference if t.kind == "word"]
    new = [t.norm for t in edit.rewrite if t.kind == "word"]
    if any(antonyms(a, b) or negated_by_prefix(a, b) for a in old for b in new if a != b):
        return True
    old_cues = sum(token_class(t) == "negation" for t in edit.reference)
    new_cues = sum(token_class(t) == "negation" for t in edit.rewrite)
    plain, other = (old, new) if old_cues < new_cues else (new, old)
    for word in plain:
        base = _negated_base(word)
        # The base must be what the negation negated: "not known" / "unknown",
        # "without injury" / "uninjured"; not "did not find" / "uncovered".
        if base and word not in other and any(w[:5] == base[:5] for w in other):
            return True
    return False


_SELF_NEGATING = ("non-", "non", "un")
_NEGATED_BASE_ENDINGS = (
    "ed", "en", "wn", "able", "ible", "al", "ive", "ous", "ful", "ic", "ent", "ant",
)  # fmt: skip


def _negated_base(word: str) -> str:
    """The known word under an "un-" or "non-" ("unknown" -> "known", "non-violent" ->
    "violent"), or "" when there is none: the base must be a dictionary word, so
    "united" and "universal" are not read as "un-" words.

    >>> _negated_base("unknown"), _negated_base("non-violent"), _negated_base("united")
    ('known', 'violent', '')
    """
    for prefix in _SELF_NEGATING:
        if word.startswith(prefix):
            base = word[len(prefix) :]
            known = len(base) >= 4 and base.endswith(_NEGATED_BASE_ENDINGS) and is_known(base)
            return base if known else ""
    return ""
