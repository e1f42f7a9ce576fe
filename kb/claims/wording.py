"""Reading a claim's words against a report sentence: its direction and negation, and
whether a sentence states a claim that has no values.

The claim check (kb.claims.verdict) ranks the sentences about a claim; these functions read the
claim's direction ("neemt af" against "wordt steeds groter") and negation in the best of them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kb.analyser import analyse, fold
from kb.answers.answer import source_of
from kb.claims.claim import Claim, direction_of, direction_words, negated, negation_words
from kb.claims.contrast import PARTICLES, Pairs, labels, opposed
from kb.claims.findings import Finding, Quote, Status
from kb.claims.keywords import unsaid
from kb.embed import Embedder, Vectors
from kb.index import Hit
from kb.sentence_store import Sentence, SentenceStore

MIN_SUPPORT = 0.3
"""For a claim without values: the share of its words the best sentence must hold to state it."""
MIN_OWN_SUPPORT = 0.2
"""A sentence holding less of a claim's words than `MIN_SUPPORT` (but this much) states it with
the sentence before it, when the two hold `MIN_SUPPORT` + `PREVIOUS_MARGIN` of them."""
PREVIOUS_MARGIN = 0.14
MIN_MEANING = 0.92
"""Cosine (the claim as a question against the sentence, in its passage or alone) from which a
sentence holding fewer of the claim's words than `MIN_SUPPORT` (but `MIN_MEANING_SHARE`) states
it in other words."""
MIN_MEANING_SHARE = 0.15
SAME_MEANING = 0.93
"""Cosine from which a sentence that holds the claim's words says what it says, in the words of
the report, even where the claim has a key word the report never writes ("na baanverlies" for
"als mensen ... hun baan verliezen")."""


@dataclass(frozen=True)
class Scored:
    number: int
    sentence: Sentence
    hit: Hit
    score: float


_OPPOSITES: Pairs = [
    (re.compile(rf"\b(?:{a})\b"), re.compile(rf"\b(?:{b})\b"))
    for a, b in (
        (r"verleng\w*", r"ingekort|inkort\w*|verkort\w*"),
        (
            r"toegankelijker|makkelijker|gemakkelijker|eenvoudiger",
            r"lastiger|moeilijker|ingewikkelder|ontoegankelijker",
        ),
        (r"uitgebreid|uitbreid\w*", r"ingeperkt|inperk\w*|afgebouwd"),
        (r"positieve?|positief", r"negatieve?|negatief"),
    )
]
"""Changes that are each other's opposite outside "meer" and "minder": a programme lengthened
or shortened, a step made easier or harder, a scheme widened or narrowed, a judgement positive
or negative (shown as the report's own word: "positief", not the "brede" of "brede waardering"
in the same sentence)."""


def direction(claim: Claim, quote: Quote, value: str | None = None) -> list[Finding]:
    """The opposite direction ("gedaald" claimed, "gestegen" stated; "ingekort" claimed,
    "verlengd" stated): "klopt niet". With the report's `value` that holds the claim's, the
    direction of that value's own clause counts first ("de grootste stijging vond plaats op
    niveau 3 ... en op niveau 4 is het aandeel stabiel gebleven op 32%": 32% is stable)."""
    if changed := opposed(claim.statement, quote, _OPPOSITES, "direction"):
        return changed
    clause = _clause(quote.text, value or _label_in(claim.statement, quote.text))
    within = clause if direction_of(clause) else quote.text
    stated = direction_of(within)
    if claim.direction and stated and stated != claim.direction:
        if _denied(claim.statement):
            # "scoorden niet hoger" where the report has "ongeveer gelijk": not up, as stated.
            return []
        return [opposite(claim, quote, within)]
    return []


_CLAUSE_MARK = re.compile(r"[,;:]|\s(?:en|maar|terwijl)\s")


def _label_in(claim: str, sentence: str) -> str | None:
    """The level the claim names ("niveau 4") as the sentence writes it, if it does: the
    clause about that level holds the claim's direction ("... en op niveau 4 is het aandeel
    stabiel gebleven")."""
    folded = sentence.lower()
    for text, _ in labels(claim).values():
        if (at := folded.find(text.lower())) >= 0:
            return sentence[at : at + len(text)]
    return None


def _clause(text: str, value: str | None) -> str:
    """The clause of `text` that holds `value` (between commas, semicolons, "en", "maar"),
    or "" without one."""
    at = text.find(value) if value else -1
    if at < 0 or not value:
        return ""
    marks = list(_CLAUSE_MARK.finditer(text))
    start = max((m.end() for m in marks if m.end() <= at), default=0)
    end = min((m.start() for m in marks if m.start() >= at + len(value)), default=len(text))
    return text[start:end]


def _denied(statement: str) -> bool:
    """Whether the claim's direction word is itself negated ("niet hoger", "niet meer dan")."""
    word = direction_words(statement)
    if not word:
        return False
    before = fold(statement)[: fold(statement).find(fold(word))].split()[-2:]
    return any(w in ("niet", "geen", "nooit") for w in before)


def opposite(claim: Claim, quote: Quote, within: str = "") -> Finding:
    """The claim's direction against the report's, each in its own words ("afneemt" against
    "toename"); the report's read in `within` (a clause of the quote) if given."""
    stated = within or quote.text
    return Finding(
        "direction",
        "contradicted",
        direction_words(claim.statement) or claim.direction,
        direction_words(stated, claim.statement) or direction_of(stated),
        quote,
    )


def negations(claim: Claim, quote: Quote) -> list[Finding]:
    """A negation on one side only ("niet langer" claimed, "uitgebreid" stated; "vaker"
    claimed, "niet vaker" stated): "klopt niet"."""
    if claim.negated == negated(quote.text) or said_negatively(claim.statement, quote.text):
        return []
    stated = negation_words(quote.text)
    # Without a negation of its own, the claim's side is the word the report negates
    # ("vaker" against "niet vaker"), or else the statement.
    negated_word = stated.split()[-1] if stated else ""
    plain = negated_word if re.search(rf"\b{re.escape(negated_word)}\b", claim.statement) else ""
    if not claim.negated and not plain and _other_clause(quote.text, claim.statement):
        # The sentence negates in a clause the claim does not speak of ("Vijftigplussers worden
        # niet vaker werkloos, maar ... komen ze minder snel weer aan het werk").
        return []
    ours = negation_words(claim.statement) or plain or claim.statement
    shown = stated or (affirmed(claim.statement, quote.text) if claim.negated else None)
    if shown and not stated:
        # Beside the sentence's words, the claim's as far as the word it negates ("niet wordt
        # verlengd" against "wordt verlengd").
        ours = (_negated(claim.statement) or (ours, ""))[0]
    return [Finding("negation", "contradicted", ours, shown, quote)]


_AFTER_NEGATION = re.compile(r"\b(?:niet|geen|nooit)\s+((?:[\w-]+\s+){0,2}[\w-]+)")
_FILLERS = frozenset(
    {"langer", "meer", "wordt", "worden", "werd", "werden"}
    | {"zijn", "is", "was", "waren", "heeft", "hebben"}
)
"""Words after a negation that are not what it negates ("niet langer openstaat")."""


def affirmed(claim: str, sentence: str) -> str | None:
    """What the sentence says without the claim's negation: the word the claim negates, as
    the sentence writes it, with the word before it ("wordt verlengd" for "niet wordt
    verlengd"); None when the sentence does not write it."""
    negated_here = _negated(claim)
    if negated_here is None:
        return None
    folded = fold(sentence)
    source = sentence if len(folded) == len(sentence) else folded
    found = re.search(rf"(?:[\w-]+\s+)?\b{re.escape(negated_here[1])}\b", folded)
    return source[found.start() : found.end()] if found else None


def _negated(claim: str) -> tuple[str, str] | None:
    """The claim's negation through the word it negates, as written ("niet wordt verlengd"),
    and that word folded ("verlengd"); None without one."""
    folded = fold(claim)
    match = _AFTER_NEGATION.search(folded)
    if match is None:
        return None
    for word in re.finditer(r"[\w-]+", match.group(1)):
        if word.group(0) not in _FILLERS and len(word.group(0)) >= 5:
            end = match.start(1) + word.end()
            source = claim if len(folded) == len(claim) else folded
            return source[match.start() : end], word.group(0)
    return None


_CLAUSES = re.compile(r",\s+(?:maar|terwijl|en|want|dus)\s|;\s")


def _other_clause(sentence: str, claim: str) -> bool:
    """Whether the negation of `sentence` stands in one of its clauses that holds none of the
    claim's longer words, beside a clause that does."""
    clauses = _CLAUSES.split(fold(sentence))
    words = set(re.findall(r"[\w-]{5,}", fold(claim)))
    shared = [bool(words & set(re.findall(r"[\w-]{5,}", c))) for c in clauses]
    return (
        len(clauses) > 1
        and any(negated(c) and not own for c, own in zip(clauses, shared, strict=True))
        and any(own and not negated(c) for c, own in zip(clauses, shared, strict=True))
    )


_NEGATIVE = re.compile(
    r"\b(?:te\s+weinig|onvoldoende|tekort\w*|stabiel\w*|onveranderd|gelijk\s+gebleven"
    r"|loslaten|laten\s+los)\b"
)
"""Words that say a negation without "niet" or "geen": "te weinig instroom" for "kunnen we niet
voorzien in de vraag", "stabiel gebleven" for "niet veranderd", "loslaten" for "niet langer
houden aan"."""
_NEGATED_WORDS = re.compile(r"\b(?:niet|geen|nooit)((?:\s+[\w-]+){1,3})")


def said_negatively(claim: str, sentence: str) -> bool:
    """Whether the side without a negation says it in other words: a word that negates by
    itself (`_NEGATIVE`), or "zonder" before a word the other side negates ("jongeren zonder
    diploma" for "geen formeel diploma")."""
    plain, negating = (sentence, claim) if negated(claim) else (claim, sentence)
    plain, negating = fold(plain), fold(negating)
    if _NEGATIVE.search(plain):
        return True
    after = {w for m in _NEGATED_WORDS.finditer(negating) for w in m.group(1).split()}
    return any(
        w in after
        for m in re.finditer(r"\bzonder((?:\s+[\w-]+){1,2})", plain)
        for w in m.group(1).split()
    )


_ALIKE = {"hoger": ("beter",), "beter": ("hoger",), "lager": ("slechter",), "slechter": ("lager",)}
"""Comparatives that say the same of a score: "scoorden niet hoger", "presteerden niet beter"."""


def negates_too(claim: str, passage: str) -> bool:
    """Whether the passage negates what the claim negates: "geen betere" and "niet beter" (the
    word after the negation, stemmed, or one alike: "niet hoger" and "niet beter")."""
    own = negation_words(claim)
    if own is None:
        return False
    last = own.split()[-1].lower()
    words = set(analyse(" ".join([last, *_ALIKE.get(last, ())])))
    stated = re.finditer(r"\b(?:niet|geen|nooit)\s+([\w-]+)", fold(passage))
    return bool(words) and any(words & set(analyse(m.group(1))) for m in stated)


def directed(store: SentenceStore, claim: Claim, query: str, ranked: list[Scored]) -> Scored:
    """The sentence a claim without values is read against: for a claim of a direction
    ("neemt af"), the sentence among the best three that states a direction and holds most of
    the claim's words ("de betrokkenheid ... wordt steeds groter"); else the best sentence."""
    if claim.direction is None:
        return ranked[0]

    def share(scored: Scored) -> float:
        return word_share(store, query, scored.number)

    directed = [s for s in ranked[:3] if direction_of(s.sentence.text) is not None]
    best = max(directed, key=share, default=None)
    return best if best is not None and share(best) >= MIN_SUPPORT else ranked[0]


def word_share(store: SentenceStore, query: str, number: int) -> float:
    """The IDF-weighted share of the query's (stemmed) words that sentence `number` holds; a
    separable verb is held by its verb split off ("oplopen" by "op te lopen", "loopt op")."""
    held = store.terms(number)
    terms = {_split_off(t, held) for t in analyse(query)}
    return store.share(terms, held)


_PARTICLE = re.compile(rf"^(?:{PARTICLES})(?=\w{{3}})")


def _split_off(term: str, held: Counter[str]) -> str:
    """A separable verb's term as the sentence holds it, split: "oploop" as "loop"."""
    if term in held or not (particle := _PARTICLE.match(term)):
        return term
    verb = term[particle.end() :]
    return verb if verb in held else term


def wording(
    store: SentenceStore,
    claim: Claim,
    query: str,
    best: Scored,
    embedder: Embedder | None = None,
) -> list[Finding]:
    """A claim without values: stated when the best sentence holds its words and what it is
    about (`unsaid`, with the `embedder`), contradicted when it says the opposite direction or
    negates what the claim says."""
    sentence = best.sentence.text
    if claim.direction and direction_of(sentence) not in (None, claim.direction):
        return [opposite(claim, quote_of(best))]
    negation = negations(claim, quote_of(best))
    if negation:
        return negation
    share = word_share(store, query, best.number)
    if MIN_OWN_SUPPORT <= share < MIN_SUPPORT:
        # "De kern van het aanbod is een abonnement ..." after "De Rotterdamse Maakotheek ...":
        # the sentence before names what the sentence is about.
        share = max(share, with_previous(store, set(analyse(query)), best) - PREVIOUS_MARGIN)
    # A claimed direction ("de laagste", "neemt af") is stated only by a sentence that states
    # one: the same words without it do not say that it went that way.
    said = share >= MIN_SUPPORT or (
        share >= MIN_MEANING_SHARE
        and embedder is not None
        and _meaning(store, embedder, claim.statement, best.number) >= MIN_MEANING
    )
    held = said and (claim.direction is None or direction_of(sentence) is not None)
    if held and embedder is not None and _unsaid_here(store, embedder, claim.statement, best):
        # The sentence holds the claim's other words but not what it is about.
        held = False
    status: Status = "supported" if held else "absent"
    return [Finding("statement", status, None, None, quote_of(best) if held else None)]


def _unsaid_here(store: SentenceStore, embedder: Embedder, statement: str, best: Scored) -> bool:
    """Whether the claim's key words (`unsaid`) are missing from the sentence, also when the
    sentence before it in its passage writes them ("... scholingsvouchers toegekend. De ICT
    behoort tot één van de populairste sectoren" for "omscholen met een scholingsvoucher").
    A sentence that says the same (`SAME_MEANING`, asked only when there are key words) misses
    only the claim's names: its "motie-Rog" where the report has the motie-Duisenberg, not its
    "na baanverlies"."""
    keys = unsaid(store, embedder, statement, best.sentence.text)
    if keys and _meaning(store, embedder, statement, best.number) >= SAME_MEANING:
        keys = [key for key in keys if _capitalised(key, statement)]
    before = sentence_before(store, best)
    if not keys or before is None:
        return bool(keys)
    words = set(re.findall(r"[a-z][a-z-]+", fold(store.sentences[before].text)))
    return any(not any(_inflected(key, word) for word in words) for key in keys)


def _capitalised(key: str, statement: str) -> bool:
    """Whether the claim writes the key word with a capital inside it: a name ("motie-Rog")."""
    match = re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", statement, re.IGNORECASE)
    return match is not None and any(c.isupper() for c in match.group(0)[1:])


def _inflected(key: str, word: str) -> bool:
    """Whether two words are one word in another form ("scholingsvoucher", "scholingsvouchers")."""
    short, long = sorted((key, word), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2


def _meaning(store: SentenceStore, embedder: Embedder, statement: str, number: int) -> float:
    """How close the claim is in meaning to sentence `number` (`closeness`)."""
    return closeness(store, embedder.embed_queries([statement])[0], [number])


def closeness(store: SentenceStore, vector: Vectors, numbers: list[int]) -> float:
    """The highest cosine of `vector` (a claim as a question) against sentences `numbers`, each
    read in its passage or alone, whichever is closer."""
    in_passage, alone = store.vectors[numbers] @ vector, store.alone[numbers] @ vector
    return float(max(in_passage.max(), alone.max()))


def with_previous(store: SentenceStore, terms: set[str], best: Scored) -> float:
    """The IDF-weighted share of `terms` (a claim's analysed words) that the sentence and the
    one before it in its passage hold together."""
    held = set(store.terms(best.number))
    if (before := sentence_before(store, best)) is not None:
        held |= set(store.terms(before))
    return store.share(terms, held)


def sentence_before(store: SentenceStore, best: Scored) -> int | None:
    """The number of the sentence before `best` in its passage; None for a first sentence."""
    return max((n for n in store.of_chunk(best.hit.chunk.id) if n < best.number), default=None)


def quote_of(scored: Scored) -> Quote:
    """The scored sentence as a quote, with its passage and source."""
    sentence = scored.sentence
    chunk = scored.hit.chunk
    return Quote(
        text=sentence.text,
        start=sentence.start,
        end=sentence.end,
        hit_id=chunk.id,
        source=source_of(chunk, sentence.start, sentence.end),
    )
