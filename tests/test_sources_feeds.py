"""RSS and Atom feeds read from files: one document per entry, FEED#N sources, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.records import Document, SourceError
from onrecord.sources import SourceOptions, iter_documents

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://ex.org/</link><language>en</language>
<item><title>Lavrov on talks</title><link>https://ex.org/lavrov</link>
<pubDate>Mon, 28 Mar 2022 10:30:00 +0300</pubDate><dc:creator>Jane Doe</dc:creator>
<category>Russia</category><category>Diplomacy</category>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Sergey Lavrov said talks <b>were</b> possible.</p>]]></content:encoded></item>
<item><title>Plain summary</title><link>https://ex.org/plain</link>
<description>Only a plain summary here.</description></item>
<item><title>Nothing</title><link>https://ex.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Atom Outlet</title><id>urn:x</id>
<updated>2024-01-02T00:00:00Z</updated>
<entry><title>First</title><id>urn:1</id><link href="https://atom.ex/1"/>
<published>2024-01-01T12:00:00Z</published><updated>2024-01-02T08:00:00Z</updated>
<author><name>A. Writer</name></author>
<content type="html">&lt;p&gt;Escaped &amp;amp; HTML body&lt;/p&gt;</content></entry>
<entry><title>Second</title><id>urn:2</id><link href="https://atom.ex/2"/><summary>Text summary.</summary></entry>
</feed>"""


def run(path: Path, **options: object) -> list[Document | SourceError]:
    """Every item of one input."""
    return list(iter_documents([str(path)], SourceOptions(**options)))  # type: ignore[arg-type]


def test_rss_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(RSS, "utf-8")
    first, plain, empty = run(path)
    assert isinstance(first, Document) and isinstance(plain, Document) and isinstance(empty, SourceError)
    assert [first.source, plain.source, empty.source] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert first.media_type == "html" and b"Sergey Lavrov said talks" in first.data and first.encoding == "utf-8"
    assert first.url == "https://ex.org/lavrov"
    assert first.meta == {
        "title": "Lavrov on talks",
        "published": "2022-03-28T07:30:00+00:00",
        "author": "Jane Doe",
        "tags": ["Russia", "Diplomacy"],
        "language": "en",
        "outlet": "Example News",
        "url": "https://ex.org/lavrov",
    }
    assert plain.media_type == "text" and plain.data == b"Only a plain summary here."
    assert empty.message.startswith("feed entry has no content or summary")


def test_atom_entries_and_forced_outlet(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, "utf-8")
    first, second = run(path, outlet="Forced")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.media_type == "html" and "<p>" in first.text()
    assert first.meta["published"] == "2024-01-01T12:00:00+00:00"
    assert first.meta["updated"] == "2024-01-02T08:00:00+00:00"
    assert first.meta["author"] == "A. Writer" and first.meta["outlet"] == "Forced"
    assert second.url == "https://atom.ex/2" and second.text() == "Text summary."


def test_feed_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text(RSS, "utf-8")
    assert [type(i).__name__ for i in run(path)] == ["Document", "Document", "SourceError"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "<html><body>a web page, not a feed</body></html>",
            "not an RSS or Atom feed (no <rss> or <feed> element); check the file or URL",
        ),
        ("garbage <<< not xml", "not an RSS or Atom feed (<unknown>:"),
        ('<rss version="2.0"><channel><title>x</title></channel></rss>', "feed has no entries; nothing to ingest"),
    ],
)
def test_invalid_or_empty_feed_is_one_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(text, "utf-8")
    (error,) = run(path)
    assert isinstance(error, SourceError) and error.source == str(path)
    assert error.message.startswith(message)
    assert error.message.endswith(("; check the file or URL", "; nothing to ingest"))
