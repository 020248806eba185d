"""Canonical speakers across the corpus: transliteration folding, surnames, alias files (merge and split), state."""

from __future__ import annotations

import json

import pytest

from onrecord.analyze import AliasFileError, SpeakerRegistry, analyze_quotes, speaker_entities
from onrecord.analyze.names import fold
from onrecord.records import Article


@pytest.mark.parametrize("a,b", [
    ("Sergey Lavrov", "Sergei Lavrov"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Zelenskiy", "Zelensky"),
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"),
    ("Dmitry Peskov", "Dmitri Peskov"),
    ("Alexei Navalny", "Aleksey Navalny"),
])
def test_transliterations_fold_together(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a,b", [("Ali Khan", "Aly Khan"), ("Hillary Clinton", "Bill Clinton"), ("Juan Li", "Yuan Li")])
def test_different_names_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_registry_merges_transliterations_and_keeps_the_first_name():
    reg = SpeakerRegistry()
    a = reg.observe("Sergey Lavrov", "person", titles=["Russian Foreign Minister"], role_words={"russian", "foreign", "minister"})
    b = reg.observe("Sergei Lavrov", "person")
    assert a is b and b.name == "Sergey Lavrov" and b.count == 2
    assert reg.lookup("Lavrov") is a  # a bare surname finds the one person of that name
    assert {"russian", "minister"} <= reg.roles_of("Lavrov")
    assert "Sergei Lavrov" in a.aliases


def test_surname_first_then_full_name_upgrades():
    reg = SpeakerRegistry()
    first = reg.observe("Zelensky", "person")
    full = reg.observe("Volodymyr Zelenskyy", "person")
    assert first is full and full.name == "Volodymyr Zelenskyy"
    assert reg.lookup("Volodymyr Zelensky") is full


def test_ambiguous_surname_is_not_guessed():
    reg = SpeakerRegistry()
    reg.observe("Hillary Clinton")
    reg.observe("Bill Clinton")
    assert reg.lookup("Clinton") is None


def test_alias_file_toml_merges(tmp_path):
    path = tmp_path / "speakers.toml"
    path.write_text('[[merge]]\nname = "Volodymyr Zelensky"\naliases = ["Vladimir Zelensky"]\n', encoding="utf-8")
    reg = SpeakerRegistry(aliases=path)
    sp = reg.observe("Vladimir Zelensky")
    assert sp.name == "Volodymyr Zelensky"
    assert reg.observe("Volodymyr Zelenskyy") is sp


def test_alias_file_yaml_merges_learnt_speakers(tmp_path):
    reg = SpeakerRegistry()
    a = reg.observe("Vladimir Zelensky")
    b = reg.observe("Volodymyr Zelensky")
    assert a is not b  # folding cannot know these are one man
    path = tmp_path / "speakers.yaml"
    path.write_text("merge:\n  - name: Volodymyr Zelensky\n    aliases: [Vladimir Zelensky]\n", encoding="utf-8")
    merged = SpeakerRegistry.from_state(reg.to_state(), aliases=path)
    assert merged.lookup("Vladimir Zelensky") is merged.lookup("Volodymyr Zelensky")
    assert merged.lookup("Vladimir Zelensky").count == 2


def test_alias_file_split_keeps_folded_names_apart(tmp_path):
    path = tmp_path / "speakers.toml"
    path.write_text('[[split]]\nnames = ["Alexandr Novak", "Aleksandr Novak"]\n', encoding="utf-8")
    reg = SpeakerRegistry(aliases=path)
    a, b = reg.observe("Alexandr Novak"), reg.observe("Aleksandr Novak")
    assert a is not b and a.name == "Alexandr Novak" and b.name == "Aleksandr Novak"
    assert reg.lookup("Novak") is None  # a bare surname shared by split names stays unresolved
    assert reg.observe("Alexandr Novak") is a


def test_split_applies_to_state_learnt_before(tmp_path):
    reg = SpeakerRegistry()
    merged = reg.observe("Alexandr Novak")
    assert reg.observe("Aleksandr Novak") is merged
    path = tmp_path / "speakers.toml"
    path.write_text('[[split]]\nnames = ["Alexandr Novak", "Aleksandr Novak"]\n', encoding="utf-8")
    again = SpeakerRegistry.from_state(reg.to_state(), aliases=path)
    assert again.lookup("Alexandr Novak") is not again.lookup("Aleksandr Novak")


@pytest.mark.parametrize("content,fix", [
    ("[[merge]\nname = ", "fix the syntax"),
    ('[[merge]]\naliases = ["x"]\n', "needs a 'name'"),
    ('[[split]]\nnames = ["only one"]\n', "at least two names"),
])
def test_bad_alias_file_says_where_and_what(tmp_path, content, fix):
    path = tmp_path / "speakers.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError, match=fix) as exc:
        SpeakerRegistry(aliases=path)
    assert str(path) in str(exc.value)


def test_missing_alias_file(tmp_path):
    with pytest.raises(AliasFileError, match="check the path"):
        SpeakerRegistry(aliases=tmp_path / "nope.toml")


def test_state_round_trips_through_json():
    reg = SpeakerRegistry()
    reg.observe("Sergey Lavrov", titles=["Russian Foreign Minister"], role_words={"foreign", "minister"})
    reg.observe("Russian Defence Ministry", "org")
    state = json.loads(json.dumps(reg.to_state()))
    again = SpeakerRegistry.from_state(state)
    assert again.lookup("Sergei Lavrov").entity_id == reg.lookup("Sergey Lavrov").entity_id
    assert again.lookup("Russian Defense Ministry").kind == "org"  # spelling variants fold too
    assert {e.name for e in speaker_entities(again)} == {"Sergey Lavrov", "Russian Defence Ministry"}
    with pytest.raises(ValueError, match="version"):
        SpeakerRegistry.from_state({"version": 99, "speakers": []})


def test_roles_differing_only_in_case_are_one_role():
    reg = SpeakerRegistry()
    reg.observe("Donald Trump", titles=["President"])
    reg.observe("Donald Trump", titles=["president", "President", "US President"])
    (ent,) = speaker_entities(reg)
    assert ent.roles == ["President", "US President"]


def _article(n: int, text: str) -> Article:
    return Article(article_id=f"a{n}", source=f"s{n}.txt", content_hash="h", text=text)


def test_one_speaker_across_articles_spelled_differently():
    reg = SpeakerRegistry()
    a = analyze_quotes(_article(1, 'Russian Foreign Minister Sergey Lavrov spoke.\n"We are ready to talk," Lavrov said.'), registry=reg)
    b = analyze_quotes(_article(2, 'Sergei Lavrov said that Moscow would wait for an answer from Kiev.'), registry=reg)
    c = analyze_quotes(_article(3, 'Moscow is ready for talks, Lavrov says'), registry=reg)
    assert {q.speaker for q in a + b + c} == {"Sergey Lavrov"}
    assert len({q.speaker_entity_id for q in a + b + c}) == 1


def test_roles_learnt_in_one_article_resolve_a_description_in_another():
    reg = SpeakerRegistry()
    analyze_quotes(_article(1, 'Russian Foreign Minister Sergey Lavrov said that talks would go on.'), registry=reg)
    qs = analyze_quotes(_article(2, 'Lavrov arrived in Ankara on Monday.\n"We will talk to everyone," the top Russian diplomat said.'), registry=reg)
    assert [q.speaker for q in qs] == ["Sergey Lavrov"] and qs[0].speaker_mention == "the top Russian diplomat"


def test_titles_outside_the_lexicon_and_role_words_in_names():
    from onrecord.analyze import quote_candidates

    text = ("Senate Minority Leader Chuck Schumer met the president on Friday.\n"
            '"We made a plea to the president once again," the Senate Minority Leader said.\n'
            '"I have a dream that this will pass," Martin Luther King said.')
    speakers = [c.speaker for c in quote_candidates(text)]
    assert speakers == ["Chuck Schumer", "Martin Luther King"]
