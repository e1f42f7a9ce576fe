"""Answer quality on a question file (eval/FORMAT.md): gold fact in the quoted sentence, value
right, abstention on questions the report cannot answer.

>>> outcomes, _ = answer_all(index, load_questions(Path("eval/dev.jsonl")))
>>> print(answer_table(count(outcomes)))
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kb.answers.answer import Answer, answer
from kb.evaluation.metrics import DEPTH, Query, Ranking
from kb.evaluation.questions import EvalQuestion
from kb.index import Index


@dataclass(frozen=True)
class Outcome:
    """One question and what `answer()` made of it."""

    question: EvalQuestion
    answer: Answer
    fact_in_sentence: bool
    fact_in_source: bool
    """The fact is in the sentence or in the full text of a footnote it cites."""
    value_right: bool | None
    """None when the question has no gold value."""
    fact_in_top_3: bool = False
    """The fact is in the answer sentence or in one of its (up to two) alternatives."""


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
    fact_in_top_3: int = 0

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def sentence_accuracy(self) -> float:
        return self.share(self.fact_in_sentence, self.answerable)

    @property
    def answer_at_3(self) -> float:
        return self.share(self.fact_in_top_3, self.answerable)

    @property
    def value_accuracy(self) -> float:
        return self.share(self.value_right, self.valued)

    @property
    def abstention_precision(self) -> float:
        abstained = self.abstained_unanswerable + self.abstained_answerable
        return self.share(self.abstained_unanswerable, abstained)

    @property
    def abstention_recall(self) -> float:
        return self.share(self.abstained_unanswerable, self.unanswerable)

    @property
    def false_abstention(self) -> float:
        return self.share(self.abstained_answerable, self.answerable)


_QUALIFIER = re.compile(
    r"^(?:(?:ruim|circa|ca\.|bijna|ongeveer|maximaal|minimaal|minstens|tenminste|ten minste"
    r"|gemiddeld|meer dan|minder dan|boven|onder|zo'n|zo’n|rond(?: de)?|de|het|in|sinds|vanaf"
    r"|tussen|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|kamerstuk)\s+)+"
)
_UNIT = re.compile(
    r"\s+(?:(?:school|studie)?(?:jaar|jaren)|maanden|maand|weken|week|dagen|dag|uur|tijd)$"
)
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_EURO = re.compile(r"^(€.*\d.*?)\s+euro$")
_RATE = re.compile(r"\s+per\s+(?:jaar|maand|week|dag)$")
_PERCENT = re.compile(r"(\d)\s*(?:%|procent)$")
_ORDINAL = re.compile(r"(\d)e$")


def same_value(given: str | None, gold: str) -> bool:
    """The same value: equal after whitespace normalisation, case folding, "€25" = "€ 25",
    and without a leading qualifier, article or weekday ("ruim 17.000" = "17.000", "maximaal
    zeven" = "zeven", "de zomer van 2017" = "zomer van 2017", "maandag 13 maart" = "13
    maart"), a trailing unit of time or rate ("drie jaar" = "drie", "4x per jaar" = "4x") or
    an ordinal "e" ("de 10.000e" = "10.000"); "30 procent" = "30%"; "€ 1 miljoen euro" = "€ 1
    miljoen"; "Kamerstuk 31288-547" = "31288-547"; "tussen 10 en 20%" = "10 en 20%". A value
    is the number or date; the qualifier stands in the quoted sentence.

    >>> same_value("€25 miljoen", "€ 25 miljoen"), same_value("ruim 17.000", "17.000")
    (True, True)
    >>> same_value("30 procent", "30%"), same_value("2x per jaar", "2x")
    (True, True)
    >>> same_value("17.000", "27.000"), same_value("twee jaar", "drie jaar")
    (False, False)
    >>> same_value("30", "30%"), same_value("30 procent", "30")
    (False, True)
    """
    if given is None:
        return False
    shown, asked = value_core(given), value_core(gold)
    # A gold span that left out the sentence's "procent" ("tenminste 30 procent" marked "30"):
    # the percentage shown is that figure, written as the report writes it.
    return shown == asked or (shown == f"{asked}%" and _BARE_NUMBER.fullmatch(asked) is not None)


def value_core(text: str) -> str:
    """A value without qualifier, article, weekday, label, unit of time or rate, ordinal "e"
    or the "euro" after a euro sign, and with "procent" written "%", for comparing values."""
    core = re.sub(r"€\s*", "€", " ".join(text.split())).casefold()
    core = _EURO.sub(r"\1", core)
    core = _QUALIFIER.sub("", core)
    core = _RATE.sub("", core)
    core = _PERCENT.sub(r"\1%", core)
    core = _ORDINAL.sub(r"\1", core)
    return _UNIT.sub("", core) or core


def judge(question: EvalQuestion, result: Answer) -> Outcome:
    fact = question.found
    if not question.answerable or result.abstained or fact is None:
        in_sentence = in_source = False
    else:
        in_sentence = fact in result.text
        notes = result.source.footnotes if result.source else []
        in_source = in_sentence or any(fact in f.text for f in notes)
    value_right = None if question.value is None else same_value(result.value, question.value)
    top_3 = in_sentence or (
        fact is not None
        and question.answerable
        and any(fact in alternative.text for alternative in result.alternatives)
    )
    return Outcome(question, result, in_sentence, in_source, value_right, top_3)


def answer_all(
    index: Index,
    questions: Sequence[EvalQuestion],
    on_done: Callable[[int], None] | None = None,
) -> tuple[list[Outcome], list[float]]:
    """Answer every question and judge it; also the seconds each answer took."""
    outcomes: list[Outcome] = []
    seconds: list[float] = []
    for done, question in enumerate(questions, start=1):
        started = time.perf_counter()
        result = answer(index, question.question)
        seconds.append(time.perf_counter() - started)
        outcomes.append(judge(question, result))
        if on_done:
            on_done(done)
    return outcomes, seconds


def answer_ranking(
    index: Index,
    queries: Sequence[Query],
    name: str = "hybrid + answers",
    depth: int = DEPTH,
    on_done: Callable[[int], None] | None = None,
) -> Ranking:
    """The passages as `answer()` lists them (re-ranked with the answer evidence when the
    settings' `answer_rerank` is on), timed like `kb.evaluation.metrics.rank`."""
    results: dict[str, tuple[str, ...]] = {}
    seconds: dict[str, float] = {}
    for done, query in enumerate(queries, start=1):
        started = time.perf_counter()
        hits = answer(index, query.text, top_k=depth).hits
        seconds[query.id] = time.perf_counter() - started
        results[query.id] = tuple(dict.fromkeys(h.chunk.id for h in hits))[:depth]
        if on_done:
            on_done(done)
    return Ranking(name, results, seconds)


def count(outcomes: Sequence[Outcome]) -> AnswerScores:
    """What came out right, counted once for `kb devset --answers` and `kb eval` alike."""
    answerable = [o for o in outcomes if o.question.answerable]
    unanswerable = [o for o in outcomes if not o.question.answerable]
    valued = [o for o in answerable if o.value_right is not None]
    return AnswerScores(
        answerable=len(answerable),
        fact_in_sentence=sum(o.fact_in_sentence for o in answerable),
        fact_in_source=sum(o.fact_in_source for o in answerable),
        valued=len(valued),
        value_right=sum(bool(o.value_right) for o in valued),
        unanswerable=len(unanswerable),
        abstained_unanswerable=sum(o.answer.abstained for o in unanswerable),
        abstained_answerable=sum(o.answer.abstained for o in answerable),
        fact_in_top_3=sum(o.fact_in_top_3 for o in answerable),
    )


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
        (
            "gold fact in the answer or its alternatives (answer@3)",
            _share(scores.fact_in_top_3, scores.answerable),
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
