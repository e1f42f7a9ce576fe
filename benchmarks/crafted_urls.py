"""The crafted-URL list through the app's pages with AppTest (figures, not a test; issue 15).

    .venv/bin/python benchmarks/crafted_urls.py [--limit N]

Each URL of tests/support/crafted_urls.py opens its page (Vragen or Lezen) of the app on a
build of the report (fake embedder, in a temporary folder), with the URL's query parameters;
an exception on the page, or one out of AppTest, counts. CI replays the same list through the
parsers (tests/test_crafted_urls.py) and seven of them through the pages (tests/test_app.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from kb.build import build_index, ingest  # noqa: E402
from kb.embed import FakeEmbedder  # noqa: E402
from kb.settings import Settings  # noqa: E402
from tests.support.app_fixtures import APP, app_env  # noqa: E402
from tests.support.crafted_urls import crafted_urls  # noqa: E402

PAGES = {"/vragen": "views/vragen.py", "/lezen": "views/lezen.py"}


def replay(url: str) -> str | None:
    """None when the page ran cleanly, else what went wrong."""
    parts = urlsplit(url)
    params = parse_qs(parts.query, keep_blank_values=True)
    try:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        at.switch_page(PAGES[parts.path])
        for name, values in params.items():
            at.query_params[name] = values[-1] if len(values) == 1 else values
        at.run()
    except Exception as exc:  # counted: this is the figure
        return f"{type(exc).__name__}: {str(exc)[:120]}"
    if at.exception:
        return f"page exception: {at.exception[0].value[:120]}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="replay only the first N URLs")
    args = parser.parse_args()
    urls = crafted_urls()[: args.limit or None]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        settings = Settings(
            corpus_dir=ROOT / "corpus",
            build_dir=work / "build",
            cache_dir=work / "cache",
            embedder="fake:64",
        )
        result = ingest(settings)
        build_index(result.chunks, settings, FakeEmbedder(64), corpus_hash=result.corpus_hash)
        os.environ.update(app_env(settings, work / "data"))
        started = time.perf_counter()
        failures = [(url, problem) for url in urls if (problem := replay(url)) is not None]
        seconds = time.perf_counter() - started
    for url, problem in failures:
        print(f"  {url[:100]}: {problem}")
    print(f"crafted URLs: {len(urls)} tried, {len(failures)} exceptions, {seconds:.0f} s")


if __name__ == "__main__":
    main()
