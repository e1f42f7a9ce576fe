"""The endpoints: `/v1/search`, `/v1/answer`, `/v1/runs`, `/v1/passages/{id}`, `/healthz`,
`/readyz`. Each request takes one build from the holder and answers from it alone; the
`X-KB-Build` header names that build.

`POST /v1/check` checks a claim or a draft (kb.claims) with the same build discipline.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse

from kb.answers import answer
from kb.claims.draft import check_claims
from kb.index import clean_question
from kb.render import (
    AnswerRecord,
    PassageRecord,
    SearchRecord,
    answer_record,
    passage_record,
    search_record,
)
from kb.serve.errors import RequestProblem
from kb.serve.holder import IndexHolder, Loaded
from kb.serve.models import (
    MAX_NAME_CHARS,
    MAX_RUN_K,
    AnswerRequest,
    CheckRequest,
    Limits,
    SearchRequest,
)
from kb.serve.problems import MEDIA_TYPE
from kb.serve.runs import TAG, parse_queries, run_lines
from kb.verdicts import DraftRecord, draft_record

BUILD_HEADER = "X-KB-Build"
PROBLEM = {"content": {MEDIA_TYPE: {}}, "description": "a problem (RFC 9457)"}
ERRORS: dict[int | str, dict[str, Any]] = {status: PROBLEM for status in (401, 413, 422)}


def holder_of(request: Request) -> IndexHolder:
    holder: IndexHolder = request.app.state.holder
    return holder


def limits_of(request: Request) -> Limits:
    limits: Limits = request.app.state.limits
    return limits


def checked(question: str, limits: Limits) -> str:
    """`question` if it is within the length limit (checked before any work).

    Raises:
        RequestProblem: it is longer than `limits.max_question_chars`.
    """
    if len(question) > limits.max_question_chars:
        raise RequestProblem(
            "question-too-long",
            f"The question has {len(question)} characters; at most "
            f"{limits.max_question_chars} are accepted.",
            f"De vraag heeft {len(question)} tekens; hooguit {limits.max_question_chars} "
            "worden aangenomen.",
            limit=limits.max_question_chars,
        )
    return question


def _build(response: Response, loaded: Loaded) -> Loaded:
    response.headers[BUILD_HEADER] = loaded.build_id
    return loaded


api = APIRouter(prefix="/v1", responses=ERRORS)


@api.post("/search", response_model=SearchRecord, summary="The passages for a question")
def search(body: SearchRequest, request: Request, response: Response) -> SearchRecord:
    question = checked(body.question, limits_of(request))
    index = _build(response, holder_of(request).current()).index
    searched = clean_question(question, index.settings.max_question_chars)
    return search_record(
        question, searched, index.search(searched.text, body.filters.filters(), body.k)
    )


@api.post("/answer", response_model=AnswerRecord, summary="A quoted answer with its sources")
def answer_endpoint(body: AnswerRequest, request: Request, response: Response) -> AnswerRecord:
    question = checked(body.question, limits_of(request))
    index = _build(response, holder_of(request).current()).index
    return answer_record(question, answer(index, question, body.filters.filters(), body.k))


@api.post("/check", response_model=DraftRecord, summary="A claim or a draft, checked")
def check_endpoint(body: CheckRequest, request: Request, response: Response) -> DraftRecord:
    limits = limits_of(request)
    if len(body.text) > limits.max_check_chars:
        raise RequestProblem(
            "text-too-long",
            f"The text has {len(body.text)} characters; at most {limits.max_check_chars} "
            "are accepted.",
            f"De tekst heeft {len(body.text)} tekens; hooguit {limits.max_check_chars} "
            "worden aangenomen.",
            limit=limits.max_check_chars,
        )
    index = _build(response, holder_of(request).current()).index
    return draft_record(check_claims(index, body.text, body.filters.filters()))


RUN_BODY = {
    "requestBody": {
        "required": True,
        "description": 'a BEIR queries.jsonl: one {"_id", "text", "metadata"} a line',
        "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
    }
}


@api.post(
    "/runs",
    response_class=PlainTextResponse,
    openapi_extra=RUN_BODY,
    summary="A TREC run for a batch of BEIR queries",
)
async def runs(
    request: Request,
    k: Annotated[int, Query(ge=1, le=MAX_RUN_K, description="passages per query")] = 10,
    tag: Annotated[str, Query(pattern=TAG.pattern, description="the run's name")] = "vraagbaak",
) -> PlainTextResponse:
    limits = limits_of(request)
    queries = parse_queries(await request.body(), limits)
    loaded = holder_of(request).current()
    lines = await run_in_threadpool(run_lines, loaded.index, queries, k, tag)
    text = "".join(f"{line}\n" for line in lines)
    return PlainTextResponse(text, headers={BUILD_HEADER: loaded.build_id})


@api.get(
    "/passages/{passage_id:path}",
    response_model=PassageRecord,
    summary="One passage with its offsets and neighbours",
    responses={404: PROBLEM},
)
def passage(passage_id: str, request: Request, response: Response) -> PassageRecord:
    loaded = _build(response, holder_of(request).current())
    found = loaded.passage(passage_id) if len(passage_id) <= MAX_NAME_CHARS else None
    if found is None:
        raise RequestProblem(
            "not-found",
            f"There is no passage {passage_id[:MAX_NAME_CHARS]!r} in build {loaded.build_id}.",
            f"Er is geen passage {passage_id[:MAX_NAME_CHARS]!r} in build {loaded.build_id}.",
        )
    return passage_record(loaded.build_id, *found)


health = APIRouter()


@health.get("/healthz", summary="The process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@health.get("/readyz", summary="An intact index is loaded", responses={503: PROBLEM})
def readyz(request: Request, response: Response) -> dict[str, str]:
    loaded = _build(response, holder_of(request).current())
    return {"status": "ready", "build_id": loaded.build_id}


ROUTERS = (health, api)
"""The routers of the app, in order."""
