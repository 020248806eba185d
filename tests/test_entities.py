"""Entity mentions and the canonical entity index: spelling variants, short forms, user files, state."""

from __future__ import annotations

from onrecord.analyze import SpeakerRegistry
from onrecord.analyze.entities import EntityFileError, EntityIndex, find_mentions, load_entity_file
from onrecord.analyze.nlp import parse

import pytest


def mentions_of(text: str, index: EntityIndex, registry: SpeakerRegistry | None = None, aid: str = "a1"):
    return find_mentions(aid, text, parse(text), index, registry)


def owner(index: EntityIndex, surface: str, registry: SpeakerRegistry | None = None) -> set[str]:
    return {e.entity_id for e in index.entities(registry) if surface in {e.name, *e.aliases}}


def test_spelling_variants_are_one_place_across_articles():
    index = EntityIndex()
    mentions_of("Shelling was reported in Kiev and near Kharkov on Monday.", index, aid="a1")
    mentions_of("Officials in Kyiv said the talks in Turkiye would go on, as in Kyev last year.", index, aid="a2")
    mentions_of("The Donbass region and Donbas residents; Turkey hosted the talks.", index, aid="a3")
    assert owner(index, "Kiev") == owner(index, "Kyiv") == owner(index, "Kyev") != set()
    assert owner(index, "Turkey") == owner(index, "Turkiye") != set()
    assert owner(index, "Donbass") == owner(index, "Donbas") != set()
    kyiv = next(e for e in index.entities() if e.name == "Kyiv")
    assert kyiv.type == "PLACE" and kyiv.mention_count == 3


def test_acronyms_match_exactly_not_inside_words():
    index = EntityIndex()
    found = mentions_of("The US and the EU met at the UN. Users of the bus were late.", index)
    names = {m.text for m in found}
    assert {"US", "EU", "UN"} <= names
    assert not any(m.text.lower() == "us" and m.text != "US" for m in found)


def test_short_forms_go_to_the_full_name_in_the_article_and_transliterations_fold():
    index = EntityIndex()
    mentions_of("Kremlin spokesman Dmitry Peskov spoke on Monday. Peskov added nothing.", index, aid="a1")
    mentions_of("Spokesman Dmitri Peskov was asked again.", index, aid="a2")
    assert owner(index, "Peskov") == owner(index, "Dmitry Peskov") == owner(index, "Dmitri Peskov") != set()


def test_speakers_and_mentions_share_one_entity():
    registry = SpeakerRegistry()
    sp = registry.observe("Sergey Lavrov", titles=["Russian Foreign Minister"], role_words={"minister"})
    index = EntityIndex()
    found = mentions_of("Russian Foreign Minister Sergei Lavrov met reporters. Lavrov smiled.", index, registry)
    assert {m.entity_id for m in found if "Lavrov" in m.text} == {sp.entity_id}
    ent = next(e for e in index.entities(registry) if e.entity_id == sp.entity_id)
    assert {"Sergei Lavrov", "Lavrov"} <= set(ent.aliases) and ent.type == "PERSON"


def test_user_file_adds_ids_and_merges_names(tmp_path):
    f = tmp_path / "entities.toml"
    f.write_text('[[entity]]\nname = "Volodymyr Zelensky"\ntype = "PERSON"\n'
                 'aliases = ["Vladimir Zelensky", "Zelenskiy"]\nexternal_ids = { wikidata = "Q3874799" }\n',
                 encoding="utf-8")
    index = EntityIndex(load_entity_file(f))
    mentions_of("Vladimir Zelensky spoke. Later Zelenskiy and Volodymyr Zelensky spoke again.", index)
    ent = next(e for e in index.entities() if e.name == "Volodymyr Zelensky")
    assert ent.external_ids == {"wikidata": "Q3874799"}
    assert {"Vladimir Zelensky", "Zelenskiy"} <= set(ent.aliases)
    y = tmp_path / "entities.yaml"
    y.write_text("entity:\n  - name: Kyiv\n    external_ids: {wikidata: Q1899}\n", encoding="utf-8")
    assert EntityIndex(load_entity_file(y)).known[EntityIndex().gazetteer_id("Kiev")].external_ids == {"wikidata": "Q1899"}
    bad = tmp_path / "bad.toml"
    bad.write_text("[[entity]]\naliases = ['x']\n", encoding="utf-8")
    with pytest.raises(EntityFileError, match="bad.toml"):
        load_entity_file(bad)


def test_state_round_trip_keeps_entities_and_counts():
    index = EntityIndex()
    mentions_of("President Emmanuel Macron visited Kiev.", index)
    again = EntityIndex.from_state(index.to_state())
    assert [(e.entity_id, e.name, e.mention_count) for e in again.entities()] == \
           [(e.entity_id, e.name, e.mention_count) for e in index.entities()]
    mentions_of("Macron spoke in Kyiv.", again, aid="a2")
    assert owner(again, "Macron") == owner(again, "Emmanuel Macron") != set()
