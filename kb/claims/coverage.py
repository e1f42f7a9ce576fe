"""How much of a claim the passage about it holds: whether the report speaks of the claim's
subject at all (kb.claims.verdict)."""

from __future__ import annotations

import re

from kb.analyser import analyse, fold
from kb.claims.claim import direction_of, direction_words
from kb.claims.contrast import opposite_words
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
    ("wo"), and the other way round; a word is held by its opposite (`opposites`)."""
    held = store.passage_terms(hit.chunk.id) | set(analyse(hit.chunk.cited_in or ""))
    folded = fold(query)
    for short, long in SHORT_FORMS:
        short_terms, long_terms = set(analyse(short)), set(analyse(long))
        if short_terms <= held and re.search(rf"\b{re.escape(fold(long))}", folded):
            held = held | long_terms
        elif long_terms <= held and re.search(rf"\b{re.escape(short)}\b", folded):
            held = held | short_terms
    held = held | opposites(query, hit.chunk.text)
    terms = set(analyse(query)) - _ROUGHLY
    return store.share(terms, held | {t for t in terms if compounded(t, held)})


_ROUGHLY = frozenset(
    analyse("ruim bijna ongeveer circa zo'n krap maximaal minimaal minstens ruwweg pakweg liefst")
)
"""How roughly a claim gives a value ("ruim 28.000"): part of the value, which the claim check
compares, not of what the claim is about."""


MIN_PART = 4
"""Letters each part of a compound must have to be read as a word of its own."""


def compounded(term: str, held: set[str] | frozenset[str]) -> bool:
    """Whether a (stemmed) compound is held by its two parts ("betatechniekstudent": the
    passage holds "betatechniek" and "student"), a linking "s" allowed."""
    for cut in range(MIN_PART, len(term) - MIN_PART + 1):
        head, tail = term[:cut], term[cut:]
        if tail in held and (head in held or (head.endswith("s") and head[:-1] in held)):
            return True
    return False


def opposites(query: str, passage: str) -> set[str]:
    """The query's words that say the opposite of the passage's ("negatief" of "positief",
    "afname" of "toename"): about the same subject, which is what coverage measures; whether
    the claim holds is read after."""
    said = opposite_words(query, passage)
    ours, theirs = direction_of(query), direction_of(passage)
    if {ours, theirs} == {"up", "down"}:
        said.append(direction_words(query) or "")
    return {term for words in said for term in analyse(words)}
