"""Benchmark: the rules on a sentence's figures, each measured on its own (#12).

    .venv/bin/python -m benchmarks.figure_rules                 # seeds 42, 1, 2
    .venv/bin/python -m benchmarks.figure_rules --seeds 42

Four explicit rules choose among the figures of the best sentence after the ranker
(`kb.answers.decide.figure_rules`): today's figure in place of an ambition the question does
not ask (session 18), the figure of the school type, level or vmbo learning path the question
asks in place of another's (session 42, `kb.answers.schools`), and a value with digits in
place of one without for a question that asks a number, "welk Kamerstuknummer" (session 48),
and the range that holds a value in place of that value for a question that asks both ends,
"tussen welke maanden" (session 49). None changes which sentence is quoted, only which of its
values is bold. The last row reads all four.

The memory's ranker is refitted on the bank's five folds grouped by goal and on every question,
as in `benchmarks.memory_columns`; the held-out bank questions and those of dev, answers-fresh
and answers-fresh2 are ranked once, and each row of the table reads the same rankings with no
rule, the ambition rule alone, the first two, the first three and all four. Figures are the
ranking alone (no abstention) of the questions the memory's ranker ranks: the fact in the best
sentence, the fact in one of the best three, and the right value shown
(`kb.answers.question.shows_value`), each the mean over the seeds. Session 42 ran it in about 8
minutes on two quiet cores (14 beside the test
suite). Not a test.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from benchmarks.memory_columns import Scorer, _fit, _routed, prepared
from kb.answers.candidates import Candidate
from kb.answers.decide import (
    _number_over_name,
    _today_over_ambition,
    figure_rules,
    figure_rules_on_kind,
    sentence_order,
)
from kb.answers.question import NUMBER_ASKED, shows_value
from kb.evaluation.fitdata import Example

Rules = Callable[
    [list[int], Sequence[Candidate], npt.NDArray[np.float64], npt.NDArray[np.float32], str],
    list[int],
]

RULES: dict[str, Rules] = {
    "no rule": lambda order, candidates, scores, rows, question: order,
    "today over ambition": lambda order, candidates, scores, rows, question: [
        _today_over_ambition(i, candidates, scores, rows) for i in order
    ],
    "today over ambition, asked school": figure_rules_on_kind,
    "first three": lambda order, candidates, scores, rows, question: [
        _number_over_name(i, candidates, scores) if NUMBER_ASKED.search(question) else i
        for i in figure_rules_on_kind(order, candidates, scores, rows, question)
    ],
    "all four (what runs)": figure_rules,
}


def _count(ranker: Scorer, items: Sequence[Example], out: npt.NDArray[np.float64]) -> None:
    """Adds each rule's questions, facts at 1, facts at 3, valued questions and values right
    to `out` (one row per rule)."""
    routed = _routed(items)
    for e in items:
        question = e.question
        if not question.answerable or not e.candidates or question.id not in routed:
            continue
        fact = question.fact or ""
        scores = ranker(e.rows)
        by_score = sentence_order(e.candidates, scores)
        for row, rule in zip(out, RULES.values(), strict=True):
            order = rule(by_score, e.candidates, scores, e.rows, e.info.folded)
            best = e.candidates[order[0]]
            row[0] += 1
            row[1] += fact in best.sentence.text
            row[2] += any(fact in e.candidates[i].sentence.text for i in order[:3])
            if question.value is not None:
                shown = best.value is not None and shows_value(best.kind, e.info)
                row[3] += 1
                row[4] += bool(e.labels[order[0]]) and shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seeds", default="42,1,2")
    args = parser.parse_args()
    try:
        seeds = [int(s) for s in args.seeds.split(",")]
    except ValueError:
        parser.error(f"--seeds takes whole numbers separated by commas, not {args.seeds!r}")
    _, folds, final, sets = prepared()
    held = np.zeros((len(RULES), 5))
    chosen = np.zeros((len(RULES), 5))
    for seed in seeds:
        for fold in folds:
            _count(_fit(fold.remembered, seed), fold.known, held)
        ranker = _fit(final, seed)
        for items in sets:
            _count(ranker, items, chosen)
    n = len(seeds)
    print("| rules | bank: fact | answer@3 | value | three sets: fact | answer@3 | value |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, b, c in zip(RULES, held, chosen, strict=True):
        print(
            f"| {name} | {b[1] / b[0]:.1%} | {b[2] / b[0]:.1%} | {b[4] / b[3]:.1%} "
            f"| {c[1] / n:.1f} of {c[0] / n:.0f} | {c[2] / n:.1f} "
            f"| {c[4] / n:.1f} of {c[3] / n:.0f} |"
        )


if __name__ == "__main__":
    main()
