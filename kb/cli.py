"""The `kb` command line: `kb ingest`, `kb build`, `kb ask`, ...

Each subcommand is a small function; they call the same library functions as the app.
Usage errors and bad input exit with code 2 and a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from kb.settings import Settings, SettingsError, load_settings

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


if __name__ == "__main__":
    sys.exit(main())
