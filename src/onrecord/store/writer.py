"""The write side: whole batches of analyses in one transaction, bulk inserts, upserts of cross-article state."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from ..records import Analysis, Entity, Statement, Story
from .schema import (
    articles, entities, event_dates, framing_hits, ingest_log, mentions, quotes, state, statements, stories,
)

CHUNK = 500  # ids per IN (...) list
LOG_STATUSES = ("added", "unchanged", "replaced", "failed")
LogEntry = tuple[str, str | None, str, str | None]

_ARTICLE_FIELDS = [c.name for c in articles.columns if c.name not in ("ingested_at", "tags", "entries")]


def now() -> str:
    """The current time as an ISO 8601 UTC string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """Consecutive slices of at most ``size`` items."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _span(obj: Any) -> dict[str, int]:
    start, end = obj.span
    return {"span_start": start, "span_end": end}


def _check_owner(analysis: Analysis) -> None:
    """Every record hung off an article must name that article."""
    aid = analysis.article.article_id
    for kind, items in (("quote", analysis.quotes), ("mention", analysis.mentions),
                        ("date", analysis.dates), ("framing hit", analysis.framing)):
        for item in items:
            if item.article_id != aid:
                raise ValueError(f"{kind} {item!r:.80} names article {item.article_id}, but it is in the analysis "
                                 f"of article {aid} ({analysis.article.source}): fix the stage that made it")


def rows_for(batch: Sequence[Analysis], at: str) -> dict[Table, list[dict[str, Any]]]:
    """The rows to insert for a batch, table by table (built before the transaction starts)."""
    out: dict[Table, list[dict[str, Any]]] = {t: [] for t in (articles, quotes, mentions, event_dates, framing_hits)}
    for analysis in batch:
        _check_owner(analysis)
        art = analysis.article
        row = {f: getattr(art, f) for f in _ARTICLE_FIELDS}
        row["tags"] = list(art.tags)
        row["entries"] = [asdict(e) for e in art.entries]
        row["ingested_at"] = at
        out[articles].append(row)
        for q in analysis.quotes:
            out[quotes].append({
                "quote_id": q.quote_id, "article_id": q.article_id, "text": q.text, "kind": q.kind, **_span(q),
                "speaker": q.speaker, "speaker_mention": q.speaker_mention, "speaker_entity_id": q.speaker_entity_id,
                "cue": q.cue, "said_on": q.said_on, "statement_id": q.statement_id,
            })
        for m in analysis.mentions:
            out[mentions].append({"article_id": m.article_id, "entity_id": m.entity_id, "text": m.text,
                                  "type": m.type, **_span(m)})
        for d in analysis.dates:
            out[event_dates].append({"article_id": d.article_id, "text": d.text, "resolved": d.resolved,
                                     "granularity": d.granularity, **_span(d), "quote_id": d.quote_id})
        for f in analysis.framing:
            out[framing_hits].append({"article_id": f.article_id, "term": f.term, "concept": f.concept,
                                      "voice": f.voice, **_span(f), "quote_id": f.quote_id})
    return out


def stored(conn: Connection, sources: Iterable[str] = (), ids: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """(article_id, source, content_hash) of stored articles with any of these sources or ids."""
    found: list[tuple[str, str, str]] = []
    cols = (articles.c.article_id, articles.c.source, articles.c.content_hash)
    for col, values in ((articles.c.source, list(dict.fromkeys(sources))), (articles.c.article_id, list(dict.fromkeys(ids)))):
        for part in chunks(values):
            found.extend(tuple(r) for r in conn.execute(select(*cols).where(col.in_(part))))
    return found


class Prepared:
    """A batch ready to write: one analysis per source (the last given wins) and its rows, table by table."""

    def __init__(self, analyses: Sequence[Analysis]) -> None:
        self.batch = list({a.article.source: a for a in analyses}.values())
        self.rows = rows_for(self.batch, now())

    def without(self, article_ids: set[str]) -> dict[Table, list[dict[str, Any]]]:
        """The rows, less those of the given articles."""
        if not article_ids:
            return self.rows
        return {t: [r for r in rows if r["article_id"] not in article_ids] for t, rows in self.rows.items()}


@dataclass
class Extras:
    """What a batch changes beyond its own articles, committed with it: learned state and cross-article links."""

    state: dict[str, Any] = field(default_factory=dict)
    entities: Sequence[Entity] = ()
    stories: Sequence[Story] = ()
    statements: Sequence[Statement] = ()
    article_links: Sequence[tuple[str, str | None, str | None]] = ()
    statement_ids: Sequence[tuple[str, str | None]] = ()

    def apply(self, conn: Connection) -> None:
        """Write every part within the caller's transaction."""
        for key, value in self.state.items():
            save_state(conn, key, value)
        save_entities(conn, self.entities)
        save_stories(conn, self.stories)
        save_statements(conn, self.statements)
        set_article_links(conn, self.article_links)
        set_statement_ids(conn, self.statement_ids)


def write(conn: Connection, prepared: Prepared, *, replace: bool, log: Sequence[LogEntry] = (),
          extras: Extras | None = None) -> int:
    """Store a prepared batch within the caller's transaction; returns how many articles were written.

    An article already stored with the same source and content is left alone unless ``replace``; otherwise any
    stored article with the same source or id is deleted first (its quotes and the rest go with it).
    """
    batch = prepared.batch
    have = stored(conn, (a.article.source for a in batch), (a.article.article_id for a in batch))
    by_source = {src: (aid, digest) for aid, src, digest in have}
    ids = {aid for aid, _, _ in have}
    unchanged: set[str] = set()
    doomed: set[str] = set()
    for a in batch:
        art = a.article
        old = by_source.get(art.source)
        if not replace and old == (art.article_id, art.content_hash):
            unchanged.add(art.article_id)
            continue
        if old:
            doomed.add(old[0])
        if art.article_id in ids:
            doomed.add(art.article_id)
    for part in chunks(sorted(doomed)):
        conn.execute(delete(articles).where(articles.c.article_id.in_(part)))
    for table, rows in prepared.without(unchanged).items():
        if rows:
            conn.execute(insert(table), rows)
    add_log(conn, log)
    if extras is not None:
        extras.apply(conn)
    return len(batch) - len(unchanged)


def add_log(conn: Connection, entries: Sequence[LogEntry]) -> None:
    """Append ingest-log lines: (source, content hash, status, message)."""
    if not entries:
        return
    at = now()
    rows = []
    for source, digest, status, message in entries:
        if status not in LOG_STATUSES:
            raise ValueError(f"ingest log status {status!r} for {source} is not one of {', '.join(LOG_STATUSES)}")
        rows.append({"source": source, "content_hash": digest, "status": status, "message": message, "at": at})
    conn.execute(insert(ingest_log), rows)


def _upsert(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Replace rows by primary key (delete then insert: portable and fast in bulk)."""
    if not rows:
        return
    rows = list({r[key]: r for r in rows}.values())
    col = table.c[key]
    for part in chunks([r[key] for r in rows]):
        conn.execute(delete(table).where(col.in_(part)))
    if rows:
        conn.execute(insert(table), rows)


def save_entities(conn: Connection, items: Sequence[Entity]) -> None:
    """Insert or replace entities by id."""
    _upsert(conn, entities, "entity_id", [
        {"entity_id": e.entity_id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "roles": list(e.roles),
         "external_ids": dict(e.external_ids), "mention_count": e.mention_count} for e in items])


def save_stories(conn: Connection, items: Sequence[Story]) -> None:
    """Insert or replace stories by id (article_count from the story's article ids); a story the linker emptied
    (its articles all moved to other stories) is deleted."""
    emptied = [s.story_id for s in items if not s.article_ids]
    for part in chunks(emptied):
        conn.execute(delete(stories).where(stories.c.story_id.in_(part)))
    _upsert(conn, stories, "story_id", [
        {"story_id": s.story_id, "title": s.title, "first_published": s.first_published,
         "article_count": len(s.article_ids)} for s in items if s.article_ids])


def save_statements(conn: Connection, items: Sequence[Statement]) -> None:
    """Insert or replace statements by id (quote_count from the statement's quote ids)."""
    _upsert(conn, statements, "statement_id", [
        {"statement_id": s.statement_id, "speaker": s.speaker, "text": s.text, "first_reported": s.first_reported,
         "earliest_quote_id": s.earliest_quote_id, "quote_count": len(s.quote_ids)} for s in items])


def set_article_links(conn: Connection, updates: Sequence[tuple[str, str | None, str | None]]) -> None:
    """Set (article_id, story_id, duplicate_of) on stored articles."""
    if updates:
        stmt = (update(articles).where(articles.c.article_id == bindparam("b_id"))
                .values(story_id=bindparam("b_story"), duplicate_of=bindparam("b_dup")))
        conn.execute(stmt, [{"b_id": a, "b_story": s, "b_dup": d} for a, s, d in updates])


def set_statement_ids(conn: Connection, updates: Sequence[tuple[str, str | None]]) -> None:
    """Set (quote_id, statement_id) on stored quotes."""
    if updates:
        stmt = update(quotes).where(quotes.c.quote_id == bindparam("b_id")).values(statement_id=bindparam("b_stmt"))
        conn.execute(stmt, [{"b_id": q, "b_stmt": s} for q, s in updates])


def save_state(conn: Connection, key: str, value: Any) -> None:
    """Store a JSON-able value under key, replacing what was there."""
    _upsert(conn, state, "key", [{"key": key, "value": value, "updated_at": now()}])
