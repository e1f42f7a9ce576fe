"""Check claim files against the report: format and verbatim spans.

    python eval/claims/check_claims.py eval/claims/goal-07.jsonl [more files]

Each line is one claim (eval/FORMAT.md, "Claims"): every evidence string stands within one line
of the raw report and occurs exactly once in it; `report_value` is a substring of an evidence
string; `claim_value` is a substring of the claim; ids are unique over all files given.
Standalone: it reads only the raw report. Exit code 1 when a problem is found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "corpus" / "techniekpact-voortgangsrapportage-2017.txt"

VERDICTS = {"klopt", "klopt_niet", "deels", "niet_in_rapport"}
KINDS = {
    "reworded", "number", "date", "place", "direction", "name", "compound", "not_covered",
}  # fmt: skip
FORMS = {"question", "statement"}
FIELDS = {
    "id", "claim", "form", "verdict", "kind", "goal", "evidence", "report_value",
    "claim_value", "origin",
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
    verdict, kind, claim = row["verdict"], row["kind"], row["claim"]
    if verdict not in VERDICTS:
        found.append(f"verdict {verdict!r}")
    if kind not in KINDS:
        found.append(f"kind {kind!r}")
    if row["form"] not in FORMS:
        found.append(f"form {row['form']!r}")
    if row["origin"] not in {"written", "template"}:
        found.append(f"origin {row['origin']!r}")
    goal = row["goal"]
    if not isinstance(goal, int) or not 0 <= goal <= 12:
        found.append("goal must be an int 0..12")
    if not isinstance(claim, str) or len(claim.strip()) < 10:
        found.append("claim is empty")
        return found
    evidence = row["evidence"]
    if not isinstance(evidence, list):
        return [*found, "evidence must be a list"]
    for span in evidence:
        if not isinstance(span, str) or not any(span in line for line in lines):
            found.append(f"evidence not within one line of the report: {span!r}")
        elif raw.count(span) != 1:
            found.append(f"evidence occurs {raw.count(span)} times: {span!r}")
    if verdict == "niet_in_rapport":
        if evidence:
            found.append("niet_in_rapport takes no evidence")
        if kind != "not_covered":
            found.append("niet_in_rapport goes with kind not_covered")
    elif not evidence:
        found.append(f"{verdict} needs evidence")
    report_value, claim_value = row["report_value"], row["claim_value"]
    if verdict == "klopt_niet" and kind in {"number", "date"} and report_value is None:
        found.append("a wrong number or date needs the report's true value")
    if report_value is not None and not (
        isinstance(report_value, str) and any(report_value in str(e) for e in evidence)
    ):
        found.append(f"report_value {report_value!r} is not inside an evidence string")
    if claim_value is not None and not (isinstance(claim_value, str) and claim_value in claim):
        found.append(f"claim_value {claim_value!r} is not inside the claim")
    if row["form"] == "question" and not claim.rstrip().endswith("?"):
        found.append("a claim in question form ends with '?'")
    return found


def main(paths: list[str]) -> int:
    raw = RAW.read_text(encoding="utf-8")
    lines = raw.splitlines()
    seen: set[str] = set()
    bad = 0
    count = 0
    for path in paths:
        for number, text in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not text.strip():
                continue
            count += 1
            try:
                row = json.loads(text)
            except json.JSONDecodeError as error:
                print(f"{path}:{number}: not JSON: {error}")
                bad += 1
                continue
            found = problems(row, raw, lines)
            ident = str(row.get("id"))
            if ident in seen:
                found.append(f"duplicate id {ident}")
            seen.add(ident)
            for problem in found:
                print(f"{path}:{number} ({ident}): {problem}")
            bad += bool(found)
    print(f"{count} claims checked, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
