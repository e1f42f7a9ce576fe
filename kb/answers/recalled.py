"""The passages the memory brings back: sentences that the remembered questions closest to a
new one answer, in passages the search ranked below the first five (kb.answers.memory)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from kb.answers.memory import MemoryView
from kb.embed import Vectors
from kb.index import Hit
from kb.sentence_store import SentenceStore


def recalled_passages(
    view: MemoryView,
    store: SentenceStore,
    vector: Vectors,
    taken: Sequence[Hit],
    deeper: Callable[[], Sequence[Hit]],
    allowed: npt.NDArray[np.bool_] | None = None,
) -> list[Hit]:
    """The passages of `deeper()` (a longer search for the same question, made only when a
    passage is missing) that hold a sentence the closest remembered questions answer
    (`MemoryView.pointed`) and are not among `taken`, in `deeper`'s order.

    A question worded unlike the report can miss its passage in the search and still be
    worded like a question the bank asked about it: the memory then brings the passage back
    among the candidates, at the rank the search gave it (a feature of its rows).
    """
    wanted = set(view.pointed(vector, allowed))
    wanted -= {n for hit in taken for n in store.of_chunk(hit.chunk.id)}
    if not wanted:
        return []
    have = {hit.chunk.id for hit in taken}
    return [
        hit
        for hit in deeper()
        if hit.chunk.id not in have and wanted.intersection(store.of_chunk(hit.chunk.id))
    ]


def joined(hits: Sequence[Hit], extra: Sequence[Hit]) -> list[Hit]:
    """`hits`, then the passages of `extra` not among them."""
    have = {hit.chunk.id for hit in hits}
    return [*hits, *(hit for hit in extra if hit.chunk.id not in have)]
