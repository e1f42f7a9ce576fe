"""A claim about a subject the report never gives a figure for, or never names: a figure of a
passage that does not name the claim's subject speaks of something else, and a name never
contradicts a claim about a term the report never writes (kb.claims.verdict)."""

from __future__ import annotations

from collections.abc import Set

from kb.claims.claim import Claim
from kb.claims.findings import FIGURES, Finding
from kb.claims.keywords import unwritten_term
from kb.claims.names import MIN_PREFIX, name_terms
from kb.sentence_store import SentenceStore


def about_another(store: SentenceStore, findings: list[Finding]) -> list[Finding]:
    """The findings, with a figure contradicted by a passage that never names what the claim is
    about read as absent: when the claim names something the passage lacks and nothing else
    holds, that passage speaks of another subject ("de Rabobank draagt jaarlijks 2 miljoen
    bij" against OCW's "jaarlijks €25 miljoen"), and the report gives no figure for the claim's."""
    absent = [
        name
        for f in findings
        if f.aspect == "name" and f.status == "absent" and f.claim_value
        for name in f.claim_value.split(", ")
    ]
    if not absent or any(f.status == "supported" for f in findings):
        return findings

    def elsewhere(finding: Finding) -> bool:
        if finding.quote is None or finding.status != "contradicted":
            return False
        if finding.aspect not in (*FIGURES, "date"):
            return False
        held = store.part_terms(finding.quote.hit_id)
        return not any(all(_holds(held, t) for t in name_terms(name)) for name in absent)

    return [
        Finding(f.aspect, "absent", f.claim_value, None, None) if elsewhere(f) else f
        for f in findings
    ]


def about_unwritten(store: SentenceStore, claim: Claim, findings: list[Finding]) -> list[Finding]:
    """The findings, with no name contradicting a claim about a term the report never writes
    ("een numerus fixus" at the TU Delft, against "FME" in the sentence): the report does not
    speak of it."""
    if not any(f.aspect == "name" and f.status == "contradicted" for f in findings):
        return findings
    if unwritten_term(store, claim.statement) is None:
        return findings
    return [
        Finding(f.aspect, "absent", f.claim_value, None, None)
        if f.aspect == "name" and f.status == "contradicted"
        else f
        for f in findings
    ]


def _holds(held: Set[str], term: str) -> bool:
    """Whether a passage's terms hold a word, or a word it begins ("Overijssel" for
    "Overijsselse") or that begins it, from MIN_PREFIX letters on."""
    if term in held:
        return True
    return any(
        len(h) >= MIN_PREFIX
        and len(term) >= MIN_PREFIX
        and (term.startswith(h) or h.startswith(term))
        for h in held
    )
