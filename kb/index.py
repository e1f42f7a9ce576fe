"""The search index on disk: build it into a fresh folder, switch to it atomically, load it safely.

Layout under `settings.build_dir`:

    CURRENT                      the id of the build in use (replaced atomically)
    builds/<build id>/           one folder per build
        manifest.json            format version, embedder, settings, corpus hash, file hashes
        chunks.jsonl             the chunk rows, in index order
        dense.faiss              FAISS index (flat inner product by default)
        bm25/...                 bm25s files (JSON and .npy) and lexical.json

A build is written to `builds/.tmp-<id>`, fsynced, renamed to `builds/<id>`, and only then named
in CURRENT; a build that dies before that leaves the previous one serving. Loading checks the
manifest, every file's size and sha256 and the counts before FAISS reads a byte. No pickle.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.model import Chunk
from kb.cache import EmbeddingCache, write_atomic
from kb.embed import Embedder, Vectors
from kb.lexical import LexicalIndex
from kb.search import Index, retrieval_text
from kb.settings import Settings

FORMAT_VERSION = 1
LEXICAL_ANALYSER = "nl-1"
EMBED_BATCH = 32

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called as a build advances ("embed", "index", "write")."""


class IndexLoadError(RuntimeError):
    """The index cannot be loaded; the message says why and what to do."""


class IndexNotFoundError(IndexLoadError):
    pass


class ManifestError(IndexLoadError):
    pass


class CorruptIndexError(IndexLoadError):
    pass


class EmbedderMismatchError(IndexLoadError):
    pass


class FileEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    size: int
    sha256: str


class EmbedderInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    dimension: int


class Counts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    chunks: int
    documents: int
    vocabulary: int


class Manifest(BaseModel):
    """`manifest.json` of a build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    build_id: str
    created: str
    embedder: EmbedderInfo
    lexical_analyser: str
    settings: dict[str, Any]
    corpus_hash: str
    counts: Counts
    files: dict[str, FileEntry]


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


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _chunks_bytes(chunks: list[Chunk]) -> bytes:
    return "".join(c.model_dump_json() + "\n" for c in chunks).encode("utf-8")


def _builds(settings: Settings) -> Path:
    return settings.build_dir / "builds"


_BUILD_ID = re.compile(r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$")


def current_build(settings: Settings) -> Path | None:
    """The folder of the build named in CURRENT, or None when there is none."""
    pointer = settings.build_dir / "CURRENT"
    if not pointer.is_file():
        return None
    build_id = pointer.read_text(encoding="utf-8").strip()
    if not _BUILD_ID.match(build_id):
        raise ManifestError(f"{pointer}: {build_id!r} is not a build id; run `kb build --force`")
    return _builds(settings) / build_id


def _read_manifest(folder: Path) -> Manifest:
    path = folder / "manifest.json"
    try:
        manifest = Manifest.model_validate_json(path.read_bytes())
    except FileNotFoundError as exc:
        raise IndexNotFoundError(f"{path} is missing; run `kb build --force`") from exc
    except ValidationError as exc:
        problems = exc.error_count()
        raise ManifestError(f"{path} is not a valid manifest ({problems} problems)") from exc
    if manifest.format_version != FORMAT_VERSION:
        raise ManifestError(
            f"{path}: index format {manifest.format_version}, this program reads format "
            f"{FORMAT_VERSION}; run `kb build --force`"
        )
    return manifest


def _verified_files(folder: Path, manifest: Manifest) -> dict[str, bytes]:
    """Every file of the manifest, read once and checked for size and sha256."""
    contents: dict[str, bytes] = {}
    for name, entry in manifest.files.items():
        path = folder / name
        if not path.resolve().is_relative_to(folder.resolve()):
            raise ManifestError(f"{folder}/manifest.json names a file outside the build: {name}")
        try:
            size = path.stat().st_size
        except FileNotFoundError as exc:
            raise CorruptIndexError(f"{path} is missing; run `kb build --force`") from exc
        if size != entry.size:
            raise CorruptIndexError(
                f"{path} has {size} bytes, the manifest says {entry.size}; "
                "the index is damaged: run `kb build --force`"
            )
        data = path.read_bytes()
        if _sha256(data) != entry.sha256:
            raise CorruptIndexError(
                f"{path} does not match its sha256 in the manifest; "
                "the index is damaged: run `kb build --force`"
            )
        contents[name] = data
    for required in ("chunks.jsonl", "dense.faiss", "bm25/lexical.json"):
        if required not in contents:
            raise ManifestError(f"{folder}/manifest.json does not list {required}")
    return contents


def _check_embedder(manifest: Manifest, embedder: Embedder, folder: Path) -> None:
    built = manifest.embedder
    if built.name != embedder.name or built.dimension != embedder.dimension:
        raise EmbedderMismatchError(
            f"the index in {folder} was built with embedder {built.name!r} "
            f"(dimension {built.dimension}), but the embedder in use is {embedder.name!r} "
            f"(dimension {embedder.dimension}); set embedder = {built.name!r} or run "
            "`kb build` with the new embedder"
        )


def load_index(settings: Settings, embedder: Embedder) -> Index:
    """Load the current build, after checking its manifest, files and counts.

    Raises:
        IndexNotFoundError: there is no build yet (run `kb build`).
        EmbedderMismatchError: the build used another embedder or dimension.
        ManifestError, CorruptIndexError: the build on disk is not what its manifest says.
    """
    folder = current_build(settings)
    if folder is None:
        raise IndexNotFoundError(f"no index in {settings.build_dir}; run `kb build` first")
    manifest = _read_manifest(folder)
    _check_embedder(manifest, embedder, folder)
    files = _verified_files(folder, manifest)

    lines = files["chunks.jsonl"].decode("utf-8").splitlines()
    if len(lines) != manifest.counts.chunks:
        raise CorruptIndexError(
            f"{folder}/chunks.jsonl has {len(lines)} rows, the manifest says "
            f"{manifest.counts.chunks}; run `kb build --force`"
        )
    try:
        chunks = [Chunk.model_validate_json(line) for line in lines]
    except ValidationError as exc:
        raise CorruptIndexError(f"{folder}/chunks.jsonl: {exc}") from exc

    # FAISS parses the very bytes that were just hashed, never the file again.
    dense = faiss.deserialize_index(np.frombuffer(files["dense.faiss"], dtype=np.uint8))
    if dense.ntotal != len(chunks) or dense.d != manifest.embedder.dimension:
        raise CorruptIndexError(
            f"{folder}/dense.faiss holds {dense.ntotal} vectors of dimension {dense.d}, "
            f"expected {len(chunks)} of {manifest.embedder.dimension}; run `kb build --force`"
        )
    lexical = LexicalIndex.load(folder / "bm25")
    if lexical.size != len(chunks):
        raise CorruptIndexError(f"{folder}/bm25 indexes {lexical.size} chunks, not {len(chunks)}")
    return Index(chunks, dense, lexical, embedder, settings, manifest.build_id)


def _unchanged(settings: Settings, embedder: Embedder, chunks_sha: str) -> Path | None:
    """The current build's folder if it holds these chunks with these settings, intact."""
    try:
        folder = current_build(settings)
        if folder is None:
            return None
        manifest = _read_manifest(folder)
        _check_embedder(manifest, embedder, folder)
        _verified_files(folder, manifest)
    except IndexLoadError:
        return None
    entry = manifest.files.get("chunks.jsonl")
    same = (
        manifest.settings == settings.build_settings()
        and manifest.lexical_analyser == LEXICAL_ANALYSER
        and entry is not None
        and entry.sha256 == chunks_sha
    )
    return folder if same else None


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
    write_atomic(settings.build_dir / "CURRENT", f"{build_id}\n".encode())
    _fsync_dir(settings.build_dir)


def _clean_up(settings: Settings, keep: set[str]) -> None:
    """Remove every build but `keep`, and temp folders of builds that died."""
    for folder in _builds(settings).iterdir():
        if folder.is_dir() and folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def build_index(
    chunks: list[Chunk],
    settings: Settings,
    embedder: Embedder,
    progress: Progress | None = None,
    *,
    force: bool = False,
    corpus_hash: str | None = None,
) -> BuildInfo:
    """Build the index of `chunks` and switch to it; skip when nothing changed (unless `force`).

    Args:
        corpus_hash: the ingest's hash of the source files, recorded in the manifest
            (default: the sha256 of the chunk rows).

    >>> info = build_index(ingest_corpus(settings).chunks, settings, make_embedder(settings))
    >>> info.skipped
    False
    """
    if not chunks:
        raise ValueError("there are no chunks to index")
    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    rows = _chunks_bytes(chunks)
    chunks_sha = _sha256(rows)
    with _build_lock(settings):
        if not force and (folder := _unchanged(settings, embedder, chunks_sha)) is not None:
            return BuildInfo(folder.name, folder, True, len(chunks), 0, 0.0)

        builds = _builds(settings)
        builds.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        build_id = f"{stamp}-{secrets.token_hex(3)}"
        tmp = builds / f".tmp-{build_id}"
        tmp.mkdir()
        try:
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
            files = {
                p.relative_to(tmp).as_posix(): FileEntry(
                    size=p.stat().st_size, sha256=_sha256(p.read_bytes())
                )
                for p in sorted(tmp.rglob("*"))
                if p.is_file()
            }
            manifest = Manifest(
                format_version=FORMAT_VERSION,
                build_id=build_id,
                created=datetime.now(UTC).isoformat(timespec="seconds"),
                embedder=EmbedderInfo(name=embedder.name, dimension=embedder.dimension),
                lexical_analyser=LEXICAL_ANALYSER,
                settings=settings.build_settings(),
                corpus_hash=corpus_hash or chunks_sha,
                counts=Counts(
                    chunks=len(chunks),
                    documents=len({c.document for c in chunks}),
                    vocabulary=lexical.vocabulary_size,
                ),
                files=files,
            )
            (tmp / "manifest.json").write_text(manifest.model_dump_json(indent=2), "utf-8")
            _fsync_tree(tmp)
            final = builds / build_id
            tmp.rename(final)
            _fsync_dir(builds)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        try:
            previous = current_build(settings)
        except IndexLoadError:
            previous = None
        try:
            _switch(settings, build_id)
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        report("write", 1, 1)
        # The previous build stays one round, for a reader that read CURRENT just before the
        # switch and is still opening its files.
        _clean_up(settings, keep={build_id} | ({previous.name} if previous else set()))
    return BuildInfo(build_id, final, False, len(chunks), embedded, time.perf_counter() - started)


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
