"""Tests for stage 1, load: what a user sees after a story file is read.

Curly quotes and dashes are written as escapes (LQ, RQ, APOS, DASH) so the file stays plain to
linters; the texts themselves are ordinary news sentences.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rewritelint import load as load_module
from rewritelint.errors import InputError
from rewritelint.load import load, load_bytes, load_text
from rewritelint.model import Document

LQ, RQ, APOS, DASH = "\u201c", "\u201d", "\u2019", "\u2014"

STORY = (
    f"The Taliban{APOS}s {LQ}lion{APOS}s share{RQ} of power {DASH} a \u00a35 million deal, "
    "said Khalilzad in Kabul on Tuesday.\n"
)
"""A cp1252-encodable sentence with curly quotes, a dash and a pound sign."""

FRENCH = "Le président a déclaré à la presse qu'il était « très inquiet », 5 °C, à Kaboul.\n"
"""A Latin-1-encodable sentence (no character from cp1252's 0x80-0x9F range)."""


def write(tmp_path: Path, data: bytes, name: str = "story.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def mojibake(text: str) -> str:
    """UTF-8 read as cp1252 (undefined bytes kept as C1 controls): what a broken CMS produces."""
    return "".join(
        bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in text.encode()
    )


def span(doc: Document, word: str, start: int = 0) -> tuple[int, int]:
    """Raw span of ``word`` found in ``doc.text``, through ``to_raw``."""
    i = doc.text.index(word, start)
    return doc.to_raw(i), doc.to_raw(i + len(word))


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(STORY.encode("utf-8"), STORY, "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + STORY.encode(), STORY, "utf-8-sig", id="utf-8-bom"),
        pytest.param(STORY.encode("utf-16"), STORY, "utf-16", id="utf-16-native-bom"),
        pytest.param(
            codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), STORY, "utf-16", id="utf-16-le-bom"
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), STORY, "utf-16", id="utf-16-be-bom"
        ),
        pytest.param(STORY.encode("utf-16-le"), STORY, "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(STORY.encode("utf-16-be"), STORY, "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(
            codecs.BOM_UTF32_LE + STORY.encode("utf-32-le"), STORY, "utf-32", id="utf-32-le-bom"
        ),
        pytest.param(STORY.encode("cp1252"), STORY, "cp1252", id="cp1252"),
        # Latin-1 is cp1252 minus 0x80-0x9F, so the superset's name is recorded (as browsers do).
        pytest.param(FRENCH.encode("latin-1"), FRENCH, "cp1252", id="latin-1"),
        pytest.param(
            STORY.encode() + f"Le pr{APOS}sident".encode("cp1252"),
            STORY + f"Le pr{APOS}sident",
            "utf-8+cp1252",
            id="utf-8-with-a-stray-cp1252-byte",
        ),
    ],
)
def test_decoding_gives_the_original_text(
    tmp_path: Path, data: bytes, text: str, encoding: str
) -> None:
    doc = load(write(tmp_path, data))
    assert doc.raw == text
    assert doc.encoding == encoding
    assert doc.text == text  # clean text: nothing to repair or blank


def test_bom_is_not_part_of_raw_and_first_word_is_column_1(tmp_path: Path) -> None:
    for data in (codecs.BOM_UTF8 + b"Kabul fell.", "Kabul fell.".encode("utf-16")):
        doc = load(write(tmp_path, data))
        assert doc.raw == "Kabul fell."
        assert doc.position(doc.to_raw(doc.text.index("Kabul"))) == (1, 1)


def test_bom_utf16_file_with_broken_data_cannot_be_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF16_LE + "Kabul".encode("utf-16-le") + b"\x00")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.problem == "cannot decode as utf-16 (invalid data at byte 12)"


def test_short_cyrillic_cp1251_is_not_forced_into_cp1252(tmp_path: Path) -> None:
    text = (
        "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0437\u0430\u044f\u0432\u0438"
        "\u043b, \u0447\u0442\u043e \u0441\u0438\u0442\u0443\u0430\u0446\u0438\u044f \u0432 "
        "\u041a\u0430\u0431\u0443\u043b\u0435 \u043e\u0447\u0435\u043d\u044c \u0442\u0440\u0435"
        "\u0432\u043e\u0436\u043d\u0430\u044f."
    )
    doc = load(write(tmp_path, text.encode("cp1251")))
    assert doc.encoding != "cp1252"
    assert doc.raw == text


# --- lines and columns ------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_position_is_the_line_and_column_an_editor_shows(tmp_path: Path, newline: str) -> None:
    story = newline.join(["Taliban seek power", "", "Envoy Zalmay Khalilzad said", "end"])
    doc = load(write(tmp_path, story.encode()))
    assert doc.raw == story  # line endings untouched
    assert doc.position(doc.to_raw(doc.text.index("Khalilzad"))) == (3, 14)
    assert doc.position(doc.to_raw(doc.text.index("end"))) == (4, 1)


def test_mixed_line_endings_each_end_one_line(tmp_path: Path) -> None:
    doc = load(write(tmp_path, b"one\r\ntwo\rthree\nfour"))
    assert doc.line_starts == (0, 5, 9, 15)
    assert doc.position(doc.raw.index("four")) == (4, 1)
    assert doc.position(doc.raw.index("three") + 2) == (3, 3)


def test_columns_count_code_points_not_bytes(tmp_path: Path) -> None:
    doc = load(write(tmp_path, f"{LQ}Caf\u00e9{RQ} \U0001f600 Kabul".encode()))
    assert doc.position(doc.raw.index("Kabul")) == (1, 10)


# --- mojibake ---------------------------------------------------------------------------------


def test_mojibake_is_repaired_in_text_and_raw_is_kept(tmp_path: Path) -> None:
    broken = mojibake(STORY)
    assert "Taliban\u00e2\u20ac\u2122s" in broken  # the classic "Talibanâ€™s"
    doc = load(write(tmp_path, broken.encode()))
    assert doc.raw == broken
    assert doc.text == STORY
    assert f"Taliban{APOS}s" in doc.text
    assert f"{LQ}lion{APOS}s share{RQ}" in doc.text  # quotes stay curly


def test_words_after_a_repaired_run_map_back_to_the_file(tmp_path: Path) -> None:
    story = f"Line one\r\nThe Taliban{APOS}s {LQ}lion{APOS}s share{RQ} caf\u00e9\r\nIn Kabul today."
    doc = load(write(tmp_path, mojibake(story).encode()))
    assert doc.text == story.replace("\r\n", " \n")
    for word in ("share", "Kabul", "today", "Line"):
        start, end = span(doc, word)
        assert doc.raw[start:end] == word
    assert doc.position(span(doc, "Kabul")[0]) == (3, 4)
    # The repaired character covers its whole raw run.
    apostrophe = doc.text.index(APOS)
    assert doc.raw[doc.to_raw(apostrophe) : doc.to_raw(apostrophe + 1)] == "\u00e2\u20ac\u2122"
    # "café" comes back as a word, spanning the two-character "Ã©" in the file.
    assert doc.raw[slice(*span(doc, "caf\u00e9"))] == "caf\u00c3\u00a9"
    assert doc.to_raw(len(doc.text)) == len(doc.raw)


def test_double_mojibake_and_nbsp_turned_space_are_repaired() -> None:
    doc = load_text(f"{mojibake(mojibake(APOS))} one, voil\u00c3  Kabul")
    assert doc.text == f"{APOS} one, voil\u00e0 Kabul"
    assert doc.raw[slice(*span(doc, "Kabul"))] == "Kabul"
    assert doc.raw[slice(*span(doc, "one"))] == "one"


def test_cp1252_read_as_latin1_is_repaired_in_place() -> None:
    doc = load_text("It\x92s a \x93quote\x94 from Kabul")
    assert doc.text == f"It{APOS}s a {LQ}quote{RQ} from Kabul"
    assert doc.shifts == ()
    assert doc.raw[slice(*span(doc, "Kabul"))] == "Kabul"


def test_clean_text_is_left_alone() -> None:
    clean = f"Caf\u00e9 in Z\u00fcrich {DASH} {LQ}na\u00efve{RQ} \u00a35, \u00c0 Paris, Se\u00f1or"
    doc = load_text(clean)
    assert doc.text is doc.raw
    assert doc.shifts == ()


# --- front matter -----------------------------------------------------------------------------

FRONT_MATTER = """---
title: Taliban seek lion's share
source: wire/a.txt
sources:
  - wire/a.txt
  - wire/b.txt
---
The Taliban are seeking the lion's share.
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_front_matter_is_parsed_and_blanked(tmp_path: Path, newline: str) -> None:
    story = FRONT_MATTER.replace("\n", newline)
    doc = load(write(tmp_path, story.encode(), "story.md"))
    assert doc.front_matter["source"] == "wire/a.txt"
    assert doc.front_matter["sources"] == ["wire/a.txt", "wire/b.txt"]
    assert doc.raw == story
    assert len(doc.text) == len(doc.raw)
    body = doc.raw.index("The Taliban")
    assert set(doc.text[:body]) <= {" ", "\r", "\n"}
    # Line breaks stay where they are, each one a single "\n" in the matching text.
    assert [i for i, c in enumerate(doc.text) if c == "\n"] == [
        m.end() - 1 for m in re.finditer(r"\r\n|\r|\n", doc.raw)
    ]
    assert doc.text[body:] == doc.raw[body:].replace("\r\n", " \n")
    assert "wire/a.txt" not in doc.text
    assert doc.position(doc.text.index("Taliban")) == (8, 5)


def test_front_matter_may_close_with_dots_or_be_empty() -> None:
    assert load_text("---\nsource: wire/a.txt\n...\nBody").front_matter == {"source": "wire/a.txt"}
    doc = load_text("---\n---\nBody")
    assert doc.front_matter == {}
    assert doc.text == "   \n   \nBody"


def test_rule_lines_are_not_front_matter() -> None:
    unclosed = "---\nThe Taliban said.\n"
    assert load_text(unclosed).text == unclosed
    later = "Kabul\n---\nsource: x\n---\n"
    doc = load_text(later)
    assert doc.front_matter == {}
    assert doc.text is doc.raw


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        (
            "title: ok\nsource: wire: a.txt\n",
            "front matter: invalid YAML at line 3: mapping values are not allowed here",
        ),
        ("- wire/a.txt\n- wire/b.txt\n", "front matter: expected key: value pairs at line 2"),
        ("title: ok\ndate: 2021-13-45\n", "front matter: invalid YAML in lines 2-3: month must"),
        ("a: !!python/object/apply:os.system [ls]\n", "front matter: invalid YAML at line 2:"),
    ],
)
def test_broken_front_matter_names_the_line(tmp_path: Path, front: str, problem: str) -> None:
    path = write(tmp_path, f"---\n{front}---\nBody\n".encode(), "story.md")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.path == path
    assert caught.value.problem.startswith(problem)
    assert "\n" not in str(caught.value)


# --- errors -----------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(str(tmp_path / "nope.txt"))
    assert caught.value.problem == "no such file"
    assert str(caught.value) == f"{tmp_path / 'nope.txt'}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(str(tmp_path))
    assert caught.value.problem == "is a directory"


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    with pytest.raises(InputError) as caught:
        load(write(tmp_path, png, "photo.png"))
    assert caught.value.problem == "binary file (NUL bytes)"


def test_empty_file_is_an_empty_document(tmp_path: Path) -> None:
    doc = load(write(tmp_path, b""))
    assert (doc.raw, doc.text, doc.shifts, doc.line_starts) == ("", "", (), (0,))
    assert doc.front_matter == {}


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, b"x" * 30)
    with pytest.raises(InputError) as caught:
        load(path, max_bytes=10)
    problem = "file too large (30 bytes > 10 bytes limit; raise it with --max-file-size)"
    assert caught.value.problem == problem
    assert load(path, max_bytes=30).raw == "x" * 30


def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path, b"secret")
    os.chmod(path, 0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read any file (root)")
        with pytest.raises(InputError) as caught:
            load(path)
        assert caught.value.problem == "permission denied"
    finally:
        os.chmod(path, 0o644)


def test_unreadable_file_is_reported_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, b"secret")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(load_module, "open", refuse, raising=False)
    with pytest.raises(InputError) as caught:
        load(path)
    assert str(caught.value) == f"{path}: permission denied"


def test_path_is_kept_as_given_and_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = mojibake(FRONT_MATTER).encode()
    path = write(tmp_path, data, "story.md")
    before = os.stat(path).st_mtime_ns
    monkeypatch.chdir(tmp_path)
    assert load("./story.md").path == "./story.md"
    assert Path(path).read_bytes() == data
    assert os.stat(path).st_mtime_ns == before


def test_plain_story_imports_no_slow_dependency() -> None:
    code = (
        "import sys; from rewritelint.load import load_text; load_text('Kabul fell on Sunday.')\n"
        "print(sorted({'ftfy', 'yaml', 'charset_normalizer'} & set(sys.modules)))"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- properties -------------------------------------------------------------------------------


def check_offsets(doc: Document) -> None:
    """Invariants every Document must keep, whatever its content."""
    assert doc.to_raw(0) >= 0
    mapped = [doc.to_raw(i) for i in range(len(doc.text) + 1)]
    assert mapped == sorted(mapped)
    assert mapped[-1] == len(doc.raw)
    if not doc.shifts:
        assert len(doc.text) == len(doc.raw)
    assert doc.line_starts[0] == 0
    assert all(doc.raw[start - 1] in "\r\n" for start in doc.line_starts[1:])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_utf8_text_loads_unchanged_or_raises_input_error(text: str) -> None:
    try:
        doc = load_bytes(text.encode("utf-8"), "x")
    except InputError as error:
        assert "\x00" in text or error.problem.startswith("front matter"), error
        return
    check_offsets(doc)
    if "\x00" not in text:
        assert doc.raw == text.removeprefix("\ufeff")  # a leading U+FEFF is read as the BOM
        assert doc.encoding in ("utf-8", "utf-8-sig")


MOJIBAKE_ALPHABET = st.sampled_from(
    [*"Kabul said ok.\n", "\u00e9", "\u00fc", APOS, LQ, RQ, DASH, "\u00a3", "\u20ac", "\u00a0"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(MOJIBAKE_ALPHABET, max_size=60))
def test_repaired_mojibake_keeps_ascii_words_mapped_to_the_file(story: str) -> None:
    doc = load_text(mojibake(story))
    check_offsets(doc)
    for word in set(doc.text.split()):
        if word.isascii():
            start = 0
            while (start := doc.text.find(word, start)) >= 0:
                end = start + len(word)
                assert doc.raw[doc.to_raw(start) : doc.to_raw(end)] == word
                start = end


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_front_matter_loads_or_raises_input_error(front: str) -> None:
    story = f"---\n{front}\n---\nKabul fell."
    try:
        doc = load_text(story)
    except InputError as error:
        assert error.problem.startswith("front matter"), error
        return
    check_offsets(doc)
    assert doc.text.endswith("Kabul fell.")
