"""`POST /v1/runs`: a batch of BEIR query lines in, a TREC run out.

The body is a BEIR `queries.jsonl` as it is (one `{"_id", "text", ...}` object a line); the
answer is a TREC run, `qid Q0 docid rank score tag` a line, that `kb eval --run`, trec_eval or
ranx score against the exported qrels. The score column is rank-derived (as in the runs
`kb eval` writes), so tools that sort by score keep the retriever's order.

>>> queries = parse_queries(b'{"_id": "q1", "text": "Wat is bereikt?"}\\n', Limits())
>>> run_lines(index, queries, k=2, tag="vraagbaak")
['q1 Q0 techniekpact-2017/doel-09/bereikt/02#1 1 2 vraagbaak', ...]
"""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from kb.errors import EmptyQuestionError
from kb.index import Index
from kb.serve.errors import RequestProblem
from kb.serve.models import Limits, RunQuery

TAG = re.compile(r"^[A-Za-z0-9._-]{1,40}$")


def _bad(number: int, what: str, wat: str) -> RequestProblem:
    return RequestProblem(
        "invalid-queries", f"line {number}: {what}", f"regel {number}: {wat}", line=number
    )


def _query(number: int, line: str, limits: Limits) -> RunQuery:
    try:
        query = RunQuery.model_validate(json.loads(line))
    except (ValueError, RecursionError, ValidationError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _bad(
            number,
            f'not a BEIR query line ({{"_id": "...", "text": "..."}}): {first}',
            'geen BEIR-regel ({"_id": "...", "text": "..."})',
        ) from exc
    if any(c.isspace() for c in query.id):
        raise _bad(number, "a query id cannot hold white space", "een id zonder spaties graag")
    if len(query.text) > limits.max_question_chars:
        raise _bad(
            number,
            f"the query has {len(query.text)} characters; at most "
            f"{limits.max_question_chars} are read",
            f"de vraag heeft {len(query.text)} tekens; hooguit {limits.max_question_chars}",
        )
    return query


def parse_queries(body: bytes, limits: Limits) -> list[RunQuery]:
    """The queries of a `queries.jsonl` body, checked (ids unique and without white space,
    text within the question limit, at most `limits.max_run_queries` of them).

    Raises:
        RequestProblem: a bad line (named by its number), a repeated id, or too many queries.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(1, "the body is not UTF-8", "de inhoud is geen UTF-8") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if len(lines) > limits.max_run_queries:
        raise RequestProblem(
            "too-many-queries",
            f"{len(lines)} queries; at most {limits.max_run_queries} per request",
            f"{len(lines)} zoekvragen; hooguit {limits.max_run_queries} per verzoek",
            limit=limits.max_run_queries,
        )
    if not lines:
        raise _bad(1, "no queries in the body", "geen zoekvragen in de inhoud")
    queries: dict[str, RunQuery] = {}
    for number, line in lines:
        query = _query(number, line, limits)
        if query.id in queries:
            raise _bad(number, f"query id {query.id!r} appears twice", "dit id staat er twee keer")
        queries[query.id] = query
    return list(queries.values())


def run_lines(index: Index, queries: list[RunQuery], k: int, tag: str) -> list[str]:
    """The TREC run of `queries` over `index`, `k` passages each. A query that is empty after
    cleaning has no lines (trec_eval counts it as retrieving nothing)."""
    lines: list[str] = []
    for query in queries:
        try:
            hits = index.search(query.text, None, k)
        except EmptyQuestionError:
            continue
        lines += [
            f"{query.id} Q0 {hit.chunk.id} {hit.rank} {len(hits) + 1 - hit.rank} {tag}"
            for hit in hits
        ]
    return lines
