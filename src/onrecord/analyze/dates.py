"""Event dates: every date expression of an article, resolved against its publication date.

    dates = extract_dates(article.text, article.published, article.article_id, quotes)
    for q in quotes:
        q.said_on = said_on(q, dates)

Patterns live in ``dates.toml``. Resolution is onrecord's own, not dateparser's: dateparser resolves relative
expressions without tense, sentence or quote ("on Monday" is always the past one), cannot say where in a text
an expression is, and costs ~3 ms a call; absolute parts are read straight from the match's named groups
(the tests check them against dateparser). ``resolved`` is ``YYYY-MM-DD``
(day), ``YYYY-MM`` (month), ``YYYY`` (year), or ``START/END``: a week is its ISO week, Monday/Sunday
(``2022-03-21/2022-03-27``); a range keeps the precision it was written with (``2022-03-28/2022-03-30``,
``2014/2022``). Without a publication date, relative expressions are kept with ``resolved`` None.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import EventDate, Granularity, Quote

DATA = Path(__file__).resolve().parent / "dates.toml"
DAYS_PER_MONTH = 30.44
PLAUSIBLE_YEARS = (1000, 9000)  # publication years outside are scraper noise, not dates to count from
WORD = re.compile(r"[\w'’]+")
SENTENCE_END = re.compile(r"\n+|[.!?…]+[\"”’')\]]*\s+")
WORD_BEFORE_DOT = re.compile(r"([\w.]+)$")
PLACEHOLDER = re.compile(r"\{([a-z_]+?)(\d?)\}")


class NotADate(ValueError):
    """A match whose parts make no calendar date (February 30, a range that runs backwards)."""


@dataclass(frozen=True)
class DatePattern:
    """One pattern of ``dates.toml``: a compiled regex and the resolver kind that reads its groups."""

    name: str
    kind: str
    regex: re.Pattern[str]
    anchor: str
    offset: int = 0
    sign: int = -1


@dataclass(frozen=True)
class DateRules:
    """Everything ``dates.toml`` holds, compiled."""

    patterns: tuple[DatePattern, ...]
    anchors: dict[str, tuple[str, ...]]  # set name -> lowercase words; "digits" is built in
    reach: tuple[int, int]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    relative: dict[str, int]
    future: frozenset[str]
    past: frozenset[str]
    abbreviations: frozenset[str]
    future_window: timedelta
    tense_window: int
    slash_order: str


def _expand(regex: str, fragments: dict[str, str], snippets: dict[str, str], where: str) -> str:
    """The regex with {name} / {nameN} replaced: fragments as named groups, snippets as written."""
    def sub(m: re.Match[str]) -> str:
        name, n = m.group(1), m.group(2)
        if name in fragments:
            return f"(?P<{name}{n}>{fragments[name]})"
        if name in snippets and not n:
            return snippets[name]
        raise ValueError(f"{where}: unknown placeholder {m.group(0)!r}; define it under [fragments] or [snippets]")
    return PLACEHOLDER.sub(sub, regex)


def _compile_pattern(raw: dict[str, Any], data: dict[str, Any], path: Path) -> DatePattern:
    """One [[pattern]] table compiled, with an error naming the file and the pattern."""
    where = f"{path}: pattern {raw.get('name', '?')!r}"
    fragments, snippets = data["fragments"], data.get("snippets", {})
    if raw.get("kind") not in RESOLVERS:
        raise ValueError(f"{where}: kind {raw.get('kind')!r} is not one of {sorted(RESOLVERS)}")
    if raw.get("anchor") != "digits" and raw.get("anchor") not in data.get("anchors", {}):
        raise ValueError(f"{where}: anchor {raw.get('anchor')!r} is neither 'digits' nor a list under [anchors]")
    try:
        regex = re.compile(_expand(raw["regex"], fragments, snippets, where), re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"{where}: bad regex ({exc})") from exc
    return DatePattern(raw["name"], raw["kind"], regex, raw["anchor"], int(raw.get("offset", 0)), int(raw.get("sign", -1)))


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA) -> DateRules:
    """The date patterns and word lists of a TOML file (the packaged ``dates.toml`` by default)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    words, settings = data["words"], data.get("settings", {})
    patterns = tuple(_compile_pattern(p, data, path) for p in data["pattern"])
    anchors = {k: tuple(w.lower() for w in v) for k, v in data.get("anchors", {}).items() if k != "reach"}
    before, after = data.get("anchors", {}).get("reach", (60, 80))
    return DateRules(
        patterns=patterns, anchors=anchors, reach=(int(before), int(after)),
        months=words["months"], weekdays=words["weekdays"],
        numbers={" ".join(k.split()): v for k, v in words["numbers"].items()},
        relative=words["relative"],
        future=frozenset(words["future"]), past=frozenset(words["past"]),
        abbreviations=frozenset(words["abbreviations"]),
        future_window=timedelta(days=int(settings.get("future_window_days", 60))),
        tense_window=int(settings.get("tense_window_words", 8)),
        slash_order=str(settings.get("slash_order", "MDY")),
    )


# ---- calendar arithmetic ----------------------------------------------------------------------------------

def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO date or timestamp, None when absent, unreadable or implausible."""
    try:
        day = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
    return day if day and PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1] else None


def add_months(d: date, months: int) -> date:
    """The day ``months`` calendar months away (clamped to the month's last day)."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    last = (date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m + 1, min(d.day, last))


def week_of(d: date) -> str:
    """The ISO week holding ``d``, as MONDAY/SUNDAY."""
    monday = d - timedelta(days=d.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _day(y: int, m: int, d: int) -> date:
    """A calendar day, or NotADate."""
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise NotADate(str(exc)) from exc


def infer_year(month: int, day: int | None, pub: date, ahead: bool | None, rules: DateRules,
               weekday: int | None = None) -> int:
    """The year for a date written without one: nearest to publication, not far after it (ahead: first after)."""
    options = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append(date(y, month, day or 1))
        except ValueError:
            continue
    if weekday is not None and any(o.weekday() == weekday for o in options):
        options = [o for o in options if o.weekday() == weekday]
    if not options:
        raise NotADate(f"no year has {month}-{day}")
    this_month = pub.replace(day=1) if day is None else pub
    if ahead:
        later = [o for o in options if o >= this_month]
        if later:
            return min(later).year
    window = timedelta(0) if ahead is False else rules.future_window
    allowed = [o for o in options if o <= pub + window] or options
    return min(allowed, key=lambda o: abs((o - pub).days)).year


# ---- context: tense and sentences ----------------------------------------------------------------------

def sentence_bounds(text: str, rules: DateRules) -> list[int]:
    """Offsets where sentences start: after line breaks and after . ! ? not ending an abbreviation."""
    starts = [0]
    for m in SENTENCE_END.finditer(text):
        if m.group(0)[0] == ".":
            before = WORD_BEFORE_DOT.search(text[max(0, m.start() - 12):m.start()])
            word = before.group(1).lower() if before else ""
            if word in rules.abbreviations or (len(word) == 1 and word.isalpha()):
                continue
        starts.append(m.end())
    return starts


def sentence_of(starts: list[int], pos: int, size: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding offset ``pos``."""
    i = bisect_right(starts, pos) - 1
    return starts[i], (starts[i + 1] if i + 1 < len(starts) else size)


@dataclass
class Context:
    """What a resolver may read besides its match: publication day, rules, and the tense around the match."""

    text: str
    pub: date | None
    rules: DateRules
    sentence: tuple[int, int]
    span: tuple[int, int]

    def ahead(self) -> bool | None:
        """True when the words around the expression speak of the future, False of the past, None if silent."""
        a, b = self.sentence
        before = WORD.findall(self.text[a:self.span[0]])[::-1]
        after = WORD.findall(self.text[self.span[1]:b])
        for words in (before, after):
            for w in words[: self.rules.tense_window]:
                w = w.lower()
                if w in self.rules.future:
                    return True
                if w in self.rules.past:
                    return False
        return None


# ---- resolvers: one per pattern kind -------------------------------------------------------------------

Resolved = tuple[str | None, Granularity]


def _month(m: re.Match[str], rules: DateRules, group: str = "month") -> int:
    """The month number of a named group."""
    return rules.months[m.group(group).rstrip(".").lower()]


def _year(m: re.Match[str], group: str = "year") -> int | None:
    """The year of a named group, if the group matched."""
    raw = m.groupdict().get(group)
    return int(raw) if raw else None


def _weekday(m: re.Match[str], rules: DateRules) -> int | None:
    """The weekday number of the ``weekday`` group, if present."""
    g = m.groupdict().get("weekday")
    return rules.weekdays[g.lower()] if g else None


def _day_number(raw: str) -> int:
    """A day of month without its ordinal suffix."""
    return int(re.match(r"\d+", raw).group(0))  # type: ignore[union-attr]


def resolve_numeric(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """2022-03-28, 28.03.2022: year, month (m) and day (d) groups."""
    return _day(int(m.group("year")), int(m.group("m")), int(m.group("d"))).isoformat(), "day"


def resolve_slashed(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """3/28/2022 or 28/3/2022: the part above 12 is the day; otherwise the configured order."""
    a, b = int(m.group("a")), int(m.group("b"))
    month, day = (a, b) if (ctx.rules.slash_order == "MDY" and a <= 12) or b > 12 else (b, a)
    return _day(int(m.group("year")), month, day).isoformat(), "day"


def resolve_date(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """(on) (Thursday,) February 2 (2023) / 24 February (2022): the year inferred when missing."""
    month, day = _month(m, ctx.rules), _day_number(m.group("day"))
    year = _year(m)
    if year is None:
        _day(2000, month, day)  # a leap year: rejects only impossible days
        if ctx.pub is None:
            return None, "day"
        year = infer_year(month, day, ctx.pub, ctx.ahead(), ctx.rules, _weekday(m, ctx.rules))
    return _day(year, month, day).isoformat(), "day"


def resolve_range(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """March 28-30 (2022), 28 March - 2 April: START/END days."""
    month, day, day2 = _month(m, ctx.rules), _day_number(m.group("day")), _day_number(m.group("day2"))
    month2 = _month(m, ctx.rules, "month2") if m.groupdict().get("month2") else month
    if (month2, day2) <= (month, day) and month2 >= month:
        raise NotADate("a range must run forwards")
    wraps = month2 < month  # 30 Dec - 2 Jan: the range crosses a new year
    year = _year(m)
    if year is not None:  # a year written at the end belongs to the end
        start_year, end_year = (year - 1, year) if wraps else (year, year)
    else:
        _day(2000, month, day), _day(2000, month2, day2)
        if ctx.pub is None:
            return None, "range"
        start_year = infer_year(month, day, ctx.pub, ctx.ahead(), ctx.rules)
        end_year = start_year + wraps
    return f"{_day(start_year, month, day).isoformat()}/{_day(end_year, month2, day2).isoformat()}", "range"


def resolve_month(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """(in) March 2022, in March, last March."""
    month, year = _month(m, ctx.rules), _year(m)
    if year is None:
        if ctx.pub is None:
            return None, "month"
        rel = ctx.rules.relative.get((m.groupdict().get("rel") or "").lower())
        if rel is None:
            year = infer_year(month, None, ctx.pub, ctx.ahead(), ctx.rules)
        elif rel < 0:
            year = ctx.pub.year if month < ctx.pub.month else ctx.pub.year - 1
        elif rel > 0:
            year = ctx.pub.year if month > ctx.pub.month else ctx.pub.year + 1
        else:
            year = ctx.pub.year
    return f"{year:04d}-{month:02d}", "month"


def resolve_year(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """in 2019, since 2014."""
    return m.group("year"), "year"


def resolve_year_range(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """2014-2022, from 2014 to 2022."""
    if int(m.group("year2")) <= int(m.group("year")):
        raise NotADate("a range must run forwards")
    return f"{m.group('year')}/{m.group('year2')}", "range"


def resolve_weekday(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """(on) Monday: the latest on or before publication; the next one when the sentence looks ahead."""
    if ctx.pub is None:
        return None, "day"
    wd = _weekday(m, ctx.rules)
    assert wd is not None
    rel = ctx.rules.relative.get((m.groupdict().get("rel") or "").lower())
    back = (ctx.pub.weekday() - wd) % 7
    if rel is not None and rel < 0:
        shift = -(back or 7)
    elif rel is not None and rel > 0:
        shift = (wd - ctx.pub.weekday()) % 7 or 7
    elif ctx.ahead():
        shift = (wd - ctx.pub.weekday()) % 7
    else:
        shift = -back
    return (ctx.pub + timedelta(days=shift)).isoformat(), "day"


def resolve_day_offset(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """today, yesterday, tomorrow, earlier in the day."""
    return ((ctx.pub + timedelta(days=pattern.offset)).isoformat() if ctx.pub else None), "day"


def resolve_weekend(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """over the weekend, last/this/next weekend: SATURDAY/SUNDAY (the one just past unless the text looks ahead)."""
    if ctx.pub is None:
        return None, "range"
    saturday = ctx.pub - timedelta(days=ctx.pub.weekday()) + timedelta(days=5)  # of the publication's ISO week
    rel = ctx.rules.relative.get((m.groupdict().get("rel") or "").lower())
    if rel is None:
        rel = 0 if ctx.pub >= saturday or ctx.ahead() else -1
    start = saturday + timedelta(weeks=rel)
    return f"{start.isoformat()}/{(start + timedelta(days=1)).isoformat()}", "range"


def _rel(m: re.Match[str], ctx: Context) -> int:
    """The step of last/this/next."""
    return ctx.rules.relative[m.group("rel").lower()]


def resolve_week_offset(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """last week, this week, next week: the ISO week as MONDAY/SUNDAY."""
    return (week_of(ctx.pub + timedelta(weeks=_rel(m, ctx))) if ctx.pub else None), "week"


def resolve_month_offset(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """last month, this month, next month."""
    return (add_months(ctx.pub, _rel(m, ctx)).isoformat()[:7] if ctx.pub else None), "month"


def resolve_year_offset(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """last year, this year, next year."""
    return (str(ctx.pub.year + _rel(m, ctx)) if ctx.pub else None), "year"


def _amount(m: re.Match[str], rules: DateRules) -> float:
    """The count of an ``ago`` expression: "two" 2, "a year and a half" 1.5, "half a year" 0.5."""
    g = m.groupdict()
    if g.get("half"):
        return 0.5
    raw = " ".join(g["number"].lower().split())
    n = float(raw) if raw.isdigit() else float(rules.numbers[raw])
    return n + (0.5 if g.get("and_half") or g.get("unit_half") else 0)


def resolve_ago(m: re.Match[str], ctx: Context, pattern: DatePattern) -> Resolved:
    """two weeks ago, a year and a half ago (month granularity), ten days from now."""
    unit = m.group("unit").lower().rstrip("s")
    n = _amount(m, ctx.rules) * pattern.sign
    whole = n == int(n)
    granularity: Granularity = {"day": "day", "week": "week", "month": "month", "year": "year" if whole else "month"}[unit]
    if ctx.pub is None:
        return None, granularity
    if unit in ("day", "week"):
        d = ctx.pub + timedelta(days=round(n * (1 if unit == "day" else 7)))
        return (d.isoformat() if unit == "day" else week_of(d)), granularity
    months = n * (12 if unit == "year" else 1)
    d = add_months(ctx.pub, int(months)) if months == int(months) else ctx.pub + timedelta(days=round(months * DAYS_PER_MONTH))
    return (str(d.year) if granularity == "year" else d.isoformat()[:7]), granularity


RESOLVERS: dict[str, Callable[[re.Match[str], Context, DatePattern], Resolved]] = {
    "numeric": resolve_numeric, "slashed": resolve_slashed, "date": resolve_date,
    "range": resolve_range, "month": resolve_month, "year": resolve_year, "year_range": resolve_year_range,
    "weekday": resolve_weekday, "day_offset": resolve_day_offset, "weekend": resolve_weekend, "week_offset": resolve_week_offset,
    "month_offset": resolve_month_offset, "year_offset": resolve_year_offset, "ago": resolve_ago,
}


# ---- extraction ---------------------------------------------------------------------------------------

@dataclass
class Candidate:
    """A resolved match before overlaps are settled."""

    start: int
    end: int
    order: int
    resolved: str | None
    granularity: Granularity


DIGITS = re.compile(r"\d+")


def _anchor_spans(text: str, low: str, words: tuple[str, ...] | None) -> list[tuple[int, int]]:
    """Where the anchors of a set occur: digit runs (words None) or the set's words in lowercased text."""
    if words is None:
        return [m.span() for m in DIGITS.finditer(text)]
    spans = []
    for w in words:
        i = low.find(w)
        while i >= 0:
            spans.append((i, i + len(w)))
            i = low.find(w, i + 1)
    return spans


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def search_windows(text: str, spans: list[tuple[int, int]], reach: tuple[int, int]) -> list[tuple[int, int]]:
    """Disjoint stretches of text around anchor spans, widened to whole words."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        lo, hi = max(0, a - reach[0]), min(len(text), b + reach[1])
        while lo > 0 and _is_word(text[lo - 1]):
            lo -= 1
        while hi < len(text) and _is_word(text[hi]):
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _matches(text: str, rules: DateRules) -> Iterator[tuple[int, DatePattern, re.Match[str]]]:
    """Every match of every pattern, each pattern searched only near its anchors."""
    low = text.lower() if len(text.lower()) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    windows: dict[str, list[tuple[int, int]]] = {}
    for order, pattern in enumerate(rules.patterns):
        if pattern.anchor not in windows:
            words = None if pattern.anchor == "digits" else rules.anchors[pattern.anchor]
            windows[pattern.anchor] = search_windows(text, _anchor_spans(text, low, words), rules.reach)
        for lo, hi in windows[pattern.anchor]:
            for m in pattern.regex.finditer(text, lo, hi):
                yield order, pattern, m


def _candidates(text: str, pub: date | None, rules: DateRules, starts: list[int]) -> list[Candidate]:
    """Every pattern match that makes a date, overlapping ones included."""
    out = []
    for order, pattern, m in _matches(text, rules):
        if m.end() == m.start():
            continue
        ctx = Context(text, pub, rules, sentence_of(starts, m.start(), len(text)), m.span())
        try:
            resolved, granularity = RESOLVERS[pattern.kind](m, ctx, pattern)
        except (ValueError, OverflowError):  # NotADate, or arithmetic beyond year 1..9999
            continue
        out.append(Candidate(m.start(), m.end(), order, resolved, granularity))
    return out


def _longest(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (then the earlier pattern), in text order."""
    taken: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.order, c.start)):
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _cue_in(text: str, lo: int, hi: int, quote: Quote) -> bool:
    """True when the quote's cue appears in text[lo:hi] outside the quote itself."""
    cue = (quote.cue or "").strip()
    if not cue:
        return False
    pattern = rf"(?<!\w){re.escape(cue)}(?!\w)" if cue[0].isalnum() else re.escape(cue)
    return any(not (quote.span[0] <= lo + m.start() < quote.span[1])
               for m in re.finditer(pattern, text[lo:hi], re.IGNORECASE))


def quote_for(span: tuple[int, int], text: str, quotes: Sequence[Quote], sentence: tuple[int, int]) -> str | None:
    """The quote a date belongs to: the one it sits inside, else the nearest whose cue shares its sentence."""
    inside = [q for q in quotes if q.span[0] <= span[0] and span[1] <= q.span[1]]
    if inside:
        return min(inside, key=lambda q: q.span[1] - q.span[0]).quote_id
    lo, hi = sentence
    near = [q for q in quotes if q.span[0] < hi and q.span[1] > lo and _cue_in(text, lo, hi, q)]
    if not near:
        return None
    return min(near, key=lambda q: max(q.span[0] - span[1], span[0] - q.span[1], 0)).quote_id


def extract_dates(text: str, published: str | None, article_id: str, quotes: Sequence[Quote] = (),
                  rules: DateRules | None = None) -> list[EventDate]:
    """Every date expression of ``text``, resolved against ``published``, with the quote it belongs to."""
    rules = rules or load_rules()
    pub = parse_published(published)
    starts = sentence_bounds(text, rules)
    out = []
    for c in _longest(_candidates(text, pub, rules, starts)):
        sentence = sentence_of(starts, c.start, len(text))
        out.append(EventDate(article_id=article_id, text=text[c.start:c.end], resolved=c.resolved,
                             granularity=c.granularity, span=(c.start, c.end),
                             quote_id=quote_for((c.start, c.end), text, quotes, sentence) if quotes else None))
    return out


def said_on(quote: Quote, dates: Sequence[EventDate]) -> str | None:
    """The day (YYYY-MM-DD) a quote was said, when its attribution names one ("said on Monday"), else None."""
    days = [d for d in dates if d.quote_id == quote.quote_id and d.granularity == "day" and d.resolved
            and (d.span[1] <= quote.span[0] or d.span[0] >= quote.span[1])]
    if not days:
        return None
    return min(days, key=lambda d: max(quote.span[0] - d.span[1], d.span[0] - quote.span[1], 0)).resolved
