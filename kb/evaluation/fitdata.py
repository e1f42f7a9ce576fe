"""Training data for the answer ranker: every candidate of every question, with its label.

A candidate is right when its sentence holds the question's gold fact and, for a question with
a gold value, its value is that value. The retrieval of each question is done once here; the
ranker's cross-validation then only refits on these rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kb.answers.answer import gazetteer_of
from kb.answers.candidates import Candidate, candidates_of
from kb.answers.question import QuestionInfo, analyse_question
from kb.evaluation.answers import same_value
from kb.evaluation.questions import EvalQuestion
from kb.index import Hit, Index, clean_question


@dataclass(frozen=True)
class Example:
    """One question with its passages, candidates, feature rows and labels."""

    question: EvalQuestion
    info: QuestionInfo
    hits: list[Hit]
    candidates: list[Candidate]
    rows: npt.NDArray[np.float32]
    labels: npt.NDArray[np.int8]

    @property
    def group(self) -> int:
        """The goal the question was written from (-1: none), for grouped cross-validation."""
        return -1 if self.question.goal is None else self.question.goal

    @property
    def reachable(self) -> bool:
        """Some candidate is right: the question can teach the ranker something."""
        return bool(self.labels.any())


def is_right(candidate: Candidate, question: EvalQuestion) -> bool:
    """The candidate's sentence holds the gold fact, and its value is the gold value."""
    if not question.answerable or question.fact is None:
        return False
    if question.fact not in candidate.sentence.text:
        return False
    if question.value is None:
        return True
    return candidate.value is not None and same_value(candidate.value.text, question.value)


def collect(
    index: Index,
    questions: Sequence[EvalQuestion],
    passages: int,
    on_done: Callable[[int], None] | None = None,
) -> list[Example]:
    """The candidates of each question's top `passages` passages, with labels."""
    store = index.sentences
    if store is None:
        raise ValueError("the index has no sentences; run `kb build --force`")
    gazetteer = gazetteer_of(index.settings)
    examples: list[Example] = []
    for done, question in enumerate(questions, start=1):
        text = clean_question(question.question, index.settings.max_question_chars).text
        info = analyse_question(text)
        vector = index.embed_question(text)
        hits = index.search(text, top_k=passages, vector=vector)
        candidates, rows = candidates_of(store, hits, vector, info, gazetteer)
        labels = np.array([is_right(c, question) for c in candidates], dtype=np.int8)
        examples.append(Example(question, info, hits, candidates, rows, labels))
        if on_done:
            on_done(done)
    return examples
