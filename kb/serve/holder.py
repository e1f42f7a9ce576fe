"""The served index, and picking up a new build without a restart.

Each request takes one `Loaded` from `IndexHolder.current()` and uses only it, so a request
never mixes two builds. `current()` reads CURRENT (a few bytes) and, when it names another
build than the one loaded, loads that build once: one thread loads while the others go on
with the build they have; a build that does not load is logged and not tried again until
CURRENT changes.

>>> holder = holder_for(settings, make_embedder(settings))
>>> holder.current().index.build_id
'20261201T175600Z-1a2b3c'
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.model import Chunk
from kb.embed import Embedder
from kb.errors import IndexLoadError
from kb.index import Index
from kb.settings import Settings
from kb.store import current_build, load_index

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """A loaded build and its passages by id (for `GET /v1/passages/{id}`)."""

    index: Index
    rows: dict[str, int] = field(repr=False)

    @classmethod
    def of(cls, index: Index) -> Loaded:
        return cls(index, {chunk.id: row for row, chunk in enumerate(index.chunks)})

    @property
    def build_id(self) -> str:
        return self.index.build_id

    def passage(self, passage_id: str) -> tuple[Chunk, Chunk | None, Chunk | None] | None:
        """The passage with this id and its neighbours in the same document, or None."""
        row = self.rows.get(passage_id)
        if row is None:
            return None
        chunks = self.index.chunks
        chunk = chunks[row]
        before = chunks[row - 1] if row > 0 else None
        after = chunks[row + 1] if row + 1 < len(chunks) else None
        same = chunk.document
        return (
            chunk,
            before if before is not None and before.document == same else None,
            after if after is not None and after.document == same else None,
        )


def current_id(settings: Settings) -> str:
    """What CURRENT says now: the build id, or a marker when it is missing or damaged (so
    that a change of either kind is noticed)."""
    try:
        folder = current_build(settings)
    except IndexLoadError as exc:
        return f"damaged: {exc}"
    return "" if folder is None else folder.name


class IndexHolder:
    """The index a server answers from (see the module docstring)."""

    def __init__(self, load: Callable[[], Index], pointer: Callable[[], str]) -> None:
        self._load = load
        self._pointer = pointer
        self._loaded: Loaded | None = None
        self._seen: str | None = None
        self._lock = threading.Lock()

    def current(self) -> Loaded:
        """The build to answer one request from.

        Raises:
            IndexLoadError: no build could be loaded yet.
        """
        loaded = self._loaded
        if loaded is not None and self._pointer() == self._seen:
            return loaded
        if loaded is not None and not self._lock.acquire(blocking=False):
            return loaded  # another request is loading the new build
        if loaded is None:
            self._lock.acquire()
        try:
            return self._refresh()
        finally:
            self._lock.release()

    def _refresh(self) -> Loaded:
        pointer = self._pointer()
        if self._loaded is not None and pointer == self._seen:
            return self._loaded
        try:
            index = self._load()
        except IndexLoadError as exc:
            if self._loaded is None:
                raise
            self._seen = pointer
            log.warning("new build not loaded, still serving %s: %s", self._loaded.build_id, exc)
            return self._loaded
        self._loaded, self._seen = Loaded.of(index), pointer
        log.info("serving build %s", index.build_id)
        return self._loaded


def holder_for(settings: Settings, embedder: Embedder) -> IndexHolder:
    """The holder of the builds under `settings.build_dir`, loaded with `embedder` (one
    model for every build)."""
    return IndexHolder(lambda: load_index(settings, embedder), lambda: current_id(settings))
