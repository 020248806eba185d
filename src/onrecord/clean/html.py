"""HTML pages: main text through trafilatura plus onrecord's pruning, metadata from JSON-LD, meta tags and htmldate.

    text, meta = extract_html(page_html)
    meta -> {"title", "author", "published", "updated", "outlet", "url", "tags", "language"} (keys with a value)

Each concern has its own module: ``html_page`` reads the page once, ``html_body`` finds and prunes the main
text, ``html_site`` names the publisher, ``html_title``, ``html_authors`` and ``html_dates`` choose metadata,
``html_patterns.toml`` holds every lexicon and threshold. ``benchmarks/eval_extraction.py`` measures the whole against trafilatura alone.
"""

from __future__ import annotations

from typing import Any

from . import html_body as body
from .html_authors import choose_authors
from .html_dates import choose_published, choose_updated
from .html_page import PageFacts, parse_page, read_facts
from .html_site import canonical_url, host_of, site_names
from .html_title import choose_title
from .text import normalize_text


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Main text (paragraphs as lines) and the metadata found in the page; ('', {}) when nothing is readable."""
    tree = parse_page(html)
    if tree is None:
        return "", {}
    facts = read_facts(tree)
    sites = site_names(facts, url)
    meta = page_metadata(facts, sites, url)
    text = main_text(facts, meta, url)
    return text, {k: v for k, v in meta.items() if v not in (None, "", [])}


def page_metadata(facts: PageFacts, sites: list[str], url: str | None) -> dict[str, Any]:
    """Title, authors, dates, outlet, URL, tags and language the page declares."""
    return {
        "title": choose_title(facts, sites),
        "author": choose_authors(facts, sites),
        "published": choose_published(facts),
        "updated": choose_updated(facts),
        "outlet": sites[0] if sites else None,  # og:site_name, else the JSON-LD publisher, ..., else the host
        "url": url or _declared_url(facts),
        "tags": _tags(facts),
        "language": _language(facts),
    }


def main_text(facts: PageFacts, meta: dict[str, Any], url: str | None) -> str:
    """The article text (``html_body.article_lines``), one paragraph per line."""
    return normalize_text("\n".join(body.article_lines(facts, meta, url)))


def _declared_url(facts: PageFacts) -> str | None:
    """The URL the page gives for itself (og:url or canonical link)."""
    found = canonical_url(facts)
    return found if host_of(found) else None


def _tags(facts: PageFacts) -> list[str]:
    """Keywords and sections from JSON-LD and article:tag / keywords meta tags."""
    raw: list[str] = []
    for obj in facts.articles:
        for key in ("keywords", "articleSection"):
            value = obj.get(key)
            raw.extend(value if isinstance(value, list) else str(value).split(",") if value else [])
    for key in ("article:tag", "article:section", "keywords", "news_keywords"):
        for value in facts.meta.get(key, []):
            raw.extend(value.split(","))
    return list(dict.fromkeys(t.strip() for t in map(str, raw) if t.strip() and len(t.strip()) <= 80))


def _language(facts: PageFacts) -> str | None:
    """The page's declared language as an ISO 639-1 code (<html lang>, og:locale, JSON-LD inLanguage)."""
    candidates = [facts.tree.get("lang") if facts.tree is not None else None]
    candidates += facts.meta.get("og:locale", [])[:1] + facts.meta.get("content-language", [])[:1]
    candidates += [str(o["inLanguage"]) for o in facts.articles if isinstance(o.get("inLanguage"), str)]
    for value in candidates:
        code = (value or "").strip().replace("_", "-").split("-")[0].lower()
        if len(code) == 2 and code.isalpha():
            return code
    return None
