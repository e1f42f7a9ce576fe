"""The ingest pipeline: corpus folder → documents → chunks, and the chunks file on disk."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from ingest.errors import IngestError, SourceError
from ingest.generic import parse_generic, pdf_text
from ingest.model import Chunk, Document, DocumentManifest
from ingest.parse import parse_report
from ingest.read import DEFAULT_LIMITS, ReadLimits, decode_text, pdf_pages, read_source, source_path
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
    skipped: list[str] = field(default_factory=list)
    """One warning per corpus file that could not be read and was left out; it names the file."""


@dataclass(frozen=True)
class _Found:
    manifests: list[DocumentManifest]
    notices: list[str]
    skipped: list[str]


def discover(
    corpus_dir: Path, limits: ReadLimits = DEFAULT_LIMITS, strict: bool = False
) -> tuple[list[DocumentManifest], list[str]]:
    """The corpus's documents: those with a manifest `<id>.json`, and any other `.txt`, `.md`
    or `.pdf` file, which gets a manifest made from its file name (with a notice).

    A manifest that cannot be read is left out with a notice (refused when `strict`)."""
    found = _discover(corpus_dir, limits, strict)
    return found.manifests, found.notices + found.skipped


def _discover(corpus_dir: Path, limits: ReadLimits, strict: bool) -> _Found:
    if not corpus_dir.is_dir():
        raise SourceError(f"{corpus_dir}: corpus folder not found")
    manifests: list[DocumentManifest] = []
    notices: list[str] = []
    skipped: list[str] = []
    for path in sorted(corpus_dir.glob("*.json")):
        try:
            data = read_source(corpus_dir, path.name, limits.text_bytes)
            manifests.append(DocumentManifest.model_validate_json(data))
        except (ValidationError, UnicodeDecodeError) as exc:
            error = SourceError(f"{path}: not a valid document manifest: {_first_line(exc)}")
            skipped.append(_skip(error, strict))
        except SourceError as exc:
            skipped.append(_skip(exc, strict))
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
    unique: dict[str, DocumentManifest] = {}
    for manifest in manifests:
        first = unique.setdefault(manifest.id, manifest)
        if first is not manifest:
            error = SourceError(
                f"{corpus_dir / manifest.source_file}: document id {manifest.id!r} is already "
                f"used by {first.source_file}"
            )
            skipped.append(_skip(error, strict))
    manifests = list(unique.values())
    if not manifests:
        raise SourceError(f"{corpus_dir}: no documents (.txt, .md, .pdf) found" + _reasons(skipped))
    return _Found(manifests, notices, skipped)


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def _skip(error: IngestError, strict: bool) -> str:
    """The warning for a file left out, or (when `strict`) the error itself."""
    if strict:
        raise error
    return f"{error}; skipped"


def _reasons(skipped: list[str]) -> str:
    return f" (left out: {' | '.join(skipped)})" if skipped else ""


@dataclass(frozen=True)
class Source:
    """A document's manifest and the bytes of its source file, read once through the reader
    boundary: parsed from, and hashed, so the hash is of what was parsed."""

    manifest: DocumentManifest
    data: bytes


def read_document(
    manifest: DocumentManifest, corpus_dir: Path, limits: ReadLimits = DEFAULT_LIMITS
) -> Source:
    """The bytes of a document's source file (see `ingest.read.read_source`)."""
    pdf = manifest.source_file.lower().endswith(".pdf")
    budget = limits.pdf_bytes if pdf else limits.text_bytes
    try:
        source_path(corpus_dir, manifest.source_file)
    except SourceError as exc:
        raise SourceError(f"the manifest of document {manifest.id!r}: source_file {exc}") from exc
    return Source(manifest, read_source(corpus_dir, manifest.source_file, budget))


def parse_document(
    source: Source, corpus_dir: Path, limits: ReadLimits = DEFAULT_LIMITS
) -> Document:
    """Parse one document with the parser its manifest names; its year is the manifest's."""
    manifest = source.manifest
    path = source_path(corpus_dir, manifest.source_file)
    if path.suffix.lower() == ".pdf":
        text, starts = pdf_text(pdf_pages(source.data, path, limits))
        document = parse_generic(text, manifest.id, manifest.title, manifest.source_file, starts)
    else:
        text = decode_text(source.data, path)
        parse = parse_report if manifest.parser == "techniekpact" else parse_generic
        document = parse(text, manifest.id, manifest.title, manifest.source_file)
    return replace(document, year=manifest.year or None)


def ingest_corpus(
    corpus_dir: Path,
    chunk_size: int = 900,
    chunk_overlap: int = 0,
    gazetteer: Path | None = None,
    progress: Progress | None = None,
    *,
    strict: bool = False,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> IngestResult:
    """Parse and chunk every document of the corpus folder.

    A file that cannot be read or parsed is left out with a warning in `skipped` that names
    it, and the rest is ingested; with `strict`, the first such file raises instead.

    Args:
        gazetteer: the places file (default: the one shipped in ingest/data/).
        limits: how much of a file is read (see `ingest.read.ReadLimits`).

    Raises:
        IngestError: the folder holds no readable document (or, with `strict`, any file
            cannot be read); the message names the files.

    >>> result = ingest_corpus(Path("corpus"))  # doctest: +SKIP
    >>> len(result.documents[0].goals)  # doctest: +SKIP
    12
    """
    found = _discover(corpus_dir, limits, strict)
    # Imported here: langchain-text-splitters takes 0.25 s to import, and only a build needs it
    # (the app, the servers and `kb ask` import this module for its types and readers).
    from ingest.chunk import chunk_document

    places = load_gazetteer(gazetteer)
    skipped = list(found.skipped)
    sources: list[Source] = []
    documents: list[Document] = []
    chunks: list[Chunk] = []
    for done, manifest in enumerate(found.manifests, start=1):
        try:
            source = read_document(manifest, corpus_dir, limits)
            document = parse_document(source, corpus_dir, limits)
        except IngestError as exc:
            skipped.append(_skip(exc, strict))
            continue
        sources.append(source)
        documents.append(document)
        chunks.extend(chunk_document(document, places, chunk_size, chunk_overlap))
        if progress:
            progress(manifest.id, done, len(found.manifests))
    if not documents:
        raise SourceError(f"{corpus_dir}: no document could be read" + _reasons(skipped))
    digest = corpus_hash(sources, gazetteer)
    return IngestResult(documents, chunks, digest, found.notices, skipped)


def corpus_hash(sources: list[Source], gazetteer: Path | None = None) -> str:
    """sha256 over the manifests, the source files and the gazetteer: what ingest read."""
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: s.manifest.id):
        digest.update(source.manifest.model_dump_json().encode())
        digest.update(source.data)
    places = gazetteer or Path(__file__).parent / "data" / "gazetteer.json"
    digest.update(places.read_bytes())
    return digest.hexdigest()


def read_chunks(path: Path) -> list[Chunk]:
    """Read a chunks file written by `kb.files.write_chunks` (`kb ingest`)."""
    with path.open(encoding="utf-8") as lines:
        return [Chunk.model_validate(json.loads(line)) for line in lines if line.strip()]
