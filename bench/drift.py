"""Synthetic rewrites for the quality benchmark: honest rewriting, and one drift at a known span.

``bench/quality.py`` imports this module; it has no dependency on rewritelint (only on nupunkt,
for sentence boundaries), and it never looks at the rule packs: what it injects follows the
finding categories of DESIGN.md and what real rewrite desks, spinners and scrapers do.

* :func:`benign_rewrite` applies a random subset (at least three) of honest transformations —
  reordered body paragraphs, merged and split sentences, numerals spelt out and back, percent
  and money styles, straight/curly quotes, US/UK spelling, "U.S."/"US", reporting-verb synonyms,
  agency boilerplate — and says which ones changed the text.
* :data:`INJECTORS` maps an injection type ("number-digits", "name-misspelt", ...) to a function
  that picks a random eligible site in the benign rewrite and returns the edits; :func:`inject`
  applies them and records the span of the changed words in the final text (for a deletion, a
  small span around the join), asserting that the span really holds the injected text.

Every choice comes from the ``random.Random`` passed in, so a rewrite is a pure function of the
text and the seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

# --- vocabulary -------------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = ("Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
AMBIGUOUS_MONTHS = frozenset({"March", "May", "April", "June", "August"})
"""Also a verb, a modal or a first name: changed only where the context makes a date."""

SMALL_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALE_WORDS = ("hundred", "thousand", "million", "billion")

STOP_NAMES = frozenset(
    """
    The A An He She It They We I You His Her Their Our Its This That These Those There Here But And
    Or If When While After Before In On At For With As By From To Of Not No Yes So Yet Still Also
    Then Now Today Yesterday Tomorrow What Who Why How Where Which Mr Mrs Ms Dr Sen Rep Gov Gen Lt
    Col Sgt Capt President Senator Governor Secretary Minister Prime Chairman Chairwoman Director
    General Judge Justice Officer Chief Speaker Leader Representative Congressman Congresswoman
    Mayor Attorney Department Committee Court Supreme Federal National State States United Party
    Administration Government Republican Republicans Democrat Democrats Democratic Congress Senate
    House White American Americans Street Avenue News Press Associated Reuters God Christmas
    Internet Twitter Facebook Many Some Most All Every Each Both Several Other Another One Two Three
    First Second Last Next New Former Vice Deputy Assistant Council Commission Agency Office
    Bureau University College School Center Centre Institute Foundation Association Union Act Bill
    Law Amendment Constitution County City Island North South East West Northern Southern Eastern
    Western Central Saturday Sunday Monday Tuesday Wednesday Thursday Friday January February March
    April May June July August September October November December Jan Feb Aug Sept Oct Nov Dec
    Update Updated Editor Note Read More Photo Video Watch Click Share Related Advertisement
    Reporting Editing Additional Writing Copyright Like Just Even Only After According Despite
    During Since Until However Meanwhile Instead Although Though Because Under Over Against Without
    Between Among Inside Outside Asked Said Says Told Added Would Could Should Will Can May Might
    Must Did Does Do Is Was Were Are Has Have Had Detective Prosecutor Sheriff Sergeant Lieutenant
    Captain Spokesman Spokeswoman Professor Coach Police Commissioner Agent Trooper Deputy Chairman
    """.split()
)
"""Capitalised words that are not names of people, places or organisations (or are titles)."""

TITLES = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev)"
"""Abbreviated titles before a surname ("Mr. Boehner")."""

REPORTING_VERBS = (
    "said",
    "says",
    "stated",
    "told",
    "added",
    "noted",
    "wrote",
    "argued",
    "warned",
    "insisted",
    "claimed",
    "explained",
)

US_TO_UK = {
    "color": "colour",
    "colors": "colours",
    "colored": "coloured",
    "favor": "favour",
    "favors": "favours",
    "favored": "favoured",
    "favorable": "favourable",
    "favorite": "favourite",
    "favorites": "favourites",
    "honor": "honour",
    "honors": "honours",
    "honored": "honoured",
    "labor": "labour",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "neighborhood": "neighbourhood",
    "neighborhoods": "neighbourhoods",
    "neighboring": "neighbouring",
    "behavior": "behaviour",
    "behaviors": "behaviours",
    "humor": "humour",
    "rumor": "rumour",
    "rumors": "rumours",
    "harbor": "harbour",
    "endeavor": "endeavour",
    "vigor": "vigour",
    "center": "centre",
    "centers": "centres",
    "theater": "theatre",
    "theaters": "theatres",
    "fiber": "fibre",
    "defense": "defence",
    "offense": "offence",
    "offenses": "offences",
    "organize": "organise",
    "organized": "organised",
    "organizing": "organising",
    "organizer": "organiser",
    "organizers": "organisers",
    "organization": "organisation",
    "organizations": "organisations",
    "recognize": "recognise",
    "recognized": "recognised",
    "recognizes": "recognises",
    "apologize": "apologise",
    "apologized": "apologised",
    "criticize": "criticise",
    "criticized": "criticised",
    "criticizing": "criticising",
    "emphasize": "emphasise",
    "emphasized": "emphasised",
    "realize": "realise",
    "realized": "realised",
    "realizes": "realises",
    "analyze": "analyse",
    "analyzed": "analysed",
    "analyzing": "analysing",
    "paralyzed": "paralysed",
    "legalize": "legalise",
    "legalized": "legalised",
    "authorize": "authorise",
    "authorized": "authorised",
    "characterize": "characterise",
    "characterized": "characterised",
    "mobilize": "mobilise",
    "traveled": "travelled",
    "traveling": "travelling",
    "traveler": "traveller",
    "travelers": "travellers",
    "canceled": "cancelled",
    "canceling": "cancelling",
    "labeled": "labelled",
    "modeled": "modelled",
    "fueled": "fuelled",
    "program": "programme",
    "programs": "programmes",
    "catalog": "catalogue",
    "gray": "grey",
    "jewelry": "jewellery",
    "skeptical": "sceptical",
    "skeptics": "sceptics",
    "aluminum": "aluminium",
}
UK_TO_US = {uk: us for us, uk in US_TO_UK.items()}
_COMPUTING = re.compile(r"\b(?:computer|software|app|code|coding|hacker|algorithm)s?\b", re.I)
"""A sentence about computing keeps "program" (British English spells that one the US way)."""

SENTENCE_STARTERS = frozenset(
    """
    the a an he she it they we this that these those there his her their its our but in on at for
    with as by from to of many some most all both several one two three four five six seven eight
    nine ten after before when while if although though because since despite during however
    instead meanwhile still yet so then now other another each every such no not what who why how
    where which according asked under over among about also even only just more less critics
    officials police authorities people supporters opponents democrats republicans lawmakers
    """.split()
)
"""First words that lose their capital when a sentence is merged into the previous one."""

AUXILIARIES = ("is", "was", "will", "has", "have", "would", "could", "did")
PARTICIPLES = frozenset(
    """
    been made had said told left lost won found paid kept held brought bought taught thought put set
    cut become come run seen done gone known given taken shown written spoken chosen grown drawn
    driven fallen forgotten hidden ridden risen shaken stolen sworn thrown worn begun sung swum
    """.split()
)
NOT_AFTER_AUXILIARY = frozenset(
    "not never no also still only even just already likely probably certainly been".split()
)
CONTRACTIONS = {
    "didn't": "did",
    "doesn't": "does",
    "don't": "do",
    "isn't": "is",
    "wasn't": "was",
    "aren't": "are",
    "weren't": "were",
    "hasn't": "has",
    "haven't": "have",
    "hadn't": "had",
    "won't": "will",
    "can't": "can",
    "couldn't": "could",
    "wouldn't": "would",
    "shouldn't": "should",
}
POLARITY = {
    "confirmed": "denied",
    "denied": "confirmed",
    "confirms": "denies",
    "denies": "confirms",
    "accepted": "rejected",
    "rejected": "accepted",
    "accepts": "rejects",
    "rejects": "accepts",
    "approved": "rejected",
    "supported": "opposed",
    "opposed": "supported",
    "supports": "opposes",
    "opposes": "supports",
}
NUMBER_QUALIFIERS = (
    "more than",
    "nearly",
    "about",
    "at least",
    "almost",
    "roughly",
    "approximately",
    "fewer than",
    "less than",
    "up to",
    "an estimated",
)
HEDGE_ADVERBS = (
    "allegedly",
    "reportedly",
    "apparently",
    "possibly",
    "probably",
    "purportedly",
    "perhaps",
    "presumably",
)
HEDGE_ADJECTIVES = ("alleged", "suspected", "purported", "possible", "apparent")

QUOTE_SYNONYMS = {
    "big": "large",
    "large": "big",
    "small": "little",
    "important": "crucial",
    "very": "really",
    "really": "very",
    "people": "folks",
    "country": "nation",
    "nation": "country",
    "think": "believe",
    "believe": "think",
    "want": "wish",
    "good": "great",
    "great": "good",
    "bad": "terrible",
    "help": "assist",
    "make": "create",
    "start": "begin",
    "begin": "start",
    "try": "attempt",
    "show": "prove",
    "every": "each",
    "each": "every",
    "job": "work",
    "work": "job",
    "problem": "issue",
    "issue": "problem",
    "clear": "obvious",
    "hard": "difficult",
    "difficult": "hard",
    "fight": "battle",
    "keep": "maintain",
    "hope": "expect",
    "fair": "just",
    "end": "finish",
    "right": "correct",
    "wrong": "incorrect",
    "time": "moment",
    "world": "globe",
    "get": "obtain",
    "give": "provide",
    "see": "view",
    "tell": "inform",
    "ask": "request",
    "always": "often",
    "many": "several",
    "most": "many",
    "only": "just",
    "just": "only",
    "children": "kids",
    "kids": "children",
    "family": "relatives",
    "leaders": "officials",
    "happy": "glad",
    "proud": "pleased",
    "sad": "unhappy",
    "going": "about",
    "things": "matters",
    "way": "manner",
    "change": "shift",
    "safe": "secure",
    "strong": "powerful",
    "serious": "grave",
    "terrible": "awful",
    "american": "national",
    "government": "administration",
    "believed": "thought",
    "thought": "believed",
    "wanted": "wished",
    "needed": "required",
    "said": "stated",
    "everyone": "everybody",
    "everybody": "everyone",
}
QUOTE_INSERTS = ("really", "very", "just", "certainly", "absolutely", "truly", "simply", "still")
PROTECTED_WORDS = (
    frozenset(SMALL_NUMBER_WORDS + TENS_WORDS + SCALE_WORDS + AUXILIARIES)
    | frozenset(HEDGE_ADVERBS + HEDGE_ADJECTIVES + NUMBER_QUALIFIERS)
    | frozenset({"not", "never", "no", "nor", "may", "might", "can", "should", "must"})
    | frozenset(POLARITY)
)
"""Words a quote-word injection leaves alone: changing them is number/negation/hedge drift."""

ADDED_SENTENCES = (
    "Officials did not immediately respond to a request for comment from news organizations.",
    "The announcement drew swift criticism from advocacy groups, who called it a dangerous step.",
    "Analysts said the decision was likely to face legal challenges in the coming months.",
    "Local residents interviewed by reporters said they had not been told about the plan.",
    "The White House declined to say whether the president had been briefed on the matter.",
    "Several lawmakers have called for a full investigation into what happened that night.",
    "A spokesman for the police department said the investigation remained at an early stage.",
    "Critics argued that the move would hurt low-income families across the state.",
    "The company said in a statement that it was cooperating fully with the authorities.",
    "Supporters gathered outside the courthouse, some carrying signs and chanting slogans.",
    "It was not clear how the change would affect the talks scheduled for later in the year.",
    "The report has been shared widely on social media, drawing thousands of angry comments.",
    "Experts warned that the full cost of the program would not be known for several years.",
    "Neither side has offered evidence to support its version of events, according to observers.",
    "The measure is expected to come up for a vote in the full chamber before the summer recess.",
    "Opposition leaders accused the government of trying to distract voters from the economy.",
    "Family members of the victims said they were still waiting for answers from the authorities.",
    "A poll released earlier this month found that most voters were undecided on the issue.",
    "The governor's office referred questions to the state's attorney general, who did not reply.",
    "Diplomats familiar with the negotiations described the atmosphere as tense but constructive.",
    "Some economists believe the policy could backfire if consumer confidence continues to weaken.",
    "The union representing the workers said it would consider its options over the coming days.",
    "Rights groups have long accused the security forces of using excessive force on protesters.",
    "Earlier attempts to resolve the dispute collapsed amid mutual accusations of bad faith.",
)
"""Invented, plausible news sentences (each of 12 words or more) for the addition injection."""

RESIDUE = (
    "[ad_1]",
    "[ad_2]",
    "Source link",
    "Please enter your comment!",
    "Please enter your name here",
    "- Advertisment -",
    "Must Read",
    "ADVERTISEMENT",
    "Continue reading the main story",
)
EGGCORNS = (
    ("frame of mind", "frame of mine"),
    ("for all intents and purposes", "for all intensive purposes"),
    ("nip it in the bud", "nip it in the butt"),
    ("case in point", "case and point"),
    ("one and the same", "one in the same"),
    ("deep-seated", "deep-seeded"),
    ("free rein", "free reign"),
    ("sneak peek", "sneak peak"),
    ("toe the line", "tow the line"),
    ("by and large", "by in large"),
    ("peace of mind", "piece of mind"),
    ("hone in on", "home in on"),
    ("wreak havoc", "reek havoc"),
    ("moot point", "mute point"),
    ("lo and behold", "low and behold"),
    ("in one fell swoop", "in one foul swoop"),
    ("in the same vein", "in the same vain"),
)
"""(right, wrong) set phrases; the wrong one is what a rewrite prints."""
EGGCORN_ADVERBIALS = (
    "for all intensive purposes",
    "by in large",
    "case and point",
    "low and behold",
    "in one foul swoop",
    "in the same vain",
)
"""Eggcorns that read as a sentence adverbial, for articles without a site of a right form."""

BOILERPLATE_PEOPLE = (
    "Jane Doe",
    "John Smith",
    "Maria Alvarez",
    "Tom Lasseter",
    "Priya Raman",
    "Karen Lema",
    "David Brunnstrom",
    "Alistair Bell",
)
BOILERPLATE_AGENCIES = ("Reuters", "AP", "AFP", "AA")
BOILERPLATE_CITIES = ("WASHINGTON", "NEW YORK", "LONDON", "CHICAGO", "LOS ANGELES")

# --- regexes ----------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:[A-Z][a-z]+)?(?![\w-])")
"""A capitalised word ("Khalilzad", "McMahon"), not part of a hyphenated or longer token."""
_PARAGRAPH_SEP = re.compile(r"\n[ \t]*\n\s*|\n")
# A numeral: optional "$", digits with thousands commas or plain, optional decimals; not part of
# "9/11", "4:59", "2-1", "1990s", "2nd", "$4m" or a longer number.
_NUMERAL = re.compile(r"(?<![\w.,:/#$-])(\$)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w:/-]|[.,]\d)")
_TIME_AFTER = re.compile(r"(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|GMT|EST|ET\b)")
_PERCENT_AFTER = re.compile(r"%| percent\b| per cent\b")
_MONEY_AFTER = re.compile(r" (?:million|billion|trillion)\b|(?:m|bn)\b")
_YEAR = re.compile(r"(?<![\w.,:/$-])(1[89]\d\d|20[0-3]\d)(?![\w%:/-]|[.,]\d)")
_TIME = re.compile(r"(?<![\w:.])(\d{1,2})(:\d\d)?\s?(a\.m\.|p\.m\.|am|pm|AM|PM)(?!\w)")
_SMALL_NUMERAL = re.compile(
    r"(?<![\w.,:/#$£€-])(\d{1,2})(?![\w%:/-]|[.,]\d| ?(?:a\.m|p\.m|am\b|pm\b|percent|per cent))"
)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(SMALL_NUMBER_WORDS[2:]) + r")\b(?!-)", re.I)
_PERCENT = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(%| percent\b| per cent\b)")
_BIG_COMMA = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+)(?![\w%]|[.,]\d)")
_MILLIONS = re.compile(r"(?<![\w.,$])(\d+(?:\.\d)?) million\b")
_HALF_MILLION = re.compile(r"\bhalf a million\b")
_MONEY_LONG = re.compile(r"\$(\d+(?:\.\d+)?) (million|billion)\b")
_MONEY_SHORT = re.compile(r"\$(\d+(?:\.\d+)?)(m|bn)\b")
_ABBREVIATION = re.compile(
    r"(?<![\w.])(U\.S\.|U\.N\.|U\.K\.)(?=\W|$)|(?<![\w.])(US|UN|UK)\b(?!\.\w)"
)
_SAID = re.compile(r"(?<![\w-])(said|added)(?![\w-])")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|was|were|are|be|been|being|the|it's|it’s)\s+$", re.I)
_REPORTERS_CONTEXT = re.compile(r"\b(?:reporters|news conference|press conference|briefing)\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:\([A-Za-z]+\))?\s*[—–-]")
_ABBREVIATED_END = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|Inc|Co|No|vs)\.$")
_QUOTE_CHARS = '"“”'
MAX_QUOTE_PARAGRAPHS = 12
"""Paragraphs an open quotation may run on for before it is taken as a stray mark."""


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` (an insertion when start == end)."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Plan:
    """The edits one injection makes to the benign rewrite, and how to mark its span.

    ``span`` is ``"new"`` (the span covers the inserted words), ``"join"`` (a deletion or a
    shrinking edit: the span is widened to the word before and the word after) or
    ``"between"`` (from the first edit to the last, e.g. a quotation whose marks were dropped).
    """

    edits: tuple[Edit, ...]
    span: str = "new"
    removed: str = ""
    """For an omission: the deleted sentence (scoring looks for it in the finding's reference)."""


@dataclass(frozen=True)
class Injection:
    """One drift injected into a benign rewrite, with its span in the final rewrite text."""

    kind: str
    category: str
    old: str
    """What the benign rewrite had at the edited places (joined by " … " for several edits)."""
    new: str
    """What the drift rewrite has there ("" for a deletion)."""
    start: int
    end: int
    secondary: tuple[str, ...] = ()
    """Other categories a finding on this span may honestly carry (e.g. quote for a number
    changed inside a quotation): neither counted as hits nor as false alarms."""
    removed: str = ""
    variant: str = ""
    """A finer label within the type ("n't" for negation-removed, the residue string, …)."""


@dataclass(frozen=True)
class Layout:
    """The structure of a text that injections choose sites from (offsets into ``text``)."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int, int], ...]
    """(start, end, paragraph index), trimmed of surrounding white space."""
    quotes: tuple[tuple[int, int, bool], ...]
    """(opening mark, just after the closing mark or the paragraph end, closed)."""
    protected: tuple[tuple[int, int], ...] = ()
    """Boilerplate the benign rewrite added: no reference counterpart, so no injection there."""
    names: frozenset[str] = frozenset()
    """Proper names of the reference article (people, places, organisations)."""
    surnames: tuple[str, ...] = ()
    """Names that end a multi-word name ("Glenn Beck") and also stand alone ("Beck said")."""
    vocab: Mapping[str, int] = field(default_factory=dict)
    """Corpus-wide counts of lower-case words: what counts as a dictionary word."""
    separator: str = "\n\n"
    """The paragraph separator the text uses ("\\n" in line-per-sentence texts)."""

    def free(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches no protected boilerplate."""
        return all(end <= s or start >= e for s, e in self.protected)

    def quote_at(self, pos: int) -> tuple[int, int, bool] | None:
        """The quotation containing ``pos``, if any."""
        for quote in self.quotes:
            if quote[0] <= pos < quote[1]:
                return quote
        return None

    def sentence_starts(self) -> frozenset[int]:
        """Offsets of the first letter of every sentence (past opening quotes and brackets)."""
        starts = set()
        for s, e, _ in self.sentences:
            while s < e and not self.text[s].isalnum():
                s += 1
            starts.add(s)
        return frozenset(starts)


Injector = Callable[[Layout, random.Random], Plan | None]


# --- structure --------------------------------------------------------------------------------


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty paragraphs: blocks between blank lines, or lines when the text
    has no blank line (ECB+ texts are one sentence a line).

    >>> paragraph_spans("A b.\\n\\nC d.")
    [(0, 4), (6, 10)]
    """
    splitter = re.compile(r"\n[ \t]*\n") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n")
    spans, pos = [], 0
    for match in splitter.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def dominant_separator(text: str) -> str:
    """The paragraph separator to use when adding or moving paragraphs."""
    return "\n\n" if re.search(r"\n[ \t]*\n", text) else "\n"


def quotation_spans(
    text: str, paragraphs: Sequence[tuple[int, int]]
) -> list[tuple[int, int, bool]]:
    """Quotations: curly marks pair by direction, straight marks alternate.

    A quotation left open at a paragraph end continues when the next paragraph opens with a
    quotation mark (the news convention for a quote over several paragraphs) or when the text is
    one sentence a line (ECB+), for at most ``MAX_QUOTE_PARAGRAPHS``; otherwise it ends,
    unclosed, at the paragraph end.

    >>> quotation_spans('He said "no way" and left.', [(0, 26)])
    [(8, 16, True)]
    >>> quotation_spans('"One.\\n\\n"Two."', [(0, 5), (7, 13)])
    [(0, 13, True)]
    >>> quotation_spans('"Not verify, he said. "He is." Then', [(0, 35)])
    [(0, 22, False), (22, 30, True)]
    """
    one_per_line = bool(paragraphs) and "\n\n" not in text[paragraphs[0][0] : paragraphs[-1][1]]
    quotes = []
    opened, carried = -1, 0
    for k, (ps, pe) in enumerate(paragraphs):
        for i in range(ps, pe):
            ch = text[i]
            if ch not in _QUOTE_CHARS:
                continue
            if opened >= 0 and i == ps and carried and ch in '"“':
                continue  # the re-opening mark of a quote that runs on
            if opened >= 0 and i > ps and _reopens(text, i):
                quotes.append((opened, i, False))  # the closing mark is missing in the source
                opened = -1
            if opened < 0 and ch in '"“':
                opened, carried = i, 0
            elif opened >= 0 and ch in '"”':
                quotes.append((opened, i + 1, True))
                opened = -1
        if opened < 0:
            continue
        nxt = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else None
        runs_on = nxt is not None and (one_per_line or text[nxt] in '"“')
        if runs_on and carried < MAX_QUOTE_PARAGRAPHS:
            carried += 1
        else:
            quotes.append((opened, pe, False))
            opened = -1
    return quotes


def _reopens(text: str, i: int) -> bool:
    """True when the mark at ``i`` can only open a quotation although one is open: a curly
    opening mark, or a straight one after a sentence end ('said. "He…'), where a closing mark
    was left out. (After a comma, '…anything, "she said', it closes: ECB+ spacing.)"""
    if text[i] == "“":
        return True
    return (
        text[i] == '"' and text[i - 2 : i] in (". ", "? ", "! ") and text[i + 1 : i + 2].isalpha()
    )


def sentence_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Sentences of every paragraph by nupunkt (rewritelint's splitter, so "Gov." and "U.S."
    do not end a sentence), trimmed."""
    import nupunkt

    out = []
    for index, (ps, pe) in enumerate(paragraphs):
        chunk = text[ps:pe]
        for s, e in nupunkt.sent_spans(chunk):
            while s < e and chunk[s].isspace():
                s += 1
            while e > s and chunk[e - 1].isspace():
                e -= 1
            if s < e:
                out.append((ps + s, ps + e, index))
    return out


def proper_names(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Names of the article and the surname-like ones among them.

    A name is a capitalised word that never appears in lower case in the text, occurs at least
    once away from a sentence start and is not a title or function word. A surname follows an
    abbreviated title ("Mr. Beck"), or ends a two-word name ("Glenn Beck") and also stands alone
    ("Beck said"), which keeps out "York" of "New York".
    """
    paragraphs = paragraph_spans(text)
    layout = Layout(text, tuple(paragraphs), tuple(sentence_spans(text, paragraphs)), ())
    starts = layout.sentence_starts()
    lower = {w.lower() for w in _WORD.findall(text) if w.islower()}
    counts: dict[str, int] = {}
    for match in _NAME.finditer(text):
        word = match.group()
        if word in STOP_NAMES or word.lower() in lower or len(word) < 3:
            continue
        if match.start() not in starts:
            counts[word] = counts.get(word, 0) + 1
    names = frozenset(counts)
    tokens = [
        (m.group(), m.start()) for m in re.finditer(r"[A-Z][a-z]*\.?|[a-z]+|[^\sA-Za-z]", text)
    ]
    titled, compound, alone = set(), set(), set()
    for i, (token, _) in enumerate(tokens):
        if token not in names:
            continue
        before = tokens[i - 1][0] if i else ""
        after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if after[:1].isupper() and after.rstrip(".") not in STOP_NAMES:
            continue  # a first name ("Gen. Jim Mattis", "Rep. John A. Boehner")
        if re.fullmatch(TITLES + r"\.", before):
            titled.add(token)
        elif before in names:
            compound.add(token)
        elif not before[:1].isupper() and not (after[:1].isupper() and after.rstrip(".") in names):
            alone.add(token)
    surnames = sorted(titled | (compound & alone))
    return names, tuple(surnames)


def make_layout(
    text: str,
    *,
    protected: Sequence[tuple[int, int]] = (),
    names: frozenset[str] = frozenset(),
    surnames: Sequence[str] = (),
    vocab: Mapping[str, int] | None = None,
) -> Layout:
    """Paragraphs, sentences and quotations of ``text``, with what the article adds."""
    paragraphs = paragraph_spans(text)
    return Layout(
        text=text,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentence_spans(text, paragraphs)),
        quotes=tuple(quotation_spans(text, paragraphs)),
        protected=tuple(protected),
        names=names,
        surnames=tuple(surnames),
        vocab=vocab or {},
        separator=dominant_separator(text),
    )


# --- small helpers ----------------------------------------------------------------------------


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[tuple[int, int]]]:
    """Apply non-overlapping edits; return the new text and each edit's span in it.

    >>> apply_edits("a b c", [Edit(2, 3, "x y"), Edit(4, 5, "")])
    ('a x y ', [(2, 5), (6, 6)])
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for left, right in pairwise(ordered):
        assert left.end <= right.start, "overlapping edits"
    pieces, spans, pos, shift = [], [], 0, 0
    for edit in ordered:
        pieces.append(text[pos : edit.start])
        pieces.append(edit.new)
        spans.append((edit.start + shift, edit.start + shift + len(edit.new)))
        shift += len(edit.new) - (edit.end - edit.start)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces), spans


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``[start, end)`` to the whole word before it and the whole word after it: the span
    of a deletion, where an editor would look for what went missing.

    >>> text = "more than 40 people"
    >>> text[slice(*widen(text, 10, 10))]
    'than 40'
    """
    s = start
    while s > 0 and not (text[s - 1].isalnum()):
        s -= 1
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = end
    while e < len(text) and not text[e].isalnum():
        e += 1
    while e < len(text) and not text[e].isspace():
        e += 1
    return s, e


def match_case(word: str, model: str) -> str:
    """``word`` with the capitalisation of ``model`` ("Five" for "Nine").

    >>> match_case("five", "Nine"), match_case("five", "NINE")
    ('Five', 'FIVE')
    """
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def word_before(text: str, pos: int) -> str:
    """The word ending just before ``pos`` (skipping spaces), or ""."""
    match = re.search(r"([\w.'’]+)\s*$", text[max(0, pos - 40) : pos])
    return match.group(1) if match else ""


def format_number(value: float, decimals: int, commas: bool) -> str:
    """Write ``value`` the way the original number was written.

    >>> format_number(4400, 0, True), format_number(3.25, 1, False)
    ('4,400', '3.2')
    """
    text = f"{value:,.{decimals}f}" if commas else f"{value:.{decimals}f}"
    return text


def changed_value(value: float, decimals: int, rng: random.Random) -> float:
    """A different value of the same precision: ±1..3 for small counts, else ±10..50%.

    >>> changed_value(4000, 0, random.Random(1)) != 4000
    True
    """
    if decimals == 0 and value <= 12:
        choices = [value + d for d in (-3, -2, -1, 1, 2, 3) if value + d > 0]
        return rng.choice(choices)
    digits = str(int(value))
    zeros = min(len(digits) - len(digits.rstrip("0")), len(digits) - 1) if decimals == 0 else 0
    step = 10**zeros if decimals == 0 else 10**-decimals
    factor = 1 + rng.choice((-1, 1)) * rng.uniform(0.1, 0.5)
    new = round(value * factor / step) * step
    if round(new, decimals) == round(value, decimals) or new <= 0:
        new = value + step
    return round(new, decimals)


def lowercase_first(word: str, text: str) -> str:
    """Lower-case a sentence-initial word unless it is a name: a word the text also capitalises
    in mid-sentence ("Obama") keeps its capital, as does "I".

    >>> lowercase_first("Ahead", "Ahead of it, we met Obama."), lowercase_first("Obama", "x Obama")
    ('ahead', 'Obama')
    """
    if word == "I" or (
        word.lower() not in SENTENCE_STARTERS
        and re.search(rf"(?<=[a-z,;] ){re.escape(word)}\b", text)
    ):
        return word
    return word[:1].lower() + word[1:]


# --- benign transformations -------------------------------------------------------------------


def reorder_paragraphs(text: str, rng: random.Random) -> str:
    """Reorder the body (the first paragraph, the lead or headline, stays): shuffle it all, move
    one paragraph, or swap two neighbours. Paragraphs joined by an open quotation move together.
    """
    spans = paragraph_spans(text)
    if len(spans) < 3:
        return text
    quotes = quotation_spans(text, spans)
    blocks: list[list[tuple[int, int]]] = [[spans[0]]]
    for previous, span in pairwise(spans):
        if any(s < previous[1] and e > span[0] for s, e, _ in quotes):
            blocks[-1].append(span)
        else:
            blocks.append([span])
    if len(blocks) < 3:
        return text
    sep = dominant_separator(text)
    units = [sep.join(text[s:e] for s, e in block) for block in blocks]
    head, body = units[0], units[1:]
    original = list(body)
    mode = rng.choice(("shuffle", "move", "swap"))
    for _ in range(5):
        if mode == "shuffle":
            rng.shuffle(body)
        elif mode == "move":
            item = body.pop(rng.randrange(len(body)))
            body.insert(rng.randrange(len(body) + 1), item)
        else:
            i = rng.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        if body != original:
            break
    prefix = text[: spans[0][0]]
    suffix = text[spans[-1][1] :]
    return prefix + sep.join([head, *body]) + suffix


def merge_sentences(text: str, rng: random.Random) -> str:
    """Join one to three pairs of adjacent sentences: ". The x" becomes ", and the x" or "; the
    x". Only plain sentence ends (a word and a period, outside quotations) are joined."""
    layout = make_layout(text)
    sites = []
    for (s1, e1, p1), (s2, _e2, p2) in zip(layout.sentences, layout.sentences[1:], strict=False):
        if p1 != p2 or text[e1 - 1] != "." or text[e1:s2] != " ":
            continue
        if not re.search(r"(?:\b[a-z]{2,}|\d)\.$", text[s1:e1]):
            continue  # "Msgr." or "U.S." may end an abbreviation, not the sentence
        if layout.quote_at(e1 - 1) or not text[s2].isupper():
            continue
        if text[s1:e1].count(" ") > 40:
            continue
        first = re.match(r"[A-Za-z]+", text[s2:])
        if not first:
            continue
        sites.append((e1 - 1, s2, first.group()))
    if not sites:
        return text
    edits = []
    for dot, start, word in sorted(rng.sample(sites, min(len(sites), rng.randint(1, 3)))):
        glue = ", " if word in ("But", "And", "Yet", "So", "Or") else rng.choice((", and ", "; "))
        edits.append(Edit(dot, start + len(word), glue + lowercase_first(word, text)))
    edits = [e for i, e in enumerate(edits) if i == 0 or e.start >= edits[i - 1].end]
    return apply_edits(text, edits)[0]


_SPLIT_SUBJECTS = frozenset("the he she it they we his her their a an there its i".split())


def split_sentence(text: str, rng: random.Random) -> str:
    """Split one or two long sentences at ", and " followed by a new clause ("…, and the
    company said …" becomes "…. The company said …"), outside quotations."""
    layout = make_layout(text)
    sites = []
    for s, e, _ in layout.sentences:
        if text[s:e].count(" ") < 20:
            continue
        for match in re.finditer(r", and ([a-z]+)\b", text[s:e]):
            at = s + match.start()
            if match.group(1) not in _SPLIT_SUBJECTS or layout.quote_at(at):
                continue
            left, right = text[s:at].count(" "), text[at:e].count(" ")
            if left >= 6 and right >= 6:
                sites.append((at, s + match.start(1), match.group(1)))
    if not sites:
        return text
    chosen = sorted(rng.sample(sites, min(len(sites), rng.randint(1, 2))))
    edits = [Edit(at, word_at + 1, ". " + word[:1].upper()) for at, word_at, word in chosen]
    return apply_edits(text, edits)[0]


def number_words(text: str, rng: random.Random) -> str:
    """Spell numerals 1–12 as words or write number words two–twelve as numerals (equal value);
    all sites or about half. Numbers in times, dates, names ("Article 5"), "$", "%", "9/11" and
    hyphenated compounds are left alone."""
    numeral_sites = []
    for match in _SMALL_NUMERAL.finditer(text):
        value = int(match.group(1))
        before = word_before(text, match.start())
        if not 1 <= value <= 12 or before[:1].isupper() or before.rstrip(".") in ("No", "no"):
            continue
        if in_date_context(text, match.start(), match.end()):
            continue
        if text[match.end() : match.end() + 1] == "-" or text[
            match.start() - 1 : match.start()
        ] in (
            "-",
            "–",
        ):
            continue
        numeral_sites.append(Edit(match.start(), match.end(), SMALL_NUMBER_WORDS[value]))
    word_sites = []
    for match in _NUMBER_WORD.finditer(text):
        word = match.group(1)
        if not word.islower() or text[match.start() - 1 : match.start()] == "-":
            continue
        word_sites.append(
            Edit(match.start(), match.end(), str(SMALL_NUMBER_WORDS.index(word.lower())))
        )
    direction = rng.choice(("to-words", "to-numerals", "both"))
    sites = {
        "to-words": numeral_sites,
        "to-numerals": word_sites,
        "both": numeral_sites + word_sites,
    }[direction] or numeral_sites + word_sites
    share = rng.choice((1.0, 0.5))
    chosen = [e for e in sites if rng.random() < share] or sites[:1]
    return apply_edits(text, chosen)[0] if chosen else text


def percent_style(text: str, rng: random.Random) -> str:
    """Write every percentage in one other style: "95%", "95 percent" or "95 per cent"."""
    matches = list(_PERCENT.finditer(text))
    if not matches:
        return text
    styles = ["%", " percent", " per cent"]
    used = {m.group(2) for m in matches}
    target = rng.choice([s for s in styles if s not in used] or styles)
    edits = [Edit(m.start(2), m.end(2), target) for m in matches if m.group(2) != target]
    return apply_edits(text, edits)[0]


def large_numbers(text: str, rng: random.Random) -> str:
    """Rewrite large numbers in another form of the same value: "500,000" ↔ "half a million",
    "2,500,000" → "2.5 million", "2.5 million" → "2,500,000", "45,000" → "45000"."""
    edits = []
    for match in _BIG_COMMA.finditer(text):
        value = int(match.group(1).replace(",", ""))
        if value == 500_000:
            new = rng.choice(("half a million", "500000"))
        elif value >= 1_000_000 and value % 100_000 == 0:
            new = f"{value / 1_000_000:g} million"
        elif value >= 10_000:
            new = str(value)
        else:
            continue
        edits.append(Edit(match.start(1), match.end(1), new))
    for match in _MILLIONS.finditer(text):
        value = round(float(match.group(1)) * 1_000_000)
        edits.append(Edit(match.start(), match.end(), f"{value:,}"))
    for match in _HALF_MILLION.finditer(text):
        edits.append(Edit(match.start(), match.end(), "500,000"))
    edits.sort(key=lambda e: e.start)
    edits = [e for i, e in enumerate(edits) if i == 0 or e.start >= edits[i - 1].end]
    if len(edits) > 1 and rng.random() < 0.5:
        edits = sorted(rng.sample(edits, (len(edits) + 1) // 2), key=lambda e: e.start)
    return apply_edits(text, edits)[0]


def money_style(text: str, rng: random.Random) -> str:
    """Switch money amounts between "$4 million"/"$4 billion" and "$4m"/"$4bn"."""
    del rng
    edits = [
        Edit(m.start(), m.end(), f"${m.group(1)}{'m' if m.group(2) == 'million' else 'bn'}")
        for m in _MONEY_LONG.finditer(text)
    ] + [
        Edit(m.start(), m.end(), f"${m.group(1)} {'million' if m.group(2) == 'm' else 'billion'}")
        for m in _MONEY_SHORT.finditer(text)
    ]
    return apply_edits(text, edits)[0]


def quote_style(text: str, rng: random.Random) -> str:
    """Straighten curly quotes (everywhere, or in about half the paragraphs), or curl straight
    ones when the text has none. Double stays double and single stays single."""
    if any(ch in text for ch in "“”‘’"):
        table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
        if rng.random() < 0.5:
            return text.translate(table)
        spans = paragraph_spans(text)
        chosen = [s for s in spans if rng.random() < 0.5] or spans[:1]
        edits = [Edit(s, e, text[s:e].translate(table)) for s, e in chosen]
        return apply_edits(text, edits)[0]
    out = list(text)
    for s, e, closed in quotation_spans(text, paragraph_spans(text)):
        out[s] = "“"
        if closed:
            out[e - 1] = "”"
    for i, ch in enumerate(text):
        if ch == "'":
            opening = (i == 0 or text[i - 1] in ' \n(“"') and text[i + 1 : i + 2].isalpha()
            out[i] = "‘" if opening else "’"
    return "".join(out)


def spelling(text: str, rng: random.Random) -> str:
    """Switch lower-case words between US and UK spelling, towards whichever the text does not
    use ("Labor Party" and other capitalised names are left alone; computing "program" too)."""
    del rng
    words = _WORD.findall(text)
    us = sum(w in US_TO_UK for w in words)
    uk = sum(w in UK_TO_US for w in words)
    table = US_TO_UK if us >= uk else UK_TO_US
    edits = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word not in table:
            continue
        if word.startswith("program"):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            if _COMPUTING.search(text[line_start : line_end if line_end >= 0 else len(text)]):
                continue
        edits.append(Edit(match.start(), match.end(), table[word]))
    return apply_edits(text, edits)[0]


def abbreviations(text: str, rng: random.Random) -> str:
    """ "U.S." ↔ "US", "U.N." ↔ "UN", "U.K." ↔ "UK". A dotted form that ends a sentence keeps
    one period; before an ambiguous capitalised word ("U.S. He") it is left alone."""
    del rng
    edits = []
    for match in _ABBREVIATION.finditer(text):
        dotted, plain = match.group(1), match.group(2)
        after = text[match.end() : match.end() + 30]
        if dotted:
            new = dotted.replace(".", "")
            nxt = re.match(r" ([A-Z][a-z]+)", after)
            if after[:1] in ("", "\n") or (nxt and nxt.group(1).lower() in SENTENCE_STARTERS):
                new += "."
            elif nxt is None and after[:1] == " " and after[1:2].isupper():
                continue
            edits.append(Edit(match.start(), match.end(), new))
        else:
            window = text[max(0, match.start() - 12) : match.end() + 12]
            if re.search(r"\b[A-Z]{2,}\b.*\b[A-Z]{2,}\b.*\b[A-Z]{2,}\b", window):
                continue
            new = ".".join(plain) + "."
            end = match.end() + 1 if after.startswith(".") else match.end()
            edits.append(Edit(match.start(), end, new))
    return apply_edits(text, edits)[0]


def reporting_verbs(text: str, rng: random.Random) -> str:
    """Outside quotations: "said" → "stated" (or "told reporters" where the sentence is about a
    news conference), and "added," / "added." / "added that" → "said"."""
    layout = make_layout(text)
    edits = []
    for match in _SAID.finditer(text):
        if layout.quote_at(match.start()):
            continue
        after = text[match.end() : match.end() + 6]
        if match.group(1) == "added":
            if re.match(r"[,.]| that\b", after):
                edits.append(Edit(match.start(), match.end(), "said"))
            continue
        if _PASSIVE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        if after.startswith(" to "):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        context = text[line_start : match.start() + 200]
        if re.match(r"[,.]", after) and _REPORTERS_CONTEXT.search(context) and rng.random() < 0.5:
            edits.append(Edit(match.start(), match.end(), "told reporters"))
        elif rng.random() < 0.7:
            edits.append(Edit(match.start(), match.end(), "stated"))
    return apply_edits(text, edits)[0]


def boilerplate(text: str, rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Add agency boilerplate: a "Reporting by …; Editing by …" line at the end, a "(Reuters) -"
    dateline before the lead, or both. Returns the text and the added spans (protected)."""
    people = rng.sample(BOILERPLATE_PEOPLE, 2)
    sep = dominant_separator(text)
    variant = rng.choice(("credit", "dateline", "both"))
    spans: list[tuple[int, int]] = []
    if variant in ("dateline", "both"):
        paragraphs = paragraph_spans(text)
        lead = next(
            (p for p in paragraphs[:3] if text[p[0] : p[1]].count(" ") >= 15), paragraphs[0]
        )
        if not _DATELINE.match(text[lead[0] : lead[1]]):
            agency = rng.choice(BOILERPLATE_AGENCIES)
            city = rng.choice(BOILERPLATE_CITIES)
            prefix = rng.choice((f"{city} ({agency}) - ", f"({agency}) - "))
            text = text[: lead[0]] + prefix + text[lead[0] :]
            spans.append((lead[0], lead[0] + len(prefix)))
    if variant in ("credit", "both"):
        line = rng.choice(
            (
                f"Reporting by {people[0]}; Editing by {people[1]}",
                f"Writing by {people[0]}; Editing by {people[1]}",
                f"(Additional reporting by {people[0]}; Editing by {people[1]})",
            )
        )
        body = text.rstrip()
        text = body + sep + line + "\n"
        spans.append((len(body) + len(sep), len(body) + len(sep) + len(line)))
    return text, spans


BENIGN: dict[str, Callable[[str, random.Random], str]] = {
    "number-words": number_words,
    "percent-style": percent_style,
    "large-numbers": large_numbers,
    "money-style": money_style,
    "spelling": spelling,
    "abbreviations": abbreviations,
    "reporting-verbs": reporting_verbs,
    "quote-style": quote_style,
    "split-sentence": split_sentence,
    "merge-sentences": merge_sentences,
    "reorder-paragraphs": reorder_paragraphs,
}
"""Honest transformations, in the order they are applied (boilerplate comes last)."""
BENIGN_NAMES = (*BENIGN, "boilerplate")
MIN_BENIGN = 3


def benign_rewrite(
    text: str, rng: random.Random
) -> tuple[str, tuple[str, ...], tuple[tuple[int, int], ...]]:
    """A random subset of the honest transformations (at least ``MIN_BENIGN`` that changed the
    text, when the article allows that many).

    Returns the rewrite, the names of the transformations that changed it, and the spans of
    added boilerplate (no injection goes there: it has no counterpart in the reference).
    """
    names = list(BENIGN_NAMES)
    chosen = set(rng.sample(names, rng.randint(MIN_BENIGN, len(names))))
    spare = [n for n in names if n not in chosen]
    rng.shuffle(spare)
    applied: list[str] = []
    current = text
    # A chosen transformation with no site in this article is replaced by a spare one.
    while True:
        for name in BENIGN:
            if name in chosen and name not in applied:
                new = BENIGN[name](current, rng)
                if new != current:
                    applied.append(name)
                    current = new
        if len(applied) + ("boilerplate" in chosen) >= MIN_BENIGN or not spare:
            break
        chosen.add(spare.pop())
    protected: list[tuple[int, int]] = []
    if "boilerplate" in chosen:
        current, protected = boilerplate(current, rng)
        applied.append("boilerplate")
    order = {n: i for i, n in enumerate(BENIGN_NAMES)}
    return current, tuple(sorted(applied, key=order.__getitem__)), tuple(protected)


# --- injections -------------------------------------------------------------------------------


def _pick(rng: random.Random, sites: Sequence[Plan]) -> Plan | None:
    """One random site, or None when the article has none (the injection is skipped)."""
    return rng.choice(sites) if sites else None


_MONTH_AFTER = re.compile(
    r"(?:st|nd|rd|th)? (?:of )?(?:" + "|".join(m[:3] for m in MONTHS) + r")", re.IGNORECASE
)


def in_date_context(text: str, start: int, end: int) -> bool:
    """True when a numeral is the day of a date ("Aug. 3", "March 3", "9 September").

    >>> in_date_context("on 9 September 2013", 3, 4), in_date_context("9 people", 0, 1)
    (True, False)
    """
    before = word_before(text, start)
    if before in MONTHS or before in MONTH_ABBREVIATIONS or before.rstrip(".") in ("Jan", "Feb"):
        return True
    return bool(_MONTH_AFTER.match(text, end))


def number_sites(layout: Layout, rng: random.Random, subtype: str) -> list[Plan]:
    """Numerals of one subtype (digits, percent, money) with a changed value."""
    text = layout.text
    plans = []
    for match in _NUMERAL.finditer(text):
        dollar, whole, frac = match.group(1), match.group(2), match.group(3) or ""
        after = text[match.end() : match.end() + 12]
        if not layout.free(match.start(), match.end()):
            continue
        value = float(whole.replace(",", "") + frac)
        if value == 0 or _TIME_AFTER.match(after) or in_date_context(text, *match.span()):
            continue
        is_year = not dollar and not frac and "," not in whole and _YEAR.fullmatch(whole)
        if is_year and not _PERCENT_AFTER.match(after):
            continue
        kind = (
            "percent"
            if _PERCENT_AFTER.match(after)
            else "money"
            if dollar or re.match(r" (?:dollars|euros|pounds)\b", after)
            else "digits"
        )
        if kind != subtype:
            continue
        decimals = len(frac) - 1 if frac else 0
        new_value = changed_value(value, decimals, rng)
        new = format_number(new_value, decimals, "," in whole)
        plans.append(Plan((Edit(match.start(2), match.end(), new),)))
    for match in _MONEY_SHORT.finditer(text):
        if subtype != "money" or not layout.free(match.start(), match.end()):
            continue
        amount = match.group(1)
        decimals = len(amount.split(".")[1]) if "." in amount else 0
        new = format_number(changed_value(float(amount), decimals, rng), decimals, False)
        plans.append(Plan((Edit(match.start(1), match.end(1), new),)))
    return plans


def inject_number_digits(layout: Layout, rng: random.Random) -> Plan | None:
    """A count or quantity written in digits gets another value ("4,000" → "5,000")."""
    return _pick(rng, number_sites(layout, rng, "digits"))


def inject_number_percent(layout: Layout, rng: random.Random) -> Plan | None:
    """A percentage gets another value ("95%" → "71%")."""
    return _pick(rng, number_sites(layout, rng, "percent"))


def inject_number_money(layout: Layout, rng: random.Random) -> Plan | None:
    """An amount of money gets another value ("$16 million" → "$12 million")."""
    return _pick(rng, number_sites(layout, rng, "money"))


def inject_number_word(layout: Layout, rng: random.Random) -> Plan | None:
    """A number word becomes another ("nine" → "five", "million" → "billion")."""
    text = layout.text
    plans = []
    pattern = re.compile(
        r"\b(" + "|".join(SMALL_NUMBER_WORDS[2:] + TENS_WORDS + SCALE_WORDS) + r")\b", re.I
    )
    for match in pattern.finditer(text):
        word = match.group(1)
        lower = word.lower()
        if not layout.free(match.start(), match.end()):
            continue
        if lower in SMALL_NUMBER_WORDS:
            index = SMALL_NUMBER_WORDS.index(lower)
            options = [SMALL_NUMBER_WORDS[i] for i in range(2, 13) if 0 < abs(i - index) <= 3]
        elif lower in TENS_WORDS:
            index = TENS_WORDS.index(lower)
            options = [w for i, w in enumerate(TENS_WORDS) if 0 < abs(i - index) <= 2]
        elif lower == "hundred":
            options = ["thousand"]
        else:
            options = [w for w in SCALE_WORDS[1:] if w != lower]
        new = match_case(rng.choice(options), word)
        plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return _pick(rng, plans)


def inject_hedge_qualifier(layout: Layout, rng: random.Random) -> Plan | None:
    """An approximation before a number is dropped ("more than 4,000" → "4,000")."""
    text = layout.text
    numbers = r"(?:\$?\d|(?:" + "|".join(SMALL_NUMBER_WORDS[2:] + TENS_WORDS) + r"|a dozen|half|"
    numbers += r"a hundred|a thousand|a million|hundreds|thousands|millions|dozens)\b)"
    pattern = re.compile(
        r"\b(" + "|".join(NUMBER_QUALIFIERS) + r") (?=" + numbers + ")",
        re.I,
    )
    plans = []
    for match in pattern.finditer(text):
        if not layout.free(match.start(), match.end()) or _YEAR.match(text, match.end()):
            continue
        edits = [Edit(match.start(), match.end(), "")]
        if match.group(1)[:1].isupper() and text[match.end()].isalpha():
            edits = [Edit(match.start(), match.end() + 1, text[match.end()].upper())]
        plans.append(Plan(tuple(edits), span="join"))
    return _pick(rng, plans)


def _article_fix(text: str, start: int, end: int) -> Edit:
    """Delete ``text[start:end]`` (a word and its space), fixing "a"/"an" before it."""
    before = re.search(r"\b(an?|An?) $", text[max(0, start - 4) : start])
    nxt = text[end : end + 1].lower()
    if before:
        article = before.group(1)
        wanted = "an" if nxt in "aeiou" and nxt else "a"
        if article.lower() != wanted:
            a_start = start - len(article) - 1
            return Edit(a_start, end, match_case(wanted, article) + " ")
    return Edit(start, end, "")


_HEDGE_ADJECTIVE = re.compile(
    r"\b(the|a|an|his|her|their|its|of|for|against|two|three|four|five) ("
    + "|".join(HEDGE_ADJECTIVES)
    + r" )(?=[a-z])"
)
"""A hedging adjective before a noun ("the alleged plot"), not the verb ("police suspected")."""


def inject_hedge_word(layout: Layout, rng: random.Random) -> Plan | None:
    """A hedge is dropped: "allegedly", "reportedly", "alleged", "suspected", "will likely"."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b(" + "|".join(HEDGE_ADVERBS) + r")\b,? ", text):
        if not layout.free(match.start(), match.end()) or not match.group(1).islower():
            continue
        plans.append(Plan((Edit(match.start(), match.end(), ""),), span="join"))
    for match in _HEDGE_ADJECTIVE.finditer(text):
        if layout.free(match.start(2), match.end(2)):
            plans.append(Plan((_article_fix(text, match.start(2), match.end(2)),), span="join"))
    for match in re.finditer(r"\b(?:will|would|could|’ll|'ll) (likely )", text):
        if layout.free(match.start(), match.end()):
            plans.append(Plan((Edit(match.start(1), match.end(1), ""),), span="join"))
    return _pick(rng, plans)


def inject_hedge_modal(layout: Layout, rng: random.Random) -> Plan | None:
    """A modal of possibility becomes certainty: "may", "might", "could" → "will"."""
    text = layout.text
    plans = [
        Plan((Edit(m.start(), m.end(), "will"),))
        for m in re.finditer(r"\b(may|might|could)\b(?! have\b| well\b)", text)
        if layout.free(m.start(), m.end())
    ]
    return _pick(rng, plans)


def inject_date_weekday(layout: Layout, rng: random.Random) -> Plan | None:
    """A weekday becomes another ("Tuesday" → "Thursday")."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b(" + "|".join(WEEKDAYS) + r")\b", text):
        if layout.free(match.start(), match.end()):
            new = rng.choice([d for d in WEEKDAYS if d != match.group(1)])
            plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return _pick(rng, plans)


_DATE_CUE = re.compile(
    r"(?:\b(?:in|last|next|since|until|early|late|mid|this|of|by|from|through|before|after)[ -]$)"
)


def inject_date_month(layout: Layout, rng: random.Random) -> Plan | None:
    """A month becomes another, in the same style ("August" → "October", "Aug." → "Oct.")."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b(" + "|".join(MONTHS) + r")\b", text):
        month = match.group(1)
        if not layout.free(match.start(), match.end()):
            continue
        if month in AMBIGUOUS_MONTHS:
            cue_before = _DATE_CUE.search(text[max(0, match.start() - 10) : match.start()])
            cue_after = re.match(r",? \d", text[match.end() :])
            if not (cue_before or cue_after):
                continue
            if month == "May" and not cue_after:
                continue
        new = rng.choice([m for m in MONTHS if m != month and m != "May"])
        plans.append(Plan((Edit(match.start(), match.end(), new),)))
    for match in re.finditer(r"\b(" + "|".join(a[:-1] for a in MONTH_ABBREVIATIONS) + r")\.", text):
        if layout.free(match.start(), match.end()):
            new = rng.choice([a for a in MONTH_ABBREVIATIONS if a != match.group()])
            plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return _pick(rng, plans)


def inject_date_year(layout: Layout, rng: random.Random) -> Plan | None:
    """A year moves by one ("2008" → "2009")."""
    text = layout.text
    plans = []
    for match in _YEAR.finditer(text):
        if not layout.free(match.start(), match.end()) or _PERCENT_AFTER.match(text, match.end()):
            continue
        if text[match.start() - 1 : match.start()] == "$":
            continue
        new = str(int(match.group(1)) + rng.choice((-1, 1)))
        plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return _pick(rng, plans)


def inject_date_time(layout: Layout, rng: random.Random) -> Plan | None:
    """A clock time moves by one to three hours ("10 a.m." → "11 a.m.")."""
    text = layout.text
    plans = []
    for match in _TIME.finditer(text):
        hour = int(match.group(1))
        if not 1 <= hour <= 12 or not layout.free(match.start(), match.end()):
            continue
        new = (hour - 1 + rng.choice((-3, -2, -1, 1, 2, 3))) % 12 + 1
        plans.append(Plan((Edit(match.start(1), match.end(1), str(new)),)))
    return _pick(rng, plans)


def misspell(word: str, rng: random.Random) -> str:
    """Drop, double or swap a letter inside ``word`` (never its first letter).

    >>> misspell("Khalilzad", random.Random(3)) != "Khalilzad"
    True
    """
    for _ in range(20):
        i = rng.randrange(1, len(word) - 1)
        op = rng.choice(("drop", "double", "swap"))
        if op == "drop":
            new = word[:i] + word[i + 1 :]
        elif op == "double":
            new = word[:i] + word[i] + word[i:]
        else:
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if new != word:
            return new
    return word[:1] + word[2:]


def name_occurrences(layout: Layout, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Free occurrences of the given names in the layout's text."""
    wanted = set(names)
    return [
        (m.start(), m.end(), m.group())
        for m in _NAME.finditer(layout.text)
        if m.group() in wanted and layout.free(m.start(), m.end())
    ]


def inject_name_misspelt(layout: Layout, rng: random.Random) -> Plan | None:
    """A proper name of five letters or more is misspelt ("Khalilzad" → "Khalizad")."""
    plans = []
    for start, end, name in name_occurrences(layout, (n for n in layout.names if len(n) >= 5)):
        new = misspell(name, rng)
        if new in layout.names or new.lower() in layout.vocab:
            continue
        plans.append(Plan((Edit(start, end, new),)))
    return _pick(rng, plans)


_REPORTING_NEAR = re.compile(r"^\s*(?:" + "|".join(REPORTING_VERBS) + r")\b")
_REPORTING_BEFORE = re.compile(r"\b(?:said|says|according to)\s*$")


def inject_name_swapped(layout: Layout, rng: random.Random) -> Plan | None:
    """A surname is replaced by another surname of the same article ("Beck" → "Palin"), away
    from reporting verbs (that would be attribution drift)."""
    text = layout.text
    if len(layout.surnames) < 2:
        return None
    plans = []
    for start, end, name in name_occurrences(layout, layout.surnames):
        if _REPORTING_NEAR.match(text[end : end + 20]) or _REPORTING_BEFORE.search(
            text[max(0, start - 20) : start]
        ):
            continue
        other = rng.choice([s for s in layout.surnames if s != name])
        plans.append(Plan((Edit(start, end, other),)))
    return _pick(rng, plans)


def quotations(layout: Layout, min_words: int) -> list[tuple[int, int, list[re.Match[str]]]]:
    """Closed, free quotations with at least ``min_words`` words, with their word matches."""
    out = []
    for s, e, closed in layout.quotes:
        if not closed or not layout.free(s, e):
            continue
        words = [m for m in _WORD.finditer(layout.text, s + 1, e - 1)]
        if len(words) >= min_words:
            out.append((s, e, words))
    return out


def _quote_word_ok(word: str) -> bool:
    """A word a quote injection may touch: lower-case and not a number, negation or hedge."""
    return word.isalpha() and word.islower() and word not in PROTECTED_WORDS


def inject_quote_changed(layout: Layout, rng: random.Random) -> Plan | None:
    """A word inside a quotation is replaced by a near-synonym ("big" → "large") or, without
    one, by another word of the article."""
    text = layout.text
    fallback = sorted(
        {w for w in _WORD.findall(text) if w.islower() and len(w) >= 4 and _quote_word_ok(w)}
    )
    plans = []
    for _s, _e, words in quotations(layout, 4):
        for match in words[1:-1]:
            word = match.group()
            if not _quote_word_ok(word):
                continue
            if word in QUOTE_SYNONYMS:
                new = QUOTE_SYNONYMS[word]
            elif len(word) >= 4 and fallback:
                new = rng.choice(fallback)
                if new == word:
                    continue
            else:
                continue
            plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return _pick(rng, plans)


def inject_quote_dropped(layout: Layout, rng: random.Random) -> Plan | None:
    """A word inside a quotation is dropped (not its first or last word)."""
    plans = []
    for _s, _e, words in quotations(layout, 4):
        for match, nxt in pairwise(words[1:]):
            if _quote_word_ok(match.group()) and layout.text[match.end()] == " ":
                plans.append(Plan((Edit(match.start(), nxt.start(), ""),), span="join"))
    return _pick(rng, plans)


def inject_quote_added(layout: Layout, rng: random.Random) -> Plan | None:
    """A word is added inside a quotation ("we will win" → "we will really win")."""
    plans = []
    for _s, _e, words in quotations(layout, 4):
        for match in words[1:-1]:
            if match.group().islower():
                new = rng.choice(QUOTE_INSERTS)
                plans.append(Plan((Edit(match.start(), match.start(), new + " "),)))
    return _pick(rng, plans)


def inject_quote_marks_dropped(layout: Layout, rng: random.Random) -> Plan | None:
    """The marks around a quotation of six words or more are removed: the quote now reads as
    the outlet's own paraphrase."""
    plans = [
        Plan((Edit(s, s + 1, ""), Edit(e - 1, e, "")), span="between")
        for s, e, _words in quotations(layout, 6)
    ]
    return _pick(rng, plans)


def inject_negation_inserted(layout: Layout, rng: random.Random) -> Plan | None:
    """ "not" is inserted after an auxiliary ("was approved" → "was not approved")."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b(" + "|".join(AUXILIARIES) + r") ([a-z]+)\b", text):
        aux, nxt = match.group(1), match.group(2)
        if nxt in NOT_AFTER_AUXILIARY or not layout.free(match.start(), match.end()):
            continue
        if aux in ("has", "have") and not (nxt in PARTICIPLES or nxt.endswith(("ed", "en", "wn"))):
            continue
        if aux in ("is", "was") and nxt in ("to", "said", "expected"):
            continue
        if word_before(text, match.start()).lower() in ("what", "who", "where", "how", "why"):
            continue  # a question ("What is this?") does not take "not" that way
        plans.append(Plan((Edit(match.end(1), match.end(1), " not"),)))
    return _pick(rng, plans)


def inject_negation_removed(layout: Layout, rng: random.Random) -> Plan | None:
    """A negation is removed: "not"/"never" dropped, "didn't" → "did"."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b(not|never) (?!only\b|to mention\b)", text):
        before = text[max(0, match.start() - 8) : match.start()]
        if re.search(r"\b(?:or|if|whether)\s$", before) or not layout.free(*match.span()):
            continue
        plans.append(Plan((Edit(match.start(), match.end(), ""),), span="join"))
    for match in re.finditer(r"\b([A-Za-z]+n['’]t)\b", text):
        key = match.group(1).lower().replace("’", "'")
        if key in CONTRACTIONS and layout.free(*match.span()):
            new = match_case(CONTRACTIONS[key], match.group(1))
            plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return _pick(rng, plans)


def inject_polarity(layout: Layout, rng: random.Random) -> Plan | None:
    """A verb's polarity is flipped ("confirmed" → "denied", "accepted" → "rejected")."""
    plans = [
        Plan((Edit(m.start(), m.end(), POLARITY[m.group()]),))
        for m in re.finditer(r"(?<![\w-])(" + "|".join(POLARITY) + r")\b(?! to\b)", layout.text)
        if layout.free(m.start(), m.end())
    ]
    return _pick(rng, plans)


def inject_attribution_swapped(layout: Layout, rng: random.Random) -> Plan | None:
    """The speaker of a reporting clause becomes another person or organisation of the article
    ("Rennie said" → "McMahon said", "said Rennie" → "said McMahon")."""
    text = layout.text
    verbs = "|".join(REPORTING_VERBS)
    speakers = {
        name
        for start, end, name in name_occurrences(layout, layout.names)
        if re.match(rf" (?:{verbs})\b", text[end : end + 14])
        or re.search(r"\b(?:said|says) $", text[max(0, start - 6) : start])
    }
    # Other people of the article: surnames, and whoever else is reported as speaking.
    others = sorted(set(layout.surnames) | speakers)
    plans = []
    for start, end, name in name_occurrences(layout, layout.names):
        before = text[max(0, start - 12) : start]
        if re.match(r" [A-Z][a-z]", text[end : end + 3]):
            continue  # a first name: the speaker is the whole name, swap its surname instead
        if not (
            re.match(rf" (?:{verbs})\b", text[end : end + 14])
            or re.search(r"\b(?:said|says|according to) $", before)
        ):
            continue
        choices = [o for o in others if o != name]
        if choices:
            plans.append(Plan((Edit(start, end, rng.choice(choices)),)))
    return _pick(rng, plans)


_SPEAKER = (
    r"(?:(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+|he|she|they|officials|police|the (?:[a-z]+ )?[a-z]+)"
)
_TRAILING_CLAUSE = re.compile(
    r"(?P<punct>[,.?!])(?P<q>[\"”])? (?P<clause>"
    + _SPEAKER
    + r" (?:said|says|stated|added|told reporters|wrote|explained)"
    + r"(?: on (?:"
    + "|".join(WEEKDAYS)
    + r"))?|according to [^,.;\"“”\n]{3,80})\."
)
_LEADING_CLAUSE = re.compile(
    r"(?P<clause>(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+ (?:said|says) (?:that )?)"
)


def inject_attribution_dropped(layout: Layout, rng: random.Random) -> Plan | None:
    """A reporting clause is deleted: ', Smith said.' → '.', '“…,” he said.' → '“….”',
    ', according to X.' → '.', 'Smith said that the …' → 'The …'."""
    text = layout.text
    plans = []
    for match in _TRAILING_CLAUSE.finditer(text):
        if not layout.free(match.start(), match.end()):
            continue
        if layout.quote_at(match.start("clause")):
            continue  # inside an unclosed quotation: that would be a changed quote
        punct, quote = match.group("punct"), match.group("q")
        if quote:
            new = ("." if punct == "," else punct) + quote
        elif punct == ",":
            new = "."
        else:
            continue
        plans.append(Plan((Edit(match.start(), match.end(), new),), span="join"))
    starts = layout.sentence_starts()
    for match in _LEADING_CLAUSE.finditer(text):
        end = match.end()
        if match.start() not in starts or not layout.free(match.start(), end):
            continue
        speaker = match.group("clause").split()[:-1]
        if any(w.lower() in SENTENCE_STARTERS - {"he", "she", "they"} for w in speaker):
            continue  # "In March Smith said": the clause is not the whole sentence opening
        nxt = re.match(r"[A-Za-z]+", text[end:])
        if not nxt or layout.quote_at(end):
            continue
        word = nxt.group()
        new = word[:1].upper() + word[1:]
        plans.append(Plan((Edit(match.start(), end + len(word), new),), span="join"))
    return _pick(rng, plans)


def inject_omission(layout: Layout, rng: random.Random) -> Plan | None:
    """A whole sentence of twelve words or more is deleted (not from the first paragraph)."""
    text = layout.text
    plans = []
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for s, e, p in layout.sentences:
        by_paragraph.setdefault(p, []).append((s, e))
    for p, sentences in by_paragraph.items():
        if p == 0:
            continue
        ps, pe = layout.paragraphs[p]
        for i, (s, e) in enumerate(sentences):
            sentence = text[s:e]
            if len(sentence.split()) < 12 or not layout.free(s, e):
                continue
            if not re.match(r"[\"“(]?[A-Z0-9]", sentence) or sentence[-1] not in '.!?"”':
                continue  # a fragment of a bad sentence split, not a sentence
            if sum(sentence.count(q) for q in _QUOTE_CHARS) % 2:
                continue
            if len(sentences) == 1:
                if p + 1 < len(layout.paragraphs):
                    cut = (ps, layout.paragraphs[p + 1][0])
                else:
                    cut = (layout.paragraphs[p - 1][1], pe)
            elif i + 1 < len(sentences):
                cut = (s, sentences[i + 1][0])
            else:
                cut = (sentences[i - 1][1], e)
            plans.append(Plan((Edit(cut[0], cut[1], ""),), span="join", removed=sentence))
    return _pick(rng, plans)


def paragraph_gaps(layout: Layout) -> list[int]:
    """Offsets just after a paragraph where a new paragraph can go (not before the lead)."""
    return [
        e
        for (_, e), (s2, _) in zip(layout.paragraphs, layout.paragraphs[1:], strict=False)
        if layout.free(e - 1, e)
    ]


def inject_addition(layout: Layout, rng: random.Random) -> Plan | None:
    """An invented sentence is inserted as a paragraph of its own."""
    gaps = paragraph_gaps(layout)
    if not gaps:
        return None
    at = rng.choice(gaps)
    sentence = rng.choice(ADDED_SENTENCES)
    return Plan((Edit(at, at, layout.separator + sentence),))


def inject_artifact_residue(layout: Layout, rng: random.Random) -> Plan | None:
    """Scraper residue ("[ad_1]", "Source link", …) on a line of its own."""
    gaps = [*paragraph_gaps(layout), len(layout.text.rstrip())]
    at = rng.choice(gaps)
    residue = rng.choice(RESIDUE)
    sep = rng.choice((layout.separator, "\n"))
    return Plan((Edit(at, at, sep + residue),))


def inject_artifact_punctuation(layout: Layout, rng: random.Random) -> Plan | None:
    """A sentence-final period is doubled (". ." or "..")."""
    text = layout.text
    plans = []
    for s, e, _ in layout.sentences:
        sentence_end = text[e - 1] == "." and text[e - 2].isalpha()
        if sentence_end and layout.free(s, e) and not _ABBREVIATED_END.search(text[s:e]):
            plans.append(Plan((Edit(e - 1, e, rng.choice((". .", ". .", ".."))),)))
    return _pick(rng, plans)


def inject_artifact_stray_period(layout: Layout, rng: random.Random) -> Plan | None:
    """A period lands mid-sentence between two lower-case words ("say in" → "say. in")."""
    text = layout.text
    plans = []
    for s, e, _ in layout.sentences:
        if not layout.free(s, e):
            continue
        for match in re.finditer(r"(?<=[a-z]{3}) (?=[a-z]{2,}\b)", text[s:e]):
            at = s + match.start()
            if not layout.quote_at(at):
                plans.append(Plan((Edit(at, at, "."),), span="join"))
    return _pick(rng, plans)


def inject_typo_eggcorn(layout: Layout, rng: random.Random) -> Plan | None:
    """A set phrase is garbled ("frame of mind" → "frame of mine"); when the article has none,
    an eggcorn adverbial ("For all intensive purposes, …") is put before a sentence. (A whole new
    sentence would also be an addition and blur the addition figures.)"""
    text = layout.text
    plans = []
    for right, wrong in EGGCORNS:
        for match in re.finditer(re.escape(right), text, re.I):
            if layout.free(*match.span()):
                plans.append(
                    Plan((Edit(match.start(), match.end(), match_case(wrong, match.group())),))
                )
    if plans:
        return _pick(rng, plans)
    for s, e, _ in layout.sentences[1:]:
        first = re.match(r"[A-Z][a-z]*\b", text[s:e])
        if not first or first.group().lower() not in SENTENCE_STARTERS:
            continue
        if first.group() in ("But", "And", "Yet", "So", "Or"):
            continue
        if layout.free(s, e) and not layout.quote_at(s) and text[e - 1] == ".":
            word = first.group()
            lowered = lowercase_first(word, text)
            adverbial = rng.choice(EGGCORN_ADVERBIALS)
            new = adverbial[:1].upper() + adverbial[1:] + ", " + lowered
            plans.append(Plan((Edit(s, s + len(word), new),)))
    return _pick(rng, plans)


def inject_typo_repeated(layout: Layout, rng: random.Random) -> Plan | None:
    """A word is doubled ("the the") or a coordination repeats its first noun ("leadership and
    people" → "leadership and leadership")."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b([a-z]{2,})\b(?= )", text):
        if layout.free(*match.span()) and not layout.quote_at(match.start()):
            word = match.group(1)
            if word in PROTECTED_WORDS:
                continue
            plans.append(Plan((Edit(match.end(), match.end(), " " + word),)))
    doubles = []
    for match in re.finditer(r"\b([a-z]{4,}) and ([a-z]{4,})\b", text):
        if layout.free(*match.span()) and not layout.quote_at(match.start()):
            a, b = match.group(1), match.group(2)
            if a != b and a not in PROTECTED_WORDS and b not in PROTECTED_WORDS:
                doubles.append(Plan((Edit(match.start(2), match.end(2), a),)))
    if doubles and rng.random() < 0.3:
        return _pick(rng, doubles)
    return _pick(rng, plans)


def inject_typo_misspelt(layout: Layout, rng: random.Random) -> Plan | None:
    """Two inner letters of a common lower-case word of six letters or more are swapped
    ("government" → "governmnet"); the result is not a word of the corpus."""
    text = layout.text
    plans = []
    for match in re.finditer(r"\b[a-z]{6,}\b", text):
        word = match.group()
        if layout.vocab.get(word, 0) < 5 or word in PROTECTED_WORDS:
            continue
        if not layout.free(*match.span()) or layout.quote_at(match.start()):
            continue
        positions = [i for i in range(1, len(word) - 2) if word[i] != word[i + 1]]
        if not positions:
            continue
        i = rng.choice(positions)
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if new not in layout.vocab:
            plans.append(Plan((Edit(match.start(), match.end(), new),)))
    return _pick(rng, plans)


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
        start, end = spans[0][0], spans[-1][1]
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
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

    >>> variant_of("negation-removed", make_layout("x"), Plan((Edit(0, 1, ""),)), "didn't", "did")
    "n't"
    """
    text, first = layout.text, plan.edits[0]
    after = text[first.end : first.end + 12]
    if kind.startswith("number-"):
        percent = _PERCENT_AFTER.match(after)
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
