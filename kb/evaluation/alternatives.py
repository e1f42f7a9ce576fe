"""The margin within which a runner-up is shown as "Ook mogelijk", chosen by `kb fit`.

A runner-up helps when the best sentence is wrong and the runner-up right; it costs the reader
a second look when the best was right. On the out-of-fold rankings of the bank, each margin is
measured by answer@3 (the fact in the answer sentence or one of its up to two alternatives) and
by the share of answers that carry an alternative. The margin is widened step by step while
the alternatives each step adds are right often enough (`MIN_STEP_PRECISION`): on the bank,
showing runners-up on every answer would add answer@3 mostly by alternatives that are wrong.

>>> table = margin_table(ranked, abstention)
>>> choose_margin(table)
2.5
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from kb.answers.decide import close_runners_up
from kb.evaluation.crossval import Abstention
from kb.evaluation.fit import Ranked

MARGINS: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0)
"""Ranker-score margins tried, narrowest first (0: no alternatives); the last is wide enough
to show two runners-up on nearly every answer."""

MIN_STEP_PRECISION = 0.10
"""Widening the margin must make at least one answer in ten right at 3 for every answer it
adds alternatives to; a reader checks an alternative that is wrong nine times in ten for
nothing."""


def _shown(ranked: Ranked, margin: float) -> list[int]:
    """The best candidate and the runners-up the answer step shows beside it."""
    if not ranked.order:
        return []
    return [ranked.order[0], *close_runners_up(ranked.order, ranked.scores, margin)]


def margin_row(ranked: Sequence[Ranked], abstention: Abstention, margin: float) -> dict[str, float]:
    """answer@3 over the answerable questions (an abstention is a miss) and the share of
    given answers that carry at least one alternative, for one margin."""
    answerable = sum(r.example.question.answerable for r in ranked)
    right = 0
    answered = 0
    with_alternatives = 0
    for r in ranked:
        question = r.example.question
        if abstention.abstains(question.id):
            continue
        shown = _shown(r, margin)
        answered += bool(shown)
        with_alternatives += len(shown) > 1
        fact = question.found
        right += (
            question.answerable
            and fact is not None
            and any(fact in r.example.candidates[i].sentence.text for i in shown)
        )
    return {
        "margin": margin,
        "answer@3": right / max(answerable, 1),
        "answers with alternatives": with_alternatives / max(answered, 1),
        "right at 3": right,
        "with alternatives": with_alternatives,
    }


def margin_table(ranked: Sequence[Ranked], abstention: Abstention) -> list[dict[str, float]]:
    return [margin_row(ranked, abstention, margin) for margin in MARGINS]


def choose_margin(table: Sequence[dict[str, float]]) -> float:
    """The widest margin reached by steps whose added alternatives each made at least
    `MIN_STEP_PRECISION` of the answers they were added to right at 3 (table narrowest
    first)."""
    chosen = table[0]["margin"]
    for before, row in itertools.pairwise(table):
        added = row["with alternatives"] - before["with alternatives"]
        if added <= 0:
            continue
        if (row["right at 3"] - before["right at 3"]) / added < MIN_STEP_PRECISION:
            break
        chosen = row["margin"]
    return chosen


def margin_lines(table: Sequence[dict[str, float]], chosen: float) -> list[str]:
    """The report's section: each margin's answer@3 and how often alternatives are shown."""
    lines = [
        '## Alternatives ("Ook mogelijk"): runner-up margin, out-of-fold, with abstention',
        "",
        "| margin | answer@3 | answers with alternatives |",
        "|---:|---:|---:|",
    ]
    for row in table:
        mark = " (chosen)" if row["margin"] == chosen else ""
        lines.append(
            f"| {row['margin']:g}{mark} | {row['answer@3']:.1%} "
            f"| {row['answers with alternatives']:.1%} |"
        )
    return [*lines, ""]
