"""`kb fit` on a slice of the question bank: folds hold whole goals out, the fitted model is
written as JSON and loads back, and the report compares it with the hand-set scorer."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kb.answers.decide import ABSTAIN_FEATURES
from kb.answers.memory import NEAR_MISS_FEATURES
from kb.answers.model import load_model
from kb.evaluation import crossval
from kb.evaluation.alternatives import choose_margin
from kb.evaluation.fit import fit_ranker
from kb.evaluation.fit_report import markdown
from kb.evaluation.fitdata import goal_of, retrieve
from kb.evaluation.fitting import FitOutcome, run_fit, what_runs, write_model
from kb.evaluation.memory_fit import BankMemory, remember
from kb.evaluation.questions import load_questions
from kb.index import Index
from tests.support.ingest_fixtures import ROOT


@pytest.fixture(scope="module")
def bank_slice() -> list:
    questions = load_questions(ROOT / "eval" / "bank")
    return questions[::25]  # every goal, answerable and not


@pytest.fixture(scope="module")
def memory_slice() -> list:
    return load_questions(ROOT / "eval" / "memory")[::40]


@pytest.mark.slow
def test_folds_never_train_on_the_goals_they_test(report_index: Index, bank_slice: list) -> None:
    prepared = crossval.folds(report_index, retrieve(report_index, bank_slice))
    assert len(prepared) == 5
    tested: set[str] = set()
    for fold in prepared:
        train_goals = {goal_of(e.question) for e in fold.train}
        test_goals = {goal_of(e.question) for e in fold.test}
        assert test_goals and not train_goals & test_goals
        tested |= {e.question.id for e in fold.test}
    assert tested == {q.id for q in bank_slice}  # every question is tested exactly once
    # The ablation refits without a feature group; every question is still ranked once.
    ranked = crossval.out_of_fold(prepared, without=crossval.FEATURE_GROUPS["similarity"])
    assert sorted(r.example.question.id for r in ranked) == sorted(tested)
    scores = crossval.ranking_scores(ranked)
    assert 0 <= scores.right_at_1 <= scores.right_at_3 <= scores.answerable
    # A seed (benchmarks/fit_seeds.py) gives the same trees each time, and other trees than
    # another seed: the ranker subsamples rows and features.
    train = prepared[0].train
    assert fit_ranker(train, seed=7).trees == fit_ranker(train, seed=7).trees
    assert fit_ranker(train, seed=7).trees != fit_ranker(train, seed=8).trees


@pytest.fixture(scope="module")
def recall_slice() -> list:
    return load_questions(ROOT / "eval" / "recall")[::40]


@pytest.fixture(scope="module")
def fitted(report_index: Index, bank_slice: list, memory_slice: list) -> FitOutcome:
    return run_fit(
        report_index,
        bank_slice,
        lambda stage, done, total: None,
        ablation=False,
        remembered=memory_slice,
    )


@pytest.mark.slow
def test_fit_writes_a_model_that_loads_and_a_side_by_side_report(
    report_index: Index,
    bank_slice: list,
    memory_slice: list,
    fitted: FitOutcome,
    tmp_path: Path,
) -> None:
    outcome = fitted
    report = outcome.report
    # The questions for the memory only are remembered, but neither tested nor trained on.
    assert report["questions"] == len(bank_slice)
    extra = [q for q in memory_slice if q.answerable and q.fact]
    known = [q for q in bank_slice if q.answerable and q.fact]
    assert report["remembered only"] == len(extra) > 0
    assert outcome.model.memory is not None
    # The memory holds the answerable questions with their spans, then those the report does
    # not answer (for abstention), with no span.
    unanswerable = [q for q in bank_slice + memory_slice if not q.answerable]
    remembered = outcome.model.memory.questions
    assert remembered.facts == [q.fact for q in known + extra] + [""] * len(unanswerable)
    assert remembered.unanswerable == len(unanswerable) > 0
    # Each with its value (kb.answers.remembered_value names the answer's figure by them).
    values = [q.value or "" for q in known + extra] + [""] * len(unanswerable)
    assert remembered.values == values and any(values)
    measures = {
        "fact in the answer sentence",
        "value right",
        "near misses that abstain",
        "answerable that abstain",
    }
    assert set(report["hand-set"]) == measures  # type: ignore[arg-type]
    assert set(report["fitted + kept gates (what runs)"]) == measures  # type: ignore[arg-type]
    # By wording: the two wordings split the questions, and their figures add up to what runs.
    slices = report["by wording"]
    assert isinstance(slices, dict)
    wordings = [
        slices[f"wording: {w}"] for w in ("report", "paraphrase") if f"wording: {w}" in slices
    ]
    answerable = sum(q.answerable for q in bank_slice)
    assert sum(w["answerable"] for w in wordings) == answerable
    assert sum(w["near misses"] for w in wordings) == sum(q.near_miss for q in bank_slice)
    right = sum(w["fact in the answer sentence"] * w["answerable"] for w in wordings)
    runs = report["fitted + kept gates (what runs)"]
    assert isinstance(runs, dict)
    assert right == pytest.approx(runs["fact in the answer sentence"] * answerable)
    # what_runs (benchmarks/fit_seeds.py) is the report's row of what runs.
    retrieved = retrieve(report_index, bank_slice)
    prepared = crossval.remembering_folds(
        report_index, retrieved, retrieve(report_index, memory_slice)
    )
    recalled = crossval.out_of_fold(prepared, recall="known")
    learned = crossval.out_of_fold(prepared, extra=True)
    everyone = [*retrieved, *retrieve(report_index, memory_slice)]
    near = BankMemory.of(report_index, everyone).abstention_columns(everyone)
    assert what_runs(recalled, own=learned, near=near) == runs
    assert what_runs(recalled, own=learned) == report["what runs, no near misses remembered"]
    # The own ranker never learns from the questions for the memory only; the memory's ranker
    # learns from those of its training goals, and the abstention model from every one of
    # them, ranked out of fold by the own ranker of a fold that holds their goal out.
    extra_ids = {q.id for q in memory_slice}
    for fold in prepared:
        held_out = {goal_of(e.question) for e in fold.test}
        assert not {e.question.id for e in fold.train} & extra_ids
        remembered = {e.question.id for e in fold.remembered} & extra_ids
        assert remembered == {q.id for q in memory_slice if q.goal not in held_out}
        tested = {e.question.id for e in fold.extra_test}
        assert tested == {q.id for q in memory_slice if q.goal in held_out}
        # Abstention learns from what it reads at run time: the own ranker over the first
        # passages, never over passages the memory brought back.
        for example in [*fold.test, *fold.extra_test]:
            first = example.retrieved.hits[: example.retrieved.passages]
            assert {c.hit.chunk.id for c in example.candidates} <= {h.chunk.id for h in first}
    assert sorted(r.example.question.id for r in learned) == sorted(
        [q.id for q in bank_slice] + [q.id for q in memory_slice]
    )
    assert outcome.model.abstainer == crossval.fit_abstainer(learned)
    # Text the bank asked about: the memory's abstainer reads how close the remembered
    # questions the report does not answer are, its threshold read on the bank's questions.
    bank_ids = {q.id for q in bank_slice}
    memory_abstainer = crossval.fit_abstainer(learned, columns=near, scored=bank_ids)
    assert outcome.model.memory.abstainer == memory_abstainer
    assert memory_abstainer.features == [*ABSTAIN_FEATURES, *NEAR_MISS_FEATURES]
    assert memory_abstainer != crossval.fit_abstainer(learned, columns=near)
    users = report["users' words"]
    assert isinstance(users, dict)
    assert users["answerable"] == sum(q.answerable for q in memory_slice) > 0
    assert users["near misses"] == sum(q.near_miss for q in memory_slice)
    assert 0 <= users["answerable that abstain"] <= 1
    styles = {q.style for q in bank_slice if q.style is not None}
    assert {f"style: {style}" for style in styles} <= set(slices)
    assert "## By wording (what runs, out of fold)" in markdown(report)
    path = tmp_path / "answer-model.json"
    write_model(outcome.model, path)
    assert load_model(path) == outcome.model
    assert outcome.model.trained_on["questions"] == len(bank_slice)
    # The runner-up margins are the ones the report chose: the memory's ranker's on this
    # report's text asked anew, the own ranker's on new text (the two agreed on this slice
    # until the memory brought passages back); a wider margin never loses answer@3 nor shows
    # alternatives on fewer answers.
    alternatives = report["alternatives"]
    assert isinstance(alternatives, dict)
    assert outcome.model.memory is not None
    assert outcome.model.memory.alternatives_margin == alternatives["chosen"]
    assert outcome.model.alternatives_margin == alternatives["new text"]
    rows = alternatives["margins"]
    for narrow, wide in itertools.pairwise(rows):
        assert narrow["margin"] < wide["margin"]
        assert narrow["answer@3"] <= wide["answer@3"]
        assert narrow["answers with alternatives"] <= wide["answers with alternatives"]


def test_the_runner_up_margin_widens_while_its_alternatives_pay() -> None:
    def row(margin: float, right: int, shown: int) -> dict[str, float]:
        return {"margin": margin, "right at 3": right, "with alternatives": shown}

    # 100 answers: each step adds alternatives to 20 more; the third step makes 1 right.
    table = [row(0.0, 70, 0), row(1.0, 78, 20), row(2.0, 81, 40), row(3.0, 82, 60)]
    assert choose_margin(table) == 2.0
    table[2] = row(2.0, 79, 40)  # 1 in 20: not worth showing
    assert choose_margin(table) == 1.0
    assert choose_margin([row(0.0, 70, 0), row(1.0, 70, 30)]) == 0.0


@pytest.mark.slow
def test_questions_for_recall_join_the_memory_and_teach_nothing(
    report_index: Index,
    bank_slice: list,
    memory_slice: list,
    recall_slice: list,
    fitted: FitOutcome,
) -> None:
    """`kb fit --recall`: the questions join the memory of the model written (their spans after
    the others', their near misses among the questions the report does not answer), but
    nothing is fitted, chosen or scored with them: every other part of the model and every
    figure of the report come out as without them."""
    outcome = run_fit(
        report_index,
        bank_slice,
        lambda stage, done, total: None,
        ablation=False,
        remembered=memory_slice,
        recalled=recall_slice,
    )
    recall = [q for q in recall_slice if q.answerable and q.fact]
    unanswered = [q for q in recall_slice if not q.answerable]
    assert outcome.report["recalled only"] == len(recall) > 0 and unanswered
    assert fitted.report["recalled only"] == 0
    # The version names what the model was fitted on: the same.
    assert outcome.report["model version"] == fitted.report["model version"]
    figures = [
        {k: v for k, v in o.report.items() if k != "recalled only"} for o in (outcome, fitted)
    ]
    assert figures[0] == figures[1]
    model, before = outcome.model, fitted.model
    assert model.memory is not None and before.memory is not None
    held, was = model.memory.questions, before.memory.questions
    answered = len(was.facts) - was.unanswerable
    assert held.facts[:answered] == was.facts[:answered]
    assert held.facts[answered:] == [q.fact for q in recall] + [""] * held.unanswerable
    assert held.unanswerable == was.unanswerable + len(unanswered)
    assert held.recall is not None and held.recall.answerable == len(recall)
    assert held.recall.unanswerable == len(unanswered) and held.fitted() == was
    assert model.memory.model_copy(update={"questions": was}) == before.memory
    assert model.model_copy(update={"memory": before.memory}) == before
    # `kb remember` joins them to the model fitted without them the same way.
    assert remember(before, report_index, retrieve(report_index, recall_slice)) == model
