"""The web application: JSON API under /api, server-rendered pages, static assets, over one store.

    uvicorn.run(create_app("onrecord.db"), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..query.vectors import vectors_for
from ..store import Store
from . import api, errors
from .views import article, home, outlet, search, speaker, statement, story

STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)


def _warm(store: Store) -> None:
    """Load (or build) the quote vectors now, so the first semantic search does not wait for them."""
    try:
        vectors_for(store).index()
    except Exception:  # noqa: BLE001 - a failed warm-up is retried by the first search, which reports the error
        log.warning("could not prepare the quote vectors in the background", exc_info=True)


def create_app(db: str | None = None, *, warm_vectors: bool = True) -> FastAPI:
    """An app reading the database ``db`` (SQLite path or postgresql:// URL; None → $ONRECORD_DB or ./onrecord.db)."""
    store = Store(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm_vectors:
            threading.Thread(target=_warm, args=(store,), name="onrecord-vectors", daemon=True).start()
        yield
        store.close()

    app = FastAPI(title="onrecord", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who said what, when, reported by which outlet, and how it was framed.")
    app.state.store = store
    errors.install(app)
    app.include_router(api.router)
    for view in (home, search, speaker, story, statement, outlet, article):
        app.include_router(view.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
