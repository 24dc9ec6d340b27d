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


def test_identical_passages_score_exactly_one_and_a_reworded_one_less() -> None:
    rewrite = REFERENCE.replace("rapidly captured", "quickly seized")
    ref, rew = prepare(load_text(REFERENCE)), prepare(load_text(rewrite))
    scores = {rew.passages[a.rewrite[0]].text[:12]: a.score for a in align(ref, rew)}
    assert scores["The Taliban "] < 1.0
    assert [s for text, s in scores.items() if text != "The Taliban "] == [1.0, 1.0, 1.0]


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


def test_a_web_address_inside_a_sentence_does_not_break_its_alignment() -> None:
    # The README's quick-start pair, with a link pasted into the rewrite's sentence: the
    # address's dozen words and digits used to outweigh the few shared words.
    from helpers import findings_for

    reference = "They have captured nine provincial centers from government forces in six days."
    rewrite = (
        "Insurgents captured five of the country’s 34 provincial capitals in less than a week "
        "(https://www.aa.com.tr/en/asia-pacific/taliban-captures-ninth-provincial-capital/2331412)."
    )
    found = [
        (f.rule, f.location.text, f.reference and f.reference.text)
        for f in findings_for(reference, rewrite)
    ]
    assert ("number-changed", "five", "nine") in found
    url = rewrite[rewrite.index("https") : -2]
    # The address is one opaque token: no number, name or misspelling read inside it.
    assert not [f for f in found if f[1] and f[1] in url], found
    assert len(pairs(reference, rewrite)) == 1


def test_web_addresses_are_one_token_without_their_trailing_punctuation() -> None:
    text = "See www.bbc.co.uk/news, or (https://t.co/Ab1?x=2&y=3). Then http://ap.org."
    document = prepare(load_text(text))
    urls = [t.text for passage in document.tokens for t in passage if "url" in t.tags]
    assert urls == ["www.bbc.co.uk/news", "https://t.co/Ab1?x=2&y=3", "http://ap.org"]
