"""The JSON output of every seed comparison validates against the package's own schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from helpers import SEEDS

from rewritelint.api import check_paths
from rewritelint.findings import summarise
from rewritelint.render import json as renderer

SCHEMA = json.loads(
    resources.files("rewritelint").joinpath("schemas/check.schema.json").read_text("utf-8")
)
PAIRS = [
    ("003_380c5302f4e8ce27.txt", "004_aa7a28f18c50d0f7.txt"),
    ("000_65f70292184d7c1c.txt", "001_a235613fdd479873.txt"),
    ("000_65f70292184d7c1c.txt", "002_127e7c73aef49c63.txt"),
    (None, "000_65f70292184d7c1c.txt"),
]


@pytest.mark.parametrize(("reference", "rewrite"), PAIRS)
def test_seed_json_matches_the_schema(reference: str | None, rewrite: str, tmp_path) -> None:
    findings = check_paths(SEEDS / reference if reference else None, SEEDS / rewrite)
    out = tmp_path / "out.json"
    with out.open("w", encoding="utf-8") as handle:
        renderer.render(findings, summarise(findings, 1), handle)
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["summary"]["findings"] == len(document["findings"]) > 0


def test_schema_rejects_a_finding_without_a_category() -> None:
    bad = {
        "version": 1,
        "findings": [{"rule": "x"}],
        "summary": {"files": 1, "findings": 1, "by_severity": {}},
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(bad)
