"""Review: a finished run -> the plain data of the editors' review page.

``review_report(report, summary, ...)`` (a ``report`` run) and ``review_check(findings,
summary, ...)`` (a ``check`` run) return a :class:`Review`: frozen dataclasses holding
every decision the page shows — the stories and their versions, which findings go on
which card in what order and with what number, which passages sit left and right with
which words flagged, which cards fold to one line and what that line says, the counts,
the filters' choices, the consensus lines and the data the page's script reads (with
paths as the baseline records them).

The order is the report's: when it ranks (worst first) the page shows that, and nothing
here or in the page's script ranks again; ``VersionRow.score``/``Card.score`` carry its
scores (None until it has them). :mod:`rewritelint.render.html` only formats a
``Review``: it counts, sorts, groups and chooses nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from rewritelint.baseline import Entry, project_path
from rewritelint.model import (
    CATEGORIES,
    SEVERITIES,
    Excerpt,
    Finding,
    Location,
    PassagePair,
    Summary,
)
from rewritelint.rank import SeverityCounts, fold, severity_counts

if TYPE_CHECKING:
    from rewritelint.report import Report

Role = Literal["reference", "rewrite", "unsourced"]
Layout = Literal["omitted", "added", "pair", "single"]
RowKind = Literal["same", "changed", "added", "omitted"]


class Resolution(Protocol):
    """What ``review_check`` reads of a :class:`rewritelint.sources.Resolution`."""

    @property
    def sources(self) -> tuple[str, ...]: ...
    @property
    def how(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Shown:
    """Text shown on one side of a card or an aligned row, and what of it is flagged."""

    text: str
    marks: tuple[tuple[int, int], ...] | None = None
    """Flagged spans of ``text``, sorted, non-empty and not overlapping; None: all of
    ``text`` is flagged."""
    whole: bool = False
    """``text`` is a whole passage left out or added (drawn lighter than a changed word)."""


@dataclass(frozen=True, slots=True)
class Card:
    """One finding as its card shows it."""

    number: int
    """Position in the page, and the index of the finding in the script's data."""
    finding: Finding
    in_reference: bool
    """The finding is in the story's reference itself, not in a rewrite."""
    layout: Layout
    """``omitted``/``added`` (passages), ``pair`` (side by side) or ``single`` (one text)."""
    left: Shown | None
    """The reference side (``omitted``, ``pair``); None where it shows nothing."""
    right: Shown | None
    """The rewrite side (``added``, ``pair``, ``single``); None where it shows nothing."""
    quote: str
    """The reference text quoted on the reference line ("" for none)."""
    context: str
    """``omitted``: the rewrite's passage near the left-out one ("" for none)."""
    fold: str | None = None
    """The card's one line until opened ("3 sentences (214 words) not in this version"):
    info-level omissions and additions, thousands in a long report; None: shown whole."""
    score: float | None = None
    """The report's score of the finding; None until findings carry one."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the aligned view: reference passage left, rewrite passage right."""

    kind: RowKind
    reference: Shown | None
    rewrite: Shown | None


@dataclass(frozen=True, slots=True)
class Aligned:
    """A whole rewrite beside the reference, passage by passage."""

    rows: tuple[Row, ...]
    changed: int
    """Aligned rows whose rewrite passage has changed words."""
    added: int
    omitted: int


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One line of a story's table of versions."""

    path: str
    role: Role
    anchor: str
    """The id of the version's section, which the line links to."""
    similarity: float | None
    """Score against the reference; None where it is not shown (the reference)."""
    counts: SeverityCounts
    score: float | None = None
    """The report's score of the version; None until the report gives one."""


@dataclass(frozen=True, slots=True)
class Section:
    """One version of a story with its findings (the aligned view first, for a rewrite)."""

    path: str
    role: Role
    anchor: str
    similarity: float | None
    """Score against the reference, shown for a rewrite only."""
    aligned: Aligned | None
    cards: tuple[Card, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A fact the versions disagree on (report, three versions or more)."""

    path: str
    line: int
    values: tuple[tuple[str, int], ...]
    """(value as written, how many versions say it), most versions first."""
    odd: tuple[str, ...]
    """Versions holding a minority value."""


@dataclass(frozen=True, slots=True)
class StoryView:
    """One story: its versions, the facts they disagree on, a section per version."""

    id: str
    reason: str
    """Why this is the reference (or why there is none)."""
    first: str
    """The story's first version: its reference, or its only file when unsourced."""
    reference: str | None
    """The reference's path; None for a story without a source."""
    versions: tuple[VersionRow, ...]
    finding_count: int
    counts: SeverityCounts
    consensus: tuple[Disagreement, ...]
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class Choice:
    """A filter value with the number of findings that have it."""

    value: str
    count: int


@dataclass(frozen=True, slots=True)
class TallyRow:
    category: str
    cells: tuple[int, ...]
    """Findings of the category per severity, in ``SEVERITIES`` order."""
    total: int


@dataclass(frozen=True, slots=True)
class Item:
    """One finding as the page's script reads it (the fields a baseline entry needs)."""

    path: str
    """As the baseline records it (relative to the project root)."""
    rule: str
    fingerprint: str
    text: str
    reference: str | None
    version: int
    """Index into ``Review.versions``."""
    story: str


@dataclass(frozen=True, slots=True)
class Worst:
    """One of the report's worst findings, linked from the overview's first screen."""

    number: int
    """The card's number (its anchor is ``f-<number>``)."""
    severity: str
    rule: str
    path: str
    message: str


WORST = 5  # how many of the worst findings the overview lists


@dataclass(frozen=True, slots=True)
class Review:
    """Everything the review page shows, decided."""

    command: str
    """``report`` or ``check``."""
    stories: tuple[StoryView, ...]
    finding_count: int
    version_count: int
    counts: SeverityCounts
    files: int
    acknowledged: int
    failed_files: int
    severities: tuple[Choice, ...]
    """The severity filter: severities present, most severe first."""
    categories: tuple[Choice, ...]
    """The category filter: categories present, in the contract's order, others after."""
    rules: tuple[str, ...]
    """The rule filter: rule ids present, sorted."""
    versions: tuple[str, ...]
    """Every version's path, in page order (the version filter)."""
    recorded: tuple[str, ...]
    """Each of ``versions`` as the baseline records it (relative to the project root)."""
    tally: tuple[TallyRow, ...]
    """The overview table's rows, one per category present."""
    totals: tuple[int, ...]
    """Findings per severity, in ``SEVERITIES`` order (the table's last row)."""
    items: tuple[Item, ...]
    """The script's findings, in card-number order."""
    complete_paths: tuple[str, ...]
    """Baseline paths with every finding on the page, sorted (their unmatched entries are stale)."""
    baseline: tuple[Entry, ...]
    """Decisions already taken, shown as accepted."""
    worst: tuple[Worst, ...] = ()
    """The report's highest-scored errors and warnings, worst first."""


@dataclass(frozen=True, slots=True)
class _Version:
    path: str
    role: Role
    similarity: float | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class _Story:
    """A story before layout: from a report's story or a check's sources."""

    id: str
    reason: str
    versions: tuple[_Version, ...]
    findings: tuple[Finding, ...]
    consensus: tuple[Disagreement, ...] = ()
    aligned: Mapping[str, Sequence[PassagePair]] | None = None
    """Per rewrite: its passages aligned with the reference's (report only)."""
    scores: Mapping[tuple[str, str], float] = field(default_factory=dict)
    """(path, fingerprint) -> the report's score of the finding."""


def review_report(
    report: Report,
    summary: Summary,
    *,
    baseline_paths: Mapping[str, str] | None = None,
    root: Path | None = None,
    baseline: Sequence[Entry] = (),
) -> Review:
    """The review of a ``report`` run.

    ``baseline_paths`` maps a story path (as the findings give it) to the path the
    baseline records; paths not in it are computed with
    :func:`rewritelint.baseline.project_path` against ``root`` (the project root the
    CLI uses), so an exported baseline matches what ``check`` reads. ``baseline``
    entries are shown as decisions already taken."""
    stories = []
    for story_report in report.stories:
        story = story_report.story
        ranking = story_report.ranking
        scores: Mapping[tuple[str, str], float] = ranking.scores if ranking else {}
        version_scores = {v.path: v.score for v in ranking.versions} if ranking else {}
        versions = tuple(
            _Version(
                v.path, "rewrite" if k else "reference", v.similarity, version_scores.get(v.path)
            )
            for k, v in enumerate(story.versions)
        )
        consensus = tuple(
            Disagreement(
                t.reference_path, t.line, tuple((v, len(p)) for v, p in t.values), t.odd_ones
            )
            for t in story_report.consensus
        )
        stories.append(
            _Story(
                story.id,
                story.reason,
                versions,
                story_report.findings,
                consensus,
                dict(story_report.aligned),
                scores,
            )
        )
    complete = [v.path for s in stories for v in s.versions]
    return _review(stories, summary, baseline_paths, root, baseline, complete, "report")


def review_check(
    findings: Sequence[Finding],
    summary: Summary,
    *,
    sources: Mapping[str, Resolution] | None = None,
    checked: Sequence[str] = (),
    baseline_paths: Mapping[str, str] | None = None,
    root: Path | None = None,
    baseline: Sequence[Entry] = (),
) -> Review:
    """The review of a ``check`` run: the checked rewrites wrapped into one story per
    reference (``sources`` maps each rewrite to how its source was found).

    Pass every finding, acknowledged ones included, with the ``baseline`` entries:
    acknowledged findings then show as accepted, and an export keeps them."""
    sources = sources or {}
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.location.path, []).append(finding)
    rewrites = list(dict.fromkeys([*checked, *by_path]))
    groups: dict[tuple[str, ...], list[str]] = {}
    how: dict[tuple[str, ...], str] = {}
    for path in rewrites:
        resolution = sources.get(path)
        refs = tuple(resolution.sources) if resolution is not None else ()
        if not refs:
            refs = tuple(
                dict.fromkeys(f.reference.path for f in by_path.get(path, ()) if f.reference)
            )
        key = refs or (f"\0{path}",)
        groups.setdefault(key, []).append(path)
        how.setdefault(key, resolution.how if resolution is not None else "")
    stories: list[_Story] = []
    for key, members in groups.items():
        versions: tuple[_Version, ...]
        if key[0].startswith("\0"):
            versions = (_Version(members[0], "unsourced"),)
            reason = "no source found: only single-version rules ran"
        else:
            versions = (_Version(key[0], "reference"), *(_Version(p, "rewrite") for p in members))
            reason = f"source found by {how[key]}" if how[key] else "source of the findings"
            if len(key) > 1:
                reason += "; also compared with " + ", ".join(key[1:])
        story_findings = tuple(f for p in members for f in by_path.get(p, ()))
        stories.append(_Story(f"story-{len(stories) + 1}", reason, versions, story_findings))
    complete = list(checked) or list(by_path)
    return _review(stories, summary, baseline_paths, root, baseline, complete, "check")


def _review(
    stories: Sequence[_Story],
    summary: Summary,
    baseline_paths: Mapping[str, str] | None,
    root: Path | None,
    baseline: Sequence[Entry],
    complete: Sequence[str],
    command: str,
) -> Review:
    paths = dict(baseline_paths or {})

    def recorded(path: str) -> str:
        if path not in paths:
            paths[path] = project_path(path, root)
        return paths[path]

    versions = [v.path for s in stories for v in s.versions]
    versions += [f.location.path for s in stories for f in s.findings]
    version_paths = tuple(dict.fromkeys(versions))
    version_index = {p: k for k, p in enumerate(version_paths)}
    views = []
    number = 0
    for s in stories:
        views.append(_story(s, number))
        number += len(s.findings)
    cards = [(view, card) for view in views for section in view.sections for card in section.cards]
    items = tuple(
        _item(card.finding, recorded(card.finding.location.path), version_index, view.id)
        for view, card in cards
    )
    scored = sorted(
        (c for _, c in cards if c.score is not None and c.finding.severity != "info"),
        key=lambda c: (-(c.score or 0.0), c.number),
    )[:WORST]
    worst = tuple(
        Worst(
            c.number, c.finding.severity, c.finding.rule, c.finding.location.path, c.finding.message
        )
        for c in scored
    )
    findings = [f for s in stories for f in s.findings]
    present = {f.category for f in findings}
    categories = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    by_severity = Counter(f.severity for f in findings)
    by_category = Counter(f.category for f in findings)
    by_both = Counter((f.category, f.severity) for f in findings)
    return Review(
        command=command,
        stories=tuple(views),
        finding_count=len(findings),
        version_count=sum(len(s.versions) for s in stories),
        counts=severity_counts(f.severity for f in findings),
        files=summary.files,
        acknowledged=summary.acknowledged,
        failed_files=summary.failed_files,
        severities=tuple(Choice(s, by_severity[s]) for s in SEVERITIES if by_severity[s]),
        categories=tuple(Choice(c, by_category[c]) for c in categories),
        rules=tuple(sorted({f.rule for f in findings})),
        versions=version_paths,
        recorded=tuple(recorded(p) for p in version_paths),
        tally=tuple(
            TallyRow(
                c,
                tuple(by_both[(c, s)] for s in SEVERITIES),
                sum(by_both[(c, s)] for s in SEVERITIES),
            )
            for c in categories
        ),
        totals=tuple(by_severity[s] for s in SEVERITIES),
        items=items,
        complete_paths=tuple(sorted({recorded(p) for p in complete})),
        baseline=tuple(baseline),
        worst=worst,
    )


def _item(f: Finding, path: str, version_index: Mapping[str, int], story: str) -> Item:
    return Item(
        path=path,
        rule=f.rule,
        fingerprint=f.fingerprint,
        text=f.location.text,
        reference=f.reference.text if f.reference else None,
        version=version_index[f.location.path],
        story=story,
    )


def _story(s: _Story, first: int) -> StoryView:
    """A story laid out: one section per version (then per other path with findings),
    its cards numbered on from ``first``."""
    grouped: dict[str, list[Finding]] = {v.path: [] for v in s.versions}
    for f in s.findings:
        grouped.setdefault(f.location.path, []).append(f)
    anchors = {path: f"{s.id}-v{k}" for k, path in enumerate(grouped)}
    rows = tuple(
        VersionRow(
            v.path,
            v.role,
            anchors[v.path],
            None if v.role == "reference" else v.similarity,
            severity_counts(f.severity for f in grouped[v.path]),
            v.score,
        )
        for v in s.versions
    )
    reference = s.versions[0].path if s.versions[0].role == "reference" else None
    roles = {v.path: v for v in s.versions}
    aligned = s.aligned or {}
    sections = []
    number = first
    for path, found in grouped.items():
        v = roles.get(path, _Version(path, "rewrite"))
        cards = []
        for f in found:
            score = s.scores.get((path, f.fingerprint))
            cards.append(_card(f, number, in_reference=path == reference, score=score))
            number += 1
        sections.append(
            Section(
                path,
                v.role,
                anchors[path],
                v.similarity if v.role == "rewrite" else None,
                _aligned(aligned[path]) if path in aligned else None,
                tuple(cards),
            )
        )
    return StoryView(
        id=s.id,
        reason=s.reason,
        first=s.versions[0].path,
        reference=reference,
        versions=rows,
        finding_count=len(s.findings),
        counts=severity_counts(f.severity for f in s.findings),
        consensus=s.consensus,
        sections=tuple(sections),
    )


def _aligned(pairs: Sequence[PassagePair]) -> Aligned:
    """The aligned view of one rewrite, with each row's kind and the counts it shows."""
    rows: list[Row] = []
    for pair in pairs:
        reference, rewrite = pair.reference, pair.rewrite
        if reference and rewrite:
            kind: RowKind = "changed" if rewrite.marks or reference.marks else "same"
            rows.append(Row(kind, _marked(reference), _marked(rewrite)))
        elif rewrite:
            rows.append(Row("added", None, Shown(rewrite.text, whole=True)))
        else:
            assert reference is not None
            rows.append(Row("omitted", Shown(reference.text, whole=True), None))
    return Aligned(
        tuple(rows),
        changed=sum(1 for p in pairs if p.reference and p.rewrite and p.rewrite.marks),
        added=sum(1 for p in pairs if not p.reference),
        omitted=sum(1 for p in pairs if not p.rewrite),
    )


def _card(f: Finding, number: int, *, in_reference: bool, score: float | None) -> Card:
    """A finding's card: which passages it shows on which side, and what is flagged."""
    loc, ref = f.location, f.reference
    ex, rex = f.excerpt, f.reference_excerpt
    quote = ref.text if ref is not None and f.category != "omission" else ""
    layout: Layout
    context = ""
    if f.category == "omission":
        layout = "omitted"
        left_text = ref.text if ref is not None else (rex.text if rex else "")
        left: Shown | None = Shown(left_text, whole=True)
        right: Shown | None = None
        if ex is not None and ex.text.strip():
            context = ex.text
    elif f.category == "addition":
        layout = "added"
        left = None
        right = _marked(ex) if ex is not None else Shown(loc.text, whole=True)
    elif ref is not None or rex is not None:
        layout = "pair"
        left, right = _flagged(rex, ref), _flagged(ex, loc)
    else:
        layout = "single"
        left = None
        right = _marked(ex) if ex is not None else Shown(loc.text)
    return Card(number, f, in_reference, layout, left, right, quote, context, fold(f), score)


def _flagged(excerpt: Excerpt | None, where: Location | None) -> Shown | None:
    """A side of a pair: its passage with the changed words marked or, when the rule gave
    no passage, the flagged words alone (None when there are none)."""
    if excerpt is not None:
        return _marked(excerpt)
    return Shown(where.text) if where is not None and where.text else None


def _marked(excerpt: Excerpt) -> Shown:
    """An excerpt with its marks in order; overlapping, empty or out-of-range marks are
    left out (as the text renderer does).

    >>> _marked(Excerpt("nine of 34", ((8, 10), (0, 4), (2, 6), (9, 9), (8, 99))))
    Shown(text='nine of 34', marks=((0, 4), (8, 10)), whole=False)
    """
    kept = []
    pos = 0
    for start, end in sorted(excerpt.marks):
        if start < pos or end <= start or end > len(excerpt.text):
            continue
        kept.append((start, end))
        pos = end
    return Shown(excerpt.text, tuple(kept))
