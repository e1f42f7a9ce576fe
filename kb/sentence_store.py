"""The sentences of every chunk, split and embedded at build time, for extractive answers.

Three files in a build folder, listed in its manifest like the others:

    sentences.jsonl      one row per sentence: {"chunk": <row in chunks.jsonl>, "start", "end"}
                         (the span inside that chunk's display text)
    sentences.npy        float32 (sentences, dimension), L2-normalised, row i for line i; each
                         sentence read after the sentence before it (`in_passage`)
    sentences-alone.npy  the same rows, each sentence embedded alone (`scored_text`): the
                         sentence before it helps "Hiermee komt het aandeel op 24%." but blurs
                         two neighbours, so the answer step compares both

Only the sentences alone are embedded; `in_passage` makes the first file from them, so that a
build embeds each sentence once.

At question time only the question is embedded; a sentence's similarity is one dot product.
The BM25 statistics of the sentences are computed when the store is loaded (a few hundred
sentences take milliseconds), so that they need no file format of their own.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Container, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.model import Chunk, FootnoteRef
from ingest.sentences import split_sentences
from kb.analyser import analyse, fold
from kb.cache import EmbeddingCache
from kb.embed import Vectors
from kb.errors import SentenceStoreError

SENTENCES_JSONL = "sentences.jsonl"
SENTENCES_NPY = "sentences.npy"
SENTENCES_ALONE_NPY = "sentences-alone.npy"

# BM25 parameters for sentences; b is lower than the usual 0.75 because a long sentence in
# this report is usually a list of facts, not a padded one.
BM25_K1 = 1.2
BM25_B = 0.5


class SentenceRow(BaseModel):
    """One line of `sentences.jsonl`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    chunk: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of a chunk: the chunk's row in the index and the span in its display text."""

    row: int
    start: int
    end: int
    text: str


def cited_footnotes(chunk: Chunk, start: int, end: int) -> list[FootnoteRef]:
    """The footnotes whose marker stands inside the span `start`-`end` of the chunk's text or
    right after it (a marker follows the word it annotates, so at most at the span's end)."""
    return [f for f in chunk.footnotes if f.at is not None and start < f.at <= end + 1]


def sentence_rows(chunks: list[Chunk]) -> list[SentenceRow]:
    """Every sentence of every chunk, in index order; a footnote is one sentence whatever its
    full stops ("34 550 VIII, nr. 21.")."""
    return [
        SentenceRow(chunk=row, start=start, end=end)
        for row, chunk in enumerate(chunks)
        for start, end in (
            [(0, len(chunk.text))] if chunk.kind == "voetnoot" else split_sentences(chunk.text)
        )
    ]


SENTENCE_EMBEDDING = "alone-1,in-passage-mean-1"
"""How sentences are embedded (alone: `scored_text`; in their passage: `in_passage`); a build
made another way is rebuilt."""


def in_passage(alone: Vectors, rows: Sequence[SentenceRow], lengths: Sequence[int]) -> Vectors:
    """Each sentence read after the sentence before it in its passage, from the vectors of
    the sentences alone: the two vectors averaged, each weighted by its text's length in
    characters, then L2-normalised. The first sentence of a passage is its vector alone.

    What embedding the two sentences as one text would give comes out of a mean over its
    tokens; the weighted mean of the two comes close to it (cosine 0.976 on average over the
    bundled report's sentences, `benchmarks/pair_vectors.py`) for half the embedding time.
    "Hiermee komt het aandeel op 24%." so carries the leerweg the sentence before it names.
    """
    vectors = np.array(alone, dtype=np.float32, copy=True)
    for i in range(1, len(rows)):
        if rows[i - 1].chunk != rows[i].chunk:
            continue
        mean = lengths[i - 1] * alone[i - 1] + lengths[i] * alone[i]
        norm = float(np.linalg.norm(mean))
        if norm > 0:
            vectors[i] = mean / norm
    return vectors


def scored_text(chunk: Chunk, start: int, end: int) -> str:
    """What a sentence is matched as: its text, after the sentence that cites it for a
    footnote ("Kamerstuk 31524-311, brief OCW, 20 februari 2017" says nothing of the
    brief Sterk Beroepsonderwijs that it is)."""
    text = chunk.text[start:end]
    return f"{chunk.cited_in}\n{text}" if chunk.cited_in else text


@dataclass(frozen=True)
class SentencesWritten:
    count: int
    embedded: int
    """Sentences embedded anew (the rest came from the embedding cache)."""


SENTENCE_BATCH = 64
"""Sentences embedded per call: progress is reported after each batch."""


def write_sentences(
    chunks: list[Chunk],
    folder: Path,
    cache: EmbeddingCache,
    progress: Callable[[int, int], None] | None = None,
) -> SentencesWritten:
    """Split and embed the sentences of `chunks` into `folder`: each sentence alone, and
    from those each after the sentence before it (`in_passage`).

    Args:
        progress: called as `progress(done, total)` after each batch of sentences.
    """
    rows = sentence_rows(chunks)
    alone = [scored_text(chunks[r.chunk], r.start, r.end) for r in rows]
    parts: list[Vectors] = []
    embedded = 0
    for start in range(0, len(alone), SENTENCE_BATCH):
        batch, fresh = cache.embed_passages(alone[start : start + SENTENCE_BATCH])
        parts.append(batch)
        embedded += fresh
        if progress is not None:
            progress(min(start + SENTENCE_BATCH, len(alone)), len(alone))
    vectors = _joined(parts, cache.dimension)
    (folder / SENTENCES_JSONL).write_bytes(
        "".join(r.model_dump_json() + "\n" for r in rows).encode("utf-8")
    )
    _write_vectors(folder / SENTENCES_NPY, in_passage(vectors, rows, [len(t) for t in alone]))
    _write_vectors(folder / SENTENCES_ALONE_NPY, vectors)
    return SentencesWritten(len(rows), embedded)


def _joined(parts: list[Vectors], dimension: int) -> Vectors:
    if not parts:
        return np.zeros((0, dimension), dtype=np.float32)
    return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)


def _write_vectors(path: Path, vectors: Vectors) -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
    path.write_bytes(buffer.getvalue())


class SentenceStore:
    """The sentences of a loaded index with their vectors and BM25 statistics.

    `vectors` holds each sentence embedded after the sentence before it, `alone` each
    sentence embedded alone (row i for sentence i in both)."""

    def __init__(
        self,
        sentences: list[Sentence],
        vectors: Vectors,
        chunks: list[Chunk] | tuple[Chunk, ...],
        alone: Vectors,
    ) -> None:
        for array in (vectors, alone):
            if array.shape[0] != len(sentences):
                raise SentenceStoreError(
                    f"{len(sentences)} sentences but {array.shape[0]} sentence vectors"
                )
        self.sentences: tuple[Sentence, ...] = tuple(sentences)
        self.vectors = vectors
        self.alone = alone
        by_row: dict[int, list[int]] = {}
        for number, sentence in enumerate(sentences):
            by_row.setdefault(sentence.row, []).append(number)
        self._by_row = {row: tuple(numbers) for row, numbers in by_row.items()}
        self._rows = {chunk.id: row for row, chunk in enumerate(chunks)}
        self._unit_of = {chunk.id: chunk.unit_id for chunk in chunks}
        # A footnote's text counts as words of the sentence that cites it, so that "welk
        # Kamerstuk ..." finds the sentence whose footnote names it.
        self._terms = [
            Counter(
                analyse(
                    " ".join(
                        [scored_text(chunks[s.row], s.start, s.end)]
                        + [f.text for f in cited_footnotes(chunks[s.row], s.start, s.end)]
                    )
                )
            )
            for s in sentences
        ]
        self._lengths = np.array([sum(t.values()) for t in self._terms], dtype=np.float32)
        self._average = float(self._lengths.mean()) if len(sentences) else 1.0
        document_frequency: Counter[str] = Counter()
        for terms in self._terms:
            document_frequency.update(terms.keys())
        n = len(sentences)
        self._idf = {
            term: math.log(1 + (n - df + 0.5) / (df + 0.5))
            for term, df in document_frequency.items()
        }
        self._max_idf = math.log(1 + (n + 0.5) / 0.5)
        self._passage_terms = {
            chunk.id: frozenset(
                analyse(
                    " ".join([chunk.text, chunk.title or "", *(f.text for f in chunk.footnotes)])
                )
            )
            for chunk in chunks
        }

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """The words of the sentences, folded, as written (not stemmed: the parts of
        compounds); read on first use, by the claim check only."""
        return frozenset(w for s in self.sentences for w in re.findall(r"[a-z]+", fold(s.text)))

    def of_chunk(self, chunk_id: str) -> tuple[int, ...]:
        """The numbers of the sentences of a chunk, in text order."""
        row = self._rows.get(chunk_id)
        return () if row is None else self._by_row.get(row, ())

    def bm25(self, question_terms: list[str], numbers: list[int]) -> npt.NDArray[np.float32]:
        """BM25 scores of sentences `numbers` for a question's analysed terms."""
        terms = [t for t in dict.fromkeys(question_terms) if t in self._idf]
        out = np.zeros(len(numbers), dtype=np.float32)
        for i, number in enumerate(numbers):
            counts = self._terms[number]
            norm = BM25_K1 * (1 - BM25_B + BM25_B * self._lengths[number] / self._average)
            out[i] = sum(
                self._idf[t] * counts[t] * (BM25_K1 + 1) / (counts[t] + norm)
                for t in terms
                if t in counts
            )
        return out

    def idf(self, term: str) -> float:
        """The BM25 IDF of a term over the sentences; a term no sentence holds weighs most."""
        return self._idf.get(term, self._max_idf)

    def share(self, terms: Collection[str], held: Container[str]) -> float:
        """The IDF-weighted share of `terms` (distinct) that `held` holds; 0 without terms."""
        total = sum(self.idf(t) for t in terms)
        return sum(self.idf(t) for t in terms if t in held) / total if total else 0.0

    def passage_terms(self, chunk_id: str) -> frozenset[str]:
        """The analysed terms of a chunk's text, example title and footnotes."""
        return self._passage_terms.get(chunk_id, frozenset())

    def part_terms(self, chunk_id: str) -> frozenset[str]:
        """`passage_terms` of every chunk of the part (`Chunk.unit_id`) a chunk belongs to: a
        part of the report (a bullet, an example) split into chunks is one passage for what it
        names."""
        unit = self._unit_of.get(chunk_id)
        return self._unit_terms.get(unit, frozenset()) if unit else self.passage_terms(chunk_id)

    @functools.cached_property
    def _unit_terms(self) -> dict[str, frozenset[str]]:
        units: dict[str, set[str]] = {}
        for chunk_id, terms in self._passage_terms.items():
            units.setdefault(self._unit_of[chunk_id], set()).update(terms)
        return {unit: frozenset(terms) for unit, terms in units.items()}

    def terms(self, number: int) -> Counter[str]:
        """The analysed (stemmed) terms of sentence `number`."""
        return self._terms[number]

    def term_set(self, number: int) -> frozenset[str]:
        """`terms` of sentence `number` as a set."""
        return self._term_sets[number]

    def own_terms(self, number: int) -> frozenset[str]:
        """The terms of sentence `number` that no other sentence of its chunk holds."""
        return self._own_terms[number]

    @functools.cached_property
    def _term_sets(self) -> tuple[frozenset[str], ...]:
        return tuple(frozenset(t) for t in self._terms)

    @functools.cached_property
    def _own_terms(self) -> tuple[frozenset[str], ...]:
        own: list[frozenset[str]] = []
        for number, sentence in enumerate(self.sentences):
            others = (self._term_sets[n] for n in self._by_row[sentence.row] if n != number)
            own.append(self._term_sets[number].difference(*others))
        return tuple(own)


def load_sentences(
    jsonl: bytes, npy: bytes, chunks: list[Chunk] | tuple[Chunk, ...], alone_npy: bytes
) -> SentenceStore:
    """The sentence store from the (already verified) bytes of its three files.

    Raises:
        SentenceStoreError: rows that do not fit the chunks, or vectors of the wrong shape.
    """
    try:
        rows = [SentenceRow.model_validate_json(line) for line in jsonl.decode().splitlines()]
    except (ValidationError, UnicodeDecodeError) as exc:
        raise SentenceStoreError(f"{SENTENCES_JSONL}: {exc}") from exc
    vectors = _read_vectors(SENTENCES_NPY, npy, len(rows))
    alone = _read_vectors(SENTENCES_ALONE_NPY, alone_npy, len(rows))
    if alone.shape != vectors.shape:
        raise SentenceStoreError(
            f"{SENTENCES_ALONE_NPY} holds {alone.shape}, {SENTENCES_NPY} {vectors.shape}"
        )
    sentences: list[Sentence] = []
    for row in rows:
        if not 0 <= row.chunk < len(chunks):
            raise SentenceStoreError(f"{SENTENCES_JSONL}: chunk row {row.chunk} out of range")
        text = chunks[row.chunk].text
        if not 0 <= row.start < row.end <= len(text):
            raise SentenceStoreError(f"{SENTENCES_JSONL}: span {row.start}-{row.end} out of range")
        sentences.append(Sentence(row.chunk, row.start, row.end, text[row.start : row.end]))
    return SentenceStore(sentences, vectors, chunks, alone)


def _read_vectors(name: str, npy: bytes, count: int) -> Vectors:
    vectors = np.load(io.BytesIO(npy), allow_pickle=False)
    if vectors.dtype != np.float32 or vectors.ndim != 2 or vectors.shape[0] != count:
        raise SentenceStoreError(
            f"{name} holds {vectors.dtype} {vectors.shape}, expected float32 ({count}, dimension)"
        )
    return np.ascontiguousarray(vectors, dtype=np.float32)
