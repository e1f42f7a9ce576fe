"""Check question-bank files against the report: format, verbatim spans, and coverage.

    python eval/bank/check_bank.py eval/bank/goal-07.jsonl [--lines 558-631]

Checks every line of the given files (eval/FORMAT.md plus the bank's fields `style`, `trap`,
`origin`): each evidence string stands within one line of the raw report and occurs exactly once
in it; `fact` stands within one line; `value` is a substring of `fact` or of an evidence string;
ids are unique. With `--lines A-B` it also lists the sentences of that line range of the raw
file that fewer than two answerable questions point at (their evidence overlaps the sentence),
so a writer can see what is not yet asked twice. Standalone: it reads only the raw report.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "corpus" / "techniekpact-voortgangsrapportage-2017.txt"

QTYPES = {
    "hoeveel", "percentage", "bedrag", "wanneer", "wie", "waar", "welke", "wat", "hoe",
    "waarom", "overig",
}  # fmt: skip
SECTIONS = {"voorwoord", "inleiding", "bereikt", "voorbeeld", "voetnoot", None}
STYLES = {"keywords", "journalist", "colloquial", "names_goal", "names_region", "plain"}
TRAPS = {"two_numbers", "ambition", "school_type", "total_part", "year_range", "other", None}
FIELDS = {
    "id", "question", "answerable", "evidence", "fact", "value", "qtype", "goal", "section",
    "wording", "near_miss", "style", "trap", "origin",
}  # fmt: skip


def problems(row: dict[str, object], raw: str, lines: list[str]) -> list[str]:
    found: list[str] = []
    missing = FIELDS - row.keys()
    extra = row.keys() - FIELDS
    if missing:
        found.append(f"missing fields {sorted(missing)}")
    if extra:
        found.append(f"unknown fields {sorted(extra)}")
    if missing:
        return found
    if row["qtype"] not in QTYPES:
        found.append(f"qtype {row['qtype']!r}")
    if row["section"] not in SECTIONS:
        found.append(f"section {row['section']!r}")
    if row["style"] not in STYLES:
        found.append(f"style {row['style']!r}")
    if row["trap"] not in TRAPS:
        found.append(f"trap {row['trap']!r}")
    if row["origin"] not in {"written", "template"}:
        found.append(f"origin {row['origin']!r}")
    if row["wording"] not in {"report", "paraphrase"}:
        found.append(f"wording {row['wording']!r}")
    goal = row["goal"]
    if not isinstance(goal, int) or not 0 <= goal <= 12:
        found.append("goal must be an int 0..12 (also for unanswerable questions)")
    if not isinstance(row["question"], str) or len(row["question"].strip()) < 5:
        found.append("question is empty")
    evidence = row["evidence"]
    assert isinstance(evidence, list)
    if row["answerable"]:
        if not evidence:
            found.append("answerable question without evidence")
        fact = row["fact"]
        if not isinstance(fact, str) or not any(fact in line for line in lines):
            found.append(f"fact not within one line of the report: {fact!r}")
        value = row["value"]
        if value is not None and not (
            isinstance(value, str)
            and ((isinstance(fact, str) and value in fact) or any(value in e for e in evidence))
        ):
            found.append(f"value {value!r} is not inside the fact or an evidence string")
        if row["near_miss"]:
            found.append("near_miss must be false for answerable questions")
    else:
        if evidence or row["fact"] is not None or row["value"] is not None:
            found.append("unanswerable questions have evidence [], fact null, value null")
    for text in evidence:
        if not isinstance(text, str) or "\n" in text:
            found.append(f"evidence is not one line: {text!r}")
            continue
        count = raw.count(text)
        if count != 1:
            found.append(f"evidence occurs {count} times (must be once): {text!r}")
        elif not any(text in line for line in lines):
            found.append(f"evidence crosses a line break: {text!r}")
    return found


def sentences(raw: str, first: int, last: int) -> list[tuple[int, int, str]]:
    """Rough sentences of raw lines first..last (1-based), as (start, end, text) offsets."""
    starts = [0]
    for line in raw.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    begin, end = starts[first - 1], starts[min(last, len(starts) - 1)]
    block = raw[begin:end]
    result: list[tuple[int, int, str]] = []
    for paragraph in re.finditer(r"(?:[^\n]+\n?)+", block):
        text = paragraph.group(0)
        base = begin + paragraph.start()
        for piece in re.finditer(r".+?(?:[.!?](?=\s+[A-Z→›\d“‘(])|$)", text, flags=re.S):
            body = piece.group(0)
            if len(body.strip()) < 25 or body.strip().isupper():
                continue
            result.append((base + piece.start(), base + piece.end(), " ".join(body.split())))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--lines", help="raw line range A-B to check coverage for")
    args = parser.parse_args()
    raw = RAW.read_text(encoding="utf-8")
    lines = raw.splitlines()
    rows: list[dict[str, object]] = []
    bad = 0
    ids: set[str] = set()
    for path in args.files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path}:{number}: not JSON: {exc}")
                bad += 1
                continue
            found = problems(row, raw, lines)
            if row.get("id") in ids:
                found.append(f"duplicate id {row.get('id')!r}")
            ids.add(str(row.get("id")))
            for problem in found:
                print(f"{path}:{number}: {row.get('id')}: {problem}")
            bad += bool(found)
            rows.append(row)
    answerable = [r for r in rows if r.get("answerable")]
    print(
        f"{len(rows)} questions: {len(answerable)} answerable, "
        f"{sum(1 for r in rows if r.get('answerable') is False and r.get('near_miss'))} near misses, "
        f"{sum(1 for r in rows if r.get('answerable') is False and not r.get('near_miss'))} "
        f"off-topic; {bad} with problems"
    )
    if args.lines:
        first, last = (int(x) for x in args.lines.split("-"))
        spans = [
            (start, start + len(text))
            for r in answerable
            for text in r.get("evidence", [])  # type: ignore[union-attr]
            if isinstance(text, str) and (start := raw.find(text)) >= 0
        ]
        thin = 0
        for start, end, text in sentences(raw, first, last):
            count = sum(1 for s, e in spans if s < end and start < e)
            if count < 2:
                thin += 1
                print(f"asked {count}x: {text[:160]}")
        print(f"{thin} sentences in lines {first}-{last} asked fewer than twice")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
