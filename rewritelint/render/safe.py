"""Untrusted text on its way out: story text and file names made harmless for each output.

A story (or a contributor's file name) can hold ESC sequences, CR, BEL, bidi overrides
or a line break followed by a forged ``path:line:col:`` line. The renderers pass every
such text through here, so the terminal, the Actions runner or a JSON reader sees it as
text and never as control. One home for the character set and the escape notation
(Python's: ``\\x1b``, ``\\r``, ``\\u202e``), so every format shows the same thing.
"""

from __future__ import annotations

import re

# Characters that steer a terminal or a parser, or hide text, instead of showing it:
# C0 controls (with tab, LF, CR), DEL and C1; every format character (Unicode Cf: soft
# hyphen, Arabic signs, zero-width space/joiners, LRM/RLM, bidi embeddings, overrides and
# isolates, invisible operators, BOM, interlinear annotation, tags, ...); the line and
# paragraph separators (Zl, Zp); lone surrogates (undecodable bytes of a file name).
# Ranges follow Unicode 15's Cf; tests/render/test_text.py checks them against
# unicodedata so a newer Python's additions are noticed.
_C0 = "\x00-\x1f"
_BEYOND_C0 = (
    "\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
UNSAFE = re.compile(f"[{_C0}{_BEYOND_C0}]")
"""One character that is shown escaped on a terminal."""

_JOINERS = frozenset("\u200c\u200d")
"""ZWNJ and ZWJ: needed to write Persian, Indic scripts and emoji sequences, so kept
between two non-ASCII characters; elsewhere (``Khali\\u200dlzad``) they only disguise."""

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

# What JSON writes raw that is not plain text: DEL, C1, format characters, U+2028/9 and
# lone surrogates (C0 is already escaped by the json module; the indentation's own
# newlines are C0 and must stay).
_JSON_UNSAFE = re.compile(f"[{_BEYOND_C0}]")


def escape_char(char: str) -> str:
    r"""The visible escape of one character, as Python writes it.

    >>> [escape_char(c) for c in "\x1b\r\u202e\U000e0041"]
    ['\\x1b', '\\r', '\\u202e', '\\U000e0041']
    """
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, keep: str = "") -> str:
    r"""``text`` with every control, format and separator character shown escaped, so it
    stays on its line and cannot move the cursor, recolour, link or reorder the display;
    characters in ``keep`` are left for the caller to encode its own way.

    >>> printable("five\x1b[2J\r\nx.txt:1:1: error \u202eforged")
    'five\\x1b[2J\\r\\nx.txt:1:1: error \\u202eforged'
    >>> printable("می\u200cخواهم and Khali\u200dlzad")
    'می\u200cخواهم and Khali\\u200dlzad'
    """
    if text.isascii() and text.isprintable():  # the common case, without a regex pass
        return text

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        if char in _JOINERS and _joins(match.string, match.start()):
            return char
        return escape_char(char)

    return UNSAFE.sub(replace, text)


def _joins(text: str, at: int) -> bool:
    """Whether the joiner at ``at`` sits between two visible non-ASCII characters."""
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    return all(
        side and not side.isascii() and UNSAFE.match(side) is None for side in (before, after)
    )


# The GitHub Actions runner reads EVERY line a step prints as a workflow command when,
# after leading blanks, it starts with "::" (``::add-mask::``, ``::set-output``), or, in
# the older syntax, holds "##[" anywhere (``##[error]``). Our own text, JSON and SARIF
# lines never do; a story's text or a file name must not either.
_V2_COMMAND = re.compile(r"^(\s*):(?=:)")
_V1_COMMAND = "##["


def inert(line: str) -> str:
    r"""One output line that a CI runner cannot take for a workflow command: a leading
    ``::`` or a ``##[`` is shown with a character escaped (a line carrying story text
    only; the github renderer writes real commands).

    >>> inert("    ::add-mask::secret ##[error]x")
    '    \\x3a:add-mask::secret ##\\x5berror]x'
    """
    if _V1_COMMAND in line:
        line = line.replace(_V1_COMMAND, "##\\x5b")
    return _V2_COMMAND.sub(r"\1\\x3a", line)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def markdown(text: str) -> str:
    r"""Untrusted text as one line of Markdown that reads as plain text: controls shown
    escaped, line breaks as spaces, ``&``, ``<`` as entities (no HTML), every Markdown
    punctuation mark backslash-escaped (no link, image, emphasis, table cell or heading).

    >>> markdown("[x](javascript:alert(1)) | <b>*hi*</b>\n# h")
    '\\[x\\]\\(javascript:alert\\(1\\)\\) \\| &lt;b\\>\\*hi\\*&lt;/b\\> \\# h'
    """
    flat = printable(" ".join(text.split()))
    flat = flat.replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def json_text(dumped: str) -> str:
    r"""JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters a
    terminal or a strict encoder trips on, and the runner's ``##[``, written as ``\uXXXX``
    escapes: the same values once parsed, valid UTF-8 even for a lone surrogate, and
    inert when printed.

    >>> json_text('{"path": "a\udcff\u202e\x85.txt", "m": "##[error]x"}')
    '{"path": "a\\udcff\\u202e\\u0085.txt", "m": "##\\u005berror]x"}'
    """
    if _V1_COMMAND in dumped:  # only ever inside a string: "#" is not JSON syntax
        dumped = dumped.replace(_V1_COMMAND, "##\\u005b")
    if dumped.isascii():
        return dumped.replace("\x7f", "\\u007f")
    return _JSON_UNSAFE.sub(_json_escape, dumped)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a JSON escape beyond the BMP is a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
