"""Honest rewriting must stay quiet: an editor drops a linter that cries wolf."""

from __future__ import annotations

import random
import re

from helpers import corpus_articles, findings_for

FACTUAL = {"number", "name", "date", "quote", "negation"}

REFERENCE = """\
WASHINGTON (AA) – The Taliban are seeking to ensure it receives the “lion’s share” of power in any prospective peace deal, the special U.S. envoy for the conflict said on Tuesday.

After overrunning nearly 200 rural districts, the Taliban began assaults on major cities on Friday as they marched on Herat city near the border with Iran. The city is home to an estimated 500,000 inhabitants.

“Parties must do more to protect civilians or impact will be catastrophic,” it warned. The UN said 9 civilians died in the shelling.

Khalilzad implored the parties to fully commit to a negotiated settlement, saying “this war has no legitimacy any more.”
"""

# The same story rewritten honestly: paragraphs reordered, "9" -> "nine", "500,000" ->
# "half a million", curly -> straight quotes, two sentences merged into one, "U.S." -> "US".
REWRITE = """\
"Parties must do more to protect civilians or impact will be catastrophic," it warned. The UN said nine civilians died in the shelling.

WASHINGTON (AA) – The Taliban are seeking to ensure it receives the "lion's share" of power in any prospective peace deal, the special US envoy for the conflict said on Tuesday.

Khalilzad implored the parties to fully commit to a negotiated settlement, saying "this war has no legitimacy any more."

After overrunning nearly 200 rural districts, the Taliban began assaults on major cities on Friday as they marched on Herat city near the border with Iran, a city home to an estimated half a million inhabitants.
"""


def test_benign_rewrite_has_no_findings() -> None:
    findings = findings_for(REFERENCE, REWRITE)
    assert [(f.rule, f.location.text, f.message) for f in findings] == []


def test_same_rewrite_with_a_changed_number_is_flagged() -> None:
    """The benign fixture is not quiet by accident: one real change is caught."""
    drifted = REWRITE.replace("nine civilians", "five civilians")
    findings = findings_for(REFERENCE, drifted)
    assert [(f.rule, f.location.text, f.reference.text) for f in findings] == [
        ("number-changed", "five", "9")
    ]


def test_text_checked_against_itself_has_no_findings() -> None:
    assert findings_for(REFERENCE, REFERENCE) == []


_NUMBER_WORDS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven"}
_WORD_NUMBERS = {v: k for k, v in _NUMBER_WORDS.items()}
_SPELLING = {"color": "colour", "center": "centre", "defense": "defence", "labor": "labour"}


def benign_rewrite(text: str, rng: random.Random) -> str:
    """Reorder paragraphs, swap numerals and number words of equal value, straighten
    quotes, merge one pair of sentences, and use British spelling."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    text = "\n\n".join(head + body)
    text = re.sub(r"\b[2-7]\b(?![.,]\d)", lambda m: _NUMBER_WORDS[m.group()], text)
    text = re.sub(r"\b(two|three|four|five|six|seven)\b", lambda m: _WORD_NUMBERS[m.group()], text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"}))
    text = re.sub(r"\b(color|center|defense|labor)\b", lambda m: _SPELLING[m.group()], text)
    return re.sub(r"\. ([A-Z])", lambda m: "; " + m.group(1), text, count=1)


def test_benign_rewrites_of_real_articles_have_no_factual_findings() -> None:
    articles = [a for a in corpus_articles("basil_triplets") if len(a["text"]) > 1500][:40]
    rng = random.Random(7)
    noisy = []
    words = 0
    for article in articles:
        rewrite = benign_rewrite(article["text"], rng)
        words += len(rewrite.split())
        for f in findings_for(article["text"], rewrite):
            if f.category in FACTUAL:
                noisy.append((article["id"], f.rule, f.location.text, f.message))
    # The target is <= 0.5 false factual findings per 1,000 words.
    assert len(noisy) * 1000 / words <= 0.5, noisy


_INJECTABLE = re.compile(r"(?<![\d,.$])\b\d{2,3}\b(?![\d,.%])")


def test_injected_number_changes_in_real_articles_are_found() -> None:
    """Recall check on text the rules were not written for: bump one number per article
    (a day of the month is a date, so date-changed counts too)."""
    articles = [a for a in corpus_articles("basil_triplets") if _INJECTABLE.search(a["text"])]
    rng = random.Random(11)
    missed = []
    sample = rng.sample(articles, 40)
    for article in sample:
        match = rng.choice(list(_INJECTABLE.finditer(article["text"])))
        changed = str(int(match.group()) + 1)
        rewrite = article["text"][: match.start()] + changed + article["text"][match.end() :]
        flagged = [
            (f.rule, f.location.text, f.reference.text if f.reference else "")
            for f in findings_for(article["text"], rewrite)
        ]
        if not any(
            rule in ("number-changed", "date-changed")
            and re.match(rf"\$?{changed}\b", text)
            and re.match(rf"\$?{match.group()}\b", ref)
            for rule, text, ref in flagged
        ):
            missed.append((article["id"], match.group(), changed, flagged))
    assert len(missed) <= len(sample) * 0.05, missed
