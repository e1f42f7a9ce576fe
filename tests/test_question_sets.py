"""The question bank and the fresh answer sets are well formed: every span stands verbatim in the
report as eval/FORMAT.md says (`eval/bank/check_bank.py`), ids are unique across all of them,
and no fresh set is part of what `kb fit` reads."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from kb.evaluation.questions import load_questions

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpus" / "techniekpact-voortgangsrapportage-2017.txt"
FOLDERS = ("bank", "answers-fresh", "answers-fresh2")


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_bank", ROOT / "eval/bank/check_bank.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(folder: str) -> list[dict[str, object]]:
    return [
        json.loads(line)
        for path in sorted((ROOT / "eval" / folder).glob("goal-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_every_question_passes_the_bank_checker() -> None:
    raw = RAW.read_text(encoding="utf-8")
    lines = raw.splitlines()
    checker = _checker()
    for folder in FOLDERS:
        rows = _rows(folder)
        assert rows, folder
        bad = {str(r["id"]): checker.problems(r, raw, lines) for r in rows}
        assert {k: v for k, v in bad.items() if v} == {}


def test_ids_are_unique_across_the_bank_and_the_fresh_sets() -> None:
    ids = [str(r["id"]) for folder in FOLDERS for r in _rows(folder)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("folder", ["answers-fresh", "answers-fresh2"])
def test_a_fresh_set_is_not_in_the_bank(folder: str) -> None:
    bank = {q.id for q in load_questions(ROOT / "eval" / "bank")}
    fresh = load_questions(ROOT / "eval" / folder)
    # 24 answerable questions and 4 near misses for the preface and each of the 12 goals.
    assert len(fresh) == 364
    assert sum(q.answerable for q in fresh) == 312
    assert not bank & {q.id for q in fresh}
    assert all(q.wording == "paraphrase" for q in fresh)
