#!/usr/bin/env python3
"""Story assignment on ECB+ (shared/eval/ecbplus/docs.jsonl): onrecord's incremental linker vs a TF-IDF baseline.

Each ECB+ topic holds two different real events of one kind (two earthquakes, two rehab check-ins); a system
must put each document with the others about its own event. onrecord sees only the text: ids, story and
topic labels are stripped and documents get opaque ids, in a fixed shuffled order (the docs carry no dates).

Scores: B-cubed precision / recall / F1 and the adjusted Rand index, on a fixed split by topic
(dev = topics at even positions of the sorted topic list, test = the others) and on all documents.
The baseline is TF-IDF (numpy) + average-linkage agglomerative clustering (scipy) on cosine distance, its
threshold tuned on dev. onrecord's thresholds live in src/onrecord/link/settings.toml (tuned on dev with
``--tune``, which prints a grid and changes nothing).

The linker is incremental, so its result depends on the order documents arrive in: it is run on ``--orders``
fixed permutations and reported for the first, as the mean, and as the median and the worst order (a held-out
set will come in an order nobody chose). Text features are memoised across runs (results are unchanged).

    .venv/bin/python benchmarks/eval_stories.py [--docs PATH] [--orders 10] [--tune] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from onrecord.link import Linker, LinkSettings, default_settings  # noqa: E402
from onrecord.link import embed as embedding  # noqa: E402
from onrecord.link import linker as linker_module  # noqa: E402
from onrecord.link.terms import stopwords  # noqa: E402
from onrecord.records import Article  # noqa: E402

DOCS = ROOT.parent / "shared" / "eval" / "ecbplus" / "docs.jsonl"
SEED = 20240601


# --- data ---------------------------------------------------------------------------------------------------------

def load(path: Path) -> list[dict[str, Any]]:
    """Documents as {"text", "story", "topic"} (labels kept apart from what onrecord sees)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"text": r["text"], "story": str(r["story"]), "topic": str(r["topic"])} for r in rows]


def split(docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """dev / test by topic (alternating over the sorted topic list) and all."""
    topics = sorted({d["topic"] for d in docs}, key=lambda t: (len(t), t))
    dev_topics = set(topics[0::2])
    return {"dev": [d for d in docs if d["topic"] in dev_topics],
            "test": [d for d in docs if d["topic"] not in dev_topics], "all": docs}


def orders(n: int, k: int) -> list[np.ndarray]:
    """k fixed permutations of n documents (the first is the headline order)."""
    rng = np.random.default_rng(SEED)
    return [rng.permutation(n) for _ in range(k)]


# --- metrics ------------------------------------------------------------------------------------------------------

def bcubed(pred: Sequence[Any], gold: Sequence[Any]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    pair = Counter(zip(pred, gold, strict=True))
    cp, cg = Counter(pred), Counter(gold)
    n = len(pred)
    p = sum(c * c / cp[a] for (a, _), c in pair.items()) / n
    r = sum(c * c / cg[b] for (_, b), c in pair.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ari(pred: Sequence[Any], gold: Sequence[Any]) -> float:
    """Adjusted Rand index (Hubert & Arabie) from the contingency table."""
    def comb2(x: float) -> float:
        return x * (x - 1) / 2

    pair = Counter(zip(pred, gold, strict=True))
    n = len(pred)
    index = sum(comb2(c) for c in pair.values())
    a = sum(comb2(c) for c in Counter(pred).values())
    b = sum(comb2(c) for c in Counter(gold).values())
    expected = a * b / comb2(n) if n > 1 else 0.0
    maximum = (a + b) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


def scores(pred: Sequence[Any], gold: Sequence[Any]) -> dict[str, float]:
    p, r, f = bcubed(pred, gold)
    return {"b3_p": p, "b3_r": r, "b3_f1": f, "ari": ari(pred, gold), "clusters": len(set(pred))}


def mean_scores(runs: list[dict[str, float]]) -> dict[str, float]:
    out = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}
    out["b3_f1_min"] = float(min(r["b3_f1"] for r in runs))
    out["b3_f1_median"] = float(np.median([r["b3_f1"] for r in runs]))
    out["ari_min"] = float(min(r["ari"] for r in runs))
    out["ari_median"] = float(np.median([r["ari"] for r in runs]))
    return out


# --- onrecord -----------------------------------------------------------------------------------------------------

def run_onrecord(docs: list[dict[str, Any]], order: np.ndarray, settings: LinkSettings) -> list[str]:
    """Story ids from one incremental pass in the given order (labels never shown)."""
    articles = [Article(article_id=f"doc{pos:04d}", source=f"ecbplus#{pos + 1}", content_hash="-",
                        text=docs[i]["text"]) for pos, i in enumerate(order)]
    Linker(settings).link(articles)
    pred = [""] * len(docs)
    for a, i in zip(articles, order, strict=True):
        pred[i] = a.story_id or a.article_id
    return pred


def cache_features() -> None:
    """Memoise text features (tuning runs the same texts many times; results are unchanged)."""
    extract = lru_cache(maxsize=None)(linker_module.extract)
    linker_module.extract = lambda text, settings: extract(text, settings)  # type: ignore[assignment]
    raw = embedding.embed

    @lru_cache(maxsize=None)
    def one(text: str) -> np.ndarray:
        return raw([text])[0]

    linker_module.embedding.embed = lambda texts: np.array([one(t) for t in texts]).reshape(len(texts), embedding.DIM)  # type: ignore[assignment]


# --- baseline -----------------------------------------------------------------------------------------------------

WORD = re.compile(r"(?u)\b\w\w+\b")


def tfidf(texts: list[str]) -> np.ndarray:
    """L2-normalised TF-IDF rows (sublinear tf, smooth idf, stopwords removed), dense numpy."""
    stop = stopwords()
    docs = [[w for w in WORD.findall(t.lower()) if w not in stop] for t in texts]
    vocab = {w: i for i, w in enumerate(sorted({w for d in docs for w in d}))}
    m = np.zeros((len(texts), len(vocab)), dtype=np.float64)
    for r, d in enumerate(docs):
        for w, c in Counter(d).items():
            m[r, vocab[w]] = 1.0 + math.log(c)
    df = (m > 0).sum(axis=0)
    m *= np.log((1 + len(texts)) / (1 + df)) + 1.0
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def run_baseline(docs: list[dict[str, Any]], threshold: float) -> list[int]:
    """Average-linkage clusters cut at a cosine distance threshold."""
    x = tfidf([d["text"] for d in docs])
    dist = np.clip(1.0 - x @ x.T, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform((dist + dist.T) / 2, checks=False), method="average")
    return fcluster(z, t=threshold, criterion="distance").tolist()


def tune_baseline(dev: list[dict[str, Any]]) -> float:
    """The cut threshold with the best B-cubed F1 on dev."""
    gold = [d["story"] for d in dev]
    grid = np.round(np.arange(0.30, 1.0, 0.01), 2)
    return float(max(grid, key=lambda t: (bcubed(run_baseline(dev, t), gold)[2], -t)))


# --- main ---------------------------------------------------------------------------------------------------------

def evaluate(docs: list[dict[str, Any]], k: int, settings: LinkSettings) -> dict[str, Any]:
    """Scores of onrecord (headline order, and mean over k orders) and of the baseline, per split."""
    parts = split(docs)
    cache_features()
    started = time.perf_counter()
    threshold = tune_baseline(parts["dev"])
    out: dict[str, Any] = {"baseline_threshold": threshold, "orders": k, "splits": {}}
    for name, part in parts.items():
        gold = [d["story"] for d in part]
        t0 = time.perf_counter()
        runs = [scores(run_onrecord(part, o, settings), gold) for o in orders(len(part), k)]
        took = time.perf_counter() - t0
        out["splits"][name] = {
            "docs": len(part), "topics": len({d["topic"] for d in part}), "stories": len(set(gold)),
            "onrecord": runs[0], "onrecord_mean": mean_scores(runs),
            "onrecord_docs_per_s": len(part) * k / took,
            "baseline": scores(run_baseline(part, threshold), gold),
        }
    out["seconds"] = time.perf_counter() - started
    return out


def tune(docs: list[dict[str, Any]], k: int) -> None:
    """Print onrecord's dev B-cubed F1 over a grid of story settings (changes nothing)."""
    cache_features()
    dev = split(docs)["dev"]
    gold = [d["story"] for d in dev]
    base = default_settings()
    results = []
    for w_keys in (0.3, 0.5, 0.7):
        for w_cover in (0.0, 0.1, 0.2, 0.3):
            for w_embed in (0.0, 0.2):
                for min_score in np.round(np.arange(0.08, 0.40, 0.02), 2):
                    st = base.with_overrides(stories={"w_words": round(1 - w_keys, 2), "w_keys": w_keys,
                                                      "w_cover": w_cover, "w_embed": w_embed,
                                                      "min_score": float(min_score)})
                    f1 = np.mean([bcubed(run_onrecord(dev, o, st), gold)[2] for o in orders(len(dev), k)])
                    results.append((f1, w_keys, w_cover, w_embed, float(min_score)))
                best = max(r for r in results if r[1:4] == (w_keys, w_cover, w_embed))
                print(f"w_keys={w_keys} w_cover={w_cover} w_embed={w_embed}: best dev F1 {best[0]:.4f} "
                      f"at min_score={best[4]}", flush=True)
    print("best:", max(results))


def print_table(res: dict[str, Any]) -> None:
    print(f"ECB+ story clustering (B-cubed / ARI); baseline = TF-IDF + average linkage, cut {res['baseline_threshold']} "
          f"tuned on dev; onrecord mean over {res['orders']} document orders")
    print(f"{'split':<5} {'docs':>4} {'stories':>7}  {'system':<22} {'P':>6} {'R':>6} {'F1':>6} {'ARI':>6} {'clusters':>8}")
    for name, r in res["splits"].items():
        for label, key in (("onrecord (order 1)", "onrecord"), ("onrecord (mean)", "onrecord_mean"),
                           ("tf-idf + agglomerative", "baseline")):
            s = r[key]
            print(f"{name:<5} {r['docs']:>4} {r['stories']:>7}  {label:<22} {s['b3_p']:6.3f} {s['b3_r']:6.3f} "
                  f"{s['b3_f1']:6.3f} {s['ari']:6.3f} {s['clusters']:8.1f}")
        m = r["onrecord_mean"]
        print(f"{'':<19}onrecord over orders: F1 median {m['b3_f1_median']:.3f} worst {m['b3_f1_min']:.3f}, "
              f"ARI median {m['ari_median']:.3f} worst {m['ari_min']:.3f}; {r['onrecord_docs_per_s']:.0f} docs/s")
    print(f"({res['seconds']:.0f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DOCS)
    parser.add_argument("--orders", type=int, default=10, help="document orders to average over")
    parser.add_argument("--tune", action="store_true", help="grid-search story settings on dev and print them")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.docs.is_file():
        print(f"{args.docs}: not found; pass --docs PATH to the ECB+ docs.jsonl", file=sys.stderr)
        return 2
    docs = load(args.docs)
    if args.tune:
        tune(docs, args.orders)
        return 0
    res = evaluate(docs, args.orders, default_settings())
    print(json.dumps(res, indent=2) if args.json else "", end="")
    if not args.json:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
