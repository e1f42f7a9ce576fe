"""The answer model's misses on the question bank, by category (out of fold, grouped by goal).

Runs what `kb fit` cross-validates (the same folds, rankers and abstention models; each held-out
question reading the memory of every other bank question, or with `--new-text` none of its
goal's), then puts every answerable question answered wrongly into one category
(kb.evaluation.misses) and prints the table and a few examples of each.

    .venv/bin/python -m benchmarks.answer_misses                 # the bank
    .venv/bin/python -m benchmarks.answer_misses --examples 8 --out /tmp/misses.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
from pathlib import Path

import numpy as np

from benchmarks.bank_folds import add_arguments, prepare, recall
from kb.answers.gates import kept_gates
from kb.evaluation import crossval
from kb.evaluation.fitting import run_abstention
from kb.evaluation.misses import CATEGORIES, categorise, details, table
from kb.options import open_index
from kb.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    add_arguments(parser)
    parser.add_argument("--examples", type=int, default=3, help="examples per category")
    parser.add_argument("--out", type=Path, help="write every miss as JSON Lines")
    args = parser.parse_args()
    index = open_index(load_settings())
    bank = prepare(index, args)
    ranked = crossval.out_of_fold(bank.folds, recall=recall(args))
    own = crossval.out_of_fold(bank.folds, extra=True)
    abstention = run_abstention(ranked, own, bank.near)
    misses = categorise(
        ranked,
        abstention,
        [chunk.text for chunk in index.chunks],
        lambda r: (
            r.best is not None and kept_gates(np.asarray(r.example.rows[r.best]), r.example.info)
        ),
    )
    answerable = sum(r.example.question.answerable for r in ranked)
    print(table(misses, answerable))
    chooser = random.Random(12)
    for name in CATEGORIES:
        kinds = details(misses, name)
        print(f"\n## {name}: " + ", ".join(f"{k or '-'} {n}" for k, n in kinds.most_common()))
        those = [m for m in misses if m.category == name]
        for miss in chooser.sample(those, min(args.examples, len(those))):
            print(f"- {miss.question_id} {miss.question}")
            print(f"    gold: {miss.fact!r} value {miss.value!r}; {miss.detail}")
            print(f"    chose: {miss.chosen[:220]}")
    if args.out:
        lines = (json.dumps(dataclasses.asdict(m), ensure_ascii=False) for m in misses)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
