"""What injections choose sites from and what they produce: the structure of a text
(:class:`Layout`: paragraphs, sentences, quotations, names), the edits (:class:`Edit`,
:class:`Plan`), the recorded :class:`Injection`, and the text helpers that benign and drift
rewrites share.

Every choice comes from the ``random.Random`` passed in, so a rewrite is a pure function of the
text and the seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from drift_lexicon import MONTH_ABBREVIATIONS, MONTHS, SENTENCE_STARTERS, STOP_NAMES, TITLES

# --- regexes ----------------------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:[A-Z][a-z]+)?(?![\w-])")
"""A capitalised word ("Khalilzad", "McMahon"), not part of a hyphenated or longer token."""
MONEY_SHORT = re.compile(r"\$(\d+(?:\.\d+)?)(m|bn)\b")
QUOTE_CHARS = '"“”'
MAX_QUOTE_PARAGRAPHS = 12
"""Paragraphs an open quotation may run on for before it is taken as a stray mark."""


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` (an insertion when start == end)."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Plan:
    """The edits one injection makes to the benign rewrite, and how to mark its span.

    ``span`` is ``"new"`` (the span covers the inserted words), ``"join"`` (a deletion or a
    shrinking edit: the span is widened to the word before and the word after) or
    ``"between"`` (from the first edit to the last, e.g. a quotation whose marks were dropped).
    """

    edits: tuple[Edit, ...]
    span: str = "new"
    removed: str = ""
    """For an omission: the deleted sentence (scoring looks for it in the finding's reference)."""


@dataclass(frozen=True)
class Injection:
    """One drift injected into a benign rewrite, with its span in the final rewrite text."""

    kind: str
    category: str
    old: str
    """What the benign rewrite had at the edited places (joined by " … " for several edits)."""
    new: str
    """What the drift rewrite has there ("" for a deletion)."""
    start: int
    end: int
    secondary: tuple[str, ...] = ()
    """Other categories a finding on this span may honestly carry (e.g. quote for a number
    changed inside a quotation): neither counted as hits nor as false alarms."""
    removed: str = ""
    variant: str = ""
    """A finer label within the type ("n't" for negation-removed, the residue string, …)."""


@dataclass(frozen=True)
class Layout:
    """The structure of a text that injections choose sites from (offsets into ``text``)."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int, int], ...]
    """(start, end, paragraph index), trimmed of surrounding white space."""
    quotes: tuple[tuple[int, int, bool], ...]
    """(opening mark, just after the closing mark or the paragraph end, closed)."""
    protected: tuple[tuple[int, int], ...] = ()
    """Boilerplate the benign rewrite added: no reference counterpart, so no injection there."""
    names: frozenset[str] = frozenset()
    """Proper names of the reference article (people, places, organisations)."""
    surnames: tuple[str, ...] = ()
    """Names that end a multi-word name ("Glenn Beck") and also stand alone ("Beck said")."""
    vocab: Mapping[str, int] = field(default_factory=dict)
    """Corpus-wide counts of lower-case words: what counts as a dictionary word."""
    separator: str = "\n\n"
    """The paragraph separator the text uses ("\\n" in line-per-sentence texts)."""

    def free(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches no protected boilerplate."""
        return all(end <= s or start >= e for s, e in self.protected)

    def quote_at(self, pos: int) -> tuple[int, int, bool] | None:
        """The quotation containing ``pos``, if any."""
        for quote in self.quotes:
            if quote[0] <= pos < quote[1]:
                return quote
        return None

    def sentence_starts(self) -> frozenset[int]:
        """Offsets of the first letter of every sentence (past opening quotes and brackets)."""
        starts = set()
        for s, e, _ in self.sentences:
            while s < e and not self.text[s].isalnum():
                s += 1
            starts.add(s)
        return frozenset(starts)


Injector = Callable[[Layout, random.Random], Plan | None]


# --- structure --------------------------------------------------------------------------------


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the white space at either end (empty when it is all white
    space): paragraphs, sentences and injected spans are marked from their first to their last
    visible character.

    >>> trimmed(" a b\\n", 0, 5)
    (1, 4)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty paragraphs: blocks between blank lines, or lines when the text
    has no blank line (ECB+ texts are one sentence a line).

    >>> paragraph_spans("A b.\\n\\nC d.")
    [(0, 4), (6, 10)]
    """
    splitter = re.compile(r"\n[ \t]*\n") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n")
    spans, pos = [], 0
    for match in splitter.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        s, e = trimmed(text, s, e)
        if s < e:
            out.append((s, e))
    return out


def dominant_separator(text: str) -> str:
    """The paragraph separator to use when adding or moving paragraphs."""
    return "\n\n" if re.search(r"\n[ \t]*\n", text) else "\n"


def quotation_spans(
    text: str, paragraphs: Sequence[tuple[int, int]]
) -> list[tuple[int, int, bool]]:
    """Quotations: curly marks pair by direction, straight marks alternate.

    A quotation left open at a paragraph end continues when the next paragraph opens with a
    quotation mark (the news convention for a quote over several paragraphs) or when the text is
    one sentence a line (ECB+), for at most ``MAX_QUOTE_PARAGRAPHS``; otherwise it ends,
    unclosed, at the paragraph end.

    >>> quotation_spans('He said "no way" and left.', [(0, 26)])
    [(8, 16, True)]
    >>> quotation_spans('"One.\\n\\n"Two."', [(0, 5), (7, 13)])
    [(0, 13, True)]
    >>> quotation_spans('"Not verify, he said. "He is." Then', [(0, 35)])
    [(0, 22, False), (22, 30, True)]
    """
    one_per_line = bool(paragraphs) and "\n\n" not in text[paragraphs[0][0] : paragraphs[-1][1]]
    quotes = []
    opened, carried = -1, 0
    for k, (ps, pe) in enumerate(paragraphs):
        for i in range(ps, pe):
            ch = text[i]
            if ch not in QUOTE_CHARS:
                continue
            if opened >= 0 and i == ps and carried and ch in '"“':
                continue  # the re-opening mark of a quote that runs on
            if opened >= 0 and i > ps and _reopens(text, i):
                quotes.append((opened, i, False))  # the closing mark is missing in the source
                opened = -1
            if opened < 0 and ch in '"“':
                opened, carried = i, 0
            elif opened >= 0 and ch in '"”':
                quotes.append((opened, i + 1, True))
                opened = -1
        if opened < 0:
            continue
        nxt = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else None
        runs_on = nxt is not None and (one_per_line or text[nxt] in '"“')
        if runs_on and carried < MAX_QUOTE_PARAGRAPHS:
            carried += 1
        else:
            quotes.append((opened, pe, False))
            opened = -1
    return quotes


def _reopens(text: str, i: int) -> bool:
    """True when the mark at ``i`` can only open a quotation although one is open: a curly
    opening mark, or a straight one after a sentence end ('said. "He…'), where a closing mark
    was left out. (After a comma, '…anything, "she said', it closes: ECB+ spacing.)"""
    if text[i] == "“":
        return True
    return (
        text[i] == '"' and text[i - 2 : i] in (". ", "? ", "! ") and text[i + 1 : i + 2].isalpha()
    )


def sentence_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Sentences of every paragraph by nupunkt (rewritelint's splitter, so "Gov." and "U.S."
    do not end a sentence), trimmed."""
    import nupunkt

    out = []
    for index, (ps, pe) in enumerate(paragraphs):
        chunk = text[ps:pe]
        for s, e in nupunkt.sent_spans(chunk):
            s, e = trimmed(text, ps + s, ps + e)
            if s < e:
                out.append((s, e, index))
    return out


def proper_names(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Names of the article and the surname-like ones among them.

    A name is a capitalised word that never appears in lower case in the text, occurs at least
    once away from a sentence start and is not a title or function word. A surname follows an
    abbreviated title ("Mr. Beck"), or ends a two-word name ("Glenn Beck") and also stands alone
    ("Beck said"), which keeps out "York" of "New York".
    """
    paragraphs = paragraph_spans(text)
    layout = Layout(text, tuple(paragraphs), tuple(sentence_spans(text, paragraphs)), ())
    starts = layout.sentence_starts()
    lower = {w.lower() for w in WORD.findall(text) if w.islower()}
    counts: dict[str, int] = {}
    for match in NAME.finditer(text):
        word = match.group()
        if word in STOP_NAMES or word.lower() in lower or len(word) < 3:
            continue
        if match.start() not in starts:
            counts[word] = counts.get(word, 0) + 1
    names = frozenset(counts)
    tokens = [
        (m.group(), m.start()) for m in re.finditer(r"[A-Z][a-z]*\.?|[a-z]+|[^\sA-Za-z]", text)
    ]
    titled, compound, alone = set(), set(), set()
    for i, (token, _) in enumerate(tokens):
        if token not in names:
            continue
        before = tokens[i - 1][0] if i else ""
        after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if after[:1].isupper() and after.rstrip(".") not in STOP_NAMES:
            continue  # a first name ("Gen. Jim Mattis", "Rep. John A. Boehner")
        if re.fullmatch(TITLES + r"\.", before):
            titled.add(token)
        elif before in names:
            compound.add(token)
        elif not before[:1].isupper() and not (after[:1].isupper() and after.rstrip(".") in names):
            alone.add(token)
    surnames = sorted(titled | (compound & alone))
    return names, tuple(surnames)


def make_layout(
    text: str,
    *,
    protected: Sequence[tuple[int, int]] = (),
    names: frozenset[str] = frozenset(),
    surnames: Sequence[str] = (),
    vocab: Mapping[str, int] | None = None,
) -> Layout:
    """Paragraphs, sentences and quotations of ``text``, with what the article adds."""
    paragraphs = paragraph_spans(text)
    return Layout(
        text=text,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentence_spans(text, paragraphs)),
        quotes=tuple(quotation_spans(text, paragraphs)),
        protected=tuple(protected),
        names=names,
        surnames=tuple(surnames),
        vocab=vocab or {},
        separator=dominant_separator(text),
    )


# --- small helpers ----------------------------------------------------------------------------


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[tuple[int, int]]]:
    """Apply non-overlapping edits; return the new text and each edit's span in it.

    >>> apply_edits("a b c", [Edit(2, 3, "x y"), Edit(4, 5, "")])
    ('a x y ', [(2, 5), (6, 6)])
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for left, right in pairwise(ordered):
        assert left.end <= right.start, "overlapping edits"
    pieces, spans, pos, shift = [], [], 0, 0
    for edit in ordered:
        pieces.append(text[pos : edit.start])
        pieces.append(edit.new)
        spans.append((edit.start + shift, edit.start + shift + len(edit.new)))
        shift += len(edit.new) - (edit.end - edit.start)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces), spans


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``[start, end)`` to the whole word before it and the whole word after it: the span
    of a deletion, where an editor would look for what went missing.

    >>> text = "more than 40 people"
    >>> text[slice(*widen(text, 10, 10))]
    'than 40'
    """
    s = start
    while s > 0 and not (text[s - 1].isalnum()):
        s -= 1
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = end
    while e < len(text) and not text[e].isalnum():
        e += 1
    while e < len(text) and not text[e].isspace():
        e += 1
    return s, e


def match_case(word: str, model: str) -> str:
    """``word`` with the capitalisation of ``model`` ("Five" for "Nine").

    >>> match_case("five", "Nine"), match_case("five", "NINE")
    ('Five', 'FIVE')
    """
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def word_before(text: str, pos: int) -> str:
    """The word ending just before ``pos`` (skipping spaces), or ""."""
    match = re.search(r"([\w.'’]+)\s*$", text[max(0, pos - 40) : pos])
    return match.group(1) if match else ""


def lowercase_first(word: str, text: str) -> str:
    """Lower-case a sentence-initial word unless it is a name: a word the text also capitalises
    in mid-sentence ("Obama") keeps its capital, as does "I".

    >>> lowercase_first("Ahead", "Ahead of it, we met Obama."), lowercase_first("Obama", "x Obama")
    ('ahead', 'Obama')
    """
    if word == "I" or (
        word.lower() not in SENTENCE_STARTERS
        and re.search(rf"(?<=[a-z,;] ){re.escape(word)}\b", text)
    ):
        return word
    return word[:1].lower() + word[1:]


_MONTH_AFTER = re.compile(
    r"(?:st|nd|rd|th)? (?:of )?(?:" + "|".join(m[:3] for m in MONTHS) + r")", re.IGNORECASE
)


def in_date_context(text: str, start: int, end: int) -> bool:
    """True when a numeral is the day of a date ("Aug. 3", "March 3", "9 September").

    >>> in_date_context("on 9 September 2013", 3, 4), in_date_context("9 people", 0, 1)
    (True, False)
    """
    before = word_before(text, start)
    if before in MONTHS or before in MONTH_ABBREVIATIONS or before.rstrip(".") in ("Jan", "Feb"):
        return True
    return bool(_MONTH_AFTER.match(text, end))


def pick_site(rng: random.Random, sites: Sequence[Plan]) -> Plan | None:
    """One random site, or None when the article has none (the injection is skipped)."""
    return rng.choice(sites) if sites else None


def replacement_sites(
    layout: Layout,
    pattern: re.Pattern[str] | str,
    new_text: Callable[[re.Match[str]], str | None],
    group: int = 0,
) -> list[Plan]:
    """A one-edit plan for every match of ``pattern`` at a free place of the text: ``new_text``
    says what the match (or its ``group``) becomes, or None to pass it by. Matches are visited
    in text order, so the generator's draws inside ``new_text`` are too."""
    plans = []
    for match in re.finditer(pattern, layout.text):
        if not layout.free(match.start(), match.end()):
            continue
        new = new_text(match)
        if new is not None:
            plans.append(Plan((Edit(match.start(group), match.end(group), new),)))
    return plans
