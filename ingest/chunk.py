"""Chunking: one chunk per structural unit; a unit longer than the chunk size is split at
sentence boundaries with langchain-text-splitters, so no chunk mixes two units."""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from langchain_text_splitters import TextSplitter

from ingest.model import SECTION_LABELS, Chunk, Document, FootnoteRef, Segment, Unit
from ingest.regions import Gazetteer
from ingest.sentences import split_sentences


class DutchSentenceSplitter(TextSplitter):
    """A langchain splitter whose pieces are whole Dutch sentences (see `split_sentences`).

    Sentences keep the white space that follows them and are merged with an empty separator,
    so every chunk is an exact slice of the unit's text.
    """

    def __init__(self, chunk_size: int, chunk_overlap: int = 0, **kwargs: Any) -> None:
        super().__init__(
            chunk_size=chunk_size, chunk_overlap=chunk_overlap, strip_whitespace=False, **kwargs
        )

    def split_text(self, text: str) -> list[str]:
        spans = split_sentences(text)
        pieces = [
            part
            for i, (start, _) in enumerate(spans)
            for part in hard_split(
                text[start : spans[i + 1][0] if i + 1 < len(spans) else len(text)],
                self._chunk_size,
            )
        ]
        return self._merge_splits(pieces, "")


def hard_split(piece: str, size: int) -> list[str]:
    """`piece` in parts of at most `size` characters, cut after the last space that leaves a
    part over half the size, else hard at `size`: text without sentence ends (a list of
    lines, a table, a wall of words) would otherwise become one chunk of any length.

    >>> hard_split("aa bb cc dd", 5)
    ['aa ', 'bb ', 'cc dd']
    """
    parts: list[str] = []
    start = 0
    while len(piece) - start > size:
        end = start + size
        space = piece.rfind(" ", start + size // 2, end)
        if space > start:
            end = space + 1
        parts.append(piece[start:end])
        start = end
    parts.append(piece[start:])
    return parts


def chunk_document(
    document: Document, gazetteer: Gazetteer, chunk_size: int, chunk_overlap: int = 0
) -> list[Chunk]:
    """Chunks of a document's units, in report order."""
    splitter = DutchSentenceSplitter(chunk_size, chunk_overlap)
    chunks: list[Chunk] = []
    for unit in document.units:
        chunks.extend(_chunk_unit(document, unit, gazetteer, splitter, chunk_size, chunk_overlap))
    return chunks


def _chunk_unit(
    document: Document,
    unit: Unit,
    gazetteer: Gazetteer,
    splitter: DutchSentenceSplitter,
    chunk_size: int,
    chunk_overlap: int = 0,
) -> Iterable[Chunk]:
    places = gazetteer.tag(" ".join(filter(None, [unit.title, unit.text])))
    regions = list(unit.regions or places.regions)
    provinces = list(unit.provinces or places.provinces)
    parts = [unit.text] if len(unit.text) <= chunk_size else splitter.split_text(unit.text)
    spans: list[tuple[int, int]] = []
    previous_start, previous_end = -1, 0
    for part in parts:
        piece = part.strip()
        # Each part brings text the one before did not have, so it ends after that one's end;
        # with an overlap it may start inside it. Searching from there keeps a repeated
        # sentence ("A. A.") from matching an earlier copy.
        earliest = previous_end - len(piece) + 1 if chunk_overlap else previous_end
        start = unit.text.index(piece, max(previous_start + 1, earliest))
        previous_start, previous_end = start, start + len(piece)
        spans.append((start, previous_end))
    for number, (start, end) in enumerate(spans, start=1):
        text = unit.text[start:end]
        segments = _slice_segments(unit.segments, start, end)
        footnotes = [
            _footnote_ref(document, fn, at - start if start <= at <= end else None)
            for fn, at in unit.footnotes
        ]
        section = unit.heading or SECTION_LABELS[unit.kind]
        yield Chunk(
            id=f"{unit.id}#{number}",
            document=document.id,
            document_title=document.title,
            unit_id=unit.id,
            part=number,
            parts=len(spans),
            kind=unit.kind,
            section=section,
            goal=unit.goal,
            goal_title=unit.goal_title,
            title=unit.title,
            text=text,
            context=_context(document, unit, section, footnotes),
            regions=regions,
            provinces=provinces,
            urls=list(unit.urls),
            footnotes=footnotes,
            start=segments[0][1] if segments else unit.start,
            end=segments[-1][1] + segments[-1][2] if segments else unit.end,
            page=unit.page,
            segments=segments,
            cited_in=unit.cited_in,
            year=document.year,
            lead=max(0, min(unit.lead, end) - start),
        )


def _slice_segments(segments: Sequence[Segment], start: int, end: int) -> list[Segment]:
    """The segments of text[start:end], re-based to the slice.

    Segments are in text order and do not overlap, so the first one that can reach `start` is
    found by bisection: a unit of 50,000 lines cut into 5,000 chunks must not scan every
    segment for every chunk."""
    sliced: list[Segment] = []
    first = max(0, bisect.bisect_right(segments, (start, sys.maxsize, sys.maxsize)) - 1)
    for clean_start, source_start, length in segments[first:]:
        if clean_start >= end:
            break
        lo, hi = max(clean_start, start), min(clean_start + length, end)
        if lo < hi:
            sliced.append((lo - start, source_start + lo - clean_start, hi - lo))
    return sliced


def _footnote_ref(document: Document, number: int, at: int | None) -> FootnoteRef:
    footnote = document.footnote(number)
    if footnote is None:
        raise ValueError(f"{document.id}: footnote {number} is cited but has no text")
    return FootnoteRef(
        number=number, text=footnote.text, start=footnote.start, end=footnote.end, at=at
    )


def _context(document: Document, unit: Unit, section: str, footnotes: list[FootnoteRef]) -> str:
    """The retrieval header: where the text stands, what its footnotes cite, and for a
    footnote the sentence that cites it."""
    parts = [document.title]
    if unit.goal is not None:
        parts.append(f"Doel {unit.goal}: {unit.goal_title}")
    parts.append(section)
    if unit.title:
        parts.append(unit.title)
    header = " · ".join(parts)
    notes = " ".join(f"Voetnoot {f.number}: {f.text}" for f in footnotes)
    if unit.cited_in:
        notes = f"Bij: {unit.cited_in}"
    return f"{header}\n{notes}" if notes else header
