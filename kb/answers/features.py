"""The features of a candidate sentence: what its score is made of.

Each sentence of the retrieved passages gets one `Features` row: similarity to the question,
BM25, the passage's rank, whether it holds a value of the type asked and how well that value's
clause fits, places, years and numbers of the question the passage lacks, footnote cues, causes
for "waarom" and the asked noun for "welke".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.regions import Gazetteer
from kb.analyser import analyse, fold
from kb.answers.question import (
    CITATION,
    LETTER,
    VALUE_TYPES,
    WHY,
    QuestionType,
    asked_nouns,
    missing_entities,
)
from kb.answers.value_choice import weigh_value
from kb.answers.values import Value, find_values
from kb.embed import Vectors
from kb.index import Hit
from kb.sentence_store import Sentence, SentenceStore


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


CAUSE = re.compile(
    r"\b(?:door|doordat|omdat|vanwege|dankzij|wegens|als gevolg van|oorzaak|reden|daardoor"
    r"|hierdoor)\b",
    re.IGNORECASE,
)

LINKING = (
    r"Hiermee|Daarmee|Hiervan|Daarvan|Hierbij|Daarbij|Hierin|Daarin|Het gaat (?:dan |hierbij )?om"
)

LINKED = re.compile(rf"(?:{LINKING})\b")
"""A sentence start that carries the subject of the sentence before into this one."""

ANAPHOR = re.compile(rf"(?:{LINKING}|Dit|Deze|Dat|Zij|Ze|Hij)\b")
"""A sentence start that goes on with the subject of the sentence before (pronouns too)."""


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
    asks_note = bool(CITATION.search(folded)) or (kind == "date" and bool(LETTER.search(folded)))
    cited = 1 if asks_note else -1
    why = bool(WHY.search(folded))
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
            anaphor=bool(ANAPHOR.match(sentence.text)),
            rank=hit.rank,
            fits=value is not None and kind in VALUE_TYPES,
            named=value is not None and kind not in VALUE_TYPES and kind != "place",
            placed=value is not None and kind == "place",
            clause=words,
            noun=max(-1, min(1, noun)),
            missing=missing[hit.chunk.id],
            footnote=cited if hit.chunk.kind == "voetnoot" else 0,
            reason=why and bool(CAUSE.search(sentence.text)),
            asked=bool(nouns) and holds(store.terms(number), nouns),
        )
        # A value answers only when the sentence speaks of what was asked: it shares a word
        # with the question (or the sentence before does, for "Hiermee ..."), or the value is
        # followed by the counted noun.
        linked = previous > 0 and bool(LINKED.match(sentence.text))
        supported = features.lexical > 0 or noun > 0 or linked
        fits = (value is not None and supported) or kind not in VALUE_TYPES
        out.append((hit, sentence, features, fits, value))
    return out


def holds(terms: Counter[str], nouns: frozenset[str]) -> bool:
    """A term is the noun, or a compound ending in it ("borgloschool" holds "school")."""
    return any(t == n or (len(n) >= 4 and t.endswith(n)) for t in terms for n in nouns)


def _weigh(
    sentence: str, kind: QuestionType, question: str, gazetteer: Gazetteer | None
) -> tuple[Value | None, int, int]:
    return weigh_value(sentence, find_values(sentence, kind, gazetteer), question)
