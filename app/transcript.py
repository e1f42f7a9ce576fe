"""A chat session to keep: as Markdown for people, as JSON for programs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from app.present import answer_id, citation, escape_plain
from app.session import Turn
from kb import Filters
from kb.answers import ABSTENTION
from kb.claims.draft import DraftRow
from kb.render import answer_record, strict_json
from kb.verdicts import check_record, draft_markdown

TRANSCRIPT_VERSION = 3
"""2: each turn's answer is the `kb ask --json` record (kb.render.AnswerRecord)."""


def _filters_json(filters: Filters) -> dict[str, list[Any]]:
    return {
        "goals": list(filters.goals),
        "regions": list(filters.regions),
        "kinds": list(filters.kinds),
        "documents": list(filters.documents),
    }


def session_json(turns: Sequence[Turn]) -> str:
    """The session as one JSON document: each question, what was searched, and the answer in
    the schema of `kb ask --json`."""
    document = {
        "format_version": TRANSCRIPT_VERSION,
        "saved": datetime.now(UTC).isoformat(timespec="seconds"),
        "turns": [
            {
                "question": turn.asked,
                "searched": turn.searched,
                "followup": turn.resolved.kind,
                "filters": _filters_json(turn.filters),
                "top_k": turn.top_k,
                "build_id": turn.build_id,
                "error": turn.error,
                "answer_id": answer_id(turn.answer) if turn.answer else None,
                "answer": (
                    answer_record(turn.asked, turn.answer).model_dump(mode="json")
                    if turn.answer
                    else None
                ),
                "check": check_record(turn.check).model_dump(mode="json") if turn.check else None,
            }
            for turn in turns
        ],
    }
    return strict_json(document, indent=2)


def session_markdown(turns: Sequence[Turn]) -> str:
    """The session as Markdown: each question with its quoted answer and citation."""
    parts = ["# Vraagbaak Techniekpact — sessie", ""]
    for number, turn in enumerate(turns, start=1):
        parts.append(f"## {number}. {escape_plain(turn.asked)}")
        parts.append("")
        if turn.searched != turn.asked:
            parts += [f"*Gezocht:* {escape_plain(turn.searched)}", ""]
        if turn.check is not None:
            rows = [DraftRow(turn.check.claim, turn.check)]
            parts += [draft_markdown(rows), ""]
            continue
        if turn.answer is None:
            parts += [escape_plain(turn.error or ABSTENTION), ""]
            continue
        parts += [citation(turn.answer).split("\n", 2)[-1], ""]
    return "\n".join(parts).rstrip() + "\n"


__all__ = ["session_json", "session_markdown"]
