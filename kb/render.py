"""How hits are shown: plain text for people, JSON for programs (the `kb ask` contract)."""

from __future__ import annotations

import textwrap
from typing import Any

from kb.index import BuildInfo
from kb.search import Hit, Question


def source_line(hit: Hit) -> str:
    """'Doel 9 · Wat is er bereikt? · <example or goal title>' ('Voorwoord' for the preface)."""
    chunk = hit.chunk
    parts = [f"Doel {chunk.goal}"] if chunk.goal is not None else []
    parts.append(chunk.section)
    if chunk.title:
        parts.append(chunk.title)
    elif chunk.goal_title:
        parts.append(chunk.goal_title)
    return " · ".join(parts)


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


def answer_json(asked: str, question: Question, hits: list[Hit]) -> dict[str, Any]:
    """The one JSON object of `kb ask --json` (one line of `--batch`)."""
    return {
        "question": asked,
        "searched_question": question.text,
        "notice": question.notice,
        "hits": [hit_json(h) for h in hits],
    }


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
