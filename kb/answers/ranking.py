"""Ranking candidate sentences: a weighted sum of their features, best first.

The weights are set by hand and checked with cross-validation on eval/dev.jsonl
(benchmarks/fit_answer_weights.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.regions import Gazetteer
from kb.answers.features import Features, sentence_features
from kb.answers.question import QuestionType
from kb.answers.values import Value
from kb.embed import Vectors
from kb.index import Hit
from kb.sentence_store import Sentence, SentenceStore


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
