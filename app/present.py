"""How answers and passages are shown: safe Markdown strings, built by pure functions.

Report text and questions are data, never markup. Every piece of them goes through `escape`
before it meets Markdown: a passage holding `<script>` or `[klik](javascript:...)` is shown as
those very characters. The only markup is added here, around escaped text: bold for the value
and the quoted sentence, links for the report's web addresses (http and https only).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol
from urllib.parse import quote, urlsplit

from kb import Answer, Filters
from kb.answers import ABSTENTION, Source
from kb.answers.names import not_mentioned
from kb.render import place_line
from kb.text import shown

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# also disarms Streamlit's own syntax (":red[...]", ":material/icon:", "$latex$").
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^%/@;?,])")


# For Markdown that people also read as text (a copied citation, a saved session): only the
# characters that can start markup in CommonMark are escaped, and list or heading marks at the
# start of a line.
_COMMONMARK_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
_LINE_START_MARK = re.compile(r"^([#+\-=]|\d+(?=[.)]))", re.MULTILINE)

Escaper = Callable[[str], str]


def _hard_breaks(text: str) -> str:
    # Line breaks become Markdown hard breaks; indentation goes (four spaces open a code block).
    return re.sub(r"[ \t]*\n\s*", "  \n", text)


def _escaped(text: str) -> str:
    return _hard_breaks(_MARKDOWN_SPECIAL.sub(r"\\\1", shown(text)))


def _escaped_plain(text: str) -> str:
    text = _hard_breaks(_COMMONMARK_SPECIAL.sub(r"\\\1", shown(text)))
    return _LINE_START_MARK.sub(r"\\\1", text)


def escape(text: str) -> str:
    """`text` as Markdown that shows exactly these characters in the app, line breaks kept."""
    return _escaped(text.strip())


def escape_plain(text: str) -> str:
    """`text` as Markdown that shows these characters and still reads well as plain text."""
    return _escaped_plain(text.strip())


def bold(text: str, escaper: Escaper = _escaped) -> str:
    """Escaped `text` in bold, each line on its own (bold cannot span a line break)."""
    lines = [line for line in (part.strip() for part in text.splitlines()) if line]
    return "  \n".join(f"**{escaper(line)}**" for line in lines)


def marked(text: str, start: int, end: int, *, plain: bool = False) -> str:
    """`text` with `text[start:end]` in bold; all of it escaped.

    The spaces around the marked part stay outside the bold, where they were: bold only opens
    and closes next to a non-space (CommonMark's flanking rule).
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    middle = text[start:end]
    if not middle.strip():
        return escape_plain(text) if plain else escape(text)
    escaper = _escaped_plain if plain else _escaped
    lead = middle[: len(middle) - len(middle.lstrip())]
    trail = middle[len(middle.rstrip()) :]
    before = escaper(text[:start] + lead)
    after = escaper(trail + text[end:])
    return (before + bold(middle, escaper) + after).strip()


class Quoted(Protocol):
    """A quoted sentence with its value: an answer, or one of its alternatives."""

    @property
    def text(self) -> str: ...
    @property
    def value(self) -> str | None: ...
    @property
    def value_start(self) -> int | None: ...
    @property
    def value_end(self) -> int | None: ...


def quote_block(answer: Quoted, *, plain: bool = False) -> str:
    """The quoted sentence as a Markdown block quote, its value in bold (`plain`: escaped to
    read well as text, see `escape_plain`)."""
    start, end = answer.value_start, answer.value_end
    if answer.value is not None and start is not None and end is not None:
        body = marked(answer.text, start, end, plain=plain)
    else:
        body = escape_plain(answer.text) if plain else escape(answer.text)
    return "\n".join(f"> {line}" for line in body.split("  \n"))


def safe_url(address: str) -> str | None:
    """An http(s) address for a link ('www.s-bb.nl' -> 'https://www.s-bb.nl'), or None."""
    address = address.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", address, re.IGNORECASE):
        address = f"https://{address}"
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if not re.fullmatch(r"[A-Za-z0-9.-]+(?::\d+)?", parts.netloc):
        return None
    # Percent-encode what would end the Markdown link target early.
    return quote(address, safe=":/?#&=%~+,;@!*$'-._")


def link(address: str, *, plain: bool = False) -> str:
    """A Markdown link to a web address named in the report, or the address as plain text."""
    label = escape_plain(address) if plain else escape(address)
    url = safe_url(address)
    return f"[{label}]({url})" if url else label


def citation(answer: Answer) -> str:
    """The answer with its citation, as Markdown for copying into a note or a message."""
    question = escape_plain(answer.question)
    if answer.items:
        lines = [f"**Vraag:** {question}", "", f"**{escape_plain(answer.text)}**", ""]
        for item in answer.items:
            where = escape_plain(place_line(item.source, "full"))
            lines.append(f"- {escape_plain(item.text)} — {where}")
        return "\n".join(lines)
    if answer.abstained or answer.source is None:
        absent = answer.not_in_report
        said = f" {escape_plain(not_mentioned(absent))}" if absent else ""
        return f"**Vraag:** {question}\n\n{ABSTENTION}{said}"
    source = answer.source
    lines = [
        f"**Vraag:** {question}",
        "",
        quote_block(answer, plain=True),
        "",
        f"— *{escape_plain(source.document_title)}*, {escape_plain(place_line(source, 'full'))} "
        f"(tekens {source.start}–{source.end})",
    ]
    if source.cited_in:
        lines.append(f"- Voetnoot bij: {escape_plain(source.cited_in)}")
    lines += [f"- {link(url, plain=True)}" for url in source.urls]
    lines += [f"- Voetnoot {note.number}: {escape_plain(note.text)}" for note in source.footnotes]
    return "\n".join(lines)


def source_line(source: Source, limit: int = 90) -> str:
    """Where a quote stands, on one line: 'Doel 9 — <goal title, cut> · <section>'."""
    line = place_line(source, "full")
    if len(line) <= limit:
        return line
    short = place_line(source, "short")
    if source.goal is None or not source.goal_title:
        return short if len(short) <= limit else short[: limit - 1].rstrip() + "…"
    room = max(limit - len(short) - 3, 20)
    title = source.goal_title
    title = title if len(title) <= room else title[: room - 1].rstrip() + "…"
    return short.replace(f"Doel {source.goal}", f"Doel {source.goal} — {title}", 1)


def filters_line(filters: Filters) -> str:
    """The active filters in words: 'Doel 3 · regio Friesland · soort voorbeeld'."""
    parts = [f"Doel {g}" for g in filters.goals]
    parts += [f"regio {r}" for r in filters.regions]
    parts += [f"soort {k}" for k in filters.kinds]
    parts += [f"document {d}" for d in filters.documents]
    return " · ".join(parts) or "geen filters"


def plain_citation(answer: Answer) -> str:
    """The answer with its citation as plain text, for the clipboard: every word of the quote
    the report's own, between quotation marks."""
    if answer.abstained or answer.source is None:
        return f"Vraag: {answer.question}\n{ABSTENTION}"
    source = answer.source
    lines = [
        f"Vraag: {shown(answer.question)}",
        f"\u201c{shown(answer.text)}\u201d",
        f"Bron: {shown(source.document_title)}, {shown(place_line(source, 'full'))} "
        f"(tekens {source.start}\u2013{source.end})",
    ]
    lines += [shown(url) for url in source.urls]
    lines += [f"Voetnoot {note.number}: {shown(note.text)}" for note in source.footnotes]
    return "\n".join(lines)


def answer_id(answer: Answer) -> str:
    """Names the answer given: the passage and the span of the quoted sentence in it."""
    if answer.abstained or answer.hit_id is None:
        return "geen-antwoord"
    return f"{answer.hit_id}@{answer.start}-{answer.end}"


__all__ = [
    "answer_id",
    "bold",
    "citation",
    "escape",
    "escape_plain",
    "filters_line",
    "link",
    "marked",
    "plain_citation",
    "quote_block",
    "safe_url",
    "source_line",
]
