"""Start the app as `streamlit run app/main.py` does, with the answer modules imported while
the server starts: `python -m app.launch [streamlit run options]` (what `make app` runs).

Streamlit imports the app's modules on the first page run, after the browser has loaded the
page; imported here in the background, they are ready by then, so the first page is drawn
about half a second sooner. The page modules themselves (`app/views/`) draw when imported and
are left to Streamlit.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

MAIN = Path(__file__).with_name("main.py")


def _preload() -> None:
    try:
        import app.ask
        import app.check_page
        import app.read  # noqa: F401
    except Exception:  # only a slower first page: the page run imports them again
        log.exception("preloading the app's modules failed")


def main(argv: list[str] | None = None) -> None:
    """Run `streamlit run app/main.py` with `argv` as its options."""
    from streamlit.web import cli

    threading.Thread(target=_preload, name="preload", daemon=True).start()
    options = sys.argv[1:] if argv is None else argv
    cli.main(["run", str(MAIN), *options], prog_name="streamlit")


if __name__ == "__main__":
    main()
