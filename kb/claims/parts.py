"""How the parts of a compound claim are read (kb.claims.verdict): what a later part is about,
whether the claim is decided part by part and a part that refers back to one that is not so."""

from __future__ import annotations

import re

from kb.claims.claim import MIN_SAID_WORDS
from kb.claims.contrast import school_types, without_ministries
from kb.claims.features import Reading
from kb.claims.findings import Verdict


def by_parts(split: list[str], whole: Reading, parts: list[Reading]) -> bool:
    """Whether a compound claim is decided part by part: each part found in the report, or one
    that holds. Not when a short part (a name with its noun: "... samen met mbo-instellingen en
    de lerarenopleiding van Saxion") is not found alone and the whole claim's sentence has
    another name in its place: then the claim is read whole."""
    found = [part.verdict != "niet_in_rapport" for part in parts]
    whole_otherwise = any(
        not held and len(text.split()) < MIN_SAID_WORDS
        for held, text in zip(found, split, strict=True)
    ) and any(f.aspect == "name" and f.status == "contradicted" for f in whole.findings)
    return not whole_otherwise and (all(found) or any(part.verdict == "klopt" for part in parts))


_BACK = re.compile(r"(?:dit|deze|daardoor|hierdoor|daarmee|hiermee|waardoor|waarmee)\b", re.I)


def read_back(split: list[str], verdicts: list[Verdict]) -> list[Verdict]:
    """The parts' verdicts, with a part that starts by referring back ("... is teruggelopen |
    dit levert nieuwe uitdagingen op") not so when what it refers to is not so: it says
    something of that."""
    read = list(verdicts)
    for i in range(1, len(read)):
        if _BACK.match(split[i]) and read[i - 1] == "klopt_niet" and read[i] == "klopt":
            read[i] = "klopt_niet"
    return read


_ABOUT_IT = re.compile(r"(?:het gaat\b|het betreft\b|dat (?:zijn|waren|is|was)\b)", re.I)
"""A part that starts by saying what the first part is ("het gaat in totaal om ...")."""


def subject_of(part: str, first: str) -> str:
    """What a later part of a compound claim is about when it names nothing itself: the names
    and school types of the first part ("Ans Hekkenberg ... en richt zich op meisjes in havo en
    vwo", "In het hbo begonnen 23.368 studenten, waarmee het aandeel ..."), or the whole first
    part when the later one refers back to it ("dit", "deze", "hun", "daarmee")."""
    if part == first:
        return ""
    if re.search(r"\b(?:dit|deze|hun|hiermee|daarmee|hierbij|daarbij)\b", part, re.IGNORECASE) or (
        _ABOUT_IT.match(part)
    ):
        # "het streven is dat dit in 2020 de helft is", "het gaat om ruim vierhonderd
        # exemplaren": what "dit" or "het" stands for is the first part.
        return first
    if re.search(r"\b[A-Z][\w&-]+", without_ministries(part)[1:]):
        # A name of its own; a ministry is what the part says of its subject, not the subject
        # ("... en wordt mede mogelijk gemaakt door het ministerie van OCW").
        return ""
    names = re.findall(r"\b[A-Z][\w&-]+", first)
    schools = [] if school_types(part) else list(dict.fromkeys(school_types(first).values()))
    return " ".join([*names, *schools])
