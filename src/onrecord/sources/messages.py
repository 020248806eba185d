"""The wording of every SourceError: one line that says what is wrong and what to do."""

from __future__ import annotations

FORMATS = ".txt, .html, .jsonl, .csv, .warc (each optionally .gz) or a feed URL"

NO_SUCH_PATH = "no such file or directory; check the path"
PERMISSION = "permission denied; check the file's permissions or run as a user who can read it"
NOT_REGULAR = "not a regular file or directory; pass a file, a directory, a URL, or - to read stdin"
EMPTY = "empty file; nothing to ingest"
NOT_WARC = "not a WARC file (it does not start with 'WARC/'); pass a .warc or .warc.gz file as written by a crawler"
EMPTY_DIR = f"no article files in this directory (looked for {FORMATS}); point at the files themselves"


def binary(reason: str) -> str:
    """A file that is not text."""
    return f"not a text or HTML file (binary data: {reason}); pass news articles as {FORMATS}"


def too_large(size: int | None, limit: int, what: str = "document") -> str:
    """A document above --max-bytes (``size`` None when only "more than the limit" is known)."""
    amount = f"is {size:,} bytes" if size is not None else f"is more than {limit:,} bytes"
    return f"{what} {amount}, above the {limit:,}-byte limit; split it or raise --max-bytes"


def json_too_big(limit: int) -> str:
    """A JSON file too big to parse in one piece."""
    return (
        f"JSON file is more than {limit:,} bytes, too big to read whole; convert it to JSONL, one object per line "
        "(jq -c '.[]' FILE > FILE.jsonl), or raise --max-bytes"
    )


def bad_gzip(detail: str) -> str:
    """A .gz that does not decompress to the end."""
    return f"truncated or corrupt gzip ({detail}); re-download or re-compress it"


def one_line(text: str, limit: int = 200) -> str:
    """The first line of a text, cut to ``limit`` characters (messages stay one line)."""
    lines = str(text).strip().splitlines()
    return lines[0][:limit] if lines else ""


def unreadable(error: BaseException) -> str:
    """An error while reading: an OS error (disk, permissions) or, for anything else, a bug to report."""
    if isinstance(error, OSError):
        return f"could not be read ({one_line(error.strerror or str(error))}); check the file and the disk"
    detail = f"{type(error).__name__}: {one_line(str(error))}"
    return f"could not be read ({detail}); this is a bug in onrecord, please report it with the file attached"
