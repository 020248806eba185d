"""Exact and near-duplicate articles (wire copies, re-posts with new chrome): MinHash LSH over word shingles.

Only first-seen copies are indexed, so ``duplicate_of`` always names the earliest-seen copy. The index is
bounded: entries older than ``window_days`` (by published date) or beyond ``max_entries`` (by arrival) leave it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from .packing import pack, unpack
from .settings import DedupeSettings

WORD = re.compile(r"\w+")
SEED = 1


def words(text: str) -> list[str]:
    """Lowercased word tokens: punctuation, case and spacing never make two copies differ."""
    return WORD.findall(text.lower())


def exact_key(text: str) -> str:
    """A digest of the normalised words: identical for copies that differ only in spacing, case or punctuation."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()[:20]


def shingles(tokens: list[str], k: int) -> np.ndarray:
    """The distinct k-word shingles, each as a stable 32-bit hash (sorted)."""
    if len(tokens) < k:
        return np.zeros(0, dtype=np.uint64)
    h = np.array([zlib.crc32(t.encode("utf-8")) for t in tokens], dtype=np.uint64)
    n = len(tokens) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # polynomial mix of the k word hashes (uint64 arithmetic wraps)
        acc = acc * np.uint64(0x9E3779B97F4A7C15) + h[j:j + n]
    return np.unique((acc >> np.uint64(32)) ^ (acc & np.uint64(0xFFFFFFFF)))


def _identity(value: int) -> int:
    """Shingles arrive already hashed to 32 bits."""
    return value


@dataclass(slots=True)
class Original:
    """A first-seen article kept for comparison."""

    article_id: str
    story_id: str | None
    day: int | None
    seq: int
    exact: str
    signature: np.ndarray | None  # uint32 MinHash values; None for texts too short to shingle


class DuplicateIndex:
    """First-seen articles by exact key and by MinHash LSH; answers "is this a copy of one of them?"."""

    def __init__(self, settings: DedupeSettings) -> None:
        self.settings = settings
        self.entries: dict[str, Original] = {}  # article_id -> entry, in arrival order
        self.by_exact: dict[str, str] = {}
        self.lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.num_perm)
        self.permutations = MinHash(num_perm=settings.num_perm, seed=SEED).permutations  # computed once

    def signature(self, text: str) -> np.ndarray | None:
        """MinHash values of the text's shingles (None when it has too few to compare)."""
        sh = shingles(words(text), self.settings.shingle_words)
        if sh.size < self.settings.min_shingles:
            return None
        mh = MinHash(num_perm=self.settings.num_perm, seed=SEED, hashfunc=_identity, permutations=self.permutations,
                     scheme="affine32")
        mh.update_batch(sh.tolist())
        return np.asarray(mh.hashvalues, dtype=np.uint32)

    def _minhash(self, sig: np.ndarray) -> MinHash:
        return MinHash(seed=SEED, hashvalues=sig, permutations=self.permutations, scheme="affine32")

    def _in_window(self, a: int | None, b: int | None) -> bool:
        return a is None or b is None or abs(a - b) <= self.settings.window_days

    def find(self, exact: str, sig: np.ndarray | None, day: int | None) -> str | None:
        """The article_id of the earliest-seen copy this text duplicates, or None."""
        hit = self.by_exact.get(exact)
        if hit is not None and self._in_window(self.entries[hit].day, day):
            return hit
        if sig is None or not self.entries:
            return None
        best: tuple[float, int, str] | None = None
        for key in self.lsh.query(self._minhash(sig)):
            e = self.entries[key]
            if e.signature is None or not self._in_window(e.day, day):
                continue
            jaccard = float(np.mean(e.signature == sig))
            if jaccard >= self.settings.threshold and (best is None or (jaccard, -e.seq) > best[:2]):
                best = (jaccard, -e.seq, key)
        return best[2] if best else None

    def add(self, article_id: str, story_id: str | None, exact: str, sig: np.ndarray | None, day: int | None,
            seq: int) -> None:
        """Index a first-seen article."""
        if article_id in self.entries:
            return
        self.entries[article_id] = Original(article_id, story_id, day, seq, exact, sig)
        self.by_exact.setdefault(exact, article_id)
        if sig is not None:
            self.lsh.insert(article_id, self._minhash(sig), check_duplication=False)
        while len(self.entries) > self.settings.max_entries:
            self._remove(next(iter(self.entries)))

    def _remove(self, article_id: str) -> None:
        e = self.entries.pop(article_id)
        if self.by_exact.get(e.exact) == article_id:
            del self.by_exact[e.exact]
        if e.signature is not None:
            self.lsh.remove(article_id)

    def evict(self, clock_day: int | None) -> None:
        """Drop entries published more than window_days before the latest date seen."""
        if clock_day is None:
            return
        old = [k for k, e in self.entries.items() if e.day is not None and clock_day - e.day > self.settings.window_days]
        for k in old:
            self._remove(k)

    def to_state(self) -> dict[str, Any]:
        """JSON-able state: entries in arrival order, signatures packed in one array."""
        items = list(self.entries.values())
        sigs = [e.signature for e in items if e.signature is not None]
        return {
            "ids": [e.article_id for e in items], "stories": [e.story_id for e in items], "days": [e.day for e in items], "seqs": [e.seq for e in items],
            "exact": [e.exact for e in items], "has_sig": [e.signature is not None for e in items],
            "sigs": pack(np.vstack(sigs) if sigs else np.zeros((0, self.settings.num_perm), dtype=np.uint32)),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: DedupeSettings) -> DuplicateIndex:
        """The index ``to_state`` saved."""
        index = cls(settings)
        sigs = iter(unpack(state["sigs"]))
        for aid, sid, day, seq, exact, has in zip(state["ids"], state["stories"], state["days"], state["seqs"],
                                                  state["exact"], state["has_sig"], strict=True):
            index.add(aid, sid, exact, next(sigs) if has else None, day, seq)
        return index
