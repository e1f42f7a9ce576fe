"""The ingest pipeline over a corpus folder: other documents, bad input, atomic writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fpdf import FPDF

from ingest.errors import SourceError
from ingest.pipeline import ingest_corpus, read_chunks
from kb.files import write_chunks
from tests.support.ingest_fixtures import ROOT


def test_bundled_corpus(tmp_path: Path) -> None:
    result = ingest_corpus(ROOT / "corpus")
    assert [d.id for d in result.documents] == ["techniekpact-2017"]
    assert len(result.documents[0].goals) == 12
    assert len(result.documents[0].footnotes) == 16
    assert len(result.corpus_hash) == 64


def test_markdown_document_without_manifest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "Techniekpact 2018.md").write_text(
        "# Voortgang 2018\n\nHet aantal\nleerlingen steeg in 2018 naar 5.300.\n\n"
        "## Regio\n\nIn Zeeland is een nieuw pact gesloten.\n",
        encoding="utf-8",
    )
    result = ingest_corpus(corpus)
    assert result.notices and "techniekpact-2018" in result.notices[0]
    chunks = result.chunks
    assert [c.text for c in chunks] == [
        "Het aantal leerlingen steeg in 2018 naar 5.300.",
        "In Zeeland is een nieuw pact gesloten.",
    ]
    assert [c.title for c in chunks] == ["Voortgang 2018", "Regio"]
    assert chunks[1].provinces == ["Zeeland"]
    assert all(c.kind == "tekst" and c.goal is None for c in chunks)


def _pdf(path: Path, pages: list[list[str]]) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_pdf_is_ingested_with_page_numbers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _pdf(
        corpus / "rapport.pdf",
        [
            ["Inleiding", "", "Het pact telt dit jaar 87 routes in de techniek."],
            ["Resultaten", "", "In Limburg werken 24 scholen samen met bedrijven."],
        ],
    )
    result = ingest_corpus(corpus)
    by_text = {c.text: c for c in result.chunks}
    first = by_text["Het pact telt dit jaar 87 routes in de techniek."]
    second = by_text["In Limburg werken 24 scholen samen met bedrijven."]
    assert (first.page, second.page) == (1, 2)
    assert second.provinces == ["Limburg"]
    assert second.title == "Resultaten"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"abc\x00def", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_bad_files_are_refused_by_name(tmp_path: Path, content: bytes, message: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "slecht.txt").write_bytes(content)
    with pytest.raises(SourceError, match=rf"slecht\.txt.*{message}"):
        ingest_corpus(corpus)


def test_missing_source_file_named_in_manifest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "techniekpact-voortgangsrapportage-2017.txt").unlink()
    with pytest.raises(
        SourceError, match=r"techniekpact-voortgangsrapportage-2017\.txt.*not found"
    ):
        ingest_corpus(corpus)


def test_chunks_file_round_trip_and_atomic_write(tmp_path: Path) -> None:
    chunks = ingest_corpus(ROOT / "corpus").chunks
    path = tmp_path / "out" / "chunks.jsonl"
    write_chunks(chunks, path)
    assert read_chunks(path) == chunks
    before = path.read_bytes()

    class Boom(Exception):
        pass

    def broken() -> object:
        yield chunks[0]
        raise Boom

    with pytest.raises(Boom):
        write_chunks(broken(), path)  # type: ignore[arg-type]
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["chunks.jsonl"]
