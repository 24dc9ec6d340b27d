"""Stage 3, annotate: (Document, [Passage]) -> AnnotatedDocument.

Tokens with classes and normalised values, so that later stages compare meaning,
not spelling: "nine", "9" and "9.0" all become the number value ``9``; "95%",
"95 percent" and "95 per cent" the value ``95%``; "U.S." and "US" the word ``us``;
curly and straight quotes the same mark. A number phrase ("half a million",
"three hundred and forty-two", "$4 million") becomes one token, so the word diff
sees one replaced value rather than a tangle of words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from rewritelint.caches import bounded
from rewritelint.model import AnnotatedDocument, Document, Passage, Quotation, Token
from rewritelint.quotations import DOUBLE_QUOTES, find_quotations
from rewritelint.vocabulary import (
    DECLINING,
    HEDGES,
    MONTHS,
    NEGATIONS,
    REPORTING,
    WEEKDAYS,
    ZONES,
    ordinal_value,
)

# Token shapes, tried in order:
#   web addresses ("https://aa.com.tr/en/asia/2331412", "www.bbc.co.uk/news") kept whole:
#   one opaque token, so an address's words and digits neither dilute a sentence's
#   alignment nor read as numbers, names or misspellings; trailing punctuation is not
#   part of it ("(see www.ap.org).");
#   clock times ("10:30", "10am", "5:59PM");
#   acronyms with dots ("U.S.", "a.m.", "D.C.") kept whole;
#   numbers with thousands separators or decimals ("500,000", "3.5"), glued to a scale
#   suffix ("4m", "2bn") or a percent sign;
#   words with inner apostrophes or hyphens ("country’s", "war-torn", "twenty-five");
#   any other single non-space character (punctuation, quotation marks, "$", "%").
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"“”‘’'()\[\]{}]*[^\s<>\"“”‘’'()\[\]{}.,;:!?])"
    r"|(?P<time>\d{1,2}(?::\d{2})?[aApP][mM]\b|\d{1,2}:\d{2}(?![\d:]))"
    r"|(?P<acronym>(?:[^\W\d_]\.){2,})"
    r"|(?P<number>\d+(?:[.,]\d+)*(?:[.]\d+)?(?:bn|tn|m|k|b)?(?![\w]))"
    r"|(?P<word>\w+(?:['’\-]\w+)*)"
    r"|(?P<punct>[^\w\s])"
)
_SINGLE_QUOTES = frozenset("'‘’‚‛‹›")
_STRAIGHT = {"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
"""Curly marks and their straight forms (one character, looked up: a punctuation token)."""
_STRAIGHTEN = str.maketrans(_STRAIGHT)

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_STARTERS = frozenset(["half", "a", *_SCALES])
"""Words that can start a number phrase besides the units ("half a million", "a dozen")."""
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000}
_SUFFIX_SCALES["tn"] = 1_000_000_000_000
_CURRENCY = {"$": "$", "£": "£", "€": "€", "¥": "¥"}
_PERCENT_WORDS = ("percent", "per cent", "pct", "percentage points")

_CLOCK = frozenset(["am", "pm", "a.m.", "p.m."])
# Capitalised words that are not names when they start a sentence or stand alone.
_NOT_NAMES = frozenset(["i", "a", "the", "mr", "mrs", "ms", "dr"])
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def annotate(document: Document, passages: Sequence[Passage]) -> AnnotatedDocument:
    """Tokenise every passage and find the quotations of the document."""
    quotations = tuple(find_quotations(document.text, passages))
    quoted = _QuotedSpans(quotations)
    text = document.text
    parsed = [_token_shapes(text[p.start : p.end], quoted.within(p.start, p.end)) for p in passages]
    names = frozenset().union(*(shapes.names for shapes in parsed))
    tokens = tuple(
        _placed(shapes, passage, names) for shapes, passage in zip(parsed, passages, strict=True)
    )
    return AnnotatedDocument(document, tuple(passages), tokens, quotations)


_new_token = tuple.__new__
"""``Token``'s own constructor without the named tuple's argument handling: tokens are
the most numerous objects of a run, and this builds them in half the time."""


def _placed(shapes: _PassageShapes, passage: Passage, names: frozenset[str]) -> tuple[Token, ...]:
    """A passage's tokens at its offsets. A capitalised first word is a name when the
    document also uses it mid-sentence ("Khalilzad said..." after "said Khalilzad");
    otherwise it is just a capital (the one thing here that needs the whole document)."""
    start = passage.start
    index = passage.index
    tokens = [
        _new_token(Token, (start + s, start + e, surface, norm, kind, value, tags, index))
        for s, e, surface, norm, kind, value, tags in shapes.shapes
    ]
    k = shapes.first_word
    if k >= 0:
        token = tokens[k]
        if token.norm in names and token.text[:1].isupper() and "name" not in token.tags:
            tokens[k] = token._replace(tags=token.tags | {"name"})
    return tuple(tokens)


def _governed(shapes: list[_Shape]) -> None:
    """Mark the negations that depend on their neighbours: "declined to", "refused to",
    "failed to" and "has yet to" negate (not before a figure: "fell to 5%"); "No." before
    a number is an abbreviation; "nothing but" and "not only" negate nothing."""
    for k, shape in enumerate(shapes):
        norm = shape[3]
        if norm not in _GOVERNED:
            continue
        after = shapes[k + 1][3] if k + 1 < len(shapes) else ""
        before = shapes[k - 1][3] if k else ""
        governing = norm in DECLINING or (norm == "yet" and before in _HAVE)
        tags = shape[6]
        if governing and after == "to" and _kind_at(shapes, k + 2) != "number":
            shapes[k] = (*shape[:6], tags | {"negation"})
        elif (norm, after) in _AFFIRMING or (
            norm == "no" and after == "." and _kind_at(shapes, k + 2) == "number"
        ):
            shapes[k] = (*shape[:6], tags - {"negation"})
        elif shape[2] == "May" and _kind_at(shapes, k + 1) == "day":
            # "May 7": the month (elsewhere "May" is a verb or a name)
            shapes[k] = (*shape[:4], shape[4], "may", frozenset([*(tags - {"name"}), "month"]))


def _kind_at(shapes: Sequence[_Shape], k: int) -> str:
    return shapes[k][4] if k < len(shapes) else ""


_HAVE = frozenset(["has", "have", "had", "is", "are", "was", "were"])
_AFFIRMING = frozenset([("nothing", "but"), ("not", "only")])
"""A negation word and the word after it that together negate nothing: "nothing but
praise" is praise, "not only X but Y" asserts both."""
_GOVERNED = DECLINING | {"yet", "no", "may", "nothing", "not"}
"""The words ``_governed`` looks at (the rest are skipped at once)."""


def number_value(text: str) -> str | None:
    """Canonical value of a single number token, or None.

    >>> [number_value(t) for t in ["nine", "9", "9.0", "500,000", "4m", "twenty-five", "the"]]
    ['9', '9', '9', '500000', '4000000', '25', None]
    """
    lowered = text.lower()
    if lowered[:1].isdigit():
        return _digits_value(lowered)
    return _words_value([lowered])


def _canonical(value: Decimal) -> str:
    """Print a Decimal without exponent or trailing zeros: 9.0 -> "9", 1.50 -> "1.5"."""
    normal = value.normalize()
    text = format(normal, "f")
    return text


def _digits_value(text: str) -> str | None:
    scale = 1
    for suffix in ("bn", "tn", "m", "k", "b"):
        if text.endswith(suffix):
            scale = _SUFFIX_SCALES[suffix]
            text = text[: -len(suffix)]
            break
    if "," in text:
        _, *groups = text.split(",")
        if all(len(g) == 3 for g in groups[:-1]) and len(groups[-1].split(".")[0]) == 3:
            text = text.replace(",", "")
        else:
            return None
    try:
        return _canonical(Decimal(text) * scale)
    except InvalidOperation:
        return None


def _words_value(words: Sequence[str]) -> str | None:
    """Value of a run of number words ("three hundred and forty-two"), via text2num."""
    parts = [p for w in words for p in w.split("-")]
    if not parts or not all(p in _UNITS or p in _SCALES or p == "and" for p in parts):
        return None
    if parts[0] == "and" or parts[-1] == "and":
        return None
    if parts == ["dozen"]:
        return "12"
    if parts[0] in _SCALES:
        parts = ["one", *parts]
    from text_to_num import text2num

    try:
        return str(text2num(" ".join(parts), "en"))
    except ValueError:
        return None


def _raw_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, group) of every token shape in text[start:end].

    A hyphenated word holding a number ("two-year", "vomiting-for-4-hours") is split at
    its hyphens, so "two-year" and "2-year" give the same tokens; a compound number
    ("twenty-five") stays whole.
    """
    shapes = [
        (m.start(), m.end(), m.lastgroup or "punct") for m in _TOKEN.finditer(text, start, end)
    ]
    if "-" not in text[start:end]:
        return shapes
    tokens: list[tuple[int, int, str]] = []
    for m_start, m_end, group in shapes:
        word = text[m_start:m_end]
        if group == "word" and "-" in word and _has_number_part(word):
            pos = m_start
            for part in word.split("-"):
                if part:
                    kind = "number" if part[0].isdigit() else "word"
                    tokens.append((pos, pos + len(part), kind))
                if pos + len(part) < m_end:
                    tokens.append((pos + len(part), pos + len(part) + 1, "punct"))
                pos += len(part) + 1
        else:
            tokens.append((m_start, m_end, group))
    return tokens


def _has_number_part(word: str) -> bool:
    parts = word.casefold().split("-")
    numeric = [p.isdigit() or p in _UNITS for p in parts]
    return any(numeric) and not all(p in _UNITS or p in _SCALES for p in parts)


_Shape = tuple[int, int, str, str, str, str | None, frozenset[str]]
"""Token fields but the passage index, offsets relative to the passage."""


class _PassageShapes(NamedTuple):
    """A passage's tokens before they are placed in a document, with what the document
    needs of them (every passage's names decide its sentence-initial capitals)."""

    shapes: tuple[_Shape, ...]
    names: frozenset[str]
    """Norms of the tokens tagged names (before "May 7" is read as a month)."""
    first_word: int
    """Index of the first word token, which may be a sentence-initial name; -1 when there
    is none or it is the month of "May 7"."""


@bounded(maxsize=4096)
def _token_shapes(text: str, quoted: tuple[tuple[int, int], ...]) -> _PassageShapes:
    """The shapes of one passage's tokens.

    A passage's tokens depend only on its text and on which of its offsets are quoted,
    so they are cached on those: the versions of a story share most passages word for
    word, and a rewrite's unchanged passages cost a lookup instead of a parse."""
    shapes = _tokens(text, quoted)
    names = frozenset(shape[3] for shape in shapes if "name" in shape[6])
    first_word = next((k for k, shape in enumerate(shapes) if shape[4] == "word"), -1)
    _governed(shapes)
    if first_word >= 0 and shapes[first_word][5] == "may" and "month" in shapes[first_word][6]:
        first_word = -1  # "May 7 was ...": the month, never a name
    return _PassageShapes(tuple(shapes), names, first_word)


def _tokens(text: str, quotations: tuple[tuple[int, int], ...]) -> list[_Shape]:
    """The token fields of one passage (``quotations``: its quoted spans, in order)."""
    raw = _raw_tokens(text, 0, len(text))
    shapes: list[_Shape] = []
    add = shapes.append
    spans = len(quotations)
    span = 0  # tokens come in order: the first quoted span not yet behind us
    i = 0
    first_word = True
    while i < len(raw):
        s, e, group = raw[i]
        surface = text[s:e]
        if spans:
            while span < spans and quotations[span][1] <= s:
                span += 1
            quoted = span < spans and quotations[span][0] <= s
        else:
            quoted = False
        if group == "word":
            word = _word(surface)
            starts_number = word[4]
        else:
            starts_number = group == "number" or (group == "punct" and surface in _CURRENCY)
        number = _number_phrase(text, raw, i) if starts_number else None
        if number is not None:
            j, amount = number
            e = raw[j - 1][1]
            kind = _number_kind(text, raw, i, j)
            if kind == "time":
                amount += " " + _word_at(text, raw, j).replace(".", "")
            idiom = ("idiom",) if _is_idiom(text, raw, i, j) else ()
            add((s, e, text[s:e], "#" + amount, kind, amount, _tag_set(idiom, quoted)))
            i = j
            first_word = False
            continue
        i += 1
        if group == "time":
            clock = _word_at(text, raw, i)
            if surface[-1] in "mM":  # "10am", "5:59PM"
                clock_value = f"{surface[:-2]} {surface[-2:].casefold()}"
            else:
                clock_value = surface + (" " + clock.replace(".", "") if clock in _CLOCK else "")
            add(
                (
                    s,
                    e,
                    surface,
                    "#" + clock_value,
                    "time",
                    clock_value,
                    _QUOTED if quoted else _NO_TAGS,
                )
            )
            first_word = False
            continue
        if group == "url":
            add((s, e, surface, surface.casefold(), "word", None, _tag_set(("url",), quoted)))
            first_word = False
            continue
        if group == "punct":
            mark = surface in DOUBLE_QUOTES or surface in _SINGLE_QUOTES
            tags = _QUOTED if quoted else _NO_TAGS
            kind = "quote" if mark else "punct"
            add((s, e, surface, _STRAIGHT.get(surface, surface), kind, None, tags))
            continue
        if group != "word":  # an acronym, or digits that are no number ("1,2,3")
            word = _word(surface, acronym=group == "acronym")
        norm, value, classes, name, _ = word
        if name == "always" or (name == "mid-sentence" and not first_word):
            classes = ("name",)
        first_word = False
        rank = ordinal_value(norm)
        if rank is not None:  # "27th", "third": a number, compared by value ("3rd" = "third")
            month_day = _word_at(text, raw, i - 2) in MONTHS and text[raw[i - 2][0]].isupper()
            kind, value = ("day", rank.removesuffix("th")) if month_day else ("number", rank)
            add((s, e, surface, "#" + value, kind, value, _tag_set((), quoted)))
            continue
        add((s, e, surface, norm, "word", value, _tag_set(classes, quoted)))
    return shapes


@bounded(maxsize=1 << 15)
def _word(
    surface: str, acronym: bool = False
) -> tuple[str, str | None, tuple[str, ...], str, bool]:
    """(norm, value, classes, when it is a name, whether it may start a number phrase)
    of a word; cached, as a story uses the same words over and over.

    A capitalised word with no other class is a name ``always`` when written in
    capitals, ``mid-sentence`` otherwise (a sentence's first word is decided later,
    by whether the document uses it as a name elsewhere)."""
    lowered = surface.casefold().translate(_STRAIGHTEN)
    norm = lowered.replace(".", "") if acronym else lowered
    starts_number = not acronym and (norm in _STARTERS or norm.split("-")[0] in _UNITS)
    bare = norm.removesuffix("'s")  # "Wednesday's meeting" is a date, not a name
    if bare in WEEKDAYS:
        return norm, bare, ("weekday",), "", starts_number
    if bare in MONTHS and surface[0].isupper() and bare != "may":
        return norm, MONTHS[bare], ("month",), "", starts_number
    if norm in ZONES and surface.isupper():
        return norm, norm, ("zone",), "", starts_number
    if norm in NEGATIONS or norm.endswith("n't"):
        return norm, None, ("negation",), "", starts_number
    if norm in HEDGES and not (norm == "may" and surface == "May"):
        return norm, None, ("hedge",), "", starts_number
    if norm in REPORTING and (surface[0].islower() or norm == "according"):
        # Capitalised, a reporting word is a name's ("United States") or starts a
        # sentence; only "According to X, ..." reports from there.
        return norm, None, ("reporting",), "", starts_number
    name = ""
    if surface[0].isupper():
        if len(surface) > 1 and surface.isupper():
            name = "always"
        elif norm not in _NOT_NAMES:
            name = "mid-sentence"
    return norm, None, (), name, starts_number


def _word_at(text: str, raw: Sequence[tuple[int, int, str]], i: int) -> str:
    """The casefolded token at raw[i], or "" past the end."""
    return text[raw[i][0] : raw[i][1]].casefold() if 0 <= i < len(raw) else ""


def _number_kind(text: str, raw: Sequence[tuple[int, int, str]], i: int, j: int) -> str:
    """``year`` ("2020"), ``day`` ("August 31", "31 August"), ``time`` ("10 a.m.") or
    ``number``: dates and times are compared by the date rules, not as quantities."""
    surface = text[raw[i][0] : raw[j - 1][1]]
    if j == i + 1 and _YEAR.fullmatch(surface):
        return "year"
    if surface.isdigit() and len(surface) <= 2:
        if _word_at(text, raw, i - 1) in MONTHS and text[raw[i - 1][0]].isupper():
            return "day"
        after = _word_at(text, raw, j)
        if after in MONTHS and after != "may" and text[raw[j][0]].isupper():
            return "day"
        if after in _CLOCK:
            return "time"
    return "number"


def _is_idiom(text: str, raw: Sequence[tuple[int, int, str]], i: int, j: int) -> bool:
    """Is the number word at raw[i:j] an idiom rather than a count: "one of the",
    "one another", "no one"? Such numbers are not compared as values."""
    word = text[raw[i][0] : raw[j - 1][1]].casefold()
    if word != "one":
        return False
    after = text[raw[j][0] : raw[j][1]].casefold() if j < len(raw) else ""
    before = text[raw[i - 1][0] : raw[i - 1][1]].casefold() if i > 0 else ""
    return after in ("of", "another", "day", "by", "after") or before in (
        "no",
        "every",
        "any",
        "the",
    )


class _QuotedSpans:
    """Where the insides of a document's quotations fall in each passage (quotations are
    sorted and do not overlap; an opening or closing mark itself is not inside)."""

    def __init__(self, quotations: Sequence[Quotation]) -> None:
        self.insides = [(q.start + 1, q.end - (1 if q.closed else 0)) for q in quotations]
        self.ends = [end for _, end in self.insides]

    def within(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The quoted offsets of ``[start, end)`` as spans relative to ``start``."""
        spans = []
        for lo, hi in self.insides[bisect_right(self.ends, start) :]:
            if lo >= end:
                break
            if hi > lo:
                spans.append((max(lo, start) - start, min(hi, end) - start))
        return tuple(spans)


_NO_TAGS: frozenset[str] = frozenset()
_QUOTED = frozenset(["quoted"])


@bounded(maxsize=256)
def _tag_set(extra: tuple[str, ...], quoted: bool) -> frozenset[str]:
    """The tag set of a token (shared: tokens of one class carry one frozenset)."""
    return frozenset([*extra, "quoted"]) if quoted else frozenset(extra)


def _may_start_number(text: str, token: tuple[int, int, str]) -> bool:
    """A cheap test before the number-phrase parser: digits, a currency sign, or a word
    that can start a number phrase."""
    start, end, group = token
    if group == "number":
        return True
    if group == "punct":
        return text[start] in _CURRENCY
    if group != "word":
        return False
    first = text[start:end].casefold()
    return first in _STARTERS or first.split("-")[0] in _UNITS


def _number_phrase(
    text: str, raw: Sequence[tuple[int, int, str]], i: int
) -> tuple[int, str] | None:
    """If a number phrase starts at raw[i], return (index after it, canonical value).

    Handles digits with separators and scale words or suffixes ("1.5 million", "4m"),
    number words ("nine", "half a million", "a dozen"), currency before and percent after.
    """
    currency = ""
    j = i
    if raw[j][2] == "punct" and text[raw[j][0] : raw[j][1]] in _CURRENCY and j + 1 < len(raw):
        currency = _CURRENCY[text[raw[j][0] : raw[j][1]]]
        j += 1
    s, e, group = raw[j]
    word = text[s:e].casefold()
    value: Decimal | None = None
    if group == "number":
        digits = _digits_value(word)
        if digits is None:
            return None
        value = Decimal(digits)
        j += 1
    elif group == "word":
        value, j = _word_number(text, raw, j)
        if value is None:
            return None
    else:
        return None
    # A scale word after digits or words: "1.5 million", "two million" already folded.
    if j < len(raw) and raw[j][2] == "word":
        scale = _SCALES.get(text[raw[j][0] : raw[j][1]].casefold())
        if scale is not None and scale >= 1_000:
            value *= scale
            j += 1
    suffix = ""
    if j < len(raw) and text[raw[j][0] : raw[j][1]] == "%":
        suffix, j = "%", j + 1
    else:
        for phrase in _PERCENT_WORDS:
            words = phrase.split()
            if (
                j + len(words) <= len(raw)
                and [text[a:b].casefold() for a, b, _ in raw[j : j + len(words)]] == words
            ):
                suffix, j = "%", j + len(words)
                break
    return j, currency + _canonical(value) + suffix


def _word_number(
    text: str, raw: Sequence[tuple[int, int, str]], i: int
) -> tuple[Decimal | None, int]:
    """Longest run of number words starting at raw[i]: "three hundred and forty-two",
    "half a million", "a dozen". Returns (value, index after) or (None, i)."""
    first = text[raw[i][0] : raw[i][1]].casefold()
    if first not in _STARTERS and first.split("-")[0] not in _UNITS:
        return None, i  # the common case: not a number word at all
    words = [text[a:b].casefold() for a, b, _ in raw[i : i + 8]]
    if words[:3] and words[0] == "half" and words[1:2] == ["a"] and len(words) > 2:
        scale = _SCALES.get(words[2])
        if scale:
            return Decimal(scale) / 2, i + 3
    if words[:2] == ["a", "dozen"]:
        return Decimal(12), i + 2
    best: tuple[Decimal | None, int] = (None, i)
    for n in range(1, len(words) + 1):
        if raw[i + n - 1][2] != "word":
            break
        value = _words_value(words[:n])
        if value is not None:
            best = (Decimal(value), i + n)
        elif not all(p in _UNITS or p in _SCALES or p == "and" for p in words[n - 1].split("-")):
            break
    return best
