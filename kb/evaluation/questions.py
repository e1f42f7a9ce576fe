"""Question files (eval/FORMAT.md): the dev set, the gold set and the question bank.

Each question names its evidence as exact substrings of the raw source file. A chunk is relevant
to a question when its source span [start, end) contains one of the question's evidence spans,
or when one of its footnotes does (evidence in a footnote); `kb.evaluation.metrics.judge` turns
that into qrels for every chunking.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.model import Chunk
from ingest.pipeline import discover
from ingest.read import read_text
from kb.errors import QuestionFileError
from kb.text import as_indexed

QType = Literal[
    "hoeveel", "percentage", "bedrag", "wanneer", "wie", "waar", "welke", "wat", "hoe", "waarom",
    "overig",
]  # fmt: skip
Style = Literal["keywords", "journalist", "colloquial", "names_goal", "names_region", "plain"]
Trap = Literal["two_numbers", "ambition", "school_type", "total_part", "year_range", "other"]


class EvalQuestion(BaseModel):
    """One line of a question file (eval/FORMAT.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str
    answerable: bool
    evidence: list[str]
    fact: str | None
    value: str | None
    qtype: QType
    goal: int | None
    section: Literal["voorwoord", "inleiding", "bereikt", "voorbeeld", "voetnoot"] | None
    wording: Literal["report", "paraphrase"]
    near_miss: bool
    style: Style | None = None
    """Question bank only: how the question is worded."""
    trap: Trap | None = None
    """Question bank only: the confusion the question sets up, if any."""
    origin: Literal["written", "template"] | None = None
    """Question bank only: written by hand or made from a template."""

    @property
    def found(self) -> str | None:
        """The gold fact as the index's text holds it: without the hyphen of a word split at
        the line end where the span was copied (kb.text.as_indexed); what a sentence must hold."""
        return None if self.fact is None else as_indexed(self.fact)


@dataclass(frozen=True)
class Span:
    document: str
    start: int
    end: int


GOLD_FOLDER = Path("eval/gold")
"""The held-out gold set: measured once per change, never fitted or remembered."""


def refuse_gold(*paths: Path) -> None:
    """Raises QuestionFileError when a path is (in) the gold folder: nothing is ever fitted on
    the gold set, nor joined to the answer model's memory."""
    for path in paths:
        if path.resolve().is_relative_to(GOLD_FOLDER.resolve()):
            raise QuestionFileError(f"{path}: the gold set is never used to fit anything")


def load_questions(path: Path) -> list[EvalQuestion]:
    """The questions of a JSON Lines file, or of every `*.jsonl` file of a folder (the question
    bank: one file per goal), in file order.

    Raises:
        QuestionFileError: a file cannot be read, a line is not a valid question, or an id
            is used twice; the message names the file and line.
    """
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    questions: list[EvalQuestion] = []
    for file in files:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise QuestionFileError(f"{file}: cannot read the question file: {exc}") from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                questions.append(EvalQuestion.model_validate_json(line))
            except ValidationError as exc:
                raise QuestionFileError(f"{file}:{number}: {exc}") from exc
    seen: set[str] = set()
    for question in questions:
        if question.id in seen:
            raise QuestionFileError(f"{path}: question id {question.id!r} is used twice")
        seen.add(question.id)
    return questions


def evidence_spans(question: EvalQuestion, sources: dict[str, str]) -> list[Span]:
    """Where each evidence string stands in the raw source files (`sources`: document -> text)."""
    spans: list[Span] = []
    for evidence in question.evidence:
        found = [
            Span(document, start, start + len(evidence))
            for document, text in sources.items()
            if (start := text.find(evidence)) >= 0
        ]
        if not found:
            raise QuestionFileError(
                f"{question.id}: evidence not found in any source: {evidence!r}"
            )
        spans.append(found[0])
    return spans


def covers(chunk: Chunk, span: Span) -> bool:
    """True when the chunk's source span, or one of its footnotes, contains `span`."""
    if chunk.document != span.document:
        return False
    if chunk.start <= span.start and span.end <= chunk.end:
        return True
    return any(f.start <= span.start and span.end <= f.end for f in chunk.footnotes)


def read_sources(corpus_dir: Path) -> dict[str, str]:
    """document id -> raw text of its source file, where evidence spans are found."""
    manifests, _ = discover(corpus_dir)
    return {m.id: read_text(corpus_dir, m.source_file) for m in manifests}


def questions_digest(questions: Sequence[EvalQuestion]) -> str:
    """Names a set of questions: sha256 of their records, first 12 hex digits."""
    digest = hashlib.sha256()
    for question in questions:
        digest.update(question.model_dump_json().encode())
    return digest.hexdigest()[:12]


def _words(question: str) -> str:
    return " ".join(re.findall(r"\w+", question.lower()))


def same_answer(a: EvalQuestion, b: EvalQuestion) -> bool:
    """Both unanswerable, or facts (or a fact and the other's evidence) that overlap."""
    if a.answerable != b.answerable:
        return False
    if not a.answerable:
        return True
    fa, fb = a.fact or "", b.fact or ""
    ea, eb = " ".join(a.evidence), " ".join(b.evidence)
    return bool(fa and fb and (fa in fb or fb in fa or fa in eb or fb in ea)) or ea == eb


def twins(question: EvalQuestion, measuring: Sequence[EvalQuestion]) -> list[str]:
    """The ids of the `measuring` questions of `question`'s goal worded like it, word for word
    or nearly (difflib ratio of the lower-cased words >= 0.9), with its answer: a question the
    answer model remembers would hand such a twin its answer."""
    return twins_of([question], measuring)[0]


def twins_of(
    questions: Sequence[EvalQuestion], measuring: Sequence[EvalQuestion]
) -> list[list[str]]:
    """`twins` of each of `questions`, in their order; each measuring question's words are
    read and indexed by difflib once, not once per pair."""
    by_goal: dict[int | None, list[tuple[EvalQuestion, difflib.SequenceMatcher[str]]]] = {}
    for other in measuring:
        matcher = difflib.SequenceMatcher(None)
        matcher.set_seq2(_words(other.question))
        by_goal.setdefault(other.goal, []).append((other, matcher))
    found: list[list[str]] = []
    for question in questions:
        words = _words(question.question)
        found.append([])
        for other, matcher in by_goal.get(question.goal, []):
            matcher.set_seq1(words)
            close = matcher.real_quick_ratio() >= 0.9 and matcher.quick_ratio() >= 0.9
            if close and matcher.ratio() >= 0.9 and same_answer(question, other):
                found[-1].append(other.id)
    return found


def without_twins(
    questions: Sequence[EvalQuestion], measuring: Sequence[EvalQuestion]
) -> list[EvalQuestion]:
    """`questions` but those that twin a `measuring` question (`twins`)."""
    found = twins_of(questions, measuring)
    return [q for q, ids in zip(questions, found, strict=True) if not ids]
