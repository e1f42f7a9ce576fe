"""The Streamlit app: its safe Markdown, its reading outline, and the pages driven through
`streamlit.testing.v1.AppTest` (with the real model and the report indexed once per session)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Status

from app.answer_view import NOT_FOUND
from app.present import citation, escape, escape_plain, marked, quote_block, safe_url
from app.read import find_place, outline
from app.session import Turn
from app.transcript import session_json, session_markdown
from ingest.model import Chunk
from ingest.pipeline import ingest_corpus
from kb.answers.answer import ABSTENTION, Answer, Source
from kb.build import build_index
from kb.embed import FakeEmbedder
from kb.feedback import FEEDBACK_FILE, FeedbackStore
from kb.followup import Resolved
from kb.index import Filters, Index
from kb.render import SCHEMA_VERSION, place_line
from kb.settings import Settings
from kb.store import current_build
from tests.support.app_fixtures import (
    APP,
    HOSTILE_QUESTION,
    app_env,
    build_hostile,
    html_problems,
)
from tests.support.hostile_corpus import TEXT_OP, pdf_bytes
from tests.support.ingest_fixtures import ROOT

CROSS_OVER = "hoeveel cross-over kwalificaties raken techniek?"
TIMEOUT = 120


# --- safe Markdown ---------------------------------------------------------------------------


def test_escape_shows_html_and_markdown_as_the_characters_typed() -> None:
    assert escape("<script>alert(1)</script>") == r"\<script\>alert\(1\)\<\/script\>"
    assert escape("[klik](javascript:x)") == r"\[klik\]\(javascript\:x\)"
    assert escape("**vet** en :red[rood] en $x$") == r"\*\*vet\*\* en \:red\[rood\] en \$x\$"
    # A line break stays a line break; indentation cannot open a code block.
    assert escape("› een\n      › twee") == "› een  \n› twee"


def test_marked_bolds_the_sentence_and_escapes_everything() -> None:
    text = "Dit is [één]. Er zijn *acht* kwalificaties. Klaar."
    start = text.index("Er")
    end = text.index("Klaar") - 1
    assert marked(text, start, end) == (
        r"Dit is \[één\]\. **Er zijn \*acht\* kwalificaties\.** Klaar\."
    )


def test_marked_keeps_bold_within_each_line() -> None:
    assert marked("a\nb c\nd", 0, 5) == "**a**  \n**b c**  \nd"


def test_safe_url_links_web_addresses_only() -> None:
    assert safe_url("www.s-bb.nl") == "https://www.s-bb.nl"
    assert safe_url("https://www.techniekpact.nl/doel-9") == "https://www.techniekpact.nl/doel-9"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<b>") is None
    assert safe_url("www.x.nl/a(b)") == "https://www.x.nl/a%28b%29"


def _source() -> Source:
    return Source(
        goal=9,
        goal_title="Goede afstemming onderwijsaanbod",
        section="Wat is er bereikt?",
        kind="bereikt",
        title=None,
        urls=["www.s-bb.nl"],
        footnotes=[],
        document="techniekpact-2017",
        document_title="Voortgangsrapportage 2017",
        start=100,
        end=190,
    )


def _answer(text: str, value: str | None) -> Answer:
    value_start = text.index(value) if value else None
    return Answer(
        question=CROSS_OVER,
        searched=CROSS_OVER,
        text=text,
        value=value,
        value_start=value_start,
        value_end=value_start + len(value) if value and value_start is not None else None,
        start=0,
        end=len(text),
        hit_id="techniekpact-2017/doel-09/bereikt/02#1",
        abstained=False,
        confidence=0.9,
        source=_source(),
        hits=[],
    )


def test_an_abstention_citation_says_which_names_the_report_lacks() -> None:
    answer = dataclasses.replace(
        _answer("x", None),
        text=ABSTENTION,
        abstained=True,
        source=None,
        not_in_report=("Micro*soft", "VNG"),
    )
    assert citation(answer) == (
        f"**Vraag:** {CROSS_OVER}\n\n{ABSTENTION} Niet in het rapport: Micro\\*soft, VNG."
    )


def test_quote_and_citation_carry_value_and_source() -> None:
    answer = _answer("Er zijn acht kwalificaties, waarvan er vier raken aan de techniek.", "vier")
    assert quote_block(answer) == (
        r"> Er zijn acht kwalificaties\, waarvan er **vier** raken aan de techniek\."
    )
    assert (
        place_line(_source(), "full")
        == "Doel 9 — Goede afstemming onderwijsaanbod · Wat is er bereikt?"
    )
    text = citation(answer)
    assert "**vier**" in text
    assert "> Er zijn acht kwalificaties, waarvan er **vier** raken aan de techniek." in text
    assert "Doel 9 — Goede afstemming onderwijsaanbod · Wat is er bereikt? (tekens 100–190)" in text
    assert "- [www.s-bb.nl](https://www.s-bb.nl)" in text


def test_plain_escape_disarms_markup_and_reads_as_text() -> None:
    assert escape_plain("Zie [klik](javascript:x) en <b>, 40%.") == (
        r"Zie \[klik\](javascript:x) en \<b\>, 40%."
    )
    assert escape_plain("# kop\n- punt\n1. een") == "\\# kop  \n\\- punt  \n\\1. een"


def test_session_transcripts_hold_question_searched_and_answer() -> None:
    answer = _answer("Er zijn acht kwalificaties, waarvan er vier raken aan de techniek.", "vier")
    turn = Turn(
        asked="welk doel is dat?",
        resolved=Resolved("welk doel is dat?", CROSS_OVER, "about_previous", about="goal"),
        filters=Filters(goals=(9,)),
        top_k=5,
        answer=answer,
        error=None,
        build_id="b1",
    )
    saved = json.loads(session_json([turn]))
    assert saved["turns"][0]["searched"] == CROSS_OVER
    assert saved["turns"][0]["filters"]["goals"] == [9]
    record = saved["turns"][0]["answer"]
    assert record["schema_version"] == SCHEMA_VERSION
    assert record["answer"]["value"] == "vier"
    assert record["answer"]["goal"] == 9
    assert record["question"] == "welk doel is dat?"
    markdown = session_markdown([turn])
    assert "## 1. welk doel is dat?" in markdown
    assert "*Gezocht:* hoeveel cross-over kwalificaties raken techniek?" in markdown
    assert "**vier**" in markdown


# --- the reading outline -----------------------------------------------------------------------


def test_outline_has_the_preface_and_each_goal_with_its_sections(
    sample_chunks: list[Chunk],
) -> None:
    places = outline(sample_chunks)
    labels = [p.label for p in places]
    assert labels[0] == "Voorwoord"
    goal_9 = next(p for p in places if p.goal == 9)
    assert [s.label for s in goal_9.sections] == ["Inleiding", "Wat is er bereikt?", "Voorbeelden"]
    assert goal_9.sections[2].units[0].title == "Twente techniek"
    assert find_place(places, "9", None, None) == goal_9
    assert find_place(places, None, None, "doc/007#1") == goal_9
    assert find_place(places, "x", None, None) is None


# --- the app, driven by AppTest --------------------------------------------------------------


def _markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def _all_text(at: AppTest) -> str:
    return "\n".join([*_markdown(at), *(c.value for c in at.caption)])


def _no_html(at: AppTest) -> None:
    assert html_problems(at) == []
    assert not at.exception


@pytest.fixture
def report_app(
    report_index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The app's environment pointing at the report index; yields the feedback file."""
    for name, value in app_env(report_index.settings, tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("KB_CORPUS_DIR", str(ROOT / "corpus"))
    yield tmp_path / "data" / FEEDBACK_FILE


def _ask(at: AppTest, question: str) -> AppTest:
    return at.chat_input[0].set_value(question).run(timeout=TIMEOUT)


def _last_turn(at: AppTest) -> Turn:
    turn: Turn = at.session_state["turns"][-1]
    return turn


@pytest.mark.slow
def test_question_gives_the_quoted_answer_and_its_source(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    _ask(at, CROSS_OVER)
    text = _markdown(at)
    quote = next(m for m in text if m.startswith("> "))
    assert "**vier**" in quote
    assert "waarvan er **vier** raken aan de techniek" in quote
    assert any(m.startswith("**Bron:** Doel 9 — Goede afstemming onderwijsaanbod") for m in text)
    # The passage shows the quoted sentence in bold within its neighbours.
    assert any("**Op grond van de aanvragen" in m and "Zorgtechnicus" in m for m in text)
    link = next(p for p in at.get("page_link"))
    assert "doel=9" in link.proto.query_string
    assert "plek=techniekpact-2017" in link.proto.query_string
    # The value leads, above the quote; no raw scores anywhere.
    assert text.index("**vier**") < text.index(quote)
    assert not any("score" in m for m in _all_text(at).split("\n"))
    # The citation to copy, as plain text in the copy button's script.
    [button] = [h.proto.body for h in at.html if "Kopieer met bron" in h.proto.body]
    assert "waarvan er vier raken aan de techniek" in button
    assert at.query_params["q"] == CROSS_OVER
    _no_html(at)


@pytest.mark.slow
def test_close_runners_up_are_shown_as_ook_mogelijk(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    # The ambition (55 procent) answers; today's shares ("Op de havo is het aandeel in
    # 2016-2017 43% ...") come close. (Session 51's memory answers the question asked here
    # before, "Welk aandeel havo/vwo-leerlingen met een N-profiel is het streven ...?", with
    # no runner-up close.)
    question = "Wat is de ambitie voor het aandeel N-profielen?"
    _ask(at, question)
    result = _last_turn(at).answer
    assert result is not None and result.alternatives
    text = _markdown(at)
    assert "**Ook mogelijk:**" in text
    # Each runner-up is quoted as text, with its own value in bold.
    for alternative in result.alternatives:
        assert any(m.startswith("> ") and alternative.text[:30] in m for m in text)
    _no_html(at)


@pytest.mark.slow
def test_followups_are_read_against_the_previous_question(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    _ask(at, CROSS_OVER)
    _ask(at, "welk doel is dat?")
    assert any(m.startswith("Dat staat bij **Doel 9 — Goede afstemming") for m in _markdown(at))
    assert f"Gezocht\\: {escape(CROSS_OVER)}" in [c.value for c in at.caption]

    _ask(at, "Welke voorbeelden zijn er in Twente?")
    _ask(at, "en in Limburg?")
    turn = _last_turn(at)
    assert turn.searched == "Welke voorbeelden zijn er in Limburg?"
    assert "Gezocht\\: Welke voorbeelden zijn er in Limburg\\?" in [c.value for c in at.caption]
    _no_html(at)


@pytest.mark.slow
def test_goal_filter_narrows_every_passage(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    doel = at.sidebar.multiselect(key="f_doel")
    assert "12 — Vakkrachten" in doel.options[11]
    doel.set_value([9]).run()
    at.sidebar.slider(key="f_n").set_value(8).run()
    _ask(at, "Hoeveel leerlingen kiezen voor techniek?")
    turn = _last_turn(at)
    assert turn.answer is not None
    assert len(turn.answer.hits) == 8
    assert {h.chunk.goal for h in turn.answer.hits} == {9}
    assert at.query_params["doel"] == "9"
    at.sidebar.multiselect(key="f_soort").set_value(["voorbeeld"]).run()
    _ask(at, "Welke voorbeelden zijn er?")
    hits = _last_turn(at).answer.hits  # type: ignore[union-attr]
    assert len(hits) == 3  # goal 9 has three examples
    assert {(h.chunk.goal, h.chunk.kind) for h in hits} == {(9, "voorbeeld")}


@pytest.mark.slow
def test_abstention_says_so_and_offers_the_nearest_passages(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    _ask(at, "Wie won de Tour de France in 1998?")
    assert f"**{NOT_FOUND}**" in _markdown(at)
    # The report never names France (the name gate, kb.answers.names): said as text.
    assert escape("Niet in het rapport: France.") in _markdown(at)
    nearest = at.expander[0]
    assert nearest.label.startswith("De dichtstbijzijnde passages")
    assert any(m.value.startswith("**Doel ") for m in nearest.markdown)
    _no_html(at)


@pytest.mark.slow
def test_permalink_reproduces_the_search(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["q"] = CROSS_OVER
    at.query_params["doel"] = "9,99"
    at.query_params["n"] = "3"
    at.run()
    assert at.sidebar.multiselect(key="f_doel").value == [9]
    assert at.sidebar.slider(key="f_n").value == 3
    turn = _last_turn(at)
    assert turn.answer is not None and turn.answer.value == "vier"
    assert turn.filters.goals == (9,)
    assert len(turn.answer.hits) == 3
    assert any("doel 99 komt in deze index niet voor" in i.value for i in at.info)
    # The permalink shown for the answer reproduces the search.
    link = "(?q=hoeveel+cross-over+kwalificaties+raken+techniek%3F&doel=9&n=3)"
    assert any(m.endswith(link) for m in _markdown(at))


@pytest.mark.slow
def test_feedback_is_stored_with_question_answer_and_build(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    _ask(at, CROSS_OVER)
    at.button_group(key="stem-0").set_value("Nee").run()
    assert [s.value for s in at.success] == ["Bedankt: uw stem is opgeslagen."]
    at.text_input[0].set_value("Kort en goed, maar graag ook de namen")
    next(b for b in at.button if b.label == "Opmerking versturen").click().run()
    assert [s.value for s in at.success] == ["Bedankt: uw opmerking is opgeslagen."]
    at.button_group(key="stem-0").set_value("Ja").run()
    rows = FeedbackStore(report_app).rows()
    assert len(rows) == 1
    row = rows[0]
    assert row.question == CROSS_OVER
    assert row.vote == "up"
    assert row.comment == "Kort en goed, maar graag ook de namen"
    assert row.answer_id.startswith("techniekpact-2017/doel-09/bereikt/")
    assert "waarvan er vier raken aan de techniek" in row.answer
    assert row.build_id == _last_turn(at).build_id != ""


def _follow_read_link(at: AppTest) -> None:
    """Open the "Lezen" page as the answer's link does."""
    query = next(p for p in at.get("page_link")).proto.query_string
    at.switch_page("views/lezen.py")
    for part in query.split("&"):
        name, _, value = part.partition("=")
        at.query_params[name] = value.replace("%2F", "/").replace("%23", "#")
    at.run()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("views/vragen.py", {"doel": "²", "q": "techniek"}),
        ("views/vragen.py", {"n": "²"}),
        ("views/vragen.py", {"doel": "①"}),
        ("views/vragen.py", {"n": "9" * 5000}),
        ("views/lezen.py", {"doel": "²"}),
        ("views/lezen.py", {"doel": "9", "plek": "x", "zin": "²-³"}),
        ("views/lezen.py", {"doel": "9" * 5000, "zin": "1-" + "9" * 5000}),
    ],
)
def test_crafted_links_do_not_crash_a_page(
    report_app: Path, page: str, params: dict[str, str]
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    _no_html(at)


@pytest.mark.slow
def test_read_page_shows_the_goal_and_marks_the_quoted_passage(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    _ask(at, CROSS_OVER)
    _follow_read_link(at)
    assert at.header[0].value == "Doel 9"
    assert [s.value for s in at.subheader][:3] == [
        "Inleiding",
        "Wat is er bereikt\\?",
        "Voorbeelden",
    ]
    text = _markdown(at)
    # The goal's heading and the example's title as the report prints them, in capitals,
    # opening their passages (once: no sentence-case copy above them).
    assert text[0].startswith("DOEL 9 GOEDE AFSTEMMING ONDERWIJSAANBOD MET REGIONAAL")
    assert any(m.startswith("TOEKOMSTFONDS ONDERWIJS\\-ARBEIDSMARKT AMERSFOORT  \n") for m in text)
    assert not any("Toekomstfonds onderwijs\\-arbeidsmarkt Amersfoort" in m for m in text)
    assert any("**Op grond van de aanvragen" in m for m in text)
    marks = [c.value for c in at.caption if "Hier staat het citaat" in c.value]
    assert len(marks) == 1
    _no_html(at)


@pytest.mark.slow
def test_a_quoted_footnote_is_marked_on_the_read_page(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    _ask(at, "Welk Kamerstuk hoort bij de brief Sterk Beroepsonderwijs?")
    quote = next(m for m in _markdown(at) if m.startswith("> "))
    assert "Kamerstuk **31524\\-311**\\, brief OCW\\, 20 februari 2017" in quote
    assert any(m.startswith("**Bron:** Doel 5 — ") and "Voetnoot 5" in m for m in _markdown(at))
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith("Voetnoot bij de zin: In de brief Sterk Beroepsonderwijs") for c in captions
    )
    _follow_read_link(at)
    assert at.header[0].value == "Doel 5"
    marks = [c.value for c in at.caption if "Hier staat het citaat" in c.value]
    assert len(marks) == 1
    text = _markdown(at)
    assert any("**Kamerstuk 31524\\-311\\, brief OCW\\, 20 februari 2017**" in m for m in text)
    _no_html(at)


# --- safety and errors, on small builds ------------------------------------------------------


@pytest.fixture
def hostile_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    settings = build_hostile(tmp_path, FakeEmbedder(64))
    for name, value in app_env(settings, tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    return settings


def test_markup_in_passages_is_shown_as_text(hostile_app: Settings) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    _ask(at, HOSTILE_QUESTION)
    text = _all_text(at)
    assert r"\<script\>alert\(\"xss\"\)\<\/script\>" in text
    assert r"\[klik hier\]\(javascript\:alert\(1\)\)" in text
    assert "](javascript" not in text
    assert "<script>" not in text
    _no_html(at)


def test_first_start_builds_the_index_with_a_progress_display(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notitie.md").write_text(
        "# Techniek in de regio\n\nIn Twente werken scholen en bedrijven samen.\n", "utf-8"
    )
    settings = Settings(
        corpus_dir=corpus,
        build_dir=tmp_path / "build",
        cache_dir=tmp_path / "cache",
        embedder="fake:32",
    )
    for name, value in app_env(settings, tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    [status] = at.get("status")
    assert isinstance(status, Status)
    assert (status.label, status.state) == ("De zoekindex is klaar.", "complete")
    assert any(p.type == "progress" for p in at.get("progress"))
    assert current_build(settings) is not None
    assert at.chat_input


def test_first_start_leaves_out_an_unreadable_file_with_a_dutch_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notitie.md").write_text("In Twente werken scholen en bedrijven samen.\n", "utf-8")
    (corpus / "versleuteld.pdf").write_bytes(pdf_bytes(TEXT_OP)[:300])  # a truncated PDF
    settings = Settings(
        corpus_dir=corpus,
        build_dir=tmp_path / "build",
        cache_dir=tmp_path / "cache",
        embedder="fake:32",
    )
    for name, value in app_env(settings, tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception and not at.error
    [warning] = at.warning
    assert warning.value.startswith("Een bestand in de corpusmap kon niet worden gelezen")
    assert "versleuteld" in warning.value
    assert current_build(settings) is not None and at.chat_input


def test_a_missing_current_pointer_serves_the_build_on_disk_without_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 15, case 10: a missing CURRENT started a full rebuild in the app.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notitie.md").write_text("In Twente werken scholen en bedrijven samen.\n", "utf-8")
    settings = Settings(
        corpus_dir=corpus,
        build_dir=tmp_path / "build",
        cache_dir=tmp_path / "cache",
        embedder="fake:32",
    )
    built = build_index(ingest_corpus(corpus).chunks, settings, FakeEmbedder(32))
    (settings.build_dir / "CURRENT").unlink()
    for name, value in app_env(settings, tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception and not at.error
    assert not at.get("status")  # no "Eerste start" build
    assert [p.name for p in (settings.build_dir / "builds").iterdir()] == [built.build_id]
    assert at.chat_input


def test_a_start_error_is_a_short_dutch_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(
        corpus_dir=tmp_path / "geen-corpus", build_dir=tmp_path / "build", embedder="fake:32"
    )
    for name, value in app_env(settings, tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.error[0].value.startswith("De zoekindex kan niet worden gebouwd")
    assert "Traceback" not in at.error[0].value


def test_escape_drops_bidi_overrides_and_control_characters() -> None:
    # A right-to-left override would show the quote reversed on the page.
    assert escape("De les \u202ebegint\u202c om 9 uur\x1b[2J") == "De les begint om 9 uur\\[2J"
    assert "\u202e" not in escape_plain("x\u202ey") and "\x07" not in escape_plain("x\x07y")


@pytest.mark.slow
def test_the_searched_question_of_a_followup_can_be_edited(report_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    _ask(at, "Hoeveel geld kreeg het Alfa-college voor het innovatiecentrum?")
    _ask(at, "wie gaf dat?")
    assert _last_turn(at).searched == (
        "Wie gaf het geld dat het Alfa-college voor het innovatiecentrum kreeg?"
    )
    edited = "Van wie kreeg het Alfa-college een subsidie?"
    at.text_input(key="zoekvraag-tekst-1").set_value(edited)
    next(b for b in at.button if b.label == "Zoeken").click().run()
    turn = _last_turn(at)
    assert (turn.asked, turn.searched, turn.resolved.kind) == (edited, edited, "new")
    assert turn.answer is not None and "Jet Bussemaker" in turn.answer.text


@pytest.mark.slow
def test_a_reload_shows_the_conversation_again_and_blank_input_is_ignored(
    report_app: Path,
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    _ask(at, "   ")
    assert "turns" not in at.session_state or at.session_state["turns"] == []
    _ask(at, CROSS_OVER)
    _ask(at, "welk doel is dat?")
    conversation = at.query_params["gesprek"]
    assert at.query_params["q"] == CROSS_OVER
    # A reload is a new browser session on the same address.
    again = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for name in ("gesprek", "q"):
        again.query_params[name] = at.query_params[name]
    again.run()
    turns = again.session_state["turns"]
    assert [t.asked for t in turns] == [CROSS_OVER, "welk doel is dat?"]
    assert len([m for m in again.chat_message if m.name == "user"]) == 2
    assert again.query_params["gesprek"] == conversation
