"""JSONL, JSON and CSV/TSV files: one Document per row, each row's source being ``PATH#N``.

Row numbers are 1-based. For JSONL, N is the physical line number (blank lines are skipped but counted,
so ``sed -n Np`` shows the row). For CSV/TSV, N counts data records after the header (a record may span
several lines). For a JSON array, N is the element's index + 1. JSONL and CSV are streamed; byte offsets
(``byte_start``/``byte_end``) are those of the row in the decompressed file, or None for UTF-16/32 input.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import deque
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from onrecord.records import Document, SourceError
from onrecord.sources import messages
from onrecord.sources.detect import detect_encoding
from onrecord.sources.fields import flag_for, map_columns, row_document
from onrecord.sources.options import SourceOptions
from onrecord.sources.paths import read_some

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

Row = Document | SourceError
_JSON_KINDS = {
    "list": "array",
    "str": "string",
    "int": "number",
    "float": "number",
    "bool": "boolean",
    "NoneType": "null",
}
Line = tuple[bytes | None, int | None, int | None]  # (line in the stream's encoding or None when too long, start, end)


def _wide(encoding: str) -> bool:
    """Whether an encoding is not ASCII-compatible (lines cannot be split on the byte 0x0A)."""
    return encoding.startswith(("utf-16", "utf-32"))


def _peek(stream: BinaryIO) -> bytes:
    """The first 64 KiB of a seekable stream, leaving it at the start."""
    head = read_some(stream, 65536)
    stream.seek(0)
    return head


def iter_lines(stream: BinaryIO, encoding: str, limit: int) -> Iterator[Line]:
    """Lines with their byte offsets; a line above ``limit`` bytes comes as None (and is skipped over)."""
    if _wide(encoding):
        wrapper = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        try:
            for text in wrapper:
                data = text.encode("utf-8", errors="replace")
                yield (data if len(data) <= limit else None), None, None
        finally:
            wrapper.detach()  # the caller closes the stream
        return
    offset = 0
    while line := stream.readline(limit + 1):
        start = offset
        offset += len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                offset += len(rest)
            offset += len(rest)
            yield None, start, offset
        else:
            yield line, start, offset


def _line_codec(encoding: str) -> str:
    """The codec the bytes from ``iter_lines`` are in."""
    return "utf-8" if _wide(encoding) else encoding.replace("utf-8-sig", "utf-8")


def read_jsonl(source: str, stream: BinaryIO, options: SourceOptions) -> Iterator[Row]:
    """Every object line of a JSONL file as a Document; a bad line becomes a SourceError and reading goes on."""
    encoding = detect_encoding(_peek(stream), partial=True)
    codec = _line_codec(encoding)
    for number, (line, start, end) in enumerate(iter_lines(stream, encoding, options.max_bytes), 1):
        where = f"{source}#{number}"
        if line is None:
            yield SourceError(where, messages.too_large(None, options.max_bytes, "row"))
        elif line.strip():
            yield _jsonl_row(where, line, codec, number == 1, options, (start, end))


def _jsonl_row(
    where: str, line: bytes, codec: str, first: bool, options: SourceOptions, span: tuple[int | None, int | None]
) -> Row:
    """One JSONL line as a Document or a SourceError."""
    try:
        text = line.decode(codec)
    except UnicodeDecodeError as error:
        return SourceError(
            where, f"line is not valid {codec} ({error.reason} at byte {error.start}); re-save the file as UTF-8"
        )
    if first:
        text = text.lstrip("\ufeff")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return SourceError(where, f"invalid JSON ({error.msg} at column {error.colno}); fix or remove that line")
    return object_row(where, value, options, span)


def object_row(
    where: str, value: Any, options: SourceOptions, span: tuple[int | None, int | None] = (None, None)
) -> Row:
    """A parsed JSON value as a Document when it is an object with text, else a SourceError."""
    if not isinstance(value, dict):
        kind = _JSON_KINDS.get(type(value).__name__, type(value).__name__)
        return SourceError(where, f"row is a JSON {kind}, not an object; each row must be an object with a text field")
    mapping, missing = map_columns(value.keys(), options.field_map)
    if "text" in missing:
        keys = ", ".join(map(str, value)) or "none"
        column = options.field_map["text"]
        return SourceError(
            where, f"row has no {column!r} field (given by --text-column; its keys: {keys}); check the name"
        )
    try:
        return row_document(where, value, mapping, options, span)
    except SourceError as error:
        return error


def read_json(source: str, data: bytes, options: SourceOptions) -> Iterator[Row]:
    """A JSON file: an array of objects, an object wrapping one such array, a single object, or JSONL after all."""
    encoding = detect_encoding(data)
    try:
        value = json.loads(data.decode(encoding, errors="replace").lstrip("\ufeff"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        if isinstance(error, json.JSONDecodeError) and error.msg == "Extra data":
            yield from read_jsonl(source, io.BytesIO(data), options)
            return
        yield SourceError(source, f"invalid JSON ({_where(error)}); fix the file or pass JSONL (one object per line)")
        return
    for number, item in enumerate(_records(value), 1):
        yield object_row(f"{source}#{number}", item, options)


def _where(error: ValueError) -> str:
    """A JSON error with its position."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno} column {error.colno}"
    return str(error)


def _records(value: Any) -> list[Any]:
    """The rows a JSON document holds: the array itself, the one array of objects inside an object, or [object]."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        arrays = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(arrays) == 1:
            return arrays[0]
    return [value]


class _LineFeed:
    """Decoded lines for ``csv.reader`` (also split at lone CRs) that remembers how many bytes it handed out."""

    _LONE_CR = re.compile(rb"(?<=\r)(?!\n)")

    def __init__(self, stream: BinaryIO, encoding: str, limit: int) -> None:
        self._lines = iter_lines(stream, encoding, limit)
        self._codec = _line_codec(encoding)
        self._pending: deque[tuple[bytes, int | None]] = deque()
        self.offset: int | None = 0
        self.overlong = False

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if not self._pending:
            line, start, end = next(self._lines)
            if line is None:
                self.offset, self.overlong = end, True
                return "\n"
            self._queue(line, start)
        piece, self.offset = self._pending.popleft()
        return piece.decode(self._codec, errors="replace")

    def _queue(self, line: bytes, start: int | None) -> None:
        """Split a line at lone CRs (old Mac line ends) and queue the pieces with their end offsets."""
        for piece in self._LONE_CR.split(line):
            start = None if start is None else start + len(piece)
            self._pending.append((piece, start))


def _delimiter(head: bytes, default: str) -> str:
    """The delimiter of a CSV header line: the most frequent of , ; and tab (``default`` on a tie)."""
    first = head.split(b"\n", 1)[0].decode("latin-1")
    counts = {d: first.count(d) for d in (default, ",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])


def read_csv(source: str, stream: BinaryIO, options: SourceOptions, delimiter: str = ",") -> Iterator[Row]:
    """Every record of a CSV/TSV file with a header as a Document; one SourceError when no column holds text."""
    head = _peek(stream)
    feed = _LineFeed(stream, detect_encoding(head, partial=True), options.max_bytes)
    reader = csv.reader(feed, delimiter=_delimiter(head, delimiter))
    try:
        header = next(reader, None)
    except csv.Error as error:
        yield SourceError(source, f"malformed CSV header ({error}); fix the first line of the file")
        return
    if not header:
        yield SourceError(source, messages.EMPTY)
        return
    header[0] = header[0].lstrip("\ufeff")
    mapping, missing = map_columns(header, options.field_map)
    problem = _header_problem(header, mapping, {c: options.field_map[c] for c in missing})
    if problem:
        yield SourceError(source, problem)
        return
    yield from _csv_rows(source, reader, feed, header, mapping, options)


def _header_problem(header: list[str], mapping: Mapping[str, str], missing: Mapping[str, str]) -> str | None:
    """What is wrong with a CSV header for reading articles, if anything (``missing``: field -> absent column)."""
    columns = ", ".join(repr(c) for c in header)
    if missing:
        given = ", ".join(f"{name!r} (given by {flag_for(canon)})" for canon, name in missing.items())
        return f"no column {given} in this file (columns: {columns}); check the name"
    if "text" not in mapping:
        return f"no column holds the article text (columns: {columns}); pass --text-column NAME"
    return None


def _csv_rows(
    source: str, reader: Any, feed: _LineFeed, header: list[str], mapping: Mapping[str, str], options: SourceOptions
) -> Iterator[Row]:
    """The data records of a CSV file after its header."""
    index = {column: i for i, column in reversed(list(enumerate(header)))}
    start, number = feed.offset, 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            number += 1
            yield SourceError(f"{source}#{number}", f"malformed CSV record ({error}); fix its quoting")
            start = feed.offset
            continue
        if not any(cell.strip() for cell in cells):
            start = feed.offset
            continue
        number += 1
        yield _csv_row(f"{source}#{number}", cells, index, mapping, options, feed, (start, feed.offset))
        start = feed.offset


def _csv_row(
    where: str,
    cells: list[str],
    index: Mapping[str, int],
    mapping: Mapping[str, str],
    options: SourceOptions,
    feed: _LineFeed,
    span: tuple[int | None, int | None],
) -> Row:
    """One CSV record as a Document or a SourceError."""
    if feed.overlong:
        feed.overlong = False
        return SourceError(where, messages.too_large(None, options.max_bytes, "row"))
    row = {column: cells[i] for column, i in index.items() if i < len(cells)}
    try:
        return row_document(where, row, mapping, options, span)
    except SourceError as error:
        return error
