"""Synthetic drift for the quality benchmark: one drift at a known span of an honest rewrite.

``bench/quality.py`` uses this module and its family; none of them depends on rewritelint (only
on nupunkt, for sentence boundaries), and none looks at the rule packs: what they inject follows
the finding categories of DESIGN.md and what real rewrite desks, spinners and scrapers do.

* ``drift_lexicon.py``: the word lists; ``drift_layout.py``: the structure of a text
  (:class:`~drift_layout.Layout`), the edits and the recorded
  :class:`~drift_layout.Injection`; ``benign.py``: the honest transformations
  (:func:`~benign.benign_rewrite`).
* the injectors, one module per family of categories: ``drift_figures.py`` (number, date),
  ``drift_certainty.py`` (hedge, negation), ``drift_people.py`` (name, quote, attribution),
  ``drift_passages.py`` (omission, addition, artifact, typo).
* here, :data:`INJECTORS` maps an injection type ("number-digits", "name-misspelt", ...) to its
  category and the function that picks a random eligible site in the benign rewrite and returns
  the edits; :func:`inject` applies them and records the span of the changed words in the final
  text (for a deletion, a small span around the join), asserting that the span really holds the
  injected text.

Every choice comes from the ``random.Random`` passed in, so a rewrite is a pure function of the
text and the seed.
"""

from __future__ import annotations

import random
import re

from drift_certainty import (
    inject_hedge_modal,
    inject_hedge_qualifier,
    inject_hedge_word,
    inject_negation_inserted,
    inject_negation_removed,
    inject_polarity,
)
from drift_figures import (
    PERCENT_AFTER,
    inject_date_month,
    inject_date_time,
    inject_date_weekday,
    inject_date_year,
    inject_number_digits,
    inject_number_money,
    inject_number_percent,
    inject_number_word,
)
from drift_layout import (
    Injection,
    Injector,
    Layout,
    Plan,
    apply_edits,
    trimmed,
    widen,
    word_before,
)
from drift_lexicon import EGGCORNS, QUOTE_SYNONYMS, SMALL_NUMBER_WORDS, TENS_WORDS
from drift_passages import (
    inject_addition,
    inject_artifact_punctuation,
    inject_artifact_residue,
    inject_artifact_stray_period,
    inject_omission,
    inject_typo_eggcorn,
    inject_typo_misspelt,
    inject_typo_repeated,
)
from drift_people import (
    inject_attribution_dropped,
    inject_attribution_swapped,
    inject_name_misspelt,
    inject_name_swapped,
    inject_quote_added,
    inject_quote_changed,
    inject_quote_dropped,
    inject_quote_marks_dropped,
)

# --- the injection types ----------------------------------------------------------------------

INJECTORS: dict[str, tuple[str, Injector]] = {
    "number-digits": ("number", inject_number_digits),
    "number-word": ("number", inject_number_word),
    "number-percent": ("number", inject_number_percent),
    "number-money": ("number", inject_number_money),
    "date-weekday": ("date", inject_date_weekday),
    "date-month": ("date", inject_date_month),
    "date-year": ("date", inject_date_year),
    "date-time": ("date", inject_date_time),
    "name-misspelt": ("name", inject_name_misspelt),
    "name-swapped": ("name", inject_name_swapped),
    "quote-word-changed": ("quote", inject_quote_changed),
    "quote-word-dropped": ("quote", inject_quote_dropped),
    "quote-word-added": ("quote", inject_quote_added),
    "quote-marks-dropped": ("quote", inject_quote_marks_dropped),
    "negation-inserted": ("negation", inject_negation_inserted),
    "negation-removed": ("negation", inject_negation_removed),
    "negation-polarity": ("negation", inject_polarity),
    "hedge-qualifier-dropped": ("hedge", inject_hedge_qualifier),
    "hedge-word-dropped": ("hedge", inject_hedge_word),
    "hedge-modal-strengthened": ("hedge", inject_hedge_modal),
    "attribution-swapped": ("attribution", inject_attribution_swapped),
    "attribution-dropped": ("attribution", inject_attribution_dropped),
    "omission-sentence": ("omission", inject_omission),
    "addition-sentence": ("addition", inject_addition),
    "artifact-residue": ("artifact", inject_artifact_residue),
    "artifact-double-punctuation": ("artifact", inject_artifact_punctuation),
    "artifact-stray-period": ("artifact", inject_artifact_stray_period),
    "typo-eggcorn": ("typo", inject_typo_eggcorn),
    "typo-repeated-word": ("typo", inject_typo_repeated),
    "typo-misspelt": ("typo", inject_typo_misspelt),
}
"""Injection type -> (category, injector). Types of one category are reported separately."""
SECONDARY = {"attribution-swapped": ("name",)}
"""Categories that a finding on the injected span may also honestly carry."""


def inject(layout: Layout, kind: str, rng: random.Random) -> tuple[str, Injection] | None:
    """Apply one injection of type ``kind`` to the layout's text, or None without a site.

    The span is checked here: it must hold every inserted piece of text, and the rewrite must
    equal the benign text with exactly the planned edits.
    """
    category, injector = INJECTORS[kind]
    plan = injector(layout, rng)
    if plan is None:
        return None
    text, spans = apply_edits(layout.text, plan.edits)
    if plan.span == "join":
        start, end = widen(text, spans[0][0], spans[-1][1])
    elif plan.span == "between":
        start, end = spans[0][0], spans[-1][1]
    else:
        start, end = trimmed(text, spans[0][0], spans[-1][1])
    old = " … ".join(layout.text[e.start : e.end] for e in plan.edits if e.end > e.start)
    new = " … ".join(e.new.strip() for e in plan.edits if e.new.strip())
    assert text != layout.text, (kind, plan)
    assert start < end, (kind, plan, start, end)
    for edit, (s, e) in zip(plan.edits, spans, strict=True):
        assert text[s:e] == edit.new, (kind, edit)
        piece = edit.new.strip()
        if piece:
            at = s + edit.new.index(piece)
            assert start <= at and at + len(piece) <= end, (kind, edit, start, end)
            assert piece in text[start:end], (kind, piece, text[start:end])
    secondary = set(SECONDARY.get(kind, ()))
    if category != "quote" and any(layout.quote_at(e.start) for e in plan.edits):
        secondary.add("quote")
    return text, Injection(
        kind=kind,
        category=category,
        old=old,
        new=new,
        start=start,
        end=end,
        secondary=tuple(sorted(secondary)),
        removed=plan.removed,
        variant=variant_of(kind, layout, plan, old, new),
    )


def variant_of(kind: str, layout: Layout, plan: Plan, old: str, new: str) -> str:
    """A finer label of an injection, read off its edits, so the report can show which forms
    of a drift type the rules miss (e.g. "by in large" among the eggcorns).

    >>> from drift_layout import Edit, make_layout
    >>> variant_of("negation-removed", make_layout("x"), Plan((Edit(0, 1, ""),)), "didn't", "did")
    "n't"
    """
    text, first = layout.text, plan.edits[0]
    after = text[first.end : first.end + 12]
    if kind.startswith("number-"):
        percent = PERCENT_AFTER.match(after)
        if percent:
            return "X" + percent.group()
        if kind == "number-money":
            if re.match(r"(?:m|bn)\b", after):
                return "$Xm/$Xbn"
            return "$X million/billion" if re.match(r" (?:[mb]|tr)illion", after) else "$X"
        if kind == "number-word":
            word = old.lower()
            return (
                "small" if word in SMALL_NUMBER_WORDS else "tens" if word in TENS_WORDS else "scale"
            )
        value = old.replace(",", "")
        return "decimal" if "." in value else "1-12" if float(value) <= 12 else ">12"
    if kind in ("name-misspelt",):
        return {1: "letter dropped", -1: "letter doubled"}.get(
            len(old) - len(new), "letters swapped"
        )
    if kind.startswith("quote-") or (kind == "attribution-dropped" and re.search('["”]', new)):
        quote = layout.quote_at(first.start) or layout.quote_at(max(0, first.start - 1))
        mark = text[quote[0]] if quote else ""
        style = "curly" if mark == "“" else "straight" if mark == '"' else "unquoted"
        if kind == "quote-word-changed":
            how = "synonym" if QUOTE_SYNONYMS.get(old) == new else "other word"
            return f"{style}, {how}"
        return style if kind.startswith("quote-") else "after a quotation"
    if kind == "attribution-dropped":
        return (
            "according to" if "according" in old else "leading" if old[:1].isupper() else "trailing"
        )
    if kind == "attribution-swapped":
        before = text[max(0, first.start - 16) : first.start]
        return "said X" if re.search(r"(?:said|says|according to) $", before) else "X said"
    if kind == "negation-removed":
        return "n't" if "n't" in old or "n’t" in old else old.strip().lower()
    if kind == "negation-inserted":
        return word_before(text, first.start).lower()
    if kind in ("negation-polarity", "hedge-modal-strengthened", "hedge-qualifier-dropped"):
        return re.sub(r"\s+", " ", old).strip().lower()
    if kind == "hedge-word-dropped":
        return next((w for w in old.lower().split() if w.strip(",") not in ("a", "an")), old).strip(
            ","
        )
    if kind == "date-month":
        return "abbreviated" if old.endswith(".") else "full"
    if kind == "date-time":
        after = text[first.end : first.end + 10]
        style = "a.m./p.m." if re.search(r"[ap]\.m\.", after) else "am/pm"
        return style + (" with minutes" if after.startswith(":") else "")
    if kind == "omission-sentence":
        return "whole paragraph" if "\n" in old else "within a paragraph"
    if kind in ("artifact-residue", "artifact-double-punctuation"):
        return new
    if kind == "typo-eggcorn":
        return next((w for _, w in EGGCORNS if w in new.lower()), new)
    if kind == "typo-repeated-word":
        return "X and X" if first.start != first.end else "doubled word"
    return ""
