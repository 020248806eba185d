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
