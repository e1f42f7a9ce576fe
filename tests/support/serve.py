"""Run the app as `make app` does (`python -m app.launch`: `streamlit run app/main.py` with the
app's modules imported while the server starts), on a free localhost port, and drive it with
Debian's headless Chromium: shared by the browser tests and the app benchmarks.

    port = free_port()
    process = start({**os.environ, "KB_BUILD_DIR": "..."}, port, Path("streamlit.log"))
    wait_healthy(process, f"http://127.0.0.1:{port}", Path("streamlit.log"))
    ...
    stop(process)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app" / "main.py"

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium, driven through playwright (no browser download)."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Headless, and nothing that reaches for the network."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(env: dict[str, str], port: int, log: Path | None = None) -> subprocess.Popen[bytes]:
    """Start the app (`python -m app.launch`) on 127.0.0.1:`port` with environment `env`; its
    output goes to `log` (or nowhere)."""
    command = [
        sys.executable, "-m", "app.launch",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


def wait_healthy(
    process: subprocess.Popen[bytes], url: str, log: Path | None = None, timeout: float = 60.0
) -> None:
    """Return once the server at `url` answers its health check.

    Raises:
        RuntimeError: streamlit exited, or did not answer within `timeout` seconds (the
            message holds its log).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url.rstrip('/')}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.02)
    process.kill()
    raise RuntimeError(f"streamlit did not start within {timeout:.0f} s: {_tail(log)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server, killing it when it does not stop within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def _tail(log: Path | None) -> str:
    if log is None or not log.exists():
        return "(no log)"
    return log.read_text(errors="replace")[-4000:]


__all__ = ["APP", "CHROMIUM", "CHROMIUM_ARGS", "free_port", "start", "stop", "wait_healthy"]
