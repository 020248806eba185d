"""The story index as JSON-able state: document frequencies, open stories, their profiles and young members."""

from __future__ import annotations

from typing import Any

import numpy as np

from .packing import pack, unpack
from .settings import StorySettings
from .sparse import Sparse
from .split import Member
from .stories import Active, StoryIndex


class _Arrays:
    """Sparse vectors and embeddings gathered into a few flat arrays (one base64 blob each)."""

    def __init__(self) -> None:
        self.ids: list[np.ndarray] = []
        self.vals: list[np.ndarray] = []
        self.vectors: list[np.ndarray] = []

    def add(self, v: Sparse) -> int:
        self.ids.append(v.ids)
        self.vals.append(v.vals)
        return v.size

    def packed(self, dim: int, vector_dtype: type) -> dict[str, Any]:
        def cat(parts: list[np.ndarray], dtype: type) -> dict[str, Any]:
            return pack(np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype))
        vectors = np.vstack(self.vectors).astype(vector_dtype) if self.vectors else np.zeros((0, dim), dtype=vector_dtype)
        return {"ids": cat(self.ids, np.int64), "vals": cat(self.vals, np.float32), "vectors": pack(vectors)}


class _Reader:
    """Reads back what ``_Arrays`` packed, in order."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.ids, self.vals, self.vectors = unpack(data["ids"]), unpack(data["vals"]), unpack(data["vectors"])
        self.at = 0
        self.row = 0

    def sparse(self, n: int) -> Sparse:
        v = Sparse(self.ids[self.at:self.at + n].copy(), self.vals[self.at:self.at + n].copy())
        self.at += n
        return v

    def vector(self) -> np.ndarray:
        self.row += 1
        return self.vectors[self.row - 1].copy()


def to_state(index: StoryIndex) -> dict[str, Any]:
    """Everything the index needs to continue exactly where it stopped."""
    dim = index.centroids.shape[1]
    nz = np.flatnonzero(index.df)
    stories, members = _Arrays(), _Arrays()
    items = []
    for st in index.active.values():
        d: dict[str, Any] = {"id": st.story_id, "title": st.title, "first": st.first_published,
                             "first_day": st.first_day, "last_day": st.last_day, "seq": st.seq,
                             "articles": st.article_ids, "n_words": stories.add(st.words),
                             "n_keys": stories.add(st.keys), "count": float(index.counts[st.slot]), "members": None}
        stories.vectors.append(index.centroids[st.slot])
        if st.members is not None:
            d["members"] = []
            for m in st.members:
                d["members"].append({"id": m.article_id, "title": m.title, "published": m.published, "day": m.day,
                                     "copies": m.copies, "n_words": members.add(m.words), "n_keys": members.add(m.keys)})
                members.vectors.append(m.vector)
        items.append(d)
    return {"n_docs": index.n_docs, "df_ids": pack(nz.astype(np.int32)), "df_counts": pack(index.df[nz]),
            "vec_sum": pack(index.vec_sum), "stories": items, "story_arrays": stories.packed(dim, np.float32),
            "member_arrays": members.packed(dim, np.float16)}


def from_state(state: dict[str, Any], settings: StorySettings, hash_bits: int, dim: int) -> StoryIndex:
    """The index ``to_state`` saved (stories re-slotted in order; decisions are unchanged)."""
    index = StoryIndex(settings, hash_bits, dim)
    index.n_docs = int(state["n_docs"])
    index.df[unpack(state["df_ids"]).astype(np.int64)] = unpack(state["df_counts"])
    index.vec_sum = unpack(state["vec_sum"])
    stories, members = _Reader(state["story_arrays"]), _Reader(state["member_arrays"])
    for d in state["stories"]:
        slot = index._slot()
        words, keys = stories.sparse(d["n_words"]), stories.sparse(d["n_keys"])
        index.centroids[slot] = stories.vector()
        index.counts[slot] = d["count"]
        kept = None
        if d["members"] is not None:
            kept = [Member(article_id=m["id"], title=m["title"], published=m["published"], day=m["day"],
                           words=members.sparse(m["n_words"]), keys=members.sparse(m["n_keys"]),
                           vector=members.vector(), copies=list(m["copies"])) for m in d["members"]]
        story = Active(story_id=d["id"], title=d["title"], first_published=d["first"], first_day=d["first_day"],
                       last_day=d["last_day"], seq=d["seq"], article_ids=list(d["articles"]), words=words,
                       keys=Sparse.empty(), slot=slot, members=kept)
        index.active[story.story_id] = story
        index._set_keys(story, keys)
    return index
