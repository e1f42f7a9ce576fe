"""What the app loads once per process: settings, the embedding model, the index.

`st.cache_resource` keeps one embedder and one loaded index per process, shared by every
session. The index is keyed by the build id named in CURRENT, so a `kb build` while the app
runs is picked up on the next question. On a first start without a build, the corpus is
ingested and indexed here, with a progress display.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable

import streamlit as st

from app.present import escape
from app.session import Conversations
from ingest.errors import IngestError
from kb import Index, Settings, build_index, load_index
from kb.embed import Embedder, make_embedder
from kb.errors import EmbedderError, IndexLoadError, KbError, SettingsError
from kb.feedback import FEEDBACK_FILE, FeedbackStore
from kb.settings import load_settings
from kb.store import current_build, has_builds

log = logging.getLogger(__name__)

STAGES = {
    "ingest": "Rapport lezen",
    "embed": "Passages inbedden",
    "embed sentences": "Zinnen inbedden (voor de antwoorden)",
    "index": "Zoekindex maken",
    "write": "Index opslaan",
}


class AppStartError(RuntimeError):
    """The app cannot start; the message is Dutch and meant for the reader."""


def settings() -> Settings:
    """The settings from defaults, `kb.toml` and `KB_*` environment variables."""
    try:
        return load_settings()
    except SettingsError as exc:
        raise AppStartError(f"De instellingen kloppen niet: {exc}") from exc


@st.cache_resource(show_spinner=False)
def _embedder(key: str, _settings: Settings) -> Embedder:
    return make_embedder(_settings)


WARM_UP_QUESTION = "Hoeveel cross-over kwalificaties raken aan de techniek?"


_WARMED: weakref.WeakSet[Index] = weakref.WeakSet()
"""The loaded indexes already warmed up (an index dropped from the cache leaves the set, so a
new one is never mistaken for it)."""
_WARMED_LOCK = threading.Lock()


def warm_up(index: Index) -> None:
    """Answer one question in the background, once per loaded index: the first question
    pays for the model's first inference and the answer step's lazy tables (LightGBM's
    import). Called when a page has been drawn, so that it does not slow the first page."""
    with _WARMED_LOCK:
        if index in _WARMED:
            return
        _WARMED.add(index)
    threading.Thread(target=_warm_up, args=(index,), name="warm-up", daemon=True).start()


def _warm_up(index: Index) -> None:
    from kb import answer

    started = time.perf_counter()
    try:
        answer(index, WARM_UP_QUESTION)
    except Exception:  # a warm-up that fails only means the first question is slower
        log.exception("warm-up failed")
    log.info("warm-up took %.2f s", time.perf_counter() - started)


@st.cache_resource(show_spinner="De zoekindex wordt geladen …", max_entries=2)
def _index(key: str, build_id: str, _settings: Settings) -> Index:
    return load_index(_settings, embedder(_settings))


def _embedder_key(config: Settings) -> str:
    return f"{config.embedder}|{config.st_query_prompt}|{config.st_passage_prompt}"


def embedder(config: Settings) -> Embedder:
    """The process's embedding model for these settings."""
    try:
        return _embedder(_embedder_key(config), config)
    except EmbedderError as exc:
        raise AppStartError(f"Het taalmodel kan niet worden geladen: {exc}") from exc


def _build(config: Settings, report: Callable[[str, int, int], None]) -> list[str]:
    """Ingest and build; the warnings of corpus files that were left out."""
    from kb.answers.model import model_id
    from kb.build import ingest

    result = ingest(config, lambda name, done, total: report("ingest", done, total))
    build_index(
        result.chunks,
        config,
        embedder(config),
        report,
        corpus_hash=result.corpus_hash,
        answer_model=model_id(),
    )
    return result.skipped


def build_with_progress(config: Settings) -> None:
    """Ingest the corpus and build the index, showing each stage and a progress bar."""
    with st.status("Eerste start: de zoekindex wordt gebouwd …", expanded=True) as status:
        st.write("Dit gebeurt eenmalig; de balk loopt per stap en per groep zinnen.")
        bar = st.progress(0.0, text="Voorbereiden …")

        def report(stage: str, done: int, total: int) -> None:
            label = STAGES.get(stage, "Bezig …")
            if total > 1:
                label += f": {done} van {total}"
            fraction = done / total if total else 0.0
            bar.progress(min(max(fraction, 0.0), 1.0), text=label)

        skipped = _build(config, report)
        status.update(label="De zoekindex is klaar.", state="complete", expanded=False)
    for warning in skipped:
        log.warning("corpus file left out: %s", warning)
        st.warning(
            "Een bestand in de corpusmap kon niet worden gelezen en is overgeslagen; de rest "
            f"van het corpus is gebouwd. {escape(warning)}"
        )


def index(config: Settings) -> Index:
    """The loaded index of the current build; builds it first when there is none.

    Raises:
        AppStartError: no index can be built or loaded (with a Dutch message).
    """
    # Where the feedback goes does not change the index.
    key = config.model_dump_json(exclude={"data_dir"})
    try:
        try:
            folder = current_build(config)
        except IndexLoadError as exc:
            # A damaged CURRENT pointer: load_index serves the newest intact build instead.
            log.warning("current build unreadable, falling back: %s", exc)
            return _index(key, "", config)
        if folder is None and has_builds(config):
            # CURRENT is missing but builds are on disk: load_index serves the newest intact
            # one (with a warning); a full rebuild would take minutes and hide the damage.
            log.warning(
                "no CURRENT pointer in %s; serving the newest intact build", config.build_dir
            )
            return _index(key, "", config)
        if folder is None:
            build_with_progress(config)
            folder = current_build(config)
        if folder is None:
            raise AppStartError("De zoekindex kon niet worden gebouwd.")
        return _index(key, folder.name, config)
    except IndexLoadError as exc:
        log.warning("index not loaded: %s", exc)
        raise AppStartError(
            "De zoekindex kan niet worden geladen. Bouw hem opnieuw met `kb build --force`."
        ) from exc
    except (OSError, IngestError, KbError) as exc:
        # Unreadable corpus files and parse errors name the file.
        log.warning("index not built: %s", exc)
        raise AppStartError(f"De zoekindex kan niet worden gebouwd: {exc}") from exc


@st.cache_resource(show_spinner=False)
def conversations() -> Conversations:
    """The process's conversations, shared by every session (for a reload)."""
    return Conversations()


def feedback_store(config: Settings) -> FeedbackStore:
    """The feedback file in the data folder of these settings."""
    return FeedbackStore(config.data_dir / FEEDBACK_FILE)


__all__ = [
    "AppStartError",
    "build_with_progress",
    "conversations",
    "embedder",
    "feedback_store",
    "index",
    "settings",
    "warm_up",
]
