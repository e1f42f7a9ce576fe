"""Every page of the app in real (headless) Chromium with an answer on screen: axe-core finds no
serious or critical WCAG 2.1 AA violation; abstentions under a filter say so and look in the
whole report; the session controls sit at the top. Screenshots go to test-artifacts/.

A page is one entry in SCREENS: how to bring it to a state with an answer on screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

import pytest

from app.browser import DUTCH
from tests.support.axe import AXE_JS, describe, serious_violations
from tests.support.browser_fixtures import NO_CHROMIUM, ask, choose_part, shot

pytestmark = [
    pytest.mark.slow,
    NO_CHROMIUM,
    pytest.mark.skipif(
        not AXE_JS.exists(), reason="axe-core is not installed (npm ci in tests/browser)"
    ),
]

CROSS_OVER = "hoeveel cross-over kwalificaties raken techniek?"
ROBOTS = "Hoeveel robots krijgen de Friese basisscholen?"
# (Worded "... de basisscholen in Friesland?" the model of session 7 abstained, 0.666 against its
# threshold 0.671; the session-8 model answers it, test_answer.py asks it.)
"""Answered under goal 3 ('1e van 415 robots voor Friese basisscholen verwelkomd')."""


@dataclass(frozen=True)
class Screen:
    """A page of the app, and how to bring it to a state with an answer on screen."""

    name: str
    open: Callable[[Any, str], None]


def _vragen(page: Any, url: str) -> None:
    page.goto(url)
    ask(page, CROSS_OVER)


def _lezen(page: Any, url: str) -> None:
    _vragen(page, url)
    page.get_by_text("Lees dit in het rapport").first.click()
    page.locator(".st-key-citaat").wait_for(timeout=30_000)


DRAFT = (
    "Via het OnderwijsTraineeship zijn 40 trainees gestart. "
    "De tweede ScienceMakers gaf meer dan 150 talenten een podium. "
    "Dat is goed nieuws voor het onderwijs. "
    "VHTO gaf in 2016 op twaalf pabo's trainingen genderbewust lesgeven. "
    "De 415 robots gaan naar alle Friese basisscholen. "
    "Het Alfa-college kreeg bijna 2 miljoen euro voor een innovatiecentrum."
)
"""Five claims and one sentence with nothing to check, each judged by reading the report:
38 trainees (goal 6), more than 150 talents (goal 4), eight pabo's (goal 2), 415 robots for
all Frisian primary schools (goal 3), almost 2 million euros for the Alfa-college (goal 9)."""


def _controleren(page: Any, url: str) -> None:
    page.goto(f"{url}/controleren")
    box = page.get_by_label("Bewering of tekst om te controleren")
    box.wait_for(timeout=60_000)
    box.fill(DRAFT)
    page.get_by_role("button", name="Controleren").click()
    # The summary line ("5 beweringen gecontroleerd (klopt: 3, ..."), not the screen reader's
    # announcement of the same count in the live region.
    page.get_by_text("beweringen gecontroleerd (").wait_for(timeout=90_000)


SCREENS = [Screen("vragen", _vragen), Screen("lezen", _lezen), Screen("controleren", _controleren)]
"""Every page of the app."""


def _page(browser: Any) -> Any:
    return browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")


@pytest.mark.parametrize("screen", SCREENS, ids=[s.name for s in SCREENS])
def test_a_page_with_an_answer_has_no_serious_accessibility_violations(
    report_url: str, browser: Any, screen: Screen
) -> None:
    page = _page(browser)
    screen.open(page, report_url)
    page.wait_for_timeout(500)  # the page's own scripts (language, styles) have run
    assert page.evaluate("document.documentElement.lang") == "nl"
    # Streamlit's own English labels are read out in Dutch.
    english = page.evaluate(
        """(words) => [...document.querySelectorAll('[aria-label]')]
            .map(e => e.getAttribute('aria-label')).filter(label => words.includes(label))""",
        list(DUTCH),
    )
    found = serious_violations(page)
    shot(page, f"e2e-axe-{screen.name}.png")
    page.close()
    assert found == [], describe(found)
    assert english == []


def test_the_check_page_judges_a_pasted_paragraph_claim_by_claim(
    report_url: str, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _page(browser)
    _controleren(page, report_url)
    rows = [page.locator(f".st-key-bewering-{n}") for n in range(1, 7)]
    expect(rows[0]).to_contain_text("Klopt niet")
    expect(rows[0]).to_contain_text("Het rapport: 38 (bewering: 40)")
    expect(rows[2]).to_contain_text("Geen bewering om te controleren.")
    expect(rows[3]).to_contain_text("Klopt niet")
    expect(rows[3]).to_contain_text("acht")
    for number in (1, 4, 5):
        expect(rows[number]).to_contain_text("Klopt")
        assert "Klopt niet" not in rows[number].inner_text()
    # Every verdict comes with the report's sentence, as text, and a link into the report.
    for number in (0, 1, 3, 4, 5):
        expect(rows[number].locator("blockquote")).to_have_count(1)
        expect(rows[number].get_by_text("Lees dit in het rapport")).to_be_visible()
    expect(page.get_by_text("Download als Markdown")).to_be_visible()
    shot(page, "e2e-controleren.png")
    page.close()


def test_an_abstention_under_a_filter_names_it_and_searches_the_whole_report(
    report_url: str, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _page(browser)
    page.goto(f"{report_url}/?q={quote_plus(ROBOTS)}&doel=1")
    answer = page.get_by_test_id("stChatMessage").nth(1)
    expect(answer.get_by_text("Was dit antwoord nuttig?")).to_be_visible(timeout=60_000)
    expect(answer).to_contain_text("Gezocht binnen de filters: Doel 1.")
    expect(answer).to_contain_text("ook in het hele rapport gezocht, zonder filters")
    # What the whole report says leads: the value, then the report's sentence under goal 3.
    expect(answer.locator("[class*='st-key-waarde-']")).to_have_text("415")
    # The first quote is the answer's; an "Ook mogelijk" runner-up may follow it.
    expect(answer.locator("blockquote").first).to_contain_text("de eerste van 415 robots")
    expect(answer).to_contain_text("Bron: Doel 3")
    assert "bevat hierover geen informatie" not in answer.inner_text()
    shot(page, "e2e-filter-onthouding.png")
    page.close()


def test_session_controls_are_at_the_top_and_blank_questions_are_ignored(
    report_url: str, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _page(browser)
    page.goto(report_url)
    box = page.get_by_test_id("stChatInput").locator("textarea")
    box.wait_for(timeout=60_000)
    box.fill("   ")
    box.press("Enter")
    page.wait_for_timeout(1000)
    expect(page.get_by_test_id("stChatMessage")).to_have_count(0)

    answer = ask(page, CROSS_OVER)
    sidebar = page.get_by_test_id("stSidebar")
    for label in ("Nieuw gesprek", "Download als Markdown", "Download als JSON"):
        control = sidebar.get_by_role("button", name=label)
        box_ = control.bounding_box()
        assert box_ is not None and box_["y"] + box_["height"] <= 900, label
    # A vote is confirmed where it was given.
    answer.get_by_role("radio", name="Ja").click()
    expect(answer.get_by_text("Bedankt: uw stem is opgeslagen.")).to_be_visible()
    # So is a comment; the input's hint is in Dutch.
    comment = answer.get_by_label("Opmerking (niet verplicht)")
    comment.fill("Graag ook de namen")
    expect(answer.get_by_test_id("InputInstructions")).to_contain_text("Druk op Enter")
    answer.get_by_role("button", name="Opmerking versturen").click()
    expect(answer.get_by_text("Bedankt: uw opmerking is opgeslagen.")).to_be_visible()
    shot(page, "e2e-sessie.png")
    page.close()


ALFA = "Hoeveel geld kreeg het Alfa-college voor het innovatiecentrum?"


def test_a_followup_is_rewritten_survives_a_reload_and_related_passages_link_to_the_report(
    report_url: str, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _page(browser)
    page.goto(report_url)
    ask(page, ALFA)
    followup = ask(page, "wie gaf dat?")
    searched = "Gezocht: Wie gaf het geld dat het Alfa-college voor het innovatiecentrum kreeg?"
    expect(followup).to_contain_text(searched)
    expect(followup.get_by_text("Zoekvraag aanpassen")).to_be_visible()
    shot(page, "e2e-vervolgvraag.png")

    # A reload shows the same conversation, once.
    page.reload()
    messages = page.get_by_test_id("stChatMessage")
    expect(messages).to_have_count(4, timeout=60_000)
    expect(messages.nth(2)).to_contain_text("wie gaf dat?")
    expect(page.get_by_text("wie gaf dat?", exact=True)).to_have_count(1)

    # A passage under "Ook relevant" opens in the report, scrolled to and marked.
    first = messages.nth(1)
    first.get_by_text("Ook relevant").click()
    first.get_by_text("Lees deze passage in het rapport").first.click()
    page.wait_for_function(
        """() => { const box = document.querySelector('.st-key-citaat');
                   if (!box) return false;
                   const r = box.getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight; }""",
        timeout=30_000,
    )
    assert "/lezen?" in page.url and "plek=" in page.url
    shot(page, "e2e-ook-relevant.png")
    page.close()


_SCROLL_AWAY = """() => {
    // The passage's scrolling ancestor moved far down, as a block drawn late above it would.
    let box = document.querySelector('.st-key-citaat');
    const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY);
    while (box && !scrolls(box)) { box = box.parentElement; }
    (box || document.scrollingElement).scrollTop += 5000;
}"""
_PAGE_CHANGES = "() => document.body.classList.toggle('vb-test-change')"


def _scroll_away(page: Any, sentence: Any) -> None:
    """Scroll the report down until `sentence` is out of view. Under load the page below the
    passage may not be drawn yet, and a page that short cannot scroll the sentence away: scroll
    again as it grows (seen in CI: the sentence stayed in view with no scroll back)."""
    from playwright.sync_api import expect

    for _ in range(40):
        page.evaluate(_SCROLL_AWAY)
        try:
            expect(sentence).not_to_be_in_viewport(timeout=250)
            return
        except AssertionError:
            continue
    expect(sentence).not_to_be_in_viewport(timeout=1)


def test_the_quote_comes_back_into_view_while_the_page_settles_but_not_against_the_reader(
    report_url: str, browser: Any
) -> None:
    """For ten seconds after the passage appears (a slow machine draws the page around it for
    longer than three), a change of the page brings the quoted sentence back into view; once
    the reader scrolls, the page stays where they put it."""
    from playwright.sync_api import expect

    page = _page(browser)
    _lezen(page, report_url)
    sentence = page.locator(".st-key-citaat strong", has_text="waarvan er vier raken aan de")
    expect(sentence).to_be_in_viewport(ratio=1, timeout=15_000)

    page.wait_for_timeout(4_000)
    _scroll_away(page, sentence)
    page.evaluate(_PAGE_CHANGES)
    expect(sentence).to_be_in_viewport(ratio=1, timeout=3_000)

    page.mouse.move(900, 450)  # over the report, not the sidebar
    page.mouse.wheel(0, 100_000)
    expect(sentence).not_to_be_in_viewport(timeout=5_000)
    page.evaluate(_PAGE_CHANGES)
    page.wait_for_timeout(1_000)
    expect(sentence).not_to_be_in_viewport(timeout=1)
    page.close()


def test_a_new_address_lands_on_the_quote_again_after_the_reader_clicked(
    report_url: str, browser: Any
) -> None:
    """The passage may stay in the page while the address changes (Back from a part chosen
    in the select box, under load): the reader's click on the old page does not keep the
    quote of the new one out of view."""
    from playwright.sync_api import expect

    page = _page(browser)
    _lezen(page, report_url)
    sentence = page.locator(".st-key-citaat strong", has_text="waarvan er vier raken aan de")
    expect(sentence).to_be_in_viewport(ratio=1, timeout=15_000)
    page.mouse.click(900, 450)  # the reader clicks on the report: the page is theirs
    _scroll_away(page, sentence)
    page.evaluate(_PAGE_CHANGES)
    page.wait_for_timeout(1_000)
    expect(sentence).not_to_be_in_viewport(timeout=1)

    page.evaluate("() => history.pushState(null, '', location.href + '&stap=2')")
    page.evaluate(_PAGE_CHANGES)
    expect(sentence).to_be_in_viewport(ratio=1, timeout=3_000)
    page.close()


def _goal_shown(page: Any, goal: int) -> None:
    """The reading page shows goal `goal`: its heading and the choice in the select box."""
    from playwright.sync_api import expect

    expect(page.locator("h2").first).to_have_text(f"Doel {goal}", timeout=30_000)
    choice = page.get_by_role("combobox", name="Deel van het rapport")
    expect(choice).to_have_value(re.compile(rf"^Doel {goal} —"))


def test_back_and_forward_show_the_page_the_address_names(report_url: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = _page(browser)
    page.goto(report_url)
    ask(page, CROSS_OVER)
    page.get_by_text("Lees dit in het rapport").first.click()
    page.locator(".st-key-citaat").wait_for(timeout=30_000)
    _goal_shown(page, 9)
    choose_part(page, "Doel 5 —")
    _goal_shown(page, 5)
    assert "doel=5" in page.url

    # Back: the goal of the answer's link again, its sentence marked and in view.
    page.go_back()
    _goal_shown(page, 9)
    sentence = page.locator(".st-key-citaat strong", has_text="waarvan er vier raken aan de")
    expect(sentence).to_be_visible()
    # Polled on the locator, not on one element: the page may draw the passage anew.
    expect(sentence).to_be_in_viewport(ratio=1, timeout=10_000)
    shot(page, "back-after-lezen.png")

    # Back again: the chat with its answer.
    page.go_back()
    messages = page.get_by_test_id("stChatMessage")
    expect(messages).to_have_count(2, timeout=30_000)
    expect(messages.nth(1).locator("[class*='st-key-waarde-']")).to_have_text("vier")
    shot(page, "back-after-vragen.png")

    page.go_forward()
    _goal_shown(page, 9)
    page.close()


def test_back_after_a_new_conversation_shows_the_one_before(report_url: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = _page(browser)
    page.goto(report_url)
    ask(page, ALFA)
    messages = page.get_by_test_id("stChatMessage")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Nieuw gesprek").click()
    expect(messages).to_have_count(0, timeout=30_000)

    page.go_back()
    expect(messages).to_have_count(2, timeout=30_000)
    expect(messages.nth(0)).to_contain_text(ALFA)
    shot(page, "back-after-nieuw-gesprek.png")

    page.go_forward()
    expect(messages).to_have_count(0, timeout=30_000)
    page.close()


def test_back_from_the_reading_page_chosen_in_the_menu_returns_to_the_chat(
    report_url: str, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _page(browser)
    page.goto(report_url)
    page.get_by_test_id("stChatInput").wait_for(timeout=60_000)
    page.get_by_test_id("stSidebarNav").get_by_text("Lezen").click()
    expect(page.locator("h1").first).to_have_text("Lezen", timeout=30_000)
    page.go_back()
    expect(page.locator("h1").first).to_have_text("Vraagbaak Techniekpact", timeout=30_000)
    page.close()


def test_a_select_box_without_a_match_says_so_in_dutch(report_url: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = _page(browser)
    page.goto(f"{report_url}/lezen")
    choose = page.get_by_role("combobox", name="Deel van het rapport")
    choose.wait_for(timeout=60_000)
    choose.click()
    page.keyboard.type("zzzz")
    expect(page.get_by_text("Geen resultaten")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("No results")).to_have_count(0)
    page.close()
