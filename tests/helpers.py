"""Shared test helpers: the seeds folder, the corpus (read at run time, never copied), a harness."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path(os.environ.get("REWRITELINT_CORPUS", ROOT.parent / "shared" / "corpus"))


def corpus_articles(name: str = "basil_triplets") -> list[dict]:
    """Articles of a corpus set, or skip the test with the reason when it is absent."""
    path = CORPUS / name / "articles.jsonl"
    if not path.exists():
        pytest.skip(f"corpus not found at {path} (set REWRITELINT_CORPUS to ../shared/corpus)")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def findings_for(reference: str | None, rewrite: str, *rule_ids: str):
    """Findings of the built-in rules (or only ``rule_ids``) on two literal texts."""
    from rewritelint.api import check_texts
    from rewritelint.ruleset import load_ruleset

    rules = load_ruleset()
    if rule_ids:
        rules = rules.select(rule_ids)
    ref = textwrap.dedent(reference).strip() if reference is not None else None
    return check_texts(ref, textwrap.dedent(rewrite).strip(), rules=rules)


def assert_findings(reference: str | None, rewrite: str, *expected: tuple[str, str]) -> None:
    """Assert the exact (rule id, flagged text) pairs; on failure show what was found."""
    found = findings_for(reference, rewrite)
    actual = sorted((f.rule, f.location.text) for f in found)
    assert actual == sorted(expected), "\n".join(
        ["reference:", str(reference), "rewrite:", rewrite, "found:"]
        + [f"  {f.rule} {f.location.text!r}: {f.message}" for f in found]
    )


EXE = shutil.which("rewritelint", path=str(Path(sys.executable).parent)) or shutil.which(
    "rewritelint"
)
"""The installed console script (the venv's, when pytest runs from one)."""


def run(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, run from ``cwd`` (config is found from there upwards)."""
    assert EXE is not None, "the rewritelint console script is not installed"
    return subprocess.run(
        [EXE, *map(str, args)], capture_output=True, text=True, check=False, cwd=cwd
    )


def write(path: Path, text: str) -> Path:
    """Write a UTF-8 fixture file, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
