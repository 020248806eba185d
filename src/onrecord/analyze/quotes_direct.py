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

import bisect
import re

from spacy.tokens import Doc, Token

from .candidates import QuoteCandidate
from .lexicon import cues
from .marks import MarkSpan, nickname_marks
from .syntax import TokenIndex, doc_text, line_break_between, spaced_dash, cue_text, is_attribution_verb, is_cue_verb, is_quote_token, negated, participle_subject, stray_subject, subject_of
from .nlp import lemma

SENTENCE_END = {".", "?", "!"}
WORDS = re.compile(r"\w")
SENTENCE_BREAK = re.compile(r"[.?!][\"'”’)]*\s+[\"'“‘(]*[A-Z]")  # a sentence ends inside the span (the parser missed it)
QUOTE_MARKS = "\"“”„«»"
DASHES = ("―", "—", "–", "-", "--")
TITLE_LOWER = frozenset({"with", "from", "into", "onto", "upon", "over"})  # prepositions titles leave in lower case
NAMING_VERBS = cues().naming_verbs
NP_POS = ("NOUN", "PROPN", "PRON")
GOVERNED_DEPS = ("dobj", "dative", "ccomp", "xcomp", "oprd", "attr", "acomp")
HONORIFICS = ("Mr.", "Mrs.", "Ms.", "Dr.")  # tagged as punctuation-bearing nouns, part of the name that follows
INVERTED_NP_POS = ("DET", "ADJ", "PROPN", "NOUN", "NUM", "PRON")


_line_break_between = line_break_between


COMPLETING = {"xcomp", "acomp", "advmod", "prep", "oprd", "npadvmod", "advcl"}  # how a quotation completes a verb


def _np_tokens(doc: Doc, t: Token) -> tuple[int, int]:
    """The compact noun phrase around a head token: left modifiers, the head, trailing name parts."""
    start = t.i
    for c in t.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case") or c.tag_ in ("NNP", "NNPS"):
            start = min(start, c.left_edge.i)
    end = t.i + 1
    while end < len(doc) and doc[end].dep_ in ("compound", "flat") and doc[end].head.i == t.i:
        end += 1
    dash = next((k for k in range(t.i - 1, start - 1, -1) if spaced_dash(doc[k])), None)
    if dash is not None:
        start = dash + 1  # "... than Mr. Okafor - 60 percent of voters said": the dash ends the sentence's first part
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
    while j < stop and (doc[j].pos_ in INVERTED_NP_POS or doc[j].text in HONORIFICS):
        if j > k + 1 and doc[j].pos_ == "PRON":
            break
        j += 1
    if j > k + 1 and any(doc[x].pos_ in NP_POS for x in range(k + 1, j)):
        return k + 1, j
    return None


def _mention_before_cue(doc: Doc, start: int, k: int) -> tuple[int, int] | None:
    """The speaker between a closing mark and its cue: "..." the top Russian diplomat underscored."""
    subj = subject_of(doc[k])
    if subj is None or not start <= subj.i < k:  # the parser may give the cue a second subject inside the quotation
        subj = next((c for c in doc[k].lefts if c.dep_ in ("nsubj", "nsubjpass") and start <= c.i and c.pos_ in NP_POS), subj)
    if subj is not None and start <= subj.i < k:
        s, e = _np_tokens(doc, subj)
        return max(s, start), e
    end = k
    while end > start and doc[end - 1].pos_ not in NP_POS:
        end -= 1
    if end > start and all(doc[x].pos_ in INVERTED_NP_POS or doc[x].text in HONORIFICS for x in range(start, end)):
        return start, end
    name = start
    while name < k and (doc[name].pos_ == "PROPN" or doc[name].text in HONORIFICS):
        name += 1
    if start < name < k - 1 and doc[name].text == "," and doc[k - 1].text == ",":
        return start, name  # '..." Flynn, a top surrogate, said ... on "Fox and Friends."': the parse lost the name
    return None


def title_like(text: str) -> bool:
    """A name of a thing ("Bridges to the East", "Meet the Press") rather than speech: short, every long word
    capitalised, no final stop."""
    words = re.findall(r"[A-Za-z][\w'’\-]*", text)
    long = [w for w in words if len(w) > 3 and w not in TITLE_LOWER]
    capitalised = sum(w[0].isupper() for w in words)  # "Don't you do it": one capital, the sentence's first word
    return bool(long) and 2 <= len(words) <= 10 and capitalised >= 2 and all(w[0].isupper() for w in long) \
        and not text.rstrip(" ,").endswith((".", "?", "!"))


def colon_speaker(doc: Doc, colon: int) -> tuple[int, int] | None:
    """A line opening with a name and a colon: "Lavrov: ..." or the headline form "Lavrov to Sputnik: ..."."""
    start = colon
    while start > 0 and not _line_break_between(doc, start - 1, start):
        start -= 1
    return name_tokens(doc, start, colon)


def colon_lead(doc: Doc, colon: int) -> tuple[int, int] | None:
    """A source named just before a colon in the middle of a line: after a headline's dash ("Pollsters agree - Carl
    Bialik: ...") or after a phrase opening the sentence ("More from the report: ...", "According to HuffPo: ...")."""
    start = colon
    while start > 0 and not _line_break_between(doc, start - 1, start):
        start -= 1
    dash = next((k for k in range(colon - 1, start, -1) if doc[k].text in DASHES), None)
    if dash is not None and dash + 1 < colon:
        found = name_tokens(doc, dash + 1, colon)
        if found:
            return found
    leads = cues().colon_source_leads  # longest first
    for k in range(start, colon):
        if not (k == start or doc[k - 1].text in SENTENCE_END or doc[k - 1].text in DASHES):
            continue
        lead = next((len(x) for x in leads if tuple(y.lower_ for y in doc[k : k + len(x)]) == x), None)
        if lead is None:
            continue
        s = e = k + lead
        while e < colon and (doc[e].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM") or doc[e].tag_ == "POS" or doc[e].text in (".", "&")):
            e += 1  # the noun phrase, not what follows it: "Here's Clinton [in December 1992]"
        while e > s and doc[e - 1].is_punct:
            e -= 1
        if e > s and any(x.pos_ in ("PROPN", "NOUN") for x in doc[s:e]) and all(not x.is_punct or x.text in (".", "&") for x in doc[s:e]):
            return s, e
        return None
    return None


def name_tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The tokens [start, end) if they name a speaker (a capitalised name, titles allowed; two joined by "and"),
    trimmed at "to"."""
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
    if not head or not all(t.text[:1].isupper() or t.lower_ in ("von", "der", "van", "de", "al", "bin") or t.lower_ == "and" and t.i > start
                           for t in head if not t.is_punct):
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
        self.clauses: dict[int, tuple[int, int]] = {}  # opening mark -> what the fragment's verb reports (characters)
        self._quoted: list[tuple[int, int]] = []
        self._nicknames = nickname_marks(self.text)

    def _mark(self, t: Token) -> bool:
        """A quotation mark, not one around a nickname inside a name (a speaker's: Marcia "Cia" Price)."""
        return is_quote_token(t) and t.idx not in self._nicknames

    def _in_quotation(self, t: Token) -> bool:
        """The token lies between quotation marks (a speaker is never found there)."""
        k = bisect.bisect_right(self._quoted, (t.idx, len(self.text))) - 1
        return k >= 0 and self._quoted[k][0] <= t.idx < self._quoted[k][1]

    def find(self, marks: list[MarkSpan]) -> list[QuoteCandidate]:
        out: list[QuoteCandidate] = []
        self._quoted = sorted(m.outer_span for m in marks if m.depth == 0)
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
            if att and att[2] == "after" and len(self.text[m.start : m.end].split()) <= 5 and self._named_thing(m):
                att = None  # 'on Fox News Channel's "Hannity," Gingrich said': the show is named, not quoted
            if att and att[2] in ("before", "after") and len(self.text[m.start : m.end].split()) <= 5 and title_like(self.text[m.start : m.end]) \
                    and not (att[2] == "after" and self.text[m.close - 1 : m.close] in (",", "!", "?") and self._opens_sentence(m)):
                att = None  # told "Morning Report", said on "Face the Nation": a show's name, not words said ('"Absolutely
                # not," he said' are words said: a quotation opening its sentence and closing on a comma)
            if att:
                cue_tok, mention, how = att
                self._attach(cand, cue_tok, mention, how)
                if how == "before" and cue_tok is not None:
                    end = self._object_run_on(m, self.doc[cue_tok])
                    if end is not None:  # reported "2,521 shooting incidents" in the city: one mixed quote
                        cand.start, cand.end, cand.marks, cand.kind = m.open, end, None, "mixed"
                if how == "fragment" and m.open in self.clauses:  # a mixed quote: the reported clause holding it
                    cand.start, cand.end = self.clauses[m.open]
                    cand.marks, cand.kind = None, "mixed"
            out.append(cand)
        self._continue(marks, out)
        for m, cand in zip([m for m in marks if m.depth == 0], out):
            if cand.how == "after":  # also the first part of a quotation split by its attribution
                lead = self._lead(m)
                if lead is not None:  # The country "has made dramatic changes," he said: the clause is what he said
                    cand.start, cand.end = lead, m.outer_span[1]
                    cand.marks, cand.kind = None, "mixed"
        return out

    def _object_run_on(self, m: MarkSpan, verb: Token) -> int | None:
        """A quotation that is the verb's object, followed by a phrase completing what the verb says of it (crying
        "fraud" over delegate selection, specified "Christian" as their religion): the end of that phrase, else None."""
        doc, lex = self.doc, cues()
        if not self.text[m.start : m.end][-1:].isalnum():
            return None  # the quotation closes on its own punctuation: what follows is not its phrase
        first, last = self.index.at(m.start), self.index.at(max(m.start, m.end - 1))
        if not any(doc[k].head.i == verb.i and doc[k].dep_ == "dobj" for k in range(first, last + 1)):
            return None
        k = self.index.after(m.outer_span[1])
        if k >= len(doc) or doc[k].dep_ != "prep" or not (doc[k].head.i == verb.i or first <= doc[k].head.i <= last):
            return None
        x = doc[k]
        if x.lower_ in lex.object_scene_preps or any(y.lower_ in lex.scene_times or y.lower_ in lex.scene_occasions for y in x.subtree):
            return None  # said "..." at a rally, in an interview, on Friday: the scene
        return doc[x.right_edge.i].idx + len(doc[x.right_edge.i].text)

    def _named_thing(self, m: MarkSpan) -> bool:
        """A short quotation right after a preposition or a possessive names a thing ("on CNN's "New Day"", "a
        member of "La Raza"") rather than quoting words."""
        o = self.index.at(m.open)
        if o < 1 or self.doc[o].idx != m.open:
            return False
        prev = self.doc[o - 1]
        return prev.tag_ == "POS" or prev.pos_ == "ADP" and prev.lower_ not in ("that", "like")

    def _lead(self, m: MarkSpan) -> int | None:
        """The start of the clause a quotation attributed after it completes ("The country "has made ..."," he
        said), when the quotation opens mid-sentence; else None."""
        o = self.index.at(m.open)
        if o >= len(self.doc) or self.doc[o].idx != m.open:
            return None
        sent = self.doc[o].sent
        lo = max(sent.start_char, self.text.rfind("\n", 0, m.open) + 1)
        lead = self.text[lo : m.open]
        if not WORDS.search(lead) or any(ch in lead for ch in QUOTE_MARKS) or "''" in lead or lead.rstrip(" \"'”’)")[-1:] in (":", ";", ".", "?", "!") \
                or SENTENCE_BREAK.search(lead):
            return None
        if any(is_cue_verb(t) for t in self.doc[self.index.after(lo) : o]):
            return None  # Clinton says Trump's "meltdown ...": the lead holds its own attribution
        cut = max(lead.rfind(": "), lead.rfind("; "), lead.rfind(" — "), lead.rfind(" -- "))
        if cut >= 0:  # Here's one example: The SEC "only requires ...": the clause after the colon
            lo += cut + 2
        while lo < m.open and not self.text[lo].isalnum():
            lo += 1
        return lo if WORDS.search(self.text[lo : m.open]) else None

    def _attach(self, cand: QuoteCandidate, cue_tok: int | None, mention: tuple[int, int], how: str) -> None:
        doc = self.doc
        if cue_tok is not None:
            cand.cue, cs, ce = cue_text(doc[cue_tok])
            cand.cue_span = (cs, ce)
            if how != "fragment" and not (how == "before" and self._inserted(mention, cue_tok)):
                self.used_cues.add(cue_tok)  # a fragment's verb may still report a whole clause (mixed speech), and an
                # inserted attribution the statement begun before it ("In poorer towns, he said, "we don't know ...")
        else:
            colon = doc[mention[1]] if mention[1] < len(doc) else doc[-1]
            cand.cue, cand.cue_span = ":", (colon.idx, colon.idx + 1)
        cand.mention_tokens = mention
        cand.how = how

    def _inserted(self, mention: tuple[int, int], k: int) -> bool:
        """The attribution "X said," (mention, cue at k) sits between commas after words of its sentence and before a
        quotation going on in lower case: the statement began before it ("No name change, he said, "hides ...")."""
        doc = self.doc
        s, e = mention
        if s < 1 or doc[s - 1].text != "," or not e <= k or k + 1 >= len(doc) or doc[k + 1].text != ",":
            return False
        opening = self.index.after(self.doc[k + 1].idx + 1)
        while opening < len(doc) and (doc[opening].is_punct or doc[opening].is_space):
            opening += 1
        if opening >= len(doc) or not doc[opening].text[:1].islower():
            return False  # 'Asked about it, Ryan said, "Sure."': a new sentence opens the quotation; the lead is the writer's
        lead = doc[doc[k].sent.start : s - 1]
        return any(not x.is_punct and not x.is_space for x in lead) and not any(is_quote_token(x) for x in lead) \
            and not _line_break_between(doc, doc[k].sent.start, s)

    # -- attribution after the closing mark -------------------------------------------------------------
    def _after(self, m: MarkSpan) -> tuple[int | None, tuple[int, int], str] | None:
        doc = self.doc
        close = self.index.at(m.close)
        signed = self._signature(close) or self._signed_below(m)
        if signed:
            return signed
        j = close + 1
        while j < len(doc) and (doc[j].is_punct and not is_quote_token(doc[j]) and doc[j].text not in SENTENCE_END):
            j += 1
        if j >= len(doc) or _line_break_between(doc, close, j):
            return None
        quoted = self.text[m.start : m.end]
        if quoted.rstrip()[-1:] in (".", "?", "!") and doc[j].pos_ == "PRON" and doc[j].is_title and doc[j].text != "I" \
                and not self._in_quotation(doc[j]):
            return None  # "... Peace Through Strength." He told the crowd ...: a new sentence, not an attribution
        if quoted.rstrip()[-1:] == "." and doc[j].is_title and doc[j].pos_ == "VERB" and doc[j].tag_ in ("VBN", "VBG"):
            return None  # '... the voters." Asked what that might look like, she said: ...': a new sentence
        punctuated = quoted.rstrip()[-1:] in ",.!?…" or self.text[m.close - 1 : m.close] in ",.!?" or doc[j - 1].text in (",", "—", "–")
        if not punctuated and len(quoted.split()) < 5:
            return None  # '"isolation" in connection with ...': a scare quote running on into the sentence
        return self._after_window(m, j, quoted) or self._long_subject(m, j)

    def _after_window(self, m: MarkSpan, j: int, quoted: str) -> tuple[int | None, tuple[int, int], str] | None:
        """The attribution within a few words after the quotation: "...," she said / said Smith / Smith, 34, said."""
        doc = self.doc
        for k in range(j, self._window_end(j)):
            t = doc[k]
            if _line_break_between(doc, j, k) or self._mark(t) or t.text in SENTENCE_END:
                return None
            if t.pos_ in ("ADP", "SCONJ", "CCONJ", "PART") and t.tag_ != "POS" or t.lower_ in ("that", "whether", "if"):
                return None
            if (is_attribution_verb(t) or self._frames(t, m)) and not negated(t):
                if quoted.rstrip()[-1:] == "." and any(c.dep_ == "ccomp" and c.i > k for c in t.children):
                    return None  # '"... everywhere." Greene added that the Fed ...': the verb reports its own clause
                between = doc[j:k]
                if all(x.pos_ in ("AUX", "ADV", "PART") or x.dep_ in ("aux", "advmod", "neg") for x in between):
                    mention = _mention_after_cue(doc, k, min(len(doc), k + self.window))
                    return (k, mention, "after") if mention else None
                mention = _mention_before_cue(doc, j, k)
                return (k, mention, "after") if mention else None
            if t.pos_ == "VERB" and t.dep_ not in ("amod", "compound"):
                return None  # another verb comes first: not an attribution clause
        return None

    def _long_subject(self, m: MarkSpan, j: int) -> tuple[int | None, tuple[int, int], str] | None:
        """'"...," David Axelrod, the chief strategist of Obama's 2008 campaign, said': the speaker's noun phrase
        with a long apposition before the verb, read off the parse (the quotation closes on a comma)."""
        doc = self.doc
        if self.text[m.close - 1 : m.close] != "," or doc[j].pos_ not in ("PROPN", "PRON", "DET", "NOUN"):
            return None
        h = doc[j]
        while h.dep_ in ("compound", "det", "amod", "poss", "nmod") and h.head.i > h.i:
            h = h.head
        verb = h.head
        if h.dep_ != "nsubj" or verb.i <= h.i or not is_attribution_verb(verb) or negated(verb) or verb.sent.start > j:
            return None
        if any(self._mark(x) or x.text in SENTENCE_END or x.text == ";" for x in doc[j : verb.i]) or _line_break_between(doc, j, verb.i):
            return None
        if doc[verb.i - 1].text != "," and not all(x.dep_ in ("aux", "advmod", "neg") for x in doc[h.right_edge.i + 1 : verb.i]):
            return None
        s, e = _np_tokens(doc, h)
        return (verb.i, (s, e), "after") if s == j else None

    def _window_end(self, j: int) -> int:
        """Where the attribution window from token j ends: punctuation and a parenthesis (a party and state, an
        age) do not count against it."""
        doc, n, depth, k = self.doc, 0, 0, j
        while k < len(doc) and n < self.window:
            depth += doc[k].text == "("
            n += depth == 0 and not doc[k].is_punct
            depth -= doc[k].text == ")" and depth > 0
            k += 1
        return k

    def _frames(self, verb: Token, m: MarkSpan) -> bool:
        """Any verb framing a quotation the way "said" does: '"Go back to Univision," Trump barked' (the
        quotation closes on a comma, ! or ?, and depends on the verb, whose subject follows the quotation)."""
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or self.text[m.close - 1 : m.close] not in (",", "!", "?"):
            return False
        first, last = self.index.after(m.start), self.index.at(max(m.start, m.end - 1))
        if not any(first <= c.i <= last for c in verb.children) and not first <= verb.head.i <= last:
            return False  # the quotation depends on the verb (or the parser hung the verb from the quotation)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.i > last and subj.pos_ in NP_POS

    def _signature(self, close: int) -> tuple[int | None, tuple[int, int], str] | None:
        """A quotation signed with a dash and a name closing the line: "..." ― Sonya Herridge, a voter."""
        doc = self.doc
        k = close + 1
        dash = close if any(ch in "―—–" for ch in doc[close].text) else None  # '”―' can be one token
        while k < len(doc) and not _line_break_between(doc, close, k) and (doc[k].is_punct or doc[k].is_space) and not is_quote_token(doc[k]):
            if doc[k].text in DASHES:
                dash = k
            elif not doc[k].is_space:
                return None
            k += 1
        if dash is None or k >= len(doc) or _line_break_between(doc, close, k):
            return None
        j = end = k
        while end < len(doc) and not _line_break_between(doc, j, end) and doc[end].text not in (",", "(", ";"):
            end += 1
        rest = end
        while rest < len(doc) and not _line_break_between(doc, j, rest):
            if (doc[rest].text in SENTENCE_END or is_quote_token(doc[rest])) and rest + 1 < len(doc) and not _line_break_between(doc, j, rest + 1) \
                    and not doc[rest + 1].is_space:
                return None  # the line goes on with another sentence: not a signature
            rest += 1
        stop = end
        while stop > j and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
            stop -= 1
        mention = name_tokens(doc, j, stop)
        return (dash, mention, "signed") if mention and mention[1] == stop else None

    def _signed_below(self, m: MarkSpan) -> tuple[int | None, tuple[int, int], str] | None:
        """A quotation alone on its line signed on the next one by a dash and a name: '"..."' / '- Sanders.'
        (fact-check columns)."""
        text = self.text
        lo = text.rfind("\n", 0, m.open) + 1
        hi = text.find("\n", m.close)
        if hi < 0 or text[lo : m.open].strip() or text[m.close + 1 : hi].strip():
            return None
        nxt = hi
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        end = text.find("\n", nxt)
        line = text[nxt : end if end >= 0 else len(text)].rstrip()
        if not line.startswith(DASHES) or len(line) > 60:
            return None
        doc = self.doc
        dash = self.index.at(nxt)
        if doc[dash].text not in DASHES:
            return None
        j = dash + 1
        cut = min([len(line.rstrip("."))] + [line.find(ch) for ch in ",(;" if ch in line])  # "- Ana Ruiz, Denver": the name
        stop = self.index.after(nxt + cut)
        mention = name_tokens(doc, j, stop) if j < stop else None
        return (dash, mention, "signed") if mention and mention[1] == stop else None

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
        if lemma(prev) in cues().aspectual and self._completes(prev, m):
            return None  # the quotation completes the verb: has gone "soft", will continue "to break barriers"
        colon = (colon_speaker(self.doc, i) or colon_lead(self.doc, i)) if prev.text == ":" else None
        if colon:
            return None, colon, "colon"
        for k in range(i, max(-1, i - self.window), -1):
            t = doc[k]
            if k < i and (_line_break_between(doc, k, i) or self._mark(t) or t.text in SENTENCE_END):
                return None
            if t.lower_ == "that" and t.dep_ == "mark":
                return None
            if is_attribution_verb(t) and not negated(t):
                subj = subject_of(t) or participle_subject(t) or stray_subject(t)
                if subj is None or self._in_quotation(subj):
                    return None
                s, e = _np_tokens(doc, subj)
                return k, (s, e), "before"
        return None

    def _completes(self, verb: Token, m: MarkSpan) -> bool:
        """The quotation is the verb's complement or adverbial, not words said (chanted "no justice" is said)."""
        first, last = self.index.at(m.start), self.index.at(max(m.start, m.end - 1))
        return any(verb.doc[k].head.i == verb.i and verb.doc[k].dep_ in COMPLETING for k in range(first, last + 1))

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
        mention = colon_speaker(self.doc, colon) or colon_lead(self.doc, colon)
        return (None, mention, "colon") if mention else None

    # -- a quoted fragment governed by a cue verb: Bush called Trump "unhinged" -----------------------------
    def _governor(self, m: MarkSpan) -> tuple[int | None, tuple[int, int], str] | None:
        doc = self.doc
        first = self.index.after(m.start)
        last = self.index.at(max(m.start, m.end - 1))
        if first >= len(doc) or last < first:
            return None
        inside = doc[first : last + 1]
        if title_like(self.text[m.start : m.end]):
            return None  # "Meet the Press", "American Skin": the name of a show or a work
        head = next((x for x in inside if not x.is_punct and not (first <= x.head.i <= last and x.head.i != x.i)), inside.root)
        path = 0
        t = head
        below = head  # the verb's child on the way up from the fragment
        deep = lambda: self._deep_governor(m, head, first, last)  # noqa: E731
        while t.head.i != t.i and path < 2:
            as_object = t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.dep_ == "prep"  # described her as "a disgrace"
            if t.dep_ in ("pobj", "pcomp", "prep", "agent", "npadvmod", "advcl", "acl", "relcl", "appos", "compound") and not as_object \
                    and not (t.dep_ == "prep" and t.lower_ == "as"):
                return None
            below = t
            t = t.head
            path += 1
            if is_cue_verb(t) or lemma(t) in NAMING_VERBS:
                break
        else:
            return deep()
        if not (is_cue_verb(t) or lemma(t) in NAMING_VERBS) or negated(t) or first <= t.i <= last:
            return deep()
        if lemma(t) in NAMING_VERBS and len(inside) < 3 and head.pos_ not in ("ADJ", "VERB") and not self._names_object(t):
            return None  # they call it an "invasion": naming, not speech
        subj = subject_of(t)
        if subj is None or self._in_quotation(subj):
            return deep()
        clause = self._governed(t, below, first, last)
        if clause is not None:
            self.clauses[m.open] = clause
        return t.i, _np_tokens(doc, subj), "fragment"

    def _deep_governor(self, m: MarkSpan, head: Token, first: int, last: int) -> tuple[int | None, tuple[int, int], str] | None:
        """A fragment deep inside a reported clause: "said he was sure Rubio would be "a champion ..."".
        The nearest cue verb above it reports the whole clause, which is the content (a mixed quote)."""
        doc = self.doc
        below, t = head, head.head
        for _ in range(8):
            if t.i == below.i or t.i < t.sent.start:
                return None
            if is_cue_verb(t) and not negated(t) and not first <= t.i <= last and below.i > t.i:
                if below.dep_ not in GOVERNED_DEPS:
                    return None
                subj = subject_of(t)
                if subj is None or self._in_quotation(subj):
                    return None
                clause = self._governed(t, below, first, last)
                if clause is None:
                    return None
                self.clauses[m.open] = clause
                return t.i, _np_tokens(doc, subj), "fragment"
            below, t = t, t.head
        return None

    def _names_object(self, verb: Token) -> bool:
        """A naming verb with an object before its complement: called Trump "unhinged", described it as "..."."""
        return any(c.dep_ in ("dobj", "dative") and c.i > verb.i for c in verb.children)

    def _governed(self, verb: Token, below: Token, first: int, last: int) -> tuple[int, int] | None:
        """What a cue verb reports, as characters, when it is more than the quoted fragment: the clause or the
        object and its complement ("said the bank had "squeezed employees"", "called Trump "unhinged"")."""
        doc = self.doc
        if below.i < verb.i:
            return None
        if below.dep_ == "ccomp":
            parts = [below]
        else:
            parts = [c for c in verb.rights if c.dep_ in GOVERNED_DEPS or (c.dep_ == "prep" and c.lower_ == "as")]
            if below not in parts:
                return None
            if any(c.dep_ == "ccomp" for c in parts):
                parts = [c for c in parts if c.dep_ == "ccomp" or c.i >= below.i]
        s = min(c.left_edge.i for c in parts)
        e = max(c.right_edge.i for c in parts) + 1
        sent = verb.sent
        s, e = max(s, verb.i + 1, sent.start), min(e, sent.end)
        while e < sent.end and (is_quote_token(doc[e]) or doc[e].text in SENTENCE_END and e + 1 < sent.end and is_quote_token(doc[e + 1])):
            e += 1
        while e > s and doc[e - 1].is_punct and not is_quote_token(doc[e - 1]) or e > s and doc[e - 1].is_space:
            e -= 1
        while s < e and (doc[s].is_punct and not is_quote_token(doc[s]) or doc[s].lower_ == "that" and doc[s].dep_ == "mark"):
            s += 1
        if s > first or e <= last or not any(not x.is_punct for x in doc[s:first]) and not any(not x.is_punct for x in doc[last + 1 : e]):
            return None  # the fragment is all the verb reports
        if any(is_quote_token(x) for x in doc[s:e]) and _line_break_between(doc, s, e - 1):
            return None
        return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)

    # -- quotations continuing an attributed one --------------------------------------------------------
    def _continue(self, marks: list[MarkSpan], out: list[QuoteCandidate]) -> None:
        """Give split and multi-paragraph quotations the attribution of the part next to them."""
        outer = [(m, c) for m, c in zip([m for m in marks if m.depth == 0], out)]
        for n, (m, c) in enumerate(outer):
            if n > 0 and c.how == "before" and self._resumes(outer[n - 1], m):
                self._copy(outer[n - 1][1], c)  # "A," Thiel wrote ... explaining why ..., "but B": the sentence resumed
                continue
            if c.how != "none":
                continue
            if m.continued and n > 0 and outer[n - 1][1].how != "none":
                self._copy(outer[n - 1][1], c)
            elif n > 0 and outer[n - 1][1].how != "none" and self._opens_sentence(m) and self._near(outer[n - 1][0], m) \
                    and not self._heading(m):
                self._copy(outer[n - 1][1], c)
        for n in range(len(outer) - 2, -1, -1):
            m, c = outer[n]
            if c.how == "none" and m.continues and outer[n + 1][1].how != "none":
                self._copy(outer[n + 1][1], c)

    def _resumes(self, prev: tuple[MarkSpan, QuoteCandidate], m: MarkSpan) -> bool:
        """m resumes, in lower case after a comma, the sentence the quotation before it began and an attribution
        after it interrupted, in the same line."""
        pm, pc = prev
        between = self.text[pm.outer_span[1] : m.open]
        first = self.text[m.start : m.start + 1]
        return pc.how == "after" and first.islower() and self.text[pm.start : pm.end + 1].rstrip()[-1:] == "," \
            and between.rstrip().endswith(",") and "\n" not in between and not re.search(r"[.?!;:]\s", between)

    def _copy(self, src: QuoteCandidate, dst: QuoteCandidate) -> None:
        dst.cue, dst.cue_span, dst.mention_tokens = src.cue, src.cue_span, src.mention_tokens
        dst.how = "continued"

    def _heading(self, m: MarkSpan) -> bool:
        """A line that is one quotation in single marks: a subheading ('All Bets Are Off.'), not more words said."""
        lo = self.text.rfind("\n", 0, m.open) + 1
        hi = self.text.find("\n", m.close)
        return m.family == "single" and not m.continues and not (self.text[lo : m.open] + self.text[m.close + 1 : hi if hi >= 0 else None]).strip()

    def _opens_sentence(self, m: MarkSpan) -> bool:
        before = self.text[self.text.rfind("\n", 0, m.open) + 1 : m.open].rstrip()
        return not before or before[-1] in ".!?:"

    def _near(self, a: MarkSpan, b: MarkSpan) -> bool:
        """b follows a in the same paragraph or opens the next one (blank lines between allowed)."""
        between = self.text[a.close : b.open]
        lines = between.split("\n")
        return len(between) < 400 and not any(line.strip() for line in lines[1:])
