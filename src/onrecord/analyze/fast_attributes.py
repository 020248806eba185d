"""The model's attribute ruler, applied once per distinct key instead of once per token, and lemmas on demand.

spaCy's small English model sets POS, morphology and lemmas with two components (an attribute ruler: a Matcher
over 179 patterns, mostly the tag map; a rule lemmatizer that walks every token in Python). Together they cost
as much as the parser. The ruler's output depends only on a token's (tag, dependency, is-space, and its form
when a pattern names it), so this component computes it with the model's own patterns for the first token of
each such key, caches it for the process, and writes whole documents with one ``Doc.from_array``. Lemmas are
computed by the model's lemmatizer only for the tokens quote rules ask about (``FastAttributes.lemma``).
Written here because spaCy has no cached variant; ``tests/test_fast_attributes.py`` checks it agrees with them.
The few multi-token ruler patterns ("there is" → VERB, "gon na") depend on neighbours: they are matched on the
doc's arrays (``_Sequence``; spaCy's Matcher walks every token in Python, ~2 µs a word), a Matcher of their own
taking any pattern with operators or keys the arrays do not hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, ClassVar

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

Key = tuple[int, int, int, int]  # (lower form if a rule names it else 0, tag, dep, is_space) ids


# token attribute getters and condition tests are module-level callables, not lambdas: the pipeline must pickle
# for worker processes started by spawn or forkserver (Python 3.14's default on Linux)
_GET = {"TAG": attrgetter("tag_"), "LOWER": attrgetter("lower_"), "DEP": attrgetter("dep_"), "IS_SPACE": attrgetter("is_space")}


class _Cond:
    """One Matcher condition value as a test: a constant, or {IN|NOT_IN: [...]} / {REGEX: ...}."""

    OPS: ClassVar[frozenset[str]] = frozenset({"IN", "NOT_IN", "REGEX"})  # the operators besides a constant

    def __init__(self, op: str, arg: Any) -> None:
        self.op = op
        self.arg = frozenset(arg) if op in ("IN", "NOT_IN") else re.compile(arg) if op == "REGEX" else arg

    def __call__(self, v: Any) -> bool:
        if self.op == "IN":
            return v in self.arg
        if self.op == "NOT_IN":
            return v not in self.arg
        if self.op == "REGEX":
            return bool(self.arg.search(v))
        return v == self.arg


def _test(value: Any) -> Callable[[Any], bool]:
    """A predicate for one Matcher condition value: a constant, or {IN|NOT_IN: [...]} / {REGEX: ...}."""
    if not isinstance(value, dict):
        return _Cond("==", value)
    (op, arg), = value.items()
    if op in _Cond.OPS:
        return _Cond(op, arg)
    raise ValueError(f"unsupported attribute-ruler condition {value!r}")


class _Rule:
    """One single-token attribute-ruler pattern: conditions on tag / lower / dep / is_space, and what it sets."""

    __slots__ = ("order", "conds", "attrs", "tags")

    def __init__(self, order: int, cond: dict[str, Any], attrs: dict[str, str]) -> None:
        self.order = order
        self.conds = [(_GET[k], _test(v)) for k, v in cond.items()]
        self.attrs = attrs
        tag = cond.get("TAG")  # the tags it can match, for indexing (None: any)
        self.tags = [tag] if isinstance(tag, str) else (list(tag["IN"]) if isinstance(tag, dict) and "IN" in tag else None)

    def matches(self, tok: Token) -> bool:
        """Whether this pattern matches the token (the Matcher's semantics for these keys)."""
        return all(test(get(tok)) for get, test in self.conds)


class _Sequence:
    """One multi-token pattern without operators, over TAG / LOWER / DEP / IS_SPACE: matched on the doc's arrays.
    Named values become ids tested for the whole doc at once; a REGEX is tried only where the rest matched."""

    COLUMNS: ClassVar[dict[str, int]] = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}  # columns of the array FastAttributes reads

    def __init__(self, order: int, tokens: list[dict[str, Any]], vocab: Vocab) -> None:
        self.order = order
        self.strings = vocab.strings
        self.width = len(tokens)
        self.named: list[tuple[int, int, np.ndarray, bool]] = []  # (offset, column, ids, negated)
        self.regexes: list[tuple[int, int, Callable[[Any], bool], dict[int, bool]]] = []  # (offset, column, test, seen)
        for k, tok in enumerate(tokens):
            for key, value in tok.items():
                col = self.COLUMNS[key]
                if isinstance(value, dict) and "REGEX" in value:
                    self.regexes.append((k, col, _test(value), {}))
                    continue
                negated = isinstance(value, dict) and "NOT_IN" in value
                names = value.get("IN", value.get("NOT_IN")) if isinstance(value, dict) else [value]
                ids = [int(bool(v)) if col == 3 else self.strings.add(v) for v in names]
                self.named.append((k, col, np.array(ids, dtype="uint64"), negated))

    @classmethod
    def fits(cls, tokens: list[dict[str, Any]]) -> bool:
        return bool(tokens) and all(
            tok and set(tok) <= set(cls.COLUMNS) and all(not isinstance(v, dict) or (len(v) == 1 and set(v) <= _Cond.OPS)
                                                          for v in tok.values())
            for tok in tokens)

    def starts(self, rows: np.ndarray) -> list[int]:
        """The positions where the pattern starts (ascending)."""
        n = len(rows) - self.width + 1
        if n <= 0:
            return []
        ok = np.ones(n, dtype=bool)
        for k, col, ids, negated in self.named:
            ok &= np.isin(rows[k:k + n, col], ids, invert=negated)
        where = np.flatnonzero(ok).tolist()
        for k, col, test, seen in self.regexes:
            where = [i for i in where if self._passes(int(rows[i + k, col]), col, test, seen)]
        return where

    def _passes(self, value: int, col: int, test: Callable[[Any], bool], seen: dict[int, bool]) -> bool:
        got = seen.get(value)
        if got is None:
            got = seen[value] = test(bool(value) if col == 3 else self.strings[value])
        return got


class FastAttributes:
    """POS and MORPH as the model's attribute ruler sets them, cached per distinct key; lemmas on demand."""

    def __init__(self, vocab: Vocab, patterns: Iterable[dict[str, Any]], lemmatizer: Any) -> None:
        self.rules: list[_Rule] = []  # rules on any tag
        self.by_tag: dict[str, list[_Rule]] = {}
        self.lowers: set[str] = set()  # word forms some rule names: other forms share one cache key
        self.regexes: list[re.Pattern[str]] = []
        self.multi = Matcher(vocab)  # multi-token patterns the arrays cannot match
        self.multi_attrs: dict[int, tuple[int, int, dict[str, str]]] = {}  # key -> (pattern order, index, attrs)
        self.sequences: list[tuple[_Sequence, int, dict[str, str]]] = []
        for n, p in enumerate(patterns):  # in pattern order: a later match overrides an earlier one, as in the ruler
            toks = p["patterns"][0]
            if len(toks) == 1 and set(toks[0]) <= set(_GET):
                rule = _Rule(n, toks[0], p["attrs"])
                if rule.tags is None:
                    self.rules.append(rule)
                for tag in rule.tags or ():
                    self.by_tag.setdefault(tag, []).append(rule)
                self._note_lower(toks[0].get("LOWER"))
            elif len(p["patterns"]) == 1 and _Sequence.fits(toks):
                self.sequences.append((_Sequence(n, toks, vocab), p.get("index", 0), p["attrs"]))
            else:
                key = vocab.strings.add(f"onrecord_attributes_{n:04d}")
                self.multi.add(key, p["patterns"])
                self.multi_attrs[key] = (n, p.get("index", 0), p["attrs"])
        self.lemmatizer = lemmatizer
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for upos in list(index.keys()) if hasattr(index, "keys") else ():
            # the model ships each part of speech's known lemmas as a list, and the rule lemmatizer tests membership
            # in it for every candidate form (about 60 µs a word): a set gives the same answers
            index[upos] = set(index[upos])
        self.lower_keys: dict[int, int] = {}
        self.cache: dict[Key, tuple[int, int, int, str | None]] = {}
        self.lemmas: dict[tuple[int, int, int], str] = {}

    def _note_lower(self, cond: Any) -> None:
        if isinstance(cond, str):
            self.lowers.add(cond)
        elif isinstance(cond, dict) and "IN" in cond:
            self.lowers.update(cond["IN"])
        elif isinstance(cond, dict) and "REGEX" in cond:
            self.regexes.append(re.compile(cond["REGEX"]))
        elif cond is not None:  # NOT_IN on a word form: every form is its own key
            self.regexes.append(re.compile(""))

    def _lower_key(self, tok: Token) -> int:
        """The token's lower-case form when a rule may look at it, else 0."""
        lower = tok.lower
        got = self.lower_keys.get(lower)
        if got is None:
            text = tok.lower_
            named = text in self.lowers or any(rx.search(text) for rx in self.regexes)
            got = self.lower_keys[lower] = lower if named else 0
        return got

    def _compute(self, tok: Token) -> tuple[int, int, int, str | None]:
        """Set the token's attributes the slow way: (pos, morph, dep override or 0, the lemma a rule sets or None)."""
        lemma, dep = None, 0
        for rule in sorted(self.rules + self.by_tag.get(tok.tag_, []), key=lambda r: r.order):
            if rule.matches(tok):
                lemma = _set(tok, rule.attrs, lemma)
                if "DEP" in rule.attrs:
                    dep = tok.dep
        return tok.pos, tok.morph.key, dep, lemma

    def _attrs(self, tok: Token) -> tuple[int, int, int, str | None]:
        """The cached attributes for a token."""
        k = (self._lower_key(tok), tok.tag, tok.dep, int(tok.is_space))
        got = self.cache.get(k)
        if got is None:
            got = self.cache[k] = self._compute(tok)
        return got

    def __call__(self, doc: Doc) -> Doc:
        """Fill POS and MORPH for every token of the doc (lemmas come from ``lemma``, when asked for)."""
        if not len(doc):
            return doc
        rows = []
        lower_keys = self.lower_keys
        table = doc.to_array([LOWER, TAG, DEP, IS_SPACE])
        matches = [(seq.order, i, i + seq.width, index, attrs)  # matched before any is applied
                   for seq, index, attrs in self.sequences for i in seq.starts(table)]
        if len(self.multi):
            matches += [(order, start, end, index, attrs) for m, start, end in self.multi(doc)
                        for order, index, attrs in [self.multi_attrs[m]]]
        for i, key in enumerate(table.tolist()):
            lk = lower_keys.get(key[0])
            k = (lk if lk is not None else self._lower_key(doc[i]), key[1], key[2], key[3])
            got = self.cache.get(k)
            if got is None:
                got = self.cache[k] = self._compute(doc[i])
            rows.append(got[:3])
        out = np.array(rows, dtype="uint64")
        doc.from_array([POS, MORPH], out[:, :2])
        for i in np.flatnonzero(out[:, 2]):  # the ruler's dependency overrides (whitespace tokens)
            doc[int(i)].dep = int(out[i, 2])
        for _, start, end, index, attrs in sorted(matches, key=lambda m: m[0]):  # in the ruler's pattern order
            tok = doc[start:end][index]
            lemma = _set(tok, attrs, None)
            if lemma is not None:
                tok.lemma_ = lemma
        return doc

    def lemma(self, tok: Token) -> str:
        """The token's lemma, lower-cased, as the model's ruler and rule lemmatizer give it; cached per (form, tag,
        POS), which fix the morphology the lemmatizer looks at."""
        if tok.lemma:  # set by a multi-token rule: depends on the neighbours, so not cached
            return tok.lemma_.lower()
        key = (tok.orth, tok.tag, tok.pos)
        got = self.lemmas.get(key)
        if got is None:
            ruled = self._attrs(tok)[3]
            got = self.lemmas[key] = (ruled if ruled is not None else self.lemmatizer.lemmatize(tok)[0]).lower()
        return got


def _set(tok: Token, attrs: dict[str, str], lemma: str | None) -> str | None:
    """Apply a pattern's POS / MORPH / DEP to the token; returns the LEMMA it sets (else ``lemma``)."""
    for attr, value in attrs.items():
        if attr == "POS":
            tok.pos_ = value
        elif attr == "MORPH":
            tok.set_morph(value)
        elif attr == "DEP":
            tok.dep_ = value
        elif attr == "LEMMA":
            lemma = value
    return lemma


@Language.factory("onrecord_attributes")
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    """Replace the pipeline's attribute_ruler and lemmatizer (which must be present) by one cached component."""
    ruler = nlp.get_pipe("attribute_ruler")
    return FastAttributes(nlp.vocab, ruler.patterns, nlp.get_pipe("lemmatizer"))
