"""Plain-text and HTML files: encodings, gzip, sniffing, and every way a single file can be bad."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from onrecord.records import Document, SourceError
from onrecord.sources import SourceOptions, iter_documents

RU = "Министр иностранных дел России Сергей Лавров заявил в понедельник, что Москва готова к переговорам. "
FR = "Le ministre a déclaré que la réunion était très importante pour l'économie française. Café, où, être. "
EN = "Foreign Minister Sergey Lavrov said on Monday that Moscow was ready for talks — “in principle”. "


def run(*inputs: str | Path, **options: object) -> tuple[list[Document], list[SourceError]]:
    """Documents and errors of a run."""
    items = list(iter_documents([str(i) for i in inputs], SourceOptions(**options)))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, SourceError)]


def one_doc(path: Path, **options: object) -> Document:
    """The single document a file yields (failing on any error)."""
    docs, errors = run(path, **options)
    assert errors == [] and len(docs) == 1, errors
    return docs[0]


def one_error(path: Path | str, **options: object) -> SourceError:
    """The single error a bad input yields."""
    docs, errors = run(path, **options)
    assert docs == [] and len(errors) == 1, (docs, errors)
    return errors[0]


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (EN, "utf-8", {"utf-8"}),
        (EN, "utf-8-sig", {"utf-8-sig"}),
        (EN + RU, "utf-16", {"utf-16"}),
        (EN + RU, "utf-32", {"utf-32"}),
        (EN + RU, "utf-16-le", {"utf-16-le"}),
        (EN + RU, "utf-16-be", {"utf-16-be"}),
        (RU * 3, "cp1251", {"cp1251"}),
        (FR * 3, "latin-1", {"cp1252", "iso8859-1", "latin-1"}),
    ],
)
def test_text_encodings_are_detected_and_data_kept_raw(
    tmp_path: Path, text: str, encoding: str, expected: set[str]
) -> None:
    path = tmp_path / "article.txt"
    raw = text.encode(encoding)
    path.write_bytes(raw)
    doc = one_doc(path)
    assert doc.source == str(path)
    assert doc.media_type == "text"
    assert doc.data == raw
    assert doc.encoding in expected
    assert doc.text().lstrip("\ufeff") == text


def test_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "scrape.txt"
    path.write_bytes((RU * 20).encode() + b"\xff" + (EN * 20).encode())
    doc = one_doc(path)
    assert doc.encoding == "utf-8" and RU in doc.text() and "\ufffd" in doc.text()


def test_latin1_with_few_accents_is_not_taken_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes((EN.replace("—", "-").replace("“", '"').replace("”", '"') * 40 + "Café.").encode("latin-1"))
    doc = one_doc(path)
    assert doc.encoding != "utf-8" and doc.text().endswith("Café.")


def test_html_meta_charset_decides_when_not_utf8(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="windows-1251"><title>Лавров</title></head><body><p>{RU}</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    doc = one_doc(path)
    assert (doc.media_type, doc.encoding) == ("html", "cp1251")
    assert RU in doc.text()


def test_html_declared_charset_does_not_override_valid_utf8(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{EN}</p></body></html>'
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("utf-8"))
    assert one_doc(path).encoding == "utf-8"


@pytest.mark.parametrize(("name", "media_type"), [("a.txt.gz", "text"), ("a.html.gz", "html"), ("a.HTM.GZ", "html")])
def test_gzip_files_are_decompressed(tmp_path: Path, name: str, media_type: str) -> None:
    body = f"<p>{EN}</p>" if media_type == "html" else EN
    path = tmp_path / name
    path.write_bytes(gzip.compress(body.encode("utf-8")))
    doc = one_doc(path)
    assert (doc.media_type, doc.data, doc.source) == (media_type, body.encode("utf-8"), str(path))


def test_malformed_html_is_read_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_bytes(b"<html><body><div><p>Unclosed <b>tags <i>everywhere</div></span></table><p>" + EN.encode())
    doc = one_doc(path)
    assert doc.media_type == "html" and EN in doc.text()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("page", b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "html"),
        ("notes", EN.encode(), "text"),
        ("page.gz", gzip.compress(b"<html><body><p>Hi</p></body></html>"), "html"),
        ("mislabelled.txt", gzip.compress(EN.encode()), "text"),
    ],
)
def test_files_without_telling_extension_are_sniffed(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert one_doc(path).media_type == expected


def test_a_stray_nul_in_a_page_is_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "scraped.html"
    path.write_bytes(b"<html><body><p>" + EN.encode() * 30 + b"\x00</p></body></html>")
    assert one_doc(path).media_type == "html"


def test_forced_outlet_goes_into_meta(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN, "utf-8")
    assert one_doc(path, outlet="Sputnik").meta == {"outlet": "Sputnik"}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "ELF executable"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        (b"some text\x00\x00\x00with NUL bytes" * 10, "NUL bytes"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"abc", "control characters"),
    ],
)
def test_binary_files_are_refused_with_the_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    error = one_error(path)
    assert error.source == str(path)
    assert error.message.startswith("not a text or HTML file (binary data:")
    assert reason in error.message
    assert "pass news articles as" in error.message


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode("utf-16")])
def test_empty_files_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    assert one_error(path).message == "empty file; nothing to ingest"


def test_empty_gzip_is_refused_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt.gz"
    path.write_bytes(gzip.compress(b""))
    assert one_error(path).message == "empty file; nothing to ingest"


def test_truncated_gzip_is_refused(tmp_path: Path) -> None:
    packed = gzip.compress((EN * 200).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(packed[: len(packed) // 2])
    error = one_error(path)
    assert error.message.startswith("truncated or corrupt gzip (")
    assert error.message.endswith("); re-download or re-compress it")


def test_not_gzip_despite_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.html.gz"
    path.write_bytes(b"<html><body>not compressed at all</body></html>")
    assert one_error(path).message.startswith("truncated or corrupt gzip (")


def test_unknown_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope" / "missing.txt")
    error = one_error(missing)
    assert (error.source, error.message) == (missing, "no such file or directory; check the path")


def test_large_text_file_is_refused_quickly_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        chunk = (EN * 1000).encode()
        while out.tell() < 50_000_000:
            out.write(chunk)
    started = time.perf_counter()
    error = one_error(path)
    assert time.perf_counter() - started < 2.0
    assert f"{path.stat().st_size:,} bytes" in error.message
    assert "above the 20,000,000-byte limit; split it or raise --max-bytes" in error.message


def test_large_gzip_stops_decompressing_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(b"word " * 10_000))
    error = one_error(path, max_bytes=1000)
    assert (
        error.message == "document is more than 1,000 bytes, above the 1,000-byte limit; split it or raise --max-bytes"
    )
    assert one_doc(path, max_bytes=50_000).data == b"word " * 10_000


def test_errors_do_not_stop_the_run(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EN, "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    docs, errors = run(tmp_path / "missing.txt", empty, good)
    assert [d.source for d in docs] == [str(good)]
    assert [e.source for e in errors] == [str(tmp_path / "missing.txt"), str(empty)]
