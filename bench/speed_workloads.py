"""The pair workloads of the speed benchmark: the real pairs of ``seeds/``; identical copies of
corpus text; light synthetic rewrites of it with one changed number and one dropped sentence at
known offsets, so that what rewritelint finds can be scored; and heavy rewrites, other outlets'
reports of the same BASIL story, alone or several stories stitched together (``speed.py``'s
docstring says what each workload stands for)."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import drift_layout
from corpus import ROOT

SEED_PAIRS = (("004", "003"), ("001", "000"), ("002", "000"))
"""(rewrite, reference) file prefixes in ``seeds/``."""
DROP_MIN_WORDS = 4
"""Shortest sentence dropped: passage-omitted's ``min_words``, shorter cuts are meant to pass."""

# A digit string that is a whole number on its own: not part of "1,500", "3.5", "4:59", "9/11",
# "2-1", "1990s" or "2nd", so that +1 changes exactly one value.
_PLAIN_NUMBER = re.compile(r"(?<![\w.,:/\-–])\d+(?![\w:/\-–]|[.,]\d)")
# Years are left to date rules (rewritelint tokenises them as kind "year", not "number").
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_PARAGRAPH_BREAK = re.compile(r"(\n\s*\n|\n)")
_CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_WORD = re.compile(r"\S+")
_MARK_OPEN, _MARK_CLOSE = "\x01", "\x02"
"""Bracket the injected number while the rewrite is built, to find its final offset."""
STITCH_SLACK = 0.2
"""A stitched heavy pair whose reference is further than this share from its target (the
corpus's leftover stories) is dropped: it would not be a pair of that size."""
_T = TypeVar("_T")


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Injected:
    """What a synthetic rewrite changed, as offsets, so findings can be checked against it."""

    old: str
    new: str
    start: int
    """Offset of the changed number in the rewrite (``new``); -1 when no number was changed."""
    end: int
    dropped: tuple[int, int] | None
    """Offsets of the dropped sentence in the reference."""


@dataclass(frozen=True)
class Pair:
    """One check: ``rewrite`` against ``reference``; ids let a shared reference be prepared once."""

    name: str
    reference_id: str
    reference: str
    rewrite_id: str
    rewrite: str
    injected: Injected | None = None

    @property
    def words(self) -> int:
        return len(self.reference.split()) + len(self.rewrite.split())


# --- inputs -----------------------------------------------------------------------------------


def seed_path(prefix: str) -> Path:
    """The one file of ``seeds/`` whose name starts with ``prefix`` ("004" -> 004_<hash>.txt)."""
    (path,) = sorted((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    return path


def seed_pairs() -> list[Pair]:
    """The real rewrite/reference pairs shipped in ``seeds/`` (UTF-8 files)."""

    def read(prefix: str) -> str:
        return seed_path(prefix).read_bytes().decode("utf-8-sig")

    return [
        Pair(f"seeds {rew} vs {ref}", ref, read(ref), rew, read(rew)) for rew, ref in SEED_PAIRS
    ]


def _stories(basil: Sequence[dict[str, Any]]) -> dict[str, dict[int, dict[str, Any]]]:
    """BASIL articles by story id, then version number."""
    stories: dict[str, dict[int, dict[str, Any]]] = {}
    for article in basil:
        stories.setdefault(article["story_id"], {})[int(article["version"])] = article
    return stories


def same_story_pairs(basil: Sequence[dict[str, Any]]) -> list[Pair]:
    """Version 1 of each BASIL story against versions 2 and 3: different outlets, one event."""
    stories = _stories(basil)
    pairs = []
    for story_id in sorted(stories):
        versions = stories[story_id]
        if 1 not in versions:
            continue
        ref = versions[1]
        for number in sorted(v for v in versions if v != 1):
            rew = versions[number]
            pairs.append(
                Pair(f"{rew['id']} vs {ref['id']}", ref["id"], ref["text"], rew["id"], rew["text"])
            )
    return pairs


def stitched_story_pairs(basil: Sequence[dict[str, Any]], target: int) -> list[Pair]:
    """Heavy rewrites of about ``target`` words: consecutive BASIL stories (by id) whose
    version-1 texts, joined, come nearest ``target`` words make the reference; the same
    stories' version-2 texts in the same order make one rewrite, their version-3 texts another
    (both share the reference, as in ``same_story_pairs``). Whole articles, never cut."""
    stories = [v for _, v in sorted(_stories(basil).items()) if {1, 2, 3} <= v.keys()]
    groups: list[list[dict[int, dict[str, Any]]]] = [[]]
    words = 0
    for story in stories:
        size = len(story[1]["text"].split())
        if groups[-1] and abs(words - target) <= abs(words + size - target):
            groups.append([])
            words = 0
        groups[-1].append(story)
        words += size
    pairs = []
    for index, group in enumerate(groups):

        def joined(version: int, group: list[dict[int, dict[str, Any]]] = group) -> str:
            return "\n\n".join(story[version]["text"].strip() for story in group)

        reference = joined(1)
        if abs(len(reference.split()) - target) > STITCH_SLACK * target:
            continue
        name = f"heavy-{target} #{index}"
        for version in (2, 3):
            pairs.append(
                Pair(
                    f"{name} v{version}",
                    f"{name} v1",
                    reference,
                    f"{name} v{version}",
                    joined(version),
                )
            )
    return pairs


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans by nupunkt, rewritelint's own splitter: a plain regex cuts "Gov." off a
    name, and dropping such a fragment would test nothing."""
    return [(s, e) for s, e, _ in drift_layout.sentence_spans(text, [(0, len(text))])]


def truncate_at_sentence(text: str, target: int) -> str:
    """Cut ``text`` at the first sentence end after ``target`` words (whole text if none)."""
    words = list(_WORD.finditer(text))
    if len(words) <= target:
        return text
    after = words[target - 1].end()
    end = next((e for _, e in sentence_spans(text) if e >= after), len(text))
    return text[:end]


def build_chunks(articles: Sequence[dict[str, Any]], target: int) -> list[str]:
    """Reference texts of about ``target`` words: articles in story order, concatenated until
    long enough, then cut at a sentence end (the rest of the last article is not reused)."""
    chunks: list[str] = []
    parts: list[str] = []
    words = 0
    for article in articles:
        text = article["text"].strip()
        parts.append(text)
        words += len(text.split())
        if words >= target:
            chunks.append(truncate_at_sentence("\n\n".join(parts), target))
            parts, words = [], 0
    return chunks


# --- synthetic rewrites -----------------------------------------------------------------------


def make_rewrite(reference: str, rng: random.Random) -> tuple[str, Injected]:
    """A deterministic near-copy of ``reference``: the four edits a rewrite desk typically makes.

    All choices are made on the reference's own paragraphs (so the dropped sentence's reference
    offsets are exact) and applied afterwards; the changed number is bracketed with marks while
    paragraphs move, then its final offset is read off and the marks removed.
    """
    pieces = _PARAGRAPH_BREAK.split(reference)
    paragraphs, breaks = pieces[0::2], pieces[1::2]
    starts, offset = [], 0
    for index, paragraph in enumerate(paragraphs):
        starts.append(offset)
        offset += len(paragraph) + (len(breaks[index]) if index < len(breaks) else 0)

    edits: dict[int, list[tuple[int, int, str]]] = {}
    numbers = [
        (p, m)
        for p, paragraph in enumerate(paragraphs)
        for m in _PLAIN_NUMBER.finditer(paragraph)
        if not _YEAR.fullmatch(m.group())
    ]
    old = new = ""
    number_at: tuple[int, int] | None = None
    if numbers:
        p, match = rng.choice(numbers)
        old, new = match.group(), str(int(match.group()) + 1)
        number_at = (p, match.start())
        edits.setdefault(p, []).append((match.start(), match.end(), _MARK_OPEN + new + _MARK_CLOSE))

    sentences = [
        (p, s, e)
        for p, spans in enumerate(sentence_spans(paragraph) for paragraph in paragraphs)
        for s, e in spans
        if len(spans) > 1
        and len(paragraphs[p][s:e].split()) >= DROP_MIN_WORDS
        and not (number_at and number_at[0] == p and s <= number_at[1] < e)
    ]
    dropped = None
    if sentences:
        p, s, e = rng.choice(sentences)
        cut = e
        while cut < len(paragraphs[p]) and paragraphs[p][cut].isspace():
            cut += 1
        edits.setdefault(p, []).append((s, cut, ""))
        dropped = (starts[p] + s, starts[p] + e)

    for p, changes in edits.items():
        text = paragraphs[p]
        for s, e, replacement in sorted(changes, reverse=True):
            text = text[:s] + replacement + text[e:]
        paragraphs[p] = text.rstrip()

    curly = [
        p for p, paragraph in enumerate(paragraphs) if paragraph.translate(_CURLY) != paragraph
    ]
    if curly:
        p = rng.choice(curly)
        paragraphs[p] = paragraphs[p].translate(_CURLY)
    if len(paragraphs) > 1:
        i, j = rng.sample(range(len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]

    text = "".join(
        paragraph + (breaks[k] if k < len(breaks) else "") for k, paragraph in enumerate(paragraphs)
    )
    start = text.find(_MARK_OPEN)
    text = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    end = start + len(new) if start >= 0 else -1
    return text, Injected(old, new, start, end, dropped)


def light_pairs(chunks: Sequence[str], target: int) -> list[Pair]:
    """Each reference chunk of ~``target`` words with its seeded synthetic rewrite."""
    rng = random.Random(0)
    pairs = []
    for index, reference in enumerate(chunks):
        rewrite, injected = make_rewrite(reference, rng)
        name = f"light-{target} #{index}"
        pairs.append(Pair(name, f"{name} ref", reference, f"{name} rew", rewrite, injected))
    return pairs


def identical_pairs(chunks: Sequence[str], target: int) -> list[Pair]:
    """Each reference chunk against an exact copy of itself under its own id, so the copy is
    loaded and prepared as a document of its own, as a real unchanged rewrite would be."""
    pairs = []
    for index, reference in enumerate(chunks):
        name = f"identical-{target} #{index}"
        pairs.append(Pair(name, f"{name} ref", reference, f"{name} copy", reference))
    return pairs


def sample(items: list[_T], limit: int | None) -> list[_T]:
    """Evenly spaced items (deterministic), so --quick still spans both corpora."""
    if limit is None or len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(k * step)] for k in range(limit)]
