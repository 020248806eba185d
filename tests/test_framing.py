"""Framing: contested terms found by concept, longest match, voice (outlet, quoted, attributed), user lexicons,
and per-outlet / per-article profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.analyze.framing import (
    LexiconError, compile_lexicon, find_framing, load_lexicon, merge_lexicon, read_lexicon_file, variant_pattern,
)
from onrecord.analyze.framing_profile import profile, profile_rows
from onrecord.records import FramingHit, Quote

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
UKRAINE = " Kyiv and Moscow disagree about Ukraine."  # context for everyday words such as "war"


def hits(text: str, quotes: list[Quote] | None = None, **kw) -> list[tuple[str, str, str, str, str | None]]:
    """(text as written, term, concept, voice, quote_id) of every hit."""
    return [(text[h.span[0]:h.span[1]], h.term, h.concept, h.voice, h.quote_id)
            for h in find_framing(text, "a1", quotes or [], **kw)]


def voices(text: str, quotes: list[Quote] | None = None) -> dict[str, str]:
    return {written: voice for written, _, _, voice, _ in hits(text, quotes)}


def quote(text: str, content: str, qid: str, kind: str = "direct") -> Quote:
    start = text.index(content)
    return Quote(quote_id=qid, article_id="a1", text=content, kind=kind, span=(start, start + len(content)), cue="said")


# ---- terms and concepts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, term, concept", [
    ("Russia's special military operation continues.", "special military operation", "war in Ukraine"),
    ("The special operation in Ukraine began.", "special operation", "war in Ukraine"),
    ("Russia's Special Op in Ukraine", "special operation", "war in Ukraine"),
    ("the military operation in Ukraine", "military operation", "war in Ukraine"),
    ("since the full-scale invasion of Ukraine", "full-scale invasion", "war in Ukraine"),
    ("since the full scale invasion of Ukraine", "full-scale invasion", "war in Ukraine"),
    ("Russia's escalating invasion of Ukraine", "invasion", "war in Ukraine"),
    ("the people of Donbass never again suffer from the Kiev regime", "Kiev regime", "Ukrainian government"),
    ("the Kyiv regime", "Kyiv regime", "Ukrainian government"),
    ("the Zelenskyy regime in Ukraine", "Zelensky regime", "Ukrainian government"),
    ("to demilitarise and de-Nazify Ukraine", "de-Nazify", "Russia's stated war aims"),
    ("to denazify Ukraine", "de-Nazify", "Russia's stated war aims"),
    ("the de-Nazification of Ukraine", "denazification", "Russia's stated war aims"),
    ("Lugansk People's Republic", "Lugansk", "Luhansk"),
    ("talks in Türkiye", "Türkiye", "Turkey (country name)"),
    ("talks in Turkiye", "Türkiye", "Turkey (country name)"),
    ("illegal aliens crossed", "illegal aliens", "immigrants without legal status"),
    ("undocumented immigrants crossed", "undocumented immigrants", "immigrants without legal status"),
    ("a pro-life rally", "pro-life", "abortion"),
    ("an anti-abortion rally", "anti-abortion", "abortion"),
    ("militants attacked the town", "militants", "armed non-state groups"),
])
def test_term_and_concept(text: str, term: str, concept: str) -> None:
    found = [(t, c) for _, t, c, _, _ in hits(text)]
    assert (term, concept) in found, found


def test_case_insensitive_whole_words_only() -> None:
    assert [t for _, t, _, _, _ in hits("KIEV REGIME and kievan rus and Kyivska oblast")] == ["Kiev", "Kiev regime"]


def test_match_case_term_skips_the_bird() -> None:
    assert [t for _, t, _, _, _ in hits("Turkey served roast turkey.")] == ["Turkey"]


def test_longest_match_wins_within_a_concept() -> None:
    got = hits("Since the full-scale invasion and the special military operation." + UKRAINE)
    terms = [t for _, t, c, _, _ in got if c == "war in Ukraine"]
    assert terms == ["full-scale invasion", "special military operation"]  # not also "invasion", "military operation"


def test_concepts_may_overlap() -> None:
    got = {(t, c) for _, t, c, _, _ in hits("the Kiev regime")}
    assert got == {("Kiev regime", "Ukrainian government"), ("Kiev", "capital of Ukraine")}


def test_everyday_words_need_the_concept_context() -> None:
    assert hits("The war on drugs and the conflict of interest.") == []
    assert [t for _, t, _, _, _ in hits("The war goes on." + UKRAINE)] == ["war", "Kyiv"]


@pytest.mark.parametrize("text", [
    "World War II memorials and the Cold War.",
    "They documented war crimes.",
    "a conflict of interest in the ministry",
    "special operations forces landed",
    "fighter jets and fighters jets",
])
def test_exclusions(text: str) -> None:
    assert [t for _, t, _, _, _ in hits(text + UKRAINE) if t not in ("Kyiv",)] == []


def test_span_is_the_text_as_written() -> None:
    text = "Russia's Special  Military\nOperation" + UKRAINE
    (h, *_) = find_framing(text, "a1", [])
    assert text[h.span[0]:h.span[1]] == "Special  Military\nOperation"
    assert h.term == "special military operation"


def test_variant_pattern_flexes_spaces_hyphens_apostrophes() -> None:
    import re
    rx = re.compile(variant_pattern("full-scale Kiev's"))
    assert all(rx.fullmatch(s) for s in ["full-scale Kiev's", "full scale Kiev’s", "fullscale  Kiev's", "full–scale Kiev's"])


# ---- voice -----------------------------------------------------------------------------------------------

def test_outlet_voice() -> None:
    assert voices("Sergei Lavrov's interview comes amid Russia's ongoing special military operation in Ukraine.") \
        == {"special military operation": "outlet"}


def test_quoted_voice_inside_a_quote_span() -> None:
    text = 'Moscow must make sure that "the people in Donbass never again suffer from the Kiev regime", he said.'
    q = quote(text, "the people in Donbass never again suffer from the Kiev regime", "q1", "mixed")
    got = hits(text, [q])
    assert ("Kiev regime", "Kiev regime", "Ukrainian government", "quoted", "q1") in got
    assert all(v == "quoted" and qid == "q1" for _, _, _, v, qid in got)


def test_quoted_voice_in_quotation_marks_without_an_extracted_quote() -> None:
    text = 'The statement read: "We will strive to demilitarise and de-Nazify Ukraine and end this."'
    assert voices(text)["de-Nazify"] == "quoted"
    assert [qid for *_, qid in hits(text)] == [None, None]


@pytest.mark.parametrize("text, term", [
    ('the Russian special operation in Ukraine, which he and his Western allies call an "invasion".', "invasion"),
    ("the Russian special operation in Ukraine, which he and his Western allies call an invasion.", "invasion"),
    ("what Russia calls a special military operation in Ukraine", "special military operation"),
    ("what Moscow has termed a “special military operation” in Ukraine", "special military operation"),
    ("Russia's so-called special military operation in Ukraine", "special military operation"),
    ("Russia's so-called 'special military operation' in Ukraine", "special military operation"),
    ("the special military operation, as Moscow calls it, in Ukraine", "special military operation"),
    ("the special military operation (as the Kremlin refers to it) in Ukraine", "special military operation"),
    ("the conflict, dubbed a special military operation by Moscow, in Ukraine", "special military operation"),
    ("an offensive termed a special military operation in Ukraine", "special military operation"),
    ("Putin called it a special military operation in Ukraine", "special military operation"),
    ("the war, a special military operation in Kremlin parlance, in Ukraine", "special military operation"),
    ('the Kremlin insists on a "special military operation" in Ukraine', "special military operation"),
])
def test_attributed_voice(text: str, term: str) -> None:
    assert voices(text)[term] == "attributed", hits(text)


def test_unmarked_neighbour_stays_outlet() -> None:
    text = 'the Russian special operation in Ukraine, which he and his Western allies call an "invasion".'
    assert voices(text) == {"special operation": "outlet", "invasion": "attributed"}


def test_direct_quote_wins_over_attribution_markers() -> None:
    text = '"What they call an invasion is a special military operation," Lavrov said of Ukraine.'
    q = quote(text, "What they call an invasion is a special military operation,", "q7")
    assert {t: (v, qid) for _, t, _, v, qid in hits(text, [q])} == {
        "invasion": ("quoted", "q7"), "special military operation": ("quoted", "q7")}


def test_attribution_inside_reported_speech_keeps_the_quote() -> None:
    text = 'Lavrov said the West wages what it calls a "war" against Russia in Ukraine.'
    q = quote(text, 'the West wages what it calls a "war" against Russia in Ukraine', "q8", "indirect")
    assert [(t, v, qid) for _, t, _, v, qid in hits(text, [q]) if t == "war"] == [("war", "attributed", "q8")]


def test_voice_of_seed_002_sentence() -> None:
    text = (SEEDS / "002_c7eae9a1e1b74523.txt").read_text(encoding="utf-8")
    got = {(t, v) for _, t, _, v, _ in hits(text)}
    assert ("invasion", "attributed") in got and ("special operation", "outlet") in got
    assert ("invasion", "outlet") not in got


# ---- lexicon files ---------------------------------------------------------------------------------------

USER = '''
[voice]
attributed_after = ['\\s*,\\s*in\\s+the\\s+words\\s+of\\b']

[[concept]]
name = "war in Ukraine"
[[concept.term]]
term = "invasion"
variants = ["incursion"]
[[concept.term]]
term = "war"
enabled = false
[[concept.term]]
term = "Russia's war"
variants = ["Putin's war"]

[[concept]]
name = "ceasefire"
[[concept.term]]
term = "truce"
[[concept.term]]
term = "pause"
variants = ["humanitarian pause", "humanitarian pauses"]
'''


def test_user_lexicon_merges(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(USER, encoding="utf-8")
    lex = load_lexicon(path)
    text = "Putin's war: an incursion, a humanitarian pause, the war, a truce, Kyiv, an invasion, in the words of Ukraine."
    got = {(text[h.span[0]:h.span[1]], h.term, h.concept) for h in find_framing(text, "a", [], lexicon=lex)}
    assert got == {
        ("Putin's war", "Russia's war", "war in Ukraine"), ("incursion", "invasion", "war in Ukraine"),
        ("humanitarian pause", "pause", "ceasefire"), ("truce", "truce", "ceasefire"),
        ("Kyiv", "Kyiv", "capital of Ukraine"), ("invasion", "invasion", "war in Ukraine"),
    }
    # the packaged lexicon is untouched
    assert "war" in {t.term for t in load_lexicon().terms}
    assert "ceasefire" not in load_lexicon().concepts


def test_user_voice_patterns_are_added(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(USER, encoding="utf-8")
    text = "the special military operation, in the words of the Kremlin, in Ukraine"
    (h,) = find_framing(text, "a", [], lexicon=load_lexicon(path))
    assert h.voice == "attributed"


def test_merge_is_pure() -> None:
    base = {"concept": [{"name": "c", "term": [{"term": "x", "variants": ["xs"]}]}]}
    merged = merge_lexicon(base, {"concept": [{"name": "C", "term": [{"term": "X", "variants": ["xes"]}]}]})
    assert merged["concept"][0]["term"][0]["variants"] == ["xs", "xes"]
    assert base["concept"][0]["term"][0]["variants"] == ["xs"]


@pytest.mark.parametrize("content, message", [
    ("[[concept]]\nterm = []\n", "has no name"),
    ('[[concept]]\nname = "c"\n[[concept.term]]\nvariants = ["x"]\n', "has no `term"),
    ('[[concept]]\nname = "c"\n[[concept.term]]\nterm = "x"\nvariants = "y"\n', "must be a list of strings"),
    ("[[concept]\n", "not valid TOML"),
    ("[voice]\nattributed_before = ['(unclosed']\n", "not a valid regex"),
    ("[voice]\nattributed_before = ['{nope}\\s+']\n", "not under [voice.fragments]"),
    ('[[concept]]\nname = "c"\n[[concept.term]]\nterm = "x"\nneeds_context = true\n', "has no `context` words"),
])
def test_bad_lexicon_files_name_the_file_and_the_fix(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="no such framing lexicon file"):
        read_lexicon_file(tmp_path / "nope.toml")


def test_packaged_lexicon_compiles_and_every_term_matches_itself() -> None:
    lex = load_lexicon()
    assert len(lex.concepts) >= 10
    for t in lex.terms:
        text = f"{t.term}" + UKRAINE
        assert any(h.term == t.term for h in find_framing(text, "a", [], lexicon=lex)), t.term


def test_compile_lexicon_from_tables() -> None:
    lex = compile_lexicon({"concept": [{"name": "c", "term": [{"term": "foo bar"}]}]})
    (h,) = find_framing("a Foo  Bar here", "a", [], lexicon=lex)
    assert (h.term, h.concept, h.voice) == ("foo bar", "c", "outlet")


# ---- profiles --------------------------------------------------------------------------------------------

def _hit(article: str, term: str, voice: str, concept: str = "war in Ukraine") -> FramingHit:
    return FramingHit(article_id=article, term=term, concept=concept, voice=voice, span=(0, 1))  # type: ignore[arg-type]


PAIRS = [
    ("Sputnik", _hit("a1", "special military operation", "outlet")),
    ("Sputnik", _hit("a1", "special military operation", "outlet")),
    ("Sputnik", _hit("a1", "invasion", "attributed")),
    ("Sputnik", _hit("a2", "Kiev", "outlet", "capital of Ukraine")),
    ("Reuters", _hit("a3", "invasion", "outlet")),
    ("Reuters", _hit("a3", "special military operation", "quoted")),
    (None, _hit("a4", "war", "outlet")),
]


def test_profile_by_outlet() -> None:
    got = profile(PAIRS, by="outlet")
    assert [r["outlet"] for r in got] == ["Reuters", "Sputnik", None]
    sputnik = got[1]
    assert sputnik["hits"] == 4
    war = sputnik["concepts"]["war in Ukraine"]
    assert war["total"] == 3
    assert list(war["terms"]) == ["special military operation", "invasion"]
    assert war["terms"]["special military operation"] == {"outlet": 2, "quoted": 0, "attributed": 0, "total": 2}
    assert war["terms"]["invasion"] == {"outlet": 0, "quoted": 0, "attributed": 1, "total": 1}
    assert got[0]["concepts"]["war in Ukraine"]["terms"]["special military operation"]["quoted"] == 1


def test_profile_by_article() -> None:
    got = profile(PAIRS, by="article")
    assert [(r["article_id"], r["outlet"], r["hits"]) for r in got] == [
        ("a1", "Sputnik", 3), ("a2", "Sputnik", 1), ("a3", "Reuters", 2), ("a4", None, 1)]


def test_profile_rows_are_flat() -> None:
    rows = profile_rows(PAIRS)
    assert rows[0] == {"outlet": "Reuters", "concept": "war in Ukraine", "term": "invasion", "outlet_voice": 1,
                       "quoted": 0, "attributed": 0, "total": 1, "share_of_concept": 0.5}


def test_profile_rejects_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="by must be"):
        profile(PAIRS, by="story")  # type: ignore[arg-type]


def test_profile_from_found_hits() -> None:
    text = (SEEDS / "002_c7eae9a1e1b74523.txt").read_text(encoding="utf-8")
    rows = profile_rows([("Sputnik International", h) for h in find_framing(text, "s2", [])])
    invasion = next(r for r in rows if r["term"] == "invasion")
    assert invasion["attributed"] >= 1 and invasion["outlet_voice"] == 0


# ---- robustness and seeds --------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Kiev regimKyInvasoS-'\"“” ,.calledwhat\nÜİ")), max_size=150))
def test_any_text_gives_valid_spans(text: str) -> None:
    for h in find_framing(text, "a", []):
        assert 0 <= h.span[0] < h.span[1] <= len(text)
        assert h.voice in ("outlet", "quoted", "attributed")


def _gold() -> list[dict]:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("doc", _gold(), ids=lambda d: d["file"])
def test_seed_framing_terms(doc: dict) -> None:
    text = (SEEDS / doc["file"]).read_text(encoding="utf-8")
    terms = {h.term.lower() for h in find_framing(text, doc["file"], [])}
    for gold in doc.get("framing_terms", []):
        assert any(gold.lower() in t or t in gold.lower() for t in terms), (gold, terms)
