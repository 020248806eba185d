"""Quote vectors kept in step with a store: computed lazily, held in memory for the process, cached on disk.

The store's schema is not touched (it belongs to the store). Vectors live in a cache of .npy files keyed by
quote id, rebuilt from the quotes table whenever it is missing or stale:

- SQLite file ``DB``: the directory ``DB.vectors/`` next to it;
- PostgreSQL: ``$ONRECORD_CACHE`` (default ``~/.cache/onrecord``) ``/vectors-<hash of the URL>/``;
- an in-memory SQLite database: no cache, memory only.

Freshness: a fingerprint of the quotes table (row count, lowest and highest quote id, last ingest-log line, and on
SQLite the highest rowid) is compared with the cache's; a server rechecks it at most every ``RECHECK_SECONDS``.
When it changed, only new quotes are encoded and removed ones dropped; IVF centroids are reused until the corpus
has grown fourfold since they were trained.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from ..store import Store
from ..store.engine import transaction
from ..store.schema import ingest_log, quotes
from .embedding import Embedder, default_embedder
from .vector_index import VectorIndex

log = logging.getLogger(__name__)
RECHECK_SECONDS = 5.0
ENCODE_BATCH = 4096
IN_CHUNK = 500
CACHE_ENV = "ONRECORD_CACHE"
_FILES = ("ids", "vecs", "centroids", "offsets")


def cache_dir(store: Store) -> Path | None:
    """Where a store's vectors are cached (None for an in-memory database)."""
    url = make_url(store.url)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        return Path(url.database + ".vectors")
    root = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "onrecord")
    return root / f"vectors-{hashlib.sha256(store.url.encode()).hexdigest()[:16]}"


def fingerprint(store: Store) -> list[Any]:
    """What changes whenever quotes are added, replaced or removed (cheap: index lookups and one count)."""
    with transaction(store.engine, write=False) as conn:
        count, low, high = conn.execute(select(func.count(), func.min(quotes.c.quote_id), func.max(quotes.c.quote_id))).one()
        last_log = conn.execute(select(func.max(ingest_log.c.id))).scalar()
        rowid = conn.exec_driver_sql("SELECT max(rowid) FROM quotes").scalar() if store.dialect == "sqlite" else None
    return [int(count), low, high, last_log, rowid]


def _save(path: Path, index: VectorIndex, meta: dict[str, Any]) -> None:
    """Write the cache atomically enough: into a fresh directory, then swapped in."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name in _FILES:
        value = getattr(index, name)
        if value is not None:
            np.save(tmp / f"{name}.npy", value)
    (tmp / "meta.json").write_text(json.dumps(meta))
    shutil.rmtree(path, ignore_errors=True)
    os.replace(tmp, path)


def _load(path: Path, embedder: str) -> tuple[VectorIndex, dict[str, Any]] | None:
    """The cached index and its meta when it was made by this embedder."""
    try:
        meta = json.loads((path / "meta.json").read_text())
        if meta.get("embedder") != embedder:
            return None
        parts = {n: np.load(path / f"{n}.npy", mmap_mode="r" if n == "vecs" else None)
                 for n in _FILES if (path / f"{n}.npy").exists()}
        return VectorIndex(**parts), meta
    except (OSError, ValueError, KeyError, TypeError):
        return None


class QuoteVectors:
    """The vector index of one store's quotes, refreshed when the store changes; safe to share between threads."""

    def __init__(self, store: Store, embedder: Embedder | None = None, *, cache: Path | None | bool = True) -> None:
        self.store = store
        self.embedder = embedder or default_embedder()
        self.path = cache_dir(store) if cache is True else (cache or None)
        self._index: VectorIndex | None = None
        self._meta: dict[str, Any] = {}
        self._checked = 0.0
        self._lock = threading.Lock()

    def encode_query(self, text: str) -> np.ndarray:
        """The unit vector of a query."""
        return self.embedder.encode([text])[0]

    def index(self) -> VectorIndex:
        """The current index (built or refreshed first when the store changed)."""
        if self._index is not None and time.monotonic() - self._checked < RECHECK_SECONDS:
            return self._index
        with self._lock:
            if self._index is not None and time.monotonic() - self._checked < RECHECK_SECONDS:
                return self._index
            fp = fingerprint(self.store)
            if self._index is None or self._meta.get("fingerprint") != fp:
                self._index, self._meta = self._refresh(fp)
            self._checked = time.monotonic()
            return self._index

    def _refresh(self, fp: list[Any]) -> tuple[VectorIndex, dict[str, Any]]:
        """Load the cache, bring it up to date (or build from scratch), save it back."""
        old, meta = (self._index, self._meta) if self._index is not None else (None, {})
        if old is None and self.path is not None:
            old, meta = _load(self.path, self.embedder.name) or (None, {})
        if old is not None and meta.get("fingerprint") == fp:
            return old, meta
        started = time.perf_counter()
        index, trained = self._update(old, meta.get("trained", 0)) if old is not None else self._build()
        meta = {"embedder": self.embedder.name, "fingerprint": fp, "count": len(index), "trained": trained}
        log.info("quote vectors: %d in %.1fs", len(index), time.perf_counter() - started)
        if self.path is not None:
            try:
                _save(self.path, index, meta)
            except OSError as exc:  # a read-only place: keep the vectors in memory only
                log.warning("cannot cache quote vectors in %s: %s", self.path, exc)
        return index, meta

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Vectors of texts, encoded in batches."""
        if not texts:
            return np.zeros((0, len(self.encode_query("x"))), dtype=np.float32)
        return np.concatenate([self.embedder.encode(texts[i : i + ENCODE_BATCH])
                               for i in range(0, len(texts), ENCODE_BATCH)]).astype(np.float32)

    def _build(self) -> tuple[VectorIndex, int]:
        """Every quote encoded."""
        ids: list[str] = []
        texts: list[str] = []
        with transaction(self.store.engine, write=False) as conn:
            for qid, text in conn.execute(select(quotes.c.quote_id, quotes.c.text)):
                ids.append(qid)
                texts.append(text)
        index = VectorIndex.build(np.asarray(ids, dtype=str), self._encode(texts))
        return index, len(ids) if index.centroids is not None else 0

    def _update(self, old: VectorIndex, trained: int) -> tuple[VectorIndex, int]:
        """The old index less removed quotes, plus new ones encoded; centroids kept while the corpus is < 4x."""
        with transaction(self.store.engine, write=False) as conn:
            now_ids = np.asarray(conn.execute(select(quotes.c.quote_id)).scalars().all(), dtype=str)
            new_ids = np.setdiff1d(now_ids, np.asarray(old.ids, dtype=str))
            texts: dict[str, str] = {}
            for i in range(0, len(new_ids), IN_CHUNK):
                part = [str(x) for x in new_ids[i : i + IN_CHUNK]]
                texts.update(conn.execute(select(quotes.c.quote_id, quotes.c.text).where(quotes.c.quote_id.in_(part))).all())
        keep = np.isin(np.asarray(old.ids, dtype=str), now_ids)
        ids = np.concatenate([np.asarray(old.ids, dtype=str)[keep], new_ids.astype(str)])
        vecs = np.concatenate([np.asarray(old.vecs)[keep], self._encode([texts[str(x)] for x in new_ids])])
        reuse = old.centroids is not None and trained and len(ids) < 4 * trained
        index = VectorIndex.build(ids, vecs, centroids=np.asarray(old.centroids) if reuse else None)
        return index, (trained if reuse else (len(ids) if index.centroids is not None else 0))


_REGISTRY: dict[tuple[str, str], QuoteVectors] = {}
_REGISTRY_LOCK = threading.Lock()


def vectors_for(store: Store, embedder: Embedder | None = None) -> QuoteVectors:
    """The process-wide QuoteVectors of a store (one per database URL and embedder)."""
    emb = embedder or default_embedder()
    key = (store.url, emb.name)
    with _REGISTRY_LOCK:
        qv = _REGISTRY.get(key)
        if qv is None:
            qv = _REGISTRY[key] = QuoteVectors(store, emb)
        qv.store = store  # the same database may have been opened again: read it through the live store
        return qv
