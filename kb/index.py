"""The loaded index and hybrid retrieval: dense (FAISS) and BM25, fused by reciprocal rank.

The loaded `Index` is the one stateful object; `kb.store.load_index` makes it. A question is
cleaned where it enters the library (`clean_question`, in `Index.search` and `kb.answer`);
the retriever, the fusion and a precomputed question vector are arguments of `Index.search`,
defaulting to the settings the index was loaded with.

>>> index = load_index(settings, make_embedder(settings))
>>> hits = index.search("hoeveel cross-over kwalificaties raken techniek?", Filters(goals=(9,)))
>>> hits[0].chunk.goal
9
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

import faiss
import numpy as np
import numpy.typing as npt

from ingest.model import Chunk
from kb.analyser import fold
from kb.embed import Embedder, Vectors
from kb.errors import EmptyQuestionError, SearchError, UnknownFilterError
from kb.lexical import LexicalIndex
from kb.sentence_store import SentenceStore
from kb.settings import Settings
from kb.text import limit_question

log = logging.getLogger(__name__)
_faiss: Any = faiss  # its type stubs lack the search-parameter classes

Retriever = Literal["hybrid", "dense", "bm25"]


@dataclass(frozen=True)
class Filters:
    """Restrict a search to chunks matching every non-empty field (any value within a field).

    `regions` matches a chunk's regions or its provinces (case and accents ignored).
    """

    goals: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.goals or self.regions or self.kinds or self.documents)


@dataclass(frozen=True)
class Fusion:
    """Reciprocal rank fusion: each ranking adds `weight / (rrf_k + rank)` to a chunk."""

    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk. `score` is what the ranking used (RRF, cosine or BM25, after the
    retriever); `dense_score` is None when the chunk was not among the dense candidates."""

    chunk: Chunk
    score: float
    rank: int
    dense_score: float | None
    bm25_score: float | None


@dataclass(frozen=True)
class Question:
    """A question as searched: cleaned, possibly cut, with a notice saying so."""

    text: str
    notice: str | None = None


def clean_question(question: str, max_chars: int) -> Question:
    """Cut at `max_chars` first (`kb.text.limit_question`, with a notice), then NFC, control
    characters out, white space collapsed.

    Raises:
        EmptyQuestionError: nothing is left to search.
    """
    limited = limit_question(question, max_chars)
    normal = unicodedata.normalize("NFC", limited.text)
    # NFC can lengthen a few characters (U+0958 becomes two): the limit holds after it too.
    text = " ".join(_printable(normal).split())[:max_chars].strip()
    if not text:
        raise EmptyQuestionError("the question is empty: type a question in words")
    if limited.notice:
        log.warning(limited.notice)
    return Question(text, limited.notice)


def _printable(text: str) -> str:
    """White space as spaces, control and format characters (zero-width, bidi) left out."""
    return "".join(
        " " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c)[0] != "C"
    )


def retrieval_text(chunk: Chunk) -> str:
    """What is embedded and indexed for a chunk: its context header, then its display text."""
    return f"{chunk.context}\n{chunk.text}" if chunk.context else chunk.text


def _valid(name: str, given: Any, valid: list[Any]) -> UnknownFilterError:
    listed = ", ".join(str(v) for v in valid) or "(none in this index)"
    return UnknownFilterError(f"unknown {name} {given!r}; valid {name}s: {listed}")


class Index:
    """A loaded index: chunks, the FAISS index, the BM25 index, the query embedder and the
    sentences for answers (None for an index made without them)."""

    def __init__(
        self,
        chunks: list[Chunk],
        dense: faiss.Index,
        lexical: LexicalIndex,
        embedder: Embedder,
        settings: Settings,
        build_id: str = "",
        sentences: SentenceStore | None = None,
    ) -> None:
        if dense.ntotal != len(chunks) or lexical.size != len(chunks):
            raise ValueError("dense, lexical and chunk counts differ")
        self.chunks: tuple[Chunk, ...] = tuple(chunks)
        self.dense = dense
        self.lexical = lexical
        self.embedder = embedder
        self.settings = settings
        self.build_id = build_id
        self.sentences = sentences
        # The kind of the index as built, whatever the settings say now.
        self._kind = (
            "ivf"
            if faiss.try_extract_index_ivf(dense) is not None
            else "hnsw"
            if isinstance(dense, faiss.IndexHNSW)
            else "flat"
        )
        self._goals = np.array([c.goal if c.goal is not None else -1 for c in chunks])
        self._kinds = np.array([c.kind for c in chunks], dtype=object)
        self._documents = np.array([c.document for c in chunks], dtype=object)
        self._regions = [frozenset(fold(r) for r in (*c.regions, *c.provinces)) for c in chunks]
        self.goal_titles: dict[int, str] = {
            c.goal: c.goal_title for c in chunks if c.goal is not None and c.goal_title
        }
        """Each goal's title (sentence case), for lists of goals and the goal filter."""

    def fusion(self) -> Fusion:
        """The fusion of the settings the index was loaded with."""
        return Fusion(self.settings.rrf_k, self.settings.dense_weight, self.settings.bm25_weight)

    def filter_values(self) -> dict[str, list[Any]]:
        """The values that filters may take in this index."""
        regions = {r for c in self.chunks for r in (*c.regions, *c.provinces)}
        return {
            "goal": sorted({c.goal for c in self.chunks if c.goal is not None}),
            "region": sorted(regions, key=fold),
            "kind": sorted({c.kind for c in self.chunks}),
            "document": sorted({c.document for c in self.chunks}),
        }

    def allowed(self, filters: Filters | None) -> npt.NDArray[np.bool_] | None:
        """Boolean mask of the chunks a filter allows (None: all).

        Raises:
            UnknownFilterError: a value no chunk has, with the list of valid ones.
        """
        if filters is None or filters.is_empty():
            return None
        valid = self.filter_values()
        mask = np.ones(len(self.chunks), dtype=bool)
        if filters.goals:
            for goal in filters.goals:
                if goal not in valid["goal"]:
                    raise _valid("goal", goal, valid["goal"])
            mask &= np.isin(self._goals, list(filters.goals))
        if filters.kinds:
            for kind in filters.kinds:
                if kind not in valid["kind"]:
                    raise _valid("kind", kind, valid["kind"])
            mask &= np.isin(self._kinds, list(filters.kinds))
        if filters.documents:
            for document in filters.documents:
                if document not in valid["document"]:
                    raise _valid("document", document, valid["document"])
            mask &= np.isin(self._documents, list(filters.documents))
        if filters.regions:
            known = {fold(r) for r in valid["region"]}
            for region in filters.regions:
                if not isinstance(region, str) or fold(region) not in known:
                    raise _valid("region", region, valid["region"])
            wanted = {fold(r) for r in filters.regions}
            mask &= np.array([bool(r & wanted) for r in self._regions], dtype=bool)
        return mask

    def search(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int = 5,
        *,
        retriever: Retriever | None = None,
        fusion: Fusion | None = None,
        vector: Vectors | None = None,
    ) -> list[Hit]:
        """The `top_k` chunks that best answer `question`, all within `filters`.

        Args:
            question: the question as typed; cleaned here (`clean_question`: control and
                bidi characters out, white space collapsed, cut at `max_question_chars`).
            retriever, fusion: default to the settings the index was loaded with.
            vector: the question's embedding, when the caller already has it
                (`embed_question`); otherwise the dense retrievers embed the question.

        Raises:
            EmptyQuestionError: the question is empty or whitespace only.
            UnknownFilterError: a filter value that the index does not have.
            SearchError: `top_k` below 1.
        """
        if top_k < 1:
            raise SearchError(f"top_k must be at least 1, not {top_k}")
        text = clean_question(question, self.settings.max_question_chars).text
        retriever = retriever or self.settings.retriever
        mask = self.allowed(filters)
        allowed = len(self.chunks) if mask is None else int(mask.sum())
        k = min(top_k, allowed)
        if k == 0:
            return []
        depth = max(self.settings.candidates, k)
        bm25 = self.lexical.scores(text)
        dense: dict[int, float] = {}
        if retriever != "bm25":
            query = self.embed_question(text) if vector is None else vector
            dense = self._dense(query, mask, depth)
        if retriever == "dense":
            ranked = sorted(dense.items(), key=lambda rs: (-rs[1], rs[0]))
        elif retriever == "bm25":
            ranked = self._bm25_ranking(bm25, mask, depth)
        else:
            ranked = fuse(dense, self._bm25_ranking(bm25, mask, depth), fusion or self.fusion())
        ranked = ranked[:k]
        if len(ranked) < k:
            ranked += self._rest(ranked, mask, k - len(ranked))
        return [
            Hit(
                chunk=self.chunks[row],
                score=float(score),
                rank=rank,
                dense_score=dense.get(row),
                bm25_score=float(bm25[row]),
            )
            for rank, (row, score) in enumerate(ranked, start=1)
        ]

    def embed_question(self, question: str) -> Vectors:
        """The question's embedding (one row), as the dense retriever searches with it."""
        return self.embedder.embed_queries([question])

    def _dense(
        self, vector: Vectors, mask: npt.NDArray[np.bool_] | None, depth: int
    ) -> dict[int, float]:
        selector = None
        if mask is not None:
            selector = faiss.IDSelectorBatch(np.flatnonzero(mask).astype(np.int64))
        params = self._search_parameters(selector)
        scores, rows = self.dense.search(vector, min(depth, len(self.chunks)), params=params)
        return {int(r): float(s) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0}

    def _search_parameters(self, selector: Any) -> Any:
        params: Any
        if self._kind == "ivf":
            params = _faiss.SearchParametersIVF()
            params.nprobe = self.settings.ivf_nprobe
        elif self._kind == "hnsw":
            params = _faiss.SearchParametersHNSW()
            params.efSearch = self.settings.hnsw_ef_search
        elif selector is None:
            return None
        else:
            params = _faiss.SearchParameters()
        if selector is not None:
            params.sel = selector
        return params

    @staticmethod
    def _bm25_ranking(
        scores: npt.NDArray[np.float32], mask: npt.NDArray[np.bool_] | None, depth: int
    ) -> list[tuple[int, float]]:
        matching = scores > 0
        if mask is not None:
            matching &= mask
        rows = np.flatnonzero(matching)
        order = rows[np.lexsort((rows, -scores[rows]))][:depth]
        return [(int(r), float(scores[r])) for r in order]

    def _rest(
        self, ranked: list[tuple[int, float]], mask: npt.NDArray[np.bool_] | None, count: int
    ) -> list[tuple[int, float]]:
        # Only when the candidates run short (few BM25 matches, an approximate index): the
        # remaining allowed chunks in report order, so that k results always come back.
        taken = {row for row, _ in ranked}
        rows = range(len(self.chunks)) if mask is None else np.flatnonzero(mask)
        return [(int(r), 0.0) for r in rows if int(r) not in taken][:count]


def fuse(
    dense: dict[int, float], bm25: list[tuple[int, float]], fusion: Fusion
) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of a dense and a BM25 ranking (row -> score), best first; ties
    go to the better dense rank, then to report order."""
    fused: dict[int, float] = {}
    dense_order = sorted(dense, key=lambda r: (-dense[r], r))
    for rank, row in enumerate(dense_order, start=1):
        fused[row] = fused.get(row, 0.0) + fusion.dense_weight / (fusion.rrf_k + rank)
    for rank, (row, _) in enumerate(bm25, start=1):
        fused[row] = fused.get(row, 0.0) + fusion.bm25_weight / (fusion.rrf_k + rank)
    dense_rank = {row: rank for rank, row in enumerate(dense_order)}
    return sorted(fused.items(), key=lambda rs: (-rs[1], dense_rank.get(rs[0], len(dense)), rs[0]))


__all__ = [
    "Filters",
    "Fusion",
    "Hit",
    "Index",
    "Question",
    "Retriever",
    "clean_question",
    "fuse",
    "retrieval_text",
]
