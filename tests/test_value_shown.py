"""A value counts as right in `kb fit` and in the misses only when the answer shows it
(kb.answers.question.shows_value): kb.evaluation.fit.Ranked.value_right and
kb.evaluation.misses."""

from __future__ import annotations

import numpy as np
import pytest

from kb.answers.question import QuestionType
from kb.evaluation.crossval import Abstention
from kb.evaluation.fit import Ranked
from kb.evaluation.fitdata import Example, examples, retrieve
from kb.evaluation.misses import categorise
from kb.evaluation.questions import EvalQuestion
from kb.index import Index

# Goal 12: "Er zijn in totaal 59 aanvragen ingediend, die nog beoordeeld moeten worden."
SENTENCE = "Er zijn in totaal 59 aanvragen ingediend, die nog beoordeeld moeten worden."
QUESTION = EvalQuestion(
    id="t-59",
    question="Hoeveel aanvragen zijn er ingediend voor de tijdelijke subsidieregeling?",
    answerable=True,
    evidence=["Er zijn in totaal 59 aanvragen ingediend"],
    fact="59 aanvragen ingediend",
    value="59",
    qtype="hoeveel",
    goal=12,
    section="bereikt",
    wording="report",
    near_miss=False,
)


def _ranked_first_59(
    index: Index, types: dict[QuestionType, float], question: EvalQuestion = QUESTION
) -> Ranked:
    """The question's candidates for `types`, with the "59" candidate put first."""
    example: Example = examples(index, retrieve(index, [question]), {question.id: types})[0]
    chosen = [
        i
        for i, c in enumerate(example.candidates)
        if c.sentence.text == SENTENCE and c.value is not None and c.value.text == "59"
    ]
    assert chosen, "the report's sentence and its 59 are among the candidates"
    scores = np.zeros(len(example.candidates))
    scores[chosen[0]] = 1.0
    return Ranked(example, [chosen[0]], scores, max(types.values()))


@pytest.mark.slow
def test_a_count_is_right_for_a_question_taken_for_an_amount(report_index: Index) -> None:
    ranked = _ranked_first_59(report_index, {"amount": 0.8, "count": 0.2})
    assert ranked.example.info.kind == "amount"
    assert ranked.value_right()
    never = Abstention({QUESTION.id: 1.0}, {QUESTION.id: 0.0})
    assert categorise([ranked], never, []) == []


@pytest.mark.slow
def test_a_count_is_right_for_a_hoeveel_question_the_type_model_reads_as_welke(
    report_index: Index,
) -> None:
    # The words ask a number ("Hoeveel"): the count is shown whatever the type model read.
    ranked = _ranked_first_59(report_index, {"which": 0.8, "count": 0.2})
    assert ranked.example.info.kind == "which" and ranked.example.info.worded == "count"
    assert ranked.value_right()


@pytest.mark.slow
def test_a_count_not_shown_for_a_welke_question_is_a_miss(report_index: Index) -> None:
    words = "Welke aanvragen zijn er ingediend voor de tijdelijke subsidieregeling?"
    which = QUESTION.model_copy(update={"question": words})
    ranked = _ranked_first_59(report_index, {"which": 0.8, "count": 0.2}, which)
    assert ranked.example.info.kind == "which" == ranked.example.info.worded
    assert not ranked.value_right()
    never = Abstention({QUESTION.id: 1.0}, {QUESTION.id: 0.0})
    texts = [h.chunk.text for h in ranked.example.retrieved.hits]
    (miss,) = categorise([ranked], never, texts)
    assert miss.category == "right sentence, wrong value"
    assert miss.detail == "no trap; gold value chosen, not shown (another type asked)"
