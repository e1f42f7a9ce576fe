"""Passage embedding cache, so that a rebuild embeds only text it has not seen.

One folder per embedder under the cache dir: `vectors-<sha>.npy` (float32 rows) and
`index.json` ({format_version, embedder, dimension, vectors, hashes}); row i of the vectors is
the embedding of the text whose sha256 is hashes[i]. A new vectors file is written under a new
name first and `index.json` is replaced atomically after it, so a crash at any point leaves a
consistent cache (at worst an orphan vectors file, removed on the next write).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from kb.embed import Embedder, Vectors
from kb.files import write_atomic

CACHE_FORMAT_VERSION = 1


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
    import io

    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


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
        index_path = self.folder / "index.json"
        if not index_path.is_file():
            return
        try:
            index = _CacheIndex.model_validate_json(index_path.read_bytes())
            vectors = np.load(self.folder / index.vectors, allow_pickle=False)
        except (OSError, ValueError, ValidationError):
            return  # an unreadable cache is only a slower build
        dimension = self._embedder.dimension
        if (
            index.format_version != CACHE_FORMAT_VERSION
            or index.embedder != self._embedder.name
            or index.dimension != dimension
            or vectors.dtype != np.float32
            or vectors.shape != (len(index.hashes), dimension)
        ):
            return
        self._vectors = vectors
        self._rows = {h: i for i, h in enumerate(index.hashes)}

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
        name = f"vectors-{hashlib.sha256(data).hexdigest()[:16]}.npy"
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
