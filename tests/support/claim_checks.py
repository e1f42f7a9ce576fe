"""Assertions shared by the claim tests that read the real report."""

from __future__ import annotations

from kb.claims.findings import Quote
from kb.claims.verdict import Check, check
from kb.index import Index


def sentence_quote(text: str) -> Quote:
    """A report sentence as a quote, without a passage or source (for the readings that look
    only at its words)."""
    return Quote(text, 0, len(text), "", None)  # type: ignore[arg-type]


def contradicted(result: Check) -> list[tuple[str | None, str | None]]:
    """The claim's value and the report's of each contradicted finding of a check."""
    return [(f.claim_value, f.report_value) for f in result.findings if f.status == "contradicted"]


def assert_stands_against(index: Index, claim: str, shown: str) -> None:
    """The claim is "klopt niet", with the report's `shown` beside it as a contradiction."""
    result = wrong_claim(index, claim)
    assert any(f.report_value == shown for f in result.findings if f.status == "contradicted")


def wrong_claim(index: Index, claim: str) -> Check:
    """The check of a claim that must be "klopt niet", for its findings to be read."""
    result = check(index, claim)
    assert result.verdict == "klopt_niet"
    return result


def wrong_beside_true(index: Index, wrong: str, true: str) -> Check:
    """The check of a wrong claim ("klopt niet"), whose true twin must be "klopt"."""
    result = wrong_claim(index, wrong)
    assert check(index, true).verdict == "klopt"
    return result


def half_beside_true(index: Index, half: str, true: str) -> Check:
    """The check of a compound claim with one part wrong ("deels"), whose true twin must be
    "klopt"."""
    assert check(index, true).verdict == "klopt"
    result = check(index, half)
    assert result.verdict == "deels"
    return result
