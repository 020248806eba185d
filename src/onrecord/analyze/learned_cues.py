"""A learned attribution finder for the long tail of cues the lexicon has no entry for.

News attributes far more than speech: "Clinton attacked Trump's tax plan", "the report documented ...", "he
offered to resign". Each such cue is rare (PolNeAR's misses spread over hundreds of verbs), so a lexicon
cannot list them; a linear model over parse features can tell a cue from a plain verb by its context. For
every verb or noun the rules did not already use, it scores each dependent that could be the content (the
object, the clause, the object of a preposition, ...) and keeps the best one above a threshold.

The model is a weight vector over hashed feature strings (``zlib.crc32``, stable across runs and machines),
stored as ``.npz``: applying it needs numpy only; training (`onrecord.analyze.train_cues`) needs scikit-learn.
"""

from __future__ import annotations

import os
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, IS_PUNCT, ORTH, POS, SENT_START, TAG
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from .candidates import QuoteCandidate
from .lexicon import cues
from .nlp import lemma
from .quotes_direct import _np_tokens
from .quotes_indirect import VERB_TAGS
from .syntax import (
    QUOTE_CHARS,
    cue_text,
    is_quote_token,
    negated,
    stray_subject,
    subject_of,
)

SKIP_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "cc", "det", "poss", "amod",
                       "compound", "advmod", "prt", "case", "nummod", "expl", "mark", "intj", "quantmod", "predet"})
THROUGH = frozenset({"prep", "agent", "dative"})  # the content is the object of the preposition: "called for X"
MIN_WORDS = 2
TRIM = {",", ";", ":", "—", "–", "-", "―", "--", "(", ")", "."}
MODEL_ENV = "ONRECORD_CUE_MODEL"  # path of a trained model; unset = rules only
FORMAT = 2  # bumped when the features change: a model trained on other features is refused


@dataclass(frozen=True)
class Option:
    """A dependent of a predicate that could be its content: its kind and token span [start, end)."""

    kind: str
    head: Token
    start: int
    end: int


def options(t: Token, ctx: Context) -> list[Option]:
    """The content spans a predicate could take: each non-trivial dependent (through a preposition to its
    object too) and all right dependents together; each also cut at its first comma, where the writer's own
    gloss usually begins ("the figure at the forum, further raising ...", "Democrats, which ...")."""
    out: list[Option] = []
    for c in t.children:
        if c.dep_ in SKIP_DEPS:
            continue
        out.append(Option(c.dep_ + ("<" if c.i < t.i else ""), c, c.left_edge.i, c.right_edge.i + 1))
        if c.dep_ in THROUGH:
            for g in c.children:
                if g.dep_ not in SKIP_DEPS:
                    out.append(Option(f"{c.dep_}>{g.dep_}", g, g.left_edge.i, g.right_edge.i + 1))
    rights = [c for c in t.rights if c.dep_ not in SKIP_DEPS and c.dep_ not in ("conj",)]
    if len(rights) > 1:
        out.append(Option("RIGHT", rights[0], rights[0].left_edge.i, rights[-1].right_edge.i + 1))
    for o in list(out):
        k = bisect_right(ctx.commas, o.start)
        comma = ctx.commas[k] if k < len(ctx.commas) and ctx.commas[k] < o.end - 1 else None
        if comma is not None and comma - o.start >= 2 and o.head.i < comma:
            out.append(Option(o.kind + ",", o.head, o.start, comma))
    return out


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n <= 3 else "4" if n <= 7 else "8" if n <= 15 else "16"


def _subject(t: Token) -> Token | None:
    return subject_of(t) or stray_subject(t)


def _subject_feature(s: Token | None) -> str:
    if s is None:
        return "none"
    if s.pos_ == "PRON":
        return "PRON:" + s.lower_
    if s.pos_ == "PROPN":
        return "PROPN"
    return s.pos_ + ":" + lemma(s).lower()


def _lexicon_class(lem: str, low: str) -> list[str]:
    lex = cues()
    out = []
    for name in ("speech_verbs", "belief_verbs", "cognition_verbs", "intent_verbs", "directive_verbs", "object_verbs",
                 "speech_nouns", "attitude_nouns", "naming_verbs", "direct_only"):
        if lem in getattr(lex, name) or low in getattr(lex, name):
            out.append(name)
    if lem in lex.prepositional:
        out.append("prepositional")
    return out or ["-"]


def predicate_features(t: Token, in_quote: bool, used: bool, in_content: bool) -> list[str]:
    """Features of the predicate alone (shared by its options)."""
    lem = lemma(t).lower()
    subj = _subject(t)
    sf = _subject_feature(subj)
    kids = sorted({c.dep_ for c in t.children})
    f = [f"L={lem}", f"P={t.pos_}", f"T={t.tag_}", f"D={t.dep_}", f"HL={lemma(t.head).lower()}", f"HD={t.head.dep_}",
         f"HP={t.head.pos_}", f"S={sf}", f"SP={subj.pos_ if subj is not None else 'none'}", f"L|S={lem}|{sf.split(':')[0]}"]
    f += [f"C={k}" for k in kids]
    f += [f"LEX={x}" for x in _lexicon_class(lem, t.lower_)]
    if negated(t):
        f.append("NEG")
    if in_quote:
        f.append("INQ")
    if used:
        f.append("USED")
    if in_content:
        f.append("INC")
    if subj is not None and subj.i < t.i:
        f.append("SBEFORE")
    if t.dep_ == "ROOT":
        f.append("ROOT")
    return f


SHARED = ("LEX=", "C=", "INQ", "USED", "INC", "NEG", "ROOT")  # predicate features also joined with "an option"


def option_features(t: Token, o: Option, base: list[str], ctx: Context) -> list[str]:
    """One option's own features (some joined with the predicate's); an example is ``base`` + these."""
    return own_option_features(t, o, base, ctx) + shared_option_features(base)


def shared_option_features(base: list[str]) -> list[str]:
    """The option features that are the same for every option of a predicate ("an option of a speech verb")."""
    return [f"O|{x}" for x in base if x.startswith(SHARED)]


def own_option_features(t: Token, o: Option, base: list[str], ctx: Context) -> list[str]:
    """The features that tell one option of a predicate from another."""
    doc = t.doc
    lem = base[0][2:]
    first = doc[o.start].lower_
    n = int(ctx.words[o.end] - ctx.words[o.start])
    has_verb = ctx.verbs[o.end] > ctx.verbs[o.start]
    quoted = ctx.quotes[o.end] > ctx.quotes[o.start]
    e = o.end
    reaches_end = e >= len(doc) - 1 or ctx.sent_start[e] or ctx.punct[e] and (e + 1 >= len(doc) or ctx.sent_start[e + 1])
    f = [f"O={o.kind}", f"OL={lemma(o.head).lower()}", f"OP={o.head.pos_}", f"OF={first}", f"ON={_bucket(n)}",
         f"L|O={lem}|{o.kind}", f"L|OF={lem}|{first}", f"T|O={base[2][2:]}|{o.kind}", f"D|O={base[3][2:]}|{o.kind}",
         f"O|S={o.kind}|{base[7][2:].split(':')[0]}", f"O|ON={o.kind}|{_bucket(n)}", f"O|OP={o.kind}|{o.head.pos_}"]
    if has_verb:
        f += ["OV", f"O|OV={o.kind}"]
    if quoted:
        f += ["OQ", f"O|OQ={o.kind}"]
    if reaches_end:
        f.append("OEND")
    return f


_CRC: dict[str, int] = {}  # feature string -> crc32: most features recur across predicates and articles


def _crc(f: str) -> int:
    h = _CRC.get(f)
    if h is None:
        if len(_CRC) > 200_000:  # a few tens of MB at most over a long run
            _CRC.clear()
        h = _CRC[f] = zlib.crc32(f.encode())
    return h


def hashed(features: Iterable[str], dim: int) -> np.ndarray:
    """Feature strings to column indices (crc32, stable across Python runs, unlike ``hash``)."""
    return np.fromiter((_crc(f) % dim for f in features), dtype=np.int64)


def predicates(doc: Doc, keep: Callable[[Doc, int, tuple[int, int, int]], bool] | None = None) -> list[Token]:
    """The tokens a content can hang on: verbs (not auxiliaries) and nouns, picked from the doc's arrays; with
    ``keep``, only those it accepts (asked with the token's index and its (form, tag, POS) ids, before a Token
    object is made for it)."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    arr = doc.to_array([TAG, DEP, POS, ORTH])
    verb = np.isin(arr[:, 0], [strings[t] for t in VERB_TAGS if t in strings])
    verb &= ~np.isin(arr[:, 1], [strings[d] for d in ("aux", "auxpass") if d in strings])
    found = np.flatnonzero(verb | (arr[:, 2] == NOUN)).tolist()
    if keep is not None:
        keys = arr[found][:, [3, 0, 2]].tolist()
        found = [i for i, k in zip(found, keys) if keep(doc, i, tuple(k))]
    return [doc[i] for i in found]


def _union(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Character spans merged into disjoint ones, as (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if s >= e:
            continue
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _covered(union: tuple[list[int], list[int]], x: int) -> bool:
    """Offset x lies inside one of the merged spans."""
    k = bisect_right(union[0], x) - 1
    return k >= 0 and x < union[1][k]


class Context:
    """Where the rules' quotes and quotation marks lie in a document (the INQ / USED / INC features), and running
    counts over its tokens so a span's word, verb and quotation-mark counts cost two lookups."""

    def __init__(self, doc: Doc, found: list[QuoteCandidate], quoted: list[tuple[int, int]]):
        self.used = {c.cue_span[0] for c in found if c.cue_span is not None}
        self._quoted = _union(quoted)  # the spans merged, so whether an offset is inside one is a bisection
        self._contents = _union((c.start, c.end) for c in found)
        arr = doc.to_array([IS_PUNCT, POS, SENT_START, ORTH]) if len(doc) else np.zeros((0, 4), dtype=np.uint64)
        self.punct = arr[:, 0].astype(bool).tolist()
        self.sent_start = (arr[:, 2].astype(np.int64) == 1).tolist()
        verb = np.isin(arr[:, 1], [VERB, AUX])
        punct = arr[:, 0].astype(bool)  # quotation marks and commas are punctuation: only their forms are read
        forms = {int(o): doc.vocab.strings[int(o)] for o in np.unique(arr[punct, 3])}
        quote = np.isin(arr[:, 3], [o for o, f in forms.items() if f and all(ch in QUOTE_CHARS for ch in f)])
        self.words = np.concatenate([[0], np.cumsum(~arr[:, 0].astype(bool))])
        self.verbs = np.concatenate([[0], np.cumsum(verb)])
        self.quotes = np.concatenate([[0], np.cumsum(quote)])
        self.commas = np.flatnonzero(np.isin(arr[:, 3], [o for o, f in forms.items() if f in (",", ";", "—", "–")])).tolist()

    def flags(self, t: Token) -> tuple[bool, bool, bool]:
        idx = t.idx
        return _covered(self._quoted, idx), idx in self.used, _covered(self._contents, idx)


def examples(doc: Doc, ctx: Context) -> Iterable[tuple[Token, Option, list[str], list[str]]]:
    """Every (predicate, option) pair of a document with its features: the predicate's, then the option's."""
    for t in predicates(doc):
        opts = options(t, ctx)
        if not opts:
            continue
        base = predicate_features(t, *ctx.flags(t))
        for o in opts:
            yield t, o, base, option_features(t, o, base, ctx)


class CueModel:
    """The trained weights. Whether a predicate attributes: bias + the best of its options' sums of hashed feature
    weights, kept when above threshold. Which option is the content: the best by the second weight vector
    (``span_weights``), trained on gold cues alone to tell where a content ends; without it, the first decides."""

    def __init__(self, weights: np.ndarray, bias: float, threshold: float, span_weights: np.ndarray | None = None,
                 option_cap: float = float("inf"), cue_lemmas: Iterable[str] | np.ndarray | None = None):
        self.weights = weights.astype(np.float32)
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.option_cap = float(option_cap)  # the most an option's own features added in training: a predicate
        # whose own share plus this stays under the threshold is skipped without scoring its options
        # the crc32 of every lemma that was a gold cue in training; others are skipped (None: no filter). On PolNeAR
        # dev 6 of the 466 quotes the model added had a cue unseen as one in training, and half the verbs and nouns
        # are never cues: the filter halves the model's cost for nothing.
        self.cue_lemmas: frozenset[int] | None = None
        if cue_lemmas is not None:
            self.cue_lemmas = frozenset(int(x) if not isinstance(x, str) else _crc(x) for x in cue_lemmas)
        self.span_weights = span_weights.astype(np.float32) if span_weights is not None and len(span_weights) else None
        self._pairs: dict[str, complex] = {}  # feature -> weight + span weight * 1j, see `sums`
        self._may_cue: dict[tuple[int, int, int], bool] = {}  # (form, tag, POS) ids -> see `may_cue`

    @property
    def dim(self) -> int:
        return len(self.weights)

    def score(self, features: list[str]) -> float:
        """The score of one example, summed as the extractor sums it (``sums``)."""
        return self.bias + self.sums(features)[0]

    def score_indices(self, idx: np.ndarray) -> float:
        """The score of an example already hashed (into this model's dimension)."""
        return self.bias + float(self.weights[idx].sum())

    def may_cue(self, doc: Doc, i: int, key: tuple[int, int, int]) -> bool:
        """Token i's lemma was a gold cue in training (always, without that list); the answer is kept per (form,
        tag, POS), which fixes the lemma."""
        if self.cue_lemmas is None:
            return True
        ok = self._may_cue.get(key)
        if ok is None:
            ok = self._may_cue[key] = _crc(lemma(doc[i]).lower()) in self.cue_lemmas
        return ok

    def sums(self, features: list[str]) -> tuple[float, float]:
        """The features' summed weights in both vectors (detection, span). Each feature's pair is kept per process
        as one complex number (weight + span weight * 1j), so the sum runs in C: the same strings recur across
        predicates and articles, and this beats hashing and numpy indexing for the twenty-odd features of an option."""
        cache = self._pairs
        try:
            total = sum(map(cache.__getitem__, features))
        except KeyError:
            if len(cache) > 200_000:
                cache.clear()
            sw = self.span_weights
            for f in features:
                if f not in cache:
                    k = _crc(f) % self.dim
                    cache[f] = complex(float(self.weights[k]), float(sw[k]) if sw is not None else 0.0)
            total = sum(map(cache.__getitem__, features))
        return total.real, total.imag

    def save(self, path: Path) -> None:
        span = self.span_weights if self.span_weights is not None else np.zeros(0, dtype=np.float32)
        lemmas = np.array(sorted(self.cue_lemmas if self.cue_lemmas is not None else []), dtype=np.int64)
        path = Path(path)  # written to exactly this name (numpy would add ".npz" to a bare path), whole or not at all
        tmp = path.with_name(path.name + ".part")
        with open(tmp, "wb") as f:
            np.savez_compressed(f, weights=self.weights, bias=self.bias, threshold=self.threshold, span_weights=span,
                                option_cap=self.option_cap, cue_lemmas=lemmas, has_cue_lemmas=self.cue_lemmas is not None,
                                format=FORMAT)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | Path) -> CueModel:
        """Read a model written by `save`; a missing, unreadable or outdated file is a clear error."""
        p = Path(path)
        try:
            with np.load(p, allow_pickle=False) as z:
                fmt = int(z["format"])
                if fmt != FORMAT:
                    raise ValueError(f"format {fmt}, this onrecord reads format {FORMAT}")
                return cls(z["weights"], float(z["bias"]), float(z["threshold"]), z["span_weights"], float(z["option_cap"]),
                           z["cue_lemmas"] if bool(z["has_cue_lemmas"]) else None)
        except (OSError, KeyError, ValueError) as exc:
            raise RuntimeError(f"{p}: cannot read the attribution model ({exc}); retrain it with "
                               f"`onrecord train-cues --out {p}` or unset {MODEL_ENV} to use the rules alone") from exc


def active_model() -> CueModel | None:
    """The model ``ONRECORD_CUE_MODEL`` names (loaded once per path), or None for the rules alone."""
    path = os.environ.get(MODEL_ENV, "").strip()
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return CueModel.load(path)  # raises the clear error
    return _load(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, size: int) -> CueModel:
    """One load per file version: a model retrained in place is read again."""
    return CueModel.load(path)


def scored_options(doc: Doc, found: list[QuoteCandidate], quoted: list[tuple[int, int]], model: CueModel,
                   ) -> list[tuple[float, Token, Option]]:
    """Each predicate the rules did not use, with its best-scoring content option."""
    ctx = Context(doc, found, quoted)
    best: list[tuple[float, Token, Option]] = []
    for t in predicates(doc, model.may_cue):
        if t.idx in ctx.used:
            continue
        opts = options(t, ctx)
        if not opts:
            continue
        base = predicate_features(t, *ctx.flags(t))
        b = model.bias + model.sums(base)[0]  # the predicate's share, once for all its options
        if b + model.option_cap <= model.threshold:
            continue
        b += model.sums(shared_option_features(base))[0]  # so are the option features every option has
        pairs = [model.sums(own_option_features(t, o, base, ctx)) for o in opts]
        top = b + max(w for w, _ in pairs)
        # the content: the best option by the span weights (what all options share does not change which), else by
        # the detection weights; the first of equals, as numpy's argmax
        k = max(range(len(pairs)), key=lambda n: pairs[n][1] if model.span_weights is not None else pairs[n][0])
        best.append((top, t, opts[k]))
    return sorted(best, key=lambda x: -x[0])


def select(doc: Doc, found: list[QuoteCandidate], scored: list[tuple[float, Token, Option]], threshold: float,
           ) -> list[QuoteCandidate]:
    """The options scoring above ``threshold`` as candidates, best first, skipping spans the rules (or a better
    option) already hold."""
    out: list[QuoteCandidate] = []
    taken = [(c.start, c.end) for c in found]
    for s, t, o in scored:
        if s <= threshold:
            break
        cand = _candidate(doc, t, o)
        if cand is None or any(_overlap(cand.start, cand.end, a, b) >= 0.5 for a, b in taken):
            continue
        taken.append((cand.start, cand.end))
        out.append(cand)
    return sorted(out, key=lambda c: c.start)


def learned_candidates(doc: Doc, found: list[QuoteCandidate], quoted: list[tuple[int, int]], model: CueModel,
                       ) -> list[QuoteCandidate]:
    """Attributions the rules missed: for each predicate the rules did not use, its best content option when the
    score clears the model's threshold and the span is not one the rules already hold."""
    return select(doc, found, scored_options(doc, found, quoted, model), model.threshold)


def _overlap(a: int, b: int, c: int, d: int) -> float:
    inter = min(b, d) - max(a, c)
    return inter / (max(b, d) - min(a, c)) if inter > 0 else 0.0


def _candidate(doc: Doc, t: Token, o: Option) -> QuoteCandidate | None:
    s, e = o.start, o.end
    if s <= t.i < e:  # an option holding its own predicate ("RIGHT" of a noun's modifier): no content
        return None
    while s < e and (doc[s].text in TRIM or doc[s].lower_ == "that" and o.kind.startswith("ccomp") or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].text in TRIM or doc[e - 1].is_space):
        e -= 1
    marks = sum(1 for x in doc[s:e] if is_quote_token(x) and x.text not in ("'", "’"))
    if marks % 2 and is_quote_token(doc[s]):
        s += 1
    elif marks % 2 and e > s and is_quote_token(doc[e - 1]):
        e -= 1
    if sum(1 for x in doc[s:e] if not x.is_punct) < MIN_WORDS:
        return None
    subj = _subject(t)
    mention = _np_tokens(doc, subj) if subj is not None else None
    text, cs, ce = cue_text(t)
    return QuoteCandidate(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), "indirect", cue=text, cue_span=(cs, ce),
                          mention_tokens=mention, how="learned")
