"""Every name and pattern the readers match on, loaded once from ``patterns.toml``."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any


def _load() -> dict[str, Any]:
    """Parse the bundled patterns.toml."""
    return tomllib.loads(resources.files(__package__).joinpath("patterns.toml").read_text("utf-8"))


def fold_name(name: str) -> str:
    """A column name folded for matching: lower case, without separators ("datePublished" -> "datepublished")."""
    return re.sub(r"[\s_.\-]+", "", name).lower()


_DATA = _load()

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    canon: tuple(fold_name(n) for n in names) for canon, names in _DATA["fields"].items()
}
OBJECT_KEYS: tuple[str, ...] = tuple(_DATA["fields_object_keys"]["keys"])
EXTENSIONS: dict[str, str] = dict(_DATA["extensions"])
WALK_KINDS: frozenset[str] = frozenset(_DATA["walk"]["kinds"])
MAGIC: tuple[tuple[bytes, str], ...] = tuple((bytes.fromhex(h), name) for h, name in _DATA["magic"].items())
MAX_CONTROL_RATIO: float = float(_DATA["binary"]["max_control_ratio"])
HEAD_BYTES: int = int(_DATA["binary"]["head_bytes"])
FEED_RE = re.compile(_DATA["sniff"]["feed"], re.IGNORECASE)
HTML_RE = re.compile(_DATA["sniff"]["html"], re.IGNORECASE)
MARKUP_RE = re.compile(_DATA["sniff"]["markup"], re.IGNORECASE)
CHARSET_RE = re.compile(_DATA["sniff"]["charset"].encode("ascii"), re.IGNORECASE)
FEED_CONTENT_TYPES: frozenset[str] = frozenset(_DATA["feeds"]["content_types"])
