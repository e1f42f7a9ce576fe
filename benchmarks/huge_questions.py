"""Memory after many distinct huge questions through the app's `ask` (figures, not a test).

    .venv/bin/python benchmarks/huge_questions.py [--questions 200] [--size 1000000]
        [--through app|answer]

Each question is distinct and `--size` characters long; the app's `ask` (or, with
`--through answer`, the library's `answer`, as `kb ask` and an API call it) cuts it to
`max_question_chars` before any work (`kb.text.limit_question`), so the resident memory must
stay bounded (the red team of issue 15 saw 463 MB kept after 200 questions of 1 MB).
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.session import ask
from kb import Filters, answer, load_index
from kb.embed import make_embedder
from kb.settings import load_settings


def rss_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--through", choices=("app", "answer"), default="app")
    args = parser.parse_args()
    settings = load_settings()
    index = load_index(settings, make_embedder(settings))
    ask(index, "opwarmen", Filters(), 5)
    before = rss_mb()
    for number in range(args.questions):
        question = f"vraag {number} " + "techniek " * (args.size // 9)
        if args.through == "app":
            ask(index, question, Filters(), 5)
        else:
            answer(index, question, Filters(), 5)
        del question
    after = rss_mb()
    print(
        f"{args.questions} distinct questions of {args.size:,} characters, through {args.through}"
    )
    print(
        f"resident memory: {before:.0f} MB before, {after:.0f} MB after ({after - before:+.0f} MB)"
    )


if __name__ == "__main__":
    main()
