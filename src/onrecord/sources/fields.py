"""Mapping the columns of JSONL/JSON/CSV rows to canonical fields, and turning one row into a Document."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from onrecord.records import Document, SourceError
from onrecord.sources import messages, patterns
from onrecord.sources.detect import looks_like_markup
from onrecord.sources.options import SourceOptions

FLAGS: dict[str, str] = {
    "text": "--text-column",
    "title": "--title-column",
    "published": "--date-column",
    "url": "--url-column",
    "author": "--author-column",
    "outlet": "--outlet-column",
}
_TAG_SPLIT = re.compile(r"\s*[,;|]\s*")


def flag_for(canon: str) -> str:
    """The CLI flag that names the column of a canonical field."""
    return FLAGS.get(canon, f"field_map[{canon!r}]")


def map_columns(names: Iterable[str], field_map: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Canonical field -> column name for these columns, and the canonical fields whose forced column is absent.

    Forced columns (``field_map``) win; the rest come from the alias lists in patterns.toml, matched
    case-insensitively, first alias first.
    """
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(patterns.fold_name(str(name)), str(name))
    mapping: dict[str, str] = {}
    for canon, aliases in patterns.FIELD_ALIASES.items():
        found = next((folded[a] for a in aliases if a in folded), None)
        if found is not None:
            mapping[canon] = found
    missing: list[str] = []
    for canon, column in field_map.items():
        actual = column if column in folded.values() else folded.get(patterns.fold_name(column))
        if actual is None:
            mapping.pop(canon, None)
            missing.append(canon)
        else:
            mapping = {c: col for c, col in mapping.items() if col != actual}
            mapping[canon] = actual
    return mapping, missing


def _from_object(value: Mapping[str, Any]) -> Any:
    """The telling value of a nested object, e.g. ``{"name": "Reuters"}`` -> "Reuters"."""
    return next((value[k] for k in patterns.OBJECT_KEYS if isinstance(value.get(k), str | int | float)), None)


def scalar(value: Any) -> str | None:
    """A value as a stripped string (None when empty or not representable)."""
    if isinstance(value, Mapping):
        value = _from_object(value)
    if isinstance(value, list):
        value = next((v for v in (scalar(x) for x in value) if v), None)
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def text_value(value: Any) -> str | None:
    """The article text of a cell: a string, or a list of paragraphs joined by blank lines."""
    if isinstance(value, list):
        parts = [p for p in (scalar(v) for v in value) if p]
        return "\n\n".join(parts) or None
    if isinstance(value, str):
        return value if value.strip() else None
    return scalar(value)


def _names(value: Any) -> str | None:
    """Authors joined with ", " (a list of strings or of objects with a name)."""
    if isinstance(value, list):
        return ", ".join(n for n in (scalar(v) for v in value) if n) or None
    return scalar(value)


def _tags(value: Any) -> list[str]:
    """Tags as a list of strings (a list, or one string separated by commas, semicolons or bars)."""
    if isinstance(value, list):
        return [t for t in (scalar(v) for v in value) if t]
    text = scalar(value)
    return [t for t in _TAG_SPLIT.split(text) if t] if text else []


def meta_value(canon: str, value: Any) -> Any:
    """A row's value converted for ``Document.meta[canon]``."""
    if canon == "author":
        return _names(value)
    if canon == "tags":
        return _tags(value) or None
    return scalar(value)


def row_document(
    source: str,
    row: Mapping[str, Any],
    mapping: Mapping[str, str],
    options: SourceOptions,
    span: tuple[int | None, int | None] = (None, None),
) -> Document:
    """One row as a Document (its text UTF-8 encoded), or a SourceError when it has no usable text."""
    column = mapping.get("text")
    if column is None:
        keys = ", ".join(map(str, row)) or "none"
        raise SourceError(source, f"row has no text field (its keys: {keys}); pass --text-column NAME")
    text = text_value(row.get(column))
    if text is None:
        raise SourceError(source, f"row has no text (its {column!r} is empty or missing); fill it or remove the row")
    data = text.encode("utf-8", errors="replace")
    if len(data) > options.max_bytes:
        raise SourceError(source, messages.too_large(len(data), options.max_bytes))
    meta = {c: meta_value(c, row.get(col)) for c, col in mapping.items() if c != "text"}
    meta = {k: v for k, v in meta.items() if v is not None}
    meta.update(options.base_meta())
    return Document(
        source=source,
        data=data,
        media_type="html" if looks_like_markup(text) else "text",
        encoding="utf-8",
        url=meta.get("url"),
        byte_start=span[0],
        byte_end=span[1],
        meta=meta,
    )
