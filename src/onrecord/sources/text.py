"""Plain-text files: the raw bytes with their detected encoding."""

from __future__ import annotations

from onrecord.records import Document, SourceError
from onrecord.sources import messages
from onrecord.sources.detect import binary_reason, detect_encoding, is_blank
from onrecord.sources.options import SourceOptions


def checked_encoding(source: str, data: bytes, html: bool = False, declared: str | None = None) -> str:
    """The encoding of a whole text/HTML document, refusing empty and binary data with a SourceError."""
    if not data.strip():
        raise SourceError(source, messages.EMPTY)
    reason = binary_reason(data[:65536])
    if reason:
        raise SourceError(source, messages.binary(reason))
    encoding = detect_encoding(data, html=html, declared=declared)
    if is_blank(data, encoding):
        raise SourceError(source, messages.EMPTY)
    return encoding


def read_text(source: str, data: bytes, options: SourceOptions) -> Document:
    """A plain-text document: ``data`` kept as is, its encoding recorded."""
    encoding = checked_encoding(source, data)
    return Document(source=source, data=data, media_type="text", encoding=encoding, meta=options.base_meta())
