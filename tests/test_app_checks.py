"""Claims and list questions in the app (issue 14): a claim typed in the chat is answered with
its verdict first, a list question with the parts of the report, and the "Controleren" page
checks a pasted draft sentence by sentence. Expected values are read from the report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kb.index import Index
from tests.support.app_fixtures import APP, app_env, html_problems
from tests.support.ingest_fixtures import ROOT

TIMEOUT = 120
DRAFT = (
    "Via het OnderwijsTraineeship zijn 40 trainees gestart. Dat is goed nieuws. "
    "De tweede ScienceMakers gaf meer dan 150 talenten een podium."
)

pytestmark = pytest.mark.slow


@pytest.fixture
def report_app(
    report_index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    for name, value in app_env(report_index.settings, tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("KB_CORPUS_DIR", str(ROOT / "corpus"))
    yield


def _markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_a_claim_in_the_chat_is_answered_verdict_first(report_app: None) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    claim = "Klopt het dat er 40 trainees zijn gestart via het OnderwijsTraineeship?"
    at.chat_input[0].set_value(claim).run(timeout=TIMEOUT)
    turn = at.session_state["turns"][-1]
    assert turn.check is not None and turn.answer is None
    text = _markdown(at)
    verdict = next(i for i, m in enumerate(text) if "**Klopt niet**" in m)
    # The report's figure (38, read from goal 6's achievements) beside the claim's, then the
    # report's own sentence.
    assert text[verdict + 1] == "**Het rapport\\: 38 \\(bewering\\: 40\\)**"
    assert any(m.startswith("> In augustus 2016 zijn 28 trainees") for m in text[verdict:])
    assert html_problems(at) == [] and not at.exception


def test_a_list_question_lists_the_parts_of_the_report(report_app: None) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.chat_input[0].set_value("Welke voorbeelden zijn er in Groningen?").run(timeout=TIMEOUT)
    result = at.session_state["turns"][-1].answer
    assert result is not None and not result.abstained
    # The three examples the report places in the province of Groningen.
    titles = {item.title for item in result.items}
    assert "Alfa-college krijgt 2 miljoen voor innovatiecentrum" in titles
    assert len(titles) == 3
    text = "\n".join(_markdown(at))
    assert "Alfa\\-college krijgt 2 miljoen voor innovatiecentrum" in text
    assert html_problems(at) == [] and not at.exception


def test_the_check_page_checks_a_draft_sentence_by_sentence(report_app: None) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.switch_page("views/controleren.py").run(timeout=TIMEOUT)
    at.text_area(key="controle-tekst").set_value(DRAFT)
    at.button[0].click().run(timeout=TIMEOUT)
    assert not at.exception
    rows = at.session_state["controle"]
    assert [r.check.verdict if r.check else None for r in rows] == ["klopt_niet", None, "klopt"]
    text = _markdown(at)
    assert any("**Klopt niet**" in m for m in text) and any("**Klopt**" in m for m in text)
    assert "Geen bewering om te controleren." in [c.value for c in at.caption]
    [download] = at.get("download_button")
    assert "Download als Markdown" in download.proto.label
    assert html_problems(at) == []


def test_the_check_page_asks_for_text_when_it_is_blank(report_app: None) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.switch_page("views/controleren.py").run(timeout=TIMEOUT)
    at.text_area(key="controle-tekst").set_value("   ")
    at.button[0].click().run(timeout=TIMEOUT)
    assert [w.value for w in at.warning] == ["Plak eerst een bewering of een tekst."]
