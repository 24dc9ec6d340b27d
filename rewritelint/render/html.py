"""HTML output: the editors' review page, one self-contained file.

``render_report(report, summary, ...) -> str`` (and ``render_check`` for ``check``) lay
out each story — its reference and every rewrite — with a card per finding: badges,
message, the reference location and the aligned passages side by side, the flagged
words marked ``<del>`` (reference) and ``<ins>`` (rewrite). A small inline script adds
filters, keyboard navigation (j/k, n/p) and decisions ("accept as deliberate" / "needs
fix" with a note) that export as a ``.rewritelint-baseline.json`` in exactly the format
of :func:`rewritelint.baseline.render_baseline`.

Story text is untrusted (scraped websites): every piece of it is escaped with
``html.escape(..., quote=True)``; the data the script reads is JSON inside a
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped;
the script never puts story text into HTML (it sets ``textContent`` and input values);
and a Content-Security-Policy meta tag allows only the page's own script, by hash, so
an injected ``<script>`` or ``onerror=`` could not run even if it got through. The page
makes no network request: no external font, style sheet, image or script.

Like the other renderers this only formats: findings, excerpts and baseline paths come
in computed; the page is byte-identical for the same input.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rewritelint import __version__
from rewritelint.baseline import Entry, project_path
from rewritelint.findings import Summary
from rewritelint.model import CATEGORIES, SEVERITIES, Excerpt, Finding, Location, PassagePair

if TYPE_CHECKING:
    from rewritelint.report import Report

BASELINE_NAME = ".rewritelint-baseline.json"


class _Resolution(Protocol):
    """What ``render_check`` reads of a :class:`rewritelint.sources.Resolution`."""

    sources: tuple[str, ...]
    how: str


@dataclass
class _Version:
    path: str
    role: str
    """``reference``, ``rewrite`` or ``unsourced``."""
    similarity: float | None = None


@dataclass
class _Story:
    """One story as the page shows it (from a report's story or a check's sources)."""

    id: str
    reason: str
    versions: list[_Version]
    findings: list[Finding]
    consensus: list[tuple[str, int, list[tuple[str, list[str]]], list[str]]] = field(
        default_factory=list
    )
    """(reference path, line, [(value, versions saying it)], odd versions)."""
    aligned: dict[str, tuple[PassagePair, ...]] = field(default_factory=dict)
    """Per rewrite: its passages aligned with the reference's (report only)."""


def _e(text: object) -> str:
    """Escape text for an element or a quoted attribute."""
    return escape(str(text), quote=True)


def render_report(
    report: Report,
    summary: Summary,
    *,
    baseline_paths: Mapping[str, str] | None = None,
    root: Path | None = None,
    baseline: Sequence[Entry] = (),
) -> str:
    """The review page of a ``report`` run.

    ``baseline_paths`` maps a story path (as the findings give it) to the path the
    baseline records; paths not in it are computed with
    :func:`rewritelint.baseline.project_path` against ``root`` (the project root the
    CLI uses), so an exported baseline matches what ``check`` reads. ``baseline``
    entries are shown as decisions already taken."""
    stories = []
    for story_report in report.stories:
        story = story_report.story
        versions = [
            _Version(v.path, "reference" if k == 0 else "rewrite", v.similarity)
            for k, v in enumerate(story.versions)
        ]
        consensus = [
            (t.reference_path, t.line, [(v, list(p)) for v, p in t.values], list(t.odd_ones))
            for t in story_report.consensus
        ]
        stories.append(
            _Story(
                story.id,
                story.reason,
                versions,
                list(story_report.findings),
                consensus,
                dict(story_report.aligned),
            )
        )
    complete = [v.path for s in stories for v in s.versions]
    return _page(stories, summary, baseline_paths, root, baseline, complete, command="report")


def render_check(
    findings: Sequence[Finding],
    summary: Summary,
    *,
    sources: Mapping[str, _Resolution] | None = None,
    checked: Sequence[str] = (),
    baseline_paths: Mapping[str, str] | None = None,
    root: Path | None = None,
    baseline: Sequence[Entry] = (),
) -> str:
    """The review page of a ``check`` run: the checked rewrites wrapped into one story
    per reference (``sources`` maps each rewrite to how its source was found).

    Pass every finding, acknowledged ones included, with the ``baseline`` entries:
    acknowledged findings then show as accepted, and an export keeps them."""
    sources = sources or {}
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.location.path, []).append(finding)
    rewrites = list(dict.fromkeys([*checked, *by_path]))
    groups: dict[tuple[str, ...], list[str]] = {}
    how: dict[tuple[str, ...], str] = {}
    for path in rewrites:
        resolution = sources.get(path)
        refs = tuple(resolution.sources) if resolution is not None else ()
        if not refs:
            refs = tuple(
                dict.fromkeys(f.reference.path for f in by_path.get(path, ()) if f.reference)
            )
        key = refs or (f"\0{path}",)
        groups.setdefault(key, []).append(path)
        how.setdefault(key, resolution.how if resolution is not None else "")
    stories = []
    for key, members in groups.items():
        if key[0].startswith("\0"):
            versions = [_Version(members[0], "unsourced")]
            reason = "no source found: only single-version rules ran"
        else:
            versions = [_Version(key[0], "reference")]
            versions += [_Version(p, "rewrite") for p in members]
            reason = f"source found by {how[key]}" if how[key] else "source of the findings"
            if len(key) > 1:
                reason += "; also compared with " + ", ".join(key[1:])
        story_findings = [f for p in members for f in by_path.get(p, ())]
        stories.append(_Story(f"story-{len(stories) + 1}", reason, versions, story_findings))
    complete = list(checked) or list(by_path)
    return _page(stories, summary, baseline_paths, root, baseline, complete, command="check")


def _page(
    stories: list[_Story],
    summary: Summary,
    baseline_paths: Mapping[str, str] | None,
    root: Path | None,
    baseline: Sequence[Entry],
    complete: Sequence[str],
    command: str,
) -> str:
    paths = dict(baseline_paths or {})

    def recorded(path: str) -> str:
        if path not in paths:
            paths[path] = project_path(path, root)
        return paths[path]

    version_paths = list(dict.fromkeys(v.path for s in stories for v in s.versions))
    for s in stories:
        version_paths.extend(f.location.path for f in s.findings)
    version_paths = list(dict.fromkeys(version_paths))
    version_index = {p: k for k, p in enumerate(version_paths)}
    all_findings = [f for s in stories for f in s.findings]
    items = []
    for s in stories:
        for f in s.findings:
            path = recorded(f.location.path)
            items.append(
                {
                    "key": f"{path}\n{f.fingerprint}",
                    "path": path,
                    "rule": f.rule,
                    "fingerprint": f.fingerprint,
                    "text": f.location.text,
                    "reference": f.reference.text if f.reference else None,
                    "severity": f.severity,
                    "category": f.category,
                    "version": version_index[f.location.path],
                    "story": s.id,
                }
            )
    data = {
        "version": 1,
        "command": command,
        "baseline_name": BASELINE_NAME,
        "versions": version_paths,
        "complete_paths": sorted({recorded(p) for p in complete}),
        "baseline": [_entry_object(e) for e in baseline],
        "findings": items,
    }
    body = [
        _header(stories, all_findings, summary),
        _controls(all_findings, version_paths),
        '<main id="main">',
        _overview(stories, all_findings, summary),
    ]
    number = 0
    for s in stories:
        body.append(_story(s, number))
        number += len(s.findings)
    body.append("</main>")
    body.append(
        f"<footer><p>Made by rewritelint {_e(__version__)} ({_e(command)}). "
        "Decisions are kept in this browser; export them as the baseline to make "
        "<code>rewritelint check</code> pass for the accepted findings.</p></footer>"
    )
    title = f"rewritelint review: {_stories(len(stories))}, {_plural(len(all_findings), 'finding')}"
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src {script_hash()}; img-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    document = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f'<meta name="generator" content="rewritelint {_e(__version__)}">',
            '<link rel="icon" href="data:,">',
            f"<title>{_e(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            f'<script type="application/json" id="data">{script_json(data)}</script>',
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
    # A lone surrogate (undecodable bytes kept by a loader) cannot be written as UTF-8.
    return document.encode("utf-8", "replace").decode("utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``</script>``, ``<!--`` and
    U+2028/2029 cannot end it or break the script.

    >>> script_json({"t": "</script><!-- & \\u2028"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def script_hash() -> str:
    """The CSP source of the page's script: ``'sha256-…'``."""
    digest = hashlib.sha256(SCRIPT.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _entry_object(e: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "path": e.path,
        "rule": e.rule,
        "fingerprint": e.fingerprint,
        "text": e.text,
        "reference": e.reference,
    }
    if e.note:
        item["note"] = e.note
    return item


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _stories(n: int) -> str:
    return f"{n} stor{'y' if n == 1 else 'ies'}"


def _severity_counts(counts: Mapping[str, int]) -> str:
    """ "2 errors, 1 warning, 3 info" """
    return ", ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
        for s in SEVERITIES
        if counts.get(s)
    )


def _header(stories: list[_Story], findings: list[Finding], summary: Summary) -> str:
    versions = sum(len(s.versions) for s in stories)
    counts = _severity_counts(Counter(f.severity for f in findings))
    lede = (
        f"{_stories(len(stories))} · {_plural(versions, 'version')} · "
        f"{_plural(len(findings), 'finding')}" + (f" ({counts})" if counts else "")
    )
    extra = []
    if summary.acknowledged:
        extra.append(f"{summary.acknowledged} acknowledged in the baseline")
    if summary.failed_files:
        extra.append(f"{_plural(summary.failed_files, 'file')} could not be read")
    notes = f' <span class="muted">({_e("; ".join(extra))})</span>' if extra else ""
    return (
        '<a class="skip" href="#main">Skip to the findings</a>\n'
        '<header class="top" id="top">\n'
        "<h1>rewritelint review</h1>\n"
        f'<p class="lede">{_e(lede)}{notes}</p>\n'
        "</header>"
    )


def _controls(findings: list[Finding], version_paths: list[str]) -> str:
    severities = [s for s in SEVERITIES if any(f.severity == s for f in findings)]
    present = {f.category for f in findings}
    categories = [c for c in CATEGORIES if c in present]
    categories += sorted(present - set(categories))
    rules = sorted({f.rule for f in findings})
    counts_s = Counter(f.severity for f in findings)
    counts_c = Counter(f.category for f in findings)

    def boxes(name: str, values: list[str], counts: Counter[str]) -> str:
        return "".join(
            f'<label class="check"><input type="checkbox" name="{name}" value="{_e(v)}" '
            f'checked> {_e(v)} <span class="n">{counts[v]}</span></label>'
            for v in values
        )

    rule_options = "".join(f'<option value="{_e(r)}">{_e(r)}</option>' for r in rules)
    version_options = "".join(
        f'<option value="{k}">{_e(p)}</option>' for k, p in enumerate(version_paths)
    )
    return f"""<nav class="controls" id="controls" aria-label="Filters and decisions">
<div class="filters">
<fieldset><legend>Severity</legend>{boxes("severity", severities, counts_s)}</fieldset>
<fieldset><legend>Category</legend>{boxes("category", categories, counts_c)}</fieldset>
<label class="pick">Rule <select id="f-rule"><option value="">all rules</option>\
{rule_options}</select></label>
<label class="pick">Version <select id="f-version"><option value="">all versions</option>\
{version_options}</select></label>
<label class="pick">Decision <select id="f-decision"><option value="">any</option>\
<option value="none">undecided</option><option value="accepted">accepted as deliberate</option>\
<option value="fix">needs fix</option></select></label>
</div>
<div class="bar">
<p id="count" class="count" role="status" aria-live="polite">\
{len(findings)} of {len(findings)} findings shown</p>
<button type="button" id="export">Export baseline</button>
<label class="file">Import baseline <input type="file" id="import" \
accept=".json,application/json"></label>
<span id="io-status" class="io" role="status" aria-live="polite"></span>
<span class="keys">Keys: <kbd>j</kbd>/<kbd>n</kbd> next, <kbd>k</kbd>/<kbd>p</kbd> previous, \
<kbd>a</kbd> accept, <kbd>f</kbd> needs fix</span>
</div>
</nav>"""


def _overview(stories: list[_Story], findings: list[Finding], summary: Summary) -> str:
    by = Counter((f.category, f.severity) for f in findings)
    present = {f.category for f in findings}
    categories = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    rows = []
    for c in categories:
        cells = "".join(f"<td>{by[(c, s)] or ''}</td>" for s in SEVERITIES)
        total = sum(by[(c, s)] for s in SEVERITIES)
        rows.append(f'<tr><th scope="row">{_e(c)}</th>{cells}<td>{total}</td></tr>')
    totals = Counter(f.severity for f in findings)
    foot = "".join(f"<td>{totals[s]}</td>" for s in SEVERITIES)
    table = (
        '<table class="tally"><caption>Findings by category and severity</caption>'
        '<thead><tr><th scope="col">category</th>'
        + "".join(f'<th scope="col"><span class="sev-{s}">{s}</span></th>' for s in SEVERITIES)
        + '<th scope="col">all</th></tr></thead><tbody>'
        + "".join(rows)
        + f'</tbody><tfoot><tr><th scope="row">all</th>{foot}<td>{len(findings)}</td></tr>'
        "</tfoot></table>"
        if findings
        else '<p class="muted">No findings.</p>'
    )
    links = []
    for s in stories:
        reference = s.versions[0].path
        counts = _severity_counts(Counter(f.severity for f in s.findings)) or "no findings"
        links.append(
            f'<li><a href="#{_e(s.id)}">{_e(s.id)}</a>: {_plural(len(s.versions), "version")}; '
            f"{'reference' if s.versions[0].role == 'reference' else 'file'} "
            f"<code>{_e(reference)}</code>; {_e(counts)}</li>"
        )
    files = f"{_plural(summary.files, 'file')} checked"
    return (
        '<section class="overview" id="overview" aria-labelledby="overview-h">\n'
        f'<h2 id="overview-h">Overview <span class="muted">({_e(files)})</span></h2>\n'
        f'<div class="overview-grid"><div>{table}</div>'
        f'<div><h3>Stories</h3><ol class="stories">{"".join(links)}</ol></div></div>\n'
        '<p class="legend">In the passages, reference words that differ are '
        f"{_wrap('del', 'struck through')} and rewrite words are "
        f"{_wrap('ins', 'underlined')}; text flagged in one version on its own is "
        f"{_wrap('mark', 'marked')}.</p>\n"
        "</section>"
    )


def _story(s: _Story, first: int) -> str:
    counts: dict[str, Counter[str]] = {v.path: Counter() for v in s.versions}
    for f in s.findings:
        counts.setdefault(f.location.path, Counter())[f.severity] += 1
    grouped: dict[str, list[Finding]] = {v.path: [] for v in s.versions}
    for f in s.findings:
        grouped.setdefault(f.location.path, []).append(f)
    anchors = {path: f"{s.id}-v{k}" for k, path in enumerate(grouped)}
    rows = []
    for v in s.versions:
        similarity = "" if v.similarity is None or v.role == "reference" else f"{v.similarity:.2f}"
        rows.append(
            f'<tr><td>{_e(v.role)}</td><td><a href="#{_e(anchors[v.path])}">'
            f"<code>{_e(v.path)}</code></a></td><td>{similarity}</td>"
            f"<td>{_e(_severity_counts(counts[v.path]) or 'none')}</td></tr>"
        )
    table = (
        '<table class="versions"><thead><tr><th scope="col">role</th><th scope="col">file</th>'
        '<th scope="col">similarity</th><th scope="col">findings</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )
    consensus = ""
    if s.consensus:
        lines = []
        for path, line, values, odd in s.consensus:
            said = "; ".join(f"“{v}” in {len(p)}" for v, p in values)
            lines.append(
                f"<li><code>{_e(path)}:{line}</code>: {_e(said)}"
                + (f"; odd one out: <code>{_e(', '.join(odd))}</code>" if odd else "")
                + "</li>"
            )
        consensus = (
            f'<h3>Facts the versions disagree on</h3><ul class="consensus">{"".join(lines)}</ul>'
        )
    parts = [
        f'<section class="story" id="{_e(s.id)}" aria-labelledby="{_e(s.id)}-h">',
        f'<h2 id="{_e(s.id)}-h">{_e(s.id)} <span class="muted">'
        f"{_plural(len(s.versions), 'version')}, {_plural(len(s.findings), 'finding')}</span>"
        f'<a class="up" href="#overview">overview ↑</a></h2>',
        f'<p class="reason">Reference: <code>{_e(s.versions[0].path)}</code> ({_e(s.reason)})</p>'
        if s.versions[0].role == "reference"
        else f'<p class="reason">{_e(s.reason)}</p>',
        table,
        consensus,
    ]
    number = first
    roles = {v.path: v for v in s.versions}
    reference = s.versions[0].path if s.versions[0].role == "reference" else None
    for path, found in grouped.items():
        v = roles.get(path, _Version(path, "rewrite"))
        label = {"reference": "Reference", "rewrite": "Rewrite", "unsourced": "Story"}[v.role]
        similarity = (
            f' <span class="muted">similarity {v.similarity:.2f}</span>'
            if v.similarity is not None and v.role == "rewrite"
            else ""
        )
        parts.append(
            f'<section class="version" id="{_e(anchors[path])}">'
            f'<h3><span class="role">{label}</span> <code>{_e(path)}</code>{similarity}</h3>'
        )
        if path in s.aligned:
            parts.append(_aligned(s.aligned[path]))
        if not found:
            parts.append('<p class="muted none">No findings in this version.</p>')
        for f in found:
            parts.append(_card(f, number, reference))
            number += 1
        parts.append("</section>")
    parts.append(
        '<p class="muted empty" hidden>No findings of this story match the filters.</p></section>'
    )
    return "\n".join(p for p in parts if p)


def _aligned(rows: Sequence[PassagePair]) -> str:
    """The whole rewrite beside the reference, passage by passage, as a redline: words
    the rewrite changed struck through on the left and underlined on the right."""
    changed = sum(1 for r in rows if r.reference and r.rewrite and r.rewrite.marks)
    added = sum(1 for r in rows if not r.reference)
    omitted = sum(1 for r in rows if not r.rewrite)
    body = []
    for row in rows:
        if row.reference and row.rewrite:
            kind = "changed" if row.rewrite.marks or row.reference.marks else "same"
            left, right = _marked(row.reference, "del"), _marked(row.rewrite, "ins")
        elif row.rewrite:
            kind = "added"
            left = '<span class="muted">— no counterpart in the reference —</span>'
            right = _wrap("ins", row.rewrite.text, whole=True)
        else:
            assert row.reference is not None
            kind = "omitted"
            left = _wrap("del", row.reference.text, whole=True)
            right = '<span class="muted">— not in the rewrite —</span>'
        body.append(f'<tr class="{kind}"><td>{left}</td><td>{right}</td></tr>')
    summary = (
        f"Aligned with the reference: {_plural(len(rows), 'passage')}, {changed} changed, "
        f"{added} added, {omitted} omitted"
    )
    return (
        f'<details class="aligned"><summary>{_e(summary)}</summary>'
        '<table class="pairs"><thead><tr><th scope="col">reference</th>'
        '<th scope="col">rewrite</th></tr></thead><tbody>'
        + "".join(body)
        + "</tbody></table></details>"
    )


def _card(f: Finding, number: int, story_reference: str | None) -> str:
    loc = f.location
    ref = f.reference
    badges = (
        f'<span class="badge sev sev-{_e(f.severity)}">{_e(f.severity)}</span> '
        f'<span class="badge cat">{_e(f.category)}</span> '
        f'<code class="badge rule">{_e(f.rule)}</code>'
    )
    reference_line = ""
    if ref is not None:
        quoted = _short(ref.text, 240)
        reference_line = (
            f'<p class="ref">Reference <code>{_e(_where(ref))}</code>'
            + (f": <q>{_e(quoted)}</q>" if quoted and f.category != "omission" else "")
            + "</p>"
        )
    mine = "This version (the reference)" if loc.path == story_reference else "Rewrite"
    return (
        f'<article class="finding sev-{_e(f.severity)}" id="f-{number}" data-i="{number}" '
        f'tabindex="-1" aria-labelledby="f-{number}-m">\n'
        f'<header class="head">{badges} <code class="loc">{_e(_where(loc))}</code></header>\n'
        f'<p class="msg" id="f-{number}-m">{_e(f.message)}</p>\n'
        f"{reference_line}\n"
        f"{_passages(f, mine)}\n"
        '<div class="decide" role="group" aria-label="Decision">'
        '<button type="button" class="accept" aria-pressed="false">Accept as deliberate</button> '
        '<button type="button" class="fix" aria-pressed="false">Needs fix</button> '
        f'<label class="note-label">Note <input type="text" class="note" maxlength="500" '
        f'autocomplete="off"></label> <span class="state">Undecided</span></div>\n'
        "</article>"
    )


def _where(loc: Location) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}"


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _side(kicker: str, where: str, body: str, cls: str) -> str:
    where_html = f" <code>{_e(where)}</code>" if where else ""
    return (
        f'<div class="side {cls}"><p class="kicker">{_e(kicker)}{where_html}</p>'
        f'<div class="passage">{body}</div></div>'
    )


def _passages(f: Finding, mine: str) -> str:
    """The aligned passages: reference left, rewrite right (one column for a finding in
    one version on its own)."""
    loc, ref = f.location, f.reference
    ex, rex = f.excerpt, f.reference_excerpt
    if f.category == "omission":
        left_text = ref.text if ref is not None else (rex.text if rex else "")
        left = _side(
            "Reference, left out of the rewrite",
            _where(ref) if ref else "",
            _wrap("del", left_text, whole=True),
            "left",
        )
        context = (
            f'<p class="context">Near this passage of the rewrite:</p>'
            f'<p class="context-text">{_e(_short(ex.text, 400))}</p>'
            if ex is not None and ex.text.strip()
            else ""
        )
        right = _side(
            mine, _where(loc), f'<p class="absent">Not in the rewrite.</p>{context}', "right"
        )
        return f'<div class="pair omitted">{left}{right}</div>'
    if f.category == "addition":
        left = _side(
            "Reference", "", '<p class="absent">No counterpart in the reference.</p>', "left"
        )
        body = _marked(ex, "ins") if ex is not None else _wrap("ins", loc.text, whole=True)
        right = _side(f"{mine}, added", _where(loc), body, "right")
        return f'<div class="pair added">{left}{right}</div>'
    if ref is not None or rex is not None:
        if rex is not None:
            left_body = _marked(rex, "del")
        else:
            left_body = _wrap("del", ref.text) if ref is not None and ref.text else ""
        if ex is not None:
            right_body = _marked(ex, "ins")
        else:
            right_body = _wrap("ins", loc.text) if loc.text else ""
        left = _side("Reference", _where(ref) if ref else "", left_body, "left")
        right = _side(mine, _where(loc), right_body, "right")
        return f'<div class="pair">{left}{right}</div>'
    body = _marked(ex, "mark") if ex is not None else _wrap("mark", loc.text)
    return f'<div class="single">{_side(mine, _where(loc), body, "only")}</div>'


def _wrap(tag: str, text: str, whole: bool = False) -> str:
    """Flagged text: ``<del>`` (reference), ``<ins>`` (rewrite) or ``<mark>`` (one version on
    its own); the inner span carries the strike-through or underline, so the text markers
    the style sheet adds around it (``[-…-]``, ``{+…+}``, ``⟦…⟧``) stay readable.

    >>> _wrap("del", "<nine>")
    '<del><span class="w">&lt;nine&gt;</span></del>'
    """
    classes = [c for c, on in (("flag", tag == "mark"), ("whole", whole)) if on]
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f'<{tag}{attribute}><span class="w">{_e(text)}</span></{tag}>'


def _marked(excerpt: Excerpt, tag: str) -> str:
    """Excerpt text, escaped, with its marks wrapped in ``tag``; overlapping, empty or
    out-of-range marks are left out (as the text renderer does)."""
    text = excerpt.text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(excerpt.marks):
        if start < pos or end <= start or end > len(text):
            continue
        parts.append(_e(text[pos:start]))
        parts.append(_wrap(tag, text[start:end]))
        pos = end
    parts.append(_e(text[pos:]))
    return "".join(parts)


STYLE = r"""
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--card:#f6f8fa;
--error:#b42318;--warning:#8a5a00;--info:#0b57d0;--del:#ffebe9;--ins:#dafbe1;--flag:#fff4c2;
--focus:#0b57d0}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{font-size:16px}
body{margin:0;color:var(--fg);background:var(--bg);line-height:1.5;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main,.top,footer{max-width:80rem;margin:0 auto;padding:0 1.25rem}
h1{font-size:1.6rem;margin:1rem 0 .25rem}
h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
code,kbd{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;
font-size:.88em}
kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 .3em;
background:var(--card)}
a{color:var(--info)}
.muted{color:var(--muted);font-weight:normal}
.lede{margin:.25rem 0 1rem;font-size:1.05rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem;z-index:10}
.controls{position:sticky;top:0;z-index:5;background:var(--bg);
border-bottom:1px solid var(--line);box-shadow:0 1px 3px rgba(0,0,0,.06);padding:.5rem 1.25rem}
.filters,.bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;max-width:80rem;
margin:0 auto}
.bar{margin-top:.4rem}
fieldset{border:1px solid var(--line);border-radius:6px;padding:.15rem .6rem .3rem;margin:0}
legend{font-size:.8rem;color:var(--muted);padding:0 .25rem}
.check{margin-right:.6rem;white-space:nowrap;font-size:.92rem}
.check .n{color:var(--muted);font-size:.8rem}
.pick{font-size:.92rem}
select,input[type=text],button{font:inherit;font-size:.92rem}
select{max-width:22rem}
.count{font-weight:600;margin:0}
button{border:1px solid #8c959f;background:#f6f8fa;border-radius:6px;padding:.2rem .7rem;
cursor:pointer;color:var(--fg)}
button:hover{background:#eaeef2}
button[aria-pressed=true]{background:var(--fg);color:#fff;border-color:var(--fg)}
button[aria-pressed=true]::before{content:"✓ "}
.file{font-size:.92rem}
.io{font-size:.9rem;color:var(--muted)}
.keys{font-size:.85rem;color:var(--muted);margin-left:auto}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.overview-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.3fr);gap:1.5rem}
table{border-collapse:collapse;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.25rem .6rem;text-align:left}
.tally td{text-align:right;font-variant-numeric:tabular-nums}
.stories{padding-left:1.25rem;margin:0}
.stories li{margin:.2rem 0}
.legend{font-size:.92rem;color:var(--muted)}
.story{border-top:3px solid var(--fg);margin-top:2rem}
.story>h2{display:flex;gap:.75rem;align-items:baseline;flex-wrap:wrap}
.up{margin-left:auto;font-size:.85rem;font-weight:normal}
.reason{margin:.25rem 0 .75rem}
.versions td:nth-child(3){font-variant-numeric:tabular-nums}
.version>h3{border-bottom:1px solid var(--line);padding-bottom:.25rem}
.role{text-transform:uppercase;letter-spacing:.04em;font-size:.8rem;color:var(--muted)}
.finding{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;
padding:.6rem .9rem;margin:.75rem 0;background:var(--bg);break-inside:avoid;
scroll-margin-top:9rem}
.finding.sev-error{border-left-color:var(--error)}
.finding.sev-warning{border-left-color:var(--warning)}
.finding.sev-info{border-left-color:var(--info)}
.finding.current{outline:3px solid var(--focus);outline-offset:2px}
.finding[data-decision=accepted]{background:#f3faf5}
.finding[data-decision=fix]{background:#fff6f5}
.head{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.badge{display:inline-block;border:1px solid currentColor;border-radius:999px;padding:0 .55rem;
font-size:.8rem;line-height:1.5;font-weight:600}
.badge.rule{font-weight:normal;border-radius:4px;color:var(--fg);border-color:var(--line);
background:var(--card)}
.badge.cat{color:var(--muted)}
.sev-error .sev,.sev.sev-error,span.sev-error{color:var(--error)}
.sev.sev-warning,span.sev-warning{color:var(--warning)}
.sev.sev-info,span.sev-info{color:var(--info)}
.sev.sev-error::before{content:"✖ "}
.sev.sev-warning::before{content:"▲ "}
.sev.sev-info::before{content:"ℹ "}
.loc{color:var(--muted);margin-left:auto;word-break:break-all}
.msg{font-weight:600;margin:.35rem 0}
.ref{margin:.2rem 0;font-size:.92rem}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.75rem;margin:.5rem 0}
.side{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem}
.kicker{margin:0 0 .2rem;font-size:.8rem;color:var(--muted);text-transform:uppercase;
letter-spacing:.03em}
.kicker code{text-transform:none;letter-spacing:0}
.passage{white-space:pre-wrap;overflow-wrap:anywhere;max-height:16rem;overflow-y:auto;
font-size:1rem}
.passage p{margin:0 0 .3rem;white-space:normal}
.absent{font-style:italic;color:var(--muted)}
.context{font-size:.8rem;color:var(--muted)}
.context-text{color:var(--muted)}
del,ins,mark{text-decoration:none;border-radius:3px}
del{background:var(--del);color:#82071e}
ins{background:var(--ins);color:#055d20}
mark.flag{background:var(--flag);color:inherit}
del>.w{text-decoration:line-through;text-decoration-thickness:2px}
ins>.w{text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:2px}
mark>.w{text-decoration:underline wavy #8a5a00;text-underline-offset:3px}
.whole>.w{text-decoration-thickness:1px}
del::before,del::after,ins::before,ins::after,mark::before,mark::after{font-weight:700;
font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em}
del::before{content:"[-\2060"}
del::after{content:"\2060-]"}
ins::before{content:"{+\2060"}
ins::after{content:"\2060+}"}
mark::before{content:"⟦\2060"}
mark::after{content:"\2060⟧"}
.decide{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-top:.5rem}
.note-label{font-size:.92rem}
.note{width:18rem;max-width:100%}
.state{font-size:.9rem;color:var(--muted)}
.finding[data-decision=accepted] .state{color:#055d20;font-weight:600}
.finding[data-decision=fix] .state{color:var(--error);font-weight:600}
footer{color:var(--muted);font-size:.85rem;margin-top:3rem;padding-bottom:2rem}
@media (max-width:56rem){.pair,.overview-grid{grid-template-columns:1fr}.keys{margin-left:0}}
@media print{
.controls,.skip,.up,.decide button,.decide .note-label,.keys{display:none!important}
body{font-size:10.5pt}
.finding{box-shadow:none;margin:.4rem 0}
.finding.current{outline:none}
.passage{max-height:none;overflow:visible}
.story{break-before:page}
a{color:inherit;text-decoration:none}
del,ins,mark.flag{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}

details.aligned{margin:.5rem 0 1rem}details.aligned>summary{cursor:pointer;font-weight:600}
table.pairs{width:100%;border-collapse:collapse;table-layout:fixed;font-size:.92rem}
table.pairs td,table.pairs th{border-top:1px solid var(--line);padding:.3rem .5rem;
vertical-align:top;text-align:left}
table.pairs tr.same td{color:var(--muted)}
table.pairs tr.omitted td:first-child,table.pairs tr.added td:last-child{background:var(--card)}
@media print{details.aligned>*{display:revert}}
"""

SCRIPT = r"""
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const findings = data.findings;
  const cards = Array.from(document.querySelectorAll("article.finding"));
  const STORE = "rewritelint-review-decisions-v1";
  const decisions = new Map();
  const inBaseline = new Set();
  const carried = new Map();
  const complete = new Set(data.complete_paths);
  const $ = (id) => document.getElementById(id);
  const entryKey = (path, fingerprint) => path + "\n" + fingerprint;
  const CLICKABLE = new Set(["checkbox", "radio", "button", "submit", "reset", "file"]);

  function stored() {
    try {
      const raw = window.localStorage.getItem(STORE);
      const value = raw ? JSON.parse(raw) : {};
      return value && typeof value === "object" ? value : {};
    } catch (err) {
      return {};
    }
  }
  function save() {
    try {
      const all = stored();
      for (const f of findings) {
        const d = decisions.get(f.key);
        if (d && (d.decision || d.note)) all[f.key] = { decision: d.decision, note: d.note };
        else delete all[f.key];
      }
      window.localStorage.setItem(STORE, JSON.stringify(all));
    } catch (err) {
      // Storage is blocked (some browsers, file:// pages): decisions last while the page is open.
    }
  }

  function cardsOf(key) {
    return cards.filter((card) => findings[Number(card.dataset.i)].key === key);
  }
  function show(card) {
    const f = findings[Number(card.dataset.i)];
    const d = decisions.get(f.key) || { decision: "", note: "" };
    card.dataset.decision = d.decision || "none";
    const pressed = (selector, on) => card.querySelector(selector)
      .setAttribute("aria-pressed", String(on));
    pressed("button.accept", d.decision === "accepted");
    pressed("button.fix", d.decision === "fix");
    const note = card.querySelector("input.note");
    if (note.value !== d.note) note.value = d.note || "";
    let state = d.decision === "accepted" ? "Decision: accepted as deliberate"
      : d.decision === "fix" ? "Decision: needs fix" : "Undecided";
    if (inBaseline.has(f.key)) state += " (in the baseline)";
    card.querySelector(".state").textContent = state;
  }
  function decide(card, decision, note) {
    const f = findings[Number(card.dataset.i)];
    const d = decisions.get(f.key) || { decision: "", note: "" };
    const next = {
      decision: decision === undefined ? d.decision : decision,
      note: note === undefined ? d.note : note,
    };
    decisions.set(f.key, next);
    cardsOf(f.key).forEach(show);
    save();
    if (decision !== undefined) applyFilters();
  }

  function checked(name) {
    return new Set(Array.from(document.querySelectorAll('input[name="' + name + '"]'))
      .filter((box) => box.checked).map((box) => box.value));
  }
  function applyFilters() {
    const severities = checked("severity");
    const categories = checked("category");
    const rule = $("f-rule").value;
    const version = $("f-version").value;
    const decision = $("f-decision").value;
    let shown = 0;
    for (const card of cards) {
      const f = findings[Number(card.dataset.i)];
      const d = (decisions.get(f.key) || {}).decision || "none";
      const visible = severities.has(f.severity) && categories.has(f.category) &&
        (rule === "" || f.rule === rule) &&
        (version === "" || f.version === Number(version)) &&
        (decision === "" || d === decision);
      card.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const section of document.querySelectorAll("section.version")) {
      const own = section.querySelectorAll("article.finding");
      const filtered = version !== "" || rule !== "" || decision !== "" ||
        severities.size < document.querySelectorAll('input[name="severity"]').length ||
        categories.size < document.querySelectorAll('input[name="category"]').length;
      section.hidden = own.length ?
        !section.querySelector("article.finding:not([hidden])") : filtered;
    }
    for (const story of document.querySelectorAll("section.story")) {
      const any = story.querySelector("article.finding");
      story.querySelector("p.empty").hidden =
        !any || Boolean(story.querySelector("article.finding:not([hidden])"));
    }
    $("count").textContent = shown + " of " + cards.length + " findings shown";
  }

  let current = null;
  function focusCard(card) {
    if (current) current.classList.remove("current");
    current = card;
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "center" });
  }
  function move(step) {
    const visible = cards.filter((card) => !card.hidden);
    if (!visible.length) return;
    const at = current ? visible.indexOf(current) : -1;
    let next;
    if (at < 0) {
      if (current) {
        const i = cards.indexOf(current);
        const after = visible.findIndex((card) => cards.indexOf(card) > i);
        next = step > 0 ? (after < 0 ? visible.length - 1 : after)
          : (after < 0 ? visible.length - 1 : Math.max(after - 1, 0));
      } else {
        next = step > 0 ? 0 : visible.length - 1;
      }
    } else {
      next = Math.min(Math.max(at + step, 0), visible.length - 1);
    }
    focusCard(visible[next]);
  }
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    const typing = target && (/^(TEXTAREA|SELECT)$/.test(target.tagName) ||
      (target.tagName === "INPUT" && !CLICKABLE.has(target.type)) || target.isContentEditable);
    if (typing) {
      if (event.key === "Escape" && target.closest("article.finding")) {
        focusCard(target.closest("article.finding"));
      }
      return;
    }
    if (event.key === "j" || event.key === "n") { move(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p") { move(-1); event.preventDefault(); }
    else if ((event.key === "a" || event.key === "f") && current && !current.hidden) {
      const want = event.key === "a" ? "accepted" : "fix";
      const f = findings[Number(current.dataset.i)];
      const d = (decisions.get(f.key) || {}).decision;
      decide(current, d === want ? "" : want);
      event.preventDefault();
    }
  });

  for (const card of cards) {
    card.addEventListener("focusin", () => {
      if (current !== card) {
        if (current) current.classList.remove("current");
        current = card;
        card.classList.add("current");
      }
    });
    card.querySelector("button.accept").addEventListener("click", () => {
      const d = (decisions.get(findings[Number(card.dataset.i)].key) || {}).decision;
      decide(card, d === "accepted" ? "" : "accepted");
    });
    card.querySelector("button.fix").addEventListener("click", () => {
      const d = (decisions.get(findings[Number(card.dataset.i)].key) || {}).decision;
      decide(card, d === "fix" ? "" : "fix");
    });
    card.querySelector("input.note").addEventListener("input", (event) => {
      decide(card, undefined, event.target.value);
    });
  }
  const filterInputs = "#controls input[type=checkbox], #controls select";
  for (const input of document.querySelectorAll(filterInputs)) {
    input.addEventListener("change", applyFilters);
  }

  // Python's str order (code points), so the export sorts as render_baseline does.
  function compare(a, b) {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return x.length === y.length ? 0 : (x.length < y.length ? -1 : 1);
  }
  function entryObject(e) {
    const item = { path: e.path, rule: e.rule, fingerprint: e.fingerprint, text: e.text,
      reference: e.reference };
    if (e.note) item.note = e.note;
    return item;
  }
  function readEntries(doc) {
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.findings)) {
      throw new Error("a baseline is an object with a 'findings' list");
    }
    if (doc.version !== 1) {
      throw new Error("unsupported baseline version " + JSON.stringify(doc.version));
    }
    return doc.findings.map((item, k) => {
      if (!item || typeof item !== "object" ||
          !["path", "rule", "fingerprint"].every((key) => typeof item[key] === "string")) {
        throw new Error("findings[" + k + "] needs string 'path', 'rule', 'fingerprint'");
      }
      return {
        path: item.path, rule: item.rule, fingerprint: item.fingerprint,
        text: item.text === undefined ? "" : String(item.text),
        reference: typeof item.reference === "string" ? item.reference : null,
        note: item.note === undefined ? "" : String(item.note),
      };
    });
  }
  function applyEntries(entries, fromPage) {
    let matched = 0;
    let kept = 0;
    let stale = 0;
    for (const e of entries) {
      const hits = findings.filter((f) => f.path === e.path && f.fingerprint === e.fingerprint &&
        f.rule === e.rule);
      if (hits.length) {
        matched += 1;
        for (const f of hits) {
          decisions.set(f.key, { decision: "accepted", note: e.note });
          if (fromPage) inBaseline.add(f.key);
        }
      } else if (!complete.has(e.path)) {
        kept += 1;
        carried.set(entryKey(e.path, e.fingerprint), e);
      } else {
        stale += 1;
      }
    }
    return { matched, kept, stale };
  }
  function baselineText() {
    const unique = new Map(carried);
    for (const f of findings) {
      const d = decisions.get(f.key);
      if (d && d.decision === "accepted") {
        unique.set(entryKey(f.path, f.fingerprint), { path: f.path, rule: f.rule,
          fingerprint: f.fingerprint, text: f.text, reference: f.reference,
          note: (d.note || "").trim() });
      }
    }
    const items = Array.from(unique.values()).sort((a, b) => compare(a.path, b.path) ||
      compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint) ||
      compare(a.text, b.text));
    return JSON.stringify({ version: 1, findings: items.map(entryObject) }, null, 2) + "\n";
  }
  function status(text) {
    $("io-status").textContent = text;
  }
  $("export").addEventListener("click", () => {
    const text = baselineText();
    const count = JSON.parse(text).findings.length;
    const blob = new Blob([text], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = data.baseline_name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60000);
    status("Exported " + count + " acknowledged finding(s). Save the file as " +
      data.baseline_name + " at the project root (browsers may drop the leading dot).");
  });
  $("import").addEventListener("change", async (event) => {
    const input = event.target;
    const file = input.files && input.files[0];
    if (!file) return;
    try {
      const result = applyEntries(readEntries(JSON.parse(await file.text())), false);
      cards.forEach(show);
      save();
      applyFilters();
      status("Imported " + file.name + ": " + result.matched + " finding(s) marked accepted" +
        (result.kept ? ", " + result.kept + " entr(ies) of other files kept for the export" : "") +
        (result.stale ? ", " + result.stale + " no longer found" : "") + ".");
    } catch (err) {
      status("Could not import " + file.name + ": " + err.message);
    }
    input.value = "";
  });

  applyEntries(readEntries({ version: 1, findings: data.baseline }), true);
  const saved = stored();
  for (const f of findings) {
    const d = saved[f.key];
    if (d && typeof d === "object" && ["", "accepted", "fix"].includes(d.decision)) {
      const note = typeof d.note === "string" ? d.note : "";
      decisions.set(f.key, { decision: d.decision, note });
    }
  }
  cards.forEach(show);
  applyFilters();
})();
"""
