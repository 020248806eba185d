"""Speed of onrecord's quote stage beside spaCy's full small pipeline (+ textacy's direct quotations), same texts.

usage: python benchmarks/quotes_speed.py [--limit N] [--processes N] [--batch-size N] [--repeat N]

Texts: the Wikinews corpus (../shared/corpus/wikinews/*.csv, column "text"). One run each, in this order:
  spaCy en_core_web_sm, full pipeline, 1 process (+ textacy.extract.triples.direct_quotations when installed)
  the same chain with onrecord's matrix products (numpy's BLAS, one thread; reference, not the anchor)
  onrecord quote stage (parser without NER + extraction), 1 process
  onrecord quote stage, one process per core (what the pipeline runs)
The anchor is the chain as spaCy ships it (thinc multiplies with blis, which on CPUs it does not recognise runs its
generic kernel); the reference line shows how much of onrecord's lead is its choice of BLAS (``analyze/nlp.py``).
Both chains parse in batches of the same size (onrecord's default, 16: spaCy's parser runs faster in small
batches, the full pipeline as much as ours). With --repeat N the runs are repeated and the median time is
printed, with the ratio to the anchor taken in each repeat. Words are whitespace-separated tokens of the input.
Prints a table; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

import spacy
from thinc.api import use_ops

from onrecord.analyze import quote_candidates, quote_texts
from onrecord.analyze.nlp import BATCH_SIZE, MODEL, load_nlp, one_blas_thread

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "corpus" / "wikinews"


def load_texts(limit: int | None) -> list[str]:
    csv.field_size_limit(1 << 30)
    texts: list[str] = []
    for path in sorted(WIKINEWS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            texts.extend(row["text"] for row in csv.DictReader(fh) if row.get("text", "").strip())
    return texts[: limit or None]


def run_full(texts: list[str], batch_size: int, *, numpy_blas: bool = False) -> tuple[float, int, str]:
    """The anchor chain; ``numpy_blas``: built and run with onrecord's matrix products (the reference line)."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        direct_quotations = None
    with use_ops("numpy", use_blis=not numpy_blas):
        nlp = spacy.load(MODEL)
    t = time.perf_counter()
    found = failed = 0
    with one_blas_thread():
        for doc in nlp.pipe(texts, batch_size=batch_size):
            if direct_quotations is not None:
                try:
                    found += sum(1 for _ in direct_quotations(doc))
                except ValueError:  # textacy gives up on a text with an unclosed quotation mark
                    failed += 1
    label = "spaCy sm full pipeline" + (f" + textacy direct_quotations ({failed} texts refused)" if direct_quotations else " (textacy not installed)")
    return time.perf_counter() - t, found, label


def run_onrecord(texts: list[str], processes: int, batch_size: int) -> tuple[float, int]:
    load_nlp()  # model loading is not part of the per-text cost
    t = time.perf_counter()
    found = 0
    for text, doc in zip(texts, quote_texts(texts, n_process=processes, batch_size=batch_size)):
        found += len(quote_candidates(text, doc))
    return time.perf_counter() - t, found


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    texts = load_texts(args.limit)
    words = sum(len(t.split()) for t in texts)
    print(f"Wikinews: {len(texts)} articles, {words} words; {os.cpu_count()} cores; batches of {args.batch_size}; "
          f"{args.repeat} run(s) each")
    times: dict[str, list[float]] = {}
    found: dict[str, int] = {}
    ratios: dict[str, list[float]] = {}
    to_ref: dict[str, list[float]] = {}  # onrecord's ratio to the reference line, per repeat
    for _ in range(args.repeat):
        secs, n, label = run_full(texts, args.batch_size)
        anchor = label + ", 1 process"
        times.setdefault(anchor, []).append(secs)
        found[anchor] = n
        ref_secs, n, _ = run_full(texts, args.batch_size, numpy_blas=True)
        ref = "  same chain with numpy's BLAS as onrecord (reference)"
        times.setdefault(ref, []).append(ref_secs)
        found[ref] = n
        ratios.setdefault(ref, []).append(secs / ref_secs)
        runs = [("onrecord quotes (parser, no NER, + extraction), 1 process", 1)]
        if args.processes > 1:
            runs.append((f"onrecord quotes, {args.processes} processes", args.processes))
        for name, procs in runs:
            t, n = run_onrecord(texts, procs, args.batch_size)
            times.setdefault(name, []).append(t)
            found[name] = n
            ratios.setdefault(name, []).append(secs / t)
            to_ref.setdefault(name, []).append(ref_secs / t)
    for label, ts in times.items():
        secs = statistics.median(ts)
        ratio = f"  {statistics.median(ratios[label]):4.2f}x the anchor" if label in ratios else "  (anchor)"
        if label in to_ref:
            ratio += f", {statistics.median(to_ref[label]):4.2f}x the reference"
        print(f"  {label:72} {secs:7.1f} s  {words / secs:8.0f} words/s  {found[label]:6d} quotes{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
