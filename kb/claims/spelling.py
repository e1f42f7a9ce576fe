"""Numbers written as one compound word ("zevenentachtig", "vierhonderd", "tienduizendste"),
read for the claim check's quantities (kb.claims.quantities)."""

from __future__ import annotations

from kb.answers.question import DUTCH_NUMBERS

_UNITS = {w: n for n, w in DUTCH_NUMBERS.items() if 1 <= n <= 9}
_BELOW_HUNDRED = {w: n for n, w in DUTCH_NUMBERS.items() if n < 100}
_TENS = {w: n for n, w in DUTCH_NUMBERS.items() if 20 <= n < 100}


def spelled(word: str) -> int | None:
    """A number written as one compound word: "zevenentachtig" 87, "vierhonderd" 400,
    "honderdduizend" 100000, "tweeëntwintig" 22; None for any other word."""
    word = word.lower()
    for scale, size in (("duizend", 1000), ("honderd", 100)):
        if scale in word:
            left, _, right = word.partition(scale)
            times = spelled(left) if left else 1
            rest = spelled(right) if right else 0
            if times is None or rest is None or times == 0 or rest >= size:
                return None
            return times * size + rest
    if word in _BELOW_HUNDRED:
        return _BELOW_HUNDRED[word]
    word = word.replace("ën", "en")
    for tens in _TENS:
        if word.endswith(tens) and word[: -len(tens)].endswith("en"):
            first = word[: -len(tens) - 2]
            return _UNITS[first] + _BELOW_HUNDRED[tens] if first in _UNITS else None
    return None


def spelled_and_half(word: str) -> float | None:
    """A number and a half written as one word: "zevenendertigenhalf" 37.5, "tweeënhalf" 2.5;
    None for any other word."""
    word = word.lower().replace("ën", "en")
    if not word.endswith("enhalf"):
        return None
    number = spelled(word[: -len("enhalf")])
    return number + 0.5 if number else None


def spelled_milestone(word: str) -> int | None:
    """ "de tienduizendste leerling": a how-manieth of a hundred or more, written as a word,
    is a count (10000), as "de 10.000e" is."""
    if not word.lower().endswith("ste"):
        return None
    number = spelled(word[:-3])
    return number if number is not None and number >= 100 else None
