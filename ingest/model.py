"""The document model: what ingest makes of a report, and the chunk rows it writes to disk.

Dutch words that are the report's own terms stay Dutch: a *doel* is one of the pact's twelve
goals, *voorbeelden* are the regional examples under each goal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

Kind = Literal["voorwoord", "inleiding", "bereikt", "voorbeeld", "voetnoot", "tekst"]
"""Section kind of a unit: preface, goal introduction, achievement bullet, example, footnote,
or the paragraph of a generic document."""

SECTION_LABELS: dict[Kind, str] = {
    "voorwoord": "Voorwoord",
    "inleiding": "Inleiding",
    "bereikt": "Wat is er bereikt?",
    "voorbeeld": "Voorbeelden",
    "voetnoot": "Voetnoten",
    "tekst": "Tekst",
}

Segment = tuple[int, int, int]
"""(position in the cleaned text, position in the source file, length): a run of characters
that the cleaning copied unchanged, so any cleaned position maps back to the source."""


def to_source(segments: list[Segment] | tuple[Segment, ...], position: int) -> int:
    """Map a position in cleaned text to its offset in the source file.

    Positions inside a run map exactly; a position on an inserted character (a space that
    replaced a line break) maps to the end of the run before it.
    """
    best = 0
    for clean_start, source_start, length in segments:
        if clean_start > position:
            break
        if position < clean_start + length:
            return source_start + position - clean_start
        best = source_start + length
    return best


def footnote_unit_id(document: str, number: int) -> str:
    """The unit id of footnote `number` of `document` ("techniekpact-2017/voetnoot/14")."""
    return f"{document}/voetnoot/{number:02d}"


@dataclass(frozen=True)
class Footnote:
    """A footnote: its number, cleaned text and span in the source file."""

    number: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """The smallest structural piece of a report: a preface paragraph block, a goal
    introduction, one achievement bullet (with its sub-bullets), one example, one footnote, or
    a paragraph of a generic document. A chunk never mixes two units."""

    id: str
    kind: Kind
    text: str
    segments: tuple[Segment, ...]
    goal: int | None = None
    goal_title: str | None = None
    title: str | None = None
    heading: str | None = None
    urls: tuple[str, ...] = ()
    footnotes: tuple[tuple[int, int], ...] = ()
    """(footnote number, position in `text` where its marker stood)."""
    regions: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    page: int | None = None
    cited_in: str | None = None
    """For a footnote: the sentence of the report that cites it (retrieval context only)."""
    lead: int = 0
    """`text[:lead]` is the heading printed above the unit, in the report's capitals (a
    goal's "DOEL n" and title, an example's title, the cover); 0 when there is none."""

    @property
    def start(self) -> int:
        return self.segments[0][1] if self.segments else 0

    @property
    def end(self) -> int:
        if not self.segments:
            return 0
        _, source_start, length = self.segments[-1]
        return source_start + length


@dataclass(frozen=True)
class Goal:
    """A *doel*: number, title in sentence case, and its units in report order."""

    number: int
    title: str
    units: tuple[Unit, ...]

    def of_kind(self, kind: Kind) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.kind == kind)


@dataclass(frozen=True)
class Document:
    """A parsed document: the report's preface and goals, or a generic document's units."""

    id: str
    title: str
    source_file: str
    units: tuple[Unit, ...]
    goals: tuple[Goal, ...] = ()
    footnotes: tuple[Footnote, ...] = field(default=())
    year: int | None = None
    """The year the document speaks from (its manifest's): its "dit jaar" is that year."""

    def footnote(self, number: int) -> Footnote | None:
        return next((f for f in self.footnotes if f.number == number), None)


class DocumentManifest(BaseModel):
    """`corpus/<id>.json`: what a document is. Read at the edge, strict."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    year: int
    publisher: str
    language: str
    source_file: str
    parser: Literal["techniekpact", "generic"] = "generic"


class FootnoteRef(BaseModel):
    """A footnote cited by a chunk: number, text, source span, and where in the chunk's text
    its marker stood (`at`; None when the marker lies in another part of the same unit)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int
    text: str
    start: int
    end: int
    at: int | None


class Chunk(BaseModel):
    """One row of `chunks.jsonl`: the unit of retrieval.

    `text` is the display text, quoted to users exactly as stored; `context` is a header for
    retrieval only (goal, section, example title), never shown as part of a quote.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    document: str
    document_title: str
    unit_id: str
    part: int
    parts: int
    kind: Kind
    section: str
    goal: int | None
    goal_title: str | None
    title: str | None
    text: str
    context: str
    regions: list[str]
    provinces: list[str]
    urls: list[str]
    footnotes: list[FootnoteRef]
    start: int
    end: int
    page: int | None
    segments: list[tuple[int, int, int]]
    cited_in: str | None = None
    """For a footnote: the sentence that cites it, for retrieval and answer scoring only."""
    lead: int = 0
    """`text[:lead]` is the heading printed above the passage (see `Unit.lead`): quoted like
    any sentence, and shown in its place; 0 when the passage has none."""
    year: int | None = None
    """The year the document speaks from ("dit jaar", "vorig jaar" in its text); None when
    its manifest names none (an index built before it was kept reads as None too)."""

    def source_offset(self, position: int) -> int:
        """Offset in the source file of a position in `text`."""
        return to_source(self.segments, position)
