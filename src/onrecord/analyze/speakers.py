"""Speakers within one document: who a mention ("he", "the top Russian diplomat", "Mr. Lavrov") refers to.

Names come from capitalisation and the tagger (proper-noun runs), with titles peeled off and kept as roles
("Russian Foreign Minister Sergey Lavrov" -> name "Sergey Lavrov", roles {russian, foreign, minister, diplomat,
...}). Pronouns go to the most salient compatible earlier mention (speakers and subjects first, nearer sentences
first, never across a quotation boundary); descriptions go to the most salient person whose roles contain
the description's role words; organisations ("the Russian Defence Ministry", "the Kremlin") speak too.
NER labels are not used: the small model's are not reliable enough on names from the news.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import HEAD, LOWER, SENT_START, TAG
from spacy.tokens import Doc, Span, Token

from .lexicon import titles
from .marks import nickname_marks
from .names import fold, fold_word
from .syntax import doc_text, spaced_dash

if TYPE_CHECKING:
    from .registry import SpeakerRegistry

PRONOUN_KIND = {
    "he": "he", "him": "he", "his": "he", "himself": "he",
    "she": "she", "her": "she", "hers": "she", "herself": "she",
    "it": "it", "its": "it", "itself": "it",
    "they": "they", "them": "they", "their": "they", "themselves": "they",
}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "myself", "ourselves"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
INDEFINITE = {"a", "an", "another", "one", "some", "any", "several", "many", "two", "three", "no", "every", "each", "neither", "either"}
UNINFORMATIVE = {"the", "top", "senior", "leading", "high", "of", "for", "and", "then", "newly", "chief"}
CONNECTORS = {"von", "der", "van", "de", "den", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el", "abu", "dos", "del", "ter", "ten", "zu"}
CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "gmt", "utc", "am", "pm", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
PARTIES = {"D", "R", "I", "Dem", "Rep", "Ind"}  # party letters in "(D-Va.)"
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
QUOTE_MARKS = "\"'“”‘’«»„‹›"
# Role words that are also common surnames: "Martin Luther King", "John Major", "Stephen Bishop".
SURNAME_LIKE = {"king", "major", "bishop", "cardinal", "judge", "marshal", "speaker", "host", "star", "coach", "head",
                "general", "justice", "chancellor", "mayor", "priest", "player", "chief", "deputy", "boss", "owner"}


@dataclass(eq=False)
class DocEntity:
    """One person or organisation as this document names it."""

    name: str  # the fullest title-free name seen ("Sergey Lavrov"), or an organisation's name ("Russian Defence Ministry")
    kind: str  # "person", "org" or "unknown" (a bare capitalised word: a person who speaks, or a place)
    forms: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # role and nationality words, with implied ones
    titles: list[str] = field(default_factory=list)  # role phrases as written: "Russian Foreign Minister"
    pronoun: str = ""  # "he" or "she" when an honorific or role says so
    count: int = 0
    form_counts: dict[str, int] = field(default_factory=dict)
    _words: tuple[str, list[str]] = ("", [])  # (name, its folded words), recomputed when the name changes

    @property
    def words(self) -> list[str]:
        if self._words[0] != self.name:
            self._words = (self.name, [fold_word(w) for w in self.name.split()])
        return self._words[1]


@dataclass(slots=True)
class Ref:
    """One place where the document refers to an entity."""

    start: int  # token offsets [start, end)
    end: int
    entity: DocEntity
    sent: int
    weight: float
    quote: int | None  # index of the innermost quotation holding it


@dataclass(slots=True)
class Resolution:
    """What a speaker mention refers to."""

    entity: DocEntity | None
    how: str  # "name", "pronoun", "description", "organisation", "relative", "generic", "unresolved"


def role_words(words: Iterable[str], implied: bool = True) -> set[str]:
    """Role and nationality words of a title phrase, with the roles they imply (unless ``implied`` is false)."""
    lex = titles()
    toks = [w.lower().strip(",.") for w in words if w.strip(",.")]
    toks = [t[:-2] if t.endswith("'s") or t.endswith("’s") else t for t in toks]
    out: set[str] = set()
    for t in toks:
        nation = lex.nation(t)
        if nation:
            out.add(nation)
        elif t in lex.role_heads or t in lex.role_modifiers:
            if t not in UNINFORMATIVE:
                out.add(lex.spelling.get(t, t))
    if implied:
        for n in (1, 2, 3):
            for i in range(len(toks) - n + 1):
                out |= lex.implies.get(" ".join(toks[i : i + n]), set())
    if "fm" in out:
        out |= {"foreign", "minister"}
        out.discard("fm")
    return out


def is_headline(text: str) -> bool:
    """A line in title case (most long words capitalised): its proper-noun tags are not to be trusted.

    A line ending in a full stop is a sentence, unless every long word is capitalised."""
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)
    long = [w for w in words if len(w) > 3]
    if len(words) > 25 or len(long) < 2:
        return False
    upper = sum(w[0].isupper() for w in long)
    if text.rstrip().endswith("."):
        return upper == len(long)
    return upper >= 0.75 * len(long)


class DocumentSpeakers:
    """The people and organisations of one parsed document, and the resolver for speaker mentions."""

    def __init__(self, doc: Doc, quote_spans: list[tuple[int, int]] | None = None, registry: SpeakerRegistry | None = None):
        self.doc = doc
        self.toks = list(doc)  # Token objects made once: indexing a Doc builds a new one on every access
        self._heads = (np.arange(len(doc)) + doc.to_array([HEAD]).reshape(-1).astype(np.int64)).tolist() if len(doc) else []
        self.registry = registry
        self.lex = titles()
        self.entities: list[DocEntity] = []
        self.refs: list[Ref] = []
        self._by_key: dict[str, DocEntity] = {}
        # sentence numbers from the doc's flags (iterating doc.sents builds a Span per sentence, twice as slow)
        flags = doc.to_array([SENT_START]).reshape(-1) == 1 if len(doc) else np.zeros(0, dtype=bool)
        if len(doc):
            flags[0] = True
        self._sent_starts = np.flatnonzero(flags).tolist()
        self._sent_of = (np.cumsum(flags) - 1).tolist()
        self._quote_spans = sorted(quote_spans or [], key=lambda s: (s[0], -s[1]))
        self._nicknames = nickname_marks(doc_text(doc))
        self._headline_lines = self._find_headline_lines()
        self._name_refs = self._find_names()

    # -- where a token sits -------------------------------------------------------------------------------
    def sent_of(self, i: int) -> int:
        return self._sent_of[i] if 0 <= i < len(self._sent_of) else 0

    def quote_of(self, i: int) -> int | None:
        """The innermost quotation (index into the quote spans) holding token i, if any."""
        idx = self.toks[i].idx
        best = None
        for k, (s, e) in enumerate(self._quote_spans):
            if s <= idx < e and (best is None or self._quote_spans[best][0] <= s):
                best = k
        return best

    def _find_headline_lines(self) -> set[int]:
        """Sentence numbers of lines written in title case."""
        out = set()
        text = doc_text(self.doc)
        seen: dict[int, bool] = {}  # line start -> title case (sentences of one line share it)
        for n, start in enumerate(self._sent_starts):
            start_char = self.toks[start].idx
            lo = text.rfind("\n", 0, start_char) + 1
            got = seen.get(lo)
            if got is None:
                hi = text.find("\n", start_char)
                got = seen[lo] = is_headline(text[lo : hi if hi >= 0 else len(text)])
            if got:
                out.add(n)
        return out

    # -- names -----------------------------------------------------------------------------------------
    def _is_name_token(self, t: Token) -> bool:
        text = t.text
        if not text[:1].isupper() or t.tag_ not in ("NNP", "NNPS"):
            return False
        low = text.lower()
        return low not in CALENDAR and not t.like_num

    def _starts_name(self, i: int) -> bool:
        """A name starts here: a proper noun, or particles ("von der") right before one."""
        doc = self.toks
        if self._is_name_token(doc[i]):
            return True
        j = i
        while j < len(doc) and doc[j].lower_ in CONNECTORS and (j == i or not doc[j].is_sent_start):
            j += 1
        return j > i and j < len(doc) and not doc[j].is_sent_start and self._is_name_token(doc[j]) and (
            doc[i].text[:1].isupper() or i > 0 and doc[i - 1].text[:1].isupper() or doc[j].is_title)

    def _of_name(self, j: int) -> int:
        """After an organisation word, "of" / "for" / "on" (and "the") then a proper noun: the index of that noun,
        else j."""
        doc = self.toks
        k = j + 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        if k < len(doc) and not doc[k].is_sent_start and self._is_name_token(doc[k]):
            return k
        return j

    def _runs(self) -> list[tuple[int, int]]:
        """Maximal runs of proper-noun tokens (with name particles such as "von der") within one sentence."""
        runs: list[tuple[int, int]] = []
        doc = self.toks
        done = 0
        for i in self._possible_starts():
            if i < done or not self._starts_name(i):
                continue
            j = i + 1
            while j < len(doc) and not doc[j].is_sent_start and "\n" not in doc[j - 1].whitespace_:
                nt = doc[j]
                if self._is_name_token(nt):
                    j += 1
                elif nt.lower_ in CONNECTORS and j + 1 < len(doc) and self._starts_name(j):
                    j += 1
                elif nt.lower_ in ("of", "for", "on") and doc[j - 1].lower_ in self.lex.org_heads and (after := self._of_name(j)) > j:
                    j = after  # "Ministry of Health", "Center for Biological Diversity", "Commission on ..."
                elif nt.idx in self._nicknames and (close := next((x for x in range(j + 1, min(j + 5, len(doc))) if doc[x].idx in self._nicknames), None)):
                    j = close + 1  # a nickname inside the name: Marcia "Cia" Price (the tagger may miss the surname after it)
                    if j < len(doc) and doc[j].is_title and doc[j].pos_ in ("NOUN", "PROPN") and not doc[j].is_sent_start:
                        j += 1
                elif nt.text == "." and len(doc[j - 1].text) == 1 and doc[j - 1].text.isupper():
                    j += 1  # an initial: "George W. Bush"
                elif nt.text in ("-", "–") and not doc[j - 1].whitespace_ and not nt.whitespace_ and j + 1 < len(doc) \
                        and doc[j + 1].text[:1].isupper() and doc[j + 1].tag_ in ("NNP", "NNPS"):
                    j += 2  # a hyphenated name: "ABS-CBN", "Jean-Yves Le Drian"
                else:
                    break
            k = i - 2
            if k >= done and doc[i - 1].text in ("-", "–") and not doc[i - 1].whitespace_ and not doc[k].whitespace_ \
                    and doc[k].is_alpha and doc[k].text[:1].isupper() and doc[k].lower_ not in self.lex.hyphen_prefixes \
                    and not doc[i - 1].is_sent_start and not doc[i].is_sent_start:
                i = k  # the first part of a hyphenated name the tagger took for a common noun: "ABS-CBN"
            runs.append((i, j))
            done = j
        return runs

    def _possible_starts(self) -> list[int]:
        """Tokens a name can start at (a proper-noun tag or a name particle), read from the doc's arrays at once."""
        doc = self.doc
        if not len(doc):
            return []
        strings = doc.vocab.strings
        arr = doc.to_array([TAG, LOWER])
        keep = np.isin(arr[:, 0], [strings.add("NNP"), strings.add("NNPS")]) | np.isin(arr[:, 1], [strings.add(w) for w in CONNECTORS])
        return np.flatnonzero(keep).tolist()

    def _role_head(self, low: str) -> bool:
        """A role word, singular or plural ("Vice Presidents" is no name)."""
        heads = self.lex.role_heads
        return low in heads or low.endswith("s") and (low[:-1] in heads or low.endswith("es") and low[:-2] in heads)

    def _title_left(self, start: int) -> int:
        """Extend a name run leftwards over title words: "Kremlin spokesperson", "Russia's foreign minister"."""
        doc = self.toks
        lex = self.lex
        k = start
        saw_role = False
        while k > 0:
            t = doc[k - 1]
            if t.is_sent_end or "\n" in t.whitespace_ or "\n" in t.text:
                break
            low = t.text.lower()
            if low in lex.role_heads or low in lex.honorifics:
                saw_role = True
                k -= 1
            elif low in lex.role_modifiers and low not in ("the", "of", "and", "for"):
                k -= 1
            elif low == "of" and k >= 2 and not saw_role and self._role_head(doc[k - 2].text.lower()) and lex.nation(doc[k].text.lower()):
                k -= 1  # "President of Ukraine Volodymyr Zelenskyy": the role, "of", the country
            elif lex.nation(low) or (t.text == "'s" and k >= 2 and lex.nation(doc[k - 2].text.lower())):
                k -= 1
            elif t.text[:1].isupper() and t.tag_ in ("NNP", "NNPS") and saw_role:
                k -= 1  # an organisation before a role: "Kremlin spokesperson", "EU chief"
            else:
                break
        return k if k < start else start

    def _find_names(self) -> list[Ref]:
        """References by name, grouped into entities (surnames and transliterations linked to full names)."""
        doc = self.doc
        lex = self.lex
        pending: list[tuple[int, int, int, str, set[str], list[str], str]] = []
        runs = self._runs()
        # surnames of people the document names in full: "Michael Bloomberg" makes a bare "Bloomberg" that person,
        # not the news agency of the organisation list
        surnames = {self.toks[e - 1].lower_ for s, e in runs if e - s >= 2 and self.toks[s].lower_ not in ("the",)
                    and self.toks[e - 1].lower_ in lex.org_names and self.toks[s].lower_ not in lex.org_names
                    and not any(t.lower_ in lex.org_heads for t in self.toks[s:e])}
        for s, e in runs:
            toks = self.toks[s:e]
            if s > 0 and self.toks[s - 1].text == "(" and e - s >= 2 and toks[0].text in PARTIES and toks[1].text in ("-", "–"):
                continue  # "(D-Newport News)": a party and a place after a name, not an organisation
            # organisation: ends in an organisation word, or is a known organisation
            low = [t.text.lower() for t in toks]
            listed = " ".join(low) in lex.org_names or " ".join(low).removeprefix("the ") in lex.org_names
            if listed and low[-1] in surnames:
                listed = False  # read as a person's name below
            if len(low) == 1 and low[0] in lex.org_heads and low[0] not in lex.org_names:
                continue  # "The Department said": a word referring back to an organisation named before, no name
            joint = next((n for n, w in enumerate(low) if w in ("of", "for", "on")), None)
            if low[-1] in lex.org_heads or (joint and low[joint - 1] in lex.org_heads) or listed:
                first = s - 1 if s > 0 and self.toks[s - 1].text[:1].isupper() and lex.nation(self.toks[s - 1].lower_) \
                    and not self.toks[s].is_sent_start else s
                pending.append((first, first, e, "org", set(), [], ""))  # with its country: "Iranian Chess Federation"
                continue
            # peel titles off the left of the run
            k = s
            if e - s >= 3 and s >= 2 and self.toks[s - 1].lower_ == "from" and self._role_head(self.toks[s - 2].lower_):
                k = e - 2  # "Senator from Vermont Bernie Sanders": the place, then the name
            while k < e and (low[k - s] in lex.honorifics or self._role_head(low[k - s])
                             or low[k - s] in lex.role_modifiers or lex.nation(low[k - s])):
                k += 1
            # a title with words outside the lexicon: "Senate Minority Leader Chuck Schumer"
            last_role = max((r for r in range(k, e - 1) if self._role_head(low[r - s]) and low[r - s] not in SURNAME_LIKE), default=None)
            if last_role is not None:
                k = last_role + 1
            if k == e or (self._role_head(low[-1]) and low[-1] not in SURNAME_LIKE):
                continue  # a description ("Russian FM", "Senate Minority Leader"), resolved elsewhere
            title_start = self._title_left(k) if k == s else self._title_left(s)
            title_toks = [t.text for t in self.toks[title_start:k]]
            pron = ""
            for w in title_toks:
                pron = pron or lex.honorifics.get(w.lower(), "")
            name_low = [t.text.lower() for t in self.toks[k:e]]
            if all(lex.nation(w) for w in name_low):
                pending.append((k, k, e, "org", set(), [], ""))
                continue
            kind = "person" if any(w.lower() in lex.honorifics or w.lower() in lex.role_heads for w in title_toks) else "unknown"
            roles = role_words(title_toks)
            roles |= self._appositive_roles(doc[k:e])
            if roles and kind == "unknown":
                kind = "person"
            if kind == "unknown":
                beside = self._person_noun_beside(k, e)
                if beside is not None:  # "a lady there, Rajamma,", "Ratnamamma aunty"
                    kind, pron = "person", pron or beside
            ttl = [" ".join(title_toks)] if any(w.lower() in lex.role_heads for w in title_toks) else []
            pending.append((title_start, k, e, kind, roles, ttl, pron))
        refs: list[Ref] = []
        # body names first and longer names first, so surnames (and title-case headline words) link to them
        order = sorted(range(len(pending)), key=lambda n: (self.sent_of(pending[n][1]) in self._headline_lines,
                                                         -(pending[n][2] - pending[n][1])))
        made: list[tuple[int, int, int, DocEntity]] = []
        for n in order:
            ts, ns, ne, kind, roles, ttl, pron = pending[n]
            if self.sent_of(ns) in self._headline_lines:
                made.extend(self._headline_names(ns, ne))
                continue
            name = self._name_text(ns, ne)
            if kind == "org" and name.lower().startswith("the "):
                name = name[4:]
            ent = self._entity_for(name, kind)
            if ent is None:
                continue
            ent.roles |= roles
            for t in ttl:
                if t not in ent.titles:
                    ent.titles.append(t)
            ent.pronoun = ent.pronoun or pron
            if kind == "person" and ent.kind == "unknown":
                ent.kind = "person"
            made.append((ts, ns, ne, ent))
        for ts, ns, ne, ent in made:
            ent.count += 1
            head = self._head_of(ns, ne)
            if head.dep_ == "appos" and head.head.dep_ in SUBJECT_DEPS:
                head = head.head  # "Another voice actor, Lauren Landa, would list ...": the name is the subject
            main = head.head.dep_ == "ROOT" or head.head.dep_ == "conj" and head.head.head.dep_ == "ROOT"
            # a subject weighs more, a main clause's most ("Mugabe agreed to a deal in which Tsvangirai became ...")
            weight = (2.2 if main else 2.0) if head.dep_ in SUBJECT_DEPS else 1.0
            if self.sent_of(ns) in self._headline_lines:
                weight = 0.5
            refs.append(Ref(ts, ne, ent, self.sent_of(ns), weight, self.quote_of(ns)))
        for ent in self.entities:
            if ent.kind == "unknown" and self.registry is not None and self.registry.is_person(ent.name):
                ent.kind = "person"
        refs.sort(key=lambda r: r.start)
        return refs

    def _name_text(self, s: int, e: int) -> str:
        """The name as written, without a nickname in quotation marks inside it (Marcia "Cia" Price -> Marcia Price)."""
        if not self._nicknames:
            return self.doc[s:e].text
        out, inside = [], False
        for t in self.toks[s:e]:
            if t.idx in self._nicknames:
                inside = not inside
            elif not inside:
                out.append(t.text_with_ws)
        return "".join(out).strip()

    def _headline_names(self, s: int, e: int) -> list[tuple[int, int, int, DocEntity]]:
        """Names in a title-case line: only those the body names too (whole, or word by word)."""
        key = fold(self.doc[s:e].text)
        if key in self._by_key:
            return [(s, s, e, self._by_key[key])]
        out = []
        for k in range(s, e):
            ent = self._known(fold(self.doc[k].text))
            if ent is not None:
                out.append((k, k, k + 1, ent))
        return out

    def _known(self, word: str) -> DocEntity | None:
        """The entity a single word names in this document: a known key or a unique surname."""
        if word in self._by_key:
            return self._by_key[word]
        same = [e for e in self.entities if e.kind != "org" and len(e.words) > 1 and e.words[-1] == word]
        if len(same) == 1:
            return same[0]
        if self.registry is not None and self.registry.is_person(word):
            ent = DocEntity(name=self.registry.lookup(word).name, kind="person", forms={word})
            self.entities.append(ent)
            self._by_key[word] = ent
            return ent
        return None

    def _person_noun_beside(self, s: int, e: int) -> str | None:
        """The pronoun of a common noun for a person set beside the name doc[s:e] ("a lady there, Rajamma,", "his
        wife, Denise,", "Ratnamamma aunty"), if there is one; else None."""
        people, toks = self.lex.people, self.toks
        if e < len(toks) and toks[e].lower_ in people and not toks[e].is_sent_start:
            return people[toks[e].lower_]
        root = next((t for t in toks[s:e] if not (s <= t.head.i < e)), None)
        if root is not None and root.dep_ == "appos" and root.head.lower_ in people:
            return people[root.head.lower_]
        if s >= 2 and toks[s - 1].text == ",":
            for t in toks[max(0, s - 4) : s - 1]:
                if t.lower_ in people and t.pos_ == "NOUN":
                    return people[t.lower_]
        return None

    def _appositive_roles(self, span: Span) -> set[str]:
        """Roles given in apposition: "Sergey Lavrov, Russia's foreign minister," or "Russia's top diplomat, Sergey Lavrov"."""
        head = span.root
        out: set[str] = set()
        for child in head.children:
            if child.dep_ == "appos" and child.text.lower() in self.lex.role_heads:
                out |= role_words(t.text for t in child.subtree)
        if head.dep_ == "appos" and head.head.text.lower() in self.lex.role_heads:
            out |= role_words(t.text for t in head.head.subtree if not (span.start <= t.i < span.end))
        return out

    def _entity_for(self, name: str, kind: str) -> DocEntity | None:
        """The entity a name belongs to in this document, made if new (headline-only names are not made)."""
        key = fold(name)
        if not key:
            return None
        if key in self._by_key:
            ent = self._by_key[key]
            ent.forms.add(name)
            if name != ent.name and len(name.split()) >= len(ent.name.split()):
                ent.form_counts[name] = ent.form_counts.get(name, 0) + 1
                if ent.form_counts[name] > ent.form_counts.get(ent.name, 1):
                    ent.name = name  # the spelling this document uses most
            return ent
        words = key.split()
        if kind != "org":
            # a surname or a shorter form of a fuller name already seen: "Lavrov", "Mr. Lavrov", "von der Leyen"
            longer = sorted((e for e in self.entities if e.kind != "org" and len(e.words) > len(words)), key=lambda x: -len(x.words))
            match = next((e for e in longer if e.words[-len(words):] == words), None)
            if match is None and len(words) == 1 and not self._first_name_ambiguous(words[0]):
                match = next((e for e in longer if e.words[0] == words[0]), None)
            if match is not None:
                match.forms.add(name)
                self._by_key[key] = match
                return match
        ent = DocEntity(name=name, kind=kind, forms={name})
        self.entities.append(ent)
        self._by_key[key] = ent
        return ent

    def _first_name_ambiguous(self, first: str) -> bool:
        return sum(1 for e in self.entities if e.words and e.words[0] == first) > 1

    # -- helpers over tokens ---------------------------------------------------------------------------
    def _head_of(self, start: int, end: int) -> Token:
        """The first token of [start, end) whose head lies outside it (or is itself): the span's head."""
        heads = self._heads
        for i in range(start, end):
            h = heads[i]
            if not (start <= h < end) or h == i:
                return self.toks[i]
        return self.toks[end - 1]

    def mention_extent(self, start: int, end: int) -> tuple[int, int]:
        """The whole noun phrase a speaker mention heads, as news annotation marks a source: determiners, titles,
        possessives, "of"-phrases, party labels, appositions and relative clauses ("Peter Morgan, a lawyer for the
        Sierra Club, who ..."), never crossing a quotation mark, a colon, a line break or the mention's verb.
        After its verb ("..., said Peter Morgan, a lawyer, who ...") the phrase ends with its first apposition."""
        doc = self.doc
        head = self._head_of(start, end)
        if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            return start, end
        s, e = min(start, head.left_edge.i), max(end, head.right_edge.i + 1)
        sent = doc[head.i].sent
        s, e = max(s, sent.start), min(e, sent.end)
        quote = self.quote_of(head.i)

        def stops(k: int) -> bool:
            t = doc[k]
            return (bool(t.text) and all(ch in QUOTE_MARKS for ch in t.text)) or t.text in (":", ";") or self.quote_of(k) != quote

        for k in range(start - 1, s - 1, -1):
            if stops(k) or "\n" in doc[k].whitespace_ or spaced_dash(doc[k]):
                s = k + 1
                break
        for k in range(end, e):
            if stops(k) or "\n" in doc[k - 1].whitespace_:
                e = k
                break
        inverted = head.head.i < head.i and head.head.pos_ in ("VERB", "AUX")
        if inverted:  # after its verb: up to the first apposition
            commas = [k for k in range(end, e) if doc[k].text == ","]
            for n, k in enumerate(commas):
                if k + 1 < e and doc[k + 1].lower_ in ("who", "which", "whose") or n >= 1 and doc[k].head.i in (head.i, doc[commas[0] + 1].head.i):
                    e = k
                    break
        while s < start and (doc[s].is_punct or doc[s].is_space or doc[s].lower_ in ("even", "also")):
            s += 1
        while e > end and (doc[e - 1].is_punct or doc[e - 1].is_space) and doc[e - 1].text != ")":
            e -= 1
        if not inverted and e < sent.end and doc[e].text == "," and any(doc[k].text == "," for k in range(end, e)):
            e += 1  # "Brian Fallon, the campaign's press secretary, said": the apposition's closing comma
        if e > s and doc[e - 1].text == ")" and not any(doc[k].text == "(" for k in range(s, e - 1)):
            e -= 1
        return s, e

    def refs_in(self, start: int, end: int) -> list[Ref]:
        return [r for r in self._name_refs if r.start < end and r.end > start]

    # -- resolution ------------------------------------------------------------------------------------
    def resolve_all(self, mentions: list[tuple[int, int]]) -> dict[tuple[int, int], Resolution]:
        """Resolve speaker mentions (token spans) in document order, building up salience as it goes."""
        queue: list[tuple[int, int, bool]] = [(s, e, True) for s, e in mentions]
        # subject pronouns and descriptions that are not speakers still carry the thread of the text
        for t in self.toks:
            if t.dep_ in SUBJECT_DEPS and (t.lower_ in PRONOUN_KIND or self._is_description(t)):
                s, e = self.np_span(t)
                queue.append((s, e, False))
        queue.sort(key=lambda x: (x[0], not x[2]))
        self.refs = list(self._name_refs)
        out: dict[tuple[int, int], Resolution] = {}
        seen: set[tuple[int, int]] = set()
        for s, e, is_speaker in queue:
            if (s, e) in seen:
                continue
            seen.add((s, e))
            res = self.resolve(s, e)
            if is_speaker:
                out[(s, e)] = res
            if res.entity is not None:
                head = self._head_of(s, e)
                weight = 3.0 if is_speaker else (2.0 if head.dep_ in SUBJECT_DEPS else 1.0)
                named = self.refs_in(s, e)
                if any(r.entity is res.entity for r in named):
                    if is_speaker:
                        for r in named:  # only the speaker's own name: not "Scripps Oceanography" in "Scripps
                            if r.entity is res.entity:  # Oceanography director Margaret Leinen"
                                r.weight = max(r.weight, weight)
                else:  # no name of it here ("The United States government": a name, but of the country)
                    self.refs.append(Ref(s, e, res.entity, self.sent_of(s), weight, self.quote_of(s)))
        return out

    def resolve(self, start: int, end: int) -> Resolution:
        """What the mention doc[start:end] refers to."""
        head = self._head_of(start, end)
        low = head.lower_
        named = [r for r in self._name_refs if r.start < end and r.end > start and not self._possessor_of(r, head)]
        if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in head.children):
            named_by = self._appositive_name(head)
            if named_by is not None:  # "A Republican, Mark Amodei,": the word is a description here, the name follows
                return Resolution(named_by, "name")
        if named:
            on_head = [r for r in named if r.start <= head.i < r.end]
            if not on_head and low in self.lex.org_heads and head.tag_ == "NN" and all(
                    r.end <= head.i and self._is_country(r) for r in named):
                # "The United States government said": the government speaks, not the country
                return Resolution(self.organisation(start, end, head), "organisation")
            if on_head or not self._is_description(head):
                return Resolution((on_head or named)[0].entity, "name")
            after = self._name_after(head, named)
            if after is not None:  # "the El Paso mayor, Dee Margo": the name set after the description
                return Resolution(after, "name")
        elif head.pos_ == "NOUN":  # "Scott's niece, state Del. Marcia Price,": the name in apposition after the mention
            after = self._name_after(head, self.refs_in(end, self.mention_extent(start, end)[1]))
            if after is not None:
                return Resolution(after, "name")
        if self._is_description(head):
            within = [r for r in self._name_refs if head.i < r.start and r.end <= head.right_edge.i + 1 and r.entity.kind != "org"
                      and self.toks[r.start - 1].lower_ == "of" and self.lex.nation(self.toks[r.start].lower_)]
            if within:  # "President of Ukraine Volodymyr Zelenskyy": the country, then the name
                return Resolution(within[0].entity, "name")
            named_by = self._appositive_name(head)
            if named_by is not None:  # "Haifa University geostrategy expert and former security official, Avinoam Idan,"
                return Resolution(named_by, "name")
        if self._is_label(start, end):  # WALLACE: ...: the person the document names so (Chris Wallace), else the label
            return Resolution(self._entity_for(self.doc[start:end].text, "person"), "name")
        if low in RELATIVE:
            if head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.i:
                s, e = self.np_span(head.head.head)
                if not (s <= head.i < e):
                    return Resolution(self.resolve(s, e).entity, "relative")
            return Resolution(None, "unresolved")
        if low in PRONOUN_KIND:
            return Resolution(self.antecedent(head.i, PRONOUN_KIND[low]), "pronoun")
        if low in FIRST_PERSON:
            return Resolution(None, "unresolved")
        if self._is_description(head):
            return Resolution(self.description(start, end, head), "description")
        lex = self.lex
        span_low = self.doc[start:end].text.lower()
        if low in lex.org_heads or span_low.removeprefix("the ") in lex.org_names:
            return Resolution(self.organisation(start, end, head), "organisation")
        if head.text[:1].isupper() and (head.tag_ in ("NNP", "NNPS") or head.tag_ == "NN" and end - start == 1) and low not in lex.generic_heads \
                and not self._role_head(low):  # "Two Democratic Representatives, ...": a role, not a name
            if lex.nation(low) or any(t.lower_ in lex.org_heads for t in self.doc[start:end]):
                return Resolution(self.organisation(start, end, head), "organisation")
            return Resolution(self._entity_for(head.text, "unknown"), "name")
        named_by = self._appositive_name(head)  # "One of South Sudan's Vice Presidents, Rebecca Nyandeng De Mabior,"
        if named_by is None and end - start == 1 and head.text[:1].isupper():
            named_by = self._known_surname(head.text)  # "Sanders said": a surname the tagger took for a common noun
        if named_by is None and low in lex.people and head.tag_ == "NN":
            named_by = self._named_as(low, start)  # "his daughter said", after "... with his daughter Nettie Baker"
            if named_by is not None:
                return Resolution(named_by, "description")
        return Resolution(named_by, "name") if named_by is not None else Resolution(None, "generic")

    def _name_after(self, head: Token, refs: list[Ref]) -> DocEntity | None:
        """The first person named after a description head across a comma, with no verb between."""
        for r in refs:
            between = self.toks[head.i + 1 : r.start]
            if r.start > head.i and r.entity.kind != "org" and any(t.text == "," for t in between) \
                    and not any(t.pos_ in ("VERB", "AUX") for t in between):
                return r.entity
        return None

    def _possessor_of(self, r: Ref, head: Token) -> bool:
        """The name is the possessor of a common noun heading the mention ("Scott's niece"): not who speaks."""
        last = self.toks[r.end - 1]
        return not (r.start <= head.i < r.end) and head.pos_ == "NOUN" and last.dep_ == "poss" and last.head.i == head.i

    def _named_as(self, noun: str, before: int) -> DocEntity | None:
        """The person the document named beside this word for a person earlier on ("his daughter Nettie Baker",
        "Nettie Baker, his daughter,"): the latest such, if any."""
        toks = self.toks
        for r in sorted((r for r in self._name_refs if r.end <= before and r.entity.kind != "org"), key=lambda r: -r.start):
            k = r.start - 1
            if k >= 0 and toks[k].text == ",":
                k -= 1
            after = r.end + 1 if r.end < len(toks) and toks[r.end].text == "," else r.end
            near = [toks[k]] if k >= 0 else []
            near += [toks[j] for j in range(after, min(after + 2, before)) if toks[j].lower_ != ","]
            if any(t.lower_ == noun for t in near):
                return r.entity
        return None

    def by_initials(self, label: str) -> DocEntity | None:
        """The one person of the document whose initials a transcript label gives ("NG" for Natasha Gownaris)."""
        if not (2 <= len(label) <= 3 and label.isalpha() and label.isupper()):
            return None
        hits = [e for e in self.entities if e.kind != "org" and len(e.name.split()) == len(label)
                and "".join(w[:1] for w in e.name.split()).upper() == label]
        return hits[0] if len(hits) == 1 else None

    def _known_surname(self, word: str) -> DocEntity | None:
        """The one person of the document whose name ends in this word, if exactly one does."""
        key = fold(word)
        hits = [e for e in self.entities if e.kind != "org" and len(e.words) > 1 and e.words[-1] == key]
        return hits[0] if len(hits) == 1 else None

    def _appositive_name(self, head: Token) -> DocEntity | None:
        """The person a description is followed by in apposition (to its head or to a noun within its phrase: a
        role conjoined to it, the noun of "one of")."""
        for r in self._name_refs:
            if r.start <= head.i:
                continue
            for k in range(r.start, r.end):
                tok = self.toks[k]
                if tok.dep_ == "appos" and (tok.head.i == head.i or head in tok.head.ancestors) and tok.head.i < r.start:
                    return r.entity  # appositive to the head or to a noun within its phrase ("the owner of X, NAME,")
        return None

    def _is_label(self, start: int, end: int) -> bool:
        """doc[start:end] is a transcript speaker label: capital words opening a line, then a colon."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ":" or start > 0 and "\n" not in doc[start - 1].text_with_ws \
                and doc[start - 1].text not in ('"', "“"):
            return False
        words = [t.text for t in doc[start:end]]
        return all(w.isupper() and len(w.strip(".'’-")) >= 2 for w in words) \
            and self.doc[start:end].text.lower() not in self.lex.org_names and not self.lex.nation(words[-1].lower())

    def np_span(self, head: Token) -> tuple[int, int]:
        """The compact noun phrase of a head: its left modifiers and head, without clauses or appositions."""
        start = head.i
        for child in head.lefts:
            if child.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "advmod", "case", "punct") or child.tag_ in ("NNP", "NNPS"):
                start = min(start, child.left_edge.i)
        end = head.i + 1
        while end < len(self.doc) and self.doc[end].dep_ in ("compound", "flat") and self.doc[end].head.i == head.i:
            end += 1
        while start < head.i and self.doc[start].is_punct:
            start += 1
        return start, end

    def _is_description(self, head: Token) -> bool:
        """A common-noun phrase naming a role ("the minister", "the top Russian diplomat", "Russian FM")."""
        low = head.lower_
        if low not in self.lex.role_heads:
            return False
        dets = [c.lower_ for c in head.lefts if c.dep_ in ("det", "poss", "nummod")]
        return not any(d in INDEFINITE for d in dets)  # "one third party nominee" (nummod): someone, not a known person

    def _salient(self, candidates: list[Ref], at: int, decay: float) -> DocEntity | None:
        """The entity whose reference scores highest (weight, decayed per sentence back)."""
        return self._most_salient(candidates, at, decay)[0]

    def _most_salient(self, candidates: list[Ref], at: int, decay: float) -> tuple[DocEntity | None, float]:
        """The entity whose reference scores highest, and that score (0 when there is none)."""
        here = self.sent_of(at)
        best: tuple[float, int] | None = None
        choice = None
        for r in candidates:
            key = (r.weight * decay ** max(0, here - r.sent), r.start)
            if best is None or key > best:
                best, choice = key, r.entity
        return choice, best[0] if best is not None else 0.0

    def _is_country(self, r: Ref) -> bool:
        """A reference naming a country ("United States", "France"), as the nationality lexicon knows them."""
        words = [t.lower_ for t in self.toks[r.start : r.end] if t.lower_ != "the"]
        return bool(words) and self.lex.nation(" ".join(words)) is not None

    def _visible(self, at: int, limit: int) -> list[Ref]:
        """References before token ``at`` in the same quotation context, at most ``limit`` sentences back."""
        quote = self.quote_of(at)
        here = self.sent_of(at)
        return [r for r in self.refs if r.end <= at and here - r.sent <= limit and r.quote == quote]

    def antecedent(self, at: int, kind: str) -> DocEntity | None:
        """The entity a pronoun of this kind refers to."""
        cands = []
        objects = self._objects_of_verb(at) if kind in ("he", "she") else set()
        for r in self._visible(at, 6):
            if id(r.entity) in objects:
                continue  # "He challenged Biden to ...": not Biden
            ek = r.entity.kind
            if kind in ("he", "she"):
                if ek == "org" or (ek == "unknown" and r.weight < 2):
                    continue
                if r.entity.pronoun and r.entity.pronoun != kind:
                    continue
            elif kind in ("it", "they"):
                if ek != "org" or kind == "they" and self._qualifies_people(r):
                    continue
            cands.append(r)
        found, score = self._most_salient(cands, at, 0.5)
        if kind in ("he", "she") and found is not None and found.kind != "person":
            # a name the document never shows to be a person's ("when Vizmedia dubbed ...") yields to one it does
            # ("Another voice actor, Lauren Landa,") unless it is far more salient
            person, person_score = self._most_salient([r for r in cands if r.entity.kind == "person"], at, 0.5)
            if person is not None and person_score * 2 >= score:
                found = person
        if kind == "they" and found is not None:
            plural = self._plural_subject_before(at)
            if plural is not None and plural > max(r.start for r in cands if r.entity is found):
                return None  # "The researchers observed ... and they found": people, not the university named before
        return found

    def _qualifies_people(self, r: Ref) -> bool:
        """The organisation only says where people come from ("researchers at the University of Montreal", "players
        of the Saint Louis Chess Club", "Penn State scientists"): a later "they" is those people, not it."""
        t = self.toks[r.end - 1]
        while t.dep_ in ("compound", "flat") and t.head.i != t.i:
            t = t.head
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            t = t.head.head
        elif t.dep_ not in ("compound", "nmod", "poss"):
            return False
        else:
            t = t.head
        return t.tag_ == "NNS" and t.lower_ not in self.lex.org_heads

    def _objects_of_verb(self, at: int) -> set[int]:
        """Entities named as the object of the verb whose subject is the pronoun at token ``at`` (ids)."""
        verb = self.toks[at].head
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        objs += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        spans = [(o.left_edge.i, o.right_edge.i + 1) for o in objs if o.i > at]
        return {id(r.entity) for r in self._name_refs if any(s <= r.start and r.end <= e for s, e in spans)}

    def _plural_subject_before(self, at: int) -> int | None:
        """The nearest plural (or group) common-noun subject of a main clause before token ``at``, in its sentence or
        the one before."""
        here = self.sent_of(at)
        for k in range(at - 1, -1, -1):
            if here - self.sent_of(k) > 1:
                return None
            t = self.toks[k]
            people = t.tag_ == "NNS" or t.tag_ == "NN" and t.lower_ in self.lex.group_nouns or t.tag_ == "NNPS" \
                and t.lower_.endswith("s") and self.lex.nation(t.lower_[:-1]) is not None  # "Australians"
            if people and t.dep_ in SUBJECT_DEPS \
                    and t.head.dep_ == "ROOT":  # a main clause's subject (a group noun is plural too: "the team"),
                return k  # not one inside reported speech ("said the 36 people infected included ...")
        return None

    def description(self, start: int, end: int, head: Token) -> DocEntity | None:
        """The person a role description refers to: the most salient one whose roles include its words."""
        words = [t.text for t in self.toks[start:end]]
        words += [t.text for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i >= end for t in c.subtree]
        want = role_words(words, implied=False)  # with the "of" phrase: "The President of Ukraine" is Ukrainian
        if not want:
            return None

        nation_words = set(self.lex.nationality.values())
        nations = want & nation_words
        rest = want - nations

        def fits(ent: DocEntity) -> bool:
            roles = set(ent.roles)
            if self.registry is not None:
                roles |= self.registry.roles_of(ent.name)
            return bool(roles) and nations <= roles and rest <= roles

        before = [r for r in self._visible(start, 40) if r.entity.kind != "org" and fits(r.entity)]
        if before:
            return self._salient(before, start, 0.85)
        later = [e for e in self.entities if e.kind != "org" and fits(e)]
        if len(later) == 1:
            return later[0]
        return None

    def organisation(self, start: int, end: int, head: Token) -> DocEntity | None:
        """An organisation speaking: "the Russian Defence Ministry", "the ministry" (the last one named)."""
        span = self.doc[start:end]
        words = [t for t in span if t.lower_ not in DETERMINERS and not t.is_punct]
        if not words:
            return None
        # capitals that make a name: not a sentence's first word unless tagged a proper noun ("Local authorities said")
        if all(not t.text[:1].isupper() or t.is_sent_start and t.tag_ not in ("NNP", "NNPS") for t in words) \
                or len(words) == 1 and words[0].lower_ in self.lex.org_heads and words[0].lower_ not in self.lex.org_names:
            # a lowercase organisation noun (or the bare word: "The Department") refers back to a named one
            for r in reversed(self._visible(start, 20)):
                if r.entity.kind == "org" and head.lower_ in r.entity.name.lower():
                    return r.entity
            return None
        name = " ".join(t.text for t in words) if len(words) > 1 else words[0].text
        name = re.sub(r"\s+'s$", "", name)
        return self._entity_for(name, "org")
