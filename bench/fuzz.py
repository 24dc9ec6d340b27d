"""Long fuzzing of the pipeline: the properties of tests/test_properties.py, for longer.

Run from anywhere, with the project's venv active::

    python bench/fuzz.py                       # 5,000 examples per property (a few minutes)
    python bench/fuzz.py --examples 500        # a quick pass
    python bench/fuzz.py --only pair,self      # some properties only
    python bench/fuzz.py --wide                # also characters known to break things
    python bench/fuzz.py --seed 7              # reproducible run

Properties (the same functions and strategies the test suite runs with 60 examples each):

* ``pair``: ``check_texts(reference, rewrite)`` never raises (``InputError`` aside), and every
  finding's line/column span lies inside its text and quotes it exactly;
* ``single``: the same with no reference (single-version rules only);
* ``self``: a text checked against itself has no cross-version finding;
* ``bytes``: arbitrary bytes, or text in a random encoding with junk bytes spliced in, through
  ``load_bytes``: an ``InputError``, or a document whose findings quote ``Document.raw``.

Texts are random Unicode, news-like sentences from a small vocabulary (numbers, names, dates,
hedges, negations, straight and curly quotes, every kind of line break, BOMs), the built-in
rules' example sentences with character edits, and rewrites edited from their reference.
``--wide`` adds edits that are known to break the current code (Turkish İ/ı, ß, combining marks,
zero-width spaces) and lone surrogates, so expect failures with it until those bugs are fixed.

Prints, per property, the examples run, the time, and each failure with the minimal example
hypothesis shrank it to; the exit code is 1 if any property failed. Nothing is written to the
repository (hypothesis's example database is off).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_properties import (  # noqa: E402
    PATHS,
    RISKY_SWAPS,
    RULES,
    SAFE_SWAPS,
    check_findings,
    check_pair,
    check_self,
    news,
    pairs,
    texts,
)

from rewritelint.api import compare, lint, prepare  # noqa: E402
from rewritelint.errors import InputError  # noqa: E402
from rewritelint.load import load_bytes, load_text  # noqa: E402

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]


def wide_text(swaps: list[tuple[str, str]]) -> st.SearchStrategy[str]:
    """Any code point, lone surrogates included (``json.loads`` can produce them); news text
    with a surrogate spliced in; texts with every occurrence of one letter swapped (Turkish
    i's in every word, not just one)."""

    @st.composite
    def spliced(draw: st.DrawFn) -> str:
        text = draw(texts(swaps))
        at = draw(st.integers(0, len(text)))
        return text[:at] + chr(draw(st.integers(0xD800, 0xDFFF))) + text[at:]

    @st.composite
    def swapped(draw: st.DrawFn) -> str:
        old, new = draw(st.sampled_from([s for s in RISKY_SWAPS if s[0]]))
        return draw(texts(swaps)).replace(old, new)

    anything = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
    return st.one_of(anything, spliced(), swapped())


def blobs(swaps: list[tuple[str, str]]) -> st.SearchStrategy[bytes]:
    """Raw bytes, or a text encoded one way with a few junk bytes spliced in."""

    @st.composite
    def encoded(draw: st.DrawFn) -> bytes:
        data = draw(texts(swaps)).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
        junk = draw(st.binary(max_size=4))
        at = draw(st.integers(0, len(data)))
        return data[:at] + junk + data[at:]

    return st.one_of(st.binary(max_size=600), encoded())


def check_bytes(data: bytes, path: str, reference: str) -> None:
    try:
        document = load_bytes(data, path)
    except InputError:
        return
    other = prepare(load_text(reference, "<reference>"))
    found = lint(compare(prepare(document), other), RULES)
    check_findings(reference, document.raw, found, path, decoded=True)


class Property:
    """A property: a strategy for one example and the check it must pass; counts examples."""

    def __init__(self, cases: st.SearchStrategy[tuple], check: Callable[..., None]) -> None:
        self.cases = cases
        self.check = check
        self.examples = 0

    def test(self, config: settings) -> Callable[[], None]:
        @config
        @given(self.cases)
        def run(case: tuple) -> None:
            self.examples += 1
            self.check(*case)

        return run


def properties(wide: bool) -> dict[str, Property]:
    swaps = SAFE_SWAPS + RISKY_SWAPS if wide else SAFE_SWAPS
    some_text = st.one_of(texts(swaps), wide_text(swaps)) if wide else texts(swaps)
    some_pair = st.one_of(pairs(swaps), st.tuples(some_text, some_text)) if wide else pairs(swaps)
    path = st.sampled_from(PATHS)
    return {
        "pair": Property(st.tuples(some_pair, path), lambda p, x: check_pair(*p, x)),
        "single": Property(st.tuples(some_text, path), lambda t, x: check_pair(None, t, x)),
        "self": Property(st.tuples(some_text, path), check_self),
        "bytes": Property(st.tuples(blobs(swaps), path, news()), check_bytes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000, help="per property (default 5000)")
    parser.add_argument("--only", default="", help="comma-separated: pair,single,self,bytes")
    parser.add_argument("--wide", action="store_true", help="add known-breaking characters")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed")
    args = parser.parse_args(argv)

    built = properties(args.wide)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()] or list(built)
    unknown = sorted(set(chosen) - set(built))
    if unknown:
        parser.error(f"unknown properties {unknown}; choose from {sorted(built)}")
    config = settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=True,
        print_blob=True,
    )
    failed = 0
    total = 0
    print(f"rewritelint fuzz: {args.examples} examples per property, wide={args.wide}")
    for name in chosen:
        prop = built[name]
        test = prop.test(config)
        if args.seed is not None:
            test = seed(args.seed)(test)
        started = time.perf_counter()
        try:
            test()
            outcome = "ok"
        except KeyboardInterrupt:
            print(f"{name}: interrupted after {prop.examples} examples")
            return 130
        except BaseException as error:  # a property failed: show the shrunk example
            failed += 1
            outcome = "FAILED"
            print(f"--- {name} failed:")
            traceback.print_exception(error, limit=3, file=sys.stdout)
        seconds = time.perf_counter() - started
        total += prop.examples
        print(f"{name}: {outcome}, {prop.examples} examples run in {seconds:.1f} s")
    print(f"{total} examples run in all; {failed} of {len(chosen)} properties failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
