"""HTML main text (onrecord.clean.html_body): standfirst, consent dialogs, pros-and-cons boxes, tail and head lines.

Every page and line here is invented for the tests.
"""

from __future__ import annotations

from onrecord.clean.html import extract_html
from onrecord.clean.html_body import (
    Block,
    drop_boilerplate_lines,
    drop_navigation,
    is_mostly_consent,
    standfirst,
    trim_head,
    trim_tail,
    with_standfirst,
    without_consent_boxes,
)
from onrecord.clean.html_page import parse_page, read_facts

PARAGRAPHS = [
    "The river trust planted four thousand willow cuttings along the lower banks this winter, hoping the roots "
    "will hold the soil together before the spring floods arrive and wash more of the path away.",
    "Volunteers from three villages worked through six weekends, and the trust said the turnout was the largest "
    "it had seen since the group was founded by a handful of retired teachers two decades ago.",
    "Surveyors will return in May to measure how much of the bank has moved, and the trust expects to publish "
    "the figures in its summer bulletin along with a plan for the next stretch of the river.",
    "The county council has promised to match any money the trust raises this year, up to a limit that the "
    "trust's treasurer described as generous but still far short of what the whole project needs.",
]
DECK = "Volunteers spent six weekends planting willow to save a crumbling riverbank path."


def news_page(deck_html: str = "", description: str = DECK, extra: str = "") -> str:
    """A small news page with a headline, an optional element under it, and an article of paragraphs."""
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Willows for the river</title>"
        f"<meta property='og:description' content='{description}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav>"
        f"<main><article><header><h1>Willows for the river</h1>{deck_html}</header>"
        f"<div class='body'>{paras}</div>{extra}</article></main><footer><p>Contact us</p></footer></body></html>"
    )


# --------------------------------------------------------------------------- standfirst


def test_standfirst_under_the_headline_opens_the_text() -> None:
    text, _ = extract_html(news_page(f"<p class='dek'>{DECK}</p>"))
    assert text.split("\n")[0] == DECK
    assert PARAGRAPHS[0] in text


def test_no_standfirst_when_the_description_is_not_shown() -> None:
    text, _ = extract_html(news_page(""))
    assert DECK not in text
    assert text.split("\n")[0] == PARAGRAPHS[0]


def test_standfirst_not_taken_from_a_list_entry_or_far_away() -> None:
    facts = read_facts(parse_page(news_page(f"<dl><dd>{DECK}</dd></dl>")))
    assert standfirst(facts) == ""
    far = "".join(f"<span>filler {i}</span>" for i in range(120)) + f"<p>{DECK}</p>"
    facts = read_facts(parse_page(news_page(far)))
    assert standfirst(facts) == ""


def test_standfirst_not_repeated_when_the_text_holds_it() -> None:
    lines = [DECK, PARAGRAPHS[0]]
    assert with_standfirst(lines, DECK) == lines
    assert with_standfirst([], DECK) == []
    assert with_standfirst([PARAGRAPHS[0]], DECK) == [DECK, PARAGRAPHS[0]]


# --------------------------------------------------------------------------- consent dialogs

COOKIE_LINES = [
    "We use cookies to remember your preferences and to measure how this site is used by visitors.",
    "You may opt out of some cookies, but the strictly necessary cookies cannot be switched off here.",
]


def test_consent_blocks_are_recognised() -> None:
    cookie = [Block("p", line, 0.0) for line in COOKIE_LINES]
    article = [Block("p", line, 0.0) for line in PARAGRAPHS]
    assert is_mostly_consent(cookie)
    assert is_mostly_consent(cookie + article[:1])
    assert not is_mostly_consent(article + cookie[:1])
    assert not is_mostly_consent([])


def test_consent_boxes_removed_from_a_copy() -> None:
    box = "<div class='privacy-modal'>" + "".join(f"<p>{line}</p>" for line in COOKIE_LINES) + "</div>"
    tree = parse_page(news_page(extra=box))
    cleaned = without_consent_boxes(tree)
    assert "strictly necessary" not in cleaned.text_content()
    assert PARAGRAPHS[1] in cleaned.text_content()
    assert "strictly necessary" in tree.text_content()  # the page itself is untouched


def test_consent_dialog_kept_out_of_the_text() -> None:
    box = "<div id='cookie-banner'>" + "".join(f"<p>{line}</p>" for line in COOKIE_LINES) + "</div>"
    text, _ = extract_html(news_page(extra=box))
    assert "cookies" not in text
    assert PARAGRAPHS[2] in text


# --------------------------------------------------------------------------- pros-and-cons boxes


def test_pros_and_cons_box_dropped() -> None:
    blocks = [
        Block("p", PARAGRAPHS[0], 0.0),
        Block("head", "Pros", 0.0),
        Block("item", "Light and quiet", 0.0),
        Block("item", "Long battery life", 0.0),
        Block("p", "Cons:", 0.0),
        Block("item", "Pricey", 0.0),
        Block("head", "Verdict", 0.0),
        Block("p", PARAGRAPHS[1], 0.0),
    ]
    assert [b.text for b in drop_navigation(blocks)] == [PARAGRAPHS[0], "Verdict", PARAGRAPHS[1]]


def test_list_without_a_box_label_stays() -> None:
    blocks = [Block("p", "You will need:", 0.0), Block("item", "Two eggs", 0.0), Block("item", "Flour", 0.0)]
    assert drop_navigation(blocks) == blocks


# --------------------------------------------------------------------------- tail and head lines


def test_tail_notes_cut() -> None:
    for note in (
        "Tagged In",
        "Contributing: Jane Roe and Sam Poe",
        "Staff writer Jane Roe in Leeds contributed.",
        "This interview has been edited for length and clarity.",
        "The author does not own shares in any company mentioned in this article.",
        "Our journalism needs your support. Please subscribe today.",
    ):
        assert trim_tail([*PARAGRAPHS, note]) == PARAGRAPHS, note


def test_disclosure_labels_and_embed_placeholders_dropped() -> None:
    lines = ["Advertiser Disclosure", PARAGRAPHS[0], "Waiting for your permission to load the Instagram Media."]
    assert drop_boilerplate_lines(lines) == [PARAGRAPHS[0]]


def test_section_label_at_the_top_dropped() -> None:
    assert trim_head(["News", *PARAGRAPHS], None, None) == PARAGRAPHS
    assert trim_head(["OPINION:", *PARAGRAPHS], None, None) == PARAGRAPHS
    assert trim_head(["Two words", *PARAGRAPHS], None, None) == ["Two words", *PARAGRAPHS]
    assert trim_head(["Alone"], None, None) == ["Alone"]
