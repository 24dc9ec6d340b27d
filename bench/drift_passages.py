"""Drift in whole passages and on the surface: a sentence omitted or invented, scraper
residue and stray punctuation, eggcorns, doubled words and misspellings."""

from __future__ import annotations

import random
import re

from drift_layout import QUOTE_CHARS, Edit, Layout, Plan, lowercase_first, match_case, pick_site
from drift_lexicon import (
    ADDED_SENTENCES,
    EGGCORN_ADVERBIALS,
    EGGCORNS,
    PROTECTED_WORDS,
    RESIDUE,
    SENTENCE_STARTERS,
)

# --- omission and addition --------------------------------------------------------------------


def inject_omission(layout: Layout, rng: random.Random) -> Plan | None:
    """A whole sentence of twelve words or more is deleted (not from the first paragraph)."""
    text = layout.text
    plans = []
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for s, e, p in layout.sentences:
        by_paragraph.setdefault(p, []).append((s, e))
    for p, sentences in by_paragraph.items():
        if p == 0:
            continue
        ps, pe = layout.paragraphs[p]
        for i, (s, e) in enumerate(sentences):
            sentence = text[s:e]
            if len(sentence.split()) < 12 or not layout.free(s, e):
                continue
            if not re.match(r"[\"“(]?[A-Z0-9]", sentence) or sentence[-1] not in '.!?"”':
                continue  # a fragment of a bad sentence split, not a sentence
            if sum(sentence.count(q) for q in QUOTE_CHARS) % 2:
                continue
            if len(sentences) == 1:
                if p + 1 < len(layout.paragraphs):
                    cut = (ps, layout.paragraphs[p + 1][0])
                else:
                    cut = (layout.paragraphs[p - 1][1], pe)
            elif i + 1 < len(sentences):
                cut = (s, sentences[i + 1][0])
            else:
                cut = (sentences[i - 1][1], e)
            plans.append(Plan((Edit(cut[0], cut[1], ""),), span="join", removed=sentence))
    return pick_site(rng, plans)


def paragraph_gaps(layout: Layout) -> list[int]:
    """Offsets just after a paragraph where a new paragraph can go (not before the lead)."""
    return [
        e
        for (_, e), (s2, _) in zip(layout.paragraphs, layout.paragraphs[1:], strict=False)
        if layout.free(e - 1, e)
    ]


def inject_addition(layout: Layout, rng: random.Random) -> Plan | None:
    """An invented sentence is inserted as a paragraph of its own."""
    gaps = paragraph_gaps(layout)
    if not gaps:
        return None
    at = rng.choice(gaps)
    sentence = rng.choice(ADDED_SENTENCES)
    return Plan((Edit(at, at, layout.separator + sentence),))


# --- artifacts --------------------------------------------------------------------------------

_ABBREVIATED_END = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|Inc|Co|No|vs)\.$")


def inject_artifact_residue(layout: Layout, rng: random.Random) -> Plan | None:
    """Scraper residue ("[ad_1]", "Source link", …) on a line of its own."""
    gaps = [*paragraph_gaps(layout), len(layout.text.rstrip())]
    at = rng.choice(gaps)
    residue = rng.choice(RESIDUE)
    sep = rng.choice((layout.separator, "\n"))
    return Plan((Edit(at, at, sep + residue),))


def inject_artifact_punctuation(layout: Layout, rng: random.Random) -> Plan | None:
    """A sentence-final period is doubled (". ." or "..")."""
    text = layout.text
    plans = []
    for s, e, _ in layout.sentences:
        sentence_end = text[e - 1] == "." and text[e - 2].isalpha()
        if sentence_end and layout.free(s, e) and not _ABBREVIATED_END.search(text[s:e]):
            plans.append(Plan((Edit(e - 1, e, rng.choice((". .", ". .", ".."))),)))
    return pick_site(rng, plans)


def inject_artifact_stray_period(layout: Layout, rng: random.Random) -> Plan | None:
    """A period lands mid-sentence between two lower-case words ("say in" → "say. in")."""
    text = layout.text
    plans = []
    for s, e, _ in layout.sentences:
        if not layout.free(s, e):
            continue
        for match in re.finditer(r"(?<=[a-z]{3}) (?=[a-z]{2,}\b)", text[s:e]):
            at = s + match.start()
            if not layout.quote_at(at):
                plans.append(Plan((Edit(at, at, "."),), span="join"))
    return pick_site(rng, plans)


# --- typos ------------------------------------------------------------------------------------


def inject_typo_eggcorn(layout: Layout, rng: random.Random) -> Plan | None:
    """A set phrase is garbled ("frame of mind" → "frame of mine"); when the article has none,
    an eggcorn adverbial ("For all intensive purposes, …") is put before a sentence. (A whole new
    sentence would also be an addition and blur the addition figures.)"""
    text = layout.text
    plans = []
    for right, wrong in EGGCORNS:
        for match in re.finditer(re.escape(right), text, re.I):
            if layout.free(*match.span()):
                plans.append(
                    Plan((Edit(match.start(), match.end(), match_case(wrong, match.group())),))
                )
    if plans:
        return pick_site(rng, plans)
    for s, e, _ in layout.sentences[1:]:
        first = re.match(r"[A-Z][a-z]*\b", text[s:e])
        if not first or first.group().lower() not in SENTENCE_STARTERS:
            continue
        if first.group() in ("But", "And", "Yet", "So", "Or"):
            continue
        if layout.free(s, e) and not layout.quote_at(s) and text[e - 1] == ".":
            word = first.group()
            lowered = lowercase_first(word, text)
            adverbial = rng.choice(EGGCORN_ADVERBIALS)
            new = adverbial[:1].upper() + adverbial[1:] + ", " + lowered
            plans.append(Plan((Edit(s, s + len(word), new),)))
    return pick_site(rng, plans)


def inject_typo_repeated(layout: Layout, rng: random.Random) -> Plan | None:
    """A word is doubled ("the the") or a coordination repeats its first noun ("leadership and
    people" → "leadership and leadership")."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b([a-z]{2,})\b(?= )", text):
        if layout.free(*match.span()) and not layout.quote_at(match.start()):
            word = match.group(1)
            if word in PROTECTED_WORDS:
                continue
            plans.append(Plan((Edit(match.end(), match.end(), " " + word),)))
    doubles = []
    for match in re.finditer(r"\b([a-z]{4,}) and ([a-z]{4,})\b", text):
        if layout.free(*match.span()) and not layout.quote_at(match.start()):
            a, b = match.group(1), match.group(2)
            if a != b and a not in PROTECTED_WORDS and b not in PROTECTED_WORDS:
                doubles.append(Plan((Edit(match.start(2), match.end(2), a),)))
    if doubles and rng.random() < 0.3:
        return pick_site(rng, doubles)
    return pick_site(rng, plans)


def inject_typo_misspelt(layout: Layout, rng: random.Random) -> Plan | None:
    """Two inner letters of a common lower-case word of six letters or more are swapped
    ("government" → "governmnet"); the result is not a word of the corpus."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b[a-z]{6,}\b", text):
        word = match.group()
        if layout.vocab.get(word, 0) < 5 or word in PROTECTED_WORDS:
            continue
        if not layout.free(*match.span()) or layout.quote_at(match.start()):
            continue
        positions = [i for i in range(1, len(word) - 2) if word[i] != word[i + 1]]
        if not positions:
            continue
        i = rng.choice(positions)
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if new not in layout.vocab:
            plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return pick_site(rng, plans)
