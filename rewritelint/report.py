"""``rewritelint report``: a folder of versions -> stories, references, findings, consensus.

Two passes over the files, both run on an engine (:mod:`rewritelint.engine`: here, a
process pool, or a Dask cluster), in batches:

1. *scan*: each file is read once and reduced to a ``Scan`` (its shingles and proper
   names, the outline the aligner needs, the traits reference choice looks at) — a few
   kilobytes, so a folder of thousands of files is grouped without holding their texts.
   Files are listed first (symlinks out of the folder and loops are not followed);
   stories are grouped (see :mod:`rewritelint.story`) and each story's reference chosen.
2. *compare*: story by story, every version is linted against its reference; results
   come back in story order as they are ready, so output streams in a stable order,
   identical whatever the engine or the number of workers.

With three or more versions, facts the versions disagree on are tallied (consensus), so
the odd one out is visible even when it is the reference.

Each story is ranked as it is compared (:mod:`rewritelint.rank`; the consensus raises a
value most versions do not share): its rewrites worst first, each version's findings by
score. ``rank_report`` then puts the stories worst first. Renderers and the review page
show that order and those scores; they rank nothing themselves.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from rewritelint.align import aligned_share, outline
from rewritelint.api import Comparison, compare, lint, prepare
from rewritelint.budget import DEFAULT_BUDGET, Budget, OverBudget
from rewritelint.engine import DaskEngine, LocalEngine
from rewritelint.errors import InputError
from rewritelint.findings import excerpt
from rewritelint.load import DEFAULT_MAX_BYTES, load
from rewritelint.markup import STORY_SUFFIXES
from rewritelint.model import Excerpt, Finding, Outline, PassagePair
from rewritelint.rank import Ranking, VersionScore, merge, rank
from rewritelint.redline import redline
from rewritelint.ruleset import RuleSet
from rewritelint.story import (
    SIMILARITY,
    Similarity,
    Story,
    Traits,
    Version,
    choose_reference,
    group,
    proper_names,
    shingles,
    traits,
)

CONSENSUS_RULES = frozenset(["number-changed", "date-changed", "name-swapped", "name-misspelt"])


@dataclass(frozen=True)
class Tally:
    """A fact the versions of a story disagree on: each value with the versions that say it."""

    reference_path: str
    line: int
    values: tuple[tuple[str, tuple[str, ...]], ...]
    """(value as written, paths of the versions saying it), most versions first."""

    @property
    def odd_ones(self) -> tuple[str, ...]:
        """Versions holding a minority value (every version but the majority's)."""
        return tuple(p for _, paths in self.values[1:] for p in paths)


@dataclass(frozen=True)
class StoryReport:
    story: Story
    """Once ranked, its versions are the reference, then the rewrites worst first."""
    findings: tuple[Finding, ...]
    """Once ranked, in ``ranking.findings``'s order: versions worst first, then by score."""
    consensus: tuple[Tally, ...] = ()
    aligned: tuple[tuple[str, tuple[PassagePair, ...]], ...] = ()
    """Per rewrite: its passages aligned with the reference's, changed words marked."""
    errors: tuple[str, ...] = ()
    """Versions that could no longer be read when compared (deleted meanwhile, ...)."""
    ranking: Ranking | None = None
    """The findings with their scores and folds, every version (the reference too) with
    its score, worst first (``rank_story``); None until ranked."""

    @property
    def score(self) -> float:
        """The story's score: its worst version's (0 unranked or without findings)."""
        versions = self.ranking.versions if self.ranking else ()
        return versions[0].score if versions else 0.0


@dataclass
class Report:
    stories: list[StoryReport] = field(default_factory=list)
    """Once ranked (``rank_report``), worst first."""
    errors: list[str] = field(default_factory=list)
    files: int = 0
    ranking: Ranking | None = None
    """The whole run (``rank_report``): the stories' findings in the stories' order,
    every version of every story worst first; None until ranked."""

    @property
    def findings(self) -> list[Finding]:
        """Every finding, in the stories' order."""
        return [f for s in self.stories for f in s.findings]


def list_files(folders: Sequence[str]) -> tuple[list[str], list[str]]:
    """Story files under some folders (sorted), and one problem line per skipped entry.

    Symbolic links are followed only when they stay inside the folder, and never twice
    to the same place (so a link loop ends)."""
    found: list[str] = []
    problems: list[str] = []
    resolved: set[Path] = set()  # a file reached twice (a folder named two ways) counts once
    for folder in folders:
        root = Path(folder)
        if not root.exists():
            problems.append(f"{folder}: no such folder")
            continue
        if root.is_file():
            if root.resolve() not in resolved:
                resolved.add(root.resolve())
                found.append(folder)
            continue
        base = root.resolve()
        seen: set[Path] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            here = Path(dirpath).resolve()
            if here in seen or not here.is_relative_to(base):
                dirnames[:] = []
                if not here.is_relative_to(base):
                    problems.append(f"{dirpath}: a link out of {folder}, not followed")
                continue
            seen.add(here)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = Path(dirpath) / name
                if name.startswith(".") or path.suffix.lower() not in STORY_SUFFIXES:
                    continue
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):  # a dangling link or a link loop
                    problems.append(f"{path}: a broken or looping link, not followed")
                    continue
                if not target.is_relative_to(base):
                    problems.append(f"{path}: a link out of {folder}, not followed")
                elif not target.is_file():  # a FIFO or device would block or mislead
                    problems.append(f"{path}: not a regular file, skipped")
                elif target not in resolved:
                    resolved.add(target)
                    found.append(str(path))
    return sorted(found), problems


@dataclass(frozen=True)
class Scan:
    """What grouping and reference choice need of one file: made once per file (in a
    worker), small enough to keep for every file of a large folder while its text and
    tokens are let go."""

    path: str
    shingles: Any
    """Word 3-gram hashes, a sorted array of unique ``uint32`` (4 bytes each)."""
    names: Any
    """Proper-name hashes, a sorted array of unique ``uint32``."""
    outline: Outline
    traits: Traits


@dataclass
class Plan:
    """A folder grouped into stories, each with its reference chosen; nothing compared yet."""

    stories: list[Story] = field(default_factory=list)
    files: int = 0
    errors: list[str] = field(default_factory=list)


def scan_file(
    path: str, *, max_bytes: int, artifact_rules: RuleSet, wires: Sequence[Path]
) -> Scan | str:
    """One file's ``Scan``, or the one-line error when it cannot be read."""
    import numpy as np

    try:
        document = load(path, max_bytes=max_bytes)
    except InputError as exc:
        return str(exc)
    prepared = prepare(document)
    artifacts = len(lint(compare(prepared, None), artifact_rules)) if artifact_rules.rules else 0
    in_wire = any(Path(path).resolve().is_relative_to(w) for w in wires)
    found = np.fromiter(shingles(document.text), dtype=np.uint32)
    found.sort()
    people = np.fromiter(proper_names(prepared.tokens), dtype=np.uint32)
    people.sort()
    return Scan(
        path,
        found,
        people,
        outline(prepared),
        traits(document.text, document.front_matter, in_wire, artifacts),
    )


def _aligned_share(outlines: tuple[Outline, Outline]) -> float:
    return aligned_share(*outlines)


def plan_report(
    folders: Sequence[str],
    ruleset: RuleSet,
    engine: LocalEngine | DaskEngine,
    *,
    threshold: float = SIMILARITY,
    reference: str | None = None,
    wire_folders: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Plan:
    """List, scan (on the engine), group and choose each story's reference."""
    paths, problems = list_files(folders)
    scans, errors = scan_files(
        paths, ruleset, engine, wire_folders=wire_folders, max_bytes=max_bytes
    )
    plan = plan_stories(scans, engine, threshold=threshold, reference=reference)
    plan.errors[:0] = [*problems, *errors]
    return plan


def scan_files(
    paths: Sequence[str],
    ruleset: RuleSet,
    engine: LocalEngine | DaskEngine,
    *,
    wire_folders: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[Scan], list[str]]:
    """Every readable file's ``Scan`` (made on the engine), and one line per unreadable one."""
    artifact_rules = (
        ruleset.select(["artifact"])
        if any(r.category == "artifact" for r in ruleset.rules)
        else RuleSet(())
    )
    scan = partial(
        scan_file,
        max_bytes=max_bytes,
        artifact_rules=artifact_rules,
        wires=[Path(w).resolve() for w in wire_folders],
    )
    scans: list[Scan] = []
    errors: list[str] = []
    for result in engine.map(scan, paths):
        if isinstance(result, str):
            errors.append(result)
        else:  # one copy of each key string, however many files use it
            keys = tuple(tuple(map(sys.intern, k)) for k in result.outline.keys)
            scans.append(replace(result, outline=Outline(keys, result.outline.identities)))
    return scans, errors


def plan_stories(
    scans: Sequence[Scan],
    engine: LocalEngine | DaskEngine,
    *,
    threshold: float = SIMILARITY,
    reference: str | None = None,
) -> Plan:
    """Scanned files grouped into stories (aligning pairs on the engine), each with its
    reference chosen and every version scored against it."""
    plan = Plan(files=len(scans))
    scans = sorted(scans, key=lambda s: s.path)  # pairs are aligned in index order
    paths = [s.path for s in scans]
    similarity = Similarity(
        [s.shingles for s in scans],
        lambda pairs: list(
            engine.map(_aligned_share, [(scans[a].outline, scans[b].outline) for a, b in pairs])
        ),
        [s.names for s in scans],
    )
    groups = group(paths, similarity, threshold)
    info = [s.traits for s in scans]
    chosen: list[tuple[int, str]] = []
    for members in groups:
        forced = [
            i
            for i in members
            if reference and Path(paths[i]).resolve() == Path(reference).resolve()
        ]
        if forced:
            chosen.append((forced[0], "named with --reference"))
        else:
            shared = similarity.shared_text(members) if len(members) > 1 else {}
            chosen.append(choose_reference(members, paths, info, shared.__getitem__))
    # Every version's score against its reference, aligned in one batch on the engine.
    similarity.score_all(
        [
            (ref, i)
            for members, (ref, _) in zip(groups, chosen, strict=True)
            for i in members
            if i != ref
        ]
    )
    for members, (ref, reason) in zip(groups, chosen, strict=True):
        order = [ref, *[i for i in members if i != ref]]
        versions = tuple(
            Version(paths[i], 1.0 if i == ref else round(similarity(ref, i), 3)) for i in order
        )
        plan.stories.append(Story(f"story-{len(plan.stories) + 1}", versions, reason))
    return plan


def compare_stories(
    plan: Plan,
    ruleset: RuleSet,
    engine: LocalEngine | DaskEngine,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    aligned: bool = True,
    budget: Budget = DEFAULT_BUDGET,
) -> Iterator[StoryReport]:
    """Every story of the plan compared (on the engine), yielded in story order as soon as
    it and the stories before it are done. ``aligned`` keeps each rewrite's aligned
    passages (the review page shows them; they hold the whole text); ``budget`` bounds
    the work per version."""
    compare_one = partial(
        compare_story, ruleset=ruleset, max_bytes=max_bytes, aligned=aligned, budget=budget
    )
    yield from engine.map(compare_one, plan.stories)


def build_report(
    folders: Sequence[str],
    ruleset: RuleSet,
    *,
    threshold: float = SIMILARITY,
    reference: str | None = None,
    wire_folders: Sequence[str] = (),
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
    engine: LocalEngine | DaskEngine | None = None,
) -> Report:
    """Group, choose references, lint every version, rank (stories worst first); see
    the module docstring.
    ``progress(done, total)`` is called after each story is compared. Runs on
    ``engine`` when given, else here or in ``jobs`` processes."""
    with engine or LocalEngine(jobs) as running:
        plan = plan_report(
            folders,
            ruleset,
            running,
            threshold=threshold,
            reference=reference,
            wire_folders=wire_folders,
            max_bytes=max_bytes,
        )
        report = Report(errors=list(plan.errors), files=plan.files)
        for story_report in compare_stories(plan, ruleset, running, max_bytes=max_bytes):
            report.stories.append(story_report)
            report.errors.extend(story_report.errors)
            if progress is not None:
                progress(len(report.stories), len(plan.stories))
    return rank_report(report)


def compare_story(
    story: Story,
    ruleset: RuleSet,
    max_bytes: int,
    aligned: bool = True,
    budget: Budget = DEFAULT_BUDGET,
) -> StoryReport:
    """Lint every version of a story against its reference (a lone version on its own);
    a version over its work budget is skipped with an error line."""
    try:
        reference = prepare(load(story.reference, max_bytes=max_bytes))
        # The reference is linted on its own too: its typos and residue are the story's.
        findings: list[Finding] = list(lint(compare(reference, None), ruleset, budget.start()))
    except (InputError, OverBudget) as exc:
        where = "" if isinstance(exc, InputError) else f"{story.reference}: "
        return rank_story(StoryReport(story, (), errors=(f"{where}{exc}",)))
    if len(story.versions) == 1:
        return rank_story(StoryReport(story, tuple(findings)))
    per_version: dict[str, list[Finding]] = {}
    views = []
    errors = []
    for version in story.versions[1:]:
        try:
            rewrite = prepare(load(version.path, max_bytes=max_bytes))
        except InputError as exc:
            errors.append(str(exc))
            continue
        deadline = budget.start()
        try:
            comparison = compare(rewrite, reference, deadline)
            found = lint(comparison, ruleset, deadline)
        except OverBudget as exc:
            errors.append(f"{version.path}: {exc}")
            continue
        per_version[version.path] = found
        findings.extend(found)
        if aligned:
            views.append((version.path, aligned_view(comparison)))
    consensus, shares = _consensus(story, per_version) if len(story.versions) >= 3 else ((), {})
    compared = StoryReport(story, tuple(findings), consensus, tuple(views), tuple(errors))
    return rank_story(compared, shares)


def rank_story(
    story_report: StoryReport, consensus: Mapping[tuple[str, str], float] | None = None
) -> StoryReport:
    """The story ranked: its findings scored (``consensus``: (path, fingerprint) -> the
    share of other versions disagreeing, from ``_consensus``) and in ranked order, its
    rewrites worst first after the reference."""
    story = story_report.story
    paths = [v.path for v in story.versions]
    ranking = rank(story_report.findings, paths, consensus)
    position = {v.path: k for k, v in enumerate(ranking.versions)}
    rewrites = sorted(story.versions[1:], key=lambda v: position[v.path])
    return replace(
        story_report,
        story=replace(story, versions=(*story.versions[:1], *rewrites)),
        findings=tuple(r.finding for r in ranking.findings),
        ranking=ranking,
    )


def rank_report(report: Report) -> Report:
    """The report with its stories worst first (ties in story order) and the whole run's
    ranking; stories not yet ranked are ranked here."""
    stories = [s if s.ranking is not None else rank_story(s) for s in report.stories]
    stories.sort(key=lambda s: -s.score)
    return replace(
        report,
        stories=stories,
        ranking=merge(s.ranking for s in stories if s.ranking is not None),
    )


def aligned_view(comparison: Comparison) -> tuple[PassagePair, ...]:
    """The two versions side by side, passage by passage in the rewrite's order (omitted
    reference passages last), each changed pair redlined for a reader
    (``rewritelint.redline``: one mark per changed stretch, whole words)."""
    reference = comparison.reference
    assert reference is not None
    changed = {edit.alignment for edit in comparison.edits}
    rows = []
    for index, alignment in enumerate(comparison.alignments):
        old = excerpt(reference, alignment.reference, ()) if alignment.reference else None
        new = excerpt(comparison.rewrite, alignment.rewrite, ()) if alignment.rewrite else None
        if old is not None and new is not None and index in changed:
            old_marks, new_marks = redline(old.text, new.text)
            old, new = Excerpt(old.text, old_marks), Excerpt(new.text, new_marks)
        rows.append(PassagePair(old, new))
    return tuple(rows)


def _consensus(
    story: Story, per_version: dict[str, list[Finding]]
) -> tuple[tuple[Tally, ...], dict[tuple[str, str], float]]:
    """Tallies of the reference facts that some versions changed, and for each finding
    at one of them ((path, fingerprint)) the share of the story's other versions that do
    not say what its version says (``rank.finding_score``'s consensus).

    A version without a change finding at a reference fact is counted with the
    reference (it kept the value; a version that left the passage out is counted there
    too, which can only understate a disagreement)."""
    changed: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    at_fact: dict[tuple[int, int], list[Finding]] = defaultdict(list)
    reference_text: dict[tuple[int, int], tuple[str, int]] = {}
    for path, findings in per_version.items():
        for f in findings:
            if f.rule in CONSENSUS_RULES and f.reference is not None:
                key = (f.reference.start, f.reference.end)
                changed[key][path] = f.location.text
                at_fact[key].append(f)
                reference_text[key] = (f.reference.text, f.reference.line)
    tallies = []
    shares: dict[tuple[str, str], float] = {}
    others = len(story.versions) - 1
    for key, values in sorted(changed.items()):
        text, line = reference_text[key]
        holders: dict[str, list[str]] = defaultdict(list)
        holders[text].append(story.reference)
        for version in story.versions[1:]:
            holders[values.get(version.path, text)].append(version.path)
        ordered = sorted(holders.items(), key=lambda item: (-len(item[1]), item[0]))
        tallies.append(Tally(story.reference, line, tuple((v, tuple(p)) for v, p in ordered)))
        for f in at_fact[key]:
            agreeing = len(holders[values[f.location.path]]) - 1
            shares[(f.location.path, f.fingerprint)] = (others - agreeing) / others
    return tuple(tallies), shares


def worst_versions(report: Report) -> tuple[VersionScore, ...]:
    """Every version of the report, worst first, with its score and counts."""
    ranking = report.ranking or rank_report(report).ranking
    return ranking.versions if ranking is not None else ()
