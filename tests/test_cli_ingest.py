"""`kb ingest` through the real entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.ingest_fixtures import ROOT


def _kb(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb.cli", *args],
        cwd=cwd,
        text=True,
        capture_output=True,
        check=False,
    )


def test_ingest_prints_what_it_found(tmp_path: Path) -> None:
    out = tmp_path / "chunks.jsonl"
    result = _kb("ingest", "--corpus", str(ROOT / "corpus"), "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "goals:      12" in result.stdout
    assert "examples:   36" in result.stdout
    assert "footnotes:  16" in result.stdout
    assert "bereikt 70" in result.stdout
    assert out.is_file() and out.read_text(encoding="utf-8").count("\n") > 127


def test_bad_input_gives_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kapot.txt").write_bytes(b"\xff\xfe\x00\x00")
    out = tmp_path / "chunks.jsonl"
    result = _kb("ingest", "--corpus", str(corpus), "--out", str(out), cwd=ROOT)
    assert result.returncode == 2
    assert "kapot.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    missing = _kb("ingest", "--corpus", str(tmp_path / "nergens"), cwd=ROOT)
    assert missing.returncode == 2 and "not found" in missing.stderr
