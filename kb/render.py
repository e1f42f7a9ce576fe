"""The one contract for showing an answer: a versioned JSON schema for programs, text for people.

`AnswerRecord` is what `kb ask --json` prints (one line per question with `--batch`), what the
app's JSON download holds per turn, and what the HTTP API's `POST /v1/answer` returns;
`SearchRecord` (`POST /v1/search`) and `PassageRecord` (`GET /v1/passages/{id}`) use the same
hit fields. Its fields are kept
as they were before the schema was versioned, since people script against them; a new field
comes with a higher `SCHEMA_VERSION`.

>>> record = answer_record("hoeveel cross-over kwalificaties raken techniek?", result)
>>> record.answer.value, record.hits[0].goal
('vier', 9)
"""

from __future__ import annotations

import json
import math
import textwrap
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict

from ingest.model import Chunk
from kb.answers import Answer
from kb.answers.answer import Alternative, Listed
from kb.answers.names import not_mentioned
from kb.build import BuildInfo
from kb.index import Hit, Question

SCHEMA_VERSION = 4
"""1: the fields of `kb ask --json` as they were, with `schema_version` added.
2: `answer.alternatives`, the runners-up close to the answer ("Ook mogelijk").
3: `answer.items` and `answer.list_kind` for list questions ("Welke voorbeelden zijn er in
Groningen?"); `CheckRecord` for claims (`kb check --json`, kb.verdicts); the HTTP API's
`SearchRecord` and `PassageRecord`.
4: `answer.not_in_report`, the names an abstention found nowhere in the report ("Doet
Microsoft ook mee ...?": ["Microsoft"])."""


class Footnote(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int
    text: str


class HitRecord(BaseModel):
    """A retrieved passage: its text, where it stands, and its scores."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    rank: int
    score: float
    dense_score: float | None
    bm25_score: float | None
    text: str
    goal: int | None
    goal_title: str | None
    kind: str
    section: str
    title: str | None
    regions: list[str]
    provinces: list[str]
    urls: list[str]
    footnotes: list[Footnote]
    document: str
    document_title: str
    start: int
    end: int
    page: int | None


class AlternativeObject(BaseModel):
    """A runner-up: its sentence, value and where it stands."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    value: str | None
    value_start: int | None
    value_end: int | None
    start: int
    end: int
    hit_id: str
    goal: int | None
    section: str
    title: str | None
    document_title: str
    source_start: int
    source_end: int


class ItemObject(BaseModel):
    """One item of a list answer: a part of the report, its title, first sentence and source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    title: str | None
    text: str
    hit_id: str
    goal: int | None
    section: str
    urls: list[str]
    document_title: str
    source_start: int
    source_end: int


class AnswerObject(BaseModel):
    """The quoted sentence, its value, where it stands and its sources (all None and empty
    when the answer abstains)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    value: str | None
    value_start: int | None
    value_end: int | None
    start: int | None
    end: int | None
    hit_id: str | None
    abstained: bool
    confidence: float
    goal: int | None
    goal_title: str | None
    section: str | None
    kind: str | None
    title: str | None
    urls: list[str]
    footnotes: list[Footnote]
    document: str | None
    document_title: str | None
    source_start: int | None
    source_end: int | None
    cited_in: str | None
    alternatives: list[AlternativeObject] = []
    items: list[ItemObject] = []
    list_kind: str | None = None
    not_in_report: list[str] = []


class AnswerRecord(BaseModel):
    """One question and its answer, as programs read it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = SCHEMA_VERSION
    question: str
    searched_question: str
    notice: str | None
    answer: AnswerObject
    hits: list[HitRecord]

    def to_json(self) -> str:
        """One line of strict JSON, non-ASCII as is."""
        return strict_json(self.model_dump(mode="json"))


def strict_json(value: object, indent: int | None = None) -> str:
    """`value` as JSON that strict parsers accept: a NaN or infinite float becomes null
    (Python's json writes `NaN`, which is not JSON)."""
    return json.dumps(_finite(value), ensure_ascii=False, indent=indent, allow_nan=False)


def _finite(value: object) -> object:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


class SearchRecord(BaseModel):
    """A question and the passages found for it (`POST /v1/search`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = SCHEMA_VERSION
    question: str
    searched_question: str
    notice: str | None
    hits: list[HitRecord]


class PassageRecord(BaseModel):
    """One passage for a deep link: its text, where it stands (offsets in the source file,
    page, the segments that map its text back to the source) and its neighbours."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = SCHEMA_VERSION
    build_id: str
    id: str
    text: str
    context: str
    goal: int | None
    goal_title: str | None
    kind: str
    section: str
    title: str | None
    regions: list[str]
    provinces: list[str]
    urls: list[str]
    footnotes: list[Footnote]
    document: str
    document_title: str
    unit_id: str
    part: int
    parts: int
    start: int
    end: int
    page: int | None
    segments: list[tuple[int, int, int]]
    previous_id: str | None
    next_id: str | None


def search_record(asked: str, searched: Question, hits: list[Hit]) -> SearchRecord:
    """The record of a search for the question as typed (`asked`) and as searched."""
    return SearchRecord(
        question=asked,
        searched_question=searched.text,
        notice=searched.notice,
        hits=[hit_record(h) for h in hits],
    )


def passage_record(
    build_id: str, chunk: Chunk, previous: Chunk | None, following: Chunk | None
) -> PassageRecord:
    """The record of one passage of build `build_id`, with the ids of its neighbours."""
    return PassageRecord(
        build_id=build_id,
        id=chunk.id,
        context=chunk.context,
        unit_id=chunk.unit_id,
        part=chunk.part,
        parts=chunk.parts,
        segments=list(chunk.segments),
        previous_id=previous.id if previous else None,
        next_id=following.id if following else None,
        **_passage_fields(chunk),
    )


def hit_record(hit: Hit) -> HitRecord:
    return HitRecord(
        id=hit.chunk.id,
        rank=hit.rank,
        score=hit.score,
        dense_score=hit.dense_score,
        bm25_score=hit.bm25_score,
        **_passage_fields(hit.chunk),
    )


def _passage_fields(chunk: Chunk) -> dict[str, Any]:
    """The fields a hit and a passage share: the text and where it stands."""
    return {
        "text": chunk.text,
        "goal": chunk.goal,
        "goal_title": chunk.goal_title,
        "kind": chunk.kind,
        "section": chunk.section,
        "title": chunk.title,
        "regions": list(chunk.regions),
        "provinces": list(chunk.provinces),
        "urls": list(chunk.urls),
        "footnotes": [Footnote(number=f.number, text=f.text) for f in chunk.footnotes],
        "document": chunk.document,
        "document_title": chunk.document_title,
        "start": chunk.start,
        "end": chunk.end,
        "page": chunk.page,
    }


def answer_record(asked: str, answer: Answer) -> AnswerRecord:
    """The record of `answer` to the question as it was typed (`asked`)."""
    source = answer.source
    notes = source.footnotes if source else []
    return AnswerRecord(
        question=asked,
        searched_question=answer.searched,
        notice=answer.notice,
        answer=AnswerObject(
            text=answer.text,
            value=answer.value,
            value_start=answer.value_start,
            value_end=answer.value_end,
            start=answer.start,
            end=answer.end,
            hit_id=answer.hit_id,
            abstained=answer.abstained,
            confidence=round(answer.confidence, 4),
            goal=source.goal if source else None,
            goal_title=source.goal_title if source else None,
            section=source.section if source else None,
            kind=source.kind if source else None,
            title=source.title if source else None,
            urls=list(source.urls) if source else [],
            footnotes=[Footnote(number=f.number, text=f.text) for f in notes],
            document=source.document if source else None,
            document_title=source.document_title if source else None,
            source_start=source.start if source else None,
            source_end=source.end if source else None,
            cited_in=source.cited_in if source else None,
            alternatives=[_alternative(a) for a in answer.alternatives],
            items=[_item(i) for i in answer.items],
            list_kind=answer.list_kind,
            not_in_report=list(answer.not_in_report),
        ),
        hits=[hit_record(h) for h in answer.hits],
    )


def _alternative(alternative: Alternative) -> AlternativeObject:
    source = alternative.source
    return AlternativeObject(
        text=alternative.text,
        value=alternative.value,
        value_start=alternative.value_start,
        value_end=alternative.value_end,
        start=alternative.start,
        end=alternative.end,
        hit_id=alternative.hit_id,
        goal=source.goal,
        section=source.section,
        title=source.title,
        document_title=source.document_title,
        source_start=source.start,
        source_end=source.end,
    )


def _item(item: Listed) -> ItemObject:
    source = item.source
    return ItemObject(
        id=item.id,
        kind=item.kind,
        title=item.title,
        text=item.text,
        hit_id=item.hit_id,
        goal=source.goal,
        section=source.section,
        urls=list(source.urls),
        document_title=source.document_title,
        source_start=source.start,
        source_end=source.end,
    )


class Placed(Protocol):
    """What has a place in the report: a chunk, or an answer's source."""

    @property
    def goal(self) -> int | None: ...
    @property
    def goal_title(self) -> str | None: ...
    @property
    def section(self) -> str: ...
    @property
    def title(self) -> str | None: ...


PlaceStyle = Literal["terminal", "full", "short"]


def place_line(item: Placed, style: PlaceStyle = "terminal") -> str:
    """Where a passage or an answer stands in the report, in one line.

    "terminal": 'Doel 9 · Wat is er bereikt? · <example title, else goal title>';
    "full": 'Doel 9 — <goal title> · Wat is er bereikt? · <example title>';
    "short": 'Doel 9 · Wat is er bereikt? · <example title>' (lists of passages).
    The preface has no goal: 'Voorwoord · …'.
    """
    parts: list[str] = []
    if item.goal is not None:
        full = style == "full" and item.goal_title
        parts.append(f"Doel {item.goal} — {item.goal_title}" if full else f"Doel {item.goal}")
    parts.append(item.section)
    title = item.title or (item.goal_title if style == "terminal" else None)
    if title:
        parts.append(title)
    return " · ".join(p for p in parts if p)


def hit_text(hit: Hit, width: int = 100) -> str:
    """A hit as a block of text: source line, the quoted passage, where it stands, links, notes."""
    chunk = hit.chunk
    lines = [f"{hit.rank}. {place_line(chunk)}  (score {hit.score:.4f})"]
    lines += textwrap.wrap(chunk.text, width, initial_indent="   ", subsequent_indent="   ")
    lines.append(f"   Bron: {chunk.document_title}, tekens {chunk.start}-{chunk.end}")
    lines += [f"   {url}" for url in chunk.urls]
    lines += [f"   [{note.number}] {note.text}" for note in chunk.footnotes]
    return "\n".join(lines)


def answer_text(answer: Answer, width: int = 100) -> str:
    """The answer for people: the quote with its value and source, then the passages (when
    abstaining, as possibly relevant)."""
    if answer.items:
        lines = [answer.text]
        for number, item in enumerate(answer.items, 1):
            lines.append(f"{number}. {place_line(item.source, 'short')}")
            lines += textwrap.wrap(
                f"“{item.text}”", width, initial_indent="   ", subsequent_indent="   "
            )
            lines += [f"   {url}" for url in item.source.urls]
        return "\n".join(lines)
    if answer.abstained or answer.source is None:
        lines = [answer.text]
        if answer.not_in_report:
            lines.append(not_mentioned(answer.not_in_report))
        lines += ["", "Mogelijk relevant:" if answer.hits else ""]
    else:
        source = answer.source
        lines = textwrap.wrap(f"“{answer.text}”", width)
        if answer.value:
            lines.append(f"   Antwoord: {answer.value}")
        lines.append(f"   {place_line(source)}")
        if source.cited_in:
            lines += textwrap.wrap(
                f"bij: {source.cited_in}", width, initial_indent="   ", subsequent_indent="   "
            )
        lines.append(f"   Bron: {source.document_title}, tekens {source.start}-{source.end}")
        lines += [f"   {url}" for url in source.urls]
        lines += [f"   [{note.number}] {note.text}" for note in source.footnotes]
        lines += ["", "Passages:"]
    lines += ["\n\n".join(hit_text(h, width) for h in answer.hits) or "no passages found"]
    return "\n".join(lines)


def build_summary(info: BuildInfo) -> str:
    if info.skipped:
        return (
            f"index unchanged ({info.chunks} chunks, build {info.build_id}); "
            "nothing to do (--force rebuilds)"
        )
    return (
        f"built {info.build_id}: {info.chunks} chunks, {info.embedded} embedded anew, "
        f"{info.seconds:.1f} s\n{info.folder}"
    )
