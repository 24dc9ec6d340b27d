"""Drift in figures: a number (digits, word, percentage, money) or a date (weekday, month,
year, clock time) gets another value, written the way the original was."""

from __future__ import annotations

import random
import re

from drift_layout import (
    MONEY_SHORT,
    Edit,
    Layout,
    Plan,
    in_date_context,
    match_case,
    pick_site,
    replacement_sites,
)
from drift_lexicon import (
    AMBIGUOUS_MONTHS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    SCALE_WORDS,
    SMALL_NUMBER_WORDS,
    TENS_WORDS,
    WEEKDAYS,
)

# --- regexes ----------------------------------------------------------------------------------

# A numeral: optional "$", digits with thousands commas or plain, optional decimals; not part of
# "9/11", "4:59", "2-1", "1990s", "2nd", "$4m" or a longer number.
_NUMERAL = re.compile(r"(?<![\w.,:/#$-])(\$)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w:/-]|[.,]\d)")
_TIME_AFTER = re.compile(r"(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|GMT|EST|ET\b)")
PERCENT_AFTER = re.compile(r"%| percent\b| per cent\b")
YEAR = re.compile(r"(?<![\w.,:/$-])(1[89]\d\d|20[0-3]\d)(?![\w%:/-]|[.,]\d)")
_TIME = re.compile(r"(?<![\w:.])(\d{1,2})(:\d\d)?\s?(a\.m\.|p\.m\.|am|pm|AM|PM)(?!\w)")


# --- numbers ----------------------------------------------------------------------------------


def format_number(value: float, decimals: int, commas: bool) -> str:
    """Write ``value`` the way the original number was written.

    >>> format_number(4400, 0, True), format_number(3.25, 1, False)
    ('4,400', '3.2')
    """
    text = f"{value:,.{decimals}f}" if commas else f"{value:.{decimals}f}"
    return text


def changed_value(value: float, decimals: int, rng: random.Random) -> float:
    """A different value of the same precision: ±1..3 for small counts, else ±10..50%.

    >>> changed_value(4000, 0, random.Random(1)) != 4000
    True
    """
    if decimals == 0 and value <= 12:
        choices = [value + d for d in (-3, -2, -1, 1, 2, 3) if value + d > 0]
        return rng.choice(choices)
    digits = str(int(value))
    zeros = min(len(digits) - len(digits.rstrip("0")), len(digits) - 1) if decimals == 0 else 0
    step = 10**zeros if decimals == 0 else 10**-decimals
    factor = 1 + rng.choice((-1, 1)) * rng.uniform(0.1, 0.5)
    new = round(value * factor / step) * step
    if round(new, decimals) == round(value, decimals) or new <= 0:
        new = value + step
    return round(new, decimals)


def number_sites(layout: Layout, rng: random.Random, subtype: str) -> list[Plan]:
    """Numerals of one subtype (digits, percent, money) with a changed value."""
    text = layout.text
    plans = []
    for match in _NUMERAL.finditer(text):
        dollar, whole, frac = match.group(1), match.group(2), match.group(3) or ""
        after = text[match.end() : match.end() + 12]
        if not layout.free(match.start(), match.end()):
            continue
        value = float(whole.replace(",", "") + frac)
        if value == 0 or _TIME_AFTER.match(after) or in_date_context(text, *match.span()):
            continue
        is_year = not dollar and not frac and "," not in whole and YEAR.fullmatch(whole)
        if is_year and not PERCENT_AFTER.match(after):
            continue
        kind = (
            "percent"
            if PERCENT_AFTER.match(after)
            else "money"
            if dollar or re.match(r" (?:dollars|euros|pounds)\b", after)
            else "digits"
        )
        if kind != subtype:
            continue
        decimals = len(frac) - 1 if frac else 0
        new_value = changed_value(value, decimals, rng)
        new = format_number(new_value, decimals, "," in whole)
        plans.append(Plan((Edit(match.start(2), match.end(), new),)))
    for match in MONEY_SHORT.finditer(text):
        if subtype != "money" or not layout.free(match.start(), match.end()):
            continue
        amount = match.group(1)
        decimals = len(amount.split(".")[1]) if "." in amount else 0
        new = format_number(changed_value(float(amount), decimals, rng), decimals, False)
        plans.append(Plan((Edit(match.start(1), match.end(1), new),)))
    return plans


def inject_number_digits(layout: Layout, rng: random.Random) -> Plan | None:
    """A count or quantity written in digits gets another value ("4,000" → "5,000")."""
    return pick_site(rng, number_sites(layout, rng, "digits"))


def inject_number_percent(layout: Layout, rng: random.Random) -> Plan | None:
    """A percentage gets another value ("95%" → "71%")."""
    return pick_site(rng, number_sites(layout, rng, "percent"))


def inject_number_money(layout: Layout, rng: random.Random) -> Plan | None:
    """An amount of money gets another value ("$16 million" → "$12 million")."""
    return pick_site(rng, number_sites(layout, rng, "money"))


def inject_number_word(layout: Layout, rng: random.Random) -> Plan | None:
    """A number word becomes another ("nine" → "five", "million" → "billion")."""
    pattern = re.compile(
        r"\b(" + "|".join(SMALL_NUMBER_WORDS[2:] + TENS_WORDS + SCALE_WORDS) + r")\b", re.I
    )

    def other(match: re.Match[str]) -> str:
        word = match.group(1)
        lower = word.lower()
        if lower in SMALL_NUMBER_WORDS:
            index = SMALL_NUMBER_WORDS.index(lower)
            options = [SMALL_NUMBER_WORDS[i] for i in range(2, 13) if 0 < abs(i - index) <= 3]
        elif lower in TENS_WORDS:
            index = TENS_WORDS.index(lower)
            options = [w for i, w in enumerate(TENS_WORDS) if 0 < abs(i - index) <= 2]
        elif lower == "hundred":
            options = ["thousand"]
        else:
            options = [w for w in SCALE_WORDS[1:] if w != lower]
        return match_case(rng.choice(options), word)

    return pick_site(rng, replacement_sites(layout, pattern, other))


# --- dates ------------------------------------------------------------------------------------


def inject_date_weekday(layout: Layout, rng: random.Random) -> Plan | None:
    """A weekday becomes another ("Tuesday" → "Thursday")."""
    pattern = r"\b(" + "|".join(WEEKDAYS) + r")\b"
    plans = replacement_sites(
        layout, pattern, lambda m: rng.choice([d for d in WEEKDAYS if d != m.group(1)])
    )
    return pick_site(rng, plans)


_DATE_CUE = re.compile(
    r"(?:\b(?:in|last|next|since|until|early|late|mid|this|of|by|from|through|before|after)[ -]$)"
)


def inject_date_month(layout: Layout, rng: random.Random) -> Plan | None:
    """A month becomes another, in the same style ("August" → "October", "Aug." → "Oct.")."""
    text = layout.text

    def other_month(match: re.Match[str]) -> str | None:
        month = match.group(1)
        if month in AMBIGUOUS_MONTHS:
            cue_before = _DATE_CUE.search(text[max(0, match.start() - 10) : match.start()])
            cue_after = re.match(r",? \d", text[match.end() :])
            if not (cue_before or cue_after):
                return None
            if month == "May" and not cue_after:
                return None
        return rng.choice([m for m in MONTHS if m != month and m != "May"])

    plans = replacement_sites(layout, r"\b(" + "|".join(MONTHS) + r")\b", other_month)
    plans += replacement_sites(
        layout,
        r"\b(" + "|".join(a[:-1] for a in MONTH_ABBREVIATIONS) + r")\.",
        lambda m: rng.choice([a for a in MONTH_ABBREVIATIONS if a != m.group()]),
    )
    return pick_site(rng, plans)


def inject_date_year(layout: Layout, rng: random.Random) -> Plan | None:
    """A year moves by one ("2008" → "2009")."""
    text = layout.text

    def moved(match: re.Match[str]) -> str | None:
        if PERCENT_AFTER.match(text, match.end()) or text[match.start() - 1 : match.start()] == "$":
            return None
        return str(int(match.group(1)) + rng.choice((-1, 1)))

    return pick_site(rng, replacement_sites(layout, YEAR, moved))


def inject_date_time(layout: Layout, rng: random.Random) -> Plan | None:
    """A clock time moves by one to three hours ("10 a.m." → "11 a.m.")."""

    def moved(match: re.Match[str]) -> str | None:
        hour = int(match.group(1))
        if not 1 <= hour <= 12:
            return None
        return str((hour - 1 + rng.choice((-3, -2, -1, 1, 2, 3))) % 12 + 1)

    return pick_site(rng, replacement_sites(layout, _TIME, moved, group=1))
