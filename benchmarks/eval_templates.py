"""Does learning per-outlet templates help the plain-text cleaner? Body P/R/F1 with templates off and on.

    .venv/bin/python benchmarks/eval_templates.py [--naeb DIR] [--limit N] [--min-docs 2]

Data: the NAEB pages (``shared/eval/naeb``: ``html/*.html.gz`` and gold bodies in ``articles.json``; two pages
from most sites). Each page is turned into the plain-text scrape a naive scraper would give: the whole page's
visible text through lxml, one block element per line, menus, footers and all. The outlet is the page's
domain. Scores are 4-word shingle sets of the cleaned text against the gold body, averaged per page.

Modes:
  raw scrape     the scrape itself, no cleaning (how much chrome there is to remove)
  rules only     the cleaner's rules alone, templates off (cold start: every page as if it were the first)
  one-pass       templates learned in one pass over every page, then every page cleaned
  incremental    pages in order, each cleaned with what it and the pages before it taught (as ingest does);
                 the right-hand columns score the pages whose site had a page before them
  warm-up        the last page of every site is learned first, then pages are cleaned incrementally; the
                 right-hand columns score the held-out pages (those not in the warm-up)

A site has two pages here, so a line can be seen in at most two articles: the templates run with
``min_docs=2`` (the default, 3, is for real corpora). Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from onrecord.clean.scrape import clean_scrape
from onrecord.clean.templates import OutletTemplates

NAEB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "naeb"
SKIP = "//script|//style|//noscript|//template|//svg|//iframe|//head|//object|//embed"
BLOCKS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 blockquote tr td th section article header footer nav aside ul ol figure "
    "figcaption main form table dd dt pre time label button option".split()
)
_WORD = re.compile(r"\w+")


def naive_scrape(html: str) -> str:
    """The page's visible text as a naive scraper gives it: one block element per line, nothing removed."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath(SKIP):
        if bad.getparent() is not None:
            bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return "\n".join(" ".join(line.split()) for line in root.text_content().split("\n") if line.strip())


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    """The set of n-word shingles of a text (lower case)."""
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


def prf(system: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the system text's shingles against the gold's."""
    s, g = shingles(system), shingles(gold)
    if not s or not g:
        return 0.0, 0.0, 0.0
    hit = len(s & g)
    p, r = hit / len(s), hit / len(g)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_pages(root: Path, limit: int | None) -> list[dict]:
    """Every NAEB page with a gold body: its scrape, gold body and domain, ordered by site then file name."""
    gold = json.loads((root / "articles.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(gold.items()):
        path = root / "html" / f"{key}.html.gz"
        if not path.exists() or not item.get("articleBody"):
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        domain = (urlparse(item.get("url") or item.get("site") or "").hostname or "").removeprefix("www.")
        pages.append({"key": key, "scrape": naive_scrape(html), "gold": item["articleBody"], "outlet": domain})
    pages.sort(key=lambda p: (p["outlet"], p["key"]))
    return pages[:limit] if limit else pages


def clean(page: dict, templates: OutletTemplates | None, learn: bool = True) -> str:
    """The cleaner's text for one page; with ``learn`` the page also teaches the templates (as ingest does)."""
    return clean_scrape(page["scrape"], container={"outlet": page["outlet"]}, templates=templates, learn=learn).text


def score(pages: list[dict], texts: list[str], only: list[bool] | None = None) -> tuple[float, float, float, int]:
    """Mean P, R, F1 over the pages (or the flagged subset), and how many pages were scored."""
    rows = [prf(t, p["gold"]) for n, (t, p) in enumerate(zip(texts, pages)) if only is None or only[n]]
    if not rows:
        return 0.0, 0.0, 0.0, 0
    return tuple(sum(r[i] for r in rows) / len(rows) for i in range(3)) + (len(rows),)  # type: ignore[return-value]


def one_pass(pages: list[dict], templates: OutletTemplates) -> list[str]:
    """Learn from every page first, then clean every page with what was learned."""
    for page in pages:
        clean(page, templates)
    return [clean(page, templates, learn=False) for page in pages]


def incremental(pages: list[dict], templates: OutletTemplates) -> tuple[list[str], list[bool]]:
    """Clean pages in order, each teaching the templates; flags mark pages whose site had an earlier page."""
    texts, flags = [], []
    for page in pages:
        flags.append(templates.articles(page["outlet"]) > 0)
        texts.append(clean(page, templates))
    return texts, flags


def warm_up(pages: list[dict], templates: OutletTemplates) -> tuple[list[str], list[bool]]:
    """Incremental after a warm-up on the last page of every site; flags mark the other (held-out) pages."""
    last = {page["outlet"]: n for n, page in enumerate(pages)}
    for n in last.values():
        clean(pages[n], templates)
    texts = [clean(page, templates) for page in pages]
    return texts, [last[page["outlet"]] != n for n, page in enumerate(pages)]


def report(name: str, pages: list[dict], texts: list[str], flags: list[bool] | None, rules: list[str]) -> str:
    """One table row: scores on every page, and on the flagged pages next to the rules' scores there."""
    p, r, f, n = score(pages, texts)
    row = f"{name:<13}{n:>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}"
    if flags is not None:
        wp, wr, wf, wn = score(pages, texts, flags)
        _, _, rf, _ = score(pages, rules, flags)
        row += f"   {wn:>5}{wp:>7.3f}{wr:>7.3f}{wf:>7.3f}  (rules F1 there {rf:.3f})"
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--naeb", type=Path, default=NAEB, help="NAEB directory (articles.json, html/)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--min-docs", type=int, default=2, help="articles a line must recur in to be a template")
    args = parser.parse_args(argv)
    if not (args.naeb / "articles.json").exists():
        print(f"no NAEB data at {args.naeb}: pass --naeb DIR (with articles.json and html/)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    pages = load_pages(args.naeb, args.limit)
    sites = len({p["outlet"] for p in pages})
    print(f"NAEB plain-text scrapes: {len(pages)} pages from {sites} sites (outlet = domain), min_docs={args.min_docs}")
    make = lambda: OutletTemplates(min_docs=args.min_docs)  # noqa: E731
    rules = [clean(page, None) for page in pages]
    print(f"{'mode':<13}{'pages':>6}{'P':>7}{'R':>7}{'F1':>7}   {'pages':>5}{'P':>7}{'R':>7}{'F1':>7}  (pages that had a same-site page before)")
    print(report("raw scrape", pages, [p["scrape"] for p in pages], None, rules))
    print(report("rules only", pages, rules, None, rules))
    print(report("one-pass", pages, one_pass(pages, make()), None, rules))
    print(report("incremental", pages, *incremental(pages, make()), rules))
    print(report("warm-up", pages, *warm_up(pages, make()), rules))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
