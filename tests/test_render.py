"""JSON at the edge (kb/render.py): strict JSON, whatever the floats (issue 15, case 8)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from ingest.model import Chunk
from kb.answers import answer
from kb.build import build_index
from kb.embed import FakeEmbedder
from kb.render import answer_record, strict_json
from kb.settings import Settings
from kb.store import load_index


def _refuse(constant: str) -> None:
    raise ValueError(f"not strict JSON: {constant}")


def test_strict_json_writes_null_for_nan_and_infinity() -> None:
    text = strict_json({"a": float("nan"), "b": [float("inf"), -float("inf"), 1.5]})
    assert json.loads(text, parse_constant=_refuse) == {"a": None, "b": [None, None, 1.5]}


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_an_answer_with_a_nan_confidence_prints_strict_json(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder, value: float
) -> None:
    build_index(sample_chunks, settings, fake_embedder)
    result = answer(load_index(settings, fake_embedder), "cross-over kwalificaties techniek")
    broken = dataclasses.replace(result, confidence=value)
    record = json.loads(answer_record("q", broken).to_json(), parse_constant=_refuse)
    assert record["answer"]["confidence"] is None
