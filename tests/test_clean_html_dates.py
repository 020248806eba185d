"""Published dates of HTML pages: the date shown by the headline, checked against the dates the page declares."""

from __future__ import annotations

import json

from onrecord.clean.html_dates import choose_published, shown_date
from onrecord.clean.html_page import PageFacts, parse_page, read_facts


TITLE = "Storm closes every road in town"


def _facts(body: str, ld: dict[str, str] | None = None, meta: str = "", title: str = TITLE) -> PageFacts:
    """Facts of a small page: og:title, optional JSON-LD NewsArticle dates and meta tags, then the body."""
    script = ""
    if ld is not None:
        data = json.dumps({"@type": "NewsArticle", "headline": title, **ld})
        script = f'<script type="application/ld+json">{data}</script>'
    html = (
        f'<html><head><title>{title} - Daily Planet</title><meta property="og:title" content="{title}">{meta}{script}'
        f"</head><body>{body}</body></html>"
    )
    return read_facts(parse_page(html))


HEADLINE = f"<h1>{TITLE}</h1>"
TEXT = "<p>" + "The storm closed every road in town on its way north, and crews worked through the night. " * 4 + "</p>"


def test_shown_update_date_beats_declared_first_publication() -> None:
    byline = '<div class="byline">By Jane Doe</div>'
    byline += '<time datetime="2023-12-26T10:48:20-05:00">Updated December 26, 2023 10:48 AM</time>'
    facts = _facts(
        HEADLINE + byline + TEXT, {"datePublished": "2023-12-22T11:09:34-05:00", "dateModified": "2023-12-26T10:48:20-05:00"}
    )
    assert choose_published(facts) == "2023-12-26T10:48:20-05:00"


def test_shown_day_in_the_outlets_zone_beats_declared_utc_day() -> None:
    facts = _facts(
        HEADLINE + "<div>By Jane Doe, Planet</div><div>Published 8:00 PM EST, Tue December 19, 2023</div>" + TEXT,
        {"datePublished": "2023-12-20T01:00:21.174Z", "dateModified": "2023-12-20T01:00:21.174Z"},
    )
    assert choose_published(facts) == "2023-12-19T20:00:21-05:00"


def test_shown_time_without_zone_takes_the_offset_of_the_declared_instant() -> None:
    facts = _facts(HEADLINE + "<span>December 26, 2023 - 9:03AM</span>" + TEXT, {"datePublished": "2023-12-25T22:03:00.000Z"})
    assert choose_published(facts) == "2023-12-26T09:03:00+11:00"


def test_naive_markup_time_gets_the_zone_the_page_shows() -> None:
    menu = "".join(f"<li><a href='/s{i}'>Section number {i} of the site</a></li>" for i in range(30))
    body = f'<h1>Daily Planet logo</h1><ul>{menu}</ul><h2 class="headline">{TITLE}</h2>'
    body += '<p class="story-meta"><time datetime="2023-12-22 05:00:00">12/22/2023 05:00 AM EST</time></p>' + TEXT
    assert choose_published(_facts(body)) == "2023-12-22T05:00:00-05:00"


def test_published_label_wins_over_an_update_shown_first() -> None:
    dates = "<span>Updated Dec. 23, 2023 4:04AM EST</span> / <span>Published Dec. 22, 2023 8:14PM EST</span>"
    body = HEADLINE + f"<div>{dates}</div>" + TEXT
    facts = _facts(body, {"datePublished": "2023-12-23T01:14:00Z", "dateModified": "2023-12-23T09:04:00Z"})
    assert (choose_published(facts) or "")[:10] == "2023-12-22"


def test_text_folded_in_a_closed_details_is_not_shown() -> None:
    folded = "<summary><span>Fri 22 Dec 2023 18.08 CET</span></summary>First published on Thu 21 Dec 2023 22.12 CET"
    body = HEADLINE + f"<details>{folded}</details>" + TEXT
    facts = _facts(body, {"datePublished": "2023-12-21T21:12:00Z", "dateModified": "2023-12-22T17:08:49Z"})
    assert (choose_published(facts) or "")[:10] == "2023-12-22"


def test_photo_caption_and_sentence_dates_are_not_shown_dates() -> None:
    caption = '<figure><img src="a.jpg"><figcaption>Crews clear a road on December 14, 2023.</figcaption></figure>'
    credit = '<div class="imageCredit">Photo: Dec. 17, 2023</div>'
    sentence = "<p>The council met on Sunday, Dec. 17, 2023, in the town hall to discuss what the storm had cost.</p>"
    facts = _facts(HEADLINE + caption + credit + sentence + TEXT, {"datePublished": "2023-10-09T08:00:00+00:00"})
    assert shown_date(facts) is None
    assert (choose_published(facts) or "")[:10] == "2023-10-09"


def test_a_class_word_containing_credit_is_no_caption() -> None:
    body = '<div class="HedAccreditationWrapper"><time>Dec 19, 2023 9:00 AM</time>' + HEADLINE + "</div>" + TEXT
    facts = _facts(body, {"datePublished": "2019-03-30T08:00:00-04:00", "dateModified": "2023-12-19T09:00:00-05:00"})
    assert choose_published(facts) == "2023-12-19T09:00:00-05:00"


def test_shown_date_far_from_every_declared_date_is_not_trusted() -> None:
    facts = _facts(HEADLINE + "<div>June 20, 2019</div>" + TEXT, {"datePublished": "2023-10-20T08:00:00+00:00"})
    assert shown_date(facts) is not None
    assert (choose_published(facts) or "")[:10] == "2023-10-20"


def test_shown_date_stands_alone_when_the_page_declares_none() -> None:
    body = HEADLINE + "<div>Date: December 13, 2023</div><div>Source: Harvard Medical School</div>" + TEXT
    server = '<meta name="last-modified" content="Sat, 17 Feb 2024 16:02:01 GMT">'
    assert choose_published(_facts(body, meta=server)) == "2023-12-13"


def test_year_first_slashed_date_is_read() -> None:
    body = HEADLINE + "<time>Last updated: 2023/12/20 at 8:39 AM</time>" + TEXT
    assert choose_published(_facts(body, {"datePublished": "2023-12-19T23:10:00+02:00"})) == "2023-12-20"


def test_no_date_anywhere_stays_null() -> None:
    assert choose_published(_facts(HEADLINE + TEXT)) is None
