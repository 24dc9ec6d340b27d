"""Stage 1, load: file -> Document.

Reads a story file once, in binary, decodes it and builds the two texts every later stage uses:
``raw``, the decoded file exactly as an editor shows it, and ``text``, the same story prepared for
matching (mojibake repaired, YAML front matter and Markdown/HTML markup blanked to spaces,
each line break one ``\n``).
Offsets stay tied to the original: blanking keeps lengths, and every repair that changes a
length is recorded in ``Document.shifts``, so a finding found in ``text`` is reported at the
line and column the user sees in the file (``Document.to_raw`` then ``Document.position``).

Decoding order: a BOM (UTF-8, UTF-16, UTF-32); UTF-16 without BOM, recognised by its NUL-byte
pattern (any other NUL byte means a binary file); strict UTF-8; UTF-8 with a few stray cp1252
bytes; cp1252 when charset-normalizer finds it plausible; charset-normalizer's best guess; and
cp1252 with replacement characters as the last resort, so a readable file always loads.

The slow imports (ftfy, PyYAML, charset-normalizer) happen inside the functions that need them,
only for files that need them: a plain UTF-8 story imports none of them.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from difflib import SequenceMatcher
from typing import Any

from . import markup
from .caches import bounded
from .errors import InputError, first_line
from .model import Document
from .project import special_file

__all__ = ["DEFAULT_MAX_BYTES", "load", "load_bytes", "load_text"]

DEFAULT_MAX_BYTES = 1024 * 1024
"""Files larger than this are refused unread: news stories are kilobytes (the longest a
few hundred), larger files are mistakes or attacks. 1 MB keeps the worst pair (two 1 MB
files sharing little) within the default work budget; ``--max-file-size`` raises it."""

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
"""(BOM, codec decoding what follows it, name recorded: the codec that decodes the whole file)."""

_CP1252_C1 = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
"""The 27 characters cp1252 puts at bytes 0x80-0x9F: the euro sign, curly quotes, dashes, …"""

_LATIN1_TO_CP1252 = str.maketrans(
    {
        chr(b): bytes([b]).decode("cp1252")
        for b in range(0x80, 0xA0)
        if b not in b"\x81\x8d\x8f\x90\x9d"
    }
)
"""Turns a Latin-1 decoding into ftfy's "sloppy" cp1252 one (the 5 undefined bytes stay C1)."""

# A cheap hint that a line holds UTF-8 mojibake, deciding only whether ftfy is worth importing
# (ftfy itself decides what to repair):
#   [\u00c2-\u00f4]        a UTF-8 lead byte 0xC2-0xF4 read as Latin-1/cp1252: Â Ã … ó ô
#   [\u0080-\u00bf<C1>]    followed by a continuation byte 0x80-0xBF read the same way: a C1
#                          control or NBSP..¿ (Latin-1), or one of cp1252's 27 characters there
#   |\u00c3(?= )           or "Ã" + space: "à" whose 0xA0 byte became a space ("Ã la carte")
#   |[\u0080-\u009f]       or a C1 control: cp1252 read as Latin-1 ("It\x92s" for "It's")
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf" + re.escape(_CP1252_C1) + "]|\u00c3(?= )|[\u0080-\u009f]"
)

# A line break as an editor counts it: CRLF is one break, a lone CR or LF is one too. Unicode's
# other separators (NEL, U+2028, …) are deliberately not breaks: editors do not show them as such.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Front matter opening fence: "---" as the whole first line (trailing blanks allowed); the match
# stops before the line break so the YAML below starts at the fence's own break.
_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*(?=[\r\n])")

# Front matter closing fence: a line break, then "---" or "..." as the whole line (trailing blanks
# allowed), followed by a line break or the end of the text.
_FRONT_MATTER_CLOSE = re.compile(r"(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)")

# Any character but a line break: what blanking turns into a space, so lines and lengths survive.
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")

# One well-formed multi-byte UTF-8 sequence (RFC 3629, table 3-7: 2-, 3- and 4-byte forms without
# overlongs or surrogates). Many of them next to a few invalid bytes mean "UTF-8 with stray cp1252
# bytes"; a single-byte encoding rarely produces them by chance.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

# A run of bytes that were not valid UTF-8, as the "surrogateescape" error handler encodes them.
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")

_CP1252_MAX_CHAOS = 0.3
"""charset-normalizer "mess" up to which cp1252 is taken over its guess.

Measured on short samples: charset-normalizer alone read Latin-1 French as cp1250 ("à" -> "ŕ"),
Latin-1 "°C" as ISO 8859-14 and a short cp1252 line as cp1125; cp1252 scored 0.0-0.17 on real
cp1252/Latin-1 stories, and 0.38 or more on Mac Roman, Cyrillic, Greek and CJK bytes.
"""


def load(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one story file; raise ``InputError`` with a one-line problem otherwise.

    The file is read once, in binary, and never written. Its size is checked before reading so
    a huge file is refused without loading it.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, "is a directory")
        special = special_file(name, info)  # before opening: a FIFO blocks, /proc lies
        if special:
            raise InputError(name, special)
        if info.st_size > max_bytes:
            raise InputError(name, _too_large(info.st_size, max_bytes))
        with open(name, "rb") as file:
            # Read one byte past the limit: pipes and /proc files report size 0 in stat.
            data = file.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise InputError(name, f"cannot read ({reason})") from None
    except ValueError:  # an embedded NUL in the path
        raise InputError(name, "invalid path") from None
    if len(data) > max_bytes:
        raise InputError(name, _too_large(None, max_bytes))
    return load_bytes(data, name)


def load_bytes(data: bytes, path: str) -> Document:
    """Decode a file's bytes and build its ``Document``: the part of ``load`` that needs no disk."""
    raw, encoding = _decode(data, path)
    return _build(raw, path, encoding)


def load_text(text: str, path: str = "<text>") -> Document:
    """Build a ``Document`` from already-decoded text, normalised exactly like a file.

    A leading U+FEFF (a BOM that survived decoding) is dropped, as ``load`` drops it.
    ``encoding`` is recorded as "utf-8", the model's default for text that was never bytes.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(path, "not valid Unicode text (a lone surrogate)") from None
    return _build(text.removeprefix("\ufeff"), path, "utf-8")


def _build(raw: str, path: str, encoding: str) -> Document:
    """Derive ``text``, ``shifts``, front matter and line starts from the decoded ``raw``."""
    text, shifts = _repair_mojibake(raw)
    front_matter, text = _split_front_matter(text, path)
    if "\r" in text:
        text = _unify_line_breaks(text)
    kind = markup.kind_of(path)
    found = markup.directives(text) if "rewritelint" in text else ()
    text = markup.blank(text, kind)
    return Document(
        path=path,
        raw=raw,
        text=text,
        encoding=encoding,
        front_matter=front_matter,
        shifts=shifts,
        line_starts=_line_starts(raw),
        directives=found,
    )


def _unify_line_breaks(text: str) -> str:
    r"""Every line break becomes ``\n`` without changing lengths ("\r\n" -> " \n", a lone
    "\r" -> "\n"), so later stages and user patterns (``$``) see one kind of line end.

    >>> _unify_line_breaks("a\r\nb\rc\n")
    'a \nb\nc\n'
    """
    return text.replace("\r\n", " \n").replace("\r", "\n")


# --- decoding ---------------------------------------------------------------------------------


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode file bytes to ``(raw, encoding name)`` in the module's documented order."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as error:
                where = error.start + len(bom)
                problem = f"cannot decode as {name} (invalid data at byte {where})"
                raise InputError(path, problem) from None
    has_bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if has_bom else data
    if b"\x00" in body:
        utf16 = None if has_bom else _decode_utf16_without_bom(body)
        if utf16 is None:
            raise InputError(path, "binary file (NUL bytes)")
        return utf16
    utf8 = "utf-8-sig" if has_bom else "utf-8"
    try:
        return body.decode("utf-8"), utf8
    except UnicodeDecodeError:
        pass
    mixed = _decode_utf8_with_stray_bytes(body, assume_utf8=has_bom)
    if mixed is not None:
        return mixed, f"{utf8}+cp1252"
    return _decode_single_byte(body)


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16 by its NULs: mostly-ASCII text has a NUL in every other byte.

    >>> _decode_utf16_without_bom("Kabul".encode("utf-16-le"))
    ('Kabul', 'utf-16-le')
    >>> _decode_utf16_without_bom(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR") is None
    True
    """
    units = len(data) // 2
    if units == 0 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    # Half the code units ASCII or Latin-1, and almost no NUL in the other byte of each unit.
    if odd_nuls * 2 >= units and even_nuls * 20 <= units:
        codec = "utf-16-le"
    elif even_nuls * 2 >= units and odd_nuls * 20 <= units:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _decode_utf8_with_stray_bytes(data: bytes, *, assume_utf8: bool) -> str | None:
    """Decode UTF-8 that holds a few invalid bytes, reading each of those as cp1252.

    A story pasted together from two sources keeps its UTF-8 text intact instead of being
    re-read whole in a guessed single-byte encoding. Used when the file is clearly UTF-8: it has
    a UTF-8 BOM, or more well-formed multi-byte sequences than invalid bytes.

    >>> mixed = "\\u201cKabul\\u201d".encode() + b" \\x92s"  # UTF-8 quotes, a cp1252 apostrophe
    >>> _decode_utf8_with_stray_bytes(mixed, assume_utf8=False) == "\\u201cKabul\\u201d \\u2019s"
    True
    >>> _decode_utf8_with_stray_bytes(b"caf\\xe9", assume_utf8=False) is None
    True
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    if not assume_utf8:
        invalid = sum(len(run) for run in _ESCAPED_BYTES.findall(escaped))
        if len(_UTF8_MULTIBYTE.findall(data)) <= invalid:
            return None
    return _ESCAPED_BYTES.sub(_unescape_as_cp1252, escaped)


def _unescape_as_cp1252(match: re.Match[str]) -> str:
    """Decode a run of surrogate-escaped bytes as cp1252 (undefined bytes become U+FFFD)."""
    return bytes(ord(char) - 0xDC00 for char in match.group()).decode("cp1252", errors="replace")


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: cp1252 if plausible, else charset-normalizer's guess.

    English wire copy that is not UTF-8 is nearly always cp1252 (or Latin-1, its subset), and
    charset-normalizer misreads short Western samples (see ``_CP1252_MAX_CHAOS``), so cp1252 wins
    whenever it decodes cleanly and does not look like another script.
    """
    from charset_normalizer import from_bytes

    if from_bytes(data, cp_isolation=["cp1252"], threshold=_CP1252_MAX_CHAOS).best() is not None:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # charset-normalizer only sampled a large file
            pass
    best = from_bytes(data).best()
    if best is not None:
        try:
            name = codecs.lookup(best.encoding).name
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _too_large(size: int | None, limit: int) -> str:
    """The problem text for a file over the size limit.

    >>> _too_large(213 * 1024 * 1024, 50 * 1024 * 1024)
    'file too large (213.0 MB > 50.0 MB limit; raise it with --max-file-size)'
    """
    actual = "more than" if size is None else f"{_format_size(size)} >"
    return f"file too large ({actual} {_format_size(limit)} limit; raise it with --max-file-size)"


def _format_size(size: int) -> str:
    """A byte count as people read it.

    >>> _format_size(52428800), _format_size(2048), _format_size(12)
    ('50.0 MB', '2.0 KB', '12 bytes')
    """
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


# --- lines ------------------------------------------------------------------------------------


def _line_starts(raw: str) -> tuple[int, ...]:
    """Offsets where lines start; CRLF, CR and LF each end a line, as in an editor.

    A final line break starts one more (empty) line, where an editor puts the cursor at the end.

    >>> _line_starts("a\\r\\nb\\rc\\nd")
    (0, 3, 5, 7)
    """
    return (0, *(match.end() for match in _LINE_BREAK.finditer(raw)))


# --- mojibake ---------------------------------------------------------------------------------


def _repair_mojibake(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Repair UTF-8 read as cp1252/Latin-1, line by line; return ``(text, shifts)``.

    Quotes stay curly: only ftfy's encoding fixer runs. ``shifts`` are the ``to_raw`` anchors
    (``(text_offset, raw_minus_text)``) where the offset difference changes; ``raw`` itself is
    returned, with no shifts, when nothing needed repair.
    """
    hint = _MOJIBAKE_HINT.search(raw)
    if hint is None:
        return raw, ()
    from ftfy import fix_encoding

    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []
    copied = 0  # raw[:copied] is already in pieces
    text_length = 0  # len("".join(pieces))
    while hint is not None:
        start = max(raw.rfind("\n", 0, hint.start()), raw.rfind("\r", 0, hint.start())) + 1
        line_break = _LINE_BREAK.search(raw, hint.end())
        end = len(raw) if line_break is None else line_break.start()
        line = raw[start:end]
        fixed = fix_encoding(line)
        if fixed != line:
            pieces.append(raw[copied:start])
            text_start = text_length + start - copied
            delta = shifts[-1][1] if shifts else 0
            for index, raw_index in enumerate(_char_sources(line, fixed)):
                offset_delta = start + raw_index - (text_start + index)
                if offset_delta != delta:
                    shifts.append((text_start + index, offset_delta))
                    delta = offset_delta
            pieces.append(fixed)
            copied = end
            text_length = text_start + len(fixed)
        hint = _MOJIBAKE_HINT.search(raw, end)
    if not pieces:
        return raw, ()
    pieces.append(raw[copied:])
    return "".join(pieces), tuple(shifts)


def _char_sources(raw: str, fixed: str) -> list[int]:
    """For each character of ``fixed`` (and its end), the offset in ``raw`` it was repaired from.

    Each fixed character is matched to itself or to one of its mojibake forms, walking in from
    both ends of the line; what ftfy changed in other ways (C1 controls, lossy sequences) is left
    in the middle, where a character diff decides. The characters of a repaired run point at the
    run's start; the character after it points after it.

    >>> _char_sources("Talibanâ€\\x99s", "Taliban\\u2019s")
    [0, 1, 2, 3, 4, 5, 6, 7, 10, 11]
    >>> _char_sources("Â£5 \\x80", "£5 \\u20ac")  # "\\x80" -> euro sign is a C1 fix, not mojibake
    [0, 2, 3, 4, 5]
    """
    head: list[int] = []  # raw starts of the characters matched from the left
    position = 0
    for char in fixed:
        length = _form_length(raw, position, len(raw), char, at_end=False)
        if length is None:
            break
        head.append(position)
        position += length
    if len(head) == len(fixed) and position == len(raw):
        return [*head, position]
    tail: list[int] = []  # raw starts of the characters matched from the right, last first
    end = len(raw)
    for char in reversed(fixed[len(head) :]):
        length = _form_length(raw, position, end, char, at_end=True)
        if length is None:
            break
        end -= length
        tail.append(end)
    middle = _char_sources_diff(raw[position:end], fixed[len(head) : len(fixed) - len(tail)])
    return [*head, *(position + source for source in middle[:-1]), *reversed(tail), len(raw)]


def _form_length(raw: str, start: int, end: int, char: str, *, at_end: bool) -> int | None:
    """Length of the form of ``char`` found at the start (or end) of ``raw[start:end]``, if any."""
    forms = (char,) if char.isascii() else _mojibake_forms(char)
    for form in forms:
        if raw.endswith(form, start, end) if at_end else raw.startswith(form, start, end):
            return len(form)
    return None


def _char_sources_diff(raw: str, fixed: str) -> list[int]:
    """Match characters with a diff: changed runs point at the start of their raw run."""
    sources = [0] * (len(fixed) + 1)
    matcher = SequenceMatcher(None, raw, fixed, autojunk=False)
    for tag, raw_start, _raw_end, fixed_start, fixed_end in matcher.get_opcodes():
        for index in range(fixed_start, fixed_end):
            same = tag == "equal"
            sources[index] = raw_start + (index - fixed_start if same else 0)
    sources[len(fixed)] = len(raw)
    return sources


@bounded(maxsize=4096)
def _mojibake_forms(char: str) -> tuple[str, ...]:
    """How ``char`` looks after its UTF-8 bytes are read as cp1252 or Latin-1, once or twice
    (or, for cp1252's own characters at 0x80-0x9F, after its cp1252 byte is read as Latin-1).

    Longest first, the character itself last; "Ã " forms cover an NBSP byte turned into a space.

    >>> _mojibake_forms("é")[-2:]
    ('Ã©', 'é')
    >>> _mojibake_forms("a")
    ('a',)
    """
    if char.isascii():
        return (char,)
    forms = {char}
    if char in _CP1252_C1:  # cp1252 read as Latin-1: the C1 control at the same byte
        forms.add(char.encode("cp1252").decode("latin-1"))
    layer = {char}
    for _ in range(2):  # mojibake of mojibake (6 characters for an apostrophe) happens; deeper not
        next_layer = set()
        for form in layer:
            latin1 = form.encode("utf-8").decode("latin-1")
            for decoded in (latin1, latin1.translate(_LATIN1_TO_CP1252)):
                next_layer |= {decoded, decoded.replace("\xa0", " ")}
        forms |= next_layer
        layer = next_layer
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


# --- front matter -----------------------------------------------------------------------------


def _split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str]:
    """Parse a leading ``---`` YAML block and blank it (fences included) to spaces in ``text``.

    Line breaks stay where they are, so offsets and line numbers do not move. Without a closing
    fence the opening ``---`` is ordinary text (a rule line) and nothing is blanked.

    >>> _split_front_matter("---\\nsource: wire/a.txt\\n---\\nKabul", "s.md")
    ({'source': 'wire/a.txt'}, '   \\n                  \\n   \\nKabul')
    """
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return {}, text
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if closing is None:
        return {}, text
    data = _parse_front_matter(text, opening.end(), closing.start(), path)
    blank = _NOT_LINE_BREAK.sub(" ", text[: closing.end()])
    return data, blank + text[closing.end() :]


def _parse_front_matter(text: str, start: int, end: int, path: str) -> dict[str, Any]:
    """``yaml.safe_load`` of ``text[start:end]``; errors name the file line they are on."""
    import yaml

    from .safeyaml import YAMLLimitError, safe_load

    first_line = 2  # the opening fence is line 1
    try:
        data = safe_load(text[start:end])
    except YAMLLimitError as error:
        line = _line_of(text, start) + error.line - 1
        raise InputError(path, f"front matter: invalid YAML at line {line}: {error}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line if mark is None else _line_of(text, start + mark.index)
        problem = error.problem or error.context or "invalid syntax"
        raise InputError(path, f"front matter: invalid YAML at line {line}: {problem}") from None
    except Exception as error:  # PyYAML also leaks ValueError, AttributeError, RecursionError
        problem = _yaml_problem(error)
        lines = f"lines {first_line}-{_line_of(text, end)}"
        raise InputError(path, f"front matter: invalid YAML in {lines}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        found = type(data).__name__
        raise InputError(
            path, f"front matter: expected key: value pairs at line {first_line}, found a {found}"
        )
    return data


def _yaml_problem(error: Exception) -> str:
    """A one-line, user-facing reason for a YAML failure that carries no position."""
    import yaml

    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, yaml.reader.ReaderError):
        return f"unacceptable character #x{error.character:04x}"
    if isinstance(error, ValueError):
        return first_line(error, "invalid value")
    return "malformed tagged value"


def _line_of(text: str, offset: int) -> int:
    """1-based line number of ``offset`` in ``text``.

    >>> _line_of("a\\r\\nb\\rc", 5)
    3
    """
    return len(_LINE_BREAK.findall(text, 0, offset)) + 1
