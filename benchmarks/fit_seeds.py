"""Benchmark: how much of a cross-validated figure of the answer ranker is its random seed (#12).

    .venv/bin/python -m benchmarks.fit_seeds                  # seeds 42 (what runs) and 1-7
    .venv/bin/python -m benchmarks.fit_seeds --seeds 42,1,2 --questions eval/bank
    .venv/bin/python -m benchmarks.fit_seeds --new-text       # a report the bank never asked

The ranker subsamples rows and features (`RANKER_PARAMETERS`), so a refit with another random
state gives other trees. This runs the bank's five folds grouped by goal once per seed, the
same folds and candidates each time (each held-out question reading the memory of every other
bank question, kb.answers.memory, or with `--new-text` none of its goal's), and prints for
each seed what runs (fitted rankers, abstention set for 5% false abstention on the other
folds, year gate) and the ranking alone;
then the mean, the lowest and the highest, and one more row for the seeds' scores averaged
per candidate (an ensemble of all the seeds' rankers, as if it were shipped).

Session 30 used it to tell a candidate's change from the noise of a refit: compare the means
over the same seeds, not one refit each. About 3 minutes to search and prepare, then about
40 seconds a seed, on two cores. Not a test.
"""

from __future__ import annotations

import argparse
import statistics

import numpy as np
import numpy.typing as npt

from benchmarks.bank_folds import add_arguments, prepare
from benchmarks.bank_folds import recall as bank_recall
from kb.evaluation import crossval
from kb.evaluation.fit import Ranked, rank_example
from kb.evaluation.fitting import what_runs
from kb.options import open_index
from kb.settings import Settings

COLUMNS = (
    ("fact in the answer sentence", "fact"),
    ("value right", "value"),
    ("near misses that abstain", "near misses abstain"),
    ("answerable that abstain", "answerable abstain"),
)


class _Averaged:
    """Scores given in advance: the seeds' rankers averaged, for `rank_example`."""

    def __init__(self, scores: npt.NDArray[np.float64]) -> None:
        self._scores = scores

    def scores(self, rows: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        return self._scores


def _row(ranked: list[Ranked], own: list[Ranked], near: crossval.Columns) -> dict[str, float]:
    """What runs, abstaining as the own ranker's rankings `own` and the remembered near
    misses (`near`) tell (kb.answers.decide)."""
    figures = what_runs(ranked, own=own, near=near)
    figures["ranking only: fact"] = crossval.ranking_scores(ranked).row()[
        "fact in the answer sentence"
    ]
    return figures


def _line(name: str, figures: dict[str, float]) -> str:
    cells = [f"{figures[key]:.1%}" for key, _ in COLUMNS] + [f"{figures['ranking only: fact']:.1%}"]
    return f"| {name} | " + " | ".join(cells) + " |"


def parse_seeds(parser: argparse.ArgumentParser, text: str) -> list[int]:
    """The seeds of a `--seeds` option ("42,1,2"); a usage error (exit 2) otherwise."""
    try:
        return [int(s) for s in text.split(",")]
    except ValueError:
        parser.error(f"--seeds takes whole numbers separated by commas, not {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="42,1,2,3,4,5,6,7", help="comma-separated seeds")
    add_arguments(parser)
    args = parser.parse_args()
    seeds = parse_seeds(parser, args.seeds)
    index = open_index(Settings())
    bank = prepare(index, args)
    prepared = bank.folds
    recall = bank_recall(args)
    runs = {seed: crossval.out_of_fold(prepared, seed=seed, recall=recall) for seed in seeds}
    own = {seed: crossval.out_of_fold(prepared, seed=seed, extra=True) for seed in seeds}
    rows = {seed: _row(ranked, own[seed], bank.near) for seed, ranked in runs.items()}
    first = runs[seeds[0]]
    averaged = [
        rank_example(
            r.example,
            _Averaged(np.mean([runs[seed][i].scores for seed in seeds], axis=0)),
            r.type_probability,
        )
        for i, r in enumerate(first)
    ]
    header = [name for _, name in COLUMNS] + ["ranking only: fact"]
    print(f"| seed | {' | '.join(header)} |")
    print("|---|" + "---:|" * len(header))
    for seed in seeds:
        print(_line(str(seed), rows[seed]))
    for name, pick in (("mean", statistics.fmean), ("lowest", min), ("highest", max)):
        keys = rows[seeds[0]].keys()
        print(_line(name, {k: pick([rows[s][k] for s in seeds]) for k in keys}))
    print(_line("scores averaged over the seeds", _row(averaged, own[seeds[0]], bank.near)))


if __name__ == "__main__":
    main()
