"""The `kb` command line on click: help with examples, one line and exit 2 for the user's
errors, exit 1 and a short message for a bug (the traceback with --debug).

Driven through click's CliRunner; test_cli_ingest.py and test_cli_search.py run the real
entry point in a subprocess.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb import cli as cli_module
from kb.cli import cli, main
from kb.errors import KbError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(
    "command", ["ask", "build", "ingest", "serve", "mcp", "devset", "eval", "feedback"]
)
def test_every_command_has_help_with_examples(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"Usage: kb {command}" in result.output
    if command != "feedback":
        assert "Examples:" in result.output and f"kb {command}" in result.output


def test_a_bad_option_value_is_one_line_and_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["ask", "--goal", "abc", "techniek"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("kb ask: Invalid value for '--goal': 'abc' is not a valid integer")


def test_an_unknown_command_is_one_line_and_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "kb frobnicate: No such command 'frobnicate'. (see `kb frobnicate --help`)"
    ]


def test_question_and_batch_together_are_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    batch = tmp_path / "q.txt"
    batch.write_text("techniek\n", encoding="utf-8")
    result = runner.invoke(cli, ["ask", "--json", "--batch", str(batch), "techniek"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "kb ask: give either a QUESTION or --batch FILE"


def test_a_missing_corpus_is_the_users_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kb ingest: {tmp_path / 'nope'}: corpus folder not found"


def _explode(*args: object, **kwargs: object) -> object:
    raise RuntimeError("boom")


def test_a_bug_is_exit_1_with_a_short_message(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "make_settings", _explode)
    result = runner.invoke(cli, ["ingest"])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "kb ingest: internal error (RuntimeError: boom); `kb --debug ingest` shows the traceback"
    )


def test_a_bug_shows_its_traceback_with_debug(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "make_settings", _explode)
    result = runner.invoke(cli, ["--debug", "ingest"])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: boom" in result.stderr


def test_a_value_error_from_a_bug_is_not_a_usage_error(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # argparse's catch-all `except ValueError` once reported bugs as exit 2.
    def value_error(*args: object, **kwargs: object) -> object:
        raise ValueError("not the user's fault")

    monkeypatch.setattr(cli_module, "make_settings", value_error)
    assert runner.invoke(cli, ["build"]).exit_code == 1


def _needs_ranx(*args: object, **kwargs: object) -> object:
    import ranx  # noqa: F401

    raise AssertionError("ranx should be missing")


def test_a_missing_optional_dependency_names_its_extra_and_exits_2(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app's venv has no `eval` extra; `kb eval` there once ended in "internal error".
    monkeypatch.setitem(sys.modules, "ranx", None)
    monkeypatch.setattr(cli_module, "make_settings", _needs_ranx)
    result = runner.invoke(cli, ["ingest"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "kb ingest: needs ranx, which is not installed: "
        "install the 'eval' extra (pip install -e '.[eval]')"
    )


def test_a_missing_module_of_no_extra_is_a_bug(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def needs_nothing_we_know(*args: object, **kwargs: object) -> object:
        raise ModuleNotFoundError("No module named 'kb_gone'", name="kb_gone")

    monkeypatch.setattr(cli_module, "make_settings", needs_nothing_we_know)
    result = runner.invoke(cli, ["ingest"])
    assert result.exit_code == 1
    assert "internal error (ModuleNotFoundError" in result.stderr


def test_main_returns_the_exit_code_without_exiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "make_settings", _explode)
    assert main(["ingest"]) == 1
    assert main(["ask", "--top-k", "0", "x"]) == 2
    assert main(["--help"]) == 0


def test_every_error_the_library_raises_on_purpose_is_a_kb_error() -> None:
    import ingest.errors
    import kb.errors

    for module, base in ((kb.errors, KbError), (ingest.errors, ingest.errors.IngestError)):
        classes = [
            v
            for v in vars(module).values()
            if isinstance(v, type) and v.__module__ == module.__name__
        ]
        assert classes and all(issubclass(c, base) for c in classes)


def test_control_and_bidi_characters_of_the_corpus_do_not_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kb.build import build_index
    from kb.embed import FakeEmbedder
    from kb.settings import Settings
    from tests.support.search_fixtures import make_chunk

    text = "De techniekles\x1b]0;gehackt\x07 begint\x1b[2J om negen uur \u202eruu neeg\u202c."
    settings = Settings(build_dir=tmp_path / "build", cache_dir=tmp_path / "cache")
    build_index([make_chunk(1, text), make_chunk(2, "Iets anders.")], settings, FakeEmbedder(32))
    monkeypatch.setenv("KB_EMBEDDER", "fake:32")
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(
        cli, ["ask", "--build-dir", str(tmp_path / "build"), "Wanneer begint de techniekles?"]
    )
    assert result.exit_code == 0, result.stderr
    assert "begint" in result.output
    assert not any(c in result.output for c in "\x1b\x07\u202e\u202c")


def test_shown_keeps_text_and_drops_controls() -> None:
    from kb.text import shown

    assert shown("€ 32,1 miljoen – ‘Techgirl’\n\tvolgende regel") == (
        "€ 32,1 miljoen – ‘Techgirl’\n\tvolgende regel"
    )
    assert shown("a\x00b\x1b[31mc\u202ed\u2066e\x85f") == "ab[31mcdef"
