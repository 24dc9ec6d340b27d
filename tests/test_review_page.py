"""The HTML review page in a real browser: Debian's headless Chromium driven by Playwright.

The pages are made with the installed CLI (``rewritelint report … --html``) from the
repository root, or for a report of 300 findings (several pages of cards) by the renderer
from a built report, and opened from ``file://`` URLs, as an editor opens an attachment.
What is asserted is what a reader sees: the cards drawn, their text, where the page
scrolled to, the width at 360 px, the page as printed, the card a key acted on. How fast
big pages load and filter is measured by ``bench/page.py``, never asserted here.
These tests skip only where ``/usr/bin/chromium`` (Debian's ``chromium`` package, which
``.ci/run`` installs) or the ``playwright`` package is missing; no browser is ever
downloaded.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import ROOT, number_changed, run

from rewritelint.baseline import read_baseline, render_baseline
from rewritelint.findings import summarise
from rewritelint.model import Excerpt, Finding, Location
from rewritelint.render import html
from rewritelint.report import Report, StoryReport
from rewritelint.review import Review, review_report
from rewritelint.story import Story, Version

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "Debian's chromium is not installed at /usr/bin/chromium "
        "(apt-get install chromium; .ci/run installs it)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the playwright package is not installed (pip install -e '.[test]')",
)
expect = sync_api.expect

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REFERENCE = "seeds/003_380c5302f4e8ce27.txt"
REWRITE = "seeds/004_aa7a28f18c50d0f7.txt"
FIVE_NINE = "number changed: nine -> five"

WIRE = (
    "KABUL (AP) - Insurgents captured nine provincial capitals in six days, officials said on"
    " Tuesday.\n\n"
    "The envoy arrived in Doha on Tuesday and met 12 delegates from both sides of the talks.\n\n"
    "Officials said 300 families fled the fighting in the western city of Herat.\n"
)
HOSTILE_REWRITE = (
    "KABUL (AP) - Insurgents captured five provincial capitals "
    "<script>window.__pwned=1</script> in six days, officials said on Tuesday.\n\n"
    "The envoy arrived in Doha on Tuesday and met 12 delegates "
    '<img src=x onerror="window.__pwned=1"> from both sides of the talks.\n\n'
    "Officials said 300 families fled the fighting in the western city of Herat. "
    "See javascript:alert(1) and </script><script>alert(1)</script>\n\n"
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    '<a href="javascript:alert(1)">click</a> </script> [ad_1]\n'
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with everything that would show a problem recorded: console errors,
    uncaught exceptions, dialogs (alert/confirm/prompt) and requests that left the file."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, request) -> None:
        if not request.url.startswith(("file:", "blob:", "data:")):
            self.requests.append(request.url)


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds report's page, made by the CLI from the repository root."""
    target = tmp_path_factory.mktemp("review") / "review.html"
    result = run(ROOT, "report", "seeds", "--html", target)
    assert result.returncode == 1, result.stderr  # the seeds drifted
    assert target.is_file()
    return target


def open_page(watched: Watched, path: Path):
    page = watched.page
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


def five_nine(page):
    return page.locator("article.finding").filter(has_text=FIVE_NINE)


def shown(page) -> tuple[int, int]:
    text = page.locator("#count").text_content()
    shown_count, _, total = text.removesuffix(" findings shown").partition(" of ")
    return int(shown_count), int(total)


def test_the_seeds_page_loads_without_errors(
    watched: Watched, seeds_page: Path, tmp_path: Path
) -> None:
    page = open_page(watched, seeds_page)
    cards = page.locator("article.finding")
    total = cards.count()
    assert total > 20
    assert shown(page) == (total, total)
    assert page.title().startswith("rewritelint review: 2 stories")
    assert page.locator("#overview").is_visible()
    assert page.locator("#overview a[href='#story-2']").is_visible()
    # The script ran (the count and decision labels are its work) and nothing failed.
    assert page.locator("article.finding[data-decision=none]").count() == total
    assert watched.errors == [] and watched.dialogs == [] and watched.requests == []
    screenshot = tmp_path / "seeds-review.png"
    page.screenshot(path=str(screenshot))
    card = five_nine(page)
    card.scroll_into_view_if_needed()
    card.screenshot(path=str(tmp_path / "seeds-five-nine.png"))
    print(f"screenshot of the seeds review page: {screenshot}")
    print(f"screenshot of the five-vs-nine card: {tmp_path / 'seeds-five-nine.png'}")


def test_five_versus_nine_is_highlighted_on_both_sides(watched: Watched, seeds_page: Path) -> None:
    page = open_page(watched, seeds_page)
    card = five_nine(page)
    assert card.count() == 1
    card.scroll_into_view_if_needed()
    assert card.is_visible()
    assert card.locator(".badge.rule").text_content() == "number-changed"
    assert card.locator(".badge.cat").text_content() == "number"
    assert card.locator(".badge.sev").text_content() == "error"
    deleted = card.locator(".side.left del")
    inserted = card.locator(".side.right ins")
    assert deleted.all_text_contents() == ["nine"]
    assert inserted.all_text_contents() == ["five"]
    assert deleted.is_visible() and inserted.is_visible()
    assert REFERENCE in card.locator(".side.left .kicker").text_content()
    assert REWRITE in card.locator(".side.right .kicker").text_content()
    # Told apart without colour: struck through / underlined, with a text marker.
    style = deleted.evaluate(
        "e => [getComputedStyle(e.firstChild).textDecorationLine,"
        " getComputedStyle(e, '::before').content]"
    )
    assert style[0] == "line-through" and "[-" in style[1]
    style = inserted.evaluate(
        "e => [getComputedStyle(e.firstChild).textDecorationLine,"
        " getComputedStyle(e, '::before').content]"
    )
    assert style[0] == "underline" and "{+" in style[1]


def test_the_worst_finding_is_on_the_first_screen_and_leads_to_its_card(
    watched: Watched, seeds_page: Path
) -> None:
    page = open_page(watched, seeds_page)
    worst = page.locator("#overview ol.worst li")
    assert worst.count() == 5
    first = worst.first
    assert FIVE_NINE in first.text_content() and REWRITE in first.text_content()
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900  # on the first screen
    first.locator("a").click()
    card = five_nine(page)
    assert card.is_visible() and page.url.endswith("#" + card.get_attribute("id"))


def test_filters_hide_and_show_findings(watched: Watched, seeds_page: Path) -> None:
    page = open_page(watched, seeds_page)
    cards = page.locator("article.finding")
    total = cards.count()
    assert shown(page) == (total, total)  # the seeds are one page of cards
    info = page.locator("article.finding.sev-info").count()
    numbers = page.locator("article.finding:not(.sev-info)").filter(
        has=page.locator(".badge.cat", has_text=re.compile("^number$"))
    )
    other_numbers = numbers.count()
    assert 0 < info < total and other_numbers > 0
    page.locator("input[name=severity][value=info]").uncheck()
    assert shown(page) == (total - info, total)
    assert cards.count() == total - info
    assert page.locator("article.finding.sev-info").count() == 0
    assert five_nine(page).is_visible()
    page.locator("input[name=category][value=number]").uncheck()
    assert five_nine(page).count() == 0
    assert shown(page) == (total - info - other_numbers, total) and numbers.count() == 0
    page.locator("input[name=category][value=number]").check()
    page.locator("input[name=severity][value=info]").check()
    assert shown(page) == (total, total) and cards.count() == total
    assert five_nine(page).is_visible()
    page.select_option("#f-rule", "number-changed")
    assert shown(page) == (1, total) and cards.count() == 1 and five_nine(page).is_visible()
    page.select_option("#f-rule", "")
    page.select_option("#f-version", label=REWRITE)
    assert shown(page)[0] == cards.count() > 0
    assert all(f"{REWRITE}:" in t for t in cards.locator(".loc").all_text_contents())
    assert five_nine(page).is_visible()
    page.select_option("#f-version", label="seeds/000_65f70292184d7c1c.txt")
    assert 0 < shown(page)[0] < total
    assert five_nine(page).count() == 0
    page.select_option("#f-version", "")
    assert shown(page) == (total, total)


def test_search_narrows_to_findings_with_the_words(watched: Watched, seeds_page: Path) -> None:
    page = open_page(watched, seeds_page)
    cards = page.locator("article.finding")
    total = cards.count()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "f-search"
    page.keyboard.type("Nine five")  # every word, in any case, in message, passages or path
    assert 0 < shown(page)[0] < total
    assert five_nine(page).is_visible()
    texts = [t.lower() for t in cards.all_text_contents()]
    assert texts and all("nine" in t and "five" in t for t in texts)
    page.locator("#f-search").fill("no such words anywhere")
    assert shown(page) == (0, total) and cards.count() == 0
    assert page.get_by_text("No findings match the filters.").is_visible()
    page.locator("#f-search").fill("")
    assert shown(page) == (total, total)


def test_keyboard_moves_between_findings(watched: Watched, seeds_page: Path) -> None:
    page = open_page(watched, seeds_page)
    page.locator("input[name=severity][value=info]").uncheck()
    visible = page.locator("article.finding:visible")
    first, second = (visible.nth(k).get_attribute("id") for k in (0, 1))
    active = "document.activeElement.id"
    page.keyboard.press("j")
    assert page.evaluate(active) == first
    page.keyboard.press("n")
    assert page.evaluate(active) == second
    assert page.locator(f"#{second}").evaluate("e => e.classList.contains('current')")
    page.keyboard.press("k")
    assert page.evaluate(active) == first
    for _ in range(6):
        page.keyboard.press("j")
    sixth = visible.nth(6)
    assert page.evaluate(active) == sixth.get_attribute("id")
    assert "sev-info" not in sixth.get_attribute("class")  # hidden findings are skipped
    box = sixth.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    page.keyboard.press("p")
    assert page.evaluate(active) == visible.nth(5).get_attribute("id")


def test_accepting_and_exporting_makes_check_pass(
    watched: Watched, seeds_page: Path, tmp_path: Path
) -> None:
    page = open_page(watched, seeds_page)
    card = five_nine(page)
    card.scroll_into_view_if_needed()
    card.get_by_role("button", name="Accept as deliberate").click()
    card.locator("input.note").fill("AP counted five; the desk agreed")
    assert card.locator(".state").text_content() == "Decision: accepted as deliberate"
    assert (
        card.get_by_role("button", name="Accept as deliberate").get_attribute("aria-pressed")
        == "true"
    )
    with page.expect_download() as download_info:
        page.locator("#export").click()
    download = download_info.value
    assert download.suggested_filename == "rewritelint-baseline.json"
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    for name in (REFERENCE, REWRITE):
        shutil.copy(ROOT / name, project / name)
    baseline = project / download.suggested_filename  # saved as the browser names it
    download.save_as(str(baseline))
    text = baseline.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document == {
        "version": 1,
        "findings": [
            {
                "path": REWRITE,
                "rule": "number-changed",
                "fingerprint": document["findings"][0]["fingerprint"],
                "text": "five",
                "reference": "nine",
                "note": "AP counted five; the desk agreed",
            }
        ],
    }
    assert text == render_baseline(read_baseline(baseline))  # exactly the format check writes
    assert "Exported 1 acknowledged finding(s)" in page.locator("#io-status").text_content()

    before = run(ROOT, "check", REWRITE, "--against", REFERENCE, "--concise")
    assert before.returncode == 1 and "number-changed" in before.stdout
    after = run(ROOT, "check", REWRITE, "--against", REFERENCE, "--concise", "--baseline", baseline)
    assert "number-changed" not in after.stdout, after.stdout
    assert "1 acknowledged in the baseline" in after.stdout
    assert after.returncode == 0, after.stdout + after.stderr  # its only error is acknowledged
    # The same file where the browser saved it, in a copy of the seeds arrangement.
    copied = run(project, "check", REWRITE, "--against", REFERENCE, "--concise")
    assert copied.returncode == 0 and "number-changed" not in copied.stdout
    assert "1 acknowledged in the baseline" in copied.stdout

    # Decisions persist in the browser: a reload shows them again.
    page.reload()
    card = five_nine(page)
    assert card.locator(".state").text_content() == "Decision: accepted as deliberate"
    assert card.locator("input.note").input_value() == "AP counted five; the desk agreed"
    assert watched.errors == []


def test_importing_a_baseline_marks_earlier_decisions(
    watched: Watched, seeds_page: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / ".rewritelint-baseline.json"
    made = run(
        ROOT, "check", REWRITE, "--against", REFERENCE, "--select", "number-changed",
        "--baseline", baseline, "--update-baseline",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    page = open_page(watched, seeds_page)
    assert five_nine(page).locator(".state").text_content() == "Undecided"
    page.locator("#import").set_input_files(str(baseline))
    page.wait_for_function("document.getElementById('io-status').textContent !== ''")
    assert "1 finding(s) marked accepted" in page.locator("#io-status").text_content()
    card = five_nine(page)
    assert card.locator(".state").text_content() == "Decision: accepted as deliberate"
    page.select_option("#f-decision", "accepted")
    assert shown(page)[0] == 1
    assert watched.errors == []


def test_an_injected_script_story_runs_nothing(watched: Watched, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    rewrite = folder / 'rewrite"><img src=x onerror=window.__pwned=1>.txt'
    rewrite.write_text(HOSTILE_REWRITE, encoding="utf-8")
    target = tmp_path / "hostile.html"
    result = run(ROOT, "report", folder, "--html", target)
    assert result.returncode == 1, result.stderr
    page = open_page(watched, target)
    page.wait_for_timeout(300)  # time for anything that would run late (onerror of an image)
    assert watched.dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    assert page.locator("a[href^='javascript']").count() == 0
    body = page.locator("main").inner_text()
    assert "<script>window.__pwned=1</script>" in body
    assert '<img src=x onerror="window.__pwned=1">' in body
    assert "javascript:alert(1)" in body
    assert "</script><script>alert(1)</script>" in body
    assert shown(page)[1] > 0 and five_nine(page).count() == 1
    # The page itself works: a filter and a decision still behave.
    five_nine(page).get_by_role("button", name="Needs fix").click()
    assert five_nine(page).locator(".state").text_content() == "Decision: needs fix"
    assert watched.errors == [] and watched.requests == []


def test_decisions_work_where_storage_is_blocked(watched: Watched, seeds_page: Path) -> None:
    """Some browsers refuse localStorage to file:// pages: decisions then last while the
    page is open, and nothing fails."""
    watched.page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = open_page(watched, seeds_page)
    probe = "() => { try { return typeof window.localStorage; } catch (e) { return e.name; } }"
    assert page.evaluate(probe) == "SecurityError"
    card = five_nine(page)
    card.get_by_role("button", name="Needs fix").click()
    assert card.locator(".state").text_content() == "Decision: needs fix"
    card.get_by_role("button", name="Accept as deliberate").click()
    with page.expect_download() as download_info:
        page.locator("#export").click()
    exported = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert [e["rule"] for e in exported["findings"]] == ["number-changed"]
    assert watched.errors == []


# --- a report of many findings: pages, folds, keys, anchors, print, a phone -------------------

STORIES = 5
PER_REWRITE = 29
"""Per rewrite: 29 number changes and one folded run of passages left out."""
BIG = STORIES * 2 * (PER_REWRITE + 1)
"""Findings of the big report: 300, several pages of cards."""
LEFT_OUT = (
    "The envoy arrived in Doha on Tuesday and met 12 delegates from both sides.\n\n"
    "Officials said 300 families fled the fighting in the western city of Herat."
)


def big_report() -> Report:
    """Five stories of a wire copy and two rewrites, each rewrite with 30 findings."""
    stories = []
    for s in range(1, STORIES + 1):
        wire = f"wire/{s}.txt"
        paths = (wire, f"stories/{s}-a.txt", f"stories/{s}-b.txt")
        findings = []
        for v, path in enumerate(paths[1:]):
            for k in range(PER_REWRITE):
                findings.append(
                    number_changed(
                        path, wire,
                        message=f"number changed: nine -> five (story {s}, {v}.{k})",
                        location=Location(path, 2 * k + 1, 21, 2 * k + 1, 25, "five", 0, 4),
                        fingerprint=f"{s:04d}{v:04d}{k:012d}",
                    )
                )  # fmt: skip
            gone = Location(wire, 80, 1, 82, 77, LEFT_OUT, 2000, 2151)
            findings.append(
                Finding(
                    "passage-omitted", "omission", "info",
                    "2 reference passage(s) left out (26 words): The envoy arrived…",
                    Location(path, 60, 1, 60, 1, "", 1500, 1500), gone, f"{s:04d}{v:04d}gone",
                    Excerpt("The talks resumed on Wednesday.", ()),
                )
            )  # fmt: skip
        versions = tuple(Version(p, 1.0 if k == 0 else 0.5) for k, p in enumerate(paths))
        story = Story(f"story-{s}", versions, "wire credit (AP)")
        stories.append(StoryReport(story, tuple(findings)))
    return Report(stories, files=STORIES * 3)


def big_review() -> Review:
    report = big_report()
    findings = [f for s in report.stories for f in s.findings]
    return review_report(report, summarise(findings, report.files))


def write_page(path: Path, review: Review) -> Path:
    path.write_text(html.render(review), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("big") / "big.html", big_review())


def bar_bottom(page) -> float:
    """Where the sticky bar ends (0 where it is not sticky, on a phone)."""
    if page.locator("#controls").evaluate("e => getComputedStyle(e).position") != "sticky":
        return 0
    box = page.locator("#controls").bounding_box()
    return max(0, box["y"] + box["height"])


def lands(page, locator) -> bool:
    """The element's top is just below the sticky bar (or the window's top), or as near
    as the page can scroll when it is near the page's end."""
    top = locator.bounding_box()["y"]
    bottom = page.evaluate(
        "window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1"
    )
    near = top <= bar_bottom(page) + 16 or (bottom and top < page.viewport_size["height"] / 2)
    return bar_bottom(page) <= top and near


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and bar_bottom(page) - 1 <= box["y"] < height


def pages(page) -> tuple[int, int]:
    text = page.locator("#page-of").text_content()
    at, _, of = text.removeprefix("page ").partition(" of ")
    return int(at), int(of)


def test_a_long_report_is_drawn_a_page_at_a_time(watched: Watched, big_page: Path) -> None:
    page = open_page(watched, big_page)
    cards = page.locator("article.finding")
    assert shown(page) == (BIG, BIG)
    first_page = cards.count()
    assert 20 < first_page < BIG and pages(page)[0] == 1 and pages(page)[1] > 2
    assert [cards.nth(k).get_attribute("id") for k in (0, first_page - 1)] == [
        "f-0",
        f"f-{first_page - 1}",
    ]  # the report's order
    assert page.locator("#prev").is_disabled()
    page.locator("#next").click()
    assert pages(page)[0] == 2 and cards.first.get_attribute("id") == f"f-{first_page}"
    # The page turns to the top of the findings, below the sticky bar.
    assert lands(page, page.locator("section.story").first)
    # A story split by the page break says so, and keeps its name.
    head = page.locator("section.story").first.locator("h2")
    assert "continued from the previous page" in head.text_content()
    page.get_by_role("button", name="Next page ›").click()  # the pager under the findings
    assert pages(page)[0] == 3
    while not page.locator("#next").is_disabled():
        page.locator("#next").click()
    assert cards.last.get_attribute("id") == f"f-{BIG - 1}"
    # Filters see every page: the last rewrite's findings, found from the last page.
    page.select_option("#f-version", label="stories/5-b.txt")
    assert shown(page) == (PER_REWRITE + 1, BIG) and cards.count() == PER_REWRITE + 1
    assert pages(page) == (1, 1) and page.locator("#next").is_disabled()
    page.locator("#f-search").fill("story 5, 1.23")
    assert shown(page) == (1, BIG)
    assert cards.locator(".msg").text_content() == "number changed: nine -> five (story 5, 1.23)"
    assert watched.errors == []


def test_the_report_order_is_kept_and_scores_are_shown(
    watched: Watched, tmp_path: Path, big_page: Path
) -> None:
    """The page never re-ranks: cards come in the report's order whatever their score, and
    a score the review carries is shown on its card and in the versions table."""
    review = big_review()
    stories = tuple(
        replace(
            s,
            versions=tuple(replace(v, score=0.25 * k) for k, v in enumerate(s.versions)),
            sections=tuple(
                replace(x, cards=tuple(replace(c, score=1 - c.number / 1000) for c in x.cards))
                for x in s.sections
            ),
        )
        for s in review.stories
    )
    page = open_page(
        watched, write_page(tmp_path / "scored.html", replace(review, stories=stories))
    )
    cards = page.locator("article.finding")
    assert [cards.nth(k).get_attribute("id") for k in range(5)] == [f"f-{k}" for k in range(5)]
    assert cards.nth(3).locator(".badge.score").text_content() == "score 1.00"
    assert cards.nth(40).locator(".badge.score").text_content() == "score 0.96"
    table = page.locator("#story-1 table.versions")
    assert table.locator("th").all_text_contents()[-1] == "score"
    assert table.locator("tbody tr").nth(2).locator("td").last.text_content() == "0.50"
    # Without scores there is no score badge or column.
    plain = open_page(watched, big_page)
    assert plain.locator(".badge.score").count() == 0
    assert "score" not in plain.locator("#story-1 table.versions th").all_text_contents()


def test_runs_of_passages_fold_to_one_line(watched: Watched, seeds_page: Path) -> None:
    page = open_page(watched, seeds_page)
    folded = page.locator("article.finding.folded")
    assert folded.count() == page.locator("article.finding.sev-info").count() > 0
    card = folded.filter(has_text="3 sentences (92 words) not in this version")
    assert card.count() == 1
    toggle = card.locator("button.fold")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert card.locator(".fold-line .preview").text_content().startswith("Addressing the Aspen")
    message = card.locator(".msg")
    assert message.is_hidden() and card.locator(".side.left .passage").is_hidden()
    box = card.bounding_box()
    assert box is not None and box["height"] < 60  # one line
    toggle.click()
    assert message.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert message.text_content().startswith("3 reference passage(s) left out (92 words)")
    assert card.locator(".side.left .passage").is_visible()
    toggle.press("Enter")  # the keyboard folds it again
    assert message.is_hidden()
    added = folded.filter(has_text="12 sentences (290 words) not in the reference")
    assert added.count() == 1
    # With the keys: j onto a folded card, o opens it, Enter folds it.
    page.locator("input[name=severity][value=error]").uncheck()
    page.locator("input[name=severity][value=warning]").uncheck()
    page.keyboard.press("j")
    first = page.locator("article.finding.current")
    assert "folded" in first.get_attribute("class")
    page.keyboard.press("o")
    assert first.locator(".msg").is_visible()
    page.keyboard.press("Enter")
    assert first.locator(".msg").is_hidden()
    assert watched.errors == []


def test_keys_act_only_on_the_card_in_view(watched: Watched, big_page: Path) -> None:
    page = open_page(watched, big_page)
    page.keyboard.press("j")
    first = page.locator("#f-0")
    assert page.evaluate("document.activeElement.id") == "f-0" and in_viewport(page, first)
    page.mouse.wheel(0, 5000)  # the reader scrolls on; f-0 is far above
    expect(first).not_to_be_in_viewport()
    page.keyboard.press("a")
    assert first.get_attribute("data-decision") == "none"
    assert page.locator("article.finding[data-decision=accepted]").count() == 0
    assert "out of view" in page.locator("#hint").text_content()
    page.keyboard.press("j")  # picks the first card the reader sees
    current = page.locator("article.finding.current")
    assert current.get_attribute("id") != "f-0" and in_viewport(page, current)
    page.keyboard.press("a")
    assert current.get_attribute("data-decision") == "accepted"
    assert current.locator(".state").text_content() == "Decision: accepted as deliberate"
    assert page.locator("article.finding[data-decision=accepted]").count() == 1
    # A card clicked on is the one the keys act on.
    other = page.locator("article.finding").nth(15)
    other.locator(".msg").click()
    page.keyboard.press("f")
    assert other.get_attribute("data-decision") == "fix"
    # j on the page's last card turns the page.
    last = page.locator("article.finding").last
    after = int(last.get_attribute("id").removeprefix("f-")) + 1
    last.locator(".msg").click()
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"f-{after}"
    assert pages(page)[0] == 2 and in_viewport(page, page.locator(f"#f-{after}"))
    assert watched.errors == []


def test_anchors_land_below_the_sticky_bar(watched: Watched, big_page: Path) -> None:
    page = watched.page
    page.goto(big_page.as_uri() + f"#f-{BIG - 20}")  # on the last page
    card = page.locator(f"#f-{BIG - 20}")
    assert pages(page)[0] == pages(page)[1] > 1
    assert card.is_visible() and page.evaluate("document.activeElement.id") == card.get_attribute(
        "id"
    )
    assert lands(page, card)
    # The overview's links reach a story on another page.
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#overview a[href='#story-3']").click()
    story = page.locator("#story-3")
    assert story.locator("h2").is_visible() and 1 < pages(page)[0] < pages(page)[1]
    assert lands(page, story)
    # A version in a story's table of versions.
    page.locator("#story-3 table.versions a", has_text="stories/3-b.txt").click()
    assert lands(page, page.locator("#story-3-v2"))
    # A finding the filters hide: the filters are cleared to show it.
    page.locator("input[name=severity][value=info]").uncheck()
    page.evaluate(f"window.location.hash = '#f-{PER_REWRITE}'")  # story-1's run left out
    expect(page.locator(f"#f-{PER_REWRITE}")).to_be_visible()
    assert page.locator("input[name=severity][value=info]").is_checked()
    assert shown(page) == (BIG, BIG) and lands(page, page.locator(f"#f-{PER_REWRITE}"))
    assert "Filters cleared" in page.locator("#hint").text_content()
    assert watched.errors == []


def clipped(page) -> list[str]:
    """Elements whose text is cut off or scrolled inside them."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('main *')).filter(e => {
             if (!e.getClientRects().length || /^(TABLE|TBODY|THEAD|TR)$/.test(e.tagName)) {
               return false;
             }
             return e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
           }).map(e => e.tagName + '.' + e.className)"""
    )


def test_print_shows_every_card_whole(watched: Watched, seeds_page: Path, big_page: Path) -> None:
    page = open_page(watched, seeds_page)
    cards = page.locator("article.finding")
    total = cards.count()
    page.locator(".aligned-toggle").first.click()
    page.emulate_media(media="print")
    assert page.locator("#controls").is_hidden() and page.locator(".pager.bottom").is_hidden()
    assert page.locator(".decide button:visible").count() == 0
    bodies = page.locator("article.folded > .body")
    assert bodies.count() > 0
    assert all(bodies.nth(k).is_visible() for k in range(bodies.count()))
    assert page.locator("article.finding .msg:visible").count() == total
    assert page.locator("table.pairs").first.is_visible()  # an opened aligned view prints
    assert clipped(page) == []
    page.emulate_media(media="screen")
    assert page.locator("#controls").is_visible()
    assert page.locator("article.folded .msg:visible").count() == 0
    # A report longer than a page prints every finding the filters let through.
    page = open_page(watched, big_page)
    assert cards.count() < BIG
    page.emulate_media(media="print")
    expect(cards).to_have_count(BIG)
    assert page.locator("article.finding .msg:visible").count() == BIG
    assert page.locator("#print-note").is_hidden()
    page.emulate_media(media="screen")
    expect(cards).not_to_have_count(BIG)
    assert watched.errors == []


def test_a_phone_never_scrolls_sideways(browser, seeds_page: Path, big_page: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        watched = Watched(context.new_page())
        page = watched.page
        for target in (seeds_page, big_page):
            page.goto(target.as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") == 360
            for toggle in page.locator(".aligned-toggle, button.fold").all()[:6]:
                toggle.click()
            assert page.evaluate("document.documentElement.scrollWidth") == 360
            rights = page.evaluate(
                "() => Array.from(document.querySelectorAll('article.finding, section, nav, "
                "header, .scroll, .side, .passage, table.pairs, .fold-line, .decide'))"
                ".map(e => e.getBoundingClientRect().right)"
            )
            assert max(rights) <= 360
        # The bar scrolls away on a phone (sticky, it would fill the screen): anchors land at
        # the top of the window.
        assert bar_bottom(page) == 0
        page.evaluate(f"window.location.hash = '#f-{BIG - 20}'")
        expect(page.locator(f"#f-{BIG - 20}")).to_be_visible()
        assert lands(page, page.locator(f"#f-{BIG - 20}"))
        assert watched.errors == []
    finally:
        context.close()


def test_folded_and_aligned_hostile_text_stays_text(watched: Watched, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "rewrite.txt").write_text(HOSTILE_REWRITE, encoding="utf-8")
    target = tmp_path / "hostile.html"
    assert run(ROOT, "report", folder, "--html", target).returncode == 1
    page = open_page(watched, target)
    for toggle in page.locator(".aligned-toggle, button.fold").all():
        toggle.click()
    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined" and watched.dialogs == []
    assert page.locator("img, iframe, svg").count() == 0 and page.locator("script").count() == 2
    assert "<script>alert(1)</script>" in page.locator("table.pairs").inner_text()
    assert watched.errors == [] and watched.requests == []
