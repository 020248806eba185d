"""Bound the PostgreSQL GIN pending lists of the full-text indexes (every search scans them in full).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from onrecord.store import fts

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for stmt in fts.PG_DDL_V2:
            op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for stmt in fts.PG_DROP_V2:
            op.execute(stmt)
