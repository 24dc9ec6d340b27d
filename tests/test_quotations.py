"""quotations: where a document's quotations open and close, mark by mark."""

from __future__ import annotations

from rewritelint.load import load_text
from rewritelint.model import Quotation
from rewritelint.quotations import find_quotations
from rewritelint.segment import segment


def quotations(text: str) -> list[tuple[str, bool]]:
    """Each quotation's text (marks included) and whether it was closed."""
    document = load_text(text)
    found = find_quotations(document.text, segment(document))
    return [(document.text[q.start : q.end], q.closed) for q in found]


def test_curly_and_straight_quotations_close_where_their_marks_do() -> None:
    text = 'He said “the talks failed” and then "we will return" on Friday.'
    assert quotations(text) == [("“the talks failed”", True), ('"we will return"', True)]


def test_a_quotation_left_open_ends_with_its_paragraph() -> None:
    text = "“We will not stop, he said.\n\nThe next paragraph is plain."
    assert quotations(text) == [("“We will not stop, he said.", False)]


def test_a_reversed_pair_from_machine_translation_still_delimits_a_quote() -> None:
    text = "Pakistan wants a government ” inclusive “ in Kabul."
    assert quotations(text) == [("” inclusive “", True)]


def test_a_quotation_runs_across_the_sentences_of_its_paragraph() -> None:
    text = "She said: “We won. It is done,” she said."
    document = load_text(text)
    (quote,) = find_quotations(document.text, segment(document))
    assert quote == Quotation(10, 31, True)
    assert len(segment(document)) == 2
