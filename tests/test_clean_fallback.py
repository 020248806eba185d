"""The last-resort HTML → text path used for fragments main-text extraction returns nothing for."""

from onrecord.clean import clean_document
from onrecord.clean.fallback import html_fragment_text
from onrecord.records import Document


def test_fragment_blocks_become_lines_and_scripts_go():
    html = "<div><p>First <b>line</b>.</p><script>var x = 1;</script><p>Second line.</p><ul><li>Item</li></ul></div>"
    assert html_fragment_text(html) == "First line.\nSecond line.\nItem"


def test_empty_or_script_only_fragments_give_no_text():
    assert html_fragment_text("") == ""
    assert html_fragment_text("<script>alert(1)</script>") == ""


def test_short_feed_summary_still_becomes_an_article():
    doc = Document(source="feed#2", data=b"<p>Second entry</p>", media_type="html", encoding="utf-8")
    assert clean_document(doc).text == "Second entry"
