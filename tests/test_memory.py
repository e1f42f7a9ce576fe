"""The answer step's memory of the bank's questions (kb.answers.memory) and how `kb fit`
reads it (kb.evaluation.memory_fit)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest

from kb.answers.answer import answer
from kb.answers.candidates import FEATURES
from kb.answers.memory import (
    MEMORY_FEATURES,
    MemoryView,
    QuestionMemory,
    remembers,
    view_of,
)
from kb.answers.model import MODEL_FILE, MODEL_FORMAT, load_model, model_json
from kb.answers.recalled import recalled_passages
from kb.evaluation.fitdata import examples, retrieve
from kb.evaluation.memory_fit import BankMemory, valued
from kb.evaluation.questions import EvalQuestion, load_questions
from kb.index import Hit, Index
from kb.sentence_store import Sentence, SentenceStore
from tests.support.ingest_fixtures import ROOT
from tests.support.search_fixtures import count_candidates, make_chunk

SENTENCES = (
    "Er zijn acht cross-over kwalificaties, waarvan er vier raken aan techniek.",
    "Het aandeel is 30 procent.",
    "De ambitie is 50% in 2020.",
)


def _store() -> SentenceStore:
    sentences: list[Sentence] = []
    start = 0
    for text in SENTENCES:
        sentences.append(Sentence(0, start, start + len(text), text))
        start += len(text) + 1
    vectors = np.eye(len(SENTENCES), 4, dtype=np.float32)
    return SentenceStore(sentences, vectors, [make_chunk(0, " ".join(SENTENCES))], vectors)


def _unit(*values: float) -> list[float]:
    v = np.asarray(values, dtype=np.float32)
    return list(v / np.linalg.norm(v))


MEMORY = QuestionMemory.of(
    "test-embedder",
    ["waarvan er vier raken aan techniek", "30 procent", "aandeel is 30 procent. De"],
    np.asarray([_unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 1, 0)], dtype=np.float32),
)


UNANSWERED = QuestionMemory.of(
    "test-embedder",
    ["waarvan er vier raken aan techniek", "30 procent", ""],
    np.asarray([_unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 0, 1)], dtype=np.float32),
    unanswerable=1,
)
"""Two questions the report answers, and one it does not (a near miss: no span)."""


def test_the_memory_keeps_its_vectors_as_bytes_with_a_scale_per_row() -> None:
    again = QuestionMemory.model_validate_json(MEMORY.model_dump_json())
    assert again.dimension == 4
    assert np.allclose(again.matrix(), np.eye(3, 4), atol=1e-6)
    assert len(base64.b64decode(again.vectors)) == 3 * 4  # one byte a dimension
    # Rows of any scale come back within half a step (their largest magnitude / 254) ...
    rng = np.random.default_rng(7)
    rows = rng.normal(size=(50, 384)).astype(np.float32)
    rows[::2] *= 1e-3
    read = QuestionMemory.of("test-embedder", ["x"] * 50, rows).matrix()
    step = np.abs(rows).max(axis=1, keepdims=True) / 127
    assert np.all(np.abs(read - rows) <= step / 2 + 1e-7)
    # ... and an all-zero row stays zero.
    zero = QuestionMemory.of("test-embedder", ["x"], np.zeros((1, 4), dtype=np.float32))
    assert not zero.matrix().any()


def test_a_remembered_question_the_report_does_not_answer_answers_no_sentence() -> None:
    again = QuestionMemory.model_validate_json(UNANSWERED.model_dump_json())
    assert again.unanswerable == 1
    view = MemoryView.of(again, _store())
    assert view.sentence_of.tolist() == [0, 1, -1]
    assert view.unanswered.tolist() == [False, False, True]
    # However close it is, it neither votes for a sentence nor brings one back.
    question = np.asarray(_unit(0.3, 0, 0, 1), dtype=np.float32)
    assert view.columns(question, [0, 1])[:, 2].astype(float).round(3).tolist() == [1.0, 0.0]
    assert view.pointed(question) == [0, 1]


def test_abstention_reads_the_vote_of_the_closest_questions_the_report_does_not_answer() -> None:
    view = MemoryView.of(UNANSWERED, _store())
    # Cosines 0.60 and 0 with the answered questions, 0.59 with the unanswered one: weights
    # 1, e^-30 and e^(-0.01/0.02).
    question = np.asarray([0.6, 0.0, np.sqrt(1 - 0.6**2 - 0.59**2), 0.59], dtype=np.float32)
    share = np.exp(-0.5) / (1 + np.exp(-0.5))
    assert view.abstention_columns(question).astype(float).round(3).tolist() == [round(share, 3)]
    # The closest answered question masked out, the unanswered one has the vote ...
    first_out = np.array([False, True, True])
    assert view.abstention_columns(question, first_out).astype(float).round(3).tolist() == [1.0]
    # ... and without any unanswered question to read, it has none.
    assert view.abstention_columns(question, np.array([True, True, False])).tolist() == [0.0]
    assert MemoryView.of(MEMORY, _store()).abstention_columns(question).tolist() == [0.0]


def test_a_model_file_of_another_format_is_refused(tmp_path: Path) -> None:
    data = json.loads(model_json(MODEL_FILE))
    assert data["format_version"] == MODEL_FORMAT
    older = tmp_path / "older.json"
    older.write_text(json.dumps({**data, "format_version": 1}), encoding="utf-8")
    with pytest.raises(ValueError, match="format 1, expected 2"):
        load_model(older)
    # A format-1 file without a memory reads: format 2 changed only the memory.
    plain = {k: v for k, v in data.items() if k != "memory"}
    older.write_text(json.dumps({**plain, "format_version": 1}), encoding="utf-8")
    read = load_model(older)
    assert read is not None and read.memory is None


def test_a_remembered_question_belongs_to_the_sentence_that_holds_its_span_whole() -> None:
    view = MemoryView.of(MEMORY, _store())
    assert {n: list(rows) for n, rows in view.of_sentence.items()} == {0: [0], 1: [1]}
    # The third span runs over the end of sentence 1 into sentence 2: no sentence holds it.


def test_a_candidate_reads_the_closest_question_its_sentence_answers() -> None:
    view = MemoryView.of(MEMORY, _store())
    question = np.asarray(_unit(0.6, 0.8, 0, 0), dtype=np.float32)
    columns = view.columns(question, [0, 0, 1, 2])
    assert columns.shape == (4, len(MEMORY_FEATURES))
    similarity, to_best, vote, vote_to_best = columns.T
    assert similarity.astype(float).round(2).tolist() == [0.6, 0.6, 0.8, 0.0]
    assert to_best.astype(float).round(2).tolist() == [-0.2, -0.2, 0.0, -0.8]
    # 0.2 less alike than the closest: a weight of e^-10 against 1.
    assert vote.astype(float).round(3).tolist() == [0.0, 0.0, 1.0, 0.0]
    assert vote_to_best.astype(float).round(3).tolist() == [-1.0, -1.0, 0.0, -1.0]


def test_the_closest_remembered_questions_vote_by_how_alike_they_are() -> None:
    view = MemoryView.of(MEMORY, _store())
    # Cosines 0.60 (sentence 0) and 0.59 (sentence 1): weights 1 and e^(-0.01/0.02).
    question = np.asarray([0.6, 0.59, 0.0, np.sqrt(1 - 0.6**2 - 0.59**2)], dtype=np.float32)
    vote = view.columns(question, [0, 1, 2])[:, 2]
    share = 1 / (1 + np.exp(-0.5))
    assert vote.astype(float).round(3).tolist() == [round(share, 3), round(1 - share, 3), 0.0]
    # A question masked out does not vote.
    alone = view.columns(question, [0, 1], np.array([False, True, True]))[:, 2]
    assert alone.astype(float).round(3).tolist() == [0.0, 1.0]


def test_only_the_ten_closest_remembered_questions_vote() -> None:
    # Ten questions about sentence 1 (cosine 0.72) a little closer than one about sentence 0
    # (0.70).
    rows = [_unit(0.0, 1.0, 0.0, 0.0)] * 10 + [_unit(1.0, 0.0, 0.0, 0.0)]
    memory = QuestionMemory.of(
        "test-embedder", ["30 procent"] * 10 + ["waarvan er vier"], np.asarray(rows)
    )
    view = MemoryView.of(memory, _store())
    question = np.asarray(_unit(0.7, 0.72, 0.0, 0.0), dtype=np.float32)
    vote = view.columns(question, [0, 1])[:, 2]
    assert vote.astype(float).round(3).tolist() == [0.0, 1.0]
    # With one of the ten left out, the eleventh votes.
    allowed = np.array([False] + [True] * 10)
    assert view.columns(question, [0, 1], allowed)[0, 2] > 0


def test_a_questions_cosines_are_computed_once_and_kept_for_it_only() -> None:
    view = MemoryView.of(MEMORY, _store())
    first = np.asarray(_unit(0.6, 0.8, 0, 0), dtype=np.float32)
    other = np.asarray(_unit(0, 0, 1, 0), dtype=np.float32)
    cosines = view.cosines(first)
    assert view.cosines(first.copy()) is cosines
    assert view.cosines(other).astype(float).round(2).tolist() == [0.0, 0.0, 1.0]
    assert view.cosines(first).astype(float).round(2).tolist() == [0.6, 0.8, 0.0]
    assert not cosines.flags.writeable


def test_a_question_masked_out_of_the_memory_is_not_read() -> None:
    view = MemoryView.of(MEMORY, _store())
    question = np.asarray(_unit(0.6, 0.8, 0, 0), dtype=np.float32)
    columns = view.columns(question, [0, 1], np.array([True, False, True]))
    assert columns[:, 0].astype(float).round(2).tolist() == [0.6, 0.0]


def test_the_closest_remembered_questions_point_at_their_sentences() -> None:
    view = MemoryView.of(MEMORY, _store())
    assert view.sentence_of.tolist() == [0, 1, -1]  # the third span stands in no sentence
    question = np.asarray(_unit(0.6, 0.8, 0.9, 0), dtype=np.float32)
    # Row 2 is the closest but answers no sentence; then row 1 (sentence 1), then row 0.
    assert view.pointed(question) == [1, 0]
    assert view.pointed(question, count=1) == [1]
    assert view.pointed(question, np.array([True, False, True])) == [0]
    assert view.pointed(question, np.array([False, False, True])) == []


def _passages() -> tuple[SentenceStore, list[Hit]]:
    """Three passages of one sentence each, and their hits in the order 2, 0, 1."""
    chunks = [make_chunk(i, text) for i, text in enumerate(SENTENCES)]
    sentences = [Sentence(i, 0, len(text), text) for i, text in enumerate(SENTENCES)]
    vectors = np.eye(len(SENTENCES), 4, dtype=np.float32)
    store = SentenceStore(sentences, vectors, chunks, vectors)
    hits = [Hit(chunks[i], 1.0 / rank, rank, None, None) for rank, i in enumerate((2, 0, 1), 1)]
    return store, hits


def test_the_memory_brings_back_a_passage_the_search_ranked_lower() -> None:
    store, hits = _passages()
    memory = QuestionMemory.of(
        "test-embedder",
        [SENTENCES[1], SENTENCES[0]],
        np.asarray([_unit(1, 0, 0, 0), _unit(0, 1, 0, 0)], dtype=np.float32),
    )
    view = MemoryView.of(memory, store)
    question = np.asarray(_unit(0.9, 0.1, 0, 0), dtype=np.float32)
    # Both remembered questions are among the closest: their passages (1 and 0) come back
    # when the first passage taken is 2, in the search's order (0 before 1) ...
    brought = recalled_passages(view, store, question, hits[:1], lambda: hits)
    assert [h.chunk.text for h in brought] == [SENTENCES[0], SENTENCES[1]]
    assert [h.rank for h in brought] == [2, 3]
    # ... not when they are taken already, nor when masked out, nor beyond the deeper search.
    assert recalled_passages(view, store, question, hits, lambda: hits) == []
    masked = recalled_passages(
        view, store, question, hits[:1], lambda: hits, np.array([False, True])
    )
    assert [h.chunk.text for h in masked] == [SENTENCES[0]]
    assert recalled_passages(view, store, question, hits[:1], lambda: hits[:2]) == [hits[1]]


def test_a_memory_of_another_embedder_is_not_read() -> None:
    store = _store()
    assert view_of(MEMORY, store, "another-embedder") is None
    assert view_of(None, store, "test-embedder") is None
    view = view_of(MEMORY, store, "test-embedder")
    assert view is not None and view_of(MEMORY, store, "test-embedder") is view


def test_the_memory_columns_are_the_last_of_a_row() -> None:
    # `remembers` reads them there.
    assert FEATURES[-len(MEMORY_FEATURES) :] == MEMORY_FEATURES


def test_the_memory_ranks_only_when_it_knows_every_passage() -> None:
    rows = np.zeros((4, 5 + len(MEMORY_FEATURES)), dtype=np.float32)
    similarity = 5  # the first memory column: the memory's are the row's last
    rows[[1, 3], similarity] = 0.9
    assert remembers(["a", "a", "b", "b"], rows)
    assert not remembers(["a", "a", "b", "c"], rows)  # nobody asked about passage c
    assert not remembers([], rows[:0])


@pytest.mark.slow
def test_kb_fit_reads_no_question_its_own_memory_nor_that_of_a_goal_held_out(
    report_index: Index,
) -> None:
    bank = [q for q in load_questions(ROOT / "eval" / "bank") if q.answerable and q.fact]
    asked = [q for q in bank if q.goal == 4][:6] + [q for q in bank if q.goal == 5][:6]
    retrieved = retrieve(report_index, asked)
    memory = BankMemory.of(report_index, retrieved)
    taught = examples(report_index, retrieved, {q.id: {"count": 0.5, "other": 0.5} for q in asked})
    column = FEATURES.index("memory_similarity")
    for held_out, read in ((), memory.read(taught)), ((4,), memory.read(taught, [4])):
        for example in read:
            right = example.rows[example.labels == 1, column]
            # A question's own embedding would read 1.0 on its right sentence.
            assert (right < 0.999).all()
            if example.question.goal in held_out:
                assert not example.rows[:, column].any()


@pytest.mark.slow
def test_the_shipped_memory_answers_from_sentences_of_the_report(report_index: Index) -> None:
    model = load_model()
    assert model is not None and model.memory is not None
    memory = model.memory.questions
    store = report_index.sentences
    assert store is not None
    assert memory.embedder == report_index.embedder.name
    view = view_of(memory, store, report_index.embedder.name)
    assert view is not None
    # Nearly every remembered span stands whole in a sentence (a few cross a footnote marker
    # or a hyphenated line end), and they answer most of the report's sentences.
    found = {int(r) for rows in view.of_sentence.values() for r in rows}
    assert len(found) >= 0.98 * (len(memory.facts) - memory.unanswerable)
    # The questions the report does not answer come last, with no span.
    assert memory.unanswerable > 300
    assert not any(memory.facts[-memory.unanswerable :])
    assert all(memory.facts[: -memory.unanswerable])
    remembered = {store.sentences[n].text for n in view.of_sentence}
    assert len(remembered) > 400


@pytest.mark.slow
def test_a_paraphrase_reads_the_memory_of_the_sentence_that_answers_it(
    report_index: Index,
) -> None:
    # Goal 9: "... zijn er momenteel acht cross-over kwalificaties goedgekeurd, waarvan er vier
    # raken aan de techniek." The bank asks it in other words; a new wording is closest to those.
    model = load_model()
    assert model is not None and model.memory is not None
    store = report_index.sentences
    assert store is not None
    memory = view_of(model.memory.questions, store, report_index.embedder.name)
    question = "Hoeveel opleidingen die twee vakgebieden combineren gaan over techniek?"
    candidates, rows = count_candidates(report_index, question, 5, memory=memory)
    column = rows[:, FEATURES.index("memory_similarity")]
    best = candidates[int(np.argmax(column))]
    assert "waarvan er vier raken aan de techniek" in best.sentence.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # Doel 9: "... wordt gewerkt aan een verdere uitbreiding van de samenwerking met
        # bijvoorbeeld Bouwend Nederland en Nederland ICT." (written for this test)
        (
            "Welke brancheorganisaties doen mee om de samenwerking uit te breiden?",
            "Bouwend Nederland en Nederland ICT",
        ),
        # Doel 6: "Het onderwijs en bedrijfsleven zetten hierin gezamenlijk de eerste stappen
        # in de vorm van fieldlabs."
        (
            "Hoe heten de proeftuinen waarin scholen en bedrijven het lerarentekort aanpakken?",
            "in de vorm van fieldlabs",
        ),
    ],
)
def test_the_memory_brings_back_the_passage_a_question_in_other_words_missed(
    report_index: Index, question: str, fact: str
) -> None:
    first = report_index.search(question, top_k=report_index.settings.answer_passages)
    assert not any(fact in hit.chunk.text for hit in first)  # the search alone misses it
    result = answer(report_index, question)
    assert not result.abstained and fact in result.text
    assert any(fact in hit.chunk.text for hit in result.hits)  # its source is shown


@pytest.mark.slow
def test_a_near_miss_the_memory_knows_abstains_where_its_twin_is_answered(
    report_index: Index,
) -> None:
    # Goal 6: "momenteel heeft 37% van de docenten in het voortgezet onderwijs een
    # masteropleiding"; of the mbo it says only that it "wil graag kunnen beschikken over meer
    # docenten met een educatieve master", no share. The bank and users' words ask the mbo
    # share as a near miss; the memory's abstainer reads their vote (session 39's model
    # quoted the mbo sentence as the answer, confidence 0.66).
    mbo = "Welk deel van de leraren in het mbo beschikt over een masterdiploma?"
    assert answer(report_index, mbo).abstained
    vo = "Hoeveel procent van de docenten in het voortgezet onderwijs heeft een masteropleiding?"
    today = answer(report_index, vo)
    assert not today.abstained and today.value == "37%"


def test_questions_joined_after_the_fit_come_after_its_own_and_can_be_replaced() -> None:
    # UNANSWERED: two answered questions and a near miss; two more join (one of each).
    more = QuestionMemory.of(
        "test-embedder",
        ["De ambitie is 50%", ""],
        np.asarray([_unit(0, 0, 1, 0), _unit(0, 1, 1, 0)], dtype=np.float32),
        unanswerable=1,
    )
    joined = UNANSWERED.joined(more, "d1")
    assert joined.facts == [
        "waarvan er vier raken aan techniek",
        "30 procent",
        "De ambitie is 50%",
        "",
        "",
    ]
    assert joined.unanswerable == 2
    assert joined.recall is not None and joined.recall.model_dump() == {
        "answerable": 1,
        "unanswerable": 1,
        "digest": "d1",
    }
    # The rows are the stored ones, in the same order as their questions.
    rows = [UNANSWERED.matrix()[i] for i in (0, 1)] + [more.matrix()[0], UNANSWERED.matrix()[2]]
    assert np.array_equal(joined.matrix(), np.stack([*rows, more.matrix()[1]]))
    # Read against the sentences, the joined question answers its sentence, and the joined
    # near miss answers none.
    view = MemoryView.of(joined, _store())
    assert view.sentence_of.tolist() == [0, 1, 2, -1, -1]
    # The memory as fitted comes back, and joining anew replaces what was joined before.
    assert joined.fitted() == UNANSWERED
    again = joined.joined(more.model_copy(update={"facts": ["30 procent", ""]}), "d2")
    assert again.facts == ["waarvan er vier raken aan techniek", "30 procent", "30 procent", "", ""]
    assert again.recall is not None and again.recall.digest == "d2"
    # Survives the model file.
    assert QuestionMemory.model_validate_json(joined.model_dump_json()) == joined
    # A memory without values joined to one with values: "" for each row without.
    valued = more.with_values(["50%", ""])
    assert UNANSWERED.joined(valued, "d3").values == ["", "", "50%", "", ""]
    assert UNANSWERED.joined(more, "d4").values == []
    with pytest.raises(ValueError, match="3 values for a memory of 2"):
        more.with_values(["a", "b", "c"])
    # A model file whose values do not match its questions is refused when read.
    broken = json.loads(joined.model_dump_json())
    broken["values"] = ["50%"]
    with pytest.raises(ValueError, match="1 values for 5 questions"):
        QuestionMemory.model_validate(broken)


def test_values_follow_their_rows_when_joined_and_taken_apart() -> None:
    base = UNANSWERED.with_values(["vier", "30 procent", ""])
    more = QuestionMemory.of(
        "test-embedder",
        ["De ambitie is 50%", ""],
        np.asarray([_unit(0, 0, 1, 0), _unit(0, 1, 1, 0)], dtype=np.float32),
        unanswerable=1,
        values=["50%", ""],
    )
    joined = base.joined(more, "d")
    assert joined.values == ["vier", "30 procent", "50%", "", ""]
    assert joined.fitted().values == base.values
    assert MemoryView.of(joined, _store()).values == ("vier", "30 procent", "50%", "", "")
    assert MemoryView.of(UNANSWERED, _store()).values == ("", "", "")


def test_questions_of_another_embedder_are_not_joined() -> None:
    other = QuestionMemory.of("other-embedder", ["30 procent"], np.eye(1, 4, dtype=np.float32))
    with pytest.raises(ValueError, match="other-embedder"):
        MEMORY.joined(other, "d")


def _asked(qid: str, fact: str | None, value: str | None) -> EvalQuestion:
    return EvalQuestion.model_validate(
        {
            "id": qid,
            "question": f"vraag {qid}?",
            "answerable": fact is not None,
            "goal": 1,
            "qtype": "hoeveel",
            "evidence": [fact] if fact else [],
            "fact": fact,
            "value": value,
            "section": "bereikt" if fact else None,
            "wording": "paraphrase",
            "near_miss": fact is None,
        }
    )


def test_a_memory_fitted_without_values_gets_those_of_its_questions_row_by_row() -> None:
    # UNANSWERED was fitted on two answered questions and a near miss; the near miss may come
    # first in the file, the memory keeps the answered ones first.
    asked = [
        _asked("q3", None, None),
        _asked("q1", "waarvan er vier raken aan techniek", "vier"),
        _asked("q2", "30 procent", None),
    ]
    assert valued(UNANSWERED, asked).values == ["vier", "", ""]
    with pytest.raises(ValueError, match="not fitted on these questions"):
        valued(UNANSWERED, asked[1:])
    with pytest.raises(ValueError, match="not fitted on these questions"):
        valued(UNANSWERED, [asked[0], asked[2], asked[1]])
