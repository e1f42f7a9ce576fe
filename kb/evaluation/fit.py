"""Fitting the answer model (`kb fit`): question types, the candidate ranker, abstention.

Everything is estimated with cross-validation grouped by goal: the questions of a fold's goals
are never in its training data, so a figure says how the model does on text it has not seen.
Within a fold: the question-type classifier is fitted on the training questions and predicts
the test questions' types; the ranker is fitted on the training questions' candidates (made
with their gold type) and ranks the test candidates (made with the predicted type). The
abstention model is then cross-validated on these out-of-fold rankings, and its threshold is
the one that keeps out-of-fold false abstention at or below `MAX_FALSE_ABSTENTION`. The final
model is fitted on every question and written to `kb/answers/data/answer-model.json.gz`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from kb.answers.candidates import FEATURES
from kb.answers.decide import abstention_row, figure_rules, sentence_order
from kb.answers.model import (
    MODEL_FORMAT,
    Abstainer,
    AnswerModel,
    PassageFusion,
    Remembered,
    TreeRanker,
    TypeModel,
    question_tokens,
)
from kb.answers.question import QUESTION_TYPES, QuestionType, shows_value
from kb.evaluation.fitdata import Example, Retrieved, goal_of, gold_type, is_right_text
from kb.evaluation.questions import questions_digest

FOLDS = 5
MAX_FALSE_ABSTENTION = 0.05
ALTERNATIVES_MARGIN = 1.0
"""The runner-up margin of a model built without `kb fit`'s choice (kb.evaluation.alternatives)."""


def fold_of(goal: int) -> int:
    """The fold of a goal: goals 0, 5, 10 in fold 0, and so on (no goal: fold 0)."""
    return max(goal, 0) % FOLDS


def fit_types(retrieved: Sequence[Retrieved], c: float = 4.0) -> TypeModel:
    """A multinomial logistic regression from question tokens to the gold question type."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    bags = [dict.fromkeys(question_tokens(r.text), 1.0) for r in retrieved]
    # A token of one question only says nothing about new ones, and would bloat the file.
    seen = Counter(token for bag in bags for token in bag)
    bags = [{t: v for t, v in bag.items() if seen[t] >= 2} for bag in bags]
    labels = [gold_type(r.question) for r in retrieved]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(bags)
    model = LogisticRegression(C=c, max_iter=2000).fit(x, labels)
    classes = [str(k) for k in model.classes_]
    weights = {
        token: [round(float(w), 3) for w in model.coef_[:, column]]
        for token, column in sorted(vectorizer.vocabulary_.items())
        if np.abs(model.coef_[:, column]).max() >= 0.01
    }
    return TypeModel(
        classes=classes,
        intercepts=[float(v) for v in model.intercept_],
        weights=weights,
    )


RANKER_PARAMETERS: dict[str, Any] = {
    "objective": "lambdarank",
    "n_estimators": 300,
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_child_samples": 20,
    "subsample": 0.8,
    "subsample_freq": 1,
    "colsample_bytree": 0.8,
    "lambdarank_truncation_level": 10,
    "random_state": 42,
    "deterministic": True,
    "force_col_wise": True,
    "n_jobs": 2,
    "verbose": -1,
}
"""Chosen by grouped cross-validation on the question bank (150-600 trees, 7-31 leaves: all
within 1 point of each other)."""


def fit_ranker(examples: Sequence[Example], seed: int | None = None) -> TreeRanker:
    """The candidate ranker: LightGBM LambdaRank over the candidates of the questions that
    have a right one (each question is one group). `seed` replaces the parameters' random
    state (rows and features are subsampled), to measure how much a figure owes to it."""
    import lightgbm

    taught = [e for e in examples if e.reachable and len(e.candidates) > 1]
    rows = np.concatenate([e.rows for e in taught])
    labels = np.concatenate([e.labels for e in taught])
    parameters = RANKER_PARAMETERS if seed is None else {**RANKER_PARAMETERS, "random_state": seed}
    model = lightgbm.LGBMRanker(**parameters)
    model.fit(rows, labels, group=[len(e.candidates) for e in taught])
    return TreeRanker(features=list(FEATURES), trees=model.booster_.model_to_string())


@dataclass(frozen=True)
class Ranked:
    """One question ranked by a model: the best candidate and what decides abstention."""

    example: Example
    order: list[int]
    """Candidate indexes, best first, one per sentence."""
    scores: npt.NDArray[np.float64]
    type_probability: float
    by_score: list[int] | None = None
    """The same by score alone, before the rules on a sentence's figures
    (`kb.answers.decide.figure_rules`): what abstention reads; None when the same."""

    @property
    def best(self) -> int | None:
        return self.order[0] if self.order else None

    def value_right(self) -> bool:
        """The best candidate holds the right value, and the answer shows it."""
        best = self.best
        return best is not None and bool(self.example.labels[best]) and self.shows_value(best)

    def shows_value(self, index: int) -> bool:
        """Whether the answer shows candidate `index`'s value: a value of the type asked
        (kb.answers.question.shows_value, as kb.answers.answer quotes it)."""
        candidate = self.example.candidates[index]
        value = candidate.value
        return value is not None and shows_value(candidate.kind, self.example.info, value.text)

    def abstain_row(self) -> npt.NDArray[np.float32]:
        order = self.order if self.by_score is None else self.by_score
        return abstention_row(self.example.rows, self.scores, order, self.type_probability)


class Scorer(Protocol):
    """What ranks candidates: a fitted `TreeRanker`, or scores given in advance."""

    def scores(self, rows: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]: ...


def rank_example(example: Example, ranker: Scorer, type_probability: float) -> Ranked:
    """The example's candidates by the ranker's score, the best candidate of each sentence."""
    if not example.candidates:
        return Ranked(example, [], np.zeros(0), type_probability)
    scores = ranker.scores(example.rows)
    by_score = sentence_order(example.candidates, scores)
    order = figure_rules(by_score, example.candidates, scores, example.rows, example.info.folded)
    return Ranked(example, order, scores, type_probability, by_score)


def model_version(retrieved: Sequence[Retrieved], extra: Sequence[Retrieved] = ()) -> str:
    """The fit's name: the date and a digest of the questions it was fitted on (the bank's and
    the `extra` ones of `kb fit --memory`)."""
    digest = questions_digest([item.question for item in [*retrieved, *extra]])
    return f"{datetime.now(UTC):%Y%m%d}-{digest}"


def build_model(
    retrieved: Sequence[Retrieved],
    types: TypeModel,
    ranker: TreeRanker,
    abstainer: Abstainer,
    passages: PassageFusion | None = None,
    alternatives_margin: float = ALTERNATIVES_MARGIN,
    memory: Remembered | None = None,
    extra: Sequence[Retrieved] = (),
) -> AnswerModel:
    return AnswerModel(
        format_version=MODEL_FORMAT,
        version=model_version(retrieved, extra),
        trained_on={
            "questions": len(retrieved),
            "answerable": sum(r.question.answerable for r in retrieved),
            "goals": len({goal_of(r.question) for r in retrieved}),
        },
        question_types=types,
        ranker=ranker,
        abstainer=abstainer,
        alternatives_margin=alternatives_margin,
        passages=passages,
        memory=memory,
    )


def hand_right(item: Retrieved) -> tuple[bool, bool]:
    """The hand-set scorer's (sentence right, answered) for a question."""
    hand = item.hand
    return is_right_text(hand.text, hand.value, item.question), not hand.abstained


TypeProbabilities = dict[str, dict[QuestionType, float]]
"""question id -> question type -> probability."""


def type_probabilities(types: TypeModel, retrieved: Sequence[Retrieved]) -> TypeProbabilities:
    """Each question's type probabilities under `types`."""
    return {
        r.question.id: {_as_type(k): p for k, p in types.probabilities(r.text).items()}
        for r in retrieved
    }


def cross_fitted_types(retrieved: Sequence[Retrieved]) -> TypeProbabilities:
    """Type probabilities of each question from a classifier fitted without its goals, so that
    the ranker learns from types as uncertain as those of new questions."""
    out: TypeProbabilities = {}
    for number in range(FOLDS):
        train = [r for r in retrieved if fold_of(goal_of(r.question)) != number]
        test = [r for r in retrieved if fold_of(goal_of(r.question)) == number]
        if train and test:
            out.update(type_probabilities(fit_types(train), test))
    return out


def _as_type(name: str) -> QuestionType:
    return next((k for k in QUESTION_TYPES if k == name), "other")
