"""Re-parse sentences where the small English model read a person's name as a verb.

en_core_web_sm tags "Trump" as a verb in about one sentence in fifteen that names him ("Trump openly admires Putin
as ..." comes out with "Trump" as the root and "admires" as its object), and the parse around it is lost: no subject,
no speaker. A capitalised word the same article also uses as a proper noun is a name, not a verb: such a sentence is
parsed again with the word swapped for a plain surname, and the new tags and tree are copied back (same tokens, the
original words kept). Few sentences qualify, so the cost is small; written here because no spaCy component does it.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, HEAD, ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

STAND_IN = "Smith"  # a surname the model always tags NNP
VERB_TAGS = ("VB", "VBP", "VBZ", "VBD")
NAME_TAGS = ("NNP", "NNPS")


class NameRepair:
    """Pipeline component: run after the parser, before the attributes that read the tags."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def _parse_steps(self) -> list:
        """The pipeline's components up to the parser (a single sentence needs no line-break starts)."""
        names = self.nlp.pipe_names
        return [self.nlp.get_pipe(n) for n in names[: names.index("parser") + 1] if n != "onrecord_line_breaks"]

    def __call__(self, doc: Doc) -> Doc:
        suspects = misread_names(doc)
        if not suspects:
            return doc
        arr = None
        for sent, words in suspects.items():
            fixed = self._reparse(sent, words)
            if fixed is None:
                continue
            if arr is None:
                arr = doc.to_array([TAG, HEAD, DEP])
            arr[sent.start : sent.end] = fixed.to_array([TAG, HEAD, DEP])
        if arr is not None:
            doc.from_array([TAG, HEAD, DEP], arr)
        return doc

    def _reparse(self, sent: Span, words: list[int]) -> Doc | None:
        """The sentence parsed alone with the misread names swapped for the stand-in; None if it tokenizes apart."""
        text = sent.doc.text  # built once: spaCy joins every token's text on each access
        pieces, last = [], sent.start_char
        for i in words:
            t = sent.doc[i]
            pieces += [text[last : t.idx], STAND_IN]
            last = t.idx + len(t.text)
        pieces.append(text[last : sent.end_char])
        new = self.nlp.make_doc("".join(pieces))
        if len(new) != len(sent):
            return None
        for step in self._parse_steps():
            new = step(new)
        if any(new[i - sent.start].tag_ not in NAME_TAGS for i in words):
            return None
        return new


def misread_names(doc: Doc) -> dict[Span, list[int]]:
    """Sentences holding a capitalised word tagged as a verb that the same doc also tags as a proper noun (read
    off the doc's arrays: a loop over every Token would cost more than the repair)."""
    found: dict[Span, list[int]] = {}
    if not len(doc):
        return found
    strings = doc.vocab.strings
    arr = doc.to_array([TAG, ORTH])
    names = np.unique(arr[np.isin(arr[:, 0], [strings[t] for t in NAME_TAGS if t in strings]), 1])
    verbs = np.isin(arr[:, 0], [strings[t] for t in VERB_TAGS if t in strings]) & np.isin(arr[:, 1], names)
    for i in np.flatnonzero(verbs):
        t = doc[int(i)]
        if t.text[:1].isupper() and not t.text.isupper():
            found.setdefault(t.sent, []).append(t.i)
    return found


@Language.factory("onrecord_name_repair")
def make_name_repair(nlp: Language, name: str) -> NameRepair:
    return NameRepair(nlp)
