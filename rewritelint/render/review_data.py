"""The review page's data: a :class:`rewritelint.review.Review` -> the JSON its script reads.

The page's script draws the cards from this data, a page of them at a time, so a report
with thousands of findings is a few megabytes that load in a second instead of a page of
every card's HTML. To keep it small, every text of the stories (passages, flagged words,
quotes, the cards' one-line summaries) is stored once in ``texts``, and every file path
once in ``paths``, and referred to by its index: the versions of a story share most
sentences word for word, and a passage is on its card, in the aligned view and in the
baseline fields. The findings are columns (``findings.rule`` is every finding's rule, in
card order), not one object per finding.

A shown text is ``[text, marks]`` or ``[text, marks, 1]`` for a whole passage left out or
added: ``text`` an index into ``texts``; ``marks`` the flagged spans as a flat list of
start, end offsets in UTF-16 code units (JavaScript's string offsets), or null when all
of the text is flagged.

Like the HTML, this only formats: what is on which card, in what order, comes decided in
the ``Review``; the same review gives the same data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from rewritelint.baseline import EXPORTED_NAME, Entry
from rewritelint.model import SEVERITIES, Location
from rewritelint.review import Aligned, Card, Review, Section, Shown, StoryView

DATA_VERSION = 2
"""Bumped when a key of the data changes meaning (the script checks it)."""
LAYOUTS = ("omitted", "added", "pair", "single")
ROW_KINDS = ("same", "changed", "added", "omitted")
FINDING_COLUMNS = (
    "severity",  # index into "severities"
    "category",  # index into "categories"
    "rule",  # index into "rules"
    "message",
    "version",  # index into "paths" (and "recorded"): the finding's file
    "line",
    "column",
    "ref",  # [path index, line, column] of the reference text, or null
    "fingerprint",
    "text",  # index into "texts": the flagged text (the baseline's "text")
    "reference",  # index into "texts" or null: the reference text (the baseline's)
    "layout",  # index into "layouts"
    "left",  # a shown text or null: the reference side
    "right",  # a shown text or null: the rewrite side
    "quote",  # index into "texts" or null: quoted on the reference line
    "context",  # index into "texts" or null: the rewrite near a left-out passage
    "mine",  # 1: the finding is in the story's reference itself
    "fold",  # index into "texts" or null: the card's one line until opened
    "score",  # the report's score, or null
)

PIECE = 24
"""Characters a stored text must have to be a piece of a longer one (and the length of
the prefix it is looked up by)."""

# The start of the next word: a non-space character after a space.
_NEXT_WORD = re.compile(r"(?<=\s)\S")
# A character outside the Basic Multilingual Plane: two UTF-16 code units in JavaScript.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Texts:
    """Every distinct text of the page once, in order of first use. A long text made
    mostly of texts already stored (a run of passages left out is the passages of the
    aligned view, one after another) is stored as its pieces: indices of those texts and
    the strings between them, which the script joins.

    >>> texts = Texts()
    >>> texts.id("nine"), texts.id("five"), texts.id("nine"), texts.items
    (0, 1, 0, ['nine', 'five'])
    >>> one, two = "Insurgents captured nine provincial capitals.", "Officials said so today."
    >>> texts.id(one), texts.id(two), texts.id(one + "\\n\\n" + two + " More."), texts.items[-1]
    (2, 3, 4, [2, '\\n\\n', 3, ' More.'])
    """

    def __init__(self) -> None:
        self.items: list[str | list[int | str]] = []
        self._ids: dict[str, int] = {}
        self._plain: list[str] = []
        self._starts: dict[str, list[int]] = {}

    def id(self, text: str) -> int:
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self.items)
            pieces = self._pieces(text) if len(text) >= 2 * PIECE else None
            self.items.append(pieces or text)
            self._plain.append(text)
            if len(text) >= PIECE:
                self._starts.setdefault(text[:PIECE], []).append(found)
        return found

    def _pieces(self, text: str) -> list[int | str] | None:
        """``text`` as stored texts and the strings between them; None when stored texts
        make less than half of it."""
        pieces: list[int | str] = []
        pos = covered = 0
        while pos < len(text):
            best = -1
            for k in self._starts.get(text[pos : pos + PIECE], ()):
                longer = best < 0 or len(self._plain[k]) > len(self._plain[best])
                if longer and text.startswith(self._plain[k], pos):
                    best = k
            if best >= 0:
                pieces.append(best)
                pos += len(self._plain[best])
                covered += len(self._plain[best])
                continue
            word = _NEXT_WORD.search(text, pos + 1)
            end = word.start() if word else len(text)
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += text[pos:end]
            else:
                pieces.append(text[pos:end])
            pos = end
        return pieces if covered * 2 >= len(text) else None

    def optional(self, text: str | None) -> int | None:
        """The index of a text, or None for none (or an empty one)."""
        return self.id(text) if text else None

    def shown(self, shown: Shown | None) -> list[Any] | None:
        if shown is None:
            return None
        marks = (
            None
            if shown.marks is None
            else [o for span in shown.marks for o in utf16(shown.text, span)]
        )
        item: list[Any] = [self.id(shown.text), marks]
        if shown.whole:
            item.append(1)
        return item


def utf16(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A span of code points as JavaScript counts it (UTF-16 code units).

    >>> utf16("a\U0001f600 five", (3, 7))
    (4, 8)
    """
    if not _ASTRAL.search(text, 0, span[1]):
        return span
    start, end = span
    return (
        start + len(_ASTRAL.findall(text, 0, start)),
        end + len(_ASTRAL.findall(text, 0, end)),
    )


def page_data(review: Review) -> dict[str, Any]:
    """What the page's script reads; its keys are the script's contract."""
    texts = Texts()
    paths = list(review.versions)
    path_ids = {p: k for k, p in enumerate(paths)}

    def path_id(path: str) -> int:
        if path not in path_ids:
            path_ids[path] = len(paths)
            paths.append(path)
        return path_ids[path]

    severities = {s: k for k, s in enumerate(SEVERITIES)}
    categories = [c.value for c in review.categories]
    category_ids = {c: k for k, c in enumerate(categories)}
    rule_ids = {r: k for k, r in enumerate(review.rules)}
    columns: dict[str, list[Any]] = {name: [] for name in FINDING_COLUMNS}
    # The aligned views first: their passages are the pieces of the cards' longer texts.
    stories = [_story(s, texts, path_id) for s in review.stories]
    cards = [c for s in review.stories for section in s.sections for c in section.cards]
    for number, (card, item) in enumerate(zip(cards, review.items, strict=True)):
        if card.number != number:
            raise ValueError(f"card {card.number} is the page's finding {number}")
        f, loc = card.finding, card.finding.location
        row = {
            "severity": severities[f.severity],
            "category": category_ids[f.category],
            "rule": rule_ids[f.rule],
            "message": f.message,
            "version": item.version,
            "line": loc.line,
            "column": loc.column,
            "ref": _where(f.reference, path_id),
            "fingerprint": f.fingerprint,
            "text": texts.id(item.text),
            "reference": None if item.reference is None else texts.id(item.reference),
            "layout": LAYOUTS.index(card.layout),
            "left": texts.shown(card.left),
            "right": texts.shown(card.right),
            "quote": texts.optional(card.quote),
            "context": texts.optional(card.context),
            "mine": int(card.in_reference),
            "fold": texts.optional(card.fold),
            "score": card.score,
        }
        for name in FINDING_COLUMNS:
            columns[name].append(row[name])
    return {
        "version": DATA_VERSION,
        "command": review.command,
        "baseline_name": EXPORTED_NAME,
        "complete_paths": list(review.complete_paths),
        "baseline": [entry_object(e) for e in review.baseline],
        "severities": list(SEVERITIES),
        "categories": categories,
        "rules": list(review.rules),
        "layouts": list(LAYOUTS),
        "row_kinds": list(ROW_KINDS),
        "versions": len(review.versions),
        "recorded": list(review.recorded),
        "stories": stories,
        "findings": columns,
        "paths": paths,
        "texts": texts.items,
    }


PathId = Callable[[str], int]
"""The index of a path in the data's ``paths`` (added on first use)."""


def _where(loc: Location | None, path_id: PathId) -> list[int] | None:
    return None if loc is None else [path_id(loc.path), loc.line, loc.column]


def _story(s: StoryView, texts: Texts, path_id: PathId) -> dict[str, Any]:
    return {
        "id": s.id,
        "reason": s.reason,
        "reference": None if s.reference is None else path_id(s.reference),
        "first": path_id(s.first),
        "findings": s.finding_count,
        "counts": [list(c) for c in s.counts],
        "versions": [
            {
                "path": path_id(v.path),
                "role": v.role,
                "anchor": v.anchor,
                "similarity": v.similarity,
                "counts": [list(c) for c in v.counts],
                "score": v.score,
            }
            for v in s.versions
        ],
        "consensus": [
            {"path": path_id(d.path), "line": d.line, "values": [list(v) for v in d.values]}
            | {"odd": [path_id(p) for p in d.odd]}
            for d in s.consensus
        ],
        "sections": [_section(section, texts, path_id) for section in s.sections],
    }


def _section(section: Section, texts: Texts, path_id: PathId) -> dict[str, Any]:
    cards: Sequence[Card] = section.cards
    return {
        "path": path_id(section.path),
        "role": section.role,
        "anchor": section.anchor,
        "similarity": section.similarity,
        "aligned": None if section.aligned is None else _aligned(section.aligned, texts),
        "start": cards[0].number if cards else None,
        "count": len(cards),
    }


def _aligned(view: Aligned, texts: Texts) -> dict[str, Any]:
    """The rows: ``[kind, reference side, rewrite side]``, or for a passage the rewrite
    kept word for word (most rows) the index of its text alone."""
    rows: list[Any] = []
    for r in view.rows:
        ref = r.reference
        if r.kind == "same" and ref is not None and ref == r.rewrite == Shown(ref.text, ()):
            rows.append(texts.id(ref.text))
        else:
            rows.append([ROW_KINDS.index(r.kind), texts.shown(r.reference), texts.shown(r.rewrite)])
    return {
        "rows": rows,
        "changed": view.changed,
        "added": view.added,
        "omitted": view.omitted,
    }


def entry_object(e: Entry) -> dict[str, Any]:
    """An entry as the baseline file writes it (no ``note`` key when there is none)."""
    item: dict[str, Any] = {
        "path": e.path,
        "rule": e.rule,
        "fingerprint": e.fingerprint,
        "text": e.text,
        "reference": e.reference,
    }
    if e.note:
        item["note"] = e.note
    return item
