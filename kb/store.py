"""The search index on disk: build it into a fresh folder, switch to it atomically, load it safely.

Layout under `settings.build_dir`:

    CURRENT                      the id of the build in use (replaced atomically)
    builds/<build id>/           one folder per build
        manifest.json            format version, embedder, settings, corpus hash, file hashes
        manifest.sha256          the manifest's own sha256 (`sha256sum -c` format)
        chunks.jsonl             the chunk rows, in index order
        dense.faiss              FAISS index (flat inner product by default)
        bm25/...                 bm25s files (JSON and .npy) and lexical.json
        sentences.jsonl          the sentences of every chunk (row + span), for answers
        sentences.npy            their embeddings (float32, L2-normalised)

A build is written to `builds/.tmp-<id>`, fsynced, renamed to `builds/<id>`, and only then named
in CURRENT; a build that dies before that leaves the previous one serving. Loading checks the
manifest, every file's size and sha256 and the counts before FAISS reads a byte. No pickle.
When the current build is damaged, `load_index` serves the newest intact other build (the
previous one is kept for a round) and logs a warning saying so.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import secrets
import shutil
import time
from collections import Counter
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
from kb.cache import EmbeddingCache
from kb.embed import Embedder, Vectors
from kb.files import write_atomic
from kb.index import Index, retrieval_text
from kb.lexical import LexicalIndex
from kb.sentence_store import (
    SENTENCE_EMBEDDING,
    SENTENCES_JSONL,
    SENTENCES_NPY,
    SentenceStoreError,
    load_sentences,
    write_sentences,
)
from kb.settings import Settings

FORMAT_VERSION = 3
"""2: `manifest.sha256` beside the manifest. 3: sentences for answers (kb.sentence_store)."""
MANIFEST_CHECKSUM = "manifest.sha256"
LEXICAL_ANALYSER = "nl-1"
EMBED_BATCH = 32

log = logging.getLogger(__name__)

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
    sentences: int


class Manifest(BaseModel):
    """`manifest.json` of a build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    build_id: str
    created: str
    embedder: EmbedderInfo
    lexical_analyser: str
    sentence_embedding: str = ""
    """How the sentences were embedded (kb.sentence_store.SENTENCE_EMBEDDING)."""
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
    sentences_embedded: int = 0
    """Sentences embedded anew, for answers (the rest came from the embedding cache)."""


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
    raw = pointer.read_bytes()
    build_id = raw.decode("utf-8", errors="replace").strip()
    # Exactly "<id>\n", as `_switch` writes it: any other byte means the pointer is damaged.
    if not _BUILD_ID.fullmatch(build_id) or raw != f"{build_id}\n".encode():
        raise ManifestError(f"{pointer}: {raw[:80]!r} is not a build id; run `kb build --force`")
    folder = _builds(settings) / build_id
    if not folder.is_dir():
        raise ManifestError(
            f"{pointer} names build {build_id}, which is not in {folder.parent}; "
            "run `kb build --force`"
        )
    return folder


def _checksum_line(manifest_bytes: bytes) -> bytes:
    return f"{_sha256(manifest_bytes)}  manifest.json\n".encode()


def _read_manifest(folder: Path) -> Manifest:
    path = folder / "manifest.json"
    checksum = folder / MANIFEST_CHECKSUM
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IndexNotFoundError(f"{path} is missing; run `kb build --force`") from exc
    try:
        expected = checksum.read_bytes()
    except FileNotFoundError as exc:
        raise CorruptIndexError(
            f"{checksum} is missing (a damaged build, or one made by an older version); "
            "run `kb build --force`"
        ) from exc
    # Checked on the bytes, so that a flipped byte that still parses (white space, a date, a
    # setting) is caught too.
    if expected != _checksum_line(data):
        raise CorruptIndexError(
            f"{path} does not match {checksum}; the index is damaged: run `kb build --force`"
        )
    try:
        manifest = Manifest.model_validate_json(data)
    except ValidationError as exc:
        problems = exc.error_count()
        raise ManifestError(f"{path} is not a valid manifest ({problems} problems)") from exc
    if manifest.format_version != FORMAT_VERSION:
        raise ManifestError(
            f"{path}: index format {manifest.format_version}, this program reads format "
            f"{FORMAT_VERSION}; run `kb build --force`"
        )
    if manifest.build_id != folder.name:
        raise ManifestError(
            f"{path} belongs to build {manifest.build_id!r}, not to {folder.name!r}; "
            "run `kb build --force`"
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
    required_files = ("chunks.jsonl", "dense.faiss", "bm25/lexical.json")
    for required in (*required_files, SENTENCES_JSONL, SENTENCES_NPY):
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

    When the current build (or CURRENT itself) is damaged, the newest intact other build is
    loaded instead, and a warning names both.

    Raises:
        IndexNotFoundError: there is no build yet (run `kb build`).
        EmbedderMismatchError: the build used another embedder or dimension.
        ManifestError, CorruptIndexError: the build on disk is not what its manifest says,
            and no other build is intact.
    """
    folder: Path | None = None
    try:
        folder = current_build(settings)
        if folder is None:
            raise IndexNotFoundError(f"no index in {settings.build_dir}; run `kb build` first")
    except ManifestError as exc:
        damaged: IndexLoadError = exc
    else:
        try:
            return _load_build(folder, settings, embedder)
        except EmbedderMismatchError:
            raise
        except IndexLoadError as exc:
            damaged = exc
    for other in _other_builds(settings, folder):
        try:
            index = _load_build(other, settings, embedder)
        except IndexLoadError:
            continue
        log.warning("%s; serving the intact build %s until then", damaged, other.name)
        return index
    raise damaged


def _other_builds(settings: Settings, current: Path | None) -> list[Path]:
    """Build folders other than `current`, newest first (temp folders of dead builds excluded)."""
    builds = _builds(settings)
    if not builds.is_dir():
        return []
    found = [p for p in builds.iterdir() if _BUILD_ID.fullmatch(p.name) and p != current]
    # Build ids sort by the second they were made; the folder's time (its last file written)
    # orders two builds made within one second.
    return sorted(found, key=lambda p: (p.name[:16], p.stat().st_mtime_ns), reverse=True)


def _load_build(folder: Path, settings: Settings, embedder: Embedder) -> Index:
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
    twice = [chunk_id for chunk_id, n in Counter(c.id for c in chunks).items() if n > 1]
    if twice:
        raise CorruptIndexError(
            f"{folder}/chunks.jsonl holds chunk id {twice[0]!r} more than once; "
            "run `kb build --force`"
        )

    # FAISS parses the very bytes that were just hashed, never the file again.
    try:
        dense = faiss.deserialize_index(np.frombuffer(files["dense.faiss"], dtype=np.uint8))
    except RuntimeError as exc:
        raise CorruptIndexError(f"{folder}/dense.faiss: {exc}") from exc
    if dense.ntotal != len(chunks) or dense.d != manifest.embedder.dimension:
        raise CorruptIndexError(
            f"{folder}/dense.faiss holds {dense.ntotal} vectors of dimension {dense.d}, "
            f"expected {len(chunks)} of {manifest.embedder.dimension}; run `kb build --force`"
        )
    try:
        lexical = LexicalIndex.load(folder / "bm25")
    except (OSError, ValueError, KeyError) as exc:
        raise CorruptIndexError(f"{folder}/bm25: {exc}") from exc
    if lexical.size != len(chunks):
        raise CorruptIndexError(f"{folder}/bm25 indexes {lexical.size} chunks, not {len(chunks)}")
    try:
        sentences = load_sentences(files[SENTENCES_JSONL], files[SENTENCES_NPY], chunks)
    except (SentenceStoreError, ValueError) as exc:
        raise CorruptIndexError(f"{folder}: {exc}; run `kb build --force`") from exc
    if (
        len(sentences.sentences) != manifest.counts.sentences
        or sentences.vectors.shape[1] != manifest.embedder.dimension
    ):
        raise CorruptIndexError(
            f"{folder}/{SENTENCES_NPY} holds {sentences.vectors.shape} vectors, expected "
            f"{manifest.counts.sentences} of {manifest.embedder.dimension}; "
            "run `kb build --force`"
        )
    return Index(chunks, dense, lexical, embedder, settings, manifest.build_id, sentences)


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
        and manifest.sentence_embedding == SENTENCE_EMBEDDING
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
    """Remove every build but `keep`, and temp folders and files of builds that died."""
    for folder in _builds(settings).iterdir():
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
    shutil.rmtree(_builds(settings) / build_id, ignore_errors=True)


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
        final = builds / build_id
        tmp.mkdir()
        try:
            report("embed sentences", 0, 1)
            cache = EmbeddingCache(settings.cache_dir, embedder)
            sentences = write_sentences(chunks, tmp, cache)
            report("embed sentences", 1, 1)
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
                sentence_embedding=SENTENCE_EMBEDDING,
                settings=settings.build_settings(),
                corpus_hash=corpus_hash or chunks_sha,
                counts=Counts(
                    chunks=len(chunks),
                    documents=len({c.document for c in chunks}),
                    vocabulary=lexical.vocabulary_size,
                    sentences=sentences.count,
                ),
                files=files,
            )
            manifest_bytes = manifest.model_dump_json(indent=2).encode("utf-8")
            (tmp / "manifest.json").write_bytes(manifest_bytes)
            (tmp / MANIFEST_CHECKSUM).write_bytes(_checksum_line(manifest_bytes))
            _fsync_tree(tmp)
            tmp.rename(final)
            _fsync_dir(builds)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(final, ignore_errors=True)
            raise
        try:
            previous = current_build(settings)
        except IndexLoadError:
            previous = None
        try:
            _switch(settings, build_id)
        except BaseException:
            _undo_switch(settings, build_id, previous)
            raise
        report("write", 1, 1)
        # The previous build stays one round, for a reader that read CURRENT just before the
        # switch and is still opening its files.
        _clean_up(settings, keep={build_id} | ({previous.name} if previous else set()))
    return BuildInfo(
        build_id,
        final,
        False,
        len(chunks),
        embedded,
        time.perf_counter() - started,
        sentences.embedded,
    )


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
