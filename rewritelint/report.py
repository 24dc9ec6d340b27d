"""``rewritelint report``: a folder of versions -> stories, references, findings, consensus.

Files are listed (symlinks out of the folder and loops are not followed), grouped into
stories (see :mod:`rewritelint.story`), each story's reference is chosen, and every
other version is linted against it — story by story, in worker processes when
``jobs > 1``, with results identical to a serial run and in a stable order. With three
or more versions, facts the versions disagree on are tallied (consensus), so the odd
one out is visible even when it is the reference.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rewritelint.api import Comparison, compare, lint, prepare
from rewritelint.errors import InputError
from rewritelint.findings import excerpt
from rewritelint.load import DEFAULT_MAX_BYTES, load
from rewritelint.model import AnnotatedDocument, Finding, PassagePair
from rewritelint.ruleset import RuleSet
from rewritelint.sources import STORY_SUFFIXES
from rewritelint.story import SIMILARITY, Story, Version, choose_reference, group, traits

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
    findings: tuple[Finding, ...]
    consensus: tuple[Tally, ...] = ()
    aligned: tuple[tuple[str, tuple[PassagePair, ...]], ...] = ()
    """Per rewrite: its passages aligned with the reference's, changed words marked."""
    errors: tuple[str, ...] = ()
    """Versions that could no longer be read when compared (deleted meanwhile, ...)."""


@dataclass
class Report:
    stories: list[StoryReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: int = 0


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
) -> Report:
    """Group, choose references, lint every version; see the module docstring.
    ``progress(done, total)`` is called after each story is compared."""
    report = Report()
    paths, problems = list_files(folders)
    report.errors.extend(problems)
    documents = []
    for path in paths:
        try:
            documents.append(load(path, max_bytes=max_bytes))
        except InputError as exc:
            report.errors.append(str(exc))
    report.files = len(documents)
    cache: dict[int, AnnotatedDocument] = {}

    def prepared(i: int) -> AnnotatedDocument:
        if i not in cache:
            cache[i] = prepare(documents[i])
        return cache[i]

    names = [d.path for d in documents]
    groups, scores = group(names, [d.text for d in documents], prepared, threshold)
    artifact_rules = (
        ruleset.select(["artifact"])
        if any(r.category == "artifact" for r in ruleset.rules)
        else RuleSet(())
    )
    wires = [Path(w).resolve() for w in wire_folders]
    contested = {i for members in groups if len(members) > 1 for i in members}
    info = []
    for i, doc in enumerate(documents):
        in_wire = any(Path(doc.path).resolve().is_relative_to(w) for w in wires)
        artifacts = 0
        if i in contested and artifact_rules.rules:  # a lone version needs no ranking
            artifacts = len(lint(compare(prepared(i), None), artifact_rules))
        info.append(traits(doc.text, doc.front_matter, in_wire, artifacts))

    def score(a: int, b: int) -> float:
        return scores.get((min(a, b), max(a, b)), 0.0)

    stories: list[Story] = []
    for members in groups:
        forced = [
            i
            for i in members
            if reference and Path(names[i]).resolve() == Path(reference).resolve()
        ]
        if forced:
            chosen, reason = forced[0], "named with --reference"
        else:
            chosen, reason = choose_reference(
                members, names, info, lambda i, m=members: sum(score(i, j) for j in m if j != i)
            )
        order = [chosen, *[i for i in members if i != chosen]]
        versions = tuple(
            Version(names[i], 1.0 if i == chosen else round(score(chosen, i), 3)) for i in order
        )
        stories.append(Story(f"story-{len(stories) + 1}", versions, reason))
    for story_report in _compare_all(stories, ruleset, max_bytes, jobs):
        report.stories.append(story_report)
        report.errors.extend(story_report.errors)
        if progress is not None:
            progress(len(report.stories), len(stories))
    return report


def _compare_all(
    stories: Sequence[Story], ruleset: RuleSet, max_bytes: int, jobs: int
) -> Iterator[StoryReport]:
    """Each story's comparisons, in story order; in ``jobs`` processes when > 1."""
    if jobs <= 1 or len(stories) < 2:
        for story in stories:
            yield compare_story(story, ruleset, max_bytes)
        return
    from functools import partial
    from multiprocessing import Pool

    # Pool's context manager terminates the workers on the way out, so Ctrl-C stops
    # at once instead of waiting for the stories in flight.
    with Pool(jobs) as pool:
        chunk = max(1, len(stories) // (jobs * 8))
        yield from pool.imap(
            partial(compare_story, ruleset=ruleset, max_bytes=max_bytes), stories, chunk
        )


def compare_story(story: Story, ruleset: RuleSet, max_bytes: int) -> StoryReport:
    """Lint every version of a story against its reference (a lone version on its own)."""
    try:
        reference = prepare(load(story.reference, max_bytes=max_bytes))
    except InputError as exc:
        return StoryReport(story, (), errors=(str(exc),))
    # The reference is linted on its own too: its typos and residue are the story's.
    findings: list[Finding] = list(lint(compare(reference, None), ruleset))
    if len(story.versions) == 1:
        return StoryReport(story, tuple(findings))
    per_version: dict[str, list[Finding]] = {}
    aligned = []
    errors = []
    for version in story.versions[1:]:
        try:
            rewrite = prepare(load(version.path, max_bytes=max_bytes))
        except InputError as exc:
            errors.append(str(exc))
            continue
        comparison = compare(rewrite, reference)
        found = lint(comparison, ruleset)
        per_version[version.path] = found
        findings.extend(found)
        aligned.append((version.path, aligned_view(comparison)))
    consensus = _consensus(story, per_version) if len(story.versions) >= 3 else ()
    return StoryReport(story, tuple(findings), consensus, tuple(aligned), tuple(errors))


def aligned_view(comparison: Comparison) -> tuple[PassagePair, ...]:
    """The two versions side by side, passage by passage in the rewrite's order (omitted
    reference passages last), with the words each edit changed marked."""
    reference = comparison.reference
    assert reference is not None
    marks: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = defaultdict(
        lambda: ([], [])
    )
    for edit in comparison.edits:
        old, new = marks[edit.alignment]
        old.extend((t.start, t.end) for t in edit.reference if t.kind != "punct")
        new.extend((t.start, t.end) for t in edit.rewrite if t.kind != "punct")
    rows = []
    for index, alignment in enumerate(comparison.alignments):
        old, new = marks.get(index, ([], []))
        rows.append(
            PassagePair(
                excerpt(reference, alignment.reference, old) if alignment.reference else None,
                excerpt(comparison.rewrite, alignment.rewrite, new) if alignment.rewrite else None,
            )
        )
    return tuple(rows)


def _consensus(story: Story, per_version: dict[str, list[Finding]]) -> tuple[Tally, ...]:
    """Tallies of the reference facts that some versions changed.

    A version without a change finding at a reference fact is counted with the
    reference (it kept the value; a version that left the passage out is counted there
    too, which can only understate a disagreement)."""
    changed: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    reference_text: dict[tuple[int, int], tuple[str, int]] = {}
    for path, findings in per_version.items():
        for f in findings:
            if f.rule in CONSENSUS_RULES and f.reference is not None:
                key = (f.reference.start, f.reference.end)
                changed[key][path] = f.location.text
                reference_text[key] = (f.reference.text, f.reference.line)
    tallies = []
    for key, values in sorted(changed.items()):
        text, line = reference_text[key]
        holders: dict[str, list[str]] = defaultdict(list)
        holders[text].append(story.reference)
        for version in story.versions[1:]:
            holders[values.get(version.path, text)].append(version.path)
        ordered = sorted(holders.items(), key=lambda item: (-len(item[1]), item[0]))
        tallies.append(Tally(story.reference, line, tuple((v, tuple(p)) for v, p in ordered)))
    return tuple(tallies)


def worst_versions(report: Report) -> list[tuple[str, Counter[str]]]:
    """Versions by findings: errors first, then warnings, then info."""
    counts: dict[str, Counter[str]] = {}
    for story_report in report.stories:
        for version in story_report.story.versions:
            counts.setdefault(version.path, Counter())
        for f in story_report.findings:
            counts[f.location.path][f.severity] += 1
    return sorted(
        counts.items(),
        key=lambda item: (-item[1]["error"], -item[1]["warning"], -item[1]["info"], item[0]),
    )
