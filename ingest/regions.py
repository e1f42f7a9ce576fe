"""Tag text with the places it names and their provinces, from a gazetteer file users extend."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.errors import GazetteerError

DEFAULT_GAZETTEER = Path(__file__).parent / "data" / "gazetteer.json"


class GazetteerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    region: str
    province: str | None
    contains: tuple[str, ...] = ()
    """For a region of several provinces (a landsdeel): the provinces it spans."""


class GazetteerFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    description: str = ""
    entries: list[GazetteerEntry]


@dataclass(frozen=True)
class Places:
    """Regions (places, areas, provinces as named) and the provinces they lie in."""

    regions: tuple[str, ...]
    provinces: tuple[str, ...]


class Gazetteer:
    """Matches gazetteer names as whole words, longest first, so that "Noord-Drenthe" is not
    also counted as "Drenthe"."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self._entries = {e.name.lower(): e for e in entries}
        names = sorted((e.name for e in entries), key=len, reverse=True)
        # A name of several words may start a sentence or not ("landsdeel Oost", "In
        # Landsdeel Zuidoost"); a one-word name is matched as written, so that the verb
        # "leiden" is not the city Leiden.
        alternatives = "|".join(
            f"[{re.escape(n[0].upper())}{re.escape(n[0].lower())}]{re.escape(n[1:])}"
            if " " in n
            else re.escape(n)
            for n in names
        )
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")

    def extended(self, entries: list[GazetteerEntry]) -> Gazetteer:
        """This gazetteer with more `entries` (an entry of the same name replaces its own)."""
        return Gazetteer([*self._entries.values(), *entries])

    @property
    def provinces(self) -> tuple[str, ...]:
        return tuple(sorted({e.province for e in self._entries.values() if e.province}))

    def within(self, region: str) -> tuple[str, ...]:
        """The provinces a region spans: its own, or those of a landsdeel."""
        entry = next((e for e in self._entries.values() if e.region == region), None)
        if entry is None:
            return ()
        return (entry.province,) if entry.province else entry.contains

    def tag(self, text: str) -> Places:
        regions: dict[str, None] = {}
        provinces: dict[str, None] = {}
        for match in self._pattern.finditer(text):
            entry = self._entries[match.group(0).lower()]
            regions[entry.region] = None
            if entry.province:
                provinces[entry.province] = None
        return Places(tuple(regions), tuple(sorted(provinces)))

    def names(self, text: str) -> tuple[str, ...]:
        """The gazetteer names in `text` as written there ("Oost-Nederland", "Leeuwarden"),
        each once, in text order."""
        return tuple(dict.fromkeys(m.group(0) for m in self._pattern.finditer(text)))


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load a gazetteer file (JSON, see `ingest/data/gazetteer.json`)."""
    source = path or DEFAULT_GAZETTEER
    try:
        data = GazetteerFile.model_validate(json.loads(source.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise GazetteerError(f"{source}: gazetteer file not found") from exc
    except (json.JSONDecodeError, UnicodeDecodeError, ValidationError) as exc:
        raise GazetteerError(f"{source}: not a valid gazetteer file: {exc}") from exc
    return Gazetteer(data.entries)
