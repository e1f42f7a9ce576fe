"""From a fresh clone to a usable chat: `git clone`, then `make app`, timed in headless Chromium.

    .venv/bin/python benchmarks/clone_to_chat.py            # the repository's committed HEAD
    .venv/bin/python benchmarks/clone_to_chat.py --keep     # leave the clone (and its .venv)

Clones the repository's HEAD (committed work only) into an empty temporary folder and runs
`make app PORT=<free port>` there, as the README's first line does. The phases are read from
make's own output, each stamped when its line appears: install (venv and `pip install -e .`,
from pip's local wheel cache when it has the wheels), build (the cold `kb build`: empty
embedding cache), server up (`/_stcore/health` answers), chat usable (the chat input can be
typed into in headless Chromium), then one question until its answer is on screen. Prints
each phase and the load average before and after: a busy machine slows every phase.
Target (issue 13): fresh clone to a usable chat <= 90 s on a quiet machine. Not a test.
Needs git, make, python3 and Debian's /usr/bin/chromium; kills the server and removes the
folder at the end (unless --keep).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.serve import CHROMIUM, CHROMIUM_ARGS, free_port, wait_healthy  # noqa: E402

QUESTION = "hoeveel cross-over kwalificaties raken techniek?"

MARKS = {"build": ".venv/bin/kb build", "server": ".venv/bin/python -m app.launch"}
"""The phase that starts when make prints a line beginning with this command."""


class Stamps:
    """Seconds since `started` at which make printed each phase's first line (from a thread
    that reads make's output and copies it to a log)."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.seen: dict[str, float] = {}
        self.lines: list[str] = []

    def read(self, stream: IO[bytes], log: IO[bytes]) -> None:
        for raw in stream:
            log.write(raw)
            log.flush()
            line = raw.decode(errors="replace").strip()
            self.lines.append(line)
            for phase, command in MARKS.items():
                if line.startswith(command) and phase not in self.seen:
                    self.seen[phase] = time.perf_counter() - self.started


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def _clean_env() -> dict[str, str]:
    """The environment without KB_* settings and this venv, so the clone uses its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env.pop("VIRTUAL_ENV", None)
    path = [p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))]
    env["PATH"] = os.pathsep.join(path)
    return env


def chat(page: Any, url: str, started: float, timeout: float) -> tuple[float, float]:
    """Open the app; seconds from `started` until the chat input could be typed into, and
    seconds from pressing Enter until the answer was on screen."""
    page.goto(url, timeout=timeout * 1000)
    box = page.get_by_test_id("stChatInput").locator("textarea")
    box.wait_for(timeout=timeout * 1000)
    box.fill(QUESTION)  # waits until the box is enabled and can take text
    usable = time.perf_counter() - started
    asked = time.perf_counter()
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(1)
    answer.get_by_text("Was dit antwoord nuttig?").wait_for(timeout=timeout * 1000)
    return usable, time.perf_counter() - asked


def stop(make: subprocess.Popen[bytes]) -> None:
    """Stop make and the server it started (their own process group)."""
    if make.poll() is None:
        os.killpg(make.pid, signal.SIGTERM)
        try:
            make.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=ROOT, help="repository to clone")
    parser.add_argument("--keep", action="store_true", help="keep the clone at the end")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before giving up")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="clone-to-chat-"))
    clone = folder / "vraagbaak"
    port = free_port()
    url = f"http://localhost:{port}"
    head = subprocess.run(
        ["git", "-C", str(args.repo), "rev-parse", "--short", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"cloning {args.repo} at {head} into {clone}; make app PORT={port}")
    load_before = _load()
    make: subprocess.Popen[bytes] | None = None
    try:
        with sync_playwright() as playwright:
            # Chromium starts before the clock: a reader's browser is open already.
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            started = time.perf_counter()
            subprocess.run(["git", "clone", "--quiet", str(args.repo), str(clone)], check=True)
            cloned = time.perf_counter() - started
            log = (folder / "make-app.log").open("wb")
            make = subprocess.Popen(
                ["make", "app", f"PORT={port}"],
                cwd=clone,
                env=_clean_env(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            assert make.stdout is not None
            stamps = Stamps(started)
            reader = threading.Thread(target=stamps.read, args=(make.stdout, log), daemon=True)
            reader.start()
            wait_healthy(make, url, folder / "make-app.log", args.timeout)
            up = time.perf_counter() - started
            usable, answered = chat(page, url, started, args.timeout)
            browser.close()
        load_after = _load()
    finally:
        if make is not None:
            stop(make)
        if args.keep:
            print(f"kept: {clone} (log: {folder / 'make-app.log'})")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    build = stamps.seen.get("build", float("nan"))
    server = stamps.seen.get("server", float("nan"))
    print(f"load average before: {load_before}")
    print(f"git clone:           {cloned:6.1f} s")
    print(
        f"install:             {build - cloned:6.1f} s  (venv, pip install -e .; at {build:.1f} s)"
    )
    print(f"kb build (cold):     {server - build:6.1f} s  (at {server:.1f} s)")
    print(f"server up:           {up - server:6.1f} s  (health answers at {up:.1f} s)")
    print(f"chat usable:         {usable - up:6.1f} s  (chat input typeable at {usable:.1f} s)")
    print(f"clone to chat:       {usable:6.1f} s  (target <= 90 s on a quiet machine)")
    print(f"first answer:        {answered:6.2f} s  (Enter to answer on screen)")
    print(f"load average after:  {load_after}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
