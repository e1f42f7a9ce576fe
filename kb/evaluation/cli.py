"""`kb eval`: the retrieval benchmark from the command line (registered by kb/cli.py).

Usage::

    kb eval                                   # the gold set; report in eval/results/
    kb eval --queries Q.jsonl --qrels T.tsv   # an evaluator's own questions (BEIR or TREC)
    kb eval --run other.trec                  # score an outside run on the gold set
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kb.settings import Settings, load_settings

GOLD = Path("eval/gold/questions.jsonl")


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(v) for v in value.split(",") if v.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"expected sizes like 400,600,1500, not {value!r}"
        ) from exc
    if any(not 200 <= s <= 8000 for s in sizes):
        raise argparse.ArgumentTypeError("chunk sizes must lie between 200 and 8000")
    return sizes


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the `eval` subcommand to the `kb` parser."""
    parser = commands.add_parser(
        "eval", parents=[common], help="benchmark retrieval and answers; write a report"
    )
    parser.add_argument("--questions", type=Path, default=GOLD, help=f"default {GOLD}")
    parser.add_argument(
        "--queries", type=Path, help="own queries (BEIR .jsonl or TREC qid<TAB>text)"
    )
    parser.add_argument("--qrels", type=Path, help="own judgments (BEIR .tsv or TREC qrels)")
    # dest is not "run": the kb parser keeps each subcommand's function there.
    parser.add_argument(
        "--run",
        type=Path,
        dest="outside_run",
        metavar="FILE",
        help="an outside TREC run to score on the gold set",
    )
    parser.add_argument("--out", type=Path, default=Path("eval/results"), help="results folder")
    parser.add_argument(
        "--chunk-sizes",
        type=_sizes,
        default=None,
        help="other chunk sizes to compare (default 400,600,1500; '' for none)",
    )
    parser.add_argument(
        "--test",
        choices=("fisher", "student"),
        default="fisher",
        help="paired test: Fisher's randomization (default) or Student's t",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="only BM25, dense and hybrid: no chunk sizes, no fusion variants",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the benchmark and write its results folder atomically."""
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, TimeElapsedColumn

    from ingest.pipeline import ingest_corpus
    from kb.embed import make_embedder
    from kb.evaluation.beir import EvalFileError, read_qrels, read_queries, read_run
    from kb.evaluation.benchmark import CHUNK_SIZES, FUSIONS, Plan, run_benchmark
    from kb.evaluation.questions import load_questions
    from kb.evaluation.report import headline_table, publish, verdict, write_results

    if (args.queries is None) != (args.qrels is None):
        raise EvalFileError("give --queries and --qrels together")
    settings: Settings = load_settings(
        config_file=args.config, corpus_dir=args.corpus, build_dir=args.build_dir
    )
    questions = load_questions(args.questions) if args.queries is None else []
    chunk_ids = {c.id for c in ingest_corpus(settings).chunks}
    queries = read_queries(args.queries) if args.queries else []
    qrels = read_qrels(args.qrels, queries, chunk_ids) if args.qrels else {}
    outside = None
    if args.outside_run is not None:
        gold_ids = {q.id for q in questions if q.answerable} or set(qrels)
        outside = read_run(args.outside_run, gold_ids, chunk_ids)
    sizes = CHUNK_SIZES if args.chunk_sizes is None else args.chunk_sizes
    plan = Plan(
        settings=settings,
        question_set=str(args.queries or args.questions),
        questions=questions,
        queries=queries,
        qrels=qrels,
        outside_run=outside,
        chunk_sizes=() if args.quick else sizes,
        fusions=() if args.quick else FUSIONS,
        test=args.test,
    )
    console = Console(stderr=True)
    columns = (*Progress.get_default_columns()[:-1], MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("load the model", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        outcome = run_benchmark(plan, make_embedder(settings), progress)
        bar.update(task, description="write the report", completed=0, total=None)
        publish(args.out, lambda folder: write_results(folder, outcome, questions))
    print(headline_table(outcome.report))
    print()
    print(verdict(outcome.report))
    print(f"\nreport: {args.out / 'report.md'}")
    return 0
