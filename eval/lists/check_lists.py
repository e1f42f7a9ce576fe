"""Check list-question files: format, and that every expected item is a part of the report.

    python eval/lists/check_lists.py eval/lists/lists.jsonl

Each line is one list question (eval/FORMAT.md, "List questions"). Items are the ids of the
report's parts without the document prefix: a goal `doel-03`, an achievement
`doel-03/bereikt/02`, an example `doel-03/voorbeeld/1`, the goal's introduction
`doel-03/inleiding`, a footnote `voetnoot/05`, a preface block `voorwoord/01`. The ids are
checked against the report as ingest parses it. Exit code 1 when a problem is found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest.pipeline import ingest_corpus

ROOT = Path(__file__).resolve().parents[2]

KINDS = {
    "examples_region", "examples_goal", "achievements_goal", "goals", "footnotes_goal",
    "footnotes_all", "examples_org", "other",
}  # fmt: skip
FIELDS = {"id", "question", "kind", "goal", "items", "origin"}


def report_items() -> set[str]:
    result = ingest_corpus(ROOT / "corpus")
    units = {chunk.unit_id.split("/", 1)[1] for chunk in result.chunks}
    goals = {f"doel-{number:02d}" for number in range(1, 13)}
    return units | goals


def problems(row: dict[str, object], known: set[str]) -> list[str]:
    found: list[str] = []
    if row.keys() != FIELDS:
        return [f"fields must be {sorted(FIELDS)}, not {sorted(row.keys())}"]
    if row["kind"] not in KINDS:
        found.append(f"kind {row['kind']!r}")
    goal = row["goal"]
    if goal is not None and (not isinstance(goal, int) or not 0 <= goal <= 12):
        found.append("goal must be null or an int 0..12")
    question = row["question"]
    if not isinstance(question, str) or len(question.strip()) < 5:
        found.append("question is empty")
    items = row["items"]
    if not isinstance(items, list) or not items:
        return [*found, "items must be a non-empty list"]
    for item in items:
        if item not in known:
            found.append(f"unknown item {item!r}")
    if len(set(map(str, items))) != len(items):
        found.append("duplicate items")
    return found


def main(paths: list[str]) -> int:
    known = report_items()
    seen: set[str] = set()
    bad = count = 0
    for path in paths:
        for number, text in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not text.strip():
                continue
            count += 1
            row = json.loads(text)
            found = problems(row, known)
            if row.get("id") in seen:
                found.append("duplicate id")
            seen.add(str(row.get("id")))
            for problem in found:
                print(f"{path}:{number} ({row.get('id')}): {problem}")
            bad += bool(found)
    print(f"{count} list questions checked, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
