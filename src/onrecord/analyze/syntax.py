"""Small questions asked of a parsed sentence: is this a cue verb, who is its subject, where is its complement."""

from __future__ import annotations

import bisect
import re
from itertools import pairwise

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from .lexicon import cues
from .nlp import lemma

SUBJECT_DEPS = ("nsubj", "nsubjpass")
INHERIT_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl")
QUOTE_CHARS = "\"'“”‘’«»„‹›"
NEWLINE = re.compile("\n")
STOP_SUBJECTS = {"it", "there", "this", "that", "what", "which"}


class TokenIndex:
    """Character offset -> token lookups over one parsed doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = token_starts(doc)

    def at(self, char: int) -> int:
        """Index of the token holding (or starting right after) a character offset."""
        k = bisect.bisect_right(self.starts, char) - 1
        return max(0, k)

    def after(self, char: int) -> int:
        """Index of the first token starting at or after a character offset."""
        return bisect.bisect_left(self.starts, char)


def doc_text(doc: Doc) -> str:
    """The doc's text, built once (spaCy rebuilds ``doc.text`` on every access)."""
    text = doc.user_data.get("onrecord_text")
    if text is None:
        text = doc.user_data["onrecord_text"] = doc.text
    return text


def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, read from the doc's array at once (iterating a Doc builds a Python object
    per token), kept on the doc."""
    starts = doc.user_data.get("onrecord_starts")
    if starts is None:
        starts = doc.user_data["onrecord_starts"] = doc.to_array([IDX]).reshape(-1).tolist() if len(doc) else []
    return starts


def line_ids(doc: Doc) -> list[int]:
    """For each token, the number of line breaks before it: tokens on one line share a number."""
    ids = doc.user_data.get("onrecord_lines")
    if ids is None:
        text = doc_text(doc)
        breaks = [m.start() for m in NEWLINE.finditer(text)]
        ids = doc.user_data["onrecord_lines"] = [bisect.bisect_left(breaks, idx) for idx in token_starts(doc)]
    return ids


def line_break_between(doc: Doc, a: int, b: int) -> bool:
    """True when a line break separates the starts of tokens a and b."""
    ids = line_ids(doc)
    return ids[a] != ids[b]


def is_cue_verb(t: Token) -> bool:
    """A verb of saying or believing, used as a verb (not "the said report")."""
    if not t.tag_.startswith("VB") or t.dep_ in ("aux", "auxpass", "amod", "compound"):
        return False
    lem = lemma(t)
    return cues().is_verb(lem) and lem not in cues().direct_only


def is_attribution_verb(t: Token) -> bool:
    """A verb that can attribute an adjacent quotation by itself ("said", "told", "added", "continued")."""
    if not t.tag_.startswith("VB") or t.dep_ in ("aux", "auxpass", "amod", "compound"):
        return False
    lex = cues()
    lem = lemma(t)
    return lem in lex.direct_verbs


def negated(t: Token) -> bool:
    return any(c.dep_ == "neg" for c in t.children)


def spaced_dash(t: Token) -> bool:
    """A dash standing between words as punctuation (" - ", "—"), not a hyphen inside a name or number."""
    return t.text in ("—", "–", "―", "--") or t.text == "-" and bool(t.whitespace_) and t.i > 0 and bool(t.doc[t.i - 1].whitespace_)


def subject_of(t: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, inherited through "went on to say", "..., adding", "and added"."""
    subjects = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) == 2 and subjects[0].pos_ == "NOUN" and subjects[1].pos_ == "PROPN" and \
            any(c.dep_ == "cc" for c in subjects[0].children):  # "Party leader and Prime Minister Boris Johnson said":
        subjects = subjects[1:]  # one person under two titles, which the parser took for two subjects
    elif len(subjects) > 1 and all(a.right_edge.i + 1 == b.left_edge.i for a, b in pairwise(subjects)) and \
            all(c.pos_ in ("NOUN", "PROPN", "PUNCT", "ADJ") for c in subjects[:-1]) and subjects[-1].pos_ in ("NOUN", "PROPN"):
        # one noun phrase the parser split into several subjects: a title before a name ("speaker of the parliament
        # Ali Larijani wrote", "Early opponent MP Tanya Davies said") or a hyphenated head ("Another co-author, ...,
        # said"): its last part is the head
        subjects = subjects[-1:]
    if subjects:
        c = subjects[0]
        if c.lower_ in STOP_SUBJECTS and (c.dep_ == "nsubjpass" or c.lower_ not in ("which", "that")) \
                and not (c.lower_ == "it" and c.dep_ == "nsubj" and _speech_act(t)):
            return None  # "it" stays the subject of a verb of saying ("it said", "it urged"): an organisation speaking
        return c
    if depth < 3 and next_act(t):
        return subject_of(t.head.head, depth + 1)
    if depth < 3 and t.dep_ in INHERIT_DEPS and t.head.i != t.i and t.head.pos_ in ("VERB", "AUX"):
        return subject_of(t.head, depth + 1)
    return None


def participle_subject(t: Token) -> Token | None:
    """The subject of the clause a participle cue hangs from: "ended his list by saying", "released a
    statement saying"."""
    if t.tag_ != "VBG" or t.dep_ not in ("pcomp", "acl"):
        return None
    up = t.head.head  # by -> ended (pcomp); statement -> released (acl)
    if t.dep_ == "acl" and t.head.dep_ not in ("dobj", "pobj"):
        return None
    return subject_of(up) if up.pos_ in ("VERB", "AUX") and up.i != t.i else None


def joined_act(x: Token, clause: Token) -> bool:
    """x, conjoined inside a reported clause rooted at ``clause``, reads as the speaker's own next act rather than
    more of the clause: a finite or -ing verb in another tense than the clause's, or after a copula ("said it was
    opposed to the test and warned ...")."""
    return x.dep_ == "conj" and x.tag_ in ("VBD", "VBZ", "VBG") and (x.tag_ != clause.tag_ or clause.pos_ == "AUX")


def next_act(t: Token) -> bool:
    """A verb of saying joined to the clause a speaker reports, which is the speaker's own next act ("said it was
    opposed to the test and warned ...", "tweeted that she was "a con" and encouraged ..."): not part of the clause."""
    head = t.head
    return joined_act(t, head) and head.dep_ == "ccomp" and is_cue_verb(head.head) and _speech_act(t)



def _speech_act(t: Token) -> bool:
    """A verb of saying, urging or citing (not of seeming or knowing, whose "it" is no one)."""
    lex = cues()
    lem = lemma(t)
    return lem in lex.speech_verbs or lem in lex.directive_verbs or lem in lex.object_verbs


def stray_subject(t: Token) -> Token | None:
    """The name right before a finite main verb that the parser hung on the phrase before it ("In a meeting with
    the board of the Post Trump said ...", "In a statement to the Observer, her adviser, Jake Sullivan, said: ...")."""
    if t.tag_ not in ("VBD", "VBZ", "VBP") or t.dep_ != "ROOT":
        return None
    doc = t.doc
    k = t.i - 1
    while k >= 0 and doc[k].head.i == t.i and doc[k].dep_ in ("aux", "advmod", "neg"):
        k -= 1
    if k >= 1 and doc[k].text == "," and doc[k - 1].dep_ == "appos":  # the closing comma of an apposition
        k -= 1
    if k >= 0 and doc[k].pos_ in ("PROPN", "PRON") and doc[k].dep_ in ("pobj", "compound", "appos", "conj"):
        return doc[k]
    return None


def cue_text(t: Token) -> tuple[str, int, int]:
    """The cue as written (with its particle: "pointed out") and its character span."""
    start, end = t.idx, t.idx + len(t.text)
    for c in t.children:
        if c.dep_ == "prt" and c.i == t.i + 1:
            end = c.idx + len(c.text)
    return doc_text(t.doc)[start:end], start, end


def is_quote_token(t: Token) -> bool:
    return bool(t.text) and all(ch in QUOTE_CHARS for ch in t.text)
