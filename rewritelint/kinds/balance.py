"""Kind ``unclosed``: a quotation opened and never closed (a machine-translation artifact)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rewritelint.kinds import Kind, register_kind

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule

_OPENERS = '“"„«‘'


@register_kind
@dataclass(frozen=True)
class Unclosed(Kind):
    """Fires on a quotation opened inside a paragraph (after an attribution: "...,” he
    said. “It must stop.") and still open at the paragraph's end, when the next paragraph
    does not open a quotation: news style leaves a quote open only when it continues in
    the next paragraph. A quotation that opens its paragraph is a block quote (a scraper
    keeps no blockquote markup) and is not flagged."""

    name = "unclosed"
    summary = "a quotation opened and never closed"
    placeholders = frozenset(["match"])

    def run(self, rule: Rule, ctx: Context) -> None:
        doc = ctx.rewrite
        starts: dict[int, int] = {}
        for passage in doc.passages:
            starts.setdefault(passage.paragraph, passage.start)
        for quotation in doc.quotations:
            if quotation.closed:
                continue
            paragraph = next(
                p.paragraph for p in doc.passages if p.start <= quotation.start < p.end + 1
            )
            if starts[paragraph] == quotation.start:
                continue
            following = starts.get(paragraph + 1)
            if following is not None and doc.document.text[following] in _OPENERS:
                continue
            text = doc.document.text[quotation.start : quotation.end]
            preview = text if len(text) <= 60 else text[:59] + "…"
            ctx.report(rule, (quotation.start, quotation.start + 1), {"match": preview})
