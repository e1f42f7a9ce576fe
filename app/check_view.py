"""Claims on the page: the verdict first, then the report's value beside the claim's, the
report's sentence (verbatim, at full contrast) and its one-line source with a link into the
report. Used for a claim typed in the chat ("Klopt het dat …?") and on the "Controleren"
page, where a pasted draft is checked sentence by sentence and can be downloaded as Markdown.
"""

from __future__ import annotations

import streamlit as st

from app.present import escape, source_line
from kb.claims.draft import DraftRow
from kb.claims.verdict import Check, Quote

READ_PAGE = "views/lezen.py"
ICONS = {
    "klopt": ":material/check_circle:",
    "klopt_niet": ":material/cancel:",
    "deels": ":material/rule:",
    "niet_in_rapport": ":material/help:",
}
NOT_SAID = "Het rapport zegt hier niets over; er is geen zin gevonden die de bewering noemt."


def differences(result: Check) -> list[str]:
    """ "Het rapport: 38 (bewering: 40)" for every value the report states otherwise."""
    return [
        f"Het rapport: {f.report_value} (bewering: {f.claim_value})"
        for f in result.findings
        if f.status == "contradicted" and f.report_value and f.claim_value
    ]


def render_check(result: Check, key: str) -> str:
    """A claim's check, verdict first; returns what to announce to a screen reader."""
    with st.container(key=f"oordeel-{key}"):
        st.markdown(f"{ICONS[result.verdict]} **{escape(result.label)}**")
    for line in differences(result):
        st.markdown(f"**{escape(line)}**")
    if result.quote is None:
        st.markdown(escape(NOT_SAID))
        return f"{result.label}. {NOT_SAID}"
    _quote(result.quote)
    return f"{result.label}. {' '.join(differences(result))} Het rapport: {result.quote.text}"


def _quote(quote: Quote) -> None:
    st.markdown(f"> {escape(quote.text)}")
    st.markdown(f"**Bron:** {escape(source_line(quote.source))}")
    chunk_id, goal = quote.hit_id, quote.source.goal
    params = {"plek": chunk_id, "zin": f"{quote.start}-{quote.end}"}
    if goal is not None:
        params["doel"] = str(goal)
    st.page_link(
        READ_PAGE, label="Lees dit in het rapport", icon=":material/menu_book:", query_params=params
    )


def render_rows(rows: list[DraftRow]) -> None:
    """A checked draft: per sentence the claim, then its check (or "geen bewering")."""
    checked = [r for r in rows if r.check is not None]
    counts = {
        label: sum(1 for r in checked if r.check is not None and r.check.label == label)
        for label in ("Klopt", "Klopt niet", "Deels", "Staat niet in het rapport")
    }
    summary = ", ".join(f"{label.lower()}: {n}" for label, n in counts.items() if n)
    st.markdown(escape(f"{len(checked)} beweringen gecontroleerd ({summary})."))
    for number, row in enumerate(rows, start=1):
        with st.container(border=True, key=f"bewering-{number}"):
            st.markdown(f"**{number}.** {escape(row.sentence)}")
            if row.check is None:
                st.caption("Geen bewering om te controleren.")
                continue
            render_check(row.check, f"rij-{number}")


__all__ = ["NOT_SAID", "differences", "render_check", "render_rows"]
