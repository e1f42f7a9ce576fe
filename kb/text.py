"""Text at the edges: numbers typed in URLs and on the command line, and text to show.

One parser for every whole number a reader can type (`?doel=9`, `?n=5`, `&zin=120-240`,
`--top-k 3`): ASCII digits only and a bounded length. `str.isdigit()` also accepts "²", "①"
and Arabic-Indic digits, which `int()` then rejects or reads as another number, and a number
of 5,000 digits hits Python's limit on converting long strings.

A span copied from the report's text file can end in a word split at the line end ("ruim
17.000 scho-"), which the index holds joined ("scholingsvouchers"): `as_indexed` is the span as
the index's text holds it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_DIGITS = 9
_SPACES = re.compile(r"[ \t]+")


def as_indexed(span: str) -> str:
    """`span` as the index's text holds it: without the hyphen of a word split at its end (the
    word is joined there, or keeps a real hyphen, and either way starts with what is left), and
    with a run of spaces as one, since the index's text has no runs ("OTIB  en SER" in the raw
    report).

    >>> as_indexed("zijn door UWV ruim 17.000 scho-"), as_indexed("vmbo-leerlingen")
    ('zijn door UWV ruim 17.000 scho', 'vmbo-leerlingen')
    >>> as_indexed("OTIB  en SER Overijssel")
    'OTIB en SER Overijssel'
    """
    span = _SPACES.sub(" ", span)
    if len(span) > 1 and span.endswith("-") and span[-2].isalpha():
        return span[:-1]
    return span


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


@dataclass(frozen=True)
class Limited:
    """A question within the length limit, and a notice when it was cut."""

    text: str
    notice: str | None = None


def limit_question(question: str, max_chars: int) -> Limited:
    """The one length limit on a question, applied before any other work on it: by the app,
    by `kb ask`, by `Index.search` and `answer` (through `clean_question`), and by an API.

    A question over `max_chars` characters is cut after its last space in the final fifth (or
    hard at `max_chars`), with a notice. Only the length and one slice of the input are
    computed, so a megabyte costs no more than the limit: no cache, follow-up rule or stored
    vote ever holds more.

    >>> limit_question("a b " * 300, 1000).notice
    'The question is 1200 characters long; only its first 999 characters were searched.'
    """
    if len(question) <= max_chars:
        return Limited(question)
    cut = question[:max_chars]
    space = cut.rfind(" ")
    if space > max_chars * 0.8:
        cut = cut[:space]
    notice = (
        f"The question is {len(question)} characters long; only its first {len(cut)} "
        "characters were searched."
    )
    return Limited(cut, notice)
