"""Chunks: one per unit, long units split at sentence ends, metadata and offsets kept."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest

from ingest.chunk import DutchSentenceSplitter, chunk_document
from ingest.model import Chunk, Document
from ingest.regions import load_gazetteer
from kb.sentence_store import in_passage, scored_text, sentence_rows


@pytest.fixture(scope="module")
def chunks(report: Document) -> list[Chunk]:
    return chunk_document(report, load_gazetteer(), chunk_size=900)


def test_no_chunk_mixes_two_units_and_none_is_lost(report: Document, chunks: list[Chunk]) -> None:
    by_unit: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_unit.setdefault(chunk.unit_id, []).append(chunk)
    assert list(by_unit) == [u.id for u in report.units]
    for unit in report.units:
        parts = by_unit[unit.id]
        assert [c.part for c in parts] == list(range(1, len(parts) + 1))
        assert all(c.parts == len(parts) for c in parts)
        joined = " ".join(c.text for c in parts)
        assert " ".join(joined.split()) == " ".join(unit.text.split())
        assert all(c.text in unit.text for c in parts)


def test_long_units_are_split_at_sentence_ends(chunks: list[Chunk]) -> None:
    split = [c for c in chunks if c.parts > 1]
    assert split
    for chunk, after in itertools.pairwise(split):
        assert len(chunk.text) <= 900
        if chunk.part < chunk.parts:
            # A part ends at a sentence end, or before a list item on its own line.
            assert chunk.text[-1] in ".!?’”:)" or after.text.startswith(("- ", "› "))


def test_ids_are_stable_and_unique(chunks: list[Chunk]) -> None:
    ids = [c.id for c in chunks]
    assert len(set(ids)) == len(ids)
    assert "techniekpact-2017/doel-09/bereikt/02#1" in ids
    again = chunk_document(*_report_and_gazetteer(chunks))
    assert [c.id for c in again] == ids


def _report_and_gazetteer(chunks: list[Chunk]) -> tuple[Document, object, int]:
    from ingest.parse import parse_report
    from tests.support.ingest_fixtures import REPORT

    doc = parse_report(
        REPORT.read_text(encoding="utf-8"), "techniekpact-2017", "Rapportage", REPORT.name
    )
    return doc, load_gazetteer(), 900  # type: ignore[return-value]


def test_metadata_of_the_cross_over_bullet(chunks: list[Chunk]) -> None:
    chunk = next(c for c in chunks if "waarvan er vier raken aan de techniek" in c.text)
    assert chunk.goal == 9
    assert chunk.kind == "bereikt"
    assert chunk.section == "Wat is er bereikt?"
    assert chunk.goal_title and chunk.goal_title.startswith("Goede afstemming onderwijsaanbod")
    assert chunk.regions == [] and chunk.provinces == []
    assert "Doel 9" in chunk.context and "Doel 9" not in chunk.text


def test_context_header_is_kept_apart_from_display_text(chunks: list[Chunk]) -> None:
    example = next(c for c in chunks if c.title and "415 robots" in c.title)
    assert example.title in example.context
    assert "Doel 3" in example.context and "Doel 3" not in example.text
    # The display text is the report's: the title in its printed capitals, the web address
    # on its own line at the end.
    printed = "1E VAN 415 ROBOTS VOOR FRIESE BASISSCHOLEN VERWELKOMD"
    assert example.text.startswith(printed + "\n") and example.lead == len(printed)
    assert example.text.endswith("\nwww.drachtstercourant.nl")
    assert example.urls == ["www.drachtstercourant.nl"]
    assert example.provinces == ["Fryslân"]


def test_footnotes_travel_with_their_chunk(chunks: list[Chunk]) -> None:
    chunk = next(c for c in chunks if "In de brief Sterk Beroepsonderwijs" in c.text)
    assert [f.number for f in chunk.footnotes] == [5]
    note = chunk.footnotes[0]
    assert note.text == "Kamerstuk 31524-311, brief OCW, 20 februari 2017"
    assert note.at is not None and chunk.text[: note.at].endswith("Sterk Beroepsonderwijs")
    assert "Kamerstuk 31524-311" in chunk.context


def test_chunk_offsets_trace_back_to_the_source(chunks: list[Chunk], report_text: str) -> None:
    for chunk in chunks:
        assert chunk.start < chunk.end
        for clean_start, source_start, length in chunk.segments:
            assert chunk.text[clean_start : clean_start + length] == report_text[
                source_start : source_start + length
            ].replace("\u00a0", " ")


def test_counts(chunks: list[Chunk]) -> None:
    units = Counter(c.kind for c in chunks if c.part == 1)
    assert units == {
        "bereikt": 70,
        "voorbeeld": 36,
        "inleiding": 12,
        "voorwoord": 9,
        "voetnoot": 16,
    }


def test_footnotes_are_chunks_of_their_own(chunks: list[Chunk], report_text: str) -> None:
    """A footnote can be quoted: its chunk text is the footnote line of the report, placed
    under the goal of the passage that cites it, with that passage's sentence as context."""
    notes = {c.title: c for c in chunks if c.kind == "voetnoot"}
    assert len(notes) == 16
    four = notes["Voetnoot 4"]
    assert four.text == "Tweede Kamer, vergaderjaar 2016–2017, 34 550 VIII, nr. 21."
    assert report_text[four.start : four.end] == four.text
    assert (four.goal, four.section, four.footnotes) == (4, "Voetnoten", [])
    assert four.cited_in is not None and four.cited_in.endswith(
        "zoals de motie van de heer Duisenberg c.s. dit verzoekt."
    )
    assert four.cited_in in four.context
    ten = notes["Voetnoot 10"]
    assert (ten.goal, ten.text) == (8, "Kamerstuk 31524-310, brief OCW, 10 februari 2017.")
    assert ten.cited_in is not None and ten.cited_in.startswith("De tussenevaluatie in februari")
    seven = notes["Voetnoot 7"]
    assert seven.urls == ["www.mboraad.nl/publicaties/tekort-aan-techniekdocenten"]


def test_splitter_respects_abbreviations() -> None:
    splitter = DutchSentenceSplitter(chunk_size=40)
    text = "Er zijn o.a. scholen en bedrijven. Dat werkt goed, bijv. in Limburg. Einde."
    parts = splitter.split_text(text)
    assert all("o.a." not in p or "scholen" in p for p in parts)
    assert "".join(parts) == text


def test_sentences_are_read_after_the_sentence_before_them(chunks: list[Chunk]) -> None:
    """An anaphoric sentence carries its subject into its vector in the passage; a footnote
    is one sentence, matched with the sentence that cites it; the quoted span stays the
    sentence. Each sentence alone gets its own axis here, so that what `in_passage` mixes in
    can be read off the result."""
    rows = sentence_rows(chunks)
    spans = [chunks[r.chunk].text[r.start : r.end] for r in rows]
    texts = [scored_text(chunks[r.chunk], r.start, r.end) for r in rows]
    read = in_passage(np.eye(len(rows), dtype=np.float32), rows, [len(t) for t in texts])
    share = spans.index("Hiermee komt het aandeel op 24%.")
    assert spans[share - 1].startswith("Binnen de basisberoepsgerichte leerweg (vmbo-bb)")
    assert set(np.flatnonzero(read[share])) == {share - 1, share}
    # The longer sentence before it weighs more, in proportion to its length.
    ratio = read[share, share - 1] / read[share, share]
    assert ratio == pytest.approx(len(spans[share - 1]) / len(spans[share]), rel=1e-5)
    assert float(np.linalg.norm(read[share])) == pytest.approx(1.0, abs=1e-6)
    four = next(i for i, r in enumerate(rows) if chunks[r.chunk].title == "Voetnoot 4")
    assert spans[four] == "Tweede Kamer, vergaderjaar 2016–2017, 34 550 VIII, nr. 21."
    assert "de motie van de heer Duisenberg" in texts[four]
    assert set(np.flatnonzero(read[four])) == {four}
    first = next(
        i for i, r in enumerate(rows) if r.start == 0 and chunks[r.chunk].kind == "bereikt"
    )
    assert texts[first] == spans[first]
    assert set(np.flatnonzero(read[first])) == {first}
