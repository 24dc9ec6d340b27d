"""Kind ``spelling``: a lower-case word no dictionary knows, with a likely correction.

Only words that a real dictionary (pyspellchecker's English frequency list) does not
know, that do not appear in the reference, that are not British or American variants
of a known word, and that have a much more common near spelling are reported — so
names, jargon and new coinages stay quiet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rewritelint.caches import bounded
from rewritelint.kinds import Kind, register_kind
from rewritelint.vocabulary import BRITISH_AMERICAN

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule

_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)  # a resource loaded once, not a memo: caches.clear_all keeps it
def _dictionary() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


@bounded(maxsize=1 << 15)
def is_known(word: str) -> bool:
    """Does the dictionary know the word, or its American spelling? (Cached: names and
    common words are asked about in every passage that has them.)"""
    spell = _dictionary()
    if word in spell:
        return True
    return any(uk in word and word.replace(uk, us) in spell for uk, us in BRITISH_AMERICAN)


def _plain(word: str) -> str:
    """The word without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@bounded(maxsize=1 << 12)
def suggestion(word: str, ratio: float) -> str | None:
    """A known spelling one edit away that is ``ratio`` times more frequent, or None."""
    spell = _dictionary()
    candidates = spell.candidates(word)
    if not candidates:
        return None
    # As pyspellchecker's ``correction``: the word with its accents first ("risque" ->
    # "risqué"), then the most frequent; but ties go alphabetically, not by set order,
    # which changes with the hash seed ('nano': 'nan' or 'kano').
    accented = [c for c in candidates if _plain(c) == _plain(word)]
    best = min(accented or candidates, key=lambda c: (-spell.word_usage_frequency(c), c))
    if best == word:
        return None
    frequency = spell.word_usage_frequency(best)
    return best if frequency > 0 and spell.word_usage_frequency(word) * ratio <= frequency else None


@register_kind
@dataclass(frozen=True)
class Spelling(Kind):
    """Fires on a lower-case word of at least ``min_length`` letters that the dictionary
    does not know and that is one edit away from a common word."""

    name = "spelling"
    summary = "a word no dictionary knows, one edit away from a common one"
    placeholders = frozenset(["match", "suggestion"])

    min_length: int = 4
    """Shorter words are not checked."""

    def run(self, rule: Rule, ctx: Context) -> None:
        reference = {t.norm for p in ctx.reference.tokens for t in p} if ctx.reference else set()
        for passage in ctx.rewrite.tokens:
            for token in passage:
                word = token.norm
                if (
                    token.kind != "word"
                    or len(word) < self.min_length
                    or len(word) > 40  # no real word is this long; correcting it is slow
                    or not _WORD.fullmatch(token.text)
                    or word in reference
                ):
                    continue
                if is_known(word):
                    continue
                fix = suggestion(word, 100.0)
                if fix is not None:
                    ctx.report(
                        rule, (token.start, token.end), {"match": token.text, "suggestion": fix}
                    )


_POSSESSIVE = re.compile(
    r"\b(?!(?:The|A|An|This|That|These|Those|Both|All|Two|Three|Many|Some)\b)"
    r"[A-Z][a-z]+\.? ([A-Z][a-z]+s)[’'](?=\s|$)"
)
# A capitalised word, then a capitalised name ending in s and an apostrophe: "Joe Bidens’".


@register_kind
@dataclass(frozen=True)
class Possessive(Kind):
    """Fires on a plural possessive put on one named person: "President Joe Bidens’"
    where the dictionary knows "Biden" but not "Bidens". A surname that itself ends in
    s ("Bernie Sanders’") is a known word and is not flagged; neither is a family
    without a first name ("the Obamas’")."""

    name = "possessive"
    summary = "a plural possessive on one named person"
    placeholders = frozenset(["match", "suggestion"])

    def run(self, rule: Rule, ctx: Context) -> None:
        for match in _POSSESSIVE.finditer(ctx.rewrite.document.text):
            name = match.group(1)
            if is_known(name.casefold()) or not is_known(name[:-1].casefold()):
                continue
            start, end = match.start(1), match.end()
            ctx.report(
                rule,
                (start, end),
                {
                    "match": match.group()[len(match.group()) - (end - start) :],
                    "suggestion": name[:-1] + "’s",
                },
            )
