"""Cleaning: hard-wrapped lines of extracted text joined into display text that keeps a map
back to the source offsets of every character."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.model import Segment

SOFT_HYPHEN = "\u00ad"
BULLET_GLYPHS = ("→", "›", "�", "•")
"""Bullet glyphs of the report; "�" is a bullet whose glyph the PDF extraction lost."""

# Prefixes after which a hyphen at a line end is a real hyphen ("vmbo-\nleerlingen"): Dutch
# writes a hyphen between an abbreviation and the word it qualifies.
HYPHEN_PREFIXES = frozenset(
    {
        "vmbo",
        "mbo",
        "hbo",
        "havo",
        "vwo",
        "wo",
        "vo",
        "ho",
        "po",
        "pabo",
        "ict",
        "bbl",
        "bol",
        "lob",
        "w&t",
        "mkb",
        "stem",
        "it",
        "ai",
        "tu",
        "roc",
        "ocw",
        "ez",
        "szw",
    }
)
# "organisatie-\nen ontwikkelkracht": the hyphen stands for the shared end of two compounds.
ELISION_WORDS = frozenset({"en", "of", "tot", "noch"})

_WORD_BEFORE_HYPHEN = re.compile(r"([^\W\d_][\w&]*)-$")
_FIRST_WORD = re.compile(r"^[\w&]+")


@dataclass(frozen=True)
class Line:
    """One line of the source file and the offset of its first character."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def clean_inline(text: str) -> str:
    """Clean a short one-line text (a footnote, a title): NFC, soft hyphens dropped, white
    space folded to single spaces."""
    text = unicodedata.normalize("NFC", text.replace(SOFT_HYPHEN, ""))
    return " ".join(text.split())


def split_lines(text: str) -> list[Line]:
    """Split a file's text into lines, keeping each line's offset (line ends excluded)."""
    lines: list[Line] = []
    position = 0
    for raw in text.split("\n"):
        lines.append(Line(raw.rstrip("\r"), position))
        position += len(raw) + 1
    return lines


class TextBuilder:
    """Builds cleaned text run by run, recording where each run came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0
        self._sealed = False
        self.skipped: list[tuple[int, int]] = []
        """(source offset, position in the text) of each skipped character."""

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def __len__(self) -> int:
        return self._length

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self._segments)

    def ends_with_space(self) -> bool:
        return not self._parts or self._parts[-1][-1:] in (" ", "\n")

    def insert(self, text: str) -> None:
        """Add characters that are not in the source (a space that replaces a line break)."""
        self._parts.append(text)
        self._length += len(text)

    def copy(self, text: str, source_start: int, skip: frozenset[int] = frozenset()) -> None:
        """Add source characters, NFC-normalised, soft hyphens dropped, runs of spaces folded;
        characters at the source offsets in `skip` (footnote markers) are left out."""
        run_start: int | None = None
        run: list[str] = []
        for index, char in enumerate(text):
            source = source_start + index
            if source in skip:
                self._flush(run, run_start)
                run, run_start = [], None
                self.skipped.append((source, self._length))
                continue
            if char == SOFT_HYPHEN or (char.isspace() and self._last_is_space(run)):
                self._flush(run, run_start)
                run, run_start = [], None
                continue
            if char.isspace():
                char = " "
            if run_start is None:
                run_start = source
            run.append(char)
        self._flush(run, run_start)

    def _last_is_space(self, run: list[str]) -> bool:
        if run:
            return run[-1] == " "
        return self.ends_with_space()

    def _flush(self, run: list[str], run_start: int | None) -> None:
        if not run or run_start is None:
            return
        raw = "".join(run)
        normal = unicodedata.normalize("NFC", raw)
        if normal == raw:
            self._add_segment(raw, run_start, exact=True)
            return
        # A decomposed accent became one character: map each composed character to the
        # first source character of its sequence.
        offset = 0
        for cluster in _clusters(raw):
            composed = unicodedata.normalize("NFC", cluster)
            self._add_segment(composed, run_start + offset, exact=composed == cluster)
            offset += len(cluster)

    def _add_segment(self, text: str, source_start: int, exact: bool) -> None:
        """Record a run; an inexact one (a composed accent) stays a segment of its own."""
        last = self._segments[-1] if self._segments else None
        if exact and last and not self._sealed:
            clean_start, last_source, length = last
            if clean_start + length == self._length and last_source + length == source_start:
                self._segments[-1] = (clean_start, last_source, length + len(text))
                self._parts.append(text)
                self._length += len(text)
                return
        self._segments.append((self._length, source_start, len(text)))
        self._parts.append(text)
        self._length += len(text)
        self._sealed = not exact

    def drop_last_char(self) -> None:
        """Remove the last character (a line-break hyphen)."""
        self._truncate(self._length - 1)

    def strip_end(self) -> None:
        """Drop trailing spaces (and the part of segments that covered them)."""
        trailing = 0
        for part in reversed(self._parts):
            kept = len(part.rstrip())
            trailing += len(part) - kept
            if kept:
                break
        self._truncate(self._length - trailing)

    def _truncate(self, keep: int) -> None:
        # Only the end is cut, so only the last parts and segments are touched: joining lines
        # cuts a hyphen or a space at every line, and must stay linear in the text's length.
        if keep >= self._length:
            return
        cut = self._length - keep
        while cut:
            last = self._parts.pop()
            if len(last) > cut:
                self._parts.append(last[: len(last) - cut])
                break
            cut -= len(last)
        self._length = keep
        while self._segments and self._segments[-1][0] >= keep:
            self._segments.pop()
        if self._segments:
            clean_start, source_start, length = self._segments[-1]
            self._segments[-1] = (clean_start, source_start, min(length, keep - clean_start))


def _clusters(text: str) -> Iterable[str]:
    cluster = ""
    for char in text:
        if cluster and unicodedata.combining(char):
            cluster += char
            continue
        if cluster:
            yield cluster
        cluster = char
    if cluster:
        yield cluster


def line_break_hyphen(
    left_line: str, right_line: str, lexicon: frozenset[str] = frozenset()
) -> str:
    """Decide what the hyphen ending `left_line` is, given the line that follows.

    Returns "split" when it only split a word at the line end (drop it and join), "real" when
    it belongs to a compound ("vmbo-leerlingen": keep it, no space), "elision" when it stands
    for a shared word end ("organisatie- en ontwikkelkracht": keep it and a space).

    >>> line_break_hyphen("het basis-", "onderwijs")
    'split'
    >>> line_break_hyphen("voor vmbo-", "leerlingen")
    'real'
    """
    before = _WORD_BEFORE_HYPHEN.search(left_line.rstrip())
    after = _FIRST_WORD.match(right_line.strip())
    if not before or not after:
        return "elision"
    left = before.group(1).split("-")[-1]
    right = after.group(0)
    if right.lower() in ELISION_WORDS:
        return "elision"
    if not right[0].isalpha() or left.lower() in HYPHEN_PREFIXES:
        return "real"
    if left.isupper() and len(left) <= 5 and right[0].islower():
        return "real"
    joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
    return "real" if hyphenated in lexicon and joined not in lexicon else "split"


def word_lexicon(text: str) -> frozenset[str]:
    """Lower-cased words (hyphenated ones whole) that stand inside a line of the text; used to
    tell a real hyphen from a line-break hyphen by how the report writes the word elsewhere."""
    words: set[str] = set()
    for line in text.split("\n"):
        for token in re.findall(r"[\w&]+(?:-[\w&]+)*", line.strip()[:-1]):
            words.add(token.lower())
    return frozenset(words)


def strip_bullet(line: Line) -> tuple[str, str, int]:
    """Split a line into (glyph, rest, offset of rest); glyph is "" when there is none."""
    stripped = line.text.lstrip()
    offset = line.start + len(line.text) - len(stripped)
    for glyph in BULLET_GLYPHS:
        if stripped.startswith(glyph):
            rest = stripped[len(glyph) :]
            trimmed = rest.lstrip()
            return glyph, trimmed, offset + len(glyph) + len(rest) - len(trimmed)
    if stripped.startswith("- "):
        rest = stripped[2:].lstrip()
        return "-", rest, offset + len(stripped) - len(rest)
    return "", stripped, offset


def join_lines(
    pieces: list[tuple[str, int, str]],
    lexicon: frozenset[str] = frozenset(),
    skip: frozenset[int] = frozenset(),
) -> TextBuilder:
    """Join hard-wrapped pieces into one text.

    Args:
        pieces: (text, source offset, list glyph) for each piece, in order; a piece with a
            glyph ("›" or "-") starts a list item on a new line behind that glyph; the glyph
            "¶" starts a new paragraph.
        lexicon: words of the whole document, see `word_lexicon`.
        skip: source offsets of characters to leave out (footnote markers).

    Returns:
        The builder, holding the cleaned text, its segments and the skipped positions.
    """
    builder = TextBuilder()
    previous = ""
    for text, start, glyph in pieces:
        body = text.rstrip()
        if not body.strip():
            continue
        if len(builder):
            if glyph:
                builder.strip_end()
                builder.insert("\n")
                if glyph == "¶":
                    builder.copy(body, start, skip)
                    previous = body
                    continue
            elif _ends_in_hyphen(previous):
                kind = line_break_hyphen(previous, body, lexicon)
                if kind == "split":
                    builder.drop_last_char()
                elif kind == "elision":
                    builder.insert(" ")
            elif not builder.ends_with_space():
                builder.insert(" ")
        if glyph and glyph != "¶":
            builder.insert(glyph + " ")
        builder.copy(body, start, skip)
        previous = body
    builder.strip_end()
    return builder


def _ends_in_hyphen(text: str) -> bool:
    return len(text) >= 2 and text.endswith("-") and text[-2].isalpha()
