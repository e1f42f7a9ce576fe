"""Problem answers (RFC 9457): every refused request gets `application/problem+json` with
`type`, `title`, `status`, `detail` in English, `title_nl` and `detail_nl` in Dutch, and
`instance` (the path asked). Never a stack trace: an unexpected error is a 500 problem that
says only that, and the traceback goes to the server's log.

>>> body = problem_body("question-too-long", "The question has 1200 ...", "...", "/v1/answer")
>>> body["type"], body["status"]
('urn:vraagbaak:problem:question-too-long', 422)
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from kb.errors import (
    AnswerError,
    EmptyQuestionError,
    IndexLoadError,
    KbError,
    SearchError,
    UnknownFilterError,
)
from kb.serve.errors import RequestProblem

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:vraagbaak:problem:"


@dataclass(frozen=True)
class Kind:
    """One kind of problem: its HTTP status and its title in English and Dutch."""

    status: int
    title: str
    title_nl: str


PROBLEMS: dict[str, Kind] = {
    "invalid-json": Kind(400, "Malformed JSON", "Ongeldige JSON"),
    "invalid-request": Kind(422, "Invalid request", "Ongeldig verzoek"),
    "empty-question": Kind(422, "Empty question", "Lege vraag"),
    "question-too-long": Kind(422, "Question too long", "Vraag te lang"),
    "text-too-long": Kind(422, "Text too long", "Tekst te lang"),
    "unknown-filter": Kind(422, "Unknown filter value", "Onbekende filterwaarde"),
    "invalid-queries": Kind(422, "Invalid queries", "Ongeldige zoekvragen"),
    "too-many-queries": Kind(422, "Too many queries", "Te veel zoekvragen"),
    "too-large": Kind(413, "Request body too large", "Verzoek te groot"),
    "unauthorized": Kind(401, "API key missing or wrong", "API-sleutel ontbreekt of klopt niet"),
    "not-found": Kind(404, "Not found", "Niet gevonden"),
    "method-not-allowed": Kind(405, "Method not allowed", "Methode niet toegestaan"),
    "bad-request": Kind(400, "Bad request", "Ongeldig verzoek"),
    "not-ready": Kind(503, "No index loaded", "Geen index geladen"),
    "internal": Kind(500, "Internal error", "Interne fout"),
}
"""Every problem the server answers with; the README lists them."""


def problem_body(
    kind: str, detail: str, detail_nl: str, instance: str, **extra: Any
) -> dict[str, Any]:
    """The problem object of `kind` (a key of PROBLEMS) for a request to `instance`."""
    entry = PROBLEMS[kind]
    return {
        "type": f"{TYPE_PREFIX}{kind}",
        "title": entry.title,
        "status": entry.status,
        "detail": detail,
        "title_nl": entry.title_nl,
        "detail_nl": detail_nl,
        "instance": instance,
        **extra,
    }


def problem_bytes(kind: str, detail: str, detail_nl: str, instance: str) -> tuple[int, bytes]:
    """The status and encoded body, for middleware that answers before the app does."""
    body = problem_body(kind, detail, detail_nl, instance)
    return PROBLEMS[kind].status, json.dumps(body, ensure_ascii=False).encode("utf-8")


def problem_response(
    request: Request, kind: str, detail: str, detail_nl: str, **extra: Any
) -> JSONResponse:
    body = problem_body(kind, detail, detail_nl, request.url.path, **extra)
    headers = {"WWW-Authenticate": "Bearer"} if kind == "unauthorized" else None
    return JSONResponse(body, PROBLEMS[kind].status, headers=headers, media_type=MEDIA_TYPE)


def _kb_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, RequestProblem):
        return problem_response(request, exc.kind, exc.detail, exc.detail_nl, **exc.extra)
    message = str(exc)
    if isinstance(exc, EmptyQuestionError):
        nl = "De vraag is leeg: typ een vraag in woorden."
        return problem_response(request, "empty-question", message, nl)
    if isinstance(exc, UnknownFilterError):
        nl = f"Een filter noemt een waarde die de index niet kent ({message})."
        return problem_response(request, "unknown-filter", message, nl)
    if isinstance(exc, IndexLoadError | AnswerError):
        log.warning("index not usable: %s", exc)
        nl = "De zoekindex is niet bruikbaar; bouw hem met `kb build`."
        return problem_response(request, "not-ready", message, nl)
    kind = "invalid-request" if isinstance(exc, SearchError) else "bad-request"
    return problem_response(
        request, kind, message, f"Het verzoek kan niet worden uitgevoerd: {message}"
    )


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": ".".join(str(part) for part in error.get("loc", ())), "msg": str(error.get("msg"))}
        for error in exc.errors()
    ]
    if any(error.get("type") == "json_invalid" for error in exc.errors()):
        return problem_response(
            request,
            "invalid-json",
            "The request body is not valid JSON.",
            "De inhoud van het verzoek is geen geldige JSON.",
        )
    fields = ", ".join(dict.fromkeys(e["loc"] for e in errors))
    return problem_response(
        request,
        "invalid-request",
        "; ".join(f"{e['loc']}: {e['msg']}" for e in errors),
        f"Deze velden kloppen niet: {fields} (zie `errors` en /docs).",
        errors=errors[:20],
    )


_HTTP_KINDS = {404: "not-found", 405: "method-not-allowed", 413: "too-large", 401: "unauthorized"}


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    kind = _HTTP_KINDS.get(exc.status_code, "bad-request")
    if kind == "not-found":
        return problem_response(
            request,
            kind,
            f"There is nothing at {request.url.path}; see /docs for the endpoints.",
            f"Op {request.url.path} staat niets; zie /docs voor de adressen.",
        )
    if kind == "method-not-allowed":
        return problem_response(
            request,
            kind,
            f"{request.method} is not allowed on {request.url.path}; see /docs.",
            f"{request.method} kan niet op {request.url.path}; zie /docs.",
        )
    detail = str(exc.detail)
    return problem_response(request, kind, detail, f"Het verzoek klopt niet: {detail}")


def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("internal error on %s", request.url.path, exc_info=exc)
    return problem_response(
        request,
        "internal",
        "The server could not answer this request; the error is in its log.",
        "De server kon dit verzoek niet beantwoorden; de fout staat in zijn log.",
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error with a problem body (see the module docstring)."""
    app.add_exception_handler(KbError, _kb_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
