"""Review-page benchmark: big ``--html`` pages built from the corpus, timed in Chromium.

Run it from anywhere, with the project's venv active::

    python bench/page.py                         # both workloads (about 2 minutes on 2 cores)
    python bench/page.py --files 500 --dense 40  # smaller folders
    python bench/page.py --keep /tmp/pages       # keep the folders and the pages
    python bench/page.py --page a.html b.html    # measure pages made elsewhere (an older commit)
    python bench/page.py --screenshot docs/review-page.png  # the seeds page's first screen

The corpus is read at run time (``corpus.py``: ``--corpus``, ``$REWRITELINT_CORPUS`` or
``../shared/corpus``), never copied. Two folders are written to a temporary directory and
each is made into a page by ``rewritelint report FOLDER --html page.html --jobs 2``:

* ``folder-N`` (``--files``, default 2,000): the speed benchmark's folder
  (``speed_folders.build_folder``: each corpus article and four rewrites with the body
  paragraphs shuffled and the first number +1). Its report has about 11,600 findings.
* ``dense-N`` (``--dense`` sources, default 200): versions with many edits: every number
  +1, every fourth paragraph dropped, an ``[ad_1]`` after every fifth, a doubled full stop
  in every third, so each version has dozens of findings (about 10,000 in all).

Each page is opened from ``file://`` in Debian's headless Chromium (``/usr/bin/chromium``,
driven by Playwright; nothing is downloaded) at 1280x900, and the script prints:

* ``MB``: the page file's size.
* ``load ms``: from ``goto`` to the first frame after the load event (HTML parsed, the
  page's script run, the first screen laid out), best of ``--runs``.
* ``heap MB``: the page's used JS heap after loading (Chromium's ``JSHeapUsedSize``);
  ``renderer MB``: the resident memory of the page's renderer process then (Linux
  ``VmRSS`` of the newest Chromium renderer; run nothing else in Chromium meanwhile); and
  ``nodes``: DOM nodes.
* one column per filter, timed 1.5 s after loading, the median of ``--rounds``: the time
  from the input's change to the first frame after it (the handler run and the page laid
  out again), measured in the page: unchecking the info
  severity, checking it again, picking a rule, picking the worst version, typing a search
  word, and turning to the next page. ``-`` where the page has no such control. ``worst
  filter``: the slowest single timing of them all.

``--screenshot PNG`` only makes the seeds' page (``rewritelint report seeds --html``) and
saves its first screen at 1280x900: the picture in ``docs/``.

Timings are printed, never asserted (``tests/test_review_page.py`` tests the behaviour).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, corpus_dir, read_jsonl  # beside this file
from speed_folders import build_folder, folder_sources

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
"""As ``tests/test_review_page.py`` launches it."""
CORPUS_FILES = ("basil_triplets/articles.jsonl", "ecbplus_events/articles.jsonl")
REPORT = (sys.executable, "-m", "rewritelint", "report", "--format", "json")
DENSE_VERSIONS = 5
"""Versions per source in the dense folder: the original and four heavily edited ones."""

_PARAGRAPH = re.compile(r"\n\s*\n|\n")
# A plain number that is not a year: 1 to 3 digits, or digits with thousands commas.
_NUMBER = re.compile(r"\b(?<![\d,.])(\d{1,3}(?:,\d{3})*)(?![\d,.]\d)\b")
# The end of a sentence inside a paragraph: a full stop after a lower-case letter.
_FULL_STOP = re.compile(r"(?<=[a-z])\.(?=\s|$)")

SETTLE_MS = 1500
"""Wait after loading before the filters are timed, as a reader takes a moment to start:
the page makes its search index in the first idle time."""
NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"
"""Resolves after the next frame: the layout of what the last change did."""
TIMED = """async (action) => {
  const $ = (s) => document.querySelector(s);
  const start = performance.now();
  if (action.kind === "check") {
    const box = $(action.selector);
    box.checked = action.on;
    box.dispatchEvent(new Event("change", {bubbles: true}));
  } else if (action.kind === "select") {
    const select = $(action.selector);
    select.selectedIndex = action.index;
    select.dispatchEvent(new Event("change", {bubbles: true}));
  } else if (action.kind === "type") {
    const input = $(action.selector);
    input.value = action.text;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  } else {
    $(action.selector).click();
  }
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const count = $("#count");
  return [performance.now() - start, count ? count.textContent : ""];
}"""
"""Runs one filter action in the page and times it to the frame after."""


@dataclass(frozen=True)
class Action:
    label: str
    kind: str
    selector: str
    on: bool = False
    index: int = 0
    text: str = ""


ACTIONS = (
    Action("info off", "check", "input[name=severity][value=info]", on=False),
    Action("info on", "check", "input[name=severity][value=info]", on=True),
    Action("rule", "select", "#f-rule", index=1),
    Action("rule off", "select", "#f-rule", index=0),
    Action("version", "select", "#f-version", index=2),
    Action("version off", "select", "#f-version", index=0),
    Action("search", "type", "#f-search", text="officials"),
    Action("search off", "type", "#f-search", text=""),
    Action("next page", "click", "#next"),
)


@dataclass
class Figures:
    """One page, as printed."""

    name: str
    megabytes: float
    findings: int | None = None
    build_s: float | None = None
    load_ms: float | None = None
    heap_mb: float | None = None
    renderer_mb: float | None = None
    nodes: int | None = None
    filters: dict[str, float | None] = field(default_factory=dict)
    """Each filter's median time (ms) over the rounds."""
    worst: float | None = None
    """The slowest of all filter timings (ms)."""
    shown: dict[str, str] = field(default_factory=dict)


# --- the folders --------------------------------------------------------------------------------


def dense_rewrite(text: str, rng: random.Random) -> str:
    """A version with many edits: numbers +1, paragraphs dropped, residue and doubled stops
    added, so that nearly every passage has a finding."""
    paragraphs = [p for p in _PARAGRAPH.split(text) if p.strip()]
    out = []
    for k, paragraph in enumerate(paragraphs):
        if k and k % 4 == 0:
            continue  # dropped: a passage-omitted finding
        paragraph = _NUMBER.sub(lambda m: str(int(m.group(1).replace(",", "")) + 1), paragraph)
        if k % 3 == 1:
            paragraph = _FULL_STOP.sub(". .", paragraph, count=1)
        out.append(paragraph)
        if k % 5 == 4:
            out.append("[ad_1]")
    head, body = out[:1], out[1:]
    if len(body) > 3:  # two neighbours swapped: a rewrite reorders
        i = rng.randrange(len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    return "\n\n".join(head + body)


def build_dense(folder: Path, sources: Sequence[str], count: int) -> int:
    """``count`` sources with ``DENSE_VERSIONS - 1`` heavily edited versions each; the files
    written."""
    rng = random.Random(count)
    written = 0
    for s, text in enumerate(sources[:count]):
        for v in range(DENSE_VERSIONS):
            body = text if v == 0 else dense_rewrite(text, rng)
            (folder / f"{s:05d}-{v}.txt").write_text(body, encoding="utf-8")
            written += 1
    return written


def make_page(folder: Path, page: Path, jobs: int) -> tuple[float, int | None]:
    """``rewritelint report FOLDER --html PAGE``: seconds taken and the findings reported."""
    start = time.perf_counter()
    done = subprocess.run(
        [*REPORT, str(folder), "--jobs", str(jobs), "--html", str(page)],
        capture_output=True,
        text=True,
        cwd=folder.parent,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1) or not page.is_file():
        raise SystemExit(f"report failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    findings = json.loads(done.stdout).get("summary", {}).get("findings")
    return seconds, findings


# --- Chromium -----------------------------------------------------------------------------------


def measure_page(browser: Any, figures: Figures, page_file: Path, runs: int, rounds: int) -> None:
    """Load time, heap and node count, then each filter's time, into ``figures``."""
    loads = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(600_000)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(page_file.as_uri(), wait_until="load")
        page.evaluate(NEXT_FRAME)
        loads.append((time.perf_counter() - start) * 1000)
        if len(loads) < runs:
            context.close()
    figures.load_ms = min(loads)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    figures.heap_mb = metrics.get("JSHeapUsedSize", 0) / 2**20
    figures.nodes = int(metrics.get("Nodes", 0))
    figures.renderer_mb = renderer_mb()
    page.wait_for_timeout(SETTLE_MS)  # the search index is made when the page is idle
    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        for action in ACTIONS:
            present = page.evaluate(f"() => Boolean(document.querySelector({action.selector!r}))")
            if not present:
                continue
            took, count = page.evaluate(TIMED, action.__dict__)
            times.setdefault(action.label, []).append(took)
            figures.shown[action.label] = count
    for action in ACTIONS:
        found = sorted(times.get(action.label, []))
        figures.filters[action.label] = found[len(found) // 2] if found else None
        figures.worst = max([figures.worst or 0.0, *found])
    context.close()


def renderer_mb() -> float | None:
    """Resident memory of the newest Chromium renderer process (the page just opened)."""
    newest: tuple[float, int] | None = None
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"--type=renderer" not in cmdline.read_bytes():
                continue
            status = cmdline.with_name("status").read_text()
            started = cmdline.parent.stat().st_mtime
        except OSError:
            continue
        rss = next(
            (line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
        if newest is None or started > newest[0]:
            newest = (started, int(rss))
    return None if newest is None else newest[1] / 1024


def print_table(rows: Sequence[Figures]) -> None:
    labels = [a.label for a in ACTIONS]
    head = ["page", "findings", "build s", "MB", "load ms", "heap MB", "renderer MB", "nodes"]
    head += [*labels, "worst filter"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" if k == 0 else "--:" for k in range(len(head))) + "|")

    def number(value: float | None, digits: int = 0) -> str:
        return "-" if value is None else f"{value:,.{digits}f}"

    for r in rows:
        cells = [
            r.name,
            number(r.findings),
            number(r.build_s, 1),
            number(r.megabytes, 1),
            number(r.load_ms),
            number(r.heap_mb, 1),
            number(r.renderer_mb),
            number(r.nodes),
            *(number(r.filters.get(label), 1) for label in labels),
            number(r.worst, 1),
        ]
        print("| " + " | ".join(cells) + " |")
    print()
    for r in rows:
        for label, count in r.shown.items():
            print(f"{r.name}: after {label!r}: {count}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="files of the corpus folder")
    parser.add_argument("--dense", type=int, default=200, help="sources of the dense folder")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2, help="loads per page (best is shown)")
    parser.add_argument("--rounds", type=int, default=3, help="times each filter is timed")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep pages in")
    parser.add_argument("--page", type=Path, nargs="*", default=None, help="measure these")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--screenshot", type=Path, default=None, help="the seeds page, as PNG")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"Debian's chromium is needed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    if args.screenshot:
        with (
            tempfile.TemporaryDirectory(prefix="rewritelint-page-") as tmp,
            sync_playwright() as pw,
        ):
            page_file = Path(tmp) / "seeds.html"
            command = [*REPORT[:4], "seeds", "--html", str(page_file)]
            subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_file.as_uri(), wait_until="load")
            page.evaluate(NEXT_FRAME)
            page.screenshot(path=str(args.screenshot))
            browser.close()
        print(f"{args.screenshot}: {args.screenshot.stat().st_size / 1000:.0f} KB")
        return 0

    rows: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="rewritelint-page-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        pages: list[tuple[Figures, Path]] = []
        if args.page:
            for path in args.page:
                pages.append((Figures(path.name, path.stat().st_size / 1e6), path))
        else:
            corpus = corpus_dir(args.corpus)
            articles = [a for name in CORPUS_FILES for a in read_jsonl(corpus / name)]
            sources = folder_sources(articles)
            if not sources:
                raise SystemExit(f"no corpus articles under {corpus} (see --corpus)")
            for name, build in (
                (f"folder-{args.files}", lambda f: build_folder(f, sources, args.files)),
                (f"dense-{args.dense}", lambda f: build_dense(f, sources, args.dense)),
            ):
                folder = work / name
                folder.mkdir(exist_ok=True)
                build(folder)
                page = work / f"{name}.html"
                print(f"{name}: making the page ...", file=sys.stderr, flush=True)
                seconds, findings = make_page(folder, page, args.jobs)
                figures = Figures(name, page.stat().st_size / 1e6, findings, seconds)
                pages.append((figures, page))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for figures, page in pages:
                print(f"{figures.name}: measuring in Chromium ...", file=sys.stderr, flush=True)
                measure_page(browser, figures, page, args.runs, args.rounds)
                rows.append(figures)
            browser.close()
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
