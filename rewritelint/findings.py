"""Stage 7, findings: the one place where findings are created.

Rule kinds call :meth:`Context.report`; it turns offsets into lines and columns of
the file as the user sees it, attaches the aligned passages for the editor, and
computes the fingerprint. Suppression and baselines act here and nowhere else.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rewritelint.diff import side_tokens
from rewritelint.entities import DEFAULT as DEFAULT_ALIASES
from rewritelint.entities import Aliases
from rewritelint.model import (
    CATEGORIES,
    SEVERITIES,
    Alignment,
    AnnotatedDocument,
    Edit,
    Excerpt,
    Finding,
    Location,
    Summary,
    Token,
)

if TYPE_CHECKING:
    from rewritelint.model import Rule

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Text as compared for fingerprints: casefolded, quotes straightened, spaces collapsed.

    >>> normalise("  Five  of the country’s ")
    "five of the country's"
    """
    return " ".join(text.translate(_QUOTES).split()).casefold()


def location(document: AnnotatedDocument, start: int, end: int) -> Location:
    """Where ``text[start:end]`` of a document is in its file."""
    doc = document.document
    raw_start, raw_end = doc.to_raw(start), doc.to_raw(end)
    line, column = doc.position(raw_start)
    end_line, end_column = doc.position(raw_end)
    return Location(
        doc.path, line, column, end_line, end_column, doc.raw[raw_start:raw_end], raw_start, raw_end
    )


def passages_over(document: AnnotatedDocument, start: int, end: int) -> tuple[int, ...]:
    """Indices of the passages a span touches (the one before it for an empty span)."""
    starts = [p.start for p in document.passages]
    first = max(bisect_right(starts, start) - 1, 0)
    last = max(bisect_right(starts, max(end - 1, start)) - 1, first)
    return tuple(range(first, last + 1))


def excerpt(
    document: AnnotatedDocument, passages: Sequence[int], marks: Iterable[tuple[int, int]]
) -> Excerpt:
    """The raw text of some passages, with marks given as text offsets made relative."""
    doc = document.document
    chosen = [document.passages[i] for i in sorted(passages)]
    start, end = doc.to_raw(chosen[0].start), doc.to_raw(chosen[-1].end)
    relative = tuple(
        (doc.to_raw(s) - start, doc.to_raw(e) - start)
        for s, e in sorted(marks)
        if start <= doc.to_raw(s) and doc.to_raw(e) <= end
    )
    return Excerpt(doc.raw[start:end], relative)


@dataclass
class Context:
    """What a rule kind sees: the documents, their alignment and edits, and ``report``."""

    rewrite: AnnotatedDocument
    reference: AnnotatedDocument | None = None
    alignments: Sequence[Alignment] = ()
    edits: Sequence[Edit] = ()
    aliases: Aliases = DEFAULT_ALIASES
    """Names that are one entity: the built-in groups plus the config's ``aliases``."""
    _findings: list[Finding] = field(default_factory=list)
    _sides: dict[int, tuple[tuple[Token, ...], tuple[Token, ...]]] = field(default_factory=dict)

    def sides(self, alignment: int) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
        """The tokens of an alignment's reference and rewrite passages, in document order:
        gathered once per alignment, however many rules and edits read them."""
        found = self._sides.get(alignment)
        if found is None:
            assert self.reference is not None, "a cross-version kind needs the reference"
            pair = self.alignments[alignment]
            found = (
                side_tokens(self.reference, pair.reference),
                side_tokens(self.rewrite, pair.rewrite),
            )
            self._sides[alignment] = found
        return found

    def report_replaced(self, rule: Rule, old: Token, new: Token, alignment: int) -> None:
        """Record that ``rule`` fired on one reference token replaced by a rewrite token
        (``{reference}`` and ``{rewrite}`` in the message are their texts)."""
        self.report(
            rule,
            (new.start, new.end),
            {"reference": old.text, "rewrite": new.text},
            reference_span=(old.start, old.end),
            alignment=alignment,
        )

    def report(
        self,
        rule: Rule,
        span: tuple[int, int],
        fields: Mapping[str, Any],
        *,
        reference_span: tuple[int, int] | None = None,
        alignment: int | None = None,
        reference_in_rewrite: bool = False,
        marks: Sequence[tuple[int, int]] | None = None,
        reference_marks: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        """Record that ``rule`` fired on ``rewrite.text[span]``.

        ``fields`` fill the rule's message template; ``reference_span`` points at
        the reference text the rewrite differs from (in the rewrite itself when
        ``reference_in_rewrite``: a name spelt two ways in one file); ``alignment`` names
        the aligned pair whose passages are shown to the editor; ``marks`` and
        ``reference_marks`` are the spans marked in the passages shown (default: the
        finding's own span on each side).
        """
        if self._suppressed(rule, span[0]):
            return
        loc = location(self.rewrite, *span)
        ref_loc = None
        ref_excerpt = None
        if reference_span is not None and reference_in_rewrite:
            ref_loc = location(self.rewrite, *reference_span)
        elif reference_span is not None and self.reference is not None:
            ref_loc = location(self.reference, *reference_span)
        if alignment is not None and self.reference is not None:
            pair = self.alignments[alignment]
            rew_passages = pair.rewrite or passages_over(self.rewrite, *span)
            if pair.reference:
                shown = reference_marks or ([reference_span] if reference_span else [])
                ref_excerpt = excerpt(self.reference, pair.reference, list(shown))
        else:
            rew_passages = passages_over(self.rewrite, *span)
        rew_marks = list(marks or [span])
        rew_excerpt = (
            excerpt(self.rewrite, rew_passages, rew_marks) if self.rewrite.passages else None
        )
        context = rew_excerpt.text if rew_excerpt else ""
        message = rule.message.format_map({k: _show(v) for k, v in fields.items()})
        self._findings.append(
            Finding(
                rule=rule.id,
                category=rule.category,
                severity=rule.severity,
                message=message,
                location=loc,
                reference=ref_loc,
                fingerprint=_fingerprint(
                    rule.id, loc.text, ref_loc.text if ref_loc else "", context
                ),
                excerpt=rew_excerpt,
                reference_excerpt=ref_excerpt,
            )
        )

    def _suppressed(self, rule: Rule, offset: int) -> bool:
        """Is the rule silenced here by an inline directive (``ignore-file`` anywhere, or
        ``ignore`` just before the passage holding the offset)?"""
        for directive in self.rewrite.document.directives:
            if directive.rules and not directive.rules & {rule.id, rule.category}:
                continue
            if directive.scope == "ignore-file":
                return True
            following = next((p for p in self.rewrite.passages if p.start >= directive.end), None)
            if following is not None and following.start <= offset <= following.end:
                return True
        return False

    def findings(self) -> list[Finding]:
        """The findings reported so far, sorted, duplicates removed, fingerprints unique."""
        unique = {(f.sort_key, f.location.end, f.fingerprint): f for f in self._findings}
        ordered = sorted(unique.values(), key=lambda f: (f.sort_key, f.location.end))
        seen: Counter[str] = Counter()
        result = []
        for f in ordered:
            seen[f.fingerprint] += 1
            if seen[f.fingerprint] > 1:
                f = replace(f, fingerprint=f"{f.fingerprint}-{seen[f.fingerprint]}")
            result.append(f)
        return result


def _show(value: Any) -> Any:
    """Message fields print texts without line breaks, so a finding stays on one line."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _fingerprint(rule: str, text: str, reference: str, context: str) -> str:
    """Rule + normalised before/after text + the passage around it; no line numbers,
    so the fingerprint survives text moving around the file."""
    payload = "\0".join([rule, normalise(text), normalise(reference), normalise(context)])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def summarise(
    findings: Sequence[Finding], files: int, failed_files: int = 0, acknowledged: int = 0
) -> Summary:
    """Count findings by severity, most severe first, leaving out zero counts."""
    counts = Counter(f.severity for f in findings)
    by_severity: dict[str, int] = {s: counts[s] for s in SEVERITIES if counts[s]}
    categories = Counter(f.category for f in findings)
    by_category = {c: categories[c] for c in CATEGORIES if categories[c]}
    return Summary(files, len(findings), by_severity, failed_files, by_category, acknowledged)
