"""The `kb` command line: `kb ingest`, `kb build`, `kb ask`, `kb serve`, `kb mcp`, `kb devset`,
`kb eval`, `kb feedback`.

Each command is a small function calling the same library functions as the app. Errors:

- bad input (a question, a file, a setting, an option) exits 2 with one line on stderr,
  `kb <command>: <what is wrong and what to do>`;
- an I/O failure that is not the input's fault (a full disk) exits 1 with one line;
- a command whose optional dependencies are not installed (`kb eval` without the `eval`
  extra) exits 2 with one line naming the extra to install (`EXTRAS`);
- anything else is a bug: exit 1 with one line, and the traceback with `kb --debug`.

The command line is an edge, like the app: it is the one module outside kb.evaluation that
assembles evaluation commands (`kb devset`, `kb eval`, from kb.evaluation.cli), and it starts
the servers of kb.serve (`kb serve`, `kb mcp`).
"""

from __future__ import annotations

import dataclasses
import sys
import time
import traceback
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ingest.errors import IngestError
from kb.check_command import check_command, echo_check
from kb.errors import EmptyQuestionError, FeedbackError, KbError, UsageError
from kb.evaluation.cli import devset, eval_command, fit_claims_command, fit_command
from kb.evaluation.remember import remember_command
from kb.options import (
    PositiveInt,
    make_settings,
    open_index,
    progress_bar,
    readable,
    settings_options,
)
from kb.text import limit_question, shown

USAGE_ERROR = 2

EXTRAS: dict[str, str] = {
    "ranx": "eval",
    "matplotlib": "eval",
    "sklearn": "eval",
    "sentence_transformers": "st",
    "torch": "st",
}
"""The optional dependencies of pyproject.toml, by the module a command imports, and the
extra that installs each."""


def missing_extra(exc: ModuleNotFoundError) -> str | None:
    """What to install for the module `exc` misses (None: not an optional dependency)."""
    extra = EXTRAS.get((exc.name or "").split(".")[0])
    if extra is None:
        return None
    return (
        f"needs {exc.name}, which is not installed: "
        f"install the {extra!r} extra (pip install -e '.[{extra}]')"
    )


class KbGroup(click.Group):
    """The `kb` group: maps errors to exit codes and one line (see the module docstring)."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> int:
        argv = list(sys.argv[1:] if args is None else args)
        code = self._run(argv, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, argv: list[str], **extra: Any) -> int:
        words = [a for a in argv if not a.startswith("-")]
        name = f"kb {words[0]}" if words else "kb"
        debug = "--debug" in argv[: argv.index(words[0])] if words else "--debug" in argv
        try:
            result = super().main(argv, prog_name="kb", standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            return exc.exit_code
        except click.ClickException as exc:
            hint = f" (see `{name} --help`)" if isinstance(exc, click.UsageError) else ""
            click.echo(f"{name}: {exc.format_message()}{hint}", err=True)
            return exc.exit_code
        except click.Abort:
            click.echo(f"{name}: aborted", err=True)
            return 1
        except (KbError, IngestError) as exc:
            click.echo(f"{name}: {exc}", err=True)
            return USAGE_ERROR
        except OSError as exc:
            click.echo(f"{name}: {exc}", err=True)
            return 1
        except Exception as exc:
            needed = missing_extra(exc) if isinstance(exc, ModuleNotFoundError) else None
            if needed is not None:
                click.echo(f"{name}: {needed}", err=True)
                return USAGE_ERROR
            if debug:
                traceback.print_exc()
            else:
                click.echo(
                    f"{name}: internal error ({type(exc).__name__}: {exc}); "
                    f"`kb --debug {' '.join(argv)}` shows the traceback",
                    err=True,
                )
            return 1
        return result if isinstance(result, int) else 0


@click.group(cls=KbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="show the traceback of an internal error")
def cli(debug: bool) -> None:
    """Vraagbaak Techniekpact: the report's own words, with sources.

    \b
    Examples:
        kb build
        kb ask "hoeveel cross-over kwalificaties raken techniek?"
        kb ask --json --goal 9 "welke kwalificaties raken aan techniek?"
        kb eval
    """


STRICT_HELP = "refuse a corpus with a file that cannot be read (default: skip it, warn)"


def _warn_skipped(skipped: list[str]) -> None:
    for warning in skipped:
        click.echo(f"warning: {shown(warning)}", err=True)


@cli.command()
@settings_options
@click.option("--out", type=click.Path(path_type=Path), help="chunks file")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
def ingest(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    out: Path | None,
    strict: bool,
) -> None:
    """Parse and chunk the corpus, print what was found, write the chunks as JSON Lines.

    \b
    Examples:
        kb ingest
        kb ingest --corpus other/ --out chunks.jsonl
        kb ingest --strict
    """
    from kb.build import ingest
    from kb.files import write_chunks

    settings = make_settings(config, corpus, build_dir)
    started = time.perf_counter()
    bar, progress = progress_bar("ingest")
    with bar:
        result = ingest(settings, progress, strict=strict)
    _warn_skipped(result.skipped)
    target = out or settings.build_dir / "chunks.jsonl"
    write_chunks(result.chunks, target)
    for notice in result.notices:
        click.echo(f"notice: {shown(notice)}", err=True)
    kinds = Counter(c.kind for c in result.chunks)
    units = Counter(u.kind for d in result.documents for u in d.units)
    regions = sorted({r for c in result.chunks for r in c.regions})
    provinces = sorted({p for c in result.chunks for p in c.provinces})
    click.echo(f"documents:  {len(result.documents)}")
    for document in result.documents:
        click.echo(f"  {document.id}: {document.title} ({len(document.units)} units)")
    click.echo(f"goals:      {sum(len(d.goals) for d in result.documents)}")
    click.echo("units:      " + ", ".join(f"{k} {n}" for k, n in sorted(units.items())))
    click.echo(f"examples:   {units.get('voorbeeld', 0)}")
    click.echo(f"footnotes:  {sum(len(d.footnotes) for d in result.documents)}")
    by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    click.echo(f"chunks:     {len(result.chunks)} ({by_kind})")
    click.echo(f"regions:    {len(regions)}: {', '.join(regions)}")
    click.echo(f"provinces:  {len(provinces)}: {', '.join(provinces)}")
    click.echo(f"written:    {target} in {time.perf_counter() - started:.2f} s")


@cli.command()
@settings_options
@click.option("--force", is_flag=True, help="rebuild even when nothing changed")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
def build(
    config: Path | None, corpus: Path | None, build_dir: Path | None, force: bool, strict: bool
) -> None:
    """Ingest the corpus and build the search index; skip when nothing changed.

    \b
    Examples:
        kb build
        kb build --force --corpus other/ --build-dir /tmp/kb
        kb build --strict
    """
    from kb import build_index
    from kb.answers.model import model_id
    from kb.build import ingest
    from kb.embed import make_embedder
    from kb.render import build_summary

    settings = make_settings(config, corpus, build_dir)
    result = ingest(settings, strict=strict)
    _warn_skipped(result.skipped)
    embedder = make_embedder(settings)
    bar, progress = progress_bar("build", counts=True)
    with bar:
        info = build_index(
            result.chunks,
            settings,
            embedder,
            progress,
            force=force,
            corpus_hash=result.corpus_hash,
            answer_model=model_id(),
        )
    click.echo(build_summary(info))


@cli.command()
@settings_options
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="print one JSON object (kb.render)")
@click.option(
    "--batch",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="one question a line; prints JSON Lines (with --json)",
)
@click.option("--top-k", type=PositiveInt(), help="number of passages (default 5)")
@click.option("--goal", type=int, multiple=True, help="only goal N (repeatable)")
@click.option("--region", multiple=True, help="only this region or province (repeatable)")
@click.option("--kind", multiple=True, help="only this section kind (repeatable)")
def ask(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    question: str | None,
    as_json: bool,
    batch: Path | None,
    top_k: int | None,
    goal: tuple[int, ...],
    region: tuple[str, ...],
    kind: tuple[str, ...],
) -> None:
    """Answer a question by quoting the report, with its source and the passages.

    \b
    Examples:
        kb ask "hoeveel cross-over kwalificaties raken techniek?"
        kb ask --goal 9 --region Limburg "welke voorbeelden zijn er?"
        kb ask --json --batch questions.txt > answers.jsonl
    """
    from kb import Filters, answer
    from kb.claims.claim import is_claim
    from kb.index import clean_question
    from kb.render import answer_record, answer_text

    if (question is None) == (batch is None):
        raise UsageError("give either a QUESTION or --batch FILE")
    if batch is not None and not as_json:
        raise UsageError("--batch writes JSON Lines: add --json")
    settings = make_settings(config, corpus, build_dir)
    # The length limit comes before any other work on a question (as in the app and the API).
    limit = settings.max_question_chars
    if batch is not None:
        lines = enumerate(_read_lines(batch), 1)
        numbered = [(n, limit_question(line, limit)) for n, line in lines if line.strip()]
    else:
        numbered = [(0, limit_question(question or "", limit))]
    for number, line in numbered:
        try:
            # Checked before the model loads, so a bad batch is refused at once.
            clean_question(readable(line.text), limit)
        except EmptyQuestionError as exc:
            where = f"{batch}, line {number}: " if number else ""
            raise EmptyQuestionError(f"{where}{exc}") from exc
    index = open_index(settings)
    filters = Filters(goal, region, kind)
    for _, limited in numbered:
        asked = readable(limited.text)
        if is_claim(asked):
            echo_check(index, asked, filters, top_k or settings.top_k, as_json)
            continue
        result = answer(index, asked, filters, top_k or settings.top_k)
        if limited.notice and result.notice is None:
            result = dataclasses.replace(result, notice=limited.notice)
        if as_json:
            click.echo(answer_record(asked, result).to_json())
            continue
        if result.notice:
            click.echo(f"notice: {shown(result.notice)}", err=True)
        click.echo(shown(answer_text(result)))


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the questions file: {exc}") from exc


@cli.command()
@settings_options
@click.option("--host", default="127.0.0.1", show_default=True, help="address to bind")
@click.option("--port", type=PositiveInt(), default=8000, show_default=True, help="TCP port")
@click.option(
    "--cors-origin", multiple=True, help="allow browser requests from this origin (repeatable)"
)
@click.option("--log-questions", is_flag=True, help="write the questions into the access log")
@click.option(
    "--max-body", type=PositiveInt(), default=1_048_576, show_default=True, help="bytes a request"
)
def serve(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    host: str,
    port: int,
    cors_origin: tuple[str, ...],
    log_questions: bool,
    max_body: int,
) -> None:
    """Serve the HTTP API (search, answers, runs, passages; OpenAPI at /docs).

    Binds 127.0.0.1 unless told otherwise; any other address needs an API key in the
    KB_API_KEY environment variable, sent as `Authorization: Bearer <key>`.

    \b
    Examples:
        kb serve
        KB_API_KEY=... kb serve --host 0.0.0.0 --port 8080
        kb serve --cors-origin https://example.org
    """
    import os

    from kb.embed import make_embedder
    from kb.serve.app import ServeOptions, check_options, serve
    from kb.serve.holder import holder_for
    from kb.serve.models import Limits

    settings = make_settings(config, corpus, build_dir)
    limits = Limits(settings.max_question_chars, max_body)
    options = ServeOptions(
        host, port, os.environ.get("KB_API_KEY") or None, cors_origin, log_questions, limits
    )
    check_options(options)
    serve(holder_for(settings, make_embedder(settings)), options)


@cli.command()
@settings_options
def mcp(config: Path | None, corpus: Path | None, build_dir: Path | None) -> None:
    """Serve the MCP tools `search` and `answer` on stdio, for an assistant.

    \b
    Examples:
        kb mcp
        kb mcp --build-dir /srv/kb/build
    """
    from kb.embed import make_embedder
    from kb.serve.holder import holder_for
    from kb.serve.mcp import mcp_server
    from kb.serve.models import Limits

    settings = make_settings(config, corpus, build_dir)
    holder = holder_for(settings, make_embedder(settings))
    holder.current()  # no index: exit 2 with `run kb build`, before the client waits
    mcp_server(holder, Limits(settings.max_question_chars)).run("stdio")


@cli.group()
def feedback() -> None:
    """The readers' votes on answers, from the app."""


@feedback.command("export")
@settings_options
@click.option("--out", type=click.Path(path_type=Path), help="CSV file (default: stdout)")
@click.option("--data-dir", type=click.Path(path_type=Path), help="data folder")
def feedback_export(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    out: Path | None,
    data_dir: Path | None,
) -> None:
    """Write the readers' votes on answers (the app's feedback file) as CSV.

    \b
    Examples:
        kb feedback export --out feedback.csv
        kb feedback export --data-dir /srv/kb/data > feedback.csv
    """
    from kb.feedback import FEEDBACK_FILE, FeedbackStore

    settings = make_settings(config, corpus, build_dir)
    store = FeedbackStore((data_dir or settings.data_dir) / FEEDBACK_FILE)
    try:
        count = store.export_csv(sys.stdout) if out is None else store.export_file(out)
    except OSError as exc:
        raise FeedbackError(str(exc)) from exc
    click.echo(f"{count} votes exported from {store.path}", err=True)


cli.add_command(devset)
cli.add_command(eval_command)
cli.add_command(fit_command)
cli.add_command(fit_claims_command)
cli.add_command(remember_command)
cli.add_command(check_command)


def main(argv: Sequence[str] | None = None) -> int:
    """The `kb` entry point: the exit code (see the module docstring)."""
    return cli.main(argv, standalone_mode=False)


if __name__ == "__main__":
    sys.exit(main())
