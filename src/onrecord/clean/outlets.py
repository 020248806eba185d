"""Which outlet published a scrape: its URL's domain, or the site-name signatures in its chrome (outlets.toml).

An outlet is never inferred from the article's own sentences, from a photo credit or from an embedded post's
author: only a listed domain, a listed signature found in a chrome line, or (last) the URL's host name.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import CHROME, META, Line
from .text_patterns import outlet_table

_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", re.IGNORECASE)


def host_of(url: str | None) -> str | None:
    """The host of a URL without 'www.' ('https://www.example.org/x' -> 'example.org'); None when not a URL."""
    match = _HOST.match(url or "")
    if not match:
        return None
    host = match.group(1).lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def outlet_for_domain(url: str | None) -> str | None:
    """The listed outlet whose domain (or a parent domain of it) the URL is on; None when not listed."""
    host = host_of(url)
    if not host:
        return None
    for outlet in outlet_table():
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet.name
    return None


def outlet_from_chrome(lines: list[Line]) -> str | None:
    """The outlet named most often by signatures on chrome and metadata lines (embedded-post credits excluded)."""
    names = Counter(l.signature for l in lines if l.signature and l.kind in (CHROME, META) and l.why != "embed")
    return names.most_common(1)[0][0] if names else None


def find_outlet(url: str | None, lines: list[Line]) -> str | None:
    """Outlet of a scrape: a listed domain, else a signature in the chrome, else the URL's host, else None."""
    return outlet_for_domain(url) or outlet_from_chrome(lines) or host_of(url)
