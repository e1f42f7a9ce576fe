"""The red team's hostile corpus at full size (figures, not a test; issue 15, cases 1, 3, 5, 11).

    .venv/bin/python benchmarks/hostile_corpus.py [--scale 12] [--big-mb 50]

1. Each hostile file of tests/support/hostile_corpus.py, made just over the default limits
   (`ingest.read.ReadLimits()`), is ingested alone beside one good file: it must be read or
   skipped with a message naming it, never crash (an exception out of `ingest_corpus`).
2. The whole hostile corpus through `kb build` (a subprocess, fake embedder): exit 0, one
   warning per file left out.
3. Ingest time of a hard-wrapped file of `--big-mb` MB (refused by the size limit), of one just
   under the limit, and of initials ("J. Jansen") just under the limit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.errors import IngestError  # noqa: E402
from ingest.pipeline import ingest_corpus  # noqa: E402
from ingest.read import ReadLimits  # noqa: E402
from tests.support.hostile_corpus import GOOD_TEXT, make_hostile_corpus  # noqa: E402

LIMITS = ReadLimits()


def one_by_one(hostile: Path, names: list[str], work: Path) -> dict[str, int]:
    """Ingest each file alone beside a good one; count read, skipped and crashed."""
    counts = {"tried": 0, "read": 0, "skipped": 0, "crashed": 0}
    for name in names:
        corpus = work / f"alone-{counts['tried']}" / "corpus"
        corpus.mkdir(parents=True)
        (corpus / "goed.txt").write_text(GOOD_TEXT, encoding="utf-8")
        source = hostile / name
        if source.is_symlink():
            (corpus / name).symlink_to(os.readlink(source))
        elif source.is_fifo():
            os.mkfifo(corpus / name)
        elif source.is_dir():
            (corpus / name).mkdir()
        else:
            shutil.copyfile(source, corpus / name)
        counts["tried"] += 1
        started = time.perf_counter()
        try:
            result = ingest_corpus(corpus, limits=LIMITS)
        except Exception as exc:  # counted, not hidden: this is what the figure is about
            counts["crashed"] += 1
            print(f"  CRASH {name}: {type(exc).__name__}: {exc}")
            continue
        seconds = time.perf_counter() - started
        named = [w for w in result.skipped if name in w or "geheim" in w]
        if named:
            counts["skipped"] += 1
            print(f"  skipped {name} ({seconds:.2f} s): {named[0][:140]}")
        else:
            counts["read"] += 1
            print(f"  read    {name} ({seconds:.2f} s)")
    return counts


def whole_build(corpus: Path, work: Path) -> None:
    env = {**os.environ, "KB_EMBEDDER": "fake:64", "KB_CACHE_DIR": str(work / "cache")}
    started = time.perf_counter()
    command = ["build", "--corpus", str(corpus), "--build-dir", str(work / "build")]
    result = subprocess.run(
        [sys.executable, "-m", "kb.cli", *command],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    traceback = "Traceback" in result.stderr
    print(
        f"kb build of the whole hostile corpus: exit {result.returncode}, {len(warnings)} "
        f"warnings, traceback: {traceback}, {seconds:.1f} s"
    )


def timed_ingest(work: Path, name: str, text: str) -> None:
    corpus = work / f"big-{name}" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "goed.txt").write_text(GOOD_TEXT, encoding="utf-8")
    size = (corpus / name).stat().st_size
    started = time.perf_counter()
    result = ingest_corpus(corpus, limits=LIMITS)
    seconds = time.perf_counter() - started
    outcome = "skipped: " + result.skipped[0][-60:] if result.skipped else "read"
    chunks = [c for c in result.chunks if c.document == Path(name).stem]
    longest = max((len(c.text) for c in chunks), default=0)
    print(
        f"ingest of {name} ({size / 1024 / 1024:.1f} MB): {seconds:.2f} s, {outcome}, "
        f"{len(chunks)} chunks, longest {longest} characters"
    )


def hard_wrapped(size: int) -> str:
    line = "de leerlingen kiezen vaker voor tech-\nniek en bedrijven in de regio werken mee\n"
    return line * (size // len(line.encode()))


def initials(size: int) -> str:
    line = "J. Jansen, K. de Vries en A. B. C. Bakker, "
    return line * (size // len(line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=int, default=12, help="size of the slow-to-clean files (x 200-300 KB)"
    )
    parser.add_argument("--big-mb", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        started = time.perf_counter()
        hostile = make_hostile_corpus(work / "hostile", LIMITS, scale=args.scale)
        print(f"hostile corpus made in {time.perf_counter() - started:.1f} s: {hostile.folder}")
        names = [*hostile.skipped, *hostile.read]
        counts = one_by_one(hostile.folder, names, work)
        print(
            f"hostile files: {counts['tried']} tried, {counts['read']} read, "
            f"{counts['skipped']} skipped with a message, {counts['crashed']} crashed "
            f"(expected: {len(hostile.skipped)} skipped, {len(hostile.read)} read)"
        )
        whole_build(hostile.folder, work)
        timed_ingest(work, "groot.txt", hard_wrapped(args.big_mb * 1024 * 1024))
        under = LIMITS.text_bytes - 1024
        timed_ingest(work, "afgebroken.txt", hard_wrapped(under))
        timed_ingest(work, "initialen.txt", initials(under))
        try:
            ingest_corpus(hostile.folder, strict=True, limits=LIMITS)
        except IngestError as exc:
            print(f"strict ingest refuses: {str(exc)[:120]}")


if __name__ == "__main__":
    main()
