"""The date a page shows its reader beside the headline ("By Jane Doe | Updated December 26, 2023 10:48 AM").

Only visible text counts (no scripts, hidden elements or closed <details>), captions and credits are skipped,
and a date labelled "published" beats one labelled "updated". ``html_dates.choose_published`` decides whether
to trust it (a declared date must confirm it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .html_page import PageFacts, fold_space
from .html_patterns import (
    DATE_CAPTION_MARKS,
    DATE_HEADLINE_MIN_SHARED,
    DATE_HEADLINE_OVERLAP,
    DATE_SHOWN_AFTER,
    DATE_SHOWN_BEFORE,
    DATE_SHOWN_MAX_WORDS,
    DATE_SKIP_TAGS,
)
from .text_patterns import date_forms
from .textdates import Stamp, find_stamps


@dataclass(frozen=True, slots=True)
class _Run:
    """A piece of visible text: where it starts in the page's text, the text, the element holding it."""

    start: int
    text: str
    element: Any


@dataclass(frozen=True, slots=True)
class Shown:
    """A date printed near the headline: what it says, the element holding its text, the label before it."""

    stamp: Stamp
    element: Any
    label: str | None  # "published", "updated" or None


def shown_date(facts: PageFacts) -> Shown | None:
    """The full date (with its year) the page prints next to its headline: the first one after it (before it
    when none follows), a date labelled as the publication date winning over one labelled as an update.

    Only short lines count (a byline or date line, not a sentence of the text), outside photo captions; None
    when the page has no headline or no such date.
    """
    tree = facts.tree
    headline = _headline(facts)
    if tree is None or headline is None:
        return None
    runs = _visible_runs(tree)
    inside = set(headline.iter())
    marks = [i for i, run in enumerate(runs) if run.element in inside]
    if not marks:
        return None
    first, last = runs[marks[0]], runs[marks[-1]]
    end = last.start + len(last.text)
    after = [i for i in range(marks[-1] + 1, len(runs)) if runs[i].start - end <= DATE_SHOWN_AFTER]
    before = [i for i in range(marks[0] - 1, -1, -1) if first.start - runs[i].start <= DATE_SHOWN_BEFORE]
    for order in (after, before):
        found = _dates_in(runs, order)
        if found:
            return next((f for f in found if f.label == "published"), found[0])
    return None


def _headline(facts: PageFacts) -> Any:
    """The heading that carries the title the page declares (og/twitter title, JSON-LD headline, <title>):
    the <h1> sharing most of its words with one, else such an <h2> (pages that keep <h1> for their logo),
    else the first <h1> with text; None when there is none."""
    if facts.tree is None:
        return None
    titles = [t for key in ("og:title", "twitter:title") for t in facts.meta.get(key, [])[:1]]
    titles += [str(o["headline"]) for o in facts.articles if isinstance(o.get("headline"), str)]
    titles += [facts.title_tag] if facts.title_tag else []
    best: dict[str, tuple[float, Any]] = {"h1": (0.0, None), "h2": (0.0, None)}
    fallback = None
    for el in facts.tree.iter("h1", "h2"):
        text = fold_space(el.text_content())
        if not text:
            continue
        if el.tag == "h1" and fallback is None:
            fallback = el
        score = max((_overlap(text, t) for t in titles), default=0.0)
        if score > best[el.tag][0]:
            best[el.tag] = (score, el)
    for tag in ("h1", "h2"):
        score, el = best[tag]
        if score >= DATE_HEADLINE_OVERLAP[tag]:
            return el
    return fallback


_WORD = re.compile(r"\w+")


def _overlap(a: str, b: str) -> float:
    """Shared words over the words of the shorter text (case-folded); 0 when they share fewer than
    DATE_HEADLINE_MIN_SHARED words and the shorter one has more (a logo's word in a long title is no match)."""
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not wa or not wb:
        return 0.0
    shared, shorter = len(wa & wb), min(len(wa), len(wb))
    return shared / shorter if shared >= min(DATE_HEADLINE_MIN_SHARED, shorter) else 0.0


def _visible_runs(tree: Any) -> list[_Run]:
    """The page's visible text pieces in reading order (scripts, styles, forms and hidden elements skipped)."""
    body = tree.find("body")
    root = body if body is not None else tree
    runs: list[_Run] = []
    pos = 0
    stack: list[tuple[bool, Any]] = [(False, root)]  # (is the tail of the element, element)
    while stack:
        is_tail, el = stack.pop()
        text, holder = (el.tail, el.getparent()) if is_tail else (el.text, el)
        if not is_tail:
            if el is not root:
                stack.append((True, el))
            if _hidden(el):
                continue
            stack.extend((False, child) for child in reversed(el))
        if text and text.strip() and holder is not None and not _folded(holder):
            runs.append(_Run(pos, text, holder))
            pos += len(text) + 1
    return runs


def _folded(el: Any) -> bool:
    """True for a closed <details>: text written directly in it (outside its <summary>) is not shown."""
    return el.tag == "details" and el.get("open") is None


def _hidden(el: Any) -> bool:
    """Elements whose text a reader does not see: scripts, styles, forms, hidden ones, and what a closed
    <details> folds away (all but its <summary>)."""
    if not isinstance(el.tag, str) or el.tag in DATE_SKIP_TAGS or el.get("hidden") is not None:
        return True
    parent = el.getparent()
    if parent is not None and _folded(parent) and el.tag != "summary":
        return True
    return "display:none" in (el.get("style") or "").replace(" ", "").lower()


def _dates_in(runs: list[_Run], order: list[int]) -> list[Shown]:
    """Full dates on short date lines among the runs at these indices, with the label written before each."""
    found: list[Shown] = []
    for i in order:
        run = runs[i]
        text = _YMD_SLASHED.sub(r"\1-\2-\3", run.text)  # same length: spans still index run.text
        stamps = [s for s in find_stamps(text) if s.day is not None and not s.partial]
        if not stamps or not _date_line(text, stamps) or _in_caption(run.element):
            continue
        lead = (runs[i - 1].text if i > 0 else "") + " " + text[: stamps[0].span[0]]
        found.append(Shown(stamps[0], run.element, _label(lead)))
    return found


_YMD_SLASHED = re.compile(r"\b(\d{4})/(\d{2})/(\d{2})\b")


def _date_line(text: str, stamps: list[Stamp]) -> bool:
    """A byline or date line rather than a sentence: few words besides the dates and times."""
    rest = text
    for stamp in sorted(stamps, key=lambda s: s.span, reverse=True):
        rest = rest[: stamp.span[0]] + " " + rest[stamp.span[1] :]
    return len(_WORD.findall(rest)) <= DATE_SHOWN_MAX_WORDS


def _in_caption(el: Any) -> bool:
    """True inside a <figure>/<figcaption> or an element whose class or id marks a caption or photo credit."""
    for node in [el, *el.iterancestors()]:
        if node.tag in ("figure", "figcaption"):
            return True
        if DATE_CAPTION_MARKS.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def _label(lead: str) -> str | None:
    """'published' or 'updated' when the text right before a date ends with such a label, else None."""
    forms = date_forms()
    tail = fold_space(lead)[-40:].lower()
    for kind, words in (("updated", forms.updated_labels), ("published", forms.published_labels)):
        if any(re.search(rf"\b{re.escape(w)}\b\W*(?:on\W*)?$", tail) for w in words):
            return kind
    return None
