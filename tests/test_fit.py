"""`kb fit` on a slice of the question bank: folds hold whole goals out, the fitted model is
written as JSON and loads back, and the report compares it with the hand-set scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.answers.model import load_model
from kb.evaluation import crossval
from kb.evaluation.fitdata import goal_of, retrieve
from kb.evaluation.fitting import run_fit, write_model
from kb.evaluation.questions import load_questions
from kb.index import Index
from tests.support.ingest_fixtures import ROOT


@pytest.fixture(scope="module")
def bank_slice() -> list:
    questions = load_questions(ROOT / "eval" / "bank")
    return questions[::25]  # every goal, answerable and not


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


@pytest.mark.slow
def test_fit_writes_a_model_that_loads_and_a_side_by_side_report(
    report_index: Index, bank_slice: list, tmp_path: Path
) -> None:
    outcome = run_fit(report_index, bank_slice, lambda stage, done, total: None, ablation=False)
    report = outcome.report
    assert report["questions"] == len(bank_slice)
    measures = {
        "fact in the answer sentence",
        "value right",
        "near misses that abstain",
        "answerable that abstain",
    }
    assert set(report["hand-set"]) == measures  # type: ignore[arg-type]
    assert set(report["fitted + year gate (what runs)"]) == measures  # type: ignore[arg-type]
    path = tmp_path / "answer-model.json"
    write_model(outcome.model, path)
    assert load_model(path) == outcome.model
    assert outcome.model.trained_on["questions"] == len(bank_slice)


@pytest.mark.slow
def test_every_miss_has_one_category_and_web_addresses_are_no_text(
    report_index: Index, bank_slice: list
) -> None:
    from kb.evaluation.misses import CATEGORIES, categorise

    ranked = crossval.out_of_fold(crossval.folds(report_index, retrieve(report_index, bank_slice)))
    texts = [chunk.text for chunk in report_index.chunks]
    misses = categorise(ranked, crossval.evaluate_abstention(ranked), texts)
    answerable = {q.id for q in bank_slice if q.answerable}
    assert {m.question_id for m in misses} <= answerable
    assert len({m.question_id for m in misses}) == len(misses)
    assert all(m.category in CATEGORIES for m in misses)
    # The report's web addresses are kept beside a passage, not in its text: a question whose
    # gold span is one ("www.pbt-netwerk.nl") cannot be quoted, whatever the ranker does.
    assert not any("www.pbt-netwerk.nl" in text for text in texts)
    artefacts = [m for m in misses if m.category == "fact in no passage's text"]
    assert all(m.fact not in text for m in artefacts for text in texts)
