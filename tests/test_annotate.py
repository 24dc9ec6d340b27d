"""annotate: token classes and normalised values."""

from __future__ import annotations

import pytest

from rewritelint.annotate import annotate, number_value
from rewritelint.api import prepare
from rewritelint.load import load_text
from rewritelint.segment import segment


def tokens(text: str):
    doc = load_text(text)
    annotated = annotate(doc, segment(doc))
    return [t for passage in annotated.tokens for t in passage]


def numbers(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tokens(text) if t.kind == "number"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nine", "9"),
        ("9", "9"),
        ("9.0", "9"),
        ("500,000", "500000"),
        ("half a million", "500000"),
        ("three hundred and forty-two", "342"),
        ("twenty-five", "25"),
        ("a dozen", "12"),
        ("1.5 million", "1500000"),
        ("two million", "2000000"),
        ("95%", "95%"),
        ("95 percent", "95%"),
        ("95 per cent", "95%"),
        ("$4m", "$4000000"),
        ("$4 million", "$4000000"),
        ("4,000", "4000"),
    ],
)
def test_number_values(text: str, value: str) -> None:
    assert numbers(f"They counted {text} in the city.") == [(text, value)]


def test_number_value_helper() -> None:
    assert number_value("nine") == number_value("9") == number_value("9.0") == "9"
    assert number_value("the") is None


def test_years_are_their_own_kind() -> None:
    kinds = {t.text: t.kind for t in tokens("The deal was struck in 2020 by 34 people.")}
    assert kinds["2020"] == "year"
    assert kinds["34"] == "number"


def test_norms_fold_case_quotes_and_acronym_dots() -> None:
    a = [t.norm for t in tokens("The U.S. envoy’s “visit”.")]
    b = [t.norm for t in tokens('The US envoy\'s "visit".')]
    assert a == b


def test_classes_of_words() -> None:
    found = {t.text: t.tags for t in tokens("On Tuesday in August, Khalilzad did not go.")}
    assert "weekday" in found["Tuesday"]
    assert "month" in found["August"]
    assert "name" in found["Khalilzad"]
    assert "negation" in found["not"]
    assert "name" not in found["On"]  # sentence-initial capital is not a name


def test_quoted_words_are_tagged() -> None:
    found = {t.text: t.tags for t in tokens("He said “this war has no legitimacy” on Tuesday.")}
    assert "quoted" in found["legitimacy"]
    assert "quoted" not in found["Tuesday"]


def test_reversed_quotation_marks_still_delimit_a_quote() -> None:
    found = {
        t.text: t.tags for t in tokens("Pakistan wants to see a government ” inclusive “in Kabul.")
    }
    assert "quoted" in found["inclusive"]


def test_a_passage_seen_before_gets_its_own_offsets_and_quotation_state():
    # Tokens are cached per passage text; the cache must not leak one document's
    # offsets, passage numbers or quotation marks into another's.
    sentence = "The council approved nine new schools on Tuesday."
    first = prepare(load_text(f"Intro line.\n\n{sentence}", "a.txt"))
    second = prepare(load_text(f"She said: “We won. {sentence} It is done,” she said.", "b.txt"))
    third = prepare(load_text(sentence, "c.txt"))
    for doc in (first, second, third):
        (passage,) = [p for p in doc.passages if p.text.startswith("The council")]
        tokens = doc.tokens[passage.index]
        assert all(doc.document.text[t.start : t.end] == t.text for t in tokens)
        assert {t.passage for t in tokens} == {passage.index}
    quoted = [("quoted" in t.tags) for t in second.tokens[1] if t.kind == "word"]
    assert all(quoted)
    assert not any("quoted" in t.tags for t in first.tokens[1])
