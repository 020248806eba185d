"""Stories: articles about one real event, assigned incrementally (an article joins a story or starts one).

An article is compared with a bounded set of candidate stories: those sharing its rarer names or numbers
(an inverted index) and those nearest by embedding, published within ``join_days`` of it when both are dated.
The score mixes the tf-idf cosine of content words, the tf-idf cosine of keys (names, numbers, dates), the
embedding cosine, and a penalty when the story lacks the article's heaviest keys (two earthquakes share every
word but the place and the magnitude). Stories nobody joined within the window leave the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..records import Story, short_id
from .packing import pack, unpack
from .settings import StorySettings
from .sparse import Idf, Sparse, Weighted, cosine, coverage
from .terms import Terms

TITLE_CHARS = 160


@dataclass(slots=True)
class Features:
    """What the story index needs of one article."""

    article_id: str
    title: str | None
    published: str | None
    day: int | None
    terms: Terms
    vector: np.ndarray  # unit float32 embedding


@dataclass(slots=True)
class Active:
    """A story still open to new articles."""

    story_id: str
    title: str | None
    first_published: str | None
    first_day: int | None
    last_day: int | None
    seq: int  # arrival number of the article that last joined
    article_ids: list[str]
    words: Sparse  # sum of members' unit word vectors, top profile_terms by idf weight
    keys: Sparse
    slot: int  # row of the centroid matrix

    def record(self) -> Story:
        """The Story record to store."""
        return Story(story_id=self.story_id, title=self.title, first_published=self.first_published,
                     article_ids=list(self.article_ids))


class StoryIndex:
    """Open stories, their profiles and centroids, document frequencies, and the name index that finds candidates."""

    def __init__(self, settings: StorySettings, hash_bits: int, dim: int) -> None:
        self.settings = settings
        self.df = np.zeros(1 << hash_bits, dtype=np.int32)
        self.n_docs = 0
        self.vec_sum = np.zeros(dim, dtype=np.float64)  # running sum of article vectors: their mean is "no topic"
        self.centroids = np.zeros((0, dim), dtype=np.float32)  # per slot: sum of member vectors
        self.counts = np.zeros(0, dtype=np.float32)  # per slot: members
        self.free: list[int] = []
        self.active: dict[str, Active] = {}  # least recently joined first
        self.postings: dict[int, set[str]] = {}

    # --- scoring ------------------------------------------------------------------------------------------------

    def idf(self) -> Idf:
        """Current inverse document frequencies."""
        return Idf(self.df, self.n_docs)

    def observe(self, terms: Terms, vector: np.ndarray) -> None:
        """Count an article in the document frequencies and the mean vector."""
        self.df[terms.words.ids] += 1
        self.df[terms.keys.ids] += 1
        self.n_docs += 1
        self.vec_sum += vector

    def _in_window(self, s: Active, day: int | None) -> bool:
        if day is None or s.first_day is None or s.last_day is None:
            return True
        j = self.settings.join_days
        return s.first_day - j <= day <= s.last_day + j

    def candidates(self, f: Features, idf: Idf) -> list[str]:
        """Stories worth scoring in full: sharing rare keys, or nearest by embedding; within the time window."""
        s = self.settings
        shared: dict[str, float] = {}
        if f.terms.keys.size:
            weights = f.terms.keys.weighted(idf)
            for kid, w in zip(f.terms.keys.ids.tolist(), weights.tolist(), strict=True):
                post = self.postings.get(kid)
                if post and len(post) <= s.max_postings:
                    for sid in post:
                        shared[sid] = shared.get(sid, 0.0) + w
        by_keys = sorted(shared, key=lambda sid: (-shared[sid], sid))[:s.key_candidates]
        by_vec: list[str] = []
        if self.active and s.candidates > 0:
            ids = list(self.active)
            slots = np.fromiter((self.active[i].slot for i in ids), dtype=np.int64, count=len(ids))
            sims = self._vector_sims(f.vector, slots)
            order = np.lexsort((np.arange(len(ids)), -sims))[:s.candidates]
            by_vec = [ids[i] for i in order.tolist()]
        seen: set[str] = set()
        out: list[str] = []
        for sid in [*by_keys, *by_vec]:
            if sid not in seen and self._in_window(self.active[sid], f.day):
                seen.add(sid)
                out.append(sid)
        return out

    def _vector_sims(self, vector: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """Cosine of the (mean-centred) article vector with each slot's (mean-centred) centroid."""
        mean = (self.vec_sum / max(self.n_docs, 1)).astype(np.float32)
        cents = self.centroids[slots] - self.counts[slots, None] * mean
        v = vector - mean
        norms = np.linalg.norm(cents, axis=1) * (float(np.linalg.norm(v)) or 1.0)
        return np.divide(cents @ v, norms, out=np.zeros(len(slots), dtype=np.float32), where=norms > 0)

    def score(self, f: Features, story: Active, idf: Idf, words: Weighted | None = None,
              keys: Weighted | None = None) -> float:
        """How strongly the article belongs to the story (compared with min_score)."""
        s = self.settings
        words = words or Weighted.of(f.terms.words, idf)
        keys = keys or Weighted.of(f.terms.keys, idf)
        total = (s.w_words * cosine(words, Weighted.of(story.words, idf))
                 + s.w_keys * cosine(keys, Weighted.of(story.keys, idf)))
        if s.w_embed:
            total += s.w_embed * float(self._vector_sims(f.vector, np.array([story.slot]))[0])
        if s.w_cover:
            total -= s.w_cover * (1.0 - coverage(keys.heaviest(s.cover_keys), story.keys))
        return total

    def best(self, f: Features) -> tuple[str | None, float]:
        """The best-scoring candidate story and its score (None when there is no candidate)."""
        idf = self.idf()
        words, keys = Weighted.of(f.terms.words, idf), Weighted.of(f.terms.keys, idf)
        best: tuple[float, str] | None = None
        for sid in self.candidates(f, idf):
            sc = self.score(f, self.active[sid], idf, words, keys)
            if best is None or sc > best[0] or (sc == best[0] and sid < best[1]):
                best = (sc, sid)
        return (best[1], best[0]) if best else (None, float("-inf"))

    # --- assignment ---------------------------------------------------------------------------------------------

    def assign(self, f: Features, seq: int) -> Active:
        """Put the article in its story (creating one when none scores high enough); returns that story."""
        self.observe(f.terms, f.vector)
        sid, sc = self.best(f)
        if sid is not None and sc >= self.settings.min_score:
            return self.join(sid, f, seq, profile=True)
        return self.start(f, seq)

    def start(self, f: Features, seq: int) -> Active:
        """A new story holding just this article."""
        slot = self._slot()
        self.centroids[slot] = f.vector
        self.counts[slot] = 1.0
        title = f.title.strip()[:TITLE_CHARS] if f.title and f.title.strip() else None
        story = Active(story_id=short_id("story", f.article_id), title=title, first_published=f.published,
                       first_day=f.day, last_day=f.day, seq=seq, article_ids=[f.article_id],
                       words=f.terms.words.unit(), keys=Sparse.empty(), slot=slot)
        self.active[story.story_id] = story
        self._set_keys(story, f.terms.keys.unit().top(self.settings.profile_terms, self.idf()))
        return story

    def join(self, story_id: str, f: Features, seq: int, *, profile: bool) -> Active:
        """Add the article to an open story; its words, keys and vector count only when ``profile``."""
        story = self.active.pop(story_id)
        self.active[story_id] = story  # most recently joined last
        story.article_ids.append(f.article_id)
        story.seq = seq
        if f.published and (story.first_published is None or f.published < story.first_published):
            story.first_published = f.published
        if f.day is not None:
            story.first_day = f.day if story.first_day is None else min(story.first_day, f.day)
            story.last_day = f.day if story.last_day is None else max(story.last_day, f.day)
        if story.title is None and f.title and f.title.strip():
            story.title = f.title.strip()[:TITLE_CHARS]
        if profile:
            idf, k = self.idf(), self.settings.profile_terms
            story.words = story.words.plus(f.terms.words.unit()).top(k, idf)
            self._set_keys(story, story.keys.plus(f.terms.keys.unit()).top(k, idf))
            self.centroids[story.slot] += f.vector
            self.counts[story.slot] += 1.0
        return story

    def _set_keys(self, story: Active, keys: Sparse) -> None:
        """Replace a story's key profile and keep the inverted index in step."""
        old, new = set(story.keys.ids.tolist()), set(keys.ids.tolist())
        for kid in old - new:
            self._unpost(kid, story.story_id)
        for kid in new - old:
            self.postings.setdefault(kid, set()).add(story.story_id)
        story.keys = keys

    def _unpost(self, kid: int, story_id: str) -> None:
        post = self.postings.get(kid)
        if post is not None:
            post.discard(story_id)
            if not post:
                del self.postings[kid]

    def _slot(self) -> int:
        if self.free:
            return self.free.pop()
        n = self.centroids.shape[0]
        grow = max(16, n)
        self.centroids = np.vstack([self.centroids, np.zeros((grow, self.centroids.shape[1]), dtype=np.float32)])
        self.counts = np.concatenate([self.counts, np.zeros(grow, dtype=np.float32)])
        self.free.extend(range(n + grow - 1, n - 1, -1))
        return self.free.pop()

    # --- bounds -------------------------------------------------------------------------------------------------

    def evict(self, clock_day: int | None, seq: int) -> list[str]:
        """Close stories outside the time window, idle for too many articles, or beyond max_active; returns their ids."""
        s = self.settings
        stale = [sid for sid, st in self.active.items()
                 if seq - st.seq > s.max_idle_articles
                 or (clock_day is not None and st.last_day is not None and clock_day - st.last_day > s.join_days)]
        over = len(self.active) - len(stale) - s.max_active
        if over > 0:
            stale_set = set(stale)
            stale += [sid for sid in self.active if sid not in stale_set][:over]
        for sid in stale:
            self._close(sid)
        return stale

    def _close(self, story_id: str) -> None:
        story = self.active.pop(story_id)
        for kid in story.keys.ids.tolist():
            self._unpost(kid, story_id)
        self.centroids[story.slot] = 0.0
        self.counts[story.slot] = 0.0
        self.free.append(story.slot)

    # --- state --------------------------------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """JSON-able state: document frequencies (sparse), the mean vector, and every open story."""
        nz = np.flatnonzero(self.df)
        items = list(self.active.values())

        def cat(parts: list[np.ndarray], dtype: type) -> dict[str, Any]:
            return pack(np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype))

        return {
            "n_docs": self.n_docs, "df_ids": pack(nz.astype(np.int32)), "df_counts": pack(self.df[nz]),
            "vec_sum": pack(self.vec_sum),
            "stories": [{"id": st.story_id, "title": st.title, "first": st.first_published, "first_day": st.first_day,
                         "last_day": st.last_day, "seq": st.seq, "articles": st.article_ids,
                         "n_words": st.words.size, "n_keys": st.keys.size} for st in items],
            "word_ids": cat([st.words.ids for st in items], np.int64),
            "word_vals": cat([st.words.vals for st in items], np.float32),
            "key_ids": cat([st.keys.ids for st in items], np.int64),
            "key_vals": cat([st.keys.vals for st in items], np.float32),
            "centroids": pack(self.centroids[[st.slot for st in items]] if items
                              else np.zeros((0, self.centroids.shape[1]), dtype=np.float32)),
            "counts": pack(self.counts[[st.slot for st in items]] if items else np.zeros(0, dtype=np.float32)),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: StorySettings, hash_bits: int, dim: int) -> StoryIndex:
        """The index ``to_state`` saved (stories re-slotted in order; results are unchanged)."""
        index = cls(settings, hash_bits, dim)
        index.n_docs = int(state["n_docs"])
        index.df[unpack(state["df_ids"]).astype(np.int64)] = unpack(state["df_counts"])
        index.vec_sum = unpack(state["vec_sum"])
        word_ids, word_vals = unpack(state["word_ids"]), unpack(state["word_vals"])
        key_ids, key_vals = unpack(state["key_ids"]), unpack(state["key_vals"])
        centroids, counts = unpack(state["centroids"]), unpack(state["counts"])
        w = k = 0
        for i, d in enumerate(state["stories"]):
            slot = index._slot()
            index.centroids[slot] = centroids[i]
            index.counts[slot] = counts[i]
            words = Sparse(word_ids[w:w + d["n_words"]].copy(), word_vals[w:w + d["n_words"]].copy())
            story = Active(story_id=d["id"], title=d["title"], first_published=d["first"], first_day=d["first_day"],
                           last_day=d["last_day"], seq=d["seq"], article_ids=list(d["articles"]), words=words,
                           keys=Sparse.empty(), slot=slot)
            index.active[story.story_id] = story
            index._set_keys(story, Sparse(key_ids[k:k + d["n_keys"]].copy(), key_vals[k:k + d["n_keys"]].copy()))
            w += d["n_words"]
            k += d["n_keys"]
        return index
