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

import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path

from ingest.model import Chunk, FootnoteRef
from ingest.regions import Gazetteer, load_gazetteer
from kb.answers.abstention import Evidence, confidence_of, weigh
from kb.answers.candidates import Candidate
from kb.answers.decide import Decision, decide
from kb.answers.listing import Item, ListRequest, in_place, list_items, list_request
from kb.answers.model import AnswerModel, load_model
from kb.answers.question import QuestionInfo, question_type, shows_value
from kb.answers.ranking import Candidate as HandCandidate
from kb.answers.ranking import rank_sentences
from kb.answers.values import Value
from kb.embed import Vectors
from kb.errors import AnswerError
from kb.index import Filters, Hit, Index, clean_question
from kb.sentence_store import Sentence, SentenceStore, cited_footnotes
from kb.settings import Settings

ABSTENTION = "Het rapport bevat hierover geen informatie."


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
class Alternative:
    """A runner-up sentence whose score came close to the answer's ("Ook mogelijk")."""

    text: str
    value: str | None
    value_start: int | None
    value_end: int | None
    start: int
    end: int
    hit_id: str
    source: Source


@dataclass(frozen=True)
class Listed:
    """One item of a list answer: a part of the report with its title, first sentence
    (verbatim) and source."""

    id: str
    kind: str
    title: str | None
    text: str
    hit_id: str
    source: Source


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
    alternatives: list[Alternative] = field(default_factory=list)
    """Up to two runners-up close to the answer (none when abstaining)."""
    items: list[Listed] = field(default_factory=list)
    """For a list question ("Welke voorbeelden zijn er in Groningen?"): the parts of the report
    it asks for, in report order; `text` then says what is listed and `source` is None."""
    list_kind: str | None = None
    not_in_report: tuple[str, ...] = ()
    """When abstaining: the names the question asks about that the report never mentions
    ("Microsoft"; kb.answers.names, the name gate)."""


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
    sentence_store(index)
    listed = _listed(index, question, cleaned.text, cleaned.notice, filters, top_k)
    if listed is not None:
        return listed
    model = load_model()
    if model is not None:
        decision = decide(index, model, cleaned.text, filters, top_k, gazetteer_of(index.settings))
        return _decided(question, cleaned.text, cleaned.notice, decision, model, top_k)
    settings = index.settings
    hits, best, evidence = deliberate(index, cleaned.text, filters, top_k)
    shown = hits[:top_k]
    if best is None or evidence is None:
        return _abstain(question, cleaned.text, 0.0, shown, cleaned.notice)
    confidence = confidence_of(evidence, settings)
    if confidence < settings.answer_min_confidence:
        return _abstain(question, cleaned.text, confidence, shown, cleaned.notice)

    main = _quote(best.sentence, best.hit.chunk, best.value)
    return _answered(question, cleaned.text, cleaned.notice, main, confidence, shown, best.hit)


LIST_HEADINGS = {
    "examples": "Voorbeelden",
    "achievements": "Wat is er bereikt",
    "goals": "De doelen van het Techniekpact",
    "footnotes": "Voetnoten en Kamerstukken",
    "mentions": "Waar het rapport dit noemt",
}


def _listed(
    index: Index,
    question: str,
    searched: str,
    notice: str | None,
    filters: Filters | None,
    top_k: int,
) -> Answer | None:
    """The answer to a list question, from the report's structure; None for other questions
    and for a list question that finds nothing (it is then answered as a question)."""
    request = list_request(searched, gazetteer_of(index.settings), index.goal_titles)
    if request is None:
        return None
    items = [i for i in list_items(index, request) if _kept(i, filters)]
    if not items:
        return None
    listed = [_as_listed(item) for item in items]
    hits = index.search(searched, filters, top_k)
    return Answer(
        question=question,
        searched=searched,
        text=_heading(request, items),
        value=None,
        value_start=None,
        value_end=None,
        start=None,
        end=None,
        hit_id=None,
        abstained=False,
        confidence=1.0,
        source=None,
        hits=hits,
        notice=notice,
        items=listed,
        list_kind=request.kind,
    )


def _kept(item: Item, filters: Filters | None) -> bool:
    return filters is None or not filters.goals or item.goal in filters.goals


def _heading(request: ListRequest, items: list[Item]) -> str:
    where = [*request.provinces, *request.regions]
    heading = LIST_HEADINGS[request.kind]
    if request.goal is not None:
        heading += f" bij doel {request.goal}"
    elif request.goals:
        heading += f" bij doel {' en '.join(map(str, request.goals))}"
    if where and not any(in_place(item.chunk, request) for item in items):
        # No part names the city: its province's parts.
        heading += f" in {', '.join(request.nearby)} ({', '.join(where)} zelf komt niet voor)"
    elif where:
        heading += f" in {', '.join(where)}"
    elif request.national:
        heading = "Landelijke voorbeelden (zonder regio)"
    elif request.by_province:
        provinces = sorted({p for item in items for p in item.chunk.provinces})
        heading += f" in {len(provinces)} provincies: {', '.join(provinces)}"
    return f"{heading} ({len(items)})"


def _as_listed(item: Item) -> Listed:
    chunk = item.chunk
    start = chunk.text.find(item.text)
    # A goal is listed by its title; its source is then the goal's introduction.
    start, end = (start, start + len(item.text)) if start >= 0 else (0, len(chunk.text))
    return Listed(
        id=item.id,
        kind=item.kind,
        title=item.title,
        text=item.text,
        hit_id=chunk.id,
        source=source_of(chunk, start, end),
    )


def deliberate(
    index: Index, question: str, filters: Filters | None = None, top_k: int = 5
) -> tuple[list[Hit], HandCandidate | None, Evidence | None]:
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


def _decided(
    question: str,
    searched: str,
    notice: str | None,
    decision: Decision,
    model: AnswerModel,
    top_k: int,
) -> Answer:
    """The answer of the fitted step: the best candidate, or an abstention."""
    shown = decision.hits[:top_k]
    best = decision.best
    if best is None or decision.abstain:
        abstained = _abstain(question, searched, decision.probability, shown, notice)
        return dataclasses.replace(abstained, not_in_report=decision.info.unknown)
    main = _alternative(best, decision.info)
    runners_up = decision.runners_up()
    alternatives = [_alternative(c, decision.info) for c in runners_up]
    hit = decision.passage(best)
    return _answered(
        question, searched, notice, main, decision.probability, shown, hit, alternatives
    )


def _answered(
    question: str,
    searched: str,
    notice: str | None,
    main: Alternative,
    confidence: float,
    shown: list[Hit],
    hit: Hit,
    alternatives: list[Alternative] | None = None,
) -> Answer:
    """The answer quoting `main` from `hit`, whose passage is always listed (after the
    top_k passages when it ranked lower)."""
    return Answer(
        question=question,
        searched=searched,
        text=main.text,
        value=main.value,
        value_start=main.value_start,
        value_end=main.value_end,
        start=main.start,
        end=main.end,
        hit_id=main.hit_id,
        abstained=False,
        confidence=confidence,
        source=main.source,
        hits=shown if hit in shown else [*shown, hit],
        notice=notice,
        alternatives=alternatives or [],
    )


def _alternative(candidate: Candidate, info: QuestionInfo) -> Alternative:
    """A candidate as a quote; its value only when it is of the type the question asks
    (kb.answers.question.shows_value)."""
    value = candidate.value
    if value is not None and not shows_value(candidate.kind, info, value.text):
        value = None
    return _quote(candidate.sentence, candidate.hit.chunk, value)


def _quote(sentence: Sentence, chunk: Chunk, value: Value | None) -> Alternative:
    """A sentence of a chunk as a quote, with its value (a span of it) and its source."""
    return Alternative(
        text=sentence.text,
        value=value.text if value else None,
        value_start=value.start if value else None,
        value_end=value.end if value else None,
        start=sentence.start,
        end=sentence.end,
        hit_id=chunk.id,
        source=source_of(chunk, sentence.start, sentence.end),
    )


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
    # The question is embedded once: for the dense search and for scoring the sentences.
    vector = index.embed_question(text)
    return index.search(text, filters, top_k, vector=vector), vector


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


def gazetteer_of(settings: Settings) -> Gazetteer:
    """The gazetteer of `settings` (loaded once per file)."""
    return _gazetteer(settings.gazetteer)


@functools.lru_cache(maxsize=4)
def _gazetteer(path: Path | None) -> Gazetteer:
    return load_gazetteer(path)


__all__ = ["ABSTENTION", "Alternative", "Answer", "AnswerError", "Listed", "Source", "answer"]
