"""What the HTTP API reads: request bodies (strict pydantic models) and the limits on them.

Responses are the records of `kb.render` (one versioned schema for the CLI, the app's
downloads and the API). Every string that comes in has its lone surrogates (which JSON can
carry as `"\\ud800"` but UTF-8 cannot) replaced by U+FFFD, as `kb ask` does with its
arguments, so that echoing it back can never fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from kb.claims.draft import MAX_TEXT_CHARS
from kb.index import Filters

MAX_K = 50
"""Passages per search or answer."""
MAX_RUN_K = 100
"""Passages per query in a run."""
MAX_FILTER_VALUES = 20
MAX_CHECK_CHARS = MAX_TEXT_CHARS
"""A claim or a pasted draft (kb.claims.draft)."""
MAX_NAME_CHARS = 200
"""A filter value, a passage id or a query id."""


@dataclass(frozen=True)
class Limits:
    """The server's bounds; `max_question_chars` comes from the settings."""

    max_question_chars: int = 1000
    max_body_bytes: int = 1_048_576
    max_run_queries: int = 1000
    max_check_chars: int = MAX_CHECK_CHARS
    """A claim or a pasted draft; at most `kb.claims.draft.MAX_CLAIMS` sentences are checked."""


def readable(text: str) -> str:
    """Lone surrogates become U+FFFD (a string that can always be encoded as UTF-8)."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


Text = Annotated[str, AfterValidator(readable)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS), AfterValidator(readable)]


class FilterSpec(BaseModel):
    """Restrict to passages matching every non-empty field (any value within a field):
    goals (*doelen*, 1-12), regions or provinces, section kinds, documents."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    goals: list[int] = Field(default=[], max_length=MAX_FILTER_VALUES)
    regions: list[Name] = Field(default=[], max_length=MAX_FILTER_VALUES)
    kinds: list[Name] = Field(default=[], max_length=MAX_FILTER_VALUES)
    documents: list[Name] = Field(default=[], max_length=MAX_FILTER_VALUES)

    def filters(self) -> Filters:
        return Filters(
            tuple(self.goals), tuple(self.regions), tuple(self.kinds), tuple(self.documents)
        )


class SearchRequest(BaseModel):
    """A question, optional filters and the number of passages."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        json_schema_extra={
            "examples": [
                {
                    "question": "Hoeveel cross-over kwalificaties raken aan de techniek?",
                    "filters": {"goals": [9]},
                    "k": 5,
                }
            ]
        },
    )

    question: Text = Field(description="The question, at most `max_question_chars` characters.")
    filters: FilterSpec = FilterSpec()
    k: int = Field(default=5, ge=1, le=MAX_K, description="Number of passages.")


class AnswerRequest(SearchRequest):
    """A question to answer with a quoted sentence; `k` passages come with it."""


class CheckRequest(BaseModel):
    """A claim ("Klopt het dat …?") or a draft to check sentence by sentence."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        json_schema_extra={
            "examples": [
                {"text": "Klopt het dat er 40 trainees zijn gestart via het OnderwijsTraineeship?"}
            ]
        },
    )

    text: Text = Field(description="A claim or a draft, at most `max_check_chars` characters.")
    filters: FilterSpec = FilterSpec()


class RunQuery(BaseModel):
    """One line of a BEIR `queries.jsonl`: `{"_id": ..., "text": ..., "metadata": {...}}`."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True, populate_by_name=True)

    id: Name = Field(alias="_id")
    text: Text
