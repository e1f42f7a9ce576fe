"""Benchmark: the answer model without the "sentence after the one before" embeddings (#12).

    .venv/bin/python -m benchmarks.fit_without_pairs [--out /tmp/fit-pairs]

A cold build embeds every sentence twice: after the sentence before it, and alone
(benchmarks/build_split.py: about 29 s of the 72 s are the first kind). This fits the answer
model with grouped cross-validation on the question bank twice on the built index, as built and
with each sentence's first vector replaced by its vector alone, the way a build without them
would read, and writes both reports (`kb fit --no-ablation`'s) side by side. It writes no model.
About 9 minutes. Not a test.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kb.evaluation.fitting import run_fit, write_report
from kb.evaluation.questions import load_questions
from kb.options import open_index
from kb.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/fit-pairs"))
    args = parser.parse_args()
    index = open_index(Settings())
    store = index.sentences
    if store is None:
        raise SystemExit("the index has no sentences: run `kb build --force`")
    questions = load_questions(ROOT / "eval" / "bank")
    for name in ("as-built", "alone-only"):
        if name == "alone-only":
            store.vectors = store.alone
        started = time.perf_counter()
        outcome = run_fit(index, questions, lambda *_: None, ablation=False)
        write_report(outcome.report, args.out / name)
        print(f"## {name} ({time.perf_counter() - started:.0f} s)\n", flush=True)
        print((args.out / name / "report.md").read_text(encoding="utf-8").split("## Abstention")[0])


if __name__ == "__main__":
    main()
