"""Readers that turn inputs (files, directories, stdin, URLs) into raw ``Document``s with provenance.

    for item in iter_documents(["articles/", "dump.jsonl.gz", "https://example.org/feed.xml"]):
        if isinstance(item, SourceError):
            print(item)  # "dump.jsonl.gz#7: invalid JSON (...); fix or remove that line"

Formats: plain text, HTML, JSONL / JSON / CSV / TSV (one document per row), WARC, RSS/Atom, each file
optionally gzip-compressed; a URL is fetched (robots.txt respected) and read by its content type.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from onrecord.records import Document, SourceError
from onrecord.sources.dispatch import guarded, read_input, read_url
from onrecord.sources.options import CANONICAL_FIELDS, SourceOptions
from onrecord.sources.paths import expand, is_url
from onrecord.sources.web import WebClient

__all__ = ["CANONICAL_FIELDS", "Document", "SourceError", "SourceOptions", "iter_documents"]


def iter_documents(
    inputs: Iterable[str | os.PathLike[str]], options: SourceOptions | None = None, *, stdin: BinaryIO | None = None
) -> Iterator[Document | SourceError]:
    """Yield every document of every input in order; a bad input (or row) yields a SourceError and iteration goes on.

    ``stdin`` replaces ``sys.stdin.buffer`` for the input ``-`` (tests pass a BytesIO).
    """
    options = options or SourceOptions()
    with WebClient(options) as web:
        for given in inputs:
            raw = os.fspath(given) if isinstance(given, os.PathLike) else str(given)
            yield from guarded(raw, _read_one(raw, options, web, stdin))


def _read_one(
    raw: str, options: SourceOptions, web: WebClient, stdin: BinaryIO | None
) -> Iterator[Document | SourceError]:
    """The documents of one input as given."""
    if is_url(raw):
        yield from read_url(raw, options, web)
        return
    for item in expand(raw, stdin):
        if isinstance(item, SourceError):
            yield item
        else:
            yield from guarded(item.source, read_input(item, options))
