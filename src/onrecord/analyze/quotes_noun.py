"""Attribution carried by a noun: "her plan to ...", "Trump's claim that ...", "the call by X for ...",
"a Times report that ...", "he made the argument that ...".

The noun is the cue; its content is its "that"/"whether" clause, its to-infinitive or its "for" object; its
source is its possessor, a "by"/"from" phrase, a name compounded with it ("a Reuters report"), or the subject of
a light verb that has it as object ("made the claim", "voiced the hope", "laid out a plan").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import cues
from .nlp import lemma

SOURCE_PREPS = ("by", "from", "of")  # "the call by X", "a warning from X", "the view of X" (only before a clause)
LIGHT_VERBS = cues().light_verbs


# Nouns whose prepositional object is what the criticism, support or question is about ("his criticism of the
# deal", "her opposition to the wall", "questions about his health"); "for" is read for every cue noun.
NOUN_PREPS = cues().noun_preps


def _to_infinitive(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def noun_content(t: Token) -> tuple[int, int] | None:
    """The token span [s, e) of what a cue noun holds: its clause, its to-infinitive or its "for" object."""
    for c in t.children:
        if c.i < t.i:
            continue
        if c.dep_ in ("acl", "ccomp", "appos", "relcl") and any(x.lower_ in ("that", "whether") and x.dep_ == "mark" for x in c.children):
            return c.left_edge.i, c.right_edge.i + 1
        if c.dep_ == "acl" and _to_infinitive(c) and c.left_edge.i > t.i:
            return c.left_edge.i, c.right_edge.i + 1
        if c.dep_ == "prep" and c.i == t.i + 1 and (c.lower_ == "for" or c.lower_ in NOUN_PREPS.get(t.lower_, ())):
            obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj.left_edge.i, obj.right_edge.i + 1
    return None


def noun_source(doc: Doc, t: Token) -> Token | None:
    """The head token of who holds the claim, plan or call, or None when the sentence does not say."""
    for c in t.children:
        if c.dep_ == "poss":
            return c
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in SOURCE_PREPS and c.i > t.i:
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON") and (c.lower_ != "of" or obj.pos_ == "PROPN"):
                return obj
    for c in t.children:
        if c.dep_ == "compound" and c.i < t.i and c.pos_ == "PROPN":
            return c
    v = t.head
    if t.dep_ in ("dobj", "attr") and v.pos_ in ("VERB", "AUX") and lemma(v) in LIGHT_VERBS:
        for c in v.children:
            if c.dep_ == "nsubj" and c.i < v.i:
                return c
        if v.dep_ in ("xcomp", "conj", "advcl") and v.head.pos_ in ("VERB", "AUX"):
            for c in v.head.children:
                if c.dep_ == "nsubj" and c.i < v.head.i:
                    return c
    return None
