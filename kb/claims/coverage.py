"""How much of a claim the passage about it holds: whether the report speaks of the claim's
subject at all (kb.claims.verdict)."""

from __future__ import annotations

import re

from kb.analyser import analyse, fold
from kb.index import Hit
from kb.sentence_store import SentenceStore

SHORT_FORMS = (
    ("wo", "wetenschappelijk onderwijs"),
    ("hbo", "hoger beroepsonderwijs"),
    ("mbo", "middelbaar beroepsonderwijs"),
    ("ho", "hoger onderwijs"),
    ("vo", "voortgezet onderwijs"),
    ("po", "primair onderwijs"),
    ("lob", "loopbaanoriëntatie en -begeleiding"),
    ("lob", "loopbaanbegeleiding"),
    ("vmbo-gl", "gemengde leerweg"),
    ("vmbo-tl", "theoretische leerweg"),
)
"""The report's short forms of the school sectors and programmes a claim may write out."""


def passage_share(store: SentenceStore, query: str, hit: Hit) -> float:
    """The IDF-weighted share of the query's words that the passage holds; the words of a
    school sector written out ("wetenschappelijk onderwijs") are held by its short form
    ("wo"), and the other way round."""
    held = store.passage_terms(hit.chunk.id) | set(analyse(hit.chunk.cited_in or ""))
    folded = fold(query)
    for short, long in SHORT_FORMS:
        short_terms, long_terms = set(analyse(short)), set(analyse(long))
        if short_terms <= held and re.search(rf"\b{re.escape(fold(long))}", folded):
            held = held | long_terms
        elif long_terms <= held and re.search(rf"\b{re.escape(short)}\b", folded):
            held = held | short_terms
    return store.share(set(analyse(query)), held)
