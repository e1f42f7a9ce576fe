"""`kb mcp`: the knowledge base as an MCP server on stdio (the official `mcp` SDK), so that an
assistant quotes the report verbatim with its source.

Tools: `search` (the passages for a question) and `answer` (the quoted sentence, its value
and source, and the passages). They return the records of `kb.render`, as `kb ask --json`
and the HTTP API do. A bad question or filter is a tool error whose message says what to
change, in English and Dutch. Each call answers from one build; a `kb build` is picked up
on the next call. Claim checking (`check`) joins here once kb has it.

>>> server = mcp_server(holder_for(settings, make_embedder(settings)), Limits())
>>> server.run("stdio")
"""

from __future__ import annotations

from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from kb.answers import answer as answer_question
from kb.claims.draft import check_claims
from kb.errors import IndexLoadError, KbError
from kb.index import Filters, clean_question
from kb.render import AnswerRecord, SearchRecord, answer_record, search_record
from kb.serve.errors import RequestProblem
from kb.serve.holder import IndexHolder
from kb.serve.models import MAX_CHECK_CHARS, MAX_FILTER_VALUES, MAX_K, Limits, readable
from kb.verdicts import DraftRecord, draft_record

INSTRUCTIONS = """Vraagbaak Techniekpact answers Dutch questions about the Nationaal
Techniekpact progress report (2017) by quoting it. Cite `answer.text` verbatim, in quotation
marks, with its source (`answer.document_title`, goal/doel `answer.goal`, `answer.section`,
`answer.title`). When `answer.abstained` is true the report does not say it: say so, and do
not answer from memory. Ask in Dutch for the best results."""

Question = Annotated[str, Field(description="the question, in Dutch")]
K = Annotated[int, Field(ge=1, le=MAX_K, description="number of passages")]
Goals = Annotated[
    list[int], Field(max_length=MAX_FILTER_VALUES, description="only these goals (doelen) 1-12")
]
Names = Annotated[list[str], Field(max_length=MAX_FILTER_VALUES)]


def _asked(question: str, limits: Limits) -> str:
    text = readable(question)
    if len(text) > limits.max_question_chars:
        raise ToolError(
            f"The question has {len(text)} characters; at most {limits.max_question_chars}. "
            f"/ De vraag heeft {len(text)} tekens; hooguit {limits.max_question_chars}."
        )
    return text


def _names(values: list[str]) -> tuple[str, ...]:
    return tuple(readable(value) for value in values)


def _tool_error(exc: KbError) -> ToolError:
    if isinstance(exc, RequestProblem):
        return ToolError(f"{exc.detail} / {exc.detail_nl}")
    if isinstance(exc, IndexLoadError):
        return ToolError(f"No index is loaded: {exc} / Er is geen index geladen.")
    return ToolError(f"{exc} / Pas de vraag of de filters aan.")


def mcp_server(holder: IndexHolder, limits: Limits) -> MCPServer:
    """The MCP server answering from `holder`'s builds."""
    server: MCPServer = MCPServer("vraagbaak-techniekpact", instructions=INSTRUCTIONS)

    @server.tool()
    def search(
        question: Question,
        k: K = 5,
        goals: Goals = [],  # noqa: B006 - read only, and the schema shows the default
        regions: Names = [],  # noqa: B006
        kinds: Names = [],  # noqa: B006
    ) -> SearchRecord:
        """The passages of the report that best match a question, with where each stands."""
        asked = _asked(question, limits)
        filters = Filters(tuple(goals), _names(regions), _names(kinds))
        try:
            index = holder.current().index
            searched = clean_question(asked, index.settings.max_question_chars)
            return search_record(asked, searched, index.search(searched.text, filters, k))
        except KbError as exc:
            raise _tool_error(exc) from exc

    @server.tool()
    def answer(
        question: Question,
        k: K = 5,
        goals: Goals = [],  # noqa: B006
        regions: Names = [],  # noqa: B006
        kinds: Names = [],  # noqa: B006
    ) -> AnswerRecord:
        """The report's own sentence that answers a question (quote it verbatim), its value,
        its source and the passages; or an abstention when the report does not say."""
        asked = _asked(question, limits)
        filters = Filters(tuple(goals), _names(regions), _names(kinds))
        try:
            return answer_record(asked, answer_question(holder.current().index, asked, filters, k))
        except KbError as exc:
            raise _tool_error(exc) from exc

    @server.tool()
    def check(
        text: Annotated[str, Field(min_length=1, max_length=MAX_CHECK_CHARS)],
        goals: Goals = [],  # noqa: B006
    ) -> DraftRecord:
        """Check a claim ("Klopt het dat …?") or a draft against the report: per sentence the
        verdict (klopt, klopt_niet, deels, niet_in_rapport), the report's value where it differs,
        and the report's sentence with its source (quote it verbatim)."""
        try:
            index = holder.current().index
            return draft_record(check_claims(index, readable(text), Filters(tuple(goals))))
        except KbError as exc:
            raise _tool_error(exc) from exc

    return server
