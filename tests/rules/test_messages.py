"""What users read: a golden snapshot of every built-in rule's findings on its own examples.

Each line is ``rule-id #example: rewrite text [<- reference text] | message``: the flagged
span, the span of the reference it is compared with, and the message exactly as printed.
A template that swaps ``{reference}`` and ``{rewrite}``, a message reworded, or a span that
moves shows up here as a diff. After a deliberate change, regenerate the file with
``REWRITELINT_UPDATE_GOLDEN=1 python -m pytest tests/rules/test_messages.py`` and review
the diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

from rewritelint.api import check_texts
from rewritelint.ruleset import RuleSet, load_ruleset

GOLDEN = Path(__file__).with_name("messages.golden")


def snapshot() -> str:
    lines = []
    for rule in load_ruleset().rules:
        for number, example in enumerate(rule.examples, 1):
            found = check_texts(example.reference, example.rewrite, rules=RuleSet((rule,)))
            for f in found:
                against = f" <- {f.reference.text!r}" if f.reference else ""
                lines.append(f"{rule.id} #{number}: {f.location.text!r}{against} | {f.message}")
    return "\n".join(lines) + "\n"


def test_every_rule_message_on_its_examples_matches_the_golden_file() -> None:
    current = snapshot()
    if os.environ.get("REWRITELINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(current, encoding="utf-8")
    assert current == GOLDEN.read_text(encoding="utf-8")


def test_the_golden_file_covers_every_rule() -> None:
    covered = {line.split(" #", 1)[0] for line in GOLDEN.read_text(encoding="utf-8").splitlines()}
    assert covered == {rule.id for rule in load_ruleset().rules}
