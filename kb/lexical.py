"""Lexical retrieval: a BM25 index over the passages, tokenised by kb.analyser.

bm25s builds the index and writes it (its own file layout: JSON and .npy, no pickle). A
query only sums the precomputed scores of its tokens, so loading and scoring read those
files with numpy alone: the app and the servers start without importing bm25s (and the
numba and scipy it brings, about 0.4 s).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kb.analyser import ANALYSER, analyse

LEXICAL_FORMAT_VERSION = 1

_ARRAYS = ("data", "indices", "indptr")
"""The score matrix in compressed sparse columns (one column per token), as bm25s saves it:
`<name>.csc.index.npy`."""
_VOCABULARY = "vocab.index.json"
_PARAMETERS = "params.index.json"


class LexicalIndex:
    """A BM25 index over passages: token ids and each token's precomputed passage scores."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        columns: dict[str, npt.NDArray[Any]],
        size: int,
        parameters: dict[str, Any],
    ) -> None:
        self._vocabulary = vocabulary
        self._data = np.asarray(columns["data"], dtype=np.float32)
        self._indices = np.asarray(columns["indices"])
        self._indptr = np.asarray(columns["indptr"])
        self._parameters = parameters
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        import bm25s  # build time only

        bm25 = bm25s.BM25()
        bm25.index([analyse(t) for t in texts], show_progress=False)
        columns = {name: bm25.scores[name] for name in _ARRAYS}
        parameters = {
            "k1": bm25.k1,
            "b": bm25.b,
            "delta": bm25.delta,
            "method": bm25.method,
            "idf_method": bm25.idf_method,
            "dtype": bm25.dtype,
            "int_dtype": bm25.int_dtype,
            "num_docs": len(texts),
            "version": bm25s.__version__,
            "backend": bm25.backend,
        }
        return cls(dict(bm25.vocab_dict), columns, len(texts), parameters)

    @property
    def vocabulary_size(self) -> int:
        return len(self._vocabulary)

    def save(self, folder: Path) -> None:
        """Write the index in bm25s's layout (`bm25s.BM25.load` reads it too)."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, array in zip(_ARRAYS, (self._data, self._indices, self._indptr), strict=True):
            np.save(folder / f"{name}.csc.index.npy", array, allow_pickle=False)
        vocabulary = json.dumps(self._vocabulary, ensure_ascii=False)
        (folder / _VOCABULARY).write_text(vocabulary, encoding="utf-8")
        parameters = json.dumps(self._parameters, indent=4)
        (folder / _PARAMETERS).write_text(parameters, encoding="utf-8")
        meta = {"format_version": LEXICAL_FORMAT_VERSION, "size": self.size, "analyser": ANALYSER}
        (folder / "lexical.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        meta = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        if meta.get("format_version") != LEXICAL_FORMAT_VERSION:
            raise ValueError(f"{folder}: lexical index format {meta.get('format_version')!r}")
        columns = {
            name: np.load(folder / f"{name}.csc.index.npy", allow_pickle=False) for name in _ARRAYS
        }
        vocabulary = json.loads((folder / _VOCABULARY).read_text(encoding="utf-8"))
        parameters = json.loads((folder / _PARAMETERS).read_text(encoding="utf-8"))
        size = int(meta["size"])
        # bm25s keeps a token "" in the vocabulary without a column of scores.
        tokens = len(columns["indptr"]) - 1
        scored = sum(0 <= i < tokens for i in vocabulary.values())
        if scored != tokens or parameters.get("num_docs") != size:
            raise ValueError(f"{folder}: the BM25 files do not agree with each other")
        return cls(vocabulary, columns, size, parameters)

    def scores(self, question: str) -> npt.NDArray[np.float32]:
        """BM25 score of every passage for `question` (0 where no token matches): the sum of
        the precomputed scores of its distinct known tokens, added token by token in float32
        as bm25s does."""
        tokens = analyse(question, question=True)
        columns = len(self._indptr) - 1
        known = (self._vocabulary.get(t, columns) for t in tokens)
        ids = list(dict.fromkeys(i for i in known if i < columns))
        scores = np.zeros(self.size, dtype=np.float32)
        for token in ids:
            start, end = self._indptr[token], self._indptr[token + 1]
            np.add.at(scores, self._indices[start:end], self._data[start:end])
        return scores
