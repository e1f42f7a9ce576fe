"""Check a claim against the report: find the sentence about its subject, compare value by value.

`check()` searches with the claim's statement without its values (a wrong number must not steer
the search), ranks the sentences of the best passages by meaning and words, and compares each
value the claim states with the values of the same kind in the sentences about its subject.
With the fitted answer model, the report value a claimed value is compared with is chosen by
the answer ranker, the claim asked as a question for that value (kb.claims.evidence; a bare
year, which places the claim, is read in the sentence of its other values), and a claim
without values is read against the answer step's answer to it:

- **klopt**: every value the claim states is the report's (approximations count), or a claim
  without values is stated by a sentence in its own words and direction;
- **klopt niet**: the report states another value for the same thing (shown beside the claim's),
  or the opposite direction or negation;
- **deels**: one part holds and another does not;
- **staat niet in het rapport**: the report does not speak of the subject, or gives no value of
  the kind the claim states. A missing number is never "klopt niet".

>>> result = check(index, "Klopt het dat er 40 trainees zijn gestart via het OnderwijsTraineeship?")
>>> result.verdict, result.findings[0].report_value
('klopt_niet', '38')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from ingest.regions import Gazetteer
from kb.analyser import analyse, fold
from kb.answers.answer import gazetteer_of, sentence_store
from kb.answers.model import AnswerModel
from kb.answers.model import load_model as load_answer_model
from kb.answers.question import CITATION
from kb.claims.another import about_another, about_unwritten
from kb.claims.claim import Claim, clauses, parse_claim
from kb.claims.compare import compare
from kb.claims.contrast import without_ministries
from kb.claims.coverage import passage_share
from kb.claims.durations import lasting
from kb.claims.evidence import Evidence, by_ranker, stating, supports
from kb.claims.evidence import ranked as ranked_evidence
from kb.claims.features import Choice, Reading, allowed, feature_row
from kb.claims.findings import (
    FIGURES,
    VERDICT_LABELS,
    VERDICTS,
    Finding,
    Quote,
    Verdict,
    combined,
    held_in,
    verdict_of,
)
from kb.claims.model import ANSWER_MODEL_FILE, ClaimModel, load_model
from kb.claims.names import names
from kb.claims.otherwise import said_otherwise
from kb.claims.parts import by_parts, part_by_part, subject_of
from kb.claims.places import place_test, same_places, without_places
from kb.claims.quantities import Quantity, consistent, quantities
from kb.claims.subject import (
    attached,
    swapped,
)
from kb.claims.synonyms import in_report_words
from kb.claims.wording import (
    MIN_MEANING,
    Scored,
    closeness,
    directed,
    direction,
    quote_of,
    word_share,
    wording,
)
from kb.index import Filters, Hit, Index, clean_question
from kb.sentence_store import SentenceStore

PASSAGES = 5
"""Passages whose sentences are read for a claim."""
MIN_COVERAGE = 0.3
"""Share (IDF-weighted) of the claim's words that the best passage must hold for the report
to speak of the claim's subject at all."""
NOTE_SHARE = 0.2
"""The IDF-weighted share of a claim's words a footnote must write itself (not its citing
sentence) for the claim to be read against it."""
WINDOW = 6
"""The best sentences read for a value of the claim's kind (lower ones weigh less)."""
DATED = 0.5
"""A claim whose only values are dates that hold is read for its words too when the passage of
those dates holds less than this share (IDF-weighted) of the claim's other words."""
_PREFACE = re.compile(r"\b(?:het|dit|in\shet)\svoorwoord\b", re.IGNORECASE)


@dataclass(frozen=True)
class Check:
    """The verdict on a claim with the report's words that decide it."""

    claim: str
    statement: str
    verdict: Verdict
    findings: list[Finding]
    quote: Quote | None
    """The report sentence most about the claim (None when the report does not speak of it)."""
    hits: list[Hit] = field(default_factory=list)
    notice: str | None = None
    rule_verdict: Verdict | None = None
    """The hand-set decision order's verdict (kb.claims.findings.verdict_of), which the fitted
    model (kb.claims.model) weighs with the other features."""
    features: tuple[float, ...] = ()
    """The claim's features (kb.claims.features.FEATURES, in order)."""
    choices: tuple[Choice, ...] = ()
    """The report values each of the claim's values could be compared with (of the statement
    and of its compound parts)."""

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def check(
    index: Index,
    claim: str,
    filters: Filters | None = None,
    top_k: int = 5,
    model: ClaimModel | None = None,
) -> Check:
    """The verdict on `claim` ("Klopt het dat …?" or a bare statement), with the quotes;
    `model` is the fitted model to use (by default the one in kb/claims/data, if any).

    Raises:
        EmptyQuestionError: the claim is empty or whitespace only.
        AnswerError: the index was built without sentences.
    """
    cleaned = clean_question(claim, index.settings.max_question_chars)
    model = model or load_model()
    result = _check(index, cleaned.text, filters, top_k, model)
    # A claim in words the report does not use ("te weinig" for its "tekort aan") is read
    # once more in the report's words; the claim stays the reader's own.
    again = in_report_words(cleaned.text)
    if result.verdict == "niet_in_rapport" and again != cleaned.text:
        other = _check(index, again, filters, top_k, model)
        if other.verdict != "niet_in_rapport":
            result = replace(other, claim=cleaned.text, statement=result.statement)
    if result.verdict == "niet_in_rapport" and filters is None and _of_the_whole(result):
        # "Het Techniekpact telt tien doelen": a figure of the pact or the report as a whole,
        # which the preface gives ("de uitvoering van de 12 doelen"), not a goal's passage.
        preface = _check(index, cleaned.text, Filters(kinds=("voorwoord",)), top_k, model)
        if preface.verdict != "niet_in_rapport":
            result = preface
    return replace(result, notice=cleaned.notice)


_WHOLE = re.compile(r"\b(?:techniekpact|rapport|rapportage|voortgangsrapportage)\b")


def _of_the_whole(result: Check) -> bool:
    """Whether a claim speaks of the pact or the report as a whole and gives a figure the
    passages about it do not hold."""
    missing = any(f.aspect in FIGURES and f.status == "absent" for f in result.findings)
    return missing and bool(_WHOLE.search(fold(result.statement)))


def _check(
    index: Index, text: str, filters: Filters | None, top_k: int, model: ClaimModel | None
) -> Check:
    """The verdict on the cleaned claim `text` (kb.claims.verdict.check)."""
    place = place_test(index.settings)
    parsed = parse_claim(text, place)
    if filters is None and _PREFACE.search(text):
        # "Volgens het voorwoord ...": the claim is about what the preface says.
        filters = Filters(kinds=("voorwoord",))
    whole, shown = _check_statement(index, parsed, filters, top_k, model)
    split = clauses(parsed.statement)
    parts = [whole]
    if len(split) > 1:
        parts = []
        for text in split:
            about = subject_of(text, split[0])
            parsed_part = parse_claim(text, place)
            part, _ = _check_statement(index, parsed_part, filters, top_k, model, about)
            parts.append(part)
    rule, findings, quote = whole.verdict, whole.findings, whole.quote
    comparisons = whole.comparisons
    if len(parts) > 1 and by_parts(split, whole, parts):
        # A compound claim, each part found in the report: checked part by part, so that one
        # part's value is never compared with the sentence of the other. One part that holds
        # beside one the report does not state is "deels", never "klopt".
        rule, findings = part_by_part(split, whole, parts)
        comparisons = tuple(c for part in parts for c in part.comparisons)
        quote = parts[0].quote
    row = feature_row(parsed, whole, parts, rule, findings, comparisons)
    verdict = model.decide(row, allowed(findings, rule)) if model and model.decides else rule
    if verdict != "klopt" or rule != verdict:
        quote = next((f.quote for f in findings if f.status == "contradicted"), None) or quote
    return Check(
        text,
        parsed.statement,
        verdict,
        findings,
        quote,
        shown,
        rule_verdict=rule,
        features=tuple(float(v) for v in row),
        choices=whole.choices + tuple(c for p in parts if p is not whole for c in p.choices),
    )


def _check_statement(
    index: Index,
    parsed: Claim,
    filters: Filters | None,
    top_k: int,
    model: ClaimModel | None,
    subject: str = "",
) -> tuple[Reading, list[Hit]]:
    """What the check of one statement reads, and the passages shown; `subject` is added to
    what is searched for (not to what is compared)."""
    store = sentence_store(index)
    query = f"{subject} {parsed.masked() or parsed.statement}".strip()
    vector = index.embed_question(query)
    hits = index.search(query, filters, max(top_k, PASSAGES), vector=vector)
    ranked = _rank(store, hits[:PASSAGES], vector, query)
    shown = hits[:top_k]
    gazetteer = gazetteer_of(index.settings)
    coverage = _coverage(store, gazetteer, query, ranked)
    near = [scored.number for scored in ranked[:WINDOW]]
    if not ranked or (coverage < MIN_COVERAGE and closeness(store, vector[0], near) < MIN_MEANING):
        # Too few of the claim's words in the passage, and none of its best sentences close in
        # meaning ("te weinig vakleraren" / "een tekort aan vakdocenten").
        top = ranked[0].score if ranked else 0.0
        return Reading("niet_in_rapport", [], None, coverage, top, 0.0, (), ()), shown
    window = [(scored, quantities(scored.sentence.text)) for scored in ranked[:WINDOW]]
    chooser = model.values if model and model.values and model.values.decides else None
    answers = load_answer_model(ANSWER_MODEL_FILE)

    def evidence(q: Quantity) -> list[Evidence] | None:
        if answers is None or not by_ranker(q):
            return None
        return ranked_evidence(store, answers, hits[:PASSAGES], vector, parsed, q, gazetteer)

    compared = [compare(store, q, parsed, window, chooser, evidence(q)) for q in parsed.quantities]
    best = quote_of(ranked[0])
    findings = _dated_with_figures(parsed, [f for f, _, _ in compared], best)
    anchor = _anchor(ranked, findings)
    findings += names(index, store, parsed, query, anchor, findings, [anchor, *ranked[:WINDOW]])
    findings += _swapped(parsed, _anchor(ranked, findings), findings)
    findings = about_unwritten(store, parsed, about_another(store, findings))
    quoted = next((f.quote for f in findings if f.quote), None) or quote_of(ranked[0])
    findings += direction(parsed, quoted, held_in(findings, quoted))
    dated = all(f.aspect == "date" and f.status == "supported" for f in findings)
    if not findings or (
        dated and passage_share(store, query, _anchor(ranked, findings).hit) < DATED
    ):
        # A claim without values, or whose only values are dates in a passage that says
        # little else of it (a date places a claim, it does not say it): read against the
        # sentence that states it; a part, where what it is about is ("terwijl ze ...").
        about = hits[:PASSAGES] if subject else None
        findings += _wording(index, store, parsed, query, ranked, answers, gazetteer, about)
        findings = _dated_where_stated(parsed, findings)
    findings, quote, share = _otherwise(store, parsed, query, ranked, findings, best)
    comparisons = tuple(c for _, c, _ in compared if c is not None)
    choices = tuple(choice for _, _, choice in compared)
    verdict, top = verdict_of(findings, parsed.statement), ranked[0].score
    return Reading(verdict, findings, quote, coverage, top, share, comparisons, choices), shown


def _wording(
    index: Index,
    store: SentenceStore,
    claim: Claim,
    query: str,
    ranked: list[Scored],
    answers: AnswerModel | None,
    gazetteer: Gazetteer,
    hits: list[Hit] | None = None,
) -> list[Finding]:
    """A claim without values read against the sentence that states it: the answer step's
    answer to the statement asked as a question (with the answer model), else the best of the
    claim's own sentences; the report does not state it when the answer step abstains. A
    part read in the passages of what it is about (`hits`) is also stated by a sentence that
    holds its own words: "Dus deze professionals blijven ook gewoon werken voor hun bedrijf" states
    "terwijl ze gewoon bij hun werkgever blijven" without naming ROC Mondriaan again."""
    if answers is None:
        return wording(store, claim, query, directed(store, claim, query, ranked))
    stated = stating(index, answers, claim, gazetteer, hits)
    if stated is None:
        return [Finding("statement", "absent", None, None, None)]
    found = wording(store, claim, query, stated, index.embedder)
    if hits is not None and [f.status for f in found] == ["absent"]:
        found = wording(store, claim, claim.masked() or claim.statement, stated, index.embedder)
    return found


def _dated_with_figures(claim: Claim, compared: list[Finding], best: Quote) -> list[Finding]:
    """The findings of the claim's values (`compared`, with what lasts how long read against
    the `best` sentence, kb.claims.durations.lasting). A claimed date the sentences about the
    claim do not give is held by the sentence the claim's figure was read in: "in 2016-2017 53%
    van de havisten" where "Op de havo is het aandeel in 2016-2017 43%" gives the share (and
    the sentences first about the claim give the year of the vmbo)."""
    findings = lasting(claim.statement, claim.quantities, compared, best)
    read = [f.quote for f in findings if f.aspect in FIGURES and f.quote is not None]
    placed: list[Finding] = []
    for finding in findings:
        claimed = _claimed_date(claim, finding)
        if claimed is not None and finding.status == "absent":
            held = ((q, r) for r in read for q in quantities(r.text) if supports(claimed, q))
            if (found := next(held, None)) is not None:
                finding = Finding("date", "supported", claimed.text, found[0].text, found[1])
        placed.append(finding)
    return placed


def _dated_where_stated(claim: Claim, findings: list[Finding]) -> list[Finding]:
    """A claimed year held by another sentence than the one that states the claim's words is
    the date of something else: the stating sentence's own date is the claim's ("de eerste
    evaluatieresultaten worden in 2017 verwacht" against "Eerste resultaten daarvan worden
    verwacht in 2018", not the "april 2017" of another example)."""
    said = next(
        (f.quote for f in findings if f.aspect == "statement" and f.status == "supported"), None
    )
    if said is None:
        return findings
    dates = [q for q in quantities(said.text) if q.kind == "date"]
    placed: list[Finding] = []
    for finding in findings:
        claimed = _claimed_date(claim, finding)
        elsewhere = finding.quote is not None and finding.quote.text != said.text
        if claimed and dates and elsewhere and not any(consistent(claimed, d) for d in dates):
            finding = Finding("date", "contradicted", claimed.text, dates[0].text, said)
        placed.append(finding)
    return placed


def _claimed_date(claim: Claim, finding: Finding) -> Quantity | None:
    """The claim's date a finding compares, None when it compares no date of the claim."""
    return next(
        (q for q in claim.quantities if q.kind == "date" and q.text == finding.claim_value),
        None,
    )


def _otherwise(
    store: SentenceStore,
    parsed: Claim,
    query: str,
    ranked: list[Scored],
    findings: list[Finding],
    best: Quote,
) -> tuple[list[Finding], Quote, float]:
    """The findings with what the report says otherwise (`said_otherwise`, read against the
    first finding's quote), the quote the verdict shows and the claim's word share in the
    anchor sentence. The quote shown is, of the findings' quotes, the sentence that reads most
    like the claim (first in `ranked`): "FME en de vier technische universiteiten op 6 februari
    een pact" holds "vier" in one sentence and "6 februari" in the one that states the pact."""
    quote = next((f.quote for f in findings if f.quote), None) or best
    anchor = _anchor(ranked, findings)
    share = word_share(store, query, anchor.number)
    findings = findings + said_otherwise(store, parsed, query, findings, quote, share, anchor.hit)
    place = {(s.hit.chunk.id, s.sentence.start): i for i, s in enumerate(ranked)}
    quotes = [f.quote for f in findings if f.quote is not None] or [quote]
    return findings, min(quotes, key=lambda q: place.get((q.hit_id, q.start), len(ranked))), share


def _rank(store: SentenceStore, hits: list[Hit], vector: np.ndarray, query: str) -> list[Scored]:
    """The sentences of `hits` by meaning (cosine) and words (BM25, scaled to the best)."""
    # A footnote is scored with the sentence that cites it: it names a source, and holds
    # nothing of what the claim says unless the claim asks for the source ("Kamerstuk") or
    # names it ("de peiling Natuur en Techniek van de Inspectie").
    terms = set(analyse(query))
    notes = bool(CITATION.search(fold(query)))
    pairs = [
        (n, hit)
        for hit in hits
        if notes
        or hit.chunk.kind != "voetnoot"
        or store.share(terms, set(analyse(hit.chunk.text))) >= NOTE_SHARE
        for n in store.of_chunk(hit.chunk.id)
    ]
    if not pairs:
        return []
    numbers = [n for n, _ in pairs]
    cosine = store.vectors[numbers] @ vector[0]
    words = store.bm25(analyse(query), numbers)
    words = words / words.max() if words.max() > 0 else words
    scored = [
        Scored(n, store.sentences[n], hit, float(cosine[i] + 0.3 * words[i] - 0.01 * hit.rank))
        for i, (n, hit) in enumerate(pairs)
    ]
    return sorted(scored, key=lambda s: -s.score)


def _coverage(
    store: SentenceStore, gazetteer: Gazetteer, about: str, ranked: list[Scored]
) -> float:
    """How much of the claim (`about`) the passage of its best sentence holds. Which ministry
    is a value of the claim, checked apart, not what it is about; so is a place, unless the
    passage names the claim's and no other ("Zeeland, Rotterdam en Utrecht"), not where it
    names another ("Friese" for "Groningse") or none."""
    if not ranked:
        return 0.0
    about, hit = without_ministries(about), ranked[0].hit
    if not same_places(gazetteer, about, hit.chunk.text):
        about = without_places(gazetteer, about)
    return passage_share(store, about, hit)


def _swapped(claim: Claim, anchor: Scored, findings: list[Finding]) -> list[Finding]:
    """Another organisation or school type in the sentence that holds the claim's values (or,
    for a claim without values, in the best sentence): the same statement about another."""
    values = [f for f in findings if f.aspect in (*FIGURES, "date")]
    if any(f.status != "supported" for f in values) or any(
        f.aspect in ("name", "label") for f in findings
    ):
        return []
    pair = swapped(claim.statement, anchor.sentence.text) or attached(
        claim.statement, anchor.sentence.text
    )
    if pair is None:
        return []
    return [Finding("name", "contradicted", pair[0], pair[1], quote_of(anchor))]


def _anchor(ranked: list[Scored], findings: list[Finding]) -> Scored:
    """The sentence the values were read in (the best sentence when there were none)."""
    quote = next((f.quote for f in findings if f.quote), None)
    if quote is not None:
        for scored in ranked:
            if scored.hit.chunk.id == quote.hit_id and scored.sentence.start == quote.start:
                return scored
    return ranked[0]


__all__ = [
    "VERDICTS",
    "VERDICT_LABELS",
    "Check",
    "Finding",
    "Quote",
    "Verdict",
    "check",
    "combined",
    "verdict_of",
]
