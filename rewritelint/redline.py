"""Redlines people read: the changed stretches of two passages, as an editor marks them.

The rules need token edits (difflib over normalised tokens, ``diff.py``): "nine" -> "9"
is no edit there, and each replaced value is its own token. A reader needs something
else: one mark per changed stretch, not a bracket round every word of it. This module
runs diff-match-patch over *words* (each distinct word, space run or punctuation mark
encoded as one character, the library's line-mode trick applied to words) and applies
its semantic cleanup, which folds the one-word equalities that make a redline choppy
into the changes around them. Measured on 172 changed passage pairs of BASIL's
same-story articles: 4.2 marks a pair instead of 31 (one per changed token), 0.8 ms a
pair; the character diff with the same cleanup gave 5.6 marks and cut words in two, at
3.3 ms. Used for the review page's aligned view; a finding's own window and card mark
the fact its rule compared.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

DIFF_TIMEOUT = 0.05
"""Seconds diff-match-patch may spend on one pair of passages before it settles for a
coarser diff (a sentence pair takes about a millisecond)."""

Spans = tuple[tuple[int, int], ...]

_PIECE = re.compile(r"\w+|\s+|[^\w\s]")
_PRIVATE = (0xE000, 0xF8FF)
"""The private-use characters words are encoded as; the supplementary planes' private
use area continues where this one ends."""


def redline(old: str, new: str) -> tuple[Spans, Spans]:
    """The changed stretches of ``old`` and ``new`` (character offsets), whole words,
    with their outer spaces left out.

    >>> old, new = "They have captured nine provinces.", "They captured five provinces."
    >>> [[text[s:e] for s, e in side] for text, side in zip((old, new), redline(old, new))]
    [['have', 'nine'], ['five']]
    >>> redline("the Afghan people", "the Afghans people")
    (((4, 10),), ((4, 11),))
    >>> redline("same text", "same text")
    ((), ())
    """
    if old == new:
        return (), ()
    codes: dict[str, str] = {}
    old_pieces, new_pieces = _PIECE.findall(old), _PIECE.findall(new)
    engine = diff_match_patch()
    engine.Diff_Timeout = DIFF_TIMEOUT
    diffs = engine.diff_main(_encode(old_pieces, codes), _encode(new_pieces, codes), False)
    engine.diff_cleanupSemantic(diffs)
    removed: list[tuple[int, int]] = []
    added: list[tuple[int, int]] = []
    i = j = at_old = at_new = 0  # pieces and characters consumed on each side
    for op, encoded in diffs:
        n = len(encoded)
        if op != engine.DIFF_INSERT:
            width = sum(map(len, old_pieces[i : i + n]))
            if op == engine.DIFF_DELETE:
                removed.append((at_old, at_old + width))
            at_old, i = at_old + width, i + n
        if op != engine.DIFF_DELETE:
            width = sum(map(len, new_pieces[j : j + n]))
            if op == engine.DIFF_INSERT:
                added.append((at_new, at_new + width))
            at_new, j = at_new + width, j + n
    return _trimmed(old, removed), _trimmed(new, added)


def _encode(pieces: list[str], codes: dict[str, str]) -> str:
    """Each piece as one character, the same piece always the same character."""
    out = []
    for piece in pieces:
        code = codes.get(piece)
        if code is None:
            n = len(codes)
            room = _PRIVATE[1] - _PRIVATE[0] + 1
            code = chr(_PRIVATE[0] + n) if n < room else chr(0xF0000 + n - room)
            codes[piece] = code
        out.append(code)
    return "".join(out)


def _trimmed(text: str, spans: list[tuple[int, int]]) -> Spans:
    """Spans without their outer spaces; spans of spaces alone dropped."""
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return tuple(out)
