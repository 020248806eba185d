"""The data model: typed records that flow one way through the stages (sources → clean → analyze → link → store).

Every record is a plain dataclass with a ``to_dict`` for export and storage; nothing here imports
any other part of onrecord.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed"]
Voice = Literal["outlet", "quoted", "attributed"]
Granularity = Literal["day", "week", "month", "year", "range"]
MediaType = Literal["text", "html"]


def content_hash(data: bytes) -> str:
    """The sha256 hex digest of raw bytes: the identity of what was read."""
    return hashlib.sha256(data).hexdigest()


def short_id(*parts: str, length: int = 16) -> str:
    """A stable hex identifier derived from its parts (same parts, same id, on every machine)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


@dataclass(slots=True)
class Document:
    """Raw input as read by a source: bytes plus provenance and whatever metadata the container gave."""

    source: str  # input path or URL as given; PATH#N for row/record N of a JSONL/CSV/WARC/feed
    data: bytes  # the raw bytes of this document (the page, the text file, the row's text encoded UTF-8)
    media_type: MediaType = "text"
    encoding: str | None = None  # detected or declared encoding of ``data``
    url: str | None = None
    byte_start: int | None = None  # offsets of this document inside the input file, when it is part of one
    byte_end: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # title, published, author, outlet, tags... from the container

    @property
    def content_hash(self) -> str:
        return content_hash(self.data)

    def text(self) -> str:
        """The data decoded with its recorded encoding (UTF-8 when unknown), never raising."""
        return self.data.decode(self.encoding or "utf-8", errors="replace")


@dataclass(slots=True)
class LiveEntry:
    """One timestamped entry of a live blog."""

    time: str | None
    text: str


@dataclass(slots=True)
class Article:
    """A cleaned article: the text every later offset points into, and its metadata."""

    article_id: str
    source: str
    content_hash: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+00:00
    updated: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    entries: list[LiveEntry] = field(default_factory=list)
    media_type: MediaType = "text"
    encoding: str | None = None
    byte_start: int | None = None
    byte_end: int | None = None
    story_id: str | None = None
    duplicate_of: str | None = None

    @staticmethod
    def make_id(source: str, digest: str) -> str:
        """Article ids depend on where the article came from and what it held, so reruns give the same ids."""
        return short_id(source, digest)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Quote:
    """Something a speaker said, as one article reports it."""

    quote_id: str
    article_id: str
    text: str
    kind: QuoteKind
    span: tuple[int, int]
    speaker: str | None = None  # canonical name
    speaker_mention: str | None = None  # as written
    speaker_entity_id: str | None = None
    cue: str | None = None
    said_on: str | None = None  # when the text says when it was said
    statement_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass(slots=True)
class Mention:
    """One place in an article's text that names an entity."""

    article_id: str
    text: str
    span: tuple[int, int]
    type: str
    entity_id: str | None = None


@dataclass(slots=True)
class Entity:
    """One real person, organisation, place, group or event, however it is spelled."""

    entity_id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    external_ids: dict[str, str] = field(default_factory=dict)
    mention_count: int = 0


@dataclass(slots=True)
class EventDate:
    """A date expression in an article, resolved against the publication date."""

    article_id: str
    text: str
    resolved: str | None  # YYYY-MM-DD, YYYY-MM, YYYY, or START/END
    granularity: Granularity | None
    span: tuple[int, int]
    quote_id: str | None = None


@dataclass(slots=True)
class FramingHit:
    """One use of a contested term, and whose voice it is in."""

    article_id: str
    term: str
    concept: str
    voice: Voice
    span: tuple[int, int]
    quote_id: str | None = None


@dataclass(slots=True)
class Story:
    """Articles about the same real event, across outlets and days."""

    story_id: str
    title: str | None = None
    first_published: str | None = None
    article_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Statement:
    """One utterance by one speaker, as reported (with different wording) by many articles."""

    statement_id: str
    speaker: str | None
    text: str
    first_reported: str | None = None
    earliest_quote_id: str | None = None
    quote_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """An article and everything a stage hangs off it: written to the store in one transaction."""

    article: Article
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[EventDate] = field(default_factory=list)
    framing: list[FramingHit] = field(default_factory=list)


class SourceError(Exception):
    """An input that could not be read: names the input and says what to do."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
