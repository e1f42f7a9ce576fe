"""The "Vragen" page: a chat that answers by quoting the report, with filters in the sidebar."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from typing import Any

import streamlit as st

from app import resources
from app.answer_view import EDITED, FEEDBACK_DONE, FEEDBACK_ROWS, TURN_WIDGETS, render_turn
from app.permalink import MAX_PASSAGES, Permalink, from_query, to_query
from app.present import escape
from app.session import Turn, ask
from app.transcript import session_json, session_markdown
from ingest.model import SECTION_LABELS
from kb import Filters, Index
from kb.analyser import fold

log = logging.getLogger(__name__)

EXAMPLES = (
    "Hoeveel cross-over kwalificaties raken techniek?",
    "Hoeveel geld kreeg het Alfa-college voor het innovatiecentrum?",
    "Welke voorbeelden zijn er in Limburg?",
    "Welk aandeel van de jongeren op het mbo kiest voor techniek?",
)

# Session state keys.
TURNS = "turns"
PENDING = "pending"
PERMALINK_READ = "permalink_read"
NOTICES = "notices"
GOALS, REGIONS, KINDS, DOCUMENTS, TOP_K = "f_doel", "f_regio", "f_soort", "f_document", "f_n"


CONVERSATION = "gesprek"
"""Query parameter and session key of the conversation's id (a reload shows it again)."""


def _turns() -> list[Turn]:
    """The turns of the conversation the address names (`?gesprek=`), else of this session.

    A new browser session (a reload, a link) and the browser's Back and Forward (a rerun
    with an earlier address) show the conversation of the address; an address without one
    (the page chosen in the menu), or with an id this process does not hold, keeps the
    session's own.
    """
    given = st.query_params.get(CONVERSATION)
    current = st.session_state.get(CONVERSATION)
    restored = resources.conversations().get(given) if given and given != current else None
    if restored is not None:
        _switch_to(str(given), restored)
        st.session_state.pop(PENDING, None)  # the link's question is on screen already
    elif TURNS not in st.session_state:
        _switch_to(secrets.token_urlsafe(9), ())
    turns: list[Turn] = st.session_state[TURNS]
    return turns


def _switch_to(conversation: str, turns: Sequence[Turn]) -> None:
    """Show `conversation`: its turns, and none of the votes or edits typed in another."""
    for key in [k for k in st.session_state if str(k).startswith(TURN_WIDGETS)]:
        del st.session_state[key]
    st.session_state[CONVERSATION] = conversation
    st.session_state[TURNS] = list(turns)
    st.session_state[FEEDBACK_ROWS] = {}
    st.session_state[FEEDBACK_DONE] = {}


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def read_permalink(values: dict[str, list[Any]], max_question_chars: int = 1000) -> None:
    """On a session's first run, set the question and filters from `?q=...&doel=...`."""
    if st.session_state.get(PERMALINK_READ):
        return
    st.session_state[PERMALINK_READ] = True
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    permalink = from_query(params, max_question_chars)
    notices = [f"Genegeerd in de link: {p}." for p in permalink.problems]
    filters = permalink.filters

    def known(name: str, given: Sequence[Any], valid: list[Any]) -> list[Any]:
        by_fold = {fold(str(v)): v for v in valid}
        kept = [by_fold[fold(str(g))] for g in given if fold(str(g)) in by_fold]
        notices.extend(
            f"Genegeerd in de link: {name} {g} komt in deze index niet voor."
            for g in given
            if fold(str(g)) not in by_fold
        )
        return kept

    st.session_state[GOALS] = known("doel", filters.goals, values["goal"])
    st.session_state[REGIONS] = known("regio", filters.regions, values["region"])
    st.session_state[KINDS] = known("soort", filters.kinds, values["kind"])
    st.session_state[DOCUMENTS] = known("document", filters.documents, values["document"])
    if permalink.top_k is not None:
        st.session_state[TOP_K] = permalink.top_k
    if permalink.question:
        st.session_state[PENDING] = permalink.question
    st.session_state[NOTICES] = notices


def _ask_example(question: str) -> None:
    st.session_state[PENDING] = question


def _new_session() -> None:
    # The new conversation is stored (empty) and named in the address at once, so Back
    # returns to the one before and Forward to this one.
    conversation = secrets.token_urlsafe(9)
    _switch_to(conversation, ())
    resources.conversations().put(conversation, [])
    st.query_params.from_dict({CONVERSATION: conversation})


def sidebar(index: Index, values: dict[str, list[Any]], default_top_k: int) -> tuple[Filters, int]:
    """The filters and the number of passages, from the sidebar."""
    titles = index.goal_titles
    with st.sidebar:
        st.header("Filters")
        goals = st.multiselect(
            "Doel",
            values["goal"],
            key=GOALS,
            format_func=lambda g: f"{g} — {_short(titles.get(g, ''))}",
            placeholder="Alle doelen",
            select_all=False,
        )
        regions = st.multiselect(
            "Provincie of regio",
            values["region"],
            key=REGIONS,
            placeholder="Heel Nederland",
            select_all=False,
        )
        kinds = st.multiselect(
            "Soort sectie",
            values["kind"],
            key=KINDS,
            format_func=lambda k: SECTION_LABELS.get(k, k),
            placeholder="Alle secties",
            select_all=False,
        )
        documents: list[str] = []
        if len(values["document"]) > 1:
            documents = st.multiselect(
                "Document",
                values["document"],
                key=DOCUMENTS,
                placeholder="Alle documenten",
                select_all=False,
            )
        if TOP_K not in st.session_state:
            st.session_state[TOP_K] = min(default_top_k, MAX_PASSAGES)
        top_k = st.slider("Aantal passages", 1, MAX_PASSAGES, key=TOP_K)

        st.header("Voorbeeldvragen")
        for number, example in enumerate(EXAMPLES):
            st.button(
                example,
                key=f"zijbalk-voorbeeld-{number}",
                on_click=_ask_example,
                args=(example,),
                type="tertiary",
            )
    filters = Filters(tuple(goals), tuple(regions), tuple(kinds), tuple(documents))
    return filters, int(top_k)


def session_controls(turns: Sequence[Turn], place: Any) -> None:
    """ "Nieuw gesprek" and the downloads of the session, in `place` (the sidebar's top)."""
    if not turns:
        return
    with place:
        st.header("Gesprek")
        st.button("Nieuw gesprek", on_click=_new_session, icon=":material/refresh:")
        st.download_button(
            "Download als Markdown",
            session_markdown(turns),
            file_name="vraagbaak-sessie.md",
            mime="text/markdown",
            icon=":material/download:",
        )
        st.download_button(
            "Download als JSON",
            session_json(turns),
            file_name="vraagbaak-sessie.json",
            mime="application/json",
            icon=":material/data_object:",
        )


def page() -> None:
    """The chat page."""
    config = resources.settings()
    index = resources.index(config)
    store = resources.feedback_store(config)
    values = index.filter_values()
    read_permalink(values, config.max_question_chars)
    # Filled last (a new answer adds the downloads), shown first in the sidebar.
    controls = st.sidebar.container()
    filters, top_k = sidebar(index, values, config.top_k)

    st.title("Vraagbaak Techniekpact")
    st.caption(
        "Vragen over de Voortgangsrapportage Nationaal Techniekpact 2020 (2017). Elk antwoord "
        "is een letterlijk citaat uit het rapport, met de plaats waar het staat."
    )
    for notice in st.session_state.get(NOTICES, []):
        st.info(escape(notice))

    turns = _turns()
    typed = st.chat_input(
        "Stel een vraag, bijvoorbeeld: hoeveel cross-over kwalificaties …",
        max_chars=index.settings.max_question_chars,
    )
    edited = st.session_state.pop(EDITED, None)
    asked = typed or edited or st.session_state.pop(PENDING, None)
    for number, turn in enumerate(turns):
        render_turn(number, turn, store)
    if asked and asked.strip():  # an empty or blank message is ignored quietly
        turn = ask(index, asked, filters, top_k, turns, values["region"], as_typed=bool(edited))
        turns.append(turn)
        render_turn(len(turns) - 1, turn, store, latest=True)
        conversation = str(st.session_state[CONVERSATION])
        resources.conversations().put(conversation, turns)
        if turn.answer is not None:
            query = to_query(Permalink(turn.searched, turn.filters, top_k))
            st.query_params.from_dict({**query, CONVERSATION: conversation})
    if not turns:
        st.subheader("Probeer een van deze vragen")
        for number, example in enumerate(EXAMPLES):
            st.button(example, key=f"voorbeeld-{number}", on_click=_ask_example, args=(example,))
    session_controls(turns, controls)


__all__ = ["EXAMPLES", "page", "read_permalink", "sidebar"]
