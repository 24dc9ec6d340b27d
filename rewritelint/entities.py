"""Entities across versions: when two different names are one person, place or body.

Two outlets name one entity in different words all the time: "U.S.", "US", "the United
States" and "American"; "WHO" and "the World Health Organization"; "Jean Chrétien" and
"Chretien"; "Sims-based" and "Sims-centric". None of these is drift, and a name rule that
reads them as a swapped name is the false alarm editors drop a linter for (MRPC
paraphrase pairs: 4% of them carried one). This module decides, from the names' surface
forms and the name runs around them, whether two names can be the same entity; the
alias groups are data a newsroom extends from its style book (``aliases:`` in the
config) without code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rewritelint.caches import bounded
from rewritelint.diff import token_at
from rewritelint.model import Token
from rewritelint.vocabulary import same_word

BUILTIN_ALIASES: tuple[tuple[str, ...], ...] = (
    ("US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America",
     "American", "Americans"),
    ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "British", "Briton", "Britons"),
    ("UN", "U.N.", "United Nations"),
    ("EU", "E.U.", "European Union"),
    ("USSR", "Soviet Union", "Soviet", "Soviets"),
    ("UAE", "United Arab Emirates", "Emirates", "Emirati"),
    ("DPRK", "North Korea", "North Korean"),
    ("ROK", "South Korea", "South Korean"),
    ("PRC", "China", "Chinese"),
    ("GMT", "UTC"),
    ("Pentagon", "Defense Department", "Department of Defense", "DoD"),
    ("St", "Saint"),
    ("Mt", "Mount"),
    ("Ft", "Fort"),
)  # fmt: skip
"""Names that stand for one entity in news copy (country, its people's adjective, its
abbreviations; a ministry and the building it is named by; a place-name word and its
abbreviation). Metonyms ("Washington" for the US government) are left out: the
capital is also a place, and "Washington state" is neither."""

_SMALL_WORDS = frozenset(["of", "for", "the", "and", "de", "del", "al", "el", "la", "on", "in"])
"""Words inside a multi-word name that an acronym skips ("Organization of the
Petroleum Exporting Countries" -> OPEC)."""
_JOINERS = frozenset(["of", "for", "the", "de", "del", "al", "el", "la", "von", "van", "bin"])
"""Small words a multi-word name runs through ("Court of Appeals"); "and" is not one:
"Biden and Putin" are two names."""


@bounded(maxsize=1 << 14)
def key(text: str) -> str:
    """A name's comparison key: accents, case, dots, possessive and spacing removed.

    >>> key("Chrétien"), key("U.S."), key("United  States'"), key("Al-Sadr")
    ('chretien', 'us', 'united states', 'al sadr')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("’", "'").removesuffix("'s").removesuffix("'").replace(".", "")
    return " ".join(plain.replace("-", " ").split())


@dataclass(frozen=True)
class Aliases:
    """Alias groups by key: ``canonical[key(name)]`` is the group's first name's key."""

    canonical: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, groups: Iterable[Sequence[str]]) -> Aliases:
        """Groups of names that are one entity; a name in two groups joins them."""
        canonical: dict[str, str] = {}
        for group in groups:
            keys = [key(name) for name in group if key(name)]
            if not keys:
                continue
            # A name already in a group brings this group into it.
            head = next((canonical[k] for k in keys if k in canonical), keys[0])
            for k in keys:
                old = canonical.get(k)
                if old is not None and old != head:
                    for member, value in list(canonical.items()):
                        if value == old:
                            canonical[member] = head
                canonical[k] = head
        return cls(canonical)

    def extended(self, groups: Iterable[Sequence[str]]) -> Aliases:
        """These aliases plus a desk's own groups."""
        heads: dict[str, list[str]] = {}
        for member, head in self.canonical.items():
            heads.setdefault(head, []).append(member)
        return Aliases.of([*heads.values(), *groups])

    def words(self, name_key: str) -> list[str]:
        """A name key's words with each alias in it replaced by its group's head
        ("united states court of appeals" -> "us", "court", "of", "appeals")."""
        words = name_key.split()
        out: list[str] = []
        i = 0
        while i < len(words):
            for length in range(min(4, len(words) - i), 0, -1):
                head = self.canonical.get(" ".join(words[i : i + length]))
                if head is not None:
                    out.append(head)
                    i += length
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def same(self, a: str, b: str) -> bool:
        """Are two names in one alias group (or the same name)?"""
        ka, kb = key(a), key(b)
        return ka == kb or (ka in self.canonical and self.canonical.get(kb) == self.canonical[ka])


DEFAULT = Aliases.of(BUILTIN_ALIASES)


def initials(name: str) -> str:
    """The acronym a multi-word name makes: capitalised words' first letters.

    >>> initials("World Health Organization"), initials("Jemaah Islamiah")
    ('WHO', 'JI')
    """
    words = key(name).split()
    return "".join(w[0] for w in words if w not in _SMALL_WORDS).upper()


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def same_entity(a: str, b: str, aliases: Aliases = DEFAULT) -> bool:
    """Can two name runs (one from each version) name one entity?

    Yes for an alias ("UK"/"Britain"), an acronym and its expansion ("WHO"/"World Health
    Organization"), spellings that differ in accents, case or hyphens only, a name and
    its surname or title form ("Jean Chrétien"/"Chretien", "Prime Minister Chrétien"),
    and hyphenated compounds of one name ("Sims-based"/"Sims-centric").

    >>> same_entity("UK", "Britain"), same_entity("World Health Organization", "WHO")
    (True, True)
    >>> same_entity("Jean Chrétien", "Chretien"), same_entity("Iran", "Iraq")
    (True, False)
    >>> same_entity("Israeli", "Iranian"), same_entity("El Al", "Iran Air")
    (False, False)
    >>> same_entity("NS-CL", "NS-CE"), same_entity("R-Tenn.", "Republican")
    (False, True)
    """
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    if ka == kb or aliases.same(a, b):
        return True
    if _party(a) is not None and _party(a) == _party(b):
        return True
    if _is_acronym(a) and initials(b) == ka.upper().replace(" ", ""):
        return True
    if _is_acronym(b) and initials(a) == kb.upper().replace(" ", ""):
        return True
    wa, wb = aliases.words(ka), aliases.words(kb)
    if len(wa) == len(wb) and all(same_word(x, y) for x, y in zip(wa, wb, strict=True)):
        return True  # one name, or one in British and American spelling ("Organisation")
    # One run holds the other's words: a surname, a title plus surname, a first name.
    if len(wa) != len(wb) and (set(wa) <= set(wb) or set(wb) <= set(wa)):
        shorter = wa if len(wa) < len(wb) else wb
        return any(w not in _SMALL_WORDS for w in shorter)
    # Hyphenated compounds of one name: "Sims-based" and "Sims-centric".
    head_a, _, tail_a = a.partition("-")
    head_b, _, tail_b = b.partition("-")
    return bool(tail_a and tail_b) and head_a == head_b and (tail_a + tail_b).islower()


def name_run(tokens: Sequence[Token], token: Token) -> str:
    """The multi-word name ``token`` stands in ("States" -> "United States"): adjacent
    capitalised words of its passage, joined by small words ("Court of Appeals").
    ``tokens`` are the passage's tokens in order."""
    index = token_at(tokens, token)
    if index is None:
        return token.text
    start = end = index
    while start > 0 and _name_part(tokens[start - 1]):
        start -= 1
    while end + 1 < len(tokens) and _name_part(tokens[end + 1]):
        end += 1
    # A run does not start or end on a small word ("of" in "the Court of").
    while start < index and tokens[start].norm in _JOINERS:
        start += 1
    while end > index and tokens[end].norm in _JOINERS:
        end -= 1
    return " ".join(t.text for t in tokens[start : end + 1])


def _name_part(token: Token) -> bool:
    if token.kind != "word":
        return False
    return token.text[:1].isupper() or token.norm in _JOINERS


_PARTY_LABEL = re.compile(r"([RDI])-[A-Z][A-Za-z]*\.?")
_PARTIES = {"republican": "r", "republicans": "r", "gop": "r", "democrat": "d",
            "democrats": "d", "democratic": "d", "independent": "i"}  # fmt: skip


def _party(name: str) -> str | None:
    """The US party a label names: "R-Tenn." and "Republican" are one ("r")."""
    match = _PARTY_LABEL.fullmatch(name.strip())
    if match:
        return match[1].lower()
    words = key(name).split()
    return _PARTIES.get(words[0]) if len(words) == 1 else None
