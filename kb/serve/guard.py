"""What stands in front of the endpoints (pure ASGI middleware, outermost first):

- `AccessLog`: one line per request (method, path without its query string, status, time,
  build); the question is logged only when asked for (`kb serve --log-questions`).
- `BodyLimit`: a body over `max_body_bytes` is refused with a 413 problem, from its
  Content-Length before a byte is read, or once the streamed bytes pass the limit.
- `ApiKey`: with a key configured, `/v1/...` needs `Authorization: Bearer <key>` or
  `X-API-Key: <key>`, compared in constant time; `/healthz`, `/readyz` and `/docs` stay open.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kb.serve.problems import MEDIA_TYPE, problem_bytes
from kb.text import shown

access = logging.getLogger("kb.serve.access")

QUESTION_LOG_CHARS = 200


async def send_problem(
    send: Send, scope: Scope, kind: str, detail: str, detail_nl: str, *, auth: bool = False
) -> None:
    status, body = problem_bytes(kind, detail, detail_nl, str(scope.get("path", "")))
    headers = [(b"content-type", MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode())]
    if auth:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value)
    return None


class BodyLimit:
    """Refuse bodies over `limit` bytes (413); smaller ones are read whole and passed on."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        # A Content-Length of more digits than any limit is too large without reading it.
        declared = length is not None and length.isdigit()
        if declared and (len(length or b"") > 15 or int(length or b"0") > self.limit):
            await self._refuse(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        mib = self.limit / 1_048_576
        await send_problem(
            send,
            scope,
            "too-large",
            f"The request body is larger than {self.limit} bytes ({mib:g} MiB).",
            f"De inhoud van het verzoek is groter dan {self.limit} bytes ({mib:g} MiB).",
        )


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


class ApiKey:
    """Require the key on `/v1/...` (see the module docstring)."""

    def __init__(self, app: ASGIApp, key: str) -> None:
        self.app = app
        self.key = key.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        if scope.get("method") == "OPTIONS" or self._given(scope):
            await self.app(scope, receive, send)
            return
        await send_problem(
            send,
            scope,
            "unauthorized",
            "Send the API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`.",
            "Stuur de API-sleutel mee als `Authorization: Bearer <sleutel>` of "
            "`X-API-Key: <sleutel>`.",
            auth=True,
        )

    def _given(self, scope: Scope) -> bool:
        given = _header(scope, b"x-api-key")
        bearer = _header(scope, b"authorization")
        if given is None and bearer is not None and bearer[:7].lower() == b"bearer ":
            given = bearer[7:].strip()
        return given is not None and hmac.compare_digest(given, self.key)


class AccessLog:
    """One log line per request; questions only when `questions` is set."""

    def __init__(self, app: ASGIApp, questions: bool = False) -> None:
        self.app = app
        self.questions = questions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0
        build = ""
        body: list[bytes] = []

        async def observed_send(message: Message) -> None:
            nonlocal status, build
            if message["type"] == "http.response.start":
                status = int(message["status"])
                build = (
                    _header({"headers": message.get("headers", ())}, b"x-kb-build") or b""
                ).decode()
            await send(message)

        async def observed_receive() -> Message:
            message = await receive()
            if self.questions and message["type"] == "http.request":
                body.append(message.get("body", b""))
            return message

        try:
            await self.app(scope, observed_receive, observed_send)
        finally:
            took = (time.perf_counter() - started) * 1000
            line = f"{scope.get('method')} {scope.get('path')} {status} {took:.0f}ms {build}"
            if self.questions:
                line += f" question={_question(b''.join(body))!r}"
            access.info(line.rstrip())


def _question(body: bytes) -> str:
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError):
        return ""
    question = data.get("question") if isinstance(data, dict) else None
    return shown(question)[:QUESTION_LOG_CHARS] if isinstance(question, str) else ""
