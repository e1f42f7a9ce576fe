"""Reading source files: text as UTF-8, PDFs page by page, and clear errors for bad files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.errors import SourceError


@dataclass(frozen=True)
class Page:
    number: int
    text: str


def read_text(path: Path) -> str:
    """Read a text file as UTF-8 (a byte-order mark is dropped), refusing missing, empty,
    binary and non-UTF-8 files."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: file not found") from exc
    except IsADirectoryError as exc:
        raise SourceError(f"{path}: is a folder, not a file") from exc
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise SourceError(f"{path}: file is empty")
    if b"\x00" in data:
        raise SourceError(f"{path}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{path}: not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "convert it to UTF-8 first"
        ) from exc
    return text.replace("\r\n", "\n")


def read_pdf(path: Path) -> list[Page]:
    """Extract the text of each page of a PDF with pypdf."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not path.is_file():
        raise SourceError(f"{path}: file not found")
    if path.stat().st_size == 0:
        raise SourceError(f"{path}: file is empty")
    try:
        reader = PdfReader(path)
        pages = [Page(i, page.extract_text() or "") for i, page in enumerate(reader.pages, 1)]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise SourceError(f"{path}: not a readable PDF ({exc})") from exc
    if not any(p.text.strip() for p in pages):
        raise SourceError(f"{path}: PDF has no extractable text (scanned images?)")
    return pages
