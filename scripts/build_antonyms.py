"""Build ``rewritelint/data/antonyms.tsv`` from Debian's WordNet package (issue 15).

The fact engine asks ``rewritelint.lexicon.antonyms(old, new)`` whether a replaced word
is the opposite of the one it replaced; this script derives the table that question is
answered from, so the table can be rebuilt and reviewed instead of hand-edited:

    apt-get install wordnet-base
    python scripts/build_antonyms.py              # writes the table
    python scripts/build_antonyms.py --check      # exit 1 if the committed table is stale
    python scripts/build_antonyms.py --stats      # the counts behind the choices below

What goes in, and why. ``--stats`` gives the WordNet counts; the corpus figures are
issue 15's measurements, as pairs of texts where a word diff replaces a word by its
antonym: on MRPC's paraphrase pairs (training split) such a match is a false alarm, on
SummEdits' edits labelled ``antonym_swap`` (1,330) it is a hit, on its consistent
edits (1,366) a false alarm.

- WordNet's *direct* antonyms: the lexical ``!`` pointers, word to word (3,311 pairs of
  single tokens). Indirect antonyms in general are left out: a satellite against its
  head's antonym (through ``&``) adds 24,700 pairs, many not opposites ("good"/
  "mediocre", "said"/"other", "latest"/"new"), and took the MRPC false alarms from 15
  to 22 pairs and SummEdits' from 3 to 5 for 34 more hits.
- Except indirect antonyms one negative prefix apart (``NEGATIVE_PREFIXES``), cluster
  against cluster, where WordNet keeps "suitable"/"unsuitable" and "used"/"unused":
  823 pairs, 8 more hits, no more false alarms on either corpus.
- All four parts of speech. Nouns ("man"/"woman", "inflation"/"deflation") added 17
  hits on antonym swaps and 13 on other inconsistent edits, no false alarm on
  SummEdits and one pair on MRPC (a woman in one outlet, a man in the other: a real
  discrepancy). Weeding out pairs whose antonym sense is not among a word's first
  three senses (index.*) lost more hits (8) than false alarms (1), so it is not done.
- One lower-case token a side: multi-word lemmas ("look_up") cannot match one replaced
  token; hyphenated ones can ("well-off") and stay, as rewritelint's tokens keep inner
  hyphens. Direct pairs a negative prefix apart ("legal"/"illegal", half the table)
  stay: a sample of 40 held no pair that was not a true opposite.
- ``HAND_PAIRS``: a short list of opposites that news copy turns on and WordNet lacks
  (prepositions, "approve"/"reject", market verbs); the build fails when one of them is
  already in WordNet in the same part of speech, so the list only holds what WordNet
  does not. They added 27 hits, no false alarm on SummEdits and one pair on MRPC
  ("led the fight for his ouster" / "against Hoeveler").
- Irregular forms from WordNet's exception lists (``verb.exc``: "rose" -> "rise";
  ``adj.exc``: "worse" -> "bad"), kept only for lemmas that have an antonym here, so
  the lexicon can match inflected words without a lemmatiser dependency.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "rewritelint" / "data" / "antonyms.tsv"
LICENCE = "rewritelint/data/WORDNET-LICENSE"
DEFAULT_WORDNET = Path("/usr/share/wordnet")

# WordNet's data files by part of speech; "s" (adjective satellite) lives in data.adj.
FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
KEPT_POS = frozenset("anrv")
"""Parts of speech whose antonyms go in the table (all four: see above)."""

NEGATIVE_PREFIXES = ("a", "an", "de", "dis", "il", "im", "in", "ir", "mis", "non", "un")
"""Prefixes that make an indirect antonym a safe one ("sub": "conscious"/"subconscious" is not)."""

# A lemma kept in the table: lower-case letters, optionally joined by inner hyphens.
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# An adjective's syntactic marker glued to its lemma: "galore(ip)", "elect(p)".
_MARKER = re.compile(r"\((?:a|p|ip)\)$")

HAND_PAIRS: tuple[tuple[str, str, str], ...] = (
    # (word, opposite, part of speech); "p" marks prepositions, which WordNet lacks
    # altogether and which never inflect.
    ("after", "before", "p"),
    ("against", "for", "p"),
    ("over", "under", "p"),
    ("with", "without", "p"),
    ("ahead", "behind", "r"),
    ("bearish", "bullish", "a"),
    ("big", "small", "a"),  # WordNet: big/little, large/small; big/small only as adverbs
    ("approve", "reject", "v"),
    ("approve", "veto", "v"),
    ("confirm", "deny", "v"),
    ("oppose", "support", "v"),
    ("allow", "ban", "v"),
    ("allow", "forbid", "v"),
    ("allow", "prohibit", "v"),
    ("ban", "permit", "v"),
    ("permit", "prohibit", "v"),
    ("impose", "lift", "v"),
    ("ease", "tighten", "v"),
    ("loosen", "tighten", "v"),
    ("die", "survive", "v"),
    # the direction of a figure: WordNet has rise/fall, increase/decrease, win/lose
    ("gain", "lose", "v"),
    ("decline", "rise", "v"),
    ("drop", "rise", "v"),
    ("climb", "fall", "v"),
    ("expand", "shrink", "v"),
    ("grow", "shrink", "v"),
    ("cut", "raise", "v"),
    ("loss", "profit", "n"),
    ("deficit", "surplus", "n"),
)
"""Opposites WordNet lacks that decide a news story's facts (issue 15's hand list)."""


@dataclass(frozen=True, slots=True)
class Synset:
    """One line of a WordNet data file: its lemmas and its pointers."""

    pos: str
    """"n", "v", "a", "s" (adjective satellite) or "r"."""
    words: tuple[str, ...]
    """Lemmas as written in the file (underscores for spaces), markers removed."""
    pointers: tuple[tuple[str, str, int, int], ...]
    """(symbol, target key, source word number, target word number); 0 = whole synset."""


def read_synsets(wordnet: Path) -> dict[str, Synset]:
    """Every synset of the four data files, keyed "<file letter><offset>" as pointers name them.

    Layout (wndb(5)): offset lex_filenum ss_type w_cnt(hex) {word lex_id} p_cnt
    {symbol offset pos source/target(hex)} [frames] | gloss; licence lines start with spaces.
    """
    synsets: dict[str, Synset] = {}
    for letter, name in FILES.items():
        with (wordnet / f"data.{name}").open(encoding="utf-8") as data:
            for line in data:
                if line.startswith("  "):
                    continue
                fields = line.split(" | ", 1)[0].split()
                count = int(fields[3], 16)
                words = tuple(_MARKER.sub("", w) for w in fields[4 : 4 + 2 * count : 2])
                at = 4 + 2 * count
                pointers = []
                for _ in range(int(fields[at])):
                    symbol, offset, pos, st = fields[at + 1 : at + 5]
                    target = ("a" if pos == "s" else pos) + offset
                    pointers.append((symbol, target, int(st[:2], 16), int(st[2:], 16)))
                    at += 4
                synsets[letter + fields[0]] = Synset(fields[2], words, tuple(pointers))
    return synsets


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def direct_pairs(synsets: dict[str, Synset]) -> dict[tuple[str, str], set[str]]:
    """WordNet's antonym pointers, word to word: pair -> parts of speech ("s" counts as "a")."""
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for synset in synsets.values():
        for symbol, target, source, dest in synset.pointers:
            if symbol == "!":
                a = synset.words[source - 1].lower()
                b = synsets[target].words[dest - 1].lower()
                pairs[_key(a, b)].add("a" if synset.pos == "s" else synset.pos)
    return pairs


def indirect_pairs(synsets: dict[str, Synset], *, both_sides: bool) -> set[tuple[str, str]]:
    """Indirect antonyms, through the clusters of adjective heads with their satellites.

    With ``both_sides`` false, a satellite's lemmas against its head's antonym synset
    (wndb's reading); with it true, the whole cluster against the opposite whole cluster
    (head and satellites on each side), where "suitable"/"unsuitable" sits.
    """
    satellites: dict[str, list[Synset]] = defaultdict(list)
    for synset in synsets.values():
        if synset.pos == "s":
            for symbol, target, _, _ in synset.pointers:
                if symbol == "&":
                    satellites[target].append(synset)
    pairs: set[tuple[str, str]] = set()
    for key, head in synsets.items():
        if head.pos != "a":
            continue
        for symbol, target, _, _ in head.pointers:
            if symbol != "!":
                continue
            ours = [head, *satellites[key]] if both_sides else satellites[key]
            theirs = [synsets[target], *(satellites[target] if both_sides else ())]
            for mine in ours:
                for other in theirs:
                    pairs.update(
                        _key(a.lower(), b.lower()) for a in mine.words for b in other.words
                    )
    return pairs


def prefix_apart(a: str, b: str) -> bool:
    """One word is the other behind a negative prefix: "suitable"/"unsuitable"."""
    return any(b == p + a or a == p + b for p in NEGATIVE_PREFIXES)


def keep(a: str, b: str) -> bool:
    """One token a side, two different words."""
    return a != b and bool(_WORD.fullmatch(a)) and bool(_WORD.fullmatch(b))


def irregular_forms(wordnet: Path, lemmas: dict[str, set[str]]) -> Iterator[tuple[str, str, str]]:
    """(form, lemma, pos) from the *.exc files, for lemmas with an antonym of that pos."""
    for letter, name in FILES.items():
        with (wordnet / f"{name}.exc").open(encoding="utf-8") as exc:
            for line in exc:
                form, *bases = line.split()
                for base in bases:
                    if form != base and letter in lemmas.get(base, ()) and _WORD.fullmatch(form):
                        yield form, base, letter


def debian_version(wordnet: Path) -> str:
    """The wordnet-base package version, from the changelog installed beside the data."""
    changelog = wordnet.parent / "doc" / "wordnet-base" / "changelog.Debian.gz"
    with gzip.open(changelog, "rt", encoding="utf-8") as text:
        first = text.readline()  # "wordnet (1:3.0-37) unstable; urgency=medium"
    match = re.match(r"\S+ \(([^)]+)\)", first)
    if match is None:
        raise BuildError(f"no version on the first line of {changelog}")
    return match.group(1)


class BuildError(Exception):
    """The hand list or the WordNet files are not what the build expects."""


def table_rows(wordnet: Path) -> list[tuple[str, str, str, str]]:
    """The rows: (word, opposite, origin, pos) pairs, then (form, lemma, "irregular", pos)."""
    synsets = read_synsets(wordnet)
    found = direct_pairs(synsets)
    rows = [
        (a, b, "wordnet", ",".join(sorted(poses & KEPT_POS)))
        for (a, b), poses in found.items()
        if keep(a, b) and poses & KEPT_POS
    ]
    rows += [
        (a, b, "indirect", "a")
        for a, b in indirect_pairs(synsets, both_sides=True)
        if (a, b) not in found and keep(a, b) and prefix_apart(a, b)
    ]
    for a, b, pos in HAND_PAIRS:
        if pos in found.get((a, b), ()):
            raise BuildError(f"{a}/{b} ({pos}) is in WordNet: drop it from HAND_PAIRS")
        if (a, b) != _key(a, b) or not keep(a, b):
            raise BuildError(f"write the hand pair {a}/{b} in order, one word a side")
        rows.append((a, b, "added", pos))
    lemmas: dict[str, set[str]] = defaultdict(set)
    for a, b, _, poses in rows:
        lemmas[a].update(poses.split(","))
        lemmas[b].update(poses.split(","))
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for form, base, pos in irregular_forms(wordnet, lemmas):
        forms[form, base].add(pos)
    rows += [(f, b, "irregular", ",".join(sorted(p))) for (f, b), p in forms.items()]
    return sorted(rows, key=lambda row: (row[2] == "irregular", row))


def render(wordnet: Path) -> str:
    """The whole table file, header included; the same files give the same bytes."""
    rows = table_rows(wordnet)
    header = [
        f"# Antonyms from WordNet 3.0 (Debian package wordnet-base {debian_version(wordnet)}),",
        f"# built by scripts/build_antonyms.py; WordNet licence: {LICENCE}.",
        "# Columns: word, opposite, origin, parts of speech (a adjective, v verb, r adverb,",
        "# n noun, p preposition). Origin: wordnet (a direct antonym), indirect (an indirect",
        "# one, a negative prefix apart), added (the script's hand list), irregular (not a",
        "# pair: an inflected form and its lemma, from WordNet's *.exc). Do not edit: rebuild.",
    ]
    return "\n".join([*header, *("\t".join(row) for row in rows)]) + "\n"


def stats(wordnet: Path) -> Iterable[str]:
    """The counts that the module docstring's choices rest on."""
    synsets = read_synsets(wordnet)
    direct = direct_pairs(synsets)
    yield f"direct antonym pairs: {len(direct)}"
    for pos in "avrn":
        all_pos = [p for p, poses in direct.items() if pos in poses]
        single = [p for p in all_pos if keep(*p)]
        yield f"  pos {pos}: {len(all_pos)} pairs, {len(single)} one token a side"
    kept = {p for p in direct if keep(*p)}
    for both in (False, True):
        indirect = {p for p in indirect_pairs(synsets, both_sides=both) if keep(*p)} - kept
        prefixed = sum(prefix_apart(*p) for p in indirect)
        reach = "cluster against cluster" if both else "satellite against head's antonym"
        yield f"indirect ({reach}), not direct: {len(indirect)}, {prefixed} prefix apart"
    prefixed = sum(prefix_apart(*p) for p in kept)
    yield f"direct pairs a negative prefix apart: {prefixed} of {len(kept)}"


def main(argv: list[str] | None = None) -> int:
    """Write the table, or with --check compare it, or with --stats print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wordnet", type=Path, default=DEFAULT_WORDNET, help="WordNet dict dir")
    parser.add_argument("--out", type=Path, default=TABLE, help="table to write or check")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs")
    parser.add_argument("--stats", action="store_true", help="print the counts, write nothing")
    args = parser.parse_args(argv)
    try:
        if args.stats:
            print("\n".join(stats(args.wordnet)))
            return 0
        text = render(args.wordnet)
    except OSError as error:
        print(f"build_antonyms: {error} (apt-get install wordnet-base?)", file=sys.stderr)
        return 2
    except BuildError as error:
        print(f"build_antonyms: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"build_antonyms: {args.out} is stale; rebuild it", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    rows = sum(1 for line in text.splitlines() if not line.startswith("#"))
    print(f"build_antonyms: wrote {args.out} ({rows} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
