"""Turning inputs as given (files, directories, ``-`` for stdin) into openable inputs, and bounded reading."""

from __future__ import annotations

import gzip
import os
import shutil
import stat
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from onrecord.records import SourceError
from onrecord.sources import messages, patterns
from onrecord.sources.detect import kind_from_name

STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One readable input: its source as reported, the name its kind is judged by, and how to open it."""

    source: str
    name: str
    opener: Callable[[], BinaryIO]  # a fresh binary stream positioned at the start, on every call
    size: int | None = None  # size on disk (compressed size for .gz) when known


def is_url(raw: str) -> bool:
    """Whether an input is an http(s) URL."""
    return raw.lower().startswith(("http://", "https://"))


def expand(raw: str, stdin: BinaryIO | None = None) -> Iterator[Input | SourceError]:
    """The inputs one path stands for: itself, every article file under a directory, or stdin for ``-``."""
    if raw == STDIN:
        yield from _stdin(stdin if stdin is not None else sys.stdin.buffer)
        return
    try:
        info = os.stat(raw)
    except FileNotFoundError:
        yield SourceError(raw, messages.NO_SUCH_PATH)
        return
    except PermissionError:
        yield SourceError(raw, messages.PERMISSION)
        return
    except (OSError, ValueError) as error:
        yield SourceError(raw, f"cannot be opened ({error}); check the path")
        return
    if stat.S_ISDIR(info.st_mode):
        yield from walk(raw)
    elif stat.S_ISREG(info.st_mode):
        yield file_input(raw, info.st_size)
    else:
        yield SourceError(raw, messages.NOT_REGULAR)


def file_input(path: str, size: int | None) -> Input:
    """An input for a regular file."""
    return Input(source=path, name=os.path.basename(path), opener=lambda: open(path, "rb"), size=size)


def walk(root: str) -> Iterator[Input | SourceError]:
    """Article files under ``root``, recursively, sorted by relative path; hidden and non-article files skipped.

    Order: relative paths compared component by component in code-point order, the same on every machine
    ("B.txt" < "a.txt"; "a/z.txt" < "a.txt" < "b/a.txt"). Sources are ``os.path.join(root, relative)``, so they
    keep the root as given. Only the kinds in ``patterns.toml [walk]`` are picked (not ``.json``, ``.md``,
    LICENSE...); hidden files and folders are skipped and symlinked directories are not followed.
    """
    errors: list[OSError] = []
    found: list[tuple[str, ...]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = os.path.relpath(dirpath, root)
        parts = () if rel == os.curdir else tuple(rel.split(os.sep))
        found.extend((*parts, name) for name in filenames if _is_article_file(name))
    for error in errors:
        yield SourceError(str(error.filename or root), messages.unreadable(error))
    if not found and not errors:
        yield SourceError(root, messages.EMPTY_DIR)
    for parts in sorted(found):
        path = os.path.join(root, *parts)
        try:
            size = os.stat(path).st_size
        except OSError as error:
            yield SourceError(path, messages.unreadable(error))
            continue
        yield file_input(path, size)


def _is_article_file(name: str) -> bool:
    """Whether a directory walk picks up this file name."""
    return not name.startswith(".") and kind_from_name(name)[0] in patterns.WALK_KINDS


def _stdin(stream: BinaryIO) -> Iterator[Input]:
    """Stdin copied to an anonymous temporary file, so it can be sniffed and then read from the start."""
    with tempfile.TemporaryFile() as spool:
        shutil.copyfileobj(stream, spool, 1 << 20)
        spool.flush()
        size = spool.tell()
        fd = spool.fileno()
        yield Input(source=STDIN, name="", opener=lambda: _reopen(fd), size=size)


def _reopen(fd: int) -> BinaryIO:
    """A new stream over an open file descriptor, rewound to the start."""
    stream = os.fdopen(os.dup(fd), "rb")
    stream.seek(0)
    return stream


@contextmanager
def opened(inp: Input, gz: bool) -> Iterator[BinaryIO]:
    """The input's bytes as a stream, decompressed when it is gzip; closed (with the file under it) on exit."""
    raw = inp.opener()
    try:
        if gz:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unpacked:
                yield unpacked  # type: ignore[misc]
        else:
            yield raw
    finally:
        raw.close()


def read_whole(inp: Input, gz: bool, limit: int, what: str = "document") -> bytes:
    """All of an input's (decompressed) bytes, refusing with a SourceError above ``limit`` without reading it all."""
    if not gz and inp.size is not None and inp.size > limit:
        raise SourceError(inp.source, messages.too_large(inp.size, limit, what))
    with opened(inp, gz) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise SourceError(inp.source, messages.too_large(None, limit, what))
    return data


def read_head(inp: Input, gz: bool, size: int = patterns.HEAD_BYTES) -> bytes:
    """The first bytes of an input (decompressed when gzip), for sniffing."""
    with opened(inp, gz) as stream:
        return read_some(stream, size)


def read_some(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes from the start of a stream; a truncated gzip gives what decompressed before the cut."""
    read = getattr(stream, "read1", stream.read)  # read1: a gzip error must not discard what was decompressed
    chunks: list[bytes] = []
    got = 0
    try:
        while got < size and (chunk := read(min(8192, size - got))):
            chunks.append(chunk)
            got += len(chunk)
    except (EOFError, zlib.error, gzip.BadGzipFile):
        pass  # reading the whole stream later reports the damage after the rows before it
    return b"".join(chunks)
