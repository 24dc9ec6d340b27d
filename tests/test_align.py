"""align: passages matched across reordering, merging, splitting and changed values."""

from __future__ import annotations

from rewritelint.align import align
from rewritelint.api import prepare
from rewritelint.load import load_text

REFERENCE = (
    "The Taliban have rapidly captured several smaller administrative districts in recent weeks. "
    "They have captured nine provincial centers from government forces in six days.\n\n"
    "US President Joe Biden said Tuesday he did not regret his decision to pull US troops.\n\n"
    "The International Committee of the Red Cross said its staff treated more than 4,000 Afghans."
)


def pairs(reference: str, rewrite: str) -> list[tuple[list[str], list[str]]]:
    ref, rew = prepare(load_text(reference)), prepare(load_text(rewrite))
    return [
        (
            [ref.passages[i].text for i in a.reference],
            [rew.passages[j].text for j in a.rewrite],
        )
        for a in align(ref, rew)
    ]


def test_identical_texts_align_one_to_one() -> None:
    result = pairs(REFERENCE, REFERENCE)
    assert all(len(r) == 1 and r == w for r, w in result)
    assert len(result) == 4


def test_reordered_paragraphs_still_align() -> None:
    paragraphs = REFERENCE.split("\n\n")
    rewrite = "\n\n".join(reversed(paragraphs))
    assert all(r == w for r, w in pairs(REFERENCE, rewrite))


def test_changed_number_keeps_the_sentence_aligned() -> None:
    rewrite = REFERENCE.replace(
        "They have captured nine provincial centers from government forces in six days.",
        "Insurgents captured five of the country's 34 provincial capitals in less than a week.",
    )
    assert (
        ["They have captured nine provincial centers from government forces in six days."],
        ["Insurgents captured five of the country's 34 provincial capitals in less than a week."],
    ) in pairs(REFERENCE, rewrite)


def test_merged_sentences_align_one_to_many() -> None:
    reference = "The envoy arrived in Doha on Tuesday. He met both delegations at the hotel."
    rewrite = "The envoy arrived in Doha on Tuesday and met both delegations at the hotel."
    assert pairs(reference, rewrite) == [
        (
            ["The envoy arrived in Doha on Tuesday.", "He met both delegations at the hotel."],
            ["The envoy arrived in Doha on Tuesday and met both delegations at the hotel."],
        )
    ]


def test_split_sentence_aligns_many_to_one() -> None:
    reference = "The envoy arrived in Doha on Tuesday and met both delegations at the hotel."
    rewrite = "The envoy arrived in Doha on Tuesday. He met both delegations at the hotel."
    assert pairs(reference, rewrite) == [
        (
            ["The envoy arrived in Doha on Tuesday and met both delegations at the hotel."],
            ["The envoy arrived in Doha on Tuesday.", "He met both delegations at the hotel."],
        )
    ]


def test_unrelated_passages_are_omissions_and_additions() -> None:
    reference = "The envoy arrived in Doha on Tuesday. Markets fell sharply in Tokyo overnight."
    rewrite = "The envoy arrived in Doha on Tuesday. A comedian was killed in southern Kandahar."
    result = pairs(reference, rewrite)
    assert (["Markets fell sharply in Tokyo overnight."], []) in result
    assert ([], ["A comedian was killed in southern Kandahar."]) in result


def test_alignment_is_deterministic() -> None:
    rewrite = "\n\n".join(reversed(REFERENCE.split("\n\n")))
    assert pairs(REFERENCE, rewrite) == pairs(REFERENCE, rewrite)
