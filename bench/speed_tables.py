"""The speed benchmark's Markdown tables and folder notes: formatting only, from figures
already measured."""

from __future__ import annotations

from collections.abc import Sequence

from speed_folders import FOLDER_MIN_CHARS, FolderBuild, FolderResult
from speed_pairs import GROWTH_TARGET, STARTUP_TARGET_S, GrowthRow, Result, Startup


def _num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "–"


_MEETS = {
    "≥": lambda value, target: value >= target,
    "≤": lambda value, target: value <= target,
    "<": lambda value, target: value < target,
}


def _verdict(value: float | None, target: float | None, sign: str, unit: str = "") -> str:
    """The target beside a figure, and whether the figure meets it (no figure: target only)."""
    if target is None:
        return "–"
    shown = f"{sign} {target:.1f}{unit}"
    if value is None:
        return shown
    return f"{shown}: {'met' if _MEETS[sign](value, target) else 'MISSED'}"


def markdown_tables(speed: Sequence[Result], others: Sequence[Result] = ()) -> str:
    """The speed table (``speed``), then the accuracy and category tables (``speed`` and
    ``others``, the workloads measured only for the growth table), ready to paste."""
    lines = [
        "| workload | pairs | words/doc | words | seconds | pairs/s | words/s | prepare s"
        " | compare s | lint s | naive pairs/s | naive words/s | ratio | ratio target |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in speed:
        lines.append(
            f"| {r.workload} | {r.pairs} | {r.reference_words:,.0f} | {r.words:,}"
            f" | {r.seconds:.3f} | {r.pairs_per_s:,.1f} | {r.words_per_s:,.0f}"
            f" | {r.prepare_s:.3f} | {r.compare_s:.3f} | {r.lint_s:.3f}"
            f" | {_num(r.baseline_pairs_per_s, 1)} | {_num(r.baseline_words_per_s)}"
            f" | {_num(r.ratio, 2)} | {_verdict(r.ratio, r.ratio_target, '≥')} |"
        )
    results = [*speed, *others]
    lines += [
        "",
        "| workload | injected number found: number-changed | any rule | naive"
        " | other number flags: rewritelint | naive | dropped sentence found (omission) |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        base_other = "–" if r.baseline_seconds is None else str(r.baseline_other_number_flags)
        lines.append(
            f"| {r.workload} | {_share(r.found, r.injected)}"
            f" | {_share(r.found_any_rule, r.injected)}"
            f" | {_share(r.baseline_found, r.injected)} | {r.other_number_flags} | {base_other}"
            f" | {_share(r.omission_found, r.dropped)} |"
        )
    categories = sorted({c for r in results for c in r.categories})
    lines += [
        "",
        "| workload | " + " | ".join(categories) + " |",
        "|---|" + "--:|" * len(categories),
    ]
    for r in results:
        counts = " | ".join(str(r.categories.get(c, 0)) for c in categories)
        lines.append(f"| {r.workload} | {counts} |")
    return "\n".join(lines)


def parallel_table(results: Sequence[Result]) -> str:
    """Pairs per second with one and two engine processes, and the speed-up."""
    lines = [
        "| workload | pairs/s, 1 process | pairs/s, 2 processes | speed-up |",
        "|---|--:|--:|--:|",
    ]
    for r in results:
        one, two = r.parallel_pairs_per_s.get(1), r.parallel_pairs_per_s.get(2)
        if one and two:
            lines.append(f"| {r.workload} | {one:,.1f} | {two:,.1f} | {two / one:.2f}x |")
    return "\n".join(lines)


def growth_table(rows: Sequence[GrowthRow]) -> str:
    """Seconds per light pair by document length, and the growth over the shortest; the
    target applies to the longest row."""
    lines = [
        "| workload | pairs | words/doc | rewritelint s/pair | growth | words growth (linear)"
        " | naive s/pair | naive growth | growth target |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for k, g in enumerate(rows):
        target = "–"
        if k and k == len(rows) - 1:
            target = _verdict(g.growth, GROWTH_TARGET, "≤", "×")
        naive_growth = "–" if g.baseline_growth is None else f"{g.baseline_growth:,.1f}×"
        lines.append(
            f"| {g.workload} | {g.pairs} | {g.reference_words:,.0f} | {g.seconds_per_pair:.4f}"
            f" | {g.growth:,.1f}× | {g.words_growth:,.1f}× | {_num(g.baseline_seconds_per_pair, 4)}"
            f" | {naive_growth} | {target} |"
        )
    return "\n".join(lines)


def startup_table(startups: Sequence[Startup]) -> str:
    """Fresh-process wall time of each command: best run, every run, exit codes, target."""
    lines = [
        "| command (fresh process) | best s | runs s | exit codes | target |",
        "|---|--:|---|---|---|",
    ]
    for s in startups:
        runs = ", ".join(f"{t:.3f}" for t in s.runs_s)
        codes = ", ".join(str(c) for c in s.exit_codes) + ("" if s.ok else f" (FAILED: {s.error})")
        verdict = _verdict(s.best_s, STARTUP_TARGET_S, "<", " s")
        lines.append(f"| `{s.command}` | {s.best_s:.3f} | {runs} | {codes} | {verdict} |")
    return "\n".join(lines)


def folder_table(builds: Sequence[FolderBuild], results: Sequence[FolderResult]) -> str:
    """The folder table: every checker on every folder, side by side; ``≈`` marks figures that
    rest on an extrapolated time (the naive checker over its budget)."""
    built = {b.size: b for b in builds}
    lines = [
        "| folder | checker | built as | words | seconds | files/s | words/s | peak MB"
        " | worker MB | stories | findings | time growth |",
        "|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    estimated: dict[str, bool] = {}
    for r in results:
        b = built[r.size]
        checker = r.checker if r.exit_code in (0, 1) else f"{r.checker} (exit {r.exit_code})"
        head = f"| {r.size:,} | {checker} | {b.sources:,} × {b.versions} | {b.words:,}"
        if r.seconds <= 0:
            lines.append(head + " | failed |" + " – |" * 7)
            continue
        about = "≈" if r.extrapolated else ""
        growth = "–"
        if r.growth is not None:
            was = "≈" if r.extrapolated or estimated.get(r.checker) else ""
            growth = f"{was}{r.growth:.2f}× (files ×{r.growth_files:g})"
        estimated[r.checker] = r.extrapolated
        lines.append(
            f"{head} | {about}{r.seconds:,.1f} | {about}{r.files_per_s:,.1f}"
            f" | {about}{r.words_per_s:,.0f} | {r.peak_mb:,.0f} | {_num(r.worker_peak_mb)}"
            f" | {_num(r.stories)} | {_num(r.findings)} | {growth} |"
        )
    return "\n".join(lines)


def folder_notes(
    builds: Sequence[FolderBuild], results: Sequence[FolderResult], budget: float
) -> list[str]:
    """How each folder was built, where the naive figures are extrapolated, and any errors."""
    notes = []
    for b in builds:
        notes.append(
            f"folder {b.size:,}: {b.files:,} files = {b.sources:,} distinct sources × {b.versions}"
            f" versions (original + {b.versions - 1} rewrites: body paragraphs shuffled, first"
            f" number +1), {b.words:,} words; {b.corpus_articles:,} corpus articles of"
            f" {FOLDER_MIN_CHARS}+ characters available"
        )
    for r in results:
        if r.extrapolated:
            notes.append(
                f"folder {r.size:,}: naive pair loop stopped at the {budget:g} s budget after"
                f" {r.covered_files:,} of {r.files:,} files ({r.covered_pairs:,} of"
                f" {r.total_pairs:,} pairs): seconds EXTRAPOLATED to the whole folder;"
                " stories and findings not measured"
            )
        if r.exit_code not in (0, 1) or r.errors:
            shown = "; ".join(r.errors[:3]) + (
                f" (+{len(r.errors) - 3} more)" if len(r.errors) > 3 else ""
            )
            notes.append(f"folder {r.size:,}: {r.checker}: exit {r.exit_code}: {shown}")
    return notes
