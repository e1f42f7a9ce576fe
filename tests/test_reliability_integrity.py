"""Index integrity: every file of a build, truncated or with a flipped byte, is refused before
FAISS or bm25s read it, with a message naming the file, and the previous build keeps serving.
A chunks file with a row dropped, an id twice or another build's rows is refused.

`benchmarks/reliability.py integrity` runs the same with many more flips per file.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from ingest.model import Chunk
from kb import store as index_module
from kb.build import build_index
from kb.embed import FakeEmbedder
from kb.errors import CorruptIndexError, IndexLoadError, ManifestError
from kb.settings import Settings
from kb.store import current_build, load_index
from tests.support.reliability_support import build_files, integrity_run, reseal

FLIPS_PER_FILE = 6


@pytest.fixture
def two_builds(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> tuple[Path, Path]:
    """A previous build of seven chunks and a current build of all ten."""
    previous = build_index(sample_chunks[:7], settings, fake_embedder)
    current = build_index(sample_chunks, settings, fake_embedder)
    # A flipped byte in CURRENT must not turn one build id into the other.
    assert sum(a != b for a, b in zip(previous.build_id, current.build_id, strict=True)) > 1
    return previous.folder, current.folder


def test_every_damaged_file_is_refused_and_the_previous_build_serves(
    two_builds: tuple[Path, Path], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    report = integrity_run(settings, fake_embedder, flips=FLIPS_PER_FILE)
    assert report.failures == []
    # CURRENT, manifest.json, manifest.sha256, chunks.jsonl, dense.faiss and the bm25 files.
    assert {"CURRENT", "chunks.jsonl", "dense.faiss", "manifest.json", "manifest.sha256"} <= {
        name.rsplit("/", 1)[-1] for name in report.files
    }
    assert any(name.endswith("bm25/lexical.json") for name in report.files)
    assert report.detected == report.injected == report.intact_served
    assert report.injected >= len(report.files) * (FLIPS_PER_FILE + 3)


def test_a_loaded_index_is_unaffected_by_damage_on_disk(
    two_builds: tuple[Path, Path], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    index = load_index(settings, fake_embedder)
    before = [(h.chunk.id, h.score) for h in index.search("cross-over kwalificaties techniek")]
    for path in build_files(settings):
        path.write_bytes(b"")
    after = [(h.chunk.id, h.score) for h in index.search("cross-over kwalificaties techniek")]
    assert after == before and before[0][0] == "doc/005#1"


def test_the_damage_is_reported_with_the_file_and_the_fix(
    two_builds: tuple[Path, Path],
    settings: Settings,
    fake_embedder: FakeEmbedder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    previous, current = two_builds
    (current / "dense.faiss").write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="kb.store"):
        index = load_index(settings, fake_embedder)
    assert index.build_id == previous.name
    (message,) = caplog.messages
    assert f"{current}/dense.faiss has 0 bytes, the manifest says" in message
    assert "run `kb build --force`" in message
    assert f"serving the intact build {previous.name}" in message


def test_without_an_intact_build_the_load_fails_with_the_first_problem(
    two_builds: tuple[Path, Path], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    previous, current = two_builds
    (previous / "chunks.jsonl").write_bytes(b"")
    (current / "bm25" / "lexical.json").write_bytes(b"{}")
    with pytest.raises(CorruptIndexError, match=r"bm25/lexical.json has 2 bytes"):
        load_index(settings, fake_embedder)


def test_a_damaged_build_is_rebuilt_by_kb_build(
    two_builds: tuple[Path, Path],
    sample_chunks: list[Chunk],
    settings: Settings,
    fake_embedder: FakeEmbedder,
) -> None:
    _, current = two_builds
    (current / "manifest.json").write_bytes(b"{")
    info = build_index(sample_chunks, settings, fake_embedder)
    assert not info.skipped
    assert load_index(settings, fake_embedder).build_id == info.build_id


def _rows(folder: Path) -> list[str]:
    return (folder / "chunks.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)


def _fails_alone(folder: Path, settings: Settings, embedder: FakeEmbedder) -> str:
    """The error of loading `folder` itself (without falling back to another build)."""
    with pytest.raises(IndexLoadError) as caught:
        index_module._load_build(folder, settings, embedder)
    return str(caught.value)


def test_a_chunks_file_with_a_row_dropped_is_refused(
    two_builds: tuple[Path, Path], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    _, current = two_builds
    rows = _rows(current)
    (current / "chunks.jsonl").write_text("".join(rows[:3] + rows[4:]), encoding="utf-8")
    assert "does not match its sha256" in _fails_alone(current, settings, fake_embedder) or (
        "bytes, the manifest says" in _fails_alone(current, settings, fake_embedder)
    )
    # Even with the manifest made to agree with the file, the counts do not.
    reseal(current, ["chunks.jsonl"])
    assert "has 9 rows, the manifest says 10" in _fails_alone(current, settings, fake_embedder)
    manifest = json.loads((current / "manifest.json").read_bytes())
    manifest["counts"]["chunks"] = 9
    (current / "manifest.json").write_text(json.dumps(manifest))
    reseal(current, ["chunks.jsonl"])
    assert "dense.faiss holds 10 vectors" in _fails_alone(current, settings, fake_embedder)


def test_a_chunks_file_with_an_id_twice_is_refused(
    two_builds: tuple[Path, Path], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    _, current = two_builds
    rows = _rows(current)
    twin = json.loads(rows[3])
    twin["id"] = json.loads(rows[2])["id"]
    rows[3] = json.dumps(twin, ensure_ascii=False) + "\n"
    (current / "chunks.jsonl").write_text("".join(rows), encoding="utf-8")
    assert "chunks.jsonl" in _fails_alone(current, settings, fake_embedder)
    reseal(current, ["chunks.jsonl"])
    message = _fails_alone(current, settings, fake_embedder)
    assert "holds chunk id 'doc/003#1' more than once" in message


def test_another_builds_chunks_or_manifest_are_refused(
    two_builds: tuple[Path, Path], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    previous, current = two_builds
    pristine = current.parent / "pristine"
    shutil.copytree(current, pristine)

    shutil.copy(previous / "chunks.jsonl", current / "chunks.jsonl")
    assert "chunks.jsonl" in _fails_alone(current, settings, fake_embedder)
    reseal(current, ["chunks.jsonl"])
    assert "has 7 rows, the manifest says 10" in _fails_alone(current, settings, fake_embedder)

    shutil.rmtree(current)
    shutil.copytree(pristine, current)
    for name in ("manifest.json", "manifest.sha256"):
        shutil.copy(previous / name, current / name)
    with pytest.raises(ManifestError, match=f"belongs to build '{previous.name}'"):
        index_module._load_build(current, settings, fake_embedder)

    shutil.rmtree(current)
    shutil.copytree(pristine, current)
    for name in ("dense.faiss", "bm25/lexical.json"):
        shutil.copy(previous / name, current / name)
        assert name in _fails_alone(current, settings, fake_embedder)
    shutil.rmtree(pristine)


def test_current_must_be_exactly_one_build_id_and_a_newline(
    two_builds: tuple[Path, Path], settings: Settings
) -> None:
    _, current = two_builds
    pointer = settings.build_dir / "CURRENT"
    assert current_build(settings) == current
    for damaged in (f"{current.name}", f"{current.name}\n\n", f" {current.name}\n", "\xff\n"):
        pointer.write_bytes(damaged.encode("utf-8", errors="surrogateescape"))
        with pytest.raises(ManifestError, match="is not a build id"):
            current_build(settings)


@pytest.mark.parametrize("damage", ["missing", "folder"])
def test_without_a_current_pointer_the_intact_build_serves(
    two_builds: tuple[Path, Path],
    settings: Settings,
    fake_embedder: FakeEmbedder,
    caplog: pytest.LogCaptureFixture,
    damage: str,
) -> None:
    # Issue 15, case 10: a missing CURRENT (or a folder in its place) made the index unloadable.
    _, current = two_builds
    pointer = settings.build_dir / "CURRENT"
    pointer.unlink()
    if damage == "folder":
        pointer.mkdir()
    with caplog.at_level(logging.WARNING, logger="kb.store"):
        index = load_index(settings, fake_embedder)
    assert index.build_id == current.name
    assert "CURRENT" in caplog.text and f"serving the intact build {current.name}" in caplog.text


@pytest.mark.parametrize("name", ["manifest.json", "manifest.sha256"])
def test_an_unreadable_file_of_the_current_build_falls_back(
    two_builds: tuple[Path, Path],
    settings: Settings,
    fake_embedder: FakeEmbedder,
    caplog: pytest.LogCaptureFixture,
    name: str,
) -> None:
    # A folder in the file's place cannot be read (as root, chmod 000 still reads): OSError.
    previous, current = two_builds
    (current / name).unlink()
    (current / name).mkdir()
    with caplog.at_level(logging.WARNING, logger="kb.store"):
        index = load_index(settings, fake_embedder)
    assert index.build_id == previous.name
    assert f"{current}/{name}" in caplog.text and "cannot be read" in caplog.text


def test_without_any_build_the_load_says_run_kb_build(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    with pytest.raises(IndexLoadError, match="run `kb build` first"):
        load_index(settings, fake_embedder)


def test_kb_build_replaces_a_folder_in_place_of_current(
    two_builds: tuple[Path, Path],
    sample_chunks: list[Chunk],
    settings: Settings,
    fake_embedder: FakeEmbedder,
) -> None:
    pointer = settings.build_dir / "CURRENT"
    pointer.unlink()
    pointer.mkdir()
    info = build_index(sample_chunks, settings, fake_embedder, force=True)
    assert pointer.read_text() == f"{info.build_id}\n"
