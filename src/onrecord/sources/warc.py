"""WARC archives (``.warc``, ``.warc.gz``): one Document per HTML page that was fetched with success.

Record N in ``PATH#N`` counts *all* records of the file (warcinfo, request, response, metadata...), 1-based,
so it points at a real record: ``warcio index`` or any WARC tool lists the same order. Only ``response``
records with HTTP status 200 (or none) and an HTML content type become Documents. ``byte_start``/``byte_end``
are the record's offsets in the file as stored (compressed offsets for ``.warc.gz``).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from onrecord.records import Document, SourceError
from onrecord.sources import messages
from onrecord.sources.detect import GZIP_MAGIC
from onrecord.sources.html import read_html
from onrecord.sources.options import SourceOptions

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]  # warcio has no type hints
    """warcio's record iterator without its stderr warnings: damage is reported as a SourceError instead."""

    INC_RECORD = ""


class _TruncatedError(Exception):
    """The file ends inside a record."""


def read_warc(source: str, stream: BinaryIO, options: SourceOptions) -> Iterator[Document | SourceError]:
    """Every successful HTML response in a WARC; a truncated file yields what it could read, then one error."""
    records = _QuietArchiveIterator(stream)
    number, start, end = 0, 0, 0
    try:
        for number, record in enumerate(records, 1):
            page = _page(f"{source}#{number}", record, options)
            start = records.get_record_offset()  # reads the record to its end
            end = start + records.get_record_length()
            if _cut_short(record):
                raise _TruncatedError(f"record {number} is cut off")
            if isinstance(page, Document):
                page.byte_start, page.byte_end = start, end
            if page is not None:
                yield page
        _check_tail(stream, start, end, number)
    except Exception as error:  # warcio raises many kinds of errors on damaged input
        yield SourceError(source, _broken_message(number, error))


def _cut_short(record: Any) -> bool:
    """Whether a record lacks its Content-Length (a cut-off header) or ended before it (warcio does not complain)."""
    raw = record.raw_stream
    if record.rec_headers.get_header("Content-Length") is None:
        return True
    return isinstance(raw, LimitReader) and raw.limit > 0


def _check_tail(stream: BinaryIO, start: int, end: int, number: int) -> None:
    """Raise _TruncatedError when the last record's gzip member is incomplete or a cut-off record follows it."""
    stream.seek(start)
    if stream.read(2) == GZIP_MAGIC:
        stream.seek(start)
        if not _member_complete(stream):
            raise _TruncatedError(f"it ends inside record {number} or a cut-off record after it")
        return
    stream.seek(end)
    if stream.read(65536).strip():
        raise _TruncatedError(f"it ends inside the header of the record after record {number}")


def _member_complete(stream: BinaryIO) -> bool:
    """Whether the gzip member at the stream's position ends properly and nothing but whitespace follows it."""
    member = zlib.decompressobj(wbits=31)
    leftover = b""
    while chunk := stream.read(1 << 20):
        if member.eof:
            leftover += chunk[:65536]
        else:
            member.decompress(chunk, 1 << 16)
            while member.unconsumed_tail and not member.eof:
                member.decompress(member.unconsumed_tail, 1 << 16)
            leftover = member.unused_data
        if leftover.strip():
            return False
    return member.eof


def _broken_message(number: int, error: BaseException) -> str:
    """Why a WARC stopped being readable, and what to do."""
    if isinstance(error, _TruncatedError):
        detail = str(error)
    elif isinstance(error, ArchiveLoadFailed) and str(error).strip():
        detail = f"{str(error).strip().splitlines()[0][:160]}, after record {number}"
    else:
        detail = f"a damaged record after record {number}"
    if number == 0:
        first = str(error).strip().splitlines()[0][:160] if str(error).strip() else type(error).__name__
        return f"not a readable WARC file ({first}); pass a .warc or .warc.gz file as written by a crawler"
    return f"WARC file is truncated or corrupt ({detail}); the pages before that were read, re-download it for the rest"


def _is_html_response(record: Any) -> bool:
    """Whether a WARC record is a response holding an HTML page fetched with status 200."""
    if record.rec_type != "response":
        return False
    http = record.http_headers
    if http is None:
        return _html_type(record.rec_headers.get_header("Content-Type"))
    status = http.get_statuscode()
    return (not status or status == "200") and _html_type(http.get_header("Content-Type"))


def _html_type(content_type: str | None) -> bool:
    """Whether a content type is HTML."""
    if not content_type:
        return False
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _charset(record: Any) -> str | None:
    """The charset the HTTP Content-Type of a record declares."""
    content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _page(where: str, record: Any, options: SourceOptions) -> Document | SourceError | None:
    """The Document of one record, a SourceError for an unusable page, or None for records that are not pages."""
    if not _is_html_response(record):
        return None
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return SourceError(where, messages.too_large(None, options.max_bytes, "page"))
    url = record.rec_headers.get_header("WARC-Target-URI")
    meta = {"fetched": record.rec_headers.get_header("WARC-Date")}
    try:
        return read_html(
            where, data, options, url=url, charset=_charset(record), meta={k: v for k, v in meta.items() if v}
        )
    except SourceError as error:
        return error
