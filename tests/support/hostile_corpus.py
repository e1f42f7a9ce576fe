"""The red team's hostile corpus, as a generator: files that must be skipped with a message
naming them (never crash a build, never hang, never index a file outside the corpus), beside
two good documents and two that are slow to clean if ingest is quadratic.

Used small by tests/test_read.py (CI) and at full size by benchmarks/hostile_corpus.py.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path

from ingest.read import ReadLimits

AES_PDF = Path(__file__).parent.parent / "data" / "aes-empty-password.pdf"
"""One page of text, AES-128 with an empty user password (made once with pypdf and
`cryptography`; see tests/data/README.md). Without `cryptography`, pypdf raises
DependencyError on it."""

HAS_CRYPTOGRAPHY = importlib.util.find_spec("cryptography") is not None
"""Whether pypdf can decrypt AES here (the `serve` extra brings `cryptography` along): then
the AES file with an empty password is read, else it is skipped with its message."""

GOOD_TEXT = "Het pact telt dit jaar 87 routes in de techniek.\n"


@dataclass(frozen=True)
class Hostile:
    """A generated corpus: the file names that must be left out, and those that must be read."""

    folder: Path
    skipped: tuple[str, ...]
    read: tuple[str, ...]


def pdf_bytes(content: bytes, pages: int = 1, compress: bool = False, extra: bytes = b"") -> bytes:
    """A minimal PDF whose pages all show `content` (a content stream), with a correct xref."""
    stream = zlib.compress(content, 9) if compress else content
    filters = b"/Filter /FlateDecode " if compress else b""
    kids = b" ".join(f"{5 + i} 0 R".encode() for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< "
        + filters
        + b"/Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream",
    ]
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> " + extra + b">>"
        )
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


TEXT_OP = b"BT /F1 12 Tf 72 720 Td (Techniek in de regio.) Tj ET\n"


def make_hostile_corpus(folder: Path, limits: ReadLimits, scale: int = 1) -> Hostile:
    """Write the hostile corpus into `folder/corpus` (and a secret beside it, outside).

    `limits` are the limits the ingest will use: files are made just over them. `scale`
    multiplies the slow-to-clean documents (1: 195 KB of initials, 275 KB hard-wrapped)."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    secret = folder / "geheim.txt"
    secret.write_text("Het wachtwoord van de beheerder is hunter2.\n", encoding="utf-8")
    skipped: dict[str, bytes | None] = {
        "aes.pdf": AES_PDF.read_bytes(),
        "zip-bomb.pdf": pdf_bytes(b" " * (limits.pdf_stream_bytes + 1024) + TEXT_OP, compress=True),
        "operators.pdf": pdf_bytes(TEXT_OP * (limits.pdf_operations // 5 + 10)),
        "pages.pdf": pdf_bytes(TEXT_OP, pages=limits.pdf_pages + 1),
        "not-a-pdf.pdf": b"Dit is geen PDF maar platte tekst.\n",
        "truncated.pdf": pdf_bytes(TEXT_OP)[:300],
        "no-text.pdf": pdf_bytes(b"0 0 m 100 100 l S\n"),
        "empty.pdf": b"",
        "empty.txt": b"",
        "binary.txt": b"abc\x00def",
        "latin1.txt": "café".encode("latin-1"),
        "too-big.txt": b"a" * (limits.text_bytes + 1),
        "map.txt": None,  # a folder
    }
    for name, data in skipped.items():
        if data is None:
            (corpus / name).mkdir()
        else:
            (corpus / name).write_bytes(data)
    os.mkfifo(corpus / "fifo.txt")
    links = {
        "proc.txt": Path("/proc/self/status"),
        "zero.txt": Path("/dev/zero"),
        "uit.txt": secret,
        "dangling.txt": corpus / "bestaat-niet.txt",
        "loop.txt": corpus / "loop.txt",
    }
    for name, target in links.items():
        (corpus / name).symlink_to(target)
    manifests = {
        "omhoog": "../geheim.txt",
        "absoluut": str(secret),
        "omweg": "sub/../../geheim.txt",
    }
    for doc_id, source in manifests.items():
        _manifest(corpus / f"{doc_id}.json", doc_id, source)
    (corpus / "kapot.json").write_text("{ niet af", encoding="utf-8")
    os.mkfifo(corpus / "fifo.json")
    (corpus / "nul.json").symlink_to("/dev/zero")
    # Good documents, and two that are slow to clean if ingest is quadratic (issue 15, case 5).
    (corpus / "goed.txt").write_text(GOOD_TEXT, encoding="utf-8")
    shutil.copy(corpus / "goed.txt", corpus / "binnen.md")
    initials = "J. Jansen, K. de Vries en A. B. C. Bakker, " * (5_000 * scale)
    (corpus / "initialen.txt").write_text(initials, encoding="utf-8")
    wrapped = "".join(
        f"de leerlingen kiezen vaker voor tech-\nniek en regel {i}\n" for i in range(5_000 * scale)
    )
    (corpus / "afgebroken.txt").write_text(wrapped, encoding="utf-8")
    names = [*skipped, "fifo.txt", *links, *(f"{m}.json" for m in manifests)]
    names += ["kapot.json", "fifo.json", "nul.json"]
    read = ["goed.txt", "binnen.md", "initialen.txt", "afgebroken.txt"]
    if HAS_CRYPTOGRAPHY:
        names.remove("aes.pdf")
        read.append("aes.pdf")
    return Hostile(corpus, tuple(names), tuple(read))


def _manifest(path: Path, doc_id: str, source_file: str) -> None:
    fields = {
        "id": doc_id,
        "title": doc_id,
        "year": 2017,
        "publisher": "x",
        "language": "nl",
        "source_file": source_file,
    }
    path.write_text(json.dumps(fields), encoding="utf-8")
