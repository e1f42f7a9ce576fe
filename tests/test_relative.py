"""Candidate features relative to the question's other candidates (kb.answers.relative), on
small hand-made candidate lists whose answers are worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from kb.answers.candidates import FEATURES, RELATIVE_TO_PASSAGE, RELATIVE_TO_QUESTION
from kb.answers.memory import MEMORY_FEATURES
from kb.answers.relative import relative_columns, relative_names

# Four candidates of one question: similarity (column 0) and value terms (column 1). The
# first two are one sentence of passage "a" with two values, the others are in passage "b".
ROWS = np.array(
    [
        [0.80, 2.0],
        [0.80, 0.0],
        [0.90, 1.0],
        [0.70, 1.0],
    ],
    dtype=np.float32,
)
PASSAGES = ["a", "a", "b", "b"]


def test_the_best_similarity_gets_difference_zero_and_rank_one() -> None:
    to_best, rank, z = relative_columns(ROWS, PASSAGES, [0], []).T
    assert to_best.tolist() == pytest.approx([-0.1, -0.1, 0.0, -0.2])
    # The two candidates of one sentence share its rank: the next sentence is 3rd, not 4th.
    assert rank.tolist() == [2.0, 2.0, 1.0, 3.0]
    # mean 0.8, standard deviation sqrt(0.005)
    assert z.tolist() == pytest.approx([0.0, 0.0, 0.1 / 0.005**0.5, -0.1 / 0.005**0.5], abs=1e-4)


def test_within_a_passage_each_passage_has_its_own_best() -> None:
    to_best, rank = relative_columns(ROWS, PASSAGES, [], [1]).T
    assert to_best.tolist() == [0.0, -2.0, 0.0, 0.0]
    assert rank.tolist() == [1.0, 2.0, 1.0, 1.0]


def test_equal_values_have_no_spread_and_one_rank() -> None:
    rows = np.ones((3, 1), dtype=np.float32)
    to_best, rank, z = relative_columns(rows, ["a", "b", "c"], [0], []).T
    assert not to_best.any() and not z.any()
    assert rank.tolist() == [1.0, 1.0, 1.0]


def test_no_candidates_give_no_rows_of_the_right_width() -> None:
    empty = relative_columns(np.zeros((0, 2), dtype=np.float32), [], [0, 1], [0])
    assert empty.shape == (0, len(relative_names(["x", "y"], ["x"])))


def test_the_relative_columns_are_named_after_the_feature_row() -> None:
    names = relative_names(RELATIVE_TO_QUESTION, RELATIVE_TO_PASSAGE)
    # The relative columns come last but for the memory's (kb.answers.memory).
    remembered = len(MEMORY_FEATURES)
    assert FEATURES[-len(names) - remembered : -remembered] == tuple(names)
    assert "similarity_question_rank" in FEATURES and "similarity_to_passage_best" in FEATURES
    assert set(RELATIVE_TO_QUESTION) | set(RELATIVE_TO_PASSAGE) <= set(FEATURES)
    assert len(set(FEATURES)) == len(FEATURES)
