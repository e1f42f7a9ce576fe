"""Region tags on the report's units, as the report names the places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import GazetteerError
from ingest.model import Document
from ingest.regions import load_gazetteer

GAZETTEER = load_gazetteer()


def _example(report: Document, goal: int, number: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    unit = report.goals[goal - 1].of_kind("voorbeeld")[number - 1]
    places = GAZETTEER.tag(f"{unit.title} {unit.text}")
    return places.regions, places.provinces


def test_friese_robots_are_in_fryslan(report: Document) -> None:
    regions, provinces = _example(report, 3, 1)
    assert provinces == ("Fryslân",)
    assert {"Drachten", "Smallingerland"} <= set(regions)


def test_techniekcollege_parkstad_is_in_limburg(report: Document) -> None:
    regions, provinces = _example(report, 5, 2)
    assert provinces == ("Limburg",)
    assert "Parkstad" in regions


def test_scala_flevoland(report: Document) -> None:
    assert _example(report, 12, 1)[1] == ("Flevoland",)


def test_roc_mondriaan_in_den_haag_is_in_zuid_holland(report: Document) -> None:
    regions, provinces = _example(report, 7, 2)
    assert regions == ("Den Haag",)
    assert provinces == ("Zuid-Holland",)


def test_landsdeel_oost_is_a_region_of_its_own(report: Document) -> None:
    regions, provinces = _example(report, 7, 1)
    assert regions == ("Landsdeel Oost",)
    assert provinces == ()


def test_national_items_get_no_region(report: Document) -> None:
    kuipers = report.goals[0].of_kind("bereikt")[0]
    assert GAZETTEER.tag(kuipers.text).regions == ()
    assert GAZETTEER.tag("verspreid over Nederland en uit alle provincies").regions == ()


def test_the_verb_leiden_is_not_the_city() -> None:
    assert GAZETTEER.tag("Scholen leiden graag meer monteurs op.").regions == ()
    assert GAZETTEER.tag("Hogeschool Leiden").provinces == ("Zuid-Holland",)


def test_longest_name_wins() -> None:
    places = GAZETTEER.tag("werkzoekenden uit de provincie Groningen en Noord-Drenthe")
    assert places.regions == ("Groningen", "Noord-Drenthe")
    assert places.provinces == ("Drenthe", "Groningen")


def test_users_can_extend_the_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "entries": [
                    {"name": "Wageningen", "region": "Wageningen", "province": "Gelderland"}
                ],
            }
        )
    )
    assert load_gazetteer(path).tag("in Wageningen").provinces == ("Gelderland",)
    path.write_text('{"version": 1, "entries": [{"name": "X"}]}')
    with pytest.raises(GazetteerError, match=r"g\.json"):
        load_gazetteer(path)
