"""Answer quality on a question file (eval/FORMAT.md): gold fact in the quoted sentence, value
right, abstention on questions the report cannot answer.

>>> print(answer_table(evaluate_answers(index, load_questions(Path("eval/dev.jsonl")))[0]))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.answers.answer import Answer, answer
from kb.evaluation.questions import DevQuestion
from kb.index import Index


@dataclass(frozen=True)
class Outcome:
    """One question and what `answer()` made of it."""

    question: DevQuestion
    answer: Answer
    fact_in_sentence: bool
    fact_in_source: bool
    """The fact is in the sentence or in the full text of a footnote it cites."""
    value_right: bool | None
    """None when the question has no gold value."""


@dataclass(frozen=True)
class AnswerScores:
    answerable: int
    fact_in_sentence: int
    fact_in_source: int
    valued: int
    value_right: int
    unanswerable: int
    abstained_unanswerable: int
    abstained_answerable: int


def same_value(given: str | None, gold: str) -> bool:
    """Equal after whitespace normalisation, case folding and with "€25" = "€ 25".

    >>> same_value("€25 miljoen", "€ 25 miljoen")
    True
    """
    if given is None:
        return False

    def norm(text: str) -> str:
        return re.sub(r"€\s*", "€", " ".join(text.split())).casefold()

    return norm(given) == norm(gold)


def judge(question: DevQuestion, result: Answer) -> Outcome:
    if not question.answerable or result.abstained or question.fact is None:
        in_sentence = in_source = False
    else:
        in_sentence = question.fact in result.text
        notes = result.source.footnotes if result.source else []
        in_source = in_sentence or any(question.fact in f.text for f in notes)
    value_right = None if question.value is None else same_value(result.value, question.value)
    return Outcome(question, result, in_sentence, in_source, value_right)


def evaluate_answers(
    index: Index, questions: list[DevQuestion]
) -> tuple[AnswerScores, list[Outcome]]:
    """Answer every question and count what came out right."""
    outcomes = [judge(q, answer(index, q.question)) for q in questions]
    answerable = [o for o in outcomes if o.question.answerable]
    unanswerable = [o for o in outcomes if not o.question.answerable]
    valued = [o for o in answerable if o.value_right is not None]
    scores = AnswerScores(
        answerable=len(answerable),
        fact_in_sentence=sum(o.fact_in_sentence for o in answerable),
        fact_in_source=sum(o.fact_in_source for o in answerable),
        valued=len(valued),
        value_right=sum(bool(o.value_right) for o in valued),
        unanswerable=len(unanswerable),
        abstained_unanswerable=sum(o.answer.abstained for o in unanswerable),
        abstained_answerable=sum(o.answer.abstained for o in answerable),
    )
    return scores, outcomes


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.1%}" if whole else "-"


def answer_table(scores: AnswerScores) -> str:
    """The answer figures as a Markdown table."""
    rows = [
        ("gold fact in the answer sentence", _share(scores.fact_in_sentence, scores.answerable)),
        (
            "gold fact in the sentence or a footnote it cites",
            _share(scores.fact_in_source, scores.answerable),
        ),
        ("value right (questions with a gold value)", _share(scores.value_right, scores.valued)),
        (
            "unanswerable questions that abstain",
            _share(scores.abstained_unanswerable, scores.unanswerable),
        ),
        (
            "answerable questions that abstain",
            _share(scores.abstained_answerable, scores.answerable),
        ),
    ]
    lines = ["| measure | result |", "|---|---:|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)
