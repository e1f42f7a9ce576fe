"""The claim's value against the report's values of its kind: in the sentences about what it is
about (the window), chosen by the answer ranker's evidence, the fitted chooser or by hand."""

from __future__ import annotations

from kb.claims.claim import Claim
from kb.claims.evidence import Evidence, compared_with, shown
from kb.claims.features import Choice, Comparison, gap
from kb.claims.findings import Finding, Status
from kb.claims.model import ValueChooser
from kb.claims.quantities import Quantity, consistent
from kb.claims.shares import in_words
from kb.claims.subject import (
    UNIT_ALIKE,
    alike,
    context,
    in_year,
    other_thing,
    overlap,
    same_unit,
)
from kb.claims.wording import Scored, quote_of
from kb.sentence_store import SentenceStore

MIN_CONTEXT = 0.0
"""A value contradicts the claim's only when its clause shares words with the claim's clause
(in units of a rare word, less a penalty for a lower-ranked sentence)."""


def compare(
    store: SentenceStore,
    claimed: Quantity,
    claim: Claim,
    window: list[tuple[Scored, list[Quantity]]],
    chooser: ValueChooser | None,
    evidence: list[Evidence] | None = None,
) -> tuple[Finding, Comparison | None, Choice]:
    """The claim's value against the values of its kind in the sentences about its subject
    (`window`: the best sentences with their values, read once per claim); how the report's
    value it was compared with was chosen (None when there was none), by the answer ranker
    (`evidence`, kb.claims.evidence), the fitted `chooser` or else by hand; and the values it
    could be compared with."""
    around = context(claim.statement, claimed)
    top = window[0][0].score
    candidates: list[tuple[Quantity, Scored, tuple[float, ...]]] = []
    for position, (scored, values) in enumerate(window):
        for value in values:
            # The report's "deze zomer" is a year of its own against a claimed "in 2016".
            stated = in_year(value, scored.hit.chunk.year) if claimed.years else value
            if stated.kind != claimed.kind or other_thing(
                claim.statement, scored.sentence.text, stated, claimed
            ):
                continue
            if _theirs(claim, claimed, stated):
                continue
            row: tuple[float, ...] = (
                overlap(store, around, context(scored.sentence.text, stated)),
                float(consistent(claimed, stated)),
                alike(claimed, stated),
                float(same_unit(claim.statement, claimed, scored.sentence.text, stated)),
                top - scored.score,
                float(position),
                min(gap(claimed, stated), 3.0),
            )
            candidates.append((stated, scored, row))
    choice = Choice(claimed.text, tuple((q.text, s.sentence.text, r) for q, s, r in candidates))
    if evidence is not None:
        found, compared = compared_with(store, claim, claimed, around, evidence)
        held = in_words(claimed, window) if found.status == "absent" else None
        return held or found, compared, choice
    if not candidates:
        return Finding(claimed.kind, "absent", claimed.text, None, None), None, choice
    keys = [chooser.key(r) if chooser else hand_key(r) for _, _, r in candidates]
    best = max(range(len(keys)), key=lambda i: keys[i])
    stated, scored, chosen = candidates[best]
    compared = Comparison(
        bool(chosen[1]), keys[best], chosen[0], bool(chosen[3]), int(chosen[5]), chosen[6]
    )
    status: Status = "supported" if compared.fits else "contradicted"
    if status == "contradicted" and keys[best] < (chooser.threshold if chooser else MIN_CONTEXT):
        # Another value in a sentence about something else: the report does not say.
        return Finding(claimed.kind, "absent", claimed.text, None, None), compared, choice
    ours, theirs = shown(claim.statement, claimed, scored.sentence.text, stated, compared.fits)
    found = Finding(claimed.kind, status, ours, theirs, quote_of(scored))
    return found, compared, choice


def _theirs(claim: Claim, claimed: Quantity, stated: Quantity) -> bool:
    """Whether a report value is another claimed value's and not this one's: "16 november
    2016" is the date of "op 16 november 2016 ... aankondigde", not one to hold against "ook
    in 2017" of the same claim (the sentence before says "ook in 2017")."""
    return not consistent(claimed, stated) and any(
        other is not claimed and other.kind == stated.kind and consistent(other, stated)
        for other in claim.quantities
    )


def hand_key(row: tuple[float, ...]) -> float:
    """The hand-set choice of the report's value (`VALUE_FEATURES`): shared words, a fit, a
    date as precise and the same unit count for it; a lower sentence against it. A
    contradiction below `MIN_CONTEXT` is taken to be about something else."""
    shared, fits, alike_date, unit, drop, position, _ = row
    fit = 0.5 if fits else 0.0
    return shared + fit + alike_date + UNIT_ALIKE * unit - drop * 4 - 0.05 * position


__all__ = ["MIN_CONTEXT", "compare", "hand_key"]
