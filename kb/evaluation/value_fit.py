"""Fitting which report value a claimed value is compared with (part of `kb fit-claims`).

For each value of a tuning claim, the check lists the report's values of its kind in the best
sentences (kb.claims.features.Choice, one row of VALUE_FEATURES each). A value is the right
one when it is the report's value the claim's author wrote down (`report_value` of the
claims file); a claim about something the report does not cover has no right value, and its
values should be found absent (below the threshold). A logistic regression over the rows
scores the values; its strength C and the threshold are chosen by cross-validation grouped by
goal, on how often the choice is right, beside the hand-set choice on the same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kb.claims.features import VALUE_FEATURES, Choice
from kb.claims.model import ValueChooser
from kb.evaluation.claims import ClaimCase

PENALTIES = (0.1, 1.0, 10.0)
THRESHOLDS = (-2.0, -1.0, 0.0)
"""Logits below which a contradicting value is taken to be about something else."""
_FITS = VALUE_FEATURES.index("fits")


@dataclass(frozen=True)
class Group:
    """One claimed value of a tuning claim: the report values it could be compared with, and
    which of them is the claim's subject's (none for a claim the report does not cover)."""

    case: ClaimCase
    rows: list[tuple[float, ...]]
    labels: list[bool]


def groups(cases: Sequence[ClaimCase], choices: Sequence[Sequence[Choice]]) -> list[Group]:
    """The claimed values whose right report value the claims file names (the claim's value
    in `claim_value`), and every value of a claim the report does not cover."""
    out = []
    for case, made in zip(cases, choices, strict=True):
        seen: set[str] = set()
        for choice in made:
            wanted = case.claim_value and _same(choice.claimed, case.claim_value)
            if choice.claimed in seen or not (wanted or case.verdict == "niet_in_rapport"):
                continue
            seen.add(choice.claimed)
            rows = [row for _, _, row in choice.candidates]
            labels = [
                case.verdict != "niet_in_rapport" and _same(text, case.report_value or "")
                for text, _, _ in choice.candidates
            ]
            out.append(Group(case, rows, labels))
    return out


def _same(a: str, b: str) -> bool:
    """Whether two written values are the same ("€25 miljoen" and "25 miljoen")."""
    x, y = (v.replace("€", "").replace(" ", "").lower() for v in (a, b))
    return bool(x and y) and (x == y or (len(x) >= 2 and x in y) or (len(y) >= 2 and y in x))


def right(group: Group, keys: Sequence[float], threshold: float) -> bool | None:
    """Whether the choice is right: the report's value chosen and kept, or, for a claim the
    report does not cover, nothing kept against it (None: the right value is not a choice)."""
    kept: int | None = None
    if keys:
        best = int(np.argmax(keys))
        fits = bool(group.rows[best][_FITS])
        kept = best if fits or keys[best] >= threshold else None
    if group.case.verdict == "niet_in_rapport":
        return kept is None
    if not any(group.labels):
        return None
    return kept is not None and group.labels[kept]


def share_right(found: Sequence[bool | None]) -> float:
    judged = [v for v in found if v is not None]
    return sum(judged) / max(len(judged), 1)


def fit_chooser(train: Sequence[Group], penalty: float, threshold: float) -> ValueChooser:
    """The logistic regression over the candidates of `train` (standardised)."""
    from sklearn.linear_model import LogisticRegression

    rows = np.asarray([row for g in train for row in g.rows], dtype=np.float64)
    labels = [label for g in train for label in g.labels]
    means, scales = rows.mean(axis=0), rows.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=penalty, max_iter=5000).fit((rows - means) / scales, labels)
    return ValueChooser(
        features=list(VALUE_FEATURES),
        means=[round(float(v), 6) for v in means],
        scales=[round(float(v), 6) for v in scales],
        intercept=round(float(model.intercept_[0]), 6),
        weights=[round(float(w), 6) for w in model.coef_[0]],
        threshold=threshold,
        decides=False,
    )


def cross_validated(found: Sequence[Group], penalty: float, threshold: float) -> float:
    """The share of right choices, each by a chooser fitted without its goal."""
    results: list[bool | None] = []
    for goal in sorted({g.case.goal for g in found}):
        chooser = fit_chooser([g for g in found if g.case.goal != goal], penalty, threshold)
        results += [
            right(g, [chooser.key(r) for r in g.rows], threshold)
            for g in found
            if g.case.goal == goal
        ]
    return share_right(results)


def choose(found: Sequence[Group], hand: float) -> tuple[ValueChooser, dict[str, float]]:
    """C and the threshold by grouped cross-validation; the chooser fitted on every group,
    deciding only when it beat `hand` (the hand-set choice's share right)."""
    grid = {(c, t): cross_validated(found, c, t) for c in PENALTIES for t in THRESHOLDS}
    (penalty, threshold), best = max(grid.items(), key=lambda item: item[1])
    chooser = fit_chooser(found, penalty, threshold).model_copy(update={"decides": best > hand})
    record = {"values_model_right": round(best, 4), "values_rules_right": round(hand, 4)}
    record |= {"values_penalty": penalty, "values_threshold": threshold}
    return chooser, record
