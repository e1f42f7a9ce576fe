"""The report value a claimed value is compared with, chosen by the fitted answer ranker.

A claimed value is a question about that value: "meer dan 500 talenten kregen een podium" asks
"Hoeveel talenten kregen een podium?". The answer ranker (kb.answers.decide, fitted on the
question bank) ranks every (sentence, value) candidate of the passages about the claim for that
question, so that the sentence and the value are chosen together by evidence weighed on
thousands of questions rather than by rules written from the claims. The claimed value is left
out of the question, so that a wrong number does not steer the choice; the claim's other values
stay in it ("in 2016-2017" asks for that year's figure).

`ranked()` gives the values of the claimed value's kind, best first, each with its ranker score;
kb.claims.verdict compares the claimed value with them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.parse import INLINE_URL, URL_LINE
from ingest.regions import Gazetteer
from kb.answers.candidates import candidates_of
from kb.answers.decide import decide
from kb.answers.model import AnswerModel
from kb.answers.question import QUESTION_TYPES, QuestionType, analyse_question
from kb.claims.claim import Claim
from kb.claims.dates import precision
from kb.claims.features import Comparison, gap
from kb.claims.findings import Finding, Status
from kb.claims.quantities import (
    Quantity,
    bound_of,
    consistent,
    milestone,
    quantities,
)
from kb.claims.subject import (
    UNIT_ALIKE,
    alike,
    context,
    in_year,
    other_thing,
    other_unit,
    overlap,
    same_unit,
    whole_not_part,
)
from kb.claims.wording import Scored, quote_of
from kb.embed import Vectors
from kb.index import Hit, Index
from kb.sentence_store import SentenceStore

ASKS: dict[str, str] = {
    "count": "Hoeveel",
    "amount": "Hoeveel geld",
    "percent": "Welk percentage",
    "date": "Wanneer",
}
"""How a question for a value of each kind starts."""
SUPPORT_MARGIN = 0.5
"""A value that fits the claim's supports it when the ranker scores it at most this far below
its best value of the kind: two values the ranker can hardly tell apart ("21%" and "24%" for
the vmbo-gl and the vmbo-tl) are both what the report says of the subject."""
PASSAGES = 5
"""Passages the answer step reads for a claim without values."""
CLOSER_MARGIN = 1.5
"""How far below the ranker's best sentence another may score and still give the value a claim
is compared with when the best sentence's does not fit it (`_closer`); 1.0 until session 18,
whose refitted ranker spreads its scores wider (at 1.5: 4 development claims right again, none
lost; at 2.5 three lost)."""
DATE_MARGIN = 2.5
"""`CLOSER_MARGIN` for a date as precise as a claimed month ("februari 2017" of "De
tussenevaluatie in februari 2017 ..." against "verscheen in september 2016", a sentence the
ranker puts 2.1 below the Rif's "van 2014 tot en met mei 2017"; session 24: 3 more development
claims show the report's date, no verdict changed)."""
MILESTONE_ALIKE = 2.0
"""Weight of a how-manieth ("de 10.000e leerling") against a claimed one ("de 20.000e"):
the same thing counted, whatever other words a sentence shares with the claim."""
CLOSER_GAIN = 0.3
"""How much more of the claim's clause (`clause` in `compared_with`) that other value must have."""
MIN_SCORE = -2.5
"""Below this ranker score the best value does not answer the claim's question: the report
does not give the value, and another value there does not contradict the claim."""


@dataclass(frozen=True)
class Evidence:
    """A report value of the claimed value's kind, with its sentence and ranker score."""

    score: float
    stated: Quantity
    number: int
    """The sentence's number in the sentence store."""
    hit: Hit


SAME_VALUE = 10.0
"""Weight of the claim's own value (of the same thing, or a date of the same month) among the
values of the sentence it is compared in: above any words the clauses share."""


def question(claim: Claim, claimed: Quantity) -> str:
    """The question a claimed value asks: the statement without that value, after the kind's
    question word ("Hoeveel de tweede ScienceMakers aan talenten een podium gaf?")."""
    text = claim.statement
    # The claim's other figures of the kind are left out too: the answer step never offers a
    # value the question names, and the report may give the same number of another thing
    # ("22 BedrijfsDOTs en 22 Cursussen" for "22 BedrijfsDOTs ... maar 12 cursussen").
    cut = [q for q in claim.quantities if q is claimed or q.kind == claimed.kind != "date"]
    for q in sorted(cut, key=lambda q: -q.start):
        text = text[: q.start] + text[q.end :]
    return f"{ASKS[claimed.kind]} {' '.join(text.split())}?"


def ranked(
    store: SentenceStore,
    model: AnswerModel,
    hits: Sequence[Hit],
    vector: Vectors,
    claim: Claim,
    claimed: Quantity,
    gazetteer: Gazetteer | None,
) -> list[Evidence]:
    """The report's values of `claimed`'s kind in the sentences of `hits`, best first by the
    answer ranker's score for the question `claimed` asks (`vector`: the claim's embedding
    without its values)."""
    kind: QuestionType = claimed.kind
    text = question(claim, claimed)
    types = {k: float(k == kind) for k in QUESTION_TYPES}
    info = dataclasses.replace(analyse_question(text), kind=kind)
    candidates, rows = candidates_of(store, hits, vector, info, types, gazetteer, periods=False)
    if not candidates:
        return []
    scores = model.ranker.scores(rows)
    found: list[Evidence] = []
    read: dict[int, list[Quantity]] = {}  # a sentence's quantities, read once
    for candidate, score in zip(candidates, scores, strict=True):
        value = candidate.value
        if value is None or candidate.kind != kind:
            continue
        if candidate.hit.chunk.kind == "voetnoot" and not info.wants_note:
            # A footnote names the sources (a Kamerstuk, the date of a letter): the report
            # states what a claim checks in its text, unless the claim is about a source.
            continue
        sentence = candidate.sentence.text
        if candidate.number not in read:
            read[candidate.number] = quantities(sentence)
        # A 2020 ambition for a claim about today, another school type's figure or the year
        # of the pact's name is about something else (kb.claims.subject); of a value read as
        # two ("het afgelopen jaar (2016-2017)"), the one about the claim's thing.
        stated = next(
            (
                q
                for q in read[candidate.number]
                if q.kind == kind
                and q.start < value.end
                and value.start < q.end
                and not other_thing(claim.statement, sentence, q, claimed)
                and not whole_not_part(claim.statement, claimed, sentence, q)
            ),
            None,
        )
        if stated is not None:
            if claimed.years:
                stated = in_year(stated, candidate.hit.chunk.year)
            found.append(Evidence(float(score), stated, candidate.number, candidate.hit))
    return sorted(found, key=lambda e: -e.score)


def chosen(
    claimed: Quantity,
    evidence: list[Evidence],
    others: Sequence[Quantity] = (),
    clause: Callable[[Evidence], float] = lambda e: 0.0,
    best: float | None = None,
    unit: Callable[[Evidence, Quantity], bool] = lambda e, q: False,
) -> tuple[Evidence | None, bool]:
    """The report value a claimed value is compared with, and whether it fits. The ranker's
    best sentence is the evidence; of its values, the one whose clause is most the claim's
    (`clause`: the words it shares with the claimed value's clause, what it counts, a date as
    precise) is
    compared, so that "38 onderwijstrainees ... OnderwijsTraineeship" and not "28 trainees
    ... Eerst de Klas" stands against "40 trainees via het OnderwijsTraineeship". A fitting
    value of another sentence within `SUPPORT_MARGIN` of the best also supports the claim.
    None when there is no value, or the best scores below `MIN_SCORE` (the report does not
    give it). A value that is one of the claim's `others` (its other values, bare years aside:
    they place the claim) and not this one is theirs: "in twee jaar ... meer dan 1.300
    leerkrachten" compares "twee" with "twee", not with "1354". `best`: the best score before
    values of other things were left out (whether the report answers the question at all);
    `unit`: whether a value counts what a claimed one counts (a value that counts what the
    claimed one counts and not what the other does is the claim's: "22 Cursussen" beside "22
    BedrijfsDOTs" for "22 BedrijfsDOTs ... maar 12 cursussen")."""

    def theirs(e: Evidence, other: Quantity) -> bool:
        mine = unit(e, claimed) and not unit(e, other)
        return consistent(other, e.stated) and not mine

    evidence = [
        e
        for e in evidence
        if consistent(claimed, e.stated)
        or not any(theirs(e, o) for o in others if o.kind == claimed.kind and by_ranker(o))
    ]
    if not evidence or (evidence[0].score if best is None else best) < MIN_SCORE:
        return None, False
    top = evidence[0]
    own = max((e for e in evidence if e.number == top.number), key=lambda e: (clause(e), e.score))
    if supports(claimed, own.stated):
        return own, True
    fitting = next(
        (
            e
            for e in evidence
            if e.number != top.number
            and top.score - e.score <= SUPPORT_MARGIN
            and supports(claimed, e.stated)
        ),
        None,
    )
    if fitting is not None:
        return fitting, True
    placed = _in_passage(claimed, evidence, own)
    if placed is not None:
        return placed, True
    closer = _closer(claimed, evidence, top, own, clause)
    # A value of the claim's own clause that fits it states it ("jaarlijks €25 miljoen" a
    # sentence below "nogmaals €25 miljoen ... (in totaal €125 miljoen)").
    return closer, closer is not own and supports(claimed, closer.stated)


def _closer(
    claimed: Quantity,
    evidence: list[Evidence],
    top: Evidence,
    own: Evidence,
    clause: Callable[[Evidence], float],
) -> Evidence:
    """The report value a claim is compared with when its best sentence's does not fit: `own`
    (of the ranker's best sentence), unless a sentence the ranker scores within `CLOSER_MARGIN`
    of it has a value whose clause is clearly more the claim's (`CLOSER_GAIN`: a date as
    precise, a count of the same thing): "februari 2017" of "De tussenevaluatie in februari
    2017 ..." rather than the best sentence's "mei 2017" against "verscheen in februari 2016"."""
    near = [
        e for e in evidence if e.number != top.number and top.score - e.score <= _margin(claimed, e)
    ]
    if not near:
        return own
    if claimed.kind == "date" and precision(own.stated) == "year" != precision(claimed):
        # "medio 2018" against "Medio 2020 wordt het experiment geëvalueerd", not against the
        # "2015/2016" of the sentence before it: a date as precise as the claim's, in the
        # same passage.
        alike = [
            e
            for e in near
            if precision(e.stated) == precision(claimed) and e.hit.chunk.id == own.hit.chunk.id
        ]
        if alike:
            return max(alike, key=lambda e: e.score)
    other = max(near, key=lambda e: (clause(e), e.score))
    return other if clause(other) >= clause(own) + CLOSER_GAIN else own


def _margin(claimed: Quantity, e: Evidence) -> float:
    """How far below the best sentence `e`'s may score and still be compared (`_closer`)."""
    month = claimed.kind == "date" and precision(claimed) != "year"
    return DATE_MARGIN if month and precision(e.stated) == precision(claimed) else CLOSER_MARGIN


def _in_passage(claimed: Quantity, evidence: list[Evidence], own: Evidence) -> Evidence | None:
    """The claim's month, stated in the passage of the evidence in a sentence other than the
    one compared: "Sinds oktober 2016 ... in TecWijzer" where the passage says "In oktober 2016
    is TecWijzer gelanceerd" a sentence before the one the ranker chose."""
    if claimed.kind != "date" or precision(claimed) == "year":
        return None
    top = evidence[0]
    return next(
        (
            e
            for e in evidence
            if e.hit.chunk.id == top.hit.chunk.id
            and e.number != own.number
            and supports(claimed, e.stated)
        ),
        None,
    )


def supports(claimed: Quantity, stated: Quantity) -> bool:
    """Whether the report's value states the claimed one: it fits (approximations included),
    and a date names the claim's month or season when the claim names one ("2015-2016" does not
    state "juli 2015")."""
    if claimed.day_month is not None and stated.day_month is None:
        return False
    if claimed.kind == "date" and precision(claimed) == "season" and precision(stated) == "year":
        # "het najaar van 2017" is not stated by "2017-2018".
        return False
    return consistent(claimed, stated)


def shown(
    claim: str, claimed: Quantity, sentence: str, stated: Quantity, fits: bool
) -> tuple[str, str]:
    """The claimed value and the report's, as a verdict shows them: with the approximation or
    limit before each when they differ only there ("hoogstens 640" against "minimaal 640")."""
    if fits or claimed.number is None or claimed.number != stated.number:
        return claimed.text, stated.text
    ours, theirs = bound_of(claim, claimed.start)[1], bound_of(sentence, stated.start)[1]
    return claim[ours : claimed.end], sentence[theirs : stated.end]


def by_ranker(claimed: Quantity) -> bool:
    """Whether the answer ranker chooses the report value for `claimed`: every value but a
    bare year ("in 2016", "sinds 2014", "2016-2017"), which mostly places the statement in time
    rather than states it, and is compared in the sentence that holds the claim's other values
    (kb.claims.verdict)."""
    return claimed.kind != "date" or precision(claimed) != "year"


def compared_with(
    store: SentenceStore,
    claim: Claim,
    claimed: Quantity,
    around: set[str],
    evidence: list[Evidence],
) -> tuple[Finding, Comparison | None]:
    """The claim's value against the report value `chosen()` from `evidence` (`around`: the
    words of the claimed value's clause), and how it was chosen (None without one)."""
    others = [q for q in claim.quantities if q is not claimed]

    def clause(e: Evidence) -> float:
        return _clause_score(store, claim, claimed, around, e)

    # A count of another thing is not what the claim counts: it can neither contradict it
    # nor be the report's value for it (it may still state the claimed number, "ruim 19.600
    # leerlingen" of "19.635 geslaagden", but it holds no limit: "nog drie jaar" is not
    # "maximaal tien extra netwerken").
    best = evidence[0].score if evidence else None
    evidence = [
        e
        for e in evidence
        if (consistent(claimed, e.stated) and claimed.bound not in ("cap", "floor"))
        or not other_unit(claim.statement, claimed, store.sentences[e.number].text, e.stated)
    ]

    evidence = _untitled(store, claimed, evidence)

    def unit(e: Evidence, counted: Quantity) -> bool:
        return same_unit(claim.statement, counted, store.sentences[e.number].text, e.stated)

    pick, fits = chosen(claimed, evidence, others, clause, best, unit)
    if pick is None:
        return Finding(claimed.kind, "absent", claimed.text, None, None), None
    sentence = store.sentences[pick.number]
    scored = Scored(pick.number, sentence, pick.hit, pick.score)
    compared = Comparison(
        fits,
        pick.score,
        overlap(store, around, context(sentence.text, pick.stated)),
        same_unit(claim.statement, claimed, sentence.text, pick.stated),
        evidence.index(pick),
        min(gap(claimed, pick.stated), 3.0),
    )
    status: Status = "supported" if fits else "contradicted"
    ours, theirs = shown(claim.statement, claimed, sentence.text, pick.stated, fits)
    return Finding(claimed.kind, status, ours, theirs, quote_of(scored)), compared


def _clause_score(
    store: SentenceStore, claim: Claim, claimed: Quantity, around: set[str], e: Evidence
) -> float:
    """How much a report value's clause is the claimed value's (`around`: the words of the
    claimed value's clause): the words they share, a count of the same thing, a date as
    precise, the claim's own value, a how-manieth against a how-manieth."""
    text = store.sentences[e.number].text
    shared = overlap(store, around, context(text, e.stated))
    unit = same_unit(claim.statement, claimed, text, e.stated)
    dated = claimed.kind == "date" and precision(claimed) != "year"
    # The claim's own value of the same thing, or its month, in the sentence is the one
    # it speaks of: "dertien gemeenten en drie provincies" for "dertien gemeenten", "30
    # juni 2019" for "eind juni 2019" in "van 1 juli 2016 tot en met 30 juni 2019".
    # A bound ("ruim dertig") is met by many values; it names none of them ("38
    # onderwijstrainees" is not the "ruim dertig trainees via Eerst de Klas").
    named = dated or claimed.bound is None or claimed.number == e.stated.number
    same = (unit or dated) and named and supports(claimed, e.stated)
    # "de 20.000e leerling" against the report's "de 10.000e leerling", not its "negen".
    marked = milestone(claim.statement, claimed) and milestone(text, e.stated)
    return (
        shared
        + UNIT_ALIKE * unit
        + alike(claimed, e.stated)
        + SAME_VALUE * same
        + MILESTONE_ALIKE * marked
    )


_TITLE = re.compile(r"[‘“][^’”]{3,}[’”]")
"""A name in quotes: ‘Beleidskader subsidie bètatechniek-netwerken 2017-2020’."""


def _untitled(store: SentenceStore, claimed: Quantity, evidence: list[Evidence]) -> list[Evidence]:
    """`evidence` without the years in quoted titles when the claim names a month or season: a
    year in "‘Beleidskader subsidie bètatechniek-netwerken 2017-2020’, dat in juni 2017 ..."
    names the thing; it is not when the claim's month fell."""
    if claimed.kind != "date" or precision(claimed) == "year":
        return evidence
    return [e for e in evidence if not _titled(store.sentences[e.number].text, e.stated)]


def _titled(sentence: str, stated: Quantity) -> bool:
    """Whether a year (or a range of years) stands inside a quoted name in the sentence."""
    return precision(stated) == "year" and any(
        m.start() < stated.start and stated.end <= m.end() for m in _TITLE.finditer(sentence)
    )


def stating(
    index: Index,
    model: AnswerModel,
    claim: Claim,
    gazetteer: Gazetteer | None,
    hits: list[Hit] | None = None,
) -> Scored | None:
    """The sentence that states a claim without values, as the answer step finds it for the
    statement asked as a question (kb.answers.decide), in the passages `hits` when given (a
    part of a compound claim, in the passages found with what it is about); None when it
    would abstain (nothing in the report states it)."""
    text = claim.statement[:1].upper() + claim.statement[1:] + "?"
    decision = decide(index, model, text, None, PASSAGES, gazetteer, hits)
    if decision.abstain:
        return None
    # A footnote's bare web address ("www.mboraad.nl/publicaties/tekort-aan-techniekdocenten")
    # names a source; it states nothing a claim without one could be quoted against.
    sites = bool(INLINE_URL.search(claim.statement))
    first = next(
        (
            i
            for i in decision.order
            if sites or not URL_LINE.match(decision.candidates[i].sentence.text)
        ),
        None,
    )
    if first is None:
        return None
    best = decision.candidates[first]
    return Scored(best.number, best.sentence, best.hit, float(decision.scores[first]))
