"""The initial schema: articles and what hangs off them, entities, stories, statements, ingest log, state, FTS.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from onrecord.store import fts

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TEXT = sa.Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")
JSON = sa.JSON(none_as_null=True)


def _article_fk() -> sa.Column:
    return sa.Column("article_id", TEXT, sa.ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False)


def _span() -> list[sa.Column]:
    return [sa.Column("span_start", sa.Integer, nullable=False), sa.Column("span_end", sa.Integer, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("article_id", TEXT, primary_key=True),
        sa.Column("source", TEXT, nullable=False),
        sa.Column("content_hash", TEXT, nullable=False),
        sa.Column("outlet", TEXT),
        sa.Column("url", TEXT),
        sa.Column("title", TEXT),
        sa.Column("published", TEXT),
        sa.Column("updated", TEXT),
        sa.Column("author", TEXT),
        sa.Column("tags", JSON),
        sa.Column("language", TEXT),
        sa.Column("text", TEXT, nullable=False),
        sa.Column("entries", JSON),
        sa.Column("media_type", TEXT),
        sa.Column("encoding", TEXT),
        sa.Column("byte_start", sa.Integer),
        sa.Column("byte_end", sa.Integer),
        sa.Column("story_id", TEXT),
        sa.Column("duplicate_of", TEXT),
        sa.Column("ingested_at", TEXT),
    )
    op.create_index("ix_articles_source", "articles", ["source"], unique=True)
    for col in ("content_hash", "outlet", "published", "story_id"):
        op.create_index(f"ix_articles_{col}", "articles", [col])

    op.create_table(
        "quotes",
        sa.Column("quote_id", TEXT, primary_key=True),
        _article_fk(),
        sa.Column("text", TEXT, nullable=False),
        sa.Column("kind", TEXT, nullable=False),
        *_span(),
        sa.Column("speaker", TEXT),
        sa.Column("speaker_mention", TEXT),
        sa.Column("speaker_entity_id", TEXT),
        sa.Column("cue", TEXT),
        sa.Column("said_on", TEXT),
        sa.Column("statement_id", TEXT),
    )
    op.create_index("ix_quotes_article_span", "quotes", ["article_id", "span_start"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])
    op.create_index("ix_quotes_statement_id", "quotes", ["statement_id"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk(),
        sa.Column("entity_id", TEXT),
        sa.Column("text", TEXT, nullable=False),
        sa.Column("type", TEXT, nullable=False),
        *_span(),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])

    op.create_table(
        "entities",
        sa.Column("entity_id", TEXT, primary_key=True),
        sa.Column("name", TEXT, nullable=False),
        sa.Column("type", TEXT, nullable=False),
        sa.Column("aliases", JSON),
        sa.Column("roles", JSON),
        sa.Column("external_ids", JSON),
        sa.Column("mention_count", sa.Integer, nullable=False),
    )

    op.create_table(
        "event_dates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk(),
        sa.Column("text", TEXT, nullable=False),
        sa.Column("resolved", TEXT),
        sa.Column("granularity", TEXT),
        *_span(),
        sa.Column("quote_id", TEXT),
    )
    op.create_index("ix_event_dates_article_id", "event_dates", ["article_id"])

    op.create_table(
        "framing_hits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk(),
        sa.Column("term", TEXT, nullable=False),
        sa.Column("concept", TEXT, nullable=False),
        sa.Column("voice", TEXT, nullable=False),
        *_span(),
        sa.Column("quote_id", TEXT),
    )
    op.create_index("ix_framing_hits_article_id", "framing_hits", ["article_id"])

    op.create_table(
        "stories",
        sa.Column("story_id", TEXT, primary_key=True),
        sa.Column("title", TEXT),
        sa.Column("first_published", TEXT),
        sa.Column("article_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("statement_id", TEXT, primary_key=True),
        sa.Column("speaker", TEXT),
        sa.Column("text", TEXT, nullable=False),
        sa.Column("first_reported", TEXT),
        sa.Column("earliest_quote_id", TEXT),
        sa.Column("quote_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "ingest_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", TEXT, nullable=False),
        sa.Column("content_hash", TEXT),
        sa.Column("status", TEXT, nullable=False),
        sa.Column("message", TEXT),
        sa.Column("at", TEXT, nullable=False),
    )
    op.create_index("ix_ingest_log_source", "ingest_log", ["source"])
    op.create_table(
        "state",
        sa.Column("key", TEXT, primary_key=True),
        sa.Column("value", JSON),
        sa.Column("updated_at", TEXT, nullable=False),
    )

    for statement in fts.ddl(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in fts.drop_ddl(op.get_bind().dialect.name):
        op.execute(statement)
    for table in ("state", "ingest_log", "statements", "stories", "framing_hits", "event_dates", "entities",
                  "mentions", "quotes", "articles"):
        op.drop_table(table)
