"""Author names of an HTML page: JSON-LD first, then author meta tags, then a byline element, each cleaned.

Names from the page body count only where a byline stands: links to author pages in menus or running text
and photo credits are passed over, and the site's own name or staff ("Site Staff", "Staff reports") is no
author — when the metadata credits the staff, names elsewhere on the page are not taken for a byline.

Cleaning turns what pages write ("By JANE DOE and John Roe, Site Name", "Jane Doe MS, RDN | jdoe@site.com",
"View all posts by Jane Doe") into names ("JANE DOE; John Roe", "Jane Doe", "Jane Doe"): several authors are
joined with "; ".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from .html_page import PageFacts, fold_space, unescape
from .html_patterns import (
    AUTHOR_BOARD,
    AUTHOR_BOX_LEVELS,
    AUTHOR_BOX_MAX_CHARS,
    AUTHOR_BYLINE_XPATHS,
    AUTHOR_CREDENTIAL,
    AUTHOR_HOUSE_SUFFIX,
    AUTHOR_LEAD_IN,
    AUTHOR_LINK_PATHS,
    AUTHOR_LINK_UI_WORDS,
    AUTHOR_MAX_WORDS,
    AUTHOR_META_KEYS,
    AUTHOR_ORG_WORD,
    AUTHOR_ROLE,
    AUTHOR_SEPARATOR,
    AUTHOR_TRAILER,
)
from .html_site import is_site_name, site_keys

_HANDLE_OR_ADDRESS = re.compile(r"^@|@\S+\.\w|^https?:|^www\.|^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_NAME_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_NAME_THEN_OUTLET = re.compile(r"^(\S+(?: \S+){1,3}) (The .+)$")  # "The" capitalised: an outlet's name starts
_BY_NAME = re.compile(r"\b[Bb]y:?\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")  # "by Jane Doe", capitalised words
_PAGE_LEVEL = {"html", "body", "main", "article", "header", "section"}
_INITIAL_END = re.compile(r"(\b[A-Z]|\b(jr|sr|st|dr))\.$", re.IGNORECASE)


def choose_authors(facts: PageFacts, sites: list[str]) -> str | None:
    """The article's authors joined with '; ', from the most trusted source naming a person.

    A source naming only organisations ("Agency") is used when no source names a person; the site itself or its
    staff ("Site Staff", "Staff reports") is no author.
    """
    fallback: list[str] = []
    staff = False
    for kind, raw in author_sources(facts):
        if kind != "meta" and staff:
            break  # the metadata credits the site's staff: names elsewhere on the page are tags, not a byline
        names = clean_authors(raw, sites) if raw else []
        if any(not AUTHOR_ORG_WORD.search(n) for n in names):
            return "; ".join(names)
        fallback = fallback or names
        staff = staff or (kind == "meta" and any(is_house_byline(v, sites, staff_only=True) for v in raw))
    return "; ".join(fallback) or None


def author_sources(facts: PageFacts) -> Iterator[tuple[str, list[str]]]:
    """Raw author strings per source, most trusted first, lazily, each with its kind: "meta" (JSON-LD, then
    meta tags), "byline" (a byline element), "links" (links to author pages).

    JSON-LD authors come from the page's top-level article objects when they name any; the authors of
    nested articles (the posts of a live blog, related stories) are used only otherwise.
    """
    top = [id(o) for o in facts.ld_top]
    main = [n for obj in facts.articles if id(obj) in top for n in ld_names(obj.get("author"))]
    yield "meta", main or [n for obj in facts.articles for n in ld_names(obj.get("author"))]
    for key in AUTHOR_META_KEYS:
        yield "meta", facts.meta.get(key, [])
    yield "byline", byline_texts(facts.tree)
    yield "links", author_link_texts(facts.tree)
    yield "byline", headline_by_texts(facts.tree)


def is_house_byline(value: str, sites: list[str], staff_only: bool = False) -> bool:
    """A byline naming the site itself or its staff, not a person ("Site Staff", "Staff reports", "The Site");
    with ``staff_only`` the bare site name does not count."""
    value = AUTHOR_LEAD_IN.sub("", fold_space(unescape(value))).strip(" ,.;:|-–—")
    rest = AUTHOR_HOUSE_SUFFIX.sub("", value).strip(" ,.;:|-–—")
    if not value or (staff_only and rest == value):
        return False
    return not rest or is_site_name(rest, site_keys(sites))


def ld_names(value: Any) -> list[str]:
    """Names inside a JSON-LD author value (a string, a Person/Organization object, or a list of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            return [str(n) for n in name if isinstance(n, str)]
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in ld_names(item)]
    return []


def byline_texts(tree: Any) -> list[str]:
    """Text of the first byline-like element of the page that has any."""
    if tree is None:
        return []
    for xpath in AUTHOR_BYLINE_XPATHS:
        for el in tree.xpath(xpath):
            text = fold_space(el.text_content()) if hasattr(el, "text_content") else ""
            if text and len(text.split()) <= 3 * AUTHOR_MAX_WORDS:
                return [text]
    return []


def headline_by_texts(tree: Any) -> list[str]:
    """A "by Jane Doe" written as plain text beside the headline (in the short block holding the first <h1>)."""
    h1 = next(tree.iter("h1"), None) if tree is not None else None
    box = h1.getparent() if h1 is not None else None
    if box is None:
        return []
    text, headline = fold_space(box.text_content()), fold_space(h1.text_content())
    at = text.find(headline)
    after = text[at + len(headline) :] if headline and at >= 0 else ""
    match = _BY_NAME.search(after) if len(after) <= AUTHOR_BOX_MAX_CHARS else None
    if match is None or AUTHOR_ROLE.search(after[max(0, match.start() - 20) : match.start()]):
        return []  # no byline, or a credit ("Photo by ...")
    return [match.group(1)]


def author_link_texts(tree: Any) -> list[str]:
    """Names of the first byline links to an author page ('/author/jane-doe'), with the other ones beside it."""
    if tree is None:
        return []
    seen_h1 = False
    for el in tree.iter("a", "h1"):
        if el.tag == "h1":
            seen_h1 = True
        elif _is_author_link(el) and _is_byline_link(el, seen_h1):
            links = [a for a in _byline_box(el).iter("a") if _is_author_link(a) and _is_byline_link(a, seen_h1)]
            return list(dict.fromkeys(fold_space(a.text_content()) for a in links))
    return []


def _byline_box(link: Any) -> Any:
    """The widest element around a byline link that still reads like a byline (a few levels up, short text,
    inside the article)."""
    box = link
    for parent in list(link.iterancestors())[:AUTHOR_BOX_LEVELS]:
        if parent.tag in _PAGE_LEVEL or len(fold_space(parent.text_content())) > AUTHOR_BOX_MAX_CHARS:
            break
        box = parent
    return box


def _is_author_link(link: Any) -> bool:
    """A link to an author page ('/author/jdoe') whose text is a name the address spells ('Jane Doe')."""
    href = (link.get("href") or "").lower()
    marker = next((p for p in AUTHOR_LINK_PATHS if p in href), None)
    words = fold_space(link.text_content()).split()
    if marker is None or not 2 <= len(words) <= AUTHOR_MAX_WORDS or _DIGIT.search(" ".join(words)):
        return False
    slug = href.split(marker, 1)[1]
    if any(w in AUTHOR_LINK_UI_WORDS for w in re.split(r"[^a-z]+", slug)):
        return False  # an account page ('/user/login'), not a person's
    return any(len(w) >= 3 and _key(w) in _key(slug) for w in (words[0], words[-1]))


def _is_byline_link(link: Any, after_h1: bool) -> bool:
    """An author link where a byline stands: not in a menu (a <nav>, or a list above the headline) and not a
    name mentioned in running text (a paragraph where other words than "By" come before it)."""
    if link.xpath("ancestor::nav") or (not after_h1 and link.xpath("ancestor::li")):
        return False
    block = next(link.iterancestors("p"), None)
    if block is None:
        return True
    text, name = fold_space(block.text_content()), fold_space(link.text_content())
    before = text[: max(text.find(name), 0)]
    return not AUTHOR_LEAD_IN.sub("", before.strip()).strip(" ,:;|-–—·•")


def clean_authors(raw: list[str], sites: list[str]) -> list[str]:
    """Person (or agency) names from raw author strings, deduplicated case-insensitively, in order.

    Site names are removed first ("Jane Doe, Site Name"); when people are named, organisations beside them go.
    """
    keys = site_keys(sites)
    names: list[str] = []
    for value in raw:
        if is_house_byline(value, sites):
            continue
        for piece in split_names(_without_sites(unescape(fold_space(value)), sites)):
            name = clean_name(piece)
            if not name or is_site_name(name, keys) or is_house_byline(name, sites):
                continue
            if not _is_repeat(name, names):
                names.append(name)
    people = [n for n in names if not AUTHOR_ORG_WORD.search(n)]
    return people if people else names


def _without_sites(value: str, sites: list[str]) -> str:
    """The value with the site's names cut out where they follow or precede a name ("Jane Doe, Site")."""
    lowered = value.lower()
    for site in sorted(sites, key=len, reverse=True):
        if len(site) >= 4 and site.lower() in lowered and _key(value) != _key(site):
            value = re.sub(rf"(^|[,;|/–—-]\s*){re.escape(site)}\s*($|[,;|/–—-])", r"\1\2", value, flags=re.IGNORECASE)
            lowered = value.lower()
    return value


def split_names(value: str) -> list[str]:
    """Separate several names ("A, B and C" -> [A, B, C]); a 'Jr.' after a comma stays with its name."""
    value = AUTHOR_LEAD_IN.sub("", value.strip())
    pieces: list[str] = []
    for piece in AUTHOR_SEPARATOR.split(value):
        piece = piece.strip()
        if pieces and _NAME_SUFFIX.match(piece):
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif piece:
            pieces.append(piece)
    return pieces


def clean_name(piece: str) -> str | None:
    """One name without lead-ins, trailers and credentials; None for roles, handles, addresses and non-names."""
    piece = AUTHOR_TRAILER.sub("", AUTHOR_LEAD_IN.sub("", piece)).strip(" ,-–—:|()[]")
    piece = piece.rstrip(".") if not _INITIAL_END.search(piece) else piece
    words = piece.split()
    while words and AUTHOR_CREDENTIAL.fullmatch(words[-1].strip(",")):
        words.pop()
    piece = _without_outlet(" ".join(words).strip(" ,"))
    words = piece.split()
    if not piece or not _LETTER.search(piece) or _HANDLE_OR_ADDRESS.search(piece) or _DIGIT.search(piece):
        return None
    if " " not in piece and (piece[0].islower() or "-" in piece or "_" in piece):
        return None  # a slug or login ("jane-doe", "jdoe", "janedoeSite"), not a name
    is_role = AUTHOR_ROLE.search(piece) is not None and AUTHOR_BOARD.search(piece) is None
    if AUTHOR_CREDENTIAL.fullmatch(piece) or is_role or len(words) > AUTHOR_MAX_WORDS:
        return None
    return piece


def _without_outlet(piece: str) -> str:
    """A person's name without the outlet written after it with no separator ("Jane Doe The Associated Press")."""
    match = _NAME_THEN_OUTLET.match(piece)
    if match and AUTHOR_ORG_WORD.search(match.group(2)) and not AUTHOR_ORG_WORD.search(match.group(1)):
        return match.group(1)
    return piece


def _is_repeat(name: str, names: list[str]) -> bool:
    """True when the name (or the same letters) is already listed."""
    return _key(name) in {_key(n) for n in names}


def _key(text: str) -> str:
    """Comparison key: NFKD without accents, lower case, letters and digits only."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text.lower() if ch.isalnum())
