"""findings: every finding points at the flagged text of the file as the user sees it."""

from __future__ import annotations

from pathlib import Path

from rewritelint.api import check_paths

REFERENCE = (
    "“The Talibs have been emboldened,” said Khalilzad.\n"
    "They have captured nine provincial centers from government forces in six days.\n"
)
REWRITE = (
    "[ad_1]\n"
    "“The Talibs have been emboldened,” said Khalilzad – the envoy’s “view”.\n"
    "They’ve “captured” five provincial centers from government forces in six days.\n"
    "Source link\n"
)


def slice_file(
    path: Path, encoding: str, line: int, column: int, end_line: int, end_column: int
) -> str:
    """The text an editor shows between two 1-based (line, column) positions (a BOM is
    not shown: decode with utf-8-sig)."""
    lines = path.read_bytes().decode(encoding).splitlines(keepends=True)
    start = sum(len(x) for x in lines[: line - 1]) + column - 1
    end = sum(len(x) for x in lines[: end_line - 1]) + end_column - 1
    return "".join(lines)[start:end]


def check_positions(tmp_path: Path, encoding: str, newline: str) -> list:
    ref = tmp_path / "ref.txt"
    rew = tmp_path / "rew.txt"
    ref.write_bytes(REFERENCE.replace("\n", newline).encode(encoding))
    rew.write_bytes(REWRITE.replace("\n", newline).encode(encoding))
    findings = check_paths(ref, rew)
    assert {f.rule for f in findings} >= {"number-changed", "scraper-residue"}
    for f in findings:
        loc = f.location
        assert (
            slice_file(rew, encoding, loc.line, loc.column, loc.end_line, loc.end_column)
            == loc.text
        )
        if f.reference is not None:
            r = f.reference
            assert slice_file(ref, encoding, r.line, r.column, r.end_line, r.end_column) == r.text
    return findings


def test_positions_in_utf8_file_with_curly_quotes(tmp_path: Path) -> None:
    findings = check_positions(tmp_path, "utf-8", "\n")
    number = next(f for f in findings if f.rule == "number-changed")
    assert (number.location.line, number.location.column, number.location.text) == (3, 20, "five")
    assert (number.reference.line, number.reference.column, number.reference.text) == (
        2,
        20,
        "nine",
    )


def test_positions_with_windows_line_endings_and_bom(tmp_path: Path) -> None:
    findings = check_positions(tmp_path, "utf-8-sig", "\r\n")
    number = next(f for f in findings if f.rule == "number-changed")
    assert (number.location.line, number.location.column) == (3, 20)
    residue = [
        (f.location.line, f.location.column, f.location.text)
        for f in findings
        if f.rule == "scraper-residue"
    ]
    assert residue == [(1, 1, "[ad_1]"), (4, 1, "Source link")]


def test_positions_in_utf16_file(tmp_path: Path) -> None:
    findings = check_positions(tmp_path, "utf-16", "\n")
    assert any(f.rule == "number-changed" and f.location.line == 3 for f in findings)


def test_positions_after_repaired_mojibake(tmp_path: Path) -> None:
    """Mojibake is repaired for matching; positions still count the file's own characters."""
    ref = tmp_path / "ref.txt"
    rew = tmp_path / "rew.txt"
    ref.write_text("The Taliban’s envoy said nine provincial centers fell.\n", encoding="utf-8")
    rew.write_text("The Talibanâ€™s envoy said five provincial centers fell.\n", encoding="utf-8")
    (finding,) = check_paths(ref, rew)
    assert finding.rule == "number-changed"
    assert (finding.location.line, finding.location.column, finding.location.text) == (
        1,
        28,
        "five",
    )


def test_fingerprints_survive_moving_the_passage(tmp_path: Path) -> None:
    ref = tmp_path / "ref.txt"
    ref.write_text(
        "Officials met on Tuesday.\n\nThey captured nine provincial centers in six days.\n"
    )
    first = tmp_path / "a.txt"
    first.write_text(
        "Officials met on Tuesday.\n\nThey captured five provincial centers in six days.\n"
    )
    moved = tmp_path / "b.txt"
    moved.write_text(
        "They captured five provincial centers in six days.\n\nOfficials met on Tuesday.\n"
    )
    (a,) = check_paths(ref, first)
    (b,) = check_paths(ref, moved)
    assert a.location.line != b.location.line
    assert a.fingerprint == b.fingerprint
