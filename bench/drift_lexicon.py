"""Word lists the synthetic rewrites draw on: dates, number words, names, hedges, negations,
quote synonyms, invented sentences, residue, eggcorns and agency boilerplate.

Shared by the benign transformations (``benign.py``) and the drift injections
(``drift_*.py``), so that what one side writes the other recognises, and a new eggcorn or
synonym is one line here.
"""

from __future__ import annotations

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
