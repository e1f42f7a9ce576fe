"""Paired significance tests between two configurations, question by question (ranx's).

Fisher's randomization test (the default) assumes nothing about the shape of the per-question
scores, which for MRR are far from normal; "student" is the paired t-test.
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
    from ranx.statistical_tests import fisher_randomization_test, paired_student_t_test

    out: list[TestResult] = []
    for metric in TESTED:
        ids = sorted(a[1][metric])
        x = np.array([a[1][metric][q] for q in ids])
        y = np.array([b[1][metric][q] for q in ids])
        if test == "fisher":
            p, _ = fisher_randomization_test(x, y, PERMUTATIONS, ALPHA, 42)
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
