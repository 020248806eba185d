"""WARC archives: which records become documents, PATH#N over all records, offsets, and damage."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.records import Document, SourceError
from onrecord.sources import SourceOptions, iter_documents

PAGE = "<html><head><title>Talks</title></head><body><p>Lavrov said talks were possible.</p></body></html>"
RU_PAGE = "<html><body><p>Министр иностранных дел России Сергей Лавров заявил о переговорах с Киевом.</p></body></html>"


def response(
    writer: WARCWriter, url: str, body: bytes, status: str = "200 OK", content_type: str = "text/html"
) -> None:
    """Write one HTTP response record."""
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


def build_warc(gz: bool) -> bytes:
    """A WARC with a warcinfo, a request, pages, a 404, an image, a cp1251 page and a metadata record."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "test"}))  # 1
    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "ex.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://ex.org/a", "request", http_headers=request))  # 2
    response(writer, "https://ex.org/a", PAGE.encode())  # 3 -> doc
    response(writer, "https://ex.org/missing", b"<html>gone</html>", "404 Not Found")  # 4
    response(writer, "https://ex.org/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")  # 5
    response(
        writer, "https://ex.org/ru", RU_PAGE.encode("cp1251"), content_type="text/html; charset=windows-1251"
    )  # 6 -> doc
    writer.write_record(writer.create_warc_record("https://ex.org/a", "metadata", payload=io.BytesIO(b"k: v")))  # 7
    response(writer, "https://ex.org/b", PAGE.replace("Talks", "More").encode())  # 8 -> doc
    return out.getvalue()


def run(path: Path, **options: object) -> list[Document | SourceError]:
    """Every item of one input."""
    return list(iter_documents([str(path)], SourceOptions(**options)))  # type: ignore[arg-type]


@pytest.mark.parametrize("gz", [False, True])
def test_only_successful_html_responses_with_record_numbers(tmp_path: Path, gz: bool) -> None:
    data = build_warc(gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    items = run(path, outlet="Ex")
    assert all(isinstance(i, Document) for i in items)
    assert [i.source for i in items] == [f"{path}#3", f"{path}#6", f"{path}#8"]
    first, ru, last = items
    assert first.url == "https://ex.org/a" and first.media_type == "html" and first.data == PAGE.encode()
    assert first.meta["fetched"].startswith("20") and first.meta["outlet"] == "Ex"
    assert ru.encoding == "cp1251" and "Лавров" in ru.text()
    assert last.url == "https://ex.org/b" and b"More" in last.data
    for doc in items:
        record = next(iter(ArchiveIterator(io.BytesIO(data[doc.byte_start : doc.byte_end]))))
        assert record.rec_headers.get_header("WARC-Target-URI") == doc.url
        assert record.content_stream().read() == doc.data


def test_truncated_warc_yields_what_it_read_then_one_error(tmp_path: Path) -> None:
    data = build_warc(gz=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 60])
    items = run(path)
    assert [type(i).__name__ for i in items] == ["Document", "Document", "SourceError"]
    error = items[-1]
    assert error.source == str(path)
    assert error.message.startswith("WARC file is truncated or corrupt (record 8 is cut off)")
    assert error.message.endswith("re-download it for the rest")


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not a web archive\n" * 10)
    (error,) = run(path)
    assert isinstance(error, SourceError) and error.message.startswith("not a WARC file (")


def test_warc_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "capture"
    path.write_bytes(build_warc(gz=False))
    assert [i.source for i in run(path)] == [f"{path}#3", f"{path}#6", f"{path}#8"]
