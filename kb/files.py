"""Atomic file writes: a file on disk is either the old one or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ingest.model import Chunk


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a fsynced temp file beside it and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_chunks(chunks: Iterable[Chunk], path: Path) -> None:
    """Write chunks as JSON Lines, atomically: the file is either the old one or the new one."""
    write_atomic(path, b"".join(chunk.model_dump_json().encode() + b"\n" for chunk in chunks))
