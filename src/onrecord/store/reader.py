"""The read side: counts, listings, one article with its quotes, streamed exports and quote search."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, Select, distinct, func, select

from . import fts
from .schema import articles, entities, event_dates, framing_hits, quotes, state, statements, stories

QUOTE_ARTICLE_FIELDS = (articles.c.source, articles.c.outlet, articles.c.published, articles.c.story_id)
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ID_PREFIX = re.compile(r"[0-9a-f]{6,}")
MIN_PREFIX = 6


def quote_dict(row: Any) -> dict[str, Any]:
    """A quote row as a plain dict, with ``span`` as [start, end] in place of span_start/span_end."""
    d = dict(row._mapping)
    d["span"] = [d.pop("span_start"), d.pop("span_end")]
    return d


def article_dict(row: Any) -> dict[str, Any]:
    """An article row as a plain dict (tags and entries as lists)."""
    d = dict(row._mapping)
    d["tags"] = d.get("tags") or []
    d["entries"] = d.get("entries") or []
    return d


def _count(conn: Connection, expr, table=None) -> int:
    stmt = select(expr) if table is None else select(expr).select_from(table)
    return int(conn.execute(stmt).scalar_one() or 0)


def stats(conn: Connection) -> dict[str, int]:
    """Counts of articles, quotes, speakers, outlets, stories and statements."""
    linked_stories = _count(conn, func.count(distinct(articles.c.story_id)))
    linked_statements = _count(conn, func.count(distinct(quotes.c.statement_id)))
    return {
        "articles": _count(conn, func.count(), articles),
        "quotes": _count(conn, func.count(), quotes),
        "speakers": _count(conn, func.count(distinct(quotes.c.speaker))),
        "outlets": _count(conn, func.count(distinct(articles.c.outlet))),
        "stories": max(linked_stories, _count(conn, func.count(), stories)),
        "statements": max(linked_statements, _count(conn, func.count(), statements)),
    }


def _check_date(value: str, name: str) -> None:
    if not _DATE.fullmatch(value):
        raise ValueError(f"{name}={value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)")


def list_articles(conn: Connection, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                  limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles ordered by published date (undated last), then source; since/until inclusive on the date."""
    stmt = select(articles)
    if outlet is not None:
        stmt = stmt.where(articles.c.outlet == outlet)
    if since:
        _check_date(since, "since")
        stmt = stmt.where(articles.c.published >= since)
    if until:
        _check_date(until, "until")
        stmt = stmt.where(func.substr(articles.c.published, 1, len(until)) <= until)
    stmt = stmt.order_by(articles.c.published.is_(None), articles.c.published, articles.c.source)
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return [article_dict(r) for r in conn.execute(stmt)]


def resolve_id(conn: Connection, article_id: str) -> str | None:
    """The full id for an id or a unique prefix of at least 6 hex characters; ValueError when ambiguous."""
    if conn.execute(select(articles.c.article_id).where(articles.c.article_id == article_id)).first():
        return article_id
    prefix = article_id.lower()
    if not _ID_PREFIX.fullmatch(prefix):
        return None
    hits = conn.execute(select(articles.c.article_id).where(articles.c.article_id.startswith(prefix, autoescape=True))
                        .order_by(articles.c.article_id).limit(3)).scalars().all()
    if len(hits) > 1:
        raise ValueError(f"article id prefix {article_id!r} is ambiguous (matches {', '.join(hits)}"
                         f"{', ...' if len(hits) > 2 else ''}): give more characters")
    return hits[0] if hits else None


def get_article(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """One article with its quotes (in text order), by id or unique id prefix."""
    full = resolve_id(conn, article_id)
    if full is None:
        return None
    row = conn.execute(select(articles).where(articles.c.article_id == full)).one()
    out = article_dict(row)
    qs = select(quotes).where(quotes.c.article_id == full).order_by(quotes.c.span_start, quotes.c.span_end,
                                                                     quotes.c.quote_id)
    out["quotes"] = [quote_dict(r) for r in conn.execute(qs)]
    return out


def _stream(engine: Engine, stmt: Select, batch: int) -> Iterator[Any]:
    """Rows of stmt fetched ``batch`` at a time (server-side cursor on PostgreSQL), in one read transaction."""
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=batch).execute(stmt)
        for part in result.partitions():
            yield from part


def iter_articles(engine: Engine, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every article ordered by source, streamed."""
    for row in _stream(engine, select(articles).order_by(articles.c.source), batch):
        yield article_dict(row)


def _quotes_with_articles() -> Select:
    return select(quotes, *QUOTE_ARTICLE_FIELDS).join_from(quotes, articles, quotes.c.article_id == articles.c.article_id)


def iter_quotes(engine: Engine, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every quote with its article's source, outlet, published and story_id; by source, then place in text."""
    stmt = _quotes_with_articles().order_by(articles.c.source, quotes.c.span_start, quotes.c.span_end,
                                            quotes.c.quote_id)
    for row in _stream(engine, stmt, batch):
        yield quote_dict(row)


def _spanned(row: Any) -> dict[str, Any]:
    """A row with span_start/span_end folded into ``span`` and the surrogate ``id`` dropped."""
    d = dict(row._mapping)
    d.pop("id", None)
    d["span"] = [d.pop("span_start"), d.pop("span_end")]
    return d


def iter_dates(engine: Engine, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every event date with its article's source, by source then place in text, streamed."""
    stmt = (select(event_dates, articles.c.source)
            .join_from(event_dates, articles, event_dates.c.article_id == articles.c.article_id)
            .order_by(articles.c.source, event_dates.c.span_start, event_dates.c.span_end, event_dates.c.id))
    for row in _stream(engine, stmt, batch):
        yield _spanned(row)


def iter_framing(engine: Engine, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every framing hit with its article's source and outlet, by source then place in text, streamed."""
    stmt = (select(framing_hits, articles.c.source, articles.c.outlet)
            .join_from(framing_hits, articles, framing_hits.c.article_id == articles.c.article_id)
            .order_by(articles.c.source, framing_hits.c.span_start, framing_hits.c.span_end, framing_hits.c.id))
    for row in _stream(engine, stmt, batch):
        yield _spanned(row)


def iter_entities(engine: Engine, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every canonical entity, most mentioned first, streamed."""
    stmt = select(entities).order_by(entities.c.mention_count.desc(), entities.c.name, entities.c.entity_id)
    for row in _stream(engine, stmt, batch):
        d = dict(row._mapping)
        d["aliases"], d["roles"], d["external_ids"] = d["aliases"] or [], d["roles"] or [], d["external_ids"] or {}
        yield d


def search_quotes(conn: Connection, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Quotes matching a full-text query (see fts.py for the syntax), best first, each with its ``score``."""
    matches, on = fts.quote_matches(conn.dialect.name, query, limit)
    stmt = (select(quotes, *QUOTE_ARTICLE_FIELDS, articles.c.title, matches.c.score)
            .select_from(quotes.join(matches, on).join(articles, quotes.c.article_id == articles.c.article_id))
            .order_by(matches.c.score.desc(), quotes.c.quote_id))
    return [quote_dict(r) for r in conn.execute(stmt)]


def load_state(conn: Connection, key: str) -> Any | None:
    """The value stored under key, or None."""
    return conn.execute(select(state.c.value).where(state.c.key == key)).scalar_one_or_none()
