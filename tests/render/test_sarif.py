"""`check --format sarif`: a SARIF 2.1.0 log that the official OASIS schema accepts.

The schema is read at run time from ../shared/schemas (never copied into the repository);
these tests skip, saying so, when it is absent.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import jsonschema
import pytest
from helpers import ROOT, run, write

from rewritelint import __version__
from rewritelint.findings import Summary
from rewritelint.model import Finding, Location
from rewritelint.render import sarif
from rewritelint.ruleset import load_ruleset

SCHEMA_PATH = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
REWRITE = "seeds/004_aa7a28f18c50d0f7.txt"
REFERENCE = "seeds/003_380c5302f4e8ce27.txt"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# RFC 3986, enough to hold URIs to the schema's "uri" / "uri-reference" formats (jsonschema
# checks neither without optional packages): only URI characters and %XX escapes, and a
# relative reference whose first segment has no ":" (else it would read as a scheme).
_URI_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})"
_URI = re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]*:{_URI_CHAR}*(?:#{_URI_CHAR}*)?")
_RELATIVE_REF = re.compile(rf"(?![^/?#]*:){_URI_CHAR}*(?:#{_URI_CHAR}*)?")


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


def _is_uri_reference(value: object) -> bool:
    return not isinstance(value, str) or bool(
        _URI.fullmatch(value) or _RELATIVE_REF.fullmatch(value)
    )


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator, "the OASIS SARIF schema is JSON Schema draft-04"
    cls.check_schema(schema)
    formats = jsonschema.FormatChecker()
    formats.checks("uri")(_is_uri)
    formats.checks("uri-reference")(_is_uri_reference)
    return cls(schema, format_checker=formats)


@pytest.fixture
def validator() -> jsonschema.protocols.Validator:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"SARIF schema not found at {SCHEMA_PATH} (it is read from ../shared/schemas)")
    return _validator()


def assert_valid(validator: jsonschema.protocols.Validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]
    )


@pytest.fixture(scope="module")
def seed_run():
    return run(ROOT, "check", REWRITE, "--against", REFERENCE, "--format", "sarif")


@pytest.fixture(scope="module")
def seed_log(seed_run) -> dict:
    return json.loads(seed_run.stdout)


def results_of(log: dict, rule: str) -> list[dict]:
    return [r for r in log["runs"][0]["results"] if r["ruleId"] == rule]


def test_seed_log_validates_against_the_official_schema(validator, seed_run, seed_log) -> None:
    assert seed_run.returncode == 1, seed_run.stderr
    assert seed_log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert seed_log["version"] == "2.1.0"
    assert len(seed_log["runs"]) == 1
    assert seed_log["runs"][0]["columnKind"] == "unicodeCodePoints"
    assert len(seed_log["runs"][0]["results"]) > 10
    assert_valid(validator, seed_log)


def test_validation_really_runs(validator, seed_log) -> None:
    """The schema rejects broken logs, so a passing validation above means something."""
    no_message = copy.deepcopy(seed_log)
    del no_message["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError, match="'message' is a required property"):
        validator.validate(no_message)

    column_zero = copy.deepcopy(seed_log)
    region = column_zero["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    region["startColumn"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(column_zero)

    bad_uri = copy.deepcopy(seed_log)
    location = bad_uri["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    location["artifactLocation"]["uri"] = "stories/a b.txt"
    with pytest.raises(jsonschema.ValidationError, match="uri-reference"):
        validator.validate(bad_uri)


def test_number_changed_result(seed_log) -> None:
    (result,) = results_of(seed_log, "number-changed")
    assert result["level"] == "error"
    assert result["message"]["text"] == "number changed: nine -> five"
    (location,) = result["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == REWRITE
    assert location["physicalLocation"]["region"] == {
        "startLine": 5,
        "startColumn": 21,
        "endLine": 5,
        "endColumn": 25,
        "snippet": {"text": "five"},
    }
    (related,) = result["relatedLocations"]
    assert related["id"] == 1
    assert related["message"] == {"text": "reference"}
    assert related["physicalLocation"]["artifactLocation"]["uri"] == REFERENCE
    ref_region = related["physicalLocation"]["region"]
    assert (ref_region["startLine"], ref_region["startColumn"]) == (10, 151)
    assert ref_region["snippet"] == {"text": "nine"}
    assert len(result["partialFingerprints"]["rewritelint/v1"]) >= 16
    assert result["properties"] == {"category": "number"}


def test_single_version_results_have_no_related_location(seed_log) -> None:
    residue = results_of(seed_log, "scraper-residue")
    assert [
        r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in residue
    ] == [
        "[ad_1]",
        "[ad_2]",
        "Source link",
    ]
    assert all(r["level"] == "warning" and "relatedLocations" not in r for r in residue)


def test_every_result_points_at_its_rule(seed_log) -> None:
    rules = seed_log["runs"][0]["tool"]["driver"]["rules"]
    for result in seed_log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == rules[result["ruleIndex"]]["defaultConfiguration"]["level"]
    fingerprints = [
        r["partialFingerprints"]["rewritelint/v1"] for r in seed_log["runs"][0]["results"]
    ]
    assert len(set(fingerprints)) == len(fingerprints)


def test_the_driver_lists_every_builtin_rule_with_its_doc(seed_log) -> None:
    driver = seed_log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "rewritelint"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    by_id = {d["id"]: d for d in driver["rules"]}
    builtin = load_ruleset().rules
    assert [d["id"] for d in driver["rules"]] == [r.id for r in builtin]
    for rule in builtin:
        descriptor = by_id[rule.id]
        assert rule.doc.strip(), rule.id
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["help"]["text"] == rule.doc.strip()
        assert descriptor["help"]["markdown"] == rule.doc.strip()
        first_paragraph = " ".join(rule.doc.strip().split("\n\n")[0].split())
        assert descriptor["fullDescription"]["text"] == first_paragraph
        assert descriptor["defaultConfiguration"]["level"] == LEVELS[rule.severity]
        assert descriptor["properties"]["category"] == rule.category
        assert descriptor["properties"]["tags"] == [rule.category]
    assert by_id["number-changed"]["name"] == "NumberChanged"
    assert by_id["number-changed"]["properties"]["kind"] == "change"
    assert by_id["passage-omitted"]["defaultConfiguration"]["level"] == "note"


def test_selected_rules_only_and_indices_still_match(validator) -> None:
    done = run(
        ROOT, "check", REWRITE, "--against", REFERENCE, "--format", "sarif", "--select", "artifact"
    )
    assert done.returncode == 0, done.stderr  # warnings only: below the default fail level
    log = json.loads(done.stdout)
    assert_valid(validator, log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {d["properties"]["category"] for d in rules} == {"artifact"}
    assert log["runs"][0]["results"]
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_output_is_byte_identical_across_runs(seed_run) -> None:
    again = run(ROOT, "check", REWRITE, "--against", REFERENCE, "--format", "sarif")
    assert again.stdout == seed_run.stdout
    assert seed_run.stdout.endswith("}\n")
    assert "\\u" not in seed_run.stdout  # non-ASCII written as is
    assert "’" in seed_run.stdout


def test_space_and_unicode_in_a_file_name_give_a_valid_uri(validator, tmp_path: Path) -> None:
    write(
        tmp_path / "Kaboul été" / "récit #1.txt", "[ad_1]\nLes talibans ont pris cinq capitales.\n"
    )
    done = run(tmp_path, "check", "Kaboul été/récit #1.txt", "--format", "sarif")
    assert done.returncode == 0, done.stderr
    log = json.loads(done.stdout)
    assert_valid(validator, log)
    (result,) = results_of(log, "scraper-residue")
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "Kaboul%20%C3%A9t%C3%A9/r%C3%A9cit%20%231.txt"
    assert unquote(uri) == "Kaboul été/récit #1.txt"


def test_an_absolute_path_becomes_a_file_uri(validator, tmp_path: Path) -> None:
    story = write(tmp_path / "a b" / "story.txt", "Source link\n")
    done = run(tmp_path, "check", story, "--format", "sarif")
    log = json.loads(done.stdout)
    assert_valid(validator, log)
    (result,) = results_of(log, "scraper-residue")
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    parts = urlsplit(uri)
    assert parts.scheme == "file"
    assert unquote(parts.path) == story.as_posix()


def test_a_zero_width_omission_is_a_valid_insertion_point(validator, seed_log) -> None:
    omitted = results_of(seed_log, "passage-omitted")
    assert omitted
    zero_width = [
        r["locations"][0]["physicalLocation"]["region"]
        for r in omitted
        if r["locations"][0]["physicalLocation"]["region"]["startColumn"] == 236
    ]
    assert zero_width == [{"startLine": 3, "startColumn": 236, "endLine": 3, "endColumn": 236}]
    assert all(r["level"] == "note" for r in omitted)
    assert all(
        r["relatedLocations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in omitted
    )
    only = copy.deepcopy(seed_log)
    only["runs"][0]["results"] = omitted
    assert_valid(validator, only)


def _finding(location: Location) -> Finding:
    return Finding(
        rule="passage-omitted",
        category="omission",
        severity="info",
        message="1 reference passage(s) left out (5 words): The talks resume next week.",
        location=location,
        reference=Location("wire.txt", 2, 1, 2, 28, "The talks resume next week.", 40, 67),
        fingerprint="0123456789abcdef0123",
    )


def test_a_degenerate_region_is_made_valid(validator) -> None:
    """Whatever a location holds, the region keeps 1 <= startColumn <= endColumn."""
    rules = load_ruleset().select(["passage-omitted"]).rules
    findings = [
        _finding(Location("story.txt", 1, 1, 1, 1, "", 0, 0)),
        _finding(Location("story.txt", 3, 0, 3, 0, "", 10, 10)),
    ]
    out = io.StringIO()
    sarif.render(findings, Summary(1, 2, {"info": 2}), out, rules=rules, tool_version="0.0")
    log = json.loads(out.getvalue())
    assert_valid(validator, log)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert regions == [
        {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
        {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 1},
    ]
    assert [r["ruleIndex"] for r in log["runs"][0]["results"]] == [0, 0]


def test_no_findings_is_a_valid_empty_run(validator, tmp_path: Path) -> None:
    write(tmp_path / "clean.txt", "The envoy arrived in Doha on Tuesday.\n")
    done = run(tmp_path, "check", "clean.txt", "--format", "sarif")
    assert done.returncode == 0, done.stderr
    log = json.loads(done.stdout)
    assert log["runs"][0]["results"] == []
    assert_valid(validator, log)


# --- untrusted text: a valid log whatever a story or a file name holds ------------------------

HOSTILE_PATHS = [
    "evil\n::error::x.txt",  # a line break and a workflow command
    "a:b/c.txt",  # ":" in the first segment would read as a URI scheme
    "x.txt:1:1: error %0A,b:c\x1b[31m\u202e.txt",
    "bad\udcff\udc80.txt",  # undecodable bytes (surrogateescape)
    "/abs/évil\n\udcff.txt",
]


def _hostile(path: str, text: str) -> Finding:
    return Finding(
        rule="quote-altered",
        category="quote",
        severity="error",
        message=f"quotation altered: {text}",
        location=Location(path, 1, 1, 1, 5, text, 0, 4),
        reference=Location(path + ".wire", 2, 1, 2, 5, text, 0, 4),
        fingerprint="0123456789abcdef0123",
    )


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_names_and_text_give_a_valid_log(validator, path: str) -> None:
    text = "\x00\x1b]8;;https://evil/\x07x\x1b]8;;\x07 \x9b\u202e\u2028\udcff ##[error]f </script>"
    rules = load_ruleset().select(["quote-altered"]).rules
    out = io.StringIO()
    sarif.render(
        [_hostile(path, text)], Summary(1, 1, {"error": 1}), out, rules=rules, tool_version="0"
    )
    output = out.getvalue()
    output.encode("utf-8")  # strict: no raw lone surrogate
    assert [c for c in output if c != "\n" and unicodedata.category(c)[0] == "C"] == []
    assert "##[" not in output  # the Actions runner would run it from a CI log
    log = json.loads(output)
    assert_valid(validator, log)
    (result,) = log["runs"][0]["results"]
    assert result["message"]["text"] == f"quotation altered: {text}"  # nothing lost
    location = result["locations"][0]["physicalLocation"]
    assert location["region"]["snippet"]["text"] == text
    uri = location["artifactLocation"]["uri"]
    parts = urlsplit(uri)
    original = unquote_to_bytes(parts.path if parts.scheme == "file" else uri)
    assert original == os.fsencode(path)  # the name's own bytes, percent-encoded
