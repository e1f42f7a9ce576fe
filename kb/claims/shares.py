"""Shares the report writes in words, which the answer ranker never offers as values: "ruim de
helft", or "acht ..., waarvan er vier" (four of eight), against a claimed percentage."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.claims.evidence import supports
from kb.claims.findings import Finding, Status
from kb.claims.quantities import NUMBER, Quantity, number_of
from kb.claims.wording import Scored, quote_of


def in_words(claimed: Quantity, window: Sequence[tuple[Scored, list[Quantity]]]) -> Finding | None:
    """A share the report writes in words, which the answer ranker never offers, against the
    claimed one: "ruim de helft", or "acht ..., waarvan er vier" (four of eight). In one of the
    two best sentences (`window`: the best sentences with their values) it holds "meer dan de
    helft"; in the best one it contradicts "een kwart". None without one."""
    if claimed.kind != "percent":
        return None
    for position, (scored, values) in enumerate(window[:2]):
        shares = [q for q in values if q.kind == "percent" and not re.search(r"\d", q.text)]
        for stated in [*shares, *_of_which(scored.sentence.text)]:
            if supports(claimed, stated):
                return Finding("percent", "supported", claimed.text, stated.text, quote_of(scored))
            if position == 0:
                status: Status = "contradicted"
                return Finding("percent", status, claimed.text, stated.text, quote_of(scored))
    return None


_OF_WHICH = re.compile(rf"\b({NUMBER})\s[^,;.]{{3,80}},\swaarvan\s(?:er\s)?({NUMBER})", re.I)


def _of_which(sentence: str) -> list[Quantity]:
    """The share a count states of a count before it: "acht cross-over kwalificaties
    goedgekeurd, waarvan er vier" is 50%, shown as "vier van de acht"."""
    found: list[Quantity] = []
    for match in _OF_WHICH.finditer(sentence):
        whole, part = number_of(match.group(1)), number_of(match.group(2))
        if whole and part is not None and part < whole:
            text = f"{match.group(2)} van de {match.group(1)}"
            span = (text, match.start(2), match.end(2))
            found.append(Quantity("percent", *span, 100.0 * part / whole, frozenset(), None, None))
    return found
