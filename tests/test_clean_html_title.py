"""HTML title and author rules: each test is a small invented page that fails when one rule stops working.

Titles: an <h1> confirmed by a meta title wins; kicker segments (" | Editorial"), section labels printed inside
the <h1> ("News Headline" when the <title> reads "Headline - News - Site") and trailing media notes
("(video)", "[Watch]") go; <h1>s in sidebars are not headlines. Authors: the site's own staff is no author,
author links in menus or running text are not bylines, and bylines are cleaned ("as told to", "•", outlets).
"""

from __future__ import annotations

import json

import pytest

from onrecord.clean.html_authors import choose_authors, clean_authors
from onrecord.clean.html_page import parse_page, read_facts
from onrecord.clean.html_site import site_names
from onrecord.clean.html_title import choose_title, strip_site, without_media_tag

SITES = ["The Harbour Times", "harbourtimes.example", "harbourtimes"]
SITE_HEAD = "<meta property='og:site_name' content='The Harbour Times'>"
BODY = "<p>The harbour board voted on Tuesday to keep the old pier closed until engineers finish a survey.</p>"


def page(head: str = "", body: str = "") -> str:
    """A small page: head tags, then the body markup followed by one paragraph."""
    return f"<html><head><meta charset='utf-8'>{SITE_HEAD}{head}</head><body>{body}{BODY}</body></html>"


def ld(obj: dict) -> str:
    """A JSON-LD script tag."""
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def title_of(html: str) -> str | None:
    """The title the HTML cleaner chooses for a page."""
    facts = read_facts(parse_page(html))
    return choose_title(facts, site_names(facts, None))


def authors_of(html: str) -> str | None:
    """The author string the HTML cleaner chooses for a page."""
    facts = read_facts(parse_page(html))
    return choose_authors(facts, site_names(facts, None))


# --------------------------------------------------------------------------- titles


def test_a_trailing_kicker_segment_is_stripped_from_meta_titles_and_the_h1():
    head = "<meta property='og:title' content='Keep the pier shut | Editorial'>"
    body = "<h1>Opinion | Keep the pier shut | Editorial</h1>"
    assert title_of(page(head, body)) == "Keep the pier shut"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Keep the pier shut | Editorial", "Keep the pier shut"),
        ("Keep the pier shut | Editorial | The Harbour Times", "Keep the pier shut"),
        ("Opinion | Keep the pier shut", "Keep the pier shut"),
        ("Keep the pier shut - for now", "Keep the pier shut - for now"),
    ],
)
def test_strip_site_drops_kickers_at_either_end(raw, expected):
    assert strip_site(raw, SITES) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Pier collapses into the sea (video)", "Pier collapses into the sea"),
        ("Pier collapses into the sea [Watch]", "Pier collapses into the sea"),
        ("Pier collapses into the sea [PHOTOS]", "Pier collapses into the sea"),
        ("Pier repairs (so far)", "Pier repairs (so far)"),
        ("(Video)", "(Video)"),
    ],
)
def test_a_trailing_media_note_is_dropped(raw, expected):
    assert without_media_tag(raw) == expected


def test_the_h1_wins_over_meta_titles_once_its_media_note_is_gone():
    head = "<meta property='og:title' content='WATCH: Pier collapses into the sea'>"
    body = "<h1>Pier collapses into the sea [Watch]</h1>"
    assert title_of(page(head, body)) == "Pier collapses into the sea"


def test_a_section_label_inside_the_h1_is_dropped_when_the_title_tag_names_that_section():
    head = "<meta property='og:title' content='Pier to stay closed for survey'>"
    head += "<title>Pier to stay closed for survey - News - The Harbour Times</title>"
    body = "<h1><div class='sub-title'>News</div> Pier to stay closed for survey</h1>"
    assert title_of(page(head, body)) == "Pier to stay closed for survey"


def test_a_label_the_title_tag_does_not_name_stays_in_the_h1():
    head = "<meta property='og:title' content='Pier to stay closed for survey'>"
    head += "<title>Pier to stay closed for survey - The Harbour Times</title>"
    body = "<h1>Breaking: Pier to stay closed for survey</h1>"
    assert title_of(page(head, body)) == "Breaking: Pier to stay closed for survey"


def test_of_two_confirmed_h1s_the_one_sharing_more_words_wins():
    head = "<meta property='og:title' content='Pier to stay closed for survey | Harbour Blog | Harbour Media'>"
    body = "<div class='page-title'><h1>Harbour Blog</h1></div>"
    body += "<article><h1>Pier to stay closed for survey</h1></article>"
    assert title_of(page(head, body)) == "Pier to stay closed for survey"


def test_an_h1_in_a_sidebar_does_not_hide_the_lone_headline():
    head = "<meta property='og:title' content='The season of the great pier collapse'>"
    body = (
        "<article><header><h1>Why the old pier finally fell into the sea</h1></header>"
        "<aside><h1>Recently in <a href='/local'>Local</a></h1></aside></article>"
    )
    assert title_of(page(head, body)) == "Why the old pier finally fell into the sea"


# --------------------------------------------------------------------------- authors


def test_site_staff_in_the_metadata_is_no_author_and_tag_links_are_not_a_byline():
    head = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Harbour Times Staff"}})
    body = "<h1>Pier stays shut</h1><ul class='tags'><li><a href='/people/ruth-amos/'>Ruth Amos</a></li></ul>"
    assert authors_of(page(head, body)) is None


@pytest.mark.parametrize("raw", ["Harbour Times Staff", "Staff reports", "From staff reports", "The Harbour Times"])
def test_house_bylines_are_dropped(raw):
    assert clean_authors([raw], SITES) == []


def test_the_site_named_as_author_still_lets_a_byline_link_speak():
    head = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": ", The Harbour Times"}})
    body = "<h1>Pier stays shut</h1><div class='meta'><span><a href='/staff/ruth-amos/'>Ruth Amos</a></span></div>"
    assert authors_of(page(head, body)) == "Ruth Amos"


def test_author_links_in_a_menu_or_running_text_are_not_a_byline():
    body = (
        "<header><ul><li><a href='/author/tom-reyes'>Tom Reyes</a></li></ul></header>"
        "<h1>Pier stays shut</h1>"
        "<p>Critics such as <a href='/people/jane-roe'>Jane Roe</a> said the board had waited too long.</p>"
        "<div class='meta'><a href='/author/ruth-amos'>Ruth Amos</a></div>"
    )
    assert authors_of(page(body=body)) == "Ruth Amos"


def test_a_login_link_is_not_an_author():
    body = "<h1>Pier stays shut</h1><a href='/user/login?from=story'>Log In</a>"
    assert authors_of(page(body=body)) is None


def test_the_names_of_a_byline_are_gathered_from_its_whole_box():
    body = (
        "<h1>Pier stays shut</h1><div class='people'>By "
        "<div class='person'><p><a href='/people/1/ruth-amos'>Ruth Amos</a></p></div>"
        "<div class='person'><p><a href='/people/2/tom-reyes'>Tom Reyes</a></p></div></div>"
    )
    assert authors_of(page(body=body)) == "Ruth Amos; Tom Reyes"


def test_a_plain_text_by_line_beside_the_headline_is_read():
    body = "<div id='title'><h1>Pier stays shut</h1> <small>posted on Tuesday</small> by Ruth Amos </div>"
    assert authors_of(page(body=body)) == "Ruth Amos"


def test_a_photo_credit_beside_the_headline_is_not_a_byline():
    body = "<div id='title'><h1>Pier stays shut</h1> Photo by Tom Reyes </div>"
    assert authors_of(page(body=body)) is None


def test_an_author_name_class_in_any_case_is_a_byline():
    body = "<h1>Pier stays shut</h1><h4>By <span class='Header--authName--x1'>Ruth Amos</span></h4>"
    assert authors_of(page(body=body)) == "Ruth Amos"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["Tom Reyes as told to Ruth Amos"], ["Ruth Amos"]),
        (["Ruth Amos The Associated Press"], ["Ruth Amos"]),
        (["Ruth Amos • Harbour Sports"], ["Ruth Amos", "Harbour Sports"]),
        (["Harbour Arts · Posted: Dec 20, 2023 | Last Updated: December 21, 2023"], ["Harbour Arts"]),
        (["ruth-amos", "ruthamosHarbour"], []),
        (["Harbour Times Editorial Board"], ["Harbour Times Editorial Board"]),
        (["Ruth Amos, Editorial Director"], ["Ruth Amos"]),
    ],
)
def test_byline_pieces_are_cleaned(raw, expected):
    assert clean_authors(raw, SITES) == expected
