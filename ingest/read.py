"""Reading corpus files: the one boundary between the corpus folder and the parsers.

Every byte ingest reads from the corpus comes through `read_source`: a regular file inside the
corpus folder (its resolved path checked, so a link out of the folder, `../x` or an absolute
name in a manifest is refused), never a FIFO or a device (never opened blocking), and no larger
than the limits. Text is decoded as UTF-8; PDFs are read with pypdf under limits on pages,
decompressed stream size, content-stream operators and time, and every pypdf error (an
AES-encrypted file without `cryptography`, a limit reached, a malformed file) becomes one
`SourceError` that names the file.
"""

from __future__ import annotations

import io
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ingest.errors import SourceError

MB = 1024 * 1024


@dataclass(frozen=True)
class Page:
    number: int
    text: str


@dataclass(frozen=True)
class ReadLimits:
    """How much of a corpus file ingest reads; a file over a limit is refused by name.

    The report's text is 81 KB; 4 MB of text is 50 times that and ingests in seconds (see
    docs/RELIABILITY.md), while a file of any size would hold a build for as long as it likes.
    """

    text_bytes: int = 4 * MB
    """A `.txt`/`.md` file, and a manifest, no larger than this."""
    pdf_bytes: int = 32 * MB
    """A PDF file no larger than this (PDFs carry images)."""
    pdf_text_chars: int = 4 * MB
    """The text extracted from all pages of a PDF together."""
    pdf_pages: int = 1000
    pdf_stream_bytes: int = 16 * MB
    """One decompressed PDF stream (a 'zip bomb' stream stops here)."""
    pdf_operations: int = 500_000
    """Operands and operators pypdf parses in one page's content stream."""
    pdf_seconds: float = 60.0
    """Time to extract a PDF's text, checked after each page."""


def source_path(corpus_dir: Path, name: str) -> Path:
    """The path of corpus file `name`, refusing names that leave the corpus folder
    (`../x`, `/etc/passwd`, `sub/../../x`)."""
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts or "\\" in name or "\x00" in name:
        raise SourceError(f"{name!r}: not a file name inside the corpus folder {corpus_dir}")
    return corpus_dir / pure


def read_source(corpus_dir: Path, name: str, max_bytes: int) -> bytes:
    """The bytes of corpus file `name`: a regular file inside `corpus_dir` (after resolving
    links), at most `max_bytes` long.

    Raises:
        SourceError: the file is missing, outside the folder, not a regular file (a folder, a
            FIFO, a device), too large or unreadable; the message names it.
    """
    path = source_path(corpus_dir, name)
    try:
        resolved = path.resolve(strict=True)
        inside = resolved.is_relative_to(corpus_dir.resolve(strict=True))
        # stat before open: opening a FIFO blocks and opening a device can act.
        kind = os.stat(resolved).st_mode
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: file not found") from exc
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
        raise SourceError(f"{path}: cannot be read ({_reason(exc)})") from exc
    if not inside:
        raise SourceError(f"{path}: a link to {resolved}, outside the corpus folder; not read")
    if not stat.S_ISREG(kind):
        what = "a folder" if stat.S_ISDIR(kind) else "not a regular file (a FIFO or device?)"
        raise SourceError(f"{path}: {what}; not read")
    try:
        fd = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({_reason(exc)})") from exc
    with os.fdopen(fd, "rb") as handle:
        # Checked again on the open file: the path may have been swapped since the stat.
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise SourceError(f"{path}: not a regular file; not read")
        if opened.st_size > max_bytes:
            raise SourceError(
                f"{path}: {opened.st_size:,} bytes, over the limit of {_size(max_bytes)}; not read"
            )
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise SourceError(f"{path}: cannot be read ({_reason(exc)})") from exc
    if len(data) > max_bytes:
        raise SourceError(f"{path}: over the limit of {_size(max_bytes)}")
    return data


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _size(count: int) -> str:
    return f"{count:,} bytes ({count / MB:.1f} MB)" if count >= MB else f"{count:,} bytes"


def decode_text(data: bytes, path: Path) -> str:
    """A text file's bytes as UTF-8 (a byte-order mark is dropped), refusing empty, binary and
    non-UTF-8 files."""
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


DEFAULT_LIMITS = ReadLimits()


def read_text(corpus_dir: Path, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    """Corpus file `name` as UTF-8 text (see `read_source` and `decode_text`)."""
    data = read_source(corpus_dir, name, limits.text_bytes)
    return decode_text(data, source_path(corpus_dir, name))


def pdf_pages(data: bytes, path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> list[Page]:
    """The text of each page of a PDF, under `limits`.

    Raises:
        SourceError: for any file pypdf cannot read within the limits; the message names it.
    """
    if not data:
        raise SourceError(f"{path}: file is empty")
    try:
        pages = _extract(data, path, limits)
    except SourceError:
        raise
    except Exception as exc:
        # pypdf raises many kinds on hostile files (PdfReadError, DependencyError for AES
        # without `cryptography`, LimitReachedError, and plain KeyError, TypeError or
        # RecursionError from malformed objects): each means "this PDF cannot be read".
        raise SourceError(f"{path}: not a readable PDF ({_pdf_reason(exc)})") from exc
    if not any(p.text.strip() for p in pages):
        raise SourceError(f"{path}: PDF has no extractable text (scanned images?)")
    return pages


def _extract(data: bytes, path: Path, limits: ReadLimits) -> list[Page]:
    from pypdf import PdfReader, apply_configuration

    started = time.monotonic()
    with apply_configuration(
        zlib_maximum_output_length=limits.pdf_stream_bytes,
        lzw_maximum_output_length=limits.pdf_stream_bytes,
        run_length_maximum_output_length=limits.pdf_stream_bytes,
        brotli_maximum_output_length=limits.pdf_stream_bytes,
        maximum_declared_stream_length=limits.pdf_stream_bytes,
        stream_parsing_work_maximum_count=limits.pdf_operations,
    ):
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")  # an empty user password opens it, or raises
        if len(reader.pages) > limits.pdf_pages:
            count = len(reader.pages)
            raise SourceError(f"{path}: {count} pages, over the limit of {limits.pdf_pages}")
        pages: list[Page] = []
        chars = 0
        for number, page in enumerate(reader.pages, 1):
            text = page.extract_text() or ""
            chars += len(text)
            pages.append(Page(number, text))
            if chars > limits.pdf_text_chars:
                raise SourceError(f"{path}: more than {_size(limits.pdf_text_chars)} of text")
            if time.monotonic() - started > limits.pdf_seconds:
                raise SourceError(
                    f"{path}: text extraction took over {limits.pdf_seconds:.0f} s (page {number})"
                )
    return pages


def _pdf_reason(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "DependencyError" and "AES" in str(exc):
        return "encrypted with AES, which needs the `cryptography` package"
    if name == "FileNotDecryptedError":
        return "encrypted with a password"
    message = " ".join(str(exc).split())[:200]
    return f"{name}: {message}" if message else name
