"""The report's own words for what a claim may say in others ("te weinig techniekdocenten" for
"een tekort aan techniekdocenten"): a claim the report seems not to speak of is read once more
in the report's words (kb.claims.verdict)."""

from __future__ import annotations

import re

REPORT_WORDS: tuple[tuple[str, str], ...] = (
    (r"te weinig", "een tekort aan"),
    (r"(?:een )?gebrek aan", "een tekort aan"),
    (r"(vak|techniek)?leraren", r"\1docenten"),
    (r"(vak|techniek)?leraar", r"\1docent"),
    (r"vier technische universiteiten", "4TU"),
    (r"aan de slag", "aan het werk"),
)
"""A claim's words (a pattern) and the report's for the same thing: the report writes of a
"tekort", of "docenten" beside "leraren", of "4TU" and of "aan het werk"."""

_PATTERNS = tuple(
    (re.compile(rf"\b{words}\b", re.IGNORECASE), report) for words, report in REPORT_WORDS
)


def in_report_words(text: str) -> str:
    """`text` with each of the claim's words the report says otherwise in the report's words.

    >>> in_report_words("Er zijn te weinig vakleraren techniek.")
    'Er zijn een tekort aan vakdocenten techniek.'
    """
    for pattern, report in _PATTERNS:
        text = pattern.sub(report, text)
    return text
