"""Clean stage: raw `Document` → `Article` (main text and metadata), the same kind of Article for every input format."""

from __future__ import annotations

from ..records import Article, Document
from .fallback import html_fragment_text
from .html import extract_html
from .metadata import finish_metadata
from .text import normalize_text

__all__ = ["clean_document", "CleanError"]


class CleanError(ValueError):
    """A document that yields no article text; the message says what to do."""


def clean_document(doc: Document) -> Article:
    """Turn one raw document into an Article; raises CleanError when no text is left."""
    digest = doc.content_hash
    if doc.media_type == "html":
        text, found = extract_html(doc.text(), url=doc.url)
        if not text.strip():  # too small for main-text extraction: a feed summary, a stub page
            text = html_fragment_text(doc.text())
    else:
        text, found = normalize_text(doc.text()), {}
    if not text.strip():
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
    )
    finish_metadata(article, container=doc.meta, extracted=found)
    return article
