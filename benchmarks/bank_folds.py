"""The bank's folds as `kb fit` makes them, for the benchmarks that re-run its cross-validation
(`answer_misses`, `fit_seeds`): the same command-line options and the same memory."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from kb.evaluation import crossval
from kb.evaluation.fit import fold_of
from kb.evaluation.fitdata import retrieve
from kb.evaluation.memory_fit import BankMemory
from kb.evaluation.questions import load_questions
from kb.index import Index


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`--questions`, `--memory` and `--new-text`."""
    parser.add_argument("--questions", type=Path, default=Path("eval/bank"))
    parser.add_argument(
        "--memory",
        type=Path,
        default=Path("eval/memory"),
        help="questions for the memory, its ranker and abstention only, as `kb fit --memory`",
    )
    parser.add_argument(
        "--new-text",
        action="store_true",
        help="held-out questions read no memory of their goal (a new report's text)",
    )


@dataclass(frozen=True)
class BankFolds:
    folds: list[crossval.Fold]
    near: crossval.Columns
    """Each question's near-miss columns, read as `recall` reads the memory (kb fit)."""


def prepare(index: Index, args: argparse.Namespace) -> BankFolds:
    """The folds of `args.questions`, remembering `args.memory` too; never the gold set."""
    if "gold" in args.questions.parts or "gold" in args.memory.parts:
        raise SystemExit("the gold set is never used to fit or analyse anything")
    retrieved = retrieve(index, load_questions(args.questions))
    extra = retrieve(index, load_questions(args.memory))
    memory = BankMemory.of(index, [*retrieved, *extra])
    near = memory.abstention_columns([*retrieved, *extra], fold_of if args.new_text else None)
    return BankFolds(crossval.folds(index, retrieved, memory, extra), near)


def recall(args: argparse.Namespace) -> crossval.Recall:
    """How held-out questions read the memory: as this report asked anew, or as new text."""
    return "new" if args.new_text else "known"
