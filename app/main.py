"""Vraagbaak Techniekpact, the Streamlit app: `streamlit run app/main.py`.

Settings come from `kb.toml` and `KB_*` environment variables (`KB_BUILD_DIR`, `KB_DATA_DIR`,
...). The index and the embedding model load once per process; on a first start without an
index, it is built here with a progress display. Three pages: "Vragen" (the chat,
app/ask.py), "Lezen" (the report by goal, app/read.py) and "Controleren" (claims and drafts
checked against the report, app/check_page.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from app import resources
from app.browser import setup_page

log = logging.getLogger(__name__)

st.set_page_config(
    page_title="Vraagbaak Techniekpact",
    # Served from the app itself: a Material icon here is fetched from an outside font host
    # on every page load (a ministry intranet may have no internet, and the host sees visits).
    page_icon=str(Path(__file__).parent / "static" / "icon.png"),
    layout="wide",
    menu_items={
        "About": "Vraagbaak Techniekpact: antwoorden als letterlijke citaten uit het rapport."
    },
)

setup_page()
try:
    loaded = resources.index(resources.settings())
except resources.AppStartError as exc:
    log.warning("app not started: %s", exc)
    st.error(str(exc))
    st.stop()

navigation = st.navigation(
    [
        st.Page("views/vragen.py", title="Vragen", icon=":material/forum:", default=True),
        st.Page("views/lezen.py", title="Lezen", icon=":material/menu_book:", url_path="lezen"),
        st.Page(
            "views/controleren.py",
            title="Controleren",
            icon=":material/fact_check:",
            url_path="controleren",
        ),
    ]
)
try:
    navigation.run()
except resources.AppStartError as exc:
    st.error(str(exc))
resources.warm_up(loaded)
