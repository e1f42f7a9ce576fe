"""Helpers for the app tests: the environment that points the app at a build, and a tiny
corpus whose passages hold HTML and Markdown, to show that the app prints them as text."""

from __future__ import annotations

from pathlib import Path

from ingest.model import Chunk
from kb.build import build_index
from kb.embed import Embedder
from kb.settings import Settings
from tests.support.ingest_fixtures import ROOT
from tests.support.search_fixtures import make_chunk

APP = ROOT / "app" / "main.py"

SCRIPT = '<script>alert("xss")</script>'
LINK = "[klik hier](javascript:alert(1))"
HOSTILE_TEXT = (
    f"Het bestuur schreef {SCRIPT} in het verslag over de technieklessen. "
    f"De aanmelding voor de technieklessen loopt via {LINK} en **niet** via de school."
)
HOSTILE_QUESTION = "Wat schreef het bestuur in het verslag over de technieklessen?"
FOOTNOTE = "Kamerstuk 31524-311, brief OCW, 20 februari 2017"


def hostile_chunks() -> list[Chunk]:
    """Three passages, one of which holds a script tag, a Markdown link and bold markers."""
    return [
        make_chunk(
            1,
            HOSTILE_TEXT,
            goal=1,
            urls=["www.example.nl"],
            # The marker stands right after the first sentence, which cites it.
            footnotes=[
                {
                    "number": 7,
                    "text": FOOTNOTE,
                    "start": 5000,
                    "end": 5000 + len(FOOTNOTE),
                    "at": HOSTILE_TEXT.index(" De aanmelding"),
                }
            ],
        ),
        make_chunk(
            2, "Acht regionale netwerken verankeren techniek in het basisonderwijs.", goal=1
        ),
        make_chunk(
            3,
            "In Limburg leren kinderen programmeren en coderen.",
            goal=2,
            kind="voorbeeld",
            section="Voorbeelden",
            title="Coderen :red[in] $Limburg$",
            regions=["Limburg"],
            provinces=["Limburg"],
        ),
    ]


def build_hostile(folder: Path, embedder: Embedder) -> Settings:
    """Build the hostile corpus's index in `folder`; returns the settings that point at it."""
    settings = Settings(
        corpus_dir=folder / "corpus",
        build_dir=folder / "build",
        cache_dir=folder / "cache",
        data_dir=folder / "data",
        embedder=embedder.name,
    )
    build_index(hostile_chunks(), settings, embedder)
    return settings


def app_env(settings: Settings, data_dir: Path) -> dict[str, str]:
    """The `KB_*` variables that make the app use this build and this data folder."""
    return {
        "KB_CORPUS_DIR": str(settings.corpus_dir),
        "KB_BUILD_DIR": str(settings.build_dir),
        "KB_CACHE_DIR": str(settings.cache_dir),
        "KB_DATA_DIR": str(data_dir),
        "KB_EMBEDDER": settings.embedder,
    }
