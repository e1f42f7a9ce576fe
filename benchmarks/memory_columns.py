"""Benchmark: more columns from the memory for the memory's ranker, tried before a refit (#12).

    .venv/bin/python -m benchmarks.memory_columns                     # every variant, 3 seeds
    .venv/bin/python -m benchmarks.memory_columns --variants base,value_vote --seeds 42,1

The memory's ranker (kb.answers.memory, `Remembered.ranker`) is refitted on the bank's five
folds grouped by goal, as `kb fit` fits it (the training goals' questions reading the memory
without themselves and without the held-out goals), once per seed and variant, with a
variant's columns added to the candidates' rows. Each held-out question reads the memory
without itself, as `kb fit`'s figures do. The ranker fitted on every question then ranks the
questions of dev, answers-fresh and answers-fresh2, which read the whole memory (no question of
theirs is in it). Figures are the ranking alone (no abstention) of the questions the memory's
ranker ranks: the fact in the best candidate's sentence, the fact in one of the best three
sentences (answer@3 without the margin) and the right value; each the mean over the seeds.

Variants (the columns are computed here; none of them is in the answer step):
- `value_vote`: the share of the ten closest remembered questions' vote (`memory_vote`'s
  weights) that goes to remembered questions whose gold span holds the candidate's value,
  its difference from the question's best, and its part of the sentence's own vote;
- `question_level`: the winning sentence's share of the vote, and the cosine of the closest
  remembered question that the report answers;
- `near_share`: the share of the vote that goes to remembered questions the report does not
  answer (`near_miss_vote`, which only the memory's abstainer reads), as a ranker column.

Session 41 ran it: about 5 minutes to search and prepare, then about 80 seconds a variant for
three seeds, on two cores. Not a test.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kb.answers.decide import sentence_order
from kb.answers.memory import MemoryView, _vote
from kb.evaluation import crossval
from kb.evaluation.fit import (
    RANKER_PARAMETERS,
    cross_fitted_types,
    fit_types,
    type_probabilities,
)
from kb.evaluation.fitdata import Example, examples, goal_of, retrieve
from kb.evaluation.memory_fit import BankMemory, remembered
from kb.evaluation.questions import load_questions
from kb.options import open_index
from kb.settings import Settings

SETS = (Path("eval/dev.jsonl"), Path("eval/answers-fresh"), Path("eval/answers-fresh2"))
"""The sets written by others that choose (never gold, never the blind fresh3-fresh5)."""


@dataclass(frozen=True)
class Memory:
    """The bank's memory as the variants read it."""

    view: MemoryView
    facts: list[str]
    """Each remembered question's gold span, case-folded."""
    ids: npt.NDArray[np.str_]
    goals: npt.NDArray[np.int64]


Columns = Callable[[Memory, Example, npt.NDArray[np.bool_]], npt.NDArray[np.float32]]


def value_vote(
    memory: Memory, example: Example, allowed: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32]:
    view, facts = memory.view, memory.facts
    weights = _weights(view, example, allowed)
    out = np.zeros((len(example.candidates), 3), dtype=np.float32)
    for i, candidate in enumerate(example.candidates):
        rows = view.of_sentence.get(candidate.number)
        if rows is None or candidate.value is None:
            continue
        value = candidate.value.text.casefold()
        out[i, 0] = float(sum(weights[r] for r in rows if weights[r] > 0 and value in facts[r]))
        sentence = float(weights[rows].sum())
        out[i, 2] = out[i, 0] / sentence if sentence > 0 else 0.0
    if len(out):
        out[:, 1] = out[:, 0] - out[:, 0].max()
    return out


def question_level(
    memory: Memory, example: Example, allowed: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32]:
    view = memory.view
    weights = _weights(view, example, allowed)
    votes: dict[int, float] = {}
    for voter in np.flatnonzero(weights):
        sentence = int(view.sentence_of[voter])
        votes[sentence] = votes.get(sentence, 0.0) + float(weights[voter])
    answering = (view.sentence_of >= 0) & allowed
    cosines = view.cosines(example.retrieved.vector)
    closest = float(cosines[answering].max()) if answering.any() else 0.0
    winner = max(votes.values()) if votes else 0.0
    columns = np.asarray([winner, closest], dtype=np.float32)
    return np.tile(columns, (len(example.candidates), 1))


def near_share(
    memory: Memory, example: Example, allowed: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32]:
    share = memory.view.abstention_columns(example.retrieved.vector, allowed)
    return np.tile(share, (len(example.candidates), 1))


VARIANTS: dict[str, Columns | None] = {
    "base": None,
    "value_vote": value_vote,
    "question_level": question_level,
    "near_share": near_share,
}


def _weights(
    view: MemoryView, example: Example, allowed: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32]:
    cosines = view.cosines(example.retrieved.vector)
    return _vote(np.where((view.sentence_of >= 0) & allowed, cosines, -np.inf))


def _with(
    columns: Columns | None,
    memory: Memory,
    items: Sequence[Example],
    allowed: npt.NDArray[np.bool_],
) -> list[Example]:
    """`items` with the variant's columns, each reading the `allowed` remembered questions
    but itself."""
    if columns is None:
        return list(items)
    out: list[Example] = []
    for e in items:
        added = columns(memory, e, allowed & (memory.ids != e.question.id))
        out.append(replace(e, rows=np.hstack([e.rows, added]).astype(np.float32)))
    return out


Scorer = Callable[[npt.NDArray[np.float32]], npt.NDArray[np.float64]]


def _fit(items: Sequence[Example], seed: int) -> Scorer:
    """The memory's ranker as `kb.evaluation.fit.fit_ranker` fits it, over whatever columns
    the rows hold."""
    import lightgbm

    taught = [e for e in items if e.reachable and len(e.candidates) > 1]
    model = lightgbm.LGBMRanker(**{**RANKER_PARAMETERS, "random_state": seed})
    model.fit(
        np.concatenate([e.rows for e in taught]),
        np.concatenate([e.labels for e in taught]),
        group=[len(e.candidates) for e in taught],
    )
    return lambda rows: np.asarray(model.predict(rows), dtype=np.float64)


def _row(
    name: str,
    columns: Columns | None,
    memory: Memory,
    folds: Sequence[crossval.Fold],
    final: Sequence[Example],
    sets: Sequence[Sequence[Example]],
    seeds: Sequence[int],
) -> str:
    """One variant's figures, the mean over the seeds."""
    bank = np.zeros(5)
    chosen = np.zeros(5)
    everyone = np.ones(len(memory.ids), dtype=bool)
    for seed in seeds:
        for fold in folds:
            held = sorted({goal_of(e.question) for e in fold.known})
            training = ~np.isin(memory.goals, held)
            taught = _with(columns, memory, fold.remembered, training)
            tested = _with(columns, memory, fold.known, everyone)
            bank += _scores(_fit(taught, seed), tested, _routed(fold.known))
        ranker = _fit(_with(columns, memory, final, everyone), seed)
        for items in sets:
            chosen += _scores(ranker, _with(columns, memory, items, everyone), _routed(items))
    n = len(seeds)
    return (
        f"| {name} | {bank[1] / bank[0]:.1%} | {bank[2] / bank[0]:.1%} "
        f"| {bank[4] / bank[3]:.1%} | {chosen[1] / n:.1f} of {chosen[0] / n:.0f} "
        f"| {chosen[2] / n:.1f} | {chosen[4] / n:.1f} of {chosen[3] / n:.0f} |"
    )


def _routed(items: Sequence[Example]) -> set[str]:
    """The questions the memory's ranker ranks (read before a variant's columns are added:
    `remembered` reads the memory's columns at the end of a row)."""
    return {e.question.id for e in items if remembered(e)}


def _scores(
    ranker_rows: Scorer, items: Sequence[Example], routed: set[str]
) -> npt.NDArray[np.float64]:
    """Questions, fact at 1, fact at 3 (sentences), valued questions, value right."""
    out = np.zeros(5)
    for e in items:
        if not e.question.answerable or not e.candidates or e.question.id not in routed:
            continue
        fact = e.question.fact or ""
        scores = ranker_rows(e.rows)
        sentences = sentence_order(e.candidates, scores)
        best = sentences[0]
        out[0] += 1
        out[1] += fact in e.candidates[best].sentence.text
        out[2] += any(fact in e.candidates[i].sentence.text for i in sentences[:3])
        if e.question.value is not None:
            out[3] += 1
            out[4] += bool(e.labels[best])
    return out


def prepared() -> tuple[BankMemory, list[crossval.Fold], list[Example], list[list[Example]]]:
    """The bank's memory, its five folds grouped by goal, every question as the final ranker
    learns from it, and the questions of `SETS` read with the memory (on the current build)."""
    index = open_index(Settings())
    bank = retrieve(index, load_questions(Path("eval/bank")))
    extra = retrieve(index, load_questions(Path("eval/memory")))
    memory = BankMemory.of(index, [*bank, *extra])
    folds = crossval.folds(index, bank, memory, extra)
    final = memory.read(
        [
            *examples(index, bank, cross_fitted_types(bank)),
            *crossval.extra_examples(index, bank, extra),
        ]
    )
    types = fit_types(bank)
    asked = [retrieve(index, load_questions(path)) for path in SETS]
    sets = [memory.read(examples(index, r, type_probabilities(types, r))) for r in asked]
    return memory, list(folds), list(final), sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--seeds", default="42,1,2")
    args = parser.parse_args()
    chosen = [v.strip() for v in args.variants.split(",")]
    unknown = [v for v in chosen if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variants {unknown}; known: {', '.join(VARIANTS)}")
    try:
        seeds = [int(s) for s in args.seeds.split(",")]
    except ValueError:
        parser.error(f"--seeds takes whole numbers separated by commas, not {args.seeds!r}")
    memory, folds, final, sets = prepared()
    read = Memory(
        memory.view, [f.casefold() for f in memory.memory.facts], memory.ids, memory.goals
    )
    print("| variant | bank: fact | answer@3 | value | three sets: fact | answer@3 | value |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in chosen:
        print(_row(name, VARIANTS[name], read, folds, final, sets, seeds), flush=True)


if __name__ == "__main__":
    main()
