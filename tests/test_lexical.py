"""The Dutch BM25 analyser and index: variants people type meet the report's spelling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kb.analyser import analyse, fold
from kb.lexical import LexicalIndex


@pytest.mark.parametrize(
    ("asked", "written"),
    [
        ("crossover", "cross-over"),
        ("cross over", "cross-over"),
        ("Cross-Over", "crossover"),
        ("beta techniek", "bètatechniek"),
        ("bèta-techniek", "bètatechniek"),
        ("betatechniek", "Bètatechniek"),
        ("W & T", "W&T"),
        ("wetenschap en technologie", "W&T"),
        ("4185 basisscholen", "4.185 basisscholen"),
    ],
)
def test_question_variants_share_a_token_with_the_report(asked: str, written: str) -> None:
    assert set(analyse(asked, question=True)) & set(analyse(written))


def test_stop_words_go_and_words_are_stemmed() -> None:
    tokens = analyse("De kwalificaties van het mbo en de techniek")
    assert "de" not in tokens and "het" not in tokens and "en" not in tokens
    assert analyse("kwalificaties") == analyse("kwalificatie")


def test_fold_removes_accents_and_case() -> None:
    assert fold("Bèta-Techniek Fryslân") == "beta-techniek fryslan"


TEXTS = [
    "Er zijn acht cross-over kwalificaties goedgekeurd, waarvan er vier raken aan de techniek.",
    "Het aandeel leerlingen in bètatechniek neemt af.",
    "Acht regionale netwerken verankeren W&T in het basisonderwijs.",
    "De pabo's werken aan hun opleiding.",
]


def test_bm25_ranks_the_passage_with_the_variant_first() -> None:
    index = LexicalIndex.build(TEXTS)
    assert int(np.argmax(index.scores("hoeveel crossover kwalificaties?"))) == 0
    assert int(np.argmax(index.scores("beta techniek"))) == 1
    assert int(np.argmax(index.scores("W & T op school"))) == 2
    assert not index.scores("zzz qqq").any()


def test_save_and_load_give_the_same_scores_without_pickle(tmp_path: Path) -> None:
    index = LexicalIndex.build(TEXTS)
    index.save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25")
    assert loaded.size == 4
    question = "vier kwalificaties raken aan techniek"
    assert np.array_equal(index.scores(question), loaded.scores(question))
    suffixes = {p.suffix for p in (tmp_path / "bm25").iterdir()}
    assert suffixes <= {".json", ".npy"}
    for array in (tmp_path / "bm25").glob("*.npy"):
        np.load(array, allow_pickle=False)


def test_the_stop_words_are_those_bm25s_ships() -> None:
    from bm25s.stopwords import STOPWORDS_DUTCH

    from kb.analyser import DUTCH_STOP_WORDS

    assert frozenset(STOPWORDS_DUTCH) == DUTCH_STOP_WORDS


def test_scores_are_those_of_bm25s_on_the_saved_index(tmp_path: Path) -> None:
    """The index is read and scored without bm25s; bm25s itself reads the same files and
    gives the same scores (its own scoring is the reference)."""
    import bm25s

    LexicalIndex.build(TEXTS).save(tmp_path / "bm25")
    ours = LexicalIndex.load(tmp_path / "bm25")
    theirs = bm25s.BM25.load(tmp_path / "bm25", allow_pickle=False, show_progress=False)
    for question in ("hoeveel crossover kwalificaties?", "acht netwerken W&T", "techniek techniek"):
        ids = list(dict.fromkeys(theirs.get_tokens_ids(analyse(question, question=True))))
        assert ids
        assert np.array_equal(ours.scores(question), theirs.get_scores_from_ids(ids))


def test_a_question_does_not_import_bm25s() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kb.analyser, kb.lexical, kb.store, kb.answers\n"
        "assert 'bm25s' not in sys.modules, 'bm25s imported'\n"
        "assert 'langchain_text_splitters' not in sys.modules, 'splitters imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
