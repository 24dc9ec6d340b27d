"""Honest rewriting: what a rewrite desk changes without changing a fact.

:func:`benign_rewrite` applies a random subset (at least three) of the transformations —
reordered body paragraphs, merged and split sentences, numerals spelt out and back, percent and
money styles, straight/curly quotes, US/UK spelling, "U.S."/"US", reporting-verb synonyms,
agency boilerplate — and says which ones changed the text. The quality benchmark counts factual
findings on such a rewrite as false alarms, and injects its drifts into it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from itertools import pairwise

from drift_layout import (
    MONEY_SHORT,
    WORD,
    Edit,
    apply_edits,
    dominant_separator,
    in_date_context,
    lowercase_first,
    make_layout,
    paragraph_spans,
    quotation_spans,
    word_before,
)
from drift_lexicon import (
    BOILERPLATE_AGENCIES,
    BOILERPLATE_CITIES,
    BOILERPLATE_PEOPLE,
    SENTENCE_STARTERS,
    SMALL_NUMBER_WORDS,
    UK_TO_US,
    US_TO_UK,
)

# --- regexes ----------------------------------------------------------------------------------

_COMPUTING = re.compile(r"\b(?:computer|software|app|code|coding|hacker|algorithm)s?\b", re.I)
"""A sentence about computing keeps "program" (British English spells that one the US way)."""
_SMALL_NUMERAL = re.compile(
    r"(?<![\w.,:/#$£€-])(\d{1,2})(?![\w%:/-]|[.,]\d| ?(?:a\.m|p\.m|am\b|pm\b|percent|per cent))"
)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(SMALL_NUMBER_WORDS[2:]) + r")\b(?!-)", re.I)
_PERCENT = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(%| percent\b| per cent\b)")
_BIG_COMMA = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+)(?![\w%]|[.,]\d)")
_MILLIONS = re.compile(r"(?<![\w.,$])(\d+(?:\.\d)?) million\b")
_HALF_MILLION = re.compile(r"\bhalf a million\b")
_MONEY_LONG = re.compile(r"\$(\d+(?:\.\d+)?) (million|billion)\b")
_ABBREVIATION = re.compile(
    r"(?<![\w.])(U\.S\.|U\.N\.|U\.K\.)(?=\W|$)|(?<![\w.])(US|UN|UK)\b(?!\.\w)"
)
_SAID = re.compile(r"(?<![\w-])(said|added)(?![\w-])")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|was|were|are|be|been|being|the|it's|it’s)\s+$", re.I)
_REPORTERS_CONTEXT = re.compile(r"\b(?:reporters|news conference|press conference|briefing)\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:\([A-Za-z]+\))?\s*[—–-]")


# --- benign transformations -------------------------------------------------------------------


def reorder_paragraphs(text: str, rng: random.Random) -> str:
    """Reorder the body (the first paragraph, the lead or headline, stays): shuffle it all, move
    one paragraph, or swap two neighbours. Paragraphs joined by an open quotation move together.
    """
    spans = paragraph_spans(text)
    if len(spans) < 3:
        return text
    quotes = quotation_spans(text, spans)
    blocks: list[list[tuple[int, int]]] = [[spans[0]]]
    for previous, span in pairwise(spans):
        if any(s < previous[1] and e > span[0] for s, e, _ in quotes):
            blocks[-1].append(span)
        else:
            blocks.append([span])
    if len(blocks) < 3:
        return text
    sep = dominant_separator(text)
    units = [sep.join(text[s:e] for s, e in block) for block in blocks]
    head, body = units[0], units[1:]
    original = list(body)
    mode = rng.choice(("shuffle", "move", "swap"))
    for _ in range(5):
        if mode == "shuffle":
            rng.shuffle(body)
        elif mode == "move":
            item = body.pop(rng.randrange(len(body)))
            body.insert(rng.randrange(len(body) + 1), item)
        else:
            i = rng.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        if body != original:
            break
    prefix = text[: spans[0][0]]
    suffix = text[spans[-1][1] :]
    return prefix + sep.join([head, *body]) + suffix


def merge_sentences(text: str, rng: random.Random) -> str:
    """Join one to three pairs of adjacent sentences: ". The x" becomes ", and the x" or "; the
    x". Only plain sentence ends (a word and a period, outside quotations) are joined."""
    layout = make_layout(text)
    sites = []
    for (s1, e1, p1), (s2, _e2, p2) in zip(layout.sentences, layout.sentences[1:], strict=False):
        if p1 != p2 or text[e1 - 1] != "." or text[e1:s2] != " ":
            continue
        if not re.search(r"(?:\b[a-z]{2,}|\d)\.$", text[s1:e1]):
            continue  # "Msgr." or "U.S." may end an abbreviation, not the sentence
        if layout.quote_at(e1 - 1) or not text[s2].isupper():
            continue
        if text[s1:e1].count(" ") > 40:
            continue
        first = re.match(r"[A-Za-z]+", text[s2:])
        if not first:
            continue
        sites.append((e1 - 1, s2, first.group()))
    if not sites:
        return text
    edits = []
    for dot, start, word in sorted(rng.sample(sites, min(len(sites), rng.randint(1, 3)))):
        glue = ", " if word in ("But", "And", "Yet", "So", "Or") else rng.choice((", and ", "; "))
        edits.append(Edit(dot, start + len(word), glue + lowercase_first(word, text)))
    edits = [e for i, e in enumerate(edits) if i == 0 or e.start >= edits[i - 1].end]
    return apply_edits(text, edits)[0]


_SPLIT_SUBJECTS = frozenset("the he she it they we his her their a an there its i".split())


def split_sentence(text: str, rng: random.Random) -> str:
    """Split one or two long sentences at ", and " followed by a new clause ("…, and the
    company said …" becomes "…. The company said …"), outside quotations."""
    layout = make_layout(text)
    sites = []
    for s, e, _ in layout.sentences:
        if text[s:e].count(" ") < 20:
            continue
        for match in re.finditer(r", and ([a-z]+)\b", text[s:e]):
            at = s + match.start()
            if match.group(1) not in _SPLIT_SUBJECTS or layout.quote_at(at):
                continue
            left, right = text[s:at].count(" "), text[at:e].count(" ")
            if left >= 6 and right >= 6:
                sites.append((at, s + match.start(1), match.group(1)))
    if not sites:
        return text
    chosen = sorted(rng.sample(sites, min(len(sites), rng.randint(1, 2))))
    edits = [Edit(at, word_at + 1, ". " + word[:1].upper()) for at, word_at, word in chosen]
    return apply_edits(text, edits)[0]


def number_words(text: str, rng: random.Random) -> str:
    """Spell numerals 1–12 as words or write number words two–twelve as numerals (equal value);
    all sites or about half. Numbers in times, dates, names ("Article 5"), "$", "%", "9/11" and
    hyphenated compounds are left alone."""
    numeral_sites = []
    for match in _SMALL_NUMERAL.finditer(text):
        value = int(match.group(1))
        before = word_before(text, match.start())
        if not 1 <= value <= 12 or before[:1].isupper() or before.rstrip(".") in ("No", "no"):
            continue
        if in_date_context(text, match.start(), match.end()):
            continue
        if text[match.end() : match.end() + 1] == "-" or text[
            match.start() - 1 : match.start()
        ] in (
            "-",
            "–",
        ):
            continue
        numeral_sites.append(Edit(match.start(), match.end(), SMALL_NUMBER_WORDS[value]))
    word_sites = []
    for match in _NUMBER_WORD.finditer(text):
        word = match.group(1)
        if not word.islower() or text[match.start() - 1 : match.start()] == "-":
            continue
        word_sites.append(
            Edit(match.start(), match.end(), str(SMALL_NUMBER_WORDS.index(word.lower())))
        )
    direction = rng.choice(("to-words", "to-numerals", "both"))
    sites = {
        "to-words": numeral_sites,
        "to-numerals": word_sites,
        "both": numeral_sites + word_sites,
    }[direction] or numeral_sites + word_sites
    share = rng.choice((1.0, 0.5))
    chosen = [e for e in sites if rng.random() < share] or sites[:1]
    return apply_edits(text, chosen)[0] if chosen else text


def percent_style(text: str, rng: random.Random) -> str:
    """Write every percentage in one other style: "95%", "95 percent" or "95 per cent"."""
    matches = list(_PERCENT.finditer(text))
    if not matches:
        return text
    styles = ["%", " percent", " per cent"]
    used = {m.group(2) for m in matches}
    target = rng.choice([s for s in styles if s not in used] or styles)
    edits = [Edit(m.start(2), m.end(2), target) for m in matches if m.group(2) != target]
    return apply_edits(text, edits)[0]


def large_numbers(text: str, rng: random.Random) -> str:
    """Rewrite large numbers in another form of the same value: "500,000" ↔ "half a million",
    "2,500,000" → "2.5 million", "2.5 million" → "2,500,000", "45,000" → "45000"."""
    edits = []
    for match in _BIG_COMMA.finditer(text):
        value = int(match.group(1).replace(",", ""))
        if value == 500_000:
            new = rng.choice(("half a million", "500000"))
        elif value >= 1_000_000 and value % 100_000 == 0:
            new = f"{value / 1_000_000:g} million"
        elif value >= 10_000:
            new = str(value)
        else:
            continue
        edits.append(Edit(match.start(1), match.end(1), new))
    for match in _MILLIONS.finditer(text):
        value = round(float(match.group(1)) * 1_000_000)
        edits.append(Edit(match.start(), match.end(), f"{value:,}"))
    for match in _HALF_MILLION.finditer(text):
        edits.append(Edit(match.start(), match.end(), "500,000"))
    edits.sort(key=lambda e: e.start)
    edits = [e for i, e in enumerate(edits) if i == 0 or e.start >= edits[i - 1].end]
    if len(edits) > 1 and rng.random() < 0.5:
        edits = sorted(rng.sample(edits, (len(edits) + 1) // 2), key=lambda e: e.start)
    return apply_edits(text, edits)[0]


def money_style(text: str, rng: random.Random) -> str:
    """Switch money amounts between "$4 million"/"$4 billion" and "$4m"/"$4bn"."""
    del rng
    edits = [
        Edit(m.start(), m.end(), f"${m.group(1)}{'m' if m.group(2) == 'million' else 'bn'}")
        for m in _MONEY_LONG.finditer(text)
    ] + [
        Edit(m.start(), m.end(), f"${m.group(1)} {'million' if m.group(2) == 'm' else 'billion'}")
        for m in MONEY_SHORT.finditer(text)
    ]
    return apply_edits(text, edits)[0]


def quote_style(text: str, rng: random.Random) -> str:
    """Straighten curly quotes (everywhere, or in about half the paragraphs), or curl straight
    ones when the text has none. Double stays double and single stays single."""
    if any(ch in text for ch in "“”‘’"):
        table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
        if rng.random() < 0.5:
            return text.translate(table)
        spans = paragraph_spans(text)
        chosen = [s for s in spans if rng.random() < 0.5] or spans[:1]
        edits = [Edit(s, e, text[s:e].translate(table)) for s, e in chosen]
        return apply_edits(text, edits)[0]
    out = list(text)
    for s, e, closed in quotation_spans(text, paragraph_spans(text)):
        out[s] = "“"
        if closed:
            out[e - 1] = "”"
    for i, ch in enumerate(text):
        if ch == "'":
            opening = (i == 0 or text[i - 1] in ' \n(“"') and text[i + 1 : i + 2].isalpha()
            out[i] = "‘" if opening else "’"
    return "".join(out)


def spelling(text: str, rng: random.Random) -> str:
    """Switch lower-case words between US and UK spelling, towards whichever the text does not
    use ("Labor Party" and other capitalised names are left alone; computing "program" too)."""
    del rng
    words = WORD.findall(text)
    us = sum(w in US_TO_UK for w in words)
    uk = sum(w in UK_TO_US for w in words)
    table = US_TO_UK if us >= uk else UK_TO_US
    edits = []
    for match in WORD.finditer(text):
        word = match.group()
        if word not in table:
            continue
        if word.startswith("program"):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            if _COMPUTING.search(text[line_start : line_end if line_end >= 0 else len(text)]):
                continue
        edits.append(Edit(match.start(), match.end(), table[word]))
    return apply_edits(text, edits)[0]


def abbreviations(text: str, rng: random.Random) -> str:
    """ "U.S." ↔ "US", "U.N." ↔ "UN", "U.K." ↔ "UK". A dotted form that ends a sentence keeps
    one period; before an ambiguous capitalised word ("U.S. He") it is left alone."""
    del rng
    edits = []
    for match in _ABBREVIATION.finditer(text):
        dotted, plain = match.group(1), match.group(2)
        after = text[match.end() : match.end() + 30]
        if dotted:
            new = dotted.replace(".", "")
            nxt = re.match(r" ([A-Z][a-z]+)", after)
            if after[:1] in ("", "\n") or (nxt and nxt.group(1).lower() in SENTENCE_STARTERS):
                new += "."
            elif nxt is None and after[:1] == " " and after[1:2].isupper():
                continue
            edits.append(Edit(match.start(), match.end(), new))
        else:
            window = text[max(0, match.start() - 12) : match.end() + 12]
            if re.search(r"\b[A-Z]{2,}\b.*\b[A-Z]{2,}\b.*\b[A-Z]{2,}\b", window):
                continue
            new = ".".join(plain) + "."
            end = match.end() + 1 if after.startswith(".") else match.end()
            edits.append(Edit(match.start(), end, new))
    return apply_edits(text, edits)[0]


def reporting_verbs(text: str, rng: random.Random) -> str:
    """Outside quotations: "said" → "stated" (or "told reporters" where the sentence is about a
    news conference), and "added," / "added." / "added that" → "said"."""
    layout = make_layout(text)
    edits = []
    for match in _SAID.finditer(text):
        if layout.quote_at(match.start()):
            continue
        after = text[match.end() : match.end() + 6]
        if match.group(1) == "added":
            if re.match(r"[,.]| that\b", after):
                edits.append(Edit(match.start(), match.end(), "said"))
            continue
        if _PASSIVE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        if after.startswith(" to "):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        context = text[line_start : match.start() + 200]
        if re.match(r"[,.]", after) and _REPORTERS_CONTEXT.search(context) and rng.random() < 0.5:
            edits.append(Edit(match.start(), match.end(), "told reporters"))
        elif rng.random() < 0.7:
            edits.append(Edit(match.start(), match.end(), "stated"))
    return apply_edits(text, edits)[0]


def boilerplate(text: str, rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Add agency boilerplate: a "Reporting by …; Editing by …" line at the end, a "(Reuters) -"
    dateline before the lead, or both. Returns the text and the added spans (protected)."""
    people = rng.sample(BOILERPLATE_PEOPLE, 2)
    sep = dominant_separator(text)
    variant = rng.choice(("credit", "dateline", "both"))
    spans: list[tuple[int, int]] = []
    if variant in ("dateline", "both"):
        paragraphs = paragraph_spans(text)
        lead = next(
            (p for p in paragraphs[:3] if text[p[0] : p[1]].count(" ") >= 15), paragraphs[0]
        )
        if not _DATELINE.match(text[lead[0] : lead[1]]):
            agency = rng.choice(BOILERPLATE_AGENCIES)
            city = rng.choice(BOILERPLATE_CITIES)
            prefix = rng.choice((f"{city} ({agency}) - ", f"({agency}) - "))
            text = text[: lead[0]] + prefix + text[lead[0] :]
            spans.append((lead[0], lead[0] + len(prefix)))
    if variant in ("credit", "both"):
        line = rng.choice(
            (
                f"Reporting by {people[0]}; Editing by {people[1]}",
                f"Writing by {people[0]}; Editing by {people[1]}",
                f"(Additional reporting by {people[0]}; Editing by {people[1]})",
            )
        )
        body = text.rstrip()
        text = body + sep + line + "\n"
        spans.append((len(body) + len(sep), len(body) + len(sep) + len(line)))
    return text, spans


# --- the rewrite ------------------------------------------------------------------------------

BENIGN: dict[str, Callable[[str, random.Random], str]] = {
    "number-words": number_words,
    "percent-style": percent_style,
    "large-numbers": large_numbers,
    "money-style": money_style,
    "spelling": spelling,
    "abbreviations": abbreviations,
    "reporting-verbs": reporting_verbs,
    "quote-style": quote_style,
    "split-sentence": split_sentence,
    "merge-sentences": merge_sentences,
    "reorder-paragraphs": reorder_paragraphs,
}
"""Honest transformations, in the order they are applied (boilerplate comes last)."""
BENIGN_NAMES = (*BENIGN, "boilerplate")
MIN_BENIGN = 3


def benign_rewrite(
    text: str, rng: random.Random
) -> tuple[str, tuple[str, ...], tuple[tuple[int, int], ...]]:
    """A random subset of the honest transformations (at least ``MIN_BENIGN`` that changed the
    text, when the article allows that many).

    Returns the rewrite, the names of the transformations that changed it, and the spans of
    added boilerplate (no injection goes there: it has no counterpart in the reference).
    """
    names = list(BENIGN_NAMES)
    chosen = set(rng.sample(names, rng.randint(MIN_BENIGN, len(names))))
    spare = [n for n in names if n not in chosen]
    rng.shuffle(spare)
    applied: list[str] = []
    current = text
    # A chosen transformation with no site in this article is replaced by a spare one.
    while True:
        for name in BENIGN:
            if name in chosen and name not in applied:
                new = BENIGN[name](current, rng)
                if new != current:
                    applied.append(name)
                    current = new
        if len(applied) + ("boilerplate" in chosen) >= MIN_BENIGN or not spare:
            break
        chosen.add(spare.pop())
    protected: list[tuple[int, int]] = []
    if "boilerplate" in chosen:
        current, protected = boilerplate(current, rng)
        applied.append("boilerplate")
    order = {n: i for i, n in enumerate(BENIGN_NAMES)}
    return current, tuple(sorted(applied, key=order.__getitem__)), tuple(protected)
