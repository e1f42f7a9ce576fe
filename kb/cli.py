"""The `kb` command line: `kb ingest`, `kb build`, `kb ask`, ...

Each subcommand is a small function; they call the same library functions as the app.
Usage errors and bad input exit with code 2 and a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import Progress

from kb.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from kb.index import Index

USAGE_ERROR = 2


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(
        config_file=args.config,
        corpus_dir=args.corpus,
        build_dir=args.build_dir,
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    """Parse and chunk the corpus, print what was found, write the chunks as JSON Lines."""
    from ingest.pipeline import ingest_corpus, write_chunks

    settings = _settings(args)
    console = Console(stderr=True)
    started = time.perf_counter()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("ingest", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, description=name, completed=done, total=total)

        result = ingest_corpus(settings, progress)
    out: Path = args.out or settings.build_dir / "chunks.jsonl"
    write_chunks(result.chunks, out)
    elapsed = time.perf_counter() - started

    kinds = Counter(c.kind for c in result.chunks)
    units = Counter(u.kind for d in result.documents for u in d.units)
    regions = sorted({r for c in result.chunks for r in c.regions})
    provinces = sorted({p for c in result.chunks for p in c.provinces})
    for notice in result.notices:
        print(f"notice: {notice}", file=sys.stderr)
    print(f"documents:  {len(result.documents)}")
    for document in result.documents:
        print(f"  {document.id}: {document.title} ({len(document.units)} units)")
    print(f"goals:      {sum(len(d.goals) for d in result.documents)}")
    print("units:      " + ", ".join(f"{k} {n}" for k, n in sorted(units.items())))
    print(f"examples:   {units.get('voorbeeld', 0)}")
    print(f"footnotes:  {sum(len(d.footnotes) for d in result.documents)}")
    print(
        f"chunks:     {len(result.chunks)} ("
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        + ")"
    )
    print(f"regions:    {len(regions)}: {', '.join(regions)}")
    print(f"provinces:  {len(provinces)}: {', '.join(provinces)}")
    print(f"written:    {out} in {elapsed:.2f} s")
    return 0


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return int(value)


def _index(settings: Settings) -> Index:
    from kb.embed import make_embedder
    from kb.store import IndexLoadError, load_index

    try:
        return load_index(settings, make_embedder(settings))
    except IndexLoadError as exc:
        raise UsageError(str(exc)) from exc


def cmd_build(args: argparse.Namespace) -> int:
    """Ingest the corpus and build the search index; skip when nothing changed."""
    from ingest.pipeline import ingest_corpus
    from kb.embed import make_embedder
    from kb.render import build_summary
    from kb.store import build_index

    settings = _settings(args)
    console = Console(stderr=True)
    result = ingest_corpus(settings)
    embedder = make_embedder(settings)
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("build", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        info = build_index(
            result.chunks,
            settings,
            embedder,
            progress,
            force=args.force,
            corpus_hash=result.corpus_hash,
        )
    print(build_summary(info))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Print the answer quoted from the report and the passages (or, with --batch, one JSON line
    per question of a file)."""
    from kb.answers.answer import answer
    from kb.index import EmptyQuestionError, Filters, clean_question
    from kb.render import answer_json, answer_text

    if (args.question is None) == (args.batch is None):
        raise UsageError("give either a QUESTION or --batch FILE")
    if args.batch is not None and not args.json:
        raise UsageError("--batch writes JSON Lines: add --json")
    settings = _settings(args)
    if args.batch is not None:
        numbered = [(n, line) for n, line in enumerate(_read_lines(args.batch), 1) if line.strip()]
    else:
        numbered = [(0, args.question)]
    asked = [line for _, line in numbered]
    questions = []
    for number, line in numbered:
        try:
            questions.append(clean_question(line, settings.max_question_chars))
        except EmptyQuestionError as exc:
            # The whole batch is refused before the model loads; say which line to fix.
            raise UsageError(f"{args.batch}, line {number}: {exc}" if number else str(exc)) from exc
    index = _index(settings)
    filters = Filters(tuple(args.goal), tuple(args.region), tuple(args.kind))
    for original, question in zip(asked, questions, strict=True):
        result = answer(index, question.text, filters, args.top_k or settings.top_k)
        if args.json:
            print(json.dumps(answer_json(original, question, [], result), ensure_ascii=False))
            continue
        if question.notice:
            print(f"notice: {question.notice}", file=sys.stderr)
        print(answer_text(result))
    return 0


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the questions file: {exc}") from exc


def cmd_devset(args: argparse.Namespace) -> int:
    """Print recall@1, recall@5 and MRR@10 of BM25, dense and hybrid on the dev questions."""
    from ingest.pipeline import discover
    from ingest.read import read_text
    from kb.evaluation.questions import evaluate, load_questions, misses, table

    settings = _settings(args)
    questions = load_questions(args.file)
    manifests, _ = discover(settings.corpus_dir)
    sources = {m.id: read_text(settings.corpus_dir / m.source_file) for m in manifests}
    index = _index(settings)
    if args.answers:
        from kb.evaluation.answers import answer_table, evaluate_answers

        scores, _ = evaluate_answers(index, questions)
        print(answer_table(scores))
        return 0
    print(table(evaluate(index, questions, sources)))
    if args.misses:
        for question, rank in misses(index, questions, sources):
            print(f"{question.id} rank {rank or '>5'}: {question.question}")
    return 0


def cmd_feedback_export(args: argparse.Namespace) -> int:
    """Write the readers' votes on answers (the app's feedback file) as CSV."""
    from kb.feedback import FEEDBACK_FILE, FeedbackError, FeedbackStore

    settings = _settings(args)
    data_dir: Path = args.data_dir or settings.data_dir
    store = FeedbackStore(data_dir / FEEDBACK_FILE)
    try:
        if args.out is None:
            count = store.export_csv(sys.stdout)
        else:
            with args.out.open("w", encoding="utf-8", newline="") as out:
                count = store.export_csv(out)
    except (FeedbackError, OSError) as exc:
        raise UsageError(str(exc)) from exc
    print(f"{count} votes exported from {store.path}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kb", description="Vraagbaak Techniekpact: the report's own words, with sources."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="settings file (TOML), default kb.toml")
    common.add_argument("--corpus", type=Path, help="corpus folder (default corpus/)")
    common.add_argument("--build-dir", type=Path, help="build folder (default .kb/build)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", parents=[common], help="parse and chunk the corpus")
    ingest.add_argument("--out", type=Path, help="chunks file (default <build-dir>/chunks.jsonl)")
    ingest.set_defaults(run=cmd_ingest)

    build = commands.add_parser("build", parents=[common], help="build the search index")
    build.add_argument("--force", action="store_true", help="rebuild even when unchanged")
    build.set_defaults(run=cmd_build)

    ask = commands.add_parser("ask", parents=[common], help="answer a question from the report")
    ask.add_argument("question", nargs="?", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--batch", type=Path, metavar="FILE", help="one question a line; JSON Lines")
    ask.add_argument("--top-k", type=_positive, help="number of passages (default 5)")
    ask.add_argument("--goal", type=int, action="append", default=[], help="only goal N")
    ask.add_argument("--region", action="append", default=[], help="only region or province")
    ask.add_argument("--kind", action="append", default=[], help="only section kind")
    ask.set_defaults(run=cmd_ask)

    devset = commands.add_parser("devset", parents=[common], help="score retrieval on dev set")
    devset.add_argument("--file", type=Path, default=Path("eval/dev.jsonl"))
    devset.add_argument("--misses", action="store_true", help="list questions not at rank 1")
    devset.add_argument(
        "--answers", action="store_true", help="score the answers (fact, value, abstention)"
    )
    devset.set_defaults(run=cmd_devset)

    feedback = commands.add_parser("feedback", help="readers' votes on answers")
    actions = feedback.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", parents=[common], help="write the votes as CSV")
    export.add_argument("--out", type=Path, help="CSV file (default: standard output)")
    export.add_argument("--data-dir", type=Path, help="data folder (default .kb/data)")
    export.set_defaults(run=cmd_feedback_export)

    from kb.evaluation import cli as eval_cli

    eval_cli.add_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (UsageError, SettingsError) as exc:
        print(f"kb {args.command}: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except ValueError as exc:
        # Bad input files (SourceError, ParseError, GazetteerError) are ValueErrors with a
        # message that names the file.
        print(f"kb {args.command}: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as exc:
        # A full disk, an I/O error, a folder that cannot be written: not the user's input, so
        # exit code 1, but still one line rather than a traceback.
        print(f"kb {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
