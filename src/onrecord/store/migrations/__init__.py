"""Alembic migrations, run programmatically (no alembic.ini): :func:`upgrade` brings a database to the head revision.

To write a new revision during development (compares schema.py with a database at head)::

    python -c "from alembic import command; from onrecord.store.migrations import config; \\
               command.revision(config('dev.db'), 'what changed', autogenerate=True)"

Write full-text DDL changes by hand (see fts.py) and keep old revisions unchanged.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from .. import fts
from ..engine import StoreError, human_url, transaction

HERE = Path(__file__).resolve().parent
_PG_LOCK = 0x6F6E7265  # advisory lock id serialising concurrent migrations on PostgreSQL ("onre")


def config(db_url: str | None = None) -> Config:
    """An Alembic config pointing at these migrations (``db_url`` only for use outside :func:`upgrade`)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if db_url:
        cfg.set_main_option("sqlalchemy.url", db_url)
    return cfg


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave the full-text machinery (fts.py) out of schema comparisons and autogenerate."""
    if type_ == "table" and name and name.startswith(fts.EXTRA_TABLE_PREFIXES):
        return False
    if type_ == "column" and name in fts.EXTRA_COLUMNS:
        return False
    if type_ == "index" and name in fts.EXTRA_INDEXES:
        return False
    return True


def head() -> str:
    """The revision this code expects."""
    return ScriptDirectory.from_config(config()).get_current_head()


def current(engine: Engine) -> set[str]:
    """The revisions the database is at (empty for a new database)."""
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: Engine) -> None:
    """Bring the database to head: a quick read when it is current, one locked transaction when it is not."""
    cfg = config()
    script = ScriptDirectory.from_config(cfg)
    heads = set(script.get_heads())
    at = current(engine)
    if at == heads:
        return
    known = {rev.revision for rev in script.walk_revisions()}
    if at - known:
        raise StoreError(
            f"{human_url(str(engine.url))} is at schema revision {', '.join(sorted(at - known))}, which this version "
            "of onrecord does not know: upgrade onrecord, or use another database"
        )
    with transaction(engine, write=True) as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
