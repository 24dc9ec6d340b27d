"""The real-data mode's report: Markdown tables with the targets they are marked against, the
examples that quote corpus text (stdout only), and the JSON form of every figure (no corpus
text, so two runs can be diffed and the file kept)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from quality_real_scoring import (
    EDIT_TYPES,
    MISS_CLASSES,
    MRPC_CORE,
    MRPC_MEASURES,
    NO_TYPE,
    OTHER_TYPES,
    DomainCell,
    MrpcFigures,
    Rate,
    SummEditsFigures,
    ratio,
    span,
)
from quality_tables import fmt, header, mark

BALANCED_TARGETS = {"news": 0.85}
BALANCED_TARGET = 0.80
"""Balanced accuracy wanted on every SummEdits domain but those named above."""
MRPC_TARGET = 0.02
"""Most Quality 1 (paraphrase) pairs with an error-level name/negation/date/hedge/attribution
finding."""
RULE_ROWS = 20


def target_of(domain: str) -> float | None:
    """A domain's balanced-accuracy target (none for the pooled row)."""
    return None if domain == "all" else BALANCED_TARGETS.get(domain, BALANCED_TARGET)


def split_scopes(scopes: Sequence[str]) -> tuple[list[str], str]:
    """The splits run (a column each) and the scope pooling them ("all", or the one split)."""
    splits = [x for x in scopes if x != "all"]
    return splits, "all" if "all" in scopes else splits[0]


def row(*values: object) -> str:
    """One Markdown table row."""
    return "| " + " | ".join(str(v) for v in values) + " |"


def each(items: Sequence[Any], show: Callable[[Any], object]) -> str:
    """One figure per split run, side by side ("dev / held-out")."""
    return " / ".join(str(show(item)) for item in items)


def marked(value: float | None, target: float | None) -> str:
    """A ratio with its check mark."""
    return f"{fmt(value)} {mark(value, target)}".strip()


def percent(value: float | None) -> str:
    """A share as a percentage ("–" when undefined)."""
    return "–" if value is None else f"{100 * value:.1f}%"


def example_line(rule: str, ex: dict[str, Any]) -> str:
    """A rule's example: where, the finding's two spans and message, and what the edit changed."""
    where = " ".join(x for x in (ex.get("domain"), ex["id"]) if x)
    return (
        f"- **{rule}** ({where}, {ex['split']}): {span(ex['reference'])} → "
        f"{span(ex['rewrite'])} ({ex['message']}); the edit: {ex['edit']}"
    )


# --- SummEdits --------------------------------------------------------------------------------


def domain_table(s: SummEditsFigures) -> list[str]:
    """Markdown: hit, quiet and balanced accuracy per domain, splits side by side."""
    splits, pool = split_scopes(s.scopes)
    lines = header(
        "domain | inconsistent | consistent seeds | consistent edits | hit | quiet seeds "
        "| quiet edits | quiet | balanced accuracy | pooled | incl. info | target"
    )
    for domain in (*s.domains, "all"):
        got: list[DomainCell] = [s.by_domain[x, domain] for x in splits]
        target = target_of(domain)
        lines.append(
            row(
                domain,
                each(got, lambda c: c.inconsistent.n),
                each(got, lambda c: c.seeds.n),
                each(got, lambda c: c.edits.n),
                each(got, lambda c: fmt(c.inconsistent.rate())),
                each(got, lambda c: fmt(c.seeds.quiet())),
                each(got, lambda c: fmt(c.edits.quiet())),
                each(got, lambda c: fmt(c.consistent.quiet())),
                each(got, lambda c, t=target: marked(c.balanced(), t)),
                fmt(s.by_domain[pool, domain].balanced()),
                each(got, lambda c: fmt(c.balanced(info=True))),
                f"≥ {target:.2f}" if target else "–",
            )
        )
    return lines


def type_table(s: SummEditsFigures) -> list[str]:
    """Markdown: hit rate per annotated edit type, and the categories that flagged them."""
    splits, _ = split_scopes(s.scopes)
    lines = header("edit type | pairs | hit | hit incl. info | flagged by (categories, pooled)")
    for key in (*EDIT_TYPES, OTHER_TYPES, NO_TYPE):
        got: list[Rate] = [s.by_type[x, key] for x in splits]
        if any(r.n for r in got):
            by = ", ".join(f"{c} {n}" for c, n in s.caught_by[key].most_common(4)) or "–"
            lines.append(
                row(
                    key,
                    each(got, lambda r: r.n),
                    each(got, lambda r: fmt(r.rate())),
                    each(got, lambda r: fmt(r.rate(info=True))),
                    by,
                )
            )
    return lines


def rule_lines(s: SummEditsFigures, limit: int = RULE_ROWS) -> list[str]:
    """Markdown: the rules by false alarms on consistent edits, where else they fire, and one
    false alarm each (its two spans, and the pair's word diff)."""
    splits, pool = split_scopes(s.scopes)
    ranked = sorted(s.rules.items(), key=lambda kv: (-kv[1].consistent[pool], kv[0]))[:limit]
    lines = header(
        "rule | category | severity | consistent edits | seeds | inconsistent "
        "| share on inconsistent"
    )
    for rule, t in ranked:
        fired = t.inconsistent[pool] + t.consistent[pool]
        lines.append(
            row(
                rule,
                t.category,
                t.severity,
                each(splits, t.consistent.__getitem__),
                each(splits, t.seeds.__getitem__),
                each(splits, t.inconsistent.__getitem__),
                fmt(ratio(t.inconsistent[pool], fired)),
            )
        )
    edits, wrong = s.by_domain[pool, "all"].edits.n, s.by_domain[pool, "all"].inconsistent.n
    lines += [
        "",
        f"Base rate: {fmt(ratio(wrong, wrong + edits))} of the non-seed pairs are inconsistent; "
        "a rule whose share on inconsistent pairs is no higher tells nothing.",
        "",
    ]
    return lines + [example_line(rule, t.example) for rule, t in ranked if t.example]


def miss_lines(s: SummEditsFigures) -> list[str]:
    """Markdown: missed inconsistent edits by what their word diff changed, three of each."""
    splits, pool = split_scopes(s.scopes)
    total = sum(s.misses[pool, label] for label in MISS_CLASSES)
    lines = header("what the word diff changed | missed | share of misses")
    for label in MISS_CLASSES:
        missed = each(splits, lambda x, label=label: s.misses[x, label])
        lines.append(row(label, missed, fmt(ratio(s.misses[pool, label], total))))
    lines.append("")
    for label in MISS_CLASSES:
        if not s.miss_samples[label]:
            continue
        lines.append(f"**{label}**")
        for m in s.miss_samples[label]:
            found = ", ".join(m["found"]) or "nothing"
            lines.append(
                f"- {m['domain']} {m['id']} ({m['split']}; {', '.join(m['edit_types']) or '–'}): "
                f"{m['change']} — found: {found}"
            )
        lines.append("")
    return lines


# --- MRPC -------------------------------------------------------------------------------------


def mrpc_table(m: MrpcFigures) -> list[str]:
    """Markdown: shares of pairs with factual findings, paraphrases first."""
    lines = header(
        f"pairs | split | n | {'/'.join(MRPC_CORE)}: error | target | same, warning+ "
        "| number: error | number: warning+ | quote: error | quote: warning+ | any factual: error"
    )
    for quality, name in (("1", "Quality 1 (paraphrases)"), ("0", "Quality 0 (information)")):
        for scope in m.scopes:
            n, got = m.pairs[scope, quality], m.measures[scope, quality]
            share = {k: percent(ratio(got[k], n)) for k in MRPC_MEASURES}
            core, target = share["core_error"], "–"
            if quality == "1":
                core += " " + mark(ratio(got["core_error"], n), MRPC_TARGET, higher=False)
                target = f"≤ {percent(MRPC_TARGET)}"
            rest = ("core_warning", "number_error", "number_warning", "quote_error")
            rest += ("quote_warning", "factual_error")
            lines.append(row(name, scope, n, core.strip(), target, *(share[k] for k in rest)))
    return lines


def mrpc_rule_lines(m: MrpcFigures, limit: int = RULE_ROWS) -> list[str]:
    """Markdown: the rules by paraphrase pairs they fire on, with an example each."""
    splits, pool = split_scopes(m.scopes)
    ranked = sorted(m.rules.items(), key=lambda kv: (-kv[1][f"q1_{pool}"], kv[0]))[:limit]
    lines = header("rule | category | severity | Quality 1 pairs | Quality 0 pairs")
    for rule, r in ranked:
        lines.append(
            row(
                rule,
                r["category"],
                r["severity"],
                each(splits, lambda x, r=r: r[f"q1_{x}"]),
                each(splits, lambda x, r=r: r[f"q0_{x}"]),
            )
        )
    lines.append("")
    return lines + [example_line(rule, r["example"]) for rule, r in ranked if r["example"]]


def sample_lines(m: MrpcFigures) -> list[str]:
    """Flagged paraphrase pairs in full, with every finding, to be read by a person."""
    lines = []
    for k, item in enumerate(m.samples, 1):
        lines += [
            f"{k}. {item['id']} ({item['split']})",
            f"   - #1: {item['reference']}",
            f"   - #2: {item['rewrite']}",
            *(f"   - {f}" for f in item["findings"]),
        ]
    return lines


# --- the report -------------------------------------------------------------------------------


def report_lines(run: dict[str, Any], s: SummEditsFigures, m: MrpcFigures) -> list[str]:
    """The whole printed report."""
    both = len(run["splits"]) > 1
    out = [
        "# rewritelint quality benchmark: real data",
        "",
        f"rewritelint {run['revision']} · splits {' + '.join(run['splits'])} · "
        f"{run['pairs_checked']} pairs checked (SummEdits {run['summedits_pairs']}, "
        f"MRPC {run['mrpc_pairs']}) · {run['seconds']:.1f} s "
        f"({run['jobs']} processes)",
        "",
        ("Cells with two figures are dev / held-out; e" if both else "E")
        + "xamples and samples come from dev first. Flagged = a factual finding (any category "
        "but artifact and typo) at warning or error; “incl. info” counts info findings too.",
        "",
    ]
    if s.domains:
        out += [
            "## SummEdits by domain",
            "",
            *domain_table(s),
            "",
            "## SummEdits by edit type (inconsistent pairs; a pair of two types counts in both)",
            "",
            *type_table(s),
            "",
            "## Rules on SummEdits, by false alarms on consistent edits (pairs)",
            "",
            *rule_lines(s),
            "",
            "## Missed inconsistent SummEdits pairs, by what changed",
            "",
            *miss_lines(s),
        ]
    if m.pairs:
        out += [
            "## MRPC (newswire sentences, checked as they are; a few keep `` quotes)",
            "",
            *mrpc_table(m),
            "",
            "### Rules on MRPC (pairs)",
            "",
            *mrpc_rule_lines(m),
            "",
        ]
        if m.samples:
            out += ["### Flagged Quality 1 pairs in full", "", *sample_lines(m), ""]
    out.append("Examples and samples above quote corpus text: do not commit them.")
    if run["mrpc_lines_repaired"]:
        out.append(f"MRPC: {run['mrpc_lines_repaired']} line(s) held two records, split apart.")
    if run["location_mismatches"]:
        out.append(
            f"WARNING: {run['location_mismatches']} findings whose text is not at their offsets"
        )
    out.append(f"Run time: {run['seconds']:.1f} s")
    return out


# --- JSON -------------------------------------------------------------------------------------


def rate_json(rate: Rate) -> dict[str, Any]:
    """A rate with its counts."""
    return {**asdict(rate), "rate": rate.rate(), "rate_incl_info": rate.rate(info=True)}


def domain_json(cell: DomainCell) -> dict[str, Any]:
    """One domain in one split, with its rates."""
    return {
        "inconsistent": rate_json(cell.inconsistent),
        "seeds": rate_json(cell.seeds),
        "edits": rate_json(cell.edits),
        "quiet": cell.consistent.quiet(),
        "quiet_incl_info": cell.consistent.quiet(info=True),
        "balanced_accuracy": cell.balanced(),
        "balanced_accuracy_incl_info": cell.balanced(info=True),
    }


def figures_json(run: dict[str, Any], s: SummEditsFigures, m: MrpcFigures) -> dict[str, Any]:
    """Every figure of the run (no corpus text)."""
    domains = (*s.domains, "all")
    return {
        "version": 1,
        "mode": "real",
        **run,
        "targets": {
            "summedits_balanced_accuracy": {d: target_of(d) for d in s.domains},
            "mrpc_quality1_core_error_share": MRPC_TARGET,
        },
        "summedits": {
            "domains": {x: {d: domain_json(s.by_domain[x, d]) for d in domains} for x in s.scopes},
            "edit_types": {
                x: {k: rate_json(s.by_type[x, k]) for k in (*EDIT_TYPES, OTHER_TYPES, NO_TYPE)}
                for x in s.scopes
            },
            "flagged_by_category": {k: dict(sorted(c.items())) for k, c in s.caught_by.items()},
            "rules": {
                rule: {
                    "category": t.category,
                    "severity": t.severity,
                    **{
                        kind: {x: getattr(t, kind)[x] for x in s.scopes}
                        for kind in ("consistent", "seeds", "inconsistent")
                    },
                }
                for rule, t in sorted(s.rules.items())
            },
            "misses": {x: {label: s.misses[x, label] for label in MISS_CLASSES} for x in s.scopes},
        },
        "mrpc": {
            x: {
                f"quality_{q}": {
                    "pairs": m.pairs[x, q],
                    **{k: m.measures[x, q][k] for k in MRPC_MEASURES},
                    **{
                        f"{k}_share": ratio(m.measures[x, q][k], m.pairs[x, q])
                        for k in MRPC_MEASURES
                    },
                }
                for q in ("1", "0")
            }
            for x in m.scopes
        }
        | {
            "rules": {
                rule: {k: v for k, v in r.items() if k != "example"}
                for rule, r in sorted(m.rules.items())
            }
        },
    }
