"""Direct quotes: quotation-mark spans and the attribution next to them.

Attribution forms, in the order tried:
  after the closing mark   "...", Lavrov said. / "..." the minister added / "...," said Lavrov
  before the opening mark  He noted, "..." / Lavrov told reporters: "..." / Lavrov: "..."
  on the line before       Lavrov said:⏎"..."
  continued                "...," he said. "..."  and quotations running over paragraphs
Quotation-mark spans with none of these are returned unattributed (``how == "none"``): the caller decides
whether they are fragments of reported speech (mixed quotes), standalone quotations or scare quotes.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .candidates import QuoteCandidate
from .lexicon import cues
from .marks import MarkSpan
from .syntax import TokenIndex, doc_text, line_break_between, cue_text, is_attribution_verb, is_cue_verb, is_quote_token, negated, subject_of

SENTENCE_END = {".", "?", "!"}
NAMING_VERBS = {"call", "describe", "label", "brand", "dub", "term", "characterise", "characterize", "deem"}
NP_POS = ("NOUN", "PROPN", "PRON")
INVERTED_NP_POS = ("DET", "ADJ", "PROPN", "NOUN", "NUM", "PRON")


_line_break_between = line_break_between


def _np_tokens(doc: Doc, t: Token) -> tuple[int, int]:
    """The compact noun phrase around a head token: left modifiers, the head, trailing name parts."""
    start = t.i
    for c in t.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case") or c.tag_ in ("NNP", "NNPS"):
            start = min(start, c.left_edge.i)
    end = t.i + 1
    while end < len(doc) and doc[end].dep_ in ("compound", "flat") and doc[end].head.i == t.i:
        end += 1
    while start < t.i and (doc[start].is_punct or is_quote_token(doc[start])):
        start += 1
    return start, end


def _mention_after_cue(doc: Doc, k: int, stop: int) -> tuple[int, int] | None:
    """The speaker after an inverted cue: "said Lavrov", "added the minister"."""
    cue = doc[k]
    for c in cue.children:
        if c.dep_ in ("nsubj", "nsubjpass") and k < c.i < stop:
            return _np_tokens(doc, c)
    j = k + 1
    while j < stop and (doc[j].pos_ in INVERTED_NP_POS or doc[j].text in ("Mr.", "Mrs.", "Ms.", "Dr.")):
        if j > k + 1 and doc[j].pos_ == "PRON":
            break
        j += 1
    if j > k + 1 and any(doc[x].pos_ in NP_POS for x in range(k + 1, j)):
        return k + 1, j
    return None


def _mention_before_cue(doc: Doc, start: int, k: int) -> tuple[int, int] | None:
    """The speaker between a closing mark and its cue: "..." the top Russian diplomat underscored."""
    subj = subject_of(doc[k])
    if subj is not None and start <= subj.i < k:
        s, e = _np_tokens(doc, subj)
        return max(s, start), e
    end = k
    while end > start and doc[end - 1].pos_ not in NP_POS:
        end -= 1
    if end > start and all(doc[x].pos_ in INVERTED_NP_POS or doc[x].text in ("Mr.", "Mrs.", "Ms.", "Dr.") for x in range(start, end)):
        return start, end
    return None


def colon_speaker(doc: Doc, colon: int) -> tuple[int, int] | None:
    """A line opening with a name and a colon: "Lavrov: ..." or the headline form "Lavrov to Sputnik: ..."."""
    start = colon
    while start > 0 and not _line_break_between(doc, start - 1, start):
        start -= 1
    return name_tokens(doc, start, colon)


def name_tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The tokens [start, end) if they name a speaker (a capitalised name, titles allowed), trimmed at "to"."""
    toks = doc[start:end]
    if not toks or len(toks) > 8:
        return None
    words = [t for t in toks if not t.is_punct]
    if not words or any(t.pos_ == "VERB" and t.tag_ != "NNP" for t in words):
        return None
    label = " ".join(t.lower_ for t in words)
    if label in cues().colon_not_speakers or (toks.text.isupper() and len(toks.text) > 4):
        return None
    cut = next((t.i for t in toks if t.lower_ == "to"), end)  # "Lavrov to Sputnik": the speaker is before "to"
    head = doc[start:cut]
    if not head or not all(t.text[:1].isupper() or t.lower_ in ("von", "der", "van", "de", "al", "bin") for t in head if not t.is_punct):
        return None
    if not any(t.tag_ in ("NNP", "NNPS") for t in head) and not (len(head) == 1 and head[0].is_title and head[0].pos_ == "NOUN"):
        return None  # a lone capitalised noun may be a name the tagger missed ("Peskov:"); labels are listed in cues.toml
    return start, cut


class DirectFinder:
    """Attribution for quotation-mark spans of one document."""

    def __init__(self, doc: Doc, index: TokenIndex):
        self.doc = doc
        self.text = doc_text(doc)
        self.index = index
        self.window = cues().attribution_window
        self.used_cues: set[int] = set()

    def find(self, marks: list[MarkSpan]) -> list[QuoteCandidate]:
        out: list[QuoteCandidate] = []
        for m in marks:
            if m.depth > 0:
                continue
            cand = QuoteCandidate(m.start, m.end, "direct", marks=m.outer_span, how="none")
            after = (lambda m=m: None if m.continues else self._after(m))
            before = (lambda m=m: None if m.continued else (self._before(m) or self._line_before(m)))
            # a quotation closed by a full stop is a sentence of its own: what follows is rarely its attribution
            ends_sentence = self.text[m.start : m.end].rstrip().endswith(".")
            att = (before() or after()) if ends_sentence else (after() or before())
            att = att or self._governor(m)
            if att:
                cue_tok, mention, how = att
                self._attach(cand, cue_tok, mention, how)
            out.append(cand)
        self._continue(marks, out)
        return out

    def _attach(self, cand: QuoteCandidate, cue_tok: int | None, mention: tuple[int, int], how: str) -> None:
        doc = self.doc
        if cue_tok is not None:
            cand.cue, cs, ce = cue_text(doc[cue_tok])
            cand.cue_span = (cs, ce)
            if how != "fragment":  # a fragment's verb may still report a whole clause (mixed speech)
                self.used_cues.add(cue_tok)
        else:
            colon = doc[mention[1]] if mention[1] < len(doc) else doc[-1]
            cand.cue, cand.cue_span = ":", (colon.idx, colon.idx + 1)
        cand.mention_tokens = mention
        cand.how = how

    # -- attribution after the closing mark -------------------------------------------------------------
    def _after(self, m: MarkSpan) -> tuple[int | None, tuple[int, int], str] | None:
        doc = self.doc
        close = self.index.at(m.close)
        j = close + 1
        while j < len(doc) and (doc[j].is_punct and not is_quote_token(doc[j]) and doc[j].text not in SENTENCE_END):
            j += 1
        if j >= len(doc) or _line_break_between(doc, close, j):
            return None
        quoted = self.text[m.start : m.end]
        punctuated = quoted.rstrip()[-1:] in ",.!?…" or self.text[m.close - 1 : m.close] in ",.!?" or doc[j - 1].text in (",", "—", "–")
        if not punctuated and len(quoted.split()) < 5:
            return None  # '"isolation" in connection with ...': a scare quote running on into the sentence
        for k in range(j, min(len(doc), j + self.window)):
            t = doc[k]
            if _line_break_between(doc, j, k) or is_quote_token(t) or t.text in SENTENCE_END:
                return None
            if t.pos_ in ("ADP", "SCONJ", "CCONJ", "PART") or t.lower_ in ("that", "whether", "if"):
                return None
            if is_attribution_verb(t) and not negated(t):
                between = doc[j:k]
                if all(x.pos_ in ("AUX", "ADV", "PART") or x.dep_ in ("aux", "advmod", "neg") for x in between):
                    mention = _mention_after_cue(doc, k, min(len(doc), k + self.window))
                    return (k, mention, "after") if mention else None
                mention = _mention_before_cue(doc, j, k)
                return (k, mention, "after") if mention else None
            if t.pos_ == "VERB" and t.dep_ not in ("amod", "compound"):
                return None  # another verb comes first: not an attribution clause
        return None

    # -- attribution before the opening mark -----------------------------------------------------------
    def _before(self, m: MarkSpan) -> tuple[int | None, tuple[int, int], str] | None:
        doc = self.doc
        open_tok = self.index.at(m.open)
        i = open_tok - 1
        if i < 0 or _line_break_between(doc, i, open_tok):
            return None
        prev = doc[i]
        if prev.text not in (":", ",", "—", "–", "-") and not is_attribution_verb(prev):
            return None
        colon = colon_speaker(self.doc, i) if prev.text == ":" else None
        if colon:
            return None, colon, "colon"
        for k in range(i, max(-1, i - self.window), -1):
            t = doc[k]
            if k < i and (_line_break_between(doc, k, i) or is_quote_token(t) or t.text in SENTENCE_END):
                return None
            if t.lower_ == "that" and t.dep_ == "mark":
                return None
            if is_attribution_verb(t) and not negated(t):
                subj = subject_of(t)
                if subj is None:
                    return None
                s, e = _np_tokens(doc, subj)
                return k, (s, e), "before"
        return None

    # -- attribution on the line before ---------------------------------------------------------------
    def _line_before(self, m: MarkSpan) -> tuple[int | None, tuple[int, int], str] | None:
        line_start = self.text.rfind("\n", 0, m.open) + 1
        if self.text[line_start : m.open].strip():
            return None
        prev_end = line_start - 1
        while prev_end > 0 and self.text[prev_end - 1].isspace():
            prev_end -= 1
        if prev_end <= 0 or self.text[prev_end - 1] != ":":
            return None
        doc = self.doc
        colon = self.index.at(prev_end - 1)
        for k in range(colon - 1, max(-1, colon - self.window), -1):
            t = doc[k]
            if t.text in SENTENCE_END or is_quote_token(t):
                return None
            if (is_attribution_verb(t) or is_cue_verb(t) or t.lower_ in cues().speech_nouns and t.head.pos_ == "VERB") and not negated(t):
                verb = t if t.pos_ in ("VERB", "AUX") else t.head
                subj = subject_of(verb)
                return (verb.i, _np_tokens(doc, subj), "line-before") if subj is not None else None
        mention = colon_speaker(self.doc, colon)
        return (None, mention, "colon") if mention else None

    # -- a quoted fragment governed by a cue verb: Bush called Trump "unhinged" -----------------------------
    def _governor(self, m: MarkSpan) -> tuple[int | None, tuple[int, int], str] | None:
        doc = self.doc
        first = self.index.after(m.start)
        last = self.index.at(max(m.start, m.end - 1))
        if first >= len(doc) or last < first:
            return None
        inside = doc[first : last + 1]
        head = inside.root
        path = 0
        t = head
        while t.head.i != t.i and path < 2:
            if t.dep_ in ("pobj", "pcomp", "prep", "agent", "npadvmod", "advcl", "acl", "relcl", "appos", "compound"):
                return None
            t = t.head
            path += 1
            if is_cue_verb(t) or t.lemma_.lower() in NAMING_VERBS:
                break
        else:
            return None
        if not (is_cue_verb(t) or t.lemma_.lower() in NAMING_VERBS) or negated(t) or first <= t.i <= last:
            return None
        if t.lemma_.lower() in NAMING_VERBS and len(inside) < 3 and head.pos_ not in ("ADJ", "VERB"):
            return None  # they call it an "invasion": naming, not speech
        subj = subject_of(t)
        if subj is None:
            return None
        return t.i, _np_tokens(doc, subj), "fragment"

    # -- quotations continuing an attributed one --------------------------------------------------------
    def _continue(self, marks: list[MarkSpan], out: list[QuoteCandidate]) -> None:
        """Give split and multi-paragraph quotations the attribution of the part next to them."""
        outer = [(m, c) for m, c in zip([m for m in marks if m.depth == 0], out)]
        for n, (m, c) in enumerate(outer):
            if c.how != "none":
                continue
            if m.continued and n > 0 and outer[n - 1][1].how != "none":
                self._copy(outer[n - 1][1], c)
            elif n > 0 and outer[n - 1][1].how != "none" and self._opens_sentence(m) and self._near(outer[n - 1][0], m):
                self._copy(outer[n - 1][1], c)
        for n in range(len(outer) - 2, -1, -1):
            m, c = outer[n]
            if c.how == "none" and m.continues and outer[n + 1][1].how != "none":
                self._copy(outer[n + 1][1], c)

    def _copy(self, src: QuoteCandidate, dst: QuoteCandidate) -> None:
        dst.cue, dst.cue_span, dst.mention_tokens = src.cue, src.cue_span, src.mention_tokens
        dst.how = "continued"

    def _opens_sentence(self, m: MarkSpan) -> bool:
        before = self.text[self.text.rfind("\n", 0, m.open) + 1 : m.open].rstrip()
        return not before or before[-1] in ".!?:"

    def _near(self, a: MarkSpan, b: MarkSpan) -> bool:
        """b follows a in the same paragraph or opens the next one (blank lines between allowed)."""
        between = self.text[a.close : b.open]
        lines = between.split("\n")
        return len(between) < 400 and not any(line.strip() for line in lines[1:])
