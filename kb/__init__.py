"""Vraagbaak Techniekpact: the search index, retrieval and answers over the Techniekpact reports.

>>> from kb import search, Filters
>>> search("Hoeveel cross-over kwalificaties raken aan techniek?", Filters(goals=(9,)))[0].rank
1
"""

from __future__ import annotations

from kb.answers.answer import Answer, Source, answer
from kb.index import EmptyQuestionError, Filters, Hit, Index, UnknownFilterError, search
from kb.store import BuildInfo, build_index, load_index

__all__ = [
    "Answer",
    "BuildInfo",
    "EmptyQuestionError",
    "Filters",
    "Hit",
    "Index",
    "Source",
    "UnknownFilterError",
    "answer",
    "build_index",
    "load_index",
    "search",
]
