"""How long something runs, read from the dates the report gives for it.

The report seldom writes a duration that claims give: "Het experiment loopt van 1 juli 2016 tot
en met 30 juni 2019" is what a claim says as "het experiment loopt drie jaar". A claimed number
of years is held by such a range in the sentence that holds the claim's other values.

>>> years_between("Het experiment loopt van 1 juli 2016 tot en met 30 juni 2019.")
(3.0, 'van 1 juli 2016 tot en met 30 juni 2019')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.claims.dates import precision
from kb.claims.findings import FIGURES, Finding, Quote, Status
from kb.claims.quantities import Quantity, quantities

_RANGE = re.compile(
    r"\b(?:van|vanaf)\s+(?P<start>[\w ]{4,25}?)\s+(?P<join>tot\s+en\s+met|t/m|tot)\s+"
    r"(?P<end>(?:\d{1,2}\s+)?(?:[a-z]+\s+)?\d{4})",
)
_YEARS = re.compile(r"\s+(?:jaar|jaren)\b")
_MONTHS = re.compile(r"\s+maanden\b")
_HALF_YEARS = re.compile(r"\b(?:een\s+half|anderhalf)\s+jaar\b", re.IGNORECASE)
"""Half a year written out ("met een half jaar verlengd", "anderhalf jaar"), which a claim gives
in months ("zes maanden", "achttien maanden")."""
MARGIN = 0.1
"""Years a range may differ from the claimed number ("1 juli 2016 tot en met 30 juni 2019" is
three years)."""


def years_between(sentence: str) -> tuple[float, str] | None:
    """The years a range of dates in `sentence` spans ("van 1 juli 2016 tot en met 30 juni
    2019": 3.0), with the range as written; None without one."""
    match = _RANGE.search(sentence)
    if match is None:
        return None
    starts, ends = quantities(match.group("start")), quantities(match.group("end"))
    if len(starts) != 1 or len(ends) != 1 or starts[0].kind != "date" or ends[0].kind != "date":
        return None
    start, end = _moment(starts[0], first=True), _moment(ends[0], first=False)
    if start is None or end is None or end <= start:
        return None
    if match.group("join") == "tot" and precision(ends[0]) == "year":
        end -= 1.0  # "van 2016 tot 2019": up to the start of 2019
    return round(end - start, 2), match.group(0)


def _moment(date: Quantity, *, first: bool) -> float | None:
    """A date as a year with its fraction: the start of its month (or year) when `first`,
    else its end ("30 juni 2019": 2019.5)."""
    if len(date.years) != 1:
        return None
    [year] = date.years
    if date.day_month is None:
        return float(year) if first else year + 1.0
    month = date.day_month[1]
    return year + (month - 1) / 12 if first else year + month / 12


def lasting(
    statement: str, claimed: Sequence[Quantity], findings: list[Finding], best: Quote
) -> list[Finding]:
    """`findings` with a claimed number of years ("loopt drie jaar") read against the range of
    dates the report gives instead, in the sentence that holds the claim's other values: held
    when the range is that long, else contradicted when nothing else was compared with it.
    Half a year written out ("met een half jaar verlengd") is read in that sentence, or else in
    `best`, the sentence most about the claim."""
    quotes = [f.quote for f in findings if f.quote is not None and f.status == "supported"]
    return [_held(statement, claimed, finding, quotes, best) or finding for finding in findings]


def _held(
    statement: str, claimed: Sequence[Quantity], finding: Finding, quotes: list[Quote], best: Quote
) -> Finding | None:
    if finding.aspect not in FIGURES or finding.status == "supported":
        return None
    value = next((q for q in claimed if q.text == finding.claim_value), None)
    if value is None or value.kind != "count" or value.number is None:
        return None
    if _MONTHS.match(statement, value.end):
        return _in_months(value.number, finding, quotes or [best])
    if not _YEARS.match(statement, value.end):
        return None
    if halves := _in_months(value.number * 12, finding, quotes or [best]):
        return halves
    for quote in quotes:
        span = years_between(quote.text)
        if span is None:
            continue
        if abs(span[0] - value.number) <= MARGIN:
            return Finding(finding.aspect, "supported", finding.claim_value, span[1], quote)
        if finding.status == "absent":
            # The sentence that holds the claim's other values gives another length of time.
            return Finding(finding.aspect, "contradicted", finding.claim_value, span[1], quote)
    return None


def _in_months(months: float, finding: Finding, quotes: list[Quote]) -> Finding | None:
    """A claimed number of months ("met zes maanden verlengd", or "twee jaar" as 24) against the
    half years the sentence that holds the claim's other values writes out ("met een half jaar
    verlengd")."""
    for quote in quotes:
        said = _HALF_YEARS.search(quote.text)
        if said is None:
            continue
        years = 1.5 if said.group(0).lower().startswith("anderhalf") else 0.5
        status: Status = "supported" if abs(years * 12 - months) <= MARGIN else "contradicted"
        if status == "supported" or finding.status == "absent":
            return Finding(finding.aspect, status, finding.claim_value, said.group(0), quote)
    return None
