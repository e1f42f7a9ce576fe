"""Helpers for the app tests: the environment that points the app at a build, and a tiny
corpus whose passages hold HTML and Markdown, to show that the app prints them as text."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

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


_JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_OWN_TAGS = {"script", "button", "span"}
"""The elements app/browser.py writes: its scripts, the copy button and its status line."""


def html_problems(at: AppTest) -> list[str]:
    """What in the page's raw HTML elements could be markup from outside the app.

    The app's own elements (app/browser.py) carry report text only inside JavaScript string
    literals, with `<` escaped; outside those literals only its own tags may appear.
    """
    problems = []
    for element in at.html:
        body = str(element.proto.body)
        literals = _JS_STRING.findall(body)
        problems += [f"'<' in a string literal: {s[:60]}" for s in literals if "<" in s]
        tags = set(re.findall(r"</?([a-zA-Z][\w-]*)", _JS_STRING.sub('""', body)))
        if tags - _OWN_TAGS:
            problems.append(f"foreign tags {sorted(tags - _OWN_TAGS)} in {body[:80]}")
    problems += ["Markdown with HTML allowed" for m in at.markdown if m.proto.allow_html]
    return problems
