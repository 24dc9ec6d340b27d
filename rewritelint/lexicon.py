"""Antonym lexicon: is the word that replaced a reference word its opposite? (issue 15)

Input: two words as written (any case, any inflection); output: ``bool``. The fact engine
reports "antonym substituted" whenever :func:`antonyms` is true, so the table behind it
(``data/antonyms.tsv``: WordNet's direct antonyms, its indirect ones only when a negative
prefix confirms them, and a short hand list; ``scripts/build_antonyms.py`` says why) is
chosen for precision, measured on paraphrases that must not match.

Inflected words are matched the way WordNet's own ``morphy`` does it, without a
lemmatiser dependency: the irregular forms from WordNet's exception lists ("rose" ->
"rise", "worst" -> "bad") ship in the table, and a few suffix rules per part of speech
("-ing", "-ed", "-er", ...) propose base forms, each accepted only if the table has an
antonym for it *in that part of speech*, so "news" is never read as "new" + "-s".

>>> antonyms("increasing", "decreasing"), antonyms("rose", "fell"), antonyms("said", "told")
(True, True, False)
>>> sorted(antonym_of("Higher"))
['low']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from os import path

# Beside this module, in the wheel too (hatchling ships the package folder's data files);
# os.path rather than pathlib, which the engine's hot path does not otherwise import.
_TABLE = path.join(path.dirname(__file__), "data", "antonyms.tsv")

# WordNet's detachment rules (morph.c), (suffix, replacement) per part of speech: a
# candidate base form is the word with the suffix replaced; adverbs and prepositions
# inflect only irregularly, through the table's "irregular" rows.
_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    "v": (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
}


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The table, indexed for lookups by (word, part of speech).

    Values are space-separated words rather than sets: strings are not tracked by the
    garbage collector, which takes a fifth off the first load (4.5 ms cold, not 5.5).
    """

    opposites: dict[tuple[str, str], str]
    """(lemma, pos) -> the lemmas opposite it as that pos: ("rise", "v") -> "fall set ..."."""
    irregular: dict[tuple[str, str], str]
    """(inflected form, pos) -> its lemmas: ("rose", "v") -> "rise"."""
    parts: tuple[str, ...]
    """Every part of speech the table uses, in a fixed order."""


def _append(index: dict[tuple[str, str], str], key: tuple[str, str], word: str) -> None:
    index[key] = f"{index[key]} {word}" if key in index else word


@cache
def _lexicon() -> _Lexicon:
    """Read the table once, on first use, so importing the package does not pay for it."""
    with open(_TABLE, encoding="utf-8") as table:
        text = table.read()
    opposites: dict[tuple[str, str], str] = {}
    irregular: dict[tuple[str, str], str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        a, b, origin, poses = line.split("\t")
        for pos in poses.split(","):
            if origin == "irregular":
                _append(irregular, (a, pos), b)
            else:
                _append(opposites, (a, pos), b)
                _append(opposites, (b, pos), a)
    return _Lexicon(opposites, irregular, tuple(sorted({pos for _, pos in opposites})))


def _lemmas(word: str, pos: str, lexicon: _Lexicon) -> set[str]:
    """The base forms of ``word`` as a ``pos`` that have an antonym in the table.

    >>> sorted(_lemmas("rising", "v", _lexicon())), sorted(_lemmas("news", "a", _lexicon()))
    (['rise'], [])
    """
    found = set(lexicon.irregular.get((word, pos), "").split())
    candidates = [word] + [
        word[: -len(suffix)] + ending
        for suffix, ending in _RULES.get(pos, ())
        if word.endswith(suffix) and len(word) > len(suffix) and not word.endswith("ss")
    ]
    found.update(c for c in candidates if (c, pos) in lexicon.opposites)
    return found


def antonyms(a: str, b: str) -> bool:
    """True when ``b`` is an opposite of ``a`` in some part of speech, inflections allowed.

    Both words must read as the same part of speech ("higher"/"lower" as adjectives,
    "won"/"lost" as verbs), which keeps suffix stripping from pairing unrelated words.

    >>> antonyms("Won", "lost"), antonyms("higher", "lower"), antonyms("best", "worst")
    (True, True, True)
    >>> antonyms("legal", "illegal"), antonyms("before", "after"), antonyms("up", "up")
    (True, True, False)
    """
    lexicon = _lexicon()
    a, b = a.lower(), b.lower()
    for pos in lexicon.parts:
        lemmas_b = _lemmas(b, pos, lexicon)
        if lemmas_b and any(
            not lemmas_b.isdisjoint(lexicon.opposites[lemma, pos].split())
            for lemma in _lemmas(a, pos, lexicon)
        ):
            return True
    return False


def antonym_of(word: str) -> frozenset[str]:
    """The lemmas opposite ``word`` in any part of speech (base forms, not inflected).

    >>> sorted(antonym_of("rose"))  # rise/fall, rise/set (the sun), and two hand pairs
    ['decline', 'drop', 'fall', 'set']
    """
    lexicon = _lexicon()
    word = word.lower()
    return frozenset(
        opposite
        for pos in lexicon.parts
        for lemma in _lemmas(word, pos, lexicon)
        for opposite in lexicon.opposites[lemma, pos].split()
    )


_NEGATIVE_PREFIXES = ("non-", "non", "un", "in", "im", "il", "ir", "dis")
_ADJECTIVE_ENDINGS = (
    "able", "ible", "al", "ial", "ive", "ous", "ent", "ant", "ful", "ic", "ary", "ate", "ar",
    "ure", "ite", "ile", "ing",
)  # fmt: skip
_NOT_OPPOSITES = frozenset(
    "invaluable inflammable infamous impassive intent invent inventive disgruntled "
    "unravel unravelling insolent dissolute impartial informal".split()
)
"""Prefixed words that are not the opposite of their base ("invaluable" is very
valuable, "inflammable" flammable) or whose base is another word ("informal" is the
opposite of "formal", but "inform" of nothing: listed where the rule would misread)."""


def negated_by_prefix(a: str, b: str) -> bool:
    """Is one word the other with a negative prefix ("relatable"/"unrelatable",
    "accurate"/"inaccurate", "named"/"unnamed")? WordNet lists only some of these; the
    rule reads adjectives (by their endings) and "un-"/"non-" participles, never verbs
    ("press"/"impress", "cover"/"discover").

    >>> negated_by_prefix("relatable", "unrelatable"), negated_by_prefix("unnamed", "named")
    (True, True)
    >>> negated_by_prefix("cover", "discover"), negated_by_prefix("valuable", "invaluable")
    (False, False)
    """
    a, b = a.lower(), b.lower()
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if long in _NOT_OPPOSITES or len(short) < 5:
        return False
    for prefix in _NEGATIVE_PREFIXES:
        if long == prefix + short:
            if prefix.startswith("non") or prefix == "un":
                return short.endswith(_ADJECTIVE_ENDINGS) or short.endswith("ed")
            return short.endswith(_ADJECTIVE_ENDINGS)
    return False
