"""Property: no bytes, under any name, make iter_documents raise; it yields Documents or SourceErrors."""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.records import Document, SourceError
from onrecord.sources import SourceOptions, iter_documents

NAMES = [
    "a.txt",
    "a.html",
    "a.jsonl",
    "a.json",
    "a.csv",
    "a.tsv",
    "a.warc",
    "a.xml",
    "a",
    "a.txt.gz",
    "a.warc.gz",
    "a.jsonl.gz",
    "a.csv.gz",
    "a.gz",
]
PREFIXES = [
    b"",
    b"WARC/1.0\r\n",
    b"WARC/1.0\r\nContent-Length: 5\r\n\r\n",
    b"<rss version='2.0'><channel><item>",
    b"<html><body>",
    b'{"text": ',
    b'[{"text": "a"}, ',
    b"url,text\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x1f\x8b\x08\x00",
]


def check(items: list[object], source: str) -> None:
    """Every item is a Document or an expected SourceError about this input, and documents decode."""
    for item in items:
        assert isinstance(item, Document | SourceError)
        assert item.source.startswith(source)
        if isinstance(item, Document):
            assert isinstance(item.data, bytes) and item.data
            item.text()
        else:
            assert item.message and "\n" not in item.message
            assert "please report" not in item.message, item  # an unexpected exception, not handled bad input


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(NAMES),
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2048),
    compress=st.booleans(),
)
def test_arbitrary_bytes_never_raise(name: str, prefix: bytes, body: bytes, compress: bool) -> None:
    data = prefix + body
    if compress and name.endswith(".gz"):
        data = gzip.compress(data)[: len(data) // 2 + 20 if body[:1] == b"\x00" else None]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        check(list(iter_documents([str(path), folder], SourceOptions(max_bytes=1500))), folder)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=1024))
def test_arbitrary_stdin_never_raises(data: bytes) -> None:
    check(list(iter_documents(["-"], stdin=io.BytesIO(data))), "-")
