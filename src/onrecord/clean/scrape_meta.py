"""Metadata read from a plain-text scrape's own lines, never guessed.

Only lines outside the article's paragraphs count: the header above the first paragraph (URL lines, datelines,
bylines, meta-tag dumps), labelled dates anywhere ("Published: ...", "date 2022-03-28 ..."), and the site-name
stamp on the lead image. A date in a photo caption's prose, in a teaser for another article or in the body
is not the article's date.

Published/updated, strongest evidence first:
1. labelled dates ("date 2022-03-28", "Updated: 10:35 GMT 10.03.2022"), in the header or leading a line;
2. datelines in the header ("10:03 GMT 10.03.2022 (Updated: 10:35 GMT 10.03.2022)", "Friday, January 4, 2019",
   "by Jane Doe - 12/22/23 11:35 AM ET"); a second date labelled as an update is the updated time;
3. ISO date-times dumped from meta tags in the header: the earliest is published, a later one updated;
4. the date of the outlet's site-name stamp on a header image ("- Sputnik International, 1920, 28.03.2022");
5. for a live blog, its first and last entry times.
"""

from __future__ import annotations

import re
from datetime import tzinfo

from .lines import CHROME, META, TEXT, Line, byline_name, looks_like_name, word_count
from .text_patterns import chrome_rules, date_forms
from .textdates import Stamp



def scrape_url(lines: list[Line]) -> str | None:
    """The page's own URL: the first bare URL line that is not an image, asset or social link."""
    for line in lines:
        if line.kind == META and line.why == "url" and not chrome_rules().shape("not_article_url").search(line.text):
            return line.text if line.text.lower().startswith("http") else "https://" + line.text
    return None


def scrape_dates(lines: list[Line], start: int) -> tuple[Stamp | None, Stamp | None]:
    """(published, updated) stamps from labelled dates, header datelines, header ISO dumps; None when absent."""
    published = updated = None
    for line in lines:
        if line.label and line.stamps:
            if line.label == "updated":
                updated = updated or line.stamps[0]
            else:
                published = published or line.stamps[0]
    for line in lines[:start]:
        if line.kind == META and line.why in ("dateline", "byline") and line.stamps:
            first, later = _split_update(line)
            published = published or first
            updated = updated or later
    first, last = _iso_dump(lines[:start])
    published = published or first
    if updated is None and last is not None and published is not None and (last.iso() or "") > (published.iso() or ""):
        updated = last
    return published, updated


def _split_update(line: Line) -> tuple[Stamp | None, Stamp | None]:
    """A dateline's first full date, and the date an update label ('Updated:') stands before, if any."""
    full = [s for s in line.stamps if s.day and not s.partial]
    if not full:
        return None, None
    updated = next((s for s in full[1:] if _labelled_update(line.text, s)), None)
    first = full[0] if not _labelled_update(line.text, full[0]) else None
    return first, updated or (full[0] if first is None else None)


def _labelled_update(text: str, stamp: Stamp) -> bool:
    """True when an update label ('Updated', 'last modified') stands right before the stamp."""
    before = text[max(0, stamp.span[0] - 20) : stamp.span[0]].lower()
    return any(re.search(rf"\b{re.escape(label)}\b\W*$", before) for label in date_forms().updated_labels)


def _iso_dump(lines: list[Line]) -> tuple[Stamp | None, Stamp | None]:
    """Earliest and (if later) latest of the ISO date-times standing alone on header lines (a meta-tag dump)."""
    stamps = [l.stamps[0] for l in lines if l.kind == META and l.why == "dateline" and len(l.stamps) == 1 and l.stamps[0].clock]
    if not stamps:
        return None, None
    ordered = sorted(stamps, key=lambda s: s.iso() or "")
    return ordered[0], (ordered[-1] if ordered[-1].iso() != ordered[0].iso() else None)


def signature_date(lines: list[Line], start: int) -> str | None:
    """The date on the outlet's site-name stamp of a header image caption (not one followed by a teaser)."""
    for i, line in enumerate(lines[:start]):
        follows_teaser = i + 1 < len(lines) and lines[i + 1].why == "teaser"
        if line.signature_date and line.kind == CHROME and not follows_teaser:
            return line.signature_date
    return None


def doc_zone(lines: list[Line]) -> tzinfo | None:
    """The time zone the scrape's datelines are written in, when any names one."""
    for line in lines:
        for stamp in line.stamps:
            if stamp.zone is not None:
                return stamp.zone
    return None


def scrape_author(lines: list[Line], start: int, outlet: str | None, title: str | None) -> str | None:
    """The author from a header byline, else a person's name the header dump repeats beside an image URL."""
    for line in lines[:start]:
        if line.kind == META and line.why == "byline":
            name = byline_name(line.text)
            if name:
                return name
    names: dict[str, int] = {}
    for i, line in enumerate(lines[:start]):
        text = line.text.strip()
        if line.kind == TEXT and looks_like_name(text) and text not in (outlet, title) and _beside_image(lines, i):
            names[text] = names.get(text, 0) + 1
    repeated = [n for n, count in names.items() if count >= 2]
    return repeated[0] if repeated else None


def _beside_image(lines: list[Line], i: int) -> bool:
    """True when an image URL stands right before or after position i (an author's picture in a meta dump)."""
    near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(l.why == "artifact" and l.text.lower().startswith("http") for l in near)


def scrape_tags(lines: list[Line], start: int) -> list[str]:
    """Tags: a header line of lower-case comma-separated items, or the short lines under a 'Tags' label."""
    for line in lines[:start]:
        items = [t.strip() for t in line.text.split(",")]
        if line.kind == TEXT and len(items) >= 2 and line.text == line.text.lower() and all(chrome_rules().shape("tag_item").match(t) and word_count(t) <= 4 for t in items):
            return list(dict.fromkeys(items))
    for i, line in enumerate(lines):
        if line.why == "tag_label":
            return _tags_under(lines, i)
    return []


def _tags_under(lines: list[Line], i: int) -> list[str]:
    """The short lines right under a tag label, up to the first line that is not a tag."""
    tags: list[str] = []
    for line in lines[i + 1 : i + 21]:
        if line.kind != TEXT or word_count(line.text) > 4 or not chrome_rules().shape("tag_item").match(line.text):
            break
        tags.append(line.text)
    return list(dict.fromkeys(tags))


def locale_language(lines: list[Line]) -> str | None:
    """A language code from a locale line left by a meta dump ('en_EN' -> 'en')."""
    for line in lines:
        match = chrome_rules().shape("locale").match(line.text) if line.why == "artifact" else None
        if match:
            return match.group(1).lower()
    return None
