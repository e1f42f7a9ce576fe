"""Generic parser for documents added to the corpus without code: headings and paragraphs of
`.txt` and `.md` files, and of the text of `.pdf` files with the page each paragraph is on."""

from __future__ import annotations

import re

from ingest.clean import Line, join_lines, split_lines, strip_bullet, word_lexicon
from ingest.model import Document, Unit
from ingest.read import Page

MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
MAX_HEADING = 60


def pdf_text(pages: list[Page]) -> tuple[str, list[int]]:
    """The pages' text joined by blank lines, and the offset where each page starts."""
    starts: list[int] = []
    parts: list[str] = []
    position = 0
    for page in pages:
        starts.append(position)
        parts.append(page.text)
        position += len(page.text) + 2
    return "\n\n".join(parts), starts


def parse_generic(
    text: str,
    doc_id: str,
    title: str,
    source_file: str,
    page_starts: list[int] | None = None,
) -> Document:
    """Split a document into paragraphs under their headings.

    A heading is a Markdown `#` line, or a short line standing alone between blank lines that
    does not end like a sentence. `page_starts` (for PDFs) gives each page's first offset.
    """
    lines = split_lines(text)
    lexicon = word_lexicon(text)
    units: list[Unit] = []
    heading: str | None = None
    block: list[Line] = []

    def flush() -> None:
        if not block:
            return
        pieces = []
        for line in block:
            glyph, rest, start = strip_bullet(line)
            pieces.append((rest, start, "›" if glyph else ""))
        builder = join_lines(pieces, lexicon)
        if builder.text:
            start = builder.segments[0][1] if builder.segments else 0
            units.append(
                Unit(
                    id=f"{doc_id}/p{len(units) + 1:03d}",
                    kind="tekst",
                    text=builder.text,
                    segments=builder.segments,
                    title=heading,
                    heading=heading,
                    page=_page_of(start, page_starts),
                )
            )
        block.clear()

    for index, line in enumerate(lines):
        if line.blank:
            flush()
            continue
        md = MD_HEADING.match(line.text)
        if md or _stands_alone(lines, index):
            flush()
            heading = (md.group(2) if md else line.text).strip()
            continue
        block.append(line)
    flush()
    return Document(doc_id, title, source_file, tuple(units))


def _stands_alone(lines: list[Line], index: int) -> bool:
    """A heading: a short line that does not end like a sentence, after a blank line or a
    finished sentence, before a blank line or a capital (PDF text has no blank lines)."""
    text = lines[index].text.strip()
    before = lines[index - 1].text.strip() if index else ""
    after = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
    return (
        len(text) <= MAX_HEADING
        and not re.search(r"[.,;:!?]$", text)
        and (text[:1].isupper() or text[:1].isdigit())
        and (not before or bool(re.search(r"[.!?:]$", before)))
        and (not after or after[:1].isupper())
    )


def _page_of(offset: int, page_starts: list[int] | None) -> int | None:
    if not page_starts:
        return None
    page = 1
    for number, start in enumerate(page_starts, start=1):
        if start <= offset:
            page = number
    return page
