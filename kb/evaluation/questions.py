"""A small evaluator for the development question set (`eval/dev.jsonl`, see eval/FORMAT.md).

A chunk is relevant to a question when its source span [start, end) contains one of the
question's evidence spans (found with `str.find` in the raw source file of the chunk's
document), or when one of its footnotes does (evidence in a footnote). recall@k is the share of
a question's evidence spans covered by the top k; MRR@10 uses the first relevant hit. Only
answerable questions count. The full evaluation with ranx is elsewhere; this is the quick look.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.model import Chunk
from kb.index import Index, Retriever

QType = Literal[
    "hoeveel", "percentage", "bedrag", "wanneer", "wie", "waar", "welke", "wat", "hoe", "waarom",
    "overig",
]  # fmt: skip


class DevSetError(ValueError):
    """The question file is not valid; the message names the line."""


class DevQuestion(BaseModel):
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


@dataclass(frozen=True)
class Span:
    document: str
    start: int
    end: int


@dataclass(frozen=True)
class Scores:
    retriever: str
    questions: int
    recall_at_1: float
    recall_at_5: float
    mrr_at_10: float


def load_questions(path: Path) -> list[DevQuestion]:
    questions: list[DevQuestion] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            questions.append(DevQuestion.model_validate_json(line))
        except ValidationError as exc:
            raise DevSetError(f"{path}:{number}: {exc}") from exc
    return questions


def evidence_spans(question: DevQuestion, sources: dict[str, str]) -> list[Span]:
    """Where each evidence string stands in the raw source files (`sources`: document -> text)."""
    spans: list[Span] = []
    for evidence in question.evidence:
        found = [
            Span(document, start, start + len(evidence))
            for document, text in sources.items()
            if (start := text.find(evidence)) >= 0
        ]
        if not found:
            raise DevSetError(f"{question.id}: evidence not found in any source: {evidence!r}")
        spans.append(found[0])
    return spans


def covers(chunk: Chunk, span: Span) -> bool:
    """True when the chunk's source span, or one of its footnotes, contains `span`."""
    if chunk.document != span.document:
        return False
    if chunk.start <= span.start and span.end <= chunk.end:
        return True
    return any(f.start <= span.start and span.end <= f.end for f in chunk.footnotes)


def evaluate(
    index: Index,
    questions: list[DevQuestion],
    sources: dict[str, str],
    retrievers: tuple[Retriever, ...] = ("bm25", "dense", "hybrid"),
) -> list[Scores]:
    """recall@1, recall@5 and MRR@10 of each retriever over the answerable questions.

    >>> [round(s.mrr_at_10, 2) for s in evaluate(index, questions, sources)]  # doctest: +SKIP
    """
    answerable = [(q, evidence_spans(q, sources)) for q in questions if q.answerable]
    results: list[Scores] = []
    for retriever in retrievers:
        searcher = index.using(retriever)
        r1 = r5 = rr = 0.0
        for question, spans in answerable:
            hits = searcher.search(question.question, top_k=10)
            chunks = [h.chunk for h in hits]
            r1 += sum(any(covers(c, s) for c in chunks[:1]) for s in spans) / len(spans)
            r5 += sum(any(covers(c, s) for c in chunks[:5]) for s in spans) / len(spans)
            first = next(
                (i for i, c in enumerate(chunks, 1) if any(covers(c, s) for s in spans)), None
            )
            rr += 1 / first if first else 0.0
        n = max(len(answerable), 1)
        results.append(Scores(retriever, len(answerable), r1 / n, r5 / n, rr / n))
    return results


def misses(
    index: Index, questions: list[DevQuestion], sources: dict[str, str], top_k: int = 5
) -> list[tuple[DevQuestion, int | None]]:
    """Answerable questions whose first relevant hit is not at rank 1: (question, its rank)."""
    out: list[tuple[DevQuestion, int | None]] = []
    for question in questions:
        if not question.answerable:
            continue
        spans = evidence_spans(question, sources)
        hits = index.search(question.question, top_k=top_k)
        first = next((h.rank for h in hits if any(covers(h.chunk, s) for s in spans)), None)
        if first != 1:
            out.append((question, first))
    return out


def table(scores: list[Scores]) -> str:
    """A Markdown table, retrievers side by side."""
    lines = [
        "| retriever | questions | recall@1 | recall@5 | MRR@10 |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {s.retriever} | {s.questions} | {s.recall_at_1:.3f} | {s.recall_at_5:.3f} "
        f"| {s.mrr_at_10:.3f} |"
        for s in scores
    ]
    return "\n".join(lines)
