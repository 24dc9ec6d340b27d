"""Kind ``attribution``: who said it changed, or the reporting clause was dropped.

A reporting clause is a reporting verb ("said", "told", "according to") with the names
next to it ("the State Department said", "said Khalilzad"). Pronouns and titles are
not compared ("he said" for "Khalilzad said" is honest rewriting); names are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from rewritelint.entities import Aliases, same_entity
from rewritelint.kinds import Kind, register_kind
from rewritelint.kinds.change import is_near_miss
from rewritelint.model import AnnotatedDocument, Token
from rewritelint.vocabulary import TITLES

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import Rule

WINDOW = 5
"""How many tokens either side of the verb may hold the speaker."""
Mode = Literal["changed", "dropped"]
MODES: tuple[str, ...] = get_args(Mode)


PRONOUNS = frozenset("he she they it we i you officials official".split())
UNNAMED = PRONOUNS | frozenset(
    """statement report spokesman spokeswoman spokesperson police ministry department agency
    sources source aide aides witnesses residents authorities""".split()
)
"""Subjects of a reporting clause that name no one ("the statement said", "police said")."""


@dataclass(frozen=True)
class Clause:
    """A reporting verb and the names of its source (empty for "she said")."""

    verb: Token
    names: tuple[Token, ...]
    unnamed: bool
    """The subject is a pronoun or an unnamed official."""


def clauses(tokens: Sequence[Token]) -> list[Clause]:
    """The reporting clauses of a passage.

    The source is the run of names just before the verb ("State Department spokesman
    Ned Price told") or, failing that, just after it ("said Khalilzad", "according to
    the State Department"); names further away are the clause's objects ("told U.S.
    Naval War College graduates") and do not count.
    """
    found = []
    for k, token in enumerate(tokens):
        if "reporting" not in token.tags:
            continue
        subject = tokens[k - 1].norm if k else ""
        # "He said that Ginsburg would retire": the pronoun is the source, not Ginsburg.
        names = _run(tokens, k, -1) or ([] if subject in UNNAMED else _run(tokens, k, 1))
        nearby = range(max(k - 3, 0), min(k + 3, len(tokens)))
        # A quotation's own clause (",” the attorney said") names its speaker however it
        # does: dropping it leaves the quote unattributed.
        unnamed = not names and (
            any(tokens[i].norm in UNNAMED for i in nearby if abs(i - k) <= 2)
            or any(tokens[i].kind == "quote" for i in nearby if i < k)
        )
        found.append(Clause(token, tuple(names), unnamed))
    return found


def _run(tokens: Sequence[Token], k: int, step: int) -> list[Token]:
    """Names in the stretch next to the verb at ``k`` (in direction ``step``): it may
    start with a few lower-case words ("to the", "spokesman") and ends at the first
    punctuation or quotation mark, or at a lower-case word after a name."""
    names: list[Token] = []
    i = k + step
    while 0 <= i < len(tokens) and abs(i - k) <= WINDOW:
        t = tokens[i]
        if t.text == "." and 0 <= i - 1 < len(tokens) and tokens[i - 1].norm in TITLES:
            i += step  # the dot of "Rev." or "Gen." does not end the name
            continue
        if t.kind in ("punct", "quote") or "quoted" in t.tags or "reporting" in t.tags:
            break
        if step > 0 and t.norm == "that":
            break  # "said that X ...": X is what was said, not who said it
        if t.norm in TITLES:
            pass  # "the Rev. Patrick Mahoney": the title is not the source's name
        elif "name" in t.tags or _capitalised(t):
            bare = t.text.replace(".", "")
            if not (bare.isupper() and len(bare) <= 3):  # "US", "U.N.": not a source
                names.append(t)
        elif names:
            if step > 0 and t.kind == "word" and t.norm not in _AFTER_SPEAKER:
                return []  # "said Washington will send": the subject of what was said
            break
        i += step
    return sorted(names, key=lambda t: t.start)


_AFTER_SPEAKER = frozenset(
    """on in at during after before from of to by late early last this yesterday today
    tonight who whose and""".split()
)
"""Words that can follow the speaker of "said X" ("said Khalilzad on Tuesday"); any
other lower-case word makes X the subject of the reported words ("said Reid was")."""


def _dropped(
    old: Sequence[Clause], new: Sequence[Clause], rewrite: Sequence[Token], aliases: Aliases
) -> Clause | None:
    """The reference's reporting clause the rewrite lost, if any: a named source that
    the rewrite names nowhere in the passage ("according to Reuters" cut), or, when the
    rewrite has no reporting clause at all, the first clause. A source still named
    ("Capital One reported" -> "Capital One published") is not dropped, nor a clause
    whose source is neither named nor a pronoun."""
    words = {t.norm for t in rewrite if "quoted" not in t.tags}
    capitals = {t.text for t in rewrite if t.text[:1].isupper() and "quoted" not in t.tags}
    old_names = {t.norm for c in old for t in c.names}
    still_named = old_names & words
    # A source named anew is "changed", not dropped; one named in both versions is neither.
    renamed = any(c.names and not {t.norm for t in c.names} & old_names for c in new)
    for clause in old:
        cut = clause.verb.norm == "according" and "according" not in words
        if cut and not renamed and not {t.norm for t in clause.names} & still_named:
            return clause  # "according to the court document" cut ("Reuters reported" kept)
        if renamed or not clause.names or {t.norm for t in clause.names} & words:
            continue
        source = " ".join(t.text for t in clause.names)
        if not any(same_entity(source, name, aliases) for name in capitals):
            return clause  # not even an acronym or alias of it ("WHO") is left
    if new:
        return None
    return next((c for c in old if c.unnamed), None)


@register_kind
@dataclass(frozen=True)
class Attribution(Kind):
    """``mode: changed`` fires when both aligned passages attribute their words to named
    sources and the names have nothing in common; ``mode: dropped`` fires when the
    reference names a source and the aligned rewrite has no reporting clause at all."""

    name = "attribution"
    summary = "the source a passage is attributed to changed or was dropped"
    cross_version = True
    placeholders = frozenset(["reference", "rewrite"])

    mode: Mode = "changed"
    """``changed`` or ``dropped``."""

    def run(self, rule: Rule, ctx: Context) -> None:
        if ctx.reference is None:
            return
        for index, pair in enumerate(ctx.alignments):
            if not pair.reference or not pair.rewrite or pair.score >= 0.999:
                continue
            ref_tokens, rew_tokens = ctx.sides(index)
            old = clauses(ref_tokens)
            if not old:
                continue
            new = clauses(rew_tokens)
            if self.mode == "dropped":
                lost = _dropped(old, new, rew_tokens, ctx.aliases)
                if lost is not None:
                    verb = lost.verb
                    ctx.report(
                        rule,
                        _span(rew_tokens),
                        {
                            "reference": _clause_text(ctx.reference, ref_tokens, verb),
                            "rewrite": "",
                        },
                        reference_span=(verb.start, verb.end),
                        alignment=index,
                    )
                continue
            sources = [c for c in old if c.names]
            rewrite_words = {t.norm for t in rew_tokens if "quoted" not in t.tags}
            rewrite_words -= {t.norm for c in new for t in c.names}
            reference_words = {t.norm for t in ref_tokens}
            for clause in new:
                if not clause.names or not sources:
                    continue
                if any(
                    same_entity(_text(c.names), _text(clause.names), ctx.aliases) for c in sources
                ):
                    continue  # one source: "Khalilzad"/"Zalmay Khalilzad", "UK"/"Britain"
                if any(c.names[-1].norm in rewrite_words for c in sources) and (
                    clause.names[-1].norm in reference_words
                ):
                    continue  # the two names of the reference passage, roles moved around
                if any(is_near_miss(c.names[-1].text, clause.names[-1].text) for c in sources):
                    continue  # one source misspelt ("Gowdy"/"Gowyd"): the name rules say so
                source = sources[0]
                ctx.report(
                    rule,
                    _span(clause.names),
                    {
                        "reference": " ".join(t.text for t in source.names),
                        "rewrite": " ".join(t.text for t in clause.names),
                    },
                    reference_span=_span(source.names),
                    alignment=index,
                )


_NOT_SOURCES = frozenset(
    """the a an but and or so yet in on at this that these those there officials police
    authorities witnesses residents analysts experts sources reports critics observers""".split()
)


def _capitalised(token: Token) -> bool:
    """A capitalised word that starts a sentence ("Smith said"): the first word has no
    name tag (annotate cannot tell "Smith" from "Officials" there), but is a source."""
    return (
        token.kind == "word"
        and token.text[:1].isupper()
        and token.norm not in PRONOUNS
        and token.norm not in _NOT_SOURCES
        and not token.tags & {"weekday", "month", "negation", "hedge"}
    )


def _span(tokens: Sequence[Token]) -> tuple[int, int]:
    return tokens[0].start, tokens[-1].end


def _clause_text(document: AnnotatedDocument, tokens: Sequence[Token], verb: Token) -> str:
    """The words around a reporting verb as written, for the message."""
    k = tokens.index(verb)
    words = [t for t in tokens[max(k - 3, 0) : k + 4] if t.kind not in ("quote", "punct")]
    return document.document.text[words[0].start : words[-1].end]


def _text(tokens: Sequence[Token]) -> str:
    return " ".join(t.text for t in tokens)
