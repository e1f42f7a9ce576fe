"""Simultaneous app sessions in a real browser: one `streamlit run` server, N Chromium pages
at once, each opening a permalink with its own question and goal filter. Prints errors,
cross-talk (an answer from another session's goal) and latency; a benchmark, not a test.

    .venv/bin/python benchmarks/app_sessions.py --sessions 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_app import ensure_build
from kb.settings import load_settings
from tests.support.serve import CHROMIUM, CHROMIUM_ARGS, free_port, start

# (question, goal filter): each session asks within another goal, so an answer that shows a
# different goal's source line is cross-talk between sessions.
ASKS = [
    ("hoeveel cross-over kwalificaties raken techniek?", 9),
    ("Hoeveel robots krijgen Friese basisscholen?", 3),
    ("Wanneer sloten FME en 4TU een pact?", 10),
    ("Hoeveel geld stelt OCW jaarlijks beschikbaar voor het Rif?", 8),
    ("Wie is de Techgirl-ambassadeur?", 4),
    ("Hoeveel doorlopende leerroutes zijn er in de techniek?", 5),
    ("Hoeveel trainees begonnen bij Eerst de Klas?", 6),
    ("Wat is het Expertisecentrum Professionalisering Beroepsonderwijs?", 7),
    ("Hoeveel scholingsvouchers heeft UWV toegekend?", 12),
    ("Wanneer is het ICT Competence Centre opgericht?", 11),
    ("Hoeveel basisscholen zijn actief in de W&T-netwerken?", 1),
    ("Hoeveel leerkrachten heeft KWTO geprofessionaliseerd?", 2),
]


async def session(browser: object, url: str, question: str, goal: int) -> tuple[float, str]:
    """Open the permalink, wait for the answer's source line; returns (seconds, outcome)."""
    page = await browser.new_page()  # type: ignore[attr-defined]
    query = urllib.parse.urlencode({"q": question, "doel": str(goal)})
    started = time.perf_counter()
    try:
        await page.goto(f"{url}/?{query}")
        await page.wait_for_selector("text=/Doel \\d+ —|geen informatie/", timeout=120_000)
        seconds = time.perf_counter() - started
        body = await page.inner_text("body")
        shown = {g for g in range(1, 13) if f"Doel {g} —" in body}
        if "Er ging iets mis" in body or "Traceback" in body:
            return seconds, "error"
        return seconds, "ok" if shown <= {goal} else f"cross-talk {sorted(shown)}"
    finally:
        await page.close()


async def run(url: str, sessions: int) -> list[tuple[float, str]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # One session first, so that the index and the model are loaded (cold start is
        # bench_app.py's figure); then all sessions at once.
        await session(browser, url, *ASKS[0])
        asks = [ASKS[i % len(ASKS)] for i in range(sessions)]
        results = await asyncio.gather(*(session(browser, url, q, g) for q, g in asks))
        await browser.close()
    return list(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--build-dir", type=Path)
    args = parser.parse_args()
    settings = load_settings(build_dir=args.build_dir)
    ensure_build(settings)
    env = {**os.environ, "KB_BUILD_DIR": str(settings.build_dir.resolve())}
    env["KB_DATA_DIR"] = f"/tmp/app-sessions-{os.getpid()}"
    port = free_port()
    process = start(env, port)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        results = asyncio.run(run(url, args.sessions))
    finally:
        process.terminate()
        process.wait(timeout=10)
    times = sorted(t for t, _ in results)
    outcomes = [o for _, o in results]
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"sessions at once:   {len(results)} browser pages, one server")
    print(f"answers ok:         {outcomes.count('ok')}")
    print(f"errors/cross-talk:  {[o for o in outcomes if o != 'ok']}")
    print(
        f"time to answer:     median {statistics.median(times):.2f} s, p95 {p95:.2f} s, "
        f"max {times[-1]:.2f} s (started together after one warm-up; page load included)"
    )
    print(f"load average:       {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0 if outcomes.count("ok") == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
