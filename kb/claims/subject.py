"""Whether a report value speaks of the claim's subject: the words around it, what it counts,
how precisely a date is named, and the school type or ambition it belongs to.

The claim check (kb.claims.verdict) compares a claimed value with the report's values of the
same kind in the sentences about the claim; these functions weigh which of them is the one the
claim speaks of, and leave out those about something else (a 2020 ambition, another school
type), so that "klopt niet" needs the same subject.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kb.analyser import analyse, fold
from kb.claims.coverage import SHORT_FORMS
from kb.claims.dates import precision
from kb.claims.quantities import NUMBER, Quantity, named_year
from kb.sentence_store import SentenceStore

DATE_ALIKE = 0.6
"""Weight of a date as precise as the claim's (a month against a month) when choosing the
report's value to compare with: more than a fit (0.5), so that a year range that merely
contains the claim's year does not decide a claim about a month."""
MONTH_ALIKE = 0.3
"""Added when the month is the claim's too ("december 2015" against "december 2016")."""
UNIT_ALIKE = 0.5
"""Weight of a count of the same thing ("300 duizend deelnemers" for "drie miljoen
deelnemers") when choosing the report's value to compare with."""
_AMBITION = re.compile(
    r"\b(?:ambitie\w*|streven|streef\w*|doel is|in 2020|moet|moeten|zou|zouden)\b"
)
_WANTS = re.compile(r"\b(?:wil|willen|wilde|wilden|beoogt|beogen|mikt|mikken)\b")
"""A claim that says what someone wants ("het Techniekpact wil dat de helft ...") is about an
ambition too (only the claim's words: "het programma wil kinderen ..." states no ambition)."""
_SCHOOLS = frozenset(
    ["vmbo", "havo", "vwo", "mbo", "hbo", "wo", "pabo", "po", "vo", "bb", "kb", "gl", "tl", "bol"]
)

_WRITTEN_OUT = [
    (short, re.compile(rf"\b{re.escape(fold(words))}\b"))
    for short, words in (*SHORT_FORMS, ("po", "basisonderwijs"))
    if short in _SCHOOLS
]
"""The school sectors written out ("in het voortgezet onderwijs": "vo"), as the coverage reads
them, and "basisonderwijs"."""
_LEERWEG_TYPES = frozenset(["bb", "kb", "gl", "tl"])
_UMBRELLAS = {"vmbo": _LEERWEG_TYPES, "vo": _LEERWEG_TYPES | {"vmbo", "havo", "vwo"}}
"""School types that hold others ("vmbo" holds "bb", "kb", "gl", "tl"); "vo" does not hold the
"hbo" or "wo" of its teachers' masters."""


def alike(claimed: Quantity, stated: Quantity) -> float:
    """A date named as precisely as the claim's is the one it speaks of: "juli 2015" stands
    against "juli 2016", not against "2015-2016" in the same sentence."""
    if claimed.kind != "date" or precision(claimed) == "year":
        return 0.0
    if precision(claimed) != precision(stated):
        return 0.0
    months = claimed.day_month, stated.day_month
    same_month = months[0] is not None and months[1] is not None and months[0][1] == months[1][1]
    return DATE_ALIKE + (MONTH_ALIKE if same_month else 0.0)


def same_unit(claim: str, claimed: Quantity, sentence: str, stated: Quantity) -> bool:
    """Whether two counts count the same thing, by the words right after each ("1354
    leerkrachten", "1.854 leerkrachten"; a compound counts: "trainees", "onderwijstrainees")."""
    if claimed.kind != "count" or stated.kind != "count":
        return False
    ours, theirs = _unit(claim, claimed), _unit(sentence, stated)
    ours, theirs = [_ALIKE.get(t, t) for t in ours], [_ALIKE.get(t, t) for t in theirs]
    return any(a == b or a.endswith(b) or b.endswith(a) for a in ours for b in theirs)


_ALIKE = {"diplomeer": "diploma", "slaag": "diploma"}
"""Stems that count the same thing: "16.935 leerlingen een diploma" and "19.635
gediplomeerden" (or "geslaagden")."""


def other_unit(claim: str, claimed: Quantity, sentence: str, stated: Quantity) -> bool:
    """Whether two counts count different things: both name what they count and no word of
    it is alike ("200 technici" against "21 regionale netwerken", "40 medewerkers" against
    "vier steden"). A count of something else never contradicts the claim's."""
    if claimed.kind != "count" or stated.kind != "count":
        return False
    ours, theirs = _unit(claim, claimed), _unit(sentence, stated)
    return bool(ours and theirs) and not same_unit(claim, claimed, sentence, stated)


def _unit(text: str, quantity: Quantity) -> list[str]:
    """The stemmed words right after a count, up to three and up to a comma ("38 trainees",
    "13 onbekostigde centres"). A part counts what its whole counts: "zes van de goedgekeurde
    kwalificaties" counts "goedgekeurde kwalificaties", the "vier" of "acht cross-over
    kwalificaties goedgekeurd, waarvan er vier" counts what "acht" counts."""
    rest = text[quantity.end :]
    if whole := _WHOLE_BEFORE.match(text[: quantity.start]):
        rest = text[whole.end(1) :]
    elif fronted := _WHOLE_FRONTED.search(text[: quantity.start]):
        rest = " " + fronted.group(1)
    rest = _PART_OF.sub("", rest, count=1)
    after = re.match(r"(?:\s+[^\W\d][\w'’-]*){1,3}", rest)
    words = after.group(0) if after else ""
    if times := _TIMES.match(quantity.text):
        # "4x per jaar" counts times, as "twee keer per jaar" does.
        words = f"keer {times.group(1)} {words}"
    return [t for t in analyse(words) if len(t) >= 4]


_TIMES = re.compile(r"\d+\s*x\b(.*)")
_PART_OF = re.compile(
    rf"^\s+van\s+(?:de|het|die|deze|alle)(?:\s+(?:{NUMBER}))?(?=\s)", re.IGNORECASE
)
"""A part named before its whole: "zes van de goedgekeurde kwalificaties", "de eerste twaalf
van de 76 sectorplannen"."""
_WHOLE_BEFORE = re.compile(
    rf".*\b({NUMBER})[^,;.]{{3,80}},\s+waarvan\s+(?:er\s+)?$", re.IGNORECASE | re.DOTALL
)
"""The whole a part is of, before "waarvan (er)": "acht ... goedgekeurd, waarvan er vier"."""
_WHOLE_FRONTED = re.compile(
    rf"(?:^|[,;:]\s*|\bdat\s+)van\s+(?:de|het|die|deze|alle)\s+(?:(?:{NUMBER})\s+)?"
    r"([^\W\d][\w'’-]*(?:\s+(?!(?:zijn|waren|worden|werden|is|was|hebben|heeft|er)\b)"
    r"[^\W\d][\w'’-]*)?)(?:\s+[^\W\d][\w'’-]*){0,3}\s+$",
    re.IGNORECASE,
)
"""The whole a part is of, before it: "Van de 76 sectorplannen zijn er inmiddels twintig"
counts sectorplannen."""
_WHOLE_AFTER = re.compile(r"^[^,;.]{3,80},\s+waarvan\s", re.IGNORECASE)


def whole_not_part(claim: str, claimed: Quantity, sentence: str, stated: Quantity) -> bool:
    """Whether the report states the whole where the claim names a part of it: "zes van de
    goedgekeurde kwalificaties" is no count of all "acht ... goedgekeurd, waarvan er vier"."""
    if claimed.kind != "count" or stated.kind != "count":
        return False
    part = bool(_PART_OF.match(claim[claimed.end :]))
    return part and bool(_WHOLE_AFTER.match(sentence[stated.end :]))


def other_thing(
    claim: str, sentence: str, stated: Quantity, claimed_value: Quantity | None = None
) -> bool:
    """A value that is about something else than the claim: a 2020 ambition for a claim about
    today, a figure for another school type ("hbo" claimed, "wo" stated), or the year of the
    pact's name ("Nationaal Techniekpact 2020") for a date the claim gives (`claimed_value`),
    or the other way round; a claimed date relative to when the claim was written ("dit jaar")
    against one with a year (which year the claim means, it does not say; the report's "het
    afgelopen jaar" holds a claimed year, kb.claims.dates.same_date)."""
    if claimed_value is not None and named_year(sentence, stated) != named_year(
        claim, claimed_value
    ):
        return True
    if claimed_value is not None and relative(claimed_value) and not relative(stated):
        return True
    start = _part_start(sentence, stated.start, (",", ";", ":", "(", ")"))
    clause = sentence[start : _part_end(sentence, stated.end, (",", ";", ":", ")"))]
    if _AMBITION.search(fold(clause)) and not (
        _AMBITION.search(fold(claim)) or _WANTS.search(fold(claim))
    ):
        return True
    if _other_level(claim, sentence, stated):
        return True
    claimed = schools(claim)
    # A figure's school type is its own clause's ("Op de havo is het aandeel 43%, het aandeel op
    # het vwo ligt op 62%"), else that of the words around it, as for a date.
    own = schools(clause) if stated.kind != "date" else frozenset()
    around = own or schools(sentence[max(0, stated.start - 120) : stated.end + 60])
    return bool(claimed and around and not claimed & around)


_LEVEL = re.compile(r"\bniveaus?\s+(\d)((?:\s*(?:,|en|t/m|tot en met|-)\s*\d\b)*)")
"""An mbo level ("niveau 4", "niveau 2, 3 en 4", "niveau 2 t/m 4") and the levels after it."""


def levels(text: str) -> frozenset[int]:
    """The mbo levels a text names ("op niveau 3 en 4": 3 and 4; "niveau 2 t/m 4": 2 to 4)."""
    found: set[int] = set()
    for match in _LEVEL.finditer(fold(text)):
        numbers = [int(match.group(1)), *map(int, re.findall(r"\d", match.group(2)))]
        ranged = re.search(r"t/m|tot en met|-", match.group(2))
        found |= set(range(numbers[0], numbers[-1] + 1)) if ranged else set(numbers)
    return frozenset(found)


def _other_level(claim: str, sentence: str, stated: Quantity) -> bool:
    """A figure for another mbo level than the claim names: "op niveau 3 daar bedraagt het
    aandeel nu 29% en op niveau 4 is het aandeel stabiel gebleven op 32%" gives 29% for level
    3. A figure's level is the last one named before it in its own part of the sentence
    (after a comma or "en op"), else none is held against it; a share in a sentence that names
    no level is of all levels ("ligt rond de 30%")."""
    claimed = levels(claim)
    if not claimed or stated.kind == "date":
        return False
    if stated.kind == "percent" and not levels(sentence):
        return True
    start = _part_start(sentence, stated.start, (",", ";", ":", " en op ", "("))
    own = levels(sentence[start : stated.start])
    return bool(own and not own & claimed)


def _part_start(text: str, at: int, marks: tuple[str, ...]) -> int:
    """Where the part of `text` that holds the position `at` begins: after the last of `marks`
    before it, else at the start."""
    return max(text.rfind(mark, 0, at) for mark in marks) + 1


def _part_end(text: str, at: int, marks: tuple[str, ...]) -> int:
    """Where the part of `text` that holds the position `at` ends: at the first of `marks`
    after it, else at the end."""
    return min((i for mark in marks if (i := text.find(mark, at)) >= 0), default=len(text))


def relative(quantity: Quantity) -> bool:
    """A date named relative to when it is written: "dit jaar", "vorig jaar", "deze zomer"."""
    return quantity.kind == "date" and not quantity.years and quantity.day_month is None


_OFFSET = (
    (re.compile(r"\b(?:dit|deze)\s+(?:jaar|zomer|voorjaar|najaar|winter|lente|herfst)\b"), 0),
    (re.compile(r"\bvorig\s+jaar\b"), -1),
    (re.compile(r"\bvolgend\s+jaar\b"), 1),
)
"""Dates a document names relative to its year, and how far from it ("het afgelopen jaar" is
none of them: this report says it of 2015-2016 and of 2016-2017)."""


def in_year(stated: Quantity, year: int | None) -> Quantity:
    """A date the report names relative to when it was written ("dit jaar", "deze zomer",
    "vorig jaar") with the year it means in a document of `year`; any other value as it is.
    "Deze zomer" in the report of 2017 does not hold a claim's "in 2016"."""
    if year is None or not relative(stated):
        return stated
    text = fold(stated.text)
    offset = next((shift for pattern, shift in _OFFSET if pattern.search(text)), None)
    if offset is None:
        return stated
    return replace(stated, years=frozenset({year + offset}))


def schools(text: str) -> frozenset[str]:
    """The school types a text names, the most specific only ("vmbo-kb": "kb", not "vmbo";
    "de theoretische leerweg": "tl")."""
    folded = fold(text)
    named = _named_schools(text) | {s for s, pattern in _LEERWEGEN if pattern.search(folded)}
    if "pabo" in named:
        named |= {"po"}  # the pabo trains the teachers of the primary school
    return frozenset(s for s in named if not named & _UMBRELLAS.get(s, frozenset()))


def overlap(store: SentenceStore, claimed: set[str], stated: set[str]) -> float:
    """The claim's clause words found in the report's clause (a compound counts: "trainees"
    in "onderwijstrainees"), weighted by IDF, in units of a rare word."""
    found = [
        t for t in claimed if t in stated or (len(t) >= 4 and any(s.endswith(t) for s in stated))
    ]
    return sum(store.idf(t) for t in found) / 8.0


def context(text: str, quantity: Quantity) -> set[str]:
    """The analysed words of the clause a value stands in, without the value."""
    start = _part_start(text, quantity.start, (",", ";", ":", " en ", "("))
    end = _part_end(text, quantity.end, (",", ";", ":", " en ", ")"))
    clause = text[start : quantity.start] + " " + text[quantity.end : end]
    return set(analyse(clause))


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*\b")


def swapped(claim: str, sentence: str) -> tuple[str, str] | None:
    """Another organisation or school type in the sentence where the claim names its own:
    an acronym the sentence lacks against one the claim lacks ("VNO-NCW" against "FME"), or
    school types ("havo, vwo" against "vmbo, mbo"). Returns (the claim's, the sentence's)."""
    # As named, umbrellas included: "vmbo" is not another school type than "vmbo-kb".
    ours, theirs = _named_schools(claim), _named_schools(sentence)
    held = {s for u in ours | theirs for s in _UMBRELLAS.get(u, frozenset())}
    # "het vwo" is of "het voortgezet onderwijs" (an umbrella holds its own).
    if ours and theirs and not ours & theirs and not (ours | theirs) & held:
        return ", ".join(sorted(ours)), ", ".join(sorted(theirs))
    # "de TU's" are the sentence's "4TU".
    claimed, stated = _acronyms(claim) - numbered_acronyms(sentence), _acronyms(sentence)
    # One acronym within the other ("IT" and "ICT") names the same field.
    inside = any(within(a, b) or within(b, a) for a in claimed for b in stated)
    if claimed - stated and stated - claimed and not claimed & stated and not inside:
        return ", ".join(sorted(claimed - stated)), ", ".join(sorted(stated - claimed))
    return None


_ATTACHED = re.compile(r"([\w.&-]+)\s*\(([^()]*)\)")
_CAPITALISED = re.compile(r"[A-Z][\w.&-]*\w")


def attached(claim: str, sentence: str) -> tuple[str, str] | None:
    """A name the claim joins to one name where the sentence puts it with another, in brackets:
    "Jet-Net (tot medio 2016 uitgevoerd door PBT) en TechNet (… door TechniekTalent.nu)" and
    the claim "TechNet werd uitgevoerd door PBT". Returns (the claim's, the sentence's)."""

    def named(text: str) -> bool:
        return bool(re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", claim))

    pairs = [(m.group(1), _CAPITALISED.findall(m.group(2))) for m in _ATTACHED.finditer(sentence)]
    for owner, inside in pairs:
        if not named(owner):
            continue
        for other, elsewhere in pairs:
            if other == owner or named(other):
                continue
            ours = [n for n in elsewhere if named(n) and n not in inside]
            theirs = [n for n in inside if not named(n)]
            if ours and theirs:
                return ours[0], ", ".join(theirs)
    return None


def within(short: str, long: str) -> bool:
    """An acronym within another: the same first and last letter, one letter more at most,
    the letters in order ("IT" within "ICT"; not "VO" within "VNO-NCW")."""
    if not short or not long or len(long) - len(short) > 1 or short[0] != long[0]:
        return False
    return short[-1] == long[-1] and in_order(short, long)


def in_order(letters: str, word: str) -> bool:
    """Whether `letters` stand in `word` in this order, others between ("it" in "ict")."""
    it = iter(word)
    return all(c in it for c in letters)


_LEERWEGEN = (
    ("tl", re.compile(r"\btheoretische\s+leerweg")),
    ("gl", re.compile(r"\bgemengde\s+leerweg")),
    ("kb", re.compile(r"\bkaderberoepsgerichte\b")),
    ("bb", re.compile(r"\bbasisberoepsgerichte\b")),
)
"""The vmbo's learning paths written out, as the report's short forms name them ("vmbo-tl")."""


_TRANSITION = re.compile(r"\b(?:po|vo|vmbo|mbo|havo|vwo|hbo)-(?:vo|ho|mbo|hbo|wo)\b")
"""Two school types joined as one name, of the step from one to the next ("de VO-HO-netwerken",
"vmbo-mbo"): the name of a programme, not a claim about either school type."""


def _named_schools(text: str) -> frozenset[str]:
    folded = _TRANSITION.sub(" ", fold(text))
    written = {short for short, pattern in _WRITTEN_OUT if pattern.search(folded)}
    if _UNIVERSITY.search(text):
        written.add("wo")
    if re.search(r"\bhavist(?:en|e)?\b", folded):
        written.add("havo")  # a "havist" is a havo pupil, as a "vwo'er" is a vwo pupil
    return _SCHOOLS & frozenset(re.findall(r"[a-z]+", folded)) | written


_UNIVERSITY = re.compile(
    r"\b(?:[Uu]niversitaire?|[Uu]niversiteiten|[Uu]niversiteit(?!\s+(?:van\s+)?[A-Z]))\b"
)
"""The universities as a school type ("universitaire studenten", "aan de universiteit"), not
one university by its name ("Universiteit Utrecht")."""


def numbered_acronyms(text: str) -> set[str]:
    """The letters of the acronyms after a number ("TU" of "4TU"), which `_ACRONYM` does not
    read as acronyms."""
    return set(re.findall(r"\b\d+([A-Z][A-Z0-9]+)\b", text))


def _acronyms(text: str) -> set[str]:
    """Acronyms that name an organisation: not a school type, not a Roman numeral ("VIII")."""
    return {
        a
        for a in _ACRONYM.findall(text)
        if a.lower() not in _SCHOOLS and not re.fullmatch(r"[IVXLC]+", a)
    }


def acronym_of(name: str, text: str, statement: str) -> bool:
    """Whether the passage names `name` by an acronym: the name's capitals spell one of the
    passage's ("Associate Degree", or "Associate degree" in the `statement`, and "AD"), or the
    name is an acronym inside one of the passage's ("IT" within "ICT", "TU" within "4TU")."""
    acronyms = [*_ACRONYM.findall(text), *numbered_acronyms(text)]
    capitals = "".join(w[0] for w in re.findall(r"\b[A-Z][a-z]+", name))
    if after := re.search(rf"\b{re.escape(name)}\s+([a-z])[a-z]{{3,}}\b", statement):
        capitals += after.group(1).upper()
    if len(capitals) >= 2 and capitals in acronyms:
        return True
    return bool(_ACRONYM.fullmatch(name)) and any(within(name, a) for a in acronyms)
