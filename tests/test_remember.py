"""`kb remember`: questions joined to a fitted model's memory from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kb.answers.memory import MemoryView
from kb.answers.model import MODEL_FILE, load_model, model_bytes
from kb.claims.model import ANSWER_MODEL_FILE
from kb.cli import main
from kb.errors import QuestionFileError
from kb.evaluation.question_sets import joinable, remembered
from kb.evaluation.questions import load_questions
from kb.index import Index


def test_it_refuses_gold_a_missing_model_and_one_without_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "m.json")
    gold = ["remember", "--questions", "eval/gold/questions.jsonl", "--out", out]
    assert main(gold) == 2
    assert "the gold set is never used" in capsys.readouterr().err
    assert main(["remember", "--model", str(tmp_path / "none.json"), "--out", out]) == 2
    assert "no answer model there" in capsys.readouterr().err
    # The claim check's pinned copy of session 18's model predates the memory.
    assert main(["remember", "--model", str(ANSWER_MODEL_FILE), "--out", out]) == 2
    assert "has no memory" in capsys.readouterr().err
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format_version": 99}), encoding="utf-8")
    assert main(["remember", "--model", str(other), "--out", out]) == 2
    assert "format 99" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()  # nothing written


@pytest.mark.slow
def test_it_joins_questions_that_the_answer_step_then_reads(
    report_index: Index, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Goal 12: "De eerste twaalf van de 76 sectorplannen zijn inmiddels volledig afgerond,
    # waaronder de ICT sector." One question asks it, one asks what the report does not say.
    asked = [
        {
            "id": "t-1",
            "question": "Hoeveel van de sectorplannen zijn al klaar?",
            "answerable": True,
            "goal": 12,
            "qtype": "hoeveel",
            "evidence": [
                "De eerste twaalf van de 76 sectorplannen zijn inmiddels volledig afgerond"
            ],
            "fact": "De eerste twaalf van de 76 sectorplannen zijn inmiddels volledig afgerond",
            "value": "twaalf",
            "section": "bereikt",
            "wording": "paraphrase",
            "near_miss": False,
        },
        {
            "id": "t-2",
            "question": "Hoeveel sectorplannen zijn er in 2019 afgerond?",
            "answerable": False,
            "goal": 12,
            "qtype": "hoeveel",
            "evidence": [],
            "fact": None,
            "value": None,
            "section": None,
            "wording": "paraphrase",
            "near_miss": True,
        },
    ]
    questions = tmp_path / "asked.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in asked), encoding="utf-8")
    assert [q.id for q in load_questions(questions)] == ["t-1", "t-2"]
    model = tmp_path / MODEL_FILE.name
    shutil.copyfile(MODEL_FILE, model)
    build = ["--build-dir", str(report_index.settings.build_dir)]
    command = ["remember", *build, "--questions", str(questions), "--model", str(model)]
    assert main(command) == 0
    assert "1 answerable, 1 not" in capsys.readouterr().out
    joined, committed = load_model(model), load_model(MODEL_FILE)
    assert joined is not None and joined.memory is not None
    assert committed is not None and committed.memory is not None
    held = joined.memory.questions
    answered = len(held.facts) - held.unanswerable
    assert held.facts[answered - 1] == asked[0]["fact"] and held.facts[-1] == ""
    assert held.fitted() == committed.memory.questions.fitted()
    # Everything else is the committed model's.
    assert joined.model_copy(update={"memory": committed.memory}) == committed
    # With its value, which the answer step reads.
    assert held.values[answered - 1] == "twaalf" and held.values[-1] == ""
    # The same questions again give the same file.
    first = model.read_bytes()
    assert main(command) == 0
    assert model.read_bytes() == first
    # A model fitted before the memory kept values gets those of the questions kb fit fitted
    # it on (eval/bank, eval/memory): the committed model's.
    bare = joined.memory.questions.model_copy(update={"values": []})
    stripped = joined.model_copy(
        update={"memory": joined.memory.model_copy(update={"questions": bare})}
    )
    model.write_bytes(model_bytes(stripped.model_dump_json().encode("utf-8"), model))
    assert main(command) == 0
    assert model.read_bytes() == first
    # Read against the report, the joined question answers the sentence holding its span.
    assert report_index.sentences is not None
    view = MemoryView.of(held, report_index.sentences)
    number = int(view.sentence_of[answered - 1])
    assert asked[0]["fact"] in report_index.sentences.sentences[number].text


def _first_record(folder: Path) -> str:
    return next(line for line in (folder / "goal-03.jsonl").open(encoding="utf-8") if line.strip())


@pytest.mark.slow
def test_devset_says_how_many_questions_the_memory_holds(
    report_index: Index,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # answers-fresh joined the memory in session 51 (`kb remember`); answers-fresh9 did not.
    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root)
    joined, unseen = (
        _first_record(root / "eval" / name) for name in ("answers-fresh", "answers-fresh9")
    )
    asked = tmp_path / "asked.jsonl"
    asked.write_text(joined + unseen, encoding="utf-8")
    questions = load_questions(asked)
    assert remembered(questions[:1]) == 1 and remembered(questions[1:]) == 0
    build = ["--build-dir", str(report_index.settings.build_dir)]
    assert main(["devset", *build, "--answers", "--file", str(asked)]) == 0
    err = capsys.readouterr().err
    assert "note: 1 of these 2 questions are in the answer model's memory" in err
    # Only the answers read the memory: the retrieval scores say nothing.
    assert main(["devset", *build, "--file", str(asked)]) == 0
    assert "note:" not in capsys.readouterr().err


def test_questions_join_only_from_the_project_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Twins of a measuring question are left out (kb.evaluation.question_sets.joinable): elsewhere,
    # where gold is not found, nothing joins rather than twins joining unseen.
    asked = tmp_path / "asked.jsonl"
    root = Path(__file__).resolve().parents[1]
    asked.write_text(_first_record(root / "eval" / "answers-fresh"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(QuestionFileError, match=r"eval/gold.*not found"):
        joinable([asked])
    monkeypatch.chdir(root)
    assert [q.id for q in joinable([asked])] == [q.id for q in load_questions(asked)]
