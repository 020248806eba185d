"""HTML pages: main text and metadata through trafilatura (with htmldate for dates)."""

from __future__ import annotations

from typing import Any

from .text import normalize_text


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Main text (paragraphs as lines) and the metadata trafilatura found in the page."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
    )
    if doc is None:
        return "", {}
    found = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = normalize_text(found.get("text") or "")
    meta = {
        "title": found.get("title"),
        "author": found.get("author"),
        "url": found.get("url"),
        "outlet": found.get("sitename"),
        "published": found.get("date"),
        "tags": [t for t in (found.get("tags") or []) + (found.get("categories") or []) if t],
        "language": found.get("language"),
    }
    return text, meta
