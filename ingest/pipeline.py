"""The ingest pipeline: corpus folder → documents → chunks, and the chunks file on disk."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ingest.chunk import chunk_document
from ingest.errors import SourceError
from ingest.generic import parse_generic, pdf_text
from ingest.model import Chunk, Document, DocumentManifest
from ingest.parse import parse_report
from ingest.read import read_pdf, read_text
from ingest.regions import load_gazetteer

SOURCE_SUFFIXES = (".txt", ".md", ".pdf")
Progress = Callable[[str, int, int], None]
"""progress(what, done, total): called as documents are parsed."""


@dataclass(frozen=True)
class IngestResult:
    documents: list[Document]
    chunks: list[Chunk]
    corpus_hash: str
    notices: list[str]


def discover(corpus_dir: Path) -> tuple[list[DocumentManifest], list[str]]:
    """The corpus's documents: those with a manifest `<id>.json`, and any other `.txt`, `.md`
    or `.pdf` file, which gets a manifest made from its file name (with a notice)."""
    if not corpus_dir.is_dir():
        raise SourceError(f"{corpus_dir}: corpus folder not found")
    manifests: list[DocumentManifest] = []
    notices: list[str] = []
    for path in sorted(corpus_dir.glob("*.json")):
        try:
            manifests.append(DocumentManifest.model_validate_json(path.read_bytes()))
        except (ValidationError, UnicodeDecodeError) as exc:
            raise SourceError(f"{path}: not a valid document manifest: {exc}") from exc
    listed = {m.source_file for m in manifests}
    for path in sorted(corpus_dir.iterdir()):
        if path.suffix.lower() in SOURCE_SUFFIXES and path.name not in listed:
            doc_id = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"
            manifests.append(
                DocumentManifest(
                    id=doc_id,
                    title=path.stem,
                    year=0,
                    publisher="",
                    language="nl",
                    source_file=path.name,
                )
            )
            notices.append(f"{path.name}: no manifest, ingested as '{doc_id}' (generic parser)")
    ids = [m.id for m in manifests]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SourceError(f"{corpus_dir}: document id used twice: {', '.join(duplicates)}")
    if not manifests:
        raise SourceError(f"{corpus_dir}: no documents (.txt, .md, .pdf) found")
    return manifests, notices


def parse_document(manifest: DocumentManifest, corpus_dir: Path) -> Document:
    """Read and parse one document with the parser its manifest names."""
    path = corpus_dir / manifest.source_file
    if path.suffix.lower() == ".pdf":
        text, starts = pdf_text(read_pdf(path))
        return parse_generic(text, manifest.id, manifest.title, manifest.source_file, starts)
    text = read_text(path)
    if manifest.parser == "techniekpact":
        return parse_report(text, manifest.id, manifest.title, manifest.source_file)
    return parse_generic(text, manifest.id, manifest.title, manifest.source_file)


def ingest_corpus(
    corpus_dir: Path,
    chunk_size: int = 900,
    chunk_overlap: int = 0,
    gazetteer: Path | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Parse and chunk every document of the corpus folder.

    Args:
        gazetteer: the places file (default: the one shipped in ingest/data/).

    >>> result = ingest_corpus(Path("corpus"))  # doctest: +SKIP
    >>> len(result.documents[0].goals)  # doctest: +SKIP
    12
    """
    manifests, notices = discover(corpus_dir)
    places = load_gazetteer(gazetteer)
    documents: list[Document] = []
    chunks: list[Chunk] = []
    for done, manifest in enumerate(manifests, start=1):
        document = parse_document(manifest, corpus_dir)
        documents.append(document)
        chunks.extend(chunk_document(document, places, chunk_size, chunk_overlap))
        if progress:
            progress(manifest.id, done, len(manifests))
    digest = corpus_hash(corpus_dir, manifests, gazetteer)
    return IngestResult(documents, chunks, digest, notices)


def corpus_hash(
    corpus_dir: Path, manifests: list[DocumentManifest], gazetteer: Path | None = None
) -> str:
    """sha256 over the manifests, the source files and the gazetteer: what ingest reads."""
    digest = hashlib.sha256()
    for manifest in sorted(manifests, key=lambda m: m.id):
        digest.update(manifest.model_dump_json().encode())
        digest.update((corpus_dir / manifest.source_file).read_bytes())
    places = gazetteer or Path(__file__).parent / "data" / "gazetteer.json"
    digest.update(places.read_bytes())
    return digest.hexdigest()


def read_chunks(path: Path) -> list[Chunk]:
    """Read a chunks file written by `kb.files.write_chunks` (`kb ingest`)."""
    with path.open(encoding="utf-8") as lines:
        return [Chunk.model_validate(json.loads(line)) for line in lines if line.strip()]
