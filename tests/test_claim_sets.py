"""Every claims set in eval/ (eval/FORMAT.md, "Claims") passes its own checker: each evidence
span stands within one line of the report and occurs once in it, the report's and the claim's
values stand in the evidence and the claim, and no id is used twice across all the sets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_claims_set_passes_the_checker() -> None:
    files = sorted(str(p) for p in ROOT.glob("eval/claims*/goal-*.jsonl"))
    sets = {Path(f).parent.name for f in files}
    wanted = {
        "claims",
        "claims-fresh12",
        "claims-fresh13",
        "claims-fresh14",
        "claims-fresh15",
        "claims-fresh16",
        "claims-fresh17",
        "claims-fresh18",
        "claims-fresh19",
        "claims-fresh20",
        "claims-fresh21",
        "claims-fresh22",
    }
    assert wanted <= sets
    done = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "claims" / "check_claims.py"), *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = sum(len(Path(f).read_text(encoding="utf-8").splitlines()) for f in files)
    assert done.stdout.strip().endswith(f"{lines} claims checked, 0 with problems")
