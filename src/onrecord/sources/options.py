"""How the readers behave: forced outlet, column mapping, size limit and HTTP settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from onrecord import __version__

CANONICAL_FIELDS: tuple[str, ...] = (
    "url",
    "published",
    "title",
    "text",
    "author",
    "outlet",
    "updated",
    "tags",
    "language",
    "fetched",
)


@dataclass
class SourceOptions:
    """Settings shared by every reader; the CLI fills them from its flags."""

    outlet: str | None = None  # forced outlet name, put into doc.meta["outlet"] when given
    field_map: dict[str, str] = field(default_factory=dict)  # canonical field -> column name (JSONL/CSV)
    max_bytes: int = 20_000_000  # a single document larger than this is refused
    timeout: float = 10.0  # seconds per HTTP attempt
    retries: int = 2  # HTTP retries with exponential backoff (0.5 s, 1 s, ...)
    user_agent: str = f"onrecord/{__version__} (+https://github.com/onrecord/onrecord)"
    respect_robots: bool = True

    @property
    def container_limit(self) -> int:
        """Largest file read whole to split into documents (a JSON array, a feed, a fetched container)."""
        return self.max_bytes * 50

    def base_meta(self) -> dict[str, object]:
        """The metadata every document gets from the options (the forced outlet)."""
        return {"outlet": self.outlet} if self.outlet else {}
