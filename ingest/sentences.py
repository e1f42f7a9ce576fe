"""Dutch sentence splitting that knows the report's abbreviations ("o.a.", "bijv.", "m.b.t.")."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    {
        "o.a",
        "bijv",
        "bv",
        "m.b.t",
        "c.s",
        "jl",
        "ca",
        "nr",
        "nrs",
        "d.w.z",
        "e.d",
        "enz",
        "i.p.v",
        "t.a.v",
        "t.b.v",
        "m.u.v",
        "o.m",
        "z.g.a.n",
        "vs",
        "resp",
        "incl",
        "excl",
        "min",
        "mln",
        "mld",
        "mr",
        "dr",
        "drs",
        "ir",
        "ing",
        "prof",
        "dhr",
        "mevr",
        "st",
        "t/m",
        "blz",
        "art",
        "e.a",
        "i.s.m",
        "a.s",
        "z.s.m",
        "p.p",
        "ong",
        "evt",
        "etc",
    }
)
"""Words that end in a period without ending the sentence (lower case, final period left off)."""

# A sentence ends at ".", "!" or "?" (with closing quotes or brackets after it), followed by
# white space and a capital, digit, quote or bullet; or at a line break (list items).
_BOUNDARY = re.compile(r"([.!?][”’\"')]*)(\s+)(?=[A-ZÀ-Ý0-9“‘\"'(€→›•-]|,,)|(\n)")
_LAST_WORD = re.compile(r"(\S+)$")
_LOOK_BACK = 40


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in `text`, each stripped of surrounding space.

    >>> text = "Dat zijn o.a. scholen. Het gaat goed."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Dat zijn o.a. scholen.', 'Het gaat goed.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(3) is None:
            # Only the last word matters, and an abbreviation is short: looking back a bounded
            # stretch keeps a text of a million initials ("J. Jansen") linear.
            word = _LAST_WORD.search(text[max(start, match.start(1) - _LOOK_BACK) : match.start(1)])
            if word and _is_abbreviation(word.group(1)):
                continue
            end = match.end(1)
        else:
            end = match.start(3)
        _add(text, start, end, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _is_abbreviation(word: str) -> bool:
    bare = word.lstrip("(“‘\"'").lower()
    return bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    if not piece.strip():
        return
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    spans.append((start + lead, end - trail))
