"""Main text of an HTML page: trafilatura's body tree, pruned block by block, then checked against JSON-LD.

trafilatura (precision mode, links kept so their share of each block is known) finds the article's blocks;
onrecord then drops what trafilatura lets through on news pages — link lists under "Read more"-style
headings, teaser paragraphs made of links, captions, credits, ad labels, the headline and dateline repeated
at the top, newsletter, copyright and author-bio lines at the bottom, review pros-and-cons boxes — and, when
the page carries a JSON-LD ``articleBody``, uses it to catch a wrong block choice or stray text. The
standfirst shown under the headline (the page's description) opens the text; a page where trafilatura took
a cookie or consent dialog is read again without it.
"""

from __future__ import annotations

import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from .html_page import PageFacts, fold_space
from .html_patterns import (
    AUTHOR_NOTE_VERB,
    BODY_HEAD_WINDOW,
    BODY_MAX_ITEM_LINK_DENSITY,
    BODY_MAX_LINK_DENSITY,
    BODY_RESUME_WORDS,
    BODY_SHORT_LINKED_WORDS,
    BODY_TAIL_WINDOW,
    BOX_LABEL,
    COMMENT_MARK,
    CONSENT_ATTR,
    CONSENT_MIN_SHARE,
    CONSENT_TEXT,
    DATE_LINE,
    DROP_LINE,
    END_MATTER,
    KICKER_LINE,
    LD_EXTRA_SHARE,
    LD_LINE_KEEP,
    LD_MASK_ABOVE,
    LD_MIN_WORDS,
    LD_REPLACE_BELOW,
    SECTION_BREAK,
    STANDFIRST_MAX_WORDS,
    STANDFIRST_META_KEYS,
    STANDFIRST_MIN_WORDS,
    STANDFIRST_NEAR_H1,
    TAIL_LINE,
)

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# elements that hold a list entry, a table cell, a caption or a control, never a standfirst
_NOT_STANDFIRST = frozenset(
    {"script", "style", "noscript", "template", "dd", "dt", "li", "td", "th", "figcaption", "blockquote", "a", "button", "option"}
)
_BYLINE_LEAD = re.compile(r"^\s*(by|written by|words by)\b", re.IGNORECASE)


@dataclass(slots=True)
class Block:
    """One paragraph-level piece of trafilatura's output."""

    kind: str  # p, head, item, quote, ...
    text: str
    link_share: float  # share of the text's characters inside links

    @property
    def words(self) -> int:
        """Number of words."""
        return len(_WORD.findall(self.text))


def article_lines(facts: PageFacts, meta: dict[str, Any], url: str | None) -> list[str]:
    """The article's paragraphs: trafilatura's blocks pruned, the standfirst added, checked against JSON-LD."""
    found = page_blocks(facts.tree, url)
    blocks = drop_navigation(found)
    lines = drop_boilerplate_lines(lines_of(blocks))
    lines = trim_head(lines, meta.get("title"), meta.get("author"))
    lines = trim_tail(lines, meta.get("author"))
    lines = reconcile_with_jsonld(lines, jsonld_body(facts.articles))
    return with_standfirst(lines, standfirst(facts))


def page_blocks(tree: Any, url: str | None) -> list[Block]:
    """trafilatura's blocks (precision mode, else recall mode); again without consent dialogs when it took one."""
    found = trafilatura_blocks(tree, url) or trafilatura_blocks(tree, url, recall=True)
    if found and is_mostly_consent(found):
        cleaned = without_consent_boxes(tree)
        found = trafilatura_blocks(cleaned, url) or trafilatura_blocks(cleaned, url, recall=True) or found
    return found


def is_mostly_consent(blocks: list[Block]) -> bool:
    """Whether at least CONSENT_MIN_SHARE of the blocks' words are in blocks about cookies and consent."""
    total = sum(b.words for b in blocks)
    consent = sum(b.words for b in blocks if CONSENT_TEXT.search(b.text))
    return total > 0 and consent >= CONSENT_MIN_SHARE * total


def without_consent_boxes(tree: Any) -> Any:
    """A copy of the page without the elements whose class or id names a cookie or consent dialog."""
    cleaned = deepcopy(tree)
    for el in list(cleaned.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if marks.strip() and CONSENT_ATTR.search(marks):
            el.drop_tree()
    return cleaned


def trafilatura_blocks(source: Any, url: str | None, recall: bool = False) -> list[Block]:
    """The blocks trafilatura keeps (precision mode, or recall mode), without comments or tables; [] when none.

    ``source`` is the page's lxml tree (trafilatura works on a copy: same output as from the string, less time).
    Precision mode measured best on NAEB dev (before and after onrecord's pruning); recall mode is the
    fallback for pages where precision mode keeps nothing.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        source,
        url=url,
        favor_precision=not recall,
        favor_recall=recall,
        include_comments=False,
        include_tables=False,
        include_links=True,
        with_metadata=False,
    )
    body = getattr(doc, "body", None) if doc is not None else None
    return blocks_of(body) if body is not None else []


def blocks_of(body: Any) -> list[Block]:
    """The body tree's paragraphs, headings, quotes and list items as blocks, in order."""
    blocks: list[Block] = []
    for el in body:
        if el.tag == "list":
            blocks.extend(_block("item", item) for item in el.iter("item"))
        elif el.tag in ("table", "graphic"):
            continue
        else:
            blocks.append(_block(el.tag, el))
    return [b for b in blocks if b.text]


def _block(kind: str, el: Any) -> Block:
    """A block from one element: its text (line breaks kept) and the share of it that is link text."""
    text = _clean(_text_with_breaks(el))
    linked = sum(len(_clean("".join(ref.itertext()))) for ref in el.iter("ref"))
    return Block(kind, text, min(1.0, linked / len(text)) if text else 0.0)


def _text_with_breaks(el: Any) -> str:
    """All text under an element, with <lb/> as a line break."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    """NFC, spaces folded per line, blank lines dropped."""
    lines = (_SPACES.sub(" ", line).strip() for line in unicodedata.normalize("NFC", text).split("\n"))
    return "\n".join(line for line in lines if line)


def drop_navigation(blocks: list[Block]) -> list[Block]:
    """Blocks without link lists (section-break headings and what follows them, link-dense teasers) and without
    pros-and-cons boxes (a BOX_LABEL line and the list items after it)."""
    kept: list[Block] = []
    skipping = in_box = False
    for block in blocks:
        if is_section_break(block):
            skipping = True
            continue
        if skipping and not _resumes(block):
            continue
        skipping = False
        if BOX_LABEL.match(block.text.rstrip(" :")):
            in_box = True
            continue
        if in_box and block.kind == "item":
            continue
        in_box = False
        if not is_link_teaser(block):
            kept.append(block)
    return kept


def is_section_break(block: Block) -> bool:
    """A heading or short line such as 'Read more:' or 'More from the site' that opens a list of links."""
    return block.words <= 8 and bool(SECTION_BREAK.match(block.text.rstrip(" :.-–—»>").strip()))


def _resumes(block: Block) -> bool:
    """A real paragraph again after a link list: long enough and with few links."""
    return block.kind in ("p", "quote") and block.words >= BODY_RESUME_WORDS and block.link_share < 0.3


def is_link_teaser(block: Block) -> bool:
    """A block that mostly points elsewhere: link-dense, or short and carrying a link."""
    if block.kind == "item":
        return block.link_share >= BODY_MAX_ITEM_LINK_DENSITY
    if block.link_share >= BODY_MAX_LINK_DENSITY:
        return True
    return block.kind == "p" and block.link_share > 0 and block.words <= BODY_SHORT_LINKED_WORDS


def lines_of(blocks: list[Block]) -> list[str]:
    """The blocks' text, one line per paragraph (a block with line breaks gives several lines)."""
    return [line for block in blocks for line in block.text.split("\n")]


def drop_boilerplate_lines(lines: list[str]) -> list[str]:
    """Lines without ad labels, share buttons, captions and credits (DROP_LINE), wherever they stand."""
    return [line for line in lines if not DROP_LINE.match(line)]


def trim_tail(lines: list[str], authors: str | None = None) -> list[str]:
    """The text without its closing boilerplate: from the earliest tail line (lexicon or author note) on.

    A tail line counts among the last BODY_TAIL_WINDOW lines, or anywhere when a reader-comment thread
    (two or more comment controls such as 'Reply') follows it; an end-matter heading ('Sources',
    'References') counts anywhere in the second half.
    """
    names = [a.strip() for a in (authors or "").split(";") if len(a.strip()) > 3]
    marks = [i for i, line in enumerate(lines) if COMMENT_MARK.match(line)]
    start = max(0, len(lines) - BODY_TAIL_WINDOW)
    for i, line in enumerate(lines):
        if 2 * i >= len(lines) and END_MATTER.match(line.rstrip(" :")):
            return lines[:i]
        if i < start and sum(1 for m in marks if m > i) < 2:
            continue
        if TAIL_LINE.match(line) or is_author_note(line, names):
            return lines[:i]
    return [line for line in lines if not COMMENT_MARK.match(line)] if len(marks) >= 2 else lines


def is_author_note(line: str, names: list[str]) -> bool:
    """A line about one of the article's authors ("Jane Doe is a senior reporter...", "Jane Doe writes about...")."""
    lowered = line.lower()
    for name in names:
        if lowered.startswith(name.lower()) and AUTHOR_NOTE_VERB.match(line, len(name)):
            return True
    return False


def trim_head(lines: list[str], title: str | None, authors: str | None) -> list[str]:
    """The text without a repeated headline, dateline or byline among its first lines, nor a one-word section
    label ('News', 'OPINION:') as its first line."""
    title_key = _key(title or "")
    author_keys = {_key(a) for a in (authors or "").split(";") if a.strip()}
    out: list[str] = []
    for i, line in enumerate(lines):
        if i < BODY_HEAD_WINDOW and _is_head_noise(line, title_key, author_keys):
            continue
        if not out and i + 1 < len(lines) and KICKER_LINE.match(line.strip()):
            continue
        out.append(line)
    return out


def _is_head_noise(line: str, title_key: str, author_keys: set[str]) -> bool:
    """The headline again, a date line, a note that belongs at the end (TAIL_LINE), or a byline naming the authors."""
    key = _key(line)
    if not key:
        return True
    if title_key and key == title_key:
        return True
    if DATE_LINE.match(line.strip(" .|·-")) or TAIL_LINE.match(line):
        return True
    byline = _key(_BYLINE_LEAD.sub("", line))
    return bool(author_keys) and len(line.split()) <= 12 and byline.startswith(tuple(author_keys))


def _key(text: str) -> str:
    """Comparison key: NFKC, lower case, letters and digits only."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


def jsonld_body(articles: list[dict[str, Any]]) -> str:
    """The longest JSON-LD articleBody of the page's article objects, cleaned; '' when there is none."""
    bodies = [_as_text(o.get("articleBody")) for o in articles]
    best = max(bodies, key=len, default="")
    return _clean(_unescape_markup(best)) if best else ""


def _as_text(value: Any) -> str:
    """A JSON-LD text value as one string (some pages give a list of paragraphs)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(v for v in value if isinstance(v, str))
    return ""


def _unescape_markup(text: str) -> str:
    """articleBody text as a reader sees it: entities decoded, tags (some pages leave them in) removed."""
    import html

    if "<" in text and ">" in text:
        text = re.sub(r"<\s*(br|/p|/div|/h\d|/li)\b[^>]*>", "\n", text, flags=re.IGNORECASE)
        text = re.sub(r"<[^>]{1,400}>", "", text)
    return html.unescape(text)


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    """The set of n-word shingles of a text, lower-cased (a shorter text is one shingle)."""
    tokens = _WORD.findall(text.lower())
    return {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]}


def reconcile_with_jsonld(lines: list[str], ld_text: str) -> list[str]:
    """trafilatura's lines checked against the page's JSON-LD articleBody.

    When trafilatura's text misses most of a substantial JSON-LD body it took the wrong block: the JSON-LD
    body replaces it. When it holds the JSON-LD body and much else, the lines before the first and after the
    last line the JSON-LD body supports are dropped (lines in between stay: JSON-LD bodies often leave out
    subheadings and captions).
    """
    if len(_WORD.findall(ld_text)) < LD_MIN_WORDS:
        return lines
    ld, ours = shingles(ld_text), shingles("\n".join(lines))
    covered = len(ours & ld) / len(ld)
    if covered < LD_REPLACE_BELOW:
        return ld_text.split("\n")
    extra = len(ours - ld) / len(ours) if ours else 0.0
    if covered < LD_MASK_ABOVE or extra < LD_EXTRA_SHARE:
        return lines
    supported = [i for i, line in enumerate(lines) if _share_inside(line, ld) >= LD_LINE_KEEP]
    return lines[supported[0] : supported[-1] + 1] if supported else lines


def _share_inside(line: str, reference: set[tuple[str, ...]]) -> float:
    """Share of a line's shingles found in a reference set."""
    own = shingles(line)
    return len(own & reference) / len(own) if own else 0.0


def standfirst(facts: PageFacts) -> str:
    """The standfirst (dek, summary) shown under the headline: the page's description, when an element just after
    the headline's <h1> holds exactly that text; '' otherwise."""
    if facts.tree is None:
        return ""
    wanted: dict[str, str] = {}
    for text in _descriptions(facts):
        key = _key(text)
        if key and STANDFIRST_MIN_WORDS <= len(text.split()) <= STANDFIRST_MAX_WORDS:
            wanted.setdefault(key, text)
    if not wanted:
        return ""
    body = facts.tree.find("body")
    seen_h1 = -1
    for i, el in enumerate(body.iter() if body is not None else ()):
        if not isinstance(el.tag, str):
            continue
        if el.tag == "h1":
            seen_h1 = i
            continue
        if seen_h1 < 0 or i - seen_h1 > STANDFIRST_NEAR_H1 or el.tag in _NOT_STANDFIRST:
            continue
        own = _key(el.text or "")
        if len(own) < 12 or not any(k.startswith(own) for k in wanted):
            continue
        text = fold_space(el.text_content())
        if _key(text) in wanted:
            return text
    return ""


def _descriptions(facts: PageFacts) -> list[str]:
    """The page's description texts: meta tags, then JSON-LD article descriptions."""
    found = [v for k in STANDFIRST_META_KEYS for v in facts.meta.get(k, [])]
    found += [o["description"] for o in facts.articles if isinstance(o.get("description"), str)]
    return [fold_space(_unescape_markup(t)) for t in found]


def with_standfirst(lines: list[str], deck: str) -> list[str]:
    """The lines with the standfirst first, unless the text already holds it (or there is no text)."""
    if not deck or not lines or _key(deck) in _key("".join(lines)):
        return lines
    return [deck, *lines]
