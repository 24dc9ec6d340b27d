"""The words annotate gives a class to: weekdays, months, time zones, negations, hedges
and reporting verbs. One home for each list, so a rule kind, a benchmark and the
tokeniser never disagree on what counts as a negation."""

from __future__ import annotations

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
    failed failing""".split()
)
"""Verbs that negate the verb they govern ("declined to comment" = "had no comment",
"failed to win" = "did not win"): a negation only when "to" follows them ("shares
declined 5%" negates nothing)."""
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
