"""What an HTML page says about itself: JSON-LD objects, meta tags, headings and the <title>, read once with lxml."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html
from lxml.etree import ParserError

from .html_patterns import ARTICLE_TYPES

_PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(slots=True)
class PageFacts:
    """Everything the metadata rules choose from, gathered in one pass over the page."""

    tree: Any  # lxml HtmlElement of the whole page (None when the markup could not be parsed)
    articles: list[dict[str, Any]] = field(default_factory=list)  # JSON-LD objects of an article type
    ld_objects: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD object, nested ones too
    ld_top: list[dict[str, Any]] = field(default_factory=list)  # JSON-LD objects at the top (or in an @graph)
    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name/property/itemprop -> contents
    h1: list[str] = field(default_factory=list)  # text of each <h1>, whitespace folded, in page order
    title_tag: str | None = None


def parse_page(html: str) -> Any:
    """An lxml tree of the page, or None when there is no markup to parse."""
    if not html or not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(_without_xml_declaration(html), parser=_PARSER)
    except (ParserError, ValueError):
        return None


def _without_xml_declaration(html: str) -> str:
    """lxml refuses str input that carries an encoding declaration; drop it (the text is decoded already)."""
    head = html[:200].lstrip()
    if head.startswith("<?xml"):
        return html[html.find("?>") + 2 :]
    return html


def read_facts(tree: Any) -> PageFacts:
    """Collect JSON-LD, meta tags, <h1>s and <title> of a parsed page."""
    facts = PageFacts(tree=tree)
    if tree is None:
        return facts
    scripts = [load_json_loosely(s.text or "") for s in tree.iter("script") if "ld+json" in (s.get("type") or "").lower()]
    facts.ld_objects = _walk_ld(scripts)
    facts.ld_top = _top_objects(scripts)
    facts.articles = [o for o in facts.ld_objects if _types(o) & ARTICLE_TYPES]
    facts.meta = _meta_tags(tree)
    facts.h1 = [fold_space(h.text_content()) for h in tree.iter("h1")]
    titles = [fold_space(t.text_content()) for t in tree.iter("title")]
    facts.title_tag = next((t for t in titles if t), None)
    return facts


def fold_space(text: str | None) -> str:
    """Whitespace runs folded to one space, ends stripped."""
    return " ".join((text or "").split())


def unescape(text: str) -> str:
    """HTML entities left in metadata values decoded ('O&#039;Neil' -> "O'Neil")."""
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


def _types(obj: dict[str, Any]) -> set[str]:
    """The @type values of a JSON-LD object, as a set of strings."""
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values if v}


def _meta_tags(tree: Any) -> dict[str, list[str]]:
    """Meta tag contents by lower-cased name, property or itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = fold_space(el.get("content"))
        if key and content:
            found.setdefault(key.strip().lower(), []).append(content)
    return found


def _walk_ld(scripts: list[Any]) -> list[dict[str, Any]]:
    """Every JSON object in the page's ld+json scripts, nested objects and @graph members included."""
    out: list[dict[str, Any]] = []
    stack = list(reversed(scripts))
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            stack.extend(v for v in reversed(list(item.values())) if isinstance(v, (list, dict)))
    return out


def _top_objects(scripts: list[Any]) -> list[dict[str, Any]]:
    """The objects a script states at its top level or in its @graph (not those nested as an author or part)."""
    out: list[dict[str, Any]] = []
    for data in scripts:
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                out.append(item)
                graph = item.get("@graph")
                out.extend(g for g in (graph if isinstance(graph, list) else []) if isinstance(g, dict))
    return out


def load_json_loosely(text: str) -> Any:
    """JSON as pages write it: tolerate CDATA wrappers, control characters and trailing commas; None if hopeless."""
    text = text.strip()
    if text.startswith("<![CDATA["):
        text = text[9:].rsplit("]]>", 1)[0]
    for candidate in (text, _CONTROL.sub(" ", text), _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None
