"""The named features of a checked claim, which the fitted verdict model weighs.

The comparison rules (kb.claims.verdict) read a claim against the report's sentences and find,
part by part, what holds, what the report contradicts and what it lacks; `verdict_of()` adds the
findings up in a hand-set order. The fitted model (kb.claims.model) decides from the same
findings as counts, together with how well the report speaks of the claim's subject (the
passage's coverage of its words, the sentence's share of them, the retrieval score) and what
the claim itself states (values, approximations, a negation, a direction, an ambition), so that
the weight of each is estimated on claims rather than set by hand. `VALUE_FEATURES` are those of
the choice before: which of the report's values a claimed value is compared with.

>>> FEATURES[:4]
('rule_klopt', 'rule_klopt_niet', 'rule_deels', 'rule_niet_in_rapport')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from kb.analyser import fold
from kb.claims.claim import Claim, direction_of, negated
from kb.claims.findings import FIGURES, VERDICTS, Finding, Quote, Verdict
from kb.claims.quantities import Quantity

_ASPECTS = {**{f: "figure" for f in FIGURES}, "date": "date", "name": "name"}
_STATUSES = ("supported", "contradicted", "absent")
_AMBITION = re.compile(r"\b(?:ambitie\w*|streven|streef\w*|doel\w*|in 2020|moet|moeten)\b")
_ALSO = re.compile(r"\b(?:ook|eveneens|al|inmiddels|nu|alle|totaal|allemaal)\b")

FEATURES: tuple[str, ...] = (
    *(f"rule_{v}" for v in VERDICTS),
    *(f"{a}_{s}" for a in ("figure", "date") for s in _STATUSES),
    "name_contradicted",
    "name_absent",
    "direction_contradicted",
    "negation_contradicted",
    "statement_supported",
    "statement_absent",
    "parts",
    "parts_not_found",
    "coverage",
    "top_score",
    "quote_share",
    "claim_values",
    "claim_bound",
    "claim_negated",
    "claim_direction",
    "quote_negated_differs",
    "quote_direction_differs",
    "claim_ambition",
    "quote_ambition",
    "claim_scope_word",
    "contradiction_key",
    "contradiction_shared",
    "contradiction_unit",
    "contradiction_position",
    "contradiction_gap",
    "support_key",
    "support_shared",
    "support_position",
)
"""What the model weighs: the rules' verdict (one-hot); the findings by aspect and status;
compound parts and the parts the report lacks; the best passage's IDF-weighted coverage of the
claim's stemmed words, the best sentence's retrieval score (meaning and words) and the quoted
sentence's share of the claim's words; the claim's values, approximations ("ruim", "bijna"),
negation and direction, and whether the quoted sentence disagrees; an ambition ("streven",
"in 2020") in the claim or the quote; a word that widens the claim's scope ("ook", "al",
"inmiddels", "totaal"); and how the report's values were chosen for the claim's: for the
strongest contradiction and the weakest support, the choice's score, the words its clause
shares with the claim's (IDF, in rare words), whether it counts the same thing, the rank of its
sentence, and for a contradiction how far the values lie apart (log10 of the ratio, years/10)
(a contradiction about something else, left out by the rules, counts here too)."""


VALUE_FEATURES: tuple[str, ...] = ("shared", "fits", "alike", "unit", "drop", "position", "gap")
"""What decides which of the report's values a claimed value is compared with (one row per
value of its kind in the best sentences): the words its clause shares with the claim's (IDF,
in rare words), whether it fits the claim's (approximations included), a date named as
precisely, whether it counts the same thing, how far its sentence scores below the best and
its rank, and how far the values lie apart (`gap`, at most 3)."""


class Choice(NamedTuple):
    """The report's values a claimed value could be compared with, each with its sentence and
    its row of `VALUE_FEATURES` (what `kb fit-claims` learns the choice from)."""

    claimed: str
    candidates: tuple[tuple[str, str, tuple[float, ...]], ...]


class Comparison(NamedTuple):
    """How the report's value compared with one of the claim's was chosen (kb.claims.verdict:
    the best-scoring value of its kind in the best sentences)."""

    fits: bool
    key: float
    """The choice's score: shared words, fit, a date as precise, the same unit, less rank."""
    shared: float
    unit: bool
    position: int
    gap: float


def gap(claimed: Quantity, stated: Quantity) -> float:
    """How far two values lie apart: log10 of the ratio of two numbers, or the years between
    two dates over ten (0 when either is unknown)."""
    if claimed.number and stated.number and claimed.number > 0 and stated.number > 0:
        return abs(math.log10(claimed.number / stated.number))
    if claimed.years and stated.years:
        return min(abs(a - b) for a in claimed.years for b in stated.years) / 10
    return 0.0


@dataclass(frozen=True)
class Reading:
    """What the check of one statement read: the rules' verdict, the findings and the quote,
    and how well the report speaks of the statement's subject."""

    verdict: Verdict
    findings: list[Finding]
    quote: Quote | None
    coverage: float
    """IDF-weighted share of the statement's words that the best passage holds."""
    top_score: float
    """The best sentence's score: cosine plus scaled BM25 (0 when nothing was found)."""
    quote_share: float
    """IDF-weighted share of the statement's words that the quoted sentence holds."""
    comparisons: tuple[Comparison, ...]
    """How the report's value was chosen for each of the statement's values."""
    choices: tuple[Choice, ...]
    """The values each of the statement's values could be compared with."""


def feature_row(
    claim: Claim,
    whole: Reading,
    parts: list[Reading],
    verdict: Verdict,
    findings: list[Finding],
    comparisons: tuple[Comparison, ...],
) -> npt.NDArray[np.float64]:
    """The features (`FEATURES`, in order) of a claim checked by the rules: `whole` is the
    statement read as one, `parts` its compound parts, and `verdict`, `findings` and
    `comparisons` what the rules concluded from them."""
    counts: dict[str, float] = {}
    for finding in findings:
        key = f"{_ASPECTS.get(finding.aspect, finding.aspect)}_{finding.status}"
        counts[key] = counts.get(key, 0.0) + 1.0
    quote = next((f.quote for f in findings if f.quote), None) or whole.quote
    said = quote.text if quote else ""
    statement = fold(claim.statement)
    values = {
        **{f"rule_{v}": float(v == verdict) for v in VERDICTS},
        **counts,
        "parts": float(len(parts) - 1),
        "parts_not_found": float(sum(p.verdict == "niet_in_rapport" for p in parts[1:])),
        "coverage": whole.coverage,
        "top_score": whole.top_score,
        "quote_share": whole.quote_share,
        "claim_values": float(len(claim.quantities)),
        "claim_bound": float(any(q.bound for q in claim.quantities)),
        "claim_negated": float(claim.negated),
        "claim_direction": float(claim.direction is not None),
        "quote_negated_differs": float(bool(quote) and negated(said) != claim.negated),
        "quote_direction_differs": float(
            claim.direction is not None and direction_of(said) not in (None, claim.direction)
        ),
        "claim_ambition": float(bool(_AMBITION.search(statement))),
        "quote_ambition": float(bool(_AMBITION.search(fold(said)))),
        "claim_scope_word": float(bool(_ALSO.search(statement))),
        **_compared(comparisons),
    }
    return np.asarray([values.get(name, 0.0) for name in FEATURES], dtype=np.float64)


def _compared(comparisons: tuple[Comparison, ...]) -> dict[str, float]:
    """The comparison features: of the strongest contradiction and of the weakest support."""
    contradictions = [c for c in comparisons if not c.fits]
    supports = [c for c in comparisons if c.fits]
    out: dict[str, float] = {}
    if contradictions:
        strongest = max(contradictions, key=lambda c: c.key)
        out |= {
            "contradiction_key": strongest.key,
            "contradiction_shared": strongest.shared,
            "contradiction_unit": float(strongest.unit),
            "contradiction_position": float(strongest.position),
            "contradiction_gap": min(strongest.gap, 3.0),
        }
    if supports:
        weakest = min(supports, key=lambda c: c.key)
        out |= {
            "support_key": weakest.key,
            "support_shared": weakest.shared,
            "support_position": float(weakest.position),
        }
    return out


def allowed(findings: list[Finding], rule: Verdict) -> frozenset[Verdict]:
    """The verdicts the findings can show, besides the rules' own (`rule`): "klopt niet" and
    "deels" only with a report value that contradicts the claim (shown beside the claim's; a
    missing number is never "klopt niet"), "klopt" only with a sentence that states it."""
    contradicted = any(f.status == "contradicted" and f.report_value for f in findings)
    supported = any(f.status == "supported" for f in findings)
    verdicts: set[Verdict] = {"niet_in_rapport", rule}
    if contradicted:
        verdicts |= {"klopt_niet", "deels"}
    if supported:
        verdicts.add("klopt")
    return frozenset(verdicts)
