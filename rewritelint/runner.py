"""Checking many story files: source resolution, linting, the baseline.

What ``rewritelint check`` (and the pre-commit hook) does, as plain data for the CLI to
render: which files were checked against which sources, the findings still to report,
the baseline entries they matched or left stale, and the per-file problems. Reading a
file that fails never stops the run: the problem is recorded and the next file checked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rewritelint import baseline as baseline_store
from rewritelint.api import compare, lint, prepare
from rewritelint.budget import DEFAULT_BUDGET, UNLIMITED, Budget, Deadline, OverBudget
from rewritelint.caches import bounded
from rewritelint.config import Config
from rewritelint.engine import LocalEngine
from rewritelint.errors import InputError
from rewritelint.load import DEFAULT_MAX_BYTES, load
from rewritelint.model import AnnotatedDocument, Document, Finding
from rewritelint.project import leaves_project
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
    jobs: int = 1,
    budget: Budget = DEFAULT_BUDGET,
) -> CheckResult:
    """Lint each story against its source(s); see the module docstring.

    Sources are resolved here, file by file; the linting runs in ``jobs`` processes
    when more than one (the results, and their order, are the same)."""
    result = CheckResult()
    problems: dict[str, list[str]] = {}  # per story, the error lines in the order met
    loaded: dict[str, Document | InputError] = {}
    current: list[str] = [""]

    def read_text(path: str) -> str | None:
        """A wire file's text for source matching, read once; a broken one reported."""
        if path not in loaded:
            try:
                loaded[path] = load(path, max_bytes=max_bytes)
            except InputError as exc:
                loaded[path] = exc
                problems.setdefault(current[0], []).append(str(exc))
        found = loaded[path]
        return None if isinstance(found, InputError) else found.text

    def refuse(line: str) -> None:
        problems.setdefault(current[0], []).append(line)

    finder = SourceFinder(config, read_text, refuse)
    project = finder.project
    work: list[tuple[Document, tuple[str, ...]]] = []
    to_check: Sequence[str] = paths
    if reference is not None and leaves_project(reference, project):
        # A reference that is a link out of the project: refuse it once, check nothing.
        problems[""] = [f"{reference}: {project.link_out(reference)}"]
        to_check = ()
    for path in to_check:
        if reference is None and (in_wire(path, config) or not is_story(path, config)):
            result.skipped.append(path)
            continue
        current[0] = path
        try:
            if leaves_project(path, project):
                raise InputError(path, project.link_out(path))
            document = load(path, max_bytes=max_bytes)
            resolution = (
                Resolution((reference,), "--against")
                if reference
                else finder.resolve(path, document)
            )
        except InputError as exc:
            problems.setdefault(path, []).append(str(exc))
            continue
        result.sources[path] = resolution
        work.append((document, resolution.sources))
    lint_one = partial(_lint_story, ruleset=ruleset, max_bytes=max_bytes, budget=budget)
    with LocalEngine(jobs) as engine:
        for (document, sources), outcome in zip(work, engine.map(lint_one, work), strict=True):
            path = document.path
            problems.setdefault(path, []).extend(outcome.errors)
            if outcome.findings is None:
                continue  # no source could be read: its error line says why
            if not sources:
                result.unsourced.append(path)
            result.checked.append(path)
            result.all_findings.extend(outcome.findings)
    seen: set[str] = set()
    for path in ("", *paths):  # error lines in the order of the files, each once
        for line in problems.pop(path, []):
            if line not in seen:
                seen.add(line)
                result.errors.append(line)
    result.findings, result.acknowledged = baseline_store.acknowledge(
        result.all_findings, baseline, config.root
    )
    checked = {baseline_store.project_path(p, config.root) for p in result.checked}
    result.stale = sorted(e for e in baseline if e.path in checked and e not in result.acknowledged)
    return result


@dataclass(frozen=True)
class _Outcome:
    findings: list[Finding] | None
    """None when none of the story's sources could be read."""
    errors: tuple[str, ...] = ()


def _lint_story(
    work: tuple[Document, tuple[str, ...]], *, ruleset: RuleSet, max_bytes: int, budget: Budget
) -> _Outcome:
    """One story (as read while resolving its sources) linted against its sources, in a
    worker process when jobs > 1; a story over its work budget is skipped with a line."""
    document, sources = work
    deadline = budget.start()
    references = []
    errors = []
    for source in sources:
        try:
            references.append(_prepared(source, max_bytes, _stamp(source)))
        except InputError as exc:
            errors.append(str(exc))
    if sources and not references:
        return _Outcome(None, tuple(errors))
    try:
        findings = _lint_against(prepare(document), references, ruleset, deadline)
    except OverBudget as exc:
        return _Outcome(None, (*errors, f"{document.path}: {exc}"))
    return _Outcome(findings, tuple(errors))


def _stamp(path: str) -> tuple[int, int]:
    """(modification time, size): a file changed on disk is read again."""
    try:
        info = os.stat(path)
    except OSError:
        return (0, -1)
    return (info.st_mtime_ns, info.st_size)


@bounded(maxsize=32)
def _prepared(path: str, max_bytes: int, stamp: tuple[int, int]) -> AnnotatedDocument:
    """A source prepared once per process for all the stories checked against it.
    Errors are not cached (an LRU cache does not keep exceptions)."""
    return prepare(load(path, max_bytes=max_bytes))


def _lint_against(
    rewrite: AnnotatedDocument,
    references: Sequence[AnnotatedDocument],
    ruleset: RuleSet,
    deadline: Deadline = UNLIMITED,
) -> list[Finding]:
    """Findings of a rewrite against each of its sources (or alone when it has none).

    With several sources, single-version findings are reported once, and a passage of
    the rewrite counts as added only if no source has it.
    """
    if not references:
        return lint(compare(rewrite, None), ruleset, deadline)
    seen: dict[tuple[str, int, int], Finding] = {}
    added: dict[tuple[str, int, int], int] = {}
    for reference in references:
        for finding in lint(compare(rewrite, reference, deadline), ruleset, deadline):
            key = (finding.rule, finding.location.start, finding.location.end)
            if finding.category == "addition":
                added[key] = added.get(key, 0) + 1
                if added[key] < len(references):
                    continue
            seen.setdefault(key, finding)
    return sorted(seen.values(), key=lambda f: (f.sort_key, f.location.end))


def default_baseline_path(config: Config, override: str | None) -> Path:
    """The baseline file: ``--baseline``, else the config's, relative to the project root;
    without either, ``.rewritelint-baseline.json``, or the review page's download
    (``rewritelint-baseline.json``, the dot a browser drops) when only that exists."""
    if override:
        return Path(override)
    path = config.root / config.baseline
    exported = config.root / baseline_store.EXPORTED_NAME
    if config.baseline == baseline_store.BASELINE_NAME and not path.exists() and exported.exists():
        return exported
    return path
