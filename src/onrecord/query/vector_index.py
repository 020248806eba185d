"""An in-memory nearest-neighbour index over unit vectors keyed by quote id: exact, or IVF for large corpora.

IVF (inverted file): spherical k-means puts every vector in one of ~sqrt(N) lists; a query scores the centroids,
then only the vectors of the ``nprobe`` closest lists. Vectors are stored grouped by list, so probing is a few
contiguous slices and one matrix product. Below ``IVF_MIN`` vectors the scan is exact (a few milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

IVF_MIN = 50_000
NPROBE = 32
KMEANS_ITERATIONS = 8
KMEANS_SAMPLE = 64  # training points per list
CHUNK = 65_536


def dot(vecs: np.ndarray, query: np.ndarray) -> np.ndarray:
    """vecs @ query on one thread (einsum, not BLAS: a multi-threaded BLAS matrix-vector product on a busy machine
    is up to 20x slower, and a server answers many queries at once anyway)."""
    return np.einsum("ij,j->i", vecs, query)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first."""
    if k >= len(scores):
        return np.argsort(-scores, kind="stable")
    part = np.argpartition(-scores, k)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


def assign(vecs: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """The closest centroid (by dot product) of every vector, computed in chunks."""
    out = np.empty(len(vecs), dtype=np.int32)
    for i in range(0, len(vecs), CHUNK):
        out[i : i + CHUNK] = np.argmax(vecs[i : i + CHUNK] @ centroids.T, axis=1)
    return out


def kmeans(vecs: np.ndarray, nlist: int, *, seed: int = 0) -> np.ndarray:
    """Spherical k-means centroids (unit rows) trained on a sample of the vectors."""
    rng = np.random.default_rng(seed)
    n = len(vecs)
    sample = vecs[np.sort(rng.choice(n, size=min(n, nlist * KMEANS_SAMPLE), replace=False))]
    centroids = sample[rng.choice(len(sample), size=nlist, replace=False)].copy()
    for _ in range(KMEANS_ITERATIONS):
        labels = assign(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, labels, sample)
        counts = np.bincount(labels, minlength=nlist)
        empty = counts == 0
        sums[empty] = sample[rng.choice(len(sample), size=int(empty.sum()), replace=False)]
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        centroids = (sums / norms).astype(np.float32)
    return centroids


@dataclass
class VectorIndex:
    """Unit vectors with their ids; ``offsets[i]:offsets[i+1]`` is IVF list i (one list when exact)."""

    ids: np.ndarray  # (n,) str, in list order
    vecs: np.ndarray  # (n, d) float32, in list order
    centroids: np.ndarray | None = None  # (nlist, d) or None for an exact index
    offsets: np.ndarray | None = None  # (nlist + 1,)

    def __post_init__(self) -> None:
        self._order = np.argsort(self.ids, kind="stable")
        self._sorted = self.ids[self._order]

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def dims(self) -> int:
        return int(self.vecs.shape[1]) if self.vecs.ndim == 2 else 0

    @classmethod
    def build(cls, ids: np.ndarray, vecs: np.ndarray, *, centroids: np.ndarray | None = None,
              ivf_min: int = IVF_MIN, seed: int = 0) -> VectorIndex:
        """Group vectors into IVF lists (training centroids unless given) or keep them as one exact list."""
        ids = np.asarray(ids)
        vecs = np.ascontiguousarray(vecs, dtype=np.float32)
        if len(ids) < ivf_min:
            return cls(ids, vecs)
        if centroids is None:
            centroids = kmeans(vecs, max(16, int(np.sqrt(len(ids)))), seed=seed)
        labels = assign(vecs, centroids)
        order = np.argsort(labels, kind="stable")
        offsets = np.concatenate([[0], np.cumsum(np.bincount(labels, minlength=len(centroids)))]).astype(np.int64)
        return cls(ids[order], np.ascontiguousarray(vecs[order]), centroids, offsets)

    def positions(self, ids: np.ndarray | list[str]) -> np.ndarray:
        """Row positions of the given ids (ids not in the index are left out)."""
        ids = np.asarray(ids, dtype=str)
        if not len(self._sorted) or not len(ids):
            return np.asarray([], dtype=np.int64)
        at = np.clip(np.searchsorted(self._sorted, ids), 0, len(self._sorted) - 1)
        found = self._sorted[at] == ids
        return self._order[at[found]]

    def _probe(self, query: np.ndarray, nprobe: int) -> tuple[np.ndarray, np.ndarray]:
        """Row positions of the lists closest to the query, and their scores (every row for an exact index)."""
        if self.centroids is None or self.offsets is None:
            return np.arange(len(self.ids)), dot(self.vecs, query)
        lists = _top(dot(self.centroids, query), min(nprobe, len(self.centroids)))
        spans = [(int(self.offsets[i]), int(self.offsets[i + 1])) for i in lists]
        rows = np.concatenate([np.arange(a, b) for a, b in spans])
        scores = np.concatenate([dot(self.vecs[a:b], query) for a, b in spans])
        return rows, scores

    def search(self, query: np.ndarray, k: int, *, nprobe: int = NPROBE,
               subset: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The k nearest (id, cosine similarity), best first; ``subset`` (row positions) makes the scan exact over it."""
        if not len(self.ids) or k <= 0:
            return []
        query = np.asarray(query, dtype=np.float32).reshape(-1)
        if subset is not None:
            rows = np.asarray(subset, dtype=np.int64)
            scores = dot(self.vecs[rows], query)
        else:
            rows, scores = self._probe(query, nprobe)
        if not len(rows):
            return []
        best = _top(scores, k)
        return [(str(self.ids[p]), float(scores[b])) for p, b in zip(rows[best], best)]
