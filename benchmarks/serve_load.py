"""Load test of `kb serve` on loopback (figures, not a test): one client alone, then 16
clients for 60 s on `POST /v1/answer` with the dev questions (eval/dev.jsonl); then 16
clients again while `kb build --force` swaps the index, checking every response against the
build it names (X-KB-Build): its passages and the quoted passage are that build's.

    .venv/bin/python benchmarks/serve_load.py [--clients 16] [--seconds 60] [--solo 20]

Needs a build of the default settings (`kb build`). Works on a copy of it in a temporary
folder; the swaps alternate chunk sizes 700 and 900 (so that two builds hold different
passages), with the settings' embedding cache, warmed before the clock starts. Requests go
to 127.0.0.1 only, and every loop stops at its deadline. The clients share the machine's
cores with the server: the figures are for both on one box.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kb.settings import load_settings
from tests.support.api_fixtures import stop, wait_ready
from tests.support.serve import free_port

ROOT = Path(__file__).resolve().parents[1]
MAX_REQUESTS_PER_CLIENT = 100_000


@dataclass
class Phase:
    """What the clients of one phase saw."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    responses: list[tuple[str, list[tuple[str, str]], str | None]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.latencies)
        cut = statistics.quantiles(ordered, n=100) if len(ordered) > 1 else ordered * 99
        return {
            "requests": len(ordered),
            "errors": len(self.errors),
            "p50_ms": round(cut[49] * 1000, 1),
            "p95_ms": round(cut[94] * 1000, 1),
            "per_second": round(len(ordered) / self.seconds, 2),
        }


def dev_questions() -> list[str]:
    rows = (ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(row)["question"] for row in rows if row.strip()]


def client_loop(url: str, questions: list[str], start: int, deadline: float, phase: Phase) -> None:
    with httpx.Client(base_url=url, timeout=120) as client:
        for n in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            question = questions[(start + n) % len(questions)]
            began = time.perf_counter()
            try:
                reply = client.post("/v1/answer", json={"question": question})
            except httpx.HTTPError as exc:
                phase.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            took = time.perf_counter() - began
            if reply.status_code != 200:
                phase.errors.append(f"{reply.status_code}: {reply.text[:200]}")
                continue
            record = reply.json()
            hits = [(h["id"], h["text"]) for h in record["hits"]]
            phase.latencies.append(took)
            phase.responses.append((reply.headers["x-kb-build"], hits, record["answer"]["hit_id"]))


def run_clients(url: str, questions: list[str], clients: int, seconds: float) -> Phase:
    phase = Phase()
    began = time.monotonic()
    deadline = began + seconds
    threads = [
        threading.Thread(target=client_loop, args=(url, questions, i * 7, deadline, phase))
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.monotonic() - began
    return phase


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def kb_build(env: dict[str, str], chunk_size: int) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "kb.cli", "build", "--force"],
        env={**env, "KB_CHUNK_SIZE": str(chunk_size)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()[1].rstrip(":")


def keep_chunks(build_dir: Path, build: str, kept: Path) -> None:
    """A copy of a build's passages: `kb build` removes builds older than the previous one."""
    kept.mkdir(exist_ok=True)
    shutil.copy(build_dir / "builds" / build / "chunks.jsonl", kept / f"{build}.jsonl")


def swapping(env: dict[str, str], until: threading.Event, built: list[str], kept: Path) -> None:
    sizes = (700, 900)
    while not until.is_set():
        build = kb_build(env, sizes[len(built) % 2])
        keep_chunks(Path(env["KB_BUILD_DIR"]), build, kept)
        built.append(build)


def check_builds(kept: Path, phase: Phase) -> dict[str, int]:
    """Responses per build; every passage of a response must be its build's, as it is there."""
    chunks: dict[str, dict[str, str]] = {}
    per_build: dict[str, int] = {}
    for build, hits, quoted in phase.responses:
        if build not in chunks:
            rows = (kept / f"{build}.jsonl").read_text("utf-8").splitlines()
            chunks[build] = {row["id"]: row["text"] for row in map(json.loads, rows)}
        texts = chunks[build]
        mixed = any(texts.get(hit) != text for hit, text in hits) or (
            quoted is not None and quoted not in texts
        )
        if mixed:
            phase.errors.append(f"a response of build {build} holds another build's passage")
        per_build[build] = per_build.get(build, 0) + 1
    return per_build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--solo", type=float, default=20, help="seconds of one client alone")
    args = parser.parse_args()
    settings = load_settings()
    folder = Path(tempfile.mkdtemp(prefix="serve-load-"))
    shutil.copytree(settings.build_dir, folder / "build")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KB_")},
        "KB_BUILD_DIR": str(folder / "build"),
        "KB_CACHE_DIR": str(settings.cache_dir.resolve()),
    }
    warm = time.perf_counter()
    kb_build(env, 700)
    kb_build(env, 900)
    print(f"swap builds warmed in {time.perf_counter() - warm:.0f} s")
    port = free_port()
    log = folder / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "kb.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(process, url, log, timeout=600)
        report(url, process.pid, env, folder, args)
    finally:
        stop(process)
        shutil.rmtree(folder, ignore_errors=True)


def report(url: str, pid: int, env: dict[str, str], folder: Path, args: argparse.Namespace) -> None:
    questions = dev_questions()
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    rss_start = rss_mb(pid)
    solo = run_clients(url, questions, 1, args.solo)
    print(f"1 client, {args.solo:.0f} s: {solo.summary()}")
    many = run_clients(url, questions, args.clients, args.seconds)
    loaded = many.summary()
    print(f"{args.clients} clients, {args.seconds:.0f} s: {loaded}")
    scale = loaded["per_second"] / solo.summary()["per_second"]
    print(f"throughput relative to one client: {scale:.2f}x")
    print(f"server RSS: {rss_start:.0f} MB at start, {rss_mb(pid):.0f} MB after the load")
    build_dir, kept = folder / "build", folder / "kept"
    current = (build_dir / "CURRENT").read_text().strip()
    keep_chunks(build_dir, current, kept)
    until, built = threading.Event(), []
    swapper = threading.Thread(target=swapping, args=(env, until, built, kept))
    swapper.start()
    swapped = run_clients(url, questions, args.clients, args.seconds)
    until.set()
    swapper.join()
    per_build = check_builds(kept, swapped)
    print(f"{args.clients} clients, {args.seconds:.0f} s, swapping: {swapped.summary()}")
    print(f"builds made during the run: {len(built)}; responses per build: {per_build}")
    print(f"server RSS after the swaps: {rss_mb(pid):.0f} MB")
    for error in (many.errors + swapped.errors)[:10]:
        print(f"error: {error}")


if __name__ == "__main__":
    main()
