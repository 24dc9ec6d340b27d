"""Stage 2, segment: Document -> [Passage].

Sentences with their spans in ``Document.text``. Paragraph breaks always end a
passage; inside a paragraph nupunkt finds sentence boundaries (fast and right about
"U.S.", "a.m.", initials and quotations), and two repairs cover what it misses in
news copy: a title abbreviation such as "Lt." never ends a sentence, and a fragment
with no letters or digits (a stray ``“.`` left by a scraper) joins the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rewritelint.caches import bounded
from rewritelint.model import Document, Passage

# A blank line (possibly holding spaces) separates paragraphs.
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v\u00a0]*(?:\r\n|\r|\n)")
# Any single line break.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Titles that precede a name and so never end a sentence ("Lt. Col. Smith", "Gen. Milley").
_TITLE_AT_END = re.compile(
    r"(?:^|[\s(])(?:Lt|Col|Gen|Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Sgt|Capt|Maj|Adm|Prof|Gens|Sens|Reps"
    r"|Rev|Hon|Cmdr|Brig|Cpl|Pvt|Supt|Insp|St|Mt|Ft|No|Nos|Vol|Art)\.$"
)
# Something worth calling a sentence: at least one letter or digit.
_HAS_WORD = re.compile(r"\w")
# A line that continues the previous one in hard-wrapped text: starts lower-case.
_CONTINUATION = re.compile(r"[a-z]")
# A line that finishes a sentence (or a heading-like line that stands alone).
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]]\s*$")


def segment(document: Document) -> list[Passage]:
    """Split a document into sentence passages, keeping paragraph numbers."""
    passages: list[Passage] = []
    text = document.text
    for paragraph, (start, end) in enumerate(_paragraphs(text)):
        for s, e in _sentences(text, start, end):
            passages.append(Passage(len(passages), s, e, paragraph, text[s:e]))
    return passages


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of paragraphs: blocks split at blank lines and at line breaks,
    except a break inside a hard-wrapped sentence (next line starts lower-case).

    >>> list(_paragraphs("One.\\nTwo\\nthree.\\n\\nFour."))
    [(0, 4), (5, 15), (17, 22)]
    """
    for block_start, block_end in _split(text, _BLANK_LINE, 0, len(text)):
        lines = list(_split(text, _LINE_BREAK, block_start, block_end))
        current: tuple[int, int] | None = None
        for s, e in lines:
            if current is None:
                current = (s, e)
            elif _CONTINUATION.match(text, s) and not _ENDS_SENTENCE.search(text, *current):
                current = (current[0], e)
            else:
                yield current
                current = (s, e)
        if current is not None:
            yield current


def _split(
    text: str, separator: re.Pattern[str], start: int, end: int
) -> Iterator[tuple[int, int]]:
    """Yield stripped, non-empty (start, end) pieces of text[start:end] between separators."""
    pos = start
    for match in separator.finditer(text, start, end):
        yield from _strip(text, pos, match.start())
        pos = match.end()
    yield from _strip(text, pos, end)


def _strip(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph, after the two news-copy repairs."""
    return [(start + s, start + e) for s, e in _sentence_spans(text[start:end])]


@bounded(maxsize=4096)
def _sentence_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans relative to the paragraph; cached on its text, as the versions of
    a story share most paragraphs word for word."""
    import nupunkt

    spans: list[tuple[int, int]] = []
    for s, e in nupunkt.sent_spans(paragraph):
        for piece in _strip(paragraph, s, e):
            if spans and (
                not _HAS_WORD.search(paragraph, piece[0], piece[1])
                or _TITLE_AT_END.search(paragraph, spans[-1][0], spans[-1][1])
            ):
                spans[-1] = (spans[-1][0], piece[1])
            else:
                spans.append(piece)
    return tuple(spans)
