"""The "Vragen" page: a chat that answers by quoting the report, with filters in the sidebar."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import streamlit as st

from app import resources
from app.permalink import MAX_PASSAGES, Permalink, from_query, to_query, to_url
from app.present import (
    answer_id,
    citation,
    escape,
    link,
    marked,
    quote_block,
)
from app.session import Turn, ask
from app.transcript import session_json, session_markdown
from ingest.model import SECTION_LABELS
from kb import Answer, Filters, Hit, Index
from kb.analyser import fold
from kb.answers import ABSTENTION
from kb.errors import FeedbackError
from kb.feedback import FeedbackStore, Vote, VoteValue
from kb.render import place_line

log = logging.getLogger(__name__)

READ_PAGE = "views/lezen.py"

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
FEEDBACK_ROWS = "feedback_rows"
FEEDBACK_ERROR = "feedback_error"
GOALS, REGIONS, KINDS, DOCUMENTS, TOP_K = "f_doel", "f_regio", "f_soort", "f_document", "f_n"


def _turns() -> list[Turn]:
    turns: list[Turn] = st.session_state.setdefault(TURNS, [])
    return turns


def _goal_titles(index: Index) -> dict[int, str]:
    return {c.goal: c.goal_title or "" for c in index.chunks if c.goal is not None}


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
    st.session_state[TURNS] = []
    st.session_state[FEEDBACK_ROWS] = {}
    st.query_params.clear()


def sidebar(index: Index, values: dict[str, list[Any]], default_top_k: int) -> tuple[Filters, int]:
    """The filters and the number of passages, from the sidebar."""
    titles = _goal_titles(index)
    with st.sidebar:
        st.header("Filters")
        goals = st.multiselect(
            "Doel",
            values["goal"],
            key=GOALS,
            format_func=lambda g: f"{g} — {_short(titles.get(g, ''))}",
            placeholder="Alle doelen",
        )
        regions = st.multiselect(
            "Provincie of regio", values["region"], key=REGIONS, placeholder="Heel Nederland"
        )
        kinds = st.multiselect(
            "Soort sectie",
            values["kind"],
            key=KINDS,
            format_func=lambda k: SECTION_LABELS.get(k, k),
            placeholder="Alle secties",
        )
        documents: list[str] = []
        if len(values["document"]) > 1:
            documents = st.multiselect(
                "Document", values["document"], key=DOCUMENTS, placeholder="Alle documenten"
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


def session_downloads(turns: Sequence[Turn]) -> None:
    """Download the session as Markdown and JSON (in the sidebar, after the last answer)."""
    if not turns:
        return
    with st.sidebar:
        st.header("Sessie bewaren")
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
        st.button("Nieuw gesprek", on_click=_new_session, icon=":material/refresh:")


def _hit_of(result: Answer) -> Hit | None:
    return next((h for h in result.hits if h.chunk.id == result.hit_id), None)


def _passages(hits: Sequence[Hit]) -> None:
    for hit in hits:
        st.markdown(f"**{escape(place_line(hit.chunk, 'short'))}** · score {hit.score:.3f}")
        st.markdown(escape(hit.chunk.text))


def _read_link(result: Answer, hit: Hit) -> None:
    params = {"plek": hit.chunk.id}
    if result.start is not None and result.end is not None:
        params["zin"] = f"{result.start}-{result.end}"
    if hit.chunk.goal is not None:
        params["doel"] = str(hit.chunk.goal)
    else:
        params["document"] = hit.chunk.document
    st.page_link(
        READ_PAGE, label="Lees dit in het rapport", icon=":material/menu_book:", query_params=params
    )


def _answer(turn: Turn, result: Answer) -> None:
    source = result.source
    hit = _hit_of(result)
    if turn.resolved.about == "goal":
        if source is not None and source.goal is not None:
            st.markdown(f"Dat staat bij **{escape(f'Doel {source.goal} — {source.goal_title}')}**.")
        elif source is not None:
            st.markdown(f"Dat staat niet bij een doel maar in: {escape(source.section)}.")
    if turn.resolved.about == "place" and source is not None:
        st.markdown(
            f"Dat staat in *{escape(source.document_title)}*, {escape(place_line(source, 'full'))} "
            f"(tekens {source.start}–{source.end})."
        )
    st.markdown(quote_block(result))
    if source is not None:
        st.markdown(f"**Bron:** {escape(place_line(source, 'full'))}")
        if source.urls:
            st.markdown("Web: " + " · ".join(link(url) for url in source.urls))
        for note in source.footnotes:
            st.caption(f"Voetnoot {note.number}: {escape(note.text)}")
    _alternatives(result)
    if hit is not None:
        with st.container(border=True):
            st.caption("De passage, met de geciteerde zin vet:")
            start, end = result.start or 0, result.end or 0
            st.markdown(marked(hit.chunk.text, start, end))
            if hit.chunk.cited_in:
                st.caption(f"Voetnoot bij de zin: {escape(hit.chunk.cited_in)}")
        _read_link(result, hit)


def _alternatives(result: Answer) -> None:
    """Runners-up that scored close to the answer: the reader decides."""
    if not result.alternatives:
        return
    st.markdown("**Ook mogelijk:**")
    for alternative in result.alternatives:
        st.markdown(quote_block(alternative))
        st.caption(escape(place_line(alternative.source, "full")))


def _share(result: Answer, turn: Turn) -> None:
    with st.expander("Delen en bewaren", icon=":material/share:"):
        st.caption("Antwoord met bron (Markdown), om te kopiëren:")
        st.code(citation(result), language="markdown", wrap_lines=True)
        permalink = Permalink(turn.searched, turn.filters, turn.top_k)
        base = st.context.url or ""
        st.caption("Vaste link naar deze zoekvraag:")
        st.code(to_url(base, permalink), language=None, wrap_lines=True)


def _feedback(number: int, turn: Turn, result: Answer, store: FeedbackStore) -> None:
    rows: dict[int, int] = st.session_state.setdefault(FEEDBACK_ROWS, {})
    vote_key, comment_key = f"stem-{number}", f"opmerking-{number}"

    def vote_changed() -> None:
        value = st.session_state.get(vote_key)
        if value is None:
            return
        vote: VoteValue = "up" if value == 1 else "down"
        try:
            if number in rows:
                store.set_vote(rows[number], vote)
            else:
                rows[number] = store.add(
                    Vote(
                        question=turn.asked,
                        answer_id=answer_id(result),
                        build_id=turn.build_id,
                        vote=vote,
                        answer=result.text,
                        searched=turn.searched,
                    )
                )
        except FeedbackError as exc:
            log.warning("feedback not stored: %s", exc)
            st.session_state[FEEDBACK_ERROR] = "Uw reactie kon niet worden opgeslagen."

    def comment_sent() -> None:
        comment = str(st.session_state.get(comment_key, "")).strip()
        if number not in rows or not comment:
            return
        try:
            store.set_comment(rows[number], comment)
        except FeedbackError as exc:
            log.warning("comment not stored: %s", exc)
            st.session_state[FEEDBACK_ERROR] = "Uw opmerking kon niet worden opgeslagen."

    st.caption("Was dit antwoord nuttig?")
    st.feedback("thumbs", key=vote_key, on_change=vote_changed)
    if number in rows:
        with st.form(f"formulier-{number}", border=False):
            st.text_input("Opmerking (niet verplicht)", key=comment_key, max_chars=2000)
            st.form_submit_button("Opmerking versturen", on_click=comment_sent)
        st.caption("Bedankt voor uw reactie.")
    error = st.session_state.pop(FEEDBACK_ERROR, None)
    if error:
        st.warning(error)


def render_turn(number: int, turn: Turn, store: FeedbackStore) -> None:
    """One question and its answer, as two chat messages."""
    with st.chat_message("user"):
        st.markdown(escape(turn.asked))
    with st.chat_message("assistant"):
        if turn.resolved.kind != "new":
            searched = f"Gezocht: {turn.searched}"
            if turn.resolved.goal is not None:
                searched += f" (binnen Doel {turn.resolved.goal})"
            st.caption(escape(searched))
        result = turn.answer
        if result is None:
            st.warning(turn.error or "Er ging iets mis.")
            return
        if result.notice:
            st.caption("Uw vraag is erg lang; alleen het begin is gezocht.")
        hit = _hit_of(result)
        if result.abstained:
            st.markdown(f"**{ABSTENTION}**")
            if result.hits:
                with st.expander("Misschien relevant: de dichtstbijzijnde passages", expanded=True):
                    _passages(result.hits)
        else:
            _answer(turn, result)
            others = [h for h in result.hits if hit is None or h.chunk.id != hit.chunk.id]
            if others:
                with st.expander(f"Ook relevant ({len(others)})"):
                    _passages(others)
            _share(result, turn)
        _feedback(number, turn, result, store)


def page() -> None:
    """The chat page."""
    config = resources.settings()
    index = resources.index(config)
    store = resources.feedback_store(config)
    values = index.filter_values()
    read_permalink(values, config.max_question_chars)
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
    asked = typed or st.session_state.pop(PENDING, None)
    for number, turn in enumerate(turns):
        render_turn(number, turn, store)
    if asked:
        turn = ask(index, asked, filters, top_k, turns, values["region"])
        turns.append(turn)
        render_turn(len(turns) - 1, turn, store)
        if turn.answer is not None:
            st.query_params.from_dict(to_query(Permalink(turn.searched, turn.filters, top_k)))
    if not turns:
        st.subheader("Probeer een van deze vragen")
        for number, example in enumerate(EXAMPLES):
            st.button(example, key=f"voorbeeld-{number}", on_click=_ask_example, args=(example,))
    session_downloads(turns)


__all__ = ["EXAMPLES", "page", "read_permalink", "render_turn", "sidebar"]
