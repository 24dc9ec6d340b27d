"""HTML output: the editors' review page, one self-contained file.

``render(review) -> str`` formats a :class:`rewritelint.review.Review` (made by
:func:`rewritelint.review.review_report` or :func:`~rewritelint.review.review_check`):
each story — its reference and every rewrite — with a card per finding: badges, message,
the reference location and the aligned passages side by side, the flagged words marked
``<del>`` (reference) and ``<ins>`` (rewrite). A small inline script adds filters,
keyboard navigation (j/k, n/p) and decisions ("accept as deliberate" / "needs fix" with
a note) that export as a ``.rewritelint-baseline.json`` in exactly the format of
:func:`rewritelint.baseline.render_baseline`.

The page's skeleton, style sheet and script are package data in ``assets/``
(``review.html``, ``review.css``, ``review.js``), read with :mod:`importlib.resources`
and inlined, so the written page still needs no other file. The skeleton's
``${name}`` placeholders are filled by :func:`fill`: text is escaped, and only markup
this module made (or the assets) goes in as it is.

Story text is untrusted (scraped websites): every piece of it is escaped with
``html.escape(..., quote=True)``; the data the script reads is JSON inside a
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped;
the script never puts story text into HTML (it sets ``textContent`` and input values);
and a Content-Security-Policy meta tag allows only the page's own script, by the hash of
``review.js`` as inlined, so an injected ``<script>`` or ``onerror=`` could not run even
if it got through. The page makes no network request: no external font, style sheet,
image or script.

Like the other renderers this only formats: what is shown, in what order, with what
counts, comes decided in the ``Review``; the page is byte-identical for the same input.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from importlib import resources
from string import Template
from typing import TYPE_CHECKING, Any

from rewritelint import __version__
from rewritelint.baseline import EXPORTED_NAME, Entry
from rewritelint.model import SEVERITIES, Location
from rewritelint.review import (
    Aligned,
    Card,
    Choice,
    Item,
    Review,
    Section,
    SeverityCounts,
    Shown,
    StoryView,
)

if TYPE_CHECKING:
    pass

ASSETS = "assets"
"""The folder of ``rewritelint.render`` holding the page's skeleton, style and script."""
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src {script}; img-src data:; "
    "connect-src 'none'; base-uri 'none'; form-action 'none'"
)
ROLE_LABELS = {"reference": "Reference", "rewrite": "Rewrite", "unsourced": "Story"}


@cache
def asset(name: str) -> str:
    """A file of ``rewritelint/render/assets`` (read once; line ends as ``\\n``)."""
    return (resources.files("rewritelint.render") / ASSETS / name).read_text(encoding="utf-8")


def style() -> str:
    """The ``<style>`` element's text: ``review.css`` on lines of its own."""
    return "\n" + asset("review.css")


def script() -> str:
    """The page's ``<script>`` element's text, which the CSP hash covers: ``review.js``
    on lines of its own."""
    return "\n" + asset("review.js")


def script_hash() -> str:
    """The CSP source of the page's script: ``'sha256-…'``."""
    digest = hashlib.sha256(script().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def fill(template: str, text: Mapping[str, object], markup: Mapping[str, str]) -> str:
    """``template`` with each ``${name}`` replaced: ``text`` values escaped, ``markup``
    values (HTML this module made) as they are. Every placeholder must be given, once.

    >>> fill("<p title='${t}'>${m}</p>", {"t": "<'>"}, {"m": "<b>x</b>"})
    "<p title='&lt;&#x27;&gt;'><b>x</b></p>"
    """
    compiled = Template(template)
    wanted = set(compiled.get_identifiers())
    given = [*text, *markup]
    if wanted != set(given) or len(given) != len(set(given)):
        raise ValueError(f"placeholders {sorted(wanted)} filled with {sorted(given)}")
    values = {name: _e(value) for name, value in text.items()}
    return compiled.substitute(values, **markup)


def render(review: Review) -> str:
    """The review page of a run."""
    findings = _plural(review.finding_count, "finding")
    title = f"rewritelint review: {_stories(len(review.stories))}, {findings}"
    counts = _severity_counts(review.counts)
    lede = (
        f"{_stories(len(review.stories))} · {_plural(review.version_count, 'version')} · "
        f"{findings}" + (f" ({counts})" if counts else "")
    )
    extra = []
    if review.acknowledged:
        extra.append(f"{review.acknowledged} acknowledged in the baseline")
    if review.failed_files:
        extra.append(f"{_plural(review.failed_files, 'file')} could not be read")
    notes = f' <span class="muted">({_e("; ".join(extra))})</span>' if extra else ""
    rule_options = "".join(f'<option value="{_e(r)}">{_e(r)}</option>' for r in review.rules)
    version_options = "".join(
        f'<option value="{k}">{_e(p)}</option>' for k, p in enumerate(review.versions)
    )
    main = "\n".join([_overview(review), *(_story(s) for s in review.stories)])
    document = fill(
        asset("review.html"),
        text={
            "csp": CSP.format(script=script_hash()),
            "version": __version__,
            "title": title,
            "lede": lede,
            "finding_count": review.finding_count,
            "command": review.command,
        },
        markup={
            "style": style(),
            "notes": notes,
            "severity_boxes": _boxes("severity", review.severities),
            "category_boxes": _boxes("category", review.categories),
            "rule_options": rule_options,
            "version_options": version_options,
            "main": main,
            "data": script_json(_data(review)),
            "script": script(),
        },
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


def _data(review: Review) -> dict[str, Any]:
    """What the page's script reads; its keys are the script's contract."""
    return {
        "version": 1,
        "command": review.command,
        "baseline_name": EXPORTED_NAME,
        "versions": list(review.versions),
        "complete_paths": list(review.complete_paths),
        "baseline": [_entry_object(e) for e in review.baseline],
        "findings": [_item_object(i) for i in review.items],
    }


def _item_object(i: Item) -> dict[str, Any]:
    return {
        "key": i.key,
        "path": i.path,
        "rule": i.rule,
        "fingerprint": i.fingerprint,
        "text": i.text,
        "reference": i.reference,
        "severity": i.severity,
        "category": i.category,
        "version": i.version,
        "story": i.story,
    }


def _entry_object(e: Entry) -> dict[str, Any]:
    """An entry as the baseline file writes it (no ``note`` key when there is none)."""
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


def _e(text: object) -> str:
    """Escape text for an element or a quoted attribute."""
    return escape(str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _stories(n: int) -> str:
    return f"{n} stor{'y' if n == 1 else 'ies'}"


def _severity_counts(counts: SeverityCounts) -> str:
    """ "2 errors, 1 warning, 3 info" """
    return ", ".join(f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts)


def _boxes(name: str, choices: Sequence[Choice]) -> str:
    return "".join(
        f'<label class="check"><input type="checkbox" name="{name}" value="{_e(c.value)}" '
        f'checked> {_e(c.value)} <span class="n">{c.count}</span></label>'
        for c in choices
    )


def _overview(review: Review) -> str:
    rows = []
    for row in review.tally:
        cells = "".join(f"<td>{n or ''}</td>" for n in row.cells)
        rows.append(f'<tr><th scope="row">{_e(row.category)}</th>{cells}<td>{row.total}</td></tr>')
    foot = "".join(f"<td>{n}</td>" for n in review.totals)
    table = (
        '<table class="tally"><caption>Findings by category and severity</caption>'
        '<thead><tr><th scope="col">category</th>'
        + "".join(f'<th scope="col"><span class="sev-{s}">{s}</span></th>' for s in SEVERITIES)
        + '<th scope="col">all</th></tr></thead><tbody>'
        + "".join(rows)
        + f'</tbody><tfoot><tr><th scope="row">all</th>{foot}'
        f"<td>{review.finding_count}</td></tr></tfoot></table>"
        if review.tally
        else '<p class="muted">No findings.</p>'
    )
    links = []
    for s in review.stories:
        counts = _severity_counts(s.counts) or "no findings"
        links.append(
            f'<li><a href="#{_e(s.id)}">{_e(s.id)}</a>: {_plural(len(s.versions), "version")}; '
            f"{'reference' if s.reference is not None else 'file'} "
            f"<code>{_e(s.first)}</code>; {_e(counts)}</li>"
        )
    files = f"{_plural(review.files, 'file')} checked"
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


def _story(s: StoryView) -> str:
    rows = []
    for v in s.versions:
        similarity = "" if v.similarity is None else f"{v.similarity:.2f}"
        rows.append(
            f'<tr><td>{_e(v.role)}</td><td><a href="#{_e(v.anchor)}">'
            f"<code>{_e(v.path)}</code></a></td><td>{similarity}</td>"
            f"<td>{_e(_severity_counts(v.counts) or 'none')}</td></tr>"
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
        for d in s.consensus:
            said = "; ".join(f"“{value}” in {n}" for value, n in d.values)
            lines.append(
                f"<li><code>{_e(d.path)}:{d.line}</code>: {_e(said)}"
                + (f"; odd one out: <code>{_e(', '.join(d.odd))}</code>" if d.odd else "")
                + "</li>"
            )
        consensus = (
            f'<h3>Facts the versions disagree on</h3><ul class="consensus">{"".join(lines)}</ul>'
        )
    parts = [
        f'<section class="story" id="{_e(s.id)}" aria-labelledby="{_e(s.id)}-h">',
        f'<h2 id="{_e(s.id)}-h">{_e(s.id)} <span class="muted">'
        f"{_plural(len(s.versions), 'version')}, {_plural(s.finding_count, 'finding')}</span>"
        f'<a class="up" href="#overview">overview ↑</a></h2>',
        f'<p class="reason">Reference: <code>{_e(s.reference)}</code> ({_e(s.reason)})</p>'
        if s.reference is not None
        else f'<p class="reason">{_e(s.reason)}</p>',
        table,
        consensus,
    ]
    parts.extend(_section(section) for section in s.sections)
    parts.append(
        '<p class="muted empty" hidden>No findings of this story match the filters.</p></section>'
    )
    return "\n".join(p for p in parts if p)


def _section(section: Section) -> str:
    similarity = (
        f' <span class="muted">similarity {section.similarity:.2f}</span>'
        if section.similarity is not None
        else ""
    )
    parts = [
        f'<section class="version" id="{_e(section.anchor)}">'
        f'<h3><span class="role">{ROLE_LABELS[section.role]}</span> '
        f"<code>{_e(section.path)}</code>{similarity}</h3>"
    ]
    if section.aligned is not None:
        parts.append(_aligned(section.aligned))
    if not section.cards:
        parts.append('<p class="muted none">No findings in this version.</p>')
    parts.extend(_card(card) for card in section.cards)
    parts.append("</section>")
    return "\n".join(parts)


def _aligned(view: Aligned) -> str:
    """The whole rewrite beside the reference, passage by passage, as a redline: words
    the rewrite changed struck through on the left and underlined on the right."""
    body = []
    for row in view.rows:
        left = (
            _shown(row.reference, "del")
            if row.reference is not None
            else '<span class="muted">— no counterpart in the reference —</span>'
        )
        right = (
            _shown(row.rewrite, "ins")
            if row.rewrite is not None
            else '<span class="muted">— not in the rewrite —</span>'
        )
        body.append(f'<tr class="{row.kind}"><td>{left}</td><td>{right}</td></tr>')
    summary = (
        f"Aligned with the reference: {_plural(len(view.rows), 'passage')}, "
        f"{view.changed} changed, {view.added} added, {view.omitted} omitted"
    )
    return (
        f'<details class="aligned"><summary>{_e(summary)}</summary>'
        '<table class="pairs"><thead><tr><th scope="col">reference</th>'
        '<th scope="col">rewrite</th></tr></thead><tbody>'
        + "".join(body)
        + "</tbody></table></details>"
    )


def _card(card: Card) -> str:
    f, number, loc = card.finding, card.number, card.finding.location
    badges = (
        f'<span class="badge sev sev-{_e(f.severity)}">{_e(f.severity)}</span> '
        f'<span class="badge cat">{_e(f.category)}</span> '
        f'<code class="badge rule">{_e(f.rule)}</code>'
    )
    reference_line = ""
    if f.reference is not None:
        reference_line = (
            f'<p class="ref">Reference <code>{_e(_where(f.reference))}</code>'
            + (f": <q>{_e(card.quote)}</q>" if card.quote else "")
            + "</p>"
        )
    return (
        f'<article class="finding sev-{_e(f.severity)}" id="f-{number}" data-i="{number}" '
        f'tabindex="-1" aria-labelledby="f-{number}-m">\n'
        f'<header class="head">{badges} <code class="loc">{_e(_where(loc))}</code></header>\n'
        f'<p class="msg" id="f-{number}-m">{_e(f.message)}</p>\n'
        f"{reference_line}\n"
        f"{_passages(card)}\n"
        '<div class="decide" role="group" aria-label="Decision">'
        '<button type="button" class="accept" aria-pressed="false">Accept as deliberate</button> '
        '<button type="button" class="fix" aria-pressed="false">Needs fix</button> '
        f'<label class="note-label">Note <input type="text" class="note" maxlength="500" '
        f'autocomplete="off"></label> <span class="state">Undecided</span></div>\n'
        "</article>"
    )


def _where(loc: Location) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}"


def _side(kicker: str, where: str, body: str, cls: str) -> str:
    where_html = f" <code>{_e(where)}</code>" if where else ""
    return (
        f'<div class="side {cls}"><p class="kicker">{_e(kicker)}{where_html}</p>'
        f'<div class="passage">{body}</div></div>'
    )


def _passages(card: Card) -> str:
    """The card's passages: reference left, rewrite right (one column for a finding in
    one version on its own)."""
    loc, ref = card.finding.location, card.finding.reference
    mine = "This version (the reference)" if card.in_reference else "Rewrite"
    ref_where = _where(ref) if ref else ""
    if card.layout == "omitted":
        context = (
            f'<p class="context">Near this passage of the rewrite:</p>'
            f'<p class="context-text">{_e(card.context)}</p>'
            if card.context
            else ""
        )
        absent = f'<p class="absent">Not in the rewrite.</p>{context}'
        return (
            '<div class="pair omitted">'
            + _side(
                "Reference, left out of the rewrite", ref_where, _shown(card.left, "del"), "left"
            )
            + f"{_side(mine, _where(loc), absent, 'right')}</div>"
        )
    if card.layout == "added":
        absent = '<p class="absent">No counterpart in the reference.</p>'
        return (
            f'<div class="pair added">{_side("Reference", "", absent, "left")}'
            f"{_side(f'{mine}, added', _where(loc), _shown(card.right, 'ins'), 'right')}</div>"
        )
    if card.layout == "pair":
        return (
            f'<div class="pair">{_side("Reference", ref_where, _shown(card.left, "del"), "left")}'
            f"{_side(mine, _where(loc), _shown(card.right, 'ins'), 'right')}</div>"
        )
    return (
        f'<div class="single">{_side(mine, _where(loc), _shown(card.right, "mark"), "only")}</div>'
    )


def _shown(shown: Shown | None, tag: str) -> str:
    """Shown text, escaped, with what is flagged wrapped in ``tag`` ("" for nothing)."""
    if shown is None:
        return ""
    if shown.marks is None:
        return _wrap(tag, shown.text, whole=shown.whole)
    text = shown.text
    parts: list[str] = []
    pos = 0
    for start, end in shown.marks:
        parts.append(_e(text[pos:start]))
        parts.append(_wrap(tag, text[start:end]))
        pos = end
    parts.append(_e(text[pos:]))
    return "".join(parts)


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
