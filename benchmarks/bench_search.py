"""Benchmark: cold build time, search latency against bare query embedding, peak memory.

    .venv/bin/python benchmarks/bench_search.py [--embedder e5-small-q4] [--repeat 3]

Builds the real corpus into a temporary folder with an empty embedding cache (a cold build),
then times, for every question of eval/dev.jsonl, the full hybrid search and the bare
`embed_queries` call of the same question, interleaved so that both see the same machine.
Targets (issue 3): build <= 60 s; search p50 <= 1.3 x bare embedding p50. Not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

from kb.build import build_index, ingest
from kb.embed import make_embedder
from kb.settings import Settings
from kb.store import load_index

ROOT = Path(__file__).resolve().parent.parent


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="e5-small-q4")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "dev.jsonl")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            corpus_dir=ROOT / "corpus",
            build_dir=Path(tmp) / "build",
            cache_dir=Path(tmp) / "cache",
            embedder=args.embedder,
        )
        started = time.perf_counter()
        embedder = make_embedder(settings)
        loaded = time.perf_counter()
        result = ingest(settings)
        ingested = time.perf_counter()
        info = build_index(result.chunks, settings, embedder, corpus_hash=result.corpus_hash)
        built = time.perf_counter()
        index = load_index(settings, embedder)
        opened = time.perf_counter()

        lines = args.questions.read_text(encoding="utf-8").splitlines()
        questions = [json.loads(line)["question"] for line in lines if line.strip()]
        for question in questions[:5]:  # warm-up
            index.search(question)
        search_ms: list[float] = []
        embed_ms: list[float] = []
        for _ in range(args.repeat):
            for question in questions:
                t0 = time.perf_counter()
                embedder.embed_queries([question])
                t1 = time.perf_counter()
                index.search(question)
                t2 = time.perf_counter()
                embed_ms.append((t1 - t0) * 1000)
                search_ms.append((t2 - t1) * 1000)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    search_p50, embed_p50 = statistics.median(search_ms), statistics.median(embed_ms)
    print(f"embedder            {embedder.name} (dimension {embedder.dimension})")
    print(f"chunks              {info.chunks}")
    print(f"model load          {loaded - started:7.2f} s")
    print(f"ingest              {ingested - loaded:7.2f} s")
    print(f"build (cold cache)  {built - ingested:7.2f} s   target <= 60 s")
    print(f"load index          {opened - built:7.2f} s")
    print(f"questions           {len(questions)} x {args.repeat}")
    print(
        f"search   p50 {search_p50:6.2f} ms   p95 {_percentile(search_ms, 0.95):6.2f} ms"
        "   (hybrid, top 5)"
    )
    print(f"embed    p50 {embed_p50:6.2f} ms   p95 {_percentile(embed_ms, 0.95):6.2f} ms")
    print(f"ratio    search p50 / embed p50 = {search_p50 / embed_p50:.3f}   target <= 1.3")
    print(f"peak memory (max RSS) {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
