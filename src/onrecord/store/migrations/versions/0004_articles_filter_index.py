"""A covering index for quote filters on article columns (outlet, published, language, story).

A filtered quote search joins every full-text match to its article; with this index the join reads a small index
entry instead of the article's row, which holds its whole text (SQLite: filtered full text about 2x faster).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ["article_id", "outlet", "published", "language", "story_id"]


def upgrade() -> None:
    op.create_index("ix_articles_filter", "articles", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_articles_filter", table_name="articles")
