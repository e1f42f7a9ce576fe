"""The `kb eval` results folder: `report.md`, `report.json`, PNG plots, BEIR and TREC files.

The folder is written whole into a temporary sibling and then renamed into place, so a reader
(or a commit) never sees half a report: a run that fails leaves the previous folder as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb.evaluation.beir import export_beir, write_trec_run
from kb.evaluation.benchmark import Outcome
from kb.evaluation.questions import EvalQuestion
from kb.evaluation.results import EvalReport, TestResult

HEADLINE = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10")


def publish(out: Path, write: Callable[[Path], None]) -> None:
    """Run `write(folder)` on a fresh temporary folder, then put it in place of `out`."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{secrets.token_hex(3)}"
    tmp.mkdir()
    try:
        write(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.parent / f".{out.name}.old-{secrets.token_hex(3)}"
    if out.exists():
        os.rename(out, old)
    os.rename(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def write_results(folder: Path, outcome: Outcome, questions: list[EvalQuestion]) -> None:
    """Everything of one run into `folder`."""
    report = outcome.report
    (folder / "report.json").write_text(report.model_dump_json(indent=2) + "\n", "utf-8")
    (folder / "report.md").write_text(markdown(report), "utf-8")
    plots(report, folder)
    if questions:
        export_beir(folder / "beir", outcome.chunks, questions, outcome.judgments.exportable())
    (folder / "runs").mkdir()
    for name, ranking in outcome.headline.items():
        write_trec_run(folder / "runs" / f"{name}.trec", ranking)


def _f(value: float) -> str:
    return f"{value:.3f}"


def _p(value: float) -> str:
    return "< 0.0001" if value < 0.0001 else f"{value:.4f}"


def headline_table(report: EvalReport) -> str:
    """BEIR-style table of the three retrievers (the answer step's re-ranking, an outside run),
    with latency."""
    rows = [c for c in report.configs if c.group in ("retriever", "answers", "outside run")]
    lines = [
        "| retriever | " + " | ".join(HEADLINE) + " | p50 ms | p95 ms |",
        "|---|" + "---:|" * (len(HEADLINE) + 2),
    ]
    for c in rows:
        best = {m: max(r.metrics[m] for r in rows) for m in HEADLINE}
        cells = [
            f"**{_f(c.metrics[m])}**" if c.metrics[m] == best[m] else _f(c.metrics[m])
            for m in HEADLINE
        ]
        latency = c.latency_ms or {}
        timing = [f"{latency[k]:.1f}" if k in latency else "-" for k in ("p50", "p95")]
        lines.append(f"| {c.name} | " + " | ".join(cells + timing) + " |")
    return "\n".join(lines)


def tests_table(tests: list[TestResult], group: str) -> str:
    chosen = [t for t in tests if t.group == group]
    lines = [
        "| A | B | metric | A | B | p | A better / same / worse |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    lines += [
        f"| {t.a} | {t.b} | {t.metric} | {_f(t.mean_a)} | {_f(t.mean_b)} | {_p(t.p_value)}"
        f"{' ✱' if t.significant else ''} | {t.wins} / {t.ties} / {t.losses} |"
        for t in chosen
    ]
    return "\n".join(lines)


def verdict(report: EvalReport) -> str:
    """One plain sentence: does hybrid beat both BM25 and dense on MRR@10, significantly?"""
    mrr = {(t.a, t.b): t for t in report.tests if t.group == "retriever" and t.metric == "mrr@10"}
    vs_bm25, vs_dense = mrr[("hybrid", "bm25")], mrr[("hybrid", "dense")]
    test = "Fisher's randomization test" if vs_bm25.test == "fisher" else "paired t-test"
    facts = (
        f"hybrid {_f(vs_bm25.mean_a)} vs BM25 {_f(vs_bm25.mean_b)} (p = {_p(vs_bm25.p_value)}), "
        f"vs dense {_f(vs_dense.mean_b)} (p = {_p(vs_dense.p_value)}), {test}, "
        f"α = 0.05, {report.judged} questions"
    )
    beats = [t.significant and t.mean_a > t.mean_b for t in (vs_bm25, vs_dense)]
    if all(beats):
        return f"Hybrid beats both BM25 and dense on MRR@10 with significance: {facts}."
    best = max(
        (c for c in report.configs if c.group == "retriever"), key=lambda c: c.metrics["mrr@10"]
    )
    return (
        f"Hybrid does NOT significantly beat both BM25 and dense on MRR@10: {facts}. "
        f"Highest MRR@10: {best.name}."
    )


def markdown(report: EvalReport) -> str:
    """The human report."""
    out = _introduction(report) + _answers_section(report)
    for group, title, plot in (
        ("chunk size", "Chunk sizes (each re-ingested; same span judgments)", "chunk_sizes.png"),
        ("fusion", "Fusion weights (hybrid)", "fusion.png"),
    ):
        out += _variants_section(report, group, title, plot)
    out += _slices_section(report)
    if report.notes:
        out += ["## Notes", ""] + [f"- {n}" for n in report.notes] + [""]
    out += [
        "## Files",
        "",
        "`report.json` (all figures), `beir/` (corpus.jsonl, queries.jsonl, qrels/test.tsv at "
        "the configured chunk size), `runs/*.trec` (TREC runs of the three retrievers, top 10; "
        "the score column is rank-derived).",
        "",
    ]
    return "\n".join(out)


def _introduction(report: EvalReport) -> list[str]:
    m = report.machine
    return [
        "# Retrieval benchmark — Vraagbaak Techniekpact",
        "",
        f"Run {m.date} on {m.cpu} ({m.cores} cores), {m.os}, Python {m.python}, "
        f"commit {m.git_commit}; " + ", ".join(f"{k} {v}" for k, v in m.packages.items()) + ".",
        "",
        f"Questions: `{report.question_set}` — {report.questions} questions, {report.judged} "
        f"with relevance judgments. Embedder `{report.embedder}`, chunk size "
        f"{report.settings['chunk_size']}, RRF k {report.settings['rrf_k']}, default retriever "
        f"`{report.default}`. Relevance is judged on source spans: a chunk is relevant when "
        "its source span contains an evidence span (or it cites the footnote holding one). "
        "Metrics by ranx; latency is per question, question embedding included. "
        f"Run time {report.seconds:.0f} s ("
        + ", ".join(f"{k} {v:.0f} s" for k, v in report.stage_seconds.items())
        + f"); load average at the end {m.load_average[0]:.1f} / {m.load_average[1]:.1f} / "
        f"{m.load_average[2]:.1f} (1 / 5 / 15 min): other work on the machine inflates latency.",
        "",
        "## Headline",
        "",
        headline_table(report),
        "",
        verdict(report),
        "",
        tests_table(report.tests, "retriever"),
        "",
        "✱ p < 0.05. Three pairs are tested per metric; with a Bonferroni correction the "
        "threshold would be 0.0167.",
        "",
        "![retrievers](retrievers.png)",
        "",
    ]


def _answers_section(report: EvalReport) -> list[str]:
    a = report.answers
    if a is None:
        return []
    return [
        f"## Answers (`{a.config}` retrieval)",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| answer sentence contains the gold fact ({a.answerable} answerable) "
        f"| {a.sentence_accuracy:.1%} |",
        f"| answer sentence or an alternative holds the fact (answer@3) "
        f"| {(a.answer_at_3 or 0.0):.1%} |",
        f"| value right ({a.with_value} questions with a gold value) | {a.value_accuracy:.1%} |",
        f"| abstention precision | {a.abstention_precision:.1%} |",
        f"| abstention recall ({a.unanswerable} unanswerable) | {a.abstention_recall:.1%} |",
        f"| answerable questions that abstain | {a.false_abstention:.1%} |",
        f"| latency p50 / p95 | {a.latency_ms['p50']:.1f} / {a.latency_ms['p95']:.1f} ms |",
        "",
    ]


def _variants_section(report: EvalReport, group: str, title: str, plot: str) -> list[str]:
    rows = [c for c in report.configs if c.group == group]
    if not rows:
        return []
    out = [
        f"## {title}",
        "",
        "| configuration | chunks | unreachable evidence | " + " | ".join(HEADLINE) + " |",
        "|---|---:|---:|" + "---:|" * len(HEADLINE),
    ]
    base = [c for c in report.configs if c.group == "retriever"]
    for c in (base if group == "chunk size" else base[-1:]) + rows:
        out.append(
            f"| {c.name} | {c.chunks} | {c.unreachable_evidence} | "
            + " | ".join(_f(c.metrics[m]) for m in HEADLINE)
            + " |"
        )
    return [*out, "", tests_table(report.tests, group), "", f"![{group}]({plot})", ""]


def _goal_order(value: str) -> tuple[bool, int]:
    return (not value.isdigit(), int(value) if value.isdigit() else 0)


def _slices_section(report: EvalReport) -> list[str]:
    if not report.slices:
        return []
    out = ["## Slices (MRR@10 / recall@5)", ""]
    for dimension in ("wording", "qtype", "goal"):
        cut = [s for s in report.slices if s.dimension == dimension]
        values = list(dict.fromkeys(s.value for s in cut))
        if dimension == "goal":
            values.sort(key=_goal_order)
        out += [
            f"| {dimension} | questions | bm25 | dense | hybrid |",
            "|---|---:|---:|---:|---:|",
        ]
        for value in values:
            cells = {s.config: s for s in cut if s.value == value}
            count = next(iter(cells.values())).questions
            out.append(
                f"| {value} | {count} | "
                + " | ".join(
                    f"{_f(cells[r].metrics['mrr@10'])} / {_f(cells[r].metrics['recall@5'])}"
                    for r in ("bm25", "dense", "hybrid")
                )
                + " |"
            )
        out.append("")
    return [*out, "![slices](slices.png)", ""]


def plots(report: EvalReport, folder: Path) -> None:
    """PNG plots (matplotlib, Agg backend: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def save(fig: Any, name: str) -> None:
        fig.tight_layout()
        fig.savefig(folder / name, dpi=90)
        plt.close(fig)

    for plot in (_plot_retrievers, _plot_chunk_sizes, _plot_fusion, _plot_goals):
        drawn = plot(report, plt)
        if drawn is not None:
            save(*drawn)


def _plot_retrievers(report: EvalReport, plt: Any) -> tuple[Any, str] | None:
    base = [c for c in report.configs if c.group in ("retriever", "answers", "outside run")]
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / max(len(base), 1)
    for i, c in enumerate(base):
        xs = [j + i * width for j in range(len(HEADLINE))]
        ax.bar(xs, [c.metrics[m] for m in HEADLINE], width, label=c.name)
    ax.set_xticks([j + width * (len(base) - 1) / 2 for j in range(len(HEADLINE))], HEADLINE)
    ax.set_ylim(0, 1)
    ax.set_title(f"Retrievers on {report.judged} questions")
    ax.legend(loc="lower right")
    return fig, "retrievers.png"


def _plot_chunk_sizes(report: EvalReport, plt: Any) -> tuple[Any, str] | None:
    sized = [c for c in report.configs if c.group in ("retriever", "chunk size")]
    if len({c.chunk_size for c in sized}) <= 1:
        return None
    fig, ax = plt.subplots(figsize=(6, 4))
    for retriever in ("bm25", "dense", "hybrid"):
        points = sorted(
            (c.chunk_size, c.metrics["mrr@10"]) for c in sized if c.retriever == retriever
        )
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=retriever)
    ax.set_xlabel("chunk size (characters)")
    ax.set_ylabel("MRR@10")
    ax.legend()
    return fig, "chunk_sizes.png"


def _plot_fusion(report: EvalReport, plt: Any) -> tuple[Any, str] | None:
    fused = [c for c in report.configs if c.group == "fusion" or c.name == "hybrid"]
    if len(fused) <= 1:
        return None
    fig, ax = plt.subplots(figsize=(7, 4))
    labels = [f"k={c.rrf_k}\n{c.dense_weight:g}/{c.bm25_weight:g}" for c in fused]
    ax.bar(
        labels,
        [c.metrics["mrr@10"] for c in fused],
        color=["tab:red" if c.name == "hybrid" else "tab:blue" for c in fused],
    )
    ax.set_ylim(min(c.metrics["mrr@10"] for c in fused) - 0.05, 1)
    ax.set_ylabel("MRR@10")
    ax.set_title("Hybrid fusion: RRF k, dense / BM25 weight (red: configured)")
    ax.tick_params(axis="x", labelsize=7)
    return fig, "fusion.png"


def _plot_goals(report: EvalReport, plt: Any) -> tuple[Any, str] | None:
    goals = [s for s in report.slices if s.dimension == "goal"]
    if not goals:
        return None
    values = sorted({s.value for s in goals}, key=_goal_order)
    fig, ax = plt.subplots(figsize=(9, 4))
    for i, retriever in enumerate(("bm25", "dense", "hybrid")):
        cells = {s.value: s.metrics["mrr@10"] for s in goals if s.config == retriever}
        ax.bar(
            [j + i * 0.27 for j in range(len(values))],
            [cells[v] for v in values],
            0.27,
            label=retriever,
        )
    ax.set_xticks([j + 0.27 for j in range(len(values))], values)
    ax.set_xlabel("goal (0 = voorwoord)")
    ax.set_ylabel("MRR@10")
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right")
    return fig, "slices.png"
