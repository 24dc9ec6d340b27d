"""Quality benchmark for rewritelint: recall and precision per drift category on real news text.

Run it with the project's venv active::

    python bench/quality.py                         # 400 articles, a few minutes on 2 cores
    python bench/quality.py --articles 60           # a quick look
    python bench/quality.py --seed 1 --json /tmp/quality.json --corpus PATH
    python bench/quality.py --real [--split dev|held-out|all] [--sample N] [--json FILE]

``--real`` measures labelled real edits instead (SummEdits and MRPC): see ``quality_real.py``.

Design
------
The corpus is read at run time, never copied into the repository: ``--corpus PATH``, else
``$REWRITELINT_CORPUS``, else ``../shared/corpus`` beside the repository root. BASIL articles
(``basil_triplets/articles.jsonl``: paragraphs between blank lines, curly quotes) come first;
ECB+ texts of 800 characters or more (``ecbplus_events/articles.jsonl``: one sentence a line,
detokenised) are the second source, a quarter of the sample.

Every article is the *reference*. ``bench/benign.py`` and ``bench/drift.py`` (which know nothing
of the rule packs) make from it:

1. a **benign-only rewrite**: at least three honest transformations (reordered paragraphs,
   merged/split sentences, numerals spelt out, percent/money/large-number styles, curly ↔
   straight quotes, US ↔ UK spelling, "U.S." ↔ "US", "said" → "stated", agency boilerplate);
2. one **drift rewrite per injection type**: the benign rewrite plus exactly one drift of a
   category of DESIGN.md (number, date, name, quote, negation, hedge, attribution, omission,
   addition, artifact, typo), at a recorded span of the final text. Articles without an eligible
   site for a type are skipped for that type.

Choices are seeded per article and purpose (``--seed`` xor a SHA-1 of the article id), so a run is
deterministic and adding an injection type does not change the others. Article ids hash into a
``dev`` split (≈70%) and a ``held-out`` split (≈30%); every table shows both, so a rule tuned to
the dev misses can be checked on articles it was not tuned on.

Scoring
-------
* **recall** (per injection type and per category): share of drift rewrites where a finding of
  the injected category overlaps the injected span (± ``SPAN_TOLERANCE`` characters). For an
  omission, a finding of category omission counts when its reference text holds the first words
  of the deleted sentence or it lies within ``OMISSION_DISTANCE`` characters of the join.
* **precision** (per category, over all drift rewrites): hits / (hits + false alarms), where a
  false alarm is a finding of that category not on an injected span of that category and not
  also on the article's benign-only rewrite (same rule, same text): that part is the benign
  table's business. ``raw`` keeps those repeats. A finding whose category the injection may also
  honestly carry (a number changed inside a quotation is also a changed quote) counts neither
  way.
* **chance**: the same overlap test on a *placebo* span (same length, moved at least
  ``PLACEBO_GAP`` characters away in the same rewrite). It is the recall a category would get by
  luck from its other findings; a recall well above it is detection, not noise.
* **variants**: injection types also record a finer form (the eggcorn, the residue string,
  "n't" vs "not", curly vs straight quotes, …); the forms missed most are listed.
* **benign**: findings of the factual categories (number, name, date, quote, negation) on
  benign-only rewrites per 1,000 words of those rewrites; the rules firing most there, with an
  example each; and the rate among rewrites that used each transformation.

Sanity checks: ``drift.inject`` asserts that every span holds the injected text; ``main``
asserts on the first article that the cached-reference pipeline gives exactly what
``check_texts`` gives; findings whose location text is not the rewrite's text at their offsets
are counted and reported.

Targets are printed next to the values: recall ≥ 0.90 for number, date, negation and quote,
≥ 0.80 for name, hedge and attribution; ≤ 0.5 false factual findings per 1,000 words.

Misses (three per category, with the rewrite passage and what was found instead) and the benign
examples quote corpus text: read them, do not commit them. ``--json`` writes all the figures.

This file is the command line (``--real`` hands over to ``quality_real.main``); beside it,
``quality_runs.py`` draws the sample and checks the rewrites, ``quality_scoring.py`` scores them
and ``quality_tables.py`` prints the tables.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import drift  # the generator beside this file
from corpus import ROOT, corpus_dir, read_jsonl
from quality_runs import SPLITS, cross_check, run_all, select_articles, vocabulary
from quality_scoring import (
    CATEGORIES,
    benign_figures,
    example_misses,
    score,
    top_benign_rules,
    transform_figures,
)
from quality_tables import (
    BENIGN_TARGET,
    RECALL_TARGETS,
    VARIANT_MIN,
    benign_table,
    category_table,
    kind_table,
    miss_lines,
    tally_json,
    top_rules_lines,
    transform_table,
    variant_table,
)

BASIL_FILE = "basil_triplets/articles.jsonl"
ECB_FILE = "ecbplus_events/articles.jsonl"
DEFAULT_ARTICLES = 400


# --- command line -----------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command line: corpus, sample size, seed, JSON output, worker processes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="corpus directory")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="sample size")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write figures")
    parser.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: cores; --real: 2)"
    )
    real = parser.add_argument_group("real data (quality_real.py)")
    real.add_argument(
        "--real",
        action="store_true",
        help="measure on labelled SummEdits edits and MRPC paraphrases instead of injected drift",
    )
    real.add_argument(
        "--split",
        choices=("dev", "held-out", "all"),
        default="all",
        help="which pairs to check (default all: dev and held-out side by side)",
    )
    real.add_argument(
        "--sample",
        type=int,
        default=0,
        metavar="N",
        help="print N flagged MRPC Quality 1 pairs in full, with their findings",
    )
    return parser.parse_args(argv)


# --- main -------------------------------------------------------------------------------------


def git_revision() -> str:
    """The checked-out commit, with "+dirty" when rules or code have local edits."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "rewritelint", "rules"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; 2 when the corpus is missing."""
    args = parse_args(argv)
    if args.real:
        import quality_real

        return quality_real.main(args, git_revision())
    jobs = max(1, (os.cpu_count() or 1) if args.jobs is None else args.jobs)
    started = time.perf_counter()
    corpus = corpus_dir(args.corpus)
    basil, ecb = read_jsonl(corpus / BASIL_FILE), read_jsonl(corpus / ECB_FILE)
    if not basil and not ecb:
        print(
            f"quality: no corpus at {corpus} (use --corpus or REWRITELINT_CORPUS)", file=sys.stderr
        )
        return 2
    articles = select_articles(basil, ecb, args.articles)
    vocab = vocabulary(basil + ecb)
    cross_check(articles[0], vocab, args.seed)
    runs = run_all(articles, vocab, args.seed, jobs)
    elapsed = time.perf_counter() - started

    by_category, by_kind, by_variant = score(runs)
    benign = benign_figures(runs)
    transforms = transform_figures(runs)
    top_rules = top_benign_rules(runs)
    misses = example_misses(runs)
    pairs = sum(1 + len(r.drifts) for r in runs)
    mismatched = sum(r.location_mismatches for r in runs)
    sources = Counter((a.source, a.split) for a in articles)

    out = [
        "# rewritelint quality benchmark",
        "",
        f"rewritelint {git_revision()} · seed {args.seed} · {len(articles)} articles "
        f"(BASIL {sources['basil', 'dev']}+{sources['basil', 'held-out']}, "
        f"ECB+ {sources['ecbplus', 'dev']}+{sources['ecbplus', 'held-out']} dev+held-out) · "
        f"{pairs} rewrites checked · {elapsed:.1f} s ({pairs / elapsed:.0f} rewrites/s, "
        f"{jobs} processes)",
        "",
        "## Drift by category",
        "",
        *category_table(by_category),
        "",
        "## Drift by injection type",
        "",
        *kind_table(by_kind),
        "",
        f"### Variants missed most (≥ {VARIANT_MIN} injected, both splits)",
        "",
        *variant_table(by_variant),
        "",
        "## Benign-only rewrites",
        "",
        *benign_table(benign),
        "",
        *transform_table(transforms),
        "",
        "### Rules firing most on benign-only rewrites",
        "",
        *top_rules_lines(top_rules),
        "",
        "## Example misses (corpus text: do not commit)",
        "",
        *miss_lines(misses),
    ]
    if mismatched:
        out.append(f"WARNING: {mismatched} findings whose location text differs from the rewrite")
    out.append(f"Run time: {elapsed:.1f} s")
    print("\n".join(out))

    if args.json:
        figures = {
            "version": 1,
            "revision": git_revision(),
            "seed": args.seed,
            "articles": len(articles),
            "sources": {f"{s}/{sp}": n for (s, sp), n in sorted(sources.items())},
            "rewrites_checked": pairs,
            "seconds": elapsed,
            "targets": {"recall": RECALL_TARGETS, "benign_factual_per_1000": BENIGN_TARGET},
            "categories": {
                split: {c: tally_json(by_category[(split, c)]) for c in CATEGORIES}
                for split in SPLITS
            },
            "injection_types": {
                split: {k: tally_json(by_kind[(split, k)]) for k in drift.INJECTORS}
                for split in SPLITS
            },
            "variants": {
                f"{kind}: {variant}": tally_json(t)
                for (kind, variant), t in sorted(by_variant.items())
                if variant
            },
            "benign": {
                split: {
                    **{k: v for k, v in asdict(f).items() if k != "by_category"},
                    "by_category": dict(f.by_category),
                    "factual_per_1000": f.factual_per_1000,
                    "all_per_1000": f.all_per_1000,
                }
                for split, f in benign.items()
            },
            "transforms": transforms,
            "top_benign_rules": [{k: v for k, v in r.items() if k != "example"} for r in top_rules],
            "location_mismatches": mismatched,
        }
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
