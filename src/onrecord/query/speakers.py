"""One speaker: who a user's text (entity id or name) stands for, and what the record holds of them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import TEXT, Connection, cast, distinct, func, or_, select

from ..store import Store
from ..store.engine import transaction
from ..store.schema import articles, entities, quotes
from .search import quote_records

RECENT = 20


def _entity(conn: Connection, *, entity_id: str | None = None, name: str | None = None) -> Any:
    """The entity with this id, or the most mentioned one with this name (any case)."""
    if entity_id is not None:
        return conn.execute(select(entities).where(entities.c.entity_id == entity_id)).first()
    return conn.execute(select(entities).where(func.lower(entities.c.name) == (name or "").lower())
                        .order_by(entities.c.mention_count.desc())).first()


def _like(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (escape character: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _entity_by_alias(conn: Connection, text: str) -> Any:
    """The most mentioned entity that speaks in the record and is called ``text`` by an alias or its surname.

    Lets a user type "Lavrov" or "Zelenskyy" for the canonical "Sergei Lavrov" / "Volodymyr Zelensky".
    """
    low = _like(text.lower())
    cond = or_(func.lower(entities.c.name).like(f"% {low}", escape="\\"),
               func.lower(cast(entities.c.aliases, TEXT)).like(f'%"{low}"%', escape="\\"))
    for ent in conn.execute(select(entities).where(cond).order_by(entities.c.mention_count.desc(),
                                                                 entities.c.entity_id).limit(5)):
        if conn.execute(select(quotes.c.quote_id).where(quotes.c.speaker == ent.name).limit(1)).first():
            return ent
    return None


def resolve_speaker(conn: Connection, ident: str) -> dict[str, Any] | None:
    """``{name, entity_id, roles, aliases}`` for an entity id, a canonical name (any case), an alias or a surname."""
    text = ident.strip()
    if not text:
        return None
    ent = _entity(conn, entity_id=text)
    name = ent.name if ent is not None else None
    if name is None and conn.execute(select(quotes.c.quote_id).where(quotes.c.speaker == text).limit(1)).first():
        name = text
    if name is None:
        ent = _entity(conn, name=text)
        name = ent.name if ent is not None else None
    if name is None:
        name = conn.execute(select(quotes.c.speaker).where(func.lower(quotes.c.speaker) == text.lower()).limit(1)).scalar()
    if name is None:
        ent = _entity_by_alias(conn, text)
        name = ent.name if ent is not None else None
    if name is None:
        return None
    if ent is None:
        ent = _entity(conn, name=name)
    return {"name": name, "entity_id": ent.entity_id if ent is not None else None,
            "roles": (ent.roles or []) if ent is not None else [], "aliases": (ent.aliases or []) if ent is not None else []}


def speaker_profile(store: Store, ident: str, *, recent: int = RECENT) -> dict[str, Any] | None:
    """A speaker with counts, the outlets that quote them, and their most recent quotes; None when unknown."""
    with transaction(store.engine, write=False) as conn:
        who = resolve_speaker(conn, ident)
        if who is None:
            return None
        joined = quotes.join(articles, quotes.c.article_id == articles.c.article_id)
        mine = quotes.c.speaker == who["name"]
        n, arts, first, last, stmts = conn.execute(
            select(func.count(), func.count(distinct(quotes.c.article_id)), func.min(articles.c.published),
                   func.max(articles.c.published), func.count(distinct(quotes.c.statement_id)))
            .select_from(joined).where(mine)).one()
        outlets = [{"outlet": o, "quotes": c} for o, c in conn.execute(
            select(articles.c.outlet, func.count()).select_from(joined).where(mine)
            .group_by(articles.c.outlet).order_by(func.count().desc(), articles.c.outlet))]
        ids = list(conn.execute(select(quotes.c.quote_id).select_from(joined).where(mine)
                                .order_by(articles.c.published.desc(), quotes.c.quote_id).limit(recent)).scalars())
        recs = quote_records(conn, ids)
    return who | {"quotes": int(n), "articles": int(arts), "statements": int(stmts), "first": first, "last": last,
                  "outlets": outlets, "recent_quotes": [recs[i] for i in ids if i in recs]}
