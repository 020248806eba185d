"""Event dates: every form resolved against the publication date, non-dates left alone, quotes attached."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.analyze.dates import (
    add_months, extract_dates, infer_year, load_rules, said_on, sentence_bounds, week_of,
)
from onrecord.records import EventDate, Quote

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
MONDAY = "2022-03-28"  # a Monday


def dates(text: str, published: str | None = MONDAY, quotes: list[Quote] | None = None) -> list[EventDate]:
    return extract_dates(text, published, "a1", quotes or [])


def one(text: str, published: str | None = MONDAY) -> EventDate:
    found = dates(text, published)
    assert len(found) == 1, [(d.text, d.resolved) for d in found]
    d = found[0]
    assert text[d.span[0]:d.span[1]] == d.text
    return d


# ---- each form --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expr, resolved, granularity", [
    # weekdays: the latest on or before publication, the next one when the sentence looks ahead
    ("Dmitry Peskov said on Monday that talks went well.", "on Monday", "2022-03-28", "day"),
    ("The two leaders had stated on Sunday that talks went well.", "on Sunday", "2022-03-27", "day"),
    ("Talks were held on Friday in Istanbul.", "on Friday", "2022-03-25", "day"),
    ("The summit will take place on Friday.", "on Friday", "2022-04-01", "day"),
    ("Talks could happen on Tuesday instead.", "on Tuesday", "2022-03-29", "day"),
    ("Next Monday he flies to Ankara.", "Next Monday", "2022-04-04", "day"),
    ("He flew to Ankara last Monday.", "last Monday", "2022-03-21", "day"),
    ("On Wednesday morning, the ministers met.", "On Wednesday morning", "2022-03-23", "day"),
    # today and its neighbours
    ("Earlier in the day, Zelensky claimed that Ukraine is open to talks.", "Earlier in the day", "2022-03-28", "day"),
    ("The minister arrives today.", "today", "2022-03-28", "day"),
    ("The minister arrived yesterday.", "yesterday", "2022-03-27", "day"),
    ("The minister leaves tomorrow.", "tomorrow", "2022-03-29", "day"),
    ("He came the day before yesterday.", "the day before yesterday", "2022-03-26", "day"),
    ("Three days ago, a convoy left.", "Three days ago", "2022-03-25", "day"),
    # weekends: Saturday/Sunday, the one just past unless the sentence looks ahead
    ("Talks over the weekend failed.", "over the weekend", "2022-03-26/2022-03-27", "range"),
    ("He will rest at the weekend.", "at the weekend", "2022-04-02/2022-04-03", "range"),
    ("Last weekend he rested.", "Last weekend", "2022-03-26/2022-03-27", "range"),
    # weeks: the ISO week, Monday/Sunday
    ("Officials met last week.", "last week", "2022-03-21/2022-03-27", "week"),
    ("Officials met earlier this week.", "earlier this week", "2022-03-28/2022-04-03", "week"),
    ("Officials meet next week.", "next week", "2022-04-04/2022-04-10", "week"),
    ("Officials met two weeks ago.", "two weeks ago", "2022-03-14/2022-03-20", "week"),
    # months
    ("Prices rose last month.", "last month", "2022-02", "month"),
    ("He arrived in March.", "in March", "2022-03", "month"),
    ("He left in December.", "in December", "2021-12", "month"),
    ("Talks were held in early February.", "in early February", "2022-02", "month"),
    ("Turkey hosted talks in March 2022.", "in March 2022", "2022-03", "month"),
    ("It happened last March.", "last March", "2021-03", "month"),
    ("Putin mentioned talks a year and a half ago.", "a year and a half ago", "2020-09", "month"),
    ("Half a year ago, nothing was agreed.", "Half a year ago", "2021-09", "month"),
    ("Prices fell six months ago.", "six months ago", "2021-09", "month"),
    # years
    ("Last year was worse.", "Last year", "2021", "year"),
    ("Earlier this year, talks began.", "Earlier this year", "2022", "year"),
    ("The parties held a meeting in 2023.", "in 2023", "2023", "year"),
    ("Crimea has been under Russian control since 2014.", "since 2014", "2014", "year"),
    ("The plant closed in mid-2020.", "in mid-2020", "2020", "year"),
    ("Prices rose in the summer of 2021.", "in the summer of 2021", "2021", "year"),
    ("Prices rose by mid-March.", "by mid-March", "2022-03", "month"),
    ("Prices rose later this month.", "later this month", "2022-03", "month"),
    ("The war began eight years ago.", "eight years ago", "2014", "year"),
    # absolute days
    ("Putin announced the operation on 24 February, after weeks of shelling.", "on 24 February", "2022-02-24", "day"),
    ("Putin announced the operation on February 24.", "on February 24", "2022-02-24", "day"),
    ("Putin announced the operation on 24 February 2022.", "on 24 February 2022", "2022-02-24", "day"),
    ("It started on the 24th of February.", "on the 24th of February", "2022-02-24", "day"),
    ("Lavrov gave an interview on Thursday, February 2, 2023.", "on Thursday, February 2, 2023", "2023-02-02", "day"),
    ("A convoy is seen in Syria, Wednesday, Feb. 12, 2020.", "Wednesday, Feb. 12, 2020", "2020-02-12", "day"),
    ("The tweet was posted March 28, 2022 at noon.", "March 28, 2022", "2022-03-28", "day"),
    ("A delivery at the airport on February 11,2022 was filmed.", "on February 11,2022", "2022-02-11", "day"),
    ("Photo: Sputnik International, 1920, 28.03.2022", "28.03.2022", "2022-03-28", "day"),
    ("posted 2022-03-28 by the editor", "2022-03-28", "2022-03-28", "day"),
    ("posted 3/28/2022 by the editor", "3/28/2022", "2022-03-28", "day"),
    ("posted 28/3/2022 by the editor", "28/3/2022", "2022-03-28", "day"),
    # ranges
    ("The next round will take place on March 28-30 in Istanbul.", "on March 28-30", "2022-03-28/2022-03-30", "range"),
    ("The fair runs 28-30 March 2022.", "28-30 March 2022", "2022-03-28/2022-03-30", "range"),
    ("Talks between 28 and 30 March failed.", "between 28 and 30 March", "2022-03-28/2022-03-30", "range"),
    ("Talks from the 1st to the 3rd of March.", "from the 1st to the 3rd of March", "2022-03-01/2022-03-03", "range"),
    ("The fair ran from 28 March to 2 April.", "from 28 March to 2 April", "2022-03-28/2022-04-02", "range"),
    ("Holidays ran 30 Dec - 2 Jan.", "30 Dec - 2 Jan", "2021-12-30/2022-01-02", "range"),
    ("Holidays ran 30 December - 2 January 2021.", "30 December - 2 January 2021", "2020-12-30/2021-01-02", "range"),
    ("The war in Donbas lasted from 2014 to 2022.", "from 2014 to 2022", "2014/2022", "range"),
    ("Nothing changed between 2014 and 2022.", "between 2014 and 2022", "2014/2022", "range"),
])
def test_each_form(text: str, expr: str, resolved: str, granularity: str) -> None:
    d = one(text)
    assert (d.text, d.resolved, d.granularity) == (expr, resolved, granularity)


def test_thursday_february_2_as_in_the_seed() -> None:
    d = one("Lavrov gave an exclusive interview to Sputnik on Thursday, February 2. It was long.", "2023-02-02")
    assert (d.text, d.resolved) == ("on Thursday, February 2", "2023-02-02")


def test_a_year_and_a_half_ago_is_about_eighteen_months_back() -> None:
    d = one("Putin mentioned potential negotiations a year and a half ago.", "2024-08-31")
    assert (d.resolved, d.granularity) == ("2023-02", "month")


def test_publication_time_is_ignored_for_the_day() -> None:
    assert one("Talks were held yesterday.", "2022-03-10T10:03:00+00:00").resolved == "2022-03-09"


# ---- the year of a date written without one --------------------------------------------------------------

@pytest.mark.parametrize("text, published, resolved", [
    ("The vote on December 20 was close.", "2022-01-05", "2021-12-20"),
    ("The vote on January 10 will be close.", "2021-12-20", "2022-01-10"),
    ("The vote on January 10 was close.", "2021-12-20", "2021-01-10"),
    ("The talks on 3 January ended.", "2022-01-05", "2022-01-03"),
    ("Talks are due in June.", "2022-03-28", "2022-06"),
    ("Talks ended in June.", "2022-03-28", "2021-06"),
])
def test_missing_year_nearest_and_not_far_after(text: str, published: str, resolved: str) -> None:
    assert one(text, published).resolved == resolved


def test_weekday_picks_the_year_it_names() -> None:
    # February 2 fell on a Thursday in 2023, not in 2022
    assert infer_year(2, 2, date(2023, 2, 10), None, load_rules(), weekday=3) == 2023


# ---- without a publication date --------------------------------------------------------------------------

def test_relative_dates_without_publication_date_keep_granularity() -> None:
    text = "On Monday he said so; last week; in March; two weeks ago; March 28-30; on 24 February 2022; in 2019."
    got = [(d.text, d.resolved, d.granularity) for d in dates(text, None)]
    assert got == [
        ("On Monday", None, "day"), ("last week", None, "week"), ("in March", None, "month"),
        ("two weeks ago", None, "week"), ("March 28-30", None, "range"),
        ("on 24 February 2022", "2022-02-24", "day"), ("in 2019", "2019", "year"),
    ]


def test_unreadable_publication_date_counts_as_missing() -> None:
    assert one("He left yesterday.", "not a date").resolved is None


# ---- what is not a date ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Kiev regime has shelled Donbass for eight years.",
    "Some 1,000 people visited 2,000 booths.",
    "He won by 2000 votes; in 2000 people voted.",
    "The meeting at 10:30 GMT was short.",
    "A 45-year-old man and a two-month course.",
    "The 2022 World Cup was held in Qatar.",
    "Over the last year, prices doubled; in the past week nothing happened.",
    "Theresa May said it could rain; you may march.",
    "The Sunday Times reported on Bloody Sunday.",
    "Invalid: 2022-02-30 and 31.02.2022 and February 30.",
    "A few years ago, he visited; for many years he worked.",
])
def test_not_dates(text: str) -> None:
    assert [(d.text, d.resolved) for d in dates(text)] == []


def test_two_years_in_a_row_are_not_a_range_backwards() -> None:
    assert [d.text for d in dates("Between 2022 and 2014 nothing.")] == []


def test_number_after_and_is_not_a_range_end() -> None:
    assert [(d.text, d.granularity) for d in dates("It was May 5 and 20 people came.")] == [("May 5", "day")]


def test_two_dates_joined_by_and_are_not_a_range() -> None:
    got = [(d.text, d.resolved) for d in dates("It began on Feb 24 and the 28th of March was calm.")]
    assert got == [("on Feb 24", "2022-02-24"), ("the 28th of March", "2022-03-28")]


# ---- quotes ----------------------------------------------------------------------------------------------

def _quote(text: str, content: str, cue: str | None, qid: str, kind: str = "indirect") -> Quote:
    start = text.index(content)
    return Quote(quote_id=qid, article_id="a1", text=content, kind=kind, span=(start, start + len(content)), cue=cue)


def test_date_in_the_cue_sentence_belongs_to_the_quote() -> None:
    text = ("Kremlin spokesperson Dmitry Peskov said on Monday that talks in Istanbul are unlikely to start "
            "Monday but could happen on Tuesday instead. Talks were held in March.")
    q = _quote(text, "talks in Istanbul are unlikely to start Monday but could happen on Tuesday instead", "said", "q1")
    got = {d.text: (d.resolved, d.quote_id) for d in dates(text, quotes=[q])}
    assert got == {"on Monday": ("2022-03-28", "q1"), "Monday": ("2022-03-28", "q1"),
                   "on Tuesday": ("2022-03-29", "q1"), "in March": ("2022-03", None)}
    assert said_on(q, dates(text, quotes=[q])) == "2022-03-28"


def test_date_inside_a_direct_quote() -> None:
    text = '"Today\'s conversation confirmed that the track has no alternatives", Lavrov said.'
    q = _quote(text, "Today's conversation confirmed that the track has no alternatives", "said", "q9", "direct")
    (d,) = dates(text, "2022-03-10", quotes=[q])
    assert (d.text, d.resolved, d.quote_id) == ("Today", "2022-03-10", "q9")
    assert said_on(q, [d]) is None  # a date inside the quote is what it talks about, not when it was said


def test_said_on_after_the_quote() -> None:
    text = '"We are ready," Lavrov told reporters in Moscow on Thursday. On Friday he flew home.'
    q = _quote(text, "We are ready,", "told", "q2", "direct")
    found = dates(text, "2023-02-03", quotes=[q])
    assert [(d.text, d.quote_id) for d in found] == [("on Thursday", "q2"), ("On Friday", None)]
    assert said_on(q, found) == "2023-02-02"


def test_said_on_is_a_day_only() -> None:
    text = "Lavrov said last week that the West is wrong."
    q = _quote(text, "the West is wrong", "said", "q4")
    found = dates(text, quotes=[q])
    assert [(d.text, d.quote_id) for d in found] == [("last week", "q4")]
    assert said_on(q, found) is None


def test_no_cue_in_the_sentence_no_quote() -> None:
    text = "On Monday, talks resumed. Lavrov said the West is wrong."
    q = _quote(text, "the West is wrong", "said", "q3")
    assert [d.quote_id for d in dates(text, quotes=[q])] == [None]


def test_abbreviations_do_not_split_sentences() -> None:
    text = "Mr. Lavrov said on Feb. 12 that Kiev must listen. He left."
    starts = sentence_bounds(text, load_rules())
    assert starts == [0, text.index("He left")]


# ---- calendar helpers ------------------------------------------------------------------------------------

def test_calendar_helpers() -> None:
    assert add_months(date(2024, 8, 31), -18) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert week_of(date(2022, 3, 28)) == "2022-03-28/2022-04-03"


def test_absolute_dates_agree_with_dateparser() -> None:
    """dateparser as an independent oracle for the absolute forms onrecord reads itself."""
    dateparser = pytest.importorskip("dateparser")
    for expr in ["24 February 2022", "February 24, 2022", "Feb. 12, 2020", "Thursday, February 2, 2023",
                 "28.03.2022", "2022-03-28", "1 March 2021", "December 31, 1999"]:
        (d,) = dates(f"It happened on {expr} in Kyiv.")
        want = dateparser.parse(expr, languages=["en"], settings={"DATE_ORDER": "DMY" if "." in expr else "MDY"})
        assert d.resolved == want.date().isoformat(), expr


# ---- robustness ------------------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -./,MarchMonday onlastweekagoin2014\n\"'")), max_size=120),
       st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)).map(str)))
def test_any_text_gives_valid_spans(text: str, published: str | None) -> None:
    for d in extract_dates(text, published, "a"):
        assert text[d.span[0]:d.span[1]] == d.text and d.text.strip()
        if d.resolved:
            assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d(-\d\d)?)?)?", d.resolved)
            for part in d.resolved.split("/"):
                datetime.strptime(part, {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}[len(part)])


# ---- the seeds -------------------------------------------------------------------------------------------

def _gold() -> list[dict]:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("doc", [d for d in _gold() if d.get("event_dates")], ids=lambda d: d["file"])
def test_seed_event_dates(doc: dict) -> None:
    text = (SEEDS / doc["file"]).read_text(encoding="utf-8")
    found = extract_dates(text, doc["published"], doc["file"])
    for gold in doc["event_dates"]:
        cands = [d for d in found if gold["text"].lower() in d.text.lower() or d.text.lower() in gold["text"].lower()]
        if gold.get("granularity") == "month":
            ok = any(d.resolved and abs((date.fromisoformat(d.resolved[:7] + "-15")
                                         - date.fromisoformat(gold["resolves_to"] + "-15")).days)
                     <= gold.get("tolerance_days", 0) for d in cands)
        else:
            ok = any(d.resolved == gold["resolves_to"] for d in cands)
        assert ok, (gold, [(d.text, d.resolved) for d in cands])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["on", "Monday", "in", "March", "2014", "28-30", "24", "February", "last", "week",
                                 "a", "year", "and", "half", "ago", "yesterday", "said", "will", ",", ".", "x" * 90,
                                 "28.03.2022", "between", "2022", "the", "day"]), max_size=40).map(" ".join))
def test_anchor_windows_find_what_a_full_scan_finds(text: str) -> None:
    full = dataclasses.replace(load_rules(), reach=(len(text) + 1, len(text) + 1))
    assert extract_dates(text, MONDAY, "a", rules=full) == extract_dates(text, MONDAY, "a")
