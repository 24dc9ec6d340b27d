"""Every example of every built-in rule: packs document and test themselves."""

from __future__ import annotations

import pytest

from rewritelint.ruledoc import run_example
from rewritelint.ruleset import load_ruleset

RULES = load_ruleset().rules
CASES = [(rule, n, example) for rule in RULES for n, example in enumerate(rule.examples, 1)]


@pytest.mark.parametrize(
    ("rule", "number", "example"), CASES, ids=lambda v: getattr(v, "id", str(v))
)
def test_rule_example(rule, number, example) -> None:
    flagged = run_example(rule, example)
    assert sorted(flagged) == sorted(example.expect), (
        f"{rule.id} example {number}: reference={example.reference!r} rewrite={example.rewrite!r}"
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented_and_has_both_kinds_of_example(rule) -> None:
    assert rule.doc.strip(), f"{rule.id} has no doc"
    assert "Silence it" in rule.doc, f"{rule.id} doc does not say how to silence it"
    assert any(e.expect for e in rule.examples), f"{rule.id} has no example that fires"
    assert any(not e.expect for e in rule.examples), f"{rule.id} has no example that must not fire"
