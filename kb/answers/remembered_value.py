"""Which of a sentence's figures readers asked for: the value the remembered questions name.

A sentence often holds several figures ("Inmiddels zijn er 24 ... gefinancierde Centres of
expertise actief en zijn er 13 onbekostigde centres gestart"), and the bank and the recall
questions ask each of them in other words. A new question worded like the ones that asked for
the 24 asks for the 24, even when the ranker's value columns cannot tell the two apart. So
after the ranker and the figure rules (kb.answers.decide), the answer's figure is the one the
`VALUE_VOTERS` remembered questions closest to the question name, among those whose span the
answer sentence holds and that have a value (`QuestionMemory.values`), when they name it with
at least `VALUE_SHARE` of their vote (each weighted by closeness, as `memory_vote` is, with
`VALUE_VOTE_WIDTH`). A remembered value names the figure that stands where it stands in the
sentence (of those overlapping it, the one sharing the most).

Only the answer's figure changes, never its sentence. The three numbers were chosen on the
sets that choose (dev, answers-fresh, answers-fresh2: 355 -> 360 values of 429 right, 6
answers gained and 1 lost) and then measured once on the blind sets (answers-fresh3 to 6:
289 -> 297 of 372, 9 gained and 1 lost); see the README, session 45.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from kb.answers.candidates import Candidate
from kb.answers.memory import MemoryView
from kb.embed import Vectors

VALUE_VOTERS = 5
"""How many of the closest remembered questions with a value in the sentence vote."""
VALUE_VOTE_WIDTH = 0.05
"""A voter's weight is exp((its cosine - the closest voter's) / VALUE_VOTE_WIDTH)."""
VALUE_SHARE = 0.7
"""The share of the vote a figure needs to take the answer's place."""


def remembered_value(
    best: int,
    candidates: Sequence[Candidate],
    scores: npt.NDArray[np.float64],
    view: MemoryView,
    vector: Vectors,
) -> int:
    """The candidate of `best`'s sentence whose figure the closest remembered questions name
    (the best-scored of them), else `best`."""
    chosen = candidates[best]
    rows = [
        int(row)
        for row in view.of_sentence.get(chosen.number, np.zeros(0, dtype=np.intp))
        if view.values[int(row)]
    ]
    figures = [
        i for i, c in enumerate(candidates) if c.number == chosen.number and c.value is not None
    ]
    texts = {value.text for i in figures if (value := candidates[i].value) is not None}
    if not rows or len(texts) < 2:
        return best
    cosines = view.cosines(vector)[rows]
    closest = np.argsort(-cosines, kind="stable")[:VALUE_VOTERS]
    weights = np.exp((cosines[closest] - cosines[closest[0]]) / VALUE_VOTE_WIDTH)
    text = chosen.sentence.text
    votes = np.zeros(len(figures))
    for weight, row in zip(weights, closest, strict=True):
        named = _named(text, view.values[rows[int(row)]], [candidates[i] for i in figures])
        votes[named] += weight
    top = int(np.argmax(votes))
    if votes[top] < VALUE_SHARE * weights.sum():
        return best
    winner = candidates[figures[top]].value
    same = [i for i in figures if candidates[i].value == winner]
    if best in same:
        return best
    return max(same, key=lambda i: scores[i])


def _named(text: str, value: str, figures: Sequence[Candidate]) -> list[int]:
    """The figure (its first index into `figures`) that stands where `value` stands in `text`:
    of those overlapping it, the one sharing the largest part of their joint span ("30 juni
    2019" rather than "1 juli 2016 tot en met 30 juni 2019"); none when it is not there."""
    spans: list[tuple[int, int]] = []
    at = text.find(value)
    while at >= 0:
        spans.append((at, at + len(value)))
        at = text.find(value, at + 1)
    best, named = 0.0, -1
    for i, candidate in enumerate(figures):
        figure = candidate.value
        if figure is None:
            continue
        for start, end in spans:
            shared = min(end, figure.end) - max(start, figure.start)
            part = shared / (max(end, figure.end) - min(start, figure.start))
            if part > best:
                best, named = part, i
    return [named] if named >= 0 else []
