"""Fitting a passage to the terminal: a window of words around what changed.

The full text form shows, under each finding, the aligned passages with the change
marked. Whole passages drown the change (the README's quick start printed 5,000 carets),
so each passage is cut to a few words either side of its marks — fewer when the line
would pass the terminal's width — with "…" where text was left out, and wrapped onto at
most ``MAX_LINES`` lines when the change itself is longer than a line (as ``git diff
--word-diff`` shows a changed word in its line, not the file).
"""

from __future__ import annotations

import re

from rewritelint.model import Excerpt

CONTEXT_WORDS = 6
"""Words kept either side of a change, at most."""
MAX_LINES = 3
"""Lines a side of a finding may take."""
_WORD = re.compile(r"\S+")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def flat(text: str) -> str:
    """Line breaks shown as ``⏎`` on one display line (not yet escaped: cut, then escape).

    >>> flat("KABUL -\\nThey captured nine. ")
    'KABUL - ⏎ They captured nine. '
    """
    return _BREAKS.sub(" ⏎ ", text)


def window(excerpt: Excerpt, width: int, context: int = CONTEXT_WORDS) -> Excerpt:
    """The excerpt cut to ``context`` words either side of its marks, fewer until it fits
    ``width`` (line breaks counted as " ⏎ "); marks shifted to the cut text.

    >>> text = "They have captured nine provincial centers from government forces."
    >>> window(Excerpt(text, ((19, 23),)), 80).text == text
    True
    >>> window(Excerpt(text, ((19, 23),)), 40)
    Excerpt(text='…have captured nine provincial centers…', marks=((15, 19),))
    """
    marks = tuple((s, e) for s, e in excerpt.marks if 0 <= s < e <= len(excerpt.text))
    if not marks:
        return _head(excerpt, width)
    if visible_length(flat(excerpt.text.strip())) <= width:
        return excerpt  # the whole passage fits: nothing to leave out
    for words in range(context, -1, -1):
        cut = _cut(excerpt.text, marks, words)
        if visible_length(flat(cut.text)) <= width or words == 0:
            return cut
    return cut  # pragma: no cover - the loop always returns


def _cut(text: str, marks: tuple[tuple[int, int], ...], words: int) -> Excerpt:
    """``text`` from ``words`` words before the first mark to ``words`` after the last."""
    first, last = marks[0][0], max(e for _, e in marks)
    before = [m.start() for m in _WORD.finditer(text, 0, first) if m.end() <= first]
    after = [m.end() for m in _WORD.finditer(text, last)]
    start = first if not words else before[-words] if len(before) >= words else 0
    end = last if not words else after[words - 1] if len(after) >= words else len(text)
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start - lead
    kept = tuple((s + shift, e + shift) for s, e in marks if s >= start and e <= end)
    return Excerpt(prefix + piece.strip() + suffix, kept)


def _head(excerpt: Excerpt, width: int) -> Excerpt:
    """A passage with nothing marked: its first ``MAX_LINES`` lines' worth."""
    limit = width * MAX_LINES
    text = excerpt.text.strip()
    return Excerpt(text if len(text) <= limit else text[: limit - 1].rstrip() + "…", ())


def visible_length(text: str) -> int:
    """Characters a terminal shows (colour codes take no room)."""
    return len(_ANSI.sub("", text))


def wrap(line: str, width: int, lines: int = MAX_LINES) -> list[str]:
    """A display line (colour codes allowed) broken at spaces into at most ``lines``
    lines of ``width`` visible characters; what does not fit ends in "…" (as a window's
    cut does: "…captured nine provincial centers…").

    >>> wrap("one two three four five six", 9, 2)
    ['one two', 'three…']
    """
    if visible_length(line) <= width:
        return [line]
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and visible_length(candidate) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = _ellipsis(out[-1], width)
    return out


def _ellipsis(line: str, width: int) -> str:
    """``line`` ending in "…" within ``width`` visible characters (cut at a space)."""
    while visible_length(line) > width - 1 and " " in line:
        line = line.rsplit(" ", 1)[0]
    return line.rstrip(" ,;:") + "…"
