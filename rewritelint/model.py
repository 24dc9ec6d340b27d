"""The plain data that flows between pipeline stages.

Every stage takes and returns these frozen dataclasses (tokens are named tuples), so
a stage can be tested, cached or run in another process on its own. Offsets are
character offsets into ``Document.text`` (the text used for matching) unless a field
says otherwise; ``Document.to_raw`` maps them back to the file as the user sees it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, Protocol

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
"""Most to least severe; the order the fail level is compared in."""
SEVERITY_RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}
"""Severity -> 0 (error), 1 (warning), 2 (info): sort keys and the fail-level test."""


def at_least(severity: str, level: str) -> bool:
    """Is a finding of ``severity`` at or above the fail level ``level``?

    >>> at_least("error", "warning"), at_least("info", "warning")
    (True, False)
    """
    return SEVERITY_RANK[severity] <= SEVERITY_RANK[level]


CATEGORIES = (
    "number",
    "name",
    "date",
    "quote",
    "negation",
    "attribution",
    "hedge",
    "omission",
    "addition",
    "artifact",
    "typo",
)
"""The finding categories of the contract in DESIGN.md: every finding has exactly one."""


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression: ``ignore`` silences the next passage, ``ignore-file`` the file."""

    start: int
    end: int
    """Offset just after the comment: the passage after it is the one silenced."""
    scope: str
    """``ignore`` or ``ignore-file``."""
    rules: frozenset[str]
    """Rule ids or categories; empty means every rule."""


@dataclass(frozen=True, slots=True)
class Document:
    """One version of a story, decoded, with what matching needs kept beside the original."""

    path: str
    """The path as the user gave it; findings print it unchanged."""
    raw: str
    """The decoded file text (BOM removed, line endings untouched): what the user sees."""
    text: str
    """Text used for matching: mojibake repaired; front matter and markup blanked to spaces."""
    encoding: str = "utf-8"
    """The encoding the file was decoded with."""
    front_matter: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """YAML front matter of a Markdown story (``---`` … ``---``), empty when there is none."""
    shifts: tuple[tuple[int, int], ...] = ()
    """Sorted ``(text_offset, raw_minus_text)`` anchors; empty when text and raw align 1:1."""
    line_starts: tuple[int, ...] = (0,)
    """Raw offsets at which each line starts (``\\r\\n``, ``\\r`` and ``\\n`` end a line)."""
    directives: tuple[Directive, ...] = ()
    """Inline ``<!-- rewritelint: ignore ... -->`` comments, in order."""

    def to_raw(self, offset: int) -> int:
        """Map an offset in ``text`` to the offset of the same character in ``raw``."""
        if not self.shifts:
            return offset
        i = bisect_right(self.shifts, (offset, float("inf"))) - 1
        return offset if i < 0 else offset + self.shifts[i][1]

    def position(self, raw_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a raw offset; columns count code points."""
        line = bisect_right(self.line_starts, raw_offset)
        return line, raw_offset - self.line_starts[line - 1] + 1


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of a document, with the paragraph it belongs to."""

    index: int
    """Position among the document's passages."""
    start: int
    end: int
    paragraph: int
    """Index of the paragraph (block of text between blank lines or line breaks)."""
    text: str
    """``Document.text[start:end]``."""


class Token(NamedTuple):
    """A word, number phrase or punctuation mark, with the classes annotate gave it.

    A named tuple rather than a frozen dataclass like its neighbours: a 1,000-word story
    makes some 2,400 tokens and a tuple is built 3.5x faster, a tenth of ``prepare``."""

    start: int
    end: int
    text: str
    """Surface text as written (``Document.text[start:end]``)."""
    norm: str
    """Normalised form compared by the diff: casefolded, quotes straightened, number values."""
    kind: str = "word"
    """One of ``word``, ``number``, ``punct``, ``quote``."""
    value: str | None = None
    """Canonical value for numbers ("9", "500000", "95%") and dates ("tuesday", "august")."""
    tags: frozenset[str] = frozenset()
    """Classes such as ``name``, ``weekday``, ``month``, ``year``, ``negation``, ``quoted``."""
    passage: int = -1
    """Index of the passage the token belongs to."""


@dataclass(frozen=True, slots=True)
class Quotation:
    """A span of quoted words, between its opening and closing marks (or a paragraph end)."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just after the closing mark (or the end of the paragraph when unclosed)."""
    closed: bool
    """False when no closing mark was found before the paragraph ended."""


@dataclass(frozen=True, slots=True)
class Outline:
    """What the aligner looks at in a document: each passage's match keys, and a digest
    equal exactly when two passages have the same normalised tokens. A few kilobytes a
    story and picklable, so grouping a large folder keeps outlines, not documents."""

    keys: tuple[tuple[str, ...], ...]
    identities: tuple[bytes, ...]


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A document with its passages, tokens per passage and quotations: align's input."""

    document: Document
    passages: tuple[Passage, ...]
    tokens: tuple[tuple[Token, ...], ...]
    """``tokens[i]`` are the tokens of ``passages[i]``."""
    quotations: tuple[Quotation, ...] = ()


@dataclass(frozen=True, slots=True)
class Alignment:
    """Passages of the reference matched to passages of the rewrite.

    One-to-one, one-to-many (a sentence split or merged), or one-sided: an empty
    ``rewrite`` is an omission, an empty ``reference`` an addition.
    """

    reference: tuple[int, ...]
    rewrite: tuple[int, ...]
    score: float
    """Similarity of the two sides, 1.0 for identical normalised text."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One word-level difference inside an aligned pair."""

    op: Literal["replace", "delete", "insert"]
    reference: tuple[Token, ...]
    rewrite: tuple[Token, ...]
    reference_at: int
    """Offset in the reference where the edit sits (its start, or the insertion point)."""
    rewrite_at: int
    """Offset in the rewrite where the edit sits (its start, or the deletion point)."""
    alignment: int
    """Index of the alignment the edit belongs to."""


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points, in the file as the user sees it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    """The file's own text at this span."""
    start: int
    """Raw character offset of the span start (for renderers that highlight)."""
    end: int


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A passage shown next to a finding so an editor can judge it without opening the file."""

    text: str
    """The passage's raw text."""
    marks: tuple[tuple[int, int], ...]
    """Spans inside ``text`` that differ from the other side."""


@dataclass(frozen=True, slots=True)
class PassagePair:
    """One row of the aligned view of two versions: the reference passage(s) and the
    rewrite passage(s) they align with, each with its changed words marked (None for an
    omitted or added passage)."""

    reference: Excerpt | None
    rewrite: Excerpt | None


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule firing at one place. Created only by ``findings.Context.report``."""

    rule: str
    category: str
    severity: Severity
    message: str
    location: Location
    reference: Location | None
    """The reference text the rewrite differs from; None for single-version findings."""
    fingerprint: str
    """Stable across runs and line moves: rule, normalised texts and a little context."""
    excerpt: Excerpt | None = None
    """The rewrite passage, with the changed words marked."""
    reference_excerpt: Excerpt | None = None
    """The aligned reference passage, with the changed words marked."""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule, self.message)


# --- rules and runs -------------------------------------------------------------------------

# The end of a rule doc's first sentence: a period after a word, then a capital.
_SENTENCE_END = re.compile(r"(?<=[a-z)\"”'`])\.\s+(?=[A-Z])")


class RuleKind(Protocol):
    """What a rule needs of its kind (``rewritelint.kinds.Kind`` is the implementation;
    the protocol keeps this module free of the kinds, so nothing imports in a circle)."""

    @property
    def name(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def cross_version(self) -> bool: ...
    @property
    def placeholders(self) -> frozenset[str]: ...

    def run(self, rule: Rule, ctx: Any) -> None: ...


@dataclass(frozen=True)
class Example:
    """A documented case: the rule must flag exactly ``expect`` (texts in the rewrite)."""

    rewrite: str
    reference: str | None = None
    expect: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One configured rule: a kind with its parameters, severity and documentation."""

    id: str
    category: str
    severity: Severity
    kind: RuleKind
    message: str
    doc: str = ""
    examples: tuple[Example, ...] = ()
    path: str = ""
    """The rule file it came from (for error messages and ``rewritelint rules``)."""
    line: int = 0
    column: int = 1

    @property
    def summary(self) -> str:
        """First sentence of the documentation (or the kind's summary)."""
        text = " ".join(self.doc.split())
        if not text:
            return self.kind.summary
        end = _SENTENCE_END.search(text)
        return text if end is None else text[: end.start() + 1]


@dataclass(frozen=True)
class Summary:
    """Counts shown at the end of a run (and in the JSON ``summary``)."""

    files: int
    findings: int
    by_severity: dict[str, int]
    failed_files: int = 0
    """Files that could not be read (each already reported as an error line)."""
    by_category: dict[str, int] = field(default_factory=dict)
    """Findings per category, in the contract's category order."""
    acknowledged: int = 0
    """Findings left out because the baseline acknowledges them."""
