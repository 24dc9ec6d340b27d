"""Shared test helpers: the seeds folder, the corpus (read at run time, never copied), a harness."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from rewritelint.model import Excerpt, Finding, Location, Severity
from rewritelint.report import Report, StoryReport, Tally
from rewritelint.story import Story, Version

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


def run(
    cwd: Path, *args: str | Path, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed console script, run from ``cwd`` (config is found from there upwards);
    past ``timeout`` seconds, ``subprocess.TimeoutExpired``."""
    assert EXE is not None, "the rewritelint console script is not installed"
    return subprocess.run(
        [EXE, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=timeout,
    )


def timed_run(
    cwd: Path, *args: str | Path, timeout: float
) -> tuple[subprocess.CompletedProcess[str], float]:
    """``run`` with a time limit, and the seconds it took; a traceback fails the test."""
    started = time.monotonic()
    result = run(cwd, *args, timeout=timeout)
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr
    return result, elapsed


def command(
    cwd: Path, env: dict[str, str], *argv: str | Path, timeout: float
) -> subprocess.CompletedProcess[str]:
    """Any program, run from ``cwd`` in exactly ``env``, its text output captured."""
    argv_text = [*map(str, argv)]
    return subprocess.run(
        argv_text, cwd=cwd, env=env, timeout=timeout, capture_output=True, text=True
    )


def write(path: Path, text: str | bytes) -> Path:
    """Write a fixture file, creating its folders: text as UTF-8, bytes as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- texts and findings several test modules share -----------------------------------------------

BIDEN_WIRE = (
    "They have captured nine provincial centers from government forces in six days.\n"
    "\n"
    "US President Joe Biden said Tuesday he did not regret his decision.\n"
)
"""A wire story of two passages: nine centers (line 1), Biden on Tuesday (line 3)."""

AP_WIRE = (
    "KABUL (AP) - Insurgents captured nine provincial capitals in six days.\n"
    "\n"
    "The envoy arrived in Doha on Tuesday and met 12 delegates.\n"
    "\n"
    "Officials said 300 families fled the fighting.\n"
)
"""A short wire story of three passages (the CLI and hostile-input tests' reference)."""
AP_CHANGED = AP_WIRE.replace("nine", "five")
"""Against AP_WIRE: exactly one finding, number-changed nine -> five at 1:34."""

FINDING_KEYS = [
    "rule",
    "category",
    "severity",
    "message",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
    "reference",
    "fingerprint",
]
"""A JSON finding's keys, in the contract's order."""
REFERENCE_KEYS = ["path", "line", "column", "end_line", "end_column", "text"]
"""A JSON finding's reference keys, in the contract's order."""

REWRITE_PASSAGE = "Insurgents captured five of the country’s 34 provincial capitals in a week."
WIRE_PASSAGE = "They have captured nine provincial centers from government forces in six days."


def finding(
    rule: str,
    category: str,
    severity: Severity,
    message: str,
    location: Location,
    reference: Location | None = None,
    fingerprint: str = "0123456789abcdef0123",
    **excerpts: Excerpt | None,
) -> Finding:
    """A finding built field by field, positionally; the fingerprint rarely matters."""
    return Finding(rule, category, severity, message, location, reference, fingerprint, **excerpts)


def number_changed(
    path: str = "stories/kabul.txt",
    wire: str = "wire/ap.txt",
    *,
    passage: str | None = REWRITE_PASSAGE,
    wire_passage: str | None = WIRE_PASSAGE,
    **changes: Any,
) -> Finding:
    """A number-changed finding (nine -> five, 5:21 against 10:151) with its two excerpts;
    a passage of None leaves that excerpt out, and ``changes`` replace any other field."""
    found = Finding(
        rule="number-changed",
        category="number",
        severity="error",
        message="number changed: nine -> five",
        location=Location(path, 5, 21, 5, 25, "five", 120, 124),
        reference=Location(wire, 10, 151, 10, 155, "nine", 900, 904),
        fingerprint="0123456789abcdef0123",
        excerpt=None if passage is None else Excerpt(passage, ((20, 24),)),
        reference_excerpt=None if wire_passage is None else Excerpt(wire_passage, ((19, 23),)),
    )
    return replace(found, **changes)


def report_of(findings: list[Finding], paths: tuple[str, ...]) -> Report:
    """A report of one story: ``paths[0]`` the wire (nine), the others its rewrites (five)."""
    versions = tuple(Version(p, 1.0 if k == 0 else 0.5) for k, p in enumerate(paths))
    story = Story("story-1", versions, "wire credit (AP)")
    tally = Tally(paths[0], 10, (("nine", (paths[0],)), ("five", paths[1:])))
    return Report([StoryReport(story, tuple(findings), (tally,))], files=len(paths))
