"""The index on disk: manifest, checks before loading, atomic switch, skip when unchanged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from ingest.model import Chunk
from kb import build as build_module
from kb import store as index_module
from kb.analyser import analyse
from kb.build import build_index
from kb.embed import FakeEmbedder
from kb.errors import CorruptIndexError, EmbedderMismatchError, IndexNotFoundError, ManifestError
from kb.settings import Settings
from kb.store import Manifest, current_build, load_index
from tests.support.reliability_support import reseal
from tests.support.search_fixtures import make_chunk


def test_build_writes_a_manifest_of_every_file(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    info = build_index(sample_chunks, settings, fake_embedder, corpus_hash="abc")
    assert not info.skipped and info.chunks == 10 and info.embedded == 10
    assert current_build(settings) == info.folder
    manifest = Manifest.model_validate_json((info.folder / "manifest.json").read_bytes())
    assert manifest.embedder.name == "fake:64" and manifest.embedder.dimension == 64
    assert manifest.corpus_hash == "abc"
    assert manifest.counts.chunks == 10 and manifest.counts.documents == 2
    assert manifest.settings == settings.build_settings()
    on_disk = {
        p.relative_to(info.folder).as_posix()
        for p in info.folder.rglob("*")
        if p.is_file() and p.name not in ("manifest.json", "manifest.sha256")
    }
    assert set(manifest.files) == on_disk
    assert {"chunks.jsonl", "dense.faiss", "bm25/lexical.json"} <= on_disk


def test_build_is_skipped_when_nothing_changed(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    first = build_index(sample_chunks, settings, fake_embedder)
    again = build_index(sample_chunks, settings, fake_embedder)
    assert again.skipped and again.build_id == first.build_id
    forced = build_index(sample_chunks, settings, fake_embedder, force=True)
    assert not forced.skipped and forced.build_id != first.build_id
    assert forced.embedded == 0  # every passage came from the cache
    changed = settings.model_copy(update={"chunk_size": 500})
    assert not build_index(sample_chunks, changed, fake_embedder).skipped


def test_build_made_with_another_sentence_embedding_is_rebuilt(
    sample_chunks: list[Chunk],
    settings: Settings,
    fake_embedder: FakeEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = build_index(sample_chunks, settings, fake_embedder)
    manifest = Manifest.model_validate_json((first.folder / "manifest.json").read_bytes())
    assert manifest.sentence_embedding == "alone-1,in-passage-mean-1"
    monkeypatch.setattr(index_module, "SENTENCE_EMBEDDING", "sentence-0")
    assert not build_index(sample_chunks, settings, fake_embedder).skipped


def _two_sentence_chunks(count: int) -> list[Chunk]:
    """`count` passages of two sentences each ("School 1 geeft techniekles. Bedrijf 1 ...")."""
    return [
        make_chunk(n, f"School {n} geeft techniekles. Bedrijf {n} helpt daarbij.")
        for n in range(1, count + 1)
    ]


def test_each_sentence_is_also_embedded_alone(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    # Three passages of two sentences: six sentences, each with a vector after the sentence
    # before it and one alone; a first sentence has nothing before it, so both are the same.
    # Each sentence is embedded once: the vector in its passage is made from those.
    chunks = _two_sentence_chunks(3)
    assert build_index(chunks, settings, fake_embedder).sentences_embedded == 6
    store = load_index(settings, fake_embedder).sentences
    assert store is not None
    assert store.alone.shape == store.vectors.shape == (6, 64)
    assert np.array_equal(store.alone[0], store.vectors[0])
    second = fake_embedder.embed_queries(["Bedrijf 1 helpt daarbij."])[0]
    assert np.allclose(store.alone[1], second)
    assert not np.allclose(store.vectors[1], second)


def test_a_sentences_own_terms_are_those_no_other_sentence_of_its_passage_holds(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    # "school" stands in both sentences of the first passage, "techniekles" only in the first;
    # that the second passage says "techniekles" too does not count: it is another passage.
    chunks = [
        make_chunk(1, "De school geeft techniekles. De school helpt bedrijven."),
        make_chunk(2, "Het bedrijf geeft ook techniekles."),
    ]
    build_index(chunks, settings, fake_embedder)
    store = load_index(settings, fake_embedder).sentences
    assert store is not None and len(store.sentences) == 3
    (school,) = analyse("school")
    (lessons,) = analyse("techniekles")
    (companies,) = analyse("bedrijven")
    assert school in store.term_set(0) and school in store.term_set(1)
    assert school not in store.own_terms(0) and school not in store.own_terms(1)
    assert lessons in store.own_terms(0) and lessons not in store.own_terms(1)
    assert companies in store.own_terms(1)
    assert lessons in store.own_terms(2)


def test_a_build_without_the_sentences_alone_is_refused_and_rebuilt(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    # A build as the previous format wrote it: no sentences-alone.npy, format 3.
    old = build_index(sample_chunks, settings, fake_embedder)
    path = old.folder / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.update(format_version=3, sentence_embedding="previous+sentence-1")
    del manifest["files"]["sentences-alone.npy"]
    (old.folder / "sentences-alone.npy").unlink()
    path.write_text(json.dumps(manifest))
    reseal(old.folder, [])
    with pytest.raises(ManifestError, match="index format 3"):
        load_index(settings, fake_embedder)
    new = build_index(sample_chunks, settings, fake_embedder)
    assert not new.skipped and new.build_id != old.build_id
    store = load_index(settings, fake_embedder).sentences
    assert store is not None and len(store.alone) == len(store.sentences) > 0


def test_rebuild_embeds_only_new_chunks(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build_index(sample_chunks[:7], settings, fake_embedder)
    info = build_index(sample_chunks, settings, fake_embedder)
    assert info.embedded == 3
    assert fake_embedder.calls[-1] == 3


def test_a_build_reports_progress_batch_by_batch(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    # 100 passages of two sentences: several batches of passages and of sentences, so the
    # terminal's and the page's progress bars move while the embeddings are made (issue 13).
    chunks = _two_sentence_chunks(100)
    reports: list[tuple[str, int, int]] = []
    build_index(chunks, settings, fake_embedder, progress=lambda *r: reports.append(r))
    for stage, total in (("embed", 100), ("embed sentences", 200)):
        done = [d for s, d, t in reports if s == stage and t == total]
        assert len(done) >= 3, stage
        assert done == sorted(done) and done[-1] == total, stage


def test_load_refuses_another_embedder(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build_index(sample_chunks, settings, fake_embedder)
    with pytest.raises(
        EmbedderMismatchError, match=r"built with embedder 'fake:64' \(dimension 64\)"
    ):
        load_index(settings, FakeEmbedder(32))


def test_load_refuses_a_changed_file(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    info = build_index(sample_chunks, settings, fake_embedder)
    dense = info.folder / "dense.faiss"
    data = bytearray(dense.read_bytes())
    data[-1] ^= 0xFF  # same size, other content
    dense.write_bytes(bytes(data))
    with pytest.raises(CorruptIndexError, match="sha256"):
        load_index(settings, fake_embedder)
    dense.write_bytes(bytes(data) + b"\0")
    with pytest.raises(CorruptIndexError, match="bytes, the manifest says"):
        load_index(settings, fake_embedder)


def test_load_refuses_a_chunk_count_that_disagrees(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    info = build_index(sample_chunks, settings, fake_embedder)
    path = info.folder / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["counts"]["chunks"] = 11

    def reseal() -> None:
        # A manifest that was edited and given a matching checksum: the counts are still checked.
        data = json.dumps(manifest).encode()
        path.write_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        (info.folder / "manifest.sha256").write_text(f"{sha}  manifest.json\n")

    path.write_text(json.dumps(manifest))
    with pytest.raises(CorruptIndexError, match="does not match"):
        load_index(settings, fake_embedder)
    reseal()
    with pytest.raises(CorruptIndexError, match="has 10 rows, the manifest says 11"):
        load_index(settings, fake_embedder)
    manifest["unexpected"] = 1
    reseal()
    with pytest.raises(ManifestError, match="not a valid manifest"):
        load_index(settings, fake_embedder)


def test_load_without_a_build(settings: Settings, fake_embedder: FakeEmbedder) -> None:
    with pytest.raises(IndexNotFoundError, match="run `kb build` first"):
        load_index(settings, fake_embedder)


def test_interrupted_build_leaves_the_previous_index_serving(
    sample_chunks: list[Chunk],
    settings: Settings,
    fake_embedder: FakeEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = build_index(sample_chunks[:5], settings, fake_embedder)

    def die(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "_switch", die)
    with pytest.raises(KeyboardInterrupt):
        build_index(sample_chunks, settings, fake_embedder)
    assert current_build(settings) == old.folder
    builds = sorted(p.name for p in (settings.build_dir / "builds").iterdir())
    assert builds == [old.build_id]  # the half-made build is gone
    index = load_index(settings, fake_embedder)
    assert index.build_id == old.build_id and len(index.chunks) == 5
    assert index.search("cross-over kwalificaties")[0].chunk.goal == 9


def test_switch_keeps_one_previous_build(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    ids = [
        build_index(sample_chunks, settings, fake_embedder, force=True).build_id for _ in range(3)
    ]
    builds = sorted(p.name for p in (settings.build_dir / "builds").iterdir())
    assert builds == sorted(ids[1:])


@pytest.mark.parametrize("index_type", ["flat", "ivf", "hnsw"])
def test_every_index_type_finds_the_nearest_passage(
    index_type: str, sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    settings = settings.model_copy(update={"index_type": index_type, "retriever": "dense"})
    build_index(sample_chunks, settings, fake_embedder)
    index = load_index(settings, fake_embedder)
    chunk = sample_chunks[4]
    hits = index.search(chunk.context + "\n" + chunk.text, top_k=3)
    assert hits[0].chunk.id == chunk.id
    assert hits[0].dense_score == pytest.approx(1.0, abs=1e-5)


def test_no_file_of_a_build_is_a_pickle(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    info = build_index(sample_chunks, settings, fake_embedder)
    for path in info.folder.rglob("*"):
        if path.suffix == ".npy":
            np.load(path, allow_pickle=False)
        elif path.is_file():
            assert not path.read_bytes().startswith(b"\x80"), path  # pickle protocol 2+


def test_build_refuses_no_chunks(settings: Settings, fake_embedder: FakeEmbedder) -> None:
    with pytest.raises(ValueError, match="no chunks"):
        build_index([], settings, fake_embedder)


def test_current_pointer_is_checked(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build_index(sample_chunks, settings, fake_embedder)
    (settings.build_dir / "CURRENT").write_text("../../etc\n")
    with pytest.raises(ManifestError, match="is not a build id"):
        current_build(settings)


def test_folder_layout(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    info = build_index(sample_chunks, settings, fake_embedder)
    assert info.folder == Path(settings.build_dir) / "builds" / info.build_id
    assert (settings.build_dir / "CURRENT").read_text().strip() == info.build_id
