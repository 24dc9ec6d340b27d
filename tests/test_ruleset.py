"""Rule files are validated when loaded: every problem is one ``path:line:col: problem`` line."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from rewritelint.api import check_texts
from rewritelint.errors import ConfigError, RuleFileError
from rewritelint.kinds import load_kinds
from rewritelint.ruleset import RuleSet, load_rule_file, load_ruleset, parse_rules

PATH = "pack.yaml"


def rule_error(source: str) -> RuleFileError:
    """The RuleFileError that parsing ``source`` (dedented) as ``pack.yaml`` raises."""
    with pytest.raises(RuleFileError) as info:
        parse_rules(textwrap.dedent(source), PATH)
    return info.value


def assert_error(source: str, line: int, column: int | None, *words: str) -> None:
    """The error is one line at ``pack.yaml:line[:column]:`` whose problem mentions ``words``."""
    error = rule_error(source)
    message = str(error)
    assert "\n" not in message, message
    where = f"{PATH}:{line}:" if column is None else f"{PATH}:{line}:{column}: "
    assert message.startswith(where), message
    assert (error.path, error.line) == (PATH, line), message
    for word in words:
        assert word in error.problem, message


# A valid pattern rule; the broken variants below each change one thing.
VALID = """\
rules:
  - id: desk-residue
    category: artifact
    severity: warning
    kind: pattern
    patterns: ['^Click here$']
    message: "residue: {match}"
"""


def kind_rule(kind: str, option: str) -> str:
    """A rule of ``kind`` whose one extra option line (line 6) is ``option``."""
    return f"""\
rules:
  - id: desk-rule
    category: number
    severity: error
    kind: {kind}
    {option}
    message: "{{reference}}"
"""


def test_the_valid_base_rule_loads() -> None:
    """The fixture the broken variants start from is itself valid."""
    (rule,) = parse_rules(VALID, PATH)
    assert (rule.id, rule.category, rule.severity, rule.kind.name) == (
        "desk-residue",
        "artifact",
        "warning",
        "pattern",
    )
    assert (rule.path, rule.line) == (PATH, 2)


def valid(old: str, new: str) -> str:
    """VALID with one thing changed (``old`` must be in it)."""
    assert old in VALID
    return VALID.replace(old, new)


PATTERNS = "    patterns: ['^Click here$']"
EXAMPLE = VALID + "    examples:\n      - rewrite: Click here\n"
# Each broken variant of VALID: (source, line, column or None, words the problem holds).
BROKEN = {
    "duplicate key": (VALID + '    message: "again"\n', 8, 5, ["duplicate key 'message'"]),
    "unknown key": (
        VALID + "    patern: ['x']\n",
        8,
        None,
        ["unknown key 'patern'", "did you mean 'patterns'?"],
    ),
    "misspelt key": (
        valid(PATTERNS, "    patern: ['^Click here$']"),
        6,
        None,
        ["'patern'", "'patterns'"],
    ),
    "misspelt common key": (
        VALID + "    exmaples: []\n",
        8,
        None,
        ["'exmaples'", "did you mean 'examples'?"],
    ),
    "patterns not a list": (
        valid(PATTERNS, "    patterns: 5"),
        6,
        15,
        ["'patterns' must be a list, not a whole number"],
    ),
    "ignorecase not a bool": (
        VALID + "    ignorecase: 'yes'\n",
        8,
        17,
        ["'ignorecase' must be true or false"],
    ),
    "unknown category": (
        valid("category: artifact", "category: artefact"),
        3,
        15,
        ["unknown category 'artefact'", "artifact"],
    ),
    "unknown severity": (
        valid("severity: warning", "severity: fatal"),
        4,
        15,
        ["unknown severity 'fatal'", "error, warning, info"],
    ),
    "unknown kind": (
        valid("kind: pattern", "kind: regexp"),
        5,
        11,
        ["unknown kind 'regexp'", ", ".join(sorted(load_kinds()))],
    ),
    "id not a string": (valid("id: desk-residue", "id: 5"), 2, 9, ["'id' must be a string"]),
    "placeholder the kind does not fill": (
        valid('message: "residue: {match}"', 'message: "{value}"'),
        7,
        14,
        ["{value}", "'pattern'", "{match}"],
    ),
    "invalid regex": (
        valid("patterns: ['^Click here$']", "patterns: ['(']"),
        6,
        16,
        ["invalid pattern '('"],
    ),
    "invalid regex in a block list": (
        valid(PATTERNS, "    patterns:\n      - 'ok'\n      - '(?P<x'"),
        8,
        9,
        ["invalid pattern '(?P<x'"],
    ),
    "example without rewrite": (
        VALID + "    examples:\n      - expect: ['Click here']\n",
        9,
        9,
        ["'rewrite'"],
    ),
    "example that is a string": (
        VALID + "    examples:\n      - rewrite: x\n      - Click here\n",
        10,
        9,
        ["'rewrite'"],
    ),
    "example with an unknown key": (
        EXAMPLE + "        expected: [x]\n",
        10,
        None,
        ["unknown example key 'expected'"],
    ),
    "expect not a list of texts": (EXAMPLE + "        expect: 5\n", 10, 17, ["'expect'"]),
}


@pytest.mark.parametrize(("source", "line", "column", "words"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_rule_is_one_error_at_its_line(
    source: str, line: int, column: int | None, words: list[str]
) -> None:
    assert_error(source, line, column, *words)


# --- YAML itself --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        ("rules:\n  - id: r\n    message: a: b\n", 3, 15),
        ("rules:\n  - id: a\n     category: b\n", 3, 14),
        ("rules:\n\t- id: x\n", 2, 1),
        ("rules:\n  - &a {id: x}\n  - *b\n", 3, 5),
    ],
    ids=["colon-in-value", "bad-indent", "tab", "undefined-alias"],
)
def test_yaml_syntax_error_names_the_line_of_the_problem(
    source: str, line: int, column: int
) -> None:
    assert_error(source, line, column, "invalid YAML")


def test_unterminated_quote_points_at_the_opening_quote() -> None:
    assert_error("rules:\n  - id: 'a\n  - id: b\n", 2, None, "invalid YAML")


def test_second_yaml_document_is_explained() -> None:
    assert_error("rules: []\n---\nrules: []\n", 2, 1, "single document")


@pytest.mark.parametrize(
    "source",
    ["- a\n- b\n", "foo: 1\n", "", "just text\n"],
    ids=["list", "no-rules-key", "empty", "scalar"],
)
def test_a_file_that_is_not_a_mapping_with_rules_is_refused(source: str) -> None:
    assert_error(source, 1, 1, "mapping", "'rules'")


def test_rules_must_be_a_list() -> None:
    assert_error("rules: 5\n", 1, 8, "'rules' must be a list")


def test_unknown_top_level_key() -> None:
    assert_error("rules: []\nextra: 1\n", 2, None, "unknown top-level key 'extra'")


def test_unknown_top_level_key_with_a_block_value_points_at_the_key() -> None:
    assert_error("rules: []\n\nextra:\n  - 1\n", 3, 1, "unknown top-level key 'extra'")


def test_duplicate_key_in_a_nested_mapping() -> None:
    source = """\
    rules:
      - id: my-eggcorns
        category: typo
        severity: warning
        kind: substitution
        swaps:
          "mute point": "moot point"
          "mute point": "moot points"
        message: "{match}"
    """
    assert_error(source, 8, 7, "duplicate key 'mute point'")


@pytest.mark.parametrize(
    ("template", "line", "column"),
    [
        ('rules: !!python/object/apply:os.system ["touch {marker}"]\n', 1, 8),
        ('rules:\n  - !!python/object/new:subprocess.call [["touch", "{marker}"]]\n', 2, 5),
    ],
    ids=["apply-os-system", "new-subprocess-call"],
)
def test_python_tags_are_rejected_and_never_executed(
    tmp_path: Path, template: str, line: int, column: int
) -> None:
    marker = tmp_path / "hacked"
    pack = tmp_path / "evil.yaml"
    pack.write_text(template.format(marker=marker), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(pack)
    assert str(info.value).startswith(f"{pack}:{line}:{column}: invalid YAML"), str(info.value)
    assert "python/object" in str(info.value)
    assert not marker.exists()


# --- rule entries -------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["id", "category", "severity", "kind", "message"])
def test_a_rule_missing_a_required_key(missing: str) -> None:
    source = VALID.replace("  - id: desk-residue\n    category:", "  - category:")
    if missing != "id":
        source = "".join(
            line
            for line in VALID.splitlines(keepends=True)
            if not line.startswith(f"    {missing}:")
        )
    # The rule mapping starts at line 2, column 5 (after "  - ").
    assert_error(source, 2, 5, f"missing the key '{missing}'")


def test_unknown_key_for_a_change_rule_suggests_tokens() -> None:
    source = kind_rule("change", "token: name")
    assert_error(source, 6, None, "unknown key 'token'", "did you mean 'tokens'?")


def test_swaps_must_be_a_mapping() -> None:
    source = kind_rule("substitution", "swaps: [a]")
    assert_error(source, 6, 12, "'swaps' must be a mapping, not a list")


@pytest.mark.parametrize("value", ['"x"', "true", "1.5"])
def test_min_words_must_be_an_integer(value: str) -> None:
    source = kind_rule("omission", f"min_words: {value}")
    assert_error(source, 6, 16, "'min_words' must be a whole number, not ")


@pytest.mark.parametrize(
    "rule_id", ["Desk-Residue", "desk_residue", "desk--residue", "-desk", "7up"]
)
def test_rule_id_must_be_kebab_case(rule_id: str) -> None:
    assert_error(VALID.replace("id: desk-residue", f"id: {rule_id}"), 2, 9, "kebab-case")


def test_a_rule_that_is_not_a_mapping_points_at_the_entry() -> None:
    assert_error("rules:\n  - desk-residue\n", 2, 5, "must be a mapping")


@pytest.mark.parametrize("message", ["a } b", "{match"])
def test_malformed_message_template(message: str) -> None:
    source = VALID.replace('message: "residue: {match}"', f'message: "{message}"')
    assert_error(source, 7, 14, "bad message template")


@pytest.mark.parametrize("message", ["{match!x}", "{match:d}"])
def test_message_format_that_cannot_be_filled_is_refused_at_load(message: str) -> None:
    source = VALID.replace('message: "residue: {match}"', f'message: "{message}"')
    assert_error(source, 7, 14, "message")


# --- examples -----------------------------------------------------------------------------------


CHANGE = """\
rules:
  - id: count-drift
    category: number
    severity: error
    kind: change
    message: "{reference} -> {rewrite}"
    examples:
      - rewrite: "They captured five capitals."
        expect: [five]
"""


def test_a_cross_version_example_needs_a_reference() -> None:
    assert_error(CHANGE, 8, 9, "cross-version", "'reference'")


def test_an_example_reference_must_be_text() -> None:
    source = CHANGE.replace(
        '      - rewrite: "They captured five capitals."',
        '      - reference: 5\n        rewrite: "They captured five capitals."',
    )
    assert_error(source, 8, None, "'reference'")


def test_a_cross_version_example_with_a_reference_loads() -> None:
    source = CHANGE.replace(
        '      - rewrite: "They captured five capitals."',
        '      - reference: "They captured nine capitals."\n'
        '        rewrite: "They captured five capitals."',
    )
    (rule,) = parse_rules(source, PATH)
    assert rule.examples[0].reference == "They captured nine capitals."
    assert rule.examples[0].expect == ("five",)


# --- files and rule sets ------------------------------------------------------------------------


def test_a_missing_rule_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert str(info.value) == f"{path}: no such rule file"


def test_duplicate_rule_id_across_two_files_names_the_first(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    first.write_text(VALID, encoding="utf-8")
    second.write_text(
        "# another desk's pack\n" + VALID.replace("'^Click here$'", "'^Subscribe$'"),
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as info:
        load_ruleset([first, second], builtin=False)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{second}:3:"), message
    assert "duplicate rule id 'desk-residue'" in message
    assert f"first defined at {first}:2" in message


def test_a_user_rule_cannot_reuse_a_builtin_id(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(VALID.replace("desk-residue", "number-changed"), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_ruleset([pack])
    assert str(info.value).startswith(f"{pack}:2:")
    assert "number.yaml:" in str(info.value)


def test_builtin_packs_load_with_unique_documented_and_exemplified_rules() -> None:
    rules = load_ruleset().rules
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    assert {"number-changed", "scraper-residue", "eggcorn"} <= set(ids)
    for rule in rules:
        assert rule.doc.strip(), rule.id
        assert any(e.expect for e in rule.examples), f"{rule.id}: no firing example"
        assert any(not e.expect for e in rule.examples), f"{rule.id}: no non-firing example"


def test_a_user_pack_is_added_after_the_builtins(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(VALID, encoding="utf-8")
    ids = [r.id for r in load_ruleset([pack]).rules]
    assert ids[-1] == "desk-residue"
    assert "number-changed" in ids


def test_select_by_id_and_by_category() -> None:
    ruleset = load_ruleset()
    assert [r.id for r in ruleset.select(["eggcorn"]).rules] == ["eggcorn"]
    assert [r.id for r in ruleset.select(["number"]).rules] == [
        r.id for r in ruleset.rules if r.category == "number"
    ]
    kept = [r.id for r in ruleset.select([], ["artifact", "eggcorn"]).rules]
    assert "scraper-residue" not in kept and "eggcorn" not in kept
    assert "number-changed" in kept


@pytest.mark.parametrize(("select", "ignore"), [(["numbr-changed"], []), ([], ["numbr-changed"])])
def test_select_of_an_unknown_id_suggests_the_known_one(
    select: list[str], ignore: list[str]
) -> None:
    with pytest.raises(ConfigError) as info:
        load_ruleset().select(select, ignore)
    assert str(info.value) == (
        "unknown rule or category 'numbr-changed' (did you mean 'number-changed'?)"
    )


def test_with_severities_overrides_by_id_and_category() -> None:
    ruleset = load_ruleset().with_severities({"typo": "error", "number-changed": "info"})
    assert ruleset.get("eggcorn").severity == "error"  # type: ignore[union-attr]
    assert ruleset.get("number-changed").severity == "info"  # type: ignore[union-attr]
    assert ruleset.get("scraper-residue").severity == "warning"  # type: ignore[union-attr]


def test_with_severities_refuses_an_unknown_severity() -> None:
    with pytest.raises(ConfigError, match="severity for 'typo' must be one of"):
        load_ruleset().with_severities({"typo": "fatal"})


def test_a_catastrophic_user_pattern_cannot_hang_a_run() -> None:
    source = VALID.replace("patterns: ['^Click here$']", "patterns: ['(a+)+$']")
    (rule,) = parse_rules(source, PATH)
    started = time.perf_counter()
    try:
        findings = check_texts(None, "a" * 5000 + "!", rules=RuleSet((rule,)))
    except RuleFileError as error:
        assert "desk-residue" in str(error)
    else:
        assert findings == []
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(("min_length", "expected"), [(5, []), (4, ["Bidn"])])
def test_near_miss_min_length_is_the_shortest_name_checked(
    min_length: int, expected: list[str]
) -> None:
    # "Bidn" has 4 letters: the built-in 5 skips it, a desk's 4 catches it.
    from rewritelint.api import check_texts
    from rewritelint.ruleset import RuleSet

    pack = f"""\
rules:
  - id: short-names
    category: name
    severity: error
    kind: near-miss
    min_length: {min_length}
    message: "name spelt '{{rewrite}}', elsewhere '{{reference}}'"
"""
    rules = RuleSet(tuple(parse_rules(pack)))
    found = check_texts(
        "President Joe Biden met Putin in Geneva on Tuesday.",
        "President Joe Bidn met Putin in Geneva on Tuesday.",
        rules=rules,
    )
    assert [f.location.text for f in found] == expected
    assert [f.message for f in found] == [f"name spelt '{t}', elsewhere 'Biden'" for t in expected]


# --- every kind's options are checked against its declared schema -------------------------------


@pytest.mark.parametrize(
    ("kind", "option", "problem"),
    [
        ("attribution", "mode: removed", "'mode' must be one of changed, dropped, not 'removed'"),
        ("change", "tokens: [number, numbr]", "'tokens' must be one of number, year,"),
        (
            "change",
            "unless: [moving]",
            "'unless' must be one of moved, near-miss, same-entity, not 'moving'",
        ),
        ("change", "max_words: many", "'max_words' must be a whole number, not a string"),
        ("unmatched", "tokens: {number: 1}", "'tokens' must be a list, not a mapping"),
        ("cue", "direction: sideways", "'direction' must be one of both, added, dropped"),
        ("cue", "tokens: adverb", "'tokens' must be one of number,"),
        ("cue", "max_words: 2.5", "'max_words' must be a whole number, not a number"),
        ("omission", "min_words: -1", "'min_words' must be 0 or more"),
        ("flip", "pairs: [[confirmed]]", "each pair must be a list of two words"),
        ("substitution", "swaps: {}", "'swaps' is empty"),
        ("near-miss", "min_length: short", "'min_length' must be a whole number, not a string"),
        ("spelling", "min_length: true", "'min_length' must be a whole number, not true or false"),
        ("unquoted", "min_words: [3]", "'min_words' must be a whole number, not a list"),
    ],
)
def test_a_kind_option_outside_its_schema_is_one_error_at_its_line(
    kind: str, option: str, problem: str
) -> None:
    assert_error(kind_rule(kind, option), 6, None, problem)


def test_a_single_token_class_is_a_list_of_one() -> None:
    (rule,) = parse_rules(kind_rule("change", "tokens: year"), PATH)
    assert rule.kind.tokens == ("year",)


def test_a_pattern_that_is_not_a_string_is_named_in_yaml_words() -> None:
    # Was "each of 'patterns' must be a string, not _MarkedList" (our own list subclass).
    source = VALID.replace("patterns: ['^Click here$']", "patterns: [['^Click here$']]")
    assert_error(source, 6, 16, "each of 'patterns' must be a string, not a list")
    assert "_Marked" not in str(rule_error(source))
