"""One question of a chat session: what was asked, what was searched, and the answer.

`ask` is the one place where the app turns a typed question into an answer: it reads a
follow-up in the context of the previous turn, narrows the search to the previous answer's goal
when the follow-up points back at it, and calls `kb.answer`. Errors become a short Dutch
message on the turn, never an exception in the page.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from kb import Answer, Filters, Index, answer
from kb.claims.claim import is_claim
from kb.claims.verdict import Check, check
from kb.errors import AnswerError, EmptyQuestionError, SearchError, UnknownFilterError
from kb.followup import Previous, Resolved, Said, base_of, resolve_followup
from kb.text import limit_question

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Turn:
    """A question and its answer (`answer` is None when `error` says why there is none)."""

    asked: str
    resolved: Resolved
    filters: Filters
    top_k: int
    answer: Answer | None
    error: str | None
    build_id: str
    widened: Answer | None = None
    """When the answer abstained under filters: the same question over the whole report."""
    check: Check | None = None
    """For a claim ("Klopt het dat …?"): its check, shown verdict first (`answer` is None)."""

    @property
    def searched(self) -> str:
        return self.resolved.searched

    @property
    def goal(self) -> int | None:
        """The goal of the quoted passage, if the turn quotes one."""
        if self.answer is None or self.answer.abstained or self.answer.source is None:
            return None
        return self.answer.source.goal


class Conversations:
    """The conversations of this process by id, so that a reload (a new browser session on
    the same `?gesprek=` address) shows the conversation again. Bounded: the oldest go first.
    Whoever has the address sees the conversation, as with any shared link."""

    def __init__(self, limit: int = 200) -> None:
        self._limit = limit
        self._turns: dict[str, tuple[Turn, ...]] = {}
        self._lock = threading.Lock()

    def get(self, conversation: str) -> tuple[Turn, ...] | None:
        """The turns of `conversation` (none yet: empty), or None for an id not held here."""
        with self._lock:
            return self._turns.get(conversation)

    def put(self, conversation: str, turns: Sequence[Turn]) -> None:
        with self._lock:
            self._turns.pop(conversation, None)
            self._turns[conversation] = tuple(turns)
            while len(self._turns) > self._limit:
                self._turns.pop(next(iter(self._turns)))


def previous_of(turns: Sequence[Turn]) -> Previous | None:
    """What a follow-up may refer to: the conversation's base (kb.followup.base_of)."""
    return base_of(
        [
            Said(t.resolved, t.goal, not t.answer.abstained)
            for t in turns
            if t.answer is not None and t.resolved.kind != "about_previous"
        ]
    )


def ask(
    index: Index,
    asked: str,
    filters: Filters,
    top_k: int,
    turns: Sequence[Turn] = (),
    regions: Sequence[str] = (),
    *,
    as_typed: bool = False,
) -> Turn:
    """Answer `asked` in the context of the earlier `turns` of the session (`as_typed`: not
    read as a follow-up, for a searched question the reader edited).

    The question is cut to `max_question_chars` before any work (`kb.text.limit_question`,
    as `kb ask` and the search do): the chat input stops at that
    length in the browser, but a crafted message can carry a megabyte, and every step (the
    follow-up reading, the caches of the answer step, a stored vote) would keep it.
    """
    asked = limit_question(asked, index.settings.max_question_chars).text
    previous = None if as_typed else previous_of(turns)
    resolved = resolve_followup(asked, previous, regions)
    if resolved.kind == "about_previous":
        before = next(t for t in reversed(turns) if t.answer is not None)
        return Turn(
            asked, resolved, before.filters, before.top_k, before.answer, None, before.build_id
        )
    if is_claim(resolved.searched):
        return _claim(index, asked, resolved, filters, top_k)
    if resolved.goal is not None and not filters.goals:
        filters = dataclasses.replace(filters, goals=(resolved.goal,))
    error: str | None = None
    result: Answer | None = None
    try:
        result = answer(index, resolved.searched, filters, top_k)
    except EmptyQuestionError:
        error = "Typ een vraag in woorden."
    except UnknownFilterError as exc:
        log.info("unknown filter: %s", exc)
        error = "Een gekozen filter komt in deze index niet voor; pas de filters aan."
    except AnswerError as exc:
        log.warning("no answers from this index: %s", exc)
        error = "De zoekindex is verouderd: bouw hem opnieuw met `kb build --force`."
    except SearchError as exc:
        log.warning("search failed: %s", exc)
        error = "Deze vraag kan niet worden gezocht."
    widened: Answer | None = None
    if (
        result is not None
        and result.abstained
        and (filters.goals or filters.regions or filters.kinds)
    ):
        # An abstention under a filter says nothing of the rest of the report; look there too.
        widened = answer(index, resolved.searched, Filters(), top_k)
    return Turn(asked, resolved, filters, top_k, result, error, index.build_id, widened)


def _claim(index: Index, asked: str, resolved: Resolved, filters: Filters, top_k: int) -> Turn:
    """A claim typed as a question: checked against the report, not answered."""
    try:
        checked = check(index, resolved.searched, filters, top_k)
    except (EmptyQuestionError, UnknownFilterError, AnswerError, SearchError) as exc:
        log.info("claim not checked: %s", exc)
        return Turn(
            asked,
            resolved,
            filters,
            top_k,
            None,
            "Deze bewering kan niet worden gecontroleerd.",
            index.build_id,
        )
    return Turn(asked, resolved, filters, top_k, None, None, index.build_id, check=checked)


__all__ = ["Conversations", "Turn", "ask", "previous_of"]
