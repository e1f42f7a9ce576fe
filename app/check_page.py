"""The "Controleren" page: paste a claim or a draft; each checkable sentence is checked against
the report (kb.claims) and shown verdict first, with the report's words and source; the table
can be downloaded as Markdown."""

from __future__ import annotations

import logging

import streamlit as st

from app import resources
from app.browser import announce
from app.check_view import render_rows
from kb import Index
from kb.claims.draft import MAX_TEXT_CHARS, DraftRow, check_claims
from kb.errors import EmptyQuestionError, SearchError
from kb.verdicts import draft_markdown

log = logging.getLogger(__name__)

RESULT = "controle"
EXAMPLE = (
    "Via het OnderwijsTraineeship zijn 40 trainees gestart. De tweede ScienceMakers gaf meer "
    "dan 150 talenten een podium. Dat is goed nieuws."
)


def page() -> None:
    """The check page."""
    config = resources.settings()
    index = resources.index(config)
    st.title("Controleren")
    st.caption(
        "Plak een bewering of een conceptartikel. Elke zin met een getal, datum, naam of "
        "vergelijking wordt met het rapport vergeleken: klopt, klopt niet (met het getal uit "
        "het rapport), deels, of staat niet in het rapport. Altijd met de zin uit het rapport."
    )
    with st.form("controleren", border=False):
        text = st.text_area(
            "Bewering of tekst om te controleren",
            max_chars=MAX_TEXT_CHARS,
            height=180,
            placeholder=EXAMPLE,
            key="controle-tekst",
        )
        sent = st.form_submit_button("Controleren", type="primary")
    if sent:
        st.session_state[RESULT] = _checked(index, text)
    rows: list[DraftRow] | str | None = st.session_state.get(RESULT)
    if isinstance(rows, str):
        st.warning(rows)
        return
    if rows:
        render_rows(rows)
        st.download_button(
            "Download als Markdown",
            draft_markdown(rows),
            file_name="controle.md",
            mime="text/markdown",
        )
        if sent:
            checked = sum(1 for r in rows if r.check is not None)
            announce(f"{checked} beweringen gecontroleerd.")


def _checked(index: Index, text: str) -> list[DraftRow] | str:
    """The checked rows, or a Dutch message saying why there are none."""
    if not text.strip():
        return "Plak eerst een bewering of een tekst."
    try:
        return check_claims(index, text[:MAX_TEXT_CHARS])
    except EmptyQuestionError:
        return "Plak eerst een bewering of een tekst."
    except SearchError as exc:
        log.warning("check failed: %s", exc)
        return "Deze tekst kan niet worden gecontroleerd."


__all__ = ["page"]
