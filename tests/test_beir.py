"""kb.evaluation.beir: the BEIR export loads back (ours and ranx's readers), TREC runs
round-trip, and bad query, qrels and run files are refused with the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.model import Chunk
from kb.build import ingest
from kb.errors import QuestionFileError
from kb.evaluation.beir import export_beir, read_qrels, read_queries, read_run, write_trec_run
from kb.evaluation.metrics import Query, Ranking, judge, mean_scores
from kb.evaluation.questions import load_questions
from kb.settings import Settings
from tests.support.ingest_fixtures import REPORT, ROOT

GOLD = ROOT / "eval" / "gold" / "questions.jsonl"


@pytest.fixture(scope="module")
def chunks() -> list[Chunk]:
    return ingest(Settings(corpus_dir=ROOT / "corpus")).chunks


def test_beir_export_loads_back(chunks: list[Chunk], tmp_path: Path) -> None:
    questions = load_questions(GOLD)
    judgments = judge(questions, chunks, {"techniekpact-2017": REPORT.read_text("utf-8")})
    export_beir(tmp_path, chunks, questions, judgments.exportable())

    corpus = [json.loads(line) for line in (tmp_path / "corpus.jsonl").open(encoding="utf-8")]
    assert [row["_id"] for row in corpus] == [c.id for c in chunks]
    assert all(set(row) == {"_id", "title", "text", "metadata"} for row in corpus)

    queries = read_queries(tmp_path / "queries.jsonl")
    assert len(queries) == len(questions) == 322
    qrels = read_qrels(tmp_path / "qrels" / "test.tsv", queries, {c.id for c in chunks})
    assert qrels == judgments.qrels  # no evidence is unreachable at the default chunk size
    assert len(qrels) == 283  # the answerable questions

    lines = (tmp_path / "qrels" / "test.tsv").read_text("utf-8").splitlines()
    assert lines[0] == "query-id\tcorpus-id\tscore"


def test_trec_run_round_trips_and_ranx_reads_it(tmp_path: Path) -> None:
    from ranx import Qrels, Run, evaluate

    ranking = Ranking("bm25", {"q1": ("x", "a", "b"), "q2": ("c",)}, {})
    path = tmp_path / "bm25.trec"
    write_trec_run(path, ranking)
    assert path.read_text("utf-8").splitlines()[0] == "q1 Q0 x 1 3 bm25"
    again = read_run(path, {"q1", "q2"}, {"a", "b", "c", "x"})
    assert again.results == ranking.results and again.name == "bm25"

    qrels = {"q1": {"a": 1}, "q2": {"c": 1}}
    # MRR: q1 finds a at rank 2 (1/2), q2 finds c at rank 1 (1): (0.5 + 1) / 2 = 0.75.
    assert mean_scores(qrels, again, ["mrr@10"]) == {"mrr@10": 0.75}
    outside = Run.from_file(str(path), kind="trec")
    assert evaluate(Qrels(qrels), outside, "mrr@10") == pytest.approx(0.75)


def test_trec_queries_and_qrels(tmp_path: Path) -> None:
    (tmp_path / "q.tsv").write_text("q1\tWie?\n\nq2\tWaar?\n", "utf-8")
    queries = read_queries(tmp_path / "q.tsv")
    assert queries == [Query("q1", "Wie?"), Query("q2", "Waar?")]
    (tmp_path / "qrels.txt").write_text("q1 0 a 1\nq1 0 b 0\nq2 0 b 2\n", "utf-8")
    # Relevance 0 is a judgment of not relevant: left out.
    assert read_qrels(tmp_path / "qrels.txt", queries, {"a", "b"}) == {
        "q1": {"a": 1},
        "q2": {"b": 2},
    }


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("q.jsonl", '{"_id": "q1", "text": "Wie?"}\n{"_id": "q2"\n', "q.jsonl:2: not a BEIR"),
        ("q.jsonl", '{"_id": "q1", "text": "Wie?", "extra": 1}\n', "q.jsonl:1: not a BEIR"),
        ("q.tsv", "q1\tWie?\nq2 Waar?\n", "q.tsv:2: expected `query id<TAB>question text`"),
        ("q.tsv", "q1\tWie?\nq1\tWaar?\n", "q.tsv:2: query id 'q1' appears twice"),
        ("q.tsv", "\n\n", "q.tsv: no queries"),
    ],
)
def test_bad_queries_name_the_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / name).write_text(text, "utf-8")
    with pytest.raises(QuestionFileError, match=message.replace("?", r"\?")) as error:
        read_queries(tmp_path / name)
    assert str(tmp_path) in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("query-id\tcorpus-id\tscore\nq1\ta\n", "qrels:2: expected query-id<TAB>corpus-id"),
        ("q1 0 a 1\nq1 0 zz 1\n", "qrels:2: corpus id 'zz' is not a chunk"),
        ("q1 0 a 1\nq7 0 a 1\n", "qrels:2: query id 'q7' is not in the queries file"),
        ("q1 0 a yes\n", "qrels:1: relevance 'yes' is not a whole number"),
        ("q1 0 a 1\nq1 0 a 1\n", "qrels:2: 'q1' / 'a' is judged twice"),
        ("q1 0 a 0\n", "qrels: no relevant judgments"),
    ],
)
def test_bad_qrels_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "qrels").write_text(text, "utf-8")
    with pytest.raises(QuestionFileError, match=message):
        read_qrels(tmp_path / "qrels", [Query("q1", "Wie?")], {"a"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("q1 Q0 a 1 1.0\n", "run:1: expected `qid Q0 docid rank score tag`, found 5"),
        ("q1 Q0 a one 1.0 t\n", "run:1: rank and score must be numbers"),
        ("q1 Q0 a 1 1.0 t\nq5 Q0 a 1 1.0 t\n", "run:2: query id 'q5' is not a question"),
        ("q1 Q0 b 1 1.0 t\n", "run:1: corpus id 'b' is not a chunk"),
        ("q1 Q0 a 1 1.0 t\nq1 Q0 a 2 0.5 t\n", "run:2: 'q1' / 'a' appears twice"),
    ],
)
def test_bad_runs_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "run").write_text(text, "utf-8")
    with pytest.raises(QuestionFileError, match=message):
        read_run(tmp_path / "run", {"q1"}, {"a"})


def test_run_is_ordered_by_score(tmp_path: Path) -> None:
    (tmp_path / "run").write_text("q1 Q0 a 1 0.2 t\nq1 Q0 b 2 0.9 t\n", "utf-8")
    assert read_run(tmp_path / "run", {"q1"}, {"a", "b"}).results == {"q1": ("b", "a")}
