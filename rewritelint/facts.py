"""Facts a token states in its passage: a clock time in its zone, a quantity in its unit.

Annotate gives each token a class and a value; a fact also needs the words around it.
"6 p.m. GMT" and "11 a.m. PDT" are one instant written in two zones, not a changed
time; "30 days" and "30 years" are one number but two facts. These functions read a
token with its neighbours so that the rule kinds compare facts, not tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rewritelint.diff import token_at
from rewritelint.model import Token
from rewritelint.vocabulary import ZONES

_CLOCK_VALUE = re.compile(r"(\d{1,2})(?::(\d{2}))?(?: ?(am|pm))?")

UNIT_FAMILIES: dict[str, str] = {
    **dict.fromkeys(
        "second seconds minute minutes hour hours day days week weeks month months year "
        "years decade decades century centuries".split(),
        "time",
    ),
    **dict.fromkeys(
        "millimetre millimetres millimeter millimeters centimetre centimetres centimeter "
        "centimeters metre metres meter meters kilometre kilometres kilometer kilometers "
        "km mile miles foot feet yard yards inch inches".split(),
        "length",
    ),
    **dict.fromkeys(
        "gram grams kilogram kilograms kg tonne tonnes ton tons pound pounds lb lbs ounce "
        "ounces".split(),
        "weight",
    ),
    **dict.fromkeys(
        "litre litres liter liters gallon gallons barrel barrels".split(),
        "volume",
    ),
    **dict.fromkeys(
        "dollar dollars euro euros yen yuan rupee rupees rouble roubles ruble rubles".split(),
        "money",
    ),
}
"""Units a quantity is counted in, by what they measure. Two units of one family
differ as facts ("30 days" -> "30 years"); "pound" is both a weight and a currency,
and either way a change to or from it is a different fact."""


def clock_minutes(value: str) -> int | None:
    """Minutes after midnight of a time token's value ("6 pm" -> 1080, "10:30" -> 630).

    >>> clock_minutes("6 pm"), clock_minutes("10:30"), clock_minutes("12 am")
    (1080, 630, 0)
    """
    match = _CLOCK_VALUE.fullmatch(value.strip())
    if match is None:
        return None
    hours, minutes = int(match[1]), int(match[2] or 0)
    if match[3] == "pm" and hours < 12:
        hours += 12
    elif match[3] == "am" and hours == 12:
        hours = 0
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


def zone_after(tokens: Sequence[Token], token: Token) -> str | None:
    """The time zone named right after a time token ("6 p.m. GMT", "6 p.m. (GMT)")."""
    index = token_at(tokens, token)
    if index is None:
        return None
    for t in tokens[index + 1 : index + 4]:
        if "zone" in t.tags:
            return t.norm
        if t.kind != "punct" and t.norm.replace(".", "") not in ("am", "pm"):
            return None
    return None


def same_instant(old: str, old_zone: str | None, new: str, new_zone: str | None) -> bool:
    """Are two clock times one instant? Only when both name a zone: a time without one
    is compared as written.

    >>> same_instant("6 pm", "gmt", "11 am", "pst"), same_instant("6 pm", "gmt", "1 pm", "est")
    (True, True)
    >>> same_instant("6 pm", "gmt", "9 am", "pst"), same_instant("6 pm", None, "11 am", "pst")
    (False, False)
    """
    if old_zone is None or new_zone is None:
        return False
    a, b = clock_minutes(old), clock_minutes(new)
    if a is None or b is None:
        return False
    if old_zone == new_zone:
        return a == b
    old_offsets, new_offsets = ZONES.get(old_zone, ()), ZONES.get(new_zone, ())
    # One season for both: winter offsets together, summer offsets together.
    return any(
        (a - old_offsets[min(k, len(old_offsets) - 1)]) % 1440
        == (b - new_offsets[min(k, len(new_offsets) - 1)]) % 1440
        for k in (0, 1)
        if old_offsets and new_offsets
    )


def unit_family(word: str) -> str | None:
    """What a unit word measures ("days" -> "time"), or None for other words."""
    return UNIT_FAMILIES.get(word.casefold())
