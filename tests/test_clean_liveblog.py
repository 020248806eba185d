"""Live blogs: entries with their own times, resolved against the article date; footers with dates are not live blogs."""

from __future__ import annotations

from datetime import date, timezone

from onrecord.clean import clean_document
from onrecord.clean.liveblog import entry_times
from onrecord.clean.scrape import clean_scrape
from onrecord.clean.textdates import find_stamps
from onrecord.records import Document

INTRO = [
    "Storm Ciara Hits the Coast: Live Updates",
    "",
    "Storm Ciara reached the western coast on Sunday morning, bringing winds of up to 150 kilometres an hour.",
    "Our reporters are following the storm from the harbours of Port Vell and Marlow; the latest updates are below.",
]


def live(*stamps_and_texts: str) -> str:
    return "\n".join([*INTRO, *stamps_and_texts])


def test_bare_times_are_dated_by_the_article_and_keep_their_zone():
    text = live(
        "12:05 GMT", "The harbour master closed the last open pier, citing waves over the wall.",
        "11:40 GMT", "Ferries to the islands have been cancelled for the rest of the day.",
        "10:43 GMT", "Police asked residents of the sea front to stay indoors.",
    )
    doc = Document(source="live.txt", data=text.encode(), meta={"published": "2023-02-02"})
    article = clean_document(doc)
    assert [(e.time, e.text[:20]) for e in article.entries] == [
        ("2023-02-02T12:05:00+00:00", "The harbour master c"),
        ("2023-02-02T11:40:00+00:00", "Ferries to the islan"),
        ("2023-02-02T10:43:00+00:00", "Police asked residen"),
    ]
    assert all(e.text in article.text for e in article.entries)
    assert "12:05" not in article.text  # the stamps are structure, not text


def test_dated_stamps_in_another_zone_become_utc_and_date_the_article():
    text = live(
        "08:15 CET 02.02.2023", "Winds reached 150 kilometres an hour on the harbour wall.",
        "08:45 CET 02.02.2023", "The coast guard rescued two sailors off Marlow point.",
        "09:30 CET 02.02.2023", "The storm is moving north, forecasters said.",
    )
    result = clean_scrape(text)
    assert [e.time for e in result.entries] == ["2023-02-02T07:15:00+00:00", "2023-02-02T07:45:00+00:00", "2023-02-02T08:30:00+00:00"]
    assert result.meta["published"] == "2023-02-02T07:15:00+00:00"
    assert result.meta["updated"] == "2023-02-02T08:30:00+00:00"


def test_media_only_entries_are_kept_empty_and_teasers_do_not_become_entry_text():
    text = live(
        "10:50 GMT 02.02.2023",
        "10:45 GMT 02.02.2023", "Waves broke over the harbour wall at Port Vell, witnesses said.",
        "10:30 GMT 02.02.2023",
        "A lifeboat crew at work in 2019 - Northwind Herald, 1920, 02.02.2023",
        "Minister: 'Every Harbour Must Close Tonight'",
        "10:10 GMT 02.02.2023", "The first gusts reached the coast before dawn.",
    )
    result = clean_scrape(text)
    assert [e.text for e in result.entries] == [
        "", "Waves broke over the harbour wall at Port Vell, witnesses said.", "", "The first gusts reached the coast before dawn.",
    ]
    assert "Every Harbour Must Close" not in result.text


def test_times_past_midnight_move_to_the_next_day():
    stamps = [find_stamps(s)[0] for s in ("23:40 GMT", "00:15 GMT", "01:05 GMT")]
    assert entry_times(stamps, date(2023, 12, 31), None) == [
        "2023-12-31T23:40:00+00:00", "2024-01-01T00:15:00+00:00", "2024-01-01T01:05:00+00:00",
    ]
    newest_first = list(reversed(stamps))
    assert entry_times(newest_first, date(2023, 12, 31), timezone.utc)[0] == "2024-01-01T01:05:00+00:00"


def test_a_footer_list_of_dated_headlines_is_not_a_live_blog():
    text = "\n".join([
        *INTRO[:1], *INTRO[2:],
        "Top Stories",
        "Mayor resigns over harbour fees and the council calls an early vote", "Dec 23, 1:21 PM",
        "Storm warning for the weekend across the whole northern coast", "Dec 24, 3:00 AM",
        "New ferry route to the islands opens next spring after years of delay", "Dec 24, 12:16 AM",
        "Fish market to move inland as the old hall is demolished", "Dec 23, 8:52 AM",
    ])
    assert clean_scrape(text).entries == []


def test_an_ordinary_article_has_no_entries():
    assert clean_scrape("\n".join(INTRO)).entries == []


def test_a_meta_dump_of_iso_times_is_not_a_live_blog():
    text = "\n".join([
        "Pier Closure Extended", "2021-06-14T08:30+0000", "harbour", "2021-06-14T09:45+0000", "storms",
        "2021-06-14T10:15+0000", "port vell", *INTRO[2:],
    ])
    result = clean_scrape(text)
    assert result.entries == [] and result.meta["published"] == "2021-06-14T08:30:00+00:00"
