"""HTML pages (files, fetched pages, WARC records): the raw bytes with their detected encoding."""

from __future__ import annotations

from onrecord.records import Document
from onrecord.sources.options import SourceOptions
from onrecord.sources.text import checked_encoding


def read_html(
    source: str,
    data: bytes,
    options: SourceOptions,
    url: str | None = None,
    charset: str | None = None,
    meta: dict[str, object] | None = None,
) -> Document:
    """An HTML document; malformed markup is fine here (cleaning copes), only empty or binary data is refused.

    ``charset`` is the one an HTTP header declared; it is trusted after a BOM and strict UTF-8 fail.
    """
    encoding = checked_encoding(source, data, html=True, declared=charset)
    extra = dict(meta or {})
    if url:
        extra.setdefault("url", url)
    return Document(
        source=source,
        data=data,
        media_type="html",
        encoding=encoding,
        url=url,
        meta={**extra, **options.base_meta()},
    )
