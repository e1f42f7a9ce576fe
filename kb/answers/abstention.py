"""Abstention: whether the best candidate answers, or the report says nothing about it.

The confidence is a logistic function of the sentence's similarity and of how much of the
question the passage covers, calibrated on eval/dev.jsonl (benchmarks/calibrate_abstention.py);
it is 0 when the question names a place, year or number the passage lacks, or asks for a value
the sentence does not hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ingest.regions import Gazetteer
from kb.analyser import analyse
from kb.answers.question import SINGLE_YEAR, missing_entities
from kb.answers.ranking import Candidate
from kb.sentence_store import SentenceStore
from kb.settings import Settings


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
        missing += tuple(y for y in SINGLE_YEAR.findall(question) if y not in best.sentence.text)
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
