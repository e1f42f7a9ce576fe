"""`kb remember`: questions joined to the memory of a fitted answer model, without a fit.

The memory (kb.answers.memory) answers a question worded like one it holds with that one's
sentence. Questions that join it after the fit teach the model nothing: no part of it is
fitted, chosen or scored with them (`kb fit --recall` joins them the same way, after its fit;
both by kb.evaluation.memory_fit.remember). The rows joined are named in the memory
(`Recall`), and joining again replaces them, so the same questions give the same file.

Since session 51 the question sets in users' words that the project measured with before (dev
and answers-fresh to answers-fresh7: 2,018 answerable questions and 285 not, once their twins
of a measuring question are left out) join beside eval/recall. On the sets still unseen
(answers-fresh8, answers-fresh9, answers-places) the answer sentence held the fact for 20 more
of 749 questions, and 5 more of 139 near misses were answered (README, session 51).

A memory fitted before it kept its questions' values (kb.answers.remembered_value) gets them
here from the questions `kb fit` fits on by default (eval/bank, then eval/memory), which must
give its spans row by row.
"""

from __future__ import annotations

from pathlib import Path

import click

from kb.answers.model import MODEL_FILE, load_model
from kb.errors import UsageError
from kb.evaluation.fitdata import retrieve
from kb.evaluation.fitting import write_model
from kb.evaluation.memory_fit import remember
from kb.evaluation.question_sets import BANK, RECALLED, REMEMBERED, joinable
from kb.evaluation.questions import EvalQuestion, load_questions, refuse_gold
from kb.options import make_settings, open_index, progress_bar, settings_options


@click.command("remember")
@settings_options
@click.option(
    "--questions",
    type=click.Path(path_type=Path, exists=True),
    multiple=True,
    default=RECALLED,
    show_default=True,
    help="questions to join to the memory (a file or a folder of files; repeatable); never gold",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(path_type=Path),
    default=MODEL_FILE,
    show_default=True,
    help="the fitted answer model",
)
@click.option("--out", type=click.Path(path_type=Path), help="where to write it [default: --model]")
def remember_command(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    questions: tuple[Path, ...],
    model_path: Path,
    out: Path | None,
) -> None:
    """Join questions to a fitted answer model's memory, without fitting anything.

    \b
    Examples:
        kb remember                     # eval/recall and the older sets into the committed model
        kb remember --questions /tmp/q.jsonl --out /tmp/m.json
    """
    refuse_gold(*questions)  # before anything is read
    try:
        model = load_model(model_path)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    if model is None:
        raise UsageError(f"{model_path}: no answer model there (run kb fit)")
    if model.memory is None:  # before the index is opened: the model alone says so
        raise UsageError(f"{model_path}: the model has no memory (fitted before it existed)")
    asked = joinable(questions)
    index = open_index(make_settings(config, corpus, build_dir))
    bar, progress = progress_bar("search the questions", counts=True)
    with bar:
        found = retrieve(index, asked, lambda done: progress("search", done, len(asked)))
    fitted_on = [] if model.memory.questions.values else _fitted_on()
    try:
        joined = remember(model, index, found, fitted_on)
    except ValueError as exc:
        raise UsageError(f"{model_path}: {exc}") from exc
    write_model(joined, out or model_path)
    load_model.cache_clear()  # it read the file written over
    recall = joined.memory.questions.recall if joined.memory else None
    added = f"{recall.answerable} answerable, {recall.unanswerable} not" if recall else "none"
    click.echo(f"model: {out or model_path} (joined to its memory: {added})")


def _fitted_on() -> list[EvalQuestion]:
    """The questions `kb fit` fits the memory on by default (its `--questions`, then its
    `--memory`), for a memory without values."""
    return [*load_questions(BANK), *load_questions(REMEMBERED)]
