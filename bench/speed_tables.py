"""The speed benchmark's Markdown tables and folder notes: formatting only, from figures
already measured."""

from __future__ import annotations

from collections.abc import Sequence

from speed_folders import FOLDER_MIN_CHARS, FolderBuild, FolderResult
from speed_pairs import Result


def _num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "–"


def markdown_tables(results: Sequence[Result]) -> str:
    """The speed, accuracy and category tables, ready to paste into a README."""
    lines = [
        "| workload | pairs | words | seconds | pairs/s | words/s | prepare s | compare s | lint s"
        " | baseline pairs/s | baseline words/s |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        lines.append(
            f"| {r.workload} | {r.pairs} | {r.words:,} | {r.seconds:.3f} | {r.pairs_per_s:,.1f}"
            f" | {r.words_per_s:,.0f} | {r.prepare_s:.3f} | {r.compare_s:.3f} | {r.lint_s:.3f}"
            f" | {_num(r.baseline_pairs_per_s, 1)} | {_num(r.baseline_words_per_s)} |"
        )
    lines += [
        "",
        "| workload | injected number found: number-changed | any rule | baseline"
        " | other number flags: rewritelint | baseline | dropped sentence found (omission) |",
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
