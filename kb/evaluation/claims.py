"""Score claim checking and list answers: verdict accuracy, confusion table, list precision/recall.

The claims set (`eval/claims/goal-XX.jsonl`) and the list-question set (`eval/lists/`) are split
by goal, so that what was tuned on is not what is reported: claims and list questions of the
even goals (and the preface, goal 0) were used to tune the checker and the list reader; the odd
goals are held out. A list question over the whole report (goal null) falls to the tuning half
when its id number is even.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from kb.answers import answer
from kb.claims.verdict import VERDICTS, Check, check
from kb.errors import QuestionFileError
from kb.index import Index

Half = Literal["tune", "held_out", "all"]


class ClaimCase(BaseModel):
    """One line of a claims file (eval/FORMAT.md, "Claims")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    claim: str
    form: str
    verdict: Literal["klopt", "klopt_niet", "deels", "niet_in_rapport"]
    kind: str
    goal: int
    evidence: list[str]
    report_value: str | None
    claim_value: str | None
    origin: str


class ListCase(BaseModel):
    """One line of a list-question file (eval/FORMAT.md, "List questions")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str
    kind: str
    goal: int | None
    items: list[str]
    origin: str


def _lines(path: Path) -> Iterable[tuple[Path, int, str]]:
    files = sorted(path.glob("goal-*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise QuestionFileError(f"{path}: no goal-*.jsonl files")
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QuestionFileError(f"{file}: cannot read: {exc}") from exc
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield file, number, line


def load_claims(path: Path) -> list[ClaimCase]:
    """The claims of a file or of a folder's `goal-*.jsonl` files."""
    try:
        return [ClaimCase.model_validate_json(line) for _, _, line in _lines(path)]
    except ValidationError as exc:
        raise QuestionFileError(f"{path}: not a claims file: {exc}") from exc


def load_lists(path: Path) -> list[ListCase]:
    """The list questions of a JSON Lines file."""
    try:
        return [ListCase.model_validate(json.loads(line)) for _, _, line in _lines(path)]
    except (ValidationError, json.JSONDecodeError) as exc:
        raise QuestionFileError(f"{path}: not a list-question file: {exc}") from exc


def half_of(goal: int | None, ident: str) -> Half:
    """Which half of the split a case belongs to (see the module docstring)."""
    if goal is None:
        digits = "".join(c for c in ident if c.isdigit())
        return "tune" if digits and int(digits) % 2 == 0 else "held_out"
    return "tune" if goal % 2 == 0 else "held_out"


def shows_value(result: Check, report_value: str | None) -> bool:
    """Whether a check shows the report's true value as a contradicting finding's value (one
    inside the other: "10.000" shows "10.000e"). The quoted sentence does not count: the value
    must stand beside the claim's."""
    if report_value is None:
        return True
    found = [f.report_value or "" for f in result.findings if f.status == "contradicted"]
    return any(report_value in v or v in report_value for v in found if v)


def score_claims(index: Index, cases: list[ClaimCase]) -> dict[str, object]:
    """Verdict accuracy per class, the confusion table, "klopt niet" caught with the value,
    and how often a false claim is called "klopt"."""
    confusion: Counter[tuple[str, str]] = Counter()
    caught = false_klopt = 0
    misses: list[dict[str, str]] = []
    for case in cases:
        result = check(index, case.claim)
        confusion[(case.verdict, result.verdict)] += 1
        if case.verdict == "klopt_niet" and result.verdict == "klopt_niet":
            caught += shows_value(result, case.report_value)
        if case.verdict in ("klopt_niet", "deels") and result.verdict == "klopt":
            false_klopt += 1
        if result.verdict != case.verdict:
            misses.append(
                {"id": case.id, "kind": case.kind, "gold": case.verdict, "got": result.verdict}
            )
    total = len(cases) or 1
    per_class = {
        v: _share(confusion[(v, v)], sum(n for (g, _), n in confusion.items() if g == v))
        for v in VERDICTS
    }
    wrong = sum(1 for c in cases if c.verdict == "klopt_niet")
    false = sum(1 for c in cases if c.verdict in ("klopt_niet", "deels"))
    return {
        "claims": len(cases),
        "accuracy": sum(confusion[(v, v)] for v in VERDICTS) / total,
        "per_class": per_class,
        "confusion": {g: {p: confusion[(g, p)] for p in VERDICTS} for g in VERDICTS},
        "klopt_niet_caught_with_value": _share(caught, wrong),
        "false_called_klopt": _share(false_klopt, false),
        "misses": misses,
    }


def score_lists(index: Index, cases: list[ListCase]) -> dict[str, object]:
    """Precision, recall and F1 of list answers, averaged over the questions."""
    rows: list[tuple[float, float, float]] = []
    misses: list[dict[str, object]] = []
    for case in cases:
        got = {item.id.split("/", 1)[1] for item in answer(index, case.question).items}
        expected = set(case.items)
        hit = len(got & expected)
        precision = hit / len(got) if got else 0.0
        recall = hit / len(expected)
        f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
        rows.append((precision, recall, f1))
        if f1 < 1:
            misses.append(
                {"id": case.id, "missing": sorted(expected - got), "extra": sorted(got - expected)}
            )
    count = len(rows) or 1
    return {
        "questions": len(rows),
        "precision": sum(r[0] for r in rows) / count,
        "recall": sum(r[1] for r in rows) / count,
        "f1": sum(r[2] for r in rows) / count,
        "misses": misses,
    }


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def markdown(claims: dict[Half, dict[str, object]], lists: dict[Half, dict[str, object]]) -> str:
    """The claims and lists report: per half, the headline figures and the confusion table."""
    lines = ["# Claim checking and list questions", ""]
    for half, scores in claims.items():
        lines += [f"## Claims, {half.replace('_', ' ')} ({scores['claims']} claims)", ""]
        lines += [
            f"- verdict accuracy: {_pct(scores['accuracy'])}",
            f'- "klopt niet" caught with the report\'s value shown: '
            f"{_pct(scores['klopt_niet_caught_with_value'])}",
            f'- false claims (klopt niet, deels) called "klopt": '
            f"{_pct(scores['false_called_klopt'])}",
            "",
            "| gold \\ verdict | " + " | ".join(VERDICTS) + " | recall |",
            "|---|" + "---:|" * (len(VERDICTS) + 1),
        ]
        confusion = scores["confusion"]
        per_class = scores["per_class"]
        assert isinstance(confusion, dict) and isinstance(per_class, dict)
        for gold in VERDICTS:
            cells = " | ".join(str(confusion[gold][p]) for p in VERDICTS)
            lines.append(f"| {gold} | {cells} | {_pct(per_class[gold])} |")
        lines.append("")
    for half, scores in lists.items():
        lines += [
            f"## List questions, {half.replace('_', ' ')} ({scores['questions']} questions)",
            "",
            f"- precision {_pct(scores['precision'])}, recall {_pct(scores['recall'])}, "
            f"F1 {float(scores['f1']):.3f}",  # type: ignore[arg-type]
            "",
        ]
    return "\n".join(lines)


def _pct(value: object) -> str:
    return "–" if value is None else f"{100 * float(value):.1f}%"  # type: ignore[arg-type]
