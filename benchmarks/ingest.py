"""Ingest throughput and peak memory: Wikinews replicated to 2,500 / 5,000 / 10,000 articles, SQLite and PostgreSQL.

Each run is a fresh process (so peak RSS is that run's own). Beside it, in the same run, an anchor: the same
rows read and inserted with the standard library's sqlite3 only, so figures can be compared across noisy
machines as a ratio. Prints a table; asserts nothing about time.

usage: python benchmarks/ingest.py [--sizes 2500,5000,10000] [--repeat 3] [--pg postgresql://...] [--no-pg]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "corpus" / "wikinews"

CHILD = r"""
import json, resource, sys, time
from onrecord.pipeline import ingest
from onrecord.store import Store
src, db = sys.argv[1], sys.argv[2]
t = time.perf_counter()
store = Store(db)
s = ingest([src], store)
store.close()
dt = time.perf_counter() - t
print(json.dumps({"added": s.added, "failed": len(s.failed), "seconds": dt,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ANCHOR = r"""
import hashlib, json, resource, sqlite3, sys, time
src, db = sys.argv[1], sys.argv[2]
t = time.perf_counter()
con = sqlite3.connect(db)
con.execute("create table a (h text primary key, source text, title text, text text)")
rows = []
with open(src, encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        r = json.loads(line)
        rows.append((hashlib.sha256(r["text"].encode()).hexdigest(), f"{src}#{n}", r["title"], r["text"]))
        if len(rows) >= 100:
            con.executemany("insert into a values (?,?,?,?)", rows); con.commit(); rows = []
con.executemany("insert into a values (?,?,?,?)", rows); con.commit()
print(json.dumps({"seconds": time.perf_counter() - t, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def replicate(n: int, out: Path) -> None:
    """Write N JSONL rows cycling through Wikinews, each copy perturbed so its content hash is new."""
    csv.field_size_limit(1 << 30)
    base: list[dict] = []
    for path in sorted(WIKINEWS.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            base.extend(csv.DictReader(fh))
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            row = dict(base[i % len(base)])
            copy = i // len(base)
            row["text"] = row["text"] + f"\n\n(Replica {copy} of this report, benchmark row {i}.)"
            row["url"] = f"{row['url']}?copy={copy}"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def child(code: str, src: Path, db: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code, str(src), db], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def pg_fresh(base_url: str) -> tuple[str, str]:
    """A fresh schema in the given PostgreSQL database; returns (url with search_path, schema name)."""
    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(base_url, autocommit=True) as con:
        con.execute(f"create schema {schema}")
    sep = "&" if "?" in base_url else "?"
    return f"{base_url}{sep}options=-csearch_path%3D{schema}", schema


def pg_drop(base_url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as con:
        con.execute(f"drop schema {schema} cascade")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2500,5000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pg", default=os.environ.get("ONRECORD_TEST_PG_DSN", "postgresql://postgres@localhost:5432/test"))
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'backend':<10} {'articles':>8} {'art/s':>8} {'anchor/s':>9} {'ratio':>6} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            src = Path(tmp) / f"wikinews_x{n}.jsonl"
            replicate(n, src)
            backends = ["sqlite"] + ([] if args.no_pg else ["postgresql"])
            for backend in backends:
                rates, anchors, rss = [], [], []
                for r in range(args.repeat):
                    anchor = child(ANCHOR, src, str(Path(tmp) / f"anchor_{backend}_{n}_{r}.db"))
                    if backend == "sqlite":
                        res = child(CHILD, src, str(Path(tmp) / f"onrecord_{n}_{r}.db"))
                    else:
                        url, schema = pg_fresh(args.pg)
                        try:
                            res = child(CHILD, src, url)
                        finally:
                            pg_drop(args.pg, schema)
                    assert res["added"] == n and res["failed"] == 0, res
                    rates.append(n / res["seconds"])
                    anchors.append(n / anchor["seconds"])
                    rss.append(res["rss_mb"])
                rate, anc = statistics.median(rates), statistics.median(anchors)
                print(f"{backend:<10} {n:>8} {rate:>8.1f} {anc:>9.0f} {rate / anc:>6.3f} {statistics.median(rss):>12.0f}",
                      flush=True)


if __name__ == "__main__":
    main()
