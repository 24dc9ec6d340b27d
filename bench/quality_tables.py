"""The quality report's Markdown tables, with the targets they are marked against, and the
JSON form of a tally: formatting only, from figures already scored."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import drift
from quality_runs import SPLITS
from quality_scoring import CATEGORIES, NEAR, BenignFigures, Tally

VARIANT_ROWS = 25
VARIANT_MIN = 5
RECALL_TARGETS = {
    "number": 0.90,
    "date": 0.90,
    "negation": 0.90,
    "quote": 0.90,
    "name": 0.80,
    "hedge": 0.80,
    "attribution": 0.80,
}
BENIGN_TARGET = 0.5
"""Most false factual findings per 1,000 words on benign-only rewrites."""


# --- cells ------------------------------------------------------------------------------------


def header(columns: str) -> list[str]:
    """A Markdown table's header row and its rule, from the column names between pipes.

    >>> header("a | b")
    ['| a | b |', '|---|---|']
    """
    return [f"| {columns} |", "|" + "---|" * (columns.count("|") + 1)]


def fmt(value: float | None, digits: int = 2) -> str:
    """A ratio for a table cell ("–" when undefined)."""
    return "–" if value is None else f"{value:.{digits}f}"


def mark(value: float | None, target: float | None, higher: bool = True) -> str:
    """✓/✗ against a target ("" when there is no target or no value)."""
    if target is None or value is None:
        return ""
    return "✓" if (value >= target if higher else value <= target) else "✗"


def recall_cell(tally: Tally, target: float | None) -> str:
    """Recall with its check mark."""
    return f"{fmt(tally.recall)} {mark(tally.recall, target)}".strip()


def merged(*tallies: Tally) -> Tally:
    """The sum of tallies (both splits of a row)."""
    out = Tally()
    for t in tallies:
        out.injected += t.injected
        out.found += t.found
        out.hits += t.hits
        out.false += t.false
        out.false_raw += t.false_raw
        out.instead += t.instead
        out.placebo += t.placebo
        out.placebo_found += t.placebo_found
    return out


# --- tables -----------------------------------------------------------------------------------


def category_table(by_category: dict) -> list[str]:
    """Markdown: one row per category, dev and held-out side by side."""
    lines = header(
        "category | injected (dev/held-out) | recall dev | recall held-out | precision dev "
        "| precision held-out | raw precision dev/held-out | chance | target"
    )
    for category in CATEGORIES:
        dev, held = by_category[("dev", category)], by_category[("held-out", category)]
        target = RECALL_TARGETS.get(category)
        lines.append(
            f"| {category} | {dev.injected}/{held.injected} | {recall_cell(dev, target)} "
            f"| {recall_cell(held, target)} | {fmt(dev.precision)} | {fmt(held.precision)} "
            f"| {fmt(dev.precision_raw)}/{fmt(held.precision_raw)} "
            f"| {fmt(merged(dev, held).chance)} "
            f"| {f'recall ≥ {target:.2f}' if target else '–'} |"
        )
    return lines


def variant_table(by_variant: dict, limit: int = VARIANT_ROWS) -> list[str]:
    """Markdown: the forms of drift missed most (both splits together)."""
    rows = sorted(
        (t.recall or 0.0, kind, variant, t)
        for (kind, variant), t in by_variant.items()
        if variant and t.injected >= VARIANT_MIN and (t.recall or 0.0) < 1.0
    )
    lines = header("injection type | variant | injected | recall | on missed spans instead")
    for recall, kind, variant, t in rows[:limit]:
        other = ", ".join(f"{c} {n}" for c, n in t.instead.most_common(3)) or "–"
        lines.append(f"| {kind} | {variant} | {t.injected} | {recall:.2f} | {other} |")
    return lines


def kind_table(by_kind: dict) -> list[str]:
    """Markdown: one row per injection type, with what was found on the span of the misses."""
    lines = header(
        "injection type | category | injected (dev/held-out) | recall dev | recall held-out "
        "| on missed spans instead"
    )
    for kind, (category, _) in drift.INJECTORS.items():
        dev, held = by_kind[("dev", kind)], by_kind[("held-out", kind)]
        instead = dev.instead + held.instead
        other = ", ".join(f"{c} {n}" for c, n in instead.most_common(4)) or "–"
        target = RECALL_TARGETS.get(category)
        lines.append(
            f"| {kind} | {category} | {dev.injected}/{held.injected} "
            f"| {recall_cell(dev, target)} | {recall_cell(held, target)} | {other} |"
        )
    return lines


def benign_table(figures: dict[str, BenignFigures]) -> list[str]:
    """Markdown: false factual findings per 1,000 words on benign-only rewrites."""
    lines = header(
        "split | rewrites | words | factual findings | per 1,000 words | target | all findings "
        "| all per 1,000 words | by category"
    )
    for split in (*SPLITS, "all"):
        f = figures[split]
        cats = ", ".join(f"{c} {n}" for c, n in f.by_category.most_common()) or "–"
        lines.append(
            f"| {split} | {f.rewrites} | {f.words} | {f.factual} | {f.factual_per_1000:.2f} "
            f"| ≤ {BENIGN_TARGET} {mark(f.factual_per_1000, BENIGN_TARGET, higher=False)} "
            f"| {f.findings} | {f.all_per_1000:.2f} | {cats} |"
        )
    return lines


def transform_table(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Markdown: benign transformations, how often applied, factual findings where applied."""
    lines = header(
        "transformation | benign rewrites using it | factual findings per 1,000 words there"
    )
    for row in rows:
        lines.append(f"| {row['transform']} | {row['rewrites']} | {fmt(row['factual_per_1000'])} |")
    return lines


def top_rules_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Markdown: the rules firing most on benign-only rewrites, each with an example."""
    lines = header("rule | findings (dev/held-out)")
    lines += [f"| {r['rule']} | {r['count']} ({r['dev']}/{r['held-out']}) |" for r in rows]
    lines.append("")
    for r in rows:
        ex = r["example"]
        lines += [
            f"- **{r['rule']}** ({ex['category']}) on {ex['article']} "
            f"[{', '.join(ex['transforms'])}]: {ex['message']}",
            f"  - rewrite: {ex['context']}",
            f"  - reference: {ex['reference']!r} in “{shorten(ex['reference_passage'])}”",
        ]
    return lines


def shorten(text: str | None, limit: int = 240) -> str:
    """One line of at most ``limit`` characters."""
    if not text:
        return ""
    flat = re.sub(r"\s+", " ", text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def miss_lines(misses: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Markdown: example misses per category."""
    lines = []
    for category in CATEGORIES:
        if not misses.get(category):
            continue
        lines.append(f"**{category}**")
        for m in misses[category]:
            change = f"{m['old']!r} → {m['new']!r}"
            if m["removed"]:
                change = f"deleted {shorten(m['removed'], 120)!r}"
            lines.append(f"- {m['kind']} ({m['article']}, {m['split']}): {change}")
            lines.append(f"  - rewrite: {m['passage']}")
            if m["found"]:
                lines += [f"  - found near it: {d}" for d in m["found"]]
            else:
                lines.append(
                    f"  - found near it: nothing within {NEAR} characters "
                    f"({m['elsewhere']} findings elsewhere)"
                )
        lines.append("")
    return lines


# --- JSON -------------------------------------------------------------------------------------


def tally_json(tally: Tally) -> dict[str, Any]:
    """A tally with its ratios, for ``--json``."""
    return {
        "injected": tally.injected,
        "found": tally.found,
        "recall": tally.recall,
        "hits": tally.hits,
        "false_alarms": tally.false,
        "false_alarms_raw": tally.false_raw,
        "precision": tally.precision,
        "precision_raw": tally.precision_raw,
        "chance": tally.chance,
        "instead": dict(tally.instead),
    }
