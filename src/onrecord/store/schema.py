"""The tables: one schema for SQLite and PostgreSQL (full-text parts live in ``fts.py``).

Migrations (``migrations/versions``) create exactly this; a test compares the two. Text columns use the
"C" collation on PostgreSQL so that ordering and comparisons are byte-wise, as they are in SQLite.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, MetaData, Table, Text
from sqlalchemy.dialects import postgresql

# byte-wise text on both dialects (SQLite's default BINARY collation; "C" on PostgreSQL)
TEXT = Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")
# lists and objects as JSON; Python None is SQL NULL
JSONB = JSON(none_as_null=True)

metadata = MetaData()


def _article_fk() -> Column:
    return Column("article_id", TEXT, ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False)


articles = Table(
    "articles", metadata,
    Column("article_id", TEXT, primary_key=True),
    Column("source", TEXT, nullable=False),
    Column("content_hash", TEXT, nullable=False),
    Column("outlet", TEXT),
    Column("url", TEXT),
    Column("title", TEXT),
    Column("published", TEXT),
    Column("updated", TEXT),
    Column("author", TEXT),
    Column("tags", JSONB),
    Column("language", TEXT),
    Column("text", TEXT, nullable=False),
    Column("entries", JSONB),
    Column("media_type", TEXT),
    Column("encoding", TEXT),
    Column("byte_start", Integer),
    Column("byte_end", Integer),
    Column("story_id", TEXT),
    Column("duplicate_of", TEXT),
    Column("ingested_at", TEXT),
    Index("ix_articles_source", "source", unique=True),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_story_id", "story_id"),
    # covers what quote filters read from a quote's article (revision 0004): the join skips the wide article rows
    Index("ix_articles_filter", "article_id", "outlet", "published", "language", "story_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("quote_id", TEXT, primary_key=True),
    _article_fk(),
    Column("text", TEXT, nullable=False),
    Column("kind", TEXT, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("speaker", TEXT),
    Column("speaker_mention", TEXT),
    Column("speaker_entity_id", TEXT),
    Column("cue", TEXT),
    Column("said_on", TEXT),
    Column("statement_id", TEXT),
    Index("ix_quotes_article_span", "article_id", "span_start"),
    Index("ix_quotes_speaker", "speaker"),
    Index("ix_quotes_statement_id", "statement_id"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("entity_id", TEXT),
    Column("text", TEXT, nullable=False),
    Column("type", TEXT, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index("ix_mentions_article_id", "article_id"),
    Index("ix_mentions_entity_id", "entity_id"),
)

entities = Table(
    "entities", metadata,
    Column("entity_id", TEXT, primary_key=True),
    Column("name", TEXT, nullable=False),
    Column("type", TEXT, nullable=False),
    Column("aliases", JSONB),
    Column("roles", JSONB),
    Column("external_ids", JSONB),
    Column("mention_count", Integer, nullable=False, default=0),
)

event_dates = Table(
    "event_dates", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("text", TEXT, nullable=False),
    Column("resolved", TEXT),
    Column("granularity", TEXT),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("quote_id", TEXT),
    Index("ix_event_dates_article_id", "article_id"),
)

framing_hits = Table(
    "framing_hits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("term", TEXT, nullable=False),
    Column("concept", TEXT, nullable=False),
    Column("voice", TEXT, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("quote_id", TEXT),
    Index("ix_framing_hits_article_id", "article_id"),
)

stories = Table(
    "stories", metadata,
    Column("story_id", TEXT, primary_key=True),
    Column("title", TEXT),
    Column("first_published", TEXT),
    Column("article_count", Integer, nullable=False, default=0),
)

statements = Table(
    "statements", metadata,
    Column("statement_id", TEXT, primary_key=True),
    Column("speaker", TEXT),
    Column("text", TEXT, nullable=False),
    Column("first_reported", TEXT),
    Column("earliest_quote_id", TEXT),
    Column("quote_count", Integer, nullable=False, default=0),
)

ingest_log = Table(
    "ingest_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", TEXT, nullable=False),
    Column("content_hash", TEXT),
    Column("status", TEXT, nullable=False),
    Column("message", TEXT),
    Column("at", TEXT, nullable=False),
    Index("ix_ingest_log_source", "source"),
)

state = Table(
    "state", metadata,
    Column("key", TEXT, primary_key=True),
    Column("value", JSONB),
    Column("updated_at", TEXT, nullable=False),
)
