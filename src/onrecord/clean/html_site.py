"""Who publishes an HTML page: the names a site goes by (og:site_name, JSON-LD publisher, host) and matching them.

Titles lose a " | Site Name" suffix, author lists lose the site's own name and the article's outlet is the
first name found; all three compare names with ``is_site_name`` ("The Daily World" = "thedailyworld.com").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .html_page import PageFacts, fold_space, unescape
from .html_patterns import SITE_META_KEYS

_SITE_TYPES = {"WebSite", "Organization", "NewsMediaOrganization"}
_DOMAIN_ENDINGS = ("couk", "com", "org", "net", "news", "online", "co", "uk", "in", "io", "tv")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def site_names(facts: PageFacts, url: str | None) -> list[str]:
    """Names the site goes by, the outlet's own first: og:site_name, JSON-LD publisher, other meta tags, host name."""
    names: list[str] = list(facts.meta.get(SITE_META_KEYS[0], []))
    for obj in facts.articles:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
    for key in SITE_META_KEYS[1:]:
        names.extend(v.lstrip("@") for v in facts.meta.get(key, []))
    names.extend(str(o["name"]) for o in facts.ld_top if _is_site_object(o))
    host = host_of(url or canonical_url(facts))
    if host:
        names.append(host)
        names.append(host.rsplit(".", 1)[0])
    return [n for n in dict.fromkeys(fold_space(unescape(n)) for n in names) if n and not n.startswith("http")]


def _is_site_object(obj: dict[str, Any]) -> bool:
    """A JSON-LD WebSite or news organisation object with a name."""
    kinds = obj.get("@type") if isinstance(obj.get("@type"), list) else [obj.get("@type")]
    return isinstance(obj.get("name"), str) and any(k in _SITE_TYPES for k in kinds)


def host_of(url: str | None) -> str | None:
    """The host of a URL without 'www.' ('https://www.example.org/x' -> 'example.org')."""
    match = re.match(r"[a-z][a-z0-9+.-]*://([^/:?#]+)", url or "", re.IGNORECASE)
    if not match:
        return None
    host = match.group(1).lower()
    return host[4:] if host.startswith("www.") else host


def canonical_url(facts: PageFacts) -> str | None:
    """The page's own URL as it declares it (og:url, canonical link)."""
    for value in facts.meta.get("og:url", []):
        return value
    if facts.tree is not None:
        for link in facts.tree.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                return link.get("href")
    return None


def site_keys(sites: list[str]) -> set[str]:
    """Comparison keys of the site's names (see ``is_site_name``)."""
    return {_bare(_key(s)) for s in sites if _key(s)}


def is_site_name(part: str, keys: set[str]) -> bool:
    """A text naming the site: one of its names, give or take a leading 'the' or a domain ending."""
    key = _bare(_key(part))
    return len(key) >= 2 and key in keys


def _bare(key: str) -> str:
    """A site key without a leading 'the' and a trailing domain ending ('thedailyworldcom' -> 'dailyworld')."""
    key = key[3:] if key.startswith("the") and len(key) > 6 else key
    for ending in _DOMAIN_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            return key[: -len(ending)]
    return key


def _key(text: str) -> str:
    """A comparison key: NFKC, straight quotes, lower case, letters and digits only."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return "".join(ch for ch in text if ch.isalnum())
