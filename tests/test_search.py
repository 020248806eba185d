"""The read side over a synthetic record, on SQLite and PostgreSQL: search (full text, semantic, hybrid) with filters,
timelines, story comparison, outlet profiles, and the vector index and its cache."""

from __future__ import annotations

import numpy as np
import pytest

from onrecord.query import vectors as vectors_mod
from onrecord.query.compare import compare, statement_view, word_diff
from onrecord.query.embedding import HashingEmbedder
from onrecord.query.outlets import list_outlets, outlet_profile
from onrecord.query.search import MAX_DEPTH, search, search_articles
from onrecord.query.segments import mark, sentence_context
from onrecord.query.speakers import speaker_profile
from onrecord.query.timeline import month_range, timeline
from onrecord.query.vector_index import VectorIndex
from onrecord.query.vectors import QuoteVectors

from . import synthetic_news as sn

EXPORT_KEYS = ["quote_id", "article_id", "source", "outlet", "published", "speaker", "speaker_mention", "cue", "text",
               "kind", "span", "statement_id", "story_id"]


@pytest.fixture()
def built(store, tmp_path, monkeypatch):
    """The synthetic record in a fresh store (vector caches under tmp_path)."""
    monkeypatch.setenv(vectors_mod.CACHE_ENV, str(tmp_path / "cache"))
    return sn.build(store)


def texts(result: dict) -> list[str]:
    return [r["text"] for r in result["results"]]


# --- full text ----------------------------------------------------------------------------------------------

def test_full_text_finds_by_words_and_returns_export_records(store, built):
    res = search(store, "talks Ukraine", mode="fts")
    assert res["total"] == 2
    assert set(texts(res)) == {sn.STORY_ARTICLES[0][2], sn.STORY_ARTICLES[2][2]}
    for r in res["results"]:
        assert list(r)[: len(EXPORT_KEYS)] == EXPORT_KEYS
        assert r["matched"] == "fts" and r["score"] > 0 and r["title"]


def test_full_text_query_language(store, built):
    assert search(store, '"without any preconditions"', mode="fts")["total"] == 1
    assert search(store, "preconditions NOT Kyiv", mode="fts")["total"] == 2
    assert search(store, "Kyiv OR Europe", mode="fts")["total"] == 4
    assert search(store, "sanction*", mode="fts")["total"] == 3


@pytest.mark.parametrize("mode", ["fts", "semantic", "hybrid"])
@pytest.mark.parametrize("query", ['"open phrase', "(a b", "a OR", "NOT a", "  ** "])
def test_malformed_queries_raise_a_clear_value_error(store, built, mode, query):
    with pytest.raises(ValueError, match=r"^cannot search for "):
        search(store, query, mode=mode)


S0, S1, S2 = (w for _, _, w, _, _ in sn.STORY_ARTICLES)
P0, P1 = (w for _, _, w in sn.PESKOV_WORDINGS)
M_SANCTIONS, M_NEGOTIATIONS, M_NEVER = sn.LAVROV_MORE[2][2], sn.LAVROV_MORE[5][2], sn.LAVROV_MORE[6][2]


def test_filters_combine(store, built):
    def every(**kw) -> set[str]:
        return set(texts(search(store, "ready OR sanctions OR negotiate", mode="fts", limit=100, **kw)))

    assert every() == {S0, S1, S2, P0, P1, M_SANCTIONS, M_NEGOTIATIONS, M_NEVER}
    assert every(speaker="Dmitry Peskov") == {P0, P1}
    assert every(speaker="peskov") == {P0, P1}  # part of a name, any case
    assert every(speaker="ent-dmitry-peskov") == {P0, P1}  # entity id
    assert every(speaker="nobody at all") == set()
    assert every(outlet="Reuters") == {S1, P1, M_SANCTIONS, M_NEGOTIATIONS}
    assert every(kind="indirect") == {S2}
    assert every(since="2022-03-30") == {S2, M_SANCTIONS, M_NEGOTIATIONS, M_NEVER}
    assert every(until="2022-03-28") == {S0, P0}
    assert every(since="2022-03", until="2022-03") == every(story=sn.STORY) == {S0, S1, S2, P0, P1}
    assert every(language="EN") == every() and every(language="fr") == set()
    assert every(outlet="Reuters", speaker="Sergey Lavrov") == {S1, M_SANCTIONS, M_NEGOTIATIONS}


def test_dates_filter_on_when_said_before_when_published(store, built):
    from onrecord.records import Analysis

    art = sn._article("synthetic/said.txt", "Reuters", "2024-07-01", "Old words", 'He said in 2019: "Ready then."\n')
    quote = sn._quote(art, "Ready then", sn.LAVROV)
    quote.said_on = "2019-05-01"
    store.write([Analysis(article=art, quotes=[quote])])
    assert texts(search(store, "ready", mode="fts", until="2019")) == ["Ready then"]
    assert "Ready then" not in texts(search(store, "ready", mode="fts", since="2024-07"))


@pytest.mark.parametrize(("kw", "message"), [
    ({"since": "2022-13-01"}, "since='2022-13-01' is not a date"),
    ({"until": "yesterday"}, "until='yesterday' is not a date"),
    ({"since": "2023", "until": "2022"}, "is after until"),
    ({"kind": "shouted"}, "is not a quote kind"),
    ({"mode": "fuzzy"}, "is not a search mode"),
    ({"limit": 0}, "limit=0"),
    ({"offset": -1}, "offset=-1"),
])
def test_bad_filters_say_what_to_write(store, built, kw, message):
    with pytest.raises(ValueError, match=message):
        search(store, "talks", **kw)


def test_paging_has_no_overlap_and_a_stable_total(store, built):
    whole = search(store, "ready OR sanctions OR negotiate OR Europe", mode="fts", limit=100)
    pages = [search(store, "ready OR sanctions OR negotiate OR Europe", mode="fts", limit=2, offset=o) for o in (0, 2, 4, 6)]
    assert all(p["total"] == whole["total"] for p in pages)
    assert [r["quote_id"] for p in pages for r in p["results"]] == [r["quote_id"] for r in whole["results"]][:8]


SORGHUM = 8  # quotes about sorghum (more than the cap below), and two about millet (fewer)


def crops() -> list:
    """Quotes saying "sorghum" one to three times (so that ts_rank tells them apart), and two about millet."""
    from onrecord.records import Analysis

    out = []
    for i in range(SORGHUM + 2):
        crop = "sorghum" if i < SORGHUM else "millet"
        said = f"{crop.title()} prices rose by {i} percent" + f", {crop} surged" * (i % 3)
        art = sn._article(f"synthetic/crops/{i}.txt", "Crop Times", f"2023-{i % 12 + 1:02d}-02", f"Crops {i}",
                          f'A trader said: "{said}."\n')
        out.append(Analysis(article=art, quotes=[sn._quote(art, said, "Jane Trader")]))
    return out


def ranked(res: dict) -> list[tuple[float, str]]:
    return [(r["score"], r["quote_id"]) for r in res["results"]]


def test_postgresql_ranks_at_most_a_capped_number_of_full_text_matches(store, built, monkeypatch):
    """On PostgreSQL a full-text query reads at most PG_RANK_CAP + 1 matches: more than the cap match → total is
    the cap and a lower bound, results are ranked within it, pages stop there; fewer → exact. SQLite is exact."""
    from onrecord.query import search as search_mod

    store.write(crops())
    every = search(store, "sorghum", mode="fts", limit=100)  # the cap (5,000) is far away: everything, exactly
    assert every["total"] == SORGHUM and every["total_is_lower_bound"] is False
    score_of = {r["quote_id"]: r["score"] for r in every["results"]}
    monkeypatch.setattr(search_mod, "PG_RANK_CAP", 3)
    few = search(store, "millet", mode="fts")
    assert few["total"] == 2 and few["total_is_lower_bound"] is False and len(few["results"]) == 2
    assert search(store, "millet", mode="fts", offset=5)["total"] == 2  # past the end: an empty page, as before
    top = search(store, "sorghum", mode="fts", limit=3)
    hybrid = search(store, "sorghum", mode="hybrid", limit=5)
    if store.dialect == "sqlite":  # counts and ranks every match, pages on
        assert top["total"] == SORGHUM and top["total_is_lower_bound"] is False and ranked(top) == ranked(every)[:3]
        assert len(search(store, "sorghum", mode="fts", limit=3, offset=3)["results"]) == 3
        assert hybrid["total_is_lower_bound"] is False
        return
    assert top["total"] == 3 and top["total_is_lower_bound"] is True and len(top["results"]) == 3
    assert ranked(top) == sorted(ranked(top), key=lambda t: (-t[0], t[1]))  # best first, then by quote id
    assert all(score_of[qid] == score for score, qid in ranked(top))  # the same score as uncapped
    pages = [search(store, "sorghum", mode="fts", limit=1, offset=o) for o in (0, 1, 2)]
    assert [ranked(p)[0] for p in pages] == ranked(top) and {p["total"] for p in pages} == {3}
    assert all(p["total_is_lower_bound"] for p in pages)
    for offset, limit in ((2, 2), (3, 1), (100, 20)):
        with pytest.raises(ValueError, match="narrow the search"):
            search(store, "sorghum", mode="fts", limit=limit, offset=offset)
    narrowed = search(store, "sorghum surged", mode="fts", limit=3)  # said two or three times: 5 quotes, still capped
    assert narrowed["total"] == 3 and narrowed["total_is_lower_bound"] is True
    filtered = search(store, "sorghum", mode="fts", until="2023-03")  # January to March: 3 quotes
    assert filtered["total"] == 3 and filtered["total_is_lower_bound"] is False
    assert hybrid["total_is_lower_bound"] is True and hybrid["total"] >= 3  # combined as before, the flag carried


def test_semantic_and_hybrid_stop_at_max_depth_but_fts_pages_on(store, built):
    with pytest.raises(ValueError, match="mode=fts"):
        search(store, "talks", mode="hybrid", offset=MAX_DEPTH)
    assert search(store, "talks", mode="fts", offset=MAX_DEPTH)["results"] == []


def test_context_is_the_sentence_around_the_quote(store, built):
    res = search(store, '"hurt Europe"', mode="fts", context=True)
    ctx = res["results"][0]["context"]
    assert ctx == {"before": 'Kremlin spokesman Dmitry Peskov said: "', "text": sn.PESKOV_WORDINGS[1][2], "after": '."'}


def test_search_articles(store, built):
    res = search_articles(store, "Lavrov talks")
    assert res["total"] == 3
    first = res["results"][0]
    assert first["story_id"] == sn.STORY
    assert any(p["hit"] for p in first["snippet"]) and "".join(p["text"] for p in first["snippet"])
    assert search_articles(store, "Lavrov", outlet="Reuters", since="2022-03-29", until="2022-03-29")["total"] == 1
    with pytest.raises(ValueError):
        search_articles(store, '"open')


# --- semantic and hybrid ------------------------------------------------------------------------------------

def test_semantic_finds_quotes_worded_differently(store, built):
    fts_hits = set(texts(search(store, "preconditions Kyiv", mode="fts")))
    sem = search(store, "preconditions Kyiv", mode="semantic")
    assert fts_hits == {sn.STORY_ARTICLES[1][2]}
    assert sem["results"][0]["text"] == sn.STORY_ARTICLES[1][2]
    assert {sn.STORY_ARTICLES[0][2], sn.STORY_ARTICLES[2][2]} <= set(texts(sem))  # same statement, no "Kyiv"
    assert all(r["matched"] == "semantic" and 0 < r["score"] <= 1.0001 for r in sem["results"])
    scores = [r["score"] for r in sem["results"]]
    assert scores == sorted(scores, reverse=True)


def test_semantic_respects_filters(store, built):
    res = search(store, "ready for talks", mode="semantic", outlet="Reuters")
    assert res["results"] and {r["outlet"] for r in res["results"]} == {"Reuters"}


def test_hybrid_fuses_both_rankings(store, built):
    res = search(store, "preconditions Kyiv", mode="hybrid")
    assert res["results"][0]["text"] == sn.STORY_ARTICLES[1][2] and res["results"][0]["matched"] == "both"
    assert {r["matched"] for r in res["results"][1:]} == {"semantic"}
    assert res["total"] == len(res["results"])


# --- vector index and cache ---------------------------------------------------------------------------------

def test_ivf_index_recalls_what_the_exact_scan_finds():
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(40, 32)).astype(np.float32)
    vecs = centres[rng.integers(0, 40, 6000)] + 0.3 * rng.normal(size=(6000, 32)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = np.asarray([f"q{i:05d}" for i in range(len(vecs))])
    exact = VectorIndex.build(ids, vecs)
    ivf = VectorIndex.build(ids, vecs, ivf_min=1000)
    assert exact.centroids is None and ivf.centroids is not None and ivf.offsets[-1] == len(ids)
    recall = []
    for q in vecs[:50]:
        want = {i for i, _ in exact.search(q, 10)}
        recall.append(len(want & {i for i, _ in ivf.search(q, 10, nprobe=8)}) / 10)
    assert np.mean(recall) > 0.9
    pos = ivf.positions(["q00042", "nope", "q00007"])
    assert sorted(ivf.ids[pos].tolist()) == ["q00007", "q00042"]
    assert {i for i, _ in ivf.search(vecs[3], 5, subset=pos)} == {"q00007", "q00042"}


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting the texts it encodes."""

    def __init__(self) -> None:
        super().__init__()
        self.encoded = 0

    def encode(self, texts):
        self.encoded += len(texts)
        return super().encode(texts)


def test_vectors_are_cached_and_updated_incrementally(store, built, tmp_path):
    first = CountingEmbedder()
    qv = QuoteVectors(store, first)
    n = store.stats()["quotes"]
    assert len(qv.index()) == n and first.encoded >= n
    assert qv.path is not None and (qv.path / "meta.json").exists()
    again = CountingEmbedder()
    assert len(QuoteVectors(store, again).index()) == n and again.encoded == 0  # from the cache
    extra = sn._article("synthetic/extra.txt", "Reuters", "2024-07-01", "Extra", 'He said: "A brand new quote here."\n')
    from onrecord.records import Analysis
    store.write([Analysis(article=extra, quotes=[sn._quote(extra, "A brand new quote here", sn.LAVROV)])])
    third = CountingEmbedder()
    assert len(QuoteVectors(store, third).index()) == n + 1
    assert third.encoded == 1  # the new quote, not the whole corpus


# --- timeline, comparison, outlets --------------------------------------------------------------------------

def test_timeline_groups_by_statement_and_fills_months(store, built):
    line = timeline(store, "Sergey Lavrov")
    assert line["speaker"] == sn.LAVROV and line["entity_id"] == built.lavrov_entity
    assert line["quotes"] == 3 + len(sn.LAVROV_MORE)
    assert line["statements"] == 1 + len(sn.LAVROV_MORE)
    talks = next(e for e in line["entries"] if e["statement_id"] == sn.STATEMENT)
    assert talks["reports"] == 3 and talks["outlets"] == [o for o, *_ in sn.STORY_ARTICLES]
    assert [e["date"] for e in line["entries"]] == sorted(e["date"] for e in line["entries"])
    months = line["months"]
    assert months[0]["month"] == "2022-01" and months[-1]["month"] == "2024-06" and len(months) == 30
    assert sum(m["quotes"] for m in months) == line["quotes"]
    assert next(m for m in months if m["month"] == "2022-03")["quotes"] == 3


def test_timeline_about_words_and_unknown_speakers(store, built):
    about = timeline(store, built.lavrov_entity, about="negotiations OR negotiate")
    assert about["quotes"] == 3 and about["about"] == "negotiations OR negotiate"
    assert timeline(store, "sergey lavrov")["quotes"] == timeline(store, sn.LAVROV)["quotes"]
    assert timeline(store, "Nobody") is None
    with pytest.raises(ValueError):
        timeline(store, sn.LAVROV, about='"open')


def test_speaker_profile(store, built):
    prof = speaker_profile(store, built.lavrov_entity)
    assert prof["name"] == sn.LAVROV and prof["roles"] == ["Russian Foreign Minister"]
    assert prof["quotes"] == 10 and {o["outlet"] for o in prof["outlets"]} == {o for o, *_ in sn.STORY_ARTICLES}
    assert prof["recent_quotes"][0]["published"] == "2024-06-05"
    assert speaker_profile(store, "nobody") is None


def test_compare_puts_outlets_side_by_side(store, built):
    cmp = compare(store, sn.STORY)
    assert [c["outlet"] for c in cmp["outlets"]] == [o for o, *_ in sn.STORY_ARTICLES]
    talks = cmp["statements"][0]
    assert talks["statement_id"] == sn.STATEMENT and talks["shared"]
    ref, reuters, daily = talks["renderings"]
    assert ref["reference"] and ref["outlet"] == "Sputnik International"
    assert {"op": "ins", "text": "Moscow"} in reuters["diff"] and {"op": "del", "text": "Russia"} in reuters["diff"]
    war = next(r for r in cmp["framing"] if r["concept"] == "war in Ukraine")
    assert [c["terms"] for c in war["by_outlet"]] == [["special military operation"], ["invasion"], ["war"]]
    peskov_quote = next(q for q in cmp["outlets"][0]["quotes"] if q["speaker"] == sn.PESKOV)
    assert [p["text"] for p in peskov_quote["pieces"] if p["framing"]] == ["illegal"]
    assert all(q["shared"] for c in cmp["outlets"] for q in c["quotes"])
    assert compare(store, "no-such-story") is None


def test_statement_view(store, built):
    st = statement_view(store, sn.STATEMENT)
    assert st["speaker"] == sn.LAVROV and len(st["renderings"]) == 3 and st["renderings"][0]["reference"]
    assert statement_view(store, "nope") is None


def test_outlets(store, built):
    names = [o["outlet"] for o in list_outlets(store)]
    assert set(names) == {o for o, *_ in sn.STORY_ARTICLES}
    prof = outlet_profile(store, "Reuters")
    assert prof["articles"] == 4 and prof["quotes"] == 5
    assert prof["top_speakers"][0] == {"speaker": sn.LAVROV, "quotes": 4}
    assert {(f["term"], f["outlet_voice"], f["quoted"]) for f in prof["framing"]} == {("invasion", 1, 0), ("unlawful", 0, 1)}
    assert prof["stories"][0]["story_id"] == sn.STORY
    assert outlet_profile(store, "Nobody News") is None


# --- pure helpers -------------------------------------------------------------------------------------------

def test_word_diff():
    assert word_diff("Russia is ready for talks", "Moscow is ready for talks.") == [
        {"op": "del", "text": "Russia"}, {"op": "ins", "text": "Moscow"}, {"op": "same", "text": "is ready for talks."}]
    assert word_diff("a b", "a b") == [{"op": "same", "text": "a b"}]


def test_sentence_context_and_marks():
    text = "First one. He said it was fine. Then more"
    s = text.index("it was fine")
    assert sentence_context(text, s, s + 11, clipped_left=False, clipped_right=False) == {
        "before": "He said ", "text": "it was fine", "after": "."}
    assert sentence_context("abc def", 4, 7, clipped_left=True, clipped_right=True)["before"].startswith("…")
    pieces = mark("abcdef", {"q": [(1, 4, {"id": 1})], "f": [(2, 3, {"t": 1})]})
    assert [(p["text"], bool(p["q"]), bool(p["f"])) for p in pieces] == [
        ("a", False, False), ("b", True, False), ("c", True, True), ("d", True, False), ("ef", False, False)]


def test_month_range():
    assert month_range("2022-11", "2023-02") == ["2022-11", "2022-12", "2023-01", "2023-02"]


@pytest.mark.pg
def test_postgresql_quote_search_table_follows_every_change(pg_url, tmp_path, monkeypatch):
    """quote_search (revision 0003) is kept by triggers: inserts, replacements, deletions, and changes to the
    searched columns of quotes and articles; what full-text search with filters returns follows."""
    from sqlalchemy import text

    from onrecord.records import Analysis
    from onrecord.store import Store, fts

    monkeypatch.setenv(vectors_mod.CACHE_ENV, str(tmp_path / "cache"))
    with Store(pg_url) as store:
        sn.build(store)
        art = sn._article("synthetic/moved.txt", "Reuters", "2024-07-01", "Moved", 'He said: "Ready to move."\n')
        store.write([Analysis(article=art, quotes=[sn._quote(art, "Ready to move", sn.LAVROV)])])
        assert texts(search(store, "move", mode="fts", outlet="Reuters")) == ["Ready to move"]
        with store.engine.begin() as conn:
            conn.execute(text("update articles set outlet = 'TASS', published = '2019-01-02' where source = :s"),
                         {"s": "synthetic/moved.txt"})
            conn.execute(text("update quotes set speaker = 'Someone Else', said_on = '2018-05' where text = :t"),
                         {"t": "Ready to move"})
            conn.execute(text("update quotes set statement_id = 'st-x'"))  # no searched column: rows stay as they are
        assert search(store, "move", mode="fts", outlet="Reuters")["total"] == 0
        assert texts(search(store, "move", mode="fts", outlet="TASS", until="2018")) == ["Ready to move"]
        assert texts(search(store, "move", mode="fts", speaker="Someone Else")) == ["Ready to move"]
        assert texts(search(store, "else", mode="fts")) == ["Ready to move"]  # the speaker's words are indexed
        replaced = sn._article("synthetic/moved.txt", "TASS", "2024-07-02", "Moved", 'He said: "Ready to stay."\n')
        store.write([Analysis(article=replaced, quotes=[sn._quote(replaced, "Ready to stay", sn.LAVROV)])])
        assert search(store, "move", mode="fts")["total"] == 0
        assert texts(search(store, "stay", mode="fts", outlet="TASS", since="2024-07-02")) == ["Ready to stay"]
        with store.engine.begin() as conn:
            derived = set(conn.execute(text(fts._SEARCH_ROW.format(quotes="quotes"))).all())
            kept = set(conn.execute(text("select quote_id, tsv, outlet, day, speaker, kind from quote_search")).all())
            n = conn.execute(text("select count(*) from quotes")).scalar_one()
        assert kept == derived and len(kept) == n
        with store.engine.begin() as conn:
            conn.execute(text("delete from articles"))
            assert conn.execute(text("select count(*) from quote_search")).scalar_one() == 0
