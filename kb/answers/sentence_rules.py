"""Which sentence answers, when the best one points to another: rules on the answer's order
after the ranker, the figure rules and the memory (kb.answers.decide), each for one kind of
question (session 49).

- A "waarom" question whose best sentence draws a consequence ("Daarom ...") is answered by
  the cause before it (`cause_first`).
- A question for what a footnote gives is answered by the footnote the best sentence cites
  (`note_first`).
- A question for a web address is answered by an address of the same part of the report
  (`address_first`).

Each returns the candidate that answers instead of the best (which then follows it), or None;
only the order changes, never a score, so the abstention reads the same evidence. Measured on
every question set (README, session 49): each moved only answers that were wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.model import footnote_unit_id
from kb.answers.candidates import Candidate
from kb.answers.question import QuestionInfo
from kb.sentence_store import cited_footnotes


def sentence_rules(
    order: Sequence[int], candidates: Sequence[Candidate], info: QuestionInfo
) -> list[int]:
    """`order` (candidate indexes, one per sentence, best first) with the sentence the rules
    for `info`'s kind of question choose first."""
    if not order:
        return list(order)
    rules = [
        cause_first if info.why else None,
        note_first if info.wants_note else None,
        address_first if ADDRESS_ASKED.search(info.folded) else None,
    ]
    chosen = list(order)
    for rule in rules:
        found = rule(chosen, candidates) if rule is not None else None
        if found is not None and found != chosen[0]:
            chosen = [found, *(i for i in chosen if i != found)]
    return chosen


CONSEQUENCE = re.compile(r"\b(?:daarom|vandaar|hierom|om die reden|om deze reden)\b", re.IGNORECASE)
"""A sentence that draws a consequence from the one before it ("Daarom stimuleert de
provincie mobiliteit ...", "Vandaar dat het Calvijn College ... startte met de vakhavo")."""


def cause_first(order: Sequence[int], candidates: Sequence[Candidate]) -> int | None:
    """For a "waarom" question: when the best sentence draws a consequence (`CONSEQUENCE`), the
    sentence before it in the same passage, which gives the cause, answers, and the
    consequence follows it (session 49). "Waarom stimuleert de provincie Overijssel dat mensen
    van baan of sector wisselen?" is worded like "Daarom stimuleert de provincie mobiliteit
    ...", and answered by "Meer technici is een van de drie prioriteiten ..."."""
    best = candidates[order[0]]
    if not CONSEQUENCE.search(best.sentence.text):
        return None
    return next(
        (
            i
            for i in order
            if candidates[i].number == best.number - 1
            and candidates[i].hit.chunk.id == best.hit.chunk.id
        ),
        None,
    )


def note_first(order: Sequence[int], candidates: Sequence[Candidate]) -> int | None:
    """For a question that asks what a footnote gives (`QuestionInfo.wants_note`: a
    Kamerstuk, a source, the date of a letter): when the best sentence is no footnote but
    cites one, the footnote answers, and the sentence follows it (session 49). "kamerbrief
    evaluatie halverwege regionaal fonds mbo datum" is worded like "De tussenevaluatie10 in
    februari 2017 liet zien ...", and answered by footnote 10, "Kamerstuk 31524-310, brief
    OCW, 10 februari 2017."."""
    best = candidates[order[0]]
    chunk = best.hit.chunk
    if chunk.kind == "voetnoot":
        return None
    cited = cited_footnotes(chunk, best.sentence.start, best.sentence.end)
    notes = {footnote_unit_id(chunk.document, note.number) for note in cited}
    return next((i for i in order if candidates[i].hit.chunk.unit_id in notes), None)


ADDRESS_ASKED = re.compile(
    r"\bop welke (?:\w+ )?(?:site|website|webpagina)\b|\bwelke (?:site|website|webpagina)\b"
    r"|\bwat is (?:de|het) (?:\w+ )?(?:site|website|webadres|webpagina|internetadres|link|url)\b"
    r"|\bwebadres\w*|\binternetadres\w*|\blink\b|\burl\b|\bwaar is .* te vinden\b"
)
"""A question for a web address: "Op welke site kan ik ...?", "Wat is het webadres van ...?",
"link overzicht subsidies ..." (folded text)."""
_ADDRESS = re.compile(r"\bwww\.|https?://", re.IGNORECASE)


def address_first(order: Sequence[int], candidates: Sequence[Candidate]) -> int | None:
    """For a question that asks a web address (`ADDRESS_ASKED`): when the best sentence holds
    none, the best sentence that holds one in the same part of the report (its example or
    section, in any of its passages) or in a footnote it cites answers, and the best follows
    it (session 49). "Wat is het webadres van dat online overzicht ... voor Brabant en
    Limburg?" is worded like the example's first sentence, and answered by its address line,
    "www.arbeidsmarktdashboard.nl"."""
    if _ADDRESS.search(candidates[order[0]].sentence.text):
        return None
    best = candidates[order[0]].hit.chunk
    notes = (footnote_unit_id(best.document, note.number) for note in best.footnotes)
    units = {best.unit_id, *notes}
    return next(
        (
            i
            for i in order
            if candidates[i].hit.chunk.unit_id in units
            and _ADDRESS.search(candidates[i].sentence.text)
        ),
        None,
    )
