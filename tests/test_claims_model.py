"""The claim check's fitted verdict model (issue 14): its versioned JSON file, the features it
weighs, and the verdicts it may give. Expected values are read from the report
(corpus/techniekpact-voortgangsrapportage-2017.txt)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from kb.claims.features import FEATURES, VALUE_FEATURES, Choice, allowed, gap
from kb.claims.findings import Finding
from kb.claims.model import MODEL_FILE, MODEL_FORMAT, ClaimModel, load_model
from kb.claims.quantities import quantities
from kb.claims.verdict import check
from kb.index import Index

TRAINEES = (
    "In augustus 2016 zijn 28 trainees gestart in kader van Eerst de Klas en zijn 38 "
    "onderwijstrainees gestart vanuit het OnderwijsTraineeship."
)
"""The report's sentence on the OnderwijsTraineeship (doel 6, "Wat is er bereikt?")."""


def test_the_model_file_is_versioned_json_naming_the_codes_features() -> None:
    raw = MODEL_FILE.read_bytes()
    data = json.loads(raw)  # plain JSON: no pickle, no code
    assert data["format_version"] == MODEL_FORMAT
    assert data["features"] == list(FEATURES)
    assert data["trained_on"]["goals"] == 7  # the even goals 0, 2, ..., 12: the tuning half
    model = load_model(MODEL_FILE)
    assert model is not None and model.version == data["version"]
    assert {"model_accuracy", "rules_accuracy"} <= set(model.cross_validation)
    assert model.values is not None and model.values.features == list(VALUE_FEATURES)
    assert len(model.values.weights) == len(VALUE_FEATURES)
    assert b"pickle" not in raw and not raw.startswith(b"\x80")


def test_a_model_of_other_features_or_format_is_refused(tmp_path: Path) -> None:
    data = json.loads(MODEL_FILE.read_bytes())
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**data, "format_version": MODEL_FORMAT + 1}), encoding="utf-8")
    with pytest.raises(ValueError, match="format"):
        load_model(other)
    fewer = tmp_path / "fewer.json"
    shrunk = {
        **data,
        "features": data["features"][:-1],
        "means": data["means"][:-1],
        "scales": data["scales"][:-1],
        "weights": [row[:-1] for row in data["weights"]],
    }
    fewer.write_text(json.dumps(shrunk), encoding="utf-8")
    with pytest.raises(ValueError, match="features"):
        load_model(fewer)


def test_a_missing_number_never_allows_klopt_niet() -> None:
    # "Klopt het dat 55 procent van de havisten een N-profiel kiest": the report gives no such
    # figure for today (55% is the ambition), so the figure is absent, not contradicted.
    absent = [Finding("percent", "absent", "55 procent", None, None)]
    assert "klopt_niet" not in allowed(absent, "niet_in_rapport")
    assert "deels" not in allowed(absent, "niet_in_rapport")
    contradicted = [Finding("count", "contradicted", "40", "38", None)]
    assert {"klopt_niet", "deels"} <= allowed(contradicted, "klopt_niet")
    assert "klopt" not in allowed(contradicted, "klopt_niet")


def test_the_model_chooses_only_among_the_allowed_verdicts() -> None:
    width = len(FEATURES)
    classes = ["klopt", "klopt_niet", "deels", "niet_in_rapport"]
    model = ClaimModel(
        format_version=MODEL_FORMAT,
        version="test",
        trained_on={"claims": 0, "goals": 0},
        features=list(FEATURES),
        classes=classes,  # type: ignore[arg-type]
        means=[0.0] * width,
        scales=[1.0] * width,
        intercepts=[0.5, 5.0, 1.0, 0.0],
        weights=[[0.0] * width for _ in classes],
        regularisation=1.0,
        decides=True,
        cross_validation={},
    )
    row = np.zeros(width)
    assert model.decide(row, frozenset(classes)) == "klopt_niet"
    assert model.decide(row, frozenset({"klopt", "niet_in_rapport"})) == "klopt"
    assert model.decide(row, frozenset({"niet_in_rapport"})) == "niet_in_rapport"


def test_the_gap_between_a_claimed_and_a_stated_value() -> None:
    claimed = quantities("er zijn 40 trainees gestart")[0]
    stated = next(q for q in quantities(TRAINEES) if q.text == "38")
    assert gap(claimed, stated) == pytest.approx(math.log10(40 / 38))
    year = quantities("in augustus 2014")[0]
    assert gap(year, quantities(TRAINEES)[0]) == pytest.approx(0.2)  # 2014 against 2016


@pytest.mark.slow
def test_a_wrong_count_gives_a_value_mismatch_on_the_same_thing(report_index: Index) -> None:
    result = check(
        report_index, "Klopt het dat er 40 trainees zijn gestart via het OnderwijsTraineeship?"
    )
    features = dict(zip(FEATURES, result.features, strict=True))
    assert features["figure_contradicted"] == 1
    assert features["figure_supported"] == 0
    assert features["contradiction_unit"] == 1  # "trainees" is counted by "onderwijstrainees"
    assert features["contradiction_gap"] == pytest.approx(math.log10(40 / 38))
    assert result.quote is not None and "38" in result.quote.text
    # Both counts of the sentence were weighed: 28 trainees (Eerst de Klas) and 38
    # onderwijstrainees (the OnderwijsTraineeship); 38 is the one about the claim's subject.
    weighed = {text for text, _, _ in result.choices[0].candidates}
    assert {"28", "38"} <= weighed
    assert result.choices[0].claimed == "40"

    right = check(report_index, "Via het OnderwijsTraineeship zijn 38 trainees begonnen.")
    features = dict(zip(FEATURES, right.features, strict=True))
    assert features["figure_supported"] == 1 and features["figure_contradicted"] == 0
    assert right.verdict == "klopt"


def test_the_right_report_value_is_the_one_the_claims_file_names() -> None:
    from kb.evaluation.claims import ClaimCase
    from kb.evaluation.value_fit import groups, right

    case = ClaimCase(
        id="c06-t",
        claim="Klopt het dat er 40 trainees zijn gestart via het OnderwijsTraineeship?",
        form="question",
        verdict="klopt_niet",
        kind="number",
        goal=6,
        evidence=["38 onderwijstrainees"],
        report_value="38",
        claim_value="40",
        origin="written",
    )
    # The sentence's two counts, neither fitting 40 (VALUE_FEATURES: "fits" is the second).
    rows = ((0.2, 0.0, 0.0, 1.0, 0.0, 0.0, 0.1), (0.9, 0.0, 0.0, 1.0, 0.0, 0.0, 0.02))
    choice = Choice("40", (("28", TRAINEES, rows[0]), ("38", TRAINEES, rows[1])))
    [group] = groups([case], [[choice]])
    assert group.labels == [False, True]
    assert right(group, [0.5, 1.5], threshold=0.0) is True
    assert right(group, [1.5, 0.5], threshold=0.0) is False  # 28 trainees of Eerst de Klas
    assert right(group, [-2.0, -1.0], threshold=0.0) is False  # 38 left out: not caught
