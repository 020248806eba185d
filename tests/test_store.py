"""The store on SQLite and PostgreSQL: migrations, whole-batch writes, replacement, cascades, reads and search."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from onrecord.records import (
    Analysis, Article, Entity, EventDate, FramingHit, LiveEntry, Mention, Quote, Statement, Story, content_hash,
    short_id,
)
from onrecord.store import Store, StoreError, resolve_db
from onrecord.store import migrations
from onrecord.store.schema import event_dates, framing_hits, ingest_log, mentions, metadata, quotes

LAVROV = ("Russia is open to negotiations with Ukraine, but only on the basis of the realities on the ground, "
          "Sergey Lavrov said on Monday.")


def make_analysis(n: int, *, text: str | None = None, source: str | None = None, outlet: str | None = "Sputnik",
                  published: str | None = None, n_quotes: int = 2, speaker: str = "Sergey Lavrov") -> Analysis:
    """A synthetic article with quotes, a mention, a date and a framing hit, all ids derived as the stages do."""
    source = source or f"corpus/{n:04d}.txt"
    text = text if text is not None else f"Article {n}. {LAVROV} The special military operation continues."
    digest = content_hash(text.encode())
    aid = Article.make_id(source, digest)
    article = Article(
        article_id=aid, source=source, content_hash=digest, text=text, title=f"Title {n}", outlet=outlet,
        url=f"https://example.org/{n}", published=published if published is not None else f"2024-01-{n % 28 + 1:02d}",
        author="Staff", tags=["Russia", "Ukraine"], language="en",
        entries=[LiveEntry(time="10:00", text="first entry")], byte_start=0, byte_end=len(text),
    )
    qs = [Quote(quote_id=short_id(aid, "q", str(i)), article_id=aid, text=f"quote {i} of article {n} about talks",
                kind="direct", span=(i * 10, i * 10 + 8), speaker=speaker, speaker_mention="the minister", cue="said",
                said_on="2024-01-01") for i in range(n_quotes)]
    return Analysis(
        article=article, quotes=qs,
        mentions=[Mention(article_id=aid, text="Lavrov", span=(0, 6), type="PERSON", entity_id="e1")],
        dates=[EventDate(article_id=aid, text="on Monday", resolved="2024-01-01", granularity="day", span=(1, 9))],
        framing=[FramingHit(article_id=aid, term="special military operation", concept="war", voice="outlet",
                            span=(2, 9))],
    )


def count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def fts_in_sync(store: Store) -> None:
    """SQLite: the external-content FTS indexes agree with their tables (raises if not)."""
    if store.dialect == "sqlite":
        with store.engine.begin() as conn:
            for t in ("articles_fts", "quotes_fts"):
                conn.exec_driver_sql(f"INSERT INTO {t}({t}, rank) VALUES ('integrity-check', 1)")


# --- opening and migrating -------------------------------------------------------------------------------------

@pytest.mark.pg
def test_postgresql_full_text_indexes_bound_and_empty_their_pending_lists(pg_url):
    from alembic import command

    from onrecord.store import engine as store_engine

    eng = store_engine.make_engine(pg_url)
    cfg = migrations.config()
    with eng.begin() as conn:  # a database left at revision 0001 by an older onrecord
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    eng.dispose()
    with Store(pg_url) as s:  # opening it migrates to head: the pending lists get bounded
        assert migrations.current(s.engine) == {migrations.head()}
        with s.engine.connect() as conn:
            opts = dict(conn.execute(text(
                "select c.relname, c.reloptions from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                "where n.nspname = current_schema() and c.relname in ('ix_quotes_tsv', 'ix_articles_tsv')")).all())
        assert opts == {ix: ["gin_pending_list_limit=256"] for ix in ("ix_quotes_tsv", "ix_articles_tsv")}
        s.write([make_analysis(i) for i in range(1, 4)])
        s.tidy()  # folds the pending entries into the index; searching still finds what was written
        with s.engine.connect() as conn:
            assert conn.execute(text("select count(*) from quotes where tsv @@ plainto_tsquery('english', 'talks')"
                                     )).scalar_one() == conn.execute(text("select count(*) from quotes")).scalar_one()

def test_migrating_twice_is_a_noop_and_keeps_data(db_spec):
    with Store(db_spec) as s:
        s.write([make_analysis(1)])
        assert migrations.current(s.engine) == {migrations.head()}
    with Store(db_spec) as s:  # second open: already at head
        migrations.upgrade(s.engine)
        assert migrations.current(s.engine) == {migrations.head()}
        with s.engine.connect() as conn:
            assert conn.execute(text("select count(*) from alembic_version")).scalar_one() == 1
        assert s.stats()["articles"] == 1


def test_migrations_create_exactly_the_schema_module(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": migrations.include_object, "compare_type": True})
        assert compare_metadata(ctx, metadata) == []


def test_downgrade_then_upgrade_again(store):
    from alembic import command

    store.write([make_analysis(1)])
    with store.engine.begin() as conn:
        cfg = migrations.config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert migrations.current(store.engine) == set()
    migrations.upgrade(store.engine)
    assert store.stats()["articles"] == 0
    store.write([make_analysis(1)])
    assert store.search_fts("talks")


def test_open_without_migrating_a_new_database_leaves_it_empty(tmp_path):
    with Store(str(tmp_path / "x.db"), migrate=False) as s:
        assert migrations.current(s.engine) == set()


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path):
    with Store(str(tmp_path / "w.db")) as s:
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert (tmp_path / "w.db-wal").exists() or (tmp_path / "w.db").exists()


def test_resolve_db(monkeypatch):
    monkeypatch.delenv("ONRECORD_DB", raising=False)
    assert resolve_db(None) == "sqlite:///onrecord.db"
    monkeypatch.setenv("ONRECORD_DB", "/data/x.db")
    assert resolve_db(None) == "sqlite:////data/x.db"
    assert resolve_db("some/dir/o.db") == "sqlite:///some/dir/o.db"
    assert resolve_db("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_db("postgresql://u:p@h:5/db?x=1") == "postgresql+psycopg://u:p@h:5/db?x=1"
    assert resolve_db("sqlite:///a.db") == "sqlite:///a.db"
    with pytest.raises(StoreError, match="file path .* postgresql://"):
        resolve_db("mysql://u@h/db")


def test_unopenable_databases_raise_store_errors_that_say_why(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(str(tmp_path / "missing" / "o.db"))
    with pytest.raises(StoreError, match="is a directory"):
        Store(str(tmp_path))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(StoreError, match=str(junk)):
        Store(str(junk))


@pytest.mark.pg
def test_unreachable_postgresql_raises_store_error():
    with pytest.raises(StoreError, match="cannot open postgresql://nobody@127.0.0.1:1/none"):
        Store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


# --- writing ---------------------------------------------------------------------------------------------------

def test_write_and_read_back(store):
    a = make_analysis(1)
    assert store.write([a, make_analysis(2)]) == 2
    row = store.get_article(a.article.article_id)
    expected = a.article.to_dict()
    for key, value in expected.items():
        assert row[key] == value, key
    assert row["ingested_at"].endswith("+00:00")
    assert [q["quote_id"] for q in row["quotes"]] == [q.quote_id for q in a.quotes]
    first = row["quotes"][0]
    assert first["span"] == [0, 8] and first["speaker"] == "Sergey Lavrov" and first["kind"] == "direct"
    assert "span_start" not in first
    assert count(store, mentions) == count(store, event_dates) == count(store, framing_hits) == 2
    assert store.known_hashes([a.article.source, "nope"]) == {a.article.source: a.article.content_hash}
    fts_in_sync(store)


def test_same_source_and_content_is_kept_unless_replace(store):
    a = make_analysis(1)
    store.write([a])
    again = make_analysis(1, n_quotes=4)
    assert store.write([again]) == 0
    assert len(store.get_article(a.article.article_id)["quotes"]) == 2
    assert store.write([again], replace=True) == 1
    assert len(store.get_article(a.article.article_id)["quotes"]) == 4
    assert count(store, mentions) == 1
    fts_in_sync(store)


def test_changed_content_replaces_the_stored_article_and_its_quotes(store):
    old = make_analysis(1)
    store.write([old, make_analysis(2)])
    new = make_analysis(1, text="Rewritten article. Lavrov said talks are over.", n_quotes=1)
    assert new.article.source == old.article.source and new.article.article_id != old.article.article_id
    store.write([new])
    assert store.get_article(old.article.article_id) is None
    assert len(store.get_article(new.article.article_id)["quotes"]) == 1
    assert store.stats()["articles"] == 2 and store.stats()["quotes"] == 3
    assert store.known_hashes([new.article.source]) == {new.article.source: new.article.content_hash}
    fts_in_sync(store)


def test_the_last_analysis_of_a_source_in_a_batch_wins(store):
    first = make_analysis(1)
    second = make_analysis(1, text="A second version of the same source.")
    store.write([first, second])
    assert store.stats()["articles"] == 1
    assert store.get_article(second.article.article_id) is not None


def test_a_failing_batch_leaves_nothing_of_itself_and_the_old_data_intact(store):
    good = make_analysis(1)
    store.write([good, make_analysis(2)], log=[(good.article.source, good.article.content_hash, "added", None)])
    before = store.stats()
    logged = count(store, ingest_log)

    replacement = make_analysis(1, text="Changed text: this would replace article 1.")
    broken = make_analysis(4)
    broken.quotes[1].text = None  # NOT NULL violation on the second quote of the last article
    with pytest.raises(StoreError, match=r"batch of 3 articles .*nothing of it was stored"):
        store.write([replacement, make_analysis(3), broken],
                    log=[(broken.article.source, broken.article.content_hash, "added", None)])

    assert store.stats() == before
    assert count(store, ingest_log) == logged
    assert store.get_article(good.article.article_id)["quotes"][0]["text"] == good.quotes[0].text
    assert store.get_article(replacement.article.article_id) is None
    assert store.get_article(broken.article.article_id) is None
    assert store.known_hashes([f"corpus/000{i}.txt" for i in (3, 4)]) == {}
    fts_in_sync(store)
    store.write([make_analysis(3)])  # the store is usable afterwards
    assert store.stats()["articles"] == 3


def test_records_that_name_another_article_are_refused_before_writing(store):
    a = make_analysis(1)
    a.quotes[0].article_id = "0" * 16
    with pytest.raises(ValueError, match="names article 0000000000000000"):
        store.write([a])
    assert store.stats()["articles"] == 0


def test_deleting_an_article_deletes_everything_hung_off_it(store):
    a, b = make_analysis(1), make_analysis(2)
    store.write([a, b])
    with store.engine.begin() as conn:
        conn.execute(text("delete from articles where article_id = :a"), {"a": a.article.article_id})
    for table in (quotes, mentions, event_dates, framing_hits):
        assert count(store, table) == (2 if table is quotes else 1)
    assert {r["article_id"] for r in store.search_fts("talks")} == {b.article.article_id}
    fts_in_sync(store)


def test_ingest_log(store):
    store.log([("a.txt", "h1", "added", None), ("b.txt", None, "failed", "could not decode")])
    with store.engine.connect() as conn:
        rows = conn.execute(select(ingest_log).order_by(ingest_log.c.id)).mappings().all()
    assert [(r["source"], r["status"], r["message"]) for r in rows] == [
        ("a.txt", "added", None), ("b.txt", "failed", "could not decode")]
    assert rows[0]["at"].endswith("+00:00")
    with pytest.raises(ValueError, match="'weird' .* not one of"):
        store.log([("c.txt", None, "weird", None)])


def test_known_hashes_for_many_sources(store):
    batch = [make_analysis(i, n_quotes=0) for i in range(1200)]
    store.write(batch)
    asked = [a.article.source for a in batch] + [f"other/{i}" for i in range(700)]
    known = store.known_hashes(asked)
    assert len(known) == 1200 and known[batch[7].article.source] == batch[7].article.content_hash


def test_concurrent_writers_on_one_sqlite_file_both_succeed(tmp_path):
    db = str(tmp_path / "c.db")
    Store(db).close()
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            with Store(db) as s:
                for k in range(10):
                    s.write([make_analysis(offset + k * 10 + j) for j in range(10)])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(o,)) for o in (0, 1000)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(db) as s:
        assert s.stats()["articles"] == 200


# --- cross-article state ---------------------------------------------------------------------------------------

def test_links_statements_entities_and_stats(store):
    a, b, c = make_analysis(1), make_analysis(2, outlet="TASS"), make_analysis(3, outlet=None, speaker="Someone")
    store.write([a, b, c])
    assert store.stats() == {"articles": 3, "quotes": 6, "speakers": 2, "outlets": 2, "stories": 0, "statements": 0}
    store.set_article_links([(a.article.article_id, "s1", None), (b.article.article_id, "s1", a.article.article_id)])
    store.set_statement_ids([(a.quotes[0].quote_id, "st1"), (b.quotes[0].quote_id, "st1"),
                             (c.quotes[1].quote_id, "st2")])
    assert store.stats()["stories"] == 1 and store.stats()["statements"] == 2
    assert store.get_article(b.article.article_id)["duplicate_of"] == a.article.article_id
    store.save_stories([Story("s1", "Talks", "2024-01-02", [a.article.article_id, b.article.article_id]),
                        Story("s2", article_ids=[c.article.article_id]), Story("s3", article_ids=["elsewhere"])])
    store.save_statements([Statement("st1", "Sergey Lavrov", "open to talks", quote_ids=["q1", "q2"])])
    assert store.stats()["stories"] == 3 and store.stats()["statements"] == 2
    store.save_stories([Story("s3")])  # the linker moved all its articles elsewhere: the story is gone
    with store.engine.connect() as conn:
        assert sorted(conn.execute(text("select story_id from stories")).scalars()) == ["s1", "s2"]
    store.save_entities([Entity("e1", "Sergey Lavrov", "PERSON", aliases=["Lavrov"], external_ids={"wd": "Q1"})])
    store.save_entities([Entity("e1", "Sergey Lavrov", "PERSON", aliases=["Lavrov", "Sergei Lavrov"],
                                mention_count=3)])
    with store.engine.connect() as conn:
        rows = conn.execute(text("select name, mention_count from entities")).all()
        assert [tuple(r) for r in rows] == [("Sergey Lavrov", 3)]
        assert conn.execute(text("select article_count from stories where story_id = 's1'")).scalar_one() == 2
    fts_in_sync(store)


def test_state_round_trip(store):
    assert store.load_state("entity_registry") is None
    value = {"outlets": {"Sputnik": ["Subscribe", "Follow us"]}, "n": 3, "ok": True, "list": [1, 2.5, None]}
    store.save_state("templates", value)
    assert store.load_state("templates") == value
    store.save_state("templates", ["replaced"])
    assert store.load_state("templates") == ["replaced"]
    store.save_state("nothing", None)
    assert store.load_state("nothing") is None


# --- reading ---------------------------------------------------------------------------------------------------

def test_list_articles_orders_and_filters(store):
    rows = [
        make_analysis(1, published="2024-03-01T10:00:00+00:00"),
        make_analysis(2, published="2024-03-01"),
        make_analysis(3, published="2024-02-28T23:59:59+00:00", outlet="TASS"),
        make_analysis(4, published=""),
        make_analysis(5, published="2023-12-31"),
    ]
    rows[3].article.published = None
    store.write(rows)
    listed = [r["source"][-8:-4] for r in store.list_articles()]
    assert listed == ["0005", "0003", "0002", "0001", "0004"]  # by date, same date by source, undated last
    assert [r["source"][-8:-4] for r in store.list_articles(outlet="TASS")] == ["0003"]
    assert [r["source"][-8:-4] for r in store.list_articles(since="2024-03-01")] == ["0002", "0001"]
    assert [r["source"][-8:-4] for r in store.list_articles(until="2024-02-28")] == ["0005", "0003"]
    assert [r["source"][-8:-4] for r in store.list_articles(since="2024-02", until="2024-03")] == ["0003", "0002", "0001"]
    assert [r["source"][-8:-4] for r in store.list_articles(limit=2, offset=1)] == ["0003", "0002"]
    assert len(store.list_articles(limit=None)) == 5
    assert store.list_articles()[0]["tags"] == ["Russia", "Ukraine"]
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        store.list_articles(since="last week")


def test_get_article_by_id_or_unique_prefix(store):
    a, b = make_analysis(1), make_analysis(2)
    for analysis, aid in ((a, "abcdef0123456789"), (b, "abcdef9876543210")):
        analysis.article.article_id = aid
        for rec in (*analysis.quotes, *analysis.mentions, *analysis.dates, *analysis.framing):
            rec.article_id = aid
    store.write([a, b])
    assert store.get_article("abcdef0123456789")["source"] == a.article.source
    assert store.get_article("abcdef01")["source"] == a.article.source
    assert store.get_article("ABCDEF98")["source"] == b.article.source
    assert store.get_article("abcde") is None  # shorter than 6
    assert store.get_article("ffffff") is None
    assert store.get_article("abcd%_") is None
    with pytest.raises(ValueError, match="ambiguous"):
        store.get_article("abcdef")


def test_iter_articles_and_quotes_stream_in_export_order(store):
    batch = [make_analysis(i, n_quotes=3) for i in (5, 3, 9, 1, 7, 2)]
    batch[0].quotes.reverse()  # insertion order must not matter
    store.write(batch)
    store.set_article_links([(batch[1].article.article_id, "story1", None)])
    arts = list(store.iter_articles(batch=4))
    assert [r["source"] for r in arts] == sorted(a.article.source for a in batch)
    assert arts[0]["entries"] == [{"time": "10:00", "text": "first entry"}]
    qs = list(store.iter_quotes(batch=5))
    assert len(qs) == 18
    assert [(q["source"], q["span"][0]) for q in qs] == sorted((q["source"], q["span"][0]) for q in qs)
    q = next(q for q in qs if q["article_id"] == batch[1].article.article_id)
    assert q["story_id"] == "story1" and q["outlet"] == "Sputnik" and q["published"] == batch[1].article.published


# --- full-text search ------------------------------------------------------------------------------------------

def test_fts_finds_quotes_on_both_dialects(store):
    a = make_analysis(1)
    a.quotes[0].text = "We are ready for negotiations with Kyiv, the minister underscored"
    a.quotes[1].text = "Talks could bring peace"
    b = make_analysis(2, speaker="Volodymyr Zelenskyy")
    b.quotes[0].text = "No peace talks without territorial guarantees"
    store.write([a, b])
    hits = store.search_fts("negotiation")  # stemmed: negotiations
    assert [h["quote_id"] for h in hits] == [a.quotes[0].quote_id]
    assert hits[0]["source"] == a.article.source and hits[0]["span"] == [0, 8] and hits[0]["score"] > 0
    assert hits[0]["title"] == "Title 1" and hits[0]["outlet"] == "Sputnik"
    assert [h["quote_id"] for h in store.search_fts('"peace talks"')] == [b.quotes[0].quote_id]
    assert [h["quote_id"] for h in store.search_fts("negot*")] == [a.quotes[0].quote_id]
    assert {h["quote_id"] for h in store.search_fts("zelenskyy")} == {q.quote_id for q in b.quotes}
    assert {h["quote_id"] for h in store.search_fts("negotiations OR territorial")} == {a.quotes[0].quote_id,
                                                                                        b.quotes[0].quote_id}
    assert {h["quote_id"] for h in store.search_fts("peace NOT guarantees")} == {a.quotes[1].quote_id}
    assert store.search_fts("Kyiv AND territorial") == []
    assert len(store.search_fts("talks", limit=1)) == 1
    assert store.search_fts("ready (Kyiv OR Moscow)")[0]["quote_id"] == a.quotes[0].quote_id


@pytest.mark.parametrize("query", ['"unclosed phrase', "(talks", "talks)", "OR", "talks AND", "NOT talks",
                                   "", "   ", "*** ---", "talks OR OR peace", "()"])
def test_malformed_fts_queries_raise_value_error(store, query):
    with pytest.raises(ValueError, match="cannot search for"):
        store.search_fts(query)


def test_search_tolerates_punctuation_and_fts_syntax_in_words(store):
    a = make_analysis(1)
    a.quotes[0].text = "the U.S.-led order is over, Lavrov's deputy said: speaker:none"
    store.write([a])
    for q in ("U.S.-led", "Lavrov's", "speaker:none", "order^2", "near(order)", "-led", "'over'"):
        assert isinstance(store.search_fts(q), list)
    assert store.search_fts("U.S.-led")[0]["quote_id"] == a.quotes[0].quote_id


QUERY_ALPHABET = st.sampled_from(list('abcé Ω"()*-:^+~.,\'!&|<>@\\/%_\t') + ["AND", " OR ", " NOT ", "NEAR", "talk"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(st.text(max_size=40), st.lists(QUERY_ALPHABET, max_size=15).map("".join)))
def test_any_input_gives_results_or_a_value_error(store, query):
    if not store.stats()["quotes"]:
        store.write([make_analysis(1), make_analysis(2, speaker="Maria Zakharova")])
    try:
        assert isinstance(store.search_fts(query), list)
    except ValueError as exc:
        assert str(exc).startswith("cannot search for")


def test_sqlite_fts_survives_vacuum(tmp_path):
    with Store(str(tmp_path / "v.db")) as s:
        s.write([make_analysis(i) for i in range(20)])
        with s.engine.begin() as conn:
            conn.execute(text("delete from articles where source < 'corpus/0010'"))
        with s.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM")
        fts_in_sync(s)
        hits = s.search_fts('"article 15"')
        assert {h["source"] for h in hits} == {"corpus/0015.txt"}


def test_dates_framing_and_entities_stream_for_export(store):
    a, b = make_analysis(1), make_analysis(2, outlet="TASS")
    store.write([b, a])
    store.save_entities([Entity("e1", "Sergey Lavrov", "PERSON", aliases=["Lavrov"], roles=["Foreign Minister"],
                                external_ids={"wikidata": "Q173"}, mention_count=7),
                         Entity("e2", "Kyiv", "PLACE", aliases=["Kiev"], mention_count=9)])
    dates = list(store.iter_dates())
    assert [d["source"] for d in dates] == [a.article.source, b.article.source]
    assert dates[0] | {} == {"article_id": a.article.article_id, "source": a.article.source, "text": "on Monday",
                             "resolved": "2024-01-01", "granularity": "day", "span": [1, 9], "quote_id": None}
    framing = list(store.iter_framing())
    assert [(f["outlet"], f["voice"], f["span"]) for f in framing] == [("Sputnik", "outlet", [2, 9]),
                                                                         ("TASS", "outlet", [2, 9])]
    ents = list(store.iter_entities())
    assert [e["name"] for e in ents] == ["Kyiv", "Sergey Lavrov"]  # most mentioned first
    assert ents[1]["external_ids"] == {"wikidata": "Q173"} and ents[1]["roles"] == ["Foreign Minister"]


def test_extras_land_with_their_batch_or_not_at_all(store):
    from onrecord.store import Extras

    a = make_analysis(1)
    extras = Extras(state={"clean.templates": {"v": 1}}, stories=[Story("s1", "Talks", article_ids=["a1"])],
                    statements=[Statement("st1", "Sergey Lavrov", "open to talks")],
                    entities=[Entity("e1", "Sergey Lavrov", "PERSON")],
                    article_links=[(a.article.article_id, "s1", None)],
                    statement_ids=[(a.quotes[0].quote_id, "st1")])
    store.write([a], extras=extras)
    assert store.load_state("clean.templates") == {"v": 1}
    assert store.get_article(a.article.article_id)["story_id"] == "s1"
    assert store.get_article(a.article.article_id)["quotes"][0]["statement_id"] == "st1"

    broken = make_analysis(2)
    broken.quotes[0].text = None
    with pytest.raises(StoreError):
        store.write([broken], extras=Extras(state={"clean.templates": {"v": 2}}, stories=[Story("s2", article_ids=["a2"])]))
    assert store.load_state("clean.templates") == {"v": 1}
    assert store.stats()["stories"] == 1


def test_sqlite_tidy_leaves_planner_statistics_for_the_filter_index(tmp_path):
    with Store(str(tmp_path / "t.db")) as s:
        s.write([make_analysis(i) for i in range(1, 4)])
        s.tidy()
        with s.engine.connect() as conn:
            names = set(conn.execute(text("select name from sqlite_master where type = 'index'")).scalars())
            assert "ix_articles_filter" in names
            assert conn.execute(text("select count(*) from sqlite_stat1 where idx = 'ix_articles_filter'")).scalar_one() == 1
