"""Redlines for readers (rewritelint/redline.py) and the aligned view that uses them."""

from __future__ import annotations

from helpers import SEEDS

from rewritelint.api import compare, prepare
from rewritelint.load import load, load_text
from rewritelint.redline import redline
from rewritelint.report import aligned_view


def marked(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_a_changed_number_is_one_mark_a_side() -> None:
    old = "Insurgents captured nine provincial capitals in six days, officials said."
    new = "Insurgents captured five provincial capitals in six days, officials said."
    removed, added = redline(old, new)
    assert (marked(old, removed), marked(new, added)) == (["nine"], ["five"])


def test_a_changed_stretch_is_one_mark_not_one_per_word() -> None:
    old = "The envoy met delegates from both sides in Doha on Tuesday."
    new = "The envoy met leaders of the Taliban and the government in Doha on Tuesday."
    removed, added = redline(old, new)
    assert marked(old, removed) == ["delegates from both sides"]
    assert marked(new, added) == ["leaders of the Taliban and the government"]


def test_a_word_changed_inside_is_marked_whole() -> None:
    old, new = "the Afghan people", "the Afghans people"
    assert tuple(map(marked, (old, new), redline(old, new))) == (["Afghan"], ["Afghans"])


def test_inserted_and_deleted_words_mark_one_side() -> None:
    old = "Officials said the attack killed 12 people."
    new = "Officials said on Tuesday the attack killed 12 people."
    removed, added = redline(old, new)
    assert (removed, marked(new, added)) == ((), ["on Tuesday"])


def test_the_seeds_aligned_view_marks_stretches_inside_the_text() -> None:
    reference = prepare(load(str(SEEDS / "003_380c5302f4e8ce27.txt")))
    rewrite = prepare(load(str(SEEDS / "004_aa7a28f18c50d0f7.txt")))
    rows = aligned_view(compare(rewrite, reference))
    pairs = [r for r in rows if r.reference and r.rewrite and r.rewrite.marks]
    assert pairs
    for row in pairs:
        for side in (row.reference, row.rewrite):
            assert side is not None
            for start, end in side.marks:
                assert 0 <= start < end <= len(side.text)
                assert side.text[start:end] == side.text[start:end].strip()


def test_an_unchanged_pair_has_no_marks() -> None:
    text = "The envoy met delegates from both sides in Doha on Tuesday.\n"
    rows = aligned_view(compare(prepare(load_text(text, "b")), prepare(load_text(text, "a"))))
    assert all(
        not r.reference.marks and not r.rewrite.marks for r in rows if r.reference and r.rewrite
    )
