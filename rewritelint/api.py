"""The library entry: run the pipeline load → segment → annotate → align → diff → rules.

For CMS integrations and notebooks::

    from rewritelint import check_texts
    for finding in check_texts(wire_text, rewrite_text):
        print(finding.location.line, finding.rule, finding.message)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rewritelint import caches
from rewritelint.align import align
from rewritelint.annotate import annotate
from rewritelint.budget import UNLIMITED, Deadline
from rewritelint.diff import diff
from rewritelint.errors import RuleFileError
from rewritelint.findings import Context
from rewritelint.kinds.pattern import PatternTimeout
from rewritelint.load import load, load_text
from rewritelint.model import Alignment, AnnotatedDocument, Document, Edit, Finding
from rewritelint.ruleset import RuleSet, load_ruleset
from rewritelint.segment import segment

__all__ = [
    "Comparison",
    "check_paths",
    "check_texts",
    "clear_caches",
    "compare",
    "lint",
    "prepare",
]


@dataclass(frozen=True)
class Comparison:
    """A rewrite aligned with its reference: everything the cross-version rules look at."""

    rewrite: AnnotatedDocument
    reference: AnnotatedDocument | None
    alignments: tuple[Alignment, ...]
    edits: tuple[Edit, ...]


REUSE_LIMIT = 50_000
"""Characters up to which a document's parse is kept for another document with the same
text (a story republished word for word; 50,000 characters is some 8,000 words). A parse
takes about 45 bytes a character, so the 8 kept hold at most some 18 MB a process;
longer texts are parsed each time."""


def prepare(document: Document) -> AnnotatedDocument:
    """Segment and annotate a document (done once per document, reused across pairs)."""
    if len(document.text) > REUSE_LIMIT:
        return annotate(document, segment(document))
    parsed = _parsed(document.text)
    return AnnotatedDocument(document, parsed.passages, parsed.tokens, parsed.quotations)


@caches.bounded(maxsize=8)
def _parsed(text: str) -> AnnotatedDocument:
    """The passages, tokens and quotations of a text: they depend on nothing else, so
    two files with one text are parsed once."""
    document = Document("", text, text)
    return annotate(document, segment(document))


def clear_caches() -> None:
    """Forget what every memo of the package holds (``rewritelint.caches``). The caches
    are bounded, so this is never needed for memory; the speed benchmark calls it so that
    every pass measures documents never seen."""
    caches.clear_all()


def compare(
    rewrite: AnnotatedDocument,
    reference: AnnotatedDocument | None,
    deadline: Deadline = UNLIMITED,
) -> Comparison:
    """Align a rewrite with its reference and diff every aligned pair (``OverBudget``
    when that passes ``deadline``)."""
    if reference is None:
        return Comparison(rewrite, None, (), ())
    alignments = tuple(align(reference, rewrite, deadline))
    return Comparison(rewrite, reference, alignments, tuple(diff(reference, rewrite, alignments)))


def lint(comparison: Comparison, ruleset: RuleSet, deadline: Deadline = UNLIMITED) -> list[Finding]:
    """Run every rule on a comparison; findings come back sorted. Past ``deadline``, or
    with more findings than its budget allows, ``OverBudget``."""
    ctx = Context(
        comparison.rewrite,
        comparison.reference,
        comparison.alignments,
        comparison.edits,
        aliases=ruleset.aliases,
    )
    for rule in ruleset.rules:
        deadline.check()
        if rule.kind.cross_version and comparison.reference is None:
            continue
        try:
            rule.kind.run(rule, ctx)
        except PatternTimeout as exc:
            raise RuleFileError(
                rule.path,
                rule.line,
                1,
                f"rule {rule.id!r}: pattern {exc.pattern!r} ran too long on "
                f"{comparison.rewrite.document.path}; simplify it",
            ) from None
    findings = ctx.findings()
    deadline.check_findings(len(findings))
    return findings


def _ruleset(rules: RuleSet | Sequence[str | Path] | None) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules
    return load_ruleset(rules or ())


def check_texts(
    reference: str | None,
    rewrite: str,
    *,
    rules: RuleSet | Sequence[str | Path] | None = None,
    reference_path: str = "<reference>",
    rewrite_path: str = "<rewrite>",
) -> list[Finding]:
    """Lint a rewrite's text against its reference's text.

    ``rules`` is a RuleSet, or extra rule-file paths added to the built-in packs;
    ``reference=None`` runs only the single-version rules (artifacts, typos).
    """
    ref = prepare(load_text(reference, reference_path)) if reference is not None else None
    return lint(compare(prepare(load_text(rewrite, rewrite_path)), ref), _ruleset(rules))


def check_paths(
    reference: str | Path | None,
    rewrite: str | Path,
    *,
    rules: RuleSet | Sequence[str | Path] | None = None,
) -> list[Finding]:
    """Lint a rewrite file against its reference file (paths kept as given in findings)."""
    ref = prepare(load(str(reference))) if reference is not None else None
    return lint(compare(prepare(load(str(rewrite))), ref), _ruleset(rules))
