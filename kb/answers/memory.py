"""What readers asked before: the question bank's answerable questions as a memory of the
sentences that answer them.

Every sentence of the report is asked at least twice in the bank (eval/bank), in other words
each time. A new question worded like one of them is likely answered by the same sentence,
even when it shares few words with it ("Hoeveel opleidingen die twee vakgebieden combineren
gaan over techniek?" and "... acht cross-over kwalificaties goedgekeurd, waarvan er vier
raken aan de techniek."): two questions are paraphrases more plainly than a question and its
answer are. `kb fit` stores the questions' embeddings with their gold span in the answer
model (`QuestionMemory`, read against the sentences by `MemoryView`); each candidate gets more
features (`MEMORY_FEATURES`): the cosine of the question with the closest remembered question
that its sentence answers, and that cosine's difference from the question's best; and the
share of the vote of the ten closest remembered questions that goes to its sentence (each
voter weighted by how close it is), and that share's difference from the question's best.

The memory also brings passages back (kb.answers.recalled): the sentences that the five
remembered questions closest to a new one answer are among its candidates even when the search
ranked their passage below the first five, as long as the memory knows the passages the search
found (`remembers`).

It remembers the questions the report does not answer as well (near misses, off-topic ones;
`QuestionMemory.unanswerable`), which answer no sentence: a new question closer to one of them
than to any question the report answers is likely one more (`NEAR_MISS_FEATURES`: their share
of the closest questions' vote, read by the memory's abstainer). Out of fold, 53% of the near
misses in users' words stand closer to a remembered near miss than to a remembered answerable
question, and 3% of their answerable questions.

The memory knows only the report the bank was written for. A ranker fitted with it (the
model's `memory` part) ranks a question's candidates only when the memory knows every one of
their passages (`remembers`); a new report's text is ranked by the model's own ranker, which
never reads these columns. The memory holds vectors of the embedder it was fitted with only;
under another embedder it is not read.
"""

from __future__ import annotations

import base64
import bisect
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, model_validator

from kb.embed import Vectors
from kb.sentence_store import SentenceStore
from kb.text import as_indexed

MEMORY_FEATURES: tuple[str, ...] = (
    "memory_similarity",
    "memory_similarity_to_best",
    "memory_vote",
    "memory_vote_to_best",
)
"""The columns the memory fills, the last of a candidate's row (kb.answers.candidates)."""
VOTERS = 10
"""How many of the remembered questions closest to a question vote for the sentences they
answer (`memory_vote`)."""
VOTE_WIDTH = 0.02
"""A voter's weight is exp((its cosine - the closest one's) / VOTE_WIDTH): a question 0.02
less alike than the closest counts e^-1 as much."""
RECALLED_QUESTIONS = 5
"""How many of the closest remembered questions may bring their sentence's passage among a
question's candidates when the search ranked it lower (kb.answers.recalled)."""
RECALL_DEPTH = 100
"""How deep a question's search is read for the passages the memory brings back."""
NEAR_MISS_FEATURES: tuple[str, ...] = ("near_miss_vote",)
"""What the remembered questions the report does not answer add to the abstention row of
text the bank asked about (`MemoryView.abstention_columns`): their share of the vote of the
`VOTERS` remembered questions closest to the question, weighted as `memory_vote` is."""


class Recall(BaseModel):
    """Questions joined to a fitted memory afterwards (`kb remember`, `kb fit --recall`): no
    part of the model was fitted, chosen or scored with them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    answerable: int
    """The last answerable rows are this many of them."""
    unanswerable: int
    """The last rows are this many of them (near misses, off-topic ones)."""
    digest: str
    """Names the questions: sha256 of their records, first 12 hex digits."""


class QuestionMemory(BaseModel):
    """The remembered questions: one embedding (int8 with a scale per row, base64) and gold
    span each.

    int8 rows keep the file small (1 byte a dimension instead of float16's 2): a row is its
    largest component's magnitude over 127 times its int8 codes, so a cosine read from it is
    off by about 0.001.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    embedder: str
    """The embedder (its `name`) the vectors are of."""
    dimension: int
    facts: list[str]
    """Each question's gold span, verbatim from the report; "" for the `unanswerable`."""
    vectors: str
    """int8 codes (questions, dimension), base64."""
    scales: str
    """float32 (questions,), little-endian, base64: each row's codes times its scale is its
    embedding."""
    unanswerable: int = 0
    """The last rows are this many questions the report does not answer (near misses and
    off-topic ones): they answer no sentence, and tell abstention what such a question looks
    like (`NEAR_MISS_FEATURES`)."""
    recall: Recall | None = None
    """Which rows were joined after the fit (None: none were)."""
    values: list[str] = Field(default_factory=list)
    """Each question's gold value as the report writes it ("" for none), read by
    kb.answers.remembered_value; empty in a memory fitted before values were kept."""

    @model_validator(mode="after")
    def _one_value_a_row(self) -> QuestionMemory:
        if self.values and len(self.values) != len(self.facts):
            raise ValueError(f"{len(self.values)} values for {len(self.facts)} questions")
        return self

    @classmethod
    def of(
        cls,
        embedder: str,
        facts: Sequence[str],
        vectors: Vectors,
        unanswerable: int = 0,
        values: Sequence[str] = (),
    ) -> QuestionMemory:
        data = np.asarray(vectors, dtype=np.float32).reshape(len(facts), -1)
        largest = np.abs(data).max(axis=1) if len(data) else np.zeros(0, dtype=np.float32)
        scales = np.where(largest > 0, largest / 127.0, 1.0).astype("<f4")
        codes = np.clip(np.rint(data / scales[:, None]), -127, 127).astype(np.int8)
        return cls(
            embedder=embedder,
            dimension=int(data.shape[1]),
            facts=list(facts),
            vectors=base64.b64encode(codes.tobytes()).decode("ascii"),
            scales=base64.b64encode(scales.tobytes()).decode("ascii"),
            unanswerable=unanswerable,
            values=list(values),
        )

    def fitted(self) -> QuestionMemory:
        """The memory as the fit wrote it: without the rows joined afterwards."""
        if self.recall is None:
            return self
        answered = len(self.facts) - self.unanswerable
        rows = np.r_[
            0 : answered - self.recall.answerable,
            answered : len(self.facts) - self.recall.unanswerable,
        ]
        kept = self._rows(rows, self.unanswerable - self.recall.unanswerable)
        return kept.model_copy(update={"recall": None})

    def joined(self, other: QuestionMemory, digest: str) -> QuestionMemory:
        """The fitted memory (`fitted`) with `other`'s rows joined (`Recall`, named `digest`):
        its answerable questions after the fitted ones, its unanswerable ones last. Rows are
        copied as stored, not quantised anew."""
        if other.embedder != self.embedder or other.dimension != self.dimension:
            raise ValueError(
                f"questions embedded by {other.embedder}, the memory's by {self.embedder}"
            )
        base = self.fitted()
        both = base._stacked(other)
        answered = len(base.facts) - base.unanswerable
        added = len(other.facts) - other.unanswerable
        total = len(both.facts)
        order = np.r_[
            0:answered,
            len(base.facts) : len(base.facts) + added,
            answered : len(base.facts),
            total - other.unanswerable : total,
        ]
        unanswerable = base.unanswerable + other.unanswerable
        kept = both._rows(order, unanswerable)
        note = Recall(answerable=added, unanswerable=other.unanswerable, digest=digest)
        return kept.model_copy(update={"recall": note})

    def _codes(self) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
        codes = np.frombuffer(base64.b64decode(self.vectors), dtype=np.int8)
        scales = np.frombuffer(base64.b64decode(self.scales), dtype="<f4")
        return codes.reshape(len(self.facts), self.dimension), scales

    def _stacked(self, other: QuestionMemory) -> QuestionMemory:
        """Both memories' rows, `self`'s first (`unanswerable` left to the caller)."""
        codes, scales = self._codes()
        more, more_scales = other._codes()
        valued = bool(self.values or other.values)
        return self._with(
            [*self.facts, *other.facts],
            np.concatenate([codes, more]),
            np.concatenate([scales, more_scales]),
            0,
            [*self.row_values(), *other.row_values()] if valued else [],
        )

    def _rows(self, rows: npt.NDArray[np.intp], unanswerable: int) -> QuestionMemory:
        codes, scales = self._codes()
        values = [self.values[i] for i in rows] if self.values else []
        facts = [self.facts[i] for i in rows]
        return self._with(facts, codes[rows], scales[rows], unanswerable, values)

    def row_values(self) -> list[str]:
        """Each row's gold value ("" for none, and for every row of a memory without values)."""
        return self.values or [""] * len(self.facts)

    def with_values(self, values: Sequence[str]) -> QuestionMemory:
        """This memory with each row's gold value `values` (one per row)."""
        if len(values) != len(self.facts):
            raise ValueError(f"{len(values)} values for a memory of {len(self.facts)} questions")
        return self.model_copy(update={"values": list(values)})

    def _with(
        self,
        facts: list[str],
        codes: npt.NDArray[np.int8],
        scales: npt.NDArray[np.float32],
        unanswerable: int,
        values: list[str],
    ) -> QuestionMemory:
        return self.model_copy(
            update={
                "facts": facts,
                "vectors": base64.b64encode(codes.astype(np.int8).tobytes()).decode("ascii"),
                "scales": base64.b64encode(scales.astype("<f4").tobytes()).decode("ascii"),
                "unanswerable": unanswerable,
                "values": values,
            }
        )

    def matrix(self) -> npt.NDArray[np.float32]:
        """The questions' embeddings, one row each."""
        codes, scales = self._codes()
        rows = codes.astype(np.float32)
        return np.asarray(rows * scales.astype(np.float32)[:, None], dtype=np.float32)


@dataclass(frozen=True)
class MemoryView:
    """A memory read against one sentence store: which remembered questions each sentence
    answers (the sentences that hold the question's gold span)."""

    matrix: npt.NDArray[np.float32]
    of_sentence: dict[int, npt.NDArray[np.intp]]
    sentence_of: npt.NDArray[np.intp]
    """Each remembered question's (first) sentence; -1 when no sentence holds its span."""
    unanswered: npt.NDArray[np.bool_]
    """The remembered questions the report does not answer."""
    values: tuple[str, ...]
    """Each remembered question's gold value ("" for none: `QuestionMemory.values`)."""
    _last: dict[bytes, npt.NDArray[np.float32]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """The last question's cosines with every remembered question: the answer step reads
    them up to three times (its candidates, the passages brought back, their candidates)."""

    @classmethod
    def of(cls, memory: QuestionMemory, store: SentenceStore) -> MemoryView:
        texts = [s.text for s in store.sentences]
        starts = list(np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]))
        joined = "\n".join(texts)
        found: dict[int, list[int]] = {}
        answered = len(memory.facts) - memory.unanswerable
        for row, fact in enumerate(memory.facts[:answered]):
            for number in _sentences_holding(joined, starts, as_indexed(fact)):
                found.setdefault(number, []).append(row)
        first = np.full(len(memory.facts), -1, dtype=np.intp)
        for number in sorted(found, reverse=True):
            first[found[number]] = number
        return cls(
            memory.matrix(),
            {n: np.asarray(rows, dtype=np.intp) for n, rows in found.items()},
            first,
            np.arange(len(memory.facts)) >= answered,
            tuple(memory.row_values()),
        )

    def pointed(
        self,
        vector: Vectors,
        allowed: npt.NDArray[np.bool_] | None = None,
        count: int = RECALLED_QUESTIONS,
    ) -> list[int]:
        """The sentences that the `count` remembered questions closest to the question
        (embedded as `vector`; of those `allowed`) answer, closest first."""
        usable = self.sentence_of >= 0
        if allowed is not None:
            usable &= allowed
        if not usable.any():
            return []
        cosines = np.where(usable, self.cosines(vector), -np.inf)
        closest = np.argsort(-cosines, kind="stable")[: min(count, int(usable.sum()))]
        return list(dict.fromkeys(int(self.sentence_of[row]) for row in closest))

    def columns(
        self,
        vector: Vectors,
        numbers: Sequence[int],
        allowed: npt.NDArray[np.bool_] | None = None,
    ) -> npt.NDArray[np.float32]:
        """The `MEMORY_FEATURES` of candidates (their sentences' numbers) for the question
        embedded as `vector`; `allowed` masks remembered questions out (`kb fit` leaves a
        question itself and the goals it holds out)."""
        out = np.zeros((len(numbers), len(MEMORY_FEATURES)), dtype=np.float32)
        found = {n: self.of_sentence[n] for n in set(numbers) if n in self.of_sentence}
        if not found:
            return out
        cosines = self.cosines(vector)
        if allowed is not None:
            cosines = np.where(allowed, cosines, -np.inf)
        weights = self._votes(cosines)
        for i, number in enumerate(numbers):
            if number in found:
                out[i, 0] = max(float(cosines[found[number]].max()), 0.0)
                out[i, 2] = float(weights[found[number]].sum())
        if len(out):
            out[:, 1] = out[:, 0] - out[:, 0].max()
            out[:, 3] = out[:, 2] - out[:, 2].max()
        return out

    def abstention_columns(
        self, vector: Vectors, allowed: npt.NDArray[np.bool_] | None = None
    ) -> npt.NDArray[np.float32]:
        """The `NEAR_MISS_FEATURES` of the question embedded as `vector` (of the remembered
        questions `allowed`): the share of the vote that goes to the questions the report does
        not answer, among the closest of those and of the questions that answer a sentence."""
        cosines = self.cosines(vector)
        voting = self.unanswered | (self.sentence_of >= 0)
        if allowed is not None:
            voting = voting & allowed
        weights = _vote(np.where(voting, cosines, -np.inf))
        return np.asarray([weights[self.unanswered].sum()], dtype=np.float32)

    def cosines(self, vector: Vectors) -> npt.NDArray[np.float32]:
        """The cosine of the question embedded as `vector` with each remembered question."""
        flat = np.ascontiguousarray(np.ravel(vector), dtype=np.float32)
        key = flat.tobytes()
        cached = self._last.get(key)
        if cached is None:
            # By einsum's own loop: one core (BLAS's threads, woken for a product this size,
            # then competed with the next question's embedding).
            cached = np.einsum("ij,j->i", self.matrix, flat)
            cached.setflags(write=False)
            self._last.clear()
            self._last[key] = cached
        return cached

    def _votes(self, cosines: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Each remembered question's share of the vote: the `VOTERS` closest that answer a
        sentence, weighted by closeness; 0 for the others."""
        return _vote(np.where(self.sentence_of >= 0, cosines, -np.inf))


def _vote(cosines: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Each remembered question's share of a vote of the `VOTERS` closest (of those with a
    finite cosine), weighted by closeness; 0 for the others."""
    count = min(VOTERS, int(np.isfinite(cosines).sum()))
    weights = np.zeros(len(cosines), dtype=np.float32)
    if count == 0:
        return weights
    voters = np.argpartition(-cosines, count - 1)[:count]
    closeness = np.exp((cosines[voters] - cosines[voters].max()) / VOTE_WIDTH)
    weights[voters] = closeness / closeness.sum()
    return weights


_VIEWS: weakref.WeakKeyDictionary[SentenceStore, dict[int, MemoryView]] = (
    weakref.WeakKeyDictionary()
)


def view_of(
    memory: QuestionMemory | None, store: SentenceStore, embedder: str
) -> MemoryView | None:
    """The memory read against `store` (made once per store), or None when there is no
    memory or it holds vectors of another embedder than `embedder`."""
    if memory is None or memory.embedder != embedder:
        return None
    views = _VIEWS.setdefault(store, {})
    if id(memory) not in views:
        views[id(memory)] = MemoryView.of(memory, store)
    return views[id(memory)]


def remembers(passages: Sequence[str], rows: npt.NDArray[np.float32]) -> bool:
    """Whether the memory knows every passage of a question's candidates: each passage
    (`passages`: each row's chunk id) has a candidate with a remembered question (the memory
    columns are the last of a row, kb.answers.candidates). A question whose passages are
    partly a new report's text is ranked without the memory."""
    if not len(passages):
        return False
    similarity = rows[:, -len(MEMORY_FEATURES)]
    owners = np.asarray(passages)
    return all(bool(np.any(similarity[owners == p] > 0)) for p in set(passages))


def _sentences_holding(joined: str, starts: list[int], fact: str) -> list[int]:
    """The numbers of the sentences (joined by newlines, starting at `starts`) that hold
    `fact` whole."""
    out: list[int] = []
    at = joined.find(fact)
    while at >= 0:
        out.append(bisect.bisect_right(starts, at) - 1)
        at = joined.find(fact, at + 1)
    return list(dict.fromkeys(out))
