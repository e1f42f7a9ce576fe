"""Text from outside: numbers typed in URLs and on the command line.

One parser for every whole number a reader can type (`?doel=9`, `?n=5`, `&zin=120-240`,
`--top-k 3`): ASCII digits only and a bounded length. `str.isdigit()` also accepts "²", "①"
and Arabic-Indic digits, which `int()` then rejects or reads as another number, and a number
of 5,000 digits hits Python's limit on converting long strings.
"""

from __future__ import annotations

MAX_DIGITS = 9


def whole_number(text: str | None, digits: int = MAX_DIGITS) -> int | None:
    """The whole number `text` spells in ASCII digits (surrounding spaces allowed), or None.

    >>> whole_number(" 9 "), whole_number("²"), whole_number("①"), whole_number("9" * 5000)
    (9, None, None, None)
    """
    if text is None:
        return None
    value = text.strip()
    if not value or len(value) > digits or not (value.isascii() and value.isdigit()):
        return None
    return int(value)
