"""How ``rewritelint report`` scales with the number of files (a script, not a test).

Builds folders of 500 and 2,000 story files from the corpus (read at run time from
``../shared/corpus``, never copied into the repository): each source article gives five
versions (the original and four rewrites with paragraphs reordered and one number
changed), so every folder is 20% originals. Times grouping plus comparison with the
built-in rules and prints files per second and the growth ratio for 4x the files.

    python bench/report_speed.py [--corpus PATH] [--jobs N] [--sizes 500,2000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rewritelint.report import build_report  # noqa: E402
from rewritelint.ruleset import load_ruleset  # noqa: E402


def articles(corpus: Path) -> list[str]:
    """Texts of the corpus, longest story sets first (BASIL), then the longer ECB+ texts."""
    texts = []
    for name, minimum in (("basil_triplets", 800), ("ecbplus_events", 800)):
        path = corpus / name / "articles.jsonl"
        with path.open(encoding="utf-8") as handle:
            texts += [a["text"] for a in map(json.loads, handle) if len(a["text"]) >= minimum]
    return texts


def rewrite(text: str, rng: random.Random) -> str:
    """Reorder body paragraphs and change one number: a plausible rewritten version."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    out = "\n\n".join(head + body)
    return re.sub(r"\b(\d+)\b", lambda m: str(int(m.group()) + 1), out, count=1)


def build_folder(folder: Path, texts: list[str], files: int, rng: random.Random) -> None:
    for n in range(files):
        source, version = divmod(n, 5)
        text = texts[source % len(texts)]
        body = text if version == 0 else rewrite(text, rng)
        (folder / f"{source:05d}-{version}.txt").write_text(body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(os.environ.get("REWRITELINT_CORPUS", ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sizes", default="500,2000")
    args = parser.parse_args()
    texts = articles(args.corpus)
    rules = load_ruleset()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            build_folder(Path(tmp), texts, size, random.Random(size))
            start = time.perf_counter()
            report = build_report([tmp], rules, jobs=args.jobs)
            seconds = time.perf_counter() - start
        stories = len(report.stories)
        rows.append((size, stories, seconds))
        print(f"{size} files: {stories} stories in {seconds:.1f} s = {size / seconds:.1f} files/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print("| files | stories | seconds | files/s |")
    print("|--:|--:|--:|--:|")
    for size, stories, seconds in rows:
        print(f"| {size} | {stories} | {seconds:.1f} | {size / seconds:.1f} |")
    if len(rows) >= 2:
        (a, _, ta), (b, _, tb) = rows[0], rows[-1]
        print(f"\ntime grows {tb / ta:.2f}x for {b / a:.0f}x the files; peak memory {peak:.0f} MB")
    print(f"jobs {args.jobs}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
