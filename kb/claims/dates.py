"""Dates compared: how precisely a date names its time, and whether two dates can be the same
("eind juni 2019" and "30 juni 2019", "het voorjaar van 2017" and "maart 2017").

Used by `kb.claims.quantities.consistent()` for its values of kind "date".
"""

from __future__ import annotations

import re
from typing import Protocol

from kb.analyser import fold


class Dated(Protocol):
    """A date as `kb.claims.quantities.Quantity` reads it."""

    @property
    def text(self) -> str: ...

    @property
    def years(self) -> frozenset[int]: ...

    @property
    def day_month(self) -> tuple[int, int] | None:
        """(day, month) of a date that names a month; day 0 when it names none."""


_SEASON = re.compile(r"\b(voorjaar|najaar|zomer|winter|begin|eind|medio|halverwege|half)\b")
_MIDDLE = {"half": "medio", "halverwege": "medio"}
"""Words for the middle of a year or month that mean "medio"."""
_PART_DAYS = {"begin": range(1, 11), "medio": range(10, 21), "eind": range(20, 32)}
"""The days of a month that "begin", "medio" and "eind" (of a month) cover."""
_SEASON_MONTHS = {
    "begin": range(1, 5), "voorjaar": range(3, 7), "medio": range(5, 9), "zomer": range(6, 10),
    "najaar": range(9, 13), "eind": range(9, 13), "winter": (12, 1, 2, 3),
}  # fmt: skip
"""The months that a part of a year covers ("eind 2017" is not "februari 2017")."""


def precision(quantity: Dated) -> str:
    """How precisely a date names its time: "day" ("16 november 2016"), "month" ("juli 2016"),
    "season" ("het voorjaar van 2017", "begin 2017") or "year" ("2016", "2015-2016")."""
    if quantity.day_month:
        return "day" if quantity.day_month[0] else "month"
    return "season" if _SEASON.search(fold(quantity.text)) else "year"


def same_date(claimed: Dated, stated: Dated) -> bool:
    """Whether a claimed date can be the stated one: the same years, month and day where both
    name them, and a part of a year ("eind 2017", "het voorjaar") that covers the other's
    month."""
    seasons = [_season(claimed), _season(stated)]
    if seasons[0] and seasons[1] and seasons[0] != seasons[1]:
        return False
    if claimed.years and stated.years and not claimed.years <= stated.years:
        return False
    if claimed.day_month and stated.day_month:
        (claim_day, claim_month), (stated_day, stated_month) = claimed.day_month, stated.day_month
        if claim_month != stated_month or (claim_day and stated_day and claim_day != stated_day):
            return False
    if not claimed.years and not claimed.day_month:
        return fold(claimed.text) in fold(stated.text)
    both_months = bool(claimed.day_month and stated.day_month)
    for season, other in ((seasons[0], stated), (seasons[1], claimed)):
        month = other.day_month[1] if other.day_month and not both_months else None
        if season and month and month not in _SEASON_MONTHS.get(season, range(1, 13)):
            return False
    if claimed.day_month and stated.day_month and not claimed.day_month[0]:
        # "begin februari" for "6 februari": the month, and the part of it the claim names.
        day = stated.day_month[0]
        return claimed.day_month[1] == stated.day_month[1] and (
            not day or day in _PART_DAYS.get(seasons[0] or "", range(1, 32))
        )
    return bool(claimed.years & stated.years) or claimed.day_month == stated.day_month


def _season(date: Dated) -> str | None:
    """The part of a year or month a date names ("voorjaar", "begin", "medio" for "half")."""
    match = _SEASON.search(fold(date.text))
    return _MIDDLE.get(match.group(0), match.group(0)) if match else None
