"""Markdown and HTML markup blanked out of the matching text, and inline directives.

Markup is not story text: "**nine**" and "nine" say the same thing, and a link's URL is
not a sentence. Blanking replaces markup with spaces (line breaks kept), so every
offset still points at the same character of the file and findings keep their line and
column. Inline directives (``<!-- rewritelint: ignore RULE -->``) are read here too,
because they live in HTML comments.
"""

from __future__ import annotations

import re

from rewritelint.model import Directive

MARKDOWN_SUFFIXES = frozenset([".md", ".markdown", ".mdx", ".mkd"])
HTML_SUFFIXES = frozenset([".html", ".htm", ".xhtml"])
TEXT_SUFFIXES = frozenset([".txt", ".text"])
STORY_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
"""The one list of story file suffixes: what ``report`` and wire folders pick up, and
what ``check`` reads as Markdown, HTML or plain text."""

# An inline directive: <!-- rewritelint: ignore[-file] [RULE[, RULE ...]] -->
_DIRECTIVE = re.compile(
    r"<!--\s*rewritelint:\s*(?P<scope>ignore-file|ignore)\b(?P<rules>[^>]*?)\s*-->", re.IGNORECASE
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# Elements whose content is not story text at all.
_HIDDEN_ELEMENT = re.compile(
    r"<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Markdown, line by line: fenced code blocks, headings, block quotes, list markers, rules.
_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.DOTALL | re.MULTILINE)
_LINE_MARKERS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)", re.MULTILINE)
# An ordered-list marker; it starts a list only after a blank line or another item, or
# as "1." (CommonMark: "rose to\n15. Officials said" is a wrapped sentence, not a list).
_ORDERED = re.compile(r"^[ \t]*(?P<n>\d{1,3})[.)][ \t]+", re.MULTILINE)
# Reference-style links: "[text][id]" keeps its text; a "[id]: url" line is no text.
_REFERENCE_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\[(?P<id>[^\]\n]*)\]")
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", re.MULTILINE)
_RULE_LINE = re.compile(
    r"^[ \t]*(?:\*[ \t]*){3,}$|^[ \t]*(?:-[ \t]*){3,}$|^[ \t]*(?:_[ \t]*){3,}$", re.MULTILINE
)
# Images entirely; links keep their text and lose "[", "](url)".
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\n]*)\)")
# Emphasis and code marks next to a word ("**nine**", "_Reuters_", "`code`").
_EMPHASIS = re.compile(r"(?<![\w*_`])(?:\*\*|__|\*|_|`)(?=\S)|(?<=\S)(?:\*\*|__|\*|_|`)(?![\w*_`])")


def kind_of(path: str) -> str:
    """``markdown``, ``html`` or ``text``, by the file's suffix."""
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "html" if suffix in HTML_SUFFIXES else "text"


def directives(text: str) -> tuple[Directive, ...]:
    """Every ``<!-- rewritelint: ignore ... -->`` comment of a story, in order.

    >>> found = directives("a <!-- rewritelint: ignore number-changed, date -->")
    >>> [(d.scope, sorted(d.rules)) for d in found]
    [('ignore', ['date', 'number-changed'])]
    """
    found = []
    for m in _DIRECTIVE.finditer(text):
        rules = frozenset(r for r in re.split(r"[\s,]+", m.group("rules")) if r)
        found.append(Directive(m.start(), m.end(), m.group("scope").lower(), rules))
    return tuple(found)


def blank(text: str, kind: str) -> str:
    """Markup of a ``markdown`` or ``html`` story replaced by spaces (same length).

    >>> blank("## Taliban take **nine** [capitals](http://x.y)", "markdown")
    '   Taliban take   nine    capitals             '
    """
    if kind == "text":
        return text
    chars = list(text)

    def wipe(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "

    for pattern in (_COMMENT, _HIDDEN_ELEMENT):
        for m in pattern.finditer(text):
            wipe(*m.span())
    for m in _TAG.finditer(text):
        wipe(*m.span())
    for m in _ENTITY.finditer(text):
        name = m.group()[1:-1]
        wipe(m.start(), m.end())
        chars[m.start()] = _entity_char(name)
    if kind == "markdown":
        for m in _FENCE.finditer(text):
            wipe(*m.span())
        for pattern in (_LINE_MARKERS, _RULE_LINE, _IMAGE, _LINK_DEFINITION):
            for m in pattern.finditer(text):
                wipe(*m.span())
        for m in _ORDERED.finditer(text):
            if m.group("n") == "1" or _starts_block(text, m.start()):
                wipe(*m.span())
        for m in _REFERENCE_LINK.finditer(text):
            wipe(m.start(), m.start() + 1)
            wipe(m.end("text"), m.end())
        for m in _LINK.finditer(text):
            wipe(m.start(), m.start() + 1)
            wipe(m.end("text"), m.end())
        for m in _EMPHASIS.finditer(text):
            wipe(*m.span())
    return "".join(chars)


def _entity_char(name: str) -> str:
    """One character standing for an entity ("&ldquo;" -> "“", "&amp;" -> "&"), so the
    text still reads as written; a space when it is not one printable character."""
    import html

    char = html.unescape(f"&{name};")
    return char if len(char) == 1 and char.isprintable() else " "


def _starts_block(text: str, offset: int) -> bool:
    """Is the line at ``offset`` the first of the text, after a blank line, or after
    another list item (where an ordered-list marker really starts an item)?"""
    if offset == 0:
        return True
    previous_end = text.rfind("\n", 0, offset)
    previous_start = text.rfind("\n", 0, max(previous_end, 0)) + 1
    previous = text[previous_start:previous_end]
    return not previous.strip() or bool(_ORDERED.match(previous) or _LINE_MARKERS.match(previous))
