"""PostgreSQL: ``quote_search``, the narrow table quote searches read (tsvector + filter columns), kept by triggers.

Filtered full-text searches intersect the full-text index with an (outlet, day) or speaker btree before reading
any row; unfiltered ones read narrower rows. Filling it takes about a minute per million quotes. SQLite: nothing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from onrecord.store import fts

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for stmt in fts.PG_DDL_V3:
            op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for stmt in fts.PG_DROP_V3:
            op.execute(stmt)
