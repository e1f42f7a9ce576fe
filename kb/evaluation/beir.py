"""BEIR and TREC files: export our corpus, questions, qrels and runs; read an evaluator's own.

Forms written and read:

- BEIR: `corpus.jsonl` ({"_id", "title", "text", "metadata"}; the title is the chunk's context
  header, which our retrievers index with the text), `queries.jsonl` ({"_id", "text",
  "metadata"}), `qrels/test.tsv` (header `query-id<TAB>corpus-id<TAB>score`).
- TREC: queries as `qid<TAB>text` lines, qrels as `qid 0 docid relevance`, runs as
  `qid Q0 docid rank score tag`.

Which form a file is in follows a fixed rule, not a guess: queries ending in `.jsonl` are BEIR,
others TREC; qrels whose first line is the BEIR header are BEIR, others TREC. A bad or
mismatched line raises `QuestionFileError` naming the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.model import Chunk
from kb.errors import QuestionFileError
from kb.evaluation.metrics import DEPTH, Qrels, Query, Ranking
from kb.evaluation.questions import EvalQuestion

BEIR_QRELS_HEADER = "query-id\tcorpus-id\tscore"


class BeirQuery(BaseModel):
    """One line of a BEIR `queries.jsonl`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    metadata: dict[str, object] = {}

    @classmethod
    def parse(cls, line: str) -> BeirQuery:
        raw = json.loads(line)
        if not isinstance(raw, dict):
            raise ValueError("expected a JSON object")
        raw["id"] = raw.pop("_id", None)
        raw.pop("title", None)  # some BEIR sets carry an empty title
        return cls.model_validate(raw)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of the non-blank lines of `path`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionFileError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, line


def read_queries(path: Path) -> list[Query]:
    """Queries in BEIR (`.jsonl`) or TREC (`qid<TAB>text`) form."""
    queries: dict[str, Query] = {}
    for number, line in _lines(path):
        where = f"{path}:{number}"
        if path.suffix == ".jsonl":
            try:
                parsed = BeirQuery.parse(line)
            except (ValueError, ValidationError) as exc:
                message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise QuestionFileError(
                    f'{where}: not a BEIR query line ({{"_id": ..., "text": ...}}): {message}'
                ) from exc
            qid, text = parsed.id, parsed.text
        else:
            qid, tab, text = line.partition("\t")
            if not tab:
                raise QuestionFileError(f"{where}: expected `query id<TAB>question text`")
        qid, text = qid.strip(), text.strip()
        if not qid or not text:
            raise QuestionFileError(f"{where}: empty query id or question text")
        if qid in queries:
            raise QuestionFileError(f"{where}: query id {qid!r} appears twice")
        queries[qid] = Query(qid, text)
    if not queries:
        raise QuestionFileError(f"{path}: no queries")
    return list(queries.values())


def read_qrels(path: Path, queries: Sequence[Query], corpus_ids: set[str]) -> Qrels:
    """Relevance judgments in BEIR or TREC form, checked against the queries and our corpus.

    Only judgments above 0 count as relevant; a query with none is left out.
    """
    known = {q.id for q in queries}
    qrels: Qrels = {}
    lines = list(_lines(path))
    beir = bool(lines) and lines[0][1].strip() == BEIR_QRELS_HEADER
    for number, line in lines[1:] if beir else lines:
        where = f"{path}:{number}"
        fields = line.split("\t") if beir else line.split()
        if len(fields) != (3 if beir else 4):
            form = "query-id<TAB>corpus-id<TAB>score" if beir else "qid 0 docid relevance"
            raise QuestionFileError(f"{where}: expected {form}, found {len(fields)} fields")
        qid, doc, score = (
            (fields[0], fields[1], fields[2])
            if beir
            else (
                fields[0],
                fields[2],
                fields[3],
            )
        )
        try:
            relevance = int(score)
        except ValueError as exc:
            raise QuestionFileError(f"{where}: relevance {score!r} is not a whole number") from exc
        if qid not in known:
            raise QuestionFileError(f"{where}: query id {qid!r} is not in the queries file")
        if doc not in corpus_ids:
            raise QuestionFileError(
                f"{where}: corpus id {doc!r} is not a chunk of this index "
                "(see corpus.jsonl of `kb eval`'s BEIR export for the ids)"
            )
        if doc in qrels.get(qid, {}):
            raise QuestionFileError(f"{where}: {qid!r} / {doc!r} is judged twice")
        qrels.setdefault(qid, {})[doc] = relevance
    relevant = {q: {d: r for d, r in docs.items() if r > 0} for q, docs in qrels.items()}
    relevant = {q: docs for q, docs in relevant.items() if docs}
    if not relevant:
        raise QuestionFileError(f"{path}: no relevant judgments (relevance above 0)")
    return relevant


def read_run(path: Path, query_ids: set[str], corpus_ids: set[str]) -> Ranking:
    """A TREC run file (`qid Q0 docid rank score tag`), checked against our questions and chunks.

    Each question's documents are ordered by score, highest first (ties: by rank), and cut
    at DEPTH, as trec_eval would.
    """
    found: dict[str, list[tuple[float, int, str]]] = {}
    tags: set[str] = set()
    for number, line in _lines(path):
        where = f"{path}:{number}"
        fields = line.split()
        if len(fields) != 6:
            raise QuestionFileError(
                f"{where}: expected `qid Q0 docid rank score tag`, found {len(fields)} fields"
            )
        qid, _, doc, rank_text, score_text, tag = fields
        try:
            rank, score = int(rank_text), float(score_text)
        except ValueError as exc:
            raise QuestionFileError(f"{where}: rank and score must be numbers") from exc
        if qid not in query_ids:
            raise QuestionFileError(f"{where}: query id {qid!r} is not a question of the gold set")
        if doc not in corpus_ids:
            raise QuestionFileError(f"{where}: corpus id {doc!r} is not a chunk of this index")
        if any(d == doc for _, _, d in found.get(qid, [])):
            raise QuestionFileError(f"{where}: {qid!r} / {doc!r} appears twice")
        found.setdefault(qid, []).append((-score, rank, doc))
        tags.add(tag)
    if not found:
        raise QuestionFileError(f"{path}: no run lines")
    results = {qid: tuple(d for _, _, d in sorted(rows)[:DEPTH]) for qid, rows in found.items()}
    name = next(iter(tags)) if len(tags) == 1 else path.stem
    return Ranking(name, results, {})


def _write_jsonl(path: Path, rows: Sequence[Mapping[str, object]]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


def _metadata(question: EvalQuestion) -> dict[str, object]:
    """A question's fields for BEIR metadata; the bank's own fields only where set."""
    data = question.model_dump(exclude={"id", "question", "evidence"})
    return {k: v for k, v in data.items() if k not in _BANK_FIELDS or v is not None}


_BANK_FIELDS = ("style", "trap", "origin")


def export_beir(
    folder: Path, chunks: Sequence[Chunk], questions: Sequence[EvalQuestion], qrels: Qrels
) -> None:
    """Write `corpus.jsonl`, `queries.jsonl` (every question, with its metadata) and
    `qrels/test.tsv` (the answerable questions' relevant chunks) into `folder`."""
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    _write_jsonl(
        folder / "corpus.jsonl",
        [
            {
                "_id": c.id,
                "title": c.context,
                "text": c.text,
                "metadata": {
                    "document": c.document,
                    "goal": c.goal,
                    "kind": c.kind,
                    "start": c.start,
                    "end": c.end,
                },
            }
            for c in chunks
        ],
    )
    _write_jsonl(
        folder / "queries.jsonl",
        [
            {
                "_id": q.id,
                "text": q.question,
                "metadata": _metadata(q),
            }
            for q in questions
        ],
    )
    rows = [BEIR_QRELS_HEADER] + [
        f"{qid}\t{doc}\t{rel}" for qid, docs in qrels.items() for doc, rel in docs.items()
    ]
    (folder / "qrels" / "test.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_trec_run(path: Path, ranking: Ranking, tag: str | None = None) -> None:
    """A TREC run file; the score column is rank-derived (results + 1 - rank), so that tools
    that sort by score keep our order."""
    label = (tag or ranking.name).replace(" ", "_")
    lines = [
        f"{qid} Q0 {doc} {rank} {len(docs) + 1 - rank} {label}"
        for qid, docs in ranking.results.items()
        for rank, doc in enumerate(docs, start=1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
