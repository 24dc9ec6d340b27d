"""Rule documentation and self-tests: what ``rewritelint rules`` prints and checks.

Every rule carries its documentation and examples in its YAML (the way LanguageTool
rules carry ``<example>`` sentences), so a pack documents and tests itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from rewritelint.model import Example, Rule
from rewritelint.ruleset import RuleSet


def run_example(rule: Rule, example: Example) -> list[str]:
    """The rewrite texts this rule flags on one example."""
    from rewritelint.api import check_texts

    findings = check_texts(example.reference, example.rewrite, rules=RuleSet((rule,)))
    return [f.location.text for f in findings]


def test_rule(rule: Rule) -> Iterator[str]:
    """Yield one problem per example whose findings differ from its ``expect``."""
    for number, example in enumerate(rule.examples, 1):
        flagged = run_example(rule, example)
        if sorted(flagged) != sorted(example.expect):
            yield f"example {number}: expected {list(example.expect)}, flagged {flagged}"


def _as_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": rule.severity,
        "kind": rule.kind.name,
        "summary": rule.summary,
        "message": rule.message,
        "doc": rule.doc.strip(),
        "examples": [
            {"reference": e.reference, "rewrite": e.rewrite, "expect": list(e.expect)}
            for e in rule.examples
        ],
        "source": f"{rule.path}:{rule.line}",
    }


def render_list(ruleset: RuleSet, out: TextIO, output_format: str = "text") -> None:
    """One line per rule: id, category, severity and summary."""
    if output_format == "json":
        json.dump([_as_dict(r) for r in ruleset.rules], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = max((len(r.id) for r in ruleset.rules), default=0)
    for rule in ruleset.rules:
        out.write(f"{rule.id:<{width}}  {rule.category:<11} {rule.severity:<7}  {rule.summary}\n")


def render_rule(rule: Rule, out: TextIO, output_format: str = "text") -> None:
    """``# id (category, severity)``, the kind, the documentation and the first example."""
    if output_format == "json":
        json.dump(_as_dict(rule), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    out.write(f"# {rule.id} ({rule.category}, {rule.severity})\n\n")
    out.write(f"Kind: {rule.kind.name} — {rule.kind.summary}\n")
    out.write(f"Message: {rule.message}\n")
    out.write(f"Defined in: {rule.path}:{rule.line}\n\n")
    out.write(rule.doc.strip() + "\n")
    firing = next((e for e in rule.examples if e.expect), None)
    if firing is not None:
        out.write("\n## Example\n\n")
        if firing.reference is not None:
            out.write(f"  reference: {firing.reference}\n")
        out.write(f"  rewrite:   {firing.rewrite}\n")
        out.write(f"  flags:     {', '.join(repr(e) for e in firing.expect)}\n")
