"""Hostile input: 45 questions and 13 filter values through the API (search and answer) and the
command line. Each gets passages or a one-line message, never an exception or a traceback.

`benchmarks/reliability.py input` also runs every question as its own `kb ask` process.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb import cli
from kb.answers.answer import answer
from kb.build import build_index, ingest
from kb.embed import FakeEmbedder
from kb.errors import EmptyQuestionError, UnknownFilterError
from kb.index import Filters, Index, clean_question
from kb.settings import Settings
from kb.store import load_index
from tests.support.ingest_fixtures import ROOT
from tests.support.reliability_support import BAD_FILTERS, BAD_QUESTIONS, KB, search_inputs

# Arguments that argv cannot carry (a NUL byte) or that exceed Linux's 128 KiB per argument.
NOT_FOR_ARGV = {"NUL and control characters", "only control characters", "1,000,000 characters"}

BAD_OPTIONS: dict[str, list[str]] = {
    "goal 'abc'": ["--goal", "abc"],
    "goal 99": ["--goal", "99"],
    "goal -1": ["--goal", "-1"],
    "goal 1.5": ["--goal", "1.5"],
    "region 'Atlantis'": ["--region", "Atlantis"],
    "region ''": ["--region", ""],
    "kind 'foo'": ["--kind", "foo"],
    "top-k 0": ["--top-k", "0"],
    "top-k 'abc'": ["--top-k", "abc"],
    "top-k 100000": ["--top-k", "100000"],
    "unknown option": ["--colour", "red"],
}


def test_the_corpus_of_bad_input_is_large_enough() -> None:
    assert len(BAD_QUESTIONS) >= 40 and len(BAD_FILTERS) >= 10


def test_search_takes_any_input(fake_index: Index) -> None:
    report = search_inputs(fake_index)
    assert report.crashes == []
    assert report.tried == 2 * len(BAD_QUESTIONS) + len(BAD_FILTERS)
    assert report.answered + report.refused == report.tried
    assert report.refused >= len(BAD_FILTERS)


def test_answer_takes_any_input(fake_index: Index) -> None:
    report = search_inputs(fake_index, lambda index, q, f: answer(index, q, f, 5))
    assert report.crashes == []
    assert report.answered + report.refused == report.tried


@pytest.mark.slow
def test_the_real_model_takes_any_question(report_index: Index) -> None:
    """What reaches the model (emoji, Arabic, 1,000 characters cut from a million) embeds."""
    report = search_inputs(report_index, questions_only=True)
    assert report.crashes == []
    assert report.answered + report.refused == report.tried == len(BAD_QUESTIONS)


@pytest.mark.slow
def test_search_messages_for_bad_filters_list_the_valid_values(report_index: Index) -> None:
    with pytest.raises(UnknownFilterError, match=r"unknown goal 99; valid goals: 1, 2, .*, 12$"):
        report_index.search("techniek", Filters(goals=(99,)))
    with pytest.raises(UnknownFilterError, match=r"unknown region 5; valid regions: .*Limburg"):
        report_index.search("techniek", Filters(regions=(5,)))  # type: ignore[arg-type]
    with pytest.raises(EmptyQuestionError, match="the question is empty"):
        report_index.search("\u200b\x00 \u202e")


@pytest.fixture(scope="module")
def fake_build(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The report indexed with the fake embedder, for fast command-line runs."""
    folder = tmp_path_factory.mktemp("input-build")
    settings = Settings(
        corpus_dir=ROOT / "corpus",
        build_dir=folder / "build",
        cache_dir=folder / "cache",
        embedder="fake",
    )
    result = ingest(settings)
    build_index(result.chunks, settings, FakeEmbedder(64), corpus_hash=result.corpus_hash)
    return settings


@pytest.fixture(scope="module")
def fake_index(fake_build: Settings) -> Index:
    return load_index(fake_build, FakeEmbedder(64))


@pytest.fixture
def kb_main(
    fake_build: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[CliRunner]:
    monkeypatch.setenv("KB_EMBEDDER", "fake")
    monkeypatch.setenv("KB_CACHE_DIR", str(fake_build.cache_dir))
    yield CliRunner(fake_build.build_dir, capsys)


class CliRunner:
    """`kb ask --build-dir ... ARGS` in this process: (exit code, stdout, stderr)."""

    def __init__(self, build_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.build_dir = build_dir
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        argv = ["ask", "--build-dir", str(self.build_dir), *args]
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # must not happen: main() returns the exit code
            code = -int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err


def _problem(name: str, code: int, out: str, err: str) -> str | None:
    """What is wrong with a `kb ask` outcome: exit 0 with output, or exit 2 with one line."""
    if "Traceback" in err:
        return f"{name}: traceback"
    if code == 0:
        return None if out.strip() else f"{name}: exit 0 without output"
    lines = [line for line in err.splitlines() if not line.startswith(("usage:", " "))]
    if code != 2 or len(lines) != 1 or not lines[0].startswith(("kb ask:", "kb: error:")):
        return f"{name}: exit {code} with {err[-300:]!r}"
    return None


def test_kb_ask_takes_any_question(kb_main: CliRunner) -> None:
    problems = []
    for name, question in BAD_QUESTIONS.items():
        for extra in ([], ["--json", "--goal", "9"]):
            problems.append(_problem(name, *kb_main(*extra, "--", question)))
    assert [p for p in problems if p] == []


def test_kb_ask_takes_any_option_value(kb_main: CliRunner) -> None:
    outcomes = {name: kb_main(*options, "techniek") for name, options in BAD_OPTIONS.items()}
    assert [p for n, o in outcomes.items() if (p := _problem(n, *o))] == []
    assert outcomes["top-k 100000"][0] == 0
    assert "unknown goal 99; valid goals: 1, 2" in outcomes["goal 99"][2]
    assert "unknown region 'Atlantis'; valid regions:" in outcomes["region 'Atlantis'"][2]
    assert "unknown kind 'foo'; valid kinds: bereikt, inleiding" in outcomes["kind 'foo'"][2]


def _searchable_lines(question: str) -> bool:
    """Whether every line that `--batch` would read from `question` holds words."""
    lines = [line for line in question.splitlines() if line.strip()]
    try:
        return bool(lines) and all(clean_question(line, 1000).text for line in lines)
    except EmptyQuestionError:
        return False


def test_kb_ask_processes_give_output_or_one_line(fake_build: Settings, tmp_path: Path) -> None:
    """The real entry point in its own processes (run side by side): a batch of every question
    that argv cannot carry plus the readable ones, and single questions and options."""
    batch = tmp_path / "questions.txt"
    batchable = [q for q in BAD_QUESTIONS.values() if _searchable_lines(q)]
    batch.write_text("\n".join(batchable), encoding="utf-8", errors="replace")
    with_an_empty_line = tmp_path / "empty-line.txt"
    with_an_empty_line.write_text("techniek\n\u200b\x00\nonderwijs\n", encoding="utf-8")
    env = {
        "KB_EMBEDDER": "fake",
        "KB_CACHE_DIR": str(fake_build.cache_dir),
        "KB_BUILD_DIR": str(fake_build.build_dir),
        "PATH": "",
    }
    runs: dict[str, list[str | bytes]] = {
        "batch": ["--json", "--batch", str(batch)],
        "batch with an empty line": ["--json", "--batch", str(with_an_empty_line)],
        "empty": [""],
        "invalid UTF-8 in argv": [b"techniek \xff\xfe onderwijs"],
        "script": [BAD_QUESTIONS["script tag"]],
        "goal abc": ["--goal", "abc", "techniek"],
    }
    processes = {
        name: subprocess.Popen(
            [str(KB), "ask", *args],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name, args in runs.items()
    }
    outcomes = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=300)
        outcomes[name] = (process.returncode, out.decode(errors="replace"), err.decode())
    assert [p for n, o in outcomes.items() if (p := _problem(n, *o))] == []
    assert outcomes["empty"][0] == outcomes["goal abc"][0] == 2
    assert (
        "empty-line.txt, line 2: the question is empty" in outcomes["batch with an empty line"][2]
    )
    lines = outcomes["batch"][1].splitlines()
    assert len(lines) >= len(batchable)  # a question with a line separator makes two lines
    assert all("hits" in json.loads(line) for line in lines)
