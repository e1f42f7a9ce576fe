"""The fitted answer step: rank the candidates, pick the answer, decide whether to abstain.

`decide()` is what `kb.answer` runs with a fitted model (kb.answers.model): the question's
type probabilities, the candidates of the best passages with their feature rows, the ranker's
order (the best candidate of each sentence; the memory's ranker when the memory knows every
passage, among these and the passages the memory brings back, kb.answers.memory), the
abstention model's probability that the best candidate answers (read off the model's own
ranker, among the best passages only; for text the bank asked about, the memory's abstainer
also reads how close the remembered near misses are), the runners-up close enough to show as
"Ook mogelijk", and the passages re-ranked with the candidates' scores (kb.answers.passages).
The functions that turn scores into an order and an abstention row are shared with `kb fit`,
so that what is fitted is what runs.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ingest.regions import Gazetteer
from kb.answers.candidates import FEATURES, Candidate, candidates_of
from kb.answers.gates import kept_gates
from kb.answers.memory import (
    RECALL_DEPTH,
    MemoryView,
    remembers,
    view_of,
)
from kb.answers.model import AnswerModel
from kb.answers.names import with_names
from kb.answers.passages import rerank
from kb.answers.periods import RANGE_QUESTION
from kb.answers.question import (
    NUMBER_ASKED,
    QUESTION_TYPES,
    QuestionInfo,
    analyse_question,
    has_digit,
)
from kb.answers.recalled import joined, recalled_passages
from kb.answers.remembered_value import remembered_value
from kb.answers.schools import figure_schools, matched, schools
from kb.answers.sentence_rules import sentence_rules
from kb.embed import Vectors
from kb.index import Filters, Hit, Index

ABSTAIN_FEATURES: tuple[str, ...] = (
    "best_score",
    "margin",
    "type_probability",
    "similarity",
    "lexical",
    "sentence_coverage",
    "passage_coverage",
    "passage_missing",
    "sentence_missing_year",
    "passage_rank",
    "passage_dense",
    "has_value",
    "value_terms",
    "value_counted",
    "value_exclusive_terms",
    "asked_noun",
    "sentence_missing_rare",
    "passage_missing_rare",
    "asks_value",
)
"""The columns of the abstention model's row: the best candidate's evidence and its lead."""

_COLUMN = {name: i for i, name in enumerate(FEATURES)}
_VALUE_TYPES = ("asks_amount", "asks_percent", "asks_date", "asks_count")
_FIGURES = ("percent", "count", "amount")
"""The kinds of value the rules on a sentence's figures read (`figure_rules`)."""


_TARGET = re.compile(
    r"\buiteindelijk\b|\b(?:in|tot|richting) 2020\b|\bwil(?:len)?\b.*\b(?:halen|bereik\w*|hebben)\b"
)
"""A question asking the pact's target in words the ranker's `asks_ambition` column does not
read ("wil men in 2020 ... hebben", "uiteindelijk"): today's figure does not take the
ambition's place (`figure_rules`). Apart from that column, which the model was fitted on."""


def sentence_order(candidates: Sequence[Candidate], scores: npt.NDArray[np.float64]) -> list[int]:
    """Candidate indexes by score, best first, keeping the best candidate of each sentence."""
    order: list[int] = []
    seen: set[int] = set()
    for i in np.argsort(-scores, kind="stable"):
        number = candidates[int(i)].number
        if number not in seen:
            seen.add(number)
            order.append(int(i))
    return order


def figure_rules(
    order: Sequence[int],
    candidates: Sequence[Candidate],
    scores: npt.NDArray[np.float64],
    rows: npt.NDArray[np.float32],
    question: str,
) -> list[int]:
    """`order` (one candidate per sentence, from `sentence_order`) with each sentence's figure
    of today in place of its ambition (`_today_over_ambition`; not when the question asks the
    target, `_TARGET`), then the figure of the school
    type asked in place of another's (`_asked_school_over_other`, when the question names
    one; its school types are read once here), then for a question that asks a number
    ("welk Kamerstuknummer") a value with digits in place of one without
    (`_number_over_name`), then for a question that asks both ends of a range ("tussen welke
    maanden") the range in place of one end (`_range_over_end`)."""
    chosen = figure_rules_on_kind(order, candidates, scores, rows, question)
    if NUMBER_ASKED.search(question):
        chosen = [_number_over_name(i, candidates, scores) for i in chosen]
    if RANGE_QUESTION.search(question):
        chosen = [_range_over_end(i, candidates, scores) for i in chosen]
    return chosen


def figure_rules_on_kind(
    order: Sequence[int],
    candidates: Sequence[Candidate],
    scores: npt.NDArray[np.float64],
    rows: npt.NDArray[np.float32],
    question: str,
) -> list[int]:
    """The first two rules of `figure_rules`, on percentages, counts and amounts: today's
    figure over an ambition, then the asked school type's figure over another's
    (`benchmarks.figure_rules` measures them apart from the third)."""
    if _TARGET.search(question):
        today = list(order)
    else:
        today = [_today_over_ambition(i, candidates, scores, rows) for i in order]
    asked = schools(question)
    if not asked:
        return today
    return [_asked_school_over_other(i, candidates, scores, rows, asked) for i in today]


def _number_over_name(
    best: int, candidates: Sequence[Candidate], scores: npt.NDArray[np.float64]
) -> int:
    """The third rule (session 48): a question that asks a number is not answered by a value
    without a digit ("OCW" of "Kamerstuk 31524-311, brief OCW, 20 februari 2017" for "Welk
    kamerstuknummer hoort bij de brief Sterk Beroepsonderwijs?"); the sentence's best-scored
    value with digits of the same kind answers it, when it has one: issue 12's "a value is
    bolded only when it is of the type asked"."""
    value = candidates[best].value
    if value is None or has_digit(value.text):
        return best
    return _in_place_of(best, candidates, scores, lambda i: has_digit(_text(candidates[i])))


def _range_over_end(
    best: int, candidates: Sequence[Candidate], scores: npt.NDArray[np.float64]
) -> int:
    """The fourth rule (session 49): a question that asks a range with both its ends
    (`RANGE_QUESTION`: "Tussen welke maanden ...?") is not answered by one end ("september
    2018" of "In de periode tussen september 2016 en september 2018 ..."); the sentence's
    best-scored range of the same kind that holds it answers (kb.answers.periods joins
    them)."""
    value = candidates[best].value
    if value is None:
        return best

    def holds(i: int) -> bool:
        other = candidates[i].value
        return (
            other is not None
            and other.start <= value.start
            and value.end <= other.end
            and other.end - other.start > value.end - value.start
        )

    return _in_place_of(best, candidates, scores, holds)


def _text(candidate: Candidate) -> str:
    return candidate.value.text if candidate.value is not None else ""


def _today_over_ambition(
    best: int,
    candidates: Sequence[Candidate],
    scores: npt.NDArray[np.float64],
    rows: npt.NDArray[np.float32],
) -> int:
    """The first rule on the value a sentence gives (session 18): a figure the sentence sets
    as an ambition ("De ambitie is om in 2020 50% ... te hebben") is not the answer to a
    question that asks no ambition when the same sentence gives a figure of the same kind that
    is none ("momenteel heeft 37% ..."): issue 12's "no ambition for 'hoeveel procent heeft
    nu'". Percentages, counts and amounts only; `benchmarks.figure_rules` measures it."""
    if candidates[best].kind not in _FIGURES or rows[best, _COLUMN["value_ambition_unasked"]] <= 0:
        return best
    return _in_place_of(best, candidates, scores, lambda i: rows[i, _COLUMN["value_ambition"]] <= 0)


def _asked_school_over_other(
    best: int,
    candidates: Sequence[Candidate],
    scores: npt.NDArray[np.float64],
    rows: npt.NDArray[np.float32],
    asked: frozenset[str],
) -> int:
    """The second rule (session 42): a figure whose own clause names another school type,
    level or vmbo learning path than the question ("het aandeel op het vwo ligt op 62%" for
    "hoeveel procent van de havisten") gives way to a figure of the same kind in the same
    sentence whose clause names the asked one ("Op de havo is het aandeel in 2016-2017 43%";
    `kb.answers.schools`): issue 12's "a passage with the havo and the vwo share ... gives the
    other one". Percentages, counts and amounts only, never an ambition the question does not
    ask; `benchmarks.figure_rules` measures it. A figure whose clause names no school type
    stays: "Met hoeveel regionale netwerken wordt W&T op de basisschool verankerd?" names the
    school type as context, and "Acht regionale netwerken" answers it, not "4.185
    basisscholen" (session 47 tried it both ways)."""
    chosen = candidates[best]
    value = chosen.value
    if chosen.kind not in _FIGURES or value is None:
        return best
    text = chosen.sentence.text
    if matched(figure_schools(text, value.start, value.end), asked) >= 0:
        return best

    def of_asked(i: int) -> bool:
        other = candidates[i].value
        return (
            other is not None
            and rows[i, _COLUMN["value_ambition_unasked"]] <= 0
            and matched(figure_schools(text, other.start, other.end), asked) > 0
        )

    return _in_place_of(best, candidates, scores, of_asked)


def _in_place_of(
    best: int,
    candidates: Sequence[Candidate],
    scores: npt.NDArray[np.float64],
    keep: Callable[[int], bool],
) -> int:
    """The best-scored figure of the same kind in `best`'s sentence for which `keep` holds,
    else `best`."""
    chosen = candidates[best]
    others = [
        i
        for i, c in enumerate(candidates)
        if c.number == chosen.number and c.kind == chosen.kind and c.value is not None and keep(i)
    ]
    return max(others, key=lambda i: scores[i]) if others else best


def _answer_order(
    ranked: Sequence[int],
    candidates: Sequence[Candidate],
    scores: npt.NDArray[np.float64],
    rows: npt.NDArray[np.float32],
    question: str,
    memory: MemoryView | None,
    vector: Vectors,
) -> list[int]:
    """`figure_rules`, then, when the memory ranked (`memory`), the answer's figure that the
    remembered questions name (kb.answers.remembered_value)."""
    order = figure_rules(ranked, candidates, scores, rows, question)
    if order and memory is not None:
        order[0] = remembered_value(order[0], candidates, scores, memory, vector)
    return order


MOST_RUNNERS_UP = 2
"""Runners-up shown at most as "Ook mogelijk"."""


def close_runners_up(
    order: Sequence[int], scores: npt.NDArray[np.float64], margin: float
) -> list[int]:
    """Up to `MOST_RUNNERS_UP` candidate indexes after the best in `order` (one per sentence)
    whose score is within `margin` of the best's; shared with `kb fit`, which chooses the
    margin on what this shows."""
    if not order:
        return []
    top = scores[order[0]]
    return [i for i in order[1:] if top - scores[i] <= margin][:MOST_RUNNERS_UP]


def abstention_row(
    rows: npt.NDArray[np.float32],
    scores: npt.NDArray[np.float64],
    order: Sequence[int],
    type_probability: float,
) -> npt.NDArray[np.float32]:
    """The abstention model's row (columns `ABSTAIN_FEATURES`) for a ranked question."""
    if not order:
        return np.zeros(len(ABSTAIN_FEATURES), dtype=np.float32)
    best = order[0]
    row = rows[best]
    second = scores[order[1]] if len(order) > 1 else scores[best] - 5.0
    copied = [float(row[_COLUMN[name]]) for name in ABSTAIN_FEATURES[3:-1]]
    values = [
        float(scores[best]),
        float(scores[best] - second),
        type_probability,
        *copied,
        float(sum(row[_COLUMN[name]] for name in _VALUE_TYPES)),
    ]
    return np.asarray(values, dtype=np.float32)


@dataclass(frozen=True)
class Decision:
    """What the fitted answer step found for a question."""

    info: QuestionInfo
    hits: list[Hit]
    """The passages, re-ranked with the candidates' scores when `answer_rerank` is on (the
    candidates keep their hits as retrieval ranked them)."""
    candidates: list[Candidate]
    scores: npt.NDArray[np.float64]
    order: list[int]
    """Candidate indexes, the best of each sentence, best first."""
    probability: float
    """The abstention model's probability that the best candidate answers."""
    abstain: bool
    margin: float
    """A runner-up within this score margin of the best is shown as "Ook mogelijk"."""

    @property
    def best(self) -> Candidate | None:
        return self.candidates[self.order[0]] if self.order else None

    def passage(self, candidate: Candidate) -> Hit:
        """The candidate's passage as ranked in `hits` (re-ranked or not)."""
        chunk = candidate.hit.chunk.id
        return next((h for h in self.hits if h.chunk.id == chunk), candidate.hit)

    def runners_up(self) -> list[Candidate]:
        """The next sentences whose score is within `margin` of the best (`close_runners_up`)."""
        return [self.candidates[i] for i in close_runners_up(self.order, self.scores, self.margin)]


def decide(
    index: Index,
    model: AnswerModel,
    text: str,
    filters: Filters | None,
    top_k: int,
    gazetteer: Gazetteer | None,
    hits: list[Hit] | None = None,
) -> Decision:
    """Rank the candidates of `text` (a cleaned question) and decide whether to answer; among
    the sentences of `hits` when given (the passages found for the question with more words
    than it has), else of the passages found for it."""
    settings = index.settings
    probabilities = model.question_types.probabilities(text)
    types = {kind: probabilities.get(kind, 0.0) for kind in QUESTION_TYPES}
    top = max(types, key=lambda kind: types[kind])
    info = with_names(dataclasses.replace(analyse_question(text), kind=top), index, gazetteer)
    vector = index.embed_question(text)
    if hits is None:
        hits = index.search(text, filters, max(top_k, settings.answer_passages), vector=vector)
    store = index.sentences
    assert store is not None
    remembered = model.memory
    memory = view_of(remembered.questions if remembered else None, store, index.embedder.name)
    taken = hits[: settings.answer_passages]
    find = functools.partial(candidates_of, worded=True, memory=memory)
    candidates, rows = find(store, taken, vector, info, types, gazetteer)
    own = model.ranker.scores(rows)
    # Whether the report answers is read off the best sentence as the model's own ranker
    # scores it, before its figure of today replaced an ambition: the same evidence for any
    # text; for text the bank asked about, with how close the remembered questions the report
    # does not answer are (the memory's abstainer).
    by_score = sentence_order(candidates, own)
    evidence = abstention_row(rows, own, by_score, types[top])
    abstainer = model.abstainer
    scores, margin, ranked = own, model.alternatives_margin, by_score
    by_memory = remembered is not None and remembers([c.hit.chunk.id for c in candidates], rows)
    if by_memory:
        # Text the bank asked about: the memory's ranker picks the answer, also among the
        # passages that the closest remembered questions bring back.
        assert memory is not None and remembered is not None
        deeper = functools.partial(index.search, text, filters, RECALL_DEPTH, vector=vector)
        extra = recalled_passages(memory, store, vector, taken, deeper)
        if extra:
            candidates, rows = find(store, [*taken, *extra], vector, info, types, gazetteer)
            hits = joined(hits, extra)
        scores, margin = remembered.ranker.scores(rows), remembered.alternatives_margin
        ranked = sentence_order(candidates, scores)
        if remembered.abstainer is not None:
            abstainer = remembered.abstainer
            evidence = np.concatenate([evidence, memory.abstention_columns(vector)])
    probability = abstainer.probability(evidence)
    readers = memory if by_memory else None
    order = _answer_order(ranked, candidates, scores, rows, info.folded, readers, vector)
    order = sentence_rules(order, candidates, info)
    if settings.answer_rerank and model.passages is not None:
        hits = rerank(hits, candidates, scores, model.passages)
    gated = bool(order) and kept_gates(rows[order[0]], info)
    abstain = not order or probability < abstainer.threshold or gated
    return Decision(info, hits, candidates, scores, order, probability, abstain, margin)
