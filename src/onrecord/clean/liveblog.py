"""Live blogs: timestamp lines that split a scrape into entries, each with its own time and text.

A scrape is a live blog when it has at least ``MIN_STAMPS`` lines that hold only a time (with or without a
date: "09:43 GMT 02.02.2023", "10:43 GMT", "10.43am"), their times run one way (newest first or oldest
first), and most of them are followed by text. Lists of other articles with their dates (page footers)
fail the ordering or the text test. A bare time is resolved against the article's date ("10:43 GMT" under an
article dated 02.02.2023 is 2023-02-02T10:43:00+00:00); when the times run over midnight the day advances.
A stamp without a zone takes the zone the scrape's other datelines name, else it is read as UTC (entry times
are always full date-times); an entry that only holds media (a photo, an embedded teaser) keeps empty text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, timezone, tzinfo

from .lines import META, TEXT, Line
from .text_patterns import chrome_rules
from .textdates import Stamp

MIN_STAMPS = 3
MAX_STAMP_WORDS = 8
ORDERED_SHARE = 0.8  # share of consecutive stamps that must run the same way
WITH_TEXT_SHARE = 0.5  # share of stamps that must be followed by text


@dataclass
class LiveBlog:
    """Positions of the stamp lines, and where the live part of the scrape ends (exclusive)."""

    stamps: list[int]
    end: int

    def region(self) -> set[int]:
        """Positions of every line from the first stamp to the end of the live part."""
        return set(range(self.stamps[0], self.end))


def stamp_of(line: Line) -> Stamp | None:
    """The time a stamp-only line holds; None for other lines."""
    if line.kind != META or line.why != "dateline" or line.words > MAX_STAMP_WORDS or chrome_rules().shape("machine_time").search(line.text):
        return None
    timed = [s for s in line.stamps if s.clock is not None]
    return timed[0] if timed else None


def find_liveblog(lines: list[Line], start: int = 0) -> LiveBlog | None:
    """The live blog of a scrape, or None when its timestamps do not make one."""
    positions = [i for i in range(start, len(lines)) if stamp_of(lines[i])]
    if len(positions) < MIN_STAMPS:
        return None
    if not _ordered([stamp_of(lines[i]) for i in positions]):  # type: ignore[misc]
        return None
    with_text = sum(1 for n, i in enumerate(positions) if _text_between(lines, i, _next(positions, n, len(lines))))
    if with_text < WITH_TEXT_SHARE * len(positions):
        return None
    return LiveBlog(positions, _live_end(lines, positions[-1]))


def _next(positions: list[int], n: int, default: int) -> int:
    """The position of the stamp after the n-th, or ``default`` for the last."""
    return positions[n + 1] if n + 1 < len(positions) else default


def _text_between(lines: list[Line], a: int, b: int) -> bool:
    """True when a text line stands between positions a and b."""
    return any(l.kind == TEXT for l in lines[a + 1 : b])


def _live_end(lines: list[Line], last: int) -> int:
    """End of the last entry: the first chrome or metadata line after its text."""
    i = last + 1
    while i < len(lines) and lines[i].kind == TEXT:
        i += 1
    return i


def _sort_key(stamp: Stamp) -> tuple[int, int]:
    """Comparable value of a stamp: (day ordinal or 0, seconds of the day)."""
    h, m, s = stamp.clock or (0, 0, 0)
    day = stamp.day.toordinal() if stamp.day and not stamp.partial else 0
    return day, h * 3600 + m * 60 + s


def _votes(stamps: list[Stamp]) -> tuple[int, int]:
    """How many consecutive pairs run backwards and forwards in time; a jump of over 12 hours between bare
    times is a midnight wrap and votes the other way."""
    down = up = 0
    for a, b in zip(stamps, stamps[1:]):
        ka, kb = _sort_key(a), _sort_key(b)
        step = (kb[0] - ka[0]) * 86400 + kb[1] - ka[1]
        if ka[0] == 0 and kb[0] == 0 and abs(step) > 43200:
            step = -step
        down += step <= 0
        up += step >= 0
    return down, up


def _ordered(stamps: list[Stamp]) -> bool:
    """True when the stamps run newest-first or oldest-first (midnight wraps of bare times allowed)."""
    down, up = _votes(stamps)
    return max(down, up) >= ORDERED_SHARE * (len(stamps) - 1)


def _newest_first(stamps: list[Stamp]) -> bool:
    """True when the stamps mostly run from newest to oldest."""
    down, up = _votes(stamps)
    return down > up


def entry_times(stamps: list[Stamp], on: date | None, zone: tzinfo | None) -> list[str | None]:
    """ISO times of the stamps: bare times dated ``on`` (advancing past midnight), zone-less ones in ``zone`` or UTC."""
    order = list(range(len(stamps)))
    if _newest_first(stamps):
        order.reverse()
    days: dict[int, date | None] = {}
    day, previous = on, None
    for n in order:
        stamp = stamps[n]
        if stamp.day and not stamp.partial:
            days[n] = stamp.day
            continue
        seconds = _sort_key(stamp)[1]
        if previous is not None and seconds < previous and day is not None:
            day = day + timedelta(days=1)
        previous = seconds
        days[n] = day
    return [s.iso(on=days[n], zone=zone or timezone.utc) if days[n] else None for n, s in enumerate(stamps)]
