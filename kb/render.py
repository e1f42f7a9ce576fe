"""How hits are shown: plain text for people, JSON for programs (the `kb ask` contract)."""

from __future__ import annotations

import textwrap
from typing import Any

from kb.answers.answer import Answer, Source
from kb.index import Hit, Question
from kb.store import BuildInfo


def place_line(
    goal: int | None, section: str, title: str | None, goal_title: str | None = None
) -> str:
    """'Doel 9 · Wat is er bereikt? · <example title, else goal title>' ('Voorwoord' for the
    preface): where a passage or an answer stands in the report."""
    parts = [f"Doel {goal}"] if goal is not None else []
    parts.append(section)
    if title or goal_title:
        parts.append(title or goal_title or "")
    return " · ".join(parts)


def source_line(hit: Hit) -> str:
    """Where a hit stands, see `place_line`."""
    chunk = hit.chunk
    return place_line(chunk.goal, chunk.section, chunk.title, chunk.goal_title)


def hit_text(hit: Hit, width: int = 100) -> str:
    """A hit as a block of text: source line, the quoted passage, where it stands, links, notes."""
    chunk = hit.chunk
    lines = [f"{hit.rank}. {source_line(hit)}  (score {hit.score:.4f})"]
    lines += textwrap.wrap(chunk.text, width, initial_indent="   ", subsequent_indent="   ")
    lines.append(f"   Bron: {chunk.document_title}, tekens {chunk.start}-{chunk.end}")
    lines += [f"   {url}" for url in chunk.urls]
    lines += [f"   [{note.number}] {note.text}" for note in chunk.footnotes]
    return "\n".join(lines)


def hit_json(hit: Hit) -> dict[str, Any]:
    chunk = hit.chunk
    return {
        "id": chunk.id,
        "rank": hit.rank,
        "score": hit.score,
        "dense_score": hit.dense_score,
        "bm25_score": hit.bm25_score,
        "text": chunk.text,
        "goal": chunk.goal,
        "goal_title": chunk.goal_title,
        "kind": chunk.kind,
        "section": chunk.section,
        "title": chunk.title,
        "regions": chunk.regions,
        "provinces": chunk.provinces,
        "urls": chunk.urls,
        "footnotes": [{"number": f.number, "text": f.text} for f in chunk.footnotes],
        "document": chunk.document,
        "document_title": chunk.document_title,
        "start": chunk.start,
        "end": chunk.end,
        "page": chunk.page,
    }


def answer_json(
    asked: str, question: Question, hits: list[Hit], answer: Answer | None = None
) -> dict[str, Any]:
    """The one JSON object of `kb ask --json` (one line of `--batch`); with `answer`, its
    `answer` object and the answer's passages as `hits`."""
    out: dict[str, Any] = {
        "question": asked,
        "searched_question": question.text,
        "notice": question.notice,
    }
    if answer is not None:
        out["answer"] = answer_object(answer)
        hits = answer.hits
    out["hits"] = [hit_json(h) for h in hits]
    return out


def answer_object(answer: Answer) -> dict[str, Any]:
    """The `answer` object of `kb ask --json`: the quote, its value, where it stands, sources."""
    source = answer.source
    return {
        "text": answer.text,
        "value": answer.value,
        "value_start": answer.value_start,
        "value_end": answer.value_end,
        "start": answer.start,
        "end": answer.end,
        "hit_id": answer.hit_id,
        "abstained": answer.abstained,
        "confidence": round(answer.confidence, 4),
        "goal": source.goal if source else None,
        "goal_title": source.goal_title if source else None,
        "section": source.section if source else None,
        "kind": source.kind if source else None,
        "title": source.title if source else None,
        "urls": source.urls if source else [],
        "footnotes": [
            {"number": f.number, "text": f.text} for f in (source.footnotes if source else [])
        ],
        "document": source.document if source else None,
        "document_title": source.document_title if source else None,
        "source_start": source.start if source else None,
        "source_end": source.end if source else None,
        "cited_in": source.cited_in if source else None,
    }


def answer_source_line(source: Source) -> str:
    """Where an answer's sentence stands, see `place_line`."""
    return place_line(source.goal, source.section, source.title, source.goal_title)


def answer_text(answer: Answer, width: int = 100) -> str:
    """The answer for people: the quote with its value and source, then the passages (when
    abstaining, as possibly relevant)."""
    if answer.abstained or answer.source is None:
        lines = [answer.text, "", "Mogelijk relevant:" if answer.hits else ""]
    else:
        source = answer.source
        lines = textwrap.wrap(f"“{answer.text}”", width)
        if answer.value:
            lines.append(f"   Antwoord: {answer.value}")
        lines.append(f"   {answer_source_line(source)}")
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
