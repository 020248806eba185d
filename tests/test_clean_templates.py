"""Learned per-outlet templates: thresholds, isolation between outlets, state, memory cap, and their use in cleaning."""

from __future__ import annotations

import json

import pytest

from onrecord.clean import OutletTemplates, clean_document
from onrecord.clean.scrape import clean_scrape
from onrecord.records import Document

SLOGAN = "Harbour news you can trust, every tide"  # no rule knows this line: only the corpus can teach it
PROMO = "Our reporters cover every quay of the coast for you."
PLACES = ["Vell", "Marlow", "Kestrel", "Ashby", "Dunmore", "Fairhaven", "Gullhaven", "Holloway", "Ivybridge", "Juniper"]
WORDS = ["storm", "winter", "tide", "gale", "flood", "frost", "surge", "squall", "swell", "hail"]


def article(n: int, *extra: str) -> list[str]:
    """Lines of the n-th invented Northwind Herald article: a slogan, a promo, a dateline and its own body."""
    place, word = PLACES[n % 10] + "".join(PLACES[d] for d in map(int, str(n // 10)) if n >= 10), WORDS[(n * 7) % 10]
    return [
        SLOGAN,
        f"{place} Pier Reopens After {word.title()} Repairs",
        f"10:0{n % 10} GMT 1{n % 10}.03.2022",
        f"The harbour authority of {place} said on Tuesday that its pier would reopen after the {word} damage was repaired.",
        f"Crews finished the {word} wall at {place} ahead of schedule, officials told reporters on the quay.",
        f"Fishing boats are expected back in {place} before the end of the month, the {word} warden said.",
        PROMO,
        *extra,
    ]


def test_a_line_needs_min_docs_distinct_articles():
    t = OutletTemplates(min_docs=3)
    t.observe("Northwind", article(1))
    t.observe("Northwind", article(2))
    assert not t.is_chrome("Northwind", SLOGAN)
    t.observe("Northwind", article(3))
    assert t.is_chrome("Northwind", SLOGAN) and t.is_chrome("Northwind", PROMO)
    assert not t.is_chrome("Northwind", article(3)[3])  # the article's own paragraph


def test_an_article_counts_once_however_often_it_repeats_a_line():
    t = OutletTemplates(min_docs=2)
    t.observe("Northwind", article(1, SLOGAN, SLOGAN, SLOGAN))
    assert not t.is_chrome("Northwind", SLOGAN)


def test_the_same_article_observed_twice_counts_once():
    t = OutletTemplates(min_docs=2)
    t.observe("Northwind", article(1))
    t.observe("Northwind", article(1))
    assert t.articles("Northwind") == 1 and not t.is_chrome("Northwind", PROMO)


def test_min_fraction_keeps_a_paragraph_repeated_in_a_few_of_many_articles():
    t = OutletTemplates(min_docs=3, min_fraction=0.05)
    series = "Which past president do you most admire, and why?"
    for n in range(100):
        t.observe("Wiki", article(n, series) if n < 4 else article(n))
    assert t.is_chrome("Wiki", SLOGAN)
    assert not t.is_chrome("Wiki", series)  # in 4 of 100 articles: under 5%


def test_outlets_do_not_share_templates():
    t = OutletTemplates(min_docs=2)
    for n in range(3):
        t.observe("Northwind", article(n))
    assert t.is_chrome("Northwind", SLOGAN)
    assert not t.is_chrome("Southwind", SLOGAN) and not t.is_chrome(None, SLOGAN)


def test_unknown_outlet_teaches_nothing():
    t = OutletTemplates(min_docs=2)
    for n in range(3):
        t.observe(None, article(n))
    assert t.size() == 0


def test_digits_are_folded_so_datelines_share_a_shape():
    t = OutletTemplates(min_docs=3)
    for n in range(3):
        t.observe("Northwind", article(n))
    assert t.is_chrome("Northwind", "10:07 GMT 17.03.2022")


def test_a_caption_ending_with_a_learned_site_stamp_is_chrome_but_prose_is_not():
    t = OutletTemplates(min_docs=2)
    t.observe("Northwind", [*article(1), "A trawler at dawn - Northwind Herald, 1920, 01.03.2022"])
    t.observe("Northwind", [*article(2), "Harbour master Ines Calder - Northwind Herald, 1920, 02.03.2022"])
    assert t.is_chrome("Northwind", "Gulls over the quay - Northwind Herald, 1920, 05.05.2023")
    prose = "The harbour master said on Friday - in a long statement to the press - that every pier would close - Northwind Herald, 1920, 05.05.2023"
    assert not t.is_chrome("Northwind", prose.replace(" - Northwind Herald, 1920, 05.05.2023", ""))
    assert not t.is_chrome("Northwind", "Gulls over the quay")


def test_state_round_trips_through_json():
    t = OutletTemplates(min_docs=2, min_fraction=0.1)
    for n in range(4):
        t.observe("Northwind", article(n))
    restored = OutletTemplates.from_state(json.loads(json.dumps(t.to_state())))
    assert restored.is_chrome("Northwind", SLOGAN)
    assert restored.to_state() == t.to_state()
    assert restored.min_docs == 2 and restored.min_fraction == 0.1
    assert OutletTemplates.from_state(None).size() == 0


def test_state_holds_hashes_not_text():
    t = OutletTemplates(min_docs=2)
    t.observe("Northwind", article(1))
    assert "harbour" not in json.dumps(t.to_state()).lower()


def test_wrong_state_version_says_what_to_do():
    with pytest.raises(ValueError, match="re-ingesting"):
        OutletTemplates.from_state({"version": 99})


def test_bad_settings_are_refused():
    with pytest.raises(ValueError):
        OutletTemplates(min_docs=1)
    with pytest.raises(ValueError):
        OutletTemplates(min_fraction=0)


def test_memory_is_capped_by_pruning_rare_lines():
    t = OutletTemplates(min_docs=3, min_fraction=0.05, max_lines=5_000)
    for n in range(2_000):
        t.observe("Northwind", article(n))
    # Every article brings about 5 lines of its own; without pruning that would be about 10,000 shapes.
    assert t.size() < 1_000
    assert t.is_chrome("Northwind", SLOGAN) and t.is_chrome("Northwind", PROMO)


def test_hard_cap_keeps_the_most_frequent():
    t = OutletTemplates(min_docs=2, min_fraction=0.01, max_lines=50)
    for n in range(30):
        t.observe("Northwind", article(n))
    assert t.size() <= 50 and t.is_chrome("Northwind", SLOGAN)


def test_learned_templates_clean_what_rules_alone_keep():
    docs = ["\n".join(article(n)) for n in range(4)]
    cold = clean_scrape(docs[3], container={"outlet": "Northwind"})
    assert PROMO in cold.text  # a sentence like any other: rules cannot know it is the site's
    t = OutletTemplates(min_docs=3)
    for text in docs[:3]:
        clean_scrape(text, container={"outlet": "Northwind"}, templates=t)
    warm = clean_scrape(docs[3], container={"outlet": "Northwind"}, templates=t)
    assert PROMO not in warm.text and SLOGAN not in warm.text
    assert warm.text.split("\n") == article(3)[3:6]


def test_clean_document_uses_and_teaches_the_templates():
    t = OutletTemplates(min_docs=2)
    for n in range(2):
        doc = Document(source=f"n{n}.txt", data="\n".join(article(n)).encode(), meta={"outlet": "Northwind"})
        clean_document(doc, t)
    assert t.articles("Northwind") == 2
    doc = Document(source="n2.txt", data="\n".join(article(2)).encode(), meta={"outlet": "Northwind"})
    assert PROMO not in clean_document(doc, t).text


def test_html_documents_neither_use_nor_teach_templates():
    t = OutletTemplates(min_docs=2)
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in article(1)) + "</body></html>"
    clean_document(Document(source="p.html", data=page.encode(), media_type="html", encoding="utf-8", url="https://northwind.example/1"), t)
    assert t.size() == 0
