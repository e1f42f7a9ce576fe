"""kb.evaluation.metrics and `kb eval`: ranx metrics on a hand-worked example, span judgments that
survive re-chunking, paired tests, and the command's contract."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from ingest.model import Chunk, FootnoteRef
from kb.build import build_index, ingest
from kb.cli import main
from kb.embed import FakeEmbedder
from kb.evaluation.benchmark import QueryMemo
from kb.evaluation.metrics import (
    UNREACHABLE,
    Query,
    Ranking,
    judge,
    latency_ms,
    mean_scores,
    per_query,
    rank,
    slice_scores,
)
from kb.evaluation.questions import EvalQuestion
from kb.evaluation.significance import paired_tests, randomization_p_value
from kb.settings import Settings
from kb.store import load_index
from tests.support.ingest_fixtures import REPORT, ROOT
from tests.support.search_fixtures import make_chunk

CROSS_OVER = "zijn er momenteel acht cross-over kwalificaties goedgekeurd, waarvan er vier raken"


def question(qid: str, evidence: list[str], **fields: object) -> EvalQuestion:
    values: dict[str, object] = {
        "id": qid,
        "question": "Hoeveel?",
        "answerable": bool(evidence),
        "evidence": evidence,
        "fact": evidence[0] if evidence else None,
        "value": None,
        "qtype": "hoeveel",
        "goal": 9,
        "section": "bereikt",
        "wording": "paraphrase",
        "near_miss": False,
    }
    values.update(fields)
    return EvalQuestion.model_validate(values)


def test_metrics_match_a_hand_worked_example() -> None:
    qrels = {"q1": {"a": 1, "b": 1}, "q2": {"c": 1}}
    ranking = Ranking("r", {"q1": ("x", "a", "y", "b"), "q2": ("c", "z")}, {})
    scores = mean_scores(qrels, ranking)
    # q1: relevant a (rank 2) and b (rank 4). recall@1 = 0/2 = 0, recall@5 = 2/2 = 1,
    #     MRR = 1/2. DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161;
    #     ideal DCG = 1/log2(2) + 1/log2(3) = 1.63093; nDCG = 1.06161 / 1.63093 = 0.65092.
    # q2: relevant c at rank 1: recall@1 = 1, recall@5 = 1, MRR = 1, nDCG = 1.
    # Means: recall@1 = 0.5, recall@5 = recall@10 = 1, MRR@10 = 0.75,
    #        nDCG@10 = (0.65092 + 1) / 2 = 0.82546.
    assert scores["recall@1"] == pytest.approx(0.5)
    assert scores["recall@5"] == pytest.approx(1.0)
    assert scores["recall@10"] == pytest.approx(1.0)
    assert scores["mrr@10"] == pytest.approx(0.75)
    assert scores["ndcg@10"] == pytest.approx(0.82546, abs=1e-5)


def test_cut_offs_and_missing_questions_count_as_misses() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}}
    # q1: a at rank 11 is past every cut-off: all metrics 0. q2 is missing from the run: 0.
    ranking = Ranking("r", {"q1": (*(f"x{i}" for i in range(10)), "a")}, {})
    assert mean_scores(qrels, ranking) == {
        "recall@1": 0.0,
        "recall@5": 0.0,
        "recall@10": 0.0,
        "mrr@10": 0.0,
        "ndcg@10": 0.0,
    }


def test_slices_average_per_question_scores() -> None:
    scores = {"mrr@10": {"q1": 1.0, "q2": 0.5, "q3": 0.0}}
    groups = {"q1": "report", "q2": "paraphrase", "q3": "paraphrase"}
    # paraphrase: (0.5 + 0.0) / 2 = 0.25 over 2 questions; report: 1.0 over 1.
    assert slice_scores(scores, groups) == {
        "paraphrase": {"mrr@10": 0.25, "questions": 2.0},
        "report": {"mrr@10": 1.0, "questions": 1.0},
    }


def test_judgments_follow_spans_and_footnotes() -> None:
    source = "aaaa bbbb cccc dddd eeee ffff"
    chunks = [
        make_chunk(1, "aaaa bbbb", start=0, end=9),
        make_chunk(2, "cccc dddd", start=10, end=19),
        make_chunk(
            3,
            "eeee ffff",
            start=20,
            end=29,
            footnotes=[FootnoteRef(number=1, text="x", start=0, end=4, at=None)],
        ),
    ]
    questions = [
        question("q1", ["bbbb"]),  # in chunk 1 only
        question("q2", ["aaaa"]),  # in chunk 1, and in the footnote that chunk 3 cites
        question("q3", ["dddd eeee"]),  # across the boundary of chunks 2 and 3
        question("q4", []),  # unanswerable: no judgments
    ]
    judgments = judge(questions, chunks, {"doc": source})
    assert judgments.qrels["q1"] == {"doc/001#1": 1}
    assert judgments.qrels["q2"] == {"doc/001#1": 1, "doc/003#1": 1}
    assert judgments.unreachable == {"q3": 1}
    assert list(judgments.qrels["q3"]) == [f"{UNREACHABLE}q3:1"]
    assert "q4" not in judgments.qrels
    assert judgments.exportable()["q3"] == {}
    # An unreachable evidence span is a miss even for a run holding every chunk.
    everything = Ranking("all", {"q3": ("doc/001#1", "doc/002#1", "doc/003#1")}, {})
    assert mean_scores({"q3": judgments.qrels["q3"]}, everything)["recall@10"] == 0.0


@pytest.fixture(scope="module")
def two_chunkings() -> dict[int, list[Chunk]]:
    return {
        size: ingest(Settings(corpus_dir=ROOT / "corpus", chunk_size=size)).chunks
        for size in (900, 400)
    }


def test_rechunked_index_is_judged_by_the_same_spans(
    two_chunkings: dict[int, list[Chunk]], tmp_path: Path
) -> None:
    source = {"techniekpact-2017": REPORT.read_text(encoding="utf-8")}
    cross_over = question("q1", [CROSS_OVER], question="Hoeveel cross-over kwalificaties?")
    found: dict[int, str] = {}
    for size, chunks in two_chunkings.items():
        judgments = judge([cross_over], chunks, source)
        assert judgments.unreachable == {}
        (relevant,) = judgments.qrels["q1"]
        chunk = next(c for c in chunks if c.id == relevant)
        assert "waarvan er vier raken aan de techniek" in chunk.text
        found[size] = relevant

        settings = Settings(
            corpus_dir=ROOT / "corpus",
            build_dir=tmp_path / f"b{size}",
            cache_dir=tmp_path / "cache",
            embedder="fake:64",
            chunk_size=size,
        )
        embedder = FakeEmbedder(64)
        build_index(chunks, settings, embedder)
        index = load_index(settings, embedder)
        query = Query("q1", "cross-over kwalificaties acht vier techniek")
        ranking = rank(index, [query], retriever="bm25")
        assert ranking.results["q1"][0] == relevant
        assert mean_scores(judgments.qrels, ranking)["mrr@10"] == 1.0
    # The smaller chunks split the unit, so the same span is judged on another chunk.
    assert len(two_chunkings[400]) > len(two_chunkings[900])


def test_paired_test_of_a_ranking_against_itself_finds_nothing() -> None:
    scores = {m: {"q1": 1.0, "q2": 0.5} for m in ("mrr@10", "recall@5", "ndcg@10")}
    (mrr, *_) = paired_tests("retriever", ("a", scores), ("b", scores), "fisher")
    assert (mrr.p_value, mrr.significant, mrr.ties) == (1.0, False, 2)


def test_paired_test_sees_a_consistent_improvement() -> None:
    better = {m: {f"q{i}": 1.0 for i in range(40)} for m in ("mrr@10", "recall@5", "ndcg@10")}
    worse = {m: {f"q{i}": 0.5 for i in range(40)} for m in ("mrr@10", "recall@5", "ndcg@10")}
    (mrr, *_) = paired_tests("retriever", ("a", better), ("b", worse), "fisher")
    # Every one of 2^40 sign flips but the identity lowers the difference: p ≈ 0.
    assert mrr.significant and mrr.wins == 40 and mrr.p_value < 0.001


def test_latency_percentiles() -> None:
    ranking = Ranking("r", {}, {f"q{i}": i / 1000 for i in range(1, 101)})
    # 1..100 ms: numpy's linear p50 = 50.5, p95 = 95.05.
    assert latency_ms(ranking) == pytest.approx({"p50": 50.5, "p95": 95.05})


def test_query_memo_embeds_each_question_once() -> None:
    inner = FakeEmbedder(8)
    memo = QueryMemo(inner)
    first = memo.embed_queries(["a b", "c"])
    again = memo.embed_queries(["c", "a b"])
    assert (first[0] == again[1]).all() and (first[1] == again[0]).all()
    assert math.isclose(float((first**2).sum()), 2.0, rel_tol=1e-5)


def test_per_query_keys_are_question_ids() -> None:
    qrels = {"b": {"x": 1}, "a": {"y": 1}}
    ranking = Ranking("r", {"a": ("y",), "b": ("z", "x")}, {})
    assert per_query(qrels, ranking, ["mrr@10"]) == {"mrr@10": {"b": 0.5, "a": 1.0}}


def _cli(tmp_path: Path, *extra: str) -> int:
    config = tmp_path / "kb.toml"
    config.write_text(
        f'embedder = "fake:64"\ncache_dir = "{tmp_path / "cache"}"\n', encoding="utf-8"
    )
    return main(["eval", "--config", str(config), "--corpus", str(ROOT / "corpus"), *extra])


def test_cli_bad_qrels_names_the_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\tHoeveel cross-over kwalificaties?\n", encoding="utf-8")
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("q1 0 techniekpact-2017/voorwoord/01#1 1\nq9 0 x 1\n", encoding="utf-8")
    out = tmp_path / "results"
    code = _cli(tmp_path, "--queries", str(queries), "--qrels", str(qrels), "--out", str(out))
    assert code == 2
    assert f"{qrels}:2: query id 'q9' is not in the queries file" in capsys.readouterr().err
    assert not out.exists()


def test_cli_bad_run_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = tmp_path / "other.trec"
    run.write_text("q002 Q0 techniekpact-2017/voorwoord/01#1 1 2.0 other\nq002 Q0 x 2\n", "utf-8")
    assert _cli(tmp_path, "--run", str(run), "--out", str(tmp_path / "r")) == 2
    assert f"{run}:2: expected `qid Q0 docid rank score tag`" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_writes_a_whole_report_with_own_queries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        json.dumps({"_id": "c1", "text": "acht cross-over kwalificaties goedgekeurd"})
        + "\n"
        + json.dumps({"_id": "c2", "text": "Voortgangsrapportage Nationaal Techniekpact"})
        + "\n",
        encoding="utf-8",
    )
    chunks = ingest(Settings(corpus_dir=ROOT / "corpus")).chunks
    cross = next(c.id for c in chunks if CROSS_OVER in c.text.replace("\n", " "))
    qrels = tmp_path / "test.tsv"
    qrels.write_text(
        f"query-id\tcorpus-id\tscore\nc1\t{cross}\t1\nc2\ttechniekpact-2017/voorwoord/01#1\t1\n",
        encoding="utf-8",
    )
    out = tmp_path / "results"
    out.mkdir()
    (out / "stale.txt").write_text("old", encoding="utf-8")
    code = _cli(
        tmp_path, "--queries", str(queries), "--qrels", str(qrels), "--out", str(out), "--quick"
    )
    assert code == 0
    assert "| bm25 |" in capsys.readouterr().out
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["judged"] == 2
    # The three retrievers, and the passages as the answer step lists them (re-ranked by the
    # committed answer model).
    names = {c["name"] for c in report["configs"]}
    assert names == {"bm25", "dense", "hybrid", "hybrid + answers"}
    assert (out / "report.md").is_file() and (out / "retrievers.png").is_file()
    assert not (out / "stale.txt").exists()  # the folder was replaced whole
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".results")] == []


def test_randomization_test_is_the_same_every_run() -> None:
    rng = np.random.default_rng(7)
    a, b = rng.random(283), rng.random(283)
    first = randomization_p_value(a, b)
    assert [randomization_p_value(a, b) for _ in range(3)] == [first] * 3


def test_randomization_p_value_of_two_questions_is_one_half() -> None:
    # Differences (1, 1): of the four sign patterns, (+,+) and (-,-) reach |mean| 1, the
    # mixed two reach 0, so p = 2/4.
    p = randomization_p_value(np.array([1.0, 1.0]), np.array([0.0, 0.0]))
    assert p == pytest.approx(0.5, abs=0.03)


@pytest.mark.slow
def test_an_outside_run_over_every_exported_query_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The BEIR export lists the unanswerable questions too (q003); a run over every exported
    # query was refused ("not a question of the gold set"). They have no relevant passage.
    run = tmp_path / "other.trec"
    run.write_text(
        "q002 Q0 techniekpact-2017/voorwoord/01#1 1 2.0 other\n"
        "q003 Q0 techniekpact-2017/voorwoord/01#1 1 2.0 other\n",
        encoding="utf-8",
    )
    out = tmp_path / "results"
    assert _cli(tmp_path, "--run", str(run), "--quick", "--out", str(out)) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert any(c["name"] == "run: other" for c in report["configs"])
    assert any(
        "1 unanswerable" in note and "no passage is relevant" in note for note in report["notes"]
    )


def test_cli_list_scores_go_to_the_folder_named_by_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `--out` names the report folder of `--claims`/`--lists` too; it used to write a folder
    # "checks" beside it, replacing whatever stood there.
    config = tmp_path / "kb.toml"
    config.write_text(
        f'embedder = "fake:64"\ncache_dir = "{tmp_path / "cache"}"\n'
        f'build_dir = "{tmp_path / "build"}"\n',
        encoding="utf-8",
    )
    common = ["--config", str(config), "--corpus", str(ROOT / "corpus")]
    assert main(["build", *common]) == 0
    lists = tmp_path / "lists.jsonl"
    lists.write_text(
        json.dumps(
            {
                "id": "l001",
                "question": "Welke voorbeelden zijn er in Limburg?",
                "kind": "examples_region",
                "goal": None,
                # The four examples the report places in Limburg (doel 1, 5, 11 and 12).
                "items": [
                    "doel-01/voorbeeld/1",
                    "doel-05/voorbeeld/2",
                    "doel-11/voorbeeld/2",
                    "doel-12/voorbeeld/3",
                ],
                "origin": "written",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    beside = tmp_path / "checks"
    beside.mkdir()
    (beside / "mine.txt").write_text("keep", encoding="utf-8")
    out = tmp_path / "lists-report"
    assert main(["eval", *common, "--lists", str(lists), "--out", str(out)]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["lists"]["all"]["f1"] == 1.0
    assert (beside / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert f"report: {out / 'report.md'}" in capsys.readouterr().out
