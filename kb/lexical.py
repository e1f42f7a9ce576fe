"""Lexical retrieval: BM25 (bm25s) over Dutch text, stemmed with Snowball and without stop words.

The analyser folds the variants that people type for the report's words onto one token:
accents ("bètatechniek" -> "betatechniek"), case, hyphenated compounds ("cross-over" ->
"crossover" plus its parts), split compounds in questions ("cross over", "beta techniek":
adjacent question words are also tried joined) and abbreviations with an ampersand ("W&T",
"W & T" -> "wt", and "wetenschap en technologie" adds "wt").
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt
import Stemmer

from kb.stopwords import DUTCH_STOP_WORDS

LEXICAL_FORMAT_VERSION = 1

_STEMMER = Stemmer.Stemmer("dutch")

_AMPERSAND_ABBREVIATION = re.compile(r"\b([a-z]{1,3})\s*&\s*([a-z]{1,3})\b")
_WT_SPELLED_OUT = re.compile(r"\bwetenschap\s+(?:en|&)\s+technologie\b")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
# A number keeps its thousands dots and decimal comma ("4.185", "32,1") so that it stays one
# token; a word keeps its inner hyphens so that compounds can be joined below.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'][^\W_]+)*|\d+[^\W_]*")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lowercase, fold accents and unify apostrophes: 'Bèta-Techniek' -> 'beta-techniek'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


def _words(text: str) -> list[str]:
    folded = _AMPERSAND_ABBREVIATION.sub(r"\1\2", fold(text))
    if _WT_SPELLED_OUT.search(folded):
        folded += " wt"
    return _TOKEN.findall(folded)


def _expand(word: str) -> list[str]:
    if word[0].isdigit():
        return [word.replace(".", "")]
    if "-" not in word and "'" not in word:
        return [word]
    parts = [p for p in re.split(r"[-']", word) if p]
    return ["".join(parts), *parts]


def _keep(token: str) -> bool:
    return token not in DUTCH_STOP_WORDS and (len(token) > 1 or token.isdigit())


def analyse(text: str, *, question: bool = False) -> list[str]:
    """The stemmed BM25 tokens of a passage or (with `question=True`) a question.

    >>> analyse("Hoeveel cross over kwalificaties?", question=True)
    ['hoeveel', 'cros', 'kwalificeer', 'hoeveelcros', 'crossover', 'overkwalificeer']
    """
    words = _words(text)
    tokens = [t for w in words for t in _expand(w)]
    if question:
        # People split compounds the report writes as one word ("beta techniek"); a joined pair
        # that is not in the vocabulary is simply ignored by BM25.
        plain = [w for w in words if w.isalpha()]
        tokens += [a + b for a, b in itertools.pairwise(plain)]
    kept = [t for t in tokens if _keep(t)]
    return list(_STEMMER.stemWords(kept))


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
        meta = {"format_version": LEXICAL_FORMAT_VERSION, "size": self.size, "analyser": "nl-1"}
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
