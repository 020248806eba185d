"""Second thoughts on a young story: does it hold two events? (A spectral two-way cut of its members.)

An article joins a story on the evidence of that moment; two events of one kind (two earthquakes) can share so
many words that the first report of the second event joins the first. Once a few more reports of each have
come in, their members fall into two tight groups with little in between: the story is split in two. The cut
is the normalised cut along the second eigenvector of the members' similarity graph: average linkage cut in two
tends to peel off one loose member instead of separating the two events.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .settings import StorySettings
from .sparse import Idf, Sparse, Weighted, cosine


@dataclass(slots=True)
class Member:
    """What a young story remembers of each article it holds (enough to split it and rebuild both parts)."""

    article_id: str
    title: str | None
    published: str | None
    day: int | None
    words: Sparse
    keys: Sparse
    vector: np.ndarray  # float16 unit embedding
    copies: list[str]  # later duplicates of this article, which follow it


def similarities(members: list[Member], idf: Idf, settings: StorySettings) -> np.ndarray:
    """Pairwise member similarity with the story score's word and key weights."""
    words = [Weighted.of(m.words, idf) for m in members]
    keys = [Weighted.of(m.keys, idf) for m in members]
    n = len(members)
    sim = np.ones((n, n), dtype=np.float64)
    for i in range(n):
        for j in range(i + 1, n):
            sim[i, j] = sim[j, i] = (settings.w_words * cosine(words[i], words[j])
                                     + settings.w_keys * cosine(keys[i], keys[j]))
    return sim


def bisect(sim: np.ndarray, min_part: int) -> np.ndarray | None:
    """The two-way cut of a similarity graph with the lowest normalised cut (spectral: the second eigenvector of
    the normalised affinity orders the members, the best cut along it is kept), as a boolean mask of one side;
    None when no cut leaves min_part members on each side. Unlike linkage it does not peel off one outlier."""
    n = sim.shape[0]
    w = np.clip(sim, 0.0, None)
    np.fill_diagonal(w, 0.0)
    degree = np.maximum(w.sum(axis=1), 1e-9)  # a member sharing nothing with the others still has a side
    if n < 2 * min_part:
        return None
    inv = 1.0 / np.sqrt(degree)
    _, vecs = np.linalg.eigh(inv[:, None] * w * inv[None, :])
    order = np.lexsort((np.arange(n), inv * vecs[:, -2]))
    # the cut between order[:k] and order[k:] for every k leaving min_part on each side; volumes by prefix sums
    w_sorted = w[np.ix_(order, order)]
    vol = np.cumsum(degree[order])
    total = vol[-1]
    best: tuple[float, int] | None = None
    for k in range(min_part, n - min_part + 1):
        cut = float(w_sorted[:k, k:].sum())
        ncut = cut / vol[k - 1] + cut / (total - vol[k - 1])
        if best is None or ncut < best[0] - 1e-12:
            best = (ncut, k)
    if best is None:
        return None
    mask = np.zeros(n, dtype=bool)
    mask[order[:best[1]]] = True
    return mask


def two_parts(members: list[Member], idf: Idf, settings: StorySettings) -> list[int] | None:
    """Indices of the members to move out (the part not holding the first member), or None to keep the story whole."""
    n = len(members)
    if n < 2 * settings.split_min_part:
        return None
    sim = similarities(members, idf, settings)
    mask = bisect(sim, settings.split_min_part)
    if mask is None:
        return None
    a = np.flatnonzero(mask == mask[0])
    b = np.flatnonzero(mask != mask[0])

    def mean_within(idx: np.ndarray) -> float:
        block = sim[np.ix_(idx, idx)]
        return float((block.sum() - idx.size) / (idx.size * (idx.size - 1)))

    between = float(sim[np.ix_(a, b)].mean())
    if between >= settings.split_ratio * min(mean_within(a), mean_within(b)):
        return None
    return b.tolist()
