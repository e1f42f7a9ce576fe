"""`kb build` and `kb ask` through the real entry point, with the fake embedder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb.render import SCHEMA_VERSION
from tests.support.ingest_fixtures import ROOT

HIT_FIELDS = {
    "id",
    "text",
    "score",
    "goal",
    "goal_title",
    "kind",
    "title",
    "regions",
    "provinces",
    "urls",
    "footnotes",
    "document",
    "start",
    "end",
}


def _kb(*args: str, build: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KB_EMBEDDER="fake:64", KB_CACHE_DIR=str(build.parent / "cache"))
    env.pop("KB_CONFIG", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kb.cli",
            *args,
            "--build-dir",
            str(build),
            "--corpus",
            str(ROOT / "corpus"),
        ],
        cwd=build.parent,
        env=env,
        text=True,
        capture_output=True,
        check=False,
    )


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "build"
    result = _kb("build", build=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built ")
    return folder


def test_build_skips_when_unchanged_and_force_rebuilds(build: Path) -> None:
    again = _kb("build", build=build)
    assert again.returncode == 0 and again.stdout.startswith("index unchanged")
    forced = _kb("build", "--force", build=build)
    assert forced.returncode == 0 and forced.stdout.startswith("built ")
    assert "0 embedded anew" in forced.stdout


def test_ask_prints_passages_with_sources(build: Path) -> None:
    result = _kb(
        "ask", "cross-over kwalificaties techniek", "--goal", "9", "--top-k", "2", build=build
    )
    assert result.returncode == 0, result.stderr
    # The answer (kb/answers.py) comes first, then the passages.
    assert "\n1. Doel 9 · " in result.stdout
    assert "\n2. Doel 9 · " in result.stdout
    assert "Bron: Rapportage Nationaal Techniekpact 2020" in result.stdout


def test_ask_json_has_the_contract_fields(build: Path) -> None:
    result = _kb(
        "ask",
        "--json",
        "W&T in het basisonderwijs",
        "--kind",
        "bereikt",
        "--top-k",
        "3",
        build=build,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {
        "schema_version",
        "question",
        "searched_question",
        "notice",
        "answer",
        "hits",
    }
    assert answer["schema_version"] == SCHEMA_VERSION
    assert answer["question"] == "W&T in het basisonderwijs" and answer["notice"] is None
    # The top 3, and the quoted passage after them when it ranked lower.
    assert [h["rank"] for h in answer["hits"][:3]] == [1, 2, 3]
    assert len(answer["hits"]) == 3 or answer["hits"][3]["id"] == answer["answer"]["hit_id"]
    for hit in answer["hits"]:
        assert set(hit) >= HIT_FIELDS
        assert hit["kind"] == "bereikt"
        assert isinstance(hit["text"], str) and hit["end"] > hit["start"]


def test_ask_json_reports_a_cut_question(build: Path) -> None:
    result = _kb("ask", "--json", "techniek " * 150, build=build)
    answer = json.loads(result.stdout)
    assert len(answer["searched_question"]) <= 1000
    assert "only its first" in answer["notice"]


def test_batch_writes_one_json_line_per_question(build: Path, tmp_path: Path) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text("hoeveel cross-over kwalificaties?\n\nwat doet de pabo?\nW&T\n")
    result = _kb("ask", "--json", "--batch", str(questions), "--region", "Limburg", build=build)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in lines] == [
        "hoeveel cross-over kwalificaties?",
        "wat doet de pabo?",
        "W&T",
    ]
    for answer in lines:
        assert answer["hits"]
        assert all("Limburg" in h["regions"] + h["provinces"] for h in answer["hits"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["   "], "the question is empty"),
        (["techniek", "--goal", "13"], "unknown goal 13; valid goals: 1, 2, 3"),
        (["techniek", "--region", "Texel"], "valid regions: Achterhoek"),
        (["techniek", "--kind", "bijlage"], "valid kinds: bereikt, inleiding, voetnoot, voorbeeld"),
        (["--batch", "q.txt"], "--batch writes JSON Lines: add --json"),
        ([], "give either a QUESTION or --batch FILE"),
        (["techniek", "--top-k", "0"], "expected a whole number of at least 1"),
    ],
)
def test_bad_input_exits_2_with_a_message(build: Path, args: list[str], message: str) -> None:
    result = _kb("ask", *args, build=build)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_ask_without_an_index_says_to_build(tmp_path: Path) -> None:
    result = _kb("ask", "techniek", build=tmp_path / "build")
    assert result.returncode == 2
    assert "run `kb build` first" in result.stderr
