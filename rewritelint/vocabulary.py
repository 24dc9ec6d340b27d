"""The words annotate gives a class to: weekdays, months, time zones, negations, hedges
and reporting verbs. One home for each list, so a rule kind, a benchmark and the
tokeniser never disagree on what counts as a negation."""

from __future__ import annotations

import re

from rewritelint.caches import bounded

WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
MONTHS = {
    "january": "january",
    "february": "february",
    "march": "march",
    "april": "april",
    "may": "may",
    "june": "june",
    "july": "july",
    "august": "august",
    "september": "september",
    "october": "october",
    "november": "november",
    "december": "december",
    "jan": "january",
    "feb": "february",
    "aug": "august",
    "sept": "september",
    "sep": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
NEGATIONS = frozenset(
    """not no never n't without nor neither none nobody nothing deny denies denied denying
    cannot can't won't didn't don't doesn't isn't aren't wasn't weren't hasn't haven't
    hadn't wouldn't shouldn't couldn't dont doesnt didnt isnt arent wasnt werent hasnt
    havent hadnt wouldnt shouldnt couldnt cant""".split()
)
DECLINING = frozenset(
    """decline declines declined declining refuse refuses refused refusing fail fails
    failed failing failure failures refusal refusals""".split()
)
"""Verbs (and their nouns) that negate the verb they govern ("declined to comment" = "had
no comment", "failed to win" = "did not win", "their failure to get" = "they failed to
get"): a negation only when "to" follows them, and not before a figure ("shares declined
5%", "revenue declined to $36.9 billion" negate nothing)."""
TITLES = frozenset(
    "mr mrs ms dr sir rev gen sen rep gov lt col capt sgt prof maj adm cmdr lord dame".split()
)
"""Titles written before a name ("Mr.", "the Rev.", "Gen."): how a person is named, not
part of the name compared."""
HEDGES = frozenset(
    """may might could possibly probably likely unlikely reportedly allegedly alleged
    purportedly apparently suspected presumably perhaps unconfirmed""".split()
)
"""Words that make a claim less certain; dropping one makes a rewrite overstate."""
REPORTING = frozenset(
    """said says say told tells added adds stated states announced announces warned warns
    wrote writes tweeted tweets claimed claims noted notes explained explains insisted
    insists argued argues declared declares according confirmed confirms reported reports
    asserted asserts acknowledged acknowledges saying adding warning noting stating telling
    claiming insisting arguing declaring announcing explaining asserting acknowledging
    writing tweeting urged urges urging""".split()
)
"""Verbs of a reporting clause ("X said"), and "according" of "according to X"."""
ZONES = {
    "gmt": (0,),
    "utc": (0,),
    "bst": (60,),
    "cet": (60, 120),
    "cest": (120,),
    "eet": (120, 180),
    "est": (-300, -240),
    "edt": (-240,),
    "et": (-300, -240),
    "cst": (-360, -300),
    "cdt": (-300,),
    "mst": (-420, -360),
    "mdt": (-360,),
    "pst": (-480, -420),
    "pdt": (-420,),
    "pt": (-480, -420),
    "ist": (330,),
    "jst": (540,),
}
"""Time zones news copy names, with their offsets from UTC in minutes: (winter, summer)
where copy uses one name all year ("PST" in July, "ET"), else the one offset."""

# British -> American spellings, tried anywhere in an unknown word ("favoured" -> "favored",
# "centre" -> "center", "travelling" -> "traveling", "paediatric" -> "pediatric").
BRITISH_AMERICAN = (
    ("our", "or"),
    ("tre", "ter"),
    ("tred", "tered"),
    ("ise", "ize"),
    ("isa", "iza"),
    ("ysi", "yzi"),
    ("yse", "yze"),
    ("ence", "ense"),
    ("ll", "l"),
    ("mme", "m"),
    ("ogue", "og"),
    ("ae", "e"),
    ("oe", "e"),
)


def same_word(a: str, b: str) -> bool:
    """Are two spellings one word in British and American usage ("honoured"/"honored",
    "authorised"/"authorized", "centre"/"center")?

    >>> same_word("honoured", "honored"), same_word("court-authorised", "court-authorized")
    (True, True)
    >>> same_word("honored", "horned")
    False
    """
    if a == b:
        return True
    for uk, us in BRITISH_AMERICAN:
        if (uk in a and a.replace(uk, us) == b) or (uk in b and b.replace(uk, us) == a):
            return True
    return False


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
_ORDINAL_DIGITS = re.compile(r"(\d{1,4})(?:st|nd|rd|th)")


@bounded(maxsize=1 << 14)
def ordinal_value(norm: str) -> str | None:
    """The value of an ordinal ("27th" and "twenty-seventh" -> "27th"), else None.

    >>> ordinal_value("3rd"), ordinal_value("third"), ordinal_value("twenty-first")
    ('3th', '3th', '21th')
    >>> ordinal_value("thirds"), ordinal_value("3d")
    (None, None)
    """
    match = _ORDINAL_DIGITS.fullmatch(norm)
    if match:
        return f"{int(match[1])}th"
    head, _, last = norm.rpartition("-")
    rank = _ORDINAL_WORDS.get(last)
    if rank is None:
        return None
    if head:
        tens = _TENS.get(head)
        if tens is None or rank >= 10:
            return None
        rank += tens
    return f"{rank}th"
