"""Vraagbaak Techniekpact: the search index, retrieval and answers over the Techniekpact reports.

Eight names: the settings, building and loading the index, searching it, and answering.

>>> from kb import Settings, Filters, answer, load_index
>>> from kb.embed import make_embedder
>>> settings = Settings()
>>> index = load_index(settings, make_embedder(settings))
>>> hits = index.search("Hoeveel cross-over kwalificaties raken aan techniek?", Filters(goals=(9,)))
>>> hits[0].chunk.goal
9
>>> answer(index, "hoeveel cross-over kwalificaties raken techniek?").value
'vier'
"""

from __future__ import annotations

import os

# The embedding engine and FAISS run on OpenMP threads, which by default spin while they wait
# for each other: beside another busy process (a second user, a build) a query's embedding
# took 0.12-1.7 s instead of 0.03 s on two cores (benchmarks/bench_busy.py). Waiting threads
# sleep instead; this must be set before the first OpenMP library loads. A value the user sets
# is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from kb.answers import Answer, answer
from kb.build import build_index
from kb.index import Filters, Hit, Index
from kb.settings import Settings
from kb.store import load_index

__all__ = [
    "Answer",
    "Filters",
    "Hit",
    "Index",
    "Settings",
    "answer",
    "build_index",
    "load_index",
]
