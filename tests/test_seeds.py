"""Golden end-to-end tests: the installed CLI on the seed stories (seeds/expected.yaml)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml
from helpers import ROOT, SEEDS

FACTUAL = {"number", "name", "date", "quote", "negation"}
EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))["comparisons"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script (fall back to ``python -m`` in a bare checkout),
    as on a 120-column terminal (pytest sets COLUMNS=80 for its children)."""
    exe = shutil.which("rewritelint")
    command = [exe] if exe else [sys.executable, "-m", "rewritelint"]
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, check=False, cwd=ROOT, env=env
    )


@pytest.mark.parametrize(
    "case", EXPECTED, ids=lambda c: f"{c['rewrite'][:3]}-vs-{str(c['reference'])[:3]}"
)
def test_seed_comparison(case: dict) -> None:
    args = ["check", f"seeds/{case['rewrite']}", "--format", "json"]
    if case["reference"]:
        args += ["--against", f"seeds/{case['reference']}"]
    result = run_cli(*args)
    assert result.returncode == case["exit_code"], result.stderr
    findings = json.loads(result.stdout)["findings"]
    found = {(f["rule"], f["line"], f["text"]) for f in findings}
    for want in case["must_find"]:
        assert (want["rule"], want["line"], want["text"]) in found, (want, sorted(found))
        if "reference_line" in want:
            match = next(
                f
                for f in findings
                if (f["rule"], f["line"], f["text"]) == (want["rule"], want["line"], want["text"])
            )
            assert match["reference"]["line"] == want["reference_line"]
            assert match["reference"]["text"] == want["reference_text"]
            assert match["reference"]["path"] == f"seeds/{case['reference'] or case['rewrite']}"
    listed = {(w["rule"], w["line"], w["text"]) for w in case["must_find"]}
    factual = {(f["rule"], f["line"], f["text"]) for f in findings if f["category"] in FACTUAL}
    assert factual <= listed, f"unexpected factual findings: {sorted(factual - listed)}"


def test_text_output_has_the_contract_lines() -> None:
    result = run_cli(
        "check",
        "seeds/004_aa7a28f18c50d0f7.txt",
        "--against",
        "seeds/003_380c5302f4e8ce27.txt",
        "--concise",
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "seeds/004_aa7a28f18c50d0f7.txt:5:21: error number-changed number changed: nine -> five"
        in lines
    )
    assert (
        "seeds/004_aa7a28f18c50d0f7.txt:1:1: warning scraper-residue scraper residue: [ad_1]"
        in lines
    )
    assert (
        "seeds/004_aa7a28f18c50d0f7.txt:26:1: warning scraper-residue scraper residue: Source link"
        in lines
    )
    assert lines[-1].startswith("Found ") and "1 error" in lines[-1]


def test_full_output_shows_both_passages_with_marks() -> None:
    result = run_cli(
        "check",
        "seeds/004_aa7a28f18c50d0f7.txt",
        "--against",
        "seeds/003_380c5302f4e8ce27.txt",
        "--full",
        "--select",
        "number",
    )
    assert result.stdout.splitlines()[:4] == [
        "seeds/004_aa7a28f18c50d0f7.txt:5:21: error number-changed number changed: nine -> five",
        "  reference seeds/003_380c5302f4e8ce27.txt:10:151",
        "  - They have captured [-nine-] provincial centers from government forces in six days.",
        "  + Insurgents captured {+five+} of the country’s 34 provincial capitals in less than a week.",
    ]


def test_json_output_is_byte_identical_across_runs() -> None:
    args = (
        "check",
        "seeds/004_aa7a28f18c50d0f7.txt",
        "--against",
        "seeds/003_380c5302f4e8ce27.txt",
        "--format",
        "json",
    )
    assert run_cli(*args).stdout == run_cli(*args).stdout
