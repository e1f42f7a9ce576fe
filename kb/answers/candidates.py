"""Candidate answers and their feature rows: (question, sentence, value) → named numbers.

Every sentence of the retrieved passages is a candidate, once for each value of the asked type
that it holds (and once without a value when it holds none), so that the sentence and the
value are ranked together. `FEATURES` names the columns of a row; the fitted ranker
(kb.answers.model) reads them by name, so a new feature is added here and refitted, never
weighted by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ingest.regions import Gazetteer
from kb.analyser import analyse
from kb.answers.agents import someone, wanted
from kb.answers.features import ANAPHOR, CAUSE, LINKED, holds
from kb.answers.memory import MEMORY_FEATURES, MemoryView
from kb.answers.periods import asks_period, find_periods
from kb.answers.places import other_place
from kb.answers.question import (
    QUESTION_TYPES,
    SINGLE_YEAR,
    QuestionInfo,
    QuestionType,
    cued_type,
    missing_entities,
)
from kb.answers.relative import relative_columns, relative_names
from kb.answers.value_choice import ValueFit, value_fits
from kb.answers.values import Value, find_values
from kb.embed import Vectors
from kb.index import Hit
from kb.sentence_store import Sentence, SentenceStore

_ABSOLUTE: tuple[str, ...] = (
    # the sentence
    "similarity",
    "similarity_gap",
    "similarity_rank",
    "lexical",
    "lexical_raw",
    "previous_lexical",
    "anaphor",
    "linked",
    "sentence_coverage",
    "sentence_position",
    "sentence_length",
    "reason",
    "asked_noun",
    "sentence_missing_year",
    "passage_similarity_gap",
    "distinct_overlap",
    "overlap_count",
    "next_lexical",
    "sentence_missing_rare",
    "similarity_alone",
    # its passage (coverage and rare terms: of the whole part, a bullet split into chunks)
    "passage_rank",
    "passage_dense",
    "passage_bm25",
    "passage_coverage",
    "passage_missing",
    "passage_missing_rare",
    "footnote",
    "note_wanted",
    "sentence_other_place",
    "sentence_someone",
    "context_missing_year",
    # the value
    "has_value",
    "value_count",
    "value_index",
    "value_last",
    "value_terms",
    "value_named",
    "value_direction",
    "value_counted",
    "value_phrase",
    "value_specificity",
    "value_closeness",
    "value_ambition",
    "value_current",
    "value_year_asked",
    "value_school_match",
    "value_ambition_unasked",
    "value_terms_gap",
    "value_exclusive_terms",
    "value_picked",
    "value_kind_probability",
    "value_kind_top",
    # the question: how likely each type is
    *(f"asks_{kind}" for kind in QUESTION_TYPES),
    "asks_now",
    "asks_ambition",
)
RELATIVE_TO_QUESTION: tuple[str, ...] = (
    "similarity",
    "lexical_raw",
    "sentence_coverage",
    "distinct_overlap",
    "overlap_count",
    "value_terms",
    "value_closeness",
    "passage_dense",
    "passage_coverage",
    "passage_bm25",
)
"""The main evidence, also compared with the question's other candidates (kb.answers.relative)."""
RELATIVE_TO_PASSAGE: tuple[str, ...] = (
    "similarity",
    "lexical_raw",
    "sentence_coverage",
    "value_terms",
)
"""Evidence also compared with the other candidates of the same passage."""
FEATURES: tuple[str, ...] = (
    *_ABSOLUTE,
    *relative_names(RELATIVE_TO_QUESTION, RELATIVE_TO_PASSAGE),
    *MEMORY_FEATURES,
)
"""The columns of a candidate's feature row, in order; the memory's last
(kb.answers.memory)."""
MIN_TYPE_PROBABILITY = 0.15

_AMBITION = re.compile(
    r"\b(?:ambitie\w*|streef\w*|streven|doel(?:stelling)?|moet(?:en)?|zal|zullen|willen|wil"
    r"|in 2020|tot 2020|richting 2020|verwacht\w*)\b",
    re.IGNORECASE,
)
_CURRENT = re.compile(
    r"\b(?:nu|inmiddels|momenteel|thans|huidige?|op dit moment|al|reeds|gestegen|gedaald)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    """One possible answer: a sentence of a retrieved passage and a value of the asked type in
    it (None when it holds none)."""

    hit: Hit
    number: int
    """The sentence's number in the sentence store."""
    sentence: Sentence
    value: Value | None
    kind: QuestionType | None
    """The question type the value answers (None without a value)."""


def candidates_of(
    store: SentenceStore,
    hits: Sequence[Hit],
    vector: Vectors,
    info: QuestionInfo,
    types: Mapping[QuestionType, float],
    gazetteer: Gazetteer | None,
    *,
    periods: bool = True,
    worded: bool = False,
    memory: MemoryView | None = None,
) -> tuple[list[Candidate], npt.NDArray[np.float32]]:
    """Every candidate of `hits`' sentences with its feature row (columns `FEATURES`).

    Values are looked for of each question type that `types` (type -> probability) finds
    likely enough, so that a question whose type is misread still has its answer among the
    candidates; the ranker weighs each value by its type's probability. With `periods`, a
    range of two values or a duration (kb.answers.periods) is a candidate too, beside the
    values it joins; the claim check, which reads one value at a time, leaves them out. With
    `worded`, also values of the type the words name by a cue (`looked_for`).
    """
    kinds = looked_for(types, info, worded)
    period_asked = asks_period(info.text)
    numbers = [n for hit in hits for n in store.of_chunk(hit.chunk.id)]
    owners = [hit for hit in hits for _ in store.of_chunk(hit.chunk.id)]
    if not numbers:
        return [], np.zeros((0, len(FEATURES)), dtype=np.float32)
    context = _Context.of(store, hits, numbers, owners, vector, info, gazetteer)
    candidates: list[Candidate] = []
    rows: list[list[float]] = []
    for i, (number, hit) in enumerate(zip(numbers, owners, strict=True)):
        sentence = store.sentences[number]
        shared = context.sentence_row(i, number, hit, sentence, store, info)
        asks = [types.get(kind, 0.0) for kind in QUESTION_TYPES]
        asks += [float(info.asks_now), float(info.asks_ambition)]
        candidates.append(Candidate(hit, number, sentence, None, None))
        empty = _value_row(sentence.text, None, None, 0, info)
        rows.append(shared + empty + [0.0] * 5 + asks)
        for kind in kinds:
            values = find_values(sentence.text, kind, gazetteer)
            joined = find_periods(sentence.text, kind, period_asked, values) if periods else []
            values = sorted([*values, *joined], key=lambda v: (v.start, v.end))
            fits = value_fits(sentence.text, values, info)
            most = max((fit.terms for _, fit in fits), default=0)
            for value, fit in fits:
                candidates.append(Candidate(hit, number, sentence, value, kind))
                row = _value_row(sentence.text, value, fit, len(fits), info)
                # Two numbers in one sentence: the one whose clause holds more of the question.
                gap = [float(fit.terms - most), float(fit.exclusive), float(fit.picked)]
                chance = [types.get(kind, 0.0), float(kind == kinds[0])]
                rows.append(shared + row + gap + chance + asks)
    absolute = np.asarray(rows, dtype=np.float32)
    relative = relative_columns(
        absolute,
        [c.hit.chunk.id for c in candidates],
        [_ABSOLUTE.index(name) for name in RELATIVE_TO_QUESTION],
        [_ABSOLUTE.index(name) for name in RELATIVE_TO_PASSAGE],
    )
    return candidates, np.hstack([absolute, relative, _remembered(memory, vector, candidates)])


def _remembered(
    memory: MemoryView | None, vector: Vectors, candidates: Sequence[Candidate]
) -> npt.NDArray[np.float32]:
    """The candidates' memory columns (`MEMORY_FEATURES`): 0 without a memory."""
    if memory is None:
        return np.zeros((len(candidates), len(MEMORY_FEATURES)), dtype=np.float32)
    return memory.columns(vector, [c.number for c in candidates])


@dataclass(frozen=True)
class _Context:
    """What every sentence's row is compared with: the other sentences and passages."""

    similarity: npt.NDArray[np.float32]
    alone: npt.NDArray[np.float32]
    """Cosine of the question and each sentence embedded alone (without the one before)."""
    similarity_rank: dict[int, int]
    lexical: npt.NDArray[np.float32]
    lexical_top: float
    position: dict[int, int]
    owners: list[Hit]
    bm25_top: float
    missing: dict[str, int]
    coverage: dict[str, float]
    asked_terms: list[str]
    weights: list[float]
    passage_best: dict[str, float]
    """The best similarity of a sentence in each passage."""
    top_idf: float
    gazetteer: Gazetteer | None
    wanted: int
    """Whom the question asks the sentence to name (kb.answers.agents.wanted); the sentences
    are read for it (`sentence_someone`, 0 otherwise) only when it asks someone."""

    @staticmethod
    def of(
        store: SentenceStore,
        hits: Sequence[Hit],
        numbers: list[int],
        owners: list[Hit],
        vector: Vectors,
        info: QuestionInfo,
        gazetteer: Gazetteer | None,
    ) -> _Context:
        similarity = store.vectors[numbers] @ vector[0]
        order = np.argsort(-similarity, kind="stable")
        lexical = store.bm25(analyse(info.text, question=True), numbers)
        asked = list(dict.fromkeys(analyse(info.text)))
        weights = [store.idf(t) for t in asked]
        coverage = {
            hit.chunk.id: _covered(asked, weights, store.part_terms(hit.chunk.id)) for hit in hits
        }
        best: dict[str, float] = {}
        for i, hit in enumerate(owners):
            best[hit.chunk.id] = max(best.get(hit.chunk.id, -1.0), float(similarity[i]))
        return _Context(
            top_idf=store.idf("\x00"),
            gazetteer=gazetteer,
            wanted=wanted(info),
            passage_best=best,
            similarity=similarity,
            alone=store.alone[numbers] @ vector[0],
            similarity_rank={int(i): rank for rank, i in enumerate(order, start=1)},
            lexical=lexical,
            lexical_top=float(lexical.max()) if len(lexical) else 0.0,
            position={n: i for i, n in enumerate(numbers)},
            owners=owners,
            bm25_top=max((h.bm25_score or 0.0 for h in hits), default=0.0),
            missing={
                h.chunk.id: len(missing_entities(info.text, h.chunk, gazetteer)) for h in hits
            },
            coverage=coverage,
            asked_terms=asked,
            weights=weights,
        )

    def _missing_rare(self, present: frozenset[str]) -> float:
        """The rarest question term that `present` lacks, as its IDF over the highest IDF:
        near 1 when a name the question asks about ("Noorderpoort") is not there."""
        absent = [
            w for t, w in zip(self.asked_terms, self.weights, strict=True) if t not in present
        ]
        return max(absent, default=0.0) / self.top_idf if self.top_idf > 0 else 0.0

    def sentence_row(
        self,
        i: int,
        number: int,
        hit: Hit,
        sentence: Sentence,
        store: SentenceStore,
        info: QuestionInfo,
    ) -> list[float]:
        top = self.lexical_top
        lexical = float(self.lexical[i]) / top if top > 0 else 0.0
        before = self.position.get(number - 1)
        previous = 0.0
        if before is not None and self.owners[before] is hit and top > 0:
            previous = float(self.lexical[before]) / top
        own = store.of_chunk(hit.chunk.id)
        at = own.index(number)
        years = SINGLE_YEAR.findall(info.text)
        prior = store.sentences[own[at - 1]] if at > 0 and years else None
        context = _with_previous(sentence, prior)
        after = self.position.get(number + 1)
        following = 0.0
        if after is not None and self.owners[after] is hit and top > 0:
            following = float(self.lexical[after]) / top
        terms = store.term_set(number)
        distinct = _covered(self.asked_terms, self.weights, store.own_terms(number))
        overlap = sum(1 for t in self.asked_terms if t in terms)
        return [
            float(self.similarity[i]),
            float(self.similarity[i] - self.similarity.max()),
            1.0 / self.similarity_rank[i],
            lexical,
            float(np.log1p(self.lexical[i])),
            previous,
            float(bool(ANAPHOR.match(sentence.text))),
            float(bool(LINKED.match(sentence.text))),
            _covered(self.asked_terms, self.weights, terms),
            at / max(len(own), 1),
            min(len(sentence.text), 600) / 100.0,
            float(info.why and bool(CAUSE.search(sentence.text))),
            float(bool(info.nouns) and holds(store.terms(number), info.nouns)),
            float(sum(1 for y in years if y not in sentence.text)),
            float(self.similarity[i]) - self.passage_best[hit.chunk.id],
            distinct,
            float(overlap),
            following,
            self._missing_rare(terms),
            float(self.alone[i]),
            1.0 / hit.rank,
            hit.dense_score or 0.0,
            (hit.bm25_score or 0.0) / self.bm25_top if self.bm25_top > 0 else 0.0,
            self.coverage[hit.chunk.id],
            float(self.missing[hit.chunk.id]),
            self._missing_rare(store.part_terms(hit.chunk.id)),
            float(hit.chunk.kind == "voetnoot"),
            float(info.wants_note),
            float(other_place(info.text, sentence.text, self.gazetteer)),
            float(someone(info.text, sentence.text) if self.wanted else 0),
            float(sum(1 for y in years if y not in context)),
        ]


def _with_previous(sentence: Sentence, before: Sentence | None) -> str:
    """The sentence with the one before it in its passage when it goes on with that one's
    subject (`ANAPHOR`): "Dat maakte minister Bussemaker ... op 16 november 2016 bekend" says
    when the year of the sentence before was announced (kb.answers.gates.year_gate)."""
    if before is None or not ANAPHOR.match(sentence.text):
        return sentence.text
    return f"{before.text} {sentence.text}"


def _covered(asked: list[str], weights: list[float], present: frozenset[str]) -> float:
    """IDF-weighted share of the question's terms that `present` holds."""
    total = sum(weights)
    found = sum(w for t, w in zip(asked, weights, strict=True) if t in present)
    return found / total if total > 0 else 0.0


_SCHOOL = re.compile(
    r"\b(?:(havo|havist|vwo|vmbo|mbo|hbo|pabo|basisonderwijs|basisschol|kader|basisberoeps"
    r"|gemengde leerweg|theoretische leerweg)\w*|(wo|bol|bbl|niveau [1-4])\b)",
    re.IGNORECASE,
)
_SAME_SCHOOL = {"havist": "havo"}


def _school_match(sentence: str, value: Value, question: str) -> float:
    """+1 when a school type the question names stands right before the value ("op de havo
    ... 43%"), -1 when only another type does ("het aandeel op het vwo ligt op 62%"). The
    column as the model was fitted on it; the rule on a sentence's figures reads a figure's
    own clause instead (`kb.answers.schools`, `kb.answers.decide.figure_rules`)."""
    asked = _schools(question)
    if not asked:
        return 0.0
    near = _schools(sentence[max(0, value.start - 45) : value.start])
    if near & asked:
        return 1.0
    return -1.0 if near else 0.0


def _schools(text: str) -> set[str]:
    """The school types a text names ("havoleerlingen", "havisten" -> "havo")."""
    names = {(a or b).lower() for a, b in _SCHOOL.findall(text)}
    return {_SAME_SCHOOL.get(name, name) for name in names}


def likely_types(types: Mapping[QuestionType, float]) -> list[QuestionType]:
    """The question types worth looking for values of: the likeliest, and up to two more
    with a probability of at least `MIN_TYPE_PROBABILITY`; best first."""
    ranked = sorted(types, key=lambda kind: -types[kind])
    return [k for i, k in enumerate(ranked[:3]) if i == 0 or types[k] >= MIN_TYPE_PROBABILITY]


def looked_for(
    types: Mapping[QuestionType, float], info: QuestionInfo, worded: bool
) -> list[QuestionType]:
    """`likely_types`, and with `worded` the type the question's words name by a cue of their
    own (`cued_type`) when the type model found it unlikely ("Welk deel ..." read as
    "other"); the claim check, whose type is the claim's, looks for none more."""
    kinds = likely_types(types)
    cued = cued_type(info) if worded else None
    return kinds if cued is None or cued in kinds else [*kinds, cued]


def _value_row(
    sentence: str, value: Value | None, fit: ValueFit | None, count: int, info: QuestionInfo
) -> list[float]:
    if value is None or fit is None:
        return [0.0] * 16
    around = sentence[max(0, value.start - 60) : value.end + 30]
    years = SINGLE_YEAR.findall(info.text)
    return [
        1.0,
        float(count),
        fit.index / max(count - 1, 1),
        float(fit.index == count - 1),
        float(fit.terms),
        float(fit.named),
        float(fit.leads),
        float(fit.counted),
        float(fit.phrase),
        float(fit.specificity),
        fit.closeness,
        float(bool(_AMBITION.search(around))),
        float(bool(_CURRENT.search(around))),
        float(any(y in value.text for y in years)),
        _school_match(sentence, value, info.folded),
        float(bool(_AMBITION.search(around)) and not info.asks_ambition),
    ]
