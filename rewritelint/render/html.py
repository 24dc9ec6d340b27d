"""HTML output: the editors' review page, one self-contained file.

``render(review) -> str`` formats a :class:`rewritelint.review.Review` (made by
:func:`rewritelint.review.review_report` or :func:`~rewritelint.review.review_check`).
The HTML holds the page's frame: the header, the sticky bar of filters and decisions,
and the overview (findings by category and severity, the stories with links). The
findings themselves are data (:mod:`rewritelint.render.review_data`: each passage's text
once, the findings as columns) that the page's script draws a page at a time: each story
— its reference and every rewrite — with a card per finding (badges, message, the
reference location and the aligned passages side by side, the flagged words marked
``<del>`` (reference) and ``<ins>`` (rewrite)), info-level omissions and additions folded
to one line. So a report of 2,000 files (11,000 findings) is a page of a few megabytes
that opens in a second, where every card's HTML was 65 MB and a minute. The script adds
filters and search, paging, keyboard navigation (j/k, n/p) and decisions ("accept as
deliberate" / "needs fix" with a note) that export as ``rewritelint-baseline.json`` in
exactly the format of :func:`rewritelint.baseline.render_baseline`.

The page's skeleton, style sheets and scripts are package data in ``assets/``
(``review.html``, ``review.css``, ``review-print.css`` and the ``SCRIPTS``), read with
:mod:`importlib.resources` and inlined, so the written page still needs no other file.
The skeleton's ``${name}`` placeholders are filled by :func:`fill`: text is escaped, and
only markup this module made (or the assets) goes in as it is.

Story text is untrusted (scraped websites): every piece of it in the HTML is escaped
with ``html.escape(..., quote=True)``; the data the script reads is JSON inside a
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped;
the script never puts story text into HTML (it makes elements and sets their text, never
``innerHTML``); and a Content-Security-Policy meta tag allows only the page's own script,
by the hash of the script as inlined, so an injected ``<script>`` or ``onerror=`` could
not run even if it got through. The page makes no network request: no external font,
style sheet, image or script.

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
from typing import Any

from rewritelint import __version__
from rewritelint.model import SEVERITIES
from rewritelint.rank import SeverityCounts
from rewritelint.render.review_data import page_data
from rewritelint.review import Choice, Review

ASSETS = "assets"
"""The folder of ``rewritelint.render`` holding the page's skeleton, style and script."""
STYLES = ("review.css", "review-print.css")
"""The style sheets, in the order they are inlined into the page's one ``<style>``."""
SCRIPTS = ("review-view.js", "review-baseline.js", "review.js")
"""The script's parts, in the order they are inlined into the page's one ``<script>``:
drawing cards from the data, the baseline file and the decisions kept in the browser,
then the page's behaviour."""
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src {script}; img-src data:; "
    "connect-src 'none'; base-uri 'none'; form-action 'none'"
)


@cache
def asset(name: str) -> str:
    """A file of ``rewritelint/render/assets`` (read once; line ends as ``\\n``)."""
    return (resources.files("rewritelint.render") / ASSETS / name).read_text(encoding="utf-8")


def style() -> str:
    """The ``<style>`` element's text: the style sheets on lines of their own."""
    return "".join("\n" + asset(name) for name in STYLES)


def script() -> str:
    """The page's ``<script>`` element's text, which the CSP hash covers: its parts on
    lines of their own."""
    return "".join("\n" + asset(name) for name in SCRIPTS)


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
            "overview": _overview(review),
            "data": script_json(page_data(review)),
            "script": script(),
        },
    )
    # A lone surrogate (undecodable bytes kept by a loader) cannot be written as UTF-8.
    return document.encode("utf-8", "replace").decode("utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``</script>``, ``<!--`` and
    U+2028/2029 cannot end it or break the script.

    >>> script_json({"t": "</script><!-- & \\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


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
    worst = "".join(
        f'<li><a href="#f-{w.number}"><span class="sev-{_e(w.severity)}">{_e(w.severity)}</span> '
        f"<code>{_e(w.rule)}</code></a> <code>{_e(w.path)}</code>: {_e(w.message)}</li>"
        for w in review.worst
    )
    worst_list = f'<h3>Worst findings</h3><ol class="worst">{worst}</ol>\n' if worst else ""
    files = f"{_plural(review.files, 'file')} checked"
    return (
        '<section class="overview" id="overview" aria-labelledby="overview-h">\n'
        f'<h2 id="overview-h">Overview <span class="muted">({_e(files)})</span></h2>\n'
        f'<div class="overview-grid"><div class="scroll">{table}</div>'
        f'<div>{worst_list}<h3>Stories</h3><ol class="stories">{"".join(links)}</ol>\n'
        '<p class="legend">In the passages, reference words that differ are '
        f"{_wrap('del', 'struck through')} and rewrite words are "
        f"{_wrap('ins', 'underlined')}; text flagged in one version on its own is "
        f"{_wrap('mark', 'marked')}.</p></div></div>\n"
        "</section>"
    )


def _wrap(tag: str, text: str) -> str:
    """Flagged text as the script draws it in the passages (for the legend): ``<del>``,
    ``<ins>`` or ``<mark class="flag">``, the inner span carrying the strike-through or
    underline, the style sheet adding the text markers (``[-…-]``, ``{+…+}``, ``⟦…⟧``).

    >>> _wrap("del", "<nine>")
    '<del><span class="w">&lt;nine&gt;</span></del>'
    """
    attribute = ' class="flag"' if tag == "mark" else ""
    return f'<{tag}{attribute}><span class="w">{_e(text)}</span></{tag}>'
