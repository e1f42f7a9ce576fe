"""`kb serve` as a real process on a free loopback port (uvicorn, HTTP over a socket): it
answers, refuses a declared huge body before reading it, serves a rebuild without a restart,
and refuses to start on another address without KB_API_KEY or without an index (exit 2, one
line)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kb.render import AnswerRecord
from tests.support.api_fixtures import Built, kb_process, make_build, stop, wait_ready
from tests.support.serve import free_port

QUESTION = "Wanneer sloten FME en 4TU een pact?"


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return make_build(tmp_path_factory.mktemp("process"))


@pytest.fixture(scope="module")
def server(own: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("log") / "serve.log"
    process = kb_process(["serve", "--port", str(port)], own.env(), log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(process, url, log)
        yield url
    finally:
        # uvicorn shuts down cleanly on SIGTERM, then exits by that signal again.
        assert stop(process) in (0, -15), log.read_text(errors="replace")[-3000:]
        assert "Application shutdown complete" in log.read_text(errors="replace")


def test_the_server_answers_over_http(server: str) -> None:
    reply = httpx.post(f"{server}/v1/answer", json={"question": QUESTION}, timeout=30)
    assert reply.status_code == 200
    record = AnswerRecord.model_validate(reply.json())
    assert record.question == QUESTION and len(record.hits) == 5
    assert "server" not in {k.lower() for k in reply.headers}


def _response(sock: socket.socket) -> str:
    """The whole response: the head and as many body bytes as its Content-Length says (a
    loaded machine may send them in several packets)."""
    data = b""
    while True:
        chunk = sock.recv(65_536)
        data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = next(
            (
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            ),
            None,
        )
        if not chunk or (length is not None and len(body) >= length):
            return data.decode("utf-8", "replace")


def test_a_declared_huge_body_is_refused_before_it_is_sent(server: str) -> None:
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/answer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 50000000\r\n\r\n"
        )
        head = _response(sock)
    assert head.startswith("HTTP/1.1 413")
    body = json.loads(head.partition("\r\n\r\n")[2])
    assert body["type"].endswith(":too-large") and "1048576" in body["detail"]


def test_a_rebuild_is_served_without_a_restart(server: str, own: Built) -> None:
    before = httpx.get(f"{server}/readyz", timeout=30).json()["build_id"]
    new = own.rebuild()
    assert new != before
    assert httpx.get(f"{server}/readyz", timeout=30).json()["build_id"] == new
    reply = httpx.post(f"{server}/v1/search", json={"question": QUESTION}, timeout=30)
    assert reply.headers["x-kb-build"] == new


def _refused(args: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    process = kb_process(args, env, pipes=True)
    _, err = process.communicate(timeout=60)
    return process.returncode, err.decode().strip().splitlines()


def test_another_address_without_a_key_is_refused(own: Built) -> None:
    env = own.env()
    env.pop("KB_API_KEY", None)
    code, lines = _refused(["serve", "--host", "0.0.0.0", "--port", str(free_port())], env)
    assert code == 2
    assert lines == [
        "kb serve: binding to 0.0.0.0 needs an API key: set KB_API_KEY "
        "(or bind to 127.0.0.1, the default)"
    ]


@pytest.mark.parametrize("command", [["serve", "--port", "8000"], ["mcp"]])
def test_no_index_is_refused_with_what_to_do(
    own: Built, tmp_path: Path, command: list[str]
) -> None:
    env = {**own.env(), "KB_BUILD_DIR": str(tmp_path / "none")}
    code, lines = _refused(command, env)
    assert code == 2 and len(lines) == 1
    assert lines[0].startswith(f"kb {command[0]}: no index in") and "kb build" in lines[0]
