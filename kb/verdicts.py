"""The contract for showing a claim's check: `CheckRecord` (JSON, `kb check --json`), text for
people, and a checked draft as a Markdown table. Same schema version as `kb.render`.

>>> check_record(check(index, "Klopt het dat er 40 trainees zijn gestart?")).verdict
'klopt_niet'
"""

from __future__ import annotations

import json
import textwrap

from pydantic import BaseModel, ConfigDict

from kb.answers.answer import Source
from kb.claims.draft import DraftRow
from kb.claims.verdict import Check, Finding, Quote
from kb.render import SCHEMA_VERSION, Footnote, HitRecord, hit_record, place_line


class QuoteObject(BaseModel):
    """A report sentence, verbatim, and where it stands."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    start: int
    end: int
    hit_id: str
    goal: int | None
    goal_title: str | None
    section: str
    title: str | None
    urls: list[str]
    footnotes: list[Footnote]
    document_title: str
    source_start: int
    source_end: int


class FindingObject(BaseModel):
    """One part of a claim compared with the report."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aspect: str
    status: str
    claim_value: str | None
    report_value: str | None
    quote: QuoteObject | None


class CheckRecord(BaseModel):
    """A claim and its verdict, as programs read it (`kb check --json`, one line per claim)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = SCHEMA_VERSION
    claim: str
    statement: str
    verdict: str
    label: str
    quote: QuoteObject | None
    findings: list[FindingObject]
    notice: str | None
    hits: list[HitRecord]

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False)


class DraftLine(BaseModel):
    """A sentence of a claim or draft, and its check (None: nothing checkable in it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sentence: str
    check: CheckRecord | None


class DraftRecord(BaseModel):
    """A claim or a draft, checked sentence by sentence (`POST /v1/check`, MCP `check`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = SCHEMA_VERSION
    lines: list[DraftLine]
    markdown: str
    """The table of claim, verdict, the report's words and source (Markdown)."""


def draft_record(rows: list[DraftRow]) -> DraftRecord:
    """The record of a checked claim or draft."""
    return DraftRecord(
        lines=[
            DraftLine(sentence=r.sentence, check=check_record(r.check) if r.check else None)
            for r in rows
        ],
        markdown=draft_markdown(rows),
    )


def check_record(result: Check) -> CheckRecord:
    """The record of a claim's check."""
    return CheckRecord(
        claim=result.claim,
        statement=result.statement,
        verdict=result.verdict,
        label=result.label,
        quote=_quote(result.quote),
        findings=[_finding(f) for f in result.findings],
        notice=result.notice,
        hits=[hit_record(h) for h in result.hits],
    )


def _finding(finding: Finding) -> FindingObject:
    return FindingObject(
        aspect=finding.aspect,
        status=finding.status,
        claim_value=finding.claim_value,
        report_value=finding.report_value,
        quote=_quote(finding.quote),
    )


def _quote(quote: Quote | None) -> QuoteObject | None:
    if quote is None:
        return None
    source: Source = quote.source
    return QuoteObject(
        text=quote.text,
        start=quote.start,
        end=quote.end,
        hit_id=quote.hit_id,
        goal=source.goal,
        goal_title=source.goal_title,
        section=source.section,
        title=source.title,
        urls=list(source.urls),
        footnotes=[Footnote(number=f.number, text=f.text) for f in source.footnotes],
        document_title=source.document_title,
        source_start=source.start,
        source_end=source.end,
    )


def check_text(result: Check, width: int = 100) -> str:
    """A claim's verdict for people: the verdict first, then the report's words and source."""
    lines = [f"{result.label}: {result.statement}"]
    for finding in result.findings:
        if finding.report_value and finding.status == "contradicted":
            lines.append(
                f"   Het rapport: {finding.report_value} (bewering: {finding.claim_value})"
            )
    if result.quote is None:
        lines.append("   Het rapport zegt hier niets over.")
        return "\n".join(lines)
    source = result.quote.source
    lines += textwrap.wrap(
        f"“{result.quote.text}”", width, initial_indent="   ", subsequent_indent="   "
    )
    lines.append(f"   {place_line(source)}")
    lines.append(f"   Bron: {source.document_title}, tekens {source.start}-{source.end}")
    lines += [f"   {url}" for url in source.urls]
    lines += [f"   [{note.number}] {note.text}" for note in source.footnotes]
    return "\n".join(lines)


def draft_markdown(rows: list[DraftRow]) -> str:
    """The table of a checked draft: claim, verdict, the report's words, source."""
    lines = [
        "| bewering | oordeel | wat het rapport zegt | bron |",
        "|---|---|---|---|",
    ]
    for row in rows:
        if row.check is None:
            lines.append(f"| {_cell(row.sentence)} | geen bewering | | |")
            continue
        result = row.check
        quote = result.quote
        said = f"“{quote.text}”" if quote else ""
        values = [
            f"{f.report_value} (bewering: {f.claim_value})"
            for f in result.findings
            if f.status == "contradicted" and f.report_value
        ]
        if values:
            said = f"{'; '.join(values)}: {said}"
        where = ""
        if quote:
            source = quote.source
            where = f"{place_line(source, 'short')}, tekens {source.start}-{source.end}"
        lines.append(f"| {_cell(row.sentence)} | {result.label} | {_cell(said)} | {_cell(where)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: pipes escaped, no line breaks."""
    return " ".join(text.split()).replace("|", "\\|")
