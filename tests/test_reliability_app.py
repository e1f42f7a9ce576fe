"""The app under hostile input and concurrent sessions (AppTest): every question and every bad
permalink gives an answer or a short message, markup is shown as the characters typed, and
sessions with different filters side by side answer without errors or cross-talk.

`benchmarks/reliability.py app` runs 10 sessions and records their p95 latency.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.session import Turn
from kb.build import build_index, ingest
from kb.embed import FakeEmbedder
from kb.settings import Settings
from tests.support.app_fixtures import APP, app_env, html_problems
from tests.support.ingest_fixtures import ROOT
from tests.support.reliability_support import BAD_QUESTIONS

TIMEOUT = 120
APPTEST_LOCK = threading.Lock()
"""AppTest swaps a process-wide `Runtime._instance` in and out around every run, so two runs
at once break each other (a KeyError on a widget id): the sessions live side by side in threads,
but their runs take turns. Real simultaneity needs a `streamlit run` server (see
docs/RELIABILITY.md)."""
PAYLOADS = ("script tag", "HTML", "img onerror", "markdown link payload", "streamlit markup")
BAD_LINKS: dict[str, dict[str, str]] = {
    "doel=abc": {"q": "techniek", "doel": "abc"},
    "doel=99": {"q": "techniek", "doel": "99"},
    "regio=Atlantis": {"q": "techniek", "regio": "Atlantis"},
    "soort=foo": {"q": "techniek", "soort": "foo"},
    "n=abc": {"q": "techniek", "n": "abc"},
    "n=100000": {"q": "techniek", "n": "100000"},
    "q=<script>": {"q": BAD_QUESTIONS["script tag"]},
    "q empty": {"q": ""},
}


@pytest.fixture(scope="module")
def fake_report(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The report indexed with the fake embedder: the app's plumbing, fast."""
    folder = tmp_path_factory.mktemp("app-build")
    settings = Settings(
        corpus_dir=ROOT / "corpus",
        build_dir=folder / "build",
        cache_dir=folder / "cache",
        data_dir=folder / "data",
        embedder="fake",
    )
    result = ingest(settings)
    build_index(result.chunks, settings, FakeEmbedder(64), corpus_hash=result.corpus_hash)
    return settings


@pytest.fixture
def app_on_report(
    fake_report: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    for name, value in app_env(fake_report, tmp_path / "data").items():
        monkeypatch.setenv(name, value)
    yield


def as_sent_by_a_browser(text: str) -> str:
    """A browser sends UTF-8, in which a lone surrogate becomes U+FFFD (and AppTest's protobuf
    could not carry one either)."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def _unescaped(at: AppTest) -> str:
    """All text the page shows, with Markdown backslash escapes removed."""
    values = [str(e.value) for e in (*at.markdown, *at.caption, *at.text, *at.code)]
    values += [str(e.value) for e in (*at.error, *at.warning, *at.info)]
    return re.sub(r"\\(.)", r"\1", "\n".join(values))


def _problems(name: str, at: AppTest) -> list[str]:
    problems = [f"{name}: {e.value}" for e in at.exception]
    problems += [f"{name}: {problem}" for problem in html_problems(at)]
    if "Traceback" in _unescaped(at):
        problems.append(f"{name}: a traceback is shown")
    return problems


def _last_turn(at: AppTest) -> Turn | None:
    try:
        turns: list[Turn] = at.session_state["turns"]
    except KeyError:
        return None
    return turns[-1] if turns else None


def test_every_bad_question_gets_an_answer_or_a_message(app_on_report: None) -> None:
    problems: list[str] = []
    names = list(BAD_QUESTIONS)
    # A few sessions, so that a page does not grow with 45 turns.
    for start in range(0, len(names), 12):
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
        for name in names[start : start + 12]:
            question = as_sent_by_a_browser(BAD_QUESTIONS[name])
            at.chat_input[0].set_value(question).run(timeout=TIMEOUT)
            problems += _problems(name, at)
            if name in PAYLOADS:
                # The question is shown as the characters typed (escaped Markdown, no HTML).
                payload = " ".join(question.split())
                if payload not in _unescaped(at):
                    problems.append(f"{name}: the payload is not shown literally")
    assert problems == []


def test_bad_permalinks_give_a_message(app_on_report: None) -> None:
    problems: list[str] = []
    for name, params in BAD_LINKS.items():
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        for key, value in params.items():
            at.query_params[key] = value
        at.run(timeout=TIMEOUT)
        problems += _problems(name, at)
    assert problems == []


def test_ten_sessions_side_by_side_keep_their_own_filters(app_on_report: None) -> None:
    goals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    seen: dict[int, set[int | None]] = {}
    problems: list[str] = []
    lock = threading.Lock()

    def session(goal: int) -> None:
        try:
            ask(goal)
        except Exception as exc:  # a thread's exception would otherwise only be printed
            with lock:
                problems.append(f"session doel {goal}: {type(exc).__name__}: {exc}")

    def ask(goal: int) -> None:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        with APPTEST_LOCK:
            at.run(timeout=TIMEOUT)
        with APPTEST_LOCK:
            at.sidebar.multiselect(key="f_doel").set_value([goal]).run(timeout=TIMEOUT)
        goals_shown: set[int | None] = set()
        for question in ("Wat is er bereikt?", "Welke voorbeelden zijn er?"):
            with APPTEST_LOCK:
                at.chat_input[0].set_value(question).run(timeout=TIMEOUT)
            turn = _last_turn(at)
            if turn is not None and turn.answer is not None:
                goals_shown |= {h.chunk.goal for h in turn.answer.hits}
        with lock:
            seen[goal] = goals_shown
            problems.extend(_problems(f"session doel {goal}", at))

    threads = [threading.Thread(target=session, args=(goal,)) for goal in goals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    assert seen == {goal: {goal} for goal in goals}
