"""Indirect (reported) speech: a cue and its content in every order.

  X said (that) ...            complement after the cue (also "X told reporters that ...", "..., adding that ...")
  ..., X said / ..., X says    complement before the cue (headline and live-blog form)
  According to X, ...          and "..., according to X"
  X's claim that ...           speech nouns with a possessor
  Lavrov: ...                  live-blog and headline form: a name, a colon, the statement
  ...: Lavrov                  the statement, a colon, a name
The content is the reported clause without "that"; whether it holds quoted fragments (a mixed quote) is
decided by the caller, which knows the quotation marks.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, LOWER, POS, TAG
from spacy.symbols import NOUN
from spacy.tokens import Doc, Span, Token

from .candidates import QuoteCandidate
from .lexicon import cues
from .quotes_direct import _np_tokens, colon_speaker, name_tokens
from .quotes_headline import headline_candidates
from .quotes_noun import noun_content, noun_source
from .syntax import TokenIndex, doc_text, line_break_between, line_ids, stray_subject, cue_text, is_cue_verb, is_quote_token, joined_act, negated, participle_subject, subject_of
from .nlp import lemma

MIN_WORDS = 2
SHORT_WORDS = 3  # contents shorter than this must be noun phrases
BROAD = ("passive", "clause", "intent", "directive", "prepositional", "object", "noun")  # how the broad attribution classes are found
OBJECT_THAT_VERBS = cues().object_that_verbs
COMPLEMENT_DEPS = ("ccomp", "xcomp", "attr", "acomp", "oprd")  # a verb's own complement
OBJECT_DEPS = ("dobj", "dative", *COMPLEMENT_DEPS, "prt")  # its object or complement
RUN_ON_PREPS = ("compared", "unlike", "than", "including")
CONNECTIVES = {"and", "but", "so", "yet", "or", "nor", "however", "still", "meanwhile", "moreover", "furthermore", "also",
               "besides", "instead", "nonetheless", "nevertheless", "thus", "hence", "therefore", "plus"}
_PHRASES = ("in addition", "as a result", "in fact", "of course", "for example", "for instance", "at the same time",
            "in other words", "after all", "as it stands", "on the other hand", "in turn", "by contrast", "in contrast",
            "even so", "in any case", "as such")
CONNECTIVE_PHRASES: dict[str, dict[int, frozenset[str]]] = {}  # first word -> length -> phrases
for _p in _PHRASES:
    CONNECTIVE_PHRASES.setdefault(_p.split()[0], {}).setdefault(len(_p.split()), set()).add(_p)  # type: ignore[arg-type]
DASHES = ("-", "—", "–", "―", "--")
REL_WORDS = ("who", "whom", "which", "where")  # open a closing non-restrictive relative clause: the writer's gloss
# Verbs of saying that attribute their passive subject to a by-agent ("was first reported by The Post"), besides
# the object verbs of cues.toml ("was criticized by", "has been endorsed by").
VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")  # Penn tags the verb rules start from (t.tag_.startswith("VB"))
PASSIVE_SPEECH = cues().passive_speech
CONTRAST_MARKS = ("while", "whereas", "though", "although")  # open a clause set against the reported one
SCENE_MARKS = ("when", "as", "because", "so")  # open a closing clause of the act's occasion or reason ("before ...": the intent's own)
SUBJECT_PREPS = ("by", "after", "before", "while", "without", "upon")  # "did X by saying": the subject says
# (after "for" and "of" the object may be who speaks: "praised him for saying", "accused the West of wanting")
TRAILING = {",", ";", ":", "—", "–", "-", "―", "--", "(", ".", "and", "but", "or", "nor"}


def _subject(t: Token) -> Token | None:
    """The subject of a cue verb, also through a preposition: "(she was praised) for saying ...", "after saying"."""
    subj = subject_of(t)
    if (subj is None and t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX")
            and (t.head.lower_ in SUBJECT_PREPS or not any(c.dep_ == "dobj" for c in t.head.head.children))):
        # "accused the West of wanting": not the accuser; "published the results by announcing": the publisher
        subj = subject_of(t.head.head)
    if subj is None and t.dep_ == "pcomp" and t.head.head.pos_ == "NOUN" and t.head.head.dep_ == "pobj":
        verb = t.head.head.head.head  # "In addition to stating that ..., Clinton has vowed": through the compound preposition
        if t.head.head.head.pos_ == "ADP" and verb.pos_ in ("VERB", "AUX"):
            subj = subject_of(verb)
    if subj is None and t.dep_ == "acl":
        subj = participle_subject(t)  # "released a statement saying ...": who released it
    if subj is None and t.dep_ == "xcomp" and t.head.pos_ == "ADJ" and t.head.dep_ == "acomp":
        subj = subject_of(t.head.head)  # "voters are more likely to say ...", "was quick to point out ..."
    if subj is None:
        subj = stray_subject(t)
    return subj


def _negated_cue(t: Token) -> tuple[str, int, int]:
    """The cue with its negation, so the record keeps the polarity: "does not want", "never intended"."""
    text, start, end = cue_text(t)
    first = min((c for c in t.children if c.dep_ in ("neg", "aux") and c.i < t.i), key=lambda c: c.i, default=t)
    start = min(start, first.idx)
    return doc_text(t.doc)[start:end], start, end


def _to_infinitive(t: Token) -> bool:
    """A verb with its own "to": "(wants) to leave", "(urged Congress) to act"."""
    return t.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _words(doc: Doc, s: int, e: int) -> int:
    return sum(1 for t in doc[s:e] if not t.is_punct)


class IndirectFinder:
    """Reported speech in one parsed document."""

    def __init__(self, doc: Doc, index: TokenIndex, used_cues: set[int] | None = None):
        self.doc = doc
        self.index = index
        self.used = used_cues or set()
        self.lex = cues()

    def _candidates(self) -> list[Token]:
        """The tokens the rules below can start from (verbs, nouns, predicative adjectives, "according", cues a
        quotation used), picked from the doc's arrays at once instead of reading every token's strings."""
        doc = self.doc
        if not len(doc):
            return []
        strings = doc.vocab.strings
        arr = doc.to_array([TAG, DEP, POS, LOWER])
        verb = np.isin(arr[:, 0], [strings[t] for t in VERB_TAGS if t in strings])
        keep = verb | (arr[:, 2] == NOUN) | np.isin(arr[:, 1], [strings[d] for d in ("acomp", "oprd") if d in strings])
        for word in ("according", "in"):
            if word in strings:
                keep |= arr[:, 3] == strings[word]
        keep[[i for i in self.used if i < len(doc)]] = True
        return [doc[int(i)] for i in np.flatnonzero(keep)]

    def find(self) -> list[QuoteCandidate]:
        out: list[QuoteCandidate] = []
        lex = self.lex
        for t in self._candidates():
            cand = None
            if t.i in self.used:
                # a cue that attributes a quotation may still report a clause after it ("..." he said, adding ...)
                if is_cue_verb(t) and not negated(t):
                    cand = self._from_verb(t)
                if cand is not None and cand.how == "complement":
                    out.append(cand)
                continue
            if t.dep_ in ("acomp", "oprd") and (t.lower_ in lex.adjectives or t.lower_ in lex.adjective_preps):
                cand = self._from_adjective(t)
                if cand is not None:
                    out.append(cand)
                continue
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                cand = self._according(t)
            elif t.lower_ == "in":
                cand = self._in_evidence(t) if t.pos_ == "ADP" else None
            elif t.tag_.startswith("VB") and t.dep_ not in ("aux", "auxpass", "amod", "compound") and lemma(t) in lex.adjective_light:
                cand = self._light_adjective(t)
            elif t.tag_.startswith("VB") and t.dep_ not in ("aux", "auxpass", "amod", "compound"):
                if is_cue_verb(t) and not negated(t):
                    cand = self._from_verb(t)
                if cand is None and lemma(t) in lex.attribution_verbs:
                    cand = self._attribution(t)
                elif cand is None and t.tag_ == "VBN" and lemma(t) in PASSIVE_SPEECH:
                    subj = _subject(t)
                    if subj is not None and subj.dep_ == "nsubjpass" and subj.i < t.i and subj.head.i == t.i:
                        cand = self._passive(t, subj)
                if cand is None:
                    cand = self._as_quoted(t)
            elif t.pos_ == "NOUN" and (t.lower_ in lex.speech_nouns or t.lower_ in lex.attitude_nouns or lemma(t) in lex.attitude_nouns):
                cand = self._from_noun(t)
            if cand is not None:
                out.append(cand)
        out.extend(self._colon_lines())
        out.extend(headline_candidates(self.doc, lex, [(c.start, c.end) for c in out]))
        return self._drop_nested(out)

    @staticmethod
    def _drop_nested(found: list[QuoteCandidate]) -> list[QuoteCandidate]:
        """A broad attribution (an intention, a belief, an object) whose cue sits inside reported speech is part of
        that speech ("she said the campaign planned to ..."), not a statement of its own."""
        return [c for c in found if c.how not in BROAD or c.cue_span is None
                or not any(o is not c and o.start <= c.cue_span[0] < o.end for o in found)]

    # -- spans ---------------------------------------------------------------------------------------
    def _make(self, s: int, e: int, cue: tuple[str, int, int], mention: tuple[int, int] | None, how: str) -> QuoteCandidate | None:
        """A candidate for tokens [s, e), trimmed of "that", commas and trailing punctuation."""
        doc = self.doc
        while s < e and (doc[s].lower_ in ("that", ",", ":", "—", "–") or doc[s].is_space):
            s += 1
        e = self._past_stranded_auxiliary(s, self._trim_end(s, e))
        e = self._drop_trailing_relative(s, e)
        marks = sum(1 for t in doc[s:e] if is_quote_token(t) and t.text not in ("'", "’"))
        if marks % 2 and is_quote_token(doc[s]):
            s += 1  # the content starts inside a quotation that goes on past it
        elif marks % 2 and e > s and is_quote_token(doc[e - 1]):
            e -= 1  # the closing mark of a quotation the content sits in, and the full stop before it
            while e > s and doc[e - 1].text in (".", ","):
                e -= 1
        elif marks % 2:
            e = self._to_closing_mark(e)  # the content stops inside a quotation: run on to its closing mark
        n = _words(doc, s, e)
        if n < MIN_WORDS or n < SHORT_WORDS and not self._noun_phrase(s, e):
            return None  # two words make content only as a noun phrase ("the ruling", "Mr. Cruz"): not "is ongoing"
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        text, cs, ce = cue
        return QuoteCandidate(start, end, "indirect", cue=text, cue_span=(cs, ce), mention_tokens=mention, how=how)

    def _past_stranded_auxiliary(self, s: int, e: int) -> int:
        """A content ending on an auxiliary whose verb comes after it ("agreed that the Treasury has [limited power
        to ...]", the parser's "limited" an adjective) runs on over the phrase that verb heads."""
        doc = self.doc
        if e <= s or doc[e - 1].dep_ not in ("aux", "auxpass") or doc[e - 1].head.i < e:
            return e
        k, end = doc[e - 1].head, doc[e - 1].sent.end
        while k.head.i != k.i and k.head.i >= e and k.head.i < end:
            k = k.head
        return self._trim_end(s, min(end, k.right_edge.i + 1))

    def _trim_end(self, s: int, e: int) -> int:
        """End before trailing punctuation, a dangling conjunction and spaces."""
        while e > s and (self.doc[e - 1].text in TRAILING or self.doc[e - 1].is_space):
            e -= 1
        return e

    def _noun_phrase(self, s: int, e: int) -> bool:
        """doc[s:e] is a noun phrase: it holds a noun or name and opens with no verb or particle."""
        doc = self.doc
        return doc[s].pos_ not in ("VERB", "AUX", "PART", "ADP", "SCONJ") and any(t.pos_ in ("NOUN", "PROPN") for t in doc[s:e])

    def _drop_trailing_relative(self, s: int, e: int) -> int:
        """End before a closing non-restrictive relative clause (", which the court has upheld", ", who has never
        faced a race"), an apposition to a name (", a former lieutenant governor") or after a dash (" - a charge
        that might have stung"): the writer's gloss, not part of what was said."""
        doc = self.doc
        for k in range(e - 2, s + MIN_WORDS - 1, -1):
            x = doc[k]
            if x.text == "," and doc[k + 1].lower_ in REL_WORDS:
                rel = doc[k + 1].head
                for _ in range(2):  # ", which he said were ...": the relative clause is the one holding the said-clause
                    if rel.dep_ == "relcl" or rel.head.i == rel.i:
                        break
                    rel = rel.head
                if rel.dep_ == "relcl" and rel.right_edge.i >= e - 1 and s <= rel.head.i < k and not any(is_quote_token(y) for y in doc[k:e]):
                    return k
                return e
            if x.text in DASHES and doc[k + 1].lower_ in ("a", "an") and not any(is_quote_token(y) for y in doc[k:e]):
                return k  # "... - a charge that might have stung": the writer's gloss after a dash
            if x.text == "," and not any(is_quote_token(y) for y in doc[k:e]):
                ap = next((y for y in doc[k + 1 : e] if y.dep_ == "appos" and y.head.i == k - 1 and y.head.pos_ == "PROPN"), None)
                if ap is not None and ap.left_edge.i == k + 1 and ap.right_edge.i >= e - 1:
                    return k
        return e

    def _to_closing_mark(self, e: int, reach: int = 60) -> int:
        doc = self.doc
        for k in range(e, min(len(doc), e + reach)):
            if line_break_between(doc, e - 1, k):
                break
            if is_quote_token(doc[k]) and doc[k].text not in ("'", "’"):
                return k + 1
        return e

    def _extend_closing_marks(self, e: int, limit: int) -> int:
        """Take in closing quotation marks (and a period inside them) right after the content."""
        doc = self.doc
        k = e
        while k < limit and (is_quote_token(doc[k]) or (doc[k].text in ".?!" and k + 1 < limit and is_quote_token(doc[k + 1]))):
            k += 1
        return k if k > e and is_quote_token(doc[k - 1]) else e

    # -- verbs ---------------------------------------------------------------------------------------
    def _complement(self, t: Token) -> Token | None:
        comps = [c for c in t.children if c.dep_ == "ccomp" and not (c.i < t.i and self._sealed(c, t))]
        if comps:
            return next((c for c in comps if c.i > t.i), comps[0])  # "X, he said, is Y" has one before and one after
        misplaced = self._misplaced_that(t)
        if misplaced is not None:
            return misplaced
        if lemma(t) in self.lex.question_verbs:  # "asked Clinton if Trump benefits ...": the parser's adverbial clause
            asked = next((c for c in t.children if c.dep_ == "advcl" and c.i > t.i
                          and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)), None)
            if asked is not None:
                return asked
        if lemma(t) in OBJECT_THAT_VERBS or any(c.dep_ in ("dobj", "dative") for c in t.children):
            for x in t.sent:
                if x.i > t.i and x.lower_ == "that" and x.dep_ == "mark" and x.head.i > t.i and x.head.dep_ not in ("acl", "relcl"):
                    if any(is_cue_verb(y) for y in self.doc[t.i + 1 : x.i]):
                        return None
                    return x.head
        return None

    def _sealed(self, comp: Token, t: Token) -> bool:
        """A clause before the cue closed off by a colon or semicolon ("cites an example: He says ..."): the
        sentence before, not what is said."""
        return any(x.text in (":", ";") for x in self.doc[comp.right_edge.i + 1 : t.i])

    def _misplaced_that(self, t: Token) -> Token | None:
        """A that-clause the parser hung elsewhere: on the verb as an adverbial ("tweeted in the early morning
        hours that Machado was ...") or on a noun between ("told one of his proteges on a regular basis that ...",
        "reminded voters that ..."), which is no noun taking a clause of its own ("the claim that")."""
        if lemma(t) not in self.lex.speech_verbs:
            return None
        for c in t.children:
            if c.dep_ == "advcl" and c.i > t.i and self.doc[c.left_edge.i].lower_ == "that" and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                return c
        for x in self.doc[t.i + 1 : t.sent.end]:
            if x.lower_ != "that" or x.head.dep_ not in ("acl", "relcl") or not (x.dep_ == "mark" or x.dep_ == "advmod"
                                                                              and any(y.dep_ in ("nsubj", "nsubjpass") and y.i > x.i for y in x.head.children)):
                continue  # "that" as a mark (or taken for an adverb before a clause with its own subject): a complementiser,
                # not the relative pronoun of a clause on the noun
            noun = x.head.head
            medium = noun.dep_ == "pobj" and noun.head.lower_ == "in"  # "said in a statement that ...": what it says was said
            if noun.dep_ in ("pobj", "dobj", "dative") and self._nominal_path(noun, t) and (noun.lower_ not in self.lex.attitude_nouns or medium) \
                    and not any(is_cue_verb(y) for y in self.doc[t.i + 1 : x.i]):
                return x.head
            break
        return None

    @staticmethod
    def _nominal_path(x: Token, verb: Token) -> bool:
        """x hangs from the verb through nouns and prepositions only (its object, a phrase within the object)."""
        for _ in range(6):
            if x.i == verb.i:
                return True
            if x.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADP") or x.head.i == x.i:
                return False
            x = x.head
        return False

    def _from_verb(self, t: Token) -> QuoteCandidate | None:
        doc = self.doc
        inverted = self._inverted_parenthetical(t)
        if inverted is not None:
            return inverted
        subj = _subject(t)
        if subj is None:
            return None
        subj = self._past_dateline(subj, t)
        mention = _np_tokens(doc, subj)
        sent = t.sent
        comp = self._complement(t)
        cue = cue_text(t)
        paren = self._parenthetical(t, mention, sent)
        if paren is not None:
            return paren
        if comp is not None and comp.i > t.i:
            if self._gapped(t, subj, comp):
                return None
            s = self._split_subject(t, comp)
            if s <= t.i:
                s = t.i + 1
            s = self._contact_relative(t, comp, s)
            e = self._cut(comp, s, comp.right_edge.i + 1)
            if e == comp.right_edge.i + 1:
                e = self._conjoined_clause(t, e, sent.end)
            e = self._extend_closing_marks(e, sent.end)
            e = self._run_on(t, e, sent.end)
            e = self._raised_sequel(t, e, sent.end)
            if e + 2 < sent.end and doc[e].text == ":" and not is_quote_token(doc[e + 1]):
                e = sent.end  # "said it falls flat for one reason: the pride ...": the colon's elaboration is said too
            lem = lemma(t)
            how = "clause" if lem in self.lex.belief_verbs and lem not in self.lex.speech_verbs else "complement"
            return self._make(s, e, cue, mention, how)
        if comp is not None and comp.i < t.i:
            s = comp.left_edge.i
            e = min(comp.right_edge.i + 1, mention[0])
            return self._make(self._skip_connective(s, e), e, cue, mention, "complement-before")
        as_clause = self._as_clause(t, cue, mention)
        if as_clause is not None:
            return as_clause
        if lemma(t) in self.lex.need_complement:
            return None
        return self._cue_last(t, sent, mention, cue)

    def _contact_relative(self, t: Token, comp: Token, s: int) -> int:
        """The parser's complement that is a relative clause without "that" on the verb's object ("cited disparaging
        remarks Trump had made about Machado"): its verb lacks the object the noun before it is. Start at that noun."""
        if lemma(t) in OBJECT_THAT_VERBS:
            return s  # "told reporters the deal was dead": whom it was told to
        obj = next((c for c in t.children if c.dep_ == "dobj" and t.i < c.i < comp.i and c.right_edge.i + 1 == comp.left_edge.i), None)
        if obj is None or obj.pos_ != "NOUN" or not any(c.dep_ == "nsubj" for c in comp.children) \
                or any(c.dep_ in OBJECT_DEPS or c.dep_ == "mark" for c in comp.children) or comp.pos_ != "VERB":
            return s
        return obj.left_edge.i

    def _as_clause(self, t: Token, cue: tuple[str, int, int], mention: tuple[int, int]) -> QuoteCandidate | None:
        """"As the Post observed, Republicans now control ...": an attribution in an as-clause before the main clause
        reports that clause."""
        doc, head = self.doc, t.head
        if t.dep_ != "advcl" or head.i <= t.i or not any(c.dep_ == "mark" and c.lower_ == "as" and c.i == t.left_edge.i for c in t.children):
            return None
        if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in t.children):
            return None  # "as he told reporters ...", "as she tried to ...": the clause has its own object
        s = t.right_edge.i + 1
        while s < head.i and doc[s].is_punct:
            s += 1
        if s == t.right_edge.i + 1 or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
            return None  # no comma closing the as-clause, or no clause after it
        return self._make(s, head.right_edge.i + 1, cue, mention, "as-clause")

    def _split_subject(self, t: Token, comp: Token) -> int:
        """Where the reported clause starts: its left edge, or the noun phrase right before it when the parser hung
        the clause's subject on the cue ("said [the days when ...] are gone": "days" as the cue's adverbial)."""
        s = comp.left_edge.i
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in comp.children):
            return s
        for c in t.children:
            if t.i < c.i < s and c.right_edge.i + 1 == s and c.dep_ in ("npadvmod", "dobj") and c.pos_ in ("NOUN", "PROPN") \
                    and not any(x.lower_ in self.lex.scene_times for x in c.subtree):
                return c.left_edge.i
        return s

    @staticmethod
    def _gapped(t: Token, subj: Token, comp: Token) -> bool:
        """The reported clause lacks the "what" moved out of it, so it is no statement of its own: "(the gap
        between) what Trump says his plan would do", "no matter what anyone says"."""
        if any(c.i < t.i and c.lower_ in ("what", "whatever") for c in t.children):
            return True  # "what Trump says his plan would do" (the parser hangs "what" on the cue)
        return any(x.lower_ in ("what", "whatever", "where", "how", "why", "when") and x.i < subj.i
                   and comp in x.ancestors for x in t.doc[t.left_edge.i : t.i])

    def _run_on(self, t: Token, e: int, limit: int) -> int:
        """The reported clause goes on past where the parser closed it, typically at a quotation's closing mark:
        a second clause hung on the cue ('that it would "have been cool" had Clinton congratulated him') or a
        comparison ('that waterboarding is "peanuts," compared to what ...')."""
        doc = self.doc
        k = e
        while k < limit and (doc[k].is_punct and doc[k].text not in (".", "?", "!", ";", ":") or is_quote_token(doc[k])):
            k += 1
        quoted = any(is_quote_token(y) for y in doc[e - 1 : k])
        if k >= limit:
            return e
        x = doc[k]
        nxt = next((c for c in t.children if c.i >= k), None)
        if nxt is None or nxt.left_edge.i != k:
            return e
        if nxt.dep_ == "ccomp" and not any(is_cue_verb(y) for y in doc[k : nxt.right_edge.i + 1]) \
                or nxt.dep_ == "prep" and x.lower_ in RUN_ON_PREPS and quoted or nxt.dep_ == "advcl" and quoted and x.dep_ == "mark":
            return min(limit, nxt.right_edge.i + 1)
        return e

    def _raised_sequel(self, t: Token, e: int, limit: int) -> int:
        """"X pointed out that A, so B": the parser made B the sentence's main clause and the attribution its
        complement; B, joined by "so", "and" or "but" right after the reported clause, is said too."""
        doc, head = self.doc, t.head
        if t.dep_ != "ccomp" or head.i <= e or e + 1 >= limit or doc[e].text != "," or doc[e + 1].lower_ not in ("so", "and", "but"):
            return e
        if doc[e + 1].head.i != head.i or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > e for c in head.children):
            return e
        return min(limit, head.right_edge.i + 1)

    def _conjoined_clause(self, t: Token, e: int, limit: int) -> int:
        """"He said the plan would cost more at first, but would save money later": a second clause the parser
        hung on the cue verb still belongs to what was said when it has no subject or no cue of its own."""
        doc, lex = self.doc, self.lex
        conj = next((c for c in t.children if c.dep_ == "conj" and c.i > e), None)
        if conj is None:
            return e
        if any(c.dep_ == "mark" and c.lower_ == "that" and c.i == conj.left_edge.i for c in conj.children) \
                and [x.lower_ for x in doc[e : conj.left_edge.i] if not is_quote_token(x)] in ([",", "and"], ["and"]):
            return min(limit, conj.right_edge.i + 1)  # "said that A, and that B": a second complement
        if conj.left_edge.i > e + 2:
            return e
        between = [x.lower_ for x in doc[e : conj.left_edge.i]]
        if not between or between[-1] not in ("but", "and", "yet") or any(w not in (",", "but", "and", "yet") for w in between):
            return e
        if lex.reports(lemma(conj)) or conj.tag_ not in ("VBD", "VBZ", "VBP", "MD", "VB"):
            return e
        subj = next((c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and conj.tag_ == t.tag_:
            return e  # "said ... and left the room": the speaker's own next act
        return min(limit, conj.right_edge.i + 1)

    def _past_dateline(self, subj: Token, verb: Token) -> Token:
        """A dateline ("MOSCOW (Sputnik) - ...") is not the subject: take the noun phrase after its dash."""
        doc = self.doc
        if not (subj.text.isupper() and len(subj.text) > 2 and (subj.i == 0 or "\n" in doc[subj.i - 1].whitespace_ + doc[subj.i - 1].text)):
            return subj
        dash = next((x.i for x in doc[subj.i : verb.i] if x.text in ("-", "—", "–", "--")), None)
        if dash is None:
            return subj
        heads = [x for x in doc[dash + 1 : verb.i] if x.pos_ in ("PROPN", "NOUN", "PRON") and not (dash < x.head.i < verb.i and x.head.pos_ in ("PROPN", "NOUN"))]
        return heads[-1] if heads else subj

    def _parenthetical(self, t: Token, mention: tuple[int, int], sent: Span) -> QuoteCandidate | None:
        """"..., Lavrov said, is needed ...": the cue sits between commas inside the content."""
        doc = self.doc
        ms, me = mention
        if not (me <= t.i and ms - 1 > sent.start and doc[ms - 1].text == ",") or doc[ms].tag_ in ("WP", "WDT"):
            return None  # "Sykes, who lamented in an interview, "..."": a relative clause, not an inserted attribution
        k = t.i + 1
        addressee = next((c for c in t.children if c.dep_ in ("dobj", "dative") and c.i == k), None) if lemma(t) in OBJECT_THAT_VERBS else None
        if addressee is not None and addressee.pos_ in ("PRON", "PROPN", "NOUN"):
            k = addressee.right_edge.i + 1  # "The solution, the partner told them, was simple": who was told
        aside = False
        while k < sent.end:  # past an adverb or an adjunct of the cue: "Stumpf explained earlier in the hearing,"
            x = doc[k]
            if x.head.i == t.i and x.left_edge.i == k and x.right_edge.i < sent.end - 1 and self._aside(t, x):
                k, aside = x.right_edge.i + 1, True
            elif x.pos_ in ("ADV", "PART"):
                k += 1
            else:
                break
        if k >= sent.end - 1 or doc[k].text != ",":
            return None
        if aside and t.head.i == t.i and not any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.left_edge.i <= k + 2 for c in t.children if c.i > k):
            return None  # "..., the AP declared on Thursday, two days after ...": what follows is the cue's own scene
        if any(c.dep_ in ("ccomp", "dobj") and c.i > t.i and (addressee is None or c.i != addressee.i) for c in t.children):
            return None
        # the statement runs on both sides of the inserted attribution: "Climate change, Obama said, is the greatest
        # threat"; one span over both parts (the attribution inside it) reads whole, where the tail alone would not
        head = t.head
        s = sent.start
        if head.i != t.i and sent.start <= head.left_edge.i < ms:
            s = head.left_edge.i
        while s < ms - 1 and (doc[s].is_space or doc[s].text in ("-", "—", "–", "―")):
            s += 1
        e = sent.end
        if head.i > k and head.right_edge.i + 1 > k:
            e = min(sent.end, head.right_edge.i + 1)
        elif k + 1 < sent.end and doc[k + 1].tag_ == "VBG" and doc[k + 1].head.i == t.i and self.lex.reports(lemma(doc[k + 1])):
            e = ms - 1  # "..., she said, referencing the bank's ...": the speaker's own act follows, not more content
        s = self._skip_connective(s, e)
        if _words(doc, s, ms - 1) < 1 or (_words(doc, s, ms - 1) == 1 and doc[s].tag_ in ("WDT", "WP")):
            s = k + 1  # nothing before the attribution, or only a relative pronoun ("which, Lavrov said, is ...")
        return self._make(s, e, cue_text(t), mention, "parenthetical")

    def _aside(self, t: Token, x: Token) -> bool:
        """A dependent of the cue that says when or where it was said ("on Friday", "earlier in the hearing", "in a June
        report"), not what about or to whom ("called for", "wrote to")."""
        if x.dep_ in ("advmod", "npadvmod"):
            return True
        return x.dep_ == "prep" and x.lower_ in self.lex.aside_preps and x.lower_ not in self.lex.prepositional.get(lemma(t), ())

    def _inverted_parenthetical(self, t: Token) -> QuoteCandidate | None:
        """"The museum, said the mayor, would open in May", "X lacks ..., said Howard, but her character ...": an
        inverted attribution between commas inside the statement, which runs on both sides of it."""
        doc, sent = self.doc, t.sent
        if t.i - 1 <= sent.start or doc[t.i - 1].text != "," or t.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        subj = next((c for c in t.children if c.dep_ == "nsubj" and c.i > t.i), None)
        if subj is None or any(x.pos_ in ("VERB", "AUX") or x.text in (",", "(") for x in doc[t.i + 1 : subj.left_edge.i]):
            return None
        ms, me = _np_tokens(doc, subj)
        k = max(me, subj.right_edge.i + 1)
        if k + 2 >= sent.end or doc[k].text != "," or doc[k + 1].lower_ in REL_WORDS or doc[k + 1].tag_ == "VBG":
            return None
        rest = doc[k + 1 : sent.end]
        if not (rest[0].pos_ == "CCONJ" or any(x.tag_ in ("VBD", "VBZ", "VBP", "MD") for x in rest[:4])):
            return None  # ", said Howard, a lawyer for the firm.": an apposition, not the statement going on
        s = self._skip_connective(sent.start, t.i - 1)
        if _words(doc, s, t.i - 1) < MIN_WORDS:
            return None
        return self._make(s, sent.end, cue_text(t), (ms, me), "parenthetical")

    def _skip_connective(self, s: int, e: int) -> int:
        """Past a conjunction or connective that links the sentence to the one before it ("But", "However,",
        "In addition,"): not part of what was said."""
        doc = self.doc
        while s < e and _words(doc, s + 1, e) >= MIN_WORDS:
            if doc[s].is_space:
                s += 1
                continue
            if (doc[s].text.isupper() and len(doc[s].text) > 2 and s + 1 < e and doc[s + 1].text in DASHES
                    and (s == 0 or "\n" in doc[s - 1].text_with_ws)):
                s += 2  # a dateline: "WASHINGTON ― ..."
                continue
            if doc[s].lower_ in CONNECTIVES and doc[s].pos_ in ("CCONJ", "ADV", "SCONJ"):
                s += 1
            else:
                k = next((s + n for n in CONNECTIVE_PHRASES.get(doc[s].lower_, ()) if s + n < e and doc[s + n].text == ","
                          and " ".join(x.lower_ for x in doc[s : s + n]) in CONNECTIVE_PHRASES[doc[s].lower_][n]), None)
                if k is None:
                    break
                s = k
            if s < e and doc[s].text == ",":
                s += 1
        return s

    def _cue_last(self, t: Token, sent: Span, mention: tuple[int, int], cue: tuple[str, int, int]) -> QuoteCandidate | None:
        """"..., X says" where the parse found no complement: the content is everything before the comma."""
        doc = self.doc
        ms = mention[0]
        if not (mention[1] <= t.i) or ms - 1 <= sent.start or doc[ms - 1].text != ",":
            return None
        after = [x for x in doc[t.i + 1 : sent.end] if not x.is_punct]
        if after and after[0].pos_ in ("VERB", "NOUN", "PROPN", "PRON") and after[0].dep_ not in ("npadvmod", "pobj"):
            return None
        if doc[ms].lower_ in ("which", "who", "that", "whom", "whose"):
            return None  # a relative clause ("..., which he said") attributes nothing before it
        if self._has_own_content(t):
            return None  # "..., Clinton maintains a commanding lock on ...": the verb says something of its own
        s = self._skip_connective(sent.start, ms - 1)
        if doc[s].pos_ in ("ADP", "SCONJ", "VERB") or not any(x.dep_ in ("nsubj", "nsubjpass") and s <= x.head.i < ms - 1 for x in doc[s : ms - 1]):
            return None  # "In Honolulu last week, he told ...", "Speaking to students, Biden responded": no clause
        return self._make(s, ms - 1, cue, mention, "cue-last")

    def _has_own_content(self, t: Token) -> bool:
        """The cue has an object, a complement or a prepositional content after it ("maintains a lock", "marveled at
        the level", "asked for volunteers"); whom it was told to ("told a Senate panel") does not count."""
        preps = self.lex.prepositional.get(lemma(t), ())
        for c in t.children:
            if c.i <= t.i:
                continue
            if c.dep_ in COMPLEMENT_DEPS or c.dep_ == "prep" and c.lower_ in preps:
                return True
            if c.dep_ in ("dobj", "dative") and not (lemma(t) in OBJECT_THAT_VERBS and c.pos_ in ("PRON", "PROPN", "NOUN")):
                return True
        return False

    # -- attribution beyond speech: beliefs, intentions, evidence, what is cited or called for ----------------
    def _attribution(self, t: Token) -> QuoteCandidate | None:
        """A cue of the broader classes in cues.toml with its clause, to-infinitive, prepositional or noun object."""
        doc, lex = self.doc, self.lex
        lem = lemma(t)
        if negated(t) and lem not in lex.cognition_verbs and lem not in lex.intent_verbs:
            return None  # "did not cite the report" attributes nothing; "does not want to ..." does
        subj = _subject(t)
        if subj is None and t.dep_ == "acl" and t.tag_ == "VBG" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
            subj = t.head  # "a super PAC backing Jeb Bush", "phone calls opposing Clinton": the noun acts
        if subj is not None and subj.dep_ == "nsubjpass" and subj.i < t.i and subj.head.i == t.i:
            return self._passive(t, subj)
        if subj is None or subj.i > t.i or subj.dep_ == "nsubjpass":
            return None
        mention = _np_tokens(doc, self._past_dateline(subj, t))
        mention = (mention[0], min(mention[1], t.i))  # the noun a participle hangs on, not the participle's phrase
        cue = _negated_cue(t) if negated(t) else cue_text(t)
        kids = [c for c in t.children if c.i > t.i]
        if lem in lex.cognition_verbs or lem in lex.directive_verbs:
            comp = next((c for c in kids if c.dep_ == "ccomp"), None)
            if comp is not None and (lem in lex.cognition_verbs or _to_infinitive(comp)):
                s = max(comp.left_edge.i, t.i + 1)
                return self._make(s, self._cut(comp, s, comp.right_edge.i + 1), cue, mention, "clause")
        xc = next((c for c in kids if c.dep_ == "xcomp" and _to_infinitive(c)), None)
        preps = lex.prepositional.get(lem)
        if xc is not None and preps and any(c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i == t.i + 1 for c in kids):
            xc = None  # "called on Obama to retaliate": the preposition's object and the infinitive, below
        if xc is not None:
            obj = next((c for c in kids if c.dep_ in ("dobj", "dative") and c.i < xc.i), None)
            if obj is not None and lem in lex.directive_verbs:
                return self._make(obj.left_edge.i, self._cut(xc, obj.left_edge.i, xc.right_edge.i + 1), cue, mention, "directive")
            if obj is None and lem in lex.intent_verbs:
                s = xc.left_edge.i
                e = xc.right_edge.i + 1
                if t.tag_ in ("VBZ", "VBD", "VBP"):  # "wants to triple X, grow Y and create Z": a bare verb conjoined
                    # to the finite cue (a parse slip) belongs to the infinitive
                    e = max([e] + [c.right_edge.i + 1 for c in kids if c.dep_ == "conj" and c.i > xc.i
                                   and (c.tag_ == "VB" or c.tag_ == "VBP" and doc[c.left_edge.i - 1].dep_ == "cc" and c.left_edge.i - 1 == xc.right_edge.i)
                                   and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)])
                return self._make(s, self._scene_cut(xc, self._cut(xc, s, e)), cue, mention, "intent")
        if preps:
            for c in kids:
                if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i <= t.i + 2:
                    obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                    if obj is None:
                        continue
                    e = max([obj.right_edge.i + 1] + [x.right_edge.i + 1 for x in kids if x.dep_ == "xcomp" and x.i > obj.i])
                    pcue = (doc_text(doc)[t.idx : c.idx + len(c.text)], t.idx, c.idx + len(c.text))
                    return self._make(obj.left_edge.i, e, pcue, mention, "prepositional")
                # "called for Trump to drop out": the parser makes "for" the mark of an infinitive clause
                mk = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in preps and m.i <= t.i + 2), None) if c.dep_ == "advcl" and _to_infinitive(c) else None
                if mk is not None and mk.i + 1 < c.i:
                    pcue = (doc_text(doc)[t.idx : mk.idx + len(mk.text)], t.idx, mk.idx + len(mk.text))
                    return self._make(mk.i + 1, self._cut(c, mk.i + 1, c.right_edge.i + 1), pcue, mention, "prepositional")
        if lem in lex.as_object_verbs and lem not in lex.object_verbs:
            return self._seen_as(t, cue, mention)
        if lem in lex.object_verbs:
            obj = next((c for c in kids if c.dep_ == "dobj"), None)
            if obj is None or obj.lower_ in ("what", "which"):
                return None
            pronoun = obj.lower_ in ("it", "that", "this", "them", "him", "her")
            if (obj.lower_ in lex.attitude_nouns or obj.lower_ in lex.speech_nouns) and noun_content(obj) is not None:
                return None  # "rejected the developer's claim that ...": the claim is the attribution
            e = self._object_end(t, obj.right_edge.i + 1)
            if pronoun and e == obj.right_edge.i + 1:
                return None  # "praised him": no content; "denounced him as a psychopath" has some
            if lem in lex.naming_verbs and e == obj.right_edge.i + 1 and not any(is_quote_token(x) for x in doc[obj.left_edge.i : e]):
                return None  # a naming verb names nothing here: "Vizmedia dubbed the first seasons", "calls the hotline"
            return self._make(obj.left_edge.i, e, cue, mention, "object")
        return None

    @staticmethod
    def _object_as(t: Token) -> tuple[Token, Token] | None:
        """The verb's object after it and the "as" phrase casting it, on the verb or on the object: "sees [the issue]
        [as a way to ...]", "is describing [as "unhinged"] [a tweet]"."""
        obj = next((c for c in t.children if c.dep_ == "dobj" and c.i > t.i), None)
        if obj is None:
            return None
        as_ = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > t.i), None) \
            or next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        return (obj, as_) if as_ is not None else None

    def _as_quoted(self, t: Token) -> QuoteCandidate | None:
        """Any verb casting its object "as" a quoted phrase characterises it in someone's words: "pounding Trump as a
        "con artist"", "admires Putin as a "strong leader"", "is describing as "unhinged" a tweet"."""
        found = self._object_as(t)
        if found is None or lemma(t) in ("be", "have") or negated(t):
            return None
        obj, as_ = found
        if not any(is_quote_token(x) for x in self.doc[as_.i + 1 : as_.right_edge.i + 1]):
            return None
        subj = _subject(t)
        if subj is None or subj.i > t.i or subj.dep_ == "nsubjpass" or subj.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        s = min(obj.left_edge.i, as_.i)
        e = self._object_end(t, max(obj.right_edge.i, as_.right_edge.i) + 1)
        return self._make(s, e, cue_text(t), _np_tokens(self.doc, self._past_dateline(subj, t)), "object")

    def _seen_as(self, t: Token, cue: tuple[str, int, int], mention: tuple[int, int]) -> QuoteCandidate | None:
        """"sees the issue as a way to ...", "painted Romney as ...": the object with its "as" phrase is the view."""
        found = self._object_as(t)
        if found is None or found[0].lower_ in ("what", "which", "that"):
            return None
        obj, as_ = found
        if not any(x.dep_ in ("pobj", "pcomp") for x in as_.children):
            return None
        return self._make(min(obj.left_edge.i, as_.i), self._object_end(t, max(obj.right_edge.i, as_.right_edge.i) + 1), cue, mention, "object")

    def _object_end(self, t: Token, e: int) -> int:
        """The end of the verb's object running on over the verb's dependents that complete it, from token ``e``."""
        doc = self.doc
        for c in t.children:
            if c.i <= t.i or c.left_edge.i < e:
                continue
            k = e  # a closing mark the parser hung on the verb (and the comma inside it) does not part them
            while k < c.left_edge.i and (is_quote_token(doc[k]) or doc[k].text == "," and k + 1 < len(doc) and is_quote_token(doc[k + 1])):
                k += 1
            if c.left_edge.i == k and self._part_of_object(c):
                e = c.right_edge.i + 1
        return e

    def _part_of_object(self, c: Token) -> bool:
        """A dependent of the cue right after its object that completes it: "criticized the plan as ...", "endorsed
        Clinton for president", "called Trump "unfit"", or a phrase the parser hung on the verb that belongs to the
        object ("questioned the deal over its cost"), unless it is the act's scene (a time, "during", "at", ...)."""
        lex = self.lex
        if c.dep_ in ("oprd", "xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ in ("as", "for", "of", "with"):
            return True
        if c.dep_ == "advcl" and _to_infinitive(c) and any(o.dep_ == "dobj" and o.lower_ in lex.attitude_nouns for o in c.head.children):
            return True  # "decried Trump's calls [to ban ...]": the parser's adverbial is the infinitive of a plan or call
        return (c.dep_ == "npadvmod" or c.dep_ == "prep" and c.lower_ not in lex.object_scene_preps) \
            and not any(x.lower_ in lex.scene_times for x in c.subtree)

    def _passive(self, t: Token, subj: Token) -> QuoteCandidate | None:
        """"The plan was criticized by Senate Democrats", "the story was first reported by The Post": the subject
        is what is attributed, the by-agent its source."""
        doc, lex = self.doc, self.lex
        if not (lemma(t) in lex.object_verbs or lemma(t) in PASSIVE_SPEECH) or t.tag_ != "VBN" or negated(t):
            return None
        agent = next((c for c in t.children if c.dep_ == "agent" and c.i > t.i), None)
        src = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if src is None or src.pos_ not in ("PROPN", "NOUN") or subj.lower_ in ("it", "this", "that", "which", "who", "he", "she", "they"):
            return None
        first = min((c for c in t.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < t.i), key=lambda c: c.i, default=t)
        cue = (doc_text(doc)[first.idx : agent.idx + len(agent.text)], first.idx, agent.idx + len(agent.text))
        s = self._skip_connective(subj.left_edge.i, subj.right_edge.i + 1)
        return self._make(s, subj.right_edge.i + 1, cue, _np_tokens(doc, src), "passive")

    def _cut(self, root: Token, s: int, e: int) -> int:
        """End the content before a clause that is another attribution of the same source: "he said X and
        warned Y", "she said X, adding that Y", and at a semicolon."""
        doc, lex = self.doc, self.lex
        for x in doc[s + 1 : e]:
            if x.text == ";" and x.head.i != x.i:
                return x.i
            if x.pos_ != "VERB":
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children):
                if self._own_attribution(x, root, s):  # "..., and more than 4 in 10 said ...": the writer's next report
                    return self._clause_start(x, s)
                continue
            if not lex.reports(lemma(x)):
                continue
            if (x.dep_ == "advcl" and x.tag_ == "VBG") or joined_act(x, root) and not self._in_phrase(x, root):
                return self._clause_start(x, s)
        return e

    @staticmethod
    def _in_phrase(x: Token, root: Token) -> bool:
        """x sits inside a noun or prepositional phrase of the clause ("his position of supporting but not
        endorsing Trump"), where a conjoined verb is no act of the speaker's."""
        for a in x.ancestors:
            if a.i == root.i:
                return False
            if a.pos_ in ("NOUN", "PROPN", "ADP"):
                return True
        return False

    def _scene_cut(self, verb: Token, e: int) -> int:
        """An intention ends before a closing adverbial clause of its verb that sets the scene or gives a reason
        ("refused to endorse him when he first ran", "declined to be named because of the sensitivity ...")."""
        doc = self.doc
        for c in verb.children:
            if c.i <= verb.i or c.right_edge.i + 1 < e - 1 or c.left_edge.i >= e:
                continue
            first = doc[c.left_edge.i]
            if c.dep_ == "advcl" and first.lower_ in SCENE_MARKS or c.dep_ == "prep" and first.lower_ in ("because", "despite"):
                k = c.left_edge.i
                while k > verb.i + 1 and doc[k - 1].is_punct:
                    k -= 1
                return k
        return e

    def _clause_start(self, x: Token, s: int) -> int:
        """Where the clause of ``x`` begins, before the commas and conjunction joining it to what comes first."""
        doc = self.doc
        k = x.left_edge.i
        while k > s and (doc[k - 1].is_punct or doc[k - 1].dep_ == "cc"):
            k -= 1
        return k

    def _own_attribution(self, x: Token, root: Token, s: int) -> bool:
        """A clause joined to the reported one (", and ...", ", while ...", "after ...") that reports someone
        else's words or views with its own subject and cue: the writer's next report, not part of the first."""
        if x.head.i != root.i or x.left_edge.i <= s or not self.lex.is_verb(lemma(x)):
            return False
        marks = [c.lower_ for c in x.children if c.dep_ == "mark"]
        if x.dep_ == "conj":
            return not marks and self.doc[x.left_edge.i - 1].dep_ in ("cc", "punct")  # not "... and that ...": a second complement
        return x.dep_ == "advcl" and bool(marks) and marks[0] in CONTRAST_MARKS

    # -- adjectives ------------------------------------------------------------------------------------
    def _from_adjective(self, t: Token) -> QuoteCandidate | None:
        """"She is convinced that ...", "he was confident he would ...", "they are determined to ...", "worried
        about his health": the copula's subject holds the clause, the to-infinitive or the object."""
        doc, lex = self.doc, self.lex
        cop = t.head
        if cop.i > t.i or cop.pos_ not in ("AUX", "VERB"):
            return None
        subj = _subject(cop)
        if subj is None or subj.lower_ in ("it", "there", "this", "that", "which", "what") or subj.dep_ == "expl":
            return None  # "it is clear that ...": no one holds it
        mention = _np_tokens(doc, self._past_dateline(subj, cop))
        first = min((c for c in cop.children if c.dep_ in ("aux", "neg") and c.i < cop.i), key=lambda c: c.i, default=cop)
        end = t.idx + len(t.text)
        cue = (doc_text(doc)[first.idx : end], first.idx, end)
        kids = [c for c in t.children if c.i > t.i]
        comp = next((c for c in kids if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and _to_infinitive(c))), None)
        if comp is None:  # the parser may hang the clause on the copula: "is sure [that] ..."
            comp = next((c for c in cop.children if c.i > t.i and c.dep_ == "ccomp"), None)
        if comp is not None and t.lower_ in lex.adjectives:
            s = max(comp.left_edge.i, t.i + 1)
            how = "intent" if comp.dep_ == "xcomp" else "clause"
            return self._make(s, self._cut(comp, s, comp.right_edge.i + 1), cue, mention, how)
        preps = lex.adjective_preps.get(t.lower_)
        if preps:
            for c in kids:
                if c.dep_ in ("prep", "agent") and c.lower_ in preps and c.i == t.i + 1:
                    obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                    if obj is None:
                        continue
                    pcue = (doc_text(doc)[first.idx : c.idx + len(c.text)], first.idx, c.idx + len(c.text))
                    return self._make(obj.left_edge.i, obj.right_edge.i + 1, pcue, mention, "prepositional")
        return None

    def _light_adjective(self, t: Token) -> QuoteCandidate | None:
        """"Trump made clear that ...", "she made it plain that ...": the verb's subject holds the clause."""
        doc = self.doc
        adjs = self.lex.adjective_light[lemma(t)]
        adj = next((c for c in t.children if c.i > t.i and c.lower_ in adjs and c.pos_ == "ADJ"), None)
        if adj is None:
            return None
        comp = next((c for c in list(t.children) + list(adj.children) if c.i > adj.i and c.dep_ == "ccomp"), None)
        subj = _subject(t)
        if comp is None or subj is None or subj.i > t.i:
            return None
        mention = _np_tokens(doc, self._past_dateline(subj, t))
        first = min((c for c in t.children if c.dep_ in ("aux", "neg") and c.i < t.i), key=lambda c: c.i, default=t)
        end = adj.idx + len(adj.text)
        cue = (doc_text(doc)[first.idx : end], first.idx, end)
        s = max(comp.left_edge.i, adj.i + 1)
        return self._make(s, self._cut(comp, s, comp.right_edge.i + 1), cue, mention, "clause")

    # -- according to -----------------------------------------------------------------------------------
    def _according(self, t: Token) -> QuoteCandidate | None:
        doc = self.doc
        to = doc[t.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((x for x in doc[t.i + 2 : t.i + 8] if x.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if obj is None:
            return None
        mention = _np_tokens(doc, obj)
        mention = (max(mention[0], t.i + 2), mention[1])
        sent = t.sent
        cue = (doc_text(doc)[t.idx : to.idx + len(to.text)], t.idx, to.idx + len(to.text))
        lead = [x for x in doc[sent.start : t.i] if not x.is_punct and x.lower_ not in ("but", "and", "yet", "so", "also")]
        if not lead:
            k = mention[1]
            while k < sent.end and doc[k].text != ",":
                k += 1
            if k >= sent.end:
                return None
            j = k + 1
            while j < sent.end and doc[j].tag_ in ("NNP", "NNPS"):
                j += 1
            if obj.pos_ == "NOUN" and j > k + 1 and j < sent.end and doc[j].text == ",":
                mention, k = (mention[0], j), j  # "According to the El Paso mayor, Dee Margo, police ...": the name
            return self._make(self._skip_connective(k + 1, sent.end), sent.end, cue, mention, "according")
        if t.i > sent.start and doc[t.i - 1].text == ",":
            k = mention[1]
            while k < sent.end and doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "NUM", "DET") and doc[k].text != ",":
                k += 1  # the rest of a long source: "according to the recent 50-state poll"
            e = sent.end
            while e > k and (doc[e - 1].is_punct or doc[e - 1].is_space):
                e -= 1
            if k < sent.end and doc[k].text == "," and _words(doc, k + 1, e) >= 2 and not self._trailing_gloss(doc[k + 1]):
                s = self._skip_connective(sent.start, t.i - 1)
                if _words(doc, s, t.i - 1) == 0 or self._has_clause(s, t.i - 1) and self._has_clause(k + 1, e) \
                        and doc[k + 1].pos_ != "CCONJ":
                    # "While most were marked confidential, according to an official, two were upgraded ...":
                    # what follows is the statement
                    return self._make(k + 1, e, cue, (mention[0], k), "according")
                # "G4S receives, according to one report, $234 million ...": the statement runs on both sides
                return self._make(s, e, cue, (mention[0], k), "according-inside")
            return self._make(self._skip_connective(sent.start, t.i - 1), t.i - 1, cue, mention, "according-after")
        return None

    def _in_evidence(self, t: Token) -> QuoteCandidate | None:
        """"In a CBS News poll last month, Clinton led by six points": a sentence opening with "in" and a source
        of evidence reports what that source found (unless a verb of its own attributes it: "In a statement, the
        company said ...")."""
        doc, lex = self.doc, self.lex
        obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lower_ not in lex.evidence_nouns:
            return None  # checked first: most "in"s of a text are no such phrase, and finding the sentence costs more
        sent = t.sent
        k = sent.start
        while k < t.i and (doc[k].is_punct or doc[k].is_space or doc[k].lower_ in ("but", "and", "yet", "so", "also")):
            k += 1
        if k != t.i:
            return None
        comma = obj.right_edge.i + 1
        while comma < sent.end and doc[comma].text != "," and comma - t.i < 25:
            comma += 1  # past a date or an apposition the parser left outside: "in a poll released Monday,"
        if comma >= sent.end or doc[comma].text != ",":
            return None
        root = sent.root
        if root.i < comma or is_cue_verb(root) or lemma(root) in lex.attribution_verbs:
            return None
        e = sent.end
        while e > comma and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        cue = (t.text, t.idx, t.idx + len(t.text))
        return self._make(comma + 1, e, cue, (obj.left_edge.i, comma), "evidence")

    def _has_clause(self, s: int, e: int) -> bool:
        """doc[s:e] holds a subject with its finite verb."""
        return any(x.dep_ in ("nsubj", "nsubjpass") and s <= x.head.i < e
                   and (x.head.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(a.dep_ in ("aux", "auxpass") for a in x.head.children))
                   for x in self.doc[s:e])

    @staticmethod
    def _trailing_gloss(x: Token) -> bool:
        """What follows "according to X," is the writer's gloss, not more of the statement: ", compared with ...",
        ", including ...", ", taking a step ...", ", although ...", ", more than twice ..."."""
        return x.tag_ == "VBG" or x.lower_ in ("compared", "including", "which", "who", "while", "although", "though",
                                                "a", "an", "up", "down", "as", "than", "with", "from", "more", "less")

    # -- nouns ---------------------------------------------------------------------------------------
    def _from_noun(self, t: Token) -> QuoteCandidate | None:
        """"Lavrov's claim that ...", "her plan to ...", "the call by X for ..."."""
        content = noun_content(t)
        if content is None:
            return None
        src = noun_source(self.doc, t)
        if src is None:
            return None
        s, e = content
        cue = (t.text, t.idx, t.idx + len(t.text))
        e = self._extend_closing_marks(self._cut(self.doc[s], s, e), t.sent.end)
        return self._make(s, e, cue, _np_tokens(self.doc, src), "noun")

    # -- colon lines -----------------------------------------------------------------------------------
    def _colon_lines(self) -> list[QuoteCandidate]:
        """"Lavrov: statement" and "statement: Lavrov" on a line of their own (live blogs, headlines)."""
        doc = self.doc
        out: list[QuoteCandidate] = []
        ids = line_ids(doc)
        bounds = [0] + [i for i in range(1, len(ids)) if ids[i] != ids[i - 1]] + [len(doc)]
        for line_start, line_end in zip(bounds, bounds[1:]):
            if line_end > line_start:
                out.extend(self._colon_line(line_start, line_end))
        return out

    def _signs_headline(self, colon: int, e: int) -> bool:
        """After the last colon of a line, a bare name closing a headline ("... counterproductive: Lavrov"), not the
        answer a sentence leads up to ("Rubio's new enemy in New Hampshire: Jeb Bush.") or a title's second half."""
        doc = self.doc
        words = [t for t in doc[colon + 1 : e] if not t.is_space]
        if not words or words[-1].text in (".", "!", "?") or len(words) > 4:
            return False
        return all(t.tag_ in ("NNP", "NNPS") or t.text == "." for t in words)

    def _colon_line(self, s: int, e: int) -> list[QuoteCandidate]:
        doc = self.doc
        if ":" not in doc_text(doc)[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]:
            return []  # most lines hold no colon: skip building their tokens
        while e > s and doc[e - 1].is_space:
            e -= 1
        colons = [k for k in range(s, e) if doc[k].text == ":"]
        if not colons:
            return []
        out = []
        first = colons[0]
        mention = colon_speaker(doc, first) if first - s <= 8 else None
        if mention and _words(doc, first + 1, e) >= 4 and not is_quote_token(doc[first + 1]):
            c = self._make(first + 1, e, (":", doc[first].idx, doc[first].idx + 1), mention, "colon")
            if c:
                out.append(c)
            return out
        last = colons[-1]
        end = e
        while end > last + 1 and doc[end - 1].is_punct:
            end -= 1
        mention = name_tokens(doc, last + 1, end) if end - last - 1 <= 8 and self._signs_headline(last, e) else None
        if mention and mention[1] == end and last > s:
            start = s
            if len(colons) > 1 and colons[0] - s <= 3:
                start = colons[0] + 1  # "WATCH: statement: Lavrov"
            c = self._make(start, last, (":", doc[last].idx, doc[last].idx + 1), mention, "colon-after")
            if c:
                out.append(c)
        return out
