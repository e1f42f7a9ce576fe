"""Conversations: two- and three-turn chats whose later turns are follow-ups, scored on the
question the follow-up step searched and on the fact the answer quotes.

`eval/conversations.jsonl` holds one conversation a line (written by hand from the report; see
eval/FORMAT.md):

    {"id": "c001", "turns": [
        {"asked": "Hoeveel geld kreeg het Alfa-college voor het innovatiecentrum?",
         "fact": "..."},
        {"asked": "wie gaf dat?", "searched": "...", "fact": "..."}]}

A turn is read as the app reads it (kb.followup: the same base, the same goal narrowing) and
answered with `kb.answer`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from kb.analyser import fold
from kb.answers import Answer, answer
from kb.errors import QuestionFileError
from kb.followup import Resolved, Said, base_of, resolve_followup
from kb.index import Filters, Index


class ExpectedTurn(BaseModel):
    """One turn: what is asked, and what should come of it (at least one of the two)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    asked: str
    searched: str | None = None
    """The question that should be searched (compared without case, accents and punctuation)."""
    fact: str | None = None
    """A short string of the report that the quoted sentence should contain."""


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    turns: list[ExpectedTurn]


@dataclass(frozen=True)
class TurnResult:
    conversation: str
    number: int
    asked: str
    searched: str
    searched_ok: bool | None
    """None when the turn names no expected searched question."""
    fact_ok: bool | None
    """None when the turn names no expected fact."""


def load_conversations(path: Path) -> list[Conversation]:
    """The conversations of a JSON Lines file.

    Raises:
        QuestionFileError: a line that is not a conversation (with its number).
    """
    found: list[Conversation] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(Conversation.model_validate_json(line))
        except ValidationError as exc:
            raise QuestionFileError(f"{path}:{number}: {exc.errors()[0]['msg']}") from exc
    return found


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", fold(text)))


def run_conversation(index: Index, conversation: Conversation) -> list[TurnResult]:
    """Ask the turns in order, each read against the ones before it, as the app does."""
    regions = index.filter_values()["region"]
    history: list[Said] = []
    last: Answer | None = None
    results: list[TurnResult] = []
    for number, turn in enumerate(conversation.turns, start=1):
        resolved = resolve_followup(turn.asked, base_of(history), regions)
        if resolved.kind == "about_previous" and last is not None:
            result = last
        else:
            filters = Filters(goals=(resolved.goal,)) if resolved.goal is not None else Filters()
            result = answer(index, resolved.searched, filters)
            history.append(_said(resolved, result))
        last = result
        results.append(_score(conversation.id, number, turn, resolved, result))
    return results


def _said(resolved: Resolved, result: Answer) -> Said:
    goal = result.source.goal if result.source is not None and not result.abstained else None
    return Said(resolved, goal, not result.abstained)


def _score(
    conversation: str, number: int, turn: ExpectedTurn, resolved: Resolved, result: Answer
) -> TurnResult:
    searched_ok = None
    if turn.searched is not None:
        searched_ok = _plain(resolved.searched) == _plain(turn.searched)
    fact_ok = None
    if turn.fact is not None:
        fact_ok = not result.abstained and fold(turn.fact) in fold(result.text)
    return TurnResult(conversation, number, turn.asked, resolved.searched, searched_ok, fact_ok)


def summary(results: Sequence[TurnResult]) -> str:
    """The scores as a small Markdown table, then the misses."""

    def share(values: list[bool]) -> str:
        return (
            f"{sum(values)}/{len(values)} ({100 * sum(values) / len(values):.1f}%)"
            if values
            else "–"
        )

    searched = [r.searched_ok for r in results if r.searched_ok is not None]
    first = [r.fact_ok for r in results if r.number == 1 and r.fact_ok is not None]
    later = [r.fact_ok for r in results if r.number > 1 and r.fact_ok is not None]
    rows = [
        ("searched question as expected", searched),
        ("fact in the answer, first turns", first),
        ("fact in the answer, follow-ups", later),
    ]
    lines = ["| measure | score |", "|---|---|"]
    lines += [f"| {name} | {share([bool(v) for v in values])} |" for name, values in rows]
    misses = [r for r in results if r.searched_ok is False or r.fact_ok is False]
    if misses:
        lines += ["", "Misses (conversation, turn: asked → searched):"]
        lines += [f"- {r.conversation} {r.number}: {r.asked} → {r.searched}" for r in misses]
    return "\n".join(lines)


__all__ = [
    "Conversation",
    "ExpectedTurn",
    "TurnResult",
    "load_conversations",
    "run_conversation",
    "summary",
]
