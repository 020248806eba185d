"""Last-resort HTML to text, for fragments too small for main-text extraction (feed summaries, short pages)."""

from __future__ import annotations

from .text import normalize_text

_SKIP = ("script", "style", "noscript", "template", "svg", "head")


def html_fragment_text(html: str) -> str:
    """The visible text of an HTML fragment, one block per line; empty when it has none."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//" + " | //".join(_SKIP)):
        bad.drop_tree() if bad.getparent() is not None else None
    for block in root.xpath("//p | //div | //br | //li | //h1 | //h2 | //h3 | //h4 | //blockquote | //tr"):
        block.tail = "\n" + (block.tail or "")
    return normalize_text(root.text_content())
