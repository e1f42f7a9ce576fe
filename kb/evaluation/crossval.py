"""Cross-validation of the answer model, grouped by goal, side by side with the hand-set scorer.

`folds()` prepares each fold once (types fitted on its training goals, candidates of both
sides); `evaluate_ranker()` fits and scores a ranker on them, with any feature group left out
(the ablation); `evaluate_abstention()` cross-validates the abstention model on the
out-of-fold rankings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from kb.answers.candidates import FEATURES, RELATIVE_TO_PASSAGE, RELATIVE_TO_QUESTION
from kb.answers.decide import ABSTAIN_FEATURES
from kb.answers.gates import kept_gates
from kb.answers.memory import MEMORY_FEATURES, NEAR_MISS_FEATURES
from kb.answers.model import Abstainer
from kb.answers.relative import relative_names
from kb.evaluation.fit import (
    FOLDS,
    MAX_FALSE_ABSTENTION,
    Ranked,
    cross_fitted_types,
    fit_ranker,
    fit_types,
    fold_of,
    hand_right,
    rank_example,
    type_probabilities,
)
from kb.evaluation.fitdata import Example, Retrieved, examples, goal_of, gold_type
from kb.evaluation.memory_fit import BankMemory, remembered
from kb.index import Index

_CONTEXT = ("value_ambition", "value_current", "value_year_asked")
_TO_QUESTION = tuple(relative_names(RELATIVE_TO_QUESTION, ()))
_TO_PASSAGE = tuple(relative_names((), RELATIVE_TO_PASSAGE))
FEATURE_GROUPS: dict[str, tuple[str, ...]] = {
    "similarity": ("similarity", "similarity_gap", "similarity_rank"),
    "similarity of the sentence alone": ("similarity_alone",),
    "lexical": ("lexical", "lexical_raw", "previous_lexical"),
    "sentence cues": ("anaphor", "linked", "reason", "asked_noun", "sentence_position"),
    "coverage": ("sentence_coverage", "passage_coverage", "sentence_length"),
    "passage rank and scores": ("passage_rank", "passage_dense", "passage_bm25"),
    "rule: named place/year/number missing": (
        "passage_missing",
        "sentence_missing_year",
        "sentence_other_place",
        "sentence_someone",
        "context_missing_year",
    ),
    "footnote cues": ("footnote", "note_wanted"),
    "value fit": tuple(
        f
        for f in FEATURES
        if f.startswith(("has_value", "value_"))
        and f not in (*_CONTEXT, *_TO_QUESTION, *_TO_PASSAGE)
    ),
    "value context (ambition, today, year)": _CONTEXT,
    "question type": tuple(f for f in FEATURES if f.startswith("asks_")),
    "relative to the question's other candidates": _TO_QUESTION,
    "relative to the passage's other candidates": _TO_PASSAGE,
    "memory of the bank's questions": MEMORY_FEATURES,
}


@dataclass(frozen=True)
class Fold:
    number: int
    train: list[Example]
    remembered: list[Example]
    """The training questions reading the memory of the training goals but themselves, for
    the memory's ranker (empty without a memory)."""
    test: list[Example]
    """The held-out questions without the memory, among the first passages only: what the
    own ranker, and abstention, read at run time (kb.answers.decide)."""
    new: list[Example]
    """The same questions reading the memory of the training goals only: text the bank never
    asked about (the memory may still know all its passages, and bring others back)."""
    known: list[Example]
    """The same questions reading the whole memory but themselves: this report's text,
    asked anew (kb.evaluation.memory_fit)."""
    type_probability: dict[str, float]
    types_right: int
    extra_test: tuple[Example, ...] = ()
    """The `extra` questions of the held-out goals (predicted types, no memory): what the
    abstention model also learns from, ranked by the own ranker as they come at run time."""


def folds(
    index: Index,
    retrieved: Sequence[Retrieved],
    memory: BankMemory | None = None,
    extra: Sequence[Retrieved] = (),
) -> list[Fold]:
    """Each fold's training candidates (gold types) and test candidates (predicted types),
    reading `memory` as `kb fit` does (kb.evaluation.memory_fit), or none. The memory's ranker
    also learns from the `extra` questions of the training goals (the questions for the memory
    only), and `Fold.extra_test` holds those of the held-out goals, for the abstention model;
    the own ranker never sees them."""
    out: list[Fold] = []
    for number in range(FOLDS):
        train = [r for r in retrieved if fold_of(goal_of(r.question)) != number]
        test = [r for r in retrieved if fold_of(goal_of(r.question)) == number]
        types = fit_types(train)
        predicted = type_probabilities(types, test)
        top = {qid: max(p, key=lambda k: p[k]) for qid, p in predicted.items()}
        right = sum(top[r.question.id] == gold_type(r.question) for r in test)
        taught = examples(index, train, cross_fitted_types(train))
        asked = examples(index, test, predicted)
        held_out = sorted({goal_of(r.question) for r in test})
        recalled: list[Example] = []
        known = fresh = asked
        if memory is not None:
            more = [r for r in extra if fold_of(goal_of(r.question)) != number]
            recalled = memory.read([*taught, *extra_examples(index, train, more)], held_out)
            known = memory.read(asked)
            fresh = memory.read(asked, held_out)
        new = [r for r in extra if fold_of(goal_of(r.question)) == number]
        predicted |= type_probabilities(types, new)
        probability = {qid: max(p.values()) for qid, p in predicted.items()}
        extra_test = tuple(examples(index, new, predicted))
        out.append(
            Fold(number, taught, recalled, asked, fresh, known, probability, right, extra_test)
        )
    return out


def remembering_folds(
    index: Index, retrieved: Sequence[Retrieved], extra: Sequence[Retrieved] = ()
) -> list[Fold]:
    """The folds as `kb fit` makes them: the memory of `retrieved` and `extra` (the questions
    for the memory only), which also teach the memory's ranker."""
    return folds(index, retrieved, BankMemory.of(index, [*retrieved, *extra]), extra)


def extra_examples(
    index: Index, taught: Sequence[Retrieved], extra: Sequence[Retrieved]
) -> list[Example]:
    """The candidates of the `extra` questions, their types cross-fitted together with the
    `taught` questions' (as a training question's are)."""
    if not extra:
        return []
    types = cross_fitted_types([*taught, *extra])
    return examples(index, extra, {r.question.id: types[r.question.id] for r in extra})


def _masked(example: Example, columns: list[int]) -> Example:
    if not columns:
        return example
    rows = example.rows.copy()
    rows[:, columns] = 0.0
    return dataclasses.replace(example, rows=rows)


Recall = Literal["none", "known", "new"]
"""How held-out questions read the memory in `out_of_fold`: not at all (the model's own
ranker, which abstention reads: `Fold.test`), as this report's text asked anew (`Fold.known`),
or as text the bank never asked about (`Fold.new`)."""


def out_of_fold(
    prepared: Sequence[Fold],
    without: Sequence[str] = (),
    seed: int | None = None,
    *,
    recall: Recall = "none",
    extra: bool = False,
) -> list[Ranked]:
    """Every test question ranked by the rankers of its fold (fitted without `without`, with
    the random state `seed` if given): by the model's own ranker, or with `recall` by the
    memory's when the memory knows all its passages (`remembered`, as at run time). With
    `extra` (and no `recall`), the fold's `extra_test` questions too."""
    columns = [FEATURES.index(name) for name in without]
    ranked: list[Ranked] = []
    for fold in prepared:
        asked = {"none": fold.test, "known": fold.known, "new": fold.new}[recall]
        if extra and recall == "none":
            asked = [*asked, *fold.extra_test]
        own = fit_ranker([_masked(e, columns) for e in fold.train], seed)
        routed = [recall != "none" and bool(fold.remembered) and remembered(e) for e in asked]
        memory = own
        if any(routed):
            memory = fit_ranker([_masked(e, columns) for e in fold.remembered], seed)
        for example, recalls in zip(asked, routed, strict=True):
            probability = fold.type_probability[example.question.id]
            ranker = memory if recalls else own
            ranked.append(rank_example(_masked(example, columns), ranker, probability))
    return ranked


@dataclass(frozen=True)
class Scores:
    """Answer figures over a set of questions (ranking only: before abstention)."""

    answerable: int
    reachable: int
    right_at_1: int
    right_at_3: int
    valued: int
    value_right: int

    def row(self) -> dict[str, float]:
        return {
            "fact in the answer sentence": self.right_at_1 / max(self.answerable, 1),
            "answer@3": self.right_at_3 / max(self.answerable, 1),
            "value right": self.value_right / max(self.valued, 1),
        }


def ranking_scores(ranked: Sequence[Ranked]) -> Scores:
    """How often the best (or one of the best three) sentences holds the fact: the share of
    answerable questions, unreachable ones counted as misses."""
    answerable = [r for r in ranked if r.example.question.answerable]
    valued = [r for r in answerable if r.example.question.value is not None]
    return Scores(
        answerable=len(answerable),
        reachable=sum(r.example.reachable for r in answerable),
        right_at_1=sum(_fact_at(r, 1) for r in answerable),
        right_at_3=sum(_fact_at(r, 3) for r in answerable),
        valued=len(valued),
        value_right=sum(r.value_right() for r in valued),
    )


def _fact_at(ranked: Ranked, k: int) -> bool:
    fact = ranked.example.question.found
    return fact is not None and any(
        fact in ranked.example.candidates[i].sentence.text for i in ranked.order[:k]
    )


def hand_scores(retrieved: Sequence[Retrieved]) -> dict[str, float]:
    """The hand-set scorer on the same questions: sentence right, value right, abstention."""
    answerable = [r for r in retrieved if r.question.answerable]
    valued = [r for r in answerable if r.question.value is not None]
    near = [r for r in retrieved if not r.question.answerable and r.question.near_miss]
    fact = sum(
        r.hand.text is not None and r.question.found is not None and r.question.found in r.hand.text
        for r in answerable
    )
    return {
        "fact in the answer sentence": fact / max(len(answerable), 1),
        "value right": sum(hand_right(r)[0] for r in valued) / max(len(valued), 1),
        "near misses that abstain": sum(r.hand.abstained for r in near) / max(len(near), 1),
        "answerable that abstain": sum(r.hand.abstained for r in answerable) / len(answerable),
    }


@dataclass(frozen=True)
class Abstention:
    """Out-of-fold abstention: each question's probability, and each fold's threshold."""

    probability: dict[str, float]
    threshold: dict[str, float]

    def abstains(self, question_id: str) -> bool:
        return self.probability[question_id] < self.threshold[question_id]


def abstention_labels(ranked: Sequence[Ranked]) -> npt.NDArray[np.int8]:
    """1 when the report answers the question, else 0.

    Learning "the best candidate is right" instead (tried in cross-validation on the bank)
    abstained on 38% of the near misses at 5% false abstention, against 53% for this label:
    with a third of the rankings wrong, "right" mostly taught the model the ranker's errors,
    not what a question the report does not answer looks like.
    """
    return np.array([int(r.example.question.answerable) for r in ranked], dtype=np.int8)


ABSTAINER_PARAMETERS: dict[str, Any] = {
    "n_estimators": 200,
    "learning_rate": 0.05,
    "num_leaves": 7,
    "min_child_samples": 20,
    "random_state": 42,
    "deterministic": True,
    "force_col_wise": True,
    "n_jobs": 2,
    "verbose": -1,
}
"""Trees rather than a logistic model: on the bank they abstained on 56% of the near misses
and 88% of the off-topic questions at 4.9% false abstention, the logistic model on 52% and
71% at 5.3% (cross-validated, thresholds from inner folds)."""


Columns = Mapping[str, npt.NDArray[np.float32]]
"""More columns of each question's abstention row, by question id: what the remembered
questions the report does not answer add (kb.answers.memory.NEAR_MISS_FEATURES)."""


def _row(ranked: Ranked, columns: Columns | None) -> npt.NDArray[np.float32]:
    row = ranked.abstain_row()
    if columns is None:
        return row
    return np.concatenate([row, columns[ranked.example.question.id]])


def _features(columns: Columns | None) -> list[str]:
    return [*ABSTAIN_FEATURES, *(NEAR_MISS_FEATURES if columns is not None else ())]


def _trees(ranked: Sequence[Ranked], columns: Columns | None) -> str:
    import lightgbm

    rows = np.stack([_row(r, columns) for r in ranked])
    model = lightgbm.LGBMClassifier(**ABSTAINER_PARAMETERS)
    model.fit(rows, abstention_labels(ranked))
    text: str = model.booster_.model_to_string()
    return text


def fit_abstainer(
    ranked: Sequence[Ranked],
    target: float = MAX_FALSE_ABSTENTION,
    columns: Columns | None = None,
    scored: Collection[str] | None = None,
) -> Abstainer:
    """The abstention model on rankings, with the threshold that keeps false abstention at or
    below `target` on the answerable questions (of `scored`, if given) of folds it was not
    fitted on, counting the questions the kept gates (kb.answers.gates.kept_gates) abstain on
    anyway: what runs abstains on at most `target` of them, not `target` plus the gates'."""
    held_out: list[float] = []
    folds = sorted({fold_of(goal_of(r.example.question)) for r in ranked})
    for number in folds if len(folds) > 1 else []:
        train = [r for r in ranked if fold_of(goal_of(r.example.question)) != number]
        probe = Abstainer(features=_features(columns), trees=_trees(train, columns), threshold=0)
        held_out += [
            -1.0 if _gated_anyway(r) else probe.probability(_row(r, columns))
            for r in ranked
            if fold_of(goal_of(r.example.question)) == number
            and r.example.question.answerable
            and (scored is None or r.example.question.id in scored)
        ]
    threshold = float(np.quantile(held_out, target)) if held_out else 0.5
    return Abstainer(
        features=_features(columns), trees=_trees(ranked, columns), threshold=threshold
    )


def _gated_anyway(ranked: Ranked) -> bool:
    """A kept gate abstains on the question whatever the model says."""
    best = ranked.best
    example = ranked.example
    return best is not None and kept_gates(example.rows[best], example.info)


def evaluate_abstention(
    ranked: Sequence[Ranked],
    target: float = MAX_FALSE_ABSTENTION,
    columns: Columns | None = None,
    scored: Collection[str] | None = None,
) -> Abstention:
    """Each fold's abstainer fitted on the other folds' out-of-fold rankings (`fit_abstainer`:
    its threshold for false abstention `target` on `scored`; reading `columns` too)."""
    probability: dict[str, float] = {}
    threshold: dict[str, float] = {}
    for number in range(FOLDS):
        train = [r for r in ranked if fold_of(goal_of(r.example.question)) != number]
        test = [r for r in ranked if fold_of(goal_of(r.example.question)) == number]
        abstainer = fit_abstainer(train, target, columns, scored)
        for r in test:
            probability[r.example.question.id] = abstainer.probability(_row(r, columns))
            threshold[r.example.question.id] = abstainer.threshold
    return Abstention(probability, threshold)


def routed(ranked: Sequence[Ranked], remembering: Abstention, own: Abstention) -> Abstention:
    """Abstention as it runs: the memory's abstainer (`remembering`) for a question of
    `ranked` whose candidates the memory knows (`remembered`, kb.answers.decide), the own
    one for the others; the memory's for a question not in `ranked`."""
    own_ids = {r.example.question.id for r in ranked if not remembered(r.example)}
    return Abstention(
        {q: (own if q in own_ids else remembering).probability[q] for q in own.probability},
        {q: (own if q in own_ids else remembering).threshold[q] for q in own.threshold},
    )


def end_to_end(ranked: Sequence[Ranked], abstention: Abstention) -> dict[str, float]:
    """The figures of `kb eval` for the fitted model: an abstained question is not right."""
    answerable = [r for r in ranked if r.example.question.answerable]
    valued = [r for r in answerable if r.example.question.value is not None]
    near = [r for r in ranked if not r.example.question.answerable and r.example.question.near_miss]

    def said(r: Ranked) -> bool:
        return not abstention.abstains(r.example.question.id)

    return {
        "fact in the answer sentence": sum(said(r) and _fact_at(r, 1) for r in answerable)
        / max(len(answerable), 1),
        "value right": sum(said(r) and r.value_right() for r in valued) / max(len(valued), 1),
        "near misses that abstain": sum(not said(r) for r in near) / max(len(near), 1),
        "answerable that abstain": sum(not said(r) for r in answerable) / max(len(answerable), 1),
    }
