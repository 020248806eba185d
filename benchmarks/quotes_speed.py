"""Speed of onrecord's quote stage beside spaCy's full small pipeline (+ textacy's direct quotations), same texts.

usage: python benchmarks/quotes_speed.py [--limit N] [--processes N]

Texts: the Wikinews corpus (../shared/corpus/wikinews/*.csv, column "text"). One run each, in this order:
  spaCy en_core_web_sm, full pipeline, 1 process (+ textacy.extract.triples.direct_quotations when installed)
  onrecord quote stage (parser without NER + extraction), 1 process
  onrecord quote stage, one process per core (what the pipeline runs)
Words are whitespace-separated tokens of the input. Prints a table; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

import spacy

from onrecord.analyze import quote_candidates, quote_texts
from onrecord.analyze.nlp import MODEL, load_nlp

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "corpus" / "wikinews"


def load_texts(limit: int | None) -> list[str]:
    csv.field_size_limit(1 << 30)
    texts: list[str] = []
    for path in sorted(WIKINEWS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            texts.extend(row["text"] for row in csv.DictReader(fh) if row.get("text", "").strip())
    return texts[: limit or None]


def run_full(texts: list[str]) -> tuple[float, int, str]:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        direct_quotations = None
    nlp = spacy.load(MODEL)
    t = time.perf_counter()
    found = failed = 0
    for doc in nlp.pipe(texts, batch_size=64):
        if direct_quotations is not None:
            try:
                found += sum(1 for _ in direct_quotations(doc))
            except ValueError:  # textacy gives up on a text with an unclosed quotation mark
                failed += 1
    label = "spaCy sm full pipeline" + (f" + textacy direct_quotations ({failed} texts refused)" if direct_quotations else " (textacy not installed)")
    return time.perf_counter() - t, found, label


def run_onrecord(texts: list[str], processes: int) -> tuple[float, int]:
    load_nlp()  # model loading is not part of the per-text cost
    t = time.perf_counter()
    found = 0
    for text, doc in zip(texts, quote_texts(texts, n_process=processes)):
        found += len(quote_candidates(text, doc))
    return time.perf_counter() - t, found


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    texts = load_texts(args.limit)
    words = sum(len(t.split()) for t in texts)
    print(f"Wikinews: {len(texts)} articles, {words} words; {os.cpu_count()} cores")
    rows = []
    secs, n, label = run_full(texts)
    rows.append((label + ", 1 process", secs, n))
    secs, n = run_onrecord(texts, 1)
    rows.append(("onrecord quotes (parser, no NER, + extraction), 1 process", secs, n))
    if args.processes > 1:
        secs, n = run_onrecord(texts, args.processes)
        rows.append((f"onrecord quotes, {args.processes} processes", secs, n))
    for label, secs, n in rows:
        print(f"  {label:72} {secs:7.1f} s  {words / secs:8.0f} words/s  {n:6d} quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
