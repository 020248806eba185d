"""RSS and Atom feeds (files or URLs) via feedparser: one Document per entry, source ``FEED#N`` (1-based).

An entry's text is its full content when the feed carries it, else its summary; the entry's link goes to
``Document.url`` (the linked page is not fetched: pass the page URL itself to read the whole article).
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from onrecord.records import Document, SourceError
from onrecord.sources import messages
from onrecord.sources.detect import looks_like_markup
from onrecord.sources.options import SourceOptions

_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def read_feed(
    source: str, data: bytes, options: SourceOptions, headers: dict[str, str] | None = None
) -> Iterator[Document | SourceError]:
    """Every entry of an RSS/Atom feed as a Document; a feed that does not parse is one SourceError."""
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or {})  # a stream: bytes could be a path
    except Exception as error:  # feedparser trips over some damaged XML declarations
        reason = (str(error).splitlines() or [type(error).__name__])[0][:200]
        yield SourceError(source, f"not an RSS or Atom feed ({reason}); check the file or URL")
        return
    entries = parsed.get("entries") or []
    if not entries:
        yield SourceError(source, _empty_message(parsed))
        return
    channel = parsed.get("feed") or {}
    for number, entry in enumerate(entries, 1):
        yield _entry_document(f"{source}#{number}", entry, channel, options)


def _empty_message(parsed: Any) -> str:
    """Why a feed gave no entries, and what to do."""
    if not parsed.get("version"):
        error = parsed.get("bozo_exception") if parsed.get("bozo") else None
        reason = str(error).splitlines()[0][:200] if error else "no <rss> or <feed> element"
        return f"not an RSS or Atom feed ({reason}); check the file or URL"
    return "feed has no entries; nothing to ingest"


def _is_html(value: str, content_type: str) -> bool:
    """Whether entry text is markup: it holds tags, or is declared HTML and holds entity references."""
    return looks_like_markup(value) or ("html" in content_type and _ENTITY.search(value) is not None)


def _entry_text(entry: Any) -> tuple[str | None, bool]:
    """An entry's fullest text (content, else summary) and whether it is HTML."""
    candidates = [(c.get("value"), c.get("type")) for c in entry.get("content") or []]
    candidates.append((entry.get("summary"), (entry.get("summary_detail") or {}).get("type")))
    for value, content_type in candidates:
        if isinstance(value, str) and value.strip():
            return value, _is_html(value, str(content_type or ""))
    return None, False


def _iso(parsed: time.struct_time | None) -> str | None:
    """A UTC struct_time from feedparser as ``YYYY-MM-DDTHH:MM:SS+00:00``."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed) if parsed else None


def _entry_meta(entry: Any, channel: Any) -> dict[str, Any]:
    """Title, dates, author, tags, language and outlet of one entry (outlet: the feed's title)."""
    meta = {
        "title": entry.get("title"),
        "published": _iso(entry.get("published_parsed")) or entry.get("published"),
        "updated": _iso(dict.get(entry, "updated_parsed")) or dict.get(entry, "updated"),  # no fallback to published
        "author": entry.get("author"),
        "tags": [t["term"] for t in entry.get("tags") or [] if t.get("term")] or None,
        "language": (entry.get("title_detail") or {}).get("language") or channel.get("language"),
        "outlet": channel.get("title"),
        "url": entry.get("link"),
    }
    return {k: v for k, v in meta.items() if v}


def _entry_document(where: str, entry: Any, channel: Any, options: SourceOptions) -> Document | SourceError:
    """One feed entry as a Document, or a SourceError when it carries no text."""
    text, is_html = _entry_text(entry)
    if text is None:
        return SourceError(where, "feed entry has no content or summary; pass the entry's page URL to read the article")
    data = text.encode("utf-8", errors="replace")
    if len(data) > options.max_bytes:
        return SourceError(where, messages.too_large(len(data), options.max_bytes, "feed entry"))
    meta = _entry_meta(entry, channel)
    meta.update(options.base_meta())
    return Document(
        source=where,
        data=data,
        media_type="html" if is_html else "text",
        encoding="utf-8",
        url=meta.get("url"),
        meta=meta,
    )
