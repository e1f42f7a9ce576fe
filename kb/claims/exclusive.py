"""A claim that something holds for one thing only ("alleen in voltijd", "slechts één
mbo-instelling", "alleen voor de bovenbouw") read against a sentence that names it with others
("voor het deeltijdonderwijs en het voltijdonderwijs", "meerdere mbo-instellingen", "voor elke
groep"): "klopt niet" (kb.claims.otherwise)."""

from __future__ import annotations

import re

from kb.analyser import fold
from kb.claims.findings import Finding, Quote

_ONLY = re.compile(
    r"\b(?:alleen|uitsluitend|enkel|slechts|exclusief)\s+((?:[\w/-]+\s+){0,7}[\w/-]+)"
)
"""A claim that something holds only for one thing: "alleen in voltijd", "uitsluitend voor
docenten uit het hoger onderwijs"; the words after it, up to eight."""
_ONE = re.compile(r"^(?:(?:op|in|bij|voor|aan)\s+)?(?:een|één|1)\s+([\w-]{4,})")
_MANY = r"\b(?:meerdere|verschillende|diverse|alle|allerlei)\s+"
_BOTH = re.compile(
    r"\b([\w-]{3,})(?:,\s+(?:de\s+|het\s+)?[\w-]{3,})*\s+(?:en|als\s+ook|of)\s+(?:de\s+|het\s+|een\s+)?([\w-]{3,})"
)
_NEGATED = re.compile(r"\b(?:niet|geen)\s+(?:\S+\s+){0,2}\S+")
_GLUE = {"het", "een", "als", "ook", "of", "voor", "van"}
"""Words of a list that name none of its members ("het voortgezet en het hoger")."""


_SAME_START = 7
"""Two compounds that begin with the same word of this many letters or more name the same
thing ("voltijdstudenten" and "voltijdonderwijs")."""


def _stem(word: str, words: set[str]) -> bool:
    """Whether `word` is one of `words`, or one holds the other's first five letters or more
    ("voltijd" and "voltijdonderwijs"), or both begin with the same `_SAME_START` letters."""
    return any(
        word == w
        or (min(len(word), len(w)) >= 5 and (word.startswith(w) or w.startswith(word)))
        or (min(len(word), len(w)) >= _SAME_START and word[:_SAME_START] == w[:_SAME_START])
        for w in words
    )


_PREPOSITION = re.compile(r"^(voor|in|op|bij|aan)\s")
_EVERY = r"\s+(?:elke|iedere?|alle)\s+[\w-]+"


def _every(only: str, sentence: str) -> re.Match[str] | None:
    """ "alleen voor de bovenbouw" where the sentence says "voor elke groep": the claim's
    preposition before "elke", "iedere" or "alle" in the sentence."""
    preposition = _PREPOSITION.match(only)
    if preposition is None:
        return None
    return re.search(rf"\b{preposition.group(1)}{_EVERY}", sentence)


def exclusive(claim: str, quote: Quote) -> list[Finding]:
    """ "alleen" or "uitsluitend" one thing claimed where the sentence names it together with
    another ("alleen in voltijd" against "voor het deeltijdonderwijs en het voltijdonderwijs",
    "slechts één mbo-instelling" against "meerdere mbo-instellingen"): "klopt niet"."""
    ours, theirs = fold(claim), fold(quote.text)
    match = _ONLY.search(ours)
    if match is None or re.match(r"\d", match.group(1)):
        return []
    words = quote.text if len(theirs) == len(quote.text) else theirs
    one = _ONE.match(match.group(1))
    if one:
        many = re.search(_MANY + re.escape(one.group(1)[:5]) + r"[\w-]*", theirs)
        if many:
            shown = words[many.start() : many.end()]
            return [Finding("contrast", "contradicted", match.group(0), shown, quote)]
        return []
    every = _every(match.group(1), theirs)
    if every:
        shown = words[every.start() : every.end()]
        return [Finding("contrast", "contradicted", match.group(0), shown, quote)]
    only = set(re.findall(r"[\w-]{3,}", match.group(1)))
    # What the claim says besides the one thing, unless it denies it ("en niet voor deeltijd").
    said = set(re.findall(r"[\w-]{3,}", _NEGATED.sub(" ", ours)))
    for both in _BOTH.finditer(theirs):
        members = [m for m in re.findall(r"[\w-]{3,}", both.group(0)) if m not in _GLUE]
        held = [m for m in members if _stem(m, only)]
        others = [m for m in members if not _stem(m, said)]
        if held and others:
            shown = words[both.start() : both.end()]
            return [Finding("contrast", "contradicted", match.group(0), shown, quote)]
    return []
