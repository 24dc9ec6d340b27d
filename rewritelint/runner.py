"""Checking many story files: source resolution, linting, the baseline.

What ``rewritelint check`` (and the pre-commit hook) does, as plain data for the CLI to
render: which files were checked against which sources, the findings still to report,
the baseline entries they matched or left stale, and the per-file problems. Reading a
file that fails never stops the run: the problem is recorded and the next file checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rewritelint import baseline as baseline_store
from rewritelint.api import compare, lint, prepare
from rewritelint.config import Config
from rewritelint.errors import InputError
from rewritelint.load import DEFAULT_MAX_BYTES, load
from rewritelint.model import AnnotatedDocument, Finding
from rewritelint.ruleset import RuleSet
from rewritelint.sources import Resolution, SourceFinder, in_wire, is_story


@dataclass
class CheckResult:
    """Everything a run found, for rendering and the exit code."""

    findings: list[Finding] = field(default_factory=list)
    """Findings to report (baseline-acknowledged ones removed)."""
    all_findings: list[Finding] = field(default_factory=list)
    """Every finding, acknowledged or not (what ``--update-baseline`` records)."""
    checked: list[str] = field(default_factory=list)
    """Rewrites that were linted."""
    skipped: list[str] = field(default_factory=list)
    """Files passed but not linted: wire copy, or not matching the story globs."""
    sources: dict[str, Resolution] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    """One line per file that could not be read."""
    unsourced: list[str] = field(default_factory=list)
    """Stories for which no source was found (only single-version rules ran)."""
    acknowledged: set[baseline_store.Entry] = field(default_factory=set)
    stale: list[baseline_store.Entry] = field(default_factory=list)
    """Baseline entries of checked files that matched no finding."""


def check_files(
    paths: Sequence[str],
    ruleset: RuleSet,
    config: Config,
    *,
    reference: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    baseline: Sequence[baseline_store.Entry] = (),
) -> CheckResult:
    """Lint each story against its source(s); see the module docstring."""
    result = CheckResult()
    prepared: dict[str, AnnotatedDocument | InputError] = {}

    def prepared_reference(path: str) -> AnnotatedDocument | InputError:
        """A reference is read once, and a broken one reported once."""
        if path not in prepared:
            try:
                prepared[path] = prepare(load(path, max_bytes=max_bytes))
            except InputError as exc:
                prepared[path] = exc
                result.errors.append(str(exc))
        return prepared[path]

    def read_text(path: str) -> str | None:
        found = prepared_reference(path)
        return None if isinstance(found, InputError) else found.document.text

    finder = SourceFinder(config, read_text)
    for path in paths:
        if reference is None and (in_wire(path, config) or not is_story(path, config)):
            result.skipped.append(path)
            continue
        try:
            document = load(path, max_bytes=max_bytes)
        except InputError as exc:
            result.errors.append(str(exc))
            continue
        resolution = (
            Resolution((reference,), "--against") if reference else finder.resolve(path, document)
        )
        result.sources[path] = resolution
        rewrite = prepare(document)
        references = [prepared_reference(source) for source in resolution.sources]
        usable = [r for r in references if not isinstance(r, InputError)]
        if resolution.sources and not usable:
            continue  # the reference's own error line says why
        if not resolution.sources:
            result.unsourced.append(path)
        result.checked.append(path)
        result.all_findings.extend(_lint_against(rewrite, usable, ruleset))
    result.findings, result.acknowledged = baseline_store.acknowledge(
        result.all_findings, baseline, config.root
    )
    checked = {baseline_store.project_path(p, config.root) for p in result.checked}
    result.stale = sorted(e for e in baseline if e.path in checked and e not in result.acknowledged)
    return result


def _lint_against(
    rewrite: AnnotatedDocument, references: Sequence[AnnotatedDocument], ruleset: RuleSet
) -> list[Finding]:
    """Findings of a rewrite against each of its sources (or alone when it has none).

    With several sources, single-version findings are reported once, and a passage of
    the rewrite counts as added only if no source has it.
    """
    if not references:
        return lint(compare(rewrite, None), ruleset)
    seen: dict[tuple[str, int, int], Finding] = {}
    added: dict[tuple[str, int, int], int] = {}
    for reference in references:
        for finding in lint(compare(rewrite, reference), ruleset):
            key = (finding.rule, finding.location.start, finding.location.end)
            if finding.category == "addition":
                added[key] = added.get(key, 0) + 1
                if added[key] < len(references):
                    continue
            seen.setdefault(key, finding)
    return sorted(seen.values(), key=lambda f: (f.sort_key, f.location.end))


def default_baseline_path(config: Config, override: str | None) -> Path:
    """The baseline file: ``--baseline``, else the config's, relative to the project root."""
    return Path(override) if override else config.root / config.baseline
