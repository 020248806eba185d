"""From a database spec (a path or a URL) to a configured SQLAlchemy engine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

DEFAULT_DB = "onrecord.db"
ENV_DB = "ONRECORD_DB"
BUSY_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 10  # PostgreSQL, unless the URL sets connect_timeout
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA cache_size=-32000",  # 32 MB page cache: bounded, independent of corpus size
)
_WRITE = "onrecord_write"  # execution option: this transaction will write (SQLite: BEGIN IMMEDIATE)


class StoreError(Exception):
    """The database could not be opened, migrated or written: the message names the database and the fix."""


def resolve_db(spec: str | None) -> str:
    """The SQLAlchemy URL for a db spec: None → $ONRECORD_DB or ./onrecord.db; a path → SQLite; postgres URL → psycopg."""
    if spec is None or not spec.strip():
        spec = os.environ.get(ENV_DB) or DEFAULT_DB
    spec = spec.strip()
    if "://" not in spec:
        if spec == ":memory:":
            return "sqlite://"
        return f"sqlite:///{os.path.expanduser(spec)}"
    scheme, rest = spec.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    if scheme.startswith("postgresql+") or scheme.startswith("sqlite"):
        return spec
    raise StoreError(f"unsupported database {spec!r}: give a file path (SQLite) or a postgresql://USER@HOST/DB URL")


def human_url(url: str) -> str:
    """The URL as shown to people: the file path for SQLite, the URL without its password otherwise."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.set(drivername=u.get_backend_name()).render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for a resolved URL; SQLite connections get WAL, foreign keys and a busy timeout."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        connect_args = {} if "connect_timeout" in u.query else {"connect_timeout": CONNECT_TIMEOUT_S}
        return create_engine(u, connect_args=connect_args)
    if not u.database or u.database == ":memory:":
        engine = create_engine(u, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        path = Path(u.database)
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a database file: give a file path such as {path / DEFAULT_DB}")
        if not path.parent.exists():
            raise StoreError(f"cannot create {path}: the directory {path.parent} does not exist; create it first")
        engine = create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_conn, _record) -> None:
    """Take transaction control from the driver (we BEGIN ourselves) and set the pragmas."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    for pragma in SQLITE_PRAGMAS:
        cur.execute(pragma)
    cur.close()


def _sqlite_on_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for writing transactions (no lock upgrade deadlocks), deferred BEGIN for reads."""
    options = conn.get_execution_options()
    if options.get("isolation_level") != "AUTOCOMMIT":  # e.g. for VACUUM
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get(_WRITE) else "BEGIN")


@contextmanager
def transaction(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """A connection inside one transaction: committed when the block ends, rolled back if it raises."""
    with engine.connect() as conn:
        if write:
            conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn
