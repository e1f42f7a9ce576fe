"""Fixtures for the HTTP API and MCP tests: the real report built once per module with the
fake embedder (cheap, deterministic), a holder over it and a TestClient of the app; and
helpers to run `kb serve` / `kb mcp` as real processes on that build."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb.build import build_index, ingest
from kb.embed import FakeEmbedder
from kb.serve.app import ServeOptions, create_app
from kb.serve.holder import IndexHolder, holder_for
from kb.settings import Settings
from tests.support.ingest_fixtures import ROOT

EMBEDDER = "fake:64"


@dataclass(frozen=True)
class Built:
    """A build folder of the real report, and the settings that name it."""

    settings: Settings
    embedder: FakeEmbedder

    def holder(self) -> IndexHolder:
        return holder_for(self.settings, self.embedder)

    def rebuild(self) -> str:
        """Build again (a new build id, same chunks) and return the new id."""
        chunks = ingest(self.settings).chunks
        return build_index(chunks, self.settings, self.embedder, force=True).build_id

    def env(self) -> dict[str, str]:
        """The environment for a `kb` process that serves this build."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
        env.update(
            KB_EMBEDDER=EMBEDDER,
            KB_BUILD_DIR=str(self.settings.build_dir),
            KB_CACHE_DIR=str(self.settings.cache_dir),
            KB_CORPUS_DIR=str(ROOT / "corpus"),
        )
        return env


def make_build(folder: Path) -> Built:
    settings = Settings(
        corpus_dir=ROOT / "corpus",
        build_dir=folder / "build",
        cache_dir=folder / "cache",
        embedder=EMBEDDER,
    )
    embedder = FakeEmbedder(64)
    build_index(ingest(settings).chunks, settings, embedder)
    return Built(settings, embedder)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real report, built with the fake embedder (shared by a module's tests: read only)."""
    return make_build(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(built: Built) -> Iterator[TestClient]:
    """The app over `built`, with the default options (no key, no CORS)."""
    with TestClient(create_app(built.holder(), ServeOptions())) as test_client:
        yield test_client


def kb_process(
    args: list[str], env: dict[str, str], log: Path | None = None, *, pipes: bool = False
) -> subprocess.Popen[bytes]:
    """`kb ARGS` as a real process (`python -m kb.cli`), output to `log` or to pipes."""
    output = log.open("wb") if log is not None else subprocess.PIPE if pipes else None
    return subprocess.Popen(
        [sys.executable, "-m", "kb.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT if log is not None else output,
    )


def wait_ready(process: subprocess.Popen[bytes], url: str, log: Path, timeout: float = 60) -> None:
    """Return once `kb serve` at `url` answers /readyz with 200.

    Raises:
        RuntimeError: the process exited or did not get ready in `timeout` s (with its log).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kb serve exited: {log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"kb serve not ready in {timeout} s: {log.read_text(errors='replace')}")


def stop(process: subprocess.Popen[bytes]) -> int:
    """Stop a server process (SIGTERM, then SIGKILL after 10 s); its exit code."""
    process.terminate()
    try:
        return process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()
