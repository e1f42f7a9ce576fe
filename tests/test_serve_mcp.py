"""`kb mcp` through the official SDK's own client: over stdio against a real `kb mcp` process,
and in process for the error cases. The tools return the records of kb.render, so that an
assistant has the quote and its source; bad input is a tool error in English and Dutch."""

from __future__ import annotations

import asyncio
import concurrent.futures
import sys
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest
from mcp import Client, StdioServerParameters

from kb.answers import answer
from kb.render import AnswerRecord, SearchRecord, answer_record
from kb.serve.mcp import mcp_server
from kb.serve.models import Limits
from kb.verdicts import DraftRecord
from tests.support.api_fixtures import Built
from tests.support.ingest_fixtures import ROOT

T = TypeVar("T")

QUESTION = "Hoeveel cross-over kwalificaties raken aan de techniek?"
CLAIM = "Klopt het dat er 40 trainees zijn gestart via het OnderwijsTraineeship?"


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a fresh event loop in its own thread: the session's browser tests
    (Playwright's sync API) keep a loop running in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _over_stdio(env: dict[str, str]) -> tuple[set[str], Any, Any]:
    server = StdioServerParameters(
        command=sys.executable, args=["-m", "kb.cli", "mcp"], env=env, cwd=str(ROOT)
    )
    async with Client(server, read_timeout_seconds=120) as client:
        tools = {tool.name for tool in (await client.list_tools()).tools}
        answered = await client.call_tool("answer", {"question": QUESTION, "k": 3})
        found = await client.call_tool("search", {"question": QUESTION, "goals": [9]})
        checked = await client.call_tool("check", {"text": CLAIM})
        assert not checked.is_error
        assert DraftRecord.model_validate(checked.structured_content).lines[0].check is not None
        return tools, answered, found


def test_a_real_kb_mcp_answers_through_the_sdk_client(built: Built) -> None:
    tools, answered, found = _run(_over_stdio(built.env()))
    assert {"search", "answer", "check"} <= tools
    assert not answered.is_error
    index = built.holder().current().index
    expected = answer_record(QUESTION, answer(index, QUESTION, None, 3))
    assert AnswerRecord.model_validate(answered.structured_content) == expected
    record = SearchRecord.model_validate(found.structured_content)
    assert len(record.hits) == 5 and {hit.goal for hit in record.hits} == {9}


async def _call(built: Built, name: str, arguments: dict[str, Any]) -> Any:
    server = mcp_server(built.holder(), Limits(max_question_chars=1000))
    async with Client(server) as client:
        return await client.call_tool(name, arguments)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"question": "   "}, ["empty", "Pas de vraag"]),
        ({"question": "x" * 1001}, ["1001 characters", "1001 tekens"]),
        ({"question": QUESTION, "goals": [99]}, ["unknown goal 99", "valid goals"]),
        ({"question": QUESTION, "regions": ["Atlantis"]}, ["unknown region 'Atlantis'"]),
        ({"question": QUESTION, "k": 0}, ["k"]),
        ({"question": 5}, ["question"]),
    ],
)
def test_bad_input_is_a_tool_error_that_says_what_to_change(
    built: Built, arguments: dict[str, Any], words: list[str]
) -> None:
    for tool in ("search", "answer"):
        result = _run(_call(built, tool, arguments))
        assert result.is_error
        text = " ".join(getattr(block, "text", "") for block in result.content)
        assert all(word in text for word in words), text
        assert "Traceback" not in text
