"""Shared fixtures: the PostgreSQL test server (never skipped silently) and stores on both backends."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

PG_DSN_ENV = "ONRECORD_TEST_PG_DSN"
PG_DSN_DEFAULT = "postgresql://postgres@localhost:5432/test"
SKIP_PG_ENV = "ONRECORD_SKIP_PG"


def pg_dsn() -> str:
    """The PostgreSQL server the tests use: $ONRECORD_TEST_PG_DSN or the local default."""
    return os.environ.get(PG_DSN_ENV) or PG_DSN_DEFAULT


def with_search_path(dsn: str, schema: str) -> str:
    """The DSN with ``search_path`` set to schema through libpq options (works for psycopg and the CLI)."""
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options={quote(f'-csearch_path={schema}', safe='')}"


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The base DSN once the server answers; fails (or skips, with ONRECORD_SKIP_PG=1) when it does not."""
    import psycopg

    dsn = pg_dsn()
    try:
        with psycopg.connect(dsn, connect_timeout=5, autocommit=True) as con:
            con.execute("select 1")
    except psycopg.Error as exc:
        message = (f"PostgreSQL is unreachable at {dsn} ({str(exc).strip().splitlines()[0] if str(exc) else exc}). "
                   f"Start it, point {PG_DSN_ENV} at a server, or set {SKIP_PG_ENV}=1 to skip the pg tests.")
        if os.environ.get(SKIP_PG_ENV) == "1":
            pytest.skip(message)
        pytest.fail(message, pytrace=False)
    return dsn


@pytest.fixture()
def pg_url(pg_server: str) -> Iterator[str]:
    """A postgresql:// URL whose search_path is a fresh schema of its own, dropped afterwards."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f'create schema "{schema}"')
    try:
        yield with_search_path(pg_server, schema)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as con:
            con.execute(f'drop schema if exists "{schema}" cascade')


BACKENDS = ["sqlite", pytest.param("pg", marks=pytest.mark.pg)]


@pytest.fixture(params=BACKENDS)
def db_spec(request, tmp_path) -> str:
    """A database spec on each backend: a temporary SQLite file, or a PostgreSQL URL with a fresh schema."""
    if request.param == "pg":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "onrecord.db")


@pytest.fixture()
def store(db_spec: str):
    """An open, migrated Store on each backend (see db_spec)."""
    from onrecord.store import Store

    s = Store(db_spec)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the rules alone unless they set ONRECORD_CUE_MODEL themselves: a model in the caller's
    environment would change what the extraction tests expect."""
    monkeypatch.delenv("ONRECORD_CUE_MODEL", raising=False)
