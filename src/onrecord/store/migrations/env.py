"""Alembic environment: runs on the connection :func:`onrecord.store.migrations.upgrade` hands in."""

from __future__ import annotations

from alembic import context

from onrecord.store.migrations import include_object
from onrecord.store.schema import metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use the handed-in connection, or open the database named by sqlalchemy.url (development use)."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from onrecord.store.engine import make_engine, resolve_db, transaction

    engine = make_engine(resolve_db(context.config.get_main_option("sqlalchemy.url")))
    with transaction(engine, write=True) as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("onrecord migrations run against a live database only (no --sql mode)")
run_online()
