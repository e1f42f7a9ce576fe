"""Session fixtures for ingest tests: the report's text, parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.model import Document
from ingest.parse import parse_report

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "corpus" / "techniekpact-voortgangsrapportage-2017.txt"


@pytest.fixture(scope="session")
def report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def report(report_text: str) -> Document:
    return parse_report(report_text, "techniekpact-2017", "Rapportage", REPORT.name)
