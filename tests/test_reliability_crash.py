"""Crashes during a build: a full disk or an I/O error at each write, and `kb build` killed with
SIGKILL at random moments. Each leaves the old build serving or the new one, never a mix, and no
temporary files.

`benchmarks/reliability.py kill` runs the kills 30 times with the real model.
"""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path

import pytest

from ingest.model import Chunk
from kb.build import build_index, ingest
from kb.embed import FakeEmbedder
from kb.settings import Settings
from kb.store import current_build, load_index
from tests.support.ingest_fixtures import ROOT
from tests.support.reliability_support import KB, FaultInjector, kill_run, write_fault_run

KILLS_IN_CI = 6


def test_every_write_of_a_build_is_counted(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build_index(sample_chunks[:7], settings, fake_embedder)
    with FaultInjector([settings.build_dir, settings.cache_dir]).installed() as dry:
        build_index(sample_chunks, settings, fake_embedder)
    ops = "\n".join(dry.ops)
    for expected in (
        "write cache/embeddings/",  # the three new passages' vectors
        "replace cache/",
        "write build/builds/.tmp-",
        "/chunks.jsonl",
        "/dense.faiss",
        "/bm25/lexical.json",
        "/manifest.sha256",
        "fsync",
        "rename build/builds/.tmp-",
        "replace build/.CURRENT.",
    ):
        assert expected in ops, expected


def test_disk_full_or_io_error_at_any_write_leaves_the_old_build(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build_index(sample_chunks[:7], settings, fake_embedder)
    # CI: a full disk at every write, an I/O error at every fifth; the benchmark does all.
    report = write_fault_run(
        settings,
        lambda: FakeEmbedder(64),
        sample_chunks,
        codes={errno.ENOSPC: 1, errno.EIO: 5},
        recover_every=10,
    )
    assert report.failures == []
    operations = len(report.operations)
    assert operations >= 30
    assert report.injected == report.refused == operations + len(range(0, operations, 5))
    assert report.recovered == report.refused // 10


def test_the_cli_reports_an_io_error_in_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = subprocess.run(
        [str(KB), "build", "--build-dir", str(blocker / "build")],
        env={"KB_EMBEDDER": "fake", "KB_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("kb build: [Errno 20] Not a directory")


@pytest.fixture(scope="module")
def report_chunks_by_size() -> dict[int, list[Chunk]]:
    """The report's chunks at two chunk sizes, so that an old and a new build differ."""
    return {
        size: ingest(Settings(corpus_dir=ROOT / "corpus", chunk_size=size)).chunks
        for size in (400, 900)
    }


def test_kb_build_killed_at_random_moments_leaves_the_old_or_the_new_build(
    tmp_path: Path, report_chunks_by_size: dict[int, list[Chunk]]
) -> None:
    settings = Settings(
        corpus_dir=ROOT / "corpus",
        build_dir=tmp_path / "build",
        cache_dir=tmp_path / "cache",
        embedder="fake",
    )
    report = kill_run(settings, FakeEmbedder(64), report_chunks_by_size, kills=KILLS_IN_CI)
    assert report.failures == []
    assert report.kills == report.old + report.new == KILLS_IN_CI
    # Leftovers of the killed builds go with the next build that finishes.
    build_index(report_chunks_by_size[900], settings, FakeEmbedder(64), force=True)
    builds = settings.build_dir / "builds"
    assert not [p for p in builds.iterdir() if p.name.startswith(".tmp-")]
    assert not list(settings.build_dir.glob(".CURRENT.*"))
    assert current_build(settings) is not None
    assert len(load_index(settings, FakeEmbedder(64)).chunks) == len(report_chunks_by_size[900])


def test_the_fault_injector_fails_the_chosen_write(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    with (
        FaultInjector([tmp_path], fail_at=1, code=errno.ENOSPC).installed() as injector,
        pytest.raises(OSError, match="No space left on device") as caught,
    ):
        target.write_text("x")
    assert caught.value.errno == errno.ENOSPC
    assert [op.split()[0] for op in injector.ops] == ["open", "write", "close"]
    assert injector.ops[1].endswith("/f.txt")
