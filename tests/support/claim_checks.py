"""Assertions shared by the claim tests that read the real report."""

from __future__ import annotations

from kb.claims.verdict import check
from kb.index import Index


def assert_stands_against(index: Index, claim: str, shown: str) -> None:
    """The claim is "klopt niet", with the report's `shown` beside it as a contradiction."""
    result = check(index, claim)
    assert result.verdict == "klopt_niet"
    assert any(f.report_value == shown for f in result.findings if f.status == "contradicted")
