"""Fitting the claim check's verdict model (`kb fit-claims`) on the tuning half of the claims.

Each claim of the even goals (the tuning half, kb.evaluation.claims.half_of) is checked once
by the comparison rules; its features (kb.claims.features) and the verdicts its findings allow
are kept. A multinomial logistic regression is chosen over a tree model because there are ~200
claims and ~30 features: a linear model with an L2 penalty has few numbers to estimate, and
its weights can be read. Its penalty is chosen by cross-validation grouped by goal (one goal per
fold: a fold's claims are never in its training data), beside the rules' figures on the same
folds. The final model is fitted on every tuning claim and written to
`kb/claims/data/claim-model.json`; the held-out half (odd goals) is never read here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kb.claims.compare import MIN_CONTEXT, hand_key
from kb.claims.features import FEATURES, Choice, allowed
from kb.claims.findings import VERDICTS, Verdict
from kb.claims.model import MODEL_FORMAT, ClaimModel
from kb.claims.verdict import check
from kb.evaluation import value_fit
from kb.evaluation.claims import ClaimCase, half_of, shows_value
from kb.index import Index

PENALTIES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""The inverse L2 strengths C tried in cross-validation."""


@dataclass(frozen=True)
class Checked:
    """A tuning claim as the rules checked it."""

    case: ClaimCase
    row: npt.NDArray[np.float64]
    rule: Verdict
    allowed: frozenset[Verdict]
    shows_value: bool
    """Whether a contradicting finding holds the report's true value."""
    choices: tuple[Choice, ...]


def collect(
    index: Index,
    cases: Sequence[ClaimCase],
    progress: Callable[[int, int], None],
    model: ClaimModel,
) -> list[Checked]:
    """Each tuning claim checked once (held-out claims are refused), with `model`'s choice of
    the report's values."""
    if any(half_of(c.goal, c.id) != "tune" for c in cases):
        raise ValueError("the verdict model is fitted on the tuning half (even goals) only")
    out = []
    for number, case in enumerate(cases, start=1):
        result = check(index, case.claim, model=model)
        rule = result.rule_verdict or result.verdict
        out.append(
            Checked(
                case,
                np.asarray(result.features),
                rule,
                allowed(result.findings, rule),
                shows_value(result, case.report_value),
                result.choices,
            )
        )
        progress(number, len(cases))
    return out


def fit(checked: Sequence[Checked], penalty: float) -> ClaimModel:
    """The logistic regression over `checked`, standardised, with inverse L2 strength C."""
    from sklearn.linear_model import LogisticRegression

    rows = np.stack([c.row for c in checked])
    means = rows.mean(axis=0)
    scales = rows.std(axis=0)
    scales[scales == 0] = 1.0
    labels = [c.case.verdict for c in checked]
    model = LogisticRegression(C=penalty, max_iter=5000).fit((rows - means) / scales, labels)
    classes = [v for v in VERDICTS if v in set(model.classes_)]
    order = [list(model.classes_).index(v) for v in classes]
    return ClaimModel(
        format_version=MODEL_FORMAT,
        version=_version(checked),
        trained_on={"claims": len(checked), "goals": len({c.case.goal for c in checked})},
        features=list(FEATURES),
        classes=classes,
        means=[round(float(v), 6) for v in means],
        scales=[round(float(v), 6) for v in scales],
        intercepts=[round(float(model.intercept_[i]), 6) for i in order],
        weights=[[round(float(w), 6) for w in model.coef_[i]] for i in order],
        regularisation=penalty,
        decides=False,
        cross_validation={},
    )


def figures(checked: Sequence[Checked], verdicts: Sequence[Verdict]) -> dict[str, float]:
    """Accuracy, "klopt niet" caught with the report's value, and false claims called
    "klopt", as `kb eval --claims` counts them."""
    pairs = list(zip(checked, verdicts, strict=True))
    right = sum(c.case.verdict == v for c, v in pairs)
    wrong = [(c, v) for c, v in pairs if c.case.verdict == "klopt_niet"]
    false = [(c, v) for c, v in pairs if c.case.verdict in ("klopt_niet", "deels")]
    caught = sum(v == "klopt_niet" and c.shows_value for c, v in wrong)
    return {
        "accuracy": right / max(len(checked), 1),
        "caught_with_value": caught / max(len(wrong), 1),
        "false_klopt": sum(v == "klopt" for _, v in false) / max(len(false), 1),
    }


def cross_validated(checked: Sequence[Checked], penalty: float) -> list[Verdict]:
    """Each claim's verdict from a model fitted without its goal (leave one goal out)."""
    verdicts: list[Verdict] = [c.rule for c in checked]
    for goal in sorted({c.case.goal for c in checked}):
        train = [c for c in checked if c.case.goal != goal]
        model = fit(train, penalty)
        for i, c in enumerate(checked):
            if c.case.goal == goal:
                verdicts[i] = model.decide(c.row, c.allowed)
    return verdicts


@dataclass(frozen=True)
class FitOutcome:
    model: ClaimModel
    rules: dict[str, float]
    per_penalty: dict[float, dict[str, float]]


def run_claim_fit(checked: Sequence[Checked], values: ClaimModel) -> FitOutcome:
    """Choose C by grouped cross-validation (accuracy, then fewer false "klopt"), fit on all;
    `checked` were checked with `values`' choice of the report's values, which the model keeps."""
    per_penalty = {c: figures(checked, cross_validated(checked, c)) for c in PENALTIES}
    best = max(
        PENALTIES, key=lambda c: (per_penalty[c]["accuracy"], -per_penalty[c]["false_klopt"])
    )
    rules = figures(checked, [c.rule for c in checked])
    record = {f"model_{k}": round(v, 4) for k, v in per_penalty[best].items()}
    record |= {f"rules_{k}": round(v, 4) for k, v in rules.items()}
    chosen, rules_key = per_penalty[best], (rules["accuracy"], -rules["false_klopt"])
    # The rules were written from these claims, so theirs is an in-sample figure: the model
    # decides only when its out-of-fold figure beats it.
    decides = (chosen["accuracy"], -chosen["false_klopt"]) > rules_key
    record |= values.cross_validation
    update = {"cross_validation": record, "decides": decides, "values": values.values}
    model = fit(checked, best).model_copy(update=update)
    return FitOutcome(model, rules, per_penalty)


def fit_values(checked: Sequence[Checked]) -> ClaimModel:
    """The value chooser (kb.evaluation.value_fit), in a model whose verdicts are the rules'
    (to check the claims again with it before the verdict model is fitted)."""
    found = value_fit.groups([c.case for c in checked], [c.choices for c in checked])
    hand = value_fit.share_right(
        [value_fit.right(g, [hand_key(r) for r in g.rows], MIN_CONTEXT) for g in found]
    )
    chooser, record = value_fit.choose(found, hand)
    return fit(checked, 1.0).model_copy(update={"values": chooser, "cross_validation": record})


def fit_in_two_passes(
    index: Index, cases: Sequence[ClaimCase], progress: Callable[[str, int, int], None]
) -> tuple[FitOutcome, list[Checked]]:
    """The claims checked with the hand choice of the report's values; the value chooser
    fitted on them; the claims checked again with it, and the chooser kept only when the
    rules' verdicts then lose neither accuracy nor safety (false "klopt") on the tuning half;
    then the verdict model on the claims as checked with the choice kept."""
    checked = collect(index, cases, lambda done, total: progress("hand", done, total), _rules())
    values = fit_values(checked)
    assert values.values is not None
    if values.values.decides:
        again = collect(index, cases, lambda done, total: progress("fitted", done, total), values)
        before = figures(checked, [c.rule for c in checked])
        after = figures(again, [c.rule for c in again])
        keeps = after["accuracy"] >= before["accuracy"]
        keeps &= after["false_klopt"] <= before["false_klopt"]
        record = values.cross_validation | {
            "values_rules_accuracy": round(after["accuracy"], 4),
            "values_rules_false_klopt": round(after["false_klopt"], 4),
        }
        chooser = values.values.model_copy(update={"decides": keeps})
        values = values.model_copy(update={"values": chooser, "cross_validation": record})
        checked = again if keeps else checked
    return run_claim_fit(checked, values), checked


def _rules() -> ClaimModel:
    """A model that leaves every decision to the rules (the shipped file may name features
    the code no longer has)."""
    width = len(FEATURES)
    return ClaimModel(
        format_version=MODEL_FORMAT,
        version="rules",
        trained_on={},
        features=list(FEATURES),
        classes=list(VERDICTS),
        means=[0.0] * width,
        scales=[1.0] * width,
        intercepts=[0.0] * len(VERDICTS),
        weights=[[0.0] * width for _ in VERDICTS],
        regularisation=1.0,
        decides=False,
        cross_validation={},
    )


def write_model(model: ClaimModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(model.model_dump_json(indent=1) + "\n", encoding="utf-8")


def report(outcome: FitOutcome, checked: Sequence[Checked]) -> str:
    """The cross-validation figures per C, the rules' on the same claims, and the weights."""
    lines = [
        f"# Claim verdict model ({len(checked)} tuning claims, "
        f"{len({c.case.goal for c in checked})} goals, one goal per fold)",
        "",
        "| | accuracy | klopt niet caught with value | false klopt |",
        "|---|---:|---:|---:|",
    ]
    rows = [("rules' decision order (written from these claims)", outcome.rules)]
    rows += [(f"model C={c}", f) for c, f in outcome.per_penalty.items()]
    for name, f in rows:
        cells = [f"{f[k]:.1%}" for k in ("accuracy", "caught_with_value", "false_klopt")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    model = outcome.model
    who = "the model decides" if model.decides else "the rules decide (the model did not beat them)"
    cv = model.cross_validation
    if model.values is not None:
        lines += [
            "",
            f"Which report value a claimed value is compared with: right "
            f"{cv['values_model_right']:.1%} of the time fitted (grouped CV, C="
            f"{cv['values_penalty']}, threshold {cv['values_threshold']}), "
            f"{cv['values_rules_right']:.1%} by hand; "
            + ("the fitted choice decides." if model.values.decides else "the hand choice stays."),
        ]
        if "values_rules_accuracy" in cv:
            lines.append(
                f"With the fitted choice the rules' verdicts would be right "
                f"{cv['values_rules_accuracy']:.1%}, false klopt "
                f"{cv['values_rules_false_klopt']:.1%} (in-sample for the choice)."
            )
    lines += ["", f"Chosen C = {model.regularisation}: {who}.", ""]
    lines += ["Weights (standardised features):", ""]
    lines += ["| feature | " + " | ".join(model.classes) + " |"]
    lines += ["|---|" + "---:|" * len(model.classes)]
    for j, name in enumerate(model.features):
        weights = " | ".join(f"{model.weights[i][j]:+.2f}" for i in range(len(model.classes)))
        lines.append(f"| {name} | {weights} |")
    return "\n".join(lines) + "\n"


def _version(checked: Sequence[Checked]) -> str:
    digest = hashlib.sha256()
    for c in checked:
        digest.update(json.dumps(c.case.model_dump(), sort_keys=True).encode())
    return f"{datetime.now(UTC):%Y%m%d}-{digest.hexdigest()[:12]}"
