"""The crafted-URL list (tests/support/crafted_urls.py) through the app's parsers: 0
exceptions, and every parsed value within its bounds (issue 15, the red team's URL method).
benchmarks/crafted_urls.py replays the same list through the pages with AppTest."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from app.permalink import MAX_PASSAGES, from_query, to_query, to_url
from app.present import marked
from app.read import Place, _span, find_place, outline
from ingest.pipeline import ingest_corpus
from tests.support.crafted_urls import crafted_urls
from tests.support.ingest_fixtures import ROOT


@pytest.fixture(scope="module")
def places() -> list[Place]:
    return outline(ingest_corpus(ROOT / "corpus").chunks)


def _last(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[-1] if values else None  # st.query_params.get gives the last value


def test_every_crafted_url_is_read_without_an_exception(places: list[Place]) -> None:
    urls = crafted_urls()
    assert len(urls) >= 51
    for url in urls:
        parts = urlsplit(url)
        params = parse_qs(parts.query, keep_blank_values=True)
        if parts.path == "/vragen":
            link = from_query(params, 1000)
            assert len(link.question) <= 1000
            assert link.top_k is None or 1 <= link.top_k <= MAX_PASSAGES
            assert all(0 <= g < 1000 for g in link.filters.goals)
            to_url("http://localhost:8501/", link)
            assert set(to_query(link)) <= {"q", "doel", "regio", "soort", "document", "n"}
            continue
        chunk_id = _last(params, "plek")
        place = find_place(places, _last(params, "doel"), _last(params, "document"), chunk_id)
        span = _span(_last(params, "zin"))
        if place is not None and span is not None:
            for chunk in (c for s in place.sections for u in s.units for c in u.chunks):
                marked(chunk.text, *span)
