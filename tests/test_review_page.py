"""The HTML review page in a real browser: Debian's headless Chromium driven by Playwright.

The pages are made with the installed CLI (``rewritelint report … --html``) from the
repository root and opened from ``file://`` URLs, as an editor opens an attachment.
These tests skip only where ``/usr/bin/chromium`` (Debian's ``chromium`` package, which
``.ci/run`` installs) or the ``playwright`` package is missing; no browser is ever
downloaded.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT, run

from rewritelint.baseline import read_baseline, render_baseline

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


def test_filters_hide_and_show_findings(watched: Watched, seeds_page: Path) -> None:
    page = open_page(watched, seeds_page)
    total = page.locator("article.finding").count()
    info = page.locator("article.finding.sev-info").count()
    assert 0 < info < total
    page.locator("input[name=severity][value=info]").uncheck()
    assert shown(page) == (total - info, total)
    assert page.locator("article.finding.sev-info:visible").count() == 0
    assert five_nine(page).is_visible()
    page.locator("input[name=category][value=number]").uncheck()
    assert five_nine(page).is_hidden()
    numbers = page.locator("article.finding").filter(
        has=page.locator(".badge.cat", has_text="number")
    )
    assert (
        shown(page)[0] == total - info - numbers.filter(has_not=page.locator(".sev-info")).count()
    )
    page.locator("input[name=category][value=number]").check()
    page.locator("input[name=severity][value=info]").check()
    assert shown(page) == (total, total)
    assert five_nine(page).is_visible()
    page.select_option("#f-rule", "number-changed")
    assert shown(page) == (1, total)
    page.select_option("#f-rule", "")
    page.select_option("#f-version", label=REWRITE)
    in_rewrite = page.locator("article.finding").filter(has_text=f"{REWRITE}:").count()
    assert shown(page) == (in_rewrite, total)
    assert five_nine(page).is_visible()
    page.select_option("#f-version", label="seeds/000_65f70292184d7c1c.txt")
    assert 0 < shown(page)[0] < total
    assert five_nine(page).is_hidden()
    page.select_option("#f-version", "")
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
