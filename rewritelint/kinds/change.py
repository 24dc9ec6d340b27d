"""Kinds ``change`` and ``unmatched``: values of a token class compared across aligned passages.

``change`` fires when a replaced stretch carries a value of the class on both sides and
the values differ ("nine" -> "five", "Tuesday" -> "Wednesday"). ``unmatched`` fires on a
value the rewrite adds with no counterpart in the aligned reference passage (the "34" of
"five of the country's 34 provincial capitals"). Both compare values, not spellings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from rewritelint.caches import bounded
from rewritelint.diff import token_at, unchanged_around
from rewritelint.entities import key, name_run, same_entity
from rewritelint.facts import same_instant, zone_after
from rewritelint.kinds import Kind, register_kind
from rewritelint.model import Edit, Token
from rewritelint.vocabulary import same_word

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule

TokenClass = Literal[
    "number", "year", "day", "time", "weekday", "month", "name", "negation", "hedge"
]
"""The token classes a rule can compare (``tokens:``)."""
TOKEN_CLASSES = frozenset(get_args(TokenClass))
Condition = Literal["moved", "near-miss", "same-entity"]
"""When a change is not reported (``unless:``)."""
CONDITIONS = frozenset(get_args(Condition))


def token_class(token: Token) -> str | None:
    """The class a ``tokens:`` key selects on: the token's kind or one of its tags."""
    if token.kind in ("number", "year", "day", "time"):
        return token.kind
    for tag in ("weekday", "month", "negation", "hedge", "name"):
        if tag in token.tags:
            return tag
    return None


def value_of(token: Token) -> str:
    """The compared value: the canonical value where annotate gave one, else the norm
    without a possessive ending ("US's" and "US" are one name)."""
    if token.value:
        return token.value
    return token.norm.removesuffix("'s").removesuffix("'")


def unit(value: str) -> str:
    """What a value counts: money ("$"), a share ("%") or things. A percentage is never
    compared with an amount of money: they are different facts, not one changed value.

    >>> unit("$4000000"), unit("95%"), unit("9"), unit("tuesday")
    ('$', '%', '', '')
    """
    if value[:1] in "$£€¥":
        return value[0]
    if value.endswith("th") and value[:1].isdigit():
        return "th"  # a rank ("27th") is not a count ("27")
    return "%" if value.endswith("%") else ""


def _words(tokens: Iterable[Token]) -> int:
    return sum(1 for t in tokens if t.kind not in ("punct", "quote"))


@bounded(maxsize=1 << 14)
def joined(text: str) -> str:
    """A name with spaces, hyphens, case and accents removed: "Lashkar Gah" ==
    "Lashkargah", "Chrétien" == "Chretien"."""
    return "".join(ch for ch in key(text) if ch.isalnum())


@dataclass(frozen=True)
class _Classes(Kind):
    cross_version = True

    tokens: tuple[TokenClass, ...] = ("number",)
    """Token classes compared: number, year, day, time, weekday, month, name,
    negation or hedge (one or a list)."""
    max_words: int = 0
    """If more than 0: ignore replaced stretches longer than this many words on either
    side (a rewritten clause, not a substituted value)."""

    def select(self, tokens: Iterable[Token]) -> list[Token]:
        return [t for t in tokens if token_class(t) in self.tokens and "idiom" not in t.tags]

    context: int = 0
    """If more than 0: ignore replaced stretches with fewer than this many unchanged
    words around them (before and after together): a value swapped in a sentence that
    is otherwise the same, not a sentence said in other words."""

    def pairs(self, ctx: Context, edit: Edit) -> Iterator[tuple[Token | None, Token | None]]:
        """Values of a replaced stretch paired in order; leftovers paired with None."""
        if self.max_words and max(_words(edit.reference), _words(edit.rewrite)) > self.max_words:
            return
        if self.context and unchanged_around(*ctx.sides(edit.alignment), edit) < self.context:
            return
        before, after = self.select(edit.reference), self.select(edit.rewrite)
        for k in range(max(len(before), len(after))):
            yield (before[k] if k < len(before) else None, after[k] if k < len(after) else None)

    def values(self, ctx: Context, edit: Edit) -> tuple[Counter[str], Counter[str]]:
        """How often each value of the selected classes occurs on each side of the
        edit's alignment."""
        reference_tokens, rewrite_tokens = ctx.sides(edit.alignment)
        return (
            Counter(map(value_of, self._countable(reference_tokens))),
            Counter(map(value_of, self._countable(rewrite_tokens))),
        )

    def _countable(self, tokens: Iterable[Token]) -> list[Token]:
        """Tokens counted when deciding whether values only moved; for names, every
        capitalised word counts (a name that starts a sentence is not tagged a name)."""
        if "name" not in self.tokens:
            return self.select(tokens)
        return [t for t in tokens if token_class(t) in self.tokens or t.text[:1].isupper()]


@register_kind
@dataclass(frozen=True)
class Change(_Classes):
    """Fires on a word-level replace whose both sides carry a token of the classes in
    ``tokens`` with different values ("nine" -> "five"). Values, not spellings, are
    compared: "nine" and "9" are the same number. Tokens are paired in order inside the
    replaced stretch; only values of the same unit are compared (money with money).
    """

    name = "change"
    summary = "a value of one token class replaced by a different value"
    placeholders = frozenset(["reference", "rewrite"])

    unless: tuple[Condition, ...] = ("moved",)
    """Conditions that silence the rule: ``moved`` = the aligned passages hold each of
    the two values as often as each other (the words were reordered, not changed:
    "kills 1, wounds 2" -> "kills 2, wounds 2" still fires); ``near-miss`` = the two
    values are spellings of one name (left to the name-misspelt rule) or one name with
    spaces removed; ``same-entity`` = the two names, read with the name runs they stand
    in, can be one entity: an alias ("UK"/"Britain"), an acronym and its expansion, a
    surname and the full name (``rewritelint.entities``)."""

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for edit in ctx.edits:
            if edit.op != "replace":
                continue
            ref_values: Counter[str] | None = None
            for old, new in self.pairs(ctx, edit):
                if old is None or new is None:
                    continue
                old_value, new_value = value_of(old), value_of(new)
                if old_value == new_value or unit(old_value) != unit(new_value):
                    continue
                if token_class(old) != token_class(new):
                    continue
                if "near-miss" in self.unless and (
                    is_near_miss(old.text, new.text) or same_stem(old.text, new.text)
                ):
                    continue
                if "same-entity" in self.unless and _one_entity(ctx, old, new):
                    continue
                if token_class(old) == "time" and _one_instant(ctx, old, new):
                    continue
                if "moved" in self.unless:
                    if ref_values is None:
                        ref_values, rew_values = self.values(ctx, edit)
                    if (
                        rew_values[old_value] >= ref_values[old_value]
                        and ref_values[new_value] >= rew_values[new_value]
                    ):
                        continue
                ctx.report_replaced(rule, old, new, edit.alignment)


def _one_instant(ctx: Context, old: Token, new: Token) -> bool:
    """Are two clock times, each with its zone, one instant ("6 p.m. GMT"/"2 p.m. EDT")?"""
    assert ctx.reference is not None
    old_zone = zone_after(ctx.reference.tokens[old.passage], old)
    new_zone = zone_after(ctx.rewrite.tokens[new.passage], new)
    return same_instant(value_of(old), old_zone, value_of(new), new_zone)


def _one_entity(ctx: Context, old: Token, new: Token) -> bool:
    """Are a replaced name and its replacement one entity, read in their name runs?"""
    assert ctx.reference is not None
    old_run = name_run(ctx.reference.tokens[old.passage], old)
    new_run = name_run(ctx.rewrite.tokens[new.passage], new)
    return (
        same_entity(old_run, new_run, ctx.aliases)
        or same_entity(old.text, new.text, ctx.aliases)
        or (old_run == old.text and _described(ctx, old, new))
    )


def _described(ctx: Context, old: Token, new: Token) -> bool:
    """Does the reference name only describe a common noun ("the Korean company", "the
    Dallas pastor", "the Jewish state") that the rewrite calls by a name ("Hyundai",
    "Dr. Evans", "Israel")? The reference has a determiner, the name and a lower-case
    word; the rewrite's name has no determiner. A name swapped inside the same words
    ("the Korean company" -> "the Japanese company", "an American who" -> "a British
    man who") still differs."""
    assert ctx.reference is not None
    ref_tokens = ctx.reference.tokens[old.passage]
    noun = _neighbour(ref_tokens, old, 1)
    determiner = _neighbour(ref_tokens, old, -1)
    if noun is None or not noun.text[:1].islower():
        return False
    if determiner is None or determiner.norm not in _DETERMINERS:
        return False
    rew_tokens = ctx.rewrite.tokens[new.passage]
    before_new = _neighbour(rew_tokens, new, -1)
    if before_new is not None and before_new.norm in _DETERMINERS:
        return False
    after_new = _neighbour(rew_tokens, new, 1)  # "German police": a description still
    return after_new is None or not after_new.text[:1].islower() or after_new.norm in _FUNCTION


_DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "this"])
_FUNCTION = frozenset(
    """with and or of in on at to for from by as who which whose that is was has had
    have said says would will could can""".split()
)
"""Words after a name that leave it standing alone ("Hyundai, the executive said",
"Dr. Evans with helping"); any other lower-case word makes it describe a noun."""


def _neighbour(tokens: Sequence[Token], token: Token, step: int) -> Token | None:
    """The token ``step`` places from ``token`` in its passage, if it is a word."""
    index = token_at(tokens, token)
    if index is None or not 0 <= index + step < len(tokens):
        return None
    other = tokens[index + step]
    return other if other.kind == "word" else None


@register_kind
@dataclass(frozen=True)
class Unmatched(_Classes):
    """Fires on a value of the classes in ``tokens`` that the rewrite inserts into an
    aligned passage with no counterpart there: not paired with a reference value in its
    edit, and its value nowhere in the aligned reference passage.
    """

    name = "unmatched"
    summary = "a value the rewrite adds with no counterpart in the aligned reference"
    placeholders = frozenset(["rewrite"])

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for edit in ctx.edits:
            if edit.op == "delete":
                continue
            lonely = [new for old, new in self.pairs(ctx, edit) if old is None and new]
            if not lonely:
                continue
            ref_values, _ = self.values(ctx, edit)
            for new in lonely:
                if new.text.isalpha() and (new.norm == "#1" or unit(value_of(new)) == "th"):
                    continue  # "one" is as often an article as a count; "second" a rank
                if value_of(new) not in ref_values:
                    ctx.report(
                        rule, (new.start, new.end), {"rewrite": new.text}, alignment=edit.alignment
                    )


_ENDINGS = frozenset(
    "s es ic ics ian ians an ans ese ish i is ist ists ism ite ites al als n ns r rs er ers "
    "ed ing y ies ia ias ican icans o os".split()
)


def _inflected(x: str, y: str) -> bool:
    """Do two words differ only in their endings ("democrats"/"democratic",
    "party"/"parties")? Then they are forms of one word, not a misspelling."""
    k = 0
    while k < min(len(x), len(y)) and x[k] == y[k]:
        k += 1
    tails = (x[k:], y[k:])
    return k >= 4 and all(t == "" or t in _ENDINGS for t in tails)


def same_stem(a: str, b: str) -> bool:
    """One name is the other plus an ending: "Afghan"/"Afghans", "Syria"/"Syrian".

    >>> same_stem("Afghan", "Afghans"), same_stem("Blinken", "Khalilzad")
    (True, False)
    """
    x, y = joined(a), joined(b)
    return bool(x) and bool(y) and (x.startswith(y) or y.startswith(x))


def is_near_miss(a: str, b: str, min_length: int = 5) -> bool:
    """Are two names spellings of one name: equal without spaces and case, or a small
    edit apart relative to their length ("Khalilzad"/"Khalizad"), but not a plural or
    possessive of each other ("Afghan"/"Afghans")?

    >>> is_near_miss("Khalilzad", "Khalizad"), is_near_miss("Lashkar Gah", "Lashkargah")
    (True, True)
    >>> is_near_miss("Iran", "Iraq"), is_near_miss("Afghan", "Afghans")
    (False, False)
    >>> is_near_miss("Organisation", "Organization"), is_near_miss("ASEAN", "Asian")
    (False, False)
    """
    x, y = joined(a), joined(b)
    if x == y:
        return True
    if a.isupper() != b.isupper() or same_word(x, y):
        return False  # "ASEAN"/"Asian" are two words; "Centre"/"Center" one word, two spellings
    if min(len(x), len(y)) < min_length or x[0] != y[0] or same_stem(a, b) or _inflected(x, y):
        return False
    shorter = min(x, y, key=len)
    from rapidfuzz.distance import DamerauLevenshtein

    distance = DamerauLevenshtein.distance(x, y)
    return distance <= (1 if len(shorter) < 10 else 2)
