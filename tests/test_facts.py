"""The fact comparisons on real-looking sentences: each case asserts the exact finding
(rule, category, the rewrite's span, the reference's span, message) or that a benign
rewrite of the same fact is quiet. Entities: rewritelint/entities.py; times and units:
rewritelint/facts.py; swaps: kinds/swap.py; antonyms: kinds/flip.py with the lexicon;
governed negations and possessive dates: annotate."""

from __future__ import annotations

import pytest

from rewritelint.api import check_texts, prepare
from rewritelint.entities import DEFAULT, Aliases, name_run, same_entity
from rewritelint.facts import clock_minutes, same_instant, unit_family
from rewritelint.load import load_text

FACTUAL = frozenset(["number", "name", "date", "quote", "negation", "attribution", "hedge"])


def factual(reference: str, rewrite: str) -> list[tuple[str, str, str, str | None, str]]:
    """(rule, category, rewrite text, reference text, message) of the factual findings."""
    return [
        (f.rule, f.category, f.location.text, f.reference.text if f.reference else None, f.message)
        for f in check_texts(reference, rewrite)
        if f.category in FACTUAL
    ]


DRIFT = {
    "names swapped": (
        "Smith beat Jones in the final on Sunday.",
        "Jones beat Smith in the final on Sunday.",
        [
            (
                "names-swapped",
                "name",
                "Jones beat Smith",
                "Smith beat Jones",
                "names swapped: 'Smith' and 'Jones' changed places",
            )
        ],
    ),
    "numbers swapped": (
        "The blast killed 12 people and wounded 30 others in Kabul.",
        "The blast killed 30 people and wounded 12 others in Kabul.",
        [
            (
                "numbers-swapped",
                "number",
                "30 people and wounded 12",
                "12 people and wounded 30",
                "numbers swapped: 12 and 30 changed places",
            )
        ],
    ),
    "antonym": (
        "The company raised its forecast for the year.",
        "The company lowered its forecast for the year.",
        [
            (
                "polarity-flipped",
                "negation",
                "lowered",
                "raised",
                "polarity flipped: raised -> lowered",
            )
        ],
    ),
    "antonym by prefix": (
        "The ministry said the report was accurate.",
        "The ministry said the report was inaccurate.",
        [
            (
                "polarity-flipped",
                "negation",
                "inaccurate",
                "accurate",
                "polarity flipped: accurate -> inaccurate",
            )
        ],
    ),
    "adjective negated by a prefix WordNet lacks": (
        "Listeners find the host relatable and funny.",
        "Listeners find the host unrelatable and funny.",
        [
            (
                "polarity-flipped",
                "negation",
                "unrelatable",
                "relatable",
                "polarity flipped: relatable -> unrelatable",
            )
        ],
    ),
    "weekday possessive": (
        "He will brief reporters before Wednesday's vote.",
        "He will brief reporters before Friday's vote.",
        [
            (
                "date-changed",
                "date",
                "Friday's",
                "Wednesday's",
                "date changed: Wednesday's -> Friday's",
            )
        ],
    ),
    "declined to comment added": (
        "The ministry commented on the report.",
        "The ministry declined to comment on the report.",
        [
            (
                "negation-changed",
                "negation",
                "declined to comment",
                "commented",
                "negation added: 'declined'",
            )
        ],
    ),
    "according to dropped": (
        "Officials said the talks had failed, according to Reuters.",
        "Officials said the talks had failed.",
        [
            (
                "attribution-dropped",
                "attribution",
                "Officials said the talks had failed.",
                "according",
                "attribution dropped: 'had failed, according to Reuters' has no counterpart",
            )
        ],
    ),
    "time in another zone, changed": (
        "The vote closes at 6 p.m. GMT on Tuesday.",
        "The vote closes at 9 a.m. PST on Tuesday.",
        [("date-changed", "date", "9", "6", "date changed: 6 -> 9")],
    ),
    "ordinal": (
        "It was the 27th attack on the convoy this year.",
        "It was the 18th attack on the convoy this year.",
        [("number-changed", "number", "18th", "27th", "number changed: 27th -> 18th")],
    ),
    "ordinal word": (
        "Sales fell for the third quarter in a row.",
        "Sales fell for the fourth quarter in a row.",
        [("number-changed", "number", "fourth", "third", "number changed: third -> fourth")],
    ),
    "ordinal day of a month": (
        "The talks resume on August 27th in Doha.",
        "The talks resume on August 28th in Doha.",
        [("date-changed", "date", "28th", "27th", "date changed: 27th -> 28th")],
    ),
    "unit": (
        "The court banned him from the country for 30 days.",
        "The court banned him from the country for 30 years.",
        [("unit-changed", "number", "30 years", "30 days", "unit changed: 30 days -> 30 years")],
    ),
    "source renamed at the start of a sentence": (
        "Smith said the talks had failed.",
        "Jones said the talks had failed.",
        [
            (
                "attribution-changed",
                "attribution",
                "Jones",
                "Smith",
                "attribution changed: Smith -> Jones",
            )
        ],
    ),
    "source misspelt at the start of a sentence": (
        "The inspector will look. Gowdy said Friday that the server was surrendered.",
        "The inspector will look. Gowyd said Friday that the server was surrendered.",
        [("name-misspelt", "name", "Gowyd", "Gowdy", "name spelt 'Gowyd', elsewhere 'Gowdy'")],
    ),
    "according to an unnamed document dropped": (
        "The ruling was unlawful, according to the court document.",
        "The ruling was unlawful.",
        [
            (
                "attribution-dropped",
                "attribution",
                "The ruling was unlawful.",
                "according",
                "attribution dropped: 'was unlawful, according to the court' has no counterpart",
            )
        ],
    ),
    "possessive of a misspelt name": (
        "The FBI found more messages on Weiner's laptop, officials said.",
        "The FBI found more messages on Weinner's laptop, officials said.",
        [
            (
                "name-misspelt",
                "name",
                "Weinner",
                "Weiner",
                "name spelt 'Weinner', elsewhere 'Weiner'",
            )
        ],
    ),
    "a pronoun's reporting clause cut": (
        "He said that Ginsburg would retire in June.",
        "Ginsburg would retire in June.",
        [
            (
                "attribution-dropped",
                "attribution",
                "Ginsburg would retire in June.",
                "said",
                "attribution dropped: 'He said that Ginsburg would' has no counterpart",
            )
        ],
    ),
    "a statement's reporting clause cut": (
        "“We regret the decision,” the statement said.",
        "“We regret the decision.”",
        [
            (
                "attribution-dropped",
                "attribution",
                "“We regret the decision.”",
                "said",
                "attribution dropped: 'the statement said' has no counterpart",
            )
        ],
    ),
    "glued clock time": (
        "He will make the announcement at 11am in Livingston.",
        "He will make the announcement at 10am in Livingston.",
        [("date-changed", "date", "10am", "11am", "date changed: 11am -> 10am")],
    ),
    "one zone, one hour later": (
        "First published June 13, 2013 4:59 PM EDT.",
        "First published June 13, 2013 5:59 PM EDT.",
        [("date-changed", "date", "5:59", "4:59", "date changed: 4:59 -> 5:59")],
    ),
    "unit in a compound": (
        "He was handed a one-year suspension by the league.",
        "He was handed a one-month suspension by the league.",
        [
            (
                "unit-changed",
                "number",
                "one-month",
                "one-year",
                "unit changed: one-year -> one-month",
            )
        ],
    ),
    "a name changed is still a name changed": (
        "The Taliban pressed their offensive in Herat on Friday.",
        "The Taliban pressed their offensive in Kandahar on Friday.",
        [("name-swapped", "name", "Kandahar", "Herat", "name changed: Herat -> Kandahar")],
    ),
    "a name swapped inside the same description": (
        "Buyers could trust the Korean carmaker, the executive said.",
        "Buyers could trust the Japanese carmaker, the executive said.",
        [("name-swapped", "name", "Japanese", "Korean", "name changed: Korean -> Japanese")],
    ),
    "a demonym swapped with its noun added": (
        "He was the son of an American who moved to Sydney.",
        "He was the son of a British man who moved to Sydney.",
        [("name-swapped", "name", "British", "American", "name changed: American -> British")],
    ),
    "a quotation's clause dropped, its speaker a common noun": (
        "“This decision should trouble every voter,” the attorney said. The court adjourned.",
        "“This decision should trouble every voter.” The court adjourned.",
        [
            (
                "attribution-dropped",
                "attribution",
                "“This decision should trouble every voter.”",
                "said",
                "attribution dropped: 'the attorney said' has no counterpart",
            )
        ],
    ),
    "a clause dropped from a passage that names the United States": (
        "Its influence remains a benevolent force in the United States, Rubio said.",
        "Its influence remains a benevolent force in the United States.",
        [
            (
                "attribution-dropped",
                "attribution",
                "Its influence remains a benevolent force in the United States.",
                "said",
                "attribution dropped: 'States, Rubio said' has no counterpart",
            )
        ],
    ),
    "an according-to clause cut beside a source both versions name": (
        "The battle should be in Afghanistan, Steele said, according to a video of his remarks.",
        "The battle should be in Afghanistan, Steele said.",
        [
            (
                "attribution-dropped",
                "attribution",
                "The battle should be in Afghanistan, Steele said.",
                "according",
                "attribution dropped: 'Steele said, according to a video' has no counterpart",
            )
        ],
    ),
    "a new speaker while the old one is still named in the passage": (
        "The inquiry into a onetime Trump adviser was a witch hunt, Mr. Trump wrote on Sunday.",
        "The inquiry into a onetime Trump adviser was a witch hunt, Mr. Brennan wrote on Sunday.",
        [
            (
                "attribution-changed",
                "attribution",
                "Brennan",
                "Trump",
                "attribution changed: Trump -> Brennan",
            ),
            ("name-swapped", "name", "Brennan", "Trump", "name changed: Trump -> Brennan"),
        ],
    ),
    "a negation for an un- verb that reverses, not negates": (
        "Police did not find the weapon at the house, officials said.",
        "Police uncovered the weapon at the house, officials said.",
        [("negation-changed", "negation", "uncovered", "did not find", "negation removed: 'not'")],
    ),
    "a nationality swapped where both describe a noun": (
        "Talks with the French police ended on Monday.",
        "Talks with German police ended on Monday.",
        [("name-swapped", "name", "German", "French", "name changed: French -> German")],
    ),
}


@pytest.mark.parametrize(("reference", "rewrite", "expected"), DRIFT.values(), ids=DRIFT.keys())
def test_a_changed_fact_is_one_exact_finding(
    reference: str, rewrite: str, expected: list[tuple[str, str, str, str | None, str]]
) -> None:
    assert factual(reference, rewrite) == expected


BENIGN = {
    "alias": ("US officials met in Doha.", "American officials met in Doha."),
    "alias, multi-word": (
        "The seizure was confirmed by a US Treasury official.",
        "The seizure was confirmed by a United States Treasury official.",
    ),
    "British alias": (
        "Light pollution is rising across the UK, campaigners said.",
        "Light pollution is rising across Britain, campaigners said.",
    ),
    "acronym for its name": (
        "The World Health Organization said cases rose in March.",
        "The WHO said cases rose in March.",
    ),
    "accent dropped": (
        "Prime Minister Jean Chrétien said the bill would pass.",
        "Prime Minister Jean Chretien said the bill would pass.",
    ),
    "one instant in two zones": (
        "The vote closes at 6 p.m. GMT on Tuesday.",
        "The vote closes at 2 p.m. EDT on Tuesday.",
    ),
    "list reordered": (
        "Israel and Hamas exchanged fire on Tuesday.",
        "Hamas and Israel exchanged fire on Tuesday.",
    ),
    "counts moved with their nouns": (
        "Three civilians and four attackers died in the raid.",
        "Four attackers and three civilians died in the raid.",
    ),
    "clause moved": (
        "On Tuesday, Biden met Xi in Bali.",
        "Biden met Xi in Bali on Tuesday.",
    ),
    "declined to comment for no comment": (
        "Tisha Kresler, a spokeswoman for the company, declined to comment.",
        "A company spokeswoman, Tisha Kresler, had no comment.",
    ),
    "declined as fell": ("Shares fell 5% on Monday.", "Shares declined 5% on Monday."),
    "reporting verb reworded": (
        "Capital One reported earnings of $6.86 a share.",
        "Capital One published earnings of $6.86 a share.",
    ),
    "negation without apostrophe": (
        "He said he didn't know the plan.",
        "He said he didnt know the plan.",
    ),
    "ordinal spelt out": (
        "It was the third attack on the base.",
        "It was the 3rd attack on the base.",
    ),
    "ordinal day as a cardinal": (
        "The talks resume on August 27th in Doha.",
        "The talks resume on 27 August in Doha.",
    ),
    "one source under a longer name": (
        "Zalmay Khalilzad said the talks had failed.",
        "Khalilzad said the talks had failed.",
    ),
    "glued clock time spelt out": (
        "He will make the announcement at 11am in Livingston.",
        "He will make the announcement at 11 a.m. in Livingston.",
    ),
    "British spelling of a name": (
        "A total of 17 cases were confirmed, the World Health Organization said.",
        "A total of 17 cases were confirmed, the World Health Organisation said.",
    ),
    "party label": (
        "Bill Frist, Republican of Tennessee, said he hoped to finish by September.",
        "Bill Frist, R-Tenn., said he hoped to finish by September.",
    ),
    "litotes: a negation added with an antonym": (
        "Officials said the process was easy for most voters.",
        "Officials said the process was not difficult for most voters.",
    ),
    "No. before a number": (
        "The four stood trial in Beijing's No. 1 Intermediate Court.",
        "The four stood trial in Beijing's Intermediate Court.",
    ),
    "declined to a figure is a fall": (
        "Quarterly revenue declined to $4.2 billion from $4.9 billion.",
        "Quarterly revenue fell to $4.2 billion from $4.9 billion.",
    ),
    "failure to for failed to": (
        "Critics blamed the council's failure to pass a budget in time.",
        "Critics blamed the council, which failed to pass a budget in time.",
    ),
    "nothing but is praise": (
        "Neighbours had nothing but praise for the rescue crew.",
        "Neighbours had warm praise for the rescue crew.",
    ),
    "not only asserts both": (
        "The plan will cut costs and raise output, the minister said.",
        "The plan will not only cut costs but raise output, the minister said.",
    ),
    "without for an un- word": (
        "The two men escaped without injury, police said.",
        "The two men escaped uninjured, police said.",
    ),
    "a ministry by its building": (
        "The Pentagon said the drill would go ahead on Friday.",
        "The Defense Department said the drill would go ahead on Friday.",
    ),
    "St for Saint": (
        "The caretaker of the St Andrew's camp was rescued on Sunday.",
        "The caretaker of the Saint Andrew's camp was rescued on Sunday.",
    ),
    "a speaker given his title": (
        '"We will appeal the ruling," said Patrick Mahoney, director of the coalition.',
        '"We will appeal the ruling," said the Rev. Patrick Mahoney, director of the coalition.',
    ),
    "according to a source, then the source reported": (
        "Sales rose 5 percent last year, according to Reuters.",
        "Sales rose 5 percent last year, Reuters reported.",
    ),
    "the subject of what was said is not its speaker": (
        "Ann Veneman said she will send experts to Canada.",
        "Ann Veneman, who announced the ban, also said Washington will send experts to Canada.",
    ),
    "a description called by its name": (
        "Buyers could trust the Korean carmaker, the executive said.",
        "Buyers could trust Hyundai, the executive said.",
    ),
}


@pytest.mark.parametrize(("reference", "rewrite"), BENIGN.values(), ids=BENIGN.keys())
def test_the_same_fact_in_other_words_is_quiet(reference: str, rewrite: str) -> None:
    assert factual(reference, rewrite) == []


def test_a_desk_alias_makes_two_names_one_entity() -> None:
    desk = DEFAULT.extended([["Scotland Yard", "Metropolitan Police", "Met"]])
    assert desk.same("Scotland Yard", "Metropolitan Police")
    assert not DEFAULT.same("Scotland Yard", "Metropolitan Police")
    assert desk.same("US", "America")  # the built-in groups are kept


def test_alias_groups_that_share_a_name_join() -> None:
    aliases = Aliases.of([["Burma", "Myanmar"], ["Myanmar", "Burmese"]])
    assert aliases.same("Burma", "Burmese")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "United States Court of Appeals for the Ninth Circuit",
            "U.S. Circuit Court of Appeals",
            True,
        ),
        ("Jemaah Islamiah", "JI", True),
        ("Sims-based", "Sims-centric", True),
        ("Khalilzad", "Zalmay Khalilzad", True),
        ("Antony Blinken", "Antony Khalilzad", False),
        ("Israeli", "Iranian", False),
        ("Bush", "United States", False),
    ],
)
def test_same_entity(a: str, b: str, same: bool) -> None:
    assert same_entity(a, b) is same


def test_name_run_reads_the_whole_name_but_not_a_list() -> None:
    doc = prepare(load_text("Judges of the Court of Appeals met Biden and Putin.", "x"))
    tokens = doc.tokens[0]
    court = next(t for t in tokens if t.text == "Appeals")
    putin = next(t for t in tokens if t.text == "Putin")
    assert name_run(tokens, court) == "Judges of the Court of Appeals"
    assert name_run(tokens, putin) == "Putin"


def test_clock_times_and_zones() -> None:
    assert clock_minutes("11:45 pm") == 23 * 60 + 45
    assert clock_minutes("25:00") is None
    assert same_instant("0841", None, "0841", None) is False  # no zone: compared as written
    assert same_instant("11 pm", "gmt", "7 pm", "edt")
    assert unit_family("Years") == "time"
    assert unit_family("provinces") is None
