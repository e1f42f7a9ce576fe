"""The fitted parts of the answer step, loaded from one versioned JSON file.

`kb fit` writes `kb/answers/data/answer-model.json.gz`: a question-type classifier (a linear
model over the question's words), the candidate ranker (LightGBM LambdaRank trees over the
candidate features of kb.answers.candidates, in LightGBM's own text format) and the
abstention model (LightGBM binary trees over the best candidate's evidence, with the
threshold chosen in cross-validation), and the fusion of the passage order with the answer
evidence (chosen in cross-validation). The code
names the features; the file holds every number. Nothing here is pickled.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import itertools
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from kb.analyser import fold
from kb.answers.candidates import FEATURES
from kb.answers.memory import QuestionMemory
from kb.answers.question import question_type, type_cues

MODEL_FORMAT = 2
"""2: the memory's vectors are int8 with a scale per row (1: float16)."""
MODEL_FILE = Path(__file__).parent / "data" / "answer-model.json.gz"
"""The committed model: JSON, gzip-compressed (5.4 MB of text, mostly the rankers' trees)."""

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


class TypeModel(BaseModel):
    """Multinomial logistic regression over question tokens (`question_tokens`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    classes: list[str]
    intercepts: list[float]
    weights: dict[str, list[float]]
    """token -> one weight per class."""

    def probabilities(self, question: str) -> dict[str, float]:
        z = np.asarray(self.intercepts, dtype=np.float64).copy()
        for token in question_tokens(question):
            weights = self.weights.get(token)
            if weights is not None:
                z += np.asarray(weights)
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}


class Abstainer(BaseModel):
    """P(the report answers the question), from the best candidate's evidence (LightGBM
    binary trees); abstain below `threshold`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: list[str]
    trees: str
    threshold: float

    def probability(self, row: npt.NDArray[np.float32]) -> float:
        return float(_booster(self.trees).predict(row[None, :], num_threads=1)[0])


class TreeRanker(BaseModel):
    """A LightGBM LambdaRank model over candidate rows (its own text format, not a pickle)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: list[str]
    trees: str
    """LightGBM's model text (`Booster.model_to_string()`)."""

    def scores(self, rows: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """The score of each row (columns `FEATURES`), read by the features this ranker was
        fitted on: a model fitted before a feature was added (the claim check's pinned copy,
        kb.claims.model) still scores today's rows."""
        if len(rows) == 0:
            return np.zeros(0)
        if self.features != list(FEATURES):
            rows = rows[:, _columns(tuple(self.features))]
        scores: npt.NDArray[np.float64] = _booster(self.trees).predict(rows, num_threads=1)
        return scores


@functools.lru_cache(maxsize=4)
def _columns(features: tuple[str, ...]) -> list[int]:
    missing = [name for name in features if name not in FEATURES]
    if missing:
        raise ValueError(f"the answer model reads features the code no longer makes: {missing}")
    return [FEATURES.index(name) for name in features]


@functools.lru_cache(maxsize=4)
def _booster(trees: str) -> Any:
    import lightgbm

    return lightgbm.Booster(model_str=trees)


class PassageFusion(BaseModel):
    """How the answer evidence re-ranks the passages (kb.answers.passages): a passage scores
    `1 / (rrf_k + its rank in the fused order) + candidate_weight / (rrf_k + the rank of its
    best candidate)`; weight 0 keeps the fused order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rrf_k: int
    candidate_weight: float


class Remembered(BaseModel):
    """The answer step for text the question bank asked about (kb.answers.memory): the bank's
    questions, and a ranker fitted with the memory features. It ranks the candidates when
    the memory knows all their passages (`kb.answers.memory.remembers`); whether to abstain
    is read off the model's own ranker, whose scores mean the same on any text, and the
    closest remembered questions the report does not answer (`abstainer`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    questions: QuestionMemory
    ranker: TreeRanker
    alternatives_margin: float
    abstainer: Abstainer | None = None
    """Whether to abstain on such text: the own ranker's evidence and what the remembered
    questions the report does not answer add (kb.answers.memory.NEAR_MISS_FEATURES); None in
    a file fitted before it existed (the model's own abstainer decides)."""


class AnswerModel(BaseModel):
    """`answer-model.json.gz` (its JSON)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    version: str
    """Names the fit: date and the sha256 of the question files it was fitted on."""
    trained_on: dict[str, int]
    question_types: TypeModel
    ranker: TreeRanker
    abstainer: Abstainer
    alternatives_margin: float
    """A runner-up within this ranker margin of the best is shown as "Ook mogelijk"."""
    passages: PassageFusion | None = None
    """The passage re-ranking chosen by `kb fit` (None in a file fitted before it existed:
    the fused order is kept)."""
    memory: Remembered | None = None
    """What the answer step uses for text the bank asked about (None in a file fitted before
    it existed)."""


def question_tokens(question: str) -> list[str]:
    """The classifier's tokens: words, word pairs, the first two words, the rule type and the
    value types its words ask for (`type_cues`)."""
    words = _WORD.findall(fold(question))
    tokens = [f"w:{w}" for w in words]
    tokens += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    tokens += [f"first:{w}" for w in words[:2]]
    tokens.append(f"rule:{question_type(question)}")
    tokens += [f"cue:{kind}" for kind in type_cues(question)]
    return list(dict.fromkeys(tokens))


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> AnswerModel | None:
    """The fitted answer model, or None when no file was written yet (the rules then apply).

    Raises:
        ValueError: the file is of another format than the code reads (run `kb fit`).
    """
    if not path.is_file():
        return None
    data = json.loads(model_json(path))
    found = data.get("format_version")
    # Format 2 changed only how the memory is stored (int8 instead of float16): a format-1
    # file without a memory (the claim check's pinned copy, kb.claims.model) reads the same.
    if found != MODEL_FORMAT and not (found == 1 and data.get("memory") is None):
        raise ValueError(f"{path}: format {found}, expected {MODEL_FORMAT}; run kb fit")
    return AnswerModel.model_validate(data)


def model_json(path: Path) -> bytes:
    """A model file's JSON: the file itself, or its content when its name ends in ".gz"."""
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def model_bytes(json_text: bytes, path: Path) -> bytes:
    """What `path` holds for a model's JSON: gzip-compressed when its name ends in ".gz",
    always to the same bytes (no time stamp), so that `kb remember` reproduces the file."""
    return gzip.compress(json_text, compresslevel=9, mtime=0) if path.suffix == ".gz" else json_text


def model_id(path: Path = MODEL_FILE) -> str:
    """The model's version and the sha256 of its JSON ("" when there is none), recorded in
    the build manifest; the same whether the file is compressed or not."""
    if not path.is_file():
        return ""
    model = load_model(path)
    version = model.version if model else "?"
    return f"{version} sha256:{hashlib.sha256(model_json(path)).hexdigest()}"
