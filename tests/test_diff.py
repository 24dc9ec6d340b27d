"""diff: word-level edits of aligned pairs, compared on normalised tokens."""

from __future__ import annotations

from rewritelint.align import align
from rewritelint.api import prepare
from rewritelint.diff import diff
from rewritelint.load import load_text


def edits(reference: str, rewrite: str) -> list[tuple[str, str, str]]:
    ref, rew = prepare(load_text(reference)), prepare(load_text(rewrite))
    return [
        (e.op, " ".join(t.text for t in e.reference), " ".join(t.text for t in e.rewrite))
        for e in diff(ref, rew, align(ref, rew))
    ]


def test_replaced_number_is_one_word_edit() -> None:
    assert edits(
        "They have captured nine provincial centers in six days.",
        "They have captured five provincial centers in six days.",
    ) == [("replace", "nine", "five")]


def test_equal_values_and_quote_styles_are_not_edits() -> None:
    assert (
        edits(
            "The U.S. said “nine” people, 500,000 in all, were 95% safe.",
            'The US said "9" people, half a million in all, were 95 percent safe.',
        )
        == []
    )


def test_insert_and_delete_carry_anchors_on_both_sides() -> None:
    ref = prepare(load_text("The minister was injured in the attack."))
    rew = prepare(load_text("The minister was not injured in the attack."))
    (edit,) = diff(ref, rew, align(ref, rew))
    assert edit.op == "insert"
    assert [t.text for t in edit.rewrite] == ["not"]
    assert rew.document.text[edit.rewrite_at :].startswith("not injured")
    assert ref.document.text[edit.reference_at :].startswith("injured")


def test_long_passages_are_not_confused_by_common_words() -> None:
    """autojunk would junk "the" in passages over 200 tokens and misplace the edit."""
    sentence = "the officials said the talks in the city of the north would resume, the envoy said"
    reference = " ".join([sentence] * 12) + " and nine more came."
    rewrite = " ".join([sentence] * 12) + " and five more came."
    assert edits(reference, rewrite) == [("replace", "nine", "five")]
