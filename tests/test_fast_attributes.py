"""The cached attribute component gives what the model's own attribute ruler and lemmatizer give."""

from __future__ import annotations

import spacy

from onrecord.analyze.nlp import MODEL, _attributes, lemma, load_nlp

TEXT = (
    "There is no alternative to the talks, the minister said on Monday. \"We are gonna keep going,\" he told reporters.\n"
    "Officials were hoping that the ceasefire would hold; the agency's reports showed otherwise.\n"
    "She had been saying for weeks that nothing was agreed. Y'all know that, said the spokesmen, who ain't happy.\n"
    "The foreign ministers met; the meeting's outcomes stayed secret, and the children's letters went unanswered."
)


def test_pos_morph_and_lemmas_match_the_models_own_components():
    fast = load_nlp()
    assert "attribute_ruler" not in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    ref = spacy.load(MODEL, exclude=["ner"])
    ref.add_pipe("onrecord_line_breaks", before="parser")
    ours, theirs = fast(TEXT), ref(TEXT)
    assert [t.text for t in ours] == [t.text for t in theirs]
    for a, b in zip(ours, theirs):
        assert (a.pos_, str(a.morph), a.dep_) == (b.pos_, str(b.morph), b.dep_), a.text
        assert _attributes().lemma(a) == b.lemma_.lower(), a.text
    assert {t.text: lemma(t) for t in ours if t.text in ("said", "told", "showed", "reports", "ministers", "hoping")} == {
        "said": "say", "told": "tell", "showed": "show", "reports": "report", "ministers": "minister",
        "hoping": "hope"}  # the model says "hop": lemma() applies the lexicon's fixes
    there_is = next(t for t in ours if t.text == "is")
    assert there_is.pos_ == "VERB"  # a two-token ruler pattern ("there" + "is"), applied by the Matcher


def test_the_cache_gives_the_same_answer_twice_and_an_empty_text_is_fine():
    nlp = load_nlp()
    first = [(t.pos_, lemma(t)) for t in nlp(TEXT)]
    assert [(t.pos_, lemma(t)) for t in nlp(TEXT)] == first
    assert len(nlp("")) == 0


def test_every_line_starts_a_sentence_and_no_sentence_crosses_a_line():
    text = "The talks went on\nwithout a break said the envoy\n\n  and the minister left\nearly"
    doc = load_nlp()(text)
    starts = [t.i for t in doc if t.is_sent_start]
    after_break = [t.i + 1 for t in doc[:-1] if "\n" in t.text or "\n" in t.whitespace_]
    assert set(after_break) <= set(starts) and 0 in starts
    for sent in doc.sents:
        assert "\n" not in sent.text.strip(), sent.text
    assert len(list(load_nlp()("One sentence with no line break at all.").sents)) == 1


def test_multi_token_patterns_on_arrays_and_through_the_matcher_apply_in_pattern_order():
    from onrecord.analyze.fast_attributes import FastAttributes

    nlp = load_nlp()
    patterns = [
        {"patterns": [[{"LOWER": "per"}, {"LOWER": {"IN": ["cent", "centum"]}}]], "attrs": {"LEMMA": "percent"}},
        {"patterns": [[{"LOWER": {"REGEX": "^sorts?$"}}, {"LOWER": "of"}]], "attrs": {"LEMMA": "kind"}},
        {"patterns": [[{"LOWER": "sort"}, {"LOWER": "of", "OP": "?"}, {"LOWER": "agreed"}]],  # an operator: Matcher
         "attrs": {"LEMMA": "agree"}, "index": 2},
        {"patterns": [[{"LOWER": {"NOT_IN": ["a"]}}, {"LOWER": "sort"}]], "attrs": {"LEMMA": "later"}, "index": 1},
        {"patterns": [[{"LOWER": "per"}, {"LOWER": "cent"}]], "attrs": {"LEMMA": "pc"}},  # later: overrides the first
    ]
    fa = FastAttributes(nlp.vocab, patterns, nlp.get_pipe("onrecord_attributes").lemmatizer)
    assert len(fa.sequences) == 4 and len(fa.multi) == 1
    doc = fa(load_nlp()("They sort of agreed on five per cent, the sort she liked. A sort of deal, per centum."))
    lemmas = {(t.i, t.text): t.lemma_ for t in doc if t.lemma_}
    by_text = {}
    for (_, text), lem in lemmas.items():
        by_text.setdefault(text, []).append(lem)
    assert by_text["per"] == ["pc", "percent"]  # "per cent": the later pattern wins; "per centum": only the first
    assert by_text["agreed"] == ["agree"]  # matched through the Matcher (optional "of")
    # "They sort of" and "the sort": the later NOT_IN pattern overrides "kind"; "A sort of": "a" is excluded
    assert by_text["sort"] == ["later", "later", "kind"]
