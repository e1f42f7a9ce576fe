"""How the parts of a compound claim are read (kb.claims.verdict): what a later part is about,
whether the claim is decided part by part and a part that refers back to one that is not so."""

from __future__ import annotations

import re

from kb.claims.claim import MIN_SAID_WORDS
from kb.claims.contrast import SECTORS, school_types, without_ministries
from kb.claims.features import Reading
from kb.claims.findings import Finding, Verdict, combined
from kb.claims.quantities import quantities


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


def part_by_part(
    split: list[str], whole: Reading, parts: list[Reading]
) -> tuple[Verdict, list[Finding]]:
    """The verdict of a compound claim decided part by part, with the parts' findings. When
    each part holds on its own but the whole claim, read in one sentence, is contradicted
    there ("samen met de MBO-Raad en VHTO" for "... met de MBO-Raad en de VO-raad", a part
    found held by another sentence that names both), one part is not so: "deels", with the
    sentence's value shown. A part the report does not state, where the whole claim read at
    once is contradicted ("... en staat uitsluitend open voor voltijdstudenten" against "Dit
    geldt voor het deeltijdonderwijs en het voltijdonderwijs"), shows that contradiction."""
    verdict = combined(read_back(split, [part.verdict for part in parts]))
    findings = [f for part in parts for f in part.findings]
    wrong = [f for f in whole.findings if f.status == "contradicted"]
    if verdict == "klopt" and wrong:
        return "deels", [*wrong, *findings]
    if verdict == "deels" and not any(f.status == "contradicted" for f in findings):
        return verdict, [*wrong, *findings]
    return verdict, findings


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


_BACK_TO = re.compile(
    r"\b(?:dit|deze|hun|hiermee|daarmee|hierbij|daarbij)\b"
    r"|^(?:\S+\s+){1,3}(?:moet|moeten|zal|zullen|is|zijn)\s+dat\b"
    r"|^(?!(?:met|uit|tot|niet|want|net|ruim)\b)(?:\w{2,}t|is|was)\s+(?:het|dat|dit|ze|zij)\s",
    re.IGNORECASE,
)
"""A later part that refers back to the first ("daarmee", "in 2020 moet dat de helft zijn",
"blijft het steken op 32 procent")."""
_PART_OF = re.compile(r"\b(?:hiervan|daarvan|waarvan)\b", re.IGNORECASE)
"""A later part that counts a part of the first ("87 daarvan"); with a figure only: "veel
daarvan zijn bruikbaar" says in words what a sentence of its own may hold."""


def subject_of(part: str, first: str) -> str:
    """What a later part of a compound claim is about when it names nothing itself: the names
    and school types of the first part ("Ans Hekkenberg ... en richt zich op meisjes in havo en
    vwo", "In het hbo begonnen 23.368 studenten, waarmee het aandeel ..."), or the whole first
    part when the later one refers back to it ("dit", "deze", "hun", "daarmee", "daarvan": "...
    ruim 200 leerroutes, en daarvan zijn er 87 technisch")."""
    if part == first:
        return ""
    if (
        _BACK_TO.search(part)
        or _ABOUT_IT.match(part)
        or (_PART_OF.search(part) and quantities(part))
    ):
        # "het streven is dat dit in 2020 de helft is", "het gaat om ruim vierhonderd
        # exemplaren", "in 2020 moet dat de helft zijn", "87 daarvan zijn technisch": what
        # "dit", "het" or "dat" stands for is the first part.
        return first
    if re.search(r"\b[A-Z][\w&-]+", without_ministries(part)[1:]):
        # A name of its own; a ministry is what the part says of its subject, not the subject
        # ("... en wordt mede mogelijk gemaakt door het ministerie van OCW").
        return ""
    names = re.findall(r"\b[A-Z][\w&-]+", first)
    # A sector ("naar middelbare scholen") says where, not whom the part is about.
    types = {k: v for k, v in school_types(first).items() if k not in SECTORS}
    schools = [] if school_types(part) else list(dict.fromkeys(types.values()))
    return " ".join([*names, *schools])
