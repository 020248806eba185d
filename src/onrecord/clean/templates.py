"""Per-outlet templates learned from the corpus: a line (or a line's ' - '/' | ' segment) that recurs across many
articles of one outlet is that outlet's chrome, not news.

    templates = OutletTemplates()
    for doc in corpus: templates.observe(outlet, lines)       # learn, incrementally
    templates.is_chrome("Sputnik International", "Stay tuned for updates")  # -> True once learned
    state = templates.to_state()   # JSON-serialisable; OutletTemplates.from_state(state) restores it

What counts as a template line (defaults, all settable):

* it was seen in at least ``min_docs`` (3) distinct articles of the outlet — two articles can share a
  paragraph by chance (a follow-up story, a background box), three rarely do;
* and in at least ``min_fraction`` (5%) of the outlet's articles seen so far, so that in a large corpus a
  paragraph repeated in a handful of related stories (a Wikinews interview series repeats its questions in 5
  of 295 articles) stays news, while slogans, menus, prompts and footers (seen in most pages) go.

Lines are normalised before counting (lower case, digits folded to 0, punctuation and spaces folded), so
"10:03 GMT 10.03.2022" and "08:54 GMT 02.02.2023" are one shape. An article is counted once per line, and an
article whose longest line was already seen (the same story ingested twice) is not counted again.

Memory is capped with lossy counting (Manku & Motwani): every ``bucket`` articles of an outlet, lines whose
count cannot reach ``min_fraction`` any more are pruned, so an outlet keeps O(1/epsilon) line shapes rather
than every line it ever printed; ``max_lines`` is a hard cap on top. Counts are of 16-hex-digit hashes of
the normalised lines, never of the text itself.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .text_patterns import chrome_rules

STATE_VERSION = 1
SEGMENT_REST_WORDS = 12  # a line longer than this beside a template segment is prose, not a caption
_DIGITS = re.compile(r"\d")
_NON_WORD = re.compile(r"[^\w]+")


def line_key(line: str) -> str | None:
    """The normalised shape of a line, hashed (None for a line with no letters or digits)."""
    text = unicodedata.normalize("NFKC", line).lower()
    text = _NON_WORD.sub(" ", _DIGITS.sub("0", text)).strip()
    if not text:
        return None
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _words(text: str) -> int:
    """Number of words in a text."""
    return len(re.findall(r"\w+", text))


def segments(line: str) -> list[str]:
    """The parts of a line separated by ' - ', ' | ', ' / ', ' • ' (only when it has more than one)."""
    parts = [p.strip() for p in chrome_rules().shape("segment_split").split(line) if p and p.strip()]
    return parts if len(parts) > 1 else []


@dataclass
class _OutletCounts:
    """One outlet's article count, its line-shape counts ([count, max_error]) and the articles it has seen."""

    docs: int = 0
    lines: dict[str, list[int]] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)  # longest-line key -> article number (duplicate guard)


class OutletTemplates:
    """Line shapes that recur across an outlet's articles, learned incrementally; JSON-serialisable state."""

    def __init__(
        self,
        min_docs: int = 3,
        min_fraction: float = 0.05,
        bucket: int | None = None,
        max_lines: int = 50_000,
        max_seen: int = 20_000,
    ) -> None:
        if min_docs < 2:
            raise ValueError("min_docs must be at least 2: a line seen in one article is that article's own")
        if not 0 < min_fraction <= 1:
            raise ValueError("min_fraction must be in (0, 1]")
        self.min_docs = min_docs
        self.min_fraction = min_fraction
        self.bucket = bucket or max(10, math.ceil(2 / min_fraction))  # epsilon = min_fraction / 2
        self.max_lines = max_lines
        self.max_seen = max_seen
        self._outlets: dict[str, _OutletCounts] = {}

    def observe(self, outlet: str | None, lines: list[str]) -> None:
        """Count the distinct line shapes (and segment shapes) of one article of ``outlet``; None is ignored."""
        if not outlet:
            return
        counts = self._outlets.setdefault(outlet, _OutletCounts())
        if self._is_repeat(counts, lines):
            return
        counts.docs += 1
        first_bucket = (counts.docs - 1) // self.bucket
        for key in self._keys(lines):
            entry = counts.lines.get(key)
            if entry is None:
                counts.lines[key] = [1, first_bucket]
            else:
                entry[0] += 1
        if counts.docs % self.bucket == 0 or len(counts.lines) > self.max_lines:
            self._prune(counts)

    def is_chrome(self, outlet: str | None, line: str) -> bool:
        """True when the line is a learned template of the outlet, or a short line (a caption, a label) that
        starts or ends with a learned template segment such as a site-name stamp."""
        counts = self._outlets.get(outlet or "")
        if counts is None:
            return False
        if self._frequent(counts, line_key(line)):
            return True
        parts = segments(line)
        if not parts:
            return False
        for edge, rest in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
            if self._frequent(counts, "s" + (line_key(edge) or "")) and _words(" ".join(rest)) <= SEGMENT_REST_WORDS:
                return True
        return False

    def articles(self, outlet: str | None) -> int:
        """How many distinct articles of the outlet have been observed."""
        counts = self._outlets.get(outlet or "")
        return counts.docs if counts else 0

    def size(self) -> int:
        """How many line shapes are held, over all outlets."""
        return sum(len(c.lines) for c in self._outlets.values())

    def to_state(self) -> dict[str, Any]:
        """Everything learned, as plain JSON-serialisable data."""
        return {
            "version": STATE_VERSION,
            "settings": {
                "min_docs": self.min_docs,
                "min_fraction": self.min_fraction,
                "bucket": self.bucket,
                "max_lines": self.max_lines,
                "max_seen": self.max_seen,
            },
            "outlets": {
                name: {"docs": c.docs, "lines": c.lines, "seen": c.seen} for name, c in sorted(self._outlets.items())
            },
        }

    @classmethod
    def from_state(cls, d: dict[str, Any] | None) -> OutletTemplates:
        """Templates restored from ``to_state()`` output (an empty or None state gives fresh templates)."""
        if not d:
            return cls()
        if d.get("version") != STATE_VERSION:
            raise ValueError(f"outlet templates state version {d.get('version')!r} is not {STATE_VERSION}; relearn by re-ingesting")
        templates = cls(**d.get("settings", {}))
        for name, c in d.get("outlets", {}).items():
            lines = {k: [int(v[0]), int(v[1])] for k, v in c.get("lines", {}).items()}
            templates._outlets[name] = _OutletCounts(int(c.get("docs", 0)), lines, dict(c.get("seen", {})))
        return templates

    def _frequent(self, counts: _OutletCounts, key: str | None) -> bool:
        """True when a line shape was seen in enough articles, absolutely and as a share of the outlet's."""
        entry = counts.lines.get(key or "")
        if entry is None or counts.docs == 0:
            return False
        return entry[0] >= self.min_docs and entry[0] >= self.min_fraction * counts.docs

    def _keys(self, lines: list[str]) -> set[str]:
        """Distinct keys of an article: its line shapes, and 's'-prefixed shapes of line segments."""
        keys: set[str] = set()
        for line in lines:
            key = line_key(line)
            if key:
                keys.add(key)
            for part in segments(line):
                part_key = line_key(part)
                if part_key:
                    keys.add("s" + part_key)
        return keys

    def _is_repeat(self, counts: _OutletCounts, lines: list[str]) -> bool:
        """True when an article with the same longest line (or, without a long line, the same lines) was observed
        before; remember this one."""
        longest = max(lines, key=len, default="")
        fingerprint = " ".join(longest.split()) if len(longest) >= 80 else "\n".join(" ".join(l.split()) for l in lines)
        key = hashlib.blake2b(fingerprint.encode("utf-8"), digest_size=8).hexdigest()
        if key in counts.seen:
            return True
        counts.seen[key] = counts.docs
        if len(counts.seen) > self.max_seen:
            oldest = sorted(counts.seen, key=counts.seen.__getitem__)[: len(counts.seen) - self.max_seen]
            for k in oldest:
                del counts.seen[k]
        return False

    def _prune(self, counts: _OutletCounts) -> None:
        """Lossy counting: drop shapes whose count plus maximal undercount is at most the current bucket number."""
        current = counts.docs // self.bucket
        counts.lines = {k: v for k, v in counts.lines.items() if v[0] + v[1] > current}
        if len(counts.lines) > self.max_lines:
            keep = sorted(counts.lines.items(), key=lambda kv: kv[1][0], reverse=True)[: self.max_lines]
            counts.lines = dict(keep)
