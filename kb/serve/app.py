"""The HTTP API's app factory and its start: `create_app` for tests and `serve` for
`kb serve` (uvicorn, one process: the model and the index are loaded once and shared by its
threads).

>>> app = create_app(holder_for(settings, make_embedder(settings)), ServeOptions())
>>> TestClient(app).post("/v1/answer", json={"question": "Wanneer sloten FME en 4TU een pact?"})
<Response [200 OK]>
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass, field

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from kb.answers import answer
from kb.errors import UsageError
from kb.render import SCHEMA_VERSION
from kb.serve.guard import AccessLog, ApiKey, BodyLimit
from kb.serve.holder import IndexHolder
from kb.serve.models import Limits
from kb.serve.problems import install_problem_handlers
from kb.serve.routes import ROUTERS

DESCRIPTION = """Answers Dutch questions about the Techniekpact progress report by quoting it
verbatim, with the sources. Responses follow the JSON schema of `kb ask --json`
(`schema_version` in every record); errors are problem bodies (RFC 9457) in English and Dutch.
Limits: see the README (question length, `k`, batch size, body size)."""


WARM_UP_QUESTION = "Hoeveel cross-over kwalificaties raken aan de techniek?"


@dataclass(frozen=True)
class ServeOptions:
    """How the server runs; the defaults are the safe ones."""

    host: str = "127.0.0.1"
    port: int = 8000
    api_key: str | None = None
    cors_origins: tuple[str, ...] = ()
    log_questions: bool = False
    limits: Limits = field(default_factory=Limits)


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_options(options: ServeOptions) -> None:
    """Refuse to serve on a non-loopback address without an API key.

    Raises:
        UsageError: the host is not loopback and `KB_API_KEY` is not set (or empty).
    """
    if not is_loopback(options.host) and not options.api_key:
        raise UsageError(
            f"binding to {options.host} needs an API key: set KB_API_KEY "
            "(or bind to 127.0.0.1, the default)"
        )


def create_app(holder: IndexHolder, options: ServeOptions | None = None) -> FastAPI:
    """The FastAPI app answering from `holder`'s builds, with the guards of `options`."""
    options = options or ServeOptions()
    app = FastAPI(
        title="Vraagbaak Techniekpact",
        version=f"schema {SCHEMA_VERSION}",
        description=DESCRIPTION,
    )
    app.state.holder = holder
    app.state.limits = options.limits
    for router in ROUTERS:
        app.include_router(router)
    install_problem_handlers(app)
    # Added innermost first: the access log sees every answer, a 413 or a 401 included.
    if options.api_key:
        app.add_middleware(ApiKey, key=options.api_key)
    app.add_middleware(BodyLimit, limit=options.limits.max_body_bytes)
    if options.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(options.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key"],
            expose_headers=["X-KB-Build"],
        )
    app.add_middleware(AccessLog, questions=options.log_questions)
    return app


def serve(holder: IndexHolder, options: ServeOptions) -> None:
    """Load the index, then serve until stopped (Ctrl-C).

    Raises:
        UsageError: see `check_options`.
        IndexLoadError: there is no usable index (run `kb build`).
    """
    import uvicorn

    check_options(options)
    loaded = holder.current()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # The first answer pays for the model's first inference and the answer step's lazy
    # tables; pay it before the port opens, not in the first client's request.
    answer(loaded.index, WARM_UP_QUESTION)
    logging.getLogger("kb.serve").info(
        "serving build %s on http://%s:%d", loaded.build_id, options.host, options.port
    )
    uvicorn.run(
        create_app(holder, options),
        host=options.host,
        port=options.port,
        access_log=False,
        server_header=False,
        log_level="info",
    )
