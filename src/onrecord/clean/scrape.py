"""Plain-text scrapes → article text (one paragraph per line), live-blog entries and the metadata the text holds.

    result = clean_scrape(raw, url=None, container={}, templates=None)
    result.text, result.meta, result.entries

Steps: split and classify lines by rule (lines.py, chrome.toml); name the outlet (outlets.py); let learned
per-outlet templates drop recurring lines (templates.py); find the body, the title and any live blog
(structure.py, liveblog.py); drop teasers, menus, the footer and repeated blocks (dedupe.py); read the
metadata (scrape_meta.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records import LiveEntry
from .dedupe import drop_repeats
from .lines import CHROME, TEXT, Line, classify, split_lines
from .liveblog import LiveBlog, entry_times, find_liveblog, stamp_of
from .outlets import find_outlet
from .scrape_meta import doc_zone, locale_language, scrape_author, scrape_dates, scrape_tags, scrape_url, signature_date
from .structure import body_start, choose_title, drop_title_copies, mark_teasers, prune_short_lines
from .templates import OutletTemplates


@dataclass
class CleanScrape:
    """What the plain-text cleaner found: the article text, its metadata, live-blog entries, and every line."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    entries: list[LiveEntry] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def clean_scrape(
    raw: str,
    url: str | None = None,
    container: dict[str, Any] | None = None,
    templates: OutletTemplates | None = None,
    learn: bool = True,
) -> CleanScrape:
    """Clean one plain-text scrape; ``container`` metadata (CSV/JSONL columns) names the outlet and date first.

    With ``templates``, the outlet's learned templates drop recurring lines, and (unless ``learn`` is False)
    the scrape's lines are counted first, so the corpus teaches the templates as it is cleaned.
    """
    container = container or {}
    lines = classify(split_lines(raw))
    page_url = url or container.get("url") or scrape_url(lines)
    outlet = container.get("outlet") or find_outlet(page_url, lines)
    if templates is not None:
        if learn:
            templates.observe(outlet, [l.raw for l in lines])
        apply_templates(lines, templates, outlet)
    drop_repeats(lines, exact=False)
    start = body_start(lines)
    title = choose_title(lines, start)
    live = find_liveblog(lines, (title.index + 1) if title else 0)
    if live:
        start = min(start, live.stamps[0])
    mark_teasers(lines, start)
    meta = _metadata(lines, start, outlet, page_url, title.text if title else None)
    prune_short_lines(lines, start, live.region() if live else set())
    drop_title_copies(lines, title.text if title else None)
    drop_repeats(lines)
    entries = _entries(lines, live, container.get("published") or meta.get("published")) if live else []
    _date_by_entries(meta, entries)
    text = "\n".join(l.text for l in lines if l.kind == TEXT)
    return CleanScrape(text=text, meta={k: v for k, v in meta.items() if v not in (None, "", [])}, entries=entries, lines=lines)


def apply_templates(lines: list[Line], templates: OutletTemplates, outlet: str | None) -> None:
    """Drop text lines the outlet's learned templates know as chrome."""
    for line in lines:
        if line.kind == TEXT and templates.is_chrome(outlet, line.raw):
            line.drop(CHROME, "template")


def _metadata(lines: list[Line], start: int, outlet: str | None, url: str | None, title: str | None) -> dict[str, Any]:
    """Title, outlet, URL, dates, author, tags and a language hint found in the scrape."""
    published, updated = scrape_dates(lines, start)
    return {
        "title": title,
        "outlet": outlet,
        "url": url,
        "published": published.iso() if published else signature_date(lines, start),
        "updated": updated.iso() if updated else None,
        "author": scrape_author(lines, start, outlet, title),
        "tags": scrape_tags(lines, start),
        "language_hint": locale_language(lines),
    }


def _entries(lines: list[Line], live: LiveBlog, published: Any) -> list[LiveEntry]:
    """One entry per stamp: its resolved time and the kept text lines up to the next stamp."""
    on = _day_of(published)
    stamps = [stamp_of(lines[i]) for i in live.stamps]
    times = entry_times([s for s in stamps if s], on, doc_zone(lines))
    entries = []
    for n, i in enumerate(live.stamps):
        end = live.stamps[n + 1] if n + 1 < len(live.stamps) else live.end
        text = "\n".join(l.text for l in lines[i + 1 : end] if l.kind == TEXT)
        entries.append(LiveEntry(time=times[n], text=text))
    return entries


def _date_by_entries(meta: dict[str, Any], entries: list[LiveEntry]) -> None:
    """A live blog with no dateline of its own is published at its first entry and updated at its last."""
    times = sorted(e.time for e in entries if e.time)
    if times:
        meta["published"] = meta.get("published") or times[0]
        meta["updated"] = meta.get("updated") or (times[-1] if times[-1] != times[0] else None)


def _day_of(value: Any) -> date | None:
    """The calendar day of an ISO date or date-time string, or None."""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
