"""Bad requests get a 4xx problem body (RFC 9457, English and Dutch), never a 5xx and never a
stack trace: malformed JSON, wrong types, out-of-range numbers, unknown fields and filters,
unicode tricks, huge bodies (declared and streamed), bad run files, wrong routes and methods.
Unicode that is merely odd (a lone surrogate, a right-to-left override inside words) is
answered, and echoed back as valid UTF-8."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

Q = "Hoeveel cross-over kwalificaties raken aan de techniek?"
JSON = {"content-type": "application/json"}


def _answer(body: dict[str, Any]) -> tuple[str, str, bytes, dict[str, str]]:
    return ("POST", "/v1/answer", json.dumps(body).encode(), JSON)


def _raw(body: bytes, path: str = "/v1/answer") -> tuple[str, str, bytes, dict[str, str]]:
    return ("POST", path, body, JSON)


def _run(body: str, query: str = "") -> tuple[str, str, bytes, dict[str, str]]:
    return ("POST", f"/v1/runs{query}", body.encode(), {"content-type": "application/x-ndjson"})


LINE = '{"_id": "q1", "text": "techniek"}\n'

BAD: dict[str, tuple[str, str, bytes, dict[str, str]]] = {
    # malformed JSON
    "open brace": _raw(b"{"),
    "empty body": _raw(b""),
    "null": _raw(b"null"),
    "array": _raw(b"[]"),
    "bare string": _raw(b'"hoeveel?"'),
    "single quotes": _raw(b"{'question': 'x'}"),
    "trailing comma": _raw(b'{"question": "x",}'),
    "deep nesting": _raw(b"[" * 100_000),
    "invalid utf-8": _raw(b'{"question": "\xff\xfe"}'),
    "NaN": _raw(b'{"question": NaN}'),
    "two objects": _raw(b'{"question": "a"}{"question": "b"}'),
    # wrong types
    "question number": _answer({"question": 5}),
    "question null": _answer({"question": None}),
    "question list": _answer({"question": ["a"]}),
    "question object": _answer({"question": {"a": 1}}),
    "question bool": _answer({"question": True}),
    "k string": _answer({"question": Q, "k": "5"}),
    "k float": _answer({"question": Q, "k": 5.5}),
    "k bool": _answer({"question": Q, "k": True}),
    "filters string": _answer({"question": Q, "filters": "goal 9"}),
    "goals string": _answer({"question": Q, "filters": {"goals": "9"}}),
    "goals of strings": _answer({"question": Q, "filters": {"goals": ["9"]}}),
    # out of range and unknown fields
    "k zero": _answer({"question": Q, "k": 0}),
    "k negative": _answer({"question": Q, "k": -1}),
    "k too large": _answer({"question": Q, "k": 51}),
    "k huge": _answer({"question": Q, "k": 10**30}),
    "unknown field": _answer({"question": Q, "top_k": 5}),
    "unknown filter field": _answer({"question": Q, "filters": {"goal": [9]}}),
    "no question": _answer({}),
    "too many filter values": _answer({"question": Q, "filters": {"goals": list(range(21))}}),
    "empty region": _answer({"question": Q, "filters": {"regions": [""]}}),
    "long region": _answer({"question": Q, "filters": {"regions": ["x" * 201]}}),
    # unknown filter values
    "goal 99": _answer({"question": Q, "filters": {"goals": [99]}}),
    "goal 0": _answer({"question": Q, "filters": {"goals": [0]}}),
    "region": _answer({"question": Q, "filters": {"regions": ["Atlantis"]}}),
    "kind": _answer({"question": Q, "filters": {"kinds": ["hoofdstuk"]}}),
    "document": _answer({"question": Q, "filters": {"documents": ["../../etc/passwd"]}}),
    "search goal": ("POST", "/v1/search", b'{"question": "x", "filters": {"goals": [13]}}', JSON),
    # unicode tricks and length
    "only bidi and zero-width": _answer({"question": "\u202e\u200b\u2066\ufeff"}),
    "only control characters": _answer({"question": "\x00\x07\x1b\x7f\x85"}),
    "only white space": _answer({"question": " \t\n\u3000 "}),
    "too long": _answer({"question": "x" * 1001}),
    "too long in combining marks": _answer({"question": "e\u0301" * 600}),
    "too long in NULs": _answer({"question": "\x00" * 2000}),
    # size
    "2 MB declared": _raw(b'{"question": "' + b"x" * 2_000_000 + b'"}'),
    # runs
    "run empty": _run(""),
    "run not json": _run("q1\ttechniek\n"),
    "run without id": _run('{"text": "techniek"}\n'),
    "run id a number": _run('{"_id": 5, "text": "techniek"}\n'),
    "run id twice": _run(LINE + LINE),
    "run id with a space": _run('{"_id": "q 1", "text": "techniek"}\n'),
    "run text too long": _run(json.dumps({"_id": "q1", "text": "x" * 1001}) + "\n"),
    "run not utf-8": ("POST", "/v1/runs", b'{"_id": "q1", "text": "\xff"}\n', {}),
    "run too many": _run("".join(f'{{"_id": "q{n}", "text": "t"}}\n' for n in range(1001))),
    "run k zero": _run(LINE, "?k=0"),
    "run k too large": _run(LINE, "?k=101"),
    "run k not a number": _run(LINE, "?k=%C2%B2"),
    "run tag with a space": _run(LINE, "?tag=a%20b"),
    # routes, methods, media types
    "get search": ("GET", "/v1/search", b"", {}),
    "put answer": ("PUT", "/v1/answer", b"{}", JSON),
    "delete readyz": ("DELETE", "/readyz", b"", {}),
    "unknown path": ("GET", "/v1/nothing", b"", {}),
    "passage unknown": ("GET", "/v1/passages/..%2F..%2Fetc%2Fpasswd", b"", {}),
    "passage id too long": ("GET", "/v1/passages/" + "a" * 300, b"", {}),
    "text/plain body": ("POST", "/v1/answer", Q.encode(), {"content-type": "text/plain"}),
    "xml body": ("POST", "/v1/answer", b"<q>x</q>", {"content-type": "application/xml"}),
}


def _is_problem(body: dict[str, Any], status: int) -> bool:
    keys = {"type", "title", "status", "detail", "title_nl", "detail_nl", "instance"}
    return keys <= set(body) and body["status"] == status


def _no_trace(text: str) -> bool:
    return "Traceback" not in text and 'File "' not in text and ".py" not in text


def test_there_are_at_least_40_bad_requests() -> None:
    assert len(BAD) >= 40


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_request_is_a_4xx_problem(client: TestClient, name: str) -> None:
    method, path, body, headers = BAD[name]
    reply = client.request(method, path, content=body, headers=headers)
    assert 400 <= reply.status_code < 500, reply.text[:300]
    assert reply.headers["content-type"] == "application/problem+json"
    assert _is_problem(reply.json(), reply.status_code)
    assert _no_trace(reply.text)
    assert len(reply.content) < 20_000  # the input is never echoed whole


def _chunks(total: int) -> Iterator[bytes]:
    yield b'{"question": "'
    for _ in range(total // 65_536):
        yield b"x" * 65_536
    yield b'"}'


def test_a_huge_streamed_body_is_refused_without_reading_it_all(client: TestClient) -> None:
    reply = client.post("/v1/answer", content=_chunks(4_000_000), headers=JSON)
    assert reply.status_code == 413
    assert reply.json()["title_nl"] == "Verzoek te groot"


ODD = {
    "lone surrogate": '{"question": "techniek \\ud800 Limburg"}',
    "right-to-left override": '{"question": "techniek \\u202eLimburg"}',
    "zero-width joiners": '{"question": "tech\\u200dniek in Lim\\u200bburg"}',
    "full-width digits": '{"question": "doel \\uff19 techniek"}',
    "emoji": '{"question": "techniek \\ud83d\\udd27 Limburg"}',
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_unicode_is_answered_as_valid_utf8(client: TestClient, name: str) -> None:
    reply = client.post("/v1/answer", content=ODD[name].encode(), headers=JSON)
    assert reply.status_code == 200
    record = json.loads(reply.content.decode("utf-8"))
    assert "\ud800" not in record["question"]
    assert "\u202e" not in record["searched_question"]
