"""Second thoughts on a young story: does it hold two events? (Average linkage over its members into two parts.)

An article joins a story on the evidence of that moment; two events of one kind (two earthquakes) can share so
many words that the first report of the second event joins the first. Once a few more reports of each have
come in, their members fall into two tight groups with little in between: the story is split in two.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

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


def two_parts(members: list[Member], idf: Idf, settings: StorySettings) -> list[int] | None:
    """Indices of the members to move out (the part not holding the first member), or None to keep the story whole."""
    n = len(members)
    if n < 2 * settings.split_min_part:
        return None
    sim = similarities(members, idf, settings)
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), t=2, criterion="maxclust")
    a = np.flatnonzero(labels == labels[0])
    b = np.flatnonzero(labels != labels[0])
    if min(a.size, b.size) < settings.split_min_part:
        return None

    def mean_within(idx: np.ndarray) -> float:
        block = sim[np.ix_(idx, idx)]
        return float((block.sum() - idx.size) / (idx.size * (idx.size - 1)))

    between = float(sim[np.ix_(a, b)].mean())
    if between >= settings.split_ratio * min(mean_within(a), mean_within(b)):
        return None
    return b.tolist()
