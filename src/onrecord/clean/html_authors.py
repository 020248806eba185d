"""Author names of an HTML page: JSON-LD first, then author meta tags, then a byline element, each cleaned.

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
    AUTHOR_BYLINE_XPATHS,
    AUTHOR_CREDENTIAL,
    AUTHOR_LEAD_IN,
    AUTHOR_LINK_PATHS,
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
_INITIAL_END = re.compile(r"(\b[A-Z]|\b(jr|sr|st|dr))\.$", re.IGNORECASE)


def choose_authors(facts: PageFacts, sites: list[str]) -> str | None:
    """The article's authors joined with '; ', from the most trusted source naming a person.

    A source naming only organisations ("Site Staff", "Agency") is used when no source names a person.
    """
    fallback: list[str] = []
    for raw in author_sources(facts):
        names = clean_authors(raw, sites) if raw else []
        if any(not AUTHOR_ORG_WORD.search(n) for n in names):
            return "; ".join(names)
        fallback = fallback or names
    return "; ".join(fallback) or None


def author_sources(facts: PageFacts) -> Iterator[list[str]]:
    """Raw author strings per source, most trusted first (JSON-LD, meta tags, byline, author links), lazily."""
    yield [n for obj in facts.articles for n in ld_names(obj.get("author"))]
    for key in AUTHOR_META_KEYS:
        yield facts.meta.get(key, [])
    yield byline_texts(facts.tree)
    yield author_link_texts(facts.tree)


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


def author_link_texts(tree: Any) -> list[str]:
    """Names of the first links to an author page ('/author/jane-doe'), with the other author links beside it."""
    if tree is None:
        return []
    for link in tree.iter("a"):
        if _is_author_link(link):
            box = link.getparent().getparent() if link.getparent() is not None else None
            links = [a for a in box.iter("a") if _is_author_link(a)] if box is not None else [link]
            return list(dict.fromkeys(fold_space(a.text_content()) for a in links))
    return []


def _is_author_link(link: Any) -> bool:
    """A link to an author page ('/author/jdoe') whose text is a name the address spells ('Jane Doe')."""
    href = (link.get("href") or "").lower()
    marker = next((p for p in AUTHOR_LINK_PATHS if p in href), None)
    words = fold_space(link.text_content()).split()
    if marker is None or not 2 <= len(words) <= AUTHOR_MAX_WORDS or _DIGIT.search(" ".join(words)):
        return False
    slug = href.split(marker, 1)[1]
    return any(len(w) >= 3 and _key(w) in _key(slug) for w in (words[0], words[-1]))


def clean_authors(raw: list[str], sites: list[str]) -> list[str]:
    """Person (or agency) names from raw author strings, deduplicated case-insensitively, in order.

    Site names are removed first ("Jane Doe, Site Name"); when people are named, organisations beside them go.
    """
    keys = site_keys(sites)
    names: list[str] = []
    for value in raw:
        for piece in split_names(_without_sites(unescape(fold_space(value)), sites)):
            name = clean_name(piece)
            if name and not is_site_name(name, keys) and not _is_repeat(name, names):
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
    piece = " ".join(words).strip(" ,")
    if not piece or not _LETTER.search(piece) or _HANDLE_OR_ADDRESS.search(piece) or _DIGIT.search(piece):
        return None
    if " " not in piece and (piece.islower() or "-" in piece or "_" in piece):
        return None  # a slug or login ("jane-doe", "jdoe"), not a name
    if AUTHOR_CREDENTIAL.fullmatch(piece) or AUTHOR_ROLE.search(piece) or len(words) > AUTHOR_MAX_WORDS:
        return None
    return piece


def _is_repeat(name: str, names: list[str]) -> bool:
    """True when the name (or the same letters) is already listed."""
    return _key(name) in {_key(n) for n in names}


def _key(text: str) -> str:
    """Comparison key: NFKD without accents, lower case, letters and digits only."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text.lower() if ch.isalnum())
