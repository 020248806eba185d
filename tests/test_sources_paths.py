"""Directory walks (order, what is picked, sources as given) and stdin."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from onrecord.records import Document, SourceError
from onrecord.sources import SourceOptions, iter_documents


def sources(inputs: list[str], **kw: object) -> list[tuple[str, str]]:
    """(kind, source) of every item of a run: kind "doc" or "error"."""
    return [
        ("doc" if isinstance(item, Document) else "error", item.source)
        for item in iter_documents(inputs, **kw)  # type: ignore[arg-type]
    ]


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A corpus folder with articles, subfolders, hidden files and non-article files."""
    root = tmp_path / "corpus"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / "a_sub").mkdir()
    (root / ".git").mkdir()
    (root / "z.txt").write_text("Zed article.", "utf-8")
    (root / "a.html").write_text("<p>A page</p>", "utf-8")
    (root / "B.htm").write_text("<p>B page</p>", "utf-8")
    (root / "gold.json").write_text(json.dumps({"about": "annotations"}), "utf-8")
    (root / "LICENSE.md").write_text("# License", "utf-8")
    (root / "LICENSE").write_text("License text", "utf-8")
    (root / ".hidden.txt").write_text("hidden", "utf-8")
    (root / ".git" / "x.txt").write_text("git internals", "utf-8")
    (root / "a_sub" / "one.txt.gz").write_bytes(gzip.compress(b"One."))
    (root / "b_sub" / "rows.jsonl").write_text('{"text": "r1"}\n{"text": "r2"}\n', "utf-8")
    (root / "b_sub" / "deeper" / "t.csv").write_text("title,text\nT,Body\n", "utf-8")
    return root


def test_walk_is_recursive_sorted_and_skips_non_articles(tree: Path) -> None:
    root = str(tree)
    assert sources([root]) == [
        ("doc", os.path.join(root, "B.htm")),
        ("doc", os.path.join(root, "a.html")),
        ("doc", os.path.join(root, "a_sub", "one.txt.gz")),
        ("doc", os.path.join(root, "b_sub", "deeper", "t.csv") + "#1"),
        ("doc", os.path.join(root, "b_sub", "rows.jsonl") + "#1"),
        ("doc", os.path.join(root, "b_sub", "rows.jsonl") + "#2"),
        ("doc", os.path.join(root, "z.txt")),
    ]


def test_sources_keep_the_directory_as_given(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    got = [s for _, s in sources(["./corpus/"])]
    assert got[0] == "./corpus/B.htm"
    assert "./corpus/b_sub/rows.jsonl#2" in got
    assert all(s.startswith("./corpus/") for s in got)


def test_walk_order_is_deterministic(tree: Path) -> None:
    assert sources([str(tree)]) == sources([str(tree)])


def test_explicit_json_file_is_read_even_though_walks_skip_it(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"text": "one"}, {"text": "two"}]), "utf-8")
    assert sources([str(tmp_path)]) == [("error", str(tmp_path))]
    assert sources([str(path)]) == [("doc", f"{path}#1"), ("doc", f"{path}#2")]


def test_empty_directory_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# nothing", "utf-8")
    items = list(iter_documents([str(tmp_path)]))
    assert len(items) == 1 and isinstance(items[0], SourceError)
    assert items[0].message.startswith("no article files in this directory")


def test_path_objects_are_accepted(tree: Path) -> None:
    items = list(iter_documents([tree / "z.txt"]))
    assert isinstance(items[0], Document) and items[0].source == str(tree / "z.txt")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Plain text from a pipe.", [("doc", "-")]),
        (b"<html><body><p>Piped page</p></body></html>", [("doc", "-")]),
        (b'{"text": "a"}\n{"text": "b"}\n', [("doc", "-#1"), ("doc", "-#2")]),
        (gzip.compress(b"Compressed pipe."), [("doc", "-")]),
        (b"", [("error", "-")]),
    ],
)
def test_stdin_is_sniffed(data: bytes, expected: list[tuple[str, str]]) -> None:
    assert sources(["-"], stdin=io.BytesIO(data)) == expected


def test_stdin_html_media_type() -> None:
    items = list(iter_documents(["-"], SourceOptions(), stdin=io.BytesIO(b"<!doctype html><p>x</p>")))
    assert isinstance(items[0], Document) and items[0].media_type == "html"
