"""The plain-text cleaner: chrome out, structure and metadata in, on invented scrapes and on the five seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from onrecord.clean import CleanError, clean_document
from onrecord.clean.dedupe import drop_repeats, sentences
from onrecord.clean.lines import classify, split_lines
from onrecord.clean.metadata import detect_language, normalize_datetime
from onrecord.clean.scrape import clean_scrape
from onrecord.records import Document

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " ", "\u2013": "-", "\u2014": "-"})

BODY = [
    "The harbour authority of Port Vell said on Tuesday that the northern pier would stay closed until the end of the month.",
    "Repairs to the storm wall began in March and have cost more than four million euros so far, officials said.",
    '"We will not reopen a pier that is not safe," harbour master Ines Calder told reporters at the quay.',
    "Fishing crews have moved to the southern basin, where berths are scarce and fees have doubled since spring.",
]


def doc(text: str, **meta) -> Document:
    """A plain-text Document of the given text."""
    return Document(source=meta.pop("source", "scrape.txt"), data=text.encode("utf-8"), encoding="utf-8", meta=meta)


def norm(text: str | None) -> str:
    """Whitespace and quote folding, lower case (as the seed checker compares)."""
    return re.sub(r"\s+", " ", (text or "").translate(FOLD)).strip().lower()


def scrape(*lines: str) -> str:
    return "\n".join(lines)


# ---------------------------------------------------------------- chrome out, structure kept


CHROME_SCRAPE = scrape(
    "Skip to content",
    "Home",
    "World",
    "Politics",
    "Sport",
    "- Northwind Herald, 1920",
    "The latest news and stories from the coast. Stay tuned for breaking news on harbours and more.",
    "",
    "Northern Pier Stays Shut as Storm Repairs Drag On",
    "",
    "© Northwind / Ada Lukas / Go to the mediabank",
    "Harbour master Ines Calder at the quay, March 3, 2021 (Photo: Ada Lukas)",
    "By Mara Quint - 12/22/23 11:35 AM ET",
    BODY[0],
    BODY[1],
    "",
    "Crews Move South",
    "",
    BODY[2],
    "Watch - https://t.co/AbC123 pic.twitter.com/XyZ789 — Coast Watch (@coastwatch) December 22, 2023",
    BODY[3],
    "Share this article",
    "Follow us on Telegram and Twitter for the latest updates: https://t.me/northwindherald",
    "Subscribe to our newsletter",
    "To participate in the discussion",
    "log in or register",
    "/html/head/meta[@name='og:title']/@content",
    "https://cdn.northwind.example/img/2023/12/pier_1920x0.jpg",
    "desk@northwind.example",
    "+44 20 7946 0958",
    "en_GB",
    "Image: Reuters",
    "Copyright 2023 Northwind Media. All rights reserved.",
    "Заголовок открываемого материала",
)


def test_chrome_lines_go_and_paragraphs_and_headings_stay():
    result = clean_scrape(CHROME_SCRAPE)
    assert result.text.split("\n") == [BODY[0], BODY[1], "Crews Move South", BODY[2], BODY[3]]


def test_each_kind_of_chrome_is_named():
    why = {line.raw: line.why for line in classify(split_lines(CHROME_SCRAPE))}
    assert why["Share this article"] == "social"
    assert why["Subscribe to our newsletter"] == "subscribe"
    assert why["To participate in the discussion"] == "comment"
    assert why["/html/head/meta[@name='og:title']/@content"] == "artifact"
    assert why["https://cdn.northwind.example/img/2023/12/pier_1920x0.jpg"] == "artifact"
    assert why["en_GB"] == "artifact"
    assert why["desk@northwind.example"] == "contact" and why["+44 20 7946 0958"] == "contact"
    assert why["Image: Reuters"] == "credit"
    assert why["Заголовок открываемого материала"] == "foreign"
    assert why["By Mara Quint - 12/22/23 11:35 AM ET"] == "byline"
    assert why["Home"] == "nav"
    assert why[[k for k in why if k.startswith("Watch - ")][0]] == "embed"


def test_metadata_from_the_chrome():
    meta = clean_scrape(CHROME_SCRAPE).meta
    assert meta["title"] == "Northern Pier Stays Shut as Storm Repairs Drag On"
    assert meta["author"] == "Mara Quint"
    assert meta["published"] == "2023-12-22T16:35:00+00:00"  # 11:35 AM Eastern (EST in December) is 16:35 UTC
    assert meta["language_hint"] == "en"
    assert "outlet" not in meta  # an outlet not listed in outlets.toml and no URL: unknown, never guessed


def test_embedded_post_keeps_its_text_when_substantial():
    line = "Talks resume next week in Istanbul, the minister said pic.twitter.com/abc — Coast Watch (@coastwatch) March 28, 2022"
    result = clean_scrape(scrape(BODY[0], line, BODY[1]))
    assert "Talks resume next week in Istanbul, the minister said" in result.text
    assert "pic.twitter.com" not in result.text and "@coastwatch" not in result.text


# ---------------------------------------------------------------- teasers and captions


TEASER_SCRAPE = scrape(
    "Port Vell Pier Closure Extended",
    "",
    BODY[0],
    BODY[1],
    "A trawler leaves the harbour at dawn on February 11,2020 - Northwind Herald, 1920, 14.06.2021",
    "Calder: 'Every Pier on the Coast Must Close'",
    BODY[2],
    "(AP Photo/Jon Example, File)",
    "Mayor Vows to Rebuild the Fish Market",
    "",
    BODY[3],
)


def test_teaser_under_a_caption_is_dropped_with_its_false_quote():
    result = clean_scrape(TEASER_SCRAPE)
    assert "Every Pier on the Coast Must Close" not in result.text
    assert "Mayor Vows to Rebuild" not in result.text
    assert "trawler" not in result.text and "AP Photo" not in result.text
    assert result.text.split("\n") == BODY


def test_caption_and_teaser_dates_are_not_the_articles():
    assert "published" not in clean_scrape(TEASER_SCRAPE).meta


def test_read_more_teasers_go():
    result = clean_scrape(scrape(BODY[0], "READ MORE: Minister Says Every Pier Will Close", BODY[1], "Related Articles", BODY[2]))
    assert result.text.split("\n") == BODY[:3]


def test_menus_after_the_body_go_and_a_closing_sentence_stays():
    result = clean_scrape(scrape(
        BODY[0], BODY[1], "He did not say when.",
        "Most Popular", "Mayor resigns over harbour fees", "Storm warning for the weekend", "New ferry route to the islands",
        "Jobs", "Contact us",
    ))
    assert result.text.split("\n") == [BODY[0], BODY[1], "He did not say when."]


def test_the_articles_numbered_list_stays_and_a_menu_between_paragraphs_goes():
    items = ["1. Close the northern pier until repairs end", "2. Move the fishing fleet to the southern basin", "3. Rebuild the storm wall before winter"]
    result = clean_scrape(scrape(BODY[0], *items, BODY[1], BODY[2], "Harbour cams", "Ferry times", "Tide tables", BODY[3]))
    assert result.text.split("\n") == [BODY[0], *items, BODY[1], BODY[2], BODY[3]]


def test_a_numbered_list_under_a_most_read_label_goes():
    items = ["1. Mayor resigns over harbour fees at last", "2. Storm warning for the whole weekend", "3. New ferry route to the islands opens"]
    result = clean_scrape(scrape(BODY[0], BODY[1], "Most read", *items, BODY[2], BODY[3]))
    assert result.text.split("\n") == BODY


# ---------------------------------------------------------------- repeated blocks


def test_header_repeating_the_body_keeps_each_paragraph_once_and_the_fuller_copy():
    title = "Northern Pier Stays Shut"
    description = "The pier will stay closed for weeks while the storm wall is rebuilt and crews move south."
    text = scrape(
        "https://northwind.example/2021/06/14/pier-stays-shut.html",
        title,
        title,
        description[:60] + "... 14.06.2021, Northwind Herald",
        "2021-06-14T08:30+0000",
        "2021-06-14T09:45+0000",
        "harbour, storms, port vell",
        BODY[0] + BODY[1] + BODY[3],  # the condensed copy, glued without spaces, missing a paragraph
        "Mara Quint",
        "https://cdn.northwind.example/img/authors/quint_100x100.jpg",
        "Mara Quint",
        "https://cdn.northwind.example/img/authors/quint_100x100.jpg",
        title,
        description,
        *BODY,
    )
    result = clean_scrape(text)
    assert result.text.split("\n") == [description, *BODY]
    assert result.meta["published"] == "2021-06-14T08:30:00+00:00"
    assert result.meta["updated"] == "2021-06-14T09:45:00+00:00"
    assert result.meta["author"] == "Mara Quint"
    assert result.meta["tags"] == ["harbour", "storms", "port vell"]
    assert result.meta["url"] == "https://northwind.example/2021/06/14/pier-stays-shut.html"
    assert result.meta["title"] == title


def test_a_glued_copy_after_the_body_start_also_goes():
    result = clean_scrape(scrape(BODY[0], BODY[1], BODY[2], BODY[1] + BODY[2], BODY[3]))
    assert result.text.split("\n") == BODY


def test_truncated_and_pull_quote_copies_go_the_full_one_stays():
    lines = classify(split_lines(scrape(BODY[0][:50] + "...", BODY[0], BODY[2], "We will not reopen a pier that is not safe,\" harbour master Ines Calder told reporters at the quay.", BODY[3])))
    drop_repeats(lines)
    assert [l.text for l in lines if l.kind == "text"] == [BODY[0], BODY[2], BODY[3]]


def test_sentences_split_without_a_space():
    assert sentences("It ended.The next one began. \"Quoted.\" Last") == ["It ended.", "The next one began.", '"Quoted."', "Last"]


# ---------------------------------------------------------------- dates and outlets


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("10:03 GMT 10.03.2022 (Updated: 10:35 GMT 10.03.2022) Subscribe", "2022-03-10T10:03:00+00:00", "2022-03-10T10:35:00+00:00"),
        ("2022-03-10T10:03+0000", "2022-03-10T10:03:00+00:00", None),
        ("Friday, January 4, 2019", "2019-01-04", None),
        ("Published: 4 January 2019 14:00 CET", "2019-01-04T13:00:00+00:00", None),
        ("December 17, 2023, 12:34 PM", "2023-12-17", None),  # no zone: the day, never a guessed UTC time
        ("Posted on 28.03.2022", "2022-03-28", None),
    ],
)
def test_header_date_forms(line, published, updated):
    meta = clean_scrape(scrape("Pier Closure Extended Again", line, *BODY)).meta
    assert meta.get("published") == published
    assert meta.get("updated") == updated


def test_labelled_date_leading_a_paragraph_is_split_off():
    result = clean_scrape(scrape(" date 2022-03-28 " + BODY[0], BODY[1]))
    assert result.meta["published"] == "2022-03-28"
    assert result.text.split("\n") == [BODY[0], BODY[1]]


def test_signature_date_of_the_lead_image_dates_the_article():
    text = scrape("- Sputnik International, 1920", "", "Pier Closure Extended", "", "Ines Calder - Sputnik International, 1920, 28.03.2022", *BODY)
    result = clean_scrape(text)
    assert result.meta["published"] == "2022-03-28" and result.meta["outlet"] == "Sputnik International"


def test_outlet_from_url_domain_listed_and_unlisted():
    assert clean_document(doc("\n".join(BODY), source="a.txt")).outlet is None
    listed = Document(source="b.txt", data="\n".join(BODY).encode(), url="https://www.sputnikglobe.com/2024/x.html")
    assert clean_document(listed).outlet == "Sputnik International"
    unlisted = Document(source="c.txt", data="\n".join(BODY).encode(), url="https://news.northwind.example/x")
    assert clean_document(unlisted).outlet == "news.northwind.example"


def test_outlet_is_not_taken_from_an_embedded_posts_author_or_a_photo_credit():
    text = scrape(BODY[0], "Watch pic.twitter.com/x — Sputnik International (@SputnikInt) March 28, 2022", BODY[1], "Image: Sputnik International")
    assert clean_document(doc(text)).outlet is None


def test_container_metadata_wins_and_wikinews_dateline_leaves_the_body():
    text = "Friday, January 4, 2019 \n\n\n" + "\n\n\n".join(BODY)
    article = clean_document(doc(text, source="wikinews.csv#1", url="https://en.wikinews.org//wiki/Pier", published="2019-01-05", title="Pier shut"))
    assert article.text.split("\n") == BODY
    assert article.published == "2019-01-05" and article.title == "Pier shut"
    assert article.outlet == "Wikinews"


def test_normalize_datetime_and_detect_language_keep_working():
    assert normalize_datetime("2022-03-28") == "2022-03-28"
    assert normalize_datetime("2022-03-10T10:03+00:00") == "2022-03-10T10:03:00+00:00"
    assert normalize_datetime("") is None and normalize_datetime(None) is None
    assert detect_language(" ".join(BODY)) == "en"


def test_html_documents_still_go_through_html_extraction():
    page = "<html><body><p>" + "</p><p>".join(BODY) + "</p></body></html>"
    article = clean_document(Document(source="p.html", data=page.encode(), media_type="html", encoding="utf-8"))
    assert all(b in article.text for b in BODY)


def test_a_scrape_with_nothing_but_chrome_is_refused():
    with pytest.raises(CleanError):
        clean_document(doc("Home\nNews\nTo participate in the discussion\nlog in or register"))


def test_short_scrapes_without_paragraphs_keep_their_text():
    assert clean_document(doc("Second entry")).text == "Second entry"


# ---------------------------------------------------------------- the five seeds against gold.json


def _seed_articles() -> dict[str, object]:
    from onrecord.clean import OutletTemplates
    from onrecord.sources import SourceOptions, iter_documents

    templates = OutletTemplates()
    return {Path(d.source).name: clean_document(d, templates) for d in iter_documents([str(SEEDS)], SourceOptions())}


GOLD = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds():
    return _seed_articles()


@pytest.mark.parametrize("gold", GOLD["documents"], ids=lambda g: g["file"][:3])
def test_seed_metadata(seeds, gold):
    a = seeds[gold["file"]]
    if gold["outlet"] is None:
        assert "sputnik" not in norm(a.outlet)
    else:
        assert norm(a.outlet) == norm(gold["outlet"])
    if gold.get("title"):
        assert norm(a.title) == norm(gold["title"])
    assert (a.published or "")[:10] == gold["published"][:10]
    if "T" in gold["published"]:
        assert a.published[:16] == gold["published"][:16]
    if gold.get("updated"):
        assert (a.updated or "")[:16] == gold["updated"][:16]
    assert norm(a.author) == norm(gold.get("author"))
    if gold.get("url"):
        assert a.url == gold["url"]
    if gold.get("tags"):
        assert {norm(t) for t in a.tags} == {norm(t) for t in gold["tags"]}
    assert a.language == "en"


@pytest.mark.parametrize("gold", GOLD["documents"], ids=lambda g: g["file"][:3])
def test_seed_boilerplate_and_body(seeds, gold):
    a = seeds[gold["file"]]
    text = norm(a.text)
    for bp in gold["boilerplate_absent_from_body"]:
        assert norm(bp) not in text, bp
    for s in gold.get("body_contains", []):
        assert norm(s) in text, s
    paras = [norm(p) for p in a.text.split("\n") if len(p.strip()) >= 40]
    assert len(paras) == len(set(paras))
    assert "\n\n" not in a.text


def test_seed_liveblog(seeds):
    gold = next(g for g in GOLD["documents"] if g.get("live_blog"))
    lb, entries = gold["live_blog"], seeds[gold["file"]].entries
    assert len(entries) >= lb["entries_min"]
    times = sorted(e.time[:16] for e in entries if e.time)
    assert times[0] == lb["first_entry_time"][:16]
    assert times[-1] in [t[:16] for t in lb["last_entry_times"]]
    assert sum(1 for e in entries if e.text) >= 14
    assert all(e.text in seeds[gold["file"]].text for e in entries if e.text)
    assert not any(e.entries for name, e in seeds.items() if name != gold["file"])


# ---------------------------------------------------------------- bad input

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LINE = st.one_of(st.sampled_from([*BODY, "Home", "10:43 GMT", "Image: AP", "", "Pier Shut", "— X (@x) March 1, 2020"]), st.text(max_size=80))


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=25))
def test_any_scrape_cleans_without_error_into_paragraph_lines(lines):
    result = clean_scrape("\n".join(lines))
    assert "\n\n" not in result.text and result.text == result.text.strip()
    raw = "\n".join(line.raw for line in split_lines("\n".join(lines)))
    assert all(line in raw for line in result.text.split("\n"))  # lines come from the input, nothing is made up
