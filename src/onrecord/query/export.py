"""Exports in the stable formats DESIGN.md fixes: one record per line (JSONL), CSV and Parquet with the same columns."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..store import Store

ARTICLE_FIELDS = [
    "article_id", "source", "outlet", "url", "title", "published", "updated", "author",
    "tags", "language", "text", "story_id", "duplicate_of", "entries",
]
QUOTE_FIELDS = [
    "quote_id", "article_id", "source", "outlet", "published", "speaker", "speaker_mention",
    "cue", "text", "kind", "span", "statement_id", "story_id",
]
DATE_FIELDS = ["article_id", "source", "text", "resolved", "granularity", "span", "quote_id"]
FRAMING_FIELDS = ["article_id", "source", "outlet", "term", "concept", "voice", "span", "quote_id"]
ENTITY_FIELDS = ["entity_id", "name", "type", "aliases", "roles", "external_ids", "mention_count"]
# columns holding lists or objects: JSON-encoded in CSV, typed in Parquet
_NESTED = {"tags", "entries", "span", "aliases", "roles", "external_ids"}
FORMATS = ("jsonl", "csv", "parquet")


def article_record(row: dict[str, Any]) -> dict[str, Any]:
    """An article as exported: exactly ARTICLE_FIELDS, in order."""
    return {k: row.get(k) if k not in ("tags", "entries") else (row.get(k) or []) for k in ARTICLE_FIELDS}


def quote_record(row: dict[str, Any]) -> dict[str, Any]:
    """A quote as exported: exactly QUOTE_FIELDS, in order; span as [start, end]."""
    rec = {k: row.get(k) for k in QUOTE_FIELDS}
    if rec["span"] is None and "span_start" in row:
        rec["span"] = [row["span_start"], row["span_end"]]
    return rec


def _pick(fields: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    return ({k: r.get(k) for k in fields} for r in rows)


KINDS = ("articles", "quotes", "dates", "framing", "entities")


def records(store: Store, what: str) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """The field list and a stream of export records of one kind (see KINDS)."""
    if what == "articles":
        return ARTICLE_FIELDS, (article_record(r) for r in store.iter_articles())
    if what == "quotes":
        return QUOTE_FIELDS, (quote_record(r) for r in store.iter_quotes())
    if what == "dates":
        return DATE_FIELDS, _pick(DATE_FIELDS, store.iter_dates())
    if what == "framing":
        return FRAMING_FIELDS, _pick(FRAMING_FIELDS, store.iter_framing())
    if what == "entities":
        return ENTITY_FIELDS, _pick(ENTITY_FIELDS, store.iter_entities())
    raise ValueError(f"unknown export {what!r}; choose one of {', '.join(KINDS)}")


@contextmanager
def _text_out(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """One JSON object per line, UTF-8, keys in export order."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(fields: list[str], rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """CSV with a header; list and object columns JSON-encoded, nulls as empty cells."""
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if k in _NESTED and v is not None else v for k, v in row.items()})
        n += 1
    return n


def _arrow_schema(fields: list[str]):
    import pyarrow as pa

    types = {
        "mention_count": pa.int64(),
        "aliases": pa.list_(pa.string()),
        "roles": pa.list_(pa.string()),
        "external_ids": pa.map_(pa.string(), pa.string()),
        "tags": pa.list_(pa.string()),
        "span": pa.list_(pa.int64()),
        "entries": pa.list_(pa.struct([("time", pa.string()), ("text", pa.string())])),
    }
    return pa.schema([(f, types.get(f, pa.string())) for f in fields])


def write_parquet(fields: list[str], rows: Iterable[dict[str, Any]], path: Path, chunk: int = 5000) -> int:
    """Parquet written in row groups so memory stays flat whatever the corpus size."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(fields)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        buf: list[dict[str, Any]] = []
        for row in rows:
            buf.append(row)
            if len(buf) >= chunk:
                writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
                buf = []
        if buf or n == 0:
            writer.write_table(pa.Table.from_pylist(buf, schema=schema))
            n += len(buf)
    return n


def export(store: Store, what: str, fmt: str, path: Path | None) -> int:
    """Write every record of one kind to PATH (stdout when None); returns the number written."""
    fields, rows = records(store, what)
    if fmt == "jsonl":
        with _text_out(path) as out:
            return write_jsonl(rows, out)
    if fmt == "csv":
        with _text_out(path) as out:
            return write_csv(fields, rows, out)
    if fmt == "parquet":
        if path is None:
            import os
            import tempfile

            fd, tmp = tempfile.mkstemp(suffix=".parquet")
            os.close(fd)
            try:
                n = write_parquet(fields, rows, Path(tmp))
                sys.stdout.buffer.write(Path(tmp).read_bytes())
                sys.stdout.flush()
                return n
            finally:
                os.unlink(tmp)
        return write_parquet(fields, rows, path)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
