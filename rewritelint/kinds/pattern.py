"""Kind ``pattern``: a regular expression found in one version on its own (scraper residue)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rewritelint.kinds import Kind, Where, check_keys, expect_type, register_kind, type_name

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule

MATCH_TIMEOUT = 0.25
"""Seconds one pattern may spend on one document; the ``regex`` engine stops it there."""
MAX_PATTERN_LENGTH = 2000


class PatternTimeout(Exception):
    """A user pattern ran past MATCH_TIMEOUT on a document (catastrophic backtracking)."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


def compile_pattern(
    source: Any,
    key: str,
    where: Where,
    ignorecase: bool = False,
    items: Any = None,
    index: int = 0,
) -> Any:
    """Compile one user regex with the ``regex`` engine (it supports a match timeout);
    errors point at the list item (``items[index]``) when the patterns are a list."""
    import regex

    def error(problem: str) -> Exception:
        return (
            where.item_error(items, index, key, problem)
            if items is not None
            else where.error(key, problem)
        )

    if not isinstance(source, str):
        raise error(f"each of {key!r} must be a string, not {type_name(source)}")
    if len(source) > MAX_PATTERN_LENGTH:
        raise error(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    flags = regex.MULTILINE | (regex.IGNORECASE if ignorecase else 0)
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise error(f"invalid pattern {source!r}: {exc}") from None


def find_all(pattern: Any, text: str) -> list[tuple[int, int, str]]:
    """Every non-empty match as (start, end, text), under the match timeout (which
    grows with the text, a second per 2 MB: linear patterns on long stories finish,
    catastrophic ones still stop)."""
    timeout = MATCH_TIMEOUT + len(text) / 2_000_000
    try:
        return [
            (m.start(), m.end(), m.group())
            for m in pattern.finditer(text, timeout=timeout)
            if m.end() > m.start()
        ]
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


@register_kind
@dataclass(frozen=True)
class Pattern(Kind):
    """Fires wherever one of ``patterns`` matches the rewrite's story text (front
    matter excluded). ``^`` and ``$`` match at line starts and ends. Patterns use the
    ``regex`` engine with a time limit, so a pathological pattern cannot hang a run.
    """

    name = "pattern"
    summary = "a regular expression found in one version on its own"
    placeholders = frozenset(["match"])

    patterns: tuple[Any, ...] = ()
    """Regular expressions (Python syntax); a match anywhere is a finding."""
    ignorecase: bool = False
    """Match without regard to case."""
    outside_quotes: bool = False
    """Skip matches inside quotations ("[the Taliban]" in a quote is an editor's insertion)."""
    to_end: bool = False
    """The finding runs from the match to the end of the story (a comment section and
    the related-story links after it are one block of residue)."""

    @classmethod
    def from_yaml(cls, params: Any, where: Where) -> Kind:
        check_keys(cls, params, where)
        params = dict(params)
        ignorecase = bool(expect_type(params.get("ignorecase", False), bool, "ignorecase", where))
        sources = params.get("patterns")
        if sources is None:
            raise where.error(None, "kind 'pattern' needs the key 'patterns'")
        if isinstance(sources, str):
            sources = [sources]
        expect_type(sources, list, "patterns", where)
        if not sources:
            raise where.error("patterns", "'patterns' is empty")
        params["patterns"] = tuple(
            compile_pattern(source, "patterns", where, ignorecase, sources, k)
            for k, source in enumerate(sources)
        )
        params["ignorecase"] = ignorecase
        for key in ("outside_quotes", "to_end"):
            if key in params:
                expect_type(params[key], bool, key, where)
        return super().from_yaml(params, where)

    def run(self, rule: Rule, ctx: Context) -> None:
        text = ctx.rewrite.document.text
        quotations = ctx.rewrite.quotations if self.outside_quotes else ()
        found = sorted(m for pattern in self.patterns for m in find_all(pattern, text))
        for start, end, match in found:
            stripped = match.strip()
            if not stripped or any(q.start <= start < q.end for q in quotations):
                continue
            start += len(match) - len(match.lstrip())
            end = len(text.rstrip()) if self.to_end else start + len(stripped)
            ctx.report(rule, (start, end), {"match": stripped})
            if self.to_end:
                return
