"""The store: one schema over SQLite (embedded default) and PostgreSQL, written in whole batches, read as plain dicts.

    store = Store("onrecord.db")          # or "postgresql://user@host/db"; None → $ONRECORD_DB or ./onrecord.db
    store.write(analyses)                 # one transaction per batch: all of it lands, or none
    store.list_articles(outlet="Sputnik")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..records import Analysis, Entity, Statement, Story
from . import fts, reader, writer
from .engine import StoreError, human_url, make_engine, resolve_db, transaction
from .migrations import upgrade
from .writer import Extras

__all__ = ["Store", "StoreError", "resolve_db"]


class Store:
    """A database of articles, quotes and what was learned about them (SQLite file or PostgreSQL URL)."""

    def __init__(self, spec: str | None = None, *, migrate: bool = True) -> None:
        """Open (creating if needed) the database and bring its schema to the current revision."""
        self.url: str = resolve_db(spec)
        self.url_for_humans: str = human_url(self.url)
        self.engine = make_engine(self.url)
        self.dialect: str = self.engine.dialect.name
        try:
            if migrate:
                upgrade(self.engine)
            else:
                with self.engine.connect():
                    pass
        except StoreError:
            self.engine.dispose()
            raise
        except (SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open {self.url_for_humans}: {_reason(exc)}") from exc

    def __repr__(self) -> str:
        return f"Store({self.url_for_humans!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    # --- write side -----------------------------------------------------------------------------------------

    def _write(self, what: str, fn, *args: Any, **kw: Any) -> Any:
        """Run fn(conn, ...) in one writing transaction; database errors become StoreError naming what failed."""
        try:
            with transaction(self.engine, write=True) as conn:
                return fn(conn, *args, **kw)
        except DBAPIError as exc:
            raise StoreError(f"could not write {what} to {self.url_for_humans} (nothing of it was stored): "
                             f"{_reason(exc)}") from exc

    def tidy(self) -> None:
        """After a run of writes: planner statistics (SQLite) and buffered full-text entries folded in (PostgreSQL)."""
        self._write("the full-text index's pending entries", fts.tidy)

    def known_hashes(self, sources: Iterable[str]) -> dict[str, str]:
        """Source → content hash of the stored articles among these sources."""
        with transaction(self.engine, write=False) as conn:
            return {src: digest for _, src, digest in writer.stored(conn, sources)}

    def write(self, analyses: Sequence[Analysis], *, replace: bool = False,
              log: Sequence[writer.LogEntry] = (), extras: writer.Extras | None = None) -> int:
        """Store a batch of analyses, its ingest-log lines and its extras in one transaction; returns articles written.

        A stored article with the same source or id is replaced when its content hash differs or ``replace``;
        one with the same source and hash is kept as it is otherwise. ``extras`` (learned state, entities,
        stories, statements, links) lands in the same transaction, so an interrupted run never splits them.
        """
        prepared = writer.Prepared(analyses)
        if not prepared.batch and not log and extras is None:
            return 0
        first = prepared.batch[0].article.source if prepared.batch else (log[0][0] if log else "state")
        what = f"a batch of {len(prepared.batch)} articles (first: {first})"
        return self._write(what, writer.write, prepared, replace=replace, log=log, extras=extras)

    def log(self, entries: Sequence[writer.LogEntry]) -> None:
        """Append (source, content hash, status, message) lines to the ingest log, in one transaction."""
        self._write(f"{len(entries)} ingest-log lines", writer.add_log, entries)

    def save_entities(self, entities: Sequence[Entity]) -> None:
        """Insert or replace entities by id."""
        self._write(f"{len(entities)} entities", writer.save_entities, entities)

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Insert or replace stories by id."""
        self._write(f"{len(stories)} stories", writer.save_stories, stories)

    def save_statements(self, statements: Sequence[Statement]) -> None:
        """Insert or replace statements by id."""
        self._write(f"{len(statements)} statements", writer.save_statements, statements)

    def set_article_links(self, updates: Sequence[tuple[str, str | None, str | None]]) -> None:
        """Set (article_id, story_id, duplicate_of) on stored articles."""
        self._write(f"{len(updates)} article links", writer.set_article_links, updates)

    def set_statement_ids(self, updates: Sequence[tuple[str, str | None]]) -> None:
        """Set (quote_id, statement_id) on stored quotes."""
        self._write(f"{len(updates)} statement ids", writer.set_statement_ids, updates)

    def load_state(self, key: str) -> Any | None:
        """The value a stage saved under key (None when there is none)."""
        with transaction(self.engine, write=False) as conn:
            return reader.load_state(conn, key)

    def save_state(self, key: str, value: Any) -> None:
        """Save a JSON-able value under key, replacing the previous one."""
        self._write(f"state {key!r}", writer.save_state, key, value)

    # --- read side ------------------------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Counts: articles, quotes, speakers, outlets, stories, statements."""
        with transaction(self.engine, write=False) as conn:
            return reader.stats(conn)

    def list_articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                      limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Articles by published date (undated last) then source; since/until (YYYY[-MM[-DD]]) are inclusive."""
        with transaction(self.engine, write=False) as conn:
            return reader.list_articles(conn, outlet=outlet, since=since, until=until, limit=limit, offset=offset)

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its "quotes", by id or unique prefix (>= 6 characters); ValueError if ambiguous."""
        with transaction(self.engine, write=False) as conn:
            return reader.get_article(conn, article_id)

    def iter_articles(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every article ordered by source, streamed (memory does not grow with the corpus)."""
        return reader.iter_articles(self.engine, batch)

    def iter_quotes(self, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every quote with its article's source, outlet, published, story_id; by source then span, streamed."""
        return reader.iter_quotes(self.engine, batch)

    def iter_dates(self, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every event date with its article's source, streamed."""
        return reader.iter_dates(self.engine, batch)

    def iter_framing(self, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every framing hit with its article's source and outlet, streamed."""
        return reader.iter_framing(self.engine, batch)

    def iter_entities(self, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every canonical entity, most mentioned first, streamed."""
        return reader.iter_entities(self.engine, batch)

    def search_fts(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Quotes matching a full-text query, best first; ValueError (saying why) for a malformed query."""
        try:
            with transaction(self.engine, write=False) as conn:
                return reader.search_quotes(conn, query, limit=limit)
        except DBAPIError as exc:  # the parser should have caught it; never leak an engine error for bad input
            raise ValueError(f"cannot search for {query!r}: {_reason(exc)}") from exc


def _reason(exc: BaseException) -> str:
    """The database's own message, without SQLAlchemy's SQL dump."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
