"""Quote filters shared by search and timelines: speaker, outlet, dates (said or published), kind, story, language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.sql import ColumnElement, operators
from sqlalchemy.sql.elements import UnaryExpression

from ..store.schema import articles, entities, quotes

KINDS = ("direct", "indirect", "mixed")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
SPEAKER_GUESSES = 20  # at most this many speakers match a partial name


def check_date(value: str, name: str) -> str:
    """The date itself when it is YYYY, YYYY-MM or a real YYYY-MM-DD; ValueError saying what to write otherwise."""
    m = _DATE.fullmatch(value.strip())
    bad = ValueError(f"{name}={value!r} is not a date: write YYYY-MM-DD (or YYYY-MM, or YYYY)")
    if m is None:
        raise bad
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise bad from None
    return value.strip()


def when() -> ColumnElement:
    """The date a quote counts under: when it was said if the text says so, else when its article was published."""
    return func.coalesce(quotes.c.said_on, articles.c.published)


def unindexed(col: ColumnElement) -> ColumnElement:
    """The column as an expression no index serves (unary +), so SQLite drives the query from a narrower condition.

    SQLite would otherwise start from, say, the 25,000 quotes of an outlet and test each against the full-text
    query or a list of 1,000 ids, which is 10-20x slower than starting from the matches and dropping the others.
    """
    return UnaryExpression(col, operator=operators.custom_op("+"))


@dataclass(slots=True)
class QuoteFilter:
    """What narrows a quote search; every part optional, all parts combine (AND)."""

    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    story: str | None = None
    language: str | None = None
    _speakers: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.since:
            check_date(self.since, "since")
        if self.until:
            check_date(self.until, "until")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since={self.since} is after until={self.until}: swap them")
        if self.kind and self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r} is not a quote kind: use one of {', '.join(KINDS)}")

    @property
    def empty(self) -> bool:
        return not any((self.speaker, self.outlet, self.since, self.until, self.kind, self.story, self.language))

    @property
    def needs_articles(self) -> bool:
        """Whether a condition reads the articles table."""
        return any((self.outlet, self.since, self.until, self.story, self.language))

    def _speaker_names(self, conn: Connection) -> list[str]:
        """The canonical speaker names the speaker filter stands for, looked up once per filter."""
        if self._speakers is None:
            self._speakers = speaker_names(conn, self.speaker or "")
        return self._speakers

    def conditions(self, conn: Connection, *, driven: bool = False) -> list[ColumnElement]:
        """SQL conditions over quotes joined to articles.

        ``driven``: the query is driven by something narrower (the full-text index, a list of ids), and on SQLite
        the filter's indexes are kept out of its plan (see unindexed).
        """
        col = unindexed if driven and conn.dialect.name == "sqlite" else (lambda c: c)
        out: list[ColumnElement] = []
        if self.speaker:
            names = self._speaker_names(conn)
            out.append(col(quotes.c.speaker) == names[0] if len(names) == 1 else col(quotes.c.speaker).in_(names))
        if self.outlet:
            out.append(col(articles.c.outlet) == self.outlet)
        if self.since:
            out.append(when() >= self.since)
        if self.until:
            out.append(func.substr(when(), 1, len(self.until)) <= self.until)
        if self.kind:
            out.append(quotes.c.kind == self.kind)
        if self.story:
            out.append(col(articles.c.story_id) == self.story)
        if self.language:
            out.append(func.lower(articles.c.language) == self.language.lower())
        return out

    def search_conditions(self, conn: Connection, side: Any) -> tuple[list[ColumnElement], bool]:
        """PostgreSQL: the conditions over ``side`` (fts.search_table(): quote_id, outlet, day, speaker, kind) and
        over quotes joined to articles for the rest (story, language), and whether those joins are needed.

        Same meaning as :meth:`conditions`; the until bound is written so that an index serves it: a date's prefix
        is at most ``until`` exactly when the date sorts before ``until`` with its last digit raised by one.
        """
        out: list[ColumnElement] = []
        if self.speaker:
            names = self._speaker_names(conn)
            out.append(side.c.speaker == names[0] if len(names) == 1 else side.c.speaker.in_(names))
        if self.outlet:
            out.append(side.c.outlet == self.outlet)
        if self.since:
            out.append(side.c.day >= self.since)
        if self.until:
            out.append(side.c.day < self.until[:-1] + chr(ord(self.until[-1]) + 1))
        if self.kind:
            out.append(side.c.kind == self.kind)
        if self.story:
            out.append(articles.c.story_id == self.story)
        if self.language:
            out.append(func.lower(articles.c.language) == self.language.lower())
        return out, bool(self.story or self.language)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init and getattr(self, f.name)}


def speaker_names(conn: Connection, speaker: str) -> list[str]:
    """Canonical speaker names a user's speaker text stands for: exact name, entity id, entity name, or part of a name."""
    text = speaker.strip()
    if conn.execute(select(quotes.c.quote_id).where(quotes.c.speaker == text).limit(1)).first():
        return [text]
    by_id = conn.execute(select(entities.c.name).where(entities.c.entity_id == text)).scalar_one_or_none()
    if by_id:
        return [by_id]
    low = text.lower()
    names = conn.execute(select(entities.c.name).where(func.lower(entities.c.name) == low)).scalars().all()
    if names:
        return list(names)
    return list(conn.execute(
        select(quotes.c.speaker).where(func.lower(quotes.c.speaker).contains(low, autoescape=True))
        .group_by(quotes.c.speaker).order_by(func.count().desc()).limit(SPEAKER_GUESSES)).scalars()) or [text]

