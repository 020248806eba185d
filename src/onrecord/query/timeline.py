"""A speaker's timeline: what they said over time, one entry per statement (however many outlets reported it).

A quote counts under the date it was said when the article says so, else its article's publication date.
Quotes without a statement id are entries of their own. ``about`` narrows to quotes matching full-text words.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, select

from ..store import Store
from ..store import fts
from ..store.engine import transaction
from ..store.reader import quote_dict
from ..store.schema import articles, quotes
from .export import quote_record
from .filters import unindexed, when
from .search import quote_match
from .speakers import resolve_speaker

MAX_QUOTES = 5000  # quotes listed at most (the month counts always cover all of them)


def month_range(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _fill(counts: dict[str, tuple[int, int]]) -> list[dict[str, Any]]:
    """Month rows with the empty months between the first and the last filled in."""
    months = sorted(k for k in counts if k and len(k) == 7)
    if not months:
        return []
    return [{"month": m, "quotes": counts.get(m, (0, 0))[0], "statements": counts.get(m, (0, 0))[1]}
            for m in month_range(months[0], months[-1])]


def _entries(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by statement (or alone), each entry dated by its earliest quote; oldest first."""
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = r["statement_id"] or f"quote:{r['quote_id']}"
        entry = groups.setdefault(key, {"statement_id": r["statement_id"], "date": r["date"], "text": r["text"],
                                        "outlets": [], "quotes": []})
        entry["quotes"].append(quote_record(r) | {"title": r["title"], "date": r["date"]})
        if r["outlet"] not in entry["outlets"]:
            entry["outlets"].append(r["outlet"])
    for e in groups.values():
        e["reports"] = len(e["quotes"])
    return sorted(groups.values(), key=lambda e: (e["date"] is None, e["date"] or "", e["text"]))


def timeline(store: Store, speaker: str, about: str | None = None, *, limit: int = MAX_QUOTES) -> dict[str, Any] | None:
    """``{speaker, entity_id, roles, aliases, about, quotes, statements, months, entries}``; None for an unknown speaker.

    ValueError when ``about`` is not a valid full-text query.
    """
    node = fts.parse(about) if about and about.strip() else None
    with transaction(store.engine, write=False) as conn:
        who = resolve_speaker(conn, speaker)
        if who is None:
            return None
        src, conds = quotes, [quotes.c.speaker == who["name"]]
        if node is not None:  # the full-text index drives the query (see filters.unindexed)
            _, src, match, _, _ = quote_match(conn, node)
            speaker = unindexed(quotes.c.speaker) if conn.dialect.name == "sqlite" else quotes.c.speaker
            conds = [speaker == who["name"], match]
        joined = src.join(articles, quotes.c.article_id == articles.c.article_id)
        month = func.substr(when(), 1, 7)
        counts = {m: (int(n), int(s)) for m, n, s in conn.execute(
            select(month, func.count(), func.count(distinct(quotes.c.statement_id))).select_from(joined)
            .where(*conds).group_by(month))}
        stmt = (select(quotes, articles.c.source, articles.c.outlet, articles.c.published, articles.c.story_id,
                       articles.c.title, when().label("date")).select_from(joined).where(*conds)
                .order_by(when().is_(None), when(), articles.c.source, quotes.c.span_start).limit(limit))
        rows = [quote_dict(r) for r in conn.execute(stmt)]
    entries = _entries(rows)
    total = sum(n for n, _ in counts.values())
    return who | {"speaker": who["name"], "about": about or None, "quotes": total, "statements": len(entries),
                  "undated": counts.get(None, (0, 0))[0], "truncated": total > len(rows),
                  "months": _fill(counts), "entries": entries}
