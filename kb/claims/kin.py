"""Another of the same kind where the claim names its own (kb.claims.names): a body of the
same kind ("ROC Mondriaan" for "ROC Albeda"), a country abroad ("Estland en Roemenië" for
"Finland"), and the names as the sentence lists them."""

from __future__ import annotations

import re
from itertools import pairwise

from ingest.regions import Gazetteer
from kb.claims.findings import Finding
from kb.claims.places import ABROAD
from kb.claims.wording import Scored, quote_of

_KINDS = frozenset(["Hogeschool", "Universiteit", "Provincie", "Gemeente", "Stichting"])
"""The first word of a name that says what kind of body it is ("Hogeschool Utrecht")."""


def other_of_kind(missing: list[str], sentence: str) -> str | None:
    """Another body of the same kind in the sentence where the claim names its own: "ROC
    Mondriaan" where the claim says "ROC Albeda", "Provincie Limburg" for "Provincie Drenthe"."""
    for name in missing:
        kind, _, rest = name.partition(" ")
        if not rest or not (kind in _KINDS or (len(kind) > 1 and kind.isupper())):
            continue
        for match in re.finditer(
            rf"\b{re.escape(kind)}\s+[A-Z][\w&-]*(?:\s[A-Z][\w&-]*)*", sentence
        ):
            if match.group(0) != name:
                return match.group(0)
    return None


def abroad_instead(gazetteer: Gazetteer, places: list[str], best: Scored) -> list[Finding]:
    """Countries the sentence names where the claim names another it lists elsewhere in the
    passage ("boven 30%: Estland en Roemenië" for "Finland ... boven de 30%"): "klopt niet"."""
    ours = [p for p in places if p in ABROAD]
    if not ours or len(ours) < len(places):
        return []
    theirs = [p for p in gazetteer.tag(best.sentence.text).regions if p in ABROAD]
    if not theirs or set(ours) & set(theirs):
        return []
    stated = as_written(best.sentence.text, theirs)
    return [Finding("name", "contradicted", ", ".join(ours), stated, quote_of(best))]


def as_written(sentence: str, named: list[str]) -> str:
    """The names as the sentence lists them ("Zeeland, Rotterdam en Utrecht") when they stand
    together in it, else joined by commas."""
    spans = sorted(
        (m.start(), m.end()) for n in named for m in [re.search(re.escape(n), sentence)] if m
    )
    if len(spans) == len(named) > 1:
        between = [sentence[a[1] : b[0]] for a, b in pairwise(spans)]
        if all(re.fullmatch(r",\s*|\s+(?:en|of)\s+|,?\s+en\s+", gap) for gap in between):
            return sentence[spans[0][0] : spans[-1][1]]
    return ", ".join(named)
