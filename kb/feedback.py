"""Feedback on answers: thumbs up or down with an optional comment, kept in SQLite.

One file, `<data_dir>/feedback.sqlite3`, one table. Each vote is a row: the question, the answer
it judges (its id and text), the index build that produced it, the vote, the comment and the
time (UTC, ISO 8601). A reader changing their mind updates their row rather than adding one.
Staff export the table with `kb feedback export` (CSV).

>>> store = FeedbackStore(settings.data_dir / FEEDBACK_FILE)
>>> row = store.add(Vote("hoeveel ...?", "techniekpact-2017/doel-09/bereikt/02#1@0-93",
...                      "20260101T000000Z-abc123", "up"))
>>> store.set_comment(row, "Precies wat ik zocht")
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TextIO

from kb.errors import FeedbackError
from kb.files import write_atomic

FEEDBACK_FILE = "feedback.sqlite3"
SCHEMA_VERSION = 1
MAX_COMMENT_CHARS = 2000
MAX_TEXT_CHARS = 4000
"""A stored question, searched question or answer is cut here: the callers cut questions to
their limit first, but the file must stay bounded whoever calls `add`."""

VoteValue = Literal["up", "down"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    question TEXT NOT NULL,
    searched TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    build_id TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT ''
)
"""

EXPORT_COLUMNS = (
    "id",
    "time",
    "question",
    "searched",
    "answer_id",
    "answer",
    "build_id",
    "vote",
    "comment",
)


@dataclass(frozen=True)
class Vote:
    """One reader's judgment of one answer."""

    question: str
    answer_id: str
    build_id: str
    vote: VoteValue
    comment: str = ""
    answer: str = ""
    searched: str = ""


@dataclass(frozen=True)
class FeedbackRow:
    """A stored vote, with its row id and time."""

    id: int
    time: str
    question: str
    searched: str
    answer_id: str
    answer: str
    build_id: str
    vote: VoteValue
    comment: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackStore:
    """The SQLite feedback file. A connection per call: Streamlit serves sessions from several
    threads, and a SQLite connection must not cross threads."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=10)) as connection:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version not in (0, SCHEMA_VERSION):
                    raise FeedbackError(
                        f"{self.path}: feedback format {version}, this program writes "
                        f"format {SCHEMA_VERSION}"
                    )
                with connection:
                    connection.execute(_SCHEMA)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    yield connection
        except (sqlite3.DatabaseError, OSError) as exc:
            # A data folder that cannot be made or written is the same to the reader: the
            # vote is not stored (the app says so in Dutch), not an error box.
            raise FeedbackError(f"{self.path}: cannot use the feedback file: {exc}") from exc

    def add(self, vote: Vote) -> int:
        """Store a vote; returns its row id (for a later comment or change of mind)."""
        with self._connect() as connection:
            cursor = connection.execute(
                "INSERT INTO feedback (time, question, searched, answer_id, answer, build_id, "
                "vote, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    vote.question[:MAX_TEXT_CHARS],
                    (vote.searched or vote.question)[:MAX_TEXT_CHARS],
                    vote.answer_id[:MAX_TEXT_CHARS],
                    vote.answer[:MAX_TEXT_CHARS],
                    vote.build_id,
                    vote.vote,
                    vote.comment[:MAX_COMMENT_CHARS],
                ),
            )
            row_id = cursor.lastrowid
        if row_id is None:
            raise FeedbackError(f"{self.path}: the vote was not stored")
        return row_id

    def set_vote(self, row_id: int, vote: VoteValue) -> None:
        """Change the vote of a stored row (the reader changed their mind)."""
        with self._connect() as connection:
            connection.execute(
                "UPDATE feedback SET vote = ?, time = ? WHERE id = ?", (vote, _now(), row_id)
            )

    def set_comment(self, row_id: int, comment: str) -> None:
        """Add or replace the comment of a stored row."""
        with self._connect() as connection:
            connection.execute(
                "UPDATE feedback SET comment = ?, time = ? WHERE id = ?",
                (comment.strip()[:MAX_COMMENT_CHARS], _now(), row_id),
            )

    def rows(self) -> list[FeedbackRow]:
        """All stored votes, oldest first."""
        if not self.path.exists():
            return []
        with self._connect() as connection:
            cursor = connection.execute(
                f"SELECT {', '.join(EXPORT_COLUMNS)} FROM feedback ORDER BY id"
            )
            return [FeedbackRow(*row) for row in cursor.fetchall()]

    def export_csv(self, out: TextIO) -> int:
        """Write every vote as CSV with a header row; returns the number of votes written."""
        rows = self.rows()
        writer = csv.writer(out)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow(
                [
                    row.id,
                    row.time,
                    *(
                        _cell(text)
                        for text in (row.question, row.searched, row.answer_id, row.answer)
                    ),
                    _cell(row.build_id),
                    row.vote,
                    _cell(row.comment),
                ]
            )
        return len(rows)

    def export_file(self, out: Path) -> int:
        """Write the CSV to `out` atomically (a failed export leaves the old file as it was);
        never over the feedback file itself.

        Raises:
            FeedbackError: `out` is the feedback file, or the votes cannot be read.
        """
        target, database = out.resolve(), self.path.resolve()
        # SQLite's journal files beside it ("-wal", "-journal") are the database too.
        if target.parent == database.parent and target.name.startswith(database.name):
            raise FeedbackError(f"{out} is the feedback file itself; choose another --out")
        text = io.StringIO(newline="")
        count = self.export_csv(text)
        write_atomic(out, text.getvalue().encode("utf-8"))
        return count


# A cell (or a part of it after a separator: Dutch-locale Excel splits a double-clicked .csv on
# ";") that starts with = + - @ (or their full-width forms) is a formula in a spreadsheet: staff
# open this file in Excel, and questions and comments are typed by anyone.
_FORMULA = re.compile(r"(^|[;,\t\r\n])(\s*)([=+\-@＝＋－＠])")


def _cell(text: str) -> str:
    return _FORMULA.sub(r"\1\2'\3", text)


__all__ = ["FEEDBACK_FILE", "FeedbackError", "FeedbackRow", "FeedbackStore", "Vote", "VoteValue"]
