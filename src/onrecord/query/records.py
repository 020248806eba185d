"""Read-side listings shared by the CLI, the API and the pages: quotes, speakers, stories, statements, framing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, select

from ..store import Store
from ..store.engine import transaction
from ..store.reader import quote_dict
from ..store.schema import articles, entities, framing_hits, quotes, statements, stories

_QUOTE_COLS = (articles.c.source, articles.c.outlet, articles.c.published, articles.c.story_id, articles.c.title)


def _quotes_query():
    return select(quotes, *_QUOTE_COLS).join_from(quotes, articles, quotes.c.article_id == articles.c.article_id)


def list_quotes(store: Store, *, speaker: str | None = None, outlet: str | None = None, since: str | None = None,
                until: str | None = None, kind: str | None = None, story: str | None = None,
                statement: str | None = None, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Quotes with their article's source, outlet, published date; filters combine; oldest first."""
    stmt = _quotes_query()
    if speaker:
        stmt = stmt.where(func.lower(quotes.c.speaker).contains(speaker.lower(), autoescape=True))
    if outlet:
        stmt = stmt.where(articles.c.outlet == outlet)
    if since:
        stmt = stmt.where(articles.c.published >= since)
    if until:
        stmt = stmt.where(func.substr(articles.c.published, 1, len(until)) <= until)
    if kind:
        stmt = stmt.where(quotes.c.kind == kind)
    if story:
        stmt = stmt.where(articles.c.story_id == story)
    if statement:
        stmt = stmt.where(quotes.c.statement_id == statement)
    stmt = stmt.order_by(articles.c.published.is_(None), articles.c.published, articles.c.source, quotes.c.span_start)
    if limit:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    with transaction(store.engine, write=False) as conn:
        return [quote_dict(r) for r in conn.execute(stmt)]


def list_speakers(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Canonical speakers with how many quotes, articles and outlets carry them, and their roles as seen."""
    stmt = (select(quotes.c.speaker, func.count().label("quotes"),
                   func.count(distinct(quotes.c.article_id)).label("articles"),
                   func.count(distinct(articles.c.outlet)).label("outlets"),
                   func.min(articles.c.published).label("first"), func.max(articles.c.published).label("last"))
            .join_from(quotes, articles, quotes.c.article_id == articles.c.article_id)
            .where(quotes.c.speaker.is_not(None))
            .group_by(quotes.c.speaker).order_by(func.count().desc(), quotes.c.speaker))
    if limit:
        stmt = stmt.limit(limit)
    with transaction(store.engine, write=False) as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        names = [r["speaker"] for r in rows]
        known = {}
        if names:
            for e in conn.execute(select(entities).where(entities.c.name.in_(names))):
                known[e.name] = e
    for r in rows:
        e = known.get(r["speaker"])
        r["entity_id"] = e.entity_id if e is not None else None
        r["roles"] = (e.roles or []) if e is not None else []
        r["aliases"] = (e.aliases or []) if e is not None else []
    return rows


def list_stories(store: Store, limit: int | None = 50) -> list[dict[str, Any]]:
    """Stories with their article and outlet counts, largest first."""
    stmt = (select(articles.c.story_id, func.count().label("articles"),
                   func.count(distinct(articles.c.outlet)).label("outlets"),
                   func.min(articles.c.published).label("first_published"), func.min(articles.c.title).label("any_title"))
            .where(articles.c.story_id.is_not(None)).group_by(articles.c.story_id)
            .order_by(func.count().desc(), func.min(articles.c.published), articles.c.story_id))
    if limit:
        stmt = stmt.limit(limit)
    with transaction(store.engine, write=False) as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        titles = {s.story_id: s.title for s in conn.execute(select(stories.c.story_id, stories.c.title)
                                                             .where(stories.c.story_id.in_([r["story_id"] for r in rows])))}
    for r in rows:
        r["title"] = titles.get(r["story_id"]) or r.pop("any_title", None)
        r.pop("any_title", None)
    return rows


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story: its articles (oldest first) and every quote they carry, grouped by outlet."""
    with transaction(store.engine, write=False) as conn:
        arts = [dict(r._mapping) for r in conn.execute(
            select(articles.c.article_id, articles.c.source, articles.c.outlet, articles.c.title, articles.c.published,
                   articles.c.url, articles.c.duplicate_of)
            .where(articles.c.story_id == story_id)
            .order_by(articles.c.published.is_(None), articles.c.published, articles.c.source))]
        if not arts:
            return None
        meta = conn.execute(select(stories).where(stories.c.story_id == story_id)).first()
        hits = [dict(r._mapping) for r in conn.execute(
            select(framing_hits.c.article_id, framing_hits.c.term, framing_hits.c.concept, framing_hits.c.voice)
            .where(framing_hits.c.article_id.in_([a["article_id"] for a in arts])))]
    qs = list_quotes(store, story=story_id, limit=None)
    return {"story_id": story_id, "title": (meta.title if meta else None) or arts[0]["title"],
            "first_published": arts[0]["published"], "articles": arts, "quotes": qs, "framing": hits}


def get_statement(store: Store, statement_id: str) -> dict[str, Any] | None:
    """One statement and every article's rendering of it, earliest report first."""
    qs = list_quotes(store, statement=statement_id, limit=None)
    if not qs:
        return None
    with transaction(store.engine, write=False) as conn:
        meta = conn.execute(select(statements).where(statements.c.statement_id == statement_id)).first()
    first = qs[0]
    return {"statement_id": statement_id, "speaker": (meta.speaker if meta else None) or first["speaker"],
            "text": (meta.text if meta else None) or first["text"],
            "first_reported": (meta.first_reported if meta else None) or first["published"],
            "earliest_quote_id": (meta.earliest_quote_id if meta else None) or first["quote_id"],
            "renderings": qs}


def list_entities(store: Store, *, type_: str | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    """Canonical entities, most mentioned first, optionally of one type."""
    stmt = select(entities).order_by(entities.c.mention_count.desc(), entities.c.name)
    if type_:
        stmt = stmt.where(func.lower(entities.c.type) == type_.lower())
    if limit:
        stmt = stmt.limit(limit)
    with transaction(store.engine, write=False) as conn:
        return [dict(r._mapping) | {"aliases": r.aliases or [], "roles": r.roles or [],
                                    "external_ids": r.external_ids or {}} for r in conn.execute(stmt)]


def framing_rows(store: Store, *, concept: str | None = None) -> list[dict[str, Any]]:
    """Every framing hit with its article's outlet, for profiles."""
    stmt = (select(framing_hits.c.article_id, framing_hits.c.term, framing_hits.c.concept, framing_hits.c.voice,
                   articles.c.outlet, articles.c.source, articles.c.title)
            .join_from(framing_hits, articles, framing_hits.c.article_id == articles.c.article_id))
    if concept:
        stmt = stmt.where(func.lower(framing_hits.c.concept) == concept.lower())
    with transaction(store.engine, write=False) as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]
