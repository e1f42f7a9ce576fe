"""The reader boundary (ingest/read.py) and the hostile corpus (issue 15, cases 1, 3, 5, 11):
every file that cannot be read is left out with a message naming it, and the rest is built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingest.errors import SourceError
from ingest.pipeline import IngestResult, ingest_corpus
from ingest.read import ReadLimits, pdf_pages, read_source
from tests.support.hostile_corpus import (
    AES_PDF,
    HAS_CRYPTOGRAPHY,
    TEXT_OP,
    Hostile,
    make_hostile_corpus,
    pdf_bytes,
)
from tests.support.ingest_fixtures import ROOT

SMALL = ReadLimits(
    text_bytes=1024 * 1024,
    pdf_bytes=4 * 1024 * 1024,
    pdf_stream_bytes=512 * 1024,
    pdf_operations=20_000,
    pdf_pages=5,
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile"), SMALL)


@pytest.fixture(scope="module")
def ingested(hostile: Hostile) -> IngestResult:
    return ingest_corpus(hostile.folder, chunk_size=400, limits=SMALL)


def test_hostile_corpus_builds_the_rest_and_names_every_file_left_out(
    hostile: Hostile, ingested: IngestResult
) -> None:
    result = ingested
    read = sorted(d.source_file for d in result.documents)
    assert read == sorted(hostile.read)
    assert len(result.skipped) == len(hostile.skipped)
    for name in hostile.skipped:
        assert any(name in w or _source_of(hostile.folder, name) in w for w in result.skipped), name
    text = " ".join(c.text for c in result.chunks)
    assert "hunter2" not in text  # the secret outside the corpus
    assert "VmRSS" not in text  # /proc/self/status


def _source_of(corpus: Path, name: str) -> str:
    """For a manifest: the source file it names."""
    import json

    path = corpus / name
    if name.endswith(".json") and path.is_file() and not path.is_symlink():
        try:
            return str(json.loads(path.read_text())["source_file"])
        except (ValueError, KeyError):
            return name
    return name


def test_text_without_sentence_ends_is_cut_at_the_chunk_size(ingested: IngestResult) -> None:
    # Hard-wrapped lines, and initials whose periods end no sentence ("J. Jansen, K. de
    # Vries, ..."): before the fix one chunk each of 270 and 210 KB, and the initials took
    # minutes (each period looked back to the start of the text).
    for document in ("afgebroken", "initialen"):
        lengths = [len(c.text) for c in ingested.chunks if c.document == document]
        assert len(lengths) > 100 and max(lengths) <= 400, document


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "aes.pdf",
            r"aes\.pdf: not a readable PDF \(encrypted with AES",
            marks=pytest.mark.skipif(HAS_CRYPTOGRAPHY, reason="cryptography decrypts AES here"),
        ),
        ("zip-bomb.pdf", r"zip-bomb\.pdf: not a readable PDF \(LimitReachedError"),
        ("operators.pdf", r"operators\.pdf: not a readable PDF \(LimitReachedError"),
        ("pages.pdf", r"pages\.pdf: 6 pages, over the limit of 5"),
        ("fifo.txt", r"fifo\.txt: not a regular file"),
        ("zero.txt", r"zero\.txt: a link to /dev/zero, outside the corpus folder"),
        ("proc.txt", r"proc\.txt: a link to /proc/.*outside the corpus folder"),
        ("uit.txt", r"uit\.txt: a link to .*geheim\.txt, outside the corpus folder"),
        ("too-big.txt", r"too-big\.txt: 1,048,577 bytes, over the limit of 1,048,576 bytes"),
        ("map.txt", r"map\.txt: a folder"),
    ],
)
def test_each_hostile_file_gets_one_clear_message(
    hostile: Hostile, name: str, message: str
) -> None:
    limit = SMALL.pdf_bytes if name.endswith(".pdf") else SMALL.text_bytes
    with pytest.raises(SourceError, match=message):
        data = read_source(hostile.folder, name, limit)
        pdf_pages(data, hostile.folder / name, SMALL)


@pytest.mark.parametrize("name", ["../geheim.txt", "/etc/hostname", "sub/../../geheim.txt", ""])
def test_names_outside_the_corpus_are_refused(hostile: Hostile, name: str) -> None:
    with pytest.raises(SourceError, match="not a file name inside the corpus folder"):
        read_source(hostile.folder, name, 1024)


def test_the_aes_fixture_is_an_aes_pdf_with_text() -> None:
    data = AES_PDF.read_bytes()
    assert b"/AESV2" in data and b"/Encrypt" in data
    try:
        import cryptography  # noqa: F401
    except ImportError:
        with pytest.raises(SourceError, match="AES"):
            pdf_pages(data, AES_PDF)
    else:  # with cryptography, the empty user password opens it
        assert "87 routes" in pdf_pages(data, AES_PDF)[0].text


def test_a_plain_pdf_is_still_read() -> None:
    pages = pdf_pages(pdf_bytes(TEXT_OP, pages=2), Path("twee.pdf"))
    assert [p.text for p in pages] == ["Techniek in de regio."] * 2


def _kb(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb.cli", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=False,
    )


def test_kb_ingest_skips_with_a_warning_and_strict_refuses(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "goed.txt").write_text("Het pact telt 87 routes.\n", encoding="utf-8")
    (corpus / "aes.pdf").write_bytes(pdf_bytes(b"", compress=False)[:200])
    (corpus / "nul.txt").symlink_to("/dev/zero")
    out = tmp_path / "chunks.jsonl"
    result = _kb("ingest", "--corpus", str(corpus), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "warning: " in result.stderr and "aes.pdf" in result.stderr
    assert "nul.txt: a link to /dev/zero" in result.stderr
    assert "documents:  1" in result.stdout
    strict_out = tmp_path / "strict.jsonl"
    strict = _kb("ingest", "--strict", "--corpus", str(corpus), "--out", str(strict_out))
    assert strict.returncode == 2
    assert "aes.pdf" in strict.stderr and "Traceback" not in strict.stderr
    assert not strict_out.exists()
    build = _kb("build", "--strict", "--corpus", str(corpus), "--build-dir", str(tmp_path / "b"))
    assert build.returncode == 2 and "aes.pdf" in build.stderr
    assert not (tmp_path / "b" / "CURRENT").exists()
