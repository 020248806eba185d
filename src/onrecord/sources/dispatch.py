"""Choosing the reader for an input (by name, then by its first bytes) and turning every failure into a SourceError."""

from __future__ import annotations

import gzip
import io
import posixpath
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

from onrecord.records import Document, SourceError
from onrecord.sources import messages, patterns
from onrecord.sources.detect import GZIP_MAGIC, binary_reason, kind_from_name, sniff_kind
from onrecord.sources.feeds import read_feed
from onrecord.sources.html import read_html
from onrecord.sources.options import SourceOptions
from onrecord.sources.paths import Input, opened, read_head, read_whole
from onrecord.sources.tabular import read_csv, read_json, read_jsonl
from onrecord.sources.text import read_text
from onrecord.sources.warc import read_warc
from onrecord.sources.web import Fetched, WebClient

Item = Document | SourceError
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Pass items through, turning any exception into a final SourceError for ``source``."""
    try:
        yield from items
    except SourceError as error:
        yield error
    except Exception as error:  # iter_documents must never raise on bad input
        yield SourceError(source, messages.unreadable(error))


def read_input(inp: Input, options: SourceOptions) -> Iterator[Item]:
    """Every document of one file-like input; gzip and OS failures become SourceErrors after what was read."""
    gz = False
    try:
        gz = _is_gzip(inp)
        kind = _resolve_kind(inp, gz)
        yield from _read_kind(inp, kind, gz, options)
    except SourceError as error:
        yield error
    except _GZIP_ERRORS as error:
        if not gz:
            raise
        yield SourceError(inp.source, messages.bad_gzip(_gzip_detail(error)))


def _gzip_detail(error: BaseException) -> str:
    """A short reason for a gzip failure."""
    if isinstance(error, EOFError):
        return "it ends before the end of the compressed stream"
    return str(error).splitlines()[0][:120] or type(error).__name__


def _is_gzip(inp: Input) -> bool:
    """Whether an input is gzip, by its ``.gz`` name or its magic bytes."""
    if kind_from_name(inp.name)[1]:
        return True
    with inp.opener() as stream:
        return stream.read(2) == GZIP_MAGIC


def _resolve_kind(inp: Input, gz: bool) -> str:
    """The reader kind of an input, refusing empty and binary data."""
    head = read_head(inp, gz)
    if len(head) < patterns.HEAD_BYTES and not head.strip():
        if gz:
            read_whole(inp, gz, patterns.HEAD_BYTES)  # a damaged gzip that gave nothing raises its error here
        raise SourceError(inp.source, messages.EMPTY)
    kind = kind_from_name(inp.name)[0] or sniff_kind(head)
    if kind == "warc" and not head.startswith(b"WARC/"):
        raise SourceError(inp.source, messages.NOT_WARC)
    reason = None if kind == "warc" else binary_reason(head)
    if reason:
        raise SourceError(inp.source, messages.binary(reason))
    return kind


def _read_kind(inp: Input, kind: str, gz: bool, options: SourceOptions) -> Iterator[Item]:
    """Hand an input to the reader of its kind."""
    source = inp.source
    if kind in ("text", "html"):
        data = read_whole(inp, gz, options.max_bytes)
        yield read_text(source, data, options) if kind == "text" else read_html(source, data, options)
    elif kind in ("jsonl", "csv", "tsv"):
        with opened(inp, gz) as stream:
            if kind == "jsonl":
                yield from read_jsonl(source, stream, options)
            else:
                yield from read_csv(source, stream, options, "\t" if kind == "tsv" else ",")
    elif kind == "warc":
        with opened(inp, False) as raw:
            yield from read_warc(source, raw, options)
    elif kind == "json":
        yield from read_json(source, _container(inp, gz, options, "JSON file"), options)
    elif kind == "feed":
        yield from read_feed(source, _container(inp, gz, options, "feed"), options)


def _container(inp: Input, gz: bool, options: SourceOptions, what: str) -> bytes:
    """A file read whole to be split into documents (a JSON array, a feed), within 50 times --max-bytes."""
    try:
        return read_whole(inp, gz, options.container_limit, what)
    except SourceError:
        if what != "JSON file":
            raise
        raise SourceError(inp.source, messages.json_too_big(options.container_limit)) from None


def read_url(url: str, options: SourceOptions, web: WebClient) -> Iterator[Item]:
    """Every document behind a URL: a page, the entries of a feed, or the rows of a file it serves."""
    try:
        fetched = web.fetch(url)
    except SourceError as error:
        yield error
        return
    head = fetched.data[: patterns.HEAD_BYTES]
    if fetched.content_type in patterns.FEED_CONTENT_TYPES or _looks_like_feed(head):
        yield from read_feed(url, fetched.data, options, fetched.headers)
    elif fetched.content_type in ("text/html", "application/xhtml+xml") or sniff_kind(head) == "html":
        yield from _page(url, fetched, options)
    else:
        yield from read_input(_fetched_input(url, fetched), options)


def _looks_like_feed(head: bytes) -> bool:
    """Whether a response body starts like RSS or Atom."""
    return not head.startswith(GZIP_MAGIC) and sniff_kind(head) == "feed"


def _page(url: str, fetched: Fetched, options: SourceOptions) -> Iterator[Item]:
    """A fetched HTML page as one Document (source: the URL as given; url: the final URL)."""
    fetched_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    try:
        yield read_html(
            url, fetched.data, options, url=fetched.url, charset=fetched.charset, meta={"fetched": fetched_at}
        )
    except SourceError as error:
        yield error


def _fetched_input(url: str, fetched: Fetched) -> Input:
    """A fetched body as an input named after the URL's last path segment (so .jsonl, .csv.gz... are read right)."""
    name = posixpath.basename(urlsplit(fetched.url).path)
    data = fetched.data
    return Input(source=url, name=name, opener=lambda: io.BytesIO(data), size=len(data))
