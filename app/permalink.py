"""Permalinks: a search as URL query parameters, and back.

`?q=hoeveel+cross-over+kwalificaties&doel=9&regio=Limburg&soort=bereikt&n=5` reproduces a
search: the question, its filters (doel, regio, soort, document; several values comma-separated
or repeated) and the number of passages. Parameter names are Dutch: they are read by people in
the address bar.

>>> link = from_query({"q": ["hoeveel?"], "doel": ["9,5"]})
>>> link.filters.goals, to_query(link)
((9, 5), {'q': 'hoeveel?', 'doel': '9,5'})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

from kb import Filters
from kb.text import limit_question, whole_number

MAX_PASSAGES = 20


@dataclass(frozen=True)
class Permalink:
    """A search to reproduce. `problems` names the parameters that were ignored, in Dutch."""

    question: str = ""
    filters: Filters = field(default_factory=Filters)
    top_k: int | None = None
    problems: tuple[str, ...] = ()


def _values(params: Mapping[str, Sequence[str]], name: str) -> list[str]:
    return [v.strip() for raw in params.get(name, ()) for v in raw.split(",") if v.strip()]


def from_query(params: Mapping[str, Sequence[str]], max_question_chars: int = 1000) -> Permalink:
    """Read a search from query parameters (each name with all its values).

    Values that cannot be read are left out and named in `problems`; whether a goal or region
    exists in the index is for the search to say. The question is cut to `max_question_chars`
    (`kb.text.limit_question`) before anything else is done with it.
    """
    problems: list[str] = []
    goals: list[int] = []
    for value in _values(params, "doel"):
        goal = whole_number(value, digits=3)
        if goal is not None:
            goals.append(goal)
        else:
            problems.append(f"doel={_shown(value)} is geen doelnummer")
    top_k: int | None = None
    for value in _values(params, "n")[-1:]:
        number = whole_number(value, digits=3)
        if number is not None and 1 <= number <= MAX_PASSAGES:
            top_k = number
        else:
            problems.append(f"n={_shown(value)} is geen aantal tussen 1 en {MAX_PASSAGES}")
    cut = (limit_question(q, max_question_chars).text for q in reversed(params.get("q", ())))
    question = next((q for q in cut if q.strip()), "")
    return Permalink(
        question=" ".join(question.split()),
        filters=Filters(
            goals=tuple(dict.fromkeys(goals)),
            regions=tuple(dict.fromkeys(_values(params, "regio"))),
            kinds=tuple(dict.fromkeys(_values(params, "soort"))),
            documents=tuple(dict.fromkeys(_values(params, "document"))),
        ),
        top_k=top_k,
        problems=tuple(problems),
    )


def _shown(value: str) -> str:
    """A value as a problem message shows it: at most 20 characters."""
    return value if len(value) <= 20 else value[:20] + "…"


def to_query(link: Permalink) -> dict[str, str]:
    """The query parameters of a search (only those that are set)."""
    params: dict[str, str] = {}
    if link.question:
        params["q"] = link.question
    filters = link.filters
    if filters.goals:
        params["doel"] = ",".join(str(g) for g in filters.goals)
    if filters.regions:
        params["regio"] = ",".join(filters.regions)
    if filters.kinds:
        params["soort"] = ",".join(filters.kinds)
    if filters.documents:
        params["document"] = ",".join(filters.documents)
    if link.top_k is not None:
        params["n"] = str(link.top_k)
    return params


def to_url(base: str, link: Permalink) -> str:
    """The full permalink: `base` (the app's address, without a query) plus the parameters."""
    parts = urlsplit(base)
    address = urlunsplit(
        (parts.scheme, parts.netloc, parts.path or ("/" if parts.netloc else ""), "", "")
    )
    query = urlencode(to_query(link))
    return f"{address}?{query}" if query else address


__all__ = ["MAX_PASSAGES", "Permalink", "from_query", "to_query", "to_url"]
