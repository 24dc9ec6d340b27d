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
_ENTITY_CHARS = {"amp": "&", "quot": '"', "apos": "'", "lt": "<", "gt": ">", "nbsp": " "}
# Markdown, line by line: fenced code blocks, headings, block quotes, list markers, rules.
_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.DOTALL | re.MULTILINE)
_LINE_MARKERS = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)", re.MULTILINE
)
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
        for pattern in (_LINE_MARKERS, _RULE_LINE, _IMAGE):
            for m in pattern.finditer(text):
                wipe(*m.span())
        for m in _LINK.finditer(text):
            wipe(m.start(), m.start() + 1)
            wipe(m.end("text"), m.end())
        for m in _EMPHASIS.finditer(text):
            wipe(*m.span())
    return "".join(chars)


def _entity_char(name: str) -> str:
    """One character standing for an entity, so "AT&amp;T" still reads "AT&"."""
    if name.startswith("#x"):
        code = int(name[2:], 16)
    elif name.startswith("#"):
        code = int(name[1:])
    else:
        return _ENTITY_CHARS.get(name, " ")
    return chr(code) if 32 <= code < 0x110000 and not 0xD800 <= code < 0xE000 else " "
