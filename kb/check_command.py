"""`kb check`: a claim, or every claim of a draft, checked against the report (kb.claims).

A part of the command line (kb.cli adds it to the `kb` group); errors are mapped to exit codes
there, as for every command.
"""

from __future__ import annotations

from pathlib import Path

import click

from kb.errors import EmptyQuestionError, UsageError
from kb.index import Filters, Index
from kb.options import make_settings, open_index, readable, settings_options
from kb.text import shown


@click.command("check")
@settings_options
@click.argument("claim", required=False)
@click.option(
    "--file",
    "draft",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="a draft: every checkable sentence is checked",
)
@click.option(
    "--json", "as_json", is_flag=True, help="one JSON object per claim (kb.render.CheckRecord)"
)
@click.option(
    "--markdown", is_flag=True, help="a table: claim, verdict, the report's words, source"
)
def check_command(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    claim: str | None,
    draft: Path | None,
    as_json: bool,
    markdown: bool,
) -> None:
    """Check a claim, or every claim of a draft, against the report.

    Verdicts: klopt, klopt niet (with the report's value beside the claim's), deels, or staat
    niet in het rapport; always with the report's sentence and its source.

    \b
    Examples:
        kb check "Klopt het dat er 40 trainees zijn gestart via het OnderwijsTraineeship?"
        kb check --file draft.txt --markdown > controle.md
    """
    from kb.claims.draft import check_claims, check_draft
    from kb.index import clean_question
    from kb.verdicts import check_record, check_text, draft_markdown

    if (claim is None) == (draft is None):
        raise UsageError("give either a CLAIM or --file DRAFT")
    if as_json and markdown:
        raise UsageError("choose --json or --markdown, not both")
    settings = make_settings(config, corpus, build_dir)
    text = readable(claim) if claim is not None else _read_draft(draft or Path())
    if draft is None:
        clean_question(text, settings.max_question_chars)
    elif not text.strip():
        raise EmptyQuestionError(f"{draft}: the draft is empty")
    index = open_index(settings)
    rows = check_draft(index, text) if draft is not None else check_claims(index, text)
    if markdown:
        click.echo(shown(draft_markdown(rows)), nl=False)
        return
    for row in rows:
        if row.check is None:
            if not as_json:
                click.echo(shown(f"Geen bewering: {row.sentence}\n"))
            continue
        if as_json:
            click.echo(check_record(row.check).to_json())
        else:
            click.echo(shown(check_text(row.check)) + "\n")


def echo_check(index: Index, claim: str, filters: Filters, top_k: int, as_json: bool) -> None:
    """Print a claim's check, verdict first (or its JSON record): for `kb ask`, which checks
    the questions that are claims ("Klopt het dat …?")."""
    from kb.claims.verdict import check
    from kb.verdicts import check_record, check_text

    checked = check(index, claim, filters, top_k)
    click.echo(check_record(checked).to_json() if as_json else shown(check_text(checked)))


def _read_draft(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the draft: {exc}") from exc
