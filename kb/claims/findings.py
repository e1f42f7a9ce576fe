"""What a claim check finds, part by part, and the verdict the findings add up to.

A `Finding` compares one part of a claim (a value, a name, a direction) with the report's
sentence; `verdict_of()` turns the findings of one statement into klopt, klopt niet, deels or
staat niet in het rapport, and `combined()` the verdicts of a compound claim's parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kb.answers.answer import Source
from kb.claims.quantities import NUMBER, quantities

Verdict = Literal["klopt", "klopt_niet", "deels", "niet_in_rapport"]
VERDICTS: tuple[Verdict, ...] = ("klopt", "klopt_niet", "deels", "niet_in_rapport")
VERDICT_LABELS: dict[Verdict, str] = {
    "klopt": "Klopt",
    "klopt_niet": "Klopt niet",
    "deels": "Deels",
    "niet_in_rapport": "Staat niet in het rapport",
}
Status = Literal["supported", "contradicted", "absent"]


@dataclass(frozen=True)
class Quote:
    """A report sentence, verbatim, with its passage and source."""

    text: str
    start: int
    end: int
    hit_id: str
    source: Source


@dataclass(frozen=True)
class Finding:
    """One part of a claim compared: the claim's value, the report's, and the sentence."""

    aspect: str
    """"percent", "amount", "count", "date", "direction", "negation", "label", "contrast",
    "name" or "statement"."""
    status: Status
    claim_value: str | None
    report_value: str | None
    quote: Quote | None


def combined(verdicts: list[Verdict]) -> Verdict:
    """The verdict on a compound claim from its parts' verdicts: "klopt" when every part
    holds, "klopt niet" when none does, else "deels"."""
    if all(v == "klopt" for v in verdicts):
        return "klopt"
    if all(v == "klopt_niet" for v in verdicts):
        return "klopt_niet"
    return "deels"


FIGURES = ("count", "amount", "percent")
STATEMENT_ASPECTS = ("direction", "negation", "label", "contrast")
"""What a statement says of its values: the opposite makes the whole claim "klopt niet"."""


def held_in(findings: list[Finding], quote: Quote) -> str | None:
    """The report's value of the first finding that holds in `quote`, as the report writes it."""
    return next(
        (f.report_value for f in findings if f.quote is quote and f.status == "supported"), None
    )


def verdict_of(findings: list[Finding], statement: str = "") -> Verdict:
    """The verdict the findings of one statement (`statement`, if given) add up to (the
    classes: kb.claims.verdict)."""
    if any(f.aspect == "name" and f.status == "contradicted" for f in findings):
        values = [f for f in findings if f.aspect in (*FIGURES, "date")]
        if values and not any(f.status == "supported" for f in values):
            # Another name and none of its values: another subject, which the report lacks.
            return "niet_in_rapport"
        # The values that hold only showed it is the same thing, in another place.
        return "klopt_niet"
    if any(f.aspect in STATEMENT_ASPECTS and f.status == "contradicted" for f in findings):
        # "steeg tot 6.513" where the report has "nam af naar 6.513", "niet langer" where it
        # says "uitgebreid", "groep acht" where it says "groep zeven": the values that hold
        # only place the statement; what it says of them is not so.
        return "klopt_niet"
    wrong = any(f.status == "contradicted" for f in findings)
    # A date that holds places the claim in time; it is not a part of the claim on its own.
    held = any(f.status == "supported" and f.aspect != "date" for f in findings)
    dates = [f for f in findings if f.aspect == "date"]
    contradicted_date = any(f.status == "contradicted" for f in dates)
    none_hold = all(f.status != "supported" for f in findings)
    absent_date = any(f.status == "absent" for f in dates)
    if (
        wrong
        and not held
        and len(findings) > 1
        and none_hold
        and (contradicted_date or absent_date)
        and not any(_same_day(f) for f in dates)
    ):
        # Another year with other figures, or a year the report does not name with them: a
        # period the report does not cover.
        return "niet_in_rapport"
    missing = any(f.status == "absent" and f.aspect in FIGURES for f in findings)
    if dates and any(f.aspect == "statement" and f.status == "absent" for f in findings):
        # A date that holds, in a claim whose words no sentence states: a date of something else.
        return "niet_in_rapport"
    if not held and not wrong and any(f.status == "supported" for f in dates) and not absent_date:
        # Its dates place the claim, unless one of them is a date the report does not name
        # ("na 2020 verlengd tot 2025"); a date is no part that holds beside a figure the
        # report does not give ("sinds 2017 een bonus van 2.500 euro").
        held = not missing
    separate = not _one_sentence(findings) or _coordinated(statement, findings)
    if held and (missing or (wrong and separate)):
        # One part holds; another is a figure the report does not give, or is contradicted by
        # another sentence (another statement), or the claim joins the two figures as two
        # statements ("700 basisscholen en 380 vmbo-scholen"). Otherwise, within one
        # sentence, a figure that holds beside a wrong one only places it: "in twee jaar
        # 1.854 leerkrachten" is not so.
        return "deels"
    if wrong:
        return "klopt_niet"
    if held and not any(f.aspect == "name" and f.status == "absent" for f in findings):
        return "klopt"
    # Nothing holds, or a name or place the claim states is not in the passage that holds
    # the rest: the report does not state it of that name.
    return "niet_in_rapport"


_COORDINATOR = re.compile(rf"\b(?:en|maar(?!\s+{NUMBER})|terwijl|daarnaast|plus|waarvan|tegen)\b|,")
""""maar 12 cursussen" says "only 12": no second statement; a comma or "tegen" between the
two figures joins two ("6.513, goed voor een aandeel van 31 procent", "180 havo/vwo-scholen
..., tegen 480 vmbo-scholen")."""


def _coordinated(statement: str, findings: list[Finding]) -> bool:
    """Whether the claim joins a figure that holds and one contradicted with "en", "maar",
    "terwijl" ...: two statements, not one figure placing the other."""

    def at(status: str) -> list[int]:
        return [
            statement.find(f.claim_value)
            for f in findings
            if f.status == status and f.aspect in FIGURES and f.claim_value
        ]

    held, wrong = [i for i in at("supported") if i >= 0], [i for i in at("contradicted") if i >= 0]
    joins = [m.start() for m in _COORDINATOR.finditer(statement)]
    return any(min(a, b) < j < max(a, b) for a in held for b in wrong for j in joins)


def _same_day(finding: Finding) -> bool:
    """A date contradicted by the report's of the same day and month in another year ("16
    november 2015" where it has "16 november 2016"): the same event, dated wrongly."""
    if finding.status != "contradicted":
        return False
    claimed, stated = quantities(finding.claim_value or ""), quantities(finding.report_value or "")
    if not claimed or not stated or claimed[0].day_month is None:
        return False
    return claimed[0].day_month[0] > 0 and claimed[0].day_month == stated[0].day_month


def _one_sentence(findings: list[Finding]) -> bool:
    """Whether the figures that hold and those contradicted are read in one sentence."""
    quotes = {
        (f.quote.hit_id, f.quote.start)
        for f in findings
        if f.quote is not None and f.status != "absent" and f.aspect in (*FIGURES, "date")
    }
    return len(quotes) == 1
