"""The feedback store (kb.feedback) and `kb feedback export`."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from kb.cli import main
from kb.errors import FeedbackError
from kb.feedback import FEEDBACK_FILE, FeedbackStore, Vote

VOTE = Vote(
    question="hoeveel cross-over kwalificaties raken techniek?",
    answer_id="techniekpact-2017/doel-09/bereikt/02#1@240-352",
    build_id="20260101T000000Z-abc123",
    vote="up",
    answer="Op grond van de aanvragen ... waarvan er vier raken aan de techniek.",
)


def test_a_vote_is_stored_with_its_question_answer_build_and_time(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "data" / FEEDBACK_FILE)
    row_id = store.add(VOTE)
    [row] = store.rows()
    assert row.id == row_id
    assert (row.question, row.answer_id, row.build_id, row.vote, row.comment) == (
        VOTE.question,
        VOTE.answer_id,
        VOTE.build_id,
        "up",
        "",
    )
    assert row.searched == VOTE.question  # searched as asked
    assert row.time.endswith("+00:00")


def test_a_change_of_mind_and_a_comment_update_the_same_row(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / FEEDBACK_FILE)
    row_id = store.add(VOTE)
    store.set_vote(row_id, "down")
    store.set_comment(row_id, "  Het antwoord noemt de namen niet.  ")
    [row] = store.rows()
    assert (row.vote, row.comment) == ("down", "Het antwoord noemt de namen niet.")


def test_votes_are_kept_across_store_objects(tmp_path: Path) -> None:
    path = tmp_path / FEEDBACK_FILE
    FeedbackStore(path).add(VOTE)
    FeedbackStore(path).add(Vote("wie?", "geen-antwoord", "b", "down"))
    assert [r.vote for r in FeedbackStore(path).rows()] == ["up", "down"]


def test_a_missing_file_has_no_votes_and_a_foreign_file_is_refused(tmp_path: Path) -> None:
    assert FeedbackStore(tmp_path / "nog-niet.sqlite3").rows() == []
    foreign = tmp_path / "ander.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("PRAGMA user_version = 7")
    with pytest.raises(FeedbackError, match="feedback format 7"):
        FeedbackStore(foreign).add(VOTE)
    broken = tmp_path / "kapot.sqlite3"
    broken.write_bytes(b"dit is geen database" * 100)
    with pytest.raises(FeedbackError, match="cannot use the feedback file"):
        FeedbackStore(broken).add(VOTE)


def test_csv_export_has_a_header_and_disarms_spreadsheet_formulas(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / FEEDBACK_FILE)
    store.add(VOTE)
    row_id = store.add(Vote('=HYPERLINK("x")', "geen-antwoord", "b", "down"))
    store.set_comment(row_id, "+31 is geen formule")
    out = io.StringIO()
    assert store.export_csv(out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == [
        "id", "time", "question", "searched", "answer_id", "answer", "build_id", "vote", "comment"
    ]  # fmt: skip
    assert rows[1][2] == VOTE.question and rows[1][7] == "up"
    assert rows[2][2] == '\'=HYPERLINK("x")'
    assert rows[2][8] == "'+31 is geen formule"


def test_kb_feedback_export_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    FeedbackStore(data / FEEDBACK_FILE).add(VOTE)
    out = tmp_path / "feedback.csv"
    assert main(["feedback", "export", "--data-dir", str(data), "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["question"], r["vote"], r["build_id"]) for r in rows] == [
        (VOTE.question, "up", VOTE.build_id)
    ]
    assert "1 votes exported" in capsys.readouterr().err

    assert main(["feedback", "export", "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.startswith("id,time,question,")


def test_kb_feedback_export_reads_the_data_dir_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path))
    FeedbackStore(tmp_path / FEEDBACK_FILE).add(VOTE)
    assert main(["feedback", "export"]) == 0
    assert VOTE.answer_id in capsys.readouterr().out


def test_kb_feedback_export_of_a_broken_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / FEEDBACK_FILE).write_bytes(b"geen database" * 100)
    assert main(["feedback", "export", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("kb feedback: ")


def test_formulas_are_disarmed_after_every_separator_and_in_every_column(tmp_path: Path) -> None:
    # Dutch-locale Excel splits a double-clicked .csv on ";": every part is a cell there.
    store = FeedbackStore(tmp_path / FEEDBACK_FILE)
    row_id = store.add(Vote("prima;=1+1;=SUM(A1:A9)", "=cmd|' /C calc'!A0", "@b", "down"))
    store.set_comment(row_id, "＝1+1, -2+3")
    out = io.StringIO()
    store.export_csv(out)
    text = out.getvalue()
    for cell in (
        part for line in text.splitlines()[1:] for part in line.replace(",", ";").split(";")
    ):
        assert cell.strip().strip('"')[:1] not in ("=", "+", "-", "@", "＝"), cell


def test_export_never_writes_over_the_feedback_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    FeedbackStore(data / FEEDBACK_FILE).add(VOTE)
    code = main(["feedback", "export", "--data-dir", str(data), "--out", str(data / FEEDBACK_FILE)])
    assert code == 2
    assert "is the feedback file itself" in capsys.readouterr().err
    assert len(FeedbackStore(data / FEEDBACK_FILE).rows()) == 1  # every vote is still there


def test_a_failed_export_keeps_the_previous_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    FeedbackStore(data / FEEDBACK_FILE).add(VOTE)
    out = tmp_path / "votes.csv"
    assert main(["feedback", "export", "--data-dir", str(data), "--out", str(out)]) == 0
    before = out.read_bytes()

    def broken(self: FeedbackStore) -> list[object]:
        raise FeedbackError("the feedback file cannot be read")

    monkeypatch.setattr(FeedbackStore, "rows", broken)
    assert main(["feedback", "export", "--data-dir", str(data), "--out", str(out)]) == 2
    assert out.read_bytes() == before


def test_a_data_folder_that_cannot_be_made_is_a_feedback_error(tmp_path: Path) -> None:
    # The app shows FeedbackError as "kon niet worden opgeslagen"; anything else was an
    # exception box on every vote.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    store = FeedbackStore(blocker / "data" / FEEDBACK_FILE)
    with pytest.raises(FeedbackError, match="cannot use the feedback file"):
        store.add(VOTE)


def test_a_vote_stores_bounded_texts_whoever_calls(tmp_path: Path) -> None:
    # Issue 15, case 4: each vote stored the full question twice.
    from dataclasses import replace

    from kb.feedback import MAX_TEXT_CHARS

    store = FeedbackStore(tmp_path / FEEDBACK_FILE)
    store.add(replace(VOTE, question="vraag " * 200_000, searched="", answer="a" * 10**6))
    [row] = store.rows()
    assert len(row.question) == len(row.searched) == len(row.answer) == MAX_TEXT_CHARS
    assert (tmp_path / FEEDBACK_FILE).stat().st_size < 100_000
