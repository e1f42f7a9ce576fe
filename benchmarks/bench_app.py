"""App figures: cold start with a built index, answer latency in the browser, memory.

    .venv/bin/python benchmarks/bench_app.py                 # the index of kb.toml / KB_* settings
    .venv/bin/python benchmarks/bench_app.py --runs 5 --build-dir /tmp/kb-build

Cold start: from starting `streamlit run app/main.py` until the chat input can be typed into in
headless Chromium (the first page load includes loading the model and the index). Answer: from
pressing Enter until the quoted answer (or the abstention) is on screen, over the first
questions of the conversation set (eval/conversations.jsonl) and the follow-ups of QUESTIONS.
Memory: resident set size of the app process after the questions and after `--sessions`
browser sessions that each ask one question. Targets (issue 13): cold start <= 4 s, answer p95
<= 1 s over >= 20 questions.
Needs Debian's /usr/bin/chromium; when there is no index yet, one is built first (not timed).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.settings import Settings, load_settings  # noqa: E402
from tests.support.serve import CHROMIUM, CHROMIUM_ARGS, free_port, start  # noqa: E402

QUESTIONS = [
    "hoeveel cross-over kwalificaties raken techniek?",
    "Hoeveel geld kreeg het Alfa-college voor het innovatiecentrum?",
    "Welke voorbeelden zijn er in Limburg?",
    "welk doel is dat?",
    "Wie won de Tour de France?",
    "Welk aandeel van de jongeren op het mbo kiest voor techniek?",
]


def first_questions(limit: int = 18) -> list[str]:
    """The first question of the first `limit` conversations of the conversation set."""
    path = ROOT / "eval" / "conversations.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    return [json.loads(line)["turns"][0]["asked"] for line in lines if line.strip()]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def sessions(browser: Any, url: str, count: int) -> None:
    """`count` browser sessions one after another, each asking one question, then closed."""
    questions = first_questions(count) or QUESTIONS
    for number in range(count):
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(url)
        ask(page, questions[number % len(questions)], 0)
        page.close()


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ensure_build(settings: Settings) -> None:
    from kb.store import current_build

    if current_build(settings) is not None:
        return
    print(f"no index in {settings.build_dir}: building it first (not timed)")
    subprocess.run(
        [sys.executable, "-m", "kb.cli", "build", "--build-dir", str(settings.build_dir)],
        check=True,
        cwd=ROOT,
    )


def open_when_up(page: Any, url: str, started: float, timeout: float = 60.0) -> tuple[float, float]:
    """Load the page as soon as the server answers; seconds from `started` until the server
    answered and until the page was interactive."""
    while True:
        try:
            with urllib.request.urlopen(f"{url}_stcore/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.perf_counter() - started > timeout:
                raise
            time.sleep(0.02)
    up = time.perf_counter() - started
    page.goto(url, timeout=timeout * 1000)
    page.get_by_test_id("stChatInput").locator("textarea").wait_for(timeout=timeout * 1000)
    return up, time.perf_counter() - started


def ask(page: Any, question: str, turn: int) -> float:
    box = page.get_by_test_id("stChatInput").locator("textarea")
    box.fill(question)
    started = time.perf_counter()
    box.press("Enter")
    # The assistant message of this turn holds the feedback thumbs once it is complete.
    page.get_by_test_id("stChatMessage").nth(2 * turn + 1).get_by_text(
        "Was dit antwoord nuttig?"
    ).wait_for(timeout=30_000)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts to time")
    parser.add_argument("--build-dir", type=Path, help="index folder (default: settings)")
    parser.add_argument("--sessions", type=int, default=40, help="sessions for the memory figure")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    settings = load_settings(build_dir=args.build_dir)
    ensure_build(settings)
    env = {**os.environ, "KB_BUILD_DIR": str(settings.build_dir.resolve())}
    env["KB_DATA_DIR"] = str(Path("/tmp") / f"bench-app-data-{os.getpid()}")
    colds: list[float] = []
    ups: list[float] = []
    answers: list[float] = []
    memory: list[tuple[float, float]] = []
    after_sessions = float("nan")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(args.runs):
            port = free_port()
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            started = time.perf_counter()
            process = start(env, port)
            try:
                up, interactive = open_when_up(page, f"http://127.0.0.1:{port}/", started)
                ups.append(up)
                colds.append(interactive)
                after_start = rss_mib(process.pid)
                if run == 0:
                    for turn, question in enumerate(first_questions() + QUESTIONS):
                        answers.append(ask(page, question, turn))
                memory.append((after_start, rss_mib(process.pid)))
                if run == 0:
                    sessions(browser, f"http://127.0.0.1:{port}/", args.sessions)
                    after_sessions = rss_mib(process.pid)
            finally:
                page.close()
                process.terminate()
                process.wait(timeout=10)
        browser.close()

    print(f"index:              {settings.build_dir}")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average:       {load} on {os.cpu_count()} CPUs (other work slows every figure)")
    print(f"server up:          median {statistics.median(ups):.2f} s (health endpoint answers)")
    print(
        f"cold start:         median {statistics.median(colds):.2f} s, "
        f"max {max(colds):.2f} s over {len(colds)} starts (target <= 4 s)"
    )
    print(
        f"answer visible:     median {statistics.median(answers):.3f} s, "
        f"p95 {p95(answers):.3f} s, max {max(answers):.3f} s over {len(answers)} questions "
        "(target p95 <= 1 s)"
    )
    first = memory[0]
    print(
        f"memory (RSS):       {first[0]:.0f} MiB after start, {first[1]:.0f} MiB after questions, "
        f"{after_sessions:.0f} MiB after {args.sessions} more sessions"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
