"""What the review page shows, decided before any HTML: stories, order, counts, passages.

The HTML made of it is tested in ``tests/render/test_html.py``.
"""

from __future__ import annotations

import pytest
from helpers import number_changed, report_of

from rewritelint.findings import summarise
from rewritelint.model import Excerpt, Finding, Location, PassagePair
from rewritelint.report import Report, StoryReport, Tally
from rewritelint.review import (
    Card,
    Choice,
    Review,
    Row,
    Shown,
    TallyRow,
    review_check,
    review_report,
)
from rewritelint.sources import Resolution
from rewritelint.story import Story, Version


def one_of_each(path: str = "stories/kabul.txt", wire: str = "wire/ap.txt") -> list[Finding]:
    """A single-version finding, an added passage, an omitted one, an altered quotation."""
    residue = Finding(
        "scraper-residue", "artifact", "warning", "scraper residue: [ad_1]",
        Location(path, 7, 1, 7, 7, "[ad_1]", 300, 306), None, "a" * 20,
        Excerpt("Before [ad_1] after", ((7, 13),)),
    )  # fmt: skip
    added = Finding(
        "passage-added", "addition", "info", "1 passage(s) not in the reference (3 words)",
        Location(path, 9, 1, 9, 14, "Three new words", 400, 414), None, "b" * 20,
        Excerpt("Three new words", ((0, 15),)),
    )  # fmt: skip
    omitted = Finding(
        "passage-omitted", "omission", "info", "1 reference passage(s) left out (2 words)",
        Location(path, 9, 1, 9, 1, "", 400, 400), Location(wire, 3, 1, 3, 9, "Two gone", 50, 58),
        "c" * 20, Excerpt("Near the gap", ((0, 0),)),
    )  # fmt: skip
    quote = Finding(
        "quote-altered", "quote", "error", "quotation altered: 'calm' -> 'quiet'",
        Location(path, 11, 3, 11, 8, "quiet", 500, 505), Location(wire, 12, 3, 12, 7, "calm", 600, 604),
        "d" * 20, Excerpt("“quiet now”", ((1, 6),)), Excerpt("“calm now”", ((1, 5),)),
    )  # fmt: skip
    return [residue, added, omitted, quote]


def report_review(findings: list[Finding], **kwargs: object) -> Review:
    report = report_of(findings, ("wire/ap.txt", "stories/kabul.txt"))
    return review_report(report, summarise(findings, 2), **kwargs)  # type: ignore[arg-type]


def cards(review: Review) -> list[Card]:
    return [c for s in review.stories for section in s.sections for c in section.cards]


def residue(path: str) -> Finding:
    return one_of_each(path=path)[0]


def test_a_report_is_laid_out_story_by_story() -> None:
    findings = [number_changed(), *one_of_each()]
    review = report_review(findings)
    (story,) = review.stories
    assert (story.id, story.reason, story.reference) == (
        "story-1",
        "wire credit (AP)",
        "wire/ap.txt",
    )
    assert [(v.path, v.role, v.anchor, v.similarity) for v in story.versions] == [
        ("wire/ap.txt", "reference", "story-1-v0", None),
        ("stories/kabul.txt", "rewrite", "story-1-v1", 0.5),
    ]
    assert [s.path for s in story.sections] == ["wire/ap.txt", "stories/kabul.txt"]
    assert story.sections[0].cards == () and story.sections[1].similarity == 0.5
    assert [c.number for c in cards(review)] == [0, 1, 2, 3, 4]
    assert story.finding_count == review.finding_count == 5
    assert review.version_count == 2
    assert story.counts == review.counts == (("error", 2), ("warning", 1), ("info", 2))
    assert [(d.path, d.line, d.values, d.odd) for d in story.consensus] == [
        ("wire/ap.txt", 10, (("nine", 1), ("five", 1)), ("stories/kabul.txt",))
    ]


def test_filters_and_tally_come_counted_and_ordered() -> None:
    review = report_review([number_changed(), *one_of_each()])
    assert review.severities == (Choice("error", 2), Choice("warning", 1), Choice("info", 2))
    # The contract's category order, not the findings' order.
    assert [c.value for c in review.categories] == [
        "number",
        "quote",
        "omission",
        "addition",
        "artifact",
    ]
    assert review.rules == (
        "number-changed",
        "passage-added",
        "passage-omitted",
        "quote-altered",
        "scraper-residue",
    )
    assert review.versions == ("wire/ap.txt", "stories/kabul.txt")
    assert review.tally[0] == TallyRow("number", (1, 0, 0), 1)
    assert review.totals == (2, 1, 2)


def test_an_unknown_category_is_listed_after_the_contracts() -> None:
    odd = Finding(
        **{**{f: getattr(number_changed(), f) for f in Finding.__slots__}, "category": "zzz"}
    )
    review = report_review([odd, *one_of_each()])
    assert [c.value for c in review.categories][-1] == "zzz"
    assert review.tally[-1].category == "zzz"


def test_cards_choose_their_layout_and_what_is_flagged() -> None:
    review = report_review([number_changed(), *one_of_each()])
    by_rule = {c.finding.rule: c for c in cards(review)}
    changed = by_rule["number-changed"]
    assert changed.layout == "pair" and not changed.in_reference
    assert changed.left == Shown(number_changed().reference_excerpt.text, ((19, 23),))
    assert changed.right == Shown(number_changed().excerpt.text, ((20, 24),))
    assert changed.quote == "nine"
    omitted = by_rule["passage-omitted"]
    assert omitted.layout == "omitted" and omitted.left.whole and omitted.right is None
    assert omitted.quote == ""  # an omission's text is on the left already
    assert omitted.context.startswith("Near ")
    added = by_rule["passage-added"]
    assert added.layout == "added" and added.left is None
    single = by_rule["scraper-residue"]
    assert single.layout == "single" and single.left is None and single.right.marks


def test_marks_come_sorted_and_only_the_valid_ones() -> None:
    text = "They have captured nine provincial centers"
    finding = number_changed(
        passage=None,
        fingerprint="0" * 20,
        reference_excerpt=Excerpt(text, ((19, 23), (0, 4), (2, 6), (30, 30), (40, 99))),
    )
    (card,) = cards(report_review([finding]))
    assert card.left == Shown(text, ((0, 4), (19, 23)))
    assert card.right == Shown("five")  # no passage: the flagged words alone


def test_the_aligned_view_is_counted() -> None:
    one, two = Excerpt("nine cities", ((0, 4),)), Excerpt("five cities", ((0, 4),))
    same = Excerpt("calm", ())
    rows = (
        PassagePair(one, two),
        PassagePair(same, same),
        PassagePair(None, same),
        PassagePair(same, None),
        PassagePair(one, same),  # reference words marked only: changed, not counted
    )
    story = Story("story-1", (Version("w.txt", 1.0), Version("r.txt", 0.8)), "wire credit")
    report = Report([StoryReport(story, (), aligned=(("r.txt", rows),))], files=2)
    review = review_report(report, summarise([], 2))
    aligned = review.stories[0].sections[1].aligned
    assert review.stories[0].sections[0].aligned is None
    assert [r.kind for r in aligned.rows] == ["changed", "same", "added", "omitted", "changed"]
    assert (aligned.changed, aligned.added, aligned.omitted) == (1, 1, 1)
    assert aligned.rows[2] == Row("added", None, Shown("calm", whole=True))


def test_check_groups_rewrites_by_reference() -> None:
    a, b = number_changed(path="stories/a.txt"), number_changed(path="stories/b.txt")
    loose = residue("stories/alone.txt")
    sources = {
        "stories/a.txt": Resolution(("wire/ap.txt", "wire/x.txt"), "--against"),
        "stories/b.txt": Resolution(("wire/ap.txt", "wire/x.txt"), "--against"),
        "stories/alone.txt": Resolution((), "none"),
        "stories/clean.txt": Resolution(("wire/other.txt",), "front matter"),
    }
    checked = list(sources)
    review = review_check(
        [a, b, loose], summarise([a, b, loose], 4), sources=sources, checked=checked
    )
    assert [(s.id, s.reference, [v.path for v in s.versions]) for s in review.stories] == [
        ("story-1", "wire/ap.txt", ["wire/ap.txt", "stories/a.txt", "stories/b.txt"]),
        ("story-2", None, ["stories/alone.txt"]),
        ("story-3", "wire/other.txt", ["wire/other.txt", "stories/clean.txt"]),
    ]
    assert review.stories[0].reason == "source found by --against; also compared with wire/x.txt"
    assert review.stories[1].reason == "no source found: only single-version rules ran"
    assert review.stories[1].sections[0].role == "unsourced"
    assert review.complete_paths == tuple(sorted(checked))
    assert [i.story for i in review.items] == ["story-1", "story-1", "story-2"]


def test_check_without_sources_uses_the_findings_references() -> None:
    review = review_check([number_changed()], summarise([number_changed()], 1))
    (story,) = review.stories
    assert story.reference == "wire/ap.txt" and story.reason == "source of the findings"
    assert review.complete_paths == ("stories/kabul.txt",)


def test_the_scripts_data_follows_the_card_numbers() -> None:
    """A checked file that is also the reference of another, with a finding of its own:
    its card comes first (the reference's section), and so does its data, so a decision
    on a card is a decision on that card's finding."""
    rewrite = number_changed(path="s/a.txt", wire="w.txt")
    own = residue("w.txt")
    sources = {p: Resolution(("w.txt",), "--against") for p in ("s/a.txt", "w.txt")}
    review = review_check(
        [rewrite, own], summarise([rewrite, own], 2), sources=sources, checked=list(sources)
    )
    assert [(c.number, c.finding.rule, c.in_reference) for c in cards(review)] == [
        (0, "scraper-residue", True),
        (1, "number-changed", False),
    ]
    assert [i.rule for i in review.items] == ["scraper-residue", "number-changed"]


def test_items_carry_baseline_paths() -> None:
    review = report_review([number_changed()], baseline_paths={"stories/kabul.txt": "x/y.txt"})
    (item,) = review.items
    assert (item.path, item.fingerprint, item.text, item.reference, item.version) == (
        "x/y.txt",
        "0123456789abcdef0123",
        "five",
        "nine",
        1,
    )
    assert review.complete_paths == ("wire/ap.txt", "x/y.txt")


@pytest.mark.parametrize("acknowledged", [0, 3])
def test_summary_numbers_are_carried(acknowledged: int) -> None:
    summary = summarise([], 4, failed_files=1, acknowledged=acknowledged)
    review = review_report(Report(files=4), summary)
    assert (review.files, review.failed_files, review.acknowledged) == (4, 1, acknowledged)
    assert review.stories == () and review.tally == () and review.counts == ()


def test_three_versions_tally_the_odd_one_out() -> None:
    paths = ("w.txt", "a.txt", "b.txt")
    versions = tuple(Version(p, 1.0 if k == 0 else 0.5) for k, p in enumerate(paths))
    tally = Tally("w.txt", 3, (("five", ("a.txt", "b.txt")), ("nine", ("w.txt",))))
    story = StoryReport(Story("story-1", versions, "wire credit"), (), (tally,))
    review = review_report(Report([story], files=3), summarise([], 3))
    (disagreement,) = review.stories[0].consensus
    assert disagreement.values == (("five", 2), ("nine", 1)) and disagreement.odd == ("w.txt",)


def test_info_runs_of_passages_fold_to_their_size() -> None:
    """An info-level run left out or added is one line until opened: its sentences (the
    run's passages) and words; a warning-level one (a desk raised its severity) or any
    other finding is shown whole."""
    review = report_review([number_changed(), *one_of_each()])
    by_rule = {c.finding.rule: c for c in cards(review)}
    assert by_rule["passage-omitted"].fold == "1 sentence (2 words) not in this version"
    assert by_rule["passage-added"].fold == "1 sentence (3 words) not in the reference"
    assert by_rule["number-changed"].fold is None and by_rule["scraper-residue"].fold is None
    gone = Location(
        "wire/ap.txt", 3, 1, 5, 20, "One went.\n\nTwo more went, said Kabul's U.S. envoy.", 50, 99
    )
    run = Finding(
        "passage-omitted", "omission", "info", "2 reference passage(s) left out (9 words)",
        Location("stories/kabul.txt", 9, 1, 9, 1, "", 400, 400), gone, "e" * 20,
    )  # fmt: skip
    (card,) = cards(report_review([run]))
    assert card.fold == "2 sentences (9 words) not in this version"
    raised = Finding(**{**{f: getattr(run, f) for f in Finding.__slots__}, "severity": "warning"})
    assert cards(report_review([raised]))[0].fold is None


def test_the_page_keeps_the_reports_order_and_has_no_scores_yet() -> None:
    """Versions and findings in the order the report gives them (the report ranks; the
    page does not), with no score until the report provides one."""
    findings = [*one_of_each(), number_changed()]
    review = report_review(findings)
    assert [c.finding for c in cards(review)] == findings
    assert [c.score for c in cards(review)] == [None] * 5
    assert [v.score for s in review.stories for v in s.versions] == [None, None]
    assert review.recorded == ("wire/ap.txt", "stories/kabul.txt")
    assert [i.path for i in review.items] == ["stories/kabul.txt"] * 5
