"""Parse the Techniekpact progress report (text extracted from its PDF) into a `Document`.

The report's layout: a preface (VOORWOORD), then "DOEL 1" .. "DOEL 12", each with an
upper-case title over several lines, an introduction, "WAT IS ER BEREIKT?" with "→" bullets
(and "›" sub-bullets), and "VOORBEELDEN" with upper-case example titles, bodies and web
addresses. Footnote texts stand where a PDF page ended, sometimes inside a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.clean import Line, clean_inline, join_lines, split_lines, strip_bullet, word_lexicon
from ingest.errors import ParseError
from ingest.model import Document, Footnote, Goal, Kind, Unit, footnote_unit_id
from ingest.sentences import split_sentences

GOAL_HEADING = re.compile(r"^\s*DOEL\s+(\d{1,2})\s*$")
FOOTNOTE_LINE = re.compile(r"^\s*(\d{1,2})\s+(\S.*?)\s*$")
URL_LINE = re.compile(r"^\s*((?:https?://|www\.)\S+?)\s*$")
INLINE_URL = re.compile(r"(?:https?://|www\.)[^\s()]+[^\s().,;:’”]")
SENTENCE_END = re.compile(r"[.!?:”’\"]\s*$")
ACHIEVEMENTS = "WAT IS ER BEREIKT?"
EXAMPLES = "VOORBEELDEN"
PREFACE = "VOORWOORD"
FULL_LINE = 80
"""A line shorter than this that ends a sentence ends a paragraph (full lines are ~115)."""


@dataclass(frozen=True)
class _Marker:
    number: int
    source: int
    length: int


def parse_report(text: str, doc_id: str, title: str, source_file: str) -> Document:
    """Parse the report's text into preface, goals, units and footnotes.

    >>> doc = parse_report(open("corpus/techniekpact-voortgangsrapportage-2017.txt").read(),
    ...                    "techniekpact-2017", "Rapportage", "x.txt")  # doctest: +SKIP
    >>> len(doc.goals)  # doctest: +SKIP
    12
    """
    lines = split_lines(text)
    footnotes, footnote_lines = _find_footnotes(lines)
    headings = [i for i, line in enumerate(lines) if GOAL_HEADING.match(line.text)]
    preface = next((i for i, line in enumerate(lines) if line.text.strip() == PREFACE), None)
    if not headings or preface is None:
        raise ParseError(f"{source_file}: no VOORWOORD or DOEL headings found")
    markers = _find_markers(text, lines, footnotes, footnote_lines)
    skip = frozenset(m.source + i for m in markers for i in range(m.length))
    context = _Context(doc_id, word_lexicon(text), skip, markers, footnote_lines, text)

    cover = _printed(lines[:preface])
    units: list[Unit] = list(_preface_units(context, lines[preface + 1 : headings[0]], cover))
    goals: list[Goal] = []
    casing = _casing_lexicon(lines, headings)
    for index, start in enumerate(headings):
        end = headings[index + 1] if index + 1 < len(headings) else len(lines)
        goal = _parse_goal(context, lines, start, end, casing)
        notes = _footnote_units(context, footnotes, goal.units)
        goal = Goal(goal.number, goal.title, goal.units + notes)
        goals.append(goal)
        units.extend(goal.units)
    return Document(doc_id, title, source_file, tuple(units), tuple(goals), tuple(footnotes))


@dataclass(frozen=True)
class _Context:
    doc_id: str
    lexicon: frozenset[str]
    skip: frozenset[int]
    markers: list[_Marker]
    footnote_lines: frozenset[int]
    source: str


def _find_footnotes(lines: list[Line]) -> tuple[list[Footnote], frozenset[int]]:
    """Footnotes are numbered 1, 2, 3 … in order; a footnote line follows a blank line or
    another footnote. That tells them from body lines such as "24 mbo-scholen gaan …" or
    "30 juni 2019.", which break neither rule."""
    footnotes: list[Footnote] = []
    found: set[int] = set()
    expected = 1
    for index, line in enumerate(lines):
        match = FOOTNOTE_LINE.match(line.text)
        if not match or int(match.group(1)) != expected:
            continue
        before = lines[index - 1] if index else None
        if before is not None and not before.blank and index - 1 not in found:
            continue
        text_start = line.start + match.start(2)
        footnotes.append(
            Footnote(expected, clean_inline(match.group(2)), text_start, line.start + match.end(2))
        )
        found.add(index)
        expected += 1
    return footnotes, frozenset(found)


def _find_markers(
    text: str, lines: list[Line], footnotes: list[Footnote], footnote_lines: frozenset[int]
) -> list[_Marker]:
    """Find each footnote's marker: the number glued to the word (or year) before it, the last
    such number between the previous marker and the footnote's own text."""
    markers: list[_Marker] = []
    floor = 0
    for footnote in footnotes:
        number = str(footnote.number)
        glued = re.compile(
            rf"(?:(?<=[^\W\d_])|(?<=[’'”).])|(?<=\b(?:19|20)\d\d)){number}(?=[\s.,;:)]|$)",
            re.MULTILINE,
        )
        region = text[floor : footnote.start]
        hits = [
            m
            for m in glued.finditer(region)
            if not _on_footnote_line(floor + m.start(), lines, footnote_lines)
        ]
        if not hits:
            raise ParseError(f"footnote {footnote.number}: no marker found in the text before it")
        source = floor + hits[-1].start()
        markers.append(_Marker(footnote.number, source, len(number)))
        floor = source + len(number)
    return markers


def _on_footnote_line(offset: int, lines: list[Line], footnote_lines: frozenset[int]) -> bool:
    return any(lines[i].start <= offset <= lines[i].end for i in footnote_lines)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _casing_lexicon(lines: list[Line], headings: list[int]) -> dict[str, str]:
    """How the report writes each word in running text, to put upper-case titles into
    sentence case without losing names ("Friese", "W&T", "LOB")."""
    forms: dict[str, Counter[str]] = {}
    running = " ".join(
        line.text for i, line in enumerate(lines) if i not in headings and not _is_upper(line.text)
    )
    running = INLINE_URL.sub(" ", running)
    # A capital after a sentence end or a bullet says nothing about how a word is written.
    for match in re.finditer(r"[^\W\d_][\w&]*", running):
        if re.search(
            r"(?:[.!?:→›�]|^)[\s“‘\"']*$", running[max(0, match.start() - 4) : match.start()]
        ):
            continue
        word = match.group(0)
        forms.setdefault(word.lower(), Counter())[word] += 1
    casing: dict[str, str] = {}
    for lower, counter in forms.items():
        casing[lower] = lower if lower in counter else counter.most_common(1)[0][0]
    # Abbreviations keep their capitals even when the text only has them at a sentence start.
    for word in re.findall(r"\b[^\W\d_a-z]{2,}\b", running):
        if word.isupper():
            casing.setdefault(word.lower(), word)
    return casing


def sentence_case(title: str, casing: dict[str, str]) -> str:
    """Put an upper-case title in sentence case, keeping names and abbreviations as the report
    writes them in running text, and words in parentheses that are abbreviations ("(LOB)")."""

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        before = title[: match.start()]
        if before.endswith("(") and title[match.end() : match.end() + 1] == ")":
            return token
        return casing.get(token.lower(), token.lower())

    lowered = re.sub(r"[^\W\d_][\w&]*", word, title)
    for index, char in enumerate(lowered):
        if char.isalnum():
            return lowered[:index] + char.upper() + lowered[index + 1 :]
    return lowered


def _unit(
    context: _Context,
    unit_id: str,
    kind: Kind,
    pieces: list[tuple[str, int, str]],
    printed: list[tuple[str, int, str]] | None = None,
    /,
    **fields: object,
) -> Unit:
    """A unit of `pieces`, opened by the `printed` heading lines (see `_printed`) when given."""
    if printed and pieces:
        text, start, glyph = pieces[0]
        pieces = [*printed, (text, start, glyph or "¶"), *pieces[1:]]
    builder = join_lines(pieces, context.lexicon, context.skip)
    by_source = {m.source: m.number for m in context.markers}
    cited = tuple((by_source[s], p) for s, p in builder.skipped if s in by_source)
    text = builder.text
    if printed:
        fields["lead"] = text.find("\n") if "\n" in text else len(text)
    urls = tuple(dict.fromkeys([*fields.pop("urls", ()), *INLINE_URL.findall(text)]))  # type: ignore[misc]
    return Unit(
        id=unit_id,
        kind=kind,
        text=text,
        segments=builder.segments,
        footnotes=cited,
        urls=urls,
        **fields,  # type: ignore[arg-type]
    )


def _printed(lines: list[Line]) -> list[tuple[str, int, str]]:
    """Pieces of heading lines as the report prints them (a goal's "DOEL n" and title, an
    example's title, the cover), joined into one line of text that opens its unit: questions
    ask for them in the report's own capitals. A glyph before the first word (the cover's
    "↘") is left out."""
    pieces: list[tuple[str, int, str]] = []
    for line in lines:
        glyph = re.match(r"[^\w“‘'\"(]*", line.text)
        skipped = glyph.end() if glyph else 0
        text = line.text[skipped:].rstrip()
        if text:
            pieces.append((text, line.start + skipped, ""))
    return pieces


def _footnote_units(
    context: _Context, footnotes: list[Footnote], cited_by: tuple[Unit, ...]
) -> tuple[Unit, ...]:
    """A unit for each footnote cited in `cited_by` (the units of one goal), in number order:
    its text as the source line has it, so that it can be quoted, with the goal of the passage
    that cites it and that passage's sentence as retrieval context."""
    units: list[Unit] = []
    for footnote in footnotes:
        citing = next(
            ((u, at) for u in cited_by for n, at in u.footnotes if n == footnote.number), None
        )
        if citing is None:
            continue
        unit, at = citing
        sentence = next(
            (unit.text[a:b] for a, b in split_sentences(unit.text) if a < at <= b + 1), None
        )
        builder = join_lines(
            [(context.source[footnote.start : footnote.end], footnote.start, "")], context.lexicon
        )
        units.append(
            Unit(
                id=footnote_unit_id(context.doc_id, footnote.number),
                kind="voetnoot",
                text=builder.text,
                segments=builder.segments,
                goal=unit.goal,
                goal_title=unit.goal_title,
                title=f"Voetnoot {footnote.number}",
                heading="Voetnoten",
                urls=tuple(INLINE_URL.findall(builder.text)),
                cited_in=sentence,
            )
        )
    return tuple(units)


def _paragraph_pieces(
    lines: list[Line], footnote_lines: frozenset[int], offset: int
) -> list[tuple[str, int, str]]:
    """Pieces of running text: a new paragraph after a short line that ends a sentence, or
    after a blank line or footnote that follows a finished sentence; a blank line or footnote
    inside a sentence (a page break) is passed over so that the sentence is rejoined."""
    pieces: list[tuple[str, int, str]] = []
    previous: Line | None = None
    gap = False
    for index, line in enumerate(lines):
        if line.blank or offset + index in footnote_lines:
            gap = True
            continue
        glyph, rest, start = strip_bullet(line)
        if glyph in ("→", "�"):
            glyph = "¶"
        elif glyph not in ("›", "-"):
            glyph = ""
        if not glyph and previous is not None:
            ended = SENTENCE_END.search(previous.text)
            if ended and (gap or len(previous.text.strip()) < FULL_LINE):
                glyph = "¶"
        pieces.append((rest, start, glyph))
        previous, gap = line, False
    return pieces


def _preface_units(
    context: _Context, lines: list[Line], cover: list[tuple[str, int, str]]
) -> list[Unit]:
    """The preface's paragraphs; the first opens with the cover's lines (month, title)."""
    units: list[Unit] = []
    block: list[Line] = []
    for line in [*lines, Line("", 0)]:
        if line.blank:
            if block:
                pieces = [
                    (ln.text.strip(), ln.start + len(ln.text) - len(ln.text.lstrip()), "")
                    for ln in block
                ]
                unit_id = f"{context.doc_id}/voorwoord/{len(units) + 1:02d}"
                printed = None if units else cover
                units.append(
                    _unit(context, unit_id, "voorwoord", pieces, printed, heading="Voorwoord")
                )
            block = []
        else:
            block.append(line)
    return units


def _parse_goal(
    context: _Context, lines: list[Line], start: int, end: int, casing: dict[str, str]
) -> Goal:
    match = GOAL_HEADING.match(lines[start].text)
    assert match is not None
    number = int(match.group(1))
    prefix = f"{context.doc_id}/doel-{number:02d}"
    # The heading: "DOEL n" and the title lines up to the first blank line.
    cursor = next((i for i in range(start + 1, end) if lines[i].blank), end)
    printed = _printed(lines[start:cursor])
    title = sentence_case(join_lines(printed[1:], context.lexicon).text, casing)
    labels = {lines[i].text.strip(): i for i in range(cursor, end)}
    achieved = labels.get(ACHIEVEMENTS)
    examples = labels.get(EXAMPLES)
    if achieved is None or examples is None:
        raise ParseError(f"DOEL {number}: no '{ACHIEVEMENTS}' or '{EXAMPLES}' section")
    common = {"goal": number, "goal_title": title}

    units: list[Unit] = []
    intro = _paragraph_pieces(lines[cursor:achieved], context.footnote_lines, cursor)
    if intro:
        units.append(
            _unit(
                context,
                f"{prefix}/inleiding",
                "inleiding",
                intro,
                printed,
                heading="Inleiding",
                **common,
            )
        )
    for i, bullet in enumerate(_bullets(lines, achieved + 1, examples, context), start=1):
        units.append(
            _unit(
                context,
                f"{prefix}/bereikt/{i:02d}",
                "bereikt",
                bullet,
                heading="Wat is er bereikt?",
                **common,
            )
        )
    for i, (example_title, printed_title, body, urls) in enumerate(
        _examples(lines, examples + 1, end, context), start=1
    ):
        units.append(
            _unit(
                context,
                f"{prefix}/voorbeeld/{i}",
                "voorbeeld",
                body,
                printed_title,
                heading="Voorbeelden",
                title=sentence_case(example_title, casing),
                urls=urls,
                **common,
            )
        )
    return Goal(number, title, tuple(units))


def _bullets(
    lines: list[Line], start: int, end: int, context: _Context
) -> list[list[tuple[str, int, str]]]:
    """Each "→" bullet with what follows it up to the next one: its "›" sub-bullets, lines
    after a lost glyph "�", and a paragraph that goes on after a footnote at a page end."""
    bullets: list[list[Line]] = []
    offsets: list[int] = []
    for index in range(start, end):
        line = lines[index]
        if line.text.lstrip().startswith("→"):
            bullets.append([])
            offsets.append(index)
        if bullets:
            bullets[-1].append(line)
    return [
        _paragraph_pieces(block, context.footnote_lines, offset)
        for block, offset in zip(bullets, offsets, strict=True)
    ]


_Pieces = list[tuple[str, int, str]]


def _examples(
    lines: list[Line], start: int, end: int, context: _Context
) -> list[tuple[str, _Pieces, _Pieces, tuple[str, ...]]]:
    """Examples: upper-case title lines, body lines, then web-address lines; each as its
    title, its printed title lines, and its body ending in its web-address lines."""
    examples: list[tuple[str, _Pieces, _Pieces, tuple[str, ...]]] = []
    index = start
    while index < end:
        while index < end and (lines[index].blank or index in context.footnote_lines):
            index += 1
        if index >= end:
            break
        title_lines: list[Line] = []
        while (
            index < end and _is_upper(lines[index].text) and not URL_LINE.match(lines[index].text)
        ):
            title_lines.append(lines[index])
            index += 1
        if not title_lines:
            raise ParseError(f"line {index + 1}: expected an example title in upper case")
        body_start = index
        while index < end and not URL_LINE.match(lines[index].text):
            index += 1
        body = _paragraph_pieces(lines[body_start:index], context.footnote_lines, body_start)
        urls: list[str] = []
        while index < end and (URL_LINE.match(lines[index].text) or lines[index].blank):
            url = URL_LINE.match(lines[index].text)
            if url:
                urls.append(url.group(1))
                body.append((url.group(1), lines[index].start + url.start(1), "¶"))
            index += 1
        printed = _printed(title_lines)
        title = join_lines(printed, context.lexicon).text
        examples.append((title, printed, body, tuple(urls)))
    return examples
