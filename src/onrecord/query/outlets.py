"""Outlets: the list, and one outlet's profile (articles, quotes, top speakers, framing terms, stories)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, select

from ..store import Store
from ..store.engine import transaction
from ..store.schema import articles, framing_hits, quotes, stories
from .timeline import month_range

TOP = 20
RECENT = 50


def list_outlets(store: Store) -> list[dict[str, Any]]:
    """Every named outlet with its article and quote counts and date range, most articles first."""
    with transaction(store.engine, write=False) as conn:
        rows = {o: {"outlet": o, "articles": int(n), "first": f, "last": l, "quotes": 0} for o, n, f, l in conn.execute(
            select(articles.c.outlet, func.count(), func.min(articles.c.published), func.max(articles.c.published))
            .where(articles.c.outlet.is_not(None)).group_by(articles.c.outlet))}
        for o, n in conn.execute(select(articles.c.outlet, func.count())
                                 .join_from(quotes, articles, quotes.c.article_id == articles.c.article_id)
                                 .where(articles.c.outlet.is_not(None)).group_by(articles.c.outlet)):
            rows[o]["quotes"] = int(n)
    return sorted(rows.values(), key=lambda r: (-r["articles"], r["outlet"]))


def outlet_profile(store: Store, outlet: str, *, top: int = TOP, recent: int = RECENT) -> dict[str, Any] | None:
    """One outlet: counts, articles per month, top speakers, framing terms by voice, stories, recent articles."""
    mine = articles.c.outlet == outlet
    with transaction(store.engine, write=False) as conn:
        n, first, last = conn.execute(select(func.count(), func.min(articles.c.published),
                                             func.max(articles.c.published)).where(mine)).one()
        if not n:
            return None
        joined = quotes.join(articles, quotes.c.article_id == articles.c.article_id)
        nq, ns = conn.execute(select(func.count(), func.count(distinct(quotes.c.speaker))).select_from(joined).where(mine)).one()
        speakers = [{"speaker": s, "quotes": int(c)} for s, c in conn.execute(
            select(quotes.c.speaker, func.count()).select_from(joined).where(mine, quotes.c.speaker.is_not(None))
            .group_by(quotes.c.speaker).order_by(func.count().desc(), quotes.c.speaker).limit(top))]
        framing: dict[tuple[str, str], dict[str, Any]] = {}
        for concept, term, voice, c in conn.execute(
                select(framing_hits.c.concept, func.lower(framing_hits.c.term), framing_hits.c.voice, func.count())
                .join_from(framing_hits, articles, framing_hits.c.article_id == articles.c.article_id).where(mine)
                .group_by(framing_hits.c.concept, func.lower(framing_hits.c.term), framing_hits.c.voice)):
            row = framing.setdefault((concept, term), {"concept": concept, "term": term, "count": 0,
                                                       "outlet_voice": 0, "quoted": 0, "attributed": 0})
            row["count"] += int(c)
            key = "outlet_voice" if voice == "outlet" else voice
            row[key] = row.get(key, 0) + int(c)
        month = func.substr(articles.c.published, 1, 7)
        per_month = dict(conn.execute(select(month, func.count()).where(mine, articles.c.published.is_not(None))
                                      .group_by(month)).all())
        story_rows = conn.execute(
            select(articles.c.story_id, func.count(), func.min(articles.c.title), stories.c.title)
            .select_from(articles.outerjoin(stories, stories.c.story_id == articles.c.story_id))
            .where(mine, articles.c.story_id.is_not(None)).group_by(articles.c.story_id, stories.c.title)
            .order_by(func.count().desc(), articles.c.story_id).limit(top)).all()
        recent_rows = conn.execute(
            select(articles.c.article_id, articles.c.title, articles.c.published, articles.c.source, articles.c.story_id)
            .where(mine).order_by(articles.c.published.is_(None), articles.c.published.desc(), articles.c.source)
            .limit(recent)).all()
    months = sorted(m for m in per_month if m and len(m) == 7)
    return {
        "outlet": outlet, "articles": int(n), "quotes": int(nq), "speakers": int(ns), "first": first, "last": last,
        "months": [{"month": m, "articles": int(per_month.get(m, 0))} for m in month_range(months[0], months[-1])] if months else [],
        "top_speakers": speakers,
        "framing": sorted(framing.values(), key=lambda r: (r["concept"], -r["count"], r["term"])),
        "stories": [{"story_id": s, "articles": int(c), "title": t or any_title} for s, c, any_title, t in story_rows],
        "recent_articles": [dict(r._mapping) for r in recent_rows],
    }


def outlet_names(store: Store) -> list[str]:
    """Every named outlet, alphabetically (for filter menus)."""
    with transaction(store.engine, write=False) as conn:
        return list(conn.execute(select(articles.c.outlet).distinct().where(articles.c.outlet.is_not(None))
                                 .order_by(articles.c.outlet)).scalars())
