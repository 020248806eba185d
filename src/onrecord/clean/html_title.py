"""The headline of an HTML page: the <h1> a meta title confirms, else the meta title without its site name.

Measured on NAEB dev: the visible <h1> matches the gold headline more often than og:title or the JSON-LD
headline (editors write a separate SEO title), but pages also use <h1> for logos, widgets and teaser lists,
so an <h1> is trusted when a meta title shares most of its words, or when it is the page's only plausible one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .html_page import PageFacts, fold_space, unescape
from .html_patterns import (
    TITLE_CONFIRM_OVERLAP,
    TITLE_KICKERS,
    TITLE_MEDIA_TAG,
    TITLE_META_KEYS,
    TITLE_MIN_WORDS_UNCONFIRMED,
    TITLE_SEPARATORS,
    TITLE_WIDGET_ANCESTORS,
    TITLE_WIDGET_WORDS,
)
from .html_site import is_site_name, site_keys

_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def choose_title(facts: PageFacts, sites: list[str]) -> str | None:
    """The article's headline, or None when the page names none."""
    metas = meta_titles(facts, sites)
    confirmed = confirmed_h1(facts, metas, sites)
    if confirmed:
        return confirmed
    lone = lone_h1(facts, sites)
    if lone and (not metas or _words(lone) >= TITLE_MIN_WORDS_UNCONFIRMED):
        return lone
    return metas[0] if metas else None


def meta_titles(facts: PageFacts, sites: list[str]) -> list[str]:
    """Titles the page declares (og/twitter titles, JSON-LD headline, other meta titles, <title>), site names
    stripped, deduplicated, in that order of trust."""
    raw: list[str] = []
    for key in TITLE_META_KEYS[:2]:
        raw.extend(facts.meta.get(key, [])[:1])
    raw.extend(str(o["headline"]) for o in facts.articles if isinstance(o.get("headline"), str))
    for key in TITLE_META_KEYS[2:]:
        raw.extend(facts.meta.get(key, [])[:1])
    if facts.title_tag:
        raw.append(facts.title_tag)
    out: list[str] = []
    for title in (without_media_tag(strip_site(unescape(t), sites)) for t in raw):
        if title and title not in out:
            out.append(title)
    return out


def confirmed_h1(facts: PageFacts, metas: list[str], sites: list[str] | None = None) -> str | None:
    """The <h1> sharing most words with a meta title (ties: the one sharing more words); an <h1> that adds a
    kicker to a meta title yields that title."""
    best, best_score = None, (0.0, 0)
    for raw in facts.h1:
        h1 = without_media_tag(strip_site(raw, sites or []))
        for meta in metas:
            score = (overlap(h1, meta), shared_words(h1, meta))
            if score > best_score:
                best, best_score = h1, score
    if best is None or best_score[0] < TITLE_CONFIRM_OVERLAP:
        return None
    labels = section_labels(facts)
    return next((t for t in (_without_kicker(best, m, labels) for m in metas) if t != best), best)


def section_labels(facts: PageFacts) -> set[str]:
    """Lower-cased inner segments of the <title> and og:title ("Headline - News - Site" -> {"news"}): the
    site's section names, which some pages print as a label inside the <h1>."""
    labels: set[str] = set()
    for raw in [facts.title_tag or "", *facts.meta.get("og:title", [])[:1]]:
        parts = [fold_space(unescape(raw))]
        for sep in TITLE_SEPARATORS:
            parts = [piece for part in parts for piece in part.split(sep)]
        labels.update(p.strip().lower() for p in parts[1:-1] if p.strip())
    return labels


def lone_h1(facts: PageFacts, sites: list[str]) -> str | None:
    """The page's only <h1> that reads like a headline (not a logo, widget, byline or site name)."""
    tree = facts.tree
    plausible = []
    for el in tree.iter("h1") if tree is not None else []:
        text = without_media_tag(strip_site(fold_space(el.text_content()), sites))
        if text and not _is_widget(el, text, sites):
            plausible.append(text)
    return plausible[0] if len(plausible) == 1 else None


def _is_widget(el: Any, text: str, sites: list[str]) -> bool:
    """An <h1> holding a logo or a link, inside navigation or a sidebar, naming the site or a widget ('Newsletter')."""
    lowered = text.lower()
    if any(w in lowered for w in TITLE_WIDGET_WORDS) or is_site_name(text, site_keys(sites)):
        return True
    return bool(el.xpath(".//img|.//svg|ancestor::a|" + "|".join(f"ancestor::{t}" for t in TITLE_WIDGET_ANCESTORS)))


def _without_kicker(h1: str, meta: str, labels: set[str] | frozenset[str] = frozenset()) -> str:
    """The <h1> itself, or its tail when it is a meta title behind a section label ("Politics | ...", "Opinion ...",
    or a section the <title> names)."""
    h, m = _key(h1), _key(meta)
    if not m or h == m or not h.endswith(m):
        return h1
    tail = _tail_matching(h1, len(_WORD.findall(meta)))
    if not tail:
        return h1
    label = h1[: len(h1) - len(tail)].strip()
    is_label = label.endswith(("|", "/", "»", "•", "·")) or label.lower() in TITLE_KICKERS or label.lower() in labels
    return tail if is_label and _words(label) <= 3 else h1


def without_media_tag(title: str) -> str:
    """A title without a trailing note of the media it embeds ("... (video)", "... [Watch]", "... [PHOTOS]")."""
    match = TITLE_MEDIA_TAG.search(title)
    return title[: match.start()].rstrip() if match and match.start() > 0 else title


def _tail_matching(text: str, n_words: int) -> str | None:
    """The end of ``text`` holding its last ``n_words`` words, as written."""
    spans = [m.start() for m in _WORD.finditer(text)]
    if n_words <= 0 or n_words > len(spans):
        return None
    start = spans[-n_words]
    while start > 0 and text[start - 1] in "'\"‘“«¿¡":
        start -= 1
    return text[start:].strip()


def strip_site(title: str, sites: list[str]) -> str:
    """A title without the site name or a section kicker separated from it (" | Site", "Site - ", "Opinion | ",
    " | Editorial")."""
    title = fold_space(title)
    keys = site_keys(sites)
    changed = True
    while changed:
        changed = False
        for sep in TITLE_SEPARATORS:
            head, _, tail = title.rpartition(sep)
            if head and (is_site_name(tail, keys) or tail.lower() in TITLE_KICKERS):
                title, changed = head.strip(), True
            first, _, rest = title.partition(sep)
            if rest and (is_site_name(first, keys) or first.lower() in TITLE_KICKERS):
                title, changed = rest.strip(), True
    return title


def overlap(a: str, b: str) -> float:
    """Shared words over the words of the shorter text (case-folded)."""
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def shared_words(a: str, b: str) -> int:
    """Number of distinct words (case-folded) two texts share."""
    return len(set(_WORD.findall(a.lower())) & set(_WORD.findall(b.lower())))


def _key(text: str) -> str:
    """A comparison key: NFKC, straight quotes, lower case, letters and digits only."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return "".join(ch for ch in text if ch.isalnum())


def _words(text: str) -> int:
    """Number of words in a text."""
    return len(_WORD.findall(text))
