"""segment: sentence passages with spans that survive abbreviations and quotations."""

from __future__ import annotations

from rewritelint.load import load_text
from rewritelint.segment import segment


def sentences(text: str) -> list[str]:
    return [p.text for p in segment(load_text(text))]


def test_abbreviations_do_not_split() -> None:
    text = (
        "U.S. Marine Gen. Kenneth McKenzie declined to say. He left at 3 p.m. on Tuesday. "
        "Then Lt. Col. J. R. Smith spoke."
    )
    assert sentences(text) == [
        "U.S. Marine Gen. Kenneth McKenzie declined to say.",
        "He left at 3 p.m. on Tuesday.",
        "Then Lt. Col. J. R. Smith spoke.",
    ]


def test_quotations_stay_with_their_sentence() -> None:
    text = "“We are doing all we can,” he said. “It is over.” The talks ended."
    assert sentences(text) == [
        "“We are doing all we can,” he said.",
        "“It is over.”",
        "The talks ended.",
    ]


def test_line_breaks_end_passages_and_number_paragraphs() -> None:
    passages = segment(load_text("[ad_1]\nKABUL (AP) – An envoy returned.\n\nSource link"))
    assert [(p.paragraph, p.text) for p in passages] == [
        (0, "[ad_1]"),
        (1, "KABUL (AP) – An envoy returned."),
        (2, "Source link"),
    ]


def test_hard_wrapped_sentence_is_one_passage() -> None:
    assert sentences("The envoy said the talks\nwould resume next week.\nOfficials agreed.") == [
        "The envoy said the talks\nwould resume next week.",
        "Officials agreed.",
    ]


def test_stray_punctuation_joins_the_sentence_before() -> None:
    text = "He went to Doha to “help the situation in Afghanistan. “.\nNext line."
    assert sentences(text) == [
        "He went to Doha to “help the situation in Afghanistan. “.",
        "Next line.",
    ]


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
