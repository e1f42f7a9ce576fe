"""Abbreviations of a passage's words: a claim's name the passage does not write, but
abbreviates ("Rif" of "Regionaal investeringsfonds"), is held by it (kb.claims.names)."""

from __future__ import annotations

import re
from collections.abc import Set

from kb.analyser import analyse
from kb.claims.subject import in_order


def abbreviated(name: str, text: str, held: Set[str]) -> bool:
    """Whether the words of `name` the passage lacks are abbreviations of words it has: "Rif"
    of "Regionaal investeringsfonds", "KWTO" of "Kenniscentrum Wetenschap & Technologie Oost"."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    lacking = [w for w in re.split(r"[\s-]+", name) if not set(analyse(w)) <= held]
    return bool(lacking) and all(
        3 <= len(w) <= 6
        and w[0].isupper()
        and any(_spells(w.lower(), words[i:]) for i in range(len(words)))
        for w in lacking
    )


def _spells(short: str, words: list[str], used: int = 0) -> bool:
    """Whether `short` is the initials of two or more first `words`, each word giving its first
    letter and maybe more of its own letters in order ("rif": "regionaal investeringsfonds")."""
    if not short:
        return used >= 2
    if not words or words[0][0] != short[0]:
        return False
    return any(
        in_order(short[1 : 1 + taken], words[0][1:])
        and _spells(short[1 + taken :], words[1:], used + 1)
        for taken in range(len(short))
    )
