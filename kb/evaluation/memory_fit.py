"""The question memory in `kb fit`: made from the bank, and read so that no question sees
itself or, in cross-validation, the goals held out with it.

The memory's ranker (kb.answers.model.Remembered) learns how far to trust a remembered
question from the bank's own questions: each training question reads the memory without
itself (its paraphrases, written beside it, stay). In cross-validation a held-out question
reads either the memory of the training goals only, which holds no sentence of its goal (text
the bank never asked about, a new report's: the model's own ranker answers it unless the
memory knows all its passages), or the whole memory but itself (this report's text asked
anew: the memory's ranker answers it).

Questions may also join a fitted model's memory afterwards (`remember`: `kb fit --recall` and
`kb remember`), with nothing fitted on them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ingest.regions import Gazetteer
from kb.answers.answer import gazetteer_of
from kb.answers.candidates import FEATURES, candidates_of
from kb.answers.memory import (
    MEMORY_FEATURES,
    MemoryView,
    QuestionMemory,
    remembers,
)
from kb.answers.model import AnswerModel
from kb.answers.recalled import joined, recalled_passages
from kb.evaluation.fitdata import Example, Retrieved, goal_of, labels_of
from kb.evaluation.questions import EvalQuestion, questions_digest
from kb.index import Index
from kb.sentence_store import SentenceStore

_COLUMNS = slice(FEATURES.index(MEMORY_FEATURES[0]), len(FEATURES))


@dataclass(frozen=True)
class BankMemory:
    """The memory of the bank's questions (the answerable ones, then the others), and whose
    each entry is."""

    memory: QuestionMemory
    view: MemoryView
    ids: npt.NDArray[np.str_]
    goals: npt.NDArray[np.int64]
    store: SentenceStore
    gazetteer: Gazetteer | None

    @classmethod
    def of(cls, index: Index, retrieved: Sequence[Retrieved]) -> BankMemory:
        """The answerable questions of `retrieved` with their spans, then the unanswerable."""
        answered = [r for r in retrieved if r.question.answerable and r.question.fact]
        unanswered = [r for r in retrieved if not r.question.answerable]
        kept = [*answered, *unanswered]
        memory = QuestionMemory.of(
            index.embedder.name,
            [r.question.fact or "" for r in kept],
            np.stack([np.asarray(r.vector, dtype=np.float32).reshape(-1) for r in kept]),
            unanswerable=len(unanswered),
            values=[r.question.value or "" for r in kept],
        )
        assert index.sentences is not None
        return cls(
            memory,
            MemoryView.of(memory, index.sentences),
            np.asarray([r.question.id for r in kept]),
            np.asarray([goal_of(r.question) for r in kept], dtype=np.int64),
            index.sentences,
            gazetteer_of(index.settings),
        )

    def read(self, examples: Sequence[Example], without_goals: Sequence[int] = ()) -> list[Example]:
        """`examples` with their memory columns filled: each without itself and without the
        questions of `without_goals`."""
        goals = ~np.isin(self.goals, list(without_goals))
        return [self._read(e, goals & (self.ids != e.question.id)) for e in examples]

    def abstention_columns(
        self, retrieved: Sequence[Retrieved], fold: Callable[[int], int] | None = None
    ) -> dict[str, npt.NDArray[np.float32]]:
        """Each question's `NEAR_MISS_FEATURES`, read without itself (and, with `fold`, a
        goal's fold, without the questions of its fold's goals: text never asked about)."""
        folds = np.asarray([fold(int(g)) for g in self.goals]) if fold is not None else None
        out: dict[str, npt.NDArray[np.float32]] = {}
        for item in retrieved:
            allowed = self.ids != item.question.id
            if fold is not None and folds is not None:
                allowed &= folds != fold(goal_of(item.question))
            out[item.question.id] = self.view.abstention_columns(item.vector, allowed)
        return out

    def _read(self, example: Example, allowed: npt.NDArray[np.bool_]) -> Example:
        """One example reading the `allowed` questions; when the memory knows its passages,
        with the passages the memory brings back among its candidates (as at run time,
        kb.answers.decide)."""
        rows = example.rows.copy()
        vector = example.retrieved.vector
        rows[:, _COLUMNS] = self.view.columns(
            vector, [c.number for c in example.candidates], allowed
        )
        read = dataclasses.replace(example, rows=rows)
        if not remembered(read):
            return read
        item = example.retrieved
        taken = item.hits[: item.passages]
        extra = recalled_passages(
            self.view, self.store, vector, taken, lambda: item.deeper, allowed
        )
        if not extra:
            return read
        candidates, rows = candidates_of(
            self.store,
            [*taken, *extra],
            vector,
            example.info,
            example.types,
            self.gazetteer,
            worded=True,
        )
        rows[:, _COLUMNS] = self.view.columns(vector, [c.number for c in candidates], allowed)
        return dataclasses.replace(
            example,
            retrieved=dataclasses.replace(item, hits=joined(item.hits, extra)),
            candidates=candidates,
            rows=rows,
            labels=labels_of(candidates, item),
        )


def remembered(example: Example) -> bool:
    """Whether the memory's ranker ranks the example: the memory knows all its passages
    (kb.answers.memory.remembers, as in kb.answers.decide)."""
    return remembers([c.hit.chunk.id for c in example.candidates], example.rows)


def remember(
    model: AnswerModel,
    index: Index,
    retrieved: Sequence[Retrieved],
    fitted_on: Sequence[EvalQuestion] = (),
) -> AnswerModel:
    """`model` whose memory holds the questions of `retrieved` after the fitted ones (their
    spans after the fitted spans, the ones the report does not answer last), in place of any
    joined before; with none, the memory as fitted. A memory fitted before values were kept
    gets its fitted questions' values from `fitted_on`, the questions it was fitted on
    (`valued`).

    Raises:
        ValueError: the model has no memory, holds vectors of another embedder, or lacks
            values and `fitted_on` are not the questions it was fitted on.
    """
    if model.memory is None:
        raise ValueError("the model has no memory (fitted before it existed): run kb fit")
    held = model.memory.questions
    if not held.values and fitted_on:
        held = valued(held.fitted(), fitted_on)
    if retrieved:
        digest = questions_digest([r.question for r in retrieved])
        held = held.joined(BankMemory.of(index, retrieved).memory, digest)
    else:
        held = held.fitted()
    return model.model_copy(update={"memory": model.memory.model_copy(update={"questions": held})})


def valued(memory: QuestionMemory, questions: Sequence[EvalQuestion]) -> QuestionMemory:
    """`memory` (as fitted) with the values of `questions`, the questions it was fitted on
    (the answerable ones with a span, then the others, as `BankMemory.of` keeps them).

    Raises:
        ValueError: their spans are not the memory's, row by row.
    """
    answered = [q for q in questions if q.answerable and q.fact]
    kept = [*answered, *(q for q in questions if not q.answerable)]
    if [q.fact or "" for q in kept] != memory.facts:
        raise ValueError("the memory was not fitted on these questions (their spans differ)")
    return memory.with_values([q.value or "" for q in kept])
