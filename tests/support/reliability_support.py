"""Fault injection for the reliability tests and `benchmarks/reliability.py`: damaged build
files, failing writes, killed builds and hostile input.

The tests run each of these with small counts in CI; the benchmark runs them with large ones and
prints the figures of docs/RELIABILITY.md.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import faiss

from ingest.model import Chunk
from kb import store as index_module
from kb.build import build_index
from kb.cache import EmbeddingCache
from kb.embed import Embedder
from kb.errors import IndexLoadError, SearchError
from kb.index import Filters, Index
from kb.lexical import LexicalIndex
from kb.settings import Settings
from kb.store import current_build, load_index

ROOT = Path(__file__).resolve().parents[2]
KB = Path(sys.executable).with_name("kb")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> sha256)."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): sha256(p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def restore(template: Path, target: Path) -> None:
    """Make `target` an exact copy of `template` again."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(template, target)


def stray_temp_files(*folders: Path) -> list[str]:
    """Temp files and folders of writes that did not finish."""
    found: list[str] = []
    for folder in folders:
        if folder.is_dir():
            found += [
                p.as_posix()
                for p in folder.rglob("*")
                if p.name.startswith(".tmp-") or p.name.endswith(".tmp")
            ]
    return found


# --- Index integrity: damaged files -------------------------------------------------------------


@dataclass(frozen=True)
class Damage:
    """One damaged file: `data` replaces the file's bytes."""

    path: Path
    what: str
    data: bytes


def build_files(settings: Settings) -> list[Path]:
    """Every file that a load reads: CURRENT, the manifest, its checksum and what it lists."""
    folder = current_build(settings)
    assert folder is not None
    manifest = json.loads((folder / "manifest.json").read_bytes())
    listed = [folder / name for name in sorted(manifest["files"])]
    checksum = folder / index_module.MANIFEST_CHECKSUM
    return [settings.build_dir / "CURRENT", folder / "manifest.json", checksum, *listed]


def damages(path: Path, flips: int, rng: random.Random) -> Iterator[Damage]:
    """Truncations (to 0, 1 byte, half, one byte short) and `flips` single-byte flips."""
    data = path.read_bytes()
    for size in sorted({0, 1, len(data) // 2, len(data) - 1}):
        if 0 <= size < len(data):
            yield Damage(path, f"truncated to {size} of {len(data)} bytes", data[:size])
    for _ in range(flips):
        at, mask = rng.randrange(len(data)), rng.randrange(1, 256)
        flipped = bytearray(data)
        flipped[at] ^= mask
        yield Damage(path, f"byte {at} xor 0x{mask:02x}", bytes(flipped))


@dataclass
class IntegrityReport:
    injected: int = 0
    detected: int = 0
    intact_served: int = 0
    """Loads that served an intact build: the previous one, or for a damaged CURRENT the newest."""
    files: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)


class _Guard:
    """Records whether FAISS or bm25s were given bytes that differ from an intact build's."""

    def __init__(self, intact_dense: set[str], intact_bm25: dict[Path, dict[str, str]]) -> None:
        self.intact_dense = intact_dense
        self.intact_bm25 = intact_bm25
        self.violations: list[str] = []

    @contextmanager
    def installed(self) -> Iterator[None]:
        real_deserialize = faiss.deserialize_index
        real_load = LexicalIndex.load.__func__  # type: ignore[attr-defined]

        def deserialize(data: Any) -> Any:
            if sha256(bytes(data)) not in self.intact_dense:
                self.violations.append("FAISS was given damaged bytes")
            return real_deserialize(data)

        def load(cls: type[LexicalIndex], folder: Path) -> LexicalIndex:
            if tree(folder) != self.intact_bm25.get(folder.resolve()):
                self.violations.append(f"bm25s read a damaged folder {folder}")
            return real_load(cls, folder)  # type: ignore[no-any-return]

        with ExitStack() as stack:
            stack.enter_context(mock.patch.object(faiss, "deserialize_index", deserialize))
            stack.enter_context(mock.patch.object(LexicalIndex, "load", classmethod(load)))
            yield


def integrity_run(
    settings: Settings, embedder: Embedder, flips: int, seed: int = 7
) -> IntegrityReport:
    """Damage every file of the current build, one damage at a time, and check each load.

    `settings.build_dir` must hold two intact builds: the current one and a previous one with
    other chunks. Each damage must be refused before FAISS or bm25s read it, with a message naming
    the file, and the previous build must be served (for a damaged CURRENT: the newest build, which
    is intact). The file is restored after each damage.
    """
    current = current_build(settings)
    assert current is not None
    previous = [p for p in (settings.build_dir / "builds").iterdir() if p != current]
    assert len(previous) == 1, "expected one previous build"
    previous_index = index_module._load_build(previous[0], settings, embedder)
    previous_ids = [c.id for c in previous_index.chunks]
    current_ids = [c.id for c in index_module._load_build(current, settings, embedder).chunks]
    intact_dense = {sha256((b / "dense.faiss").read_bytes()) for b in (current, previous[0])}
    intact_bm25 = {(b / "bm25").resolve(): tree(b / "bm25") for b in (current, previous[0])}
    guard = _Guard(intact_dense, intact_bm25)
    rng = random.Random(seed)
    report = IntegrityReport()
    log = logging.getLogger("kb.store")
    for path in build_files(settings):
        original = path.read_bytes()
        report.files.add(path.relative_to(settings.build_dir).as_posix())
        for damage in damages(path, flips, rng):
            if damage.data == original:
                continue
            report.injected += 1
            label = f"{path.name}: {damage.what}"
            path.write_bytes(damage.data)
            try:
                with guard.installed(), _captured(log) as warnings:
                    served = _load_quietly(settings, embedder)
                message = warnings[0] if warnings else ""
                if not message:
                    report.failures.append(f"{label}: loaded without a warning")
                elif path.name not in message or "kb build --force" not in message:
                    report.failures.append(f"{label}: unclear message {message!r}")
                else:
                    report.detected += 1
                # A damaged CURRENT leaves every build intact: the newest one serves.
                wanted = current_ids if path.name == "CURRENT" else previous_ids
                if served is not None and [c.id for c in served.chunks] == wanted:
                    report.intact_served += 1
                else:
                    report.failures.append(f"{label}: no intact build was served")
            finally:
                path.write_bytes(original)
            report.failures += [f"{label}: {v}" for v in guard.violations]
            guard.violations.clear()
    return report


def _load_quietly(settings: Settings, embedder: Embedder) -> Index | None:
    try:
        return load_index(settings, embedder)
    except IndexLoadError:
        return None


@contextmanager
def _captured(logger: logging.Logger) -> Iterator[list[str]]:
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def reseal(folder: Path, names: list[str]) -> None:
    """Give the files `names` matching entries in the manifest and the manifest its checksum:
    what a buggy writer that hashes what it wrote would leave behind."""
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_bytes())
    for name in names:
        data = (folder / name).read_bytes()
        manifest["files"][name] = {"size": len(data), "sha256": sha256(data)}
    data = json.dumps(manifest, indent=2).encode()
    manifest_path.write_bytes(data)
    (folder / index_module.MANIFEST_CHECKSUM).write_text(f"{sha256(data)}  manifest.json\n")


# --- Failing writes: disk full and I/O errors ---------------------------------------------------


class FaultInjector:
    """Counts the write operations made under `roots` and fails the `fail_at`-th one.

    Write operations: opening a file for writing, the first write to it, closing it after a write
    (where the buffered rest reaches the disk), fsync, rename, replace and mkdir.
    """

    def __init__(self, roots: list[Path], fail_at: int | None = None, code: int = 0) -> None:
        self.roots = [str(r.resolve()) for r in roots]
        self.fail_at = fail_at
        self.code = code
        self.ops: list[str] = []

    def hit(self, what: str) -> None:
        self.ops.append(what)
        if self.fail_at is not None and len(self.ops) - 1 == self.fail_at:
            raise OSError(self.code, os.strerror(self.code), what)

    def _ours(self, path: Any) -> bool:
        if isinstance(path, int):
            return True  # os.fdopen of a descriptor that mkstemp opened under a root
        name = os.path.abspath(os.fsdecode(path))
        return any(name.startswith(root) for root in self.roots)

    def _short(self, path: Any) -> str:
        if isinstance(path, int):
            return f"fd {path}"
        name = os.path.abspath(os.fsdecode(path))
        for root in self.roots:
            if name.startswith(root):
                return os.path.basename(root) + name[len(root) :]
        return name

    @contextmanager
    def installed(self) -> Iterator[FaultInjector]:
        real_open, real_os_open = io.open, os.open
        real = {name: getattr(os, name) for name in ("fsync", "rename", "replace", "mkdir")}
        fd_paths: dict[int, str] = {}

        def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            writing = any(c in mode for c in "wax+")
            if writing and self._ours(file):
                what = fd_paths.get(file, "fd") if isinstance(file, int) else self._short(file)
                self.hit(f"open {what}")
                return _FaultyFile(real_open(file, mode, *args, **kwargs), self, what)
            handle = real_open(file, mode, *args, **kwargs)
            if not isinstance(file, int) and self._ours(file):
                fd_paths[handle.fileno()] = self._short(file)  # to name what is fsynced
            return handle

        def fake_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            creating = flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR)
            if creating and self._ours(path):
                self.hit(f"create {self._short(path)}")
            fd: int = real_os_open(path, flags, *args, **kwargs)
            fd_paths[fd] = self._short(path)
            return fd

        def fake_fsync(fd: Any) -> None:
            self.hit(f"fsync {fd_paths.get(fd, 'file') if isinstance(fd, int) else 'file'}")
            real["fsync"](fd)

        def fake_rename(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            if self._ours(dst):
                self.hit(f"rename {self._short(src)} -> {self._short(dst)}")
            real["rename"](src, dst, *args, **kwargs)

        def fake_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            if self._ours(dst):
                self.hit(f"replace {self._short(src)} -> {self._short(dst)}")
            real["replace"](src, dst, *args, **kwargs)

        def fake_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
            if self._ours(path) and not os.path.exists(path):
                self.hit(f"mkdir {self._short(path)}")
            real["mkdir"](path, *args, **kwargs)

        with ExitStack() as stack:
            stack.enter_context(mock.patch.object(io, "open", fake_open))
            stack.enter_context(mock.patch.object(builtins, "open", fake_open))
            stack.enter_context(mock.patch.object(os, "open", fake_os_open))
            stack.enter_context(mock.patch.object(os, "fsync", fake_fsync))
            stack.enter_context(mock.patch.object(os, "rename", fake_rename))
            stack.enter_context(mock.patch.object(os, "replace", fake_replace))
            stack.enter_context(mock.patch.object(os, "mkdir", fake_mkdir))
            yield self


class _FaultyFile:
    """A file opened for writing whose first write and whose close are write operations."""

    def __init__(self, handle: Any, injector: FaultInjector, name: str) -> None:
        self._handle = handle
        self._injector = injector
        self._name = name
        self._written = False
        self._closed = False

    def write(self, data: Any) -> Any:
        if not self._written:
            self._written = True
            self._injector.hit(f"write {self._name}")
        return self._handle.write(data)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if self._written:  # only then does closing write anything (the buffered rest)
                self._injector.hit(f"close {self._name}")
        finally:
            self._handle.close()

    def __enter__(self) -> _FaultyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@dataclass
class WriteFaultReport:
    operations: list[str] = field(default_factory=list)
    injected: int = 0
    refused: int = 0
    """Builds that failed with the injected error and left the old build serving, intact."""
    recovered: int = 0
    """Builds that succeeded when run again without the fault."""
    failures: list[str] = field(default_factory=list)


def write_fault_run(
    settings: Settings,
    embedder_factory: Callable[[], Embedder],
    new_chunks: list[Chunk],
    codes: dict[int, int] | None = None,
    recover_every: int = 1,
) -> WriteFaultReport:
    """Fail each write operation of a build of `new_chunks` in turn, with each error code.

    Args:
        codes: error code -> stride: fail every stride-th operation with that code (default:
            every operation with ENOSPC and with EIO).
        recover_every: after every this many failed builds, check that a build without the
            fault succeeds.

    `settings.build_dir` and `settings.cache_dir` hold the old build and its cache; they are
    restored from a copy after each run.
    """
    codes = codes or {errno.ENOSPC: 1, errno.EIO: 1}
    roots = [settings.build_dir, settings.cache_dir]
    template = settings.build_dir.parent / "write-fault-template"
    restore_pairs = [(template / r.name, r) for r in roots]
    for saved, root in restore_pairs:
        restore(root, saved)
    old_current = (settings.build_dir / "CURRENT").read_bytes()
    old_build = tree(settings.build_dir)
    old_id = load_index(settings, embedder_factory()).build_id

    report = WriteFaultReport()
    with FaultInjector(roots).installed() as dry:
        build_index(new_chunks, settings, embedder_factory(), force=True)
    report.operations = list(dry.ops)
    for code, stride in codes.items():
        for at, operation in enumerate(report.operations):
            if at % stride:
                continue
            for saved, root in restore_pairs:
                restore(saved, root)
            label = f"{errno.errorcode[code]} at {operation}"
            report.injected += 1
            try:
                with FaultInjector(roots, at, code).installed():
                    build_index(new_chunks, settings, embedder_factory(), force=True)
            except OSError as exc:
                if exc.errno != code:
                    report.failures.append(f"{label}: failed with another error {exc!r}")
                    continue
            else:
                report.failures.append(f"{label}: the build did not fail")
                continue
            problems = _old_build_problems(settings, embedder_factory(), old_current, old_build)
            if problems:
                report.failures += [f"{label}: {p}" for p in problems]
                continue
            report.refused += 1
            if report.refused % recover_every:
                continue
            info = build_index(new_chunks, settings, embedder_factory(), force=True)
            if load_index(settings, embedder_factory()).build_id == info.build_id != old_id:
                report.recovered += 1
            else:
                report.failures.append(f"{label}: the build after it did not switch")
    return report


def _old_build_problems(
    settings: Settings, embedder: Embedder, old_current: bytes, old_build: dict[str, str]
) -> list[str]:
    problems: list[str] = []
    if (settings.build_dir / "CURRENT").read_bytes() != old_current:
        problems.append("CURRENT changed")
    now = tree(settings.build_dir)
    if now != old_build:
        changed = sorted(set(now.items()) ^ set(old_build.items()))
        problems.append(f"build folder changed: {changed[:4]}")
    problems += [f"temp file left: {p}" for p in stray_temp_files(*_roots(settings))]
    problems += _cache_problems(settings, embedder)
    with _captured(logging.getLogger("kb.store")) as warnings:
        served = _load_quietly(settings, embedder)
    if served is None or warnings:
        problems.append(f"the old build does not load cleanly: {warnings}")
    return problems


def _roots(settings: Settings) -> list[Path]:
    return [settings.build_dir, settings.cache_dir]


def _cache_problems(settings: Settings, embedder: Embedder) -> list[str]:
    """The embedding cache holds its index and the one vectors file it names, nothing else."""
    cache = EmbeddingCache(settings.cache_dir, embedder)
    index_path = cache.folder / "index.json"
    if not index_path.is_file():
        return []
    named = json.loads(index_path.read_bytes())["vectors"]
    extra = sorted(p.name for p in cache.folder.iterdir() if p.name not in ("index.json", named))
    problems = [f"cache files left: {extra}"] if extra else []
    if len(cache) == 0:
        problems.append("the embedding cache no longer loads")
    return problems


# --- Killed builds ------------------------------------------------------------------------------


@dataclass
class KillReport:
    kills: int = 0
    old: int = 0
    new: int = 0
    during_write: int = 0
    """Kills that landed after the build's temp folder appeared (writing or switching)."""
    finished_first: int = 0
    failures: list[str] = field(default_factory=list)


def kb_env(settings: Settings, chunk_size: int, embedder: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        KB_BUILD_DIR=str(settings.build_dir),
        KB_CACHE_DIR=str(settings.cache_dir),
        KB_CORPUS_DIR=str(settings.corpus_dir),
        KB_EMBEDDER=embedder,
        KB_CHUNK_SIZE=str(chunk_size),
        PYTHONUNBUFFERED="1",
    )
    return env


def run_build(settings: Settings, chunk_size: int, embedder: str) -> float:
    """`kb build --force` to the end; returns the seconds from its temp folder to its exit."""
    process = subprocess.Popen(
        [str(KB), "build", "--force"],
        env=kb_env(settings, chunk_size, embedder),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    appeared = _wait_for_temp_folder(settings, process)
    _, stderr = process.communicate(timeout=600)
    if process.returncode != 0:
        raise RuntimeError(f"kb build failed: {stderr.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - appeared if appeared else 0.0


def _wait_for_temp_folder(settings: Settings, process: subprocess.Popen[bytes]) -> float:
    builds = settings.build_dir / "builds"
    known = {p.name for p in builds.iterdir()} if builds.is_dir() else set()
    while process.poll() is None:
        if builds.is_dir() and any(
            p.name.startswith(".tmp-") and p.name not in known for p in builds.iterdir()
        ):
            return time.perf_counter()
        time.sleep(0.002)
    return 0.0


def kill_run(
    settings: Settings,
    embedder: Embedder,
    expected: dict[int, list[Chunk]],
    kills: int,
    seed: int = 11,
    embedder_name: str | None = None,
) -> KillReport:
    """Kill `kb build --force` with SIGKILL `kills` times and check what is left each time.

    `expected` maps two chunk sizes to the chunks that a build with that size holds; the build
    folder starts with one of them built. Each run builds the other size, so old and new differ.
    Half the kills land at a uniform moment of the whole run, half in the write phase (timed
    from the moment the build's temp folder appears).
    """
    rng = random.Random(seed)
    name = embedder_name or embedder.name
    sizes = sorted(expected)
    fingerprints = {
        size: [c.model_dump_json() for c in chunks] for size, chunks in expected.items()
    }

    def size_of(index: Index) -> int | None:
        rows = [c.model_dump_json() for c in index.chunks]
        return next((s for s, f in fingerprints.items() if f == rows), None)

    started = time.perf_counter()
    write_window = run_build(settings, sizes[0], name)
    whole_run = time.perf_counter() - started
    report = KillReport()
    for trial in range(kills):
        old_index = load_index(settings, embedder)
        old_size = size_of(old_index)
        target = sizes[1] if old_size == sizes[0] else sizes[0]
        process = subprocess.Popen(
            [str(KB), "build", "--force"],
            env=kb_env(settings, target, name),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if trial % 2:
            time.sleep(rng.uniform(0.0, whole_run))
        else:
            _wait_for_temp_folder(settings, process)
            time.sleep(rng.uniform(0.0, write_window))
            report.during_write += 1
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        else:
            report.finished_first += 1
        process.wait(timeout=60)
        report.kills += 1
        label = f"kill {trial + 1}"
        with _captured(logging.getLogger("kb.store")) as warnings:
            try:
                index = load_index(settings, embedder)
            except IndexLoadError as exc:
                report.failures.append(f"{label}: the index does not load: {exc}")
                continue
        if warnings:
            report.failures.append(f"{label}: the current build is damaged: {warnings[0]}")
        now = size_of(index)
        if now == old_size and index.build_id == old_index.build_id:
            report.old += 1
        elif now == target:
            report.new += 1
        else:
            report.failures.append(f"{label}: the loaded index is neither the old nor the new")
    return report


# --- Hostile input ------------------------------------------------------------------------------

LONG_WORDS = "techniek " * 1200

BAD_QUESTIONS: dict[str, str] = {
    "empty": "",
    "spaces": "     ",
    "tabs and newlines": "\t\n\r\n\t",
    "one character": "a",
    "one digit": "9",
    "one punctuation mark": "?",
    "10,000 characters": (LONG_WORDS * 2)[:10_000],
    "1,000,000 characters": ("hoeveel cross-over kwalificaties " * 40_000)[:1_000_000],
    "one 10,000-character word": "x" * 10_000,
    "NUL and control characters": "hoe\x00veel\x01 \x07cross-over\x1b[31m kwalificaties\x7f?",
    "only control characters": "\x00\x01\x02\x1f\x7f",
    "C1 controls": "wat\x85 is\x9b het doel?",
    "right-to-left override": "hoeveel \u202ecross-over\u202c kwalificaties?",
    "zero-width characters": "hoe\u200bveel\u200c cross\u200d-over\ufeff kwalificaties?",
    "only zero-width characters": "\u200b\u200c\u200d\ufeff",
    "emoji": "🤖🔧 hoeveel techniek 👩‍🔬🇳🇱?",
    "only emoji": "🤖🔧👩‍🔬",
    "English": "How many cross-over qualifications relate to technology?",
    "Arabic": "كم عدد المؤهلات المتقاطعة المتعلقة بالتكنولوجيا؟",
    "Chinese": "有多少跨界资格与技术有关？",
    "Hebrew and Dutch mixed": "שלום wat doet het Techniekpact?",
    "SQL injection": "'; DROP TABLE chunks; -- OR 1=1",
    "regex metacharacters": ".*+?^${}()|[]\\ (a+)+$ [^\\w]",
    "unbalanced bracket": "[[[(((",
    "format string braces": "{0} {name} {} {{}} {0!r:>10}",
    "percent format": "%s %d %n %x %(name)s",
    "HTML": "<b>vet</b> <i>schuin</i> <a href='x'>link</a>",
    "script tag": '<script>alert("xss")</script> techniek',
    "img onerror": "<img src=x onerror=alert(1)>",
    "markdown link payload": "[klik](javascript:alert(1)) techniek",
    "markdown image and heading": "# Kop\n![x](http://evil.example/x.png) **vet** `code`",
    "streamlit markup": ":red[rood] $x^2$ :material/home:",
    "soft hyphens": "bè\u00adta\u00adtech\u00adniek",
    "ligatures": "ﬁnanciering van de techniek ﬂ",
    "decomposed accents": "be\u0300tatechniek en cre\u0301atief",
    "fullwidth letters": "ｔｅｃｈｎｉｅｋ",
    "lone surrogate": "techniek \ud800 onderwijs",
    "private use and noncharacters": "\ue000\uffff\ufffe techniek",
    "combining marks only": "\u0301\u0300\u0308",
    "path traversal": "../../etc/passwd",
    "null-like words": "None null undefined NaN",
    "very long line of punctuation": "!?.," * 2500,
    "Dutch question": "Hoeveel cross-over kwalificaties raken aan de techniek?",
    "Dutch question, upper case": "WAT IS HET TECHNIEKPACT?",
}
"""Questions that people (or scripts) may send: each must get passages or a clear message."""

BAD_FILTERS: dict[str, dict[str, Any]] = {
    "goal 'abc' (a string)": {"goals": ("abc",)},
    "goal 99": {"goals": (99,)},
    "goal 0": {"goals": (0,)},
    "goal -1": {"goals": (-1,)},
    "goal 1.5": {"goals": (1.5,)},
    "goal None": {"goals": (None,)},
    "region 'Atlantis'": {"regions": ("Atlantis",)},
    "region 5 (a number)": {"regions": (5,)},
    "region ''": {"regions": ("",)},
    "kind 'foo'": {"kinds": ("foo",)},
    "kind None": {"kinds": (None,)},
    "document 'nope'": {"documents": ("nope",)},
    "goal 9 and region 'Atlantis'": {"goals": (9,), "regions": ("Atlantis",)},
}
"""Filter values that do not exist or have the wrong type: a clear message, no crash."""


@dataclass
class InputReport:
    tried: int = 0
    answered: int = 0
    refused: int = 0
    """Clear refusals (an empty question, an unknown filter value)."""
    crashes: list[str] = field(default_factory=list)


def search_inputs(
    index: Index,
    ask: Callable[[Index, str, Filters | None], object] | None = None,
    *,
    questions_only: bool = False,
) -> InputReport:
    """Every bad question (alone and with a goal filter) and every bad filter through `ask`
    (default: `Index.search`); with `questions_only`, only the questions, without filters."""
    run = ask or (lambda idx, q, f: idx.search(q, f, 5))
    report = InputReport()
    cases: list[tuple[str, str, Filters | None]] = [
        (name, text, None) for name, text in BAD_QUESTIONS.items()
    ]
    question = BAD_QUESTIONS["Dutch question"]
    if not questions_only:
        cases += [(name, question, Filters(**values)) for name, values in BAD_FILTERS.items()]
        cases += [
            (f"{name} + goal 9", text, Filters(goals=(9,))) for name, text in BAD_QUESTIONS.items()
        ]
    for name, text, filters in cases:
        report.tried += 1
        try:
            run(index, text, filters)
        except SearchError as exc:
            if not str(exc) or "\n" in str(exc):
                report.crashes.append(f"{name}: unclear message {exc!r}")
            else:
                report.refused += 1
        except Exception as exc:
            report.crashes.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
        else:
            report.answered += 1
    return report
