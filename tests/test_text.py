"""Text at the edges (kb/text.py): the one length limit on a question, and bounded caches
behind it (issue 15, case 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kb import cli as cli_module
from kb.analyser import _fold_cached, fold
from kb.answers.value_choice import _word_terms, _word_terms_cached
from kb.text import limit_question


def test_a_question_is_cut_to_the_limit_with_a_notice() -> None:
    limited = limit_question("techniek " * 200_000, 1000)
    assert len(limited.text) <= 1000 and limited.text.startswith("techniek techniek")
    assert limited.notice is not None and "1800000 characters" in limited.notice
    assert limit_question("kort", 1000).notice is None
    assert limit_question("x" * 5000, 1000).text == "x" * 1000  # no space: cut hard


def test_fold_and_word_caches_keep_no_long_text() -> None:
    # A long text is folded (and analysed) anew each time instead of staying in the cache.
    before = _fold_cached.cache_info().currsize
    for number in range(3):
        assert fold(f"{number}É" * 100_000).startswith(f"{number}e")
    assert _fold_cached.cache_info().currsize == before
    words = _word_terms_cached.cache_info().currsize
    _word_terms("techniek" * 1000)
    assert _word_terms_cached.cache_info().currsize == words


def test_kb_ask_cuts_a_question_before_any_other_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def spy(text: str) -> str:
        seen.append(len(text))
        return text

    monkeypatch.setattr(cli_module, "readable", spy)
    monkeypatch.chdir(tmp_path)  # no kb.toml; the index is missing, which is fine here
    batch = tmp_path / "vragen.txt"
    batch.write_text("techniek " * 100_000 + "\nkort\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli_module.cli, ["ask", "--json", "--batch", str(batch), "--build-dir", str(tmp_path)]
    )
    assert "no index" in result.stderr  # it got as far as loading the index
    assert seen and max(seen) <= 1000
