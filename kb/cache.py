"""Passage embedding cache, so that a rebuild embeds only text it has not seen.

One folder per embedder under the cache dir: `vectors-<sha>.npy` (float32 rows) and
`index.json` ({format_version, embedder, dimension, vectors, hashes}); row i of the vectors is
the embedding of the text whose sha256 is hashes[i]. A new vectors file is written under a new
name first and `index.json` is replaced atomically after it, so a crash at any point leaves a
consistent cache (at worst an orphan vectors file, removed on the next write).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, ValidationError

from kb.embed import Embedder, Vectors
from kb.errors import EmbedderError
from kb.files import write_atomic

CACHE_FORMAT_VERSION = 1

log = logging.getLogger(__name__)


class _CacheIndex(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format_version: int
    embedder: str
    dimension: int
    vectors: str
    hashes: list[str]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _npy_bytes(array: Vectors) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _vectors_name(data: bytes) -> str:
    return f"vectors-{hashlib.sha256(data).hexdigest()[:16]}.npy"


def sound_rows(vectors: Vectors) -> npt.NDArray[np.bool_]:
    """Which rows are embeddings: finite, and of unit length (a zero row, an empty text's,
    is allowed). NaN or inf in an index answers wrongly and passes every other check."""
    finite: npt.NDArray[np.bool_] = np.asarray(np.isfinite(vectors).all(axis=1))
    norms = np.linalg.norm(np.where(finite[:, None], vectors, 0.0), axis=1)
    unit = (np.abs(norms - 1.0) < 1e-3) | (norms == 0.0)
    result: npt.NDArray[np.bool_] = finite & unit
    return result


class EmbeddingCache:
    """Embeddings of passages by (embedder name, sha256 of text)."""

    def __init__(self, cache_dir: Path, embedder: Embedder) -> None:
        key = hashlib.sha256(embedder.name.encode("utf-8")).hexdigest()[:16]
        self.folder = cache_dir / "embeddings" / key
        self._embedder = embedder
        self._rows: dict[str, int] = {}
        self._vectors: Vectors = np.zeros((0, embedder.dimension), dtype=np.float32)
        self._load()

    def __len__(self) -> int:
        return len(self._rows)

    def _load(self) -> None:
        """Load the cache, verified like a build: the vectors file must match the sha256 in its
        name, and every row must be finite and of unit length (or zero); a damaged file or row
        is dropped with a warning and embedded again."""
        index_path = self.folder / "index.json"
        if not index_path.is_file():
            return
        try:
            index = _CacheIndex.model_validate_json(index_path.read_bytes())
            data = (self.folder / Path(index.vectors).name).read_bytes()
            vectors = np.load(io.BytesIO(data), allow_pickle=False)
        except (OSError, ValueError, ValidationError):
            log.warning("%s: the embedding cache cannot be read; it is embedded again", self.folder)
            return
        dimension = self._embedder.dimension
        if (
            index.format_version != CACHE_FORMAT_VERSION
            or index.embedder != self._embedder.name
            or index.dimension != dimension
            or vectors.dtype != np.float32
            or vectors.shape != (len(index.hashes), dimension)
        ):
            return
        if index.vectors != _vectors_name(data):
            log.warning(
                "%s does not match its sha256; the embedding cache is embedded again",
                self.folder / index.vectors,
            )
            return
        good = sound_rows(vectors)
        if not good.all():
            log.warning(
                "%s: %d cached vectors are damaged (not finite or not of unit length); "
                "they are embedded again",
                self.folder / index.vectors,
                int((~good).sum()),
            )
        kept = [h for h, ok in zip(index.hashes, good, strict=True) if ok]
        self._vectors = np.ascontiguousarray(vectors[good])
        self._rows = {h: i for i, h in enumerate(kept)}

    @property
    def dimension(self) -> int:
        """The length of each vector."""
        return self._embedder.dimension

    def embed_passages(self, texts: list[str]) -> tuple[Vectors, int]:
        """Embeddings of `texts`, embedding only those not cached; saves the cache if it grew.

        Returns:
            The (len(texts), dimension) vectors and how many texts were embedded anew.
        """
        hashes = [text_hash(t) for t in texts]
        missing: dict[str, str] = {}
        for digest, text in zip(hashes, texts, strict=True):
            if digest not in self._rows:
                missing.setdefault(digest, text)
        if missing:
            fresh = self._embedder.embed_passages(list(missing.values()))
            if not sound_rows(fresh).all():
                raise EmbedderError(
                    f"the embedder {self._embedder.name!r} returned vectors that are not "
                    "finite or not of unit length; nothing was cached or built"
                )
            start = len(self._rows)
            self._vectors = np.concatenate([self._vectors, fresh]).astype(np.float32)
            for offset, digest in enumerate(missing):
                self._rows[digest] = start + offset
            self._save()
        rows = [self._rows[d] for d in hashes]
        vectors = self._vectors[rows] if rows else self._vectors[:0]
        return np.ascontiguousarray(vectors, dtype=np.float32), len(missing)

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = _npy_bytes(self._vectors)
        name = _vectors_name(data)
        write_atomic(self.folder / name, data)
        index = _CacheIndex(
            format_version=CACHE_FORMAT_VERSION,
            embedder=self._embedder.name,
            dimension=self._embedder.dimension,
            vectors=name,
            hashes=list(self._rows),
        )
        try:
            write_atomic(self.folder / "index.json", json.dumps(index.model_dump()).encode("utf-8"))
        except BaseException:
            (self.folder / name).unlink(missing_ok=True)
            raise
        for old in self.folder.glob("vectors-*.npy"):
            if old.name != name:
                old.unlink(missing_ok=True)
