"""The search index on disk: the build folders, their manifests, and loading one safely.

Layout under `settings.build_dir`:

    CURRENT                      the id of the build in use (replaced atomically)
    builds/<build id>/           one folder per build
        manifest.json            format version, embedder, settings, corpus hash, file hashes
        manifest.sha256          the manifest's own sha256 (`sha256sum -c` format)
        chunks.jsonl             the chunk rows, in index order
        dense.faiss              FAISS index (flat inner product by default)
        bm25/...                 bm25s files (JSON and .npy) and lexical.json
        sentences.jsonl          the sentences of every chunk (row + span), for answers
        sentences.npy            each read after the one before it (float32, L2-normalised)
        sentences-alone.npy      each sentence embedded alone (the same rows)

`kb.build` writes a build (to `builds/.tmp-<id>`, fsynced, renamed, and only then named in
CURRENT, so a build that dies leaves the previous one serving). Loading checks the
manifest, every file's size and sha256 and the counts before FAISS reads a byte. No pickle.
When the current build is damaged, `load_index` serves the newest intact other build (the
previous one is kept for a round) and logs a warning saying so.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

import faiss
import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.model import Chunk
from kb.analyser import ANALYSER
from kb.embed import Embedder
from kb.errors import (
    CorruptIndexError,
    EmbedderMismatchError,
    IndexLoadError,
    IndexNotFoundError,
    ManifestError,
    SentenceStoreError,
)
from kb.index import Index
from kb.lexical import LexicalIndex
from kb.sentence_store import (
    SENTENCE_EMBEDDING,
    SENTENCES_ALONE_NPY,
    SENTENCES_JSONL,
    SENTENCES_NPY,
    load_sentences,
)
from kb.settings import Settings

FORMAT_VERSION = 4
"""2: `manifest.sha256` beside the manifest. 3: sentences for answers (kb.sentence_store).
4: each sentence also embedded alone (`sentences-alone.npy`)."""
MANIFEST_CHECKSUM = "manifest.sha256"

log = logging.getLogger(__name__)


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
    answer_model: str = ""
    """The fitted answer model the build was made for: its version and sha256
    (kb.answers.model.model_id)."""
    settings: dict[str, Any]
    corpus_hash: str
    counts: Counts
    files: dict[str, FileEntry]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def builds_dir(settings: Settings) -> Path:
    return settings.build_dir / "builds"


BUILD_ID = re.compile(r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$")


def current_build(settings: Settings) -> Path | None:
    """The folder of the build named in CURRENT, or None when there is none."""
    pointer = settings.build_dir / "CURRENT"
    if not pointer.exists() and not pointer.is_symlink():
        return None
    try:
        raw = pointer.read_bytes()
    except OSError as exc:
        raise ManifestError(
            f"{pointer} cannot be read ({_reason(exc)}); run `kb build --force`"
        ) from exc
    build_id = raw.decode("utf-8", errors="replace").strip()
    # Exactly "<id>\n", as `_switch` writes it: any other byte means the pointer is damaged.
    if not BUILD_ID.fullmatch(build_id) or raw != f"{build_id}\n".encode():
        raise ManifestError(f"{pointer}: {raw[:80]!r} is not a build id; run `kb build --force`")
    folder = builds_dir(settings) / build_id
    if not folder.is_dir():
        raise ManifestError(
            f"{pointer} names build {build_id}, which is not in {folder.parent}; "
            "run `kb build --force`"
        )
    return folder


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _unreadable(path: Path, exc: OSError) -> str:
    return f"{path} cannot be read ({_reason(exc)}); the index is damaged: run `kb build --force`"


def checksum_line(manifest_bytes: bytes) -> bytes:
    return f"{sha256(manifest_bytes)}  manifest.json\n".encode()


def read_manifest(folder: Path) -> Manifest:
    path = folder / "manifest.json"
    checksum = folder / MANIFEST_CHECKSUM
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IndexNotFoundError(f"{path} is missing; run `kb build --force`") from exc
    except OSError as exc:
        raise CorruptIndexError(_unreadable(path, exc)) from exc
    try:
        expected = checksum.read_bytes()
    except FileNotFoundError as exc:
        raise CorruptIndexError(
            f"{checksum} is missing (a damaged build, or one made by an older version); "
            "run `kb build --force`"
        ) from exc
    except OSError as exc:
        raise CorruptIndexError(_unreadable(checksum, exc)) from exc
    # Checked on the bytes, so that a flipped byte that still parses (white space, a date, a
    # setting) is caught too.
    if expected != checksum_line(data):
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


def verified_files(folder: Path, manifest: Manifest) -> dict[str, bytes]:
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
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CorruptIndexError(_unreadable(path, exc)) from exc
        if sha256(data) != entry.sha256:
            raise CorruptIndexError(
                f"{path} does not match its sha256 in the manifest; "
                "the index is damaged: run `kb build --force`"
            )
        contents[name] = data
    required_files = ("chunks.jsonl", "dense.faiss", "bm25/lexical.json")
    for required in (*required_files, SENTENCES_JSONL, SENTENCES_NPY, SENTENCES_ALONE_NPY):
        if required not in contents:
            raise ManifestError(f"{folder}/manifest.json does not list {required}")
    return contents


def check_embedder(manifest: Manifest, embedder: Embedder, folder: Path) -> None:
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
    except IndexNotFoundError as exc:
        # CURRENT missing (or a folder in its place, or never written): an intact build on
        # disk still serves, with a warning; without one, "run `kb build`".
        damaged: IndexLoadError = IndexNotFoundError(
            f"{settings.build_dir / 'CURRENT'} is missing; run `kb build --force`"
        )
        if not _otherbuilds_dir(settings, None):
            raise exc
    except ManifestError as exc:
        damaged = exc
    else:
        try:
            return _load_build(folder, settings, embedder)
        except EmbedderMismatchError:
            raise
        except IndexLoadError as exc:
            damaged = exc
    for other in _otherbuilds_dir(settings, folder):
        try:
            index = _load_build(other, settings, embedder)
        except IndexLoadError:
            continue
        log.warning("%s; serving the intact build %s until then", damaged, other.name)
        return index
    raise damaged


def has_builds(settings: Settings) -> bool:
    """Whether any build folder is on disk (intact or not), whatever CURRENT says."""
    return bool(_otherbuilds_dir(settings, None))


def _otherbuilds_dir(settings: Settings, current: Path | None) -> list[Path]:
    """Build folders other than `current`, newest first (temp folders of dead builds excluded)."""
    builds = builds_dir(settings)
    if not builds.is_dir():
        return []
    found = [p for p in builds.iterdir() if BUILD_ID.fullmatch(p.name) and p != current]
    # Build ids sort by the second they were made; the folder's time (its last file written)
    # orders two builds made within one second.
    return sorted(found, key=lambda p: (p.name[:16], p.stat().st_mtime_ns), reverse=True)


def _load_build(folder: Path, settings: Settings, embedder: Embedder) -> Index:
    manifest = read_manifest(folder)
    check_embedder(manifest, embedder, folder)
    files = verified_files(folder, manifest)

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
        sentences = load_sentences(
            files[SENTENCES_JSONL], files[SENTENCES_NPY], chunks, files[SENTENCES_ALONE_NPY]
        )
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


def unchanged_build(
    settings: Settings, embedder: Embedder, chunks_sha: str, answer_model: str = ""
) -> Path | None:
    """The current build's folder if it holds these chunks with these settings, intact."""
    try:
        folder = current_build(settings)
        if folder is None:
            return None
        manifest = read_manifest(folder)
        check_embedder(manifest, embedder, folder)
        verified_files(folder, manifest)
    except IndexLoadError:
        return None
    entry = manifest.files.get("chunks.jsonl")
    same = (
        manifest.settings == settings.build_settings()
        and manifest.lexical_analyser == ANALYSER
        and manifest.sentence_embedding == SENTENCE_EMBEDDING
        and manifest.answer_model == answer_model
        and entry is not None
        and entry.sha256 == chunks_sha
    )
    return folder if same else None
