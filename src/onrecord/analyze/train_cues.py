"""Train the attribution model (`learned_cues`) on PolNeAR's gold attributions.

usage: python -m onrecord.analyze.train_cues --data ../shared/eval/polnear --out cue-model.npz
       (or `onrecord train-cues`; then set ONRECORD_CUE_MODEL=cue-model.npz to use it)

Each (verb or noun, dependent) pair of the training articles is an example; it is positive when the verb or
noun is a gold cue and the dependent covers its gold content (token Jaccard >= 0.5). A logistic regression
(scikit-learn) learns the weights; the threshold is the one that maximises content overlap F1 of the rules
plus the model on a held-out sixth of the training articles, after which the model is refitted on all of them.
PolNeAR carries no licence file, so no model trained on it ships with onrecord: each user trains their own.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from .learned_cues import (
    Context,
    CueModel,
    Option,
    examples,
    hashed,
    scored_options,
    select,
)
from .marks import find_marks
from .nlp import lemma
from .polnear import Attribution, load_split, outer, overlap_counts, words_of

DIM = 1 << 20
JACCARD = 0.5
HOLDOUT = 6  # every sixth article is held out to choose the threshold
THRESHOLDS = np.round(np.arange(1.5, -2.01, -0.25), 2)


class Prepared:
    """One training article: its parse, the rules' quotes, and every example with its label."""

    def __init__(self, name: str, text: str, gold: list[Attribution], doc, found, quoted):
        self.name, self.text, self.gold, self.doc, self.found, self.quoted = name, text, gold, doc, found, quoted
        self.rows: list[np.ndarray] = []
        cue_of: dict[int, list[int]] = {}  # predicate token -> gold attributions it cues
        for gi, a in enumerate(gold):
            if not a.cue:
                continue
            span = doc.char_span(*outer(a.cue), alignment_mode="expand")
            if span is None:
                continue
            root = span.root.head if span.root.dep_ in ("aux", "auxpass", "neg") else span.root
            cue_of.setdefault(root.i, []).append(gi)
        golds = [words_of(text, a.content) for a in gold]
        self.predicate: list[int] = []  # the example's predicate (token index)
        self.n_base: list[int] = []  # how many of the example's features are its predicate's
        jaccard: list[float] = []  # how close the example's option is to a gold content its predicate cues
        for t, o, base, own in examples(doc, Context(doc, found, quoted)):
            self.rows.append(hashed(base + own, DIM))
            self.n_base.append(len(base))
            self.predicate.append(t.i)
            jaccard.append(_jaccard(doc, text, o, [golds[g] for g in cue_of.get(t.i, [])]))
        self.labels: list[bool] = [j >= JACCARD for j in jaccard]
        top: dict[int, float] = {}  # predicate -> its closest option's Jaccard, for predicates that reach a content
        for p, j in zip(self.predicate, jaccard):
            if j >= JACCARD:
                top[p] = max(top.get(p, 0.0), j)
        self.of_cue = [p in top for p in self.predicate]  # the predicate cues a gold content one of its options reaches
        self.closest = [p in top and j == top[p] for p, j in zip(self.predicate, jaccard)]  # that closest option
        self.cue_lemmas = {lemma(doc[p]).lower() for p in top}


def _jaccard(doc, text: str, o: Option, golds: list[frozenset[int]]) -> float:
    span = words_of(text, [(doc[o.start].idx, doc[o.end - 1].idx + len(doc[o.end - 1].text))])
    return max((len(span & g) / len(span | g) for g in golds), default=0.0) if span else 0.0


def prepare(data: Path, split: str, limit: int | None = None) -> list[Prepared]:
    """Parse a PolNeAR split and run the rules over it."""
    from . import quote_candidates, quote_texts

    docs = load_split(data, split, limit)
    if not docs:
        raise SystemExit(f"{data}: no PolNeAR {split} articles found (expected metadata.tsv and {split}/text, "
                         f"{split}/attributions); point --data at the PolNeAR directory")
    out = []
    for (name, text, gold), doc in zip(docs, quote_texts([d[1] for d in docs])):
        found = quote_candidates(text, doc, learned=False)  # the examples are built on the rules' quotes alone
        quoted = [(m.start, m.end) for m in find_marks(text) if m.depth == 0]
        out.append(Prepared(name, text, gold, doc, found, quoted))
    return out


def _logistic(rows: list[np.ndarray], y: np.ndarray, c: float):
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
    x = sparse.csr_matrix((np.ones(indptr[-1], dtype=np.float32), np.concatenate(rows), indptr), shape=(len(rows), DIM))
    x.sum_duplicates()
    x.data[:] = 1.0
    return LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(x, y)


def fit(prepared: list[Prepared], c: float) -> CueModel:
    """Two logistic regressions over the articles' examples (threshold still 0): whether an option covers a gold
    content, over all examples; and whether it is the closest, over the options of gold cues alone."""
    detect = _logistic([r for p in prepared for r in p.rows], np.array([lab for p in prepared for lab in p.labels]), c)
    rows = [r for p in prepared for r, of in zip(p.rows, p.of_cue) if of]
    y = np.array([lab for p in prepared for lab, of in zip(p.closest, p.of_cue) if of])
    span = _logistic(rows, y, c)
    w = detect.coef_[0]
    cap = max(float(w[r[n:]].sum()) for p in prepared for r, n in zip(p.rows, p.n_base))
    return CueModel(w, float(detect.intercept_[0]), 0.0, span.coef_[0], cap, set().union(*(p.cue_lemmas for p in prepared)))


def choose_threshold(model: CueModel, held: list[Prepared]) -> tuple[float, dict[float, float]]:
    """The threshold maximising content overlap F1 (rules + model) on held-out articles, with the sweep."""
    scored = [scored_options(p.doc, p.found, p.quoted, model) for p in held]
    docs = [(p.name, p.text, p.gold) for p in held]
    sweep: dict[float, float] = {}
    for thr in THRESHOLDS:
        cands = [sorted(p.found + select(p.doc, p.found, s, float(thr)), key=lambda c: (c.start, c.end))
                 for p, s in zip(held, scored)]
        tp, n_sys, n_gold = overlap_counts(docs, cands)
        sweep[float(thr)] = 2 * tp / (n_sys + n_gold) if n_sys + n_gold else 0.0
    best = max(sweep, key=lambda k: (sweep[k], k))
    return best, sweep


def train(data: Path, out: Path, *, split: str = "train", c: float = 0.1, limit: int | None = None) -> CueModel:
    """Prepare, fit on five sixths, choose the threshold on the rest, refit on all, save to ``out``."""
    t0 = time.perf_counter()
    prepared = prepare(data, split, limit)
    print(f"{len(prepared)} articles, {sum(len(p.rows) for p in prepared)} examples "
          f"({sum(sum(p.labels) for p in prepared)} positive) in {time.perf_counter() - t0:.0f}s", flush=True)
    held = prepared[::HOLDOUT]
    rest = [p for i, p in enumerate(prepared) if i % HOLDOUT]
    threshold, sweep = choose_threshold(fit(rest, c), held)
    print("held-out content overlap F1 by threshold: " + ", ".join(f"{k:g}: {v:.3f}" for k, v in sweep.items()))
    model = fit(prepared, c)
    model.threshold = threshold
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    print(f"threshold {threshold:g}; wrote {out} in {time.perf_counter() - t0:.0f}s")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/eval/polnear"), help="the PolNeAR directory")
    ap.add_argument("--out", type=Path, required=True, help="where to write the model (.npz)")
    ap.add_argument("--split", default="train")
    ap.add_argument("--c", type=float, default=0.1, help="inverse regularisation strength")
    ap.add_argument("--limit", type=int, default=None, help="train on the first N articles only")
    args = ap.parse_args(argv)
    train(args.data, args.out, split=args.split, c=args.c, limit=args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
