"""Drift in who is named and what they said: a name misspelt or swapped, a quotation's words
changed or its marks dropped, a reporting clause given another speaker or deleted."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from itertools import pairwise

from drift_layout import NAME, WORD, Edit, Layout, Plan, pick_site
from drift_lexicon import (
    PROTECTED_WORDS,
    QUOTE_INSERTS,
    QUOTE_SYNONYMS,
    REPORTING_VERBS,
    SENTENCE_STARTERS,
    WEEKDAYS,
)

# --- names ------------------------------------------------------------------------------------


def misspell(word: str, rng: random.Random) -> str:
    """Drop, double or swap a letter inside ``word`` (never its first letter).

    >>> misspell("Khalilzad", random.Random(3)) != "Khalilzad"
    True
    """
    for _ in range(20):
        i = rng.randrange(1, len(word) - 1)
        op = rng.choice(("drop", "double", "swap"))
        if op == "drop":
            new = word[:i] + word[i + 1 :]
        elif op == "double":
            new = word[:i] + word[i] + word[i:]
        else:
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if new != word:
            return new
    return word[:1] + word[2:]


def name_occurrences(layout: Layout, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Free occurrences of the given names in the layout's text."""
    wanted = set(names)
    return [
        (m.start(), m.end(), m.group())
        for m in NAME.finditer(layout.text)
        if m.group() in wanted and layout.free(m.start(), m.end())
    ]


def inject_name_misspelt(layout: Layout, rng: random.Random) -> Plan | None:
    """A proper name of five letters or more is misspelt ("Khalilzad" → "Khalizad")."""
    plans = []
    for start, end, name in name_occurrences(layout, (n for n in layout.names if len(n) >= 5)):
        new = misspell(name, rng)
        if new in layout.names or new.lower() in layout.vocab:
            continue
        plans.append(Plan((Edit(start, end, new),)))
    return pick_site(rng, plans)


_REPORTING_NEAR = re.compile(r"^\s*(?:" + "|".join(REPORTING_VERBS) + r")\b")
_REPORTING_BEFORE = re.compile(r"\b(?:said|says|according to)\s*$")


def inject_name_swapped(layout: Layout, rng: random.Random) -> Plan | None:
    """A surname is replaced by another surname of the same article ("Beck" → "Palin"), away
    from reporting verbs (that would be attribution drift)."""
    text = layout.text
    if len(layout.surnames) < 2:
        return None
    plans = []
    for start, end, name in name_occurrences(layout, layout.surnames):
        if _REPORTING_NEAR.match(text[end : end + 20]) or _REPORTING_BEFORE.search(
            text[max(0, start - 20) : start]
        ):
            continue
        other = rng.choice([s for s in layout.surnames if s != name])
        plans.append(Plan((Edit(start, end, other),)))
    return pick_site(rng, plans)


# --- quotes -----------------------------------------------------------------------------------


def quotations(layout: Layout, min_words: int) -> list[tuple[int, int, list[re.Match[str]]]]:
    """Closed, free quotations with at least ``min_words`` words, with their word matches."""
    out = []
    for s, e, closed in layout.quotes:
        if not closed or not layout.free(s, e):
            continue
        words = [m for m in WORD.finditer(layout.text, s + 1, e - 1)]
        if len(words) >= min_words:
            out.append((s, e, words))
    return out


def _quote_word_ok(word: str) -> bool:
    """A word a quote injection may touch: lower-case and not a number, negation or hedge."""
    return word.isalpha() and word.islower() and word not in PROTECTED_WORDS


def inject_quote_changed(layout: Layout, rng: random.Random) -> Plan | None:
    """A word inside a quotation is replaced by a near-synonym ("big" → "large") or, without
    one, by another word of the article."""
    text = layout.text
    fallback = sorted(
        {w for w in WORD.findall(text) if w.islower() and len(w) >= 4 and _quote_word_ok(w)}
    )
    plans = []
    for _s, _e, words in quotations(layout, 4):
        for match in words[1:-1]:
            word = match.group()
            if not _quote_word_ok(word):
                continue
            if word in QUOTE_SYNONYMS:
                new = QUOTE_SYNONYMS[word]
            elif len(word) >= 4 and fallback:
                new = rng.choice(fallback)
                if new == word:
                    continue
            else:
                continue
            plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return pick_site(rng, plans)


def inject_quote_dropped(layout: Layout, rng: random.Random) -> Plan | None:
    """A word inside a quotation is dropped (not its first or last word)."""
    plans = []
    for _s, _e, words in quotations(layout, 4):
        for match, nxt in pairwise(words[1:]):
            if _quote_word_ok(match.group()) and layout.text[match.end()] == " ":
                plans.append(Plan((Edit(match.start(), nxt.start(), ""),), span="join"))
    return pick_site(rng, plans)


def inject_quote_added(layout: Layout, rng: random.Random) -> Plan | None:
    """A word is added inside a quotation ("we will win" → "we will really win")."""
    plans = []
    for _s, _e, words in quotations(layout, 4):
        for match in words[1:-1]:
            if match.group().islower():
                new = rng.choice(QUOTE_INSERTS)
                plans.append(Plan((Edit(match.start(), match.start(), new + " "),)))
    return pick_site(rng, plans)


def inject_quote_marks_dropped(layout: Layout, rng: random.Random) -> Plan | None:
    """The marks around a quotation of six words or more are removed: the quote now reads as
    the outlet's own paraphrase."""
    plans = [
        Plan((Edit(s, s + 1, ""), Edit(e - 1, e, "")), span="between")
        for s, e, _words in quotations(layout, 6)
    ]
    return pick_site(rng, plans)


# --- attribution ------------------------------------------------------------------------------


def inject_attribution_swapped(layout: Layout, rng: random.Random) -> Plan | None:
    """The speaker of a reporting clause becomes another person or organisation of the article
    ("Rennie said" → "McMahon said", "said Rennie" → "said McMahon")."""
    text = layout.text
    verbs = "|".join(REPORTING_VERBS)
    speakers = {
        name
        for start, end, name in name_occurrences(layout, layout.names)
        if re.match(rf" (?:{verbs})\b", text[end : end + 14])
        or re.search(r"\b(?:said|says) $", text[max(0, start - 6) : start])
    }
    # Other people of the article: surnames, and whoever else is reported as speaking.
    others = sorted(set(layout.surnames) | speakers)
    plans = []
    for start, end, name in name_occurrences(layout, layout.names):
        before = text[max(0, start - 12) : start]
        if re.match(r" [A-Z][a-z]", text[end : end + 3]):
            continue  # a first name: the speaker is the whole name, swap its surname instead
        if layout.quote_at(start):
            continue  # "“Trump says he …,” Bloomberg said": a changed quotation, not a speaker
        if not (
            re.match(rf" (?:{verbs})\b", text[end : end + 14])
            or (
                re.search(r"\b(?:said|says|according to) $", before)
                # "said Reid was backing off": Reid is what was said, not who said it
                and re.match(r"(?:[,.;:]|$| on | in )", text[end : end + 4])
            )
        ):
            continue
        choices = [o for o in others if o != name]
        if choices:
            plans.append(Plan((Edit(start, end, rng.choice(choices)),)))
    return pick_site(rng, plans)


_SPEAKER = (
    r"(?:(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+|he|she|they|officials|police|the (?:[a-z]+ )?[a-z]+)"
)
_TRAILING_CLAUSE = re.compile(
    r"(?P<punct>[,.?!])(?P<q>[\"”])? (?P<clause>"
    + _SPEAKER
    + r" (?:said|says|stated|added|told reporters|wrote|explained)"
    + r"(?: on (?:"
    + "|".join(WEEKDAYS)
    + r"))?|according to [^,.;\"“”\n]{3,80})\."
)
_LEADING_CLAUSE = re.compile(
    r"(?P<clause>(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+ (?:said|says) (?:that )?)"
)


def inject_attribution_dropped(layout: Layout, rng: random.Random) -> Plan | None:
    """A reporting clause is deleted: ', Smith said.' → '.', '“…,” he said.' → '“….”',
    ', according to X.' → '.', 'Smith said that the …' → 'The …'."""
    text = layout.text
    plans = []
    for match in _TRAILING_CLAUSE.finditer(text):
        if not layout.free(match.start(), match.end()):
            continue
        if layout.quote_at(match.start("clause")):
            continue  # inside an unclosed quotation: that would be a changed quote
        punct, quote = match.group("punct"), match.group("q")
        if quote:
            new = ("." if punct == "," else punct) + quote
        elif punct == ",":
            new = "."
        else:
            continue
        plans.append(Plan((Edit(match.start(), match.end(), new),), span="join"))
    starts = layout.sentence_starts()
    for match in _LEADING_CLAUSE.finditer(text):
        end = match.end()
        if match.start() not in starts or not layout.free(match.start(), end):
            continue
        speaker = match.group("clause").split()[:-1]
        if any(w.lower() in SENTENCE_STARTERS - {"he", "she", "they"} for w in speaker):
            continue  # "In March Smith said": the clause is not the whole sentence opening
        nxt = re.match(r"[A-Za-z]+", text[end:])
        if not nxt or layout.quote_at(end):
            continue
        word = nxt.group()
        new = word[:1].upper() + word[1:]
        plans.append(Plan((Edit(match.start(), end + len(word), new),), span="join"))
    return pick_site(rng, plans)
