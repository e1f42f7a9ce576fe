"""The HTTP API through FastAPI's TestClient, over the real report built with the fake
embedder: the records are those of `kb ask --json` (kb.render), a run comes back as TREC
that `kb eval --run` reads, a passage's offsets lead back to the source file, and the
guards (API key, CORS, access log) do what the README says."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from kb.answers import answer
from kb.claims.draft import check_claims
from kb.claims.verdict import VERDICTS
from kb.errors import UsageError
from kb.evaluation.beir import read_queries, read_run
from kb.index import Filters
from kb.render import SCHEMA_VERSION, AnswerRecord, HitRecord, answer_record
from kb.serve.app import ServeOptions, check_options, create_app
from kb.serve.holder import holder_for
from kb.verdicts import DraftRecord, draft_record
from tests.support.api_fixtures import Built
from tests.support.ingest_fixtures import ROOT

QUESTION = "Hoeveel cross-over kwalificaties raken aan de techniek?"
QUERIES = ROOT / "eval" / "results" / "beir" / "queries.jsonl"


def test_search_gives_the_hits_of_kb_ask_json(client: TestClient, built: Built) -> None:
    reply = client.post("/v1/search", json={"question": QUESTION, "filters": {"goals": [9]}})
    assert reply.status_code == 200
    record = reply.json()
    assert record["schema_version"] == SCHEMA_VERSION
    assert record["question"] == QUESTION and record["notice"] is None
    assert len(record["hits"]) == 5 and {h["goal"] for h in record["hits"]} == {9}
    assert set(record["hits"][0]) == set(HitRecord.model_fields)
    index = built.holder().current().index
    expected = index.search(QUESTION, Filters(goals=(9,)), 5)
    assert [h["id"] for h in record["hits"]] == [h.chunk.id for h in expected]
    assert reply.headers["X-KB-Build"] == index.build_id


def test_answer_is_the_record_kb_ask_json_prints(client: TestClient, built: Built) -> None:
    reply = client.post("/v1/answer", json={"question": QUESTION, "k": 3})
    assert reply.status_code == 200
    index = built.holder().current().index
    expected = answer_record(QUESTION, answer(index, QUESTION, None, 3))
    assert AnswerRecord.model_validate(reply.json()) == expected


def test_k_bounds_the_hits(client: TestClient) -> None:
    reply = client.post("/v1/search", json={"question": "techniek in Limburg", "k": 2})
    assert [h["rank"] for h in reply.json()["hits"]] == [1, 2]


def test_a_passage_has_its_offsets_and_neighbours(client: TestClient, built: Built) -> None:
    chunks = built.holder().current().index.chunks
    row = next(i for i, c in enumerate(chunks) if c.goal == 9 and c.kind == "bereikt")
    chunk = chunks[row]
    reply = client.get("/v1/passages/" + quote(chunk.id, safe=""))
    assert reply.status_code == 200
    record = reply.json()
    assert record["text"] == chunk.text and record["goal"] == 9
    assert record["previous_id"] == chunks[row - 1].id
    assert record["next_id"] == chunks[row + 1].id
    # The segments lead each run of the passage's text back to the report file.
    source = (ROOT / "corpus" / "techniekpact-voortgangsrapportage-2017.txt").read_text("utf-8")
    for clean, start, length in record["segments"]:
        assert record["text"][clean : clean + length] == source[start : start + length]
    assert record["start"] == record["segments"][0][1]


def test_an_unknown_passage_is_a_404_problem(client: TestClient) -> None:
    reply = client.get("/v1/passages/" + quote("techniekpact-2017/doel-99#1", safe=""))
    assert reply.status_code == 404
    assert reply.headers["content-type"] == "application/problem+json"
    assert "doel-99" in reply.json()["detail"] and reply.json()["title_nl"] == "Niet gevonden"


def test_a_run_over_every_exported_query_is_read_by_kb_eval(
    client: TestClient, built: Built, tmp_path: Path
) -> None:
    reply = client.post(
        "/v1/runs?k=10&tag=ours",
        content=QUERIES.read_bytes(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/plain")
    run = tmp_path / "ours.trec"
    run.write_text(reply.text, encoding="utf-8")
    queries = read_queries(QUERIES)
    chunks = {c.id for c in built.holder().current().index.chunks}
    ranking = read_run(run, {q.id for q in queries}, chunks)
    assert ranking.name == "ours"
    assert set(ranking.results) == {q.id for q in queries}
    assert all(len(docs) == 10 for docs in ranking.results.values())


def test_a_run_keeps_the_search_order(client: TestClient, built: Built) -> None:
    body = '{"_id": "a", "text": "techniek in Limburg"}\n'
    lines = client.post("/v1/runs?k=3", content=body).text.splitlines()
    expected = built.holder().current().index.search("techniek in Limburg", None, 3)
    assert lines == [f"a Q0 {hit.chunk.id} {hit.rank} {4 - hit.rank} vraagbaak" for hit in expected]


def test_health_and_readiness(client: TestClient, built: Built) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready == {"status": "ready", "build_id": built.holder().current().build_id}


def test_not_ready_without_an_index(built: Built, tmp_path: Path) -> None:
    empty = built.settings.model_copy(update={"build_dir": tmp_path / "none"})
    app = create_app(holder_for(empty, built.embedder))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        reply = client.get("/readyz")
        assert reply.status_code == 503
        assert reply.json()["title_nl"] == "Geen index geladen"
        assert "kb build" in reply.json()["detail"]


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/v1/search", "/v1/answer", "/v1/runs", "/healthz", "/readyz"} <= paths
    assert any(p.startswith("/v1/passages/") for p in paths)


def test_the_api_key_is_required_when_set(built: Built) -> None:
    app = create_app(built.holder(), ServeOptions(api_key="s3cret-key"))
    body = {"question": QUESTION}
    with TestClient(app) as client:
        refused = client.post("/v1/search", json=body)
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        assert refused.json()["type"].endswith(":unauthorized")
        wrong = {"Authorization": "Bearer s3cret-kez"}
        assert client.post("/v1/search", json=body, headers=wrong).status_code == 401
        bearer = {"Authorization": "Bearer s3cret-key"}
        assert client.post("/v1/search", json=body, headers=bearer).status_code == 200
        header = {"X-API-Key": "s3cret-key"}
        assert client.post("/v1/search", json=body, headers=header).status_code == 200
        assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::", "example.org"])
def test_a_non_loopback_address_needs_a_key(host: str) -> None:
    with pytest.raises(UsageError, match="KB_API_KEY"):
        check_options(ServeOptions(host=host))
    check_options(ServeOptions(host=host, api_key="k"))


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_needs_no_key(host: str) -> None:
    check_options(ServeOptions(host=host))


def test_cors_is_off_unless_configured(client: TestClient, built: Built) -> None:
    origin = {"Origin": "https://example.org"}
    reply = client.post("/v1/search", json={"question": QUESTION}, headers=origin)
    assert "access-control-allow-origin" not in reply.headers
    app = create_app(built.holder(), ServeOptions(cors_origins=("https://example.org",)))
    with TestClient(app) as allowed:
        reply = allowed.post("/v1/search", json={"question": QUESTION}, headers=origin)
        assert reply.headers["access-control-allow-origin"] == "https://example.org"
        other = {"Origin": "https://elsewhere.example"}
        reply = allowed.post("/v1/search", json={"question": QUESTION}, headers=other)
        assert "access-control-allow-origin" not in reply.headers


@pytest.mark.parametrize("log_questions", [False, True])
def test_the_access_log_holds_questions_only_when_asked(
    built: Built, caplog: pytest.LogCaptureFixture, log_questions: bool
) -> None:
    app = create_app(built.holder(), ServeOptions(log_questions=log_questions))
    with caplog.at_level(logging.INFO, logger="kb.serve.access"), TestClient(app) as client:
        client.post("/v1/search", json={"question": "Waar staat het Servicepunt Techniek?"})
    lines = [r.getMessage() for r in caplog.records if r.name == "kb.serve.access"]
    assert len(lines) == 1 and lines[0].startswith("POST /v1/search 200 ")
    assert ("Servicepunt" in lines[0]) is log_questions


DRAFT = (
    "Via het OnderwijsTraineeship zijn 40 trainees gestart. Dat is goed nieuws. "
    "Minister Bussemaker maakte in Breda bekend dat de Centres of expertise geld krijgen."
)


def test_check_gives_the_record_of_the_library(client: TestClient, built: Built) -> None:
    reply = client.post("/v1/check", json={"text": DRAFT})
    assert reply.status_code == 200
    index = built.holder().current().index
    expected = draft_record(check_claims(index, DRAFT))
    assert DraftRecord.model_validate(reply.json()) == expected
    lines = reply.json()["lines"]
    assert [line["sentence"] for line in lines][1] == "Dat is goed nieuws."
    assert lines[1]["check"] is None and lines[0]["check"]["verdict"] in VERDICTS
    assert reply.json()["markdown"].startswith("| bewering | oordeel |")


def test_check_refuses_a_text_over_its_limit(client: TestClient) -> None:
    reply = client.post("/v1/check", json={"text": "Er zijn 40 trainees. " * 2000})
    assert reply.status_code == 422
    problem = reply.json()
    assert problem["type"].endswith("text-too-long") and "tekens" in problem["detail_nl"]
