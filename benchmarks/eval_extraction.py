"""HTML extraction quality and speed on NAEB: onrecord's ``extract_html`` against trafilatura alone, same run.

Data: ``../shared/eval/naeb`` — ``articles.json`` (key → title, authors, date, articleBody, site, url) and the
pages as ``html/<key>.html.gz``. Pages are read the way ``onrecord ingest`` reads a local HTML file
(``sources.html.read_html``: no URL known), and both systems get the same decoded string.

Split: a key is "dev" when the first 8 hex digits of sha256(key) are even, else "test" — fixed and
deterministic. Tune generic rules on dev; quote test. Without ``--split`` dev, test and all are printed.

Metrics (per document, then averaged over the documents of the split):

* body, AEB convention — the scrapinghub article-extraction-benchmark ``evaluate.py``: tokens are ``\\w+``
  matches (case kept), shingles are 4 consecutive tokens counted as a multiset (a text shorter than 4 tokens
  is one shingle); per doc tp/fp/fn; precision is averaged over docs where the system output is non-empty,
  recall over docs where gold is non-empty (an empty output counts as recall 0); F1 is the harmonic mean of
  the averaged precision and recall. (Written from that script's published logic; this repo does not vendor
  it. The issue's targets — F1 >= 0.96, newspaper4k's published 0.903 — are quoted in this convention.)
* body, strict — lowercased ``\\w+`` tokens, 4-shingles as a set, P = |sys∩gold|/|sys|, R = |sys∩gold|/|gold|,
  F1 per document; an empty output scores P = R = F1 = 0; P, R and F1 are each the mean over all docs.
* title — exact match after: Unicode NFKC, curly single/double quotes to straight ones, whitespace collapsed,
  ends stripped. Nothing else (case, dashes and punctuation must match).
* date — the system's published date (first 10 characters, YYYY-MM-DD: the day in the time zone the page
  wrote) equals gold ``date``. "date (day, UTC)" compares the day after ``clean.metadata.normalize_datetime``,
  i.e. as an Article stores it. Below each table, onrecord's wrong dates are sorted by what gold holds
  instead: the page's dateModified, the same month and day in another year, or a day next to ours.
* author F1 — gold ``authors`` is split on ',', ';' and '|'; the system's author string on ';' (onrecord and
  trafilatura both join several names with '; '). Names are NFKC-normalised, lowercased, whitespace-collapsed;
  academic degree pieces (Ph.D., MD...) are dropped on both sides. Per doc: set F1; empty gold and empty
  system output = 1.0, exactly one of them empty = 0.0. Also printed: the mean over docs with non-empty gold.
* speed — the whole split extracted 3 times by each system (interleaved), median wall time → articles/second;
  onrecord's figure is ``extract_html`` alone (metadata included), trafilatura's is ``bare_extraction`` with
  ``with_metadata=True`` and otherwise default settings.

usage: python benchmarks/eval_extraction.py [--split dev|test|all] [--repeat 3] [--misses N] [--no-speed]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
NAEB = REPO.parent / "shared" / "eval" / "naeb"
sys.path.insert(0, str(REPO / "src"))

from onrecord.clean.html import extract_html  # noqa: E402
from onrecord.clean.metadata import normalize_datetime  # noqa: E402
from onrecord.sources.html import read_html  # noqa: E402
from onrecord.sources.options import SourceOptions  # noqa: E402

_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})
_DEGREE = re.compile(r"^(ph\.? ?d\.?|m\.?d\.?|mba|m\.?sc?\.?|b\.?a\.?|esq\.?|rn)$")


@dataclass(slots=True)
class Page:
    """One NAEB page and its gold record."""

    key: str
    html: str
    gold: dict[str, Any]


@dataclass(slots=True)
class Output:
    """What a system returned for one page."""

    text: str
    title: str | None
    published: str | None
    author: str | None
    updated: str | None = None


def split_of(key: str) -> str:
    """'dev' or 'test', fixed by the key's sha256."""
    return "dev" if int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 2 == 0 else "test"


def load_pages(root: Path = NAEB) -> list[Page]:
    """Every page decoded as onrecord decodes a local HTML file."""
    gold = json.loads((root / "articles.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(gold):
        data = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        doc = read_html(f"naeb/{key}.html", data, SourceOptions())
        pages.append(Page(key, doc.text(), gold[key]))
    return pages


def run_onrecord(html: str) -> Output:
    """onrecord's HTML cleaning."""
    text, meta = extract_html(html)
    return Output(text, meta.get("title"), meta.get("published"), meta.get("author"), meta.get("updated"))


def run_trafilatura(html: str) -> Output:
    """trafilatura alone: bare_extraction with default settings plus metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return Output("", None, None, None)
    return Output(doc.text or "", doc.title, doc.date, doc.author)


# --- body -------------------------------------------------------------------------------------------


def _shingles(text: str, lower: bool, n: int = 4) -> list[tuple[str, ...]]:
    """4-token shingles of a text (a shorter text is one shingle; an empty one has none)."""
    tokens = _WORD.findall(text.lower() if lower else text)
    return [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]]


def aeb_counts(gold: str, system: str) -> tuple[int, int, int]:
    """tp, fp, fn of multiset shingles, as in the article-extraction-benchmark."""
    g, s = Counter(_shingles(gold, False)), Counter(_shingles(system, False))
    tp = sum((g & s).values())
    return tp, sum(s.values()) - tp, sum(g.values()) - tp


def aeb_scores(counts: list[tuple[int, int, int]]) -> tuple[float, float, float]:
    """Mean precision (non-empty outputs), mean recall (non-empty gold), F1 of the two means."""

    def ratio(tp: int, other: int, fp: int, fn: int) -> float:
        if fp == fn == 0:
            return 1.0
        return tp / (tp + other) if tp + other else 0.0

    ps = [ratio(tp, fp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    rs = [ratio(tp, fn, fp, fn) for tp, fp, fn in counts if tp + fn > 0]
    p, r = (statistics.mean(ps) if ps else 0.0), (statistics.mean(rs) if rs else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def strict_prf(gold: str, system: str) -> tuple[float, float, float]:
    """Set-of-shingles P, R, F1 for one document; empty output scores 0."""
    g, s = set(_shingles(gold, True)), set(_shingles(system, True))
    if not s or not g:
        return 0.0, 0.0, 0.0
    both = len(g & s)
    p, r = both / len(s), both / len(g)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- metadata ---------------------------------------------------------------------------------------


def norm_title(value: str | None) -> str:
    """NFKC, straight quotes, collapsed whitespace."""
    return " ".join(unicodedata.normalize("NFKC", value or "").translate(_QUOTES).split())


def author_set(value: str | None, seps: str) -> set[str]:
    """Normalised author names of a string split on the given separators."""
    parts = re.split(f"[{re.escape(seps)}]", unicodedata.normalize("NFKC", value or ""))
    names = {" ".join(p.lower().split()) for p in parts}
    return {n for n in names if n and not _DEGREE.match(n)}


def author_f1(gold: str, system: str | None) -> float:
    """Set F1 of author names; both empty = 1."""
    g, s = author_set(gold, ",;|"), author_set(system, ";")
    if not g and not s:
        return 1.0
    both = len(g & s)
    return 2 * both / (len(g) + len(s)) if both else 0.0


@dataclass(slots=True)
class Scores:
    """Averaged scores of one system on one split."""

    aeb: tuple[float, float, float]
    strict: tuple[float, float, float]
    title: float
    date: float
    date_utc: float
    author: float
    author_nonempty: float
    empty: int


def score(pages: list[Page], outputs: dict[str, Output]) -> Scores:
    """All metrics of one system over some pages."""
    counts, stricts, titles, dates, dates_utc, authors, authors_ne = [], [], [], [], [], [], []
    for page in pages:
        out, gold = outputs[page.key], page.gold
        counts.append(aeb_counts(gold["articleBody"], out.text))
        stricts.append(strict_prf(gold["articleBody"], out.text))
        titles.append(norm_title(out.title) == norm_title(gold["title"]))
        dates.append((out.published or "")[:10] == gold["date"])
        dates_utc.append((normalize_datetime(out.published) or "")[:10] == gold["date"])
        a = author_f1(gold["authors"], out.author)
        authors.append(a)
        if author_set(gold["authors"], ",;|"):
            authors_ne.append(a)
    mean = statistics.mean
    return Scores(
        aeb=aeb_scores(counts),
        strict=(mean(s[0] for s in stricts), mean(s[1] for s in stricts), mean(s[2] for s in stricts)),
        title=mean(titles),
        date=mean(dates),
        date_utc=mean(dates_utc),
        author=mean(authors),
        author_nonempty=mean(authors_ne) if authors_ne else 0.0,
        empty=sum(1 for page in pages if not outputs[page.key].text.strip()),
    )


def print_table(name: str, n: int, rows: dict[str, Scores]) -> None:
    """One split's figures, one column per system."""
    print(f"\n== {name} ({n} pages)")
    print(f"{'':28}" + "".join(f"{k:>14}" for k in rows))
    lines: list[tuple[str, Callable[[Scores], float | int]]] = [
        ("body F1 (AEB)", lambda s: s.aeb[2]),
        ("body precision (AEB)", lambda s: s.aeb[0]),
        ("body recall (AEB)", lambda s: s.aeb[1]),
        ("body F1 (strict)", lambda s: s.strict[2]),
        ("body precision (strict)", lambda s: s.strict[0]),
        ("body recall (strict)", lambda s: s.strict[1]),
        ("empty outputs", lambda s: s.empty),
        ("title exact", lambda s: s.title),
        ("date accuracy (day)", lambda s: s.date),
        ("date accuracy (day, UTC)", lambda s: s.date_utc),
        ("author F1", lambda s: s.author),
        ("author F1 (gold non-empty)", lambda s: s.author_nonempty),
    ]
    for label, get in lines:
        cells = [get(s) for s in rows.values()]
        print(f"{label:28}" + "".join(f"{c:>14}" if isinstance(c, int) else f"{c:>14.3f}" for c in cells))


def date_misses(pages: list[Page], outputs: dict[str, Output]) -> dict[str, int]:
    """onrecord's wrong dates sorted by what the gold date is instead."""
    found = {"wrong": 0, "gold = page's dateModified": 0, "gold differs in the year only": 0, "off by one day": 0}
    for page in pages:
        out, gold = outputs[page.key], page.gold["date"]
        ours = (out.published or "")[:10]
        if ours == gold:
            continue
        found["wrong"] += 1
        if (out.updated or "")[:10] == gold:
            found["gold = page's dateModified"] += 1
        elif len(ours) == 10 and ours[4:] == gold[4:]:
            found["gold differs in the year only"] += 1
        elif _days_apart(ours, gold) == 1:
            found["off by one day"] += 1
    return found


def _days_apart(a: str, b: str) -> int | None:
    """Absolute difference in days of two ISO dates, None if either is not one."""
    from datetime import date

    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return None


def time_systems(pages: list[Page], systems: dict[str, Callable[[str], Output]], repeat: int) -> dict[str, float]:
    """Median wall time (s) of each system over the pages, runs interleaved."""
    runs: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(repeat):
        for name, fn in systems.items():
            start = time.perf_counter()
            for page in pages:
                fn(page.html)
            runs[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in runs.items()}


def print_misses(pages: list[Page], outputs: dict[str, Output], limit: int) -> None:
    """The worst bodies and every wrong title, date and author (for tuning on dev)."""
    worst = sorted(pages, key=lambda p: strict_prf(p.gold["articleBody"], outputs[p.key].text)[2])[:limit]
    print("\n-- lowest body F1 (strict): key F1 P R")
    for p in worst:
        f = strict_prf(p.gold["articleBody"], outputs[p.key].text)
        print(f"  {p.key} {f[2]:.3f} {f[0]:.3f} {f[1]:.3f} {p.gold['url']}")
    for label, gold_key, get, same in (
        ("title", "title", lambda o: o.title, lambda g, s: norm_title(g) == norm_title(s)),
        ("date", "date", lambda o: o.published, lambda g, s: (s or "")[:10] == g),
        ("author", "authors", lambda o: o.author, lambda g, s: author_f1(g, s) == 1.0),
    ):
        print(f"\n-- wrong {label}: key | gold | system")
        for p in pages:
            value = get(outputs[p.key])
            if not same(p.gold[gold_key], value):
                print(f"  {p.key} | {p.gold[gold_key]!r} | {value!r}")


def main(argv: list[str] | None = None) -> None:
    """Score both systems on the chosen split(s) and time them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], help="one split only (default: dev, test, all)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the pages (median is kept)")
    parser.add_argument("--misses", type=int, default=0, help="print the N worst bodies and every metadata miss")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing passes")
    parser.add_argument("--naeb", type=Path, default=NAEB, help="NAEB directory")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    import logging

    logging.disable(logging.WARNING)
    pages = load_pages(args.naeb)
    if args.split in ("dev", "test"):
        pages = [p for p in pages if split_of(p.key) == args.split]
    systems = {"onrecord": run_onrecord, "trafilatura": run_trafilatura}
    outputs = {name: {p.key: fn(p.html) for p in pages} for name, fn in systems.items()}
    groups = {args.split: pages} if args.split else {
        "dev": [p for p in pages if split_of(p.key) == "dev"],
        "test": [p for p in pages if split_of(p.key) == "test"],
        "all": pages,
    }
    for name, group in groups.items():
        print_table(name, len(group), {k: score(group, outputs[k]) for k in systems})
        misses = date_misses(group, outputs["onrecord"])
        print("  onrecord date misses: " + ", ".join(f"{k} {v}" for k, v in misses.items()))
    if args.misses:
        print_misses(pages, outputs["onrecord"], args.misses)
    if not args.no_speed:
        seconds = time_systems(pages, systems, args.repeat)
        rates = {k: len(pages) / s for k, s in seconds.items()}
        print(f"\n== speed ({len(pages)} pages, median of {args.repeat} passes)")
        for k, r in rates.items():
            print(f"{k:28}{r:>14.1f} articles/s")
        print(f"{'onrecord / trafilatura':28}{rates['onrecord'] / rates['trafilatura']:>14.2f}")


if __name__ == "__main__":
    main()
