"""Training data for the answer ranker: every candidate of every question, with its label.

A candidate is right when its sentence holds the question's gold fact and, for a question with
a gold value, its value is that value. Each question is searched once (`retrieve`); the
candidates are then made for whichever question type a fold assigns (`examples`), so that
cross-validation refits without searching again. The hand-set scorer's choice is kept beside
each question (`Retrieved.hand`), for the side-by-side comparison on the same folds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kb.answers.abstention import confidence_of, weigh
from kb.answers.answer import gazetteer_of
from kb.answers.candidates import Candidate, candidates_of
from kb.answers.memory import RECALL_DEPTH
from kb.answers.names import with_names
from kb.answers.question import QuestionInfo, QuestionType, analyse_question
from kb.answers.ranking import rank_sentences
from kb.embed import Vectors
from kb.evaluation.answers import same_value
from kb.evaluation.questions import EvalQuestion
from kb.index import Hit, Index, clean_question

TYPE_OF_QTYPE: dict[str, QuestionType] = {
    "hoeveel": "count",
    "percentage": "percent",
    "bedrag": "amount",
    "wanneer": "date",
    "wie": "person",
    "waar": "place",
    "welke": "which",
}
"""The question-file qtype → the answer step's question type (the rest is "other")."""


def gold_type(question: EvalQuestion) -> QuestionType:
    """The question type a question file's `qtype` stands for."""
    return TYPE_OF_QTYPE.get(question.qtype, "other")


@dataclass(frozen=True)
class HandChoice:
    """What the hand-set scorer of kb.answers.ranking chose for a question."""

    text: str | None
    value: str | None
    abstained: bool


PASSAGE_DEPTH = 10
"""Passages kept per question: the answer step's, and down to rank 10 for passage MRR@10."""


@dataclass(frozen=True)
class Retrieved:
    """A question searched once: its cleaned text, passages and embedding."""

    question: EvalQuestion
    text: str
    hits: list[Hit]
    """The first `PASSAGE_DEPTH` (or `answer_passages`, if more) passages, fused order."""
    passages: int
    """How many of `hits` the answer step takes its candidates from (`answer_passages`)."""
    vector: Vectors
    hand: HandChoice
    deeper: tuple[Hit, ...]
    """The first `RECALL_DEPTH` passages, where the memory finds the passages it brings
    back (kb.answers.recalled.recalled_passages)."""


@dataclass(frozen=True)
class Example:
    """One question with its candidates, feature rows and labels, for one question type."""

    retrieved: Retrieved
    info: QuestionInfo
    candidates: list[Candidate]
    rows: npt.NDArray[np.float32]
    labels: npt.NDArray[np.int8]
    types: Mapping[QuestionType, float]
    """The question-type probabilities the candidates were made for."""

    @property
    def question(self) -> EvalQuestion:
        return self.retrieved.question

    @property
    def reachable(self) -> bool:
        """Some candidate is right: the question can teach the ranker something."""
        return bool(self.labels.any())


def goal_of(question: EvalQuestion) -> int:
    """The goal a question was written from (-1: none), for grouped cross-validation."""
    return -1 if question.goal is None else question.goal


def is_right(candidate: Candidate, question: EvalQuestion) -> bool:
    """The candidate's sentence holds the gold fact, and its value is the gold value."""
    value = candidate.value.text if candidate.value else None
    return is_right_text(candidate.sentence.text, value, question)


def is_right_text(sentence: str | None, value: str | None, question: EvalQuestion) -> bool:
    if not question.answerable or question.found is None or sentence is None:
        return False
    if question.found not in sentence:
        return False
    return question.value is None or (value is not None and same_value(value, question.value))


def retrieve(
    index: Index,
    questions: Sequence[EvalQuestion],
    on_done: Callable[[int], None] | None = None,
) -> list[Retrieved]:
    """Search every question once (the answer step's passages), and note the hand-set
    scorer's choice."""
    out: list[Retrieved] = []
    settings = index.settings
    gazetteer = gazetteer_of(settings)
    store = index.sentences
    if store is None:
        raise ValueError("the index has no sentences; run `kb build --force`")
    for done, question in enumerate(questions, start=1):
        text = clean_question(question.question, settings.max_question_chars).text
        vector = index.embed_question(text)
        depth = max(settings.answer_passages, PASSAGE_DEPTH)
        hits = index.search(text, top_k=depth, vector=vector)
        # Searched apart, as at run time: a search deeper than the retrievers' candidates
        # (`Settings.candidates`) can fuse the first passages in another order.
        deeper = index.search(text, top_k=RECALL_DEPTH, vector=vector)
        passages = hits[: settings.answer_passages]
        kind = analyse_question(text).kind
        ranked = rank_sentences(store, passages, vector, text, kind, gazetteer)
        hand = HandChoice(None, None, True)
        if ranked:
            best = ranked[0]
            evidence = weigh(store, best, text, gazetteer)
            abstained = confidence_of(evidence, settings) < settings.answer_min_confidence
            value = best.value.text if best.value else None
            hand = HandChoice(best.sentence.text, value, abstained)
        out.append(
            Retrieved(question, text, hits, settings.answer_passages, vector, hand, tuple(deeper))
        )
        if on_done:
            on_done(done)
    return out


def examples(
    index: Index,
    retrieved: Sequence[Retrieved],
    types: Mapping[str, Mapping[QuestionType, float]],
) -> list[Example]:
    """The candidates of each question, for the question-type probabilities `types` gives it
    (by question id)."""
    store = index.sentences
    assert store is not None
    gazetteer = gazetteer_of(index.settings)
    out: list[Example] = []
    for item in retrieved:
        likely = types[item.question.id]
        top = max(likely, key=lambda kind: likely[kind])
        info = with_names(
            dataclasses.replace(analyse_question(item.text), kind=top), index, gazetteer
        )
        passages = item.hits[: item.passages]
        candidates, rows = candidates_of(
            store, passages, item.vector, info, likely, gazetteer, worded=True
        )
        out.append(Example(item, info, candidates, rows, labels_of(candidates, item), likely))
    return out


def labels_of(candidates: Sequence[Candidate], item: Retrieved) -> npt.NDArray[np.int8]:
    """Which candidates are right (`is_right`)."""
    return np.array([is_right(c, item.question) for c in candidates], dtype=np.int8)
