"""The quality benchmark's real-data mode (``python bench/quality.py --real``): rewritelint on
edits and paraphrases that people wrote and labelled, not on injected drift (issue 15).

Two sets are read at run time from the corpus (never copied into the repository):

* **SummEdits** (``summedits/pairs.jsonl``): one-sentence summaries (``original``, the reference)
  and edits of them (``edited``, the rewrite) that annotators labelled ``consistent`` (every fact
  kept) or ``inconsistent`` (a fact changed), with the kind of change (``edit_types``). A pair is
  *flagged* when rewritelint reports a factual finding (any category but artifact and typo) at
  warning or error severity; the figure counting info findings too is printed beside it.
* **MRPC** (``mrpc/train.tsv``): sentence pairs from two outlets about the same event; Quality 1
  pairs are paraphrases, so an error-level factual finding there is almost always a false alarm.
  The strings are newswire sentences, checked as they are (21 of 3,676 lines keep ``` `` ```
  quotes).

Pairs hash into ``dev`` (≈70%) and ``held-out`` (≈30%) with the injection mode's ``split_of``:
SummEdits by its seed summary (the ``doc_id`` without its trailing ``_<n>`` or ``_og``, so every
edit of one summary lands in one split), MRPC by its two sentence ids. Tune a rule on the dev
misses and false alarms (the examples are drawn from dev), then check that held-out moved too.

This module reads the sets and checks every pair (in ``--jobs`` worker processes, results in
file order); ``quality_real_scoring.py`` scores them and ``quality_real_tables.py`` prints them.
"""

from __future__ import annotations

import json
import re
import sys
import time
from argparse import Namespace
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import corpus_dir, read_jsonl
from quality_runs import SPLITS, Hit, mismatches, split_of, to_hit

SUMMEDITS_FILE = "summedits/pairs.jsonl"
MRPC_FILE = "mrpc/train.tsv"
MRPC_FIELDS = 5
"""``Quality``, ``#1 ID``, ``#2 ID``, ``#1 String``, ``#2 String``."""
CHUNKSIZE = 32
REAL_JOBS = 2
"""Worker processes when ``--jobs`` is not given (the whole run takes seconds)."""
_SEED_SUFFIX = re.compile(r"_(?:\d+|og)$")
_GLUED_RECORD = re.compile(r"^(.*\S)([01])$")


@dataclass(frozen=True)
class Pair:
    """One labelled pair: the reference, its rewrite and what people said about them."""

    dataset: str
    """``summedits`` or ``mrpc``."""
    id: str
    split: str
    reference: str
    rewrite: str
    label: str
    """SummEdits: ``consistent`` or ``inconsistent``; MRPC: the Quality, ``1`` or ``0``."""
    domain: str = ""
    edit_types: tuple[str, ...] = ()
    is_seed: bool = False


@dataclass
class Checked:
    """A pair with rewritelint's findings on it (picklable, so workers can return it)."""

    pair: Pair
    hits: list[Hit]
    location_mismatches: int = 0


# --- the sets ---------------------------------------------------------------------------------


def seed_group(doc_id: str) -> str:
    """The seed summary an edit belongs to: every edit of one summary shares a split.

    >>> seed_group("ectsum_OXY_q4_2021_og"), seed_group("sales_email_9_15")
    ('ectsum_OXY_q4_2021', 'sales_email_9')
    """
    return _SEED_SUFFIX.sub("", doc_id)


def read_summedits(path: Path) -> list[Pair]:
    """SummEdits pairs in file order; none when the file is absent."""
    return [
        Pair(
            dataset="summedits",
            id=row["doc_id"],
            split=split_of(seed_group(row["doc_id"])),
            reference=row["original"],
            rewrite=row["edited"],
            label=row["label"],
            domain=row["domain"],
            edit_types=tuple(row["edit_types"]),
            is_seed=bool(row["is_seed"]),
        )
        for row in read_jsonl(path)
    ]


def mrpc_records(line: str) -> tuple[list[list[str]], bool]:
    """The records of one line of ``train.tsv``, and whether it held more than one: the file has
    a line where a record's newline is missing, its Quality glued to the string before it.

    >>> mrpc_records("1\\t1\\t2\\tA b.\\tC d.0\\t3\\t4\\tE.\\tF.")
    ([['1', '1', '2', 'A b.', 'C d.'], ['0', '3', '4', 'E.', 'F.']], True)
    """
    fields = line.rstrip("\r\n").split("\t")
    records = []
    while len(fields) > MRPC_FIELDS and (glued := _GLUED_RECORD.match(fields[MRPC_FIELDS - 1])):
        records.append([*fields[: MRPC_FIELDS - 1], glued.group(1)])
        fields = [glued.group(2), *fields[MRPC_FIELDS:]]
    if len(fields) == MRPC_FIELDS:
        records.append(fields)
    return records, len(records) > 1


def read_mrpc(path: Path) -> tuple[list[Pair], int]:
    """MRPC pairs in file order (none when the file is absent), and how many lines held two
    records (split apart here rather than dropped)."""
    if not path.is_file():
        return [], 0
    pairs, repaired = [], 0
    with path.open(encoding="utf-8") as handle:
        next(handle, None)  # the header row
        for line in handle:
            records, glued = mrpc_records(line)
            repaired += glued
            for quality, id1, id2, first, second in records:
                pairs.append(
                    Pair(
                        "mrpc",
                        f"{id1}-{id2}",
                        split_of(f"mrpc:{id1}-{id2}"),
                        first,
                        second,
                        quality,
                    )
                )
    return pairs, repaired


# --- checking ---------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def init_worker() -> None:
    """Per process: load the built-in rule packs once."""
    from rewritelint.ruleset import load_ruleset

    _WORKER["ruleset"] = load_ruleset()


def check_pair(pair: Pair) -> Checked:
    """rewritelint's findings on one pair, through the library's ``check_texts``."""
    from rewritelint import check_texts

    findings = check_texts(pair.reference, pair.rewrite, rules=_WORKER["ruleset"])
    return Checked(pair, [to_hit(f) for f in findings], mismatches(findings, pair.rewrite))


def check_all(pairs: Sequence[Pair], jobs: int) -> list[Checked]:
    """Check every pair, in worker processes when ``jobs`` > 1 (results in input order)."""
    if jobs <= 1:
        init_worker()
        return [check_pair(p) for p in pairs]
    import multiprocessing

    with multiprocessing.Pool(jobs, initializer=init_worker) as pool:
        return list(pool.imap(check_pair, pairs, chunksize=CHUNKSIZE))


# --- the mode's main --------------------------------------------------------------------------


def main(args: Namespace, revision: str) -> int:
    """Run the real-data mode and print its report; 2 when neither set is in the corpus."""
    from quality_real_scoring import mrpc_figures, summedits_figures
    from quality_real_tables import figures_json, report_lines

    started = time.perf_counter()
    corpus = corpus_dir(args.corpus)
    summedits = read_summedits(corpus / SUMMEDITS_FILE)
    mrpc, repaired = read_mrpc(corpus / MRPC_FILE)
    if not summedits and not mrpc:
        print(
            f"quality --real: no {SUMMEDITS_FILE} or {MRPC_FILE} under {corpus} "
            "(use --corpus or REWRITELINT_CORPUS)",
            file=sys.stderr,
        )
        return 2
    splits = SPLITS if args.split == "all" else (args.split,)
    chosen = [p for p in summedits + mrpc if p.split in splits]
    jobs = max(1, REAL_JOBS if args.jobs is None else args.jobs)
    checked = check_all(chosen, jobs)
    elapsed = time.perf_counter() - started

    s_figures = summedits_figures([c for c in checked if c.pair.dataset == "summedits"], splits)
    m_figures = mrpc_figures([c for c in checked if c.pair.dataset == "mrpc"], splits, args.sample)
    run = {
        "revision": revision,
        "corpus": str(corpus),
        "splits": list(splits),
        "pairs_checked": len(checked),
        "summedits_pairs": sum(c.pair.dataset == "summedits" for c in checked),
        "mrpc_pairs": sum(c.pair.dataset == "mrpc" for c in checked),
        "mrpc_lines_repaired": repaired,
        "location_mismatches": sum(c.location_mismatches for c in checked),
        "seconds": round(elapsed, 1),
        "jobs": jobs,
    }
    print("\n".join(report_lines(run, s_figures, m_figures)))
    if args.json:
        figures = figures_json(run, s_figures, m_figures)
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return 0
