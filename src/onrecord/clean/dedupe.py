"""Repeated blocks: each paragraph once, the fuller copy kept.

Scrapes repeat text: a header holds the description and a condensed copy of the body glued into one line,
the description reappears truncated with '...', a pull quote repeats a sentence. A line is a repeat when
every sentence of it (of at least ``MIN_WORDS`` words) is found in other lines that stay:

1. a line glued from several others (its sentences spread over two or more other lines) goes first;
2. then a line whose sentences all stand in one other, longer line (a partial or truncated copy);
3. then exact copies, the first one kept.
"""

from __future__ import annotations

import re
import unicodedata

from .lines import CHROME, TEXT, Line, fold_key
from .text_patterns import chrome_rules
from .textdates import find_stamps

MIN_WORDS = 4
STAMP_MAX_WORDS = 10  # a date stamp with a site name is never longer
EXACT_MIN_WORDS = 5  # shorter exact copies ("Yeah." answers in an interview) are not repeats
_NON_WORD = re.compile(r"[^\w]+")


def sentences(text: str) -> list[str]:
    """The sentences of a line (split after . ! ? … when a capital follows, with or without a space)."""
    out, last = [], 0
    for match in chrome_rules().shape("sentence_boundary").finditer(text):
        out.append(text[last : match.end(1)])
        last = match.end()
    out.append(text[last:])
    return [s.strip() for s in out if s.strip()]


def sentence_key(sentence: str) -> str:
    """A comparison key: NFKC, lower case, letters and digits separated by single spaces."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", sentence).lower()).strip()


def _keys(line: Line) -> list[tuple[str, bool]]:
    """(key, is_prefix) for each sentence long enough to compare; a sentence cut off with '...' is a prefix.

    Date stamps with a word or two ('14.06.2021, Site Name' after a truncated description) are not sentences.
    """
    out = []
    for part in sentences(line.text):
        key = sentence_key(part)
        words = key.split()
        if len(words) < MIN_WORDS or _is_stamp(part, words):
            continue
        out.append((key, bool(chrome_rules().shape("truncated").search(part))))
    return out


def _is_stamp(part: str, words: list[str]) -> bool:
    """True for a date with at most a few words beside it."""
    if len(words) > STAMP_MAX_WORDS:
        return False
    stamps = find_stamps(part)
    return bool(stamps) and len(words) - sum(len(sentence_key(part[s.span[0] : s.span[1]]).split()) for s in stamps) <= 3


def drop_repeats(lines: list[Line], exact: bool = True) -> None:
    """Mark repeated text lines as chrome ('repeat'), keeping the fuller copy of each paragraph.

    ``exact=False`` leaves exact copies alone (the cleaner runs that before it knows where the body starts,
    and drops exact copies once the header and menus are gone, so the copy in the body is the one kept).
    """
    kept = [l for l in lines if l.kind == TEXT]
    index = _Index(kept)
    for line in sorted(kept, key=lambda l: len(l.text), reverse=True):
        cover = index.cover(line)
        if cover is not None and len(cover) >= 2:
            index.drop(line)
    for line in sorted(index.alive(), key=lambda l: len(l.text)):
        cover = index.cover(line)
        if cover and len(cover) == 1 and _content(index.keys[id(cover[0])]) > _content(index.keys[id(line)]):
            index.drop(line)
    seen: set[str] = set()
    for line in index.alive() if exact else []:
        key = fold_key(line.text)
        if len(key.split()) >= EXACT_MIN_WORDS and key in seen:
            index.drop(line)
        seen.add(key)


class _Index:
    """The kept lines, their sentence keys, and which kept lines hold each key."""

    def __init__(self, kept: list[Line]) -> None:
        self.order = {id(l): n for n, l in enumerate(kept)}
        self.lines = {id(l): l for l in kept}
        self.keys = {id(l): _keys(l) for l in kept}
        self.holders: dict[str, list[int]] = {}
        for line in kept:
            for key, _ in self.keys[id(line)]:
                self.holders.setdefault(key, []).append(id(line))
        self.all_keys = sorted(self.holders)

    def alive(self) -> list[Line]:
        """The lines not dropped, in text order."""
        return sorted(self.lines.values(), key=lambda l: self.order[id(l)])

    def drop(self, line: Line) -> None:
        """Mark one line as a repeat and forget it as a holder of sentences."""
        line.drop(CHROME, "repeat")
        del self.lines[id(line)]

    def cover(self, line: Line) -> list[Line] | None:
        """The other kept lines that together hold every sentence of ``line``; None when some sentence is its own."""
        own = self.keys[id(line)]
        if not own:
            return None
        cover: list[Line] = []
        for key, is_prefix in own:
            holder = self._holder(key, is_prefix, id(line))
            if holder is None:
                return None
            if holder not in cover:
                cover.append(holder)
        return cover

    def _holder(self, key: str, is_prefix: bool, own: int) -> Line | None:
        """The first other live line holding the sentence (or, when cut off with '...', one starting with it)."""
        candidates = [k for k in self.all_keys if k.startswith(key)] if is_prefix else [key]
        for k in candidates:
            for holder in self.holders.get(k, []):
                if holder != own and holder in self.lines and not (k != key and self._is_own_prefix(holder, k)):
                    return self.lines[holder]
        return None

    def _is_own_prefix(self, holder: int, key: str) -> bool:
        """True when the holder only has ``key`` as a cut-off sentence itself (two truncated copies)."""
        return all(p for k, p in self.keys[holder] if k == key)


def _content(keys: list[tuple[str, bool]]) -> int:
    """How much comparable text a line holds (characters of its sentence keys)."""
    return sum(len(k) for k, _ in keys)


def drop_exact_repeats(text: str, min_chars: int = 40) -> str:
    """The text without later exact copies of a line at least ``min_chars`` long (the HTML path's only cleanup)."""
    seen: set[str] = set()
    out = []
    for line in text.split("\n"):
        key = fold_key(line)
        if len(key) >= min_chars and key in seen:
            continue
        seen.add(key)
        out.append(line)
    return "\n".join(out)
