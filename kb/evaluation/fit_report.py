"""The report of `kb fit` (`eval/fit/report.md` and `report.json`): the cross-validated figures
beside the hand-set scorer's, the passage re-ranking, the abstention targets, what runs by
wording, the runner-up margins and the ablation, as `kb.evaluation.fitting.run_fit` measured
them."""

from __future__ import annotations

import json
from pathlib import Path

from kb.evaluation.alternatives import margin_lines
from kb.files import write_atomic


def write_report(report: dict[str, object], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "report.json", (json.dumps(report, indent=2) + "\n").encode())
    write_atomic(folder / "report.md", markdown(report).encode("utf-8"))


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
        "fitted + year gate",
        "fitted + whole gate",
        "fitted + place gate",
        "fitted + kept gates (what runs)",
        "what runs, no near misses remembered",
        "new text, what runs",
    )
    table = ["| measure | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for row in rows:
        cells = []
        for column in columns:
            figures = report.get(column, {})  # a report older than the column has none
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


def _pct(value: object) -> str:
    return f"{float(value):.1%}" if isinstance(value, int | float) else "-"


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
        "(what a report the bank never asked about gets: the model's own ranker). *No near "
        "misses remembered*: what runs when whether to abstain is read off the own ranker "
        "alone, without the memory's questions the report does not answer "
        "(kb.answers.memory.NEAR_MISS_FEATURES).",
        "",
        f"The memory holds {report.get('remembered', 0)} questions, "
        f"{report.get('remembered only', 0)} of them for the memory only (`kb fit --memory`: "
        "the memory's ranker and the abstention model learn from them; no figure is scored on "
        f"them). The model written also remembers {report.get('recalled only', 0)} questions "
        "for recall only (`kb fit --recall`), joined after the fit: nothing above is fitted, "
        "chosen or scored with them.",
        "",
    ]


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


def _alternative_lines(report: dict[str, object]) -> list[str]:
    alternatives = report.get("alternatives")
    if not isinstance(alternatives, dict):
        return []
    return margin_lines(alternatives["margins"], alternatives["chosen"])
