"""Kinds ``requote`` and ``unquoted``: quotations reproduced differently in the rewrite.

A quotation is the one thing a rewrite must not reword. ``requote`` fires on words
altered, added or dropped inside a quotation that both versions carry (tolerant of
quote style, ellipses and bracketed insertions such as "[the Taliban]"). ``unquoted``
fires when words the reference quotes appear in the rewrite without quotation marks,
so the speaker's words read as the outlet's paraphrase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from rewritelint.kinds import Kind, edit_spans, register_kind
from rewritelint.model import AnnotatedDocument, Edit, Token

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule

_ELLIPSIS = frozenset([".", "…"])


def inside_quote(document: AnnotatedDocument, offset: int) -> bool:
    """Is an offset strictly inside one of the document's quotations?"""
    return any(q.start < offset < q.end for q in document.quotations)


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("punct", "quote")]


def _spelling_variants(old: Sequence[Token], new: Sequence[Token]) -> bool:
    """Words that differ only in British/American spelling ("honored"/"honoured"): a
    house style applied to a quotation, not a change of the speaker's words."""
    from rewritelint.vocabulary import same_word

    return len(old) == len(new) and all(
        same_word(a.norm, b.norm) for a, b in zip(old, new, strict=True)
    )


def _bracketed(tokens: Sequence[Token]) -> bool:
    """An editorial insertion: "[the Taliban]"."""
    return bool(tokens) and tokens[0].text == "[" and tokens[-1].text == "]"


@register_kind
@dataclass(frozen=True)
class Requote(Kind):
    """Fires once per quotation that both versions carry and the rewrite reworded: the
    words altered, added or dropped inside it are marked together, and the message says
    what each change was. Punctuation-only edits, an ellipsis standing for dropped words,
    bracketed insertions and British/American spellings are allowed."""

    name = "requote"
    summary = "words inside a quotation altered, added or dropped"
    cross_version = True
    placeholders = frozenset(["reference", "rewrite", "changes"])

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        changed: dict[int, list[Edit]] = {}  # rewrite quotation -> its reworded edits
        for edit in ctx.edits:
            quotation = self._reworded(ctx, edit)
            if quotation is not None:
                changed.setdefault(quotation, []).append(edit)
        for edits in changed.values():
            spans = [edit_spans(ctx, edit) for edit in edits]
            rewrite_marks = [rewrite for rewrite, _ in spans]
            reference_marks = [reference for _, reference in spans]
            ctx.report(
                rule,
                (min(s for s, _ in rewrite_marks), max(e for _, e in rewrite_marks)),
                {
                    "reference": " ".join(t.text for e in edits for t in e.reference),
                    "rewrite": " ".join(t.text for e in edits for t in e.rewrite),
                    "changes": "; ".join(_change(edit) for edit in edits),
                },
                reference_span=(
                    min(s for s, _ in reference_marks),
                    max(e for _, e in reference_marks),
                ),
                alignment=edits[0].alignment,
                marks=rewrite_marks,
                reference_marks=[m for m in reference_marks if m[0] < m[1]],
            )

    @staticmethod
    def _reworded(ctx: Context, edit: Edit) -> int | None:
        """The index of the rewrite quotation an edit rewords, or None when the edit is
        not inside a quotation on both sides or is an allowed difference."""
        assert ctx.reference is not None
        old, new = _words(edit.reference), _words(edit.rewrite)
        if not old and not new:
            return None
        ref_inside = all(inside_quote(ctx.reference, t.start) for t in edit.reference) and (
            edit.reference or inside_quote(ctx.reference, edit.reference_at - 1)
        )
        rew_inside = all(inside_quote(ctx.rewrite, t.start) for t in edit.rewrite) and (
            edit.rewrite or inside_quote(ctx.rewrite, edit.rewrite_at - 1)
        )
        if not (ref_inside and rew_inside):
            return None
        if not new and all(t.text in _ELLIPSIS for t in edit.rewrite) and edit.rewrite:
            return None  # "..." stands for the dropped words
        if _bracketed(edit.rewrite):
            return None
        if edit.op == "replace" and _spelling_variants(old, new):
            return None
        at = edit.rewrite[0].start if edit.rewrite else edit.rewrite_at - 1
        return next((k for k, q in enumerate(ctx.rewrite.quotations) if q.start < at < q.end), None)


def _change(edit: Edit) -> str:
    """One change in words: "'just' dropped", "'balance' added", "'a' -> 'b'"."""
    old = " ".join(t.text for t in edit.reference)
    new = " ".join(t.text for t in edit.rewrite)
    if not _words(edit.rewrite):
        return f"{old!r} dropped"
    if not _words(edit.reference):
        return f"{new!r} added"
    return f"{old!r} -> {new!r}"


@register_kind
@dataclass(frozen=True)
class Unquoted(Kind):
    """Fires on a run of at least ``min_words`` words that the reference quotes and the
    rewrite repeats word for word without quotation marks."""

    name = "unquoted"
    summary = "quoted words repeated without quotation marks"
    cross_version = True
    placeholders = frozenset(["rewrite", "words"])

    min_words: int = 6
    """Shorter runs ("do more to protect civilians") are common phrases, not a lost
    quotation."""

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for index, pair in enumerate(ctx.alignments):
            if not pair.reference or not pair.rewrite:
                continue
            reference_tokens, rewrite_tokens = ctx.sides(index)
            if sum("quoted" in t.tags for t in reference_tokens) < self.min_words:
                continue  # a cheap first test: most passages quote nothing
            ref = _words(reference_tokens)
            if sum("quoted" in t.tags for t in ref) < self.min_words:
                continue
            rew = _words(rewrite_tokens)
            if all("quoted" in t.tags for t in rew):
                continue  # nothing of the rewrite's passage is outside quotation marks
            before, after = [t.norm for t in ref], [t.norm for t in rew]
            blocks: list[tuple[int, int, int]]
            if before == after:  # an unchanged passage: one block, no need to match
                blocks = [(0, 0, len(ref)), (len(ref), len(rew), 0)]
            else:
                matcher = SequenceMatcher(None, before, after, autojunk=False)
                blocks = [(m.a, m.b, m.size) for m in matcher.get_matching_blocks()]
            for i, j, size in blocks:
                run: list[Token] = []
                for k in range(size + 1):
                    a = ref[i + k] if k < size else None
                    b = rew[j + k] if k < size else None
                    if (
                        a is not None
                        and b is not None
                        and "quoted" in a.tags
                        and "quoted" not in b.tags
                    ):
                        run.append(b)
                        continue
                    if len(run) >= self.min_words:
                        ctx.report(
                            rule,
                            (run[0].start, run[-1].end),
                            {"rewrite": " ".join(t.text for t in run), "words": len(run)},
                            reference_span=(ref[i + k - len(run)].start, ref[i + k - 1].end),
                            alignment=index,
                        )
                    run = []
