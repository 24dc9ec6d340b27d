"""Where a document's quotations are: spans of quoted words, per paragraph.

Part of annotate (a token inside a quotation is tagged ``quoted``), kept apart because
it reads characters, not tokens: scraped and machine-translated text mixes curly and
straight marks, reverses them and leaves quotations open, and the roles of the marks are
decided here before any word is classified.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rewritelint.model import Passage, Quotation

DOUBLE_QUOTES = frozenset('"“”„‟«»')
"""Every double quotation mark, curly, straight, low or angled."""
_DOUBLE_QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(DOUBLE_QUOTES))) + "]")
"""Any double quotation mark: the quotation finder visits only these characters."""


def find_quotations(text: str, passages: Sequence[Passage]) -> list[Quotation]:
    """Quotation spans per paragraph, tolerant of the forms scrapers produce.

    A double mark is an opener when it follows a space, a paragraph start or an
    opening bracket and precedes a non-space, whatever its glyph (so a reversed
    ``”`` opens); otherwise it closes. A quotation left open at the end of its
    paragraph is closed there and marked ``closed=False``.
    """
    result: list[Quotation] = []
    paragraphs: dict[int, tuple[int, int]] = {}
    for p in passages:
        s, e = paragraphs.get(p.paragraph, (p.start, p.end))
        paragraphs[p.paragraph] = (min(s, p.start), max(e, p.end))
    for start, end in paragraphs.values():
        opened: int | None = None
        for mark in _DOUBLE_QUOTE_MARK.finditer(text, start, end):
            pos = mark.start()
            ch = text[pos]
            before = text[pos - 1] if pos > start else " "
            after = text[pos + 1] if pos + 1 < end else " "
            space_before = before.isspace() or before in "([{—–-"
            space_after = after.isspace() or after in ".,;:!?)]}—–"
            if space_before and not space_after:
                role = "open"
            elif space_after and not space_before:
                role = "close"
            else:  # spaced on both sides or neither: decide by whether a quote is open
                role = "close" if opened is not None else "open"
            if opened is None:
                if role == "open" or ch in "“„«":
                    opened = pos
            elif role == "close":
                result.append(Quotation(opened, pos + 1, True))
                opened = None
            elif text[opened] == "”" and ch == "“":
                # A reversed pair (” inclusive “) as machine translation leaves it.
                result.append(Quotation(opened, pos + 1, True))
                opened = None
            else:
                result.append(Quotation(opened, pos, False))
                opened = pos
        if opened is not None:
            result.append(Quotation(opened, end, False))
    return result
