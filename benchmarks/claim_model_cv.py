"""The claim check's verdict model fitted on every development claim, beside the rules.

Checks each claim of the development sets (`eval/claims/` and `eval/claims-fresh*/`, never the
blind set named by --blind) once with the rules, keeps its features (kb.claims.features) and the
verdicts its findings allow, and fits the verdict model leave-one-goal-out: a multinomial
logistic regression (as `kb fit-claims`) for several penalties, and the same model overriding
the rules only when it is sure. The rules' figure is in-sample (they were written reading these
claims); the model's is out of fold.

    .venv/bin/python -m benchmarks.claim_model_cv                # about 7 minutes
    .venv/bin/python -m benchmarks.claim_model_cv --blind eval/claims-fresh10
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kb.claims.features import allowed
from kb.claims.findings import VERDICTS, Verdict
from kb.claims.verdict import check
from kb.evaluation.claims import load_claims, shows_value
from kb.options import open_index
from kb.settings import load_settings

PENALTIES = (0.01, 0.03, 0.1, 0.3, 1.0)
SURE = (0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Row:
    goal: int
    gold: str
    rule: Verdict
    allowed: frozenset[Verdict]
    features: tuple[float, ...]
    shows_value: bool


def collect(folders: list[Path]) -> list[Row]:
    index = open_index(load_settings())
    rows = []
    for folder in folders:
        for case in load_claims(folder):
            result = check(index, case.claim)
            rule = result.rule_verdict or result.verdict
            rows.append(
                Row(
                    case.goal,
                    case.verdict,
                    rule,
                    allowed(result.findings, rule),
                    result.features,
                    shows_value(result, case.report_value),
                )
            )
    return rows


def figures(rows: list[Row], verdicts: list[str]) -> str:
    pairs = list(zip(rows, verdicts, strict=True))
    wrong = sum(r.gold != v for r, v in pairs)
    false = [(r, v) for r, v in pairs if r.gold in ("klopt_niet", "deels")]
    caught = [v == "klopt_niet" and r.shows_value for r, v in pairs if r.gold == "klopt_niet"]
    return (
        f"accuracy {100 * (1 - wrong / len(rows)):.1f}%  caught {100 * np.mean(caught):.1f}%  "
        f"false klopt {100 * np.mean([v == 'klopt' for _, v in false]):.1f}%  wrong {wrong}"
    )


def out_of_fold(rows: list[Row], penalty: float, sure: float = 0.0) -> list[str]:
    """Each claim's verdict from a model fitted without its goal; with `sure`, the rules'
    verdict unless the model's probability for its own is at least that."""
    from sklearn.linear_model import LogisticRegression

    features: npt.NDArray[np.float64] = np.array([r.features for r in rows], dtype=float)
    scales = features.std(axis=0)
    scales[scales == 0] = 1.0
    scaled = (features - features.mean(axis=0)) / scales
    gold = np.array([r.gold for r in rows])
    goals = np.array([r.goal for r in rows])
    verdicts: list[str] = [r.rule for r in rows]
    for goal in sorted(set(goals.tolist())):
        train = goals != goal
        model = LogisticRegression(C=penalty, max_iter=5000).fit(scaled[train], gold[train])
        for i in np.where(~train)[0]:
            p = dict(zip(model.classes_, model.predict_proba(scaled[i : i + 1])[0], strict=True))
            best = max((v for v in VERDICTS if v in rows[i].allowed), key=lambda v: p.get(v, 0))
            if p.get(best, 0.0) >= sure:
                verdicts[i] = best
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blind", type=Path, default=Path("eval/claims-fresh10"))
    args = parser.parse_args()
    folders = [
        f
        for f in sorted(Path("eval").glob("claims*"))
        if f.is_dir() and f.resolve() != args.blind.resolve()
    ]
    rows = collect(folders)
    print(f"{len(rows)} development claims from {len(folders)} folders (not {args.blind})")
    print(f"rules (in-sample)          {figures(rows, [r.rule for r in rows])}")
    for penalty in PENALTIES:
        print(f"model C={penalty:<5} out of fold {figures(rows, out_of_fold(rows, penalty))}")
    for sure in SURE:
        verdicts = out_of_fold(rows, 0.03, sure)
        print(f"model C=0.03 when p>={sure}  {figures(rows, verdicts)}")


if __name__ == "__main__":
    main()
