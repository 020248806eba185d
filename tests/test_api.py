"""The JSON API and the pages, in process (TestClient): every endpoint returns what it says, errors are JSON with a
message and the right status (never a 500), the OpenAPI document is complete, and pages escape article text."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.records import Analysis
from onrecord.store import Store
from onrecord.web import create_app

from . import synthetic_news as sn

FILLER = 30  # quotes about grain, so that search pages run past one page


def filler(n: int = FILLER) -> list[Analysis]:
    """n short articles with one quote each about grain exports."""
    out = []
    for i in range(n):
        art = sn._article(f"synthetic/filler/{i}.txt", "Filler Times", f"2021-{i % 12 + 1:02d}-01", f"Grain {i}",
                          f'An official said: "Grain exports rose by {i} percent this year."\n')
        out.append(Analysis(article=art, quotes=[sn._quote(art, f"Grain exports rose by {i} percent this year",
                                                           "Jane Official")]))
    return out


def make_client(db: str) -> tuple[TestClient, sn.Built]:
    store = Store(db)
    built = sn.build(store)
    store.write(filler())
    store.close()
    return TestClient(create_app(db)), built


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A client over a SQLite database holding the synthetic record and the filler."""
    tmp = tmp_path_factory.mktemp("api")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ONRECORD_CACHE", str(tmp / "cache"))
        client, built = make_client(str(tmp / "api.db"))
        with client:
            yield client, built


@pytest.fixture()
def client(site) -> TestClient:
    return site[0]


@pytest.fixture()
def built(site) -> sn.Built:
    return site[1]


def error_of(resp, status: int) -> str:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]


# --- search -------------------------------------------------------------------------------------------------

def test_search_returns_quote_records(client):
    body = client.get("/api/search", params={"q": "talks Ukraine", "mode": "fts"}).json()
    assert body["total"] == 2 and len(body["results"]) == 2
    r = body["results"][0]
    assert {"quote_id", "article_id", "source", "outlet", "published", "speaker", "speaker_mention", "cue", "text",
            "kind", "span", "statement_id", "story_id", "title", "score", "matched"} <= set(r)
    assert r["context"] is None


def test_search_filters_paging_and_context(client):
    grain = client.get("/api/search", params={"q": "grain", "mode": "fts", "limit": 10}).json()
    assert grain["total"] == FILLER + 1 and len(grain["results"]) == 10
    assert grain["total_is_lower_bound"] is False  # SQLite counts and ranks every match
    page2 = client.get("/api/search", params={"q": "grain", "mode": "fts", "limit": 10, "offset": 10}).json()
    assert not {r["quote_id"] for r in grain["results"]} & {r["quote_id"] for r in page2["results"]}
    only = client.get("/api/search", params={"q": "grain", "speaker": "Sergey Lavrov", "outlet": "The Daily Example",
                                             "since": "2022", "until": "2022-12-31", "kind": "direct",
                                             "context": "true"}).json()
    assert [r["text"] for r in only["results"]] == [sn.LAVROV_MORE[3][2]]
    assert only["results"][0]["context"]["after"] == ",\u201d the top Russian diplomat said."
    story = client.get("/api/search", params={"q": "ready", "story": sn.STORY, "language": "en", "mode": "fts"}).json()
    assert story["total"] == 3


@pytest.mark.parametrize("mode", ["hybrid", "semantic"])
def test_search_modes(client, mode):
    body = client.get("/api/search", params={"q": "preconditions Kyiv", "mode": mode}).json()
    assert body["results"][0]["text"] == sn.STORY_ARTICLES[1][2]
    assert body["total"] >= len(body["results"]) >= 2


@pytest.mark.parametrize("q", ['"unbalanced', "(a b", "a OR", "NOT x", "AND", "()", "***", '"" ""'])
def test_malformed_query_is_a_400_with_a_message(client, q):
    for mode in ("fts", "hybrid", "semantic"):
        msg = error_of(client.get("/api/search", params={"q": q, "mode": mode}), 400)
        assert msg.startswith("cannot search for")


@pytest.mark.parametrize(("params", "status", "says"), [
    ({}, 422, "q: Field required"),
    ({"q": ""}, 422, "q: String should have at least 1 character"),
    ({"q": "a", "limit": 0}, 422, "limit"),
    ({"q": "a", "limit": 101}, 422, "limit"),
    ({"q": "a", "limit": "ten"}, 422, "limit"),
    ({"q": "a", "offset": -1}, 422, "offset"),
    ({"q": "a", "since": "last week"}, 422, "since"),
    ({"q": "a", "until": "2022/01/01"}, 422, "until"),
    ({"q": "a", "since": "2022-02-30"}, 400, "since='2022-02-30' is not a date"),
    ({"q": "a", "since": "2023", "until": "2022"}, 400, "is after until"),
    ({"q": "a", "kind": "shouted"}, 422, "kind"),
    ({"q": "a", "mode": "magic"}, 422, "mode"),
    ({"q": "a", "mode": "hybrid", "offset": 995, "limit": 20}, 400, "mode=fts"),
])
def test_bad_parameters_say_what_is_wrong(client, params, status, says):
    assert says in error_of(client.get("/api/search", params=params), status)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(alphabet=st.sampled_from(list('ab "()*-:^.,\'\\NOTANDOR{}[]~+') + ["é", "ß", "\u0000", "\u200b"]),
                 min_size=1, max_size=20))
def test_no_query_is_a_server_error(client, q):
    resp = client.get("/api/search", params={"q": q, "mode": "hybrid"})
    assert resp.status_code in (200, 400, 422), (q, resp.text)


# --- speakers, timeline ---------------------------------------------------------------------------------------

def test_speakers(client):
    rows = client.get("/api/speakers").json()
    assert rows[0]["speaker"] == "Jane Official" and rows[0]["quotes"] == FILLER
    lavrov = next(r for r in rows if r["speaker"] == sn.LAVROV)
    assert lavrov["entity_id"] == "ent-sergey-lavrov" and lavrov["roles"] == ["Russian Foreign Minister"]
    assert len(client.get("/api/speakers", params={"limit": 2}).json()) == 2


@pytest.mark.parametrize("ident", ["ent-sergey-lavrov", quote(sn.LAVROV), "sergey%20lavrov"])
def test_speaker_by_entity_id_or_name(client, ident):
    body = client.get(f"/api/speakers/{ident}").json()
    assert body["name"] == sn.LAVROV and body["quotes"] == 10 and body["recent_quotes"]


def test_speaker_with_markup_and_slashes_in_the_name(client):
    assert client.get("/api/speakers/" + quote(sn.EVIL, safe="")).json()["name"] == sn.EVIL


def test_timeline(client):
    body = client.get(f"/api/speakers/{quote(sn.LAVROV)}/timeline").json()
    assert body["speaker"] == sn.LAVROV and body["quotes"] == 10 and len(body["entries"]) == 8
    assert body["months"][0] == {"month": "2022-01", "quotes": 1, "statements": 0}
    about = client.get("/api/speakers/ent-sergey-lavrov/timeline", params={"about": "negotiations"}).json()
    assert about["quotes"] == 3 and about["about"] == "negotiations"  # negotiate, negotiations (stems)
    assert error_of(client.get("/api/speakers/ent-sergey-lavrov/timeline", params={"about": "(x"}), 400)


@pytest.mark.parametrize("path", ["/api/speakers/Nobody", "/api/speakers/Nobody/timeline", "/api/articles/0123456789",
                                  "/api/stories/nope", "/api/statements/nope", "/api/outlets/Nobody%20News",
                                  "/api/no/such/thing"])
def test_not_found_is_a_json_404(client, path):
    assert error_of(client.get(path), 404)


# --- articles, stories, statements, outlets, stats --------------------------------------------------------------

def test_article_keeps_markup_as_data(client, built):
    body = client.get(f"/api/articles/{built.evil_article_id}").json()
    assert body["title"] == sn.EVIL_TITLE and sn.EVIL_SCRIPT in body["text"]
    assert body["quotes"][0]["speaker"] == sn.EVIL and body["framing"][0]["term"] == "invasion"
    assert client.get(f"/api/articles/{built.evil_article_id[:8]}").json()["article_id"] == built.evil_article_id


def test_story_compares_outlets(client):
    body = client.get(f"/api/stories/{sn.STORY}").json()
    assert [c["outlet"] for c in body["outlets"]] == [o for o, *_ in sn.STORY_ARTICLES]
    assert body["statements"][0]["statement_id"] == sn.STATEMENT
    assert any(p["op"] == "ins" for p in body["statements"][0]["renderings"][1]["diff"])
    assert body["framing"]
    assert client.get("/api/stories").json()[0]["story_id"] == sn.STORY


def test_statement(client):
    body = client.get(f"/api/statements/{sn.PESKOV_STATEMENT}").json()
    assert body["speaker"] == sn.PESKOV and [r["outlet"] for r in body["renderings"]] == ["Sputnik International", "Reuters"]
    assert body["renderings"][0]["reference"] and not body["renderings"][1]["same_wording"]


def test_outlets_and_stats(client):
    outlets = client.get("/api/outlets").json()
    assert {o["outlet"] for o in outlets} == {"Filler Times", *(o for o, *_ in sn.STORY_ARTICLES)}
    reuters = client.get("/api/outlets/Reuters").json()
    assert reuters["articles"] == 4 and reuters["months"][0]["month"] == "2022-01"
    assert client.get("/api/stats").json() == {"articles": 11 + FILLER, "quotes": 13 + FILLER, "speakers": 4,
                                               "outlets": 4, "stories": 1, "statements": 2}


# --- OpenAPI ------------------------------------------------------------------------------------------------

API_PATHS = ["/api/search", "/api/search/articles", "/api/speakers", "/api/speakers/{speaker_id}",
             "/api/speakers/{speaker_id}/timeline", "/api/articles/{article_id}", "/api/stories",
             "/api/stories/{story_id}", "/api/statements/{statement_id}", "/api/outlets", "/api/outlets/{outlet}",
             "/api/stats"]


def test_openapi_document(client):
    doc = client.get("/openapi.json").json()
    try:
        from openapi_spec_validator import validate
    except ImportError:
        validate = None
    if validate is not None:
        validate(doc)
    assert doc["openapi"].startswith("3.")
    assert sorted(doc["paths"]) == sorted(API_PATHS)  # pages stay out of the API document
    schemas = doc["components"]["schemas"]
    for path, item in doc["paths"].items():
        op = item["get"]
        assert op.get("summary") and op.get("description"), path
        for status, resp in op["responses"].items():
            schema = resp["content"]["application/json"]["schema"]
            assert schema, (path, status)
            ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
            assert ref and ref.rsplit("/", 1)[-1] in schemas, (path, status)
        assert "ErrorOut" in op["responses"]["404"]["content"]["application/json"]["schema"]["$ref"]
    assert {"SearchOut", "SearchHit", "TimelineOut", "StoryOut", "StatementOut", "ArticleOut", "OutletOut",
            "StatsOut", "ErrorOut"} <= set(schemas)
    params = {p["name"]: p for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "mode", "speaker", "outlet", "since", "until", "kind", "story", "language", "limit", "offset"} <= set(params)
    assert params["limit"]["schema"]["maximum"] == 100


# --- pages ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/search?q=talks", "/search", "/speakers", "/speakers/ent-sergey-lavrov",
                                  f"/speakers/{quote(sn.LAVROV)}?about=talks", "/stories", f"/stories/{sn.STORY}",
                                  f"/statements/{sn.STATEMENT}", "/outlets", "/outlets/Reuters", "/static/chart.js",
                                  "/static/vendor/htmx-2.0.11.min.js"])
def test_pages_render(client, path):
    resp = client.get(path)
    assert resp.status_code == 200, resp.text[:500]


def test_pages_escape_what_articles_say(client, built):
    html = client.get(f"/articles/{built.evil_article_id}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html and "<img" not in html
    assert "<script>window" not in html and '<script>alert' not in html
    assert "&lt;i&gt;Mallory&lt;/i&gt;" in html and "<i>Mallory" not in html
    for path in (f"/speakers/{quote(sn.EVIL, safe='')}", "/search?q=markup", "/search?q=%3Cscript%3E+bold"):
        page = client.get(path).text
        assert "<script>window" not in page and "<i>Mallory" not in page and "<b>bold" not in page


def test_page_errors_are_pages(client):
    resp = client.get("/stories/nope")
    assert resp.status_code == 404 and "no story" in resp.text and resp.headers["content-type"].startswith("text/html")
    bad = client.get("/search", params={"q": '"open'})
    assert bad.status_code == 400 and "closing" in bad.text


def test_search_page_loads_more_results_as_a_fragment(client):
    first = client.get("/search", params={"q": "grain", "mode": "fts"}).text
    assert first.count('class="quote result"') == 20 and 'hx-get="/search?q=grain&amp;mode=fts&amp;offset=20&amp;partial=1"' in first
    more = client.get("/search", params={"q": "grain", "mode": "fts", "offset": 20, "partial": 1}).text
    assert more.count('class="quote result"') == FILLER + 1 - 20 and "<html" not in more and "More results" not in more


def test_speaker_page_embeds_chart_data_and_swaps_the_timeline(client):
    html = client.get("/speakers/ent-sergey-lavrov").text
    assert '<svg class="chart" id="timeline-chart"' in html and 'id="timeline-chart-data"' in html
    part = client.get("/speakers/ent-sergey-lavrov", params={"about": "talks"}, headers={"HX-Target": "timeline"}).text
    assert part.lstrip().startswith('<section id="timeline">') and "<html" not in part


@pytest.mark.pg
def test_search_on_postgresql(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("ONRECORD_CACHE", str(tmp_path / "cache"))
    client, _ = make_client(pg_url)
    with client:
        assert client.get("/api/search", params={"q": "talks Ukraine", "mode": "fts"}).json()["total"] == 2
        assert client.get("/api/search", params={"q": "grain", "speaker": "Jane Official"}).json()["total"] >= FILLER
        # unfiltered full text counts and ranks in one pass: the total is the same on every page, past the end too
        pages = [client.get("/api/search", params={"q": "grain", "mode": "fts", "limit": 5, "offset": o}).json()
                 for o in (0, 5, 10_000)]
        assert pages[0]["total"] >= FILLER and {p["total"] for p in pages} == {pages[0]["total"]}
        scores = [r["score"] for r in pages[0]["results"] + pages[1]["results"]]
        assert scores == sorted(scores, reverse=True) and pages[2]["results"] == []
        for q in ('"open', "a OR", "x:* & | !", "'; drop table quotes; --"):
            resp = client.get("/api/search", params={"q": q})
            assert resp.status_code in (200, 400), resp.text
        assert client.get(f"/api/stories/{sn.STORY}").status_code == 200


@pytest.mark.pg
def test_search_on_postgresql_stops_at_the_rank_cap(pg_url, tmp_path, monkeypatch):
    """More full-text matches than PG_RANK_CAP: total is the cap, flagged as a lower bound; pages past it are a 400;
    the page says "more than" and offers no page beyond the cap."""
    from onrecord.query import search as search_mod

    monkeypatch.setenv("ONRECORD_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(search_mod, "PG_RANK_CAP", 25)  # FILLER + 1 quotes say grain
    client, _ = make_client(pg_url)
    with client:
        body = client.get("/api/search", params={"q": "grain", "mode": "fts", "limit": 10}).json()
        assert body["total"] == 25 and body["total_is_lower_bound"] is True and len(body["results"]) == 10
        scores = [r["score"] for r in body["results"]]
        assert scores == sorted(scores, reverse=True)
        last = client.get("/api/search", params={"q": "grain", "mode": "fts", "limit": 5, "offset": 20}).json()
        assert last["total"] == 25 and len(last["results"]) == 5
        assert "narrow the search" in error_of(client.get("/api/search", params={"q": "grain", "mode": "fts",
                                                                                 "limit": 10, "offset": 20}), 400)
        narrowed = client.get("/api/search", params={"q": "grain", "mode": "fts", "since": "2021-07", "limit": 100}).json()
        assert narrowed["total_is_lower_bound"] is False and narrowed["total"] == len(narrowed["results"]) < 25
        few = client.get("/api/search", params={"q": "talks Ukraine", "mode": "fts"}).json()
        assert few["total"] == 2 and few["total_is_lower_bound"] is False
        hybrid = client.get("/api/search", params={"q": "grain"}).json()
        assert hybrid["total_is_lower_bound"] is True
        page = client.get("/search", params={"q": "grain", "mode": "fts"}).text
        assert "More than <span id=\"total\">25</span> quotes" in page and 'id="capped"' in page
        assert page.count('class="quote result"') == 20 and "More results" not in page
        assert 'id="capped"' not in client.get("/search", params={"q": "talks Ukraine", "mode": "fts"}).text
