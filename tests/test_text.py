"""Text at the edges (kb/text.py): the one length limit on a question, and bounded caches
behind it (issue 15, case 4)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from kb import cli as cli_module
from kb.analyser import _fold_cached, fold
from kb.answers.answer import answer
from kb.answers.memory import MemoryView, QuestionMemory
from kb.answers.value_choice import _word_terms, _word_terms_cached
from kb.evaluation.answers import judge
from kb.evaluation.questions import EvalQuestion
from kb.index import Index
from kb.text import as_indexed, limit_question
from tests.support.ingest_fixtures import ROOT


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


# Goal 12, as the report's text file wraps it: "... zijn door UWV ruim 17.000 scho-" ends a
# line, "lingsvouchers toegekend." starts the next.
WRAPPED = "zijn door UWV ruim 17.000 scho-"


def test_a_span_ending_in_a_word_split_at_the_line_end_loses_its_hyphen() -> None:
    assert as_indexed(WRAPPED) == "zijn door UWV ruim 17.000 scho"
    assert as_indexed("Toptechniek in Bedrijf-") == "Toptechniek in Bedrijf"
    for kept in ("vmbo-leerlingen", "2015 -", "-", "", "30%"):
        assert as_indexed(kept) == kept


@pytest.mark.slow
def test_a_wrapped_span_is_found_in_the_sentence_the_index_holds(report_index: Index) -> None:
    raw = (ROOT / "corpus" / "techniekpact-voortgangsrapportage-2017.txt").read_text("utf-8")
    assert WRAPPED + "\n" in raw
    store = report_index.sentences
    assert store is not None
    holding = [s.text for s in store.sentences if as_indexed(WRAPPED) in s.text]
    assert [s for s in holding if "ruim 17.000 scholingsvouchers toegekend" in s] == holding
    assert len(holding) == 1 and not any(WRAPPED in s.text for s in store.sentences)
    # A remembered question with that span answers the sentence; the judge counts an answer
    # quoting it as holding the fact.
    memory = QuestionMemory.of("e", [WRAPPED], np.eye(1, 4, dtype=np.float32))
    view = MemoryView.of(memory, store)
    assert store.sentences[int(view.sentence_of[0])].text == holding[0]
    result = answer(report_index, "Hoeveel scholingsvouchers heeft UWV toegekend?")
    question = EvalQuestion.model_validate(
        {
            "id": "t",
            "question": result.question,
            "answerable": True,
            "evidence": [WRAPPED],
            "fact": WRAPPED,
            "value": "17.000",
            "qtype": "hoeveel",
            "goal": 12,
            "section": "bereikt",
            "wording": "paraphrase",
            "near_miss": False,
        }
    )
    assert result.text == holding[0]
    outcome = judge(question, result)
    assert outcome.fact_in_sentence and outcome.fact_in_top_3 and outcome.value_right


# Goal 11's example, as the report's text file spells it: two spaces after "OTIB".
DOUBLE_SPACED = "OTIB  en SER Overijssel starten hiertoe gezamenlijk een onderzoek"


def test_a_span_with_a_run_of_spaces_is_read_with_one() -> None:
    assert (
        as_indexed(DOUBLE_SPACED)
        == "OTIB en SER Overijssel starten hiertoe gezamenlijk een onderzoek"
    )
    assert as_indexed("a\tb") == "a b"


@pytest.mark.slow
def test_a_span_copied_with_two_spaces_is_found_in_the_sentence_the_index_holds(
    report_index: Index,
) -> None:
    raw = (ROOT / "corpus" / "techniekpact-voortgangsrapportage-2017.txt").read_text("utf-8")
    assert DOUBLE_SPACED in raw
    store = report_index.sentences
    assert store is not None
    holding = [s.text for s in store.sentences if as_indexed(DOUBLE_SPACED) in s.text]
    assert len(holding) == 1 and holding[0].startswith("Provincie Overijssel, OTIB en SER")
    question = EvalQuestion.model_validate(
        {
            "id": "t",
            "question": "Wie onderzoeken de belemmeringen van intersectorale mobiliteit in "
            "Overijssel?",
            "answerable": True,
            "evidence": [DOUBLE_SPACED],
            "fact": DOUBLE_SPACED,
            "value": None,
            "qtype": "wie",
            "goal": 11,
            "section": "voorbeeld",
            "wording": "paraphrase",
            "near_miss": False,
        }
    )
    result = answer(report_index, question.question)
    assert result.text == holding[0]
    assert judge(question, result).fact_in_sentence
