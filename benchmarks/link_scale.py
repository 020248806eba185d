#!/usr/bin/env python3
"""Linking at scale: articles/second, RSS and state size while linking 100,000 articles in batches.

The articles are Wikinews reports (shared/corpus/wikinews/*.csv) replicated with perturbations, as syndication
and rewriting produce them: words swapped and dropped, paragraphs cut, chrome lines added, dates shifted (some
removed), each with two quotes taken from its own sentences. They stream in date order in batches, as
``onrecord ingest`` would hand them to the linker; RSS and the size of the saved state are printed at
checkpoints to show that memory follows the time window, not the corpus (nor its square).

    .venv/bin/python benchmarks/link_scale.py [--articles 100000] [--batch 500] [--wikinews DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from onrecord.link import Linker  # noqa: E402
from onrecord.records import Article, Quote  # noqa: E402

WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews"
CHROME = ["Share this article", "Follow us on social media", "Advertisement", "Related stories",
          "Sign up for our newsletter", "Comments are closed"]
SPEAKERS = ["Ana Silva", "John Okafor", "Mei Chen", "Lars Berg", "Priya Nair", "Omar Haddad", "Sofia Rossi"]


def load_wikinews(folder: Path) -> list[dict[str, str]]:
    """Wikinews rows (url, date, title, text)."""
    csv.field_size_limit(1 << 30)
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(r for r in csv.DictReader(fh) if r.get("text", "").strip())
    return rows


def perturb(text: str, rng: random.Random) -> str:
    """Swap and drop words, cut trailing paragraphs, add chrome lines: a syndicated or rewritten copy."""
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) > 3 and rng.random() < 0.3:
        paras = paras[:rng.randint(2, len(paras))]
    rate = rng.choice([0.0, 0.01, 0.03, 0.08, 0.15])
    out = []
    for p in paras:
        words = p.split()
        for _ in range(int(len(words) * rate)):
            i = rng.randrange(len(words))
            if rng.random() < 0.5 and len(words) > 1:
                del words[i]
            elif i + 1 < len(words):
                words[i], words[i + 1] = words[i + 1], words[i]
        out.append(" ".join(words))
    if rng.random() < 0.5:
        out.insert(0, rng.choice(CHROME))
        out.append(rng.choice(CHROME))
    return "\n".join(out)


def quotes_of(article: Article, rng: random.Random, speaker: str) -> list[Quote]:
    """Two sentences of the article as quotes of one speaker (the generator's stand-in for analyze)."""
    sentences = [m for m in re.finditer(r"[^.!?\n]{40,300}[.!?]", article.text)]
    picked = sorted(rng.sample(sentences, min(2, len(sentences))), key=lambda m: m.start())
    return [Quote(quote_id=f"{article.article_id}-q{i}", article_id=article.article_id, text=m.group().strip(),
                  kind="direct", span=(m.start(), m.end()), speaker=speaker) for i, m in enumerate(picked)]


def plan(rows: list[dict[str, str]], n: int, seed: int = 7) -> list[tuple[str | None, int, int]]:
    """(published, copy number, source row) for n copies, dates shifted by up to two years (5% undated), in date order."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        k = rng.randrange(len(rows))
        base = date.fromisoformat(rows[k]["date"][:10])
        published = None if rng.random() < 0.05 else (base + timedelta(days=rng.randint(-730, 730))).isoformat()
        out.append((published, i, k))
    out.sort(key=lambda p: (p[0] or "9999", p[1]))
    return out


def make(rows: list[dict[str, str]], published: str | None, i: int, k: int) -> tuple[Article, list[Quote]]:
    """Copy number i of row k: perturbed text, maybe no title, two quotes (the same every run)."""
    rng = random.Random(i)
    row = rows[k]
    title = row["title"] if rng.random() < 0.8 else None
    a = Article(article_id=f"w{i:06d}", source=f"wikinews-replica#{i + 1}", content_hash="-",
                text=perturb(row["text"], rng), title=title, published=published, outlet=f"outlet{rng.randrange(40)}")
    return a, quotes_of(a, rng, SPEAKERS[k % len(SPEAKERS)])


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--wikinews", type=Path, default=WIKINEWS)
    args = parser.parse_args()
    rows = load_wikinews(args.wikinews)
    if not rows:
        print(f"{args.wikinews}: no Wikinews CSV rows; pass --wikinews DIR", file=sys.stderr)
        return 2
    specs = plan(rows, args.articles)
    print(f"{len(specs)} articles from {len(rows)} Wikinews reports, generated batch by batch; RSS {rss_mb():.0f} MB "
          f"before linking")
    checkpoints = {c for c in (args.articles // 4, args.articles // 2, args.articles)}
    linker = Linker()
    done, dups, quotes, link_s, started = 0, 0, 0, 0.0, time.perf_counter()
    stories: set[str] = set()
    print(f"{'articles':>9} {'art/s':>7} {'dups':>7} {'stories':>8} {'open':>6} {'stmts open':>10} "
          f"{'RSS MB':>7} {'peak MB':>8} {'state MB':>8}")
    for start in range(0, len(specs), args.batch):
        batch = [make(rows, *spec) for spec in specs[start:start + args.batch]]
        arts = [a for a, _ in batch]
        qs = [q for _, qq in batch for q in qq]
        t = time.perf_counter()
        linker.link(arts, qs)
        link_s += time.perf_counter() - t
        done += len(arts)
        quotes += len(qs)
        dups += sum(a.duplicate_of is not None for a in arts)
        stories.update(a.story_id for a in arts if a.story_id)
        if any(start < c <= start + len(batch) for c in checkpoints):
            state_mb = len(json.dumps(linker.to_state())) / 2**20
            print(f"{done:>9} {done / link_s:>7.0f} {dups:>7} {len(stories):>8} {len(linker.stories.active):>6} "
                  f"{len(linker.statements.known):>10} {rss_mb():>7.0f} {peak_mb():>8.0f} {state_mb:>8.1f}", flush=True)
    print(f"linked {done} articles and {quotes} quotes in {link_s:.0f} s of linking ({done / link_s:.0f} articles/s; "
          f"{time.perf_counter() - started:.0f} s with generation and state snapshots); peak RSS {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
