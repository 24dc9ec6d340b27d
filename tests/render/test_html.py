"""The HTML review page, without a browser: self-contained, escaped, CSP-locked, stable.

The page's behaviour in a real browser (filters, keyboard, decisions, the exported
baseline, hostile stories running nothing) is tested in ``tests/test_review_page.py``;
what the page shows (grouping, order, counts) in ``tests/test_review.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import helpers
import pytest
from helpers import ROOT, report_of, run

from rewritelint.baseline import Entry
from rewritelint.findings import Summary, summarise
from rewritelint.model import Excerpt, Finding, Location
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
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in page
    # javascript:alert(1) is shown as text, never as a link.
    assert "javascript:alert(1)" in page
    assert 'href="javascript' not in page
    # The script's data cannot end its element: <, >, & and U+2028/9 are \u-escaped.
    (raw,) = re.findall(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    for character in "<>&\u2028\u2029":
        assert character not in raw
    assert "\\u003c/script\\u003e" in raw
    texts = [f["text"] for f in data_of(page)["findings"]]
    assert any("</script>" in t and "\u2028" in t for t in texts)


def test_hostile_paths_are_escaped_too(tmp_path: Path) -> None:
    path = 'stories/a"><img src=x onerror=alert(1)>.txt'
    page = page_for([number_changed(path=path)])
    assert "<img" not in page
    assert "a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt" in page


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
    assert "number changed: nine -&gt; five" in page


def test_findings_are_cards_with_badges_and_aligned_passages() -> None:
    page = page_for([number_changed()])
    assert 'class="badge sev sev-error">error</span>' in page
    assert 'class="badge cat">number</span>' in page
    assert 'class="badge rule">number-changed</code>' in page
    assert "<code>wire/ap.txt:10:151</code>" in page
    # Reference left with the old words deleted, rewrite right with the new ones inserted.
    left = page.index('class="side left"')
    right = page.index('class="side right"')
    assert left < right
    assert page.index('<del><span class="w">nine</span></del>', left) < right
    assert page.index('<ins><span class="w">five</span></ins>', right)
    assert "They have captured <del>" in page


def test_omitted_and_added_passages_are_shown_as_such() -> None:
    page = page_for(hostile())
    assert 'class="pair omitted"' in page and "Not in the rewrite." in page
    assert 'class="pair added"' in page and "No counterpart in the reference." in page
    assert '<del class="whole">' in page and "<ins><span" in page
    assert '<mark class="flag">' in page  # single-version finding


def test_overview_tallies_and_jump_links() -> None:
    page = page_for([number_changed(), *hostile()])
    assert "1 story · 2 versions · 5 findings (2 errors, 1 warning, 2 info)" in page
    assert '<a href="#story-1">story-1</a>' in page and 'id="story-1"' in page
    assert "Findings by category and severity" in page
    assert "“nine” in 1; “five” in 1" in page  # the consensus tally
    assert "5 of 5 findings shown" in page


def test_data_carries_the_baseline_fields_with_project_paths(tmp_path: Path) -> None:
    wire, story = tmp_path / "wire" / "ap.txt", tmp_path / "stories" / "kabul.txt"
    finding = number_changed(path=str(story), wire=str(wire))
    report = report_of([finding], (str(wire), str(story)))
    page = html.render(review_report(report, summarise([finding], 2), root=tmp_path))
    data = data_of(page)
    (item,) = data["findings"]
    assert {k: item[k] for k in ("path", "rule", "fingerprint", "text", "reference")} == {
        "path": "stories/kabul.txt",
        "rule": "number-changed",
        "fingerprint": finding.fingerprint,
        "text": "five",
        "reference": "nine",
    }
    assert data["complete_paths"] == ["stories/kabul.txt", "wire/ap.txt"]
    assert data["baseline_name"] == "rewritelint-baseline.json"  # as browsers save it
    overridden = html.render(
        review_report(
            report, summarise([finding], 2), root=tmp_path, baseline_paths={str(story): "x/y.txt"}
        )
    )
    assert data_of(overridden)["findings"][0]["path"] == "x/y.txt"


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
    assert page.count('<section class="story"') == 3
    assert "source found by --against" in page
    assert "no source found" in page
    assert "No findings in this version." in page  # clean.txt, checked against wire/other.txt
    data = data_of(page)
    assert data["complete_paths"] == sorted(checked)
    assert [f["story"] for f in data["findings"]] == ["story-1", "story-1", "story-2"]


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
    # Highlights carry a text marker, not only a colour.
    assert 'del::before{content:"[-' in style and 'ins::before{content:"{+' in style


def test_no_findings_still_makes_a_page() -> None:
    summary = Summary(files=1, findings=0, by_severity={})
    page = html.render(review_report(Report(files=1), summary))
    assert "0 findings" in page and "No findings." in page and "0 of 0 findings shown" in page


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
    data = data_of(page_file.read_text(encoding="utf-8"))
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert len(data["baseline"]) == len(recorded) == len(data["findings"]) > 0
    assert {f["fingerprint"] for f in data["findings"]} == {e["fingerprint"] for e in recorded}


def test_the_aligned_view_shows_both_versions_passage_by_passage(tmp_path) -> None:
    """The whole rewrite beside the reference, as a redline, for each rewrite of a story."""
    page = tmp_path / "review.html"
    assert run(ROOT, "report", "seeds", "--html", page).returncode == 1
    html = page.read_text(encoding="utf-8")
    assert html.count('<details class="aligned">') == 3  # 001, 002 against 000; 004 against 003
    row = next(r for r in html.split("<tr") if "Insurgents captured" in r)
    assert '<del><span class="w">nine</span></del>' in row
    assert '<ins><span class="w">five</span></ins>' in row
    assert "— not in the rewrite —" in html and "— no counterpart in the reference —" in html


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
    paths = {f["path"] for f in data_of(page)["findings"]}
    # The data keeps the name (the undecodable byte becomes "?": a page is UTF-8).
    assert "stories/</script><img src=x onerror=alert(1)>\n\x1b[31m::error::x %0A,b:c?.txt" in paths


def test_the_assets_are_package_data_inlined_into_the_page() -> None:
    """Skeleton, style sheet and script are files of the package, found through
    importlib.resources (so an installed wheel has them), and the page carries them
    inline: it refers to no other file."""
    assets = resources.files("rewritelint.render") / "assets"
    texts = {
        n: (assets / n).read_text(encoding="utf-8")
        for n in ("review.html", "review.css", "review.js")
    }
    assert (
        texts["review.html"].startswith("<!DOCTYPE html>\n") and "${main}" in texts["review.html"]
    )
    assert ".controls{position:sticky" in texts["review.css"]
    assert texts["review.js"].startswith('"use strict";')
    assert html.asset("review.js") == texts["review.js"]
    page = page_for([number_changed(), *hostile()])
    parsed = parse(page)
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert style == "\n" + texts["review.css"]
    (code,) = [t for attrs, t in parsed.scripts if attrs.get("type") != "application/json"]
    assert code == "\n" + texts["review.js"]
    assert "${" not in page.replace(texts["review.js"], "")  # every placeholder filled
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
