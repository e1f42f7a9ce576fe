"""Features of a candidate relative to the other candidates of its question.

Absolute evidence varies a lot between questions: a cosine of 0.86 is the best sentence for
one question and the twentieth for another, and a long question covers fewer of its words than
a short one. So for the main evidence features each candidate also gets where it stands among
its question's candidates: its difference from the question's best, its rank (1 = best; equal
values share a rank) and its z-score; for a few, also its difference from the best and its rank
within its own passage. They are computed over the candidate list of one question, by
`kb fit` and at run time alike (`relative_columns`).

>>> rows = np.array([[3.0], [1.0], [3.0]], dtype=np.float32)
>>> relative_columns(rows, ["a", "a", "b"], [0], [0]).astype(float).round(2).tolist()
[[0.0, 1.0, 0.71, 0.0, 1.0], [-2.0, 2.0, -1.41, -2.0, 2.0], [0.0, 1.0, 0.71, 0.0, 1.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

QUESTION_PARTS = ("to_best", "question_rank", "z")
"""What each feature of the question-wide list adds: difference from the question's best
candidate, rank among the question's candidates, z-score over them."""
PASSAGE_PARTS = ("to_passage_best", "passage_rank")
"""What each feature of the within-passage list adds."""


def relative_names(question_wide: Sequence[str], within_passage: Sequence[str]) -> list[str]:
    """The names of the columns `relative_columns` adds, in order."""
    names = [f"{name}_{part}" for name in question_wide for part in QUESTION_PARTS]
    return names + [f"{name}_{part}" for name in within_passage for part in PASSAGE_PARTS]


def relative_columns(
    rows: npt.NDArray[np.float32],
    passages: Sequence[str],
    question_wide: Sequence[int],
    within_passage: Sequence[int],
) -> npt.NDArray[np.float32]:
    """The relative columns of one question's candidate rows (one row per candidate).

    Args:
        rows: the candidates' feature rows.
        passages: each row's passage (chunk id).
        question_wide: the columns compared over all the question's candidates.
        within_passage: the columns compared within each passage.
    """
    width = len(question_wide) * len(QUESTION_PARTS) + len(within_passage) * len(PASSAGE_PARTS)
    if len(rows) == 0:
        return np.zeros((0, width), dtype=np.float32)
    columns: list[npt.NDArray[np.float64]] = []
    for column in question_wide:
        values = rows[:, column].astype(np.float64)
        spread = values.std()
        columns.append(values - values.max())
        columns.append(dense_rank(values))
        columns.append((values - values.mean()) / spread if spread > 1e-9 else values * 0.0)
    owners = np.asarray(passages)
    groups = [owners == passage for passage in dict.fromkeys(passages)]
    for column in within_passage:
        values = rows[:, column].astype(np.float64)
        to_best = np.zeros(len(values))
        rank = np.zeros(len(values))
        for members in groups:
            to_best[members] = values[members] - values[members].max()
            rank[members] = dense_rank(values[members])
        columns += [to_best, rank]
    return np.stack(columns, axis=1).astype(np.float32)


def dense_rank(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """1 for the largest value, 2 for the next distinct one, ...: a sentence counted once
    however many value candidates repeat its row."""
    distinct = np.unique(values)[::-1]
    ranks: npt.NDArray[np.float64] = np.searchsorted(-distinct, -values).astype(np.float64) + 1
    return ranks
