"""api: the pipeline strung together for library users; a text parsed once per text."""

from __future__ import annotations

from rewritelint.api import REUSE_LIMIT, check_texts, prepare
from rewritelint.load import load_text

STORY = (
    "The Taliban have captured nine provincial capitals in six days, officials said.\n\n"
    "Kabul was quiet on Tuesday [ad_1]\n"
)


def test_two_files_with_one_text_share_the_parse_but_keep_their_own_paths() -> None:
    first = prepare(load_text(STORY, "wire/kabul.txt"))
    second = prepare(load_text(STORY, "stories/kabul.txt"))
    assert first.tokens is second.tokens  # parsed once
    assert (first.document.path, second.document.path) == ("wire/kabul.txt", "stories/kabul.txt")
    findings = check_texts(STORY, STORY, reference_path="wire/kabul.txt", rewrite_path="b.txt")
    assert [(f.rule, f.location.path, f.location.text) for f in findings] == [
        ("scraper-residue", "b.txt", "[ad_1]")
    ]


def test_a_long_text_is_parsed_for_each_document() -> None:
    text = "The council met on Tuesday. " * (REUSE_LIMIT // 20)
    first, second = prepare(load_text(text, "a.txt")), prepare(load_text(text, "b.txt"))
    assert first.tokens is not second.tokens
    assert first.tokens == second.tokens
