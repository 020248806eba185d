"""Small sparse vectors over hashed term ids (sorted ids + float32 values), weighted by idf when compared."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class Idf:
    """Inverse document frequencies read off a document-frequency table on demand: ``idf[ids]``."""

    __slots__ = ("df", "n")

    def __init__(self, df: np.ndarray, n: int) -> None:
        self.df = df
        self.n = n

    def __getitem__(self, ids: np.ndarray) -> np.ndarray:
        return (np.log((self.n + 1.0) / (self.df[ids] + 1.0)) + 1.0).astype(np.float32)


@dataclass(slots=True)
class Sparse:
    """A sparse vector: sorted unique int64 ids and their float32 values."""

    ids: np.ndarray
    vals: np.ndarray

    @classmethod
    def empty(cls) -> Sparse:
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))

    @classmethod
    def from_counts(cls, counts: dict[int, float]) -> Sparse:
        """Sublinear term frequencies (1 + ln count) from a count per id."""
        ids = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        vals = np.array([counts[int(i)] for i in ids], dtype=np.float32)
        return cls(ids, (1.0 + np.log(np.maximum(vals, 1.0))).astype(np.float32))

    @property
    def size(self) -> int:
        return int(self.ids.size)

    def weighted(self, idf: Idf) -> np.ndarray:
        """Values times idf of each id."""
        return self.vals * idf[self.ids]

    def unit(self) -> Sparse:
        """The same direction with Euclidean length 1 (raw values, no idf)."""
        n = float(np.linalg.norm(self.vals))
        return Sparse(self.ids, (self.vals / n).astype(np.float32) if n > 0 else self.vals)

    def plus(self, other: Sparse) -> Sparse:
        """Element-wise sum."""
        if not self.size:
            return Sparse(other.ids.copy(), other.vals.copy())
        ids, inverse = np.unique(np.concatenate([self.ids, other.ids]), return_inverse=True)
        vals = np.zeros(ids.size, dtype=np.float32)
        np.add.at(vals, inverse, np.concatenate([self.vals, other.vals]))
        return Sparse(ids.astype(np.int64), vals)

    def top(self, k: int, idf: Idf) -> Sparse:
        """Only the k ids weighing most after idf (ties by id), still sorted by id."""
        if self.size <= k:
            return self
        w = self.weighted(idf)
        keep = np.sort(np.lexsort((self.ids, -w))[:k])
        return Sparse(self.ids[keep], self.vals[keep])


@dataclass(slots=True)
class Weighted:
    """A sparse vector with idf applied, its length, and its heaviest ids: one side of many comparisons."""

    ids: np.ndarray
    w: np.ndarray
    norm: float

    @classmethod
    def of(cls, v: Sparse, idf: Idf) -> Weighted:
        w = v.weighted(idf)
        return cls(v.ids, w, float(np.linalg.norm(w)))

    def heaviest(self, k: int) -> Weighted:
        """Only the k heaviest entries (ties by id), sorted by id."""
        if self.ids.size <= k:
            return self
        keep = np.sort(np.lexsort((self.ids, -self.w))[:k])
        return Weighted(self.ids[keep], self.w[keep], float(np.linalg.norm(self.w[keep])))


def _matches(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in a and in b of the ids both hold (both sorted, unique)."""
    if not a.size or not b.size:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pos = np.searchsorted(b, a)
    pos[pos == b.size] = 0
    hit = b[pos] == a
    return np.flatnonzero(hit), pos[hit]


def cosine(a: Weighted, b: Weighted) -> float:
    """Cosine of two idf-weighted vectors (0 when either is empty)."""
    if a.norm == 0 or b.norm == 0:
        return 0.0
    ia, ib = _matches(a.ids, b.ids)
    return float(np.dot(a.w[ia], b.w[ib])) / (a.norm * b.norm)


def coverage(top: Weighted, b: Sparse) -> float:
    """Share of the weight of ``top`` (an article's heaviest keys) whose ids b holds at all (1 when top is empty)."""
    total = float(top.w.sum())
    if total <= 0:
        return 1.0
    ia, _ = _matches(top.ids, b.ids)
    return float(top.w[ia].sum()) / total
