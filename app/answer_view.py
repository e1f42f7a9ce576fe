"""One turn of the chat on the page: the question, then the answer led by its value, the quote
at full contrast, a one-line source, a link to its place in the report, and the vote.

An abstention says which filters were on, and shows what the same question finds in the
whole report (searched at once, and said so). Passages offered when no answer was found are
"the nearest passages", never preceded by a claim that the report says nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import streamlit as st

from app.browser import announce, copy_button
from app.check_view import render_check
from app.permalink import Permalink, to_url
from app.present import (
    answer_id,
    escape,
    filters_line,
    link,
    marked,
    plain_citation,
    quote_block,
    source_line,
)
from app.session import Turn
from kb import Answer, Hit
from kb.answers.names import not_mentioned
from kb.errors import FeedbackError
from kb.feedback import FeedbackStore, Vote, VoteValue
from kb.render import place_line

log = logging.getLogger(__name__)

READ_PAGE = "views/lezen.py"
FEEDBACK_ROWS = "feedback_rows"
FEEDBACK_ERROR = "feedback_error"
FEEDBACK_DONE = "feedback_done"
TURN_WIDGETS = ("stem-", "opmerking-", "zoekvraag-tekst-")
"""Key prefixes of the widgets of a turn (its number follows): one conversation's only."""
VOTES = {"Ja": "up", "Nee": "down"}
"""The vote's options as shown, and as stored."""

NOT_FOUND = "Geen citaat gevonden dat deze vraag zeker beantwoordt."


def hit_of(result: Answer) -> Hit | None:
    return next((h for h in result.hits if h.chunk.id == result.hit_id), None)


def _read_params(hit: Hit, span: tuple[int | None, int | None] = (None, None)) -> dict[str, str]:
    params = {"plek": hit.chunk.id}
    if span[0] is not None and span[1] is not None:
        params["zin"] = f"{span[0]}-{span[1]}"
    if hit.chunk.goal is not None:
        params["doel"] = str(hit.chunk.goal)
    else:
        params["document"] = hit.chunk.document
    return params


def _read_link(hit: Hit, span: tuple[int | None, int | None], label: str) -> None:
    st.page_link(
        READ_PAGE, label=label, icon=":material/menu_book:", query_params=_read_params(hit, span)
    )


def _passages(hits: Sequence[Hit]) -> None:
    for hit in hits:
        st.markdown(f"**{escape(place_line(hit.chunk, 'short'))}**")
        st.markdown(escape(hit.chunk.text))
        _read_link(hit, (None, None), "Lees deze passage in het rapport")


def _about(turn: Turn, result: Answer) -> None:
    """For "welk doel is dat?" and "waar staat dat?": the answer to that, first."""
    source = result.source
    if source is None:
        return
    if turn.resolved.about == "goal":
        if source.goal is not None:
            st.markdown(f"Dat staat bij **{escape(f'Doel {source.goal} — {source.goal_title}')}**.")
        else:
            st.markdown(f"Dat staat niet bij een doel maar in: {escape(source.section)}.")
    if turn.resolved.about == "place":
        st.markdown(
            f"Dat staat in *{escape(source.document_title)}*, {escape(place_line(source, 'full'))} "
            f"(tekens {source.start}–{source.end})."
        )


def _quoted(number: int, result: Answer) -> None:
    """The value, the quote, the source on one line, and the link to the place."""
    source = result.source
    if result.value:
        with st.container(key=f"waarde-{number}"):
            st.markdown(f"**{escape(result.value)}**")
    st.markdown(quote_block(result))
    if source is not None:
        st.markdown(f"**Bron:** {escape(source_line(source))}")
        for note in source.footnotes:
            st.caption(f"Voetnoot {note.number}: {escape(note.text)}")
        if source.urls:
            st.markdown("Web: " + " · ".join(link(url) for url in source.urls))
    hit = hit_of(result)
    if hit is not None:
        _read_link(hit, (result.start, result.end), "Lees dit in het rapport")
    copy_button(plain_citation(result), str(number))
    _alternatives(result)
    if hit is not None:
        with st.expander("De hele passage"):
            st.markdown(marked(hit.chunk.text, result.start or 0, result.end or 0))
            if hit.chunk.cited_in:
                st.caption(f"Voetnoot bij de zin: {escape(hit.chunk.cited_in)}")


def _listed(result: Answer) -> str:
    """A list answer: what is listed, then each part of the report with its first sentence
    (verbatim), its source and a link to it; returns what to announce."""
    st.markdown(f"**{escape(result.text)}**")
    for item in result.items:
        with st.container(border=True):
            if item.title:
                st.markdown(f"**{escape(item.title)}**")
            if item.kind != "doel" or item.text != item.title:
                st.markdown(f"> {escape(item.text)}")
            st.caption(escape(source_line(item.source)))
            hit = next((h for h in result.hits if h.chunk.id == item.hit_id), None)
            params = {"plek": item.hit_id}
            if item.source.goal is not None:
                params["doel"] = str(item.source.goal)
            st.page_link(
                READ_PAGE,
                label="Lees dit in het rapport",
                icon=":material/menu_book:",
                query_params=params if hit is None else _read_params(hit),
            )
    return f"{result.text}: " + "; ".join(i.title or i.text for i in result.items)


def _alternatives(result: Answer) -> None:
    """Runners-up that scored close to the answer: the reader decides."""
    if not result.alternatives:
        return
    st.markdown("**Ook mogelijk:**")
    for alternative in result.alternatives:
        st.markdown(quote_block(alternative))
        st.caption(escape(source_line(alternative.source)))


def _others(result: Answer) -> None:
    hit = hit_of(result)
    others = [h for h in result.hits if hit is None or h.chunk.id != hit.chunk.id]
    if others:
        with st.expander(f"Ook relevant ({len(others)})"):
            _passages(others)


def _abstained(number: int, turn: Turn, result: Answer) -> str:
    """An abstention that says what was searched; returns what to announce."""
    filtered = turn.filters.goals or turn.filters.regions or turn.filters.kinds
    if filtered:
        within = escape(filters_line(turn.filters))
        st.markdown(f"**{NOT_FOUND}** Gezocht binnen de filters: {within}.")
        widened = turn.widened
        if widened is not None and not widened.abstained:
            st.info("Dezelfde vraag is daarom ook in het hele rapport gezocht, zonder filters:")
            _quoted(number, widened)
            _others(widened)
            return f"Niet gevonden binnen de filters. In het hele rapport: {widened.text}"
        st.markdown("Ook in het hele rapport, zonder filters, is geen citaat gevonden.")
    else:
        st.markdown(f"**{NOT_FOUND}**")
    absent = not_mentioned(result.not_in_report) if result.not_in_report else ""
    if absent:
        st.markdown(escape(absent))
    if result.hits:
        with st.expander("De dichtstbijzijnde passages (misschien relevant)", expanded=True):
            _passages(result.hits)
    return f"{NOT_FOUND} {absent}".strip()


def render_turn(number: int, turn: Turn, store: FeedbackStore, *, latest: bool = False) -> None:
    """One question and its answer, as two chat messages; `latest` announces the answer."""
    with st.chat_message("user"):
        st.markdown(escape(turn.asked))
    with st.chat_message("assistant"):
        if turn.resolved.kind != "new":
            _searched(number, turn)
        if turn.check is not None:
            spoken = render_check(turn.check, str(number))
            if latest:
                announce(spoken)
            return
        result = turn.answer
        if result is None:
            st.warning(turn.error or "Er ging iets mis.")
            if latest:
                announce(turn.error or "Er ging iets mis.")
            return
        if result.notice:
            st.caption("Uw vraag is erg lang; alleen het begin is gezocht.")
        if result.abstained:
            spoken = _abstained(number, turn, result)
        elif result.items:
            spoken = _listed(result)
            _share(turn)
        else:
            _about(turn, result)
            _quoted(number, result)
            _others(result)
            _share(turn)
            spoken = f"Antwoord: {result.value + '. ' if result.value else ''}{result.text}"
        if latest:
            announce(spoken)
        _feedback(number, turn, result, store)


EDITED = "bewerkt"
"""Session key of a searched question the reader edited, to be asked as typed."""


def _searched(number: int, turn: Turn) -> None:
    """The question searched for a follow-up, and a form to search another wording."""
    searched = f"Gezocht: {turn.searched}"
    if turn.resolved.goal is not None:
        searched += f" (binnen Doel {turn.resolved.goal})"
    st.caption(escape(searched))
    if turn.resolved.kind != "refined":
        return
    with st.expander("Zoekvraag aanpassen"), st.form(f"zoekvraag-{number}", border=False):
        st.text_input("Zoek deze vraag", value=turn.searched, key=f"zoekvraag-tekst-{number}")
        st.form_submit_button("Zoeken", on_click=_edited, args=(number,))


def _edited(number: int) -> None:
    text = str(st.session_state.get(f"zoekvraag-tekst-{number}", "")).strip()
    if text:
        st.session_state[EDITED] = text


def _share(turn: Turn) -> None:
    permalink = Permalink(turn.searched, turn.filters, turn.top_k)
    url = to_url(st.context.url or "", permalink)
    st.markdown(f"[Vaste link naar deze zoekvraag]({url})")


def _feedback(number: int, turn: Turn, result: Answer, store: FeedbackStore) -> None:
    rows: dict[int, int] = st.session_state.setdefault(FEEDBACK_ROWS, {})
    done: dict[int, str] = st.session_state.setdefault(FEEDBACK_DONE, {})
    vote_key, comment_key = f"stem-{number}", f"opmerking-{number}"

    def vote_changed() -> None:
        chosen = st.session_state.get(vote_key)
        if chosen not in VOTES:
            return
        vote: VoteValue = "up" if VOTES[chosen] == "up" else "down"
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
            done[number] = "Bedankt: uw stem is opgeslagen."
        except FeedbackError as exc:
            log.warning("feedback not stored: %s", exc)
            st.session_state[FEEDBACK_ERROR] = "Uw reactie kon niet worden opgeslagen."

    def comment_sent() -> None:
        comment = str(st.session_state.get(comment_key, "")).strip()
        if number not in rows or not comment:
            return
        try:
            store.set_comment(rows[number], comment)
            done[number] = "Bedankt: uw opmerking is opgeslagen."
        except FeedbackError as exc:
            log.warning("comment not stored: %s", exc)
            st.session_state[FEEDBACK_ERROR] = "Uw opmerking kon niet worden opgeslagen."

    st.segmented_control(
        "Was dit antwoord nuttig?", list(VOTES), key=vote_key, on_change=vote_changed
    )
    if number in rows:
        with st.form(f"formulier-{number}", border=False):
            st.text_input("Opmerking (niet verplicht)", key=comment_key, max_chars=2000)
            st.form_submit_button("Opmerking versturen", on_click=comment_sent)
    if number in done:
        st.success(done[number], icon=":material/check_circle:")
    error = st.session_state.pop(FEEDBACK_ERROR, None)
    if error:
        st.warning(error)


__all__ = [
    "EDITED",
    "FEEDBACK_DONE",
    "FEEDBACK_ROWS",
    "NOT_FOUND",
    "READ_PAGE",
    "TURN_WIDGETS",
    "hit_of",
    "render_turn",
]
