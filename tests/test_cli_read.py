"""The read commands on the seeds database: quotes, speakers, entities, framing, stories, statements, search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    code, _, stderr = run("ingest", str(SEEDS), "--db", path)
    assert code == 0, stderr
    return path


def data(*args: str):
    code, stdout, stderr = run(*args, "--json")
    assert code == 0, stderr
    return json.loads(stdout)


def test_quotes_filters(db):
    everything = data("quotes", "--db", db, "--limit", "0")
    assert len(everything) >= 20
    lavrov = data("quotes", "--db", db, "--limit", "0", "--speaker", "lavrov")
    assert lavrov and all("lavrov" in q["speaker"].lower() for q in lavrov)
    direct = data("quotes", "--db", db, "--limit", "0", "--kind", "direct")
    assert direct and all(q["kind"] == "direct" for q in direct)
    late = data("quotes", "--db", db, "--limit", "0", "--since", "2024-01-01")
    assert late and all(q["published"] >= "2024-01-01" for q in late)
    assert run("quotes", "--db", db, "--kind", "rumour")[0] == 2


def test_speakers_are_canonical_with_roles(db):
    rows = data("speakers", "--db", db)
    names = [r["speaker"] for r in rows]
    assert sum("Lavrov" in n for n in names) == 1  # Sergey/Sergei, the minister, Mr. Lavrov: one person
    top = rows[0]
    assert "Lavrov" in top["speaker"] and top["roles"]


def test_entities_merge_spellings(db):
    ents = data("entities", "--db", db, "--limit", "0")
    kyiv = [e for e in ents if e["name"] == "Kyiv"]
    assert len(kyiv) == 1 and "Kiev" in kyiv[0]["aliases"]
    places = data("entities", "--db", db, "--type", "place", "--limit", "0")
    assert places and all(e["type"] == "PLACE" for e in places)


def test_framing_by_outlet_and_concept(db):
    rows = data("framing", "--db", db)
    terms = {r["term"] for r in rows}
    assert "special military operation" in terms and "kiev regime" in terms
    assert {r["outlet"] for r in rows} >= {"Sputnik International", "(unknown)"}
    one = data("framing", "--db", db, "--concept", rows[0]["concept"])
    assert {r["concept"] for r in one} == {rows[0]["concept"]}
    assert run("framing", "--db", db, "--by", "planet")[0] == 2


def test_stories_story_statement_and_compare(db):
    stories = data("stories", "--db", db)
    biggest = stories[0]
    assert biggest["articles"] == 2  # the two reports of the Serbian-media interview
    story = data("story", biggest["story_id"], "--db", db)
    assert {Path(a["source"]).name[:3] for a in story["articles"]} == {"000", "001"}
    shared = {q["statement_id"] for q in story["quotes"] if q["statement_id"]}
    multi = [sid for sid in shared if len({q["article_id"] for q in story["quotes"] if q["statement_id"] == sid}) > 1]
    assert multi, "the same statement reported by both articles should share a statement id"
    st = data("statement", multi[0], "--db", db)
    assert len({r["article_id"] for r in st["renderings"]}) == 2
    assert data("compare", biggest["story_id"], "--db", db)
    assert run("story", "nope", "--db", db)[0] == 1
    assert run("statement", "nope", "--db", db)[0] == 1


def test_search_and_timeline(db):
    found = data("search", "negotiations", "--db", db, "--mode", "fts")
    assert found["total"] >= 1 and all("negoti" in r["text"].lower() for r in found["results"])
    assert found["total_is_lower_bound"] is False  # SQLite counts every match
    assert run("search", '"unbalanced', "--db", db)[0] == 2
    who = data("speakers", "--db", db)[0]["speaker"]
    line = data("timeline", who, "--db", db)
    assert line["entries"]
    assert run("timeline", "Nobody Atall", "--db", db)[0] == 1


def test_timeline_takes_a_surname_or_an_alias_for_the_canonical_speaker(db):
    canonical = data("timeline", "Sergei Lavrov", "--db", db)
    for typed in ("Lavrov", "lavrov", "Sergey Lavrov"):
        line = data("timeline", typed, "--db", db)
        assert line["speaker"] == "Sergei Lavrov" and line["quotes"] == canonical["quotes"]
    assert run("timeline", "%", "--db", db)[0] == 1  # a LIKE wildcard is a plain character, not "any speaker"


def test_tables_show_square_brackets_as_text_not_markup(db):
    code, stdout, _ = run("quotes", "--db", db, "--limit", "0", "--kind", "direct")
    assert code == 0 and "[the" in stdout  # "[the Belarusian] track": an editor's insertion, not Rich markup


def test_entity_file_adds_identifiers_and_a_bad_one_is_a_usage_error(tmp_path):
    f = tmp_path / "ents.toml"
    f.write_text('[[entity]]\nname = "Kyiv"\nexternal_ids = { wikidata = "Q1899" }\n', encoding="utf-8")
    db = str(tmp_path / "e.db")
    assert run("ingest", str(SEEDS), "--db", db, "--entity-file", str(f))[0] == 0
    kyiv = [e for e in data("entities", "--db", db, "--limit", "0") if e["name"] == "Kyiv"]
    assert kyiv[0]["external_ids"] == {"wikidata": "Q1899"}
    code, _, stderr = run("ingest", str(SEEDS), "--db", str(tmp_path / "x.db"), "--entity-file", str(tmp_path / "no.toml"))
    assert code == 2 and "no.toml" in stderr


@pytest.mark.pg
def test_search_on_postgresql_says_when_the_total_is_a_lower_bound(pg_url, monkeypatch):
    from onrecord.query import search as search_mod

    code, _, stderr = run("ingest", str(SEEDS), "--db", pg_url)
    assert code == 0, stderr
    exact = data("search", "Ukraine", "--db", pg_url, "--mode", "fts")
    assert exact["total"] >= 3 and exact["total_is_lower_bound"] is False
    monkeypatch.setattr(search_mod, "PG_RANK_CAP", 2)
    capped = data("search", "Ukraine", "--db", pg_url, "--mode", "fts", "--limit", "2")
    assert capped["total"] == 2 and capped["total_is_lower_bound"] is True and len(capped["results"]) == 2
    code, stdout, _ = run("search", "Ukraine", "--db", pg_url, "--mode", "fts", "--limit", "2")
    assert code == 0 and "more than 2 matching quotes" in stdout
    code, _, stderr = run("search", "Ukraine", "--db", pg_url, "--mode", "fts", "--limit", "2", "--offset", "1")
    assert code == 2 and "narrow the search" in stderr
