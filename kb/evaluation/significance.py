"""Paired significance tests between two configurations, question by question.

Fisher's randomization test (the default) assumes nothing about the shape of the per-question
scores, which for MRR are far from normal; "student" is ranx's paired t-test. The
randomization test is computed here with a seeded NumPy generator: ranx's version runs its
permutations in parallel threads whose random streams the seed does not fix, so its p-values
changed from run to run (0.2744, then 0.2775, for the same scores), and a p-value near 0.05
could flip a verdict. This one gives the same p-value for the same scores, every run.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from kb.evaluation.results import TestResult

StatTest = Literal["fisher", "student"]
TESTED = ("mrr@10", "recall@5", "ndcg@10")
ALPHA = 0.05
PERMUTATIONS = 10_000

Scores = dict[str, dict[str, float]]
"""metric -> question id -> score (kb.evaluation.metrics.per_query)."""


def paired_tests(
    group: str,
    a: tuple[str, Scores],
    b: tuple[str, Scores],
    test: StatTest,
) -> list[TestResult]:
    """Paired tests of ranx (Fisher's randomization or Student's t) on per-question scores."""
    from ranx.statistical_tests import paired_student_t_test

    out: list[TestResult] = []
    for metric in TESTED:
        ids = sorted(a[1][metric])
        x = np.array([a[1][metric][q] for q in ids])
        y = np.array([b[1][metric][q] for q in ids])
        if test == "fisher":
            p = randomization_p_value(x, y)
        else:
            p, _ = paired_student_t_test(x, y, ALPHA)
        p = float(p) if np.isfinite(p) else 1.0  # identical scores: no difference at all
        out.append(
            TestResult(
                group=group,
                a=a[0],
                b=b[0],
                metric=metric,
                test=test,
                mean_a=float(x.mean()),
                mean_b=float(y.mean()),
                p_value=p,
                significant=p < ALPHA,
                wins=int((x > y).sum()),
                ties=int((x == y).sum()),
                losses=int((x < y).sum()),
            )
        )
    return out


def randomization_p_value(
    a: np.ndarray, b: np.ndarray, permutations: int = PERMUTATIONS, seed: int = 42
) -> float:
    """Two-sided p-value of Fisher's paired randomization test on the mean difference.

    Each permutation swaps the two systems' scores of every question with probability 1/2
    (a sign flip of the difference); the p-value is the share of permutations whose mean
    difference is at least as far from 0 as the observed one.

    >>> randomization_p_value(np.array([1.0, 1.0, 1.0]), np.array([1.0, 1.0, 1.0]))
    1.0
    """
    differences = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    observed = abs(differences.mean())
    rng = np.random.default_rng(seed)
    extreme = 0
    for start in range(0, permutations, 1000):
        count = min(1000, permutations - start)
        signs = rng.choice(np.array([-1.0, 1.0]), size=(count, len(differences)))
        means = np.abs((signs * differences).mean(axis=1))
        extreme += int((means >= observed - 1e-12).sum())
    return extreme / permutations
