"""segment: sentence passages with spans that survive abbreviations and quotations."""

from __future__ import annotations

import pytest

from rewritelint.load import load_text
from rewritelint.segment import segment


def sentences(text: str) -> list[str]:
    return [p.text for p in segment(load_text(text))]


def test_line_breaks_end_passages_and_number_paragraphs() -> None:
    passages = segment(load_text("[ad_1]\nKABUL (AP) – An envoy returned.\n\nSource link"))
    assert [(p.paragraph, p.text) for p in passages] == [
        (0, "[ad_1]"),
        (1, "KABUL (AP) – An envoy returned."),
        (2, "Source link"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. Marine Gen. Kenneth McKenzie declined to say. He left at 3 p.m. on Tuesday. "
            "Then Lt. Col. J. R. Smith spoke.",
            [
                "U.S. Marine Gen. Kenneth McKenzie declined to say.",
                "He left at 3 p.m. on Tuesday.",
                "Then Lt. Col. J. R. Smith spoke.",
            ],
        ),
        (
            "“We are doing all we can,” he said. “It is over.” The talks ended.",
            ["“We are doing all we can,” he said.", "“It is over.”", "The talks ended."],
        ),
        (
            "The envoy said the talks\nwould resume next week.\nOfficials agreed.",
            ["The envoy said the talks\nwould resume next week.", "Officials agreed."],
        ),
        (
            "He went to Doha to “help the situation in Afghanistan. “.\nNext line.",
            ["He went to Doha to “help the situation in Afghanistan. “.", "Next line."],
        ),
    ],
    ids=[
        "abbreviations-do-not-split",
        "quotations-stay-with-their-sentence",
        "a-hard-wrapped-sentence-is-one-passage",
        "stray-punctuation-joins-the-sentence-before",
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_point_into_the_text() -> None:
    doc = load_text("  First one.  Second one.\r\n\r\nThird.")
    for passage in segment(doc):
        assert doc.text[passage.start : passage.end] == passage.text
    assert [p.text for p in segment(doc)] == ["First one.", "Second one.", "Third."]


def test_empty_and_blank_documents_have_no_passages() -> None:
    assert segment(load_text("")) == []
    assert segment(load_text(" \n\n\t ")) == []


def test_a_title_opening_a_later_paragraph_does_not_end_a_sentence():
    text = "First paragraph here.\n\nLt. Bob Rifkin said the unit grew.\n\nReps. Hoyer and Clyburn agreed."
    passages = segment(load_text(text, "story.txt"))
    assert [p.text for p in passages] == [
        "First paragraph here.",
        "Lt. Bob Rifkin said the unit grew.",
        "Reps. Hoyer and Clyburn agreed.",
    ]
