"""rewritelint.lexicon and its table: opposites matched through inflection, nothing else.

The engine reports "antonym substituted" whenever ``antonyms(old, new)`` is true, so the
false cases matter as much as the true ones: synonyms, one word's own inflections, and
words a suffix rule could misread ("news" is not "new" + "-s").
"""

from __future__ import annotations

import csv
import difflib
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CORPUS, ROOT

from rewritelint.lexicon import antonym_of, antonyms

TABLE = ROOT / "rewritelint" / "data" / "antonyms.tsv"
LICENCE = ROOT / "rewritelint" / "data" / "WORDNET-LICENSE"
SCRIPT = ROOT / "scripts" / "build_antonyms.py"
WORDNET = Path("/usr/share/wordnet")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def rows() -> list[list[str]]:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if not line.startswith("#")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("increasing", "decreasing"),
        ("increased", "decreased"),
        ("rises", "falls"),
        ("rose", "fell"),  # irregular, from verb.exc
        ("risen", "fallen"),
        ("wins", "loses"),
        ("won", "lost"),
        ("higher", "lower"),  # comparatives of high/low
        ("best", "worst"),  # adj.exc: good/bad
        ("bigger", "smaller"),  # adj.exc doubles the g; big/small is a hand pair
        ("earlier", "later"),
        ("including", "excluding"),
        ("approved", "rejected"),
        ("accepted", "refused"),
        ("before", "after"),
        ("above", "below"),
        ("legal", "illegal"),
        ("suitable", "unsuitable"),  # an indirect antonym a prefix apart
        ("convicted", "acquitted"),
        ("bought", "sold"),
        ("gained", "lost"),
        ("profits", "losses"),
        ("men", "women"),  # noun.exc
        ("with", "without"),
        ("Increased", "DECREASED"),
    ],
)
def test_opposites_match_in_any_inflection_and_case(old: str, new: str) -> None:
    assert antonyms(old, new)
    assert antonyms(new, old)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("said", "told"),
        ("fell", "dropped"),  # synonyms
        ("rose", "climbed"),
        ("big", "large"),
        ("rose", "rise"),  # one lemma
        ("increased", "increasing"),
        ("best", "good"),
        ("higher", "high"),
        ("news", "old"),  # "-s" is not a suffix of an adjective
        ("evening", "odd"),  # nor "-ing"
        ("less", "loss"),
        ("police", "officers"),
        ("up", "up"),
        ("", "down"),
    ],
)
def test_non_opposites_do_not_match(old: str, new: str) -> None:
    assert not antonyms(old, new)


def test_antonym_of_gives_lemmas() -> None:
    assert {"fall", "set"} <= antonym_of("rose")
    assert antonym_of("Higher") == {"low"}
    assert antonym_of("said") == frozenset()


def test_every_pair_in_the_table_matches_both_ways() -> None:
    pairs = [row for row in rows() if row[2] != "irregular"]
    assert len(pairs) > 4000
    missed = [f"{a}/{b}" for a, b, _, _ in pairs if not (antonyms(a, b) and antonyms(b, a))]
    assert missed == []


def test_table_header_names_its_source_and_licence() -> None:
    header = TABLE.read_text(encoding="utf-8").splitlines()[:2]
    assert re.fullmatch(
        r"# Antonyms from WordNet 3\.0 \(Debian package wordnet-base [^)]+\),", header[0]
    )
    assert "rewritelint/data/WORDNET-LICENSE" in header[1]
    licence = LICENCE.read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved." in licence
    assert 'THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS"' in licence


def test_table_rows_are_sorted_single_lowercase_tokens() -> None:
    table = rows()
    assert all(len(row) == 4 for row in table)
    assert {row[2] for row in table} == {"wordnet", "indirect", "added", "irregular"}
    assert {p for row in table for p in row[3].split(",")} == set("anprv")
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", w) for row in table for w in row[:2])
    assert all(row[0] != row[1] for row in table)
    pairs = [row for row in table if row[2] != "irregular"]
    assert all(a < b for a, b, _, _ in pairs)
    assert table == sorted(table, key=lambda row: (row[2] == "irregular", row))
    assert len({tuple(row) for row in table}) == len(table)


def test_the_table_is_read_on_first_use_not_on_import() -> None:
    code = "import rewritelint.lexicon as L; print(L._lexicon.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


@pytest.mark.skipif(
    not (WORDNET / "data.adj").exists(),
    reason="WordNet is not installed at /usr/share/wordnet (apt-get install wordnet-base), "
    "so the committed table cannot be rebuilt and compared here",
)
def test_build_script_reproduces_the_committed_table(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("build_antonyms", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_antonyms", script)  # dataclasses look it up
    spec.loader.exec_module(script)
    assert script.render(WORDNET) == TABLE.read_text(encoding="utf-8")


def one_word_replacements(old: str, new: str) -> list[tuple[str, str]]:
    """(old word, new word) for each one-for-one replace of a word diff."""
    a = [w.lower() for w in _WORD.findall(old)]
    b = [w.lower() for w in _WORD.findall(new)]
    return [
        (a[i1], b[j1])
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if op == "replace" and i2 - i1 == 1 and j2 - j1 == 1
    ]


def test_paraphrases_rarely_replace_a_word_by_its_antonym() -> None:
    """MRPC paraphrase pairs (read at run time): a match there is a false alarm."""
    path = CORPUS / "mrpc" / "train.tsv"
    if not path.exists():
        pytest.skip(f"corpus not found at {path} (set REWRITELINT_CORPUS to ../shared/corpus)")
    with path.open(encoding="utf-8", newline="") as handle:
        table = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        paraphrases = [(row[3], row[4]) for row in table if row[0] == "1"]
    fired = sum(any(antonyms(*r) for r in one_word_replacements(*p)) for p in paraphrases)
    assert len(paraphrases) > 2000
    assert fired <= len(paraphrases) * 0.004  # 3 of 2,485 when the table was built


def test_antonym_swaps_are_found_and_consistent_edits_left_alone() -> None:
    """SummEdits (read at run time): edits annotated antonym_swap against consistent ones."""
    path = CORPUS / "summedits" / "pairs.jsonl"
    if not path.exists():
        pytest.skip(f"corpus not found at {path} (set REWRITELINT_CORPUS to ../shared/corpus)")
    swaps = consistent = found = alarms = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            pair = json.loads(line)
            hit = any(antonyms(*r) for r in one_word_replacements(pair["original"], pair["edited"]))
            if pair["label"] == "consistent":
                consistent += 1
                alarms += hit
            elif "antonym_swap" in pair["edit_types"]:
                swaps += 1
                found += hit
    assert found >= swaps * 0.19  # 293 of 1,330 (22%) when the table was built
    assert alarms <= consistent * 0.003  # 0 of 1,518
