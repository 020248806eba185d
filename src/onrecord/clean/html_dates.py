"""Publication and update dates of an HTML page: the date its header shows, htmldate's search, JSON-LD, meta tags.

Dates keep the time zone the page wrote them in ("2023-12-22T22:10:00-05:00"), so their first ten
characters are the calendar day the outlet printed; converting to UTC first would move late-evening
articles to the next day.

The date a reader sees under the headline ("By Jane Doe | Updated December 26, 2023 10:48 AM") is the one
the page stands by: when a page was revised it often shows the revision date while its metadata still
declares the first one, and it shows the day in the outlet's own time zone while the metadata is in UTC.
That shown date is trusted when the page's declared dates confirm it (one of them within a day of it).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from .html_page import PageFacts
from .html_patterns import (
    DATE_MIN_YEAR,
    DATE_PUBLISHED_META_KEYS,
    DATE_SERVER_META_KEYS,
    DATE_SHOWN_MAX_GAP_DAYS,
    DATE_UPDATED_META_KEYS,
)
from .html_shown import shown_date
from .textdates import Stamp

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:[.,]\d+)?\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
_SLASHED = re.compile(
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?:\D+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<p>[AP]M)?)?",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T?(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?$")


def choose_published(facts: PageFacts) -> str | None:
    """The date the page shows by its headline, else htmldate's publication day (with the time of a declared
    date on that same day).

    Measured on NAEB dev, the shown date is the one gold follows: a revised page shows the revision date while
    its metadata keeps the first one, and shows the outlet's day while the metadata is in UTC. It is trusted
    when a date the article declares (JSON-LD, meta tags) lies within DATE_SHOWN_MAX_GAP_DAYS of it, or when
    the article declares none. Otherwise htmldate's choice beats JSON-LD/meta precedence (it weighs the page's
    text against the declared dates); JSON-LD and meta dates fill in when htmldate finds nothing. A declared
    time in UTC is given in the page's own time zone when a <time> element states the same instant that way.
    """
    declared = [d for d in map(parse_date, _published_candidates(facts)) if d]
    shown = shown_date(facts)
    if shown is not None:
        evidence = declared + [d for d in map(parse_date, _other_declared(facts)) if d]
        if not evidence or _near_any(shown.stamp.day, evidence):  # type: ignore[arg-type]
            own = [d for d in map(parse_date, _markup_dates(shown.element)) if d]
            return in_local_time(as_shown(shown.stamp, evidence + own), facts.tree)
    day = htmldate_search(facts.tree, original=True)
    if day is None:
        chosen = declared[0] if declared else None
    else:
        chosen = next((d for d in declared if d[:10] == day), day)
    return in_local_time(chosen, facts.tree) if chosen else None


def _near_any(day: date, declared: list[str]) -> bool:
    """True when a declared date falls within DATE_SHOWN_MAX_GAP_DAYS of the day."""
    for value in declared:
        try:
            if abs((date.fromisoformat(value[:10]) - day).days) <= DATE_SHOWN_MAX_GAP_DAYS:
                return True
        except ValueError:
            continue
    return False


def as_shown(shown: Stamp, declared: list[str]) -> str:
    """The shown day with the most precise time the page backs it with: a declared date-time on that day (one
    at the shown time of day first), else the shown time in its written zone (the seconds of a declared
    instant within a minute of it kept), else a declared instant written in the offset that gives the shown
    time of day, else the bare day."""
    day = shown.day.isoformat()  # type: ignore[union-attr]
    same_day = [d for d in declared if d[:10] == day]
    if same_day:
        at_clock = [d for d in same_day if shown.clock is not None and _clock(d) == shown.clock[:2]]
        chosen = (at_clock or same_day)[0]
        if at_clock and len(chosen) > 10 and _instant(chosen) is None and shown.zone is not None:
            return datetime.fromisoformat(chosen).replace(tzinfo=shown.zone).isoformat()  # naive: zone as shown
        return chosen
    if shown.clock is None:
        return day
    local = datetime(shown.day.year, shown.day.month, shown.day.day, *shown.clock)  # type: ignore[union-attr]
    instants = [i for i in map(_instant, declared) if i is not None]
    if shown.zone is not None:
        stamp = local.replace(tzinfo=shown.zone)
        offset = timezone(stamp.utcoffset() or timedelta(0))
        near = next((i for i in instants if abs((i - stamp).total_seconds()) < 60), None)
        return (near or stamp).astimezone(offset).isoformat()
    for instant in instants:
        zone = _offset_between(local, instant)
        if zone is not None:
            return instant.astimezone(zone).isoformat()
    return day


def _offset_between(local: datetime, instant: datetime) -> timezone | None:
    """The UTC offset that writes the instant as this wall-clock time (to the minute), if it is a real one:
    a whole quarter hour between -12:00 and +14:00."""
    minutes = (local - instant.astimezone(timezone.utc).replace(tzinfo=None)).total_seconds() / 60
    quarters = round(minutes / 15)
    if abs(minutes - 15 * quarters) >= 1 or not -48 <= quarters <= 56:
        return None
    return timezone(timedelta(minutes=15 * quarters))


def in_local_time(value: str, tree: Any) -> str:
    """The same instant as written by a <time datetime> element with a non-UTC offset, else the value unchanged."""
    instant = _instant(value)
    if instant is None or instant.utcoffset() != timedelta(0) or tree is None:
        return value
    for el in tree.iter("time"):
        local = parse_date(el.get("datetime") or "")
        other = _instant(local) if local else None
        if other is not None and other.utcoffset() != timedelta(0) and abs((other - instant).total_seconds()) < 60:
            return local  # type: ignore[return-value]
    return value


def _instant(value: str | None) -> datetime | None:
    """An ISO date-time with an offset as an aware datetime; None for bare dates and naive times."""
    try:
        parsed = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None and len(value or "") > 10 else None


def choose_updated(facts: PageFacts) -> str | None:
    """The last-modified date the page declares (JSON-LD dateModified or a modified-time meta tag)."""
    raw = [str(o["dateModified"]) for o in facts.articles if o.get("dateModified")]
    for key in DATE_UPDATED_META_KEYS:
        raw.extend(facts.meta.get(key, []))
    return next((d for d in map(parse_date, raw) if d), None)


def _clock(value: str) -> tuple[int, int] | None:
    """Hour and minute of an ISO date-time as written; None for a bare date."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (parsed.hour, parsed.minute) if len(value) > 10 else None


def _other_declared(facts: PageFacts) -> list[str]:
    """Raw update and creation dates the article declares (server-stamped meta tags skipped)."""
    raw = [str(o[k]) for o in facts.articles for k in ("dateModified", "dateCreated") if o.get(k)]
    for key in DATE_UPDATED_META_KEYS:
        if key not in DATE_SERVER_META_KEYS:
            raw.extend(facts.meta.get(key, []))
    return raw


def _markup_dates(el: Any) -> list[str]:
    """The machine-readable date of the <time> element holding a shown date (its datetime attribute)."""
    for node in [el, *el.iterancestors()]:
        if node.tag == "time":
            return [node.get("datetime") or ""]
    return []


def _published_candidates(facts: PageFacts) -> list[str]:
    """Raw publication-date strings, most trusted first."""
    raw = [str(o["datePublished"]) for o in facts.articles if o.get("datePublished")]
    for key in DATE_PUBLISHED_META_KEYS:
        raw.extend(facts.meta.get(key, []))
    return raw


def parse_date(raw: str) -> str | None:
    """A date or date-time string as ISO 8601 in its own time zone; None when unreadable or implausible."""
    raw = raw.strip()
    for parse in (_from_iso, _from_slashed, _from_compact):
        found = parse(raw)
        if found is not None:
            return found if plausible(found) else None
    return None


def plausible(iso: str) -> bool:
    """A publication date between DATE_MIN_YEAR and tomorrow."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return False
    return DATE_MIN_YEAR <= day.year and day <= date.today() + timedelta(days=1)


def _from_iso(raw: str) -> str | None:
    """'2023-12-22', '2023-12-22T10:00:00.123Z', '2023-12-22 10:00:00 -0500' and kin."""
    match = _ISO.search(raw)
    if not match:
        return None
    return _assemble(match.group("y"), match.group("m"), match.group("d"), match, match.group("tz"))


def _from_slashed(raw: str) -> str | None:
    """'12/20/2023 4:30:26 PM' (month first unless the first number cannot be a month)."""
    match = _SLASHED.search(raw)
    if not match:
        return None
    a, b = int(match.group("a")), int(match.group("b"))
    month, day = (b, a) if a > 12 else (a, b)
    hour = match.group("H")
    if hour is not None and match.group("p"):
        hour = str(int(hour) % 12 + (12 if match.group("p").upper() == "PM" else 0))
    return _assemble(match.group("y"), str(month), str(day), match, None, hour=hour)


def _from_compact(raw: str) -> str | None:
    """'20231222' or '20231222T101500'."""
    match = _COMPACT.match(raw)
    return _assemble(match.group("y"), match.group("m"), match.group("d"), match, None) if match else None


def _assemble(y: str, m: str, d: str, match: re.Match[str], tz: str | None, hour: str | None = None) -> str | None:
    """ISO text from parts: a bare date when no time was given, else date-time with the offset if one was."""
    hour = hour if hour is not None else match.groupdict().get("H")
    try:
        day = date(int(y), int(m), int(d))
        if hour is None:
            return day.isoformat()
        stamp = datetime(day.year, day.month, day.day, int(hour), int(match.group("M")), int(match.group("S") or 0))
    except (TypeError, ValueError):
        return None
    offset = _offset(tz)
    return stamp.replace(tzinfo=offset).isoformat() if offset is not None else stamp.isoformat()


def _offset(tz: str | None) -> timezone | None:
    """A fixed offset from 'Z', 'UTC', '+05:30' or '-0500'; None when the text gives none."""
    if not tz:
        return None
    if tz.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    try:
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
    except ValueError:
        return None


def htmldate_search(tree: Any, original: bool) -> str | None:
    """htmldate's date for the page: a quick search of the markup first, the extensive one (text too) if that fails."""
    if tree is None:
        return None
    from htmldate import find_date

    for extensive in (False, True):
        try:
            found = find_date(tree, original_date=original, extensive_search=extensive, outputformat="%Y-%m-%d")
        except (ValueError, TypeError):
            found = None
        if found and plausible(found):
            return found
    return None
