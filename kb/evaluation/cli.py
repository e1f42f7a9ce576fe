"""`kb devset` and `kb eval`: retrieval and answers measured from the command line.

Both score retrieval through the same ranx code (kb.evaluation.metrics) and answers through the
same scorer (kb.evaluation.answers); `kb eval` adds chunk sizes, fusion variants, paired tests,
slices and a report folder. The commands are assembled into `kb` by kb.cli.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from kb.answers.model import MODEL_FILE
from kb.build import ingest
from kb.claims.model import MODEL_FILE as CLAIM_MODEL
from kb.embed import make_embedder
from kb.errors import QuestionFileError
from kb.evaluation import claims as checks
from kb.evaluation import devset as scoring
from kb.evaluation.answers import answer_all, answer_table, count
from kb.evaluation.beir import read_qrels, read_queries, read_run
from kb.evaluation.benchmark import CHUNK_SIZES, FUSIONS, Plan, run_benchmark
from kb.evaluation.fit_report import write_report
from kb.evaluation.fitting import run_fit, write_model
from kb.evaluation.question_sets import BANK, RECALLED, REMEMBERED, joinable, remembered
from kb.evaluation.questions import load_questions, read_sources, refuse_gold
from kb.evaluation.report import headline_table, publish, verdict, write_results
from kb.options import make_settings, open_index, progress_bar, settings_options
from kb.settings import Settings

GOLD = Path("eval/gold/questions.jsonl")
FIT_REPORT = Path("eval/fit")
CLAIMS = Path("eval/claims")
CLAIM_FIT_REPORT = Path("eval/fit-claims")
DEV = Path("eval/dev.jsonl")


@click.command()
@settings_options
@click.option(
    "--file",
    "questions_file",
    type=click.Path(path_type=Path),
    default=DEV,
    show_default=True,
    help="question file, or a folder of them (eval/bank)",
)
@click.option("--misses", is_flag=True, help="list the questions whose passage is not first")
@click.option("--answers", is_flag=True, help="score the answers (fact, value, abstention)")
def devset(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    questions_file: Path,
    misses: bool,
    answers: bool,
) -> None:
    """Score retrieval (or, with --answers, the answers) on a question file.

    \b
    Examples:
        kb devset
        kb devset --misses
        kb devset --answers --file eval/bank
    """
    settings = make_settings(config, corpus, build_dir)
    questions = load_questions(questions_file)
    index = open_index(settings)
    if answers:
        outcomes, _ = answer_all(index, questions)
        click.echo(answer_table(count(outcomes)))
        known = remembered(questions)
        if known:
            click.echo(
                f"note: {known} of these {len(questions)} questions are in the answer model's "
                "memory (eval/bank, eval/memory, or joined by kb remember): in-sample",
                err=True,
            )
        return
    scores = scoring.retrieval_scores(index, questions, read_sources(settings.corpus_dir))
    click.echo(scoring.table(scores))
    if misses:
        hybrid = next(s for s in scores if s.retriever == "hybrid")
        for question, rank in scoring.misses(hybrid, questions):
            click.echo(f"{question.id} rank {rank or '>10'}: {question.question}")


def _sizes(context: click.Context, parameter: click.Parameter, value: str | None) -> object:
    if value is None:
        return None
    try:
        sizes = tuple(int(v) for v in value.split(",") if v.strip())
    except ValueError as exc:
        raise click.BadParameter(f"expected sizes like 400,600,1500, not {value!r}") from exc
    if any(not 200 <= s <= 8000 for s in sizes):
        raise click.BadParameter("chunk sizes must lie between 200 and 8000")
    return sizes


@click.command("eval")
@settings_options
@click.option("--questions", type=click.Path(path_type=Path), default=GOLD, show_default=True)
@click.option("--queries", type=click.Path(path_type=Path), help="own queries (BEIR or TREC)")
@click.option("--qrels", type=click.Path(path_type=Path), help="own judgments (BEIR or TREC)")
@click.option(
    "--run",
    "outside_run",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="an outside TREC run to score on the gold set",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="report folder, replaced as a whole [default: eval/results; with --claims or --lists: "
    "eval/checks]",
)
@click.option(
    "--chunk-sizes",
    callback=_sizes,
    help="other chunk sizes to compare (default 400,600,1500; '' for none)",
)
@click.option(
    "--test",
    type=click.Choice(["fisher", "student"]),
    default="fisher",
    help="paired test: Fisher's randomization (default) or Student's t",
)
@click.option("--quick", is_flag=True, help="only BM25, dense and hybrid")
@click.option(
    "--claims",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="score claim checking on a claims folder (eval/claims); writes eval/checks/ or --out",
)
@click.option(
    "--lists",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="score list questions (eval/lists/lists.jsonl); writes eval/checks/ or --out",
)
@click.option(
    "--conversations",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="score follow-ups on a conversation set instead (e.g. eval/conversations.jsonl)",
)
def eval_command(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    questions: Path,
    queries: Path | None,
    qrels: Path | None,
    outside_run: Path | None,
    out: Path | None,
    chunk_sizes: tuple[int, ...] | None,
    test: str,
    quick: bool,
    claims: Path | None,
    lists: Path | None,
    conversations: Path | None,
) -> None:
    """Benchmark retrieval and answers; write a report folder (Markdown, JSON, BEIR, TREC).

    \b
    Examples:
        kb eval                                   # the gold set; report in eval/results/
        kb eval --queries Q.jsonl --qrels T.tsv   # an evaluator's own set (BEIR or TREC)
        kb eval --run other.trec                  # score an outside run on the gold set
        kb eval --claims eval/claims --lists eval/lists/lists.jsonl   # claims and lists
        kb eval --claims eval/claims-fresh12 --out /tmp/fresh12   # another set, elsewhere
        kb eval --conversations eval/conversations.jsonl   # follow-ups, on the built index
    """
    if conversations is not None:
        _eval_conversations(make_settings(config, corpus, build_dir), conversations)
        return
    if claims is not None or lists is not None:
        # A folder of their own: `kb eval` replaces the benchmark's (eval/results) as a whole.
        checks_out = out or Path("eval/checks")
        _eval_checks(make_settings(config, corpus, build_dir), claims, lists, checks_out)
        return
    out = out or Path("eval/results")
    if (queries is None) != (qrels is None):
        raise QuestionFileError("give --queries and --qrels together")
    settings = make_settings(config, corpus, build_dir)
    plan = _plan(settings, questions, queries, qrels, outside_run, chunk_sizes, test, quick)
    bar, progress = progress_bar("load the model", counts=True)
    with bar:
        outcome = run_benchmark(plan, make_embedder(settings), progress)
        progress("write the report", 0, 0)
        publish(out, lambda folder: write_results(folder, outcome, plan.questions))
    click.echo(headline_table(outcome.report))
    click.echo()
    click.echo(verdict(outcome.report))
    click.echo(f"\nreport: {out / 'report.md'}")


def _eval_checks(settings: Settings, claims: Path | None, lists: Path | None, out: Path) -> None:
    """Claim verdicts and list answers, per half of the goal split, to `out`."""
    claim_cases = checks.load_claims(claims) if claims else []
    list_cases = checks.load_lists(lists) if lists else []
    index = open_index(settings)
    halves: tuple[checks.Half, ...] = ("tune", "held_out", "all")
    claim_scores = {
        h: checks.score_claims(
            index, [c for c in claim_cases if h in ("all", checks.half_of(c.goal, c.id))]
        )
        for h in halves
        if claim_cases
    }
    list_scores = {
        h: checks.score_lists(
            index, [c for c in list_cases if h in ("all", checks.half_of(c.goal, c.id))]
        )
        for h in halves
        if list_cases
    }
    text = checks.markdown(claim_scores, list_scores)

    def write(folder: Path) -> None:
        (folder / "report.md").write_text(text, encoding="utf-8")
        data = {"claims": claim_scores, "lists": list_scores}
        (folder / "report.json").write_text(
            json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    publish(out, write)
    click.echo(text)
    click.echo(f"report: {out / 'report.md'}")


def _eval_conversations(settings: Settings, path: Path) -> None:
    from kb.evaluation.conversations import load_conversations, run_conversation, summary

    chats = load_conversations(path)
    index = open_index(settings)
    bar, progress = progress_bar("conversations", counts=True)
    results = []
    with bar:
        for number, chat in enumerate(chats, start=1):
            results += run_conversation(index, chat)
            progress("conversations", number, len(chats))
    turns = sum(len(c.turns) for c in chats)
    click.echo(f"{len(chats)} conversations, {turns} turns ({path})\n")
    click.echo(summary(results))


def _plan(
    settings: Settings,
    questions: Path,
    queries: Path | None,
    qrels: Path | None,
    outside_run: Path | None,
    chunk_sizes: tuple[int, ...] | None,
    test: str,
    quick: bool,
) -> Plan:
    gold = load_questions(questions) if queries is None else []
    chunk_ids = {c.id for c in ingest(settings).chunks}
    own = read_queries(queries) if queries else []
    judged = read_qrels(qrels, own, chunk_ids) if qrels else {}
    outside = None
    if outside_run is not None:
        # Every exported query, unanswerable ones included (they have no relevant passage).
        gold_ids = {q.id for q in gold} or {q.id for q in own}
        outside = read_run(outside_run, gold_ids, chunk_ids)
    return Plan(
        settings=settings,
        question_set=str(queries or questions),
        questions=gold,
        queries=own,
        qrels=judged,
        outside_run=outside,
        chunk_sizes=() if quick else (CHUNK_SIZES if chunk_sizes is None else chunk_sizes),
        fusions=() if quick else FUSIONS,
        test="student" if test == "student" else "fisher",
    )


@click.command("fit")
@settings_options
@click.option(
    "--questions",
    type=click.Path(path_type=Path),
    default=BANK,
    show_default=True,
    help="question bank (a file or a folder of files); never the gold set",
)
@click.option(
    "--memory",
    "remembered",
    type=click.Path(path_type=Path, exists=True),
    default=REMEMBERED,
    show_default=True,
    help="more questions for the memory, its ranker and the abstention model only (never "
    "scored on); never gold",
)
@click.option(
    "--recall",
    "recalled",
    type=click.Path(path_type=Path, exists=True),
    multiple=True,
    default=RECALLED,
    show_default=True,
    help="more questions for the memory of the model written, added after the fit as `kb "
    "remember` adds them (nothing is fitted, chosen or scored with them; repeatable); never "
    "gold",
)
@click.option("--out", type=click.Path(path_type=Path), default=MODEL_FILE, show_default=True)
@click.option("--report", type=click.Path(path_type=Path), default=FIT_REPORT, show_default=True)
@click.option(
    "--no-ablation", is_flag=True, help="skip the ablation (faster; the report has no rows)"
)
def fit_command(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    questions: Path,
    remembered: Path,
    recalled: tuple[Path, ...],
    out: Path,
    report: Path,
    no_ablation: bool,
) -> None:
    """Fit the answer model (question types, ranker, abstention) with grouped cross-validation.

    \b
    Examples:
        kb fit                          # the bank; writes kb/answers/data/answer-model.json.gz
        kb fit --report /tmp/fit        # the cross-validation report elsewhere
        kb fit --no-ablation --out /tmp/m.json --report /tmp/fit   # while iterating
        kb fit --memory /tmp/more-questions   # other questions for the memory (and abstention)
        kb fit --recall /tmp/recall     # other questions for the memory, added after the fit
    """
    refuse_gold(questions, remembered, *recalled)
    settings = make_settings(config, corpus, build_dir)
    index = open_index(settings)
    bar, progress = progress_bar("fit", counts=True)
    with bar:
        outcome = run_fit(
            index,
            load_questions(questions),
            progress,
            ablation=not no_ablation,
            remembered=load_questions(remembered),
            recalled=joinable(recalled),
        )
    write_model(outcome.model, out)
    write_report(outcome.report, report)
    click.echo((report / "report.md").read_text(encoding="utf-8"))
    click.echo(f"model: {out}")


@click.command("fit-claims")
@settings_options
@click.option(
    "--claims",
    type=click.Path(path_type=Path),
    default=CLAIMS,
    show_default=True,
    help="claims folder; only its tuning half (even goals) is read",
)
@click.option("--out", type=click.Path(path_type=Path), default=CLAIM_MODEL, show_default=True)
@click.option(
    "--report", type=click.Path(path_type=Path), default=CLAIM_FIT_REPORT, show_default=True
)
def fit_claims_command(
    config: Path | None,
    corpus: Path | None,
    build_dir: Path | None,
    claims: Path,
    out: Path,
    report: Path,
) -> None:
    """Fit the claim check's value choice and verdict model on the even goals (grouped CV).

    \b
    Examples:
        kb fit-claims                   # writes kb/claims/data/claim-model.json
        kb fit-claims --out /tmp/m.json --report /tmp/fit-claims   # while iterating
    """
    from kb.evaluation import claim_fit

    cases = [c for c in checks.load_claims(claims) if checks.half_of(c.goal, c.id) == "tune"]
    index = open_index(make_settings(config, corpus, build_dir))
    bar, progress = progress_bar("check the tuning claims", counts=True)
    with bar:
        outcome, checked = claim_fit.fit_in_two_passes(index, cases, progress)
    claim_fit.write_model(outcome.model, out)
    text = claim_fit.report(outcome, checked)
    report.mkdir(parents=True, exist_ok=True)
    (report / "report.md").write_text(text, encoding="utf-8")
    click.echo(text)
    click.echo(f"model: {out}")
