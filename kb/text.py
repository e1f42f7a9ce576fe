"""Text at the edges: numbers typed in URLs and on the command line, and text to show.

One parser for every whole number a reader can type (`?doel=9`, `?n=5`, `&zin=120-240`,
`--top-k 3`): ASCII digits only and a bounded length. `str.isdigit()` also accepts "²", "①"
and Arabic-Indic digits, which `int()` then rejects or reads as another number, and a number
of 5,000 digits hits Python's limit on converting long strings.
"""

from __future__ import annotations

import unicodedata

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


_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown(text: str) -> str:
    """`text` safe to show on a terminal or a page: control characters (ANSI and OSC escape
    sequences start with one) and bidirectional overrides left out, line breaks and tabs
    kept. A right-to-left override would show a quote reversed; an escape sequence can clear
    a terminal or set its title.

    >>> shown("a\\x1b[2Jb\\u202ec\\n")
    'a[2Jbc\\n'
    """
    return "".join(
        c
        for c in text
        if c in "\n\t" or (c not in _BIDI and unicodedata.category(c) not in ("Cc", "Cs"))
    )
