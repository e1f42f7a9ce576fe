"""What the report says otherwise of a claim whose values (or words) it holds: in the sentence
that holds the claim, or in one beside it (kb.claims.verdict)."""

from __future__ import annotations

from collections.abc import Callable

from kb.analyser import analyse
from kb.claims.claim import Claim
from kb.claims.contrast import contrasts, hedged, labelled, planned
from kb.claims.coverage import opposites
from kb.claims.exclusive import exclusive
from kb.claims.findings import Finding, Quote
from kb.claims.names import NAME_SUPPORT
from kb.claims.wording import Scored, direction, negates_too, negations, quote_of, word_share
from kb.index import Hit
from kb.sentence_store import SentenceStore

MIN_BESIDE = 0.2
"""The IDF-weighted share of the claim's words a sentence beside the quoted one must hold to
say otherwise of the same thing."""
BESIDE = 1
"""How many sentences before or after the quoted one are read."""


def said_otherwise(
    store: SentenceStore,
    claim: Claim,
    query: str,
    findings: list[Finding],
    quote: Quote,
    share: float,
    hit: Hit,
) -> list[Finding]:
    """What the sentence that holds the claim (`share`: the share of its words that sentence
    holds, a word held also by its opposite) says otherwise: a negation on one side, another
    school level or ministry (read also when a name is missing from it, if it holds the rest
    of the claim), an opposite word, or "weinig" of what it simply gives; else a sentence
    beside it in the passage of `hit` (`beside`)."""
    held = any(f.status == "supported" for f in findings)
    # A word whose opposite the sentence says is held, as in the coverage bar: "theoretischer"
    # where the sentence says "praktischer" is about the same thing, the other way.
    turned = set(analyse(quote.text)) | opposites(query, quote.text)
    share = max(share, store.share(set(analyse(query)), turned))
    if any(f.status == "contradicted" for f in findings) or not (held or share >= NAME_SUPPORT):
        return []
    # Every finding holds: the claim's values (or words) are the report's, in a sentence
    # that may still deny what it says.
    holds = all(f.status == "supported" for f in findings)
    found = negations(claim, quote) if holds else []
    if claim.negated and negates_too(claim.statement, hit.chunk.text):
        # The passage says the claim's own negation in a sentence beside the one quoted
        # ("presteerden ... niet beter" after "twintig voorhoedescholen").
        found = []
    found = found or labelled(claim.statement, quote.text, quote)
    if not found and all(f.aspect == "statement" and f.status == "absent" for f in findings):
        # A claim in words that the answer step does not find stated, whose sentence holds
        # its words but one opposite ("het vmbo theoretischer" / "praktischer").
        found = contrasts(claim.statement, quote)
    if not found and holds:
        found = (
            contrasts(claim.statement, quote)
            or exclusive(claim.statement, quote)
            or hedged(claim.statement, quote)
            or planned(claim.statement, quote)
            or beside(store, claim, query, quote, hit)
        )
    if not found and held:
        # A value holds, the words do not: "... loopt tot en met 30 juni 2019 en staat
        # uitsluitend open voor voltijdstudenten" where the next sentence says "Dit geldt voor
        # het deeltijdonderwijs en het voltijdonderwijs" (in words of its own: any share).
        found = next(
            (
                f
                for q in [quote, *_near(store, query, quote, hit, 0.0)]
                if (f := exclusive(claim.statement, q))
            ),
            [],
        )
    return found


def beside(store: SentenceStore, claim: Claim, query: str, quote: Quote, hit: Hit) -> list[Finding]:
    """A sentence next to the quoted one in its passage that says the claim's own word negated
    ("presteerden de leerlingen ... niet beter" after the sentence with the twenty schools),
    its opposite ("de laatste" for "de eerste") or another direction ("stabiel gebleven" for
    "gestegen"), when it holds `MIN_BESIDE` of the claim's words."""
    near = _near(store, query, quote, hit)
    # The claim's own word negated says most plainly that it is not so; then an opposite word,
    # then another direction.
    readings: list[Callable[[Quote], list[Finding]]] = [
        lambda q: [f for f in negations(claim, q) if f.report_value and _own(claim, f)],
        lambda q: contrasts(claim.statement, q),
        lambda q: exclusive(claim.statement, q),
        lambda q: direction(claim, q),
    ]
    for said in readings:
        for quote_near in near:
            if found := said(quote_near):
                return found
    return []


def _near(
    store: SentenceStore, query: str, quote: Quote, hit: Hit, least: float = MIN_BESIDE
) -> list[Quote]:
    """The sentences `BESIDE` the quoted one in the passage of `hit` that hold `least` of the
    claim's words."""
    numbers = store.of_chunk(hit.chunk.id)
    at = next((n for n in numbers if store.sentences[n].start == quote.start), None)
    if at is None:
        return []
    return [
        quote_of(Scored(number, store.sentences[number], hit, 0.0))
        for number in numbers
        if number != at and abs(number - at) <= BESIDE and word_share(store, query, number) >= least
    ]


def _own(claim: Claim, finding: Finding) -> bool:
    """Whether the report negates a word the claim says ("niet beter" for "beter presteerden")."""
    word = (finding.report_value or "").split()[-1:]
    return bool(word) and word[0].lower() in claim.statement.lower().split()
