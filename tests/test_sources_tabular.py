"""JSONL, JSON and CSV/TSV: column mapping, per-row errors, PATH#N sources and byte offsets."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from pathlib import Path

import pytest

from onrecord.records import Document, SourceError
from onrecord.sources import SourceOptions, iter_documents


def run(path: Path, **options: object) -> list[Document | SourceError]:
    """Every item of reading one file."""
    return list(iter_documents([str(path)], SourceOptions(**options)))  # type: ignore[arg-type]


def docs_of(items: list[Document | SourceError]) -> list[Document]:
    """The documents among items."""
    return [i for i in items if isinstance(i, Document)]


def jsonl(*rows: object) -> bytes:
    """JSONL bytes from objects (strings are written as they are)."""
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows).encode()


def test_jsonl_maps_columns_and_records_offsets(tmp_path: Path) -> None:
    data = jsonl(
        {
            "URL": "https://ex.org/1",
            "datePublished": "2022-03-28",
            "Headline": "Talks",
            "articleBody": "Lavrov said.",
            "authors": ["A. One", "B. Two"],
            "source_domain": "ex.org",
            "keywords": ["Russia", "Ukraine"],
            "lang": "en",
            "dateModified": "2022-03-29",
            "ignored": "x",
        },
        {"link": "https://ex.org/2", "body": "<p>Second <b>story</b></p>", "byline": "C. Three", "tags": "a, b; c"},
    )
    path = tmp_path / "dump.jsonl"
    path.write_bytes(data)
    first, second = run(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.source == f"{path}#1" and second.source == f"{path}#2"
    assert first.data == b"Lavrov said." and first.media_type == "text" and first.encoding == "utf-8"
    assert first.url == "https://ex.org/1"
    assert first.meta == {
        "url": "https://ex.org/1",
        "published": "2022-03-28",
        "title": "Talks",
        "author": "A. One, B. Two",
        "outlet": "ex.org",
        "tags": ["Russia", "Ukraine"],
        "language": "en",
        "updated": "2022-03-29",
    }
    assert second.media_type == "html" and second.meta["author"] == "C. Three"
    assert second.meta["tags"] == ["a", "b", "c"]
    for doc in (first, second):
        assert doc.byte_start is not None and doc.byte_end is not None
        assert json.loads(data[doc.byte_start : doc.byte_end])  # the offsets cut out exactly that row


def test_invalid_lines_among_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        jsonl(
            {"text": "good one"},
            '{"text": "broken" "x": 1}',
            "",
            '["an", "array"]',
            {"title": "no text here"},
            {"text": "   "},
            {"text": "good two"},
        )
    )
    items = run(path)
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Document", f"{path}#1"),
        ("SourceError", f"{path}#2"),
        ("SourceError", f"{path}#4"),
        ("SourceError", f"{path}#5"),
        ("SourceError", f"{path}#6"),
        ("Document", f"{path}#7"),
    ]
    bad_json, array, no_text, blank = items[1:5]
    assert bad_json.message == "invalid JSON (Expecting ',' delimiter at column 19); fix or remove that line"
    assert "not an object" in array.message
    assert no_text.message == "row has no text field (its keys: title); pass --text-column NAME"
    assert blank.message.startswith("row has no text (its 'text' is empty")


def test_forced_text_field_missing_from_a_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(jsonl({"body": "x"}, {"story": "y"}))
    first, second = run(path, field_map={"text": "story"})
    assert isinstance(first, SourceError) and isinstance(second, Document)
    assert first.message == "row has no 'story' field (given by --text-column; its keys: body); check the name"


def test_field_map_overrides_auto_mapping(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_bytes(jsonl({"text": "summary only", "story_body": "the real article", "hed": "Title", "Outlet": "X"}))
    (doc,) = run(path, field_map={"text": "story_body", "title": "HED"}, outlet="Forced")
    assert isinstance(doc, Document)
    assert doc.data == b"the real article"
    assert doc.meta == {"title": "Title", "outlet": "Forced"}


def test_gzipped_jsonl_and_truncation(tmp_path: Path) -> None:
    rng = random.Random(7)
    rows = jsonl(*({"text": " ".join(f"w{rng.randrange(10**6)}" for _ in range(300))} for _ in range(50)))
    path = tmp_path / "rows.jsonl.gz"
    path.write_bytes(gzip.compress(rows))
    assert len(docs_of(run(path))) == 50
    packed = gzip.compress(rows)
    path.write_bytes(packed[: len(packed) // 2])
    items = run(path)
    assert 0 < len(docs_of(items)) < 50
    assert isinstance(items[-1], SourceError) and items[-1].source == str(path)
    assert items[-1].message.startswith("truncated or corrupt gzip")


def test_row_above_max_bytes_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(jsonl({"text": "small"}, {"text": "y" * 5000}, {"text": "small again"}))
    items = run(path, max_bytes=1000)
    assert [type(i).__name__ for i in items] == ["Document", "SourceError", "Document"]
    assert items[1].source == f"{path}#2" and "above the 1,000-byte limit" in items[1].message
    assert items[2].byte_start == len(jsonl({"text": "small"}, {"text": "y" * 5000}))


def test_json_array_and_wrapped_array(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"title": "T1", "content": "one"}, 5, {"content": "three"}]), "utf-8")
    items = run(path)
    assert [type(i).__name__ for i in items] == ["Document", "SourceError", "Document"]
    assert items[0].meta == {"title": "T1"} and items[2].source == f"{path}#3"
    wrapped = tmp_path / "newsapi.json"
    wrapped.write_text(json.dumps({"status": "ok", "articles": [{"content": "c", "source": {"name": "Reuters"}}]}))
    (doc,) = run(wrapped)
    assert isinstance(doc, Document) and doc.meta["outlet"] == "Reuters"


def test_json_file_with_jsonl_content_and_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_bytes(jsonl({"text": "a"}, {"text": "b"}))
    assert [d.source for d in docs_of(run(path))] == [f"{path}#1", f"{path}#2"]
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": "a"},', "utf-8")
    (error,) = run(bad)
    assert isinstance(error, SourceError) and error.message.startswith("invalid JSON (")


def test_json_array_too_big_to_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"text": "z" * 500}] * 20), "utf-8")
    (error,) = run(path, max_bytes=100)
    assert isinstance(error, SourceError)
    assert "too big to read whole" in error.message and "convert it to JSONL" in error.message


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    """Write rows as CSV and return the bytes."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes(data)
    return data


def test_csv_rows_with_multiline_fields_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    data = write_csv(
        path,
        [
            ["Link", "Publish_Date", "Title", "Text", "Site"],
            ["https://ex.org/1", "2020-01-01", "One", 'Line one\nline two, with comma\n\nthird "quoted"', "ex"],
            ["", "", "", "", ""],
            ["https://ex.org/2", "2020-01-02", "Two", "Second body", "ex"],
        ],
    )
    items = run(path)
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2"]
    first, second = docs_of(items)
    assert first.text() == 'Line one\nline two, with comma\n\nthird "quoted"'
    assert first.meta == {"url": "https://ex.org/1", "published": "2020-01-01", "title": "One", "outlet": "ex"}
    header_end = data.index(b"\n") + 1
    assert first.byte_start == header_end
    assert next(csv.reader(io.StringIO(data[second.byte_start : second.byte_end].decode())))[2] == "Two"


def test_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    write_csv(path, [["id", "headline", "when"], *[[str(n), "H", "2020"] for n in range(100)]])
    (error,) = run(path)
    assert isinstance(error, SourceError) and error.source == str(path)
    assert error.message == (
        "no column holds the article text (columns: 'id', 'headline', 'when'); pass --text-column NAME"
    )


def test_csv_text_column_flag(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    write_csv(path, [["id", "story_md", "when"], ["1", "The story", "2020-05-01"]])
    (doc,) = run(path, field_map={"text": "story_md", "published": "when"})
    assert isinstance(doc, Document) and doc.data == b"The story" and doc.meta == {"published": "2020-05-01"}
    (error,) = run(path, field_map={"text": "nope"})
    assert isinstance(error, SourceError)
    assert error.message == (
        "no column 'nope' (given by --text-column) in this file (columns: 'id', 'story_md', 'when'); check the name"
    )


def test_csv_empty_text_cell_is_a_row_error(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    write_csv(path, [["title", "text"], ["A", "alpha"], ["B", ""], ["C", "gamma"]])
    items = run(path)
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Document", f"{path}#1"),
        ("SourceError", f"{path}#2"),
        ("Document", f"{path}#3"),
    ]


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("ru.csv", "cp1251", ","),
        ("u16.csv", "utf-16", ","),
        ("semi.csv", "utf-8-sig", ";"),
        ("tabs.tsv", "utf-8", "\t"),
    ],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, name: str, encoding: str, delimiter: str) -> None:
    body = "Министр иностранных дел России Сергей Лавров заявил, что Москва готова к переговорам с Киевом. " * 3
    path = tmp_path / name
    write_csv(path, [["Заголовок", "text"], ["Лавров", body]], encoding, delimiter)
    (doc,) = run(path)
    assert isinstance(doc, Document)
    assert doc.text() == body and doc.encoding == "utf-8"


def test_real_wikinews_csv_rows() -> None:
    path = Path(__file__).parents[1].parent / "shared" / "corpus" / "wikinews" / "wikinews_2019.csv"
    if not path.exists():
        pytest.skip("shared corpus not present")
    items = run(path)
    docs = docs_of(items)
    assert len(docs) == len(items) == 171
    raw = path.read_bytes()
    last = docs[-1]
    assert last.source == f"{path}#171" and last.byte_end == len(raw)
    assert last.meta["url"].startswith("https://en.wikinews.org/") and last.meta["published"].startswith("2019-")
