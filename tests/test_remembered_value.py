"""The answer's figure named by the remembered questions (kb.answers.remembered_value)."""

from __future__ import annotations

import numpy as np
import pytest

from kb.answers.answer import answer
from kb.answers.candidates import Candidate
from kb.answers.memory import MemoryView, QuestionMemory
from kb.answers.remembered_value import VALUE_SHARE, remembered_value
from kb.answers.values import Value
from kb.index import Hit, Index
from kb.sentence_store import Sentence, SentenceStore
from tests.support.search_fixtures import make_chunk

# Goal 8's sentence with two counts, and a sentence with one.
TEXT = (
    "Inmiddels zijn er 24 door de ministers van OCW en EZ gefinancierde Centres of expertise "
    "actief en zijn er 13 onbekostigde centres gestart."
)
ONE = "Alle zestien centres zijn door de minister positief beoordeeld."


CHUNK = make_chunk(0, f"{TEXT} {ONE}")


def _store() -> SentenceStore:
    second = len(TEXT) + 1
    sentences = [Sentence(0, 0, len(TEXT), TEXT), Sentence(0, second, second + len(ONE), ONE)]
    vectors = np.eye(2, 4, dtype=np.float32)
    return SentenceStore(sentences, vectors, [CHUNK], vectors)


def _figure(text: str, sentence: str = TEXT) -> Value:
    start = sentence.index(text)
    return Value(start, start + len(text), text)


def _candidates(store: SentenceStore) -> list[Candidate]:
    """The two counts of TEXT (as counts, and 24 once more as an amount), and ONE's count."""
    hit = Hit(CHUNK, 1.0, 1, None, None)
    first, second = store.sentences
    return [
        Candidate(hit, 0, first, _figure("13"), "count"),
        Candidate(hit, 0, first, _figure("24"), "count"),
        Candidate(hit, 0, first, _figure("24"), "amount"),
        Candidate(hit, 1, second, _figure("zestien", ONE), "count"),
    ]


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def _view(values: list[str], vectors: list[np.ndarray]) -> MemoryView:
    spans = {"24": "er 24 door de ministers", "13": "er 13 onbekostigde centres", "": TEXT[:40]}
    memory = QuestionMemory.of(
        "test-embedder", [spans[v] for v in values], np.stack(vectors), values=values
    )
    return MemoryView.of(memory, _store())


SCORES = np.asarray([2.0, 1.0, 0.5, 0.1])


def test_the_figure_the_closest_remembered_questions_asked_for_takes_the_answers_place() -> None:
    store = _store()
    candidates = _candidates(store)
    # Three remembered questions asked for the 24, one (farther) for the 13.
    view = _view(
        ["24", "24", "24", "13"],
        [_unit(1, 0, 0, 0), _unit(1, 0.05, 0, 0), _unit(1, 0, 0.05, 0), _unit(0.6, 0.8, 0, 0)],
    )
    question = _unit(1, 0.02, 0, 0)
    # The ranker put the 13 first; the 24 best-scored of its two candidates takes its place.
    assert remembered_value(0, candidates, SCORES, view, question) == 1
    assert remembered_value(1, candidates, SCORES, view, question) == 1
    # A question closest to the one that asked for the 13 keeps it.
    assert remembered_value(0, candidates, SCORES, view, _unit(0.6, 0.8, 0, 0)) == 0


def test_a_split_vote_or_no_vote_leaves_the_rankers_figure() -> None:
    store = _store()
    candidates = _candidates(store)
    even = _view(["24", "13"], [_unit(1, 0, 0, 0), _unit(1, 0, 0, 0)])
    assert VALUE_SHARE > 0.5
    assert remembered_value(0, candidates, SCORES, even, _unit(1, 0, 0, 0)) == 0
    # Remembered questions without a value name no figure.
    silent = _view(["", ""], [_unit(1, 0, 0, 0), _unit(1, 0, 0, 0)])
    assert remembered_value(0, candidates, SCORES, silent, _unit(1, 0, 0, 0)) == 0
    # A sentence with a single figure keeps it.
    asked = _view(["24"], [_unit(1, 0, 0, 0)])
    assert remembered_value(3, candidates, SCORES, asked, _unit(1, 0, 0, 0)) == 3


@pytest.mark.parametrize("value", ["24", "24 door", "er 24"])
def test_a_remembered_value_names_the_figure_where_it_stands(value: str) -> None:
    store = _store()
    candidates = _candidates(store)
    memory = QuestionMemory.of(
        "test-embedder", ["er 24 door de ministers"], np.stack([_unit(1, 0, 0, 0)]), values=[value]
    )
    view = MemoryView.of(memory, store)
    assert remembered_value(0, candidates, SCORES, view, _unit(1, 0, 0, 0)) == 1


def test_of_a_figure_and_a_range_holding_it_the_figure_is_named() -> None:
    # Goal 7: "... van 1 juli 2016 tot en met 30 juni 2019 ..."
    text = "De regeling loopt van 1 juli 2016 tot en met 30 juni 2019 in alle regio's."
    store = SentenceStore(
        [Sentence(0, 0, len(text), text)],
        np.eye(1, 4, dtype=np.float32),
        [make_chunk(0, text)],
        np.eye(1, 4, dtype=np.float32),
    )
    hit = Hit(make_chunk(0, text), 1.0, 1, None, None)
    sentence = store.sentences[0]
    candidates = [
        Candidate(hit, 0, sentence, _figure("1 juli 2016 tot en met 30 juni 2019", text), "date"),
        Candidate(hit, 0, sentence, _figure("1 juli 2016", text), "date"),
        Candidate(hit, 0, sentence, _figure("30 juni 2019", text), "date"),
    ]
    memory = QuestionMemory.of(
        "test-embedder", [text[:40]], np.stack([_unit(1, 0, 0, 0)]), values=["30 juni 2019"]
    )
    view = MemoryView.of(memory, store)
    scores = np.asarray([3.0, 2.0, 1.0])
    assert remembered_value(0, candidates, scores, view, _unit(1, 0, 0, 0)) == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # Goal 8: "Inmiddels zijn er 24 door de ministers van OCW en EZ gefinancierde Centres
        # of expertise actief en zijn er 13 onbekostigde centres gestart."
        ("Hoeveel Centres of expertise krijgen geld van OCW en EZ?", "24"),
        ("Hoeveel onbekostigde Centres of expertise zijn er gestart?", "13"),
        # Goal 6: "In augustus 2016 zijn 28 trainees gestart in kader van Eerst de Klas en zijn
        # 38 onderwijstrainees gestart vanuit het OnderwijsTraineeship."
        ("Hoeveel OnderwijsTraineeship-trainees begonnen in augustus 2016?", "38"),
        ("Hoeveel trainees van Eerst de Klas begonnen in augustus 2016?", "28"),
        # Goal 12: "De eerste twaalf van de 76 sectorplannen zijn inmiddels volledig afgerond"
        ("Hoeveel sectorplannen zijn helemaal klaar?", "twaalf"),
    ],
)
def test_each_figure_of_a_sentence_answers_the_question_that_asks_it(
    report_index: Index, question: str, figure: str
) -> None:
    result = answer(report_index, question)
    assert not result.abstained
    assert result.value == figure
    assert result.value_start is not None and result.value_end is not None
    assert result.text[result.value_start : result.value_end] == figure
