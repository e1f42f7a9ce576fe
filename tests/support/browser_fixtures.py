"""Fixtures of the browser tests: the app on the real report, served once per test session, and
Debian's headless Chromium (through playwright). Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kb.index import Index
from tests.support.app_fixtures import app_env
from tests.support.ingest_fixtures import ROOT
from tests.support.serve import CHROMIUM, CHROMIUM_ARGS, free_port, start, stop, wait_healthy

ARTIFACTS = ROOT / "test-artifacts"

NO_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (make browser installs it)",
)


def start_app(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app as `make app` does; returns the process and its address when healthy."""
    port = free_port()
    process = start({**os.environ, **env}, port, log)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(process, url, log)
    return process, url


@pytest.fixture(scope="session")
def report_url(report_index: Index, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the real report's index, for every browser test of the session."""
    folder = tmp_path_factory.mktemp("e2e-report")
    env = app_env(report_index.settings, folder / "data")
    env["KB_CORPUS_DIR"] = str(ROOT / "corpus")
    process, url = start_app(env, folder / "streamlit.log")
    yield url
    stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def ask(page: Any, question: str) -> Any:
    """Type a question into the chat and return the locator of the newest answer message."""
    box = page.get_by_test_id("stChatInput").locator("textarea")
    box.wait_for(timeout=60_000)
    before = page.get_by_test_id("stChatMessage").count()
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(before + 1)
    answer.wait_for(timeout=30_000)
    answer.get_by_text("Was dit antwoord nuttig?").wait_for(timeout=30_000)
    return answer


def choose_part(page: Any, label: str) -> None:
    """Choose `label` in the reading page's select box (opened again if a rerun that was
    still under way closed it, before or while the option was clicked)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    option = page.get_by_role("option", name=label)
    for _ in range(10):
        page.get_by_role("combobox", name="Deel van het rapport").click()
        try:
            option.click(timeout=2_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    option.click()


def shot(page: Any, name: str) -> None:
    """A full-page screenshot in test-artifacts/ (after animations settle)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=ARTIFACTS / name, full_page=True)


__all__ = [
    "ARTIFACTS",
    "NO_CHROMIUM",
    "ask",
    "browser",
    "choose_part",
    "report_url",
    "shot",
    "start_app",
]
