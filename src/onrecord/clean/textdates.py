"""Dates and times written in scraped text: find them, and write them as ISO 8601 (UTC when the zone is known).

    find_stamps("10:03 GMT 10.03.2022 (Updated: 10:35 GMT 10.03.2022)")
    -> [Stamp(2022-03-10 10:03 +00:00), Stamp(2022-03-10 10:35 +00:00)]

A date without a time is written 'YYYY-MM-DD'; a time is written 'YYYY-MM-DDTHH:MM:SS+00:00' only when its
zone is known (from the stamp, or handed in by the caller): a time without a zone is never guessed into UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache

from .text_patterns import date_forms


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Stamp:
    """A date, a time of day, or both, found at ``span`` of a text; any part may be missing."""

    day: date | None
    clock: tuple[int, int, int] | None
    zone: tzinfo | None
    span: tuple[int, int]
    partial: bool = False  # a day without a year ("Thursday, February 2")

    def iso(self, on: date | None = None, zone: tzinfo | None = None) -> str | None:
        """ISO form: the time in UTC when a day, a time and a zone are known, else the bare day, else None."""
        day = self.day if self.day and not self.partial else on
        if day is None:
            return None
        tz = self.zone or zone
        if self.clock is None or tz is None:
            return day.isoformat()
        h, m, s = self.clock
        moment = datetime(day.year, day.month, day.day, h, m, s, tzinfo=tz)
        return moment.astimezone(timezone.utc).isoformat()


@cache
def _regexes() -> dict[str, re.Pattern[str]]:
    """The date and time regexes, built from dates.toml's vocabulary."""
    forms = date_forms()
    month = "|".join(sorted(map(re.escape, forms.months), key=len, reverse=True))
    weekday = "|".join(sorted(map(re.escape, forms.weekdays), key=len, reverse=True))
    zone = "|".join(sorted(map(re.escape, forms.zones), key=len, reverse=True))
    zone_part = rf"(?P<tz>(?:{zone})\b|(?:utc|gmt)\s?[+-]\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}\b)"
    return {
        "month_word": re.compile(rf"\b(?:{month})\b", re.IGNORECASE),
        "iso": re.compile(
            r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
            r"\s?(?P<off>Z|[+-]\d{2}:?\d{2})?)?(?![\d:])",
            re.IGNORECASE,
        ),
        "dotted": re.compile(r"(?<![\d.])(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})(?![\d.])"),
        "slashed": re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
        "month_day": re.compile(
            rf"\b(?:(?:{weekday})\.?,?\s+)?(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<y>\d{{4}})\b)?",
            re.IGNORECASE,
        ),
        "day_month": re.compile(
            rf"\b(?:(?:{weekday})\.?,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{month})\.?\b(?:,?\s*(?P<y>\d{{4}})\b)?",
            re.IGNORECASE,
        ),
        "time": re.compile(
            rf"(?<![\d:.])(?P<H>\d{{1,2}})(?:(?P<sep>:)(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?|\.(?P<M2>\d{{2}})(?=\s?(?:[ap]\.?m\b|{zone}\b)))"
            rf"(?!\d)\s?(?P<ampm>[ap]\.?m\.?)?(?:\s?{zone_part})?",
            re.IGNORECASE,
        ),
    }


@cache
def zone_named(name: str) -> tzinfo | None:
    """The tzinfo for a zone abbreviation or offset ('GMT', 'ET', '+0300', 'UTC+3'); None when unknown."""
    key = name.lower().replace(" ", "")
    table = date_forms().zones
    if key in table:
        value = table[key]
        return _offset(value) if value[0] in "+-" else _iana(value)
    match = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?", key)
    if not match:
        return None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes >= 60:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if sign == "-" else delta)


def _offset(value: str) -> tzinfo:
    """A fixed offset from '+HH:MM'."""
    sign = -1 if value[0] == "-" else 1
    hours, minutes = value[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def _iana(name: str) -> tzinfo | None:
    """An IANA zone (daylight saving applied per date); None when the system has no zone database."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # no tz database on this system: the offset is unknown, not guessed
        return None


def find_stamps(text: str) -> list[Stamp]:
    """Every date and time in the text, a time joined with the date written right before or after it."""
    if not _DIGIT.search(text):
        return []
    dates = _find_dates(text)
    taken = [s.span for s in dates]
    times = [t for t in _find_times(text) if not any(_overlaps(t.span, span) for span in taken)]
    return _join(dates, times, text)


def _find_dates(text: str) -> list[Stamp]:
    """Dates (possibly with time, for ISO forms) in text order, overlapping matches removed."""
    found: list[Stamp] = []
    regexes = _regexes()
    named_month = regexes["month_word"].search(text) is not None
    for kind, regex in regexes.items():
        if kind in ("time", "month_word") or (kind in ("month_day", "day_month") and not named_month):
            continue
        for match in regex.finditer(text):
            stamp = _date_of(kind, match)
            if stamp and not any(_overlaps(stamp.span, s.span) for s in found):
                found.append(stamp)
    return sorted(found, key=lambda s: s.span)


def _date_of(kind: str, m: re.Match[str]) -> Stamp | None:
    """One date match as a Stamp; None when it is not a real calendar date."""
    forms = date_forms()
    if kind == "iso":
        day = _day(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is None:
            return None
        clock = (int(m["H"]), int(m["M"]), int(m["S"] or 0)) if m["H"] else None
        zone = zone_named("utc" if (m["off"] or "").upper() == "Z" else m["off"]) if m["off"] else None
        return Stamp(day, clock if clock and _valid_clock(clock) else None, zone, m.span())
    if kind == "dotted":
        return _stamp(int(m["y"]), int(m["m"]), int(m["d"]), m.span())
    if kind == "slashed":
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        y = y + 2000 if y < 100 else y
        day_first = forms.slash_day_first or a > 12
        return _stamp(y, a if not day_first else b, b if not day_first else a, m.span())
    month = forms.months[m["mon"].lower()]
    if m["y"] is None:
        return Stamp(_day(2000, month, int(m["d"])), None, None, m.span(), partial=True) if _day(2000, month, int(m["d"])) else None
    return _stamp(int(m["y"]), month, int(m["d"]), m.span())


def _stamp(y: int, m: int, d: int, span: tuple[int, int]) -> Stamp | None:
    """A date-only Stamp, or None for an impossible date or a year out of range."""
    day = _day(y, m, d)
    return Stamp(day, None, None, span) if day else None


def _day(y: int, m: int, d: int) -> date | None:
    """The date, or None when it does not exist or its year is out of dates.toml's range."""
    forms = date_forms()
    if not forms.min_year <= y <= forms.max_year:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _find_times(text: str) -> list[Stamp]:
    """Times of day (with their zone when written) in text order."""
    out = []
    for m in _regexes()["time"].finditer(text):
        hour, minute = int(m["H"]), int(m["M"] or m["M2"])
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if ampm and not 1 <= hour <= 12:
            continue
        if ampm == "pm" and hour != 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        clock = (hour, minute, int(m["S"] or 0))
        if _valid_clock(clock):
            out.append(Stamp(None, clock, zone_named(m["tz"]) if m["tz"] else None, m.span()))
    return out


def _valid_clock(clock: tuple[int, int, int]) -> bool:
    """True for a real time of day."""
    h, m, s = clock
    return 0 <= h < 24 and 0 <= m < 60 and 0 <= s < 60


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def _join(dates: list[Stamp], times: list[Stamp], text: str) -> list[Stamp]:
    """Each time merged with an adjacent date (within a few separator characters) that has no time yet."""
    out = list(dates)
    for t in times:
        partner = next((d for d in out if d.clock is None and d.day and _adjacent(d.span, t.span, text)), None)
        if partner is None:
            out.append(t)
            continue
        span = (min(partner.span[0], t.span[0]), max(partner.span[1], t.span[1]))
        out[out.index(partner)] = replace(partner, clock=t.clock, zone=t.zone, span=span)
    return sorted(out, key=lambda s: s.span)


def _adjacent(a: tuple[int, int], b: tuple[int, int], text: str) -> bool:
    """True when only spaces, commas, 'at' or a dash separate the two spans."""
    lo, hi = (a, b) if a[0] < b[0] else (b, a)
    gap = text[lo[1] : hi[0]]
    return len(gap) <= 6 and re.fullmatch(r"[\s,|–—-]*(?:at|on)?[\s,|–—-]*", gap, re.IGNORECASE) is not None
