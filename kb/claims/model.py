"""The fitted verdict model of the claim check, loaded from one versioned JSON file.

`kb fit-claims` writes `kb/claims/data/claim-model.json`: a multinomial logistic regression
over the named features of a checked claim (kb.claims.features), with the standardisation it
was fitted with. The code names the features; the file holds every number. Nothing is pickled.
Without the file the hand-set decision order (kb.claims.findings.verdict_of) decides.

>>> model = load_model()
>>> model.features == list(FEATURES)
True
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, model_validator

from kb.claims.features import FEATURES, VALUE_FEATURES
from kb.claims.findings import VERDICTS, Verdict

MODEL_FORMAT = 1
MODEL_FILE = Path(__file__).parent / "data" / "claim-model.json"
ANSWER_MODEL_FILE = Path(__file__).parent / "data" / "answer-model.json"
"""The answer model whose ranker the claim check asks (kb.claims.evidence): session 18's, the
one its score thresholds and margins (`MIN_SCORE`, `CLOSER_MARGIN`, `DATE_MARGIN` ...) were
set on. A refit of the answer step's model (`kb fit`) moves each candidate's score by about
±0.4, enough to move claims across those thresholds (session 31: 2 claim tests, one a false
"klopt"), so the check keeps its own copy until its thresholds are set again on a new one."""


class ValueChooser(BaseModel):
    """Which report value a claimed value is compared with: the candidate with the highest
    logit `intercept + weights · z` (z: `VALUE_FEATURES` less their means, over their scales);
    a contradicting value below `threshold` is about something else (the report does not
    say)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: list[str]
    means: list[float]
    scales: list[float]
    intercept: float
    weights: list[float]
    threshold: float
    decides: bool
    """Whether it beat the hand-set choice in cross-validation grouped by goal; else the hand
    choice (kb.claims.verdict) is kept."""

    def key(self, row: tuple[float, ...]) -> float:
        z = (np.asarray(row) - np.asarray(self.means)) / np.asarray(self.scales)
        return float(self.intercept + np.asarray(self.weights) @ z)


class ClaimModel(BaseModel):
    """`claim-model.json`: P(verdict | features) = softmax(intercepts + weights · z), where
    z is each feature less its mean, over its scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    version: str
    """Names the fit: date and the sha256 of the claims it was fitted on."""
    trained_on: dict[str, int]
    features: list[str]
    classes: list[Verdict]
    means: list[float]
    scales: list[float]
    intercepts: list[float]
    weights: list[list[float]]
    """One row per class, one weight per feature."""
    regularisation: float
    """The inverse L2 strength C, chosen by cross-validation grouped by goal."""
    decides: bool
    """Whether the model beat the hand-set decision order in that cross-validation: only then
    does it decide; else the rules do, and the file records why."""
    cross_validation: dict[str, float]
    """The grouped cross-validation figures of the fit (model and rules), for the record."""
    values: ValueChooser | None = None

    @model_validator(mode="after")
    def _shapes(self) -> ClaimModel:
        width = len(self.features)
        if len(self.means) != width or len(self.scales) != width:
            raise ValueError("means and scales need one number per feature")
        if len(self.weights) != len(self.classes) or len(self.intercepts) != len(self.classes):
            raise ValueError("weights and intercepts need one row per class")
        if any(len(row) != width for row in self.weights):
            raise ValueError("each class needs one weight per feature")
        return self

    def probabilities(self, row: npt.NDArray[np.float64]) -> dict[Verdict, float]:
        z = (row - np.asarray(self.means)) / np.asarray(self.scales)
        logits = np.asarray(self.intercepts) + np.asarray(self.weights) @ z
        p = np.exp(logits - logits.max())
        p /= p.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def decide(self, row: npt.NDArray[np.float64], allowed: frozenset[Verdict]) -> Verdict:
        """The most probable verdict among those the findings can show."""
        p = self.probabilities(row)
        return max((v for v in VERDICTS if v in allowed), key=lambda v: p.get(v, 0.0))


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> ClaimModel | None:
    """The fitted verdict model, or None when no file was written yet (the rules decide).

    Raises:
        ValueError: the file is of another format, or names other features than the code.
    """
    if not path.is_file():
        return None
    model = ClaimModel.model_validate_json(path.read_bytes())
    if model.format_version != MODEL_FORMAT:
        raise ValueError(f"{path}: format {model.format_version}, expected {MODEL_FORMAT}")
    chooser = model.values
    if model.features != list(FEATURES) or (chooser and chooser.features != list(VALUE_FEATURES)):
        raise ValueError(f"{path}: fitted on other features than the code's; run kb fit-claims")
    return model


def model_id(path: Path = MODEL_FILE) -> str:
    """The model's version and the sha256 of its file ("" when there is none)."""
    if not path.is_file():
        return ""
    model = load_model(path)
    version = model.version if model else "?"
    return f"{version} sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}"
