"""The command line's shared options: where the settings come from, and the index they name.

Used by kb.cli and by the evaluation commands it assembles (kb.evaluation.cli), so that every
`kb` command reads `--config`, `--corpus` and `--build-dir` the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kb import Index, Settings, load_index
from kb.embed import make_embedder
from kb.settings import load_settings
from kb.text import whole_number

F = TypeVar("F", bound=Callable[..., Any])


def settings_options(command: F) -> F:
    """--config, --corpus and --build-dir, which every command that reads settings takes."""
    options = (
        click.option("--config", type=click.Path(path_type=Path), help="settings file (TOML)"),
        click.option("--corpus", type=click.Path(path_type=Path), help="corpus folder"),
        click.option("--build-dir", type=click.Path(path_type=Path), help="build folder"),
    )
    for option in reversed(options):
        command = option(command)
    return command


def make_settings(config: Path | None, corpus: Path | None, build_dir: Path | None) -> Settings:
    """Defaults, then kb.toml (or --config), then KB_* variables, then the options."""
    return load_settings(config_file=config, corpus_dir=corpus, build_dir=build_dir)


def open_index(settings: Settings) -> Index:
    """The current build of `settings`, loaded and checked (IndexLoadError: run `kb build`)."""
    return load_index(settings, make_embedder(settings))


def progress_bar(
    label: str, *, counts: bool = False
) -> tuple[Any, Callable[[str, int, int], None]]:
    """A progress bar on stderr (hidden when stderr is not a terminal), and the callback
    `progress(stage, done, total)` that moves it; `counts` adds "done/total" and elapsed time."""
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(stderr=True)
    columns = Progress.get_default_columns()
    if counts:
        columns = (*columns[:-1], MofNCompleteColumn(), TimeElapsedColumn())
    bar = Progress(*columns, console=console, transient=True, disable=not console.is_terminal)
    task = bar.add_task(label, total=None)

    def progress(stage: str, done: int, total: int) -> None:
        bar.update(task, description=stage, completed=done, total=total or None)

    return bar, progress


class PositiveInt(click.ParamType):  # type: ignore[type-arg]
    """A whole number of at least 1, written in ASCII digits ("²" and "①" are not)."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        number = whole_number(str(value))
        if number is None or number < 1:
            self.fail(f"expected a whole number of at least 1, not {value!r}", param, ctx)
        return number


def readable(text: str) -> str:
    """Text that can be printed and searched: a lone surrogate (invalid UTF-8 in argv, or a
    broken string) becomes U+FFFD, as a browser would send it."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
