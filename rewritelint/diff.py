"""Stage 5, diff: aligned passages -> [Edit].

Word-level differences inside each aligned pair, compared on normalised tokens
(so "nine"/"9" and curly/straight quotes are equal) and reported with the raw
tokens on both sides. Identical pairs — the common case — are skipped without a
diff. difflib runs with ``autojunk=False``: on word lists its "popular item"
heuristic would junk "the" and "said" and misplace edits in long passages.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from difflib import SequenceMatcher

from rewritelint.model import Alignment, AnnotatedDocument, Edit, Token


def side_tokens(document: AnnotatedDocument, passages: Sequence[int]) -> tuple[Token, ...]:
    """The tokens of some passages, in document order."""
    if len(passages) == 1:  # the common case: one passage's tokens, already a tuple
        return document.tokens[passages[0]]
    return tuple(t for p in sorted(passages) for t in document.tokens[p])


def diff(
    reference: AnnotatedDocument,
    rewrite: AnnotatedDocument,
    alignments: Sequence[Alignment],
) -> list[Edit]:
    """Edits of every two-sided alignment, in alignment order."""
    edits: list[Edit] = []
    for index, alignment in enumerate(alignments):
        if alignment.reference and alignment.rewrite:
            edits.extend(
                diff_tokens(
                    side_tokens(reference, alignment.reference),
                    side_tokens(rewrite, alignment.rewrite),
                    index,
                )
            )
    return edits


def diff_tokens(a: Sequence[Token], b: Sequence[Token], alignment: int = -1) -> list[Edit]:
    """Word-level edits turning token list ``a`` (reference) into ``b`` (rewrite)."""
    a_norm = [t.norm for t in a]
    b_norm = [t.norm for t in b]
    if a_norm == b_norm:
        return []
    matcher = SequenceMatcher(None, a_norm, b_norm, autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        edits.append(
            Edit(
                op,
                tuple(a[i1:i2]),
                tuple(b[j1:j2]),
                _anchor(a, i1),
                _anchor(b, j1),
                alignment,
            )
        )
    return edits


def _anchor(tokens: Sequence[Token], i: int) -> int:
    """Offset where position ``i`` of a token list sits (after the last token at the end)."""
    if i < len(tokens):
        return tokens[i].start
    return tokens[-1].end if tokens else 0


def unchanged_around(before: Sequence[Token], after: Sequence[Token], edit: Edit) -> int:
    """How many words right before and right after an edit are the same in both
    versions (``before``/``after``: the aligned passages' tokens). Few means the edit
    sits in a sentence said in other words; many, in a sentence otherwise unchanged."""
    i = bisect_left(before, edit.reference_at, key=_start)
    j = bisect_left(after, edit.rewrite_at, key=_start)
    same = 0
    a, b = i - 1, j - 1
    while a >= 0 and b >= 0 and before[a].norm == after[b].norm:
        same += before[a].kind == "word" or before[a].kind == "number"
        a, b = a - 1, b - 1
    a, b = i + len(edit.reference), j + len(edit.rewrite)
    while a < len(before) and b < len(after) and before[a].norm == after[b].norm:
        same += before[a].kind == "word" or before[a].kind == "number"
        a, b = a + 1, b + 1
    return same


def token_at(tokens: Sequence[Token], token: Token) -> int | None:
    """The index of ``token`` among ``tokens`` (in document order), or None."""
    k = bisect_left(tokens, token.start, key=_start)
    return k if k < len(tokens) and tokens[k].start == token.start else None


def _start(token: Token) -> int:
    return token.start
