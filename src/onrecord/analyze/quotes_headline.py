"""Headlines in title case: "Sanders Vows To Eliminate Tax Breaks", "New Poll Shows Minor Bump For Clinton".

The parser tags every capitalised word of such a line a proper noun, so the cue verb is found by its form: a
word of the cue lexicon in the third person ("Says", "Vows", "Denies", "Pushes") after a capitalised subject of
one to six words at the start of the line. The rest of the line is the content. Only lines that are title case
throughout are read this way; a line with a parse-found attribution keeps it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .candidates import QuoteCandidate
from .lexicon import Cues
from .syntax import line_ids

MAX_SUBJECT = 6
MIN_CONTENT = 3
MAX_LINE = 30
LINKS = {"to", "of", "for", "the", "a", "an", "and", "in", "on", "at", "by", "with", "as", "from", "'s", "’s", "&"}
NOT_SUBJECT = {"the latest", "watch", "video", "breaking", "exclusive", "update", "opinion", "analysis"}


def _verb_lemma(word: str) -> list[str]:
    w = word.lower()
    if not w.endswith("s") or len(w) < 4:
        return []
    out = [w[:-1]]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    return out


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def headline_candidates(doc: Doc, lex: Cues, taken: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Attributions in title-case lines (headlines, subheads) that no other rule found."""
    ids = line_ids(doc)
    verbs = lex.speech_verbs | lex.attribution_verbs
    out: list[QuoteCandidate] = []
    start = 0
    n = len(doc)
    while start < n:
        end = start
        while end < n and ids[end] == ids[start]:
            end += 1
        cand = _line(doc, start, end, verbs, lex, taken)
        if cand is not None:
            out.append(cand)
        start = end
    return out


def _line(doc: Doc, s: int, e: int, verbs: frozenset[str], lex: Cues, taken: list[tuple[int, int]]) -> QuoteCandidate | None:
    while s < e and doc[s].is_space:
        s += 1
    while e > s and (doc[e - 1].is_space or doc[e - 1].text in (".", ";")):
        e -= 1
    if e - s < 5 or e - s > MAX_LINE:
        return None
    words = [t.text for t in doc[s:e] if not t.is_punct]
    if not _title_case(words):
        return None
    colon = n_colon(doc, s, e)
    if colon >= 0:
        s = colon + 1  # "The Latest: Trump Urges ..."
    line_start, line_end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    if any(a < line_end and line_start < b for a, b in taken):
        return None
    for k in range(s + 1, min(e, s + MAX_SUBJECT + 1)):
        tok = doc[k]
        if not tok.text[:1].isupper():
            if tok.lower_ in LINKS:
                continue
            return None
        lemmas = [x for x in _verb_lemma(tok.text) if x in verbs]
        if not lemmas or (tok.pos_ != "VERB" and tok.dep_ in ("nsubj", "nsubjpass", "compound") and tok.head.i > k):
            continue  # "Power Plant Rules Face Test": the subject of a verb after it, not a cue
        subject = doc[s:k]
        if subject.text.lower() in NOT_SUBJECT or not subject[0].text[:1].isupper() or subject[-1].lower_ in LINKS:
            return None
        c = k + 1
        if c < e and doc[c].lower_ == "that":
            c += 1
        preps = lex.prepositional.get(lemmas[0], frozenset())
        cue_end = k
        if c < e and doc[c].lower_ in preps:
            cue_end = c
            c += 1
        content = [t for t in doc[c:e] if not t.is_punct]
        if len(content) < MIN_CONTENT:
            return None
        cue = doc[k : cue_end + 1]
        return QuoteCandidate(doc[c].idx, line_end, "indirect", cue=cue.text, cue_span=(cue.start_char, cue.end_char),
                              mention_tokens=(s, k), how="headline")
    return None


def n_colon(doc: Doc, s: int, e: int) -> int:
    """The first colon of the line, when it closes a short label (else -1)."""
    for k in range(s, min(e, s + 4)):
        if doc[k].text == ":":
            return k
    return -1
