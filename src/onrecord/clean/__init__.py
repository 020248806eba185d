"""Clean stage: raw `Document` → `Article` (main text and metadata), the same kind of Article for every input format.

HTML pages go through ``extract_html`` (html.py); plain-text scrapes through onrecord's own cleaner
(scrape.py: rule-based line classification, learned per-outlet templates, live blogs, repeated blocks).

    templates = OutletTemplates.from_state(saved)       # or OutletTemplates() on a fresh corpus
    article = clean_document(doc, templates)             # uses the templates and teaches them this document
    saved = templates.to_state()
"""

from __future__ import annotations

from typing import Any

from ..records import Article, Document, LiveEntry
from .dedupe import drop_exact_repeats
from .fallback import html_fragment_text
from .html import extract_html
from .metadata import finish_metadata
from .scrape import clean_scrape
from .templates import OutletTemplates

__all__ = ["clean_document", "CleanError", "OutletTemplates"]


class CleanError(ValueError):
    """A document that yields no article text; the message says what to do."""


def clean_document(doc: Document, templates: OutletTemplates | None = None) -> Article:
    """Turn one raw document into an Article; raises CleanError when neither text nor a title is left.

    A titled record whose body is only metadata (a dateline, a stub) is kept with empty text: the record
    exists, and a later edit of the source can fill it.

    With ``templates``, plain-text scrapes are cleaned with the outlet's learned templates and teach them
    their lines (HTML pages neither use nor teach them: their text comes out of a different extractor).
    """
    digest = doc.content_hash
    entries: list[LiveEntry] = []
    if doc.media_type == "html":
        text, found = _html_text(doc)
    else:
        result = clean_scrape(doc.text(), url=doc.url, container=doc.meta, templates=templates)
        text, found, entries = result.text, result.meta, result.entries
    if not text.strip() and not (found.get("title") or doc.meta.get("title")):
        raise CleanError("no article text found after cleaning; check that the file is a news article")
    article = Article(
        article_id=Article.make_id(doc.source, digest),
        source=doc.source,
        content_hash=digest,
        text=text,
        media_type=doc.media_type,
        encoding=doc.encoding,
        url=doc.url,
        byte_start=doc.byte_start,
        byte_end=doc.byte_end,
        entries=entries,
    )
    finish_metadata(article, container=doc.meta, extracted=found)
    return article


def _html_text(doc: Document) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page (a fragment's plain text when extraction finds none)."""
    text, found = extract_html(doc.text(), url=doc.url)
    if not text.strip():  # too small for main-text extraction: a feed summary, a stub page
        text = html_fragment_text(doc.text())
    return drop_exact_repeats(text), found
