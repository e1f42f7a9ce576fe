"""Extractive answers: the report sentence that answers a question, quoted with its source.

`answer()` searches the passages, scores their sentences (embedded at build time) against the
question, and quotes the best one verbatim, with the value the question asks for ("vier",
"€ 32,1 miljoen", "6 februari") as a span of that sentence. A footnote is a passage of its
own, quoted when the question asks for a Kamerstuk, a source, a web address or a letter's
date. When the evidence is weak, or the question names a place, year or number that the
passage does not, it abstains and lists the nearest passages as possibly relevant.

>>> result = answer(index, "hoeveel cross-over kwalificaties raken techniek?")
>>> result.value, result.source.goal
('vier', 9)
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ingest.model import Chunk, FootnoteRef
from ingest.regions import Gazetteer, load_gazetteer
from kb.answers.values import (
    DUTCH_NUMBERS,
    VALUE_TYPES,
    QuestionType,
    Value,
    asked_nouns,
    find_values,
    question_type,
    weigh_value,
)
from kb.embed import Vectors
from kb.index import Filters, Hit, Index, clean_question
from kb.lexical import analyse, fold
from kb.sentence_store import Sentence, SentenceStore, cited_footnotes
from kb.settings import Settings

ABSTENTION = "Het rapport bevat hierover geen informatie."


class AnswerError(RuntimeError):
    """The index cannot give answers (no sentence store); the message says what to do."""


@dataclass(frozen=True)
class Source:
    """Where an answer sentence stands: goal (*doel*), section, example, links, footnotes and
    its offsets in the source file."""

    goal: int | None
    goal_title: str | None
    section: str
    kind: str
    title: str | None
    urls: list[str]
    footnotes: list[FootnoteRef]
    """Full texts of the footnotes cited in the sentence or right after it."""
    document: str
    document_title: str
    start: int
    end: int
    cited_in: str | None = None
    """For a footnote: the report's sentence that cites it."""


@dataclass(frozen=True)
class Answer:
    """The answer to one question: a verbatim sentence of a passage, or an abstention.

    `start`/`end` locate `text` in the chosen hit's `chunk.text`; `value_start`/`value_end`
    locate `value` in `text`. `hits` are the `top_k` passages, followed by the quoted passage
    when it ranked lower (sentences come from the best `settings.answer_passages` passages).
    When `abstained`, `hits` are the nearest passages ("possibly relevant") and the sentence
    fields are None.
    """

    question: str
    searched: str
    text: str
    value: str | None
    value_start: int | None
    value_end: int | None
    start: int | None
    end: int | None
    hit_id: str | None
    abstained: bool
    confidence: float
    source: Source | None
    hits: list[Hit]
    notice: str | None = None


@dataclass(frozen=True)
class Features:
    """What a candidate sentence's score is made of."""

    similarity: float
    """Cosine of question and sentence (both e5 embeddings)."""
    lexical: float
    """BM25 of the sentence (with the footnotes it cites), divided by the best candidate's."""
    previous: float
    """`lexical` of the sentence before it in the same passage (0 for a first sentence)."""
    anaphor: bool
    """The sentence starts with "Hiermee", "Dit", "Het gaat om" ...: it goes on with the
    subject of the sentence before it."""
    rank: int
    """Rank of the passage."""
    fits: bool
    """A question asking for a number, amount, percentage or date, and the sentence holds a
    value of that type."""
    named: bool
    """The sentence names a person or organisation for "wie" and "welke"."""
    placed: bool
    """The sentence names a place or web address for "waar" and "in welke stad"."""
    clause: int
    """Question words in the clause of the value."""
    noun: int
    """A number followed by what a "hoeveel" question counts (1), by the total of a "hoeveel
    van de ..." question or by another thing the question names (-1)."""
    missing: int
    """Places, years and numbers of the question that the passage lacks."""
    footnote: int
    """A footnote: 1 when the question asks for a Kamerstuk, a source, a web address or the
    date of a letter, else -1."""
    reason: bool
    """A "waarom" question and a sentence that gives a cause ("door", "omdat" ...)."""
    asked: bool
    """The sentence holds the noun a "welke X" question asks for (also in a compound:
    "welke school" and "Borgloschool")."""


@dataclass(frozen=True)
class Weights:
    """Weights of the sentence score, fitted on eval/dev.jsonl only
    (benchmarks/fit_answer_weights.py)."""

    similarity: float = 1.0
    lexical: float = 0.25
    previous: float = 0.0
    anaphor: float = 0.125
    rank: float = 0.1
    fits: float = 1.0
    named: float = 0.05
    placed: float = 0.05
    clause: float = 0.02
    noun: float = 0.25
    missing: float = 1.0
    footnote: float = 0.3
    reason: float = 0.05
    asked: float = 0.05

    def score(self, f: Features) -> float:
        return (
            self.similarity * f.similarity
            + self.lexical * f.lexical
            + self.previous * f.previous
            + self.anaphor * f.previous * f.anaphor
            + self.rank / f.rank
            + self.fits * f.fits
            + self.named * f.named
            + self.placed * f.placed
            + self.clause * f.clause
            + self.noun * f.noun
            - self.missing * f.missing
            + self.footnote * f.footnote
            + self.reason * f.reason
            + self.asked * f.asked
        )


WEIGHTS = Weights()


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage, with what its score was made of."""

    hit: Hit
    sentence: Sentence
    features: Features
    fits: bool
    """The sentence can answer the question's type: it holds a value of the type asked and
    shares a word with the question (always, for types without a value)."""
    value: Value | None
    """The span of the sentence that answers the question's type, if any."""
    score: float

    @property
    def similarity(self) -> float:
        return self.features.similarity


@dataclass(frozen=True)
class Evidence:
    """What the abstention decision looks at for the best candidate."""

    similarity: float
    """Cosine of question and sentence."""
    coverage: float
    """IDF-weighted share of the question's words found in the passage (with its footnotes)."""
    fits: bool
    """The sentence holds a value of the type asked in a sentence that shares a word with the
    question (always True for other question types)."""
    missing: tuple[str, ...]
    """Places, years and numbers of the question that the passage does not name."""


_CITATION = re.compile(
    r"\b(?:kamerstuk\w*|voetno\w*|vergaderjaar|website\w*|webadres\w*|webpagina\w*|online"
    r"|internet|bron\w*|instantie\w*|waar (?:vind|lees|staat|staan|kan))\b"
)
"""A question for what a footnote gives: a Kamerstuk, a source, a web address."""
_LETTER = re.compile(r"\b(?:\w*brie(?:f|ven)|motie\w*)\b")
"""A letter or motion: its date is in the footnote, its name in the sentence citing it."""
_WHY = re.compile(r"\bwaarom\b|\bwat is de (?:reden|oorzaak)\b|\bhoe komt het\b")
_CAUSE = re.compile(
    r"\b(?:door|doordat|omdat|vanwege|dankzij|wegens|als gevolg van|oorzaak|reden|daardoor"
    r"|hierdoor)\b",
    re.IGNORECASE,
)
_LINKING = (
    r"Hiermee|Daarmee|Hiervan|Daarvan|Hierbij|Daarbij|Hierin|Daarin|Het gaat (?:dan |hierbij )?om"
)
_LINKED = re.compile(rf"(?:{_LINKING})\b")
"""A sentence start that carries the subject of the sentence before into this one."""
_ANAPHOR = re.compile(rf"(?:{_LINKING}|Dit|Deze|Dat|Zij|Ze|Hij)\b")
"""A sentence start that goes on with the subject of the sentence before (pronouns too)."""


def answer(index: Index, question: str, filters: Filters | None = None, top_k: int = 5) -> Answer:
    """Answer `question` with a sentence quoted from the report, or abstain.

    Raises:
        EmptyQuestionError: the question is empty or whitespace only.
        UnknownFilterError: a filter value that the index does not have.
        AnswerError: the index was built without sentences (run `kb build --force`).

    >>> a = answer(index, "Wanneer sloten FME en 4TU een pact?")
    >>> a.value, a.text in a.hits[0].chunk.text
    ('6 februari', True)
    """
    cleaned = clean_question(question, index.settings.max_question_chars)
    settings = index.settings
    hits, best, evidence = deliberate(index, cleaned.text, filters, top_k)
    shown = hits[:top_k]
    if best is None or evidence is None:
        return _abstain(question, cleaned.text, 0.0, shown, cleaned.notice)
    confidence = confidence_of(evidence, settings)
    if confidence < settings.answer_min_confidence:
        return _abstain(question, cleaned.text, confidence, shown, cleaned.notice)

    sentence, chunk, value = best.sentence, best.hit.chunk, best.value
    if best.hit not in shown:
        # The quote's passage is always listed, after the top_k.
        shown = [*shown, best.hit]
    return Answer(
        question=question,
        searched=cleaned.text,
        text=sentence.text,
        value=value.text if value else None,
        value_start=value.start if value else None,
        value_end=value.end if value else None,
        start=sentence.start,
        end=sentence.end,
        hit_id=chunk.id,
        abstained=False,
        confidence=confidence,
        source=source_of(chunk, sentence.start, sentence.end),
        hits=shown,
        notice=cleaned.notice,
    )


def deliberate(
    index: Index, question: str, filters: Filters | None = None, top_k: int = 5
) -> tuple[list[Hit], Candidate | None, Evidence | None]:
    """The passages, the best sentence and the evidence for it, before the abstention decision
    (for `answer` and for calibrating the abstention)."""
    settings = index.settings
    store = sentence_store(index)
    depth = max(top_k, settings.answer_passages)
    hits, vector = _search(index, question, filters, depth)
    kind = question_type(question)
    gazetteer = _gazetteer(settings.gazetteer)
    candidates = rank_sentences(
        store, hits[: settings.answer_passages], vector, question, kind, gazetteer
    )
    if not candidates:
        return hits, None, None
    best = candidates[0]
    return hits, best, weigh(store, best, question, gazetteer)


def sentence_store(index: Index) -> SentenceStore:
    """The sentence store of a loaded index.

    Raises:
        AnswerError: the index was built before sentences were stored.
    """
    if index.sentences is None:
        raise AnswerError("this index has no sentences for answers; run `kb build --force`")
    return index.sentences


def _search(
    index: Index, text: str, filters: Filters | None, top_k: int
) -> tuple[list[Hit], Vectors]:
    hits, vector = index.search_with_vector(text, filters, top_k)
    if vector is None:  # a BM25-only retriever did not embed the question
        vector = index.embedder.embed_queries([text])
    return hits, vector


def rank_sentences(
    store: SentenceStore,
    hits: list[Hit],
    vector: Vectors,
    question: str,
    kind: QuestionType,
    gazetteer: Gazetteer | None = None,
    weights: Weights = WEIGHTS,
) -> list[Candidate]:
    """The sentences of `hits`, best first, scored by `weights` on their `Features`."""
    candidates = [
        Candidate(hit, sentence, features, fits, value, weights.score(features))
        for hit, sentence, features, fits, value in sentence_features(
            store, hits, vector, question, kind, gazetteer
        )
    ]
    candidates.sort(key=lambda c: (-c.score, c.hit.rank, c.sentence.start))
    return candidates


def sentence_features(
    store: SentenceStore,
    hits: list[Hit],
    vector: Vectors,
    question: str,
    kind: QuestionType,
    gazetteer: Gazetteer | None = None,
) -> list[tuple[Hit, Sentence, Features, bool, Value | None]]:
    """Each sentence of `hits` with its features, whether it can answer the question's type,
    and its value of that type, in passage order."""
    numbers: list[int] = []
    owners: list[Hit] = []
    for hit in hits:
        for number in store.of_chunk(hit.chunk.id):
            numbers.append(number)
            owners.append(hit)
    if not numbers:
        return []
    similarity = store.vectors[numbers] @ vector[0]
    bm25 = store.bm25(analyse(question, question=True), numbers)
    top = float(bm25.max())
    lexical = bm25 / top if top > 0 else bm25
    position = {number: i for i, number in enumerate(numbers)}
    folded = fold(question)
    asks_note = bool(_CITATION.search(folded)) or (kind == "date" and bool(_LETTER.search(folded)))
    cited = 1 if asks_note else -1
    why = bool(_WHY.search(folded))
    nouns = asked_nouns(question)
    missing = {hit.chunk.id: len(missing_entities(question, hit.chunk, gazetteer)) for hit in hits}
    out: list[tuple[Hit, Sentence, Features, bool, Value | None]] = []
    for i, (number, hit) in enumerate(zip(numbers, owners, strict=True)):
        sentence = store.sentences[number]
        value, words, noun = _weigh(sentence.text, kind, question, gazetteer)
        before = position.get(number - 1)
        previous = float(lexical[before]) if before is not None and owners[before] is hit else 0.0
        features = Features(
            similarity=float(similarity[i]),
            lexical=float(lexical[i]),
            previous=previous,
            anaphor=bool(_ANAPHOR.match(sentence.text)),
            rank=hit.rank,
            fits=value is not None and kind in VALUE_TYPES,
            named=value is not None and kind not in VALUE_TYPES and kind != "place",
            placed=value is not None and kind == "place",
            clause=words,
            noun=max(-1, min(1, noun)),
            missing=missing[hit.chunk.id],
            footnote=cited if hit.chunk.kind == "voetnoot" else 0,
            reason=why and bool(_CAUSE.search(sentence.text)),
            asked=bool(nouns) and _holds(store.terms(number), nouns),
        )
        # A value answers only when the sentence speaks of what was asked: it shares a word
        # with the question (or the sentence before does, for "Hiermee ..."), or the value is
        # followed by the counted noun.
        linked = previous > 0 and bool(_LINKED.match(sentence.text))
        supported = features.lexical > 0 or noun > 0 or linked
        fits = (value is not None and supported) or kind not in VALUE_TYPES
        out.append((hit, sentence, features, fits, value))
    return out


def _holds(terms: Counter[str], nouns: frozenset[str]) -> bool:
    """A term is the noun, or a compound ending in it ("borgloschool" holds "school")."""
    return any(t == n or (len(n) >= 4 and t.endswith(n)) for t in terms for n in nouns)


def _weigh(
    sentence: str, kind: QuestionType, question: str, gazetteer: Gazetteer | None
) -> tuple[Value | None, int, int]:
    return weigh_value(sentence, find_values(sentence, kind, gazetteer), question)


def weigh(
    store: SentenceStore, best: Candidate, question: str, gazetteer: Gazetteer | None
) -> Evidence:
    """The evidence for the best candidate, for the abstention decision."""
    chunk = best.hit.chunk
    present = store.passage_terms(chunk.id)
    asked = list(dict.fromkeys(analyse(question)))
    weights = [store.idf(t) for t in asked]
    total = sum(weights)
    found = sum(w for t, w in zip(asked, weights, strict=True) if t in present)
    coverage = found / total if total > 0 else 0.0
    missing = missing_entities(question, chunk, gazetteer)
    if best.features.fits:
        # "Hoeveel vouchers in 2018?": a value answers for the year the question names only
        # when its own sentence names that year.
        missing += tuple(y for y in _SINGLE_YEAR.findall(question) if y not in best.sentence.text)
    return Evidence(
        similarity=best.similarity,
        coverage=coverage,
        fits=best.fits,
        missing=missing,
    )


def confidence_of(evidence: Evidence, settings: Settings) -> float:
    """0..1: a logistic function of similarity and coverage, 0 when the question names a place,
    year or number that the passage does not, or asks for a value the sentence lacks."""
    if evidence.missing or not evidence.fits:
        return 0.0
    z = settings.answer_similarity_weight * (
        evidence.similarity - settings.answer_similarity_mid
    ) + settings.answer_coverage_weight * (evidence.coverage - settings.answer_coverage_mid)
    return 1.0 / (1.0 + math.exp(-z))


_SINGLE_YEAR = re.compile(r"(?<![\d\-–/])(?:19|20)\d{2}(?![\d\-–/])")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?[-–/]\s?((?:19|20)?\d{2})(?!\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])|(?<![\w.,])\d+(?=-\w)")
_SPELLED = {n: word for n, word in DUTCH_NUMBERS.items() if n <= 20}
_TENS = {n: word for n, word in DUTCH_NUMBERS.items() if 20 <= n <= 80 and n % 10 == 0}


def missing_entities(question: str, chunk: Chunk, gazetteer: Gazetteer | None) -> tuple[str, ...]:
    """The places, school years, years and numbers that the question names and the passage
    (its text, example title, footnotes, and for a footnote the sentence citing it) does not:
    "Groningse" when the passage is about Friesland, "2015-2016" when it reports 2016-2017."""
    passage = " ".join(
        [chunk.text, chunk.title or "", chunk.cited_in or "", *(f.text for f in chunk.footnotes)]
    )
    places, ranges, numbers = _named_in(passage, gazetteer)
    missing: list[str] = []
    if gazetteer is not None:
        asked = gazetteer.tag(question)
        here = {*chunk.regions, *chunk.provinces, *places}
        missing += [r for r in asked.regions if r not in here and not set(asked.provinces) & here]
    rest = question
    for match in _YEAR_RANGE.finditer(question):
        if (match.group(1), match.group(2)[-2:]) not in ranges:
            missing.append(match.group(0))
        rest = rest.replace(match.group(0), " ")
    if chunk.goal is not None:
        rest = re.sub(rf"\bdoel {chunk.goal}\b", " ", rest, flags=re.IGNORECASE)
    missing += [n for n in _NUMBER.findall(rest) if n.replace(".", "") not in numbers]
    return tuple(dict.fromkeys(missing))


@functools.lru_cache(maxsize=1024)
def _named_in(
    passage: str, gazetteer: Gazetteer | None
) -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
    """The regions and provinces, school years and numbers a passage names (once per passage:
    the answer step asks for them with every question)."""
    places: frozenset[str] = frozenset()
    if gazetteer is not None:
        named = gazetteer.tag(passage)
        places = frozenset([*named.regions, *named.provinces])
    ranges = {(m.group(1), m.group(2)[-2:]) for m in _YEAR_RANGE.finditer(passage)}
    numbers = {n.replace(".", "") for n in _NUMBER.findall(passage)}
    # "groep 7-leerlingen" in a question, "groep zeven" in the report; "50-plussers",
    # "vijftigplussers".
    folded = fold(passage)
    words = set(re.findall(r"\w+", folded))
    numbers |= {str(n) for n, word in _SPELLED.items() if word in words}
    numbers |= {str(n) for n, word in _TENS.items() if word in folded}
    numbers |= {n for a, b in ranges for n in (a, a[:2] + b)}
    return places, frozenset(ranges), frozenset(numbers)


def source_of(chunk: Chunk, start: int, end: int) -> Source:
    """The source of the span `start`-`end` of a chunk's text."""
    return Source(
        goal=chunk.goal,
        goal_title=chunk.goal_title,
        section=chunk.section,
        kind=chunk.kind,
        title=chunk.title,
        urls=list(chunk.urls),
        footnotes=cited_footnotes(chunk, start, end),
        document=chunk.document,
        document_title=chunk.document_title,
        start=chunk.source_offset(start),
        end=chunk.source_offset(end - 1) + 1,
        cited_in=chunk.cited_in,
    )


def _abstain(
    question: str, searched: str, confidence: float, hits: list[Hit], notice: str | None
) -> Answer:
    return Answer(
        question=question,
        searched=searched,
        text=ABSTENTION,
        value=None,
        value_start=None,
        value_end=None,
        start=None,
        end=None,
        hit_id=None,
        abstained=True,
        confidence=confidence,
        source=None,
        hits=hits,
        notice=notice,
    )


@functools.lru_cache(maxsize=4)
def _gazetteer(path: Path | None) -> Gazetteer:
    return load_gazetteer(path)


__all__ = ["ABSTENTION", "Answer", "AnswerError", "Source", "answer"]
