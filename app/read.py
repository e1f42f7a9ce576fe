"""The "Lezen" page: the report by goal (its introduction, achievements and examples), with the
passage of an answer marked when the reader comes from one (`?doel=9&plek=<chunk id>&zin=a-b`).

The page is made from the index's chunks, in report order, so it shows exactly the text that
answers quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from app import resources
from app.browser import MARKED, QUOTED
from app.present import escape, link, marked
from ingest.model import SECTION_LABELS, Chunk, FootnoteRef, Kind
from kb.text import whole_number

_SECTION_ORDER: tuple[Kind, ...] = ("voorwoord", "inleiding", "bereikt", "voorbeeld", "tekst")


@dataclass(frozen=True)
class UnitView:
    """A unit of the report (an achievement bullet, an example ...) and its chunks."""

    unit_id: str
    title: str | None
    chunks: tuple[Chunk, ...]

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(url for c in self.chunks for url in c.urls))


@dataclass(frozen=True)
class SectionView:
    kind: Kind
    label: str
    units: tuple[UnitView, ...]


@dataclass(frozen=True)
class Place:
    """What the page shows at once: the preface, one goal, or a document without goals."""

    key: str
    label: str
    document: str
    document_title: str
    goal: int | None
    goal_title: str | None
    sections: tuple[SectionView, ...]
    notes: tuple[Chunk, ...] = ()
    """The footnotes cited here as chunks of their own (an answer can quote one)."""

    @property
    def footnotes(self) -> tuple[FootnoteRef, ...]:
        notes: dict[int, FootnoteRef] = {}
        for section in self.sections:
            for unit in section.units:
                for chunk in unit.chunks:
                    for note in chunk.footnotes:
                        notes.setdefault(note.number, note)
        return tuple(notes[n] for n in sorted(notes))

    def holds(self, chunk_id: str) -> bool:
        return any(
            c.id == chunk_id for s in self.sections for u in s.units for c in u.chunks
        ) or any(c.id == chunk_id for c in self.notes)

    def note(self, number: int) -> Chunk | None:
        """The chunk of footnote `number`, if the index has one."""
        return next((c for c in self.notes if c.title == f"Voetnoot {number}"), None)


def _place_key(chunk: Chunk) -> str:
    if chunk.goal is not None:
        return f"{chunk.document}/doel-{chunk.goal}"
    if chunk.kind == "voorwoord":
        return f"{chunk.document}/voorwoord"
    return f"{chunk.document}/tekst"


def outline(chunks: Sequence[Chunk]) -> list[Place]:
    """The places of the corpus in report order: per document its preface and goals."""
    grouped: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        grouped.setdefault(_place_key(chunk), []).append(chunk)
    places: list[Place] = []
    for key, members in grouped.items():
        first = members[0]
        sections: list[SectionView] = []
        for kind in _SECTION_ORDER:
            units: dict[str, list[Chunk]] = {}
            for chunk in members:
                if chunk.kind == kind:
                    units.setdefault(chunk.unit_id, []).append(chunk)
            if units:
                views = tuple(
                    UnitView(uid, parts[0].title, tuple(sorted(parts, key=lambda c: c.part)))
                    for uid, parts in units.items()
                )
                sections.append(SectionView(kind, SECTION_LABELS[kind], views))
        if first.goal is not None:
            label = f"Doel {first.goal} — {first.goal_title or ''}".rstrip(" —")
        elif first.kind == "voorwoord":
            label = "Voorwoord"
        else:
            label = first.document_title
        places.append(
            Place(
                key=key,
                label=label,
                document=first.document,
                document_title=first.document_title,
                goal=first.goal,
                goal_title=first.goal_title,
                sections=tuple(sections),
                notes=tuple(c for c in members if c.kind == "voetnoot"),
            )
        )
    return places


def find_place(
    places: Sequence[Place],
    goal: str | None,
    document: str | None,
    chunk_id: str | None,
    part: str | None = None,
) -> Place | None:
    """The place a link asks for: the one holding `chunk_id`, else goal N (of `document`),
    else the `part` of `document` ("voorwoord", "tekst"; `_place_params` writes it)."""
    if chunk_id:
        holding = next((p for p in places if p.holds(chunk_id)), None)
        if holding is not None:
            return holding
    number = whole_number(goal, digits=3)
    if number is not None:
        return next(
            (p for p in places if p.goal == number and document in (None, p.document)), None
        )
    if document:
        named = next((p for p in places if p.key == f"{document}/{part}"), None)
        return named or next((p for p in places if p.document == document), None)
    return None


def _span(value: str | None) -> tuple[int, int] | None:
    if not value or "-" not in value:
        return None
    first, _, last = value.partition("-")
    start, end = whole_number(first), whole_number(last)
    if start is not None and end is not None and start < end:
        return start, end
    return None


def _unit(unit: UnitView, kind: Kind, chunk_id: str | None, span: tuple[int, int] | None) -> None:
    is_marked = any(c.id == chunk_id for c in unit.chunks)
    box = st.container(border=True, key=MARKED) if is_marked else st.container()
    with box:
        if is_marked:
            st.caption(":material/location_on: Hier staat het citaat (de geciteerde zin is vet).")
        # A title the report prints opens the text itself (in capitals, quotable); a title
        # only known as metadata is shown above it.
        if unit.title and not unit.chunks[0].lead:
            st.markdown(f"**{escape(unit.title)}**")
        for number, chunk in enumerate(unit.chunks):
            arrow = "→ " if kind == "bereikt" and number == 0 else ""
            if chunk.id == chunk_id and span is not None:
                with st.container(key=QUOTED):
                    st.markdown(arrow + marked(chunk.text, *span))
            else:
                st.markdown(arrow + escape(chunk.text))
        if unit.urls:
            st.markdown("Web: " + " · ".join(link(url) for url in unit.urls))


def render_place(place: Place, chunk_id: str | None, span: tuple[int, int] | None) -> None:
    """A goal (or preface, or document) with its sections, the linked passage marked."""
    if place.goal is not None:
        st.header(f"Doel {place.goal}")
        printed = any(
            c.lead
            for s in place.sections
            if s.kind == "inleiding"
            for u in s.units
            for c in u.chunks
        )
        if place.goal_title and not printed:
            st.markdown(f"**{escape(place.goal_title)}**")
    else:
        st.header(escape(place.label))
    st.caption(escape(place.document_title))
    for section in place.sections:
        if section.kind != "voorwoord" or len(place.sections) > 1:
            st.subheader(escape(section.label))
        for unit in section.units:
            _unit(unit, section.kind, chunk_id, span)
    if place.footnotes:
        st.subheader("Voetnoten")
        for note in place.footnotes:
            chunk = place.note(note.number)
            if chunk is not None and chunk.id == chunk_id:
                with st.container(border=True, key=MARKED):
                    st.caption(":material/location_on: Hier staat het citaat.")
                    text = marked(chunk.text, *span) if span else escape(chunk.text)
                    with st.container(key=QUOTED):
                        st.markdown(f"{note.number}. {text}")
            else:
                st.caption(f"{note.number}. {escape(note.text)}")


CHOSEN = "lezen_deel"
"""The session key of the part chosen on the page (set from the address on every run)."""


def page() -> None:
    """The reading page. The address names what it shows: every run (a link, a reload, the
    browser's Back and Forward) shows the part the address names, and choosing another part
    writes it into the address, as a new step of the browser's history."""
    config = resources.settings()
    index = resources.index(config)
    places = outline(index.chunks)
    if not places:
        st.info("De index bevat nog geen tekst.")
        return
    params = st.query_params
    chunk_id = params.get("plek")
    wanted = find_place(
        places, params.get("doel"), params.get("document"), chunk_id, params.get("deel")
    )
    by_key = {p.key: p for p in places}
    place = wanted or places[0]
    # Set before the widget exists, so the widget shows the address's part, not its own
    # memory of an earlier choice (Back reruns the page with the earlier address).
    st.session_state[CHOSEN] = place.key
    st.title("Lezen")
    st.selectbox(
        "Deel van het rapport",
        list(by_key),
        key=CHOSEN,
        placeholder="Kies een deel",
        format_func=lambda k: by_key[k].label,
        on_change=_choose,
        args=(by_key,),
    )
    # The marked passage is scrolled into view by the page's script (app/browser.py).
    render_place(place, chunk_id, _span(params.get("zin")) if chunk_id else None)


def _choose(by_key: dict[str, Place]) -> None:
    """The reader chose another part: it goes into the address (a reload or a shared link
    shows it; Back returns to the part before)."""
    st.query_params.from_dict(_place_params(by_key[st.session_state[CHOSEN]]))


def _place_params(place: Place) -> dict[str, str]:
    if place.goal is not None:
        return {"doel": str(place.goal), "document": place.document}
    return {"document": place.document, "deel": place.key.rpartition("/")[2]}


__all__ = ["Place", "SectionView", "UnitView", "find_place", "outline", "page", "render_place"]
