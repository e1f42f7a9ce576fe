"""Lexical retrieval: a BM25 index (bm25s) over the passages, tokenised by kb.analyser."""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt

from kb.analyser import ANALYSER, analyse

LEXICAL_FORMAT_VERSION = 1


class LexicalIndex:
    """A BM25 index over passages, saved with bm25s's own files (JSON and .npy, no pickle)."""

    def __init__(self, bm25: bm25s.BM25, size: int) -> None:
        self._bm25 = bm25
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        bm25 = bm25s.BM25()
        bm25.index([analyse(t) for t in texts], show_progress=False)
        return cls(bm25, len(texts))

    @property
    def vocabulary_size(self) -> int:
        return len(self._bm25.vocab_dict)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(folder), allow_pickle=False, show_progress=False)
        meta = {"format_version": LEXICAL_FORMAT_VERSION, "size": self.size, "analyser": ANALYSER}
        (folder / "lexical.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        meta = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        if meta.get("format_version") != LEXICAL_FORMAT_VERSION:
            raise ValueError(f"{folder}: lexical index format {meta.get('format_version')!r}")
        bm25 = bm25s.BM25.load(folder, allow_pickle=False, mmap=False, show_progress=False)
        return cls(bm25, int(meta["size"]))

    def scores(self, question: str) -> npt.NDArray[np.float32]:
        """BM25 score of every passage for `question` (0 where no token matches)."""
        ids = list(dict.fromkeys(self._bm25.get_tokens_ids(analyse(question, question=True))))
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)
