"""A name the small model tags as a verb ("Trump openly admires ...") gets its sentence parsed again."""

from __future__ import annotations

from onrecord.analyze import quote_candidates
from onrecord.analyze.name_repair import misread_names
from onrecord.analyze.nlp import load_nlp, parse

TEXT = ('Donald Trump visited the plant on Monday. Trump openly admires the governor as a "true leader," '
        "comparing him favorably to the mayor.\n")


def test_the_model_misreads_the_name_without_the_repair() -> None:
    # the premise: without the component the name is a verb and the sentence has no subject
    with load_nlp().select_pipes(disable=["onrecord_name_repair"]):
        doc = load_nlp()(TEXT)
    second = list(doc.sents)[1]
    assert second[0].tag_.startswith("VB")
    assert list(misread_names(doc)) == [second]


def test_repaired_sentence_keeps_its_words_and_gets_a_subject() -> None:
    doc = parse(TEXT)
    assert doc.text == TEXT
    trump = list(doc.sents)[1][0]
    assert trump.text == "Trump" and trump.tag_ == "NNP" and trump.dep_ == "nsubj" and trump.head.text == "admires"
    assert not misread_names(doc)


def test_the_repaired_sentence_yields_its_attribution() -> None:
    found = [(TEXT[c.start : c.end], c.mention) for c in quote_candidates(TEXT)]
    assert ('the governor as a "true leader,"', "Trump") in found


def test_a_capitalised_verb_the_doc_never_uses_as_a_name_is_left_alone() -> None:
    doc = parse("Look at the numbers, the mayor said. Look again.\n")
    assert not misread_names(doc)
    assert doc[0].tag_ == "VB"
