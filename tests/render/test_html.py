"""The HTML review page, without a browser: self-contained, escaped, CSP-locked, stable.

The page's behaviour in a real browser (the cards drawn from the data, pages, filters,
keyboard, decisions, the exported baseline, print, a phone, hostile stories running
nothing) is tested in ``tests/test_review_page.py``; what the page shows (grouping,
order, counts) in ``tests/test_review.py``. Here: the HTML frame and the data the
script reads, each text once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import helpers
import pytest
from helpers import ROOT, report_of, run

from rewritelint.baseline import Entry
from rewritelint.findings import Summary, summarise
from rewritelint.model import Excerpt, Finding, Location, PassagePair
from rewritelint.render import html
from rewritelint.report import Report
from rewritelint.review import review_check, review_report
from rewritelint.sources import Resolution

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "</script>",
    '"><svg onload=alert(1)>',
    "<!--",
]
REWRITE_PASSAGE = (
    "Insurgents captured five of the country’s 34 provincial capitals in less than a week."
)


def number_changed(path: str = "stories/kabul.txt", wire: str = "wire/ap.txt") -> Finding:
    return helpers.number_changed(path, wire, passage=REWRITE_PASSAGE)


def hostile(path: str = "stories/kabul.txt", wire: str = "wire/ap.txt") -> list[Finding]:
    """Findings whose every text field carries the hostile strings."""
    payload = " ".join(HOSTILE) + " \u2028 \u2029 & done"
    residue = helpers.finding(
        "scraper-residue", "artifact", "warning", f"scraper residue: {payload}",
        Location(path, 7, 1, 7, 40, payload, 300, 340), None, "a" * 20,
        excerpt=Excerpt(f"Before {payload} after", ((7, 7 + len(payload)),)),
    )  # fmt: skip
    added = helpers.finding(
        "passage-added", "addition", "info",
        f"1 passage(s) not in the reference (9 words): {payload}",
        Location(path, 9, 1, 9, 40, payload, 400, 440), None, "b" * 20,
        excerpt=Excerpt(payload, ((0, len(payload)),)),
    )  # fmt: skip
    omitted = helpers.finding(
        "passage-omitted", "omission", "info",
        f"1 reference passage(s) left out (9 words): {payload}",
        Location(path, 9, 1, 9, 1, "", 400, 400), Location(wire, 3, 1, 3, 40, payload, 50, 90),
        "c" * 20, excerpt=Excerpt(f"Near {payload}", ((0, 0),)),
    )  # fmt: skip
    changed = helpers.finding(
        "quote-altered", "quote", "error", f"quotation altered: '{HOSTILE[0]}' -> '{HOSTILE[1]}'",
        Location(path, 11, 3, 11, 30, HOSTILE[1], 500, 528),
        Location(wire, 12, 3, 12, 28, HOSTILE[0], 600, 625), "d" * 20,
        excerpt=Excerpt(f"“{HOSTILE[1]} {HOSTILE[2]}”", ((1, 1 + len(HOSTILE[1])),)),
        reference_excerpt=Excerpt(f"“{HOSTILE[0]} {HOSTILE[3]}”", ((1, 1 + len(HOSTILE[0])),)),
    )  # fmt: skip
    return [residue, added, omitted, changed]


def page_for(findings: list[Finding], **kwargs) -> str:
    report = report_of(findings, ("wire/ap.txt", "stories/kabul.txt"))
    return html.render(review_report(report, summarise(findings, 2), root=None, **kwargs))


class Parsed(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(page: str) -> Parsed:
    parser = Parsed()
    parser.feed(page)
    parser.close()
    return parser


def data_of(page: str) -> dict:
    scripts = parse(page).scripts
    (text,) = [t for attrs, t in scripts if attrs.get("id") == "data"]
    return json.loads(text)


def texts_of(data: dict) -> list[str]:
    """The data's texts, those stored as pieces joined as the script joins them."""
    texts: list[str] = []
    for item in data["texts"]:
        pieces = [item] if isinstance(item, str) else item
        texts.append("".join(texts[p] if isinstance(p, int) else p for p in pieces))
    return texts


def shown_of(texts: list[str], item: list | None) -> tuple | None:
    """A shown text as (text, flagged parts or None for all of it, whole)."""
    if item is None:
        return None
    text, marks = texts[item[0]], item[1]
    pairs = zip(marks[::2], marks[1::2], strict=True) if marks is not None else None
    parts = None if pairs is None else [text[a:b] for a, b in pairs]
    return (text, parts, len(item) == 3)


def findings_of(page: str) -> list[dict]:
    """The script's findings as it reads them, one dict each (texts and names resolved)."""
    data = data_of(page)
    texts = texts_of(data)
    f = data["findings"]

    def text(k: int | None) -> str | None:
        return None if k is None else texts[k]

    return [
        {
            "path": data["recorded"][f["version"][i]],
            "rule": data["rules"][f["rule"][i]],
            "fingerprint": f["fingerprint"][i],
            "text": texts[f["text"][i]],
            "reference": text(f["reference"][i]),
            "severity": data["severities"][f["severity"][i]],
            "category": data["categories"][f["category"][i]],
            "message": f["message"][i],
            "version": f["version"][i],
            "file": data["paths"][f["version"][i]],
            "where": (f["line"][i], f["column"][i]),
            "ref": None
            if f["ref"][i] is None
            else (data["paths"][f["ref"][i][0]], *f["ref"][i][1:]),
            "layout": data["layouts"][f["layout"][i]],
            "left": shown_of(texts, f["left"][i]),
            "right": shown_of(texts, f["right"][i]),
            "quote": text(f["quote"][i]),
            "context": text(f["context"][i]),
            "mine": f["mine"][i],
            "fold": text(f["fold"][i]),
            "score": f["score"][i],
        }
        for i in range(len(f["message"]))
    ]


def test_the_page_is_self_contained() -> None:
    page = page_for([number_changed(), *hostile()])
    assert page.startswith("<!DOCTYPE html>\n")
    assert "http://" not in page and "https://" not in page
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"""(?:src|href|action|srcset|poster)\s*=\s*["']?\s*(?:\w+:)?//""", page)
    for tag, attrs in parse(page).tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "data:")), (tag, name, value)
        if tag == "link":
            assert attrs.get("href") == "data:,", attrs


def test_the_csp_allows_exactly_the_pages_own_script() -> None:
    page = page_for([number_changed()])
    metas = [a for t, a in parse(page).tags if t == "meta" and a.get("http-equiv")]
    assert [m["http-equiv"] for m in metas] == ["Content-Security-Policy"]
    policy = metas[0]["content"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == "'unsafe-inline'"
    assert directives["img-src"] == "data:"
    assert directives["connect-src"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"]
    executable = [(a, t) for a, t in parse(page).scripts if a.get("type") != "application/json"]
    assert len(executable) == 1 and executable[0][0] == {}
    digest = base64.b64encode(hashlib.sha256(executable[0][1].encode("utf-8")).digest()).decode()
    assert directives["script-src"] == f"'sha256-{digest}'"
    assert html.script_hash() == directives["script-src"]
    # The policy comes before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<style>") < page.index("<script")


def test_hostile_story_text_appears_only_escaped() -> None:
    page = page_for([number_changed(), *hostile()])
    parsed = parse(page)
    # Only the page's own elements: no injected tag, no event handler, no javascript: URL.
    assert [t for t, _ in parsed.tags if t in ("img", "svg", "iframe", "object", "embed")] == []
    assert sum(t == "script" for t, _ in parsed.tags) == 2
    assert page.count("</script>") == 2
    for _, attrs in parsed.tags:
        assert not [name for name in attrs if name.startswith("on")], attrs
        assert all("javascript:" not in (v or "") for v in attrs.values()), attrs
    for text in HOSTILE[:2]:
        assert text not in page
    assert 'href="javascript' not in page
    # The script's data cannot end its element: <, >, & and U+2028/9 are \u-escaped.
    (raw,) = re.findall(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    for character in "<>&\u2028\u2029":
        assert character not in raw
    assert "\\u003c/script\\u003e" in raw
    texts = [f["text"] for f in findings_of(page)]
    assert any("</script>" in t and "\u2028" in t for t in texts)
    # The script makes elements and sets their text: it never writes HTML.
    for name in html.SCRIPTS:
        code = html.asset(name)
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, (name, sink)


def test_hostile_paths_are_escaped_too(tmp_path: Path) -> None:
    path = 'stories/a"><img src=x onerror=alert(1)>.txt'
    page = page_for([number_changed(path=path)])
    assert "<img" not in page
    assert "a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt" in page  # the version filter


def test_the_same_input_gives_the_same_bytes() -> None:
    findings = [number_changed(), *hostile()]
    assert page_for(findings) == page_for(findings)
    first = html.render(review_check(findings, summarise(findings, 1), root=None))
    assert first == html.render(review_check(findings, summarise(findings, 1), root=None))


def test_the_cli_writes_the_same_page_twice(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    plain = run(ROOT, "report", "seeds", "--concise")
    one = run(ROOT, "report", "seeds", "--concise", "--html", first, "--jobs", "2")
    two = run(ROOT, "report", "seeds", "--concise", "--html", second, "--jobs", "1")
    assert one.returncode == two.returncode == plain.returncode == 1
    assert one.stdout == plain.stdout  # --html adds a file, not output
    assert first.read_bytes() == second.read_bytes()
    page = first.read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page
    assert "number changed: nine -> five" in [f["message"] for f in findings_of(page)]


def test_a_card_holds_the_aligned_passages_with_the_changed_words() -> None:
    (card,) = findings_of(page_for([number_changed()]))
    assert (card["severity"], card["category"], card["rule"]) == (
        "error",
        "number",
        "number-changed",
    )
    assert (card["file"], card["where"]) == ("stories/kabul.txt", (5, 21))
    assert card["ref"] == ("wire/ap.txt", 10, 151) and card["quote"] == "nine"
    # Reference left with the old words flagged, rewrite right with the new ones.
    assert card["layout"] == "pair"
    assert card["left"] == (helpers.WIRE_PASSAGE, ["nine"], False)
    assert card["right"] == (REWRITE_PASSAGE, ["five"], False)
    assert card["fold"] is None and card["score"] is None and card["mine"] == 0


def test_omitted_and_added_passages_fold_to_one_line() -> None:
    cards = {c["rule"]: c for c in findings_of(page_for(hostile()))}
    omitted, added = cards["passage-omitted"], cards["passage-added"]
    assert omitted["layout"] == "omitted" and omitted["right"] is None
    assert omitted["left"][1] is None and omitted["left"][2]  # all of it, a whole passage
    assert omitted["context"].startswith("Near ")
    assert omitted["fold"] == "1 sentence (19 words) not in this version"
    assert added["layout"] == "added" and added["left"] is None
    assert added["fold"] == "1 sentence (19 words) not in the reference"
    single = cards["scraper-residue"]
    assert single["layout"] == "single" and single["right"][1] and single["fold"] is None


def test_marks_count_as_javascript_counts() -> None:
    """Offsets in the data are UTF-16 code units: an emoji before the changed word counts
    two, so the script flags exactly "five"."""
    passage = "😀 Insurgents captured five 🇦🇫 capitals."
    finding = helpers.number_changed(excerpt=Excerpt(passage, ((22, 26),)))
    (item,) = data_of(page_for([finding]))["findings"]["right"]
    assert (
        passage.encode("utf-16-le")[2 * item[1][0] : 2 * item[1][1]].decode("utf-16-le") == "five"
    )
    assert item[1] == [23, 27]


def test_each_text_is_stored_once() -> None:
    """A report of 3,000 findings over 300 versions sharing 30 passages: each passage is
    once in the data, so the page grows by a few hundred bytes a finding, not by its
    passages."""
    passages = [
        f"Passage {k}: " + "the envoy met the delegates in Doha again. " * 9 for k in range(30)
    ]
    findings = [
        helpers.number_changed(
            f"stories/{k % 300:03d}.txt",
            excerpt=Excerpt(passages[k % 30], ((0, 7),)),
            reference_excerpt=Excerpt(passages[(k + 1) % 30], ((0, 7),)),
            fingerprint=f"{k:020d}",
            location=Location(f"stories/{k % 300:03d}.txt", k, 1, k, 5, "five", 0, 4),
        )
        for k in range(3000)
    ]
    paths = ("wire/ap.txt", *sorted({f.location.path for f in findings}))
    page = html.render(review_report(report_of(findings, paths), summarise(findings, 301)))
    data = data_of(page)
    texts = texts_of(data)
    assert all(texts.count(p) == 1 for p in passages)
    assert len(page.encode("utf-8")) < 3000 * 250 + 150_000, len(page)
    assert page.count(passages[0][:40]) == 1


def test_a_run_of_passages_is_stored_as_the_passages_it_joins() -> None:
    """The text of a run left out is the aligned view's passages, one after another: it is
    kept as pieces pointing at them, and joined it is the run's text."""
    one = "The envoy arrived in Doha on Tuesday and met 12 delegates from both sides."
    two = "Officials said 300 families fled the fighting in the western city of Herat."
    run_text = f"{one}\n\n{two}"
    gone = helpers.finding(
        "passage-omitted", "omission", "info", "2 reference passage(s) left out (27 words)",
        Location("stories/kabul.txt", 9, 1, 9, 1, "", 400, 400),
        Location("wire/ap.txt", 3, 1, 5, 76, run_text, 50, 200), "c" * 20,
    )  # fmt: skip
    kept = "The talks resumed on Wednesday in the Qatari capital."
    rows = (
        PassagePair(Excerpt(kept, ()), Excerpt(kept, ())),
        PassagePair(Excerpt(one, ()), None),
        PassagePair(Excerpt(two, ()), None),
    )
    report = report_of([gone], ("wire/ap.txt", "stories/kabul.txt"))
    report.stories[0] = replace(report.stories[0], aligned=(("stories/kabul.txt", rows),))
    data = data_of(html.render(review_report(report, summarise([gone], 2))))
    texts = texts_of(data)
    pieces = data["texts"][data["findings"]["left"][0][0]]
    assert pieces == [texts.index(one), "\n\n", texts.index(two)]
    # A passage the rewrite kept word for word is a row of its text's index alone.
    assert data["stories"][0]["sections"][1]["aligned"]["rows"][0] == texts.index(kept)
    assert texts[data["findings"]["left"][0][0]] == run_text
    assert findings_of(html.render(review_report(report, summarise([gone], 2))))[0]["fold"] == (
        "2 sentences (27 words) not in this version"
    )


def test_overview_tallies_and_jump_links() -> None:
    page = page_for([number_changed(), *hostile()])
    assert "1 story · 2 versions · 5 findings (2 errors, 1 warning, 2 info)" in page
    assert '<a href="#story-1">story-1</a>' in page
    assert "Findings by category and severity" in page
    assert "5 of 5 findings shown" in page
    (story,) = data_of(page)["stories"]
    assert story["id"] == "story-1" and story["findings"] == 5
    assert story["consensus"][0]["values"] == [["nine", 1], ["five", 1]]  # the consensus tally
    assert [v["anchor"] for v in story["versions"]] == ["story-1-v0", "story-1-v1"]


def test_scores_reach_the_page_when_the_review_has_them() -> None:
    review = review_report(
        report_of([number_changed()], ("wire/ap.txt", "stories/kabul.txt")),
        summarise([number_changed()], 2),
    )
    (story,) = review.stories
    sections = tuple(
        replace(x, cards=tuple(replace(c, score=0.75) for c in x.cards)) for x in story.sections
    )
    versions = tuple(replace(v, score=0.5) for v in story.versions)
    review = replace(review, stories=(replace(story, sections=sections, versions=versions),))
    page = html.render(review)
    assert [f["score"] for f in findings_of(page)] == [0.75]
    assert [v["score"] for v in data_of(page)["stories"][0]["versions"]] == [0.5, 0.5]


def test_data_carries_the_baseline_fields_with_project_paths(tmp_path: Path) -> None:
    wire, story = tmp_path / "wire" / "ap.txt", tmp_path / "stories" / "kabul.txt"
    finding = number_changed(path=str(story), wire=str(wire))
    report = report_of([finding], (str(wire), str(story)))
    page = html.render(review_report(report, summarise([finding], 2), root=tmp_path))
    data = data_of(page)
    (item,) = findings_of(page)
    assert {k: item[k] for k in ("path", "rule", "fingerprint", "text", "reference")} == {
        "path": "stories/kabul.txt",
        "rule": "number-changed",
        "fingerprint": finding.fingerprint,
        "text": "five",
        "reference": "nine",
    }
    assert data["complete_paths"] == ["stories/kabul.txt", "wire/ap.txt"]
    assert data["recorded"] == ["wire/ap.txt", "stories/kabul.txt"]
    assert data["baseline_name"] == "rewritelint-baseline.json"  # as browsers save it
    overridden = html.render(
        review_report(
            report, summarise([finding], 2), root=tmp_path, baseline_paths={str(story): "x/y.txt"}
        )
    )
    assert findings_of(overridden)[0]["path"] == "x/y.txt"


def test_check_pages_group_rewrites_by_reference() -> None:
    a = number_changed(path="stories/a.txt")
    b = number_changed(path="stories/b.txt")
    loose = hostile(path="stories/alone.txt")[0]
    sources = {
        "stories/a.txt": Resolution(("wire/ap.txt",), "--against"),
        "stories/b.txt": Resolution(("wire/ap.txt",), "--against"),
        "stories/alone.txt": Resolution((), "none"),
        "stories/clean.txt": Resolution(("wire/other.txt",), "front matter"),
    }
    checked = ["stories/a.txt", "stories/b.txt", "stories/alone.txt", "stories/clean.txt"]
    page = html.render(
        review_check([a, b, loose], summarise([a, b, loose], 4), sources=sources, checked=checked)
    )
    data = data_of(page)
    stories = data["stories"]
    assert [s["id"] for s in stories] == ["story-1", "story-2", "story-3"]
    assert stories[0]["reason"] == "source found by --against"
    assert stories[1]["reason"].startswith("no source found")
    # clean.txt, checked against wire/other.txt, has a section without findings.
    clean = stories[2]["sections"][1]
    assert data["paths"][clean["path"]] == "stories/clean.txt" and clean["count"] == 0
    assert data["complete_paths"] == sorted(checked)
    assert [f["file"] for f in findings_of(page)] == [
        "stories/a.txt",
        "stories/b.txt",
        "stories/alone.txt",
    ]


def test_baseline_entries_are_embedded_for_the_script() -> None:
    entry = Entry(
        "stories/kabul.txt", "number-changed", "0123456789abcdef0123", "five", "nine", "ok"
    )
    other = Entry("stories/other.txt", "eggcorn", "ffff", "frame of mine", None)
    page = page_for([number_changed()], baseline=[entry, other])
    assert data_of(page)["baseline"] == [
        {
            "path": "stories/kabul.txt",
            "rule": "number-changed",
            "fingerprint": "0123456789abcdef0123",
            "text": "five",
            "reference": "nine",
            "note": "ok",
        },
        {
            "path": "stories/other.txt",
            "rule": "eggcorn",
            "fingerprint": "ffff",
            "text": "frame of mine",
            "reference": None,
        },
    ]


def test_print_styles_hide_the_controls() -> None:
    page = page_for([number_changed()])
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    printed = style[style.index("@media print") :]
    assert ".controls" in printed and ".decide button" in printed
    assert ".finding.folded>.body{display:block" in printed  # every card whole on paper
    # Highlights carry a text marker, not only a colour.
    assert 'del::before{content:"[-' in style and 'ins::before{content:"{+' in style


def test_no_findings_still_makes_a_page() -> None:
    summary = Summary(files=1, findings=0, by_severity={})
    page = html.render(review_report(Report(files=1), summary))
    assert "0 findings" in page and "No findings." in page and "0 of 0 findings shown" in page
    assert data_of(page)["findings"]["message"] == []


@pytest.mark.parametrize("command", ["report", "check"])
def test_cli_reports_an_unwritable_page(tmp_path: Path, command: str) -> None:
    target = tmp_path / "missing" / "review.html"
    args = (
        ["report", "seeds"]
        if command == "report"
        else [
            "check",
            "seeds/004_aa7a28f18c50d0f7.txt",
            "--against",
            "seeds/003_380c5302f4e8ce27.txt",
        ]
    )
    result = run(ROOT, *args, "--concise", "--html", target)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith(f"rewritelint: error: {target}")
    assert "Traceback" not in result.stderr


def test_check_page_shows_acknowledged_findings_as_accepted(tmp_path: Path) -> None:
    page_file = tmp_path / "check.html"
    base = ["seeds/004_aa7a28f18c50d0f7.txt", "--against", "seeds/003_380c5302f4e8ce27.txt"]
    baseline = tmp_path / "baseline.json"
    assert run(ROOT, "check", *base, "--baseline", baseline, "--update-baseline").returncode == 0
    result = run(ROOT, "check", *base, "--baseline", baseline, "--concise", "--html", page_file)
    assert result.returncode == 0
    page = page_file.read_text(encoding="utf-8")
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    findings = findings_of(page)
    assert len(data_of(page)["baseline"]) == len(recorded) == len(findings) > 0
    assert {f["fingerprint"] for f in findings} == {e["fingerprint"] for e in recorded}


def test_the_aligned_view_shows_both_versions_passage_by_passage(tmp_path) -> None:
    """The whole rewrite beside the reference, for each rewrite of a story: changed
    passages with their words flagged on both sides."""
    target = tmp_path / "review.html"
    assert run(ROOT, "report", "seeds", "--html", target).returncode == 1
    data = data_of(target.read_text(encoding="utf-8"))
    texts = texts_of(data)
    views = [x["aligned"] for s in data["stories"] for x in s["sections"] if x["aligned"]]
    assert len(views) == 3  # 001, 002 against 000; 004 against 003
    rows = [r for v in views for r in v["rows"]]
    kinds = {data["row_kinds"][r[0]] for r in rows if not isinstance(r, int)}
    assert {"changed", "added", "omitted"} <= kinds
    (row,) = [
        r
        for r in rows
        if not isinstance(r, int) and r[2] and "Insurgents captured" in texts[r[2][0]]
    ]
    # Redlined for a reader (rewritelint/redline.py): the changed stretches, whole words;
    # this sentence was rewritten, so its changed stretch holds the changed number.
    old_marks, new_marks = shown_of(texts, row[1])[1], shown_of(texts, row[2])[1]
    assert any("nine" in m.split() for m in old_marks) and any(
        "five" in m.split() for m in new_marks
    )
    assert all(m == m.strip() and m for m in old_marks + new_marks)


def test_a_hostile_file_name_is_only_text_in_the_page() -> None:
    """A contributor's file name with ``</script>``, a tag, a line break, ESC, ``::`` and
    an undecodable byte: the page keeps its own two scripts and no injected element."""
    path = "stories/</script><img src=x onerror=alert(1)>\n\x1b[31m::error::x %0A,b:c\udcff.txt"
    findings = [number_changed(path=path), *hostile(path=path, wire=path + ".wire")]
    report = report_of(findings, (path + ".wire", path))
    page = html.render(review_report(report, summarise(findings, 2), root=None))
    parsed = parse(page)
    assert [t for t, _ in parsed.tags if t in ("img", "svg", "iframe", "object", "embed")] == []
    assert sum(t == "script" for t, _ in parsed.tags) == page.count("</script>") == 2
    assert "stories/&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    paths = {f["path"] for f in findings_of(page)}
    # The data keeps the name (the undecodable byte becomes "?": a page is UTF-8).
    assert "stories/</script><img src=x onerror=alert(1)>\n\x1b[31m::error::x %0A,b:c?.txt" in paths


def test_the_assets_are_package_data_inlined_into_the_page() -> None:
    """Skeleton, style sheets and script parts are files of the package, found through
    importlib.resources (so an installed wheel has them), and the page carries them
    inline, in one <style> and one <script>: it refers to no other file."""
    assets = resources.files("rewritelint.render") / "assets"
    names = ("review.html", *html.STYLES, *html.SCRIPTS)
    texts = {n: (assets / n).read_text(encoding="utf-8") for n in names}
    assert (
        texts["review.html"].startswith("<!DOCTYPE html>\n")
        and "${overview}" in texts["review.html"]
    )
    assert ".controls{position:sticky" in texts["review.css"]
    assert texts[html.SCRIPTS[0]].startswith('"use strict";')  # for all of the script
    assert all(html.asset(n) == texts[n] for n in names)
    page = page_for([number_changed(), *hostile()])
    parsed = parse(page)
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert style == "".join("\n" + texts[n] for n in html.STYLES)
    (code,) = [t for attrs, t in parsed.scripts if attrs.get("type") != "application/json"]
    assert code == "".join("\n" + texts[n] for n in html.SCRIPTS)
    assert "${" not in page.replace(code, "")  # every placeholder filled
    # No reference to another file: no src= at all, href= only to this page or data:.
    assert not any("src" in attrs for _, attrs in parsed.tags)
    hrefs = {attrs["href"] for _, attrs in parsed.tags if "href" in attrs}
    assert hrefs and all(h.startswith(("#", "data:")) for h in hrefs), hrefs
    assert not [t for t, a in parsed.tags if t == "link" and a.get("rel") != "icon"]


def test_the_skeleton_is_filled_by_escaped_substitution() -> None:
    assert html.fill("<p>${a}</p>${b}", {"a": '<i>"x"</i>'}, {"b": "<br>"}) == (
        "<p>&lt;i&gt;&quot;x&quot;&lt;/i&gt;</p><br>"
    )
    # A value is never itself read as a template, and every placeholder is filled once.
    assert html.fill("${a}", {"a": "${a}$$"}, {}) == "${a}$$"
    with pytest.raises(ValueError, match="placeholders"):
        html.fill("${a}${b}", {"a": 1}, {})
    with pytest.raises(ValueError, match="placeholders"):
        html.fill("${a}", {"a": 1}, {"extra": ""})
    with pytest.raises(ValueError, match="placeholders"):
        html.fill("${a}", {"a": 1}, {"a": ""})
