"""Building the index: embed, index and write a build folder, then switch to it atomically.

A build is written to `builds/.tmp-<id>`, fsynced, renamed to `builds/<id>`, and only then named
in CURRENT (one atomic replace); a build that dies before that leaves the previous one serving.
One build at a time: a lock file in the build folder serialises `kb build` and the app's first
start. The previous build stays one round, for a reader that is still opening its files.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import faiss
import numpy as np

from ingest.model import Chunk
from ingest.pipeline import IngestResult, ingest_corpus
from ingest.pipeline import Progress as IngestProgress
from kb.analyser import ANALYSER
from kb.cache import EmbeddingCache
from kb.embed import Embedder, Vectors
from kb.errors import IndexLoadError
from kb.files import write_atomic
from kb.index import retrieval_text
from kb.lexical import LexicalIndex
from kb.sentence_store import SENTENCE_EMBEDDING, write_sentences
from kb.settings import Settings
from kb.store import (
    FORMAT_VERSION,
    MANIFEST_CHECKSUM,
    Counts,
    EmbedderInfo,
    FileEntry,
    Manifest,
    builds_dir,
    checksum_line,
    current_build,
    sha256,
    unchanged_build,
)

EMBED_BATCH = 32

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called as a build advances ("embed", "index", "write")."""


@dataclass(frozen=True)
class BuildInfo:
    """What `build_index` did."""

    build_id: str
    folder: Path
    skipped: bool
    chunks: int
    embedded: int
    """Passages embedded anew (the rest came from the embedding cache)."""
    seconds: float
    sentences_embedded: int = 0
    """Sentences embedded anew, for answers (the rest came from the embedding cache)."""


def _chunks_bytes(chunks: list[Chunk]) -> bytes:
    return "".join(c.model_dump_json() + "\n" for c in chunks).encode("utf-8")


def _dense_index(vectors: Vectors, settings: Settings) -> faiss.Index:
    n, dimension = vectors.shape
    index: faiss.Index
    if settings.index_type == "ivf":
        # FAISS wants ~39 training points per list; fewer lists on a small corpus.
        nlist = max(1, min(settings.ivf_nlist, n // 39))
        quantizer = faiss.IndexFlatIP(dimension)
        index = faiss.IndexIVFFlat(quantizer, dimension, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
    elif settings.index_type == "hnsw":
        index = faiss.IndexHNSWFlat(dimension, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
    else:
        index = faiss.IndexFlatIP(dimension)
    if n:
        index.add(vectors)
    return index


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _build_lock(settings: Settings) -> Iterator[None]:
    settings.build_dir.mkdir(parents=True, exist_ok=True)
    with (settings.build_dir / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _switch(settings: Settings, build_id: str) -> None:
    """Make `build_id` the current build: one atomic replace of CURRENT."""
    pointer = settings.build_dir / "CURRENT"
    if pointer.is_dir() and not pointer.is_symlink():
        shutil.rmtree(pointer)  # damage: a folder where the pointer belongs
    write_atomic(settings.build_dir / "CURRENT", f"{build_id}\n".encode())
    _fsync_dir(settings.build_dir)


def _clean_up(settings: Settings, keep: set[str]) -> None:
    """Remove every build but `keep`, and temp folders and files of builds that died."""
    for folder in builds_dir(settings).iterdir():
        if folder.is_dir() and folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)
    for stale in settings.build_dir.glob(".CURRENT.*.tmp"):
        stale.unlink(missing_ok=True)


def _undo_switch(settings: Settings, build_id: str, previous: Path | None) -> None:
    """After a failed switch to `build_id`: point CURRENT back at `previous` and remove the new
    build, or, when CURRENT names the new build and cannot be pointed back, keep it."""
    try:
        named = current_build(settings)
    except IndexLoadError:
        named = None
    if named is not None and named.name == build_id:
        if previous is None:
            return
        try:
            _switch(settings, previous.name)
        except OSError:
            return
    shutil.rmtree(builds_dir(settings) / build_id, ignore_errors=True)


def ingest(
    settings: Settings, progress: IngestProgress | None = None, *, strict: bool = False
) -> IngestResult:
    """Ingest the corpus folder of `settings` with its chunking and gazetteer: what the build
    indexes, and what `kb ingest` shows. A file that cannot be read is left out with a warning
    in `skipped` (with `strict`, it raises instead)."""
    return ingest_corpus(
        settings.corpus_dir,
        settings.chunk_size,
        settings.chunk_overlap,
        settings.gazetteer,
        progress,
        strict=strict,
    )


def build_index(
    chunks: list[Chunk],
    settings: Settings,
    embedder: Embedder,
    progress: Progress | None = None,
    *,
    force: bool = False,
    corpus_hash: str | None = None,
    answer_model: str = "",
) -> BuildInfo:
    """Build the index of `chunks` and switch to it; skip when nothing changed (unless `force`).

    Args:
        corpus_hash: the ingest's hash of the source files, recorded in the manifest
            (default: the sha256 of the chunk rows).
        answer_model: the fitted answer model in use (kb.answers.model.model_id), recorded
            in the manifest; a new model makes a new build (from the embedding cache).

    >>> info = build_index(ingest_corpus(settings).chunks, settings, make_embedder(settings))
    >>> info.skipped
    False
    """
    if not chunks:
        raise ValueError("there are no chunks to index")
    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    rows = _chunks_bytes(chunks)
    with _build_lock(settings):
        unchanged = unchanged_build(settings, embedder, sha256(rows), answer_model)
        if not force and unchanged is not None:
            return BuildInfo(unchanged.name, unchanged, True, len(chunks), 0, 0.0)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        build_id = f"{stamp}-{secrets.token_hex(3)}"
        facts = _BuildFacts(corpus_hash or sha256(rows), answer_model)
        written = _write_build(build_id, chunks, rows, settings, embedder, report, facts)
        _switch_to(settings, build_id)
        report("write", 1, 1)
    return BuildInfo(
        build_id,
        written.folder,
        False,
        len(chunks),
        written.embedded,
        time.perf_counter() - started,
        written.sentences_embedded,
    )


@dataclass(frozen=True)
class _BuildFacts:
    """What the manifest records besides the files: the corpus and the answer model."""

    corpus_hash: str
    answer_model: str


@dataclass(frozen=True)
class _Written:
    folder: Path
    embedded: int
    sentences_embedded: int


def _write_build(
    build_id: str,
    chunks: list[Chunk],
    rows: bytes,
    settings: Settings,
    embedder: Embedder,
    report: Progress,
    facts: _BuildFacts,
) -> _Written:
    """Embed, index and write the build into a temp folder, then rename it into place."""
    builds = builds_dir(settings)
    builds.mkdir(parents=True, exist_ok=True)
    tmp = builds / f".tmp-{build_id}"
    final = builds / build_id
    tmp.mkdir()
    try:
        report("embed sentences", 0, 1)
        sentences = write_sentences(
            chunks,
            tmp,
            EmbeddingCache(settings.cache_dir, embedder),
            lambda done, total: report("embed sentences", done, total),
        )
        texts = [retrieval_text(c) for c in chunks]
        vectors, embedded = _embed(texts, settings, embedder, report)
        report("index", 0, 2)
        dense = _dense_index(vectors, settings)
        lexical = LexicalIndex.build(texts)
        report("index", 2, 2)
        report("write", 0, 1)
        (tmp / "chunks.jsonl").write_bytes(rows)
        (tmp / "dense.faiss").write_bytes(faiss.serialize_index(dense).tobytes())
        lexical.save(tmp / "bm25")
        counts = Counts(
            chunks=len(chunks),
            documents=len({c.document for c in chunks}),
            vocabulary=lexical.vocabulary_size,
            sentences=sentences.count,
        )
        _write_manifest(tmp, build_id, settings, embedder, facts, counts)
        _fsync_tree(tmp)
        tmp.rename(final)
        _fsync_dir(builds)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(final, ignore_errors=True)
        raise
    return _Written(final, embedded, sentences.embedded)


def _write_manifest(
    folder: Path,
    build_id: str,
    settings: Settings,
    embedder: Embedder,
    facts: _BuildFacts,
    counts: Counts,
) -> None:
    """The manifest of every file in `folder`, and the manifest's own checksum beside it."""
    files = {
        p.relative_to(folder).as_posix(): FileEntry(
            size=p.stat().st_size, sha256=sha256(p.read_bytes())
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        build_id=build_id,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        embedder=EmbedderInfo(name=embedder.name, dimension=embedder.dimension),
        lexical_analyser=ANALYSER,
        sentence_embedding=SENTENCE_EMBEDDING,
        settings=settings.build_settings(),
        corpus_hash=facts.corpus_hash,
        answer_model=facts.answer_model,
        counts=counts,
        files=files,
    )
    manifest_bytes = manifest.model_dump_json(indent=2).encode("utf-8")
    (folder / "manifest.json").write_bytes(manifest_bytes)
    (folder / MANIFEST_CHECKSUM).write_bytes(checksum_line(manifest_bytes))


def _switch_to(settings: Settings, build_id: str) -> None:
    """Name the new build in CURRENT (undone if that fails), then remove older builds."""
    try:
        previous = current_build(settings)
    except IndexLoadError:
        previous = None
    try:
        _switch(settings, build_id)
    except BaseException:
        _undo_switch(settings, build_id, previous)
        raise
    # The previous build stays one round, for a reader that read CURRENT just before the
    # switch and is still opening its files.
    _clean_up(settings, keep={build_id} | ({previous.name} if previous else set()))


def _embed(
    texts: list[str], settings: Settings, embedder: Embedder, report: Progress
) -> tuple[Vectors, int]:
    cache = EmbeddingCache(settings.cache_dir, embedder)
    parts: list[Vectors] = []
    embedded = 0
    report("embed", 0, len(texts))
    for start in range(0, len(texts), EMBED_BATCH):
        batch, fresh = cache.embed_passages(texts[start : start + EMBED_BATCH])
        parts.append(batch)
        embedded += fresh
        report("embed", min(start + EMBED_BATCH, len(texts)), len(texts))
    if not parts:
        return np.zeros((0, embedder.dimension), dtype=np.float32), 0
    return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32), embedded
