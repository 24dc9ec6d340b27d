"""Drift in how sure the story is: a hedge dropped or a modal strengthened, a negation
inserted or removed, a verb's polarity flipped."""

from __future__ import annotations

import random
import re

from drift_figures import YEAR
from drift_layout import Edit, Layout, Plan, match_case, pick_site, word_before
from drift_lexicon import (
    AUXILIARIES,
    CONTRACTIONS,
    HEDGE_ADJECTIVES,
    HEDGE_ADVERBS,
    NOT_AFTER_AUXILIARY,
    NUMBER_QUALIFIERS,
    PARTICIPLES,
    POLARITY,
    SMALL_NUMBER_WORDS,
    TENS_WORDS,
)

# --- hedges -----------------------------------------------------------------------------------


def inject_hedge_qualifier(layout: Layout, rng: random.Random) -> Plan | None:
    """An approximation before a number is dropped ("more than 4,000" → "4,000")."""
    text = layout.text
    numbers = r"(?:\$?\d|(?:" + "|".join(SMALL_NUMBER_WORDS[2:] + TENS_WORDS) + r"|a dozen|half|"
    numbers += r"a hundred|a thousand|a million|hundreds|thousands|millions|dozens)\b)"
    pattern = re.compile(
        r"\b(" + "|".join(NUMBER_QUALIFIERS) + r") (?=" + numbers + ")",
        re.I,
    )
    plans = []
    for match in pattern.finditer(text):
        if not layout.free(match.start(), match.end()) or YEAR.match(text, match.end()):
            continue
        edits = [Edit(match.start(), match.end(), "")]
        if match.group(1)[:1].isupper() and text[match.end()].isalpha():
            edits = [Edit(match.start(), match.end() + 1, text[match.end()].upper())]
        plans.append(Plan(tuple(edits), span="join"))
    return pick_site(rng, plans)


def _article_fix(text: str, start: int, end: int) -> Edit:
    """Delete ``text[start:end]`` (a word and its space), fixing "a"/"an" before it."""
    before = re.search(r"\b(an?|An?) $", text[max(0, start - 4) : start])
    nxt = text[end : end + 1].lower()
    if before:
        article = before.group(1)
        wanted = "an" if nxt in "aeiou" and nxt else "a"
        if article.lower() != wanted:
            a_start = start - len(article) - 1
            return Edit(a_start, end, match_case(wanted, article) + " ")
    return Edit(start, end, "")


_HEDGE_ADJECTIVE = re.compile(
    r"\b(the|a|an|his|her|their|its|of|for|against|two|three|four|five) ("
    + "|".join(HEDGE_ADJECTIVES)
    + r" )(?=[a-z])"
)
"""A hedging adjective before a noun ("the alleged plot"), not the verb ("police suspected")."""


def inject_hedge_word(layout: Layout, rng: random.Random) -> Plan | None:
    """A hedge is dropped: "allegedly", "reportedly", "alleged", "suspected", "will likely"."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b(" + "|".join(HEDGE_ADVERBS) + r")\b,? ", text):
        if not layout.free(match.start(), match.end()) or not match.group(1).islower():
            continue
        plans.append(Plan((Edit(match.start(), match.end(), ""),), span="join"))
    for match in _HEDGE_ADJECTIVE.finditer(text):
        if layout.free(match.start(2), match.end(2)):
            plans.append(Plan((_article_fix(text, match.start(2), match.end(2)),), span="join"))
    for match in re.finditer(r"\b(?:will|would|could|’ll|'ll) (likely )", text):
        if layout.free(match.start(), match.end()):
            plans.append(Plan((Edit(match.start(1), match.end(1), ""),), span="join"))
    return pick_site(rng, plans)


def inject_hedge_modal(layout: Layout, rng: random.Random) -> Plan | None:
    """A modal of possibility becomes certainty: "may", "might", "could" → "will"."""
    text = layout.text
    plans = [
        Plan((Edit(m.start(), m.end(), "will"),))
        for m in re.finditer(r"\b(may|might|could)\b(?! have\b| well\b)", text)
        if layout.free(m.start(), m.end())
    ]
    return pick_site(rng, plans)


# --- negation ---------------------------------------------------------------------------------


def inject_negation_inserted(layout: Layout, rng: random.Random) -> Plan | None:
    """ "not" is inserted after an auxiliary ("was approved" → "was not approved")."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b(" + "|".join(AUXILIARIES) + r") ([a-z]+)\b", text):
        aux, nxt = match.group(1), match.group(2)
        if nxt in NOT_AFTER_AUXILIARY or not layout.free(match.start(), match.end()):
            continue
        if aux in ("has", "have") and not (nxt in PARTICIPLES or nxt.endswith(("ed", "en", "wn"))):
            continue
        if aux in ("is", "was") and nxt in ("to", "said", "expected"):
            continue
        if word_before(text, match.start()).lower() in ("what", "who", "where", "how", "why"):
            continue  # a question ("What is this?") does not take "not" that way
        plans.append(Plan((Edit(match.end(1), match.end(1), " not"),)))
    return pick_site(rng, plans)


def inject_negation_removed(layout: Layout, rng: random.Random) -> Plan | None:
    """A negation is removed: "not"/"never" dropped, "didn't" → "did"."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b(not|never) (?!only\b|to mention\b)", text):
        before = text[max(0, match.start() - 8) : match.start()]
        if re.search(r"\b(?:or|if|whether)\s$", before) or not layout.free(*match.span()):
            continue
        plans.append(Plan((Edit(match.start(), match.end(), ""),), span="join"))
    for match in re.finditer(r"\b([A-Za-z]+n['’]t)\b", text):
        key = match.group(1).lower().replace("’", "'")
        if key in CONTRACTIONS and layout.free(*match.span()):
            new = match_case(CONTRACTIONS[key], match.group(1))
            plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return pick_site(rng, plans)


def inject_polarity(layout: Layout, rng: random.Random) -> Plan | None:
    """A verb's polarity is flipped ("confirmed" → "denied", "accepted" → "rejected")."""
    plans = [
        Plan((Edit(m.start(), m.end(), POLARITY[m.group()]),))
        for m in re.finditer(r"(?<![\w-])(" + "|".join(POLARITY) + r")\b(?! to\b)", layout.text)
        if layout.free(m.start(), m.end())
    ]
    return pick_site(rng, plans)
