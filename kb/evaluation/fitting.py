"""`kb fit`: cross-validate the answer model on a question bank, fit it, write it and a report.

The report (`eval/fit/report.md` and `report.json`) holds the cross-validated figures
of the fitted model beside the hand-set scorer's on the same questions, the ablation (each
feature group left out, refitted and cross-validated again), the abstention rule measured
as a gate, and what runs by wording (paraphrased questions apart, as users ask). Nothing here
reads `eval/gold/`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kb.answers.candidates import FEATURES
from kb.answers.decide import year_gate
from kb.answers.model import AnswerModel, PassageFusion, Remembered
from kb.evaluation import crossval
from kb.evaluation.alternatives import choose_margin, margin_lines, margin_table
from kb.evaluation.fit import (
    MAX_FALSE_ABSTENTION,
    Ranked,
    build_model,
    cross_fitted_types,
    fit_ranker,
    fit_types,
)
from kb.evaluation.fitdata import Retrieved, examples, retrieve
from kb.evaluation.memory_fit import BankMemory
from kb.evaluation.metrics import judge
from kb.evaluation.passages import choose_fusion
from kb.evaluation.questions import EvalQuestion, read_sources
from kb.files import write_atomic
from kb.index import Index

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class FitOutcome:
    model: AnswerModel
    report: dict[str, object]


def run_fit(
    index: Index,
    questions: Sequence[EvalQuestion],
    progress: Progress,
    *,
    ablation: bool = True,
    remembered: Sequence[EvalQuestion] = (),
) -> FitOutcome:
    """Cross-validate, ablate (unless `ablation`), and fit the final model on every question. The
    `remembered` ones join the memory and teach its ranker and abstention, never the own ranker;
    no figure is scored on them (kb.evaluation.memory_fit)."""
    progress("search the questions", 0, len(questions))
    retrieved = retrieve(index, questions, lambda n: progress("search", n, len(questions)))
    extra = retrieve(index, remembered, lambda n: progress("search", n, len(remembered)))
    progress("prepare the folds", 0, 1)
    memory = BankMemory.of(index, [*retrieved, *extra])
    prepared = crossval.folds(index, retrieved, memory, extra)
    progress("cross-validate", 0, 1)
    # What runs on this report: ranked by rankers that never saw its goal, reading the memory of
    # every other question (kb.evaluation.memory_fit); and as text never asked about (new text).
    ranked = crossval.out_of_fold(prepared, recall="known")
    new_text = crossval.out_of_fold(prepared, recall="new")
    # Abstention reads the own ranker (kb.answers.decide); it learns from users' words too.
    learned = crossval.out_of_fold(prepared, extra=True)
    own, users = _split(learned, {r.question.id for r in retrieved})
    progress("passage re-ranking", 0, 1)
    qrels = judge(questions, index.chunks, read_sources(index.settings.corpus_dir)).qrels
    passages = choose_fusion(ranked, qrels)
    abstention = crossval.evaluate_abstention(learned)
    runs = _gate(ranked, abstention, _year_missing)  # what runs: the year gate on the model
    margins = margin_table(ranked, runs)
    margin = choose_margin(margins)
    new_runs = _gate(new_text, abstention, _year_missing)
    new_margin = choose_margin(margin_table(new_text, new_runs))
    report: dict[str, object] = {
        "questions": len(retrieved),
        "answerable": sum(r.question.answerable for r in retrieved),
        "remembered": len(memory.ids),
        "remembered only": sum(r.question.answerable and bool(r.question.fact) for r in extra),
        "question types right": sum(f.types_right for f in prepared) / len(retrieved),
        "fitted, ranking only": crossval.ranking_scores(ranked).row(),
        "own ranker, ranking only": crossval.ranking_scores(own).row(),
        "fitted": crossval.end_to_end(ranked, abstention),
        "fitted, with the place/number gate": _gated(ranked, abstention, _names_missing),
        "fitted + year gate (what runs)": crossval.end_to_end(ranked, runs),
        "new text, ranking only": crossval.ranking_scores(new_text).row(),
        "new text, what runs": crossval.end_to_end(new_text, new_runs),
        "hand-set": crossval.hand_scores(retrieved),
        "reachable": crossval.ranking_scores(ranked).reachable,
        "passages": passages.report,
        "abstention targets": _targets(ranked, learned),
        "by wording": by_wording(ranked, runs),
        "users' words": _users_words(users, abstention),
        "alternatives": {"margins": margins, "chosen": margin, "new text": new_margin},
        "ablation": _ablation(prepared, progress) if ablation else {},
    }
    progress("fit the final model", 0, 1)
    model = _final(index, retrieved, learned, passages.fusion, (margin, new_margin), memory, extra)
    report |= {"model version": model.version, "abstention threshold": model.abstainer.threshold}
    return FitOutcome(model, report)


def _final(
    index: Index,
    retrieved: list[Retrieved],
    own: list[Ranked],
    passages: PassageFusion,
    margins: tuple[float, float],
    memory: BankMemory,
    extra: Sequence[Retrieved] = (),
) -> AnswerModel:
    """The model fitted on every question: its own ranker and the memory's (`margins`: the
    runner-up margins of the memory's and of the own ranker). The abstention model learns from
    the own ranker's out-of-fold rankings (`own`, the bank's and the `extra` questions): scores
    as it gives them to questions it has not seen."""
    types = fit_types(retrieved)
    taught = examples(index, retrieved, cross_fitted_types(retrieved))
    more = crossval.extra_examples(index, retrieved, extra)
    remembered = Remembered(
        questions=memory.memory,
        ranker=fit_ranker(memory.read([*taught, *more])),
        alternatives_margin=margins[0],
    )
    abstainer = crossval.fit_abstainer(own)
    ranker = fit_ranker(taught)
    return build_model(retrieved, types, ranker, abstainer, passages, margins[1], remembered, extra)


ABSTENTION_TARGETS = (0.05, 0.04, 0.03)
"""False-abstention targets the report compares (the model uses MAX_FALSE_ABSTENTION): a
lower one is a margin for questions unlike the bank's, paid for in near misses answered."""


def _targets(ranked: list[Ranked], own: list[Ranked]) -> dict[str, dict[str, float]]:
    """What runs (fitted + year gate), with the threshold set for each target."""
    return {f"{t:.0%}": what_runs(ranked, t, own) for t in ABSTENTION_TARGETS}


def what_runs(
    ranked: list[Ranked],
    target: float = MAX_FALSE_ABSTENTION,
    own: list[Ranked] | None = None,
) -> dict[str, float]:
    """The end-to-end figures of out-of-fold rankings as the answer step runs: each fold's
    abstainer fitted on the other folds' rankings by the own ranker (`own`, if not `ranked`
    itself; threshold for false abstention `target`) and the year gate."""
    abstention = crossval.evaluate_abstention(ranked if own is None else own, target)
    return _gated(ranked, abstention, _year_missing)


def by_wording(
    ranked: Sequence[Ranked], abstention: crossval.Abstention
) -> dict[str, dict[str, float]]:
    """The end-to-end figures by how the questions are worded: the report's own words or a
    paraphrase (as users ask), and each style of the bank ("colloquial", "journalist", ...),
    with the number of answerable questions and near misses in each."""
    groups: dict[str, list[Ranked]] = {}
    for r in ranked:
        question = r.example.question
        groups.setdefault(f"wording: {question.wording}", []).append(r)
        if question.style is not None:
            groups.setdefault(f"style: {question.style}", []).append(r)
    return {
        name: {
            "answerable": sum(r.example.question.answerable for r in group),
            "with a value": sum(
                r.example.question.answerable and r.example.question.value is not None
                for r in group
            ),
            "near misses": sum(r.example.question.near_miss for r in group),
            **crossval.end_to_end(group, abstention),
        }
        for name, group in sorted(groups.items())
    }


def _split(ranked: list[Ranked], bank: set[str]) -> tuple[list[Ranked], list[Ranked]]:
    """The rankings of the bank's questions, and of the others (`kb fit --memory`)."""
    return (
        [r for r in ranked if r.example.question.id in bank],
        [r for r in ranked if r.example.question.id not in bank],
    )


def _users_words(users: list[Ranked], abstention: crossval.Abstention) -> dict[str, float]:
    """Abstention on the questions for the memory only (`kb fit --memory`: users' words),
    out of fold by the own ranker: they teach the abstention model, but are no bank question."""
    figures = crossval.end_to_end(users, _gate(users, abstention, _year_missing))
    return {
        "answerable": sum(r.example.question.answerable for r in users),
        "near misses": sum(r.example.question.near_miss for r in users),
        "near misses that abstain": figures["near misses that abstain"],
        "answerable that abstain": figures["answerable that abstain"],
    }


def _wording_lines(report: dict[str, object]) -> list[str]:
    """What runs, by wording and style (an old report has no such section)."""
    slices = report.get("by wording")
    if not isinstance(slices, dict):
        return []
    lines = [
        "## By wording (what runs, out of fold)",
        "",
        "| questions | answerable | fact | value | near misses | near misses that abstain "
        "| answerable that abstain |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figures in slices.items():
        value = _pct(figures["value right"]) if figures["with a value"] else "–"
        near = _pct(figures["near misses that abstain"]) if figures["near misses"] else "–"
        lines.append(
            f"| {name} | {figures['answerable']:.0f} | "
            f"{_pct(figures['fact in the answer sentence'])} | {value} "
            f"| {figures['near misses']:.0f} | {near} "
            f"| {_pct(figures['answerable that abstain'])} |"
        )
    users = report.get("users' words")
    if isinstance(users, dict) and users["answerable"]:
        lines += [
            "",
            f"The {users['answerable']:.0f} answerable questions and {users['near misses']:.0f} "
            "near misses for the memory only (`--memory`, users' words), which the abstention "
            "model learns from too, out of fold by the own ranker: "
            f"{_pct(users['answerable that abstain'])} of the answerable abstain, "
            f"{_pct(users['near misses that abstain'])} of the near misses.",
        ]
    return [*lines, ""]


def _ablation(prepared: list[crossval.Fold], progress: Progress) -> dict[str, dict[str, float]]:
    """Each feature group left out: the ranking figures without it."""
    out: dict[str, dict[str, float]] = {}
    groups = crossval.FEATURE_GROUPS
    for done, (name, features) in enumerate(groups.items(), start=1):
        progress(f"ablation: {name}", done, len(groups))
        ranked = crossval.out_of_fold(prepared, without=features, recall="known")
        out[name] = crossval.ranking_scores(ranked).row()
    return out


def _names_missing(row: Sequence[float]) -> bool:
    """The old rule: the question names a place, year or number the passage lacks."""
    return row[FEATURES.index("passage_missing")] > 0


def _year_missing(row: Sequence[float]) -> bool:
    """The rule kept at run time (kb.answers.decide.year_gate)."""
    return year_gate(np.asarray(row, dtype=np.float32))


def _gate(
    ranked: list[Ranked],
    abstention: crossval.Abstention,
    rule: Callable[[Sequence[float]], bool],
) -> crossval.Abstention:
    """`abstention`, and always abstaining where `rule` holds for the best candidate's row."""
    gated = dict(abstention.threshold)
    for r in ranked:
        best = r.best
        if best is not None and rule(list(r.example.rows[best])):
            gated[r.example.question.id] = 2.0
    return crossval.Abstention(abstention.probability, gated)


def _gated(
    ranked: list[Ranked],
    abstention: crossval.Abstention,
    rule: Callable[[Sequence[float]], bool],
) -> dict[str, float]:
    """End-to-end figures when `rule` on the best candidate's row always abstains (an
    explicit rule as a gate on top of the model, measured on its own)."""
    return crossval.end_to_end(ranked, _gate(ranked, abstention, rule))


def write_model(model: AnswerModel, path: Path) -> None:
    write_atomic(path, (model.model_dump_json() + "\n").encode("utf-8"))


def write_report(report: dict[str, object], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "report.json", (json.dumps(report, indent=2) + "\n").encode())
    write_atomic(folder / "report.md", markdown(report).encode("utf-8"))


def _pct(value: object) -> str:
    return f"{float(value):.1%}" if isinstance(value, int | float) else "-"


def _target_lines(report: dict[str, object]) -> list[str]:
    """What runs, with the abstention threshold set for each false-abstention target."""
    targets = report.get("abstention targets")
    if not isinstance(targets, dict):
        return []
    lines = [
        "## Abstention threshold (what runs, threshold set for each target on inner folds)",
        "",
        "| target false abstention | fact | value | near misses that abstain | answerable that "
        "abstain |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, figures in targets.items():
        lines.append(
            f"| {name} | {_pct(figures['fact in the answer sentence'])} "
            f"| {_pct(figures['value right'])} | {_pct(figures['near misses that abstain'])} "
            f"| {_pct(figures['answerable that abstain'])} |"
        )
    return [*lines, ""]


def _alternative_lines(report: dict[str, object]) -> list[str]:
    alternatives = report.get("alternatives")
    if not isinstance(alternatives, dict):
        return []
    return margin_lines(alternatives["margins"], alternatives["chosen"])


def _passage_lines(report: dict[str, object]) -> list[str]:
    """The passage ranking, fused against re-ranked with the answer evidence."""
    passages = report.get("passages")
    if not isinstance(passages, dict):
        return []
    nested = "re-ranked (fusion chosen on the other folds)"
    lines = [
        "## Passage ranking (answerable questions; out-of-fold candidate scores)",
        "",
        "| passages | recall@1 | recall@5 | MRR@10 |",
        "|---|---:|---:|---:|",
    ]
    for name in ("fused", nested):
        figures = passages[name]
        lines.append(
            f"| {name} | {figures['recall@1']:.3f} | {figures['recall@5']:.3f} "
            f"| {figures['mrr@10']:.3f} |"
        )
    chosen = passages["chosen"]
    return [
        *lines,
        "",
        f"Fusion written to the model (chosen on every fold): rrf_k {chosen['rrf_k']}, "
        f"candidate weight {chosen['candidate_weight']}; per fold: "
        + ", ".join(f"{c['rrf_k']}/{c['candidate_weight']}" for c in passages["chosen per fold"])
        + ".",
        "",
    ]


def _ranking_lines(report: dict[str, object]) -> list[str]:
    """The ranking alone, on this report's text asked anew and as new text."""
    ranking = report["fitted, ranking only"]
    fresh = report.get("new text, ranking only", {})
    assert isinstance(ranking, dict) and isinstance(fresh, dict)
    return [
        f"Ranking only (before abstention): fact {_pct(ranking['fact in the answer sentence'])}"
        f", answer@3 {_pct(ranking['answer@3'])}, value {_pct(ranking['value right'])}; as new "
        f"text {_pct(fresh.get('fact in the answer sentence'))}, {_pct(fresh.get('answer@3'))}, "
        f"{_pct(fresh.get('value right'))}.",
        "",
        "Each held-out question reads the memory of every other bank question (what runs on "
        "this report, asked anew: kb.answers.memory); *new text* reads none of its goal's "
        "(what a report the bank never asked about gets: the model's own ranker).",
        "",
        f"The memory holds {report.get('remembered', 0)} questions, "
        f"{report.get('remembered only', 0)} of them for the memory only (`kb fit --memory`: "
        "the memory's ranker and the abstention model learn from them; no figure is scored on "
        "them).",
        "",
    ]


def markdown(report: dict[str, object]) -> str:
    """The fit report: fitted beside hand-set, and the ablation."""
    rows = (
        "fact in the answer sentence",
        "value right",
        "near misses that abstain",
        "answerable that abstain",
    )
    columns = (
        "hand-set",
        "fitted",
        "fitted, with the place/number gate",
        "fitted + year gate (what runs)",
        "new text, what runs",
    )
    table = ["| measure | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for row in rows:
        cells = []
        for column in columns:
            figures = report[column]
            assert isinstance(figures, dict)
            cells.append(_pct(figures.get(row)))
        table.append(f"| {row} | " + " | ".join(cells) + " |")
    ablation = report["ablation"]
    assert isinstance(ablation, dict)
    lines = [
        "# Answer model: grouped cross-validation on the question bank",
        "",
        f"{report['questions']} questions ({report['answerable']} answerable), 5 folds grouped "
        f"by goal. Model {report['model version']}. Question types right (out of fold): "
        f"{_pct(report['question types right'])}. Questions with a right candidate among the "
        f"passages: {report['reachable']}.",
        "",
        *table,
        "",
        *_ranking_lines(report),
        *_passage_lines(report),
        *_target_lines(report),
        *_wording_lines(report),
        *_alternative_lines(report),
        "## Ablation (each feature group left out, refitted, cross-validated)",
        "",
        "| left out | fact | change | answer@3 | value |",
        "|---|---:|---:|---:|---:|",
    ]
    ranking = report["fitted, ranking only"]
    assert isinstance(ranking, dict)
    base = float(ranking["fact in the answer sentence"])
    for name, figures in ablation.items():
        fact = float(figures["fact in the answer sentence"])
        lines.append(
            f"| {name} | {fact:.1%} | {fact - base:+.1%} | {_pct(figures['answer@3'])} "
            f"| {_pct(figures['value right'])} |"
        )
    return "\n".join(lines) + "\n"
