"""Resumability and the real corpora: kill -9 mid-ingest, rerun, and the database ends as an uninterrupted run's."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
WIKINEWS = SHARED / "corpus" / "wikinews"
NAEB = SHARED / "eval" / "naeb" / "html"


def onrecord(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "onrecord", *args], capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(proc.stderr)
    return proc


def export_lines(db: str, what: str) -> list[str]:
    return onrecord("export", what, "--format", "jsonl", "--db", db).stdout.splitlines()


def article_count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("select count(*) from articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """Wikinews (CSV rows) plus 120 NAEB pages linked into a folder: enough work to kill a run mid-way."""
    if not WIKINEWS.exists():
        pytest.fail(f"{WIKINEWS} is missing: the tests need ../shared beside the repository")
    pages = tmp_path_factory.mktemp("pages")
    for path in sorted(NAEB.iterdir())[:120]:
        (pages / path.name).symlink_to(path)
    return [str(WIKINEWS), str(pages)]


@pytest.mark.slow
def test_kill_9_then_rerun_equals_uninterrupted_run(tmp_path, corpus):
    reference = str(tmp_path / "ref.db")
    onrecord("ingest", *corpus, "--db", reference, "--quiet")
    expected_articles = export_lines(reference, "articles")
    assert len(expected_articles) == 295 + 120

    db = tmp_path / "killed.db"
    for threshold in (1, 150, 300):  # kill early, mid-way and late; each rerun resumes the previous one
        proc = subprocess.Popen([sys.executable, "-m", "onrecord", "ingest", *corpus, "--db", str(db), "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while proc.poll() is None and time.time() < deadline and article_count(db) < threshold:
            time.sleep(0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    done = onrecord("ingest", *corpus, "--db", str(db), "--json")
    summary = json.loads(done.stdout)
    assert summary["failed"] == []
    assert export_lines(str(db), "articles") == expected_articles
    assert export_lines(str(db), "quotes") == export_lines(reference, "quotes")
    again = json.loads(onrecord("ingest", *corpus, "--db", str(db), "--json").stdout)
    assert again["added"] == 0 and again["unchanged"] == 295 + 120


@pytest.mark.slow
def test_full_example_corpora_store_721_articles_and_rerun_adds_none(tmp_path):
    db = str(tmp_path / "t.db")
    inputs = [str(SHARED / "corpus" / "seeds"), str(WIKINEWS), str(NAEB)]
    first = json.loads(onrecord("ingest", *inputs, "--db", db, "--json").stdout)
    assert first["added"] == 721 and first["failed"] == []
    second = json.loads(onrecord("ingest", *inputs, "--db", db, "--json").stdout)
    assert second["added"] == 0 and second["unchanged"] == 721
    assert json.loads(onrecord("stats", "--db", db, "--json").stdout)["articles"] == 721


@pytest.mark.pg
@pytest.mark.slow
def test_postgresql_gives_the_same_exports_as_sqlite(tmp_path, pg_url, corpus):
    lite = str(tmp_path / "lite.db")
    inputs = [str(REPO / "examples" / "seeds"), corpus[0]]
    onrecord("ingest", *inputs, "--db", lite, "--quiet")
    onrecord("ingest", *inputs, "--db", pg_url, "--quiet")
    for what in ("articles", "quotes"):
        assert export_lines(pg_url, what) == export_lines(lite, what)
    again = json.loads(onrecord("ingest", *inputs, "--db", pg_url, "--json").stdout)
    assert again["added"] == 0


def test_a_span_attributed_twice_is_stored_once():
    from onrecord.pipeline import _one_per_span
    from onrecord.records import Quote

    a = Quote("q1", "a", "We said it", "direct", (0, 10), speaker="A")
    b = Quote("q1", "a", "We said it", "indirect", (0, 10), speaker="B")
    c = Quote("q2", "a", "other", "direct", (20, 25), speaker="A")
    assert _one_per_span([a, b, c]) == [a, c]


def test_batches_store_only_changed_entities_and_end_with_the_same_table(tmp_path, monkeypatch):
    from sqlalchemy import select

    from onrecord.pipeline import ingest
    from onrecord.store import Store
    from onrecord.store.schema import entities

    seeds = str(REPO / "examples" / "seeds")

    def table(db: Path, batch_size: int) -> tuple[list[tuple], list[int]]:
        sent: list[int] = []
        store = Store(str(db))
        real = store.write

        def spy(analyses, **kw):
            if kw.get("extras") is not None:
                sent.append(len(kw["extras"].entities))
            return real(analyses, **kw)

        monkeypatch.setattr(store, "write", spy)
        ingest([seeds], store, batch_size=batch_size)
        with store.engine.connect() as conn:
            rows = sorted(tuple(r) for r in conn.execute(select(entities.c.entity_id, entities.c.name, entities.c.type,
                                                                 entities.c.mention_count, entities.c.aliases,
                                                                 entities.c.roles)))
        store.close()
        return rows, sent

    whole, _ = table(tmp_path / "one.db", 100)
    batched, sent = table(tmp_path / "many.db", 2)
    assert batched == whole  # the same entities, counts, aliases and roles in the end
    assert len(sent) == 3 and sent[0] > 0 and sent[-1] < len(whole)  # later batches send only what changed
