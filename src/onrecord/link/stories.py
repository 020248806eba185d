"""Stories: articles about one real event, assigned incrementally (an article joins a story or starts one).

An article is compared with a bounded set of candidate stories: those sharing its rarer names or numbers
(an inverted index) and those nearest by embedding, published within ``join_days`` of it when both are dated.
The score mixes the tf-idf cosine of content words, the tf-idf cosine of keys (names, numbers, dates), the
embedding cosine, and penalties when the story lacks the article's heaviest keys or the article the story's
(two earthquakes share every word but the place and the magnitude). A young story that turns out to hold two
events is split (``split.py``); it then takes a second look with its nearest stories, and a member that now
fits another of them better moves there (fragments of one event merge back, an early article that went astray
returns), so the stories depend less on the order articles came in. Stories nobody joined within the window
leave the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..records import Story, short_id
from .settings import StorySettings
from .sparse import Idf, Sparse, Weighted, cosine, coverage
from .split import Member, two_parts
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
    members: list[Member] | None = field(default_factory=list)  # None once the story is too big to split

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
        self.moved: list[tuple[str, str, str | None]] = []  # (article_id, story_id, duplicate_of) moved by splits
        self.touched: list[str] = []  # ids of stories changed since the linker last looked
        self.emptied: list[Story] = []  # stories a second look emptied (every article moved elsewhere), as records

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

    def candidates(self, f: Features, idf: Idf, by_keys_max: int | None = None, by_vec_max: int | None = None) -> list[str]:
        """Stories worth scoring in full: sharing rare keys, or nearest by embedding; within the time window."""
        s = self.settings
        by_keys_max = s.key_candidates if by_keys_max is None else by_keys_max
        by_vec_max = s.candidates if by_vec_max is None else by_vec_max
        shared: dict[str, float] = {}
        if f.terms.keys.size:
            weights = f.terms.keys.weighted(idf)
            for kid, w in zip(f.terms.keys.ids.tolist(), weights.tolist(), strict=True):
                post = self.postings.get(kid)
                if post and len(post) <= s.max_postings:
                    for sid in post:
                        shared[sid] = shared.get(sid, 0.0) + w
        by_keys = sorted(shared, key=lambda sid: (-shared[sid], sid))[:by_keys_max]
        by_vec: list[str] = []
        if self.active and by_vec_max > 0:
            ids = list(self.active)
            slots = np.fromiter((self.active[i].slot for i in ids), dtype=np.int64, count=len(ids))
            sims = self._vector_sims(f.vector, slots)
            order = np.lexsort((np.arange(len(ids)), -sims))[:by_vec_max]
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

    def score(self, f: Features, story: Active, idf: Idf, words: Weighted, keys: Weighted) -> float:
        """How strongly the article belongs to the story (compared with min_score)."""
        return self._score(words, keys, f.terms.keys, f.vector, story.words, story.keys, story.slot, idf)

    def _score(self, words: Weighted, keys: Weighted, key_ids: Sparse, vector: np.ndarray, s_words: Sparse,
               s_keys: Sparse, slot: int, idf: Idf, without: np.ndarray | None = None) -> float:
        """The story score of one side (an article or member: words, keys, vector) against a story's profile
        (``s_words``, ``s_keys`` and the centroid of ``slot``, less the vector ``without`` if given)."""
        s = self.settings
        story_keys = Weighted.of(s_keys, idf)
        total = s.w_words * cosine(words, Weighted.of(s_words, idf)) + s.w_keys * cosine(keys, story_keys)
        if s.w_embed:
            total += s.w_embed * self._centroid_cos(vector, slot, without)
        if s.w_cover:
            total -= s.w_cover * (1.0 - coverage(keys.heaviest(s.cover_keys), s_keys))
        if s.w_cover_back:
            total -= s.w_cover_back * (1.0 - coverage(story_keys.heaviest(s.cover_keys), key_ids))
        return total

    def _centroid_cos(self, vector: np.ndarray, slot: int, without: np.ndarray | None) -> float:
        """Cosine of a (mean-centred) vector with a slot's (mean-centred) centroid, optionally less one member."""
        if without is None:
            return float(self._vector_sims(vector, np.array([slot]))[0])
        mean = (self.vec_sum / max(self.n_docs, 1)).astype(np.float32)
        cent = self.centroids[slot] - without - (self.counts[slot] - 1.0) * mean
        v = vector - mean
        norm = float(np.linalg.norm(cent)) * float(np.linalg.norm(v))
        return float(cent @ v) / norm if norm > 0 else 0.0

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
        if sid is None or sc < self.settings.min_score:
            return self.start(f, seq)
        story = self.join(sid, f, seq)
        if story.members and not len(story.members) % self.settings.split_every:
            self._maybe_split(story)
            if story.story_id in self.active:
                self._refine(story)
        return self.active[self.story_of(story, f.article_id)]

    def story_of(self, story: Active, article_id: str) -> str:
        """The story now holding an article that just joined ``story`` (it may have moved in a split)."""
        for aid, sid, _ in reversed(self.moved):
            if aid == article_id:
                return sid
        return story.story_id

    def _member(self, f: Features) -> Member:
        idf, k = self.idf(), self.settings.member_terms
        return Member(article_id=f.article_id, title=_title(f.title), published=f.published, day=f.day,
                      words=f.terms.words.unit().top(k, idf), keys=f.terms.keys.unit().top(k, idf),
                      vector=f.vector.astype(np.float16), copies=[])

    def start(self, f: Features, seq: int) -> Active:
        """A new story holding just this article."""
        slot = self._slot()
        self.centroids[slot] = f.vector
        self.counts[slot] = 1.0
        story = Active(story_id=short_id("story", f.article_id), title=_title(f.title), first_published=f.published,
                       first_day=f.day, last_day=f.day, seq=seq, article_ids=[f.article_id],
                       words=f.terms.words.unit(), keys=Sparse.empty(), slot=slot, members=[self._member(f)])
        self.active[story.story_id] = story
        self.touched.append(story.story_id)
        self._set_keys(story, f.terms.keys.unit().top(self.settings.profile_terms, self.idf()))
        return story

    def _touch(self, story: Active, article_id: str, title: str | None, published: str | None, day: int | None,
               seq: int) -> None:
        """Record a new article in a story's ids, dates and recency."""
        self.active.pop(story.story_id)
        self.active[story.story_id] = story  # most recently joined last
        self.touched.append(story.story_id)
        if article_id not in story.article_ids:  # a re-ingested copy is not counted twice
            story.article_ids.append(article_id)
        story.seq = seq
        if published and (story.first_published is None or published < story.first_published):
            story.first_published = published
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        if story.title is None:
            story.title = _title(title)

    def join(self, story_id: str, f: Features, seq: int) -> Active:
        """Add an article to an open story: its words, keys and vector join the story's profile."""
        story = self.active[story_id]
        self._touch(story, f.article_id, f.title, f.published, f.day, seq)
        idf, k = self.idf(), self.settings.profile_terms
        story.words = story.words.plus(f.terms.words.unit()).top(k, idf)
        self._set_keys(story, story.keys.plus(f.terms.keys.unit()).top(k, idf))
        self.centroids[story.slot] += f.vector
        self.counts[story.slot] += 1.0
        if story.members is not None:
            if len(story.members) < self.settings.split_max:
                story.members.append(self._member(f))
            else:
                story.members = None  # big enough to be trusted: stop remembering members
        return story

    def join_copy(self, story_id: str, article_id: str, original_id: str, title: str | None,
                  published: str | None, day: int | None, seq: int) -> Active:
        """Add a duplicate to its original's story (the profile is unchanged: it says nothing new)."""
        story = self.active[story_id]
        self._touch(story, article_id, title, published, day, seq)
        for m in story.members or ():
            if m.article_id == original_id:
                m.copies.append(article_id)
        return story

    # --- splitting ----------------------------------------------------------------------------------------------

    def _maybe_split(self, story: Active) -> None:
        """Split a young story whose members fall into two events (checked every split_every members)."""
        members = story.members
        if not members:
            return
        out = two_parts(members, self.idf(), self.settings)
        if out is None:
            return
        out_set = set(out)
        moving = [members[i] for i in out]
        staying = [m for i, m in enumerate(members) if i not in out_set]
        self._rebuild(story, staying)
        # a fresh id (the moving articles may include one that started a story under the plain scheme)
        new = Active(story_id=short_id("story", moving[0].article_id, "split", str(story.seq)), title=None, first_published=None,
                     first_day=None, last_day=None, seq=story.seq, article_ids=[], words=Sparse.empty(),
                     keys=Sparse.empty(), slot=self._slot())
        self.active[new.story_id] = new
        self.touched.append(new.story_id)
        self._rebuild(new, moving)
        for m in moving:
            self.moved.append((m.article_id, new.story_id, None))
            self.moved.extend((copy, new.story_id, m.article_id) for copy in m.copies)

    def _rebuild(self, story: Active, members: list[Member]) -> None:
        """Recompute a story's ids, dates, title, profile and centroid from its members."""
        idf, k = self.idf(), self.settings.profile_terms
        story.members = members
        story.article_ids = [aid for m in members for aid in (m.article_id, *m.copies)]
        published = [m.published for m in members if m.published]
        days = [m.day for m in members if m.day is not None]
        story.first_published = min(published) if published else None
        story.first_day, story.last_day = (min(days), max(days)) if days else (None, None)
        story.title = next((m.title for m in members if m.title), None)
        words, keys = Sparse.empty(), Sparse.empty()
        for m in members:
            words, keys = words.plus(m.words.unit()), keys.plus(m.keys.unit())
        story.words = words.top(k, idf)
        self._set_keys(story, keys.top(k, idf))
        self.centroids[story.slot] = np.sum([m.vector.astype(np.float32) for m in members], axis=0)
        self.counts[story.slot] = float(len(members))

    # --- second look --------------------------------------------------------------------------------------------

    def _neighbours(self, story: Active, idf: Idf) -> list[Active]:
        """The refine_neighbours open stories nearest a story (by its profile scored as if it were an article)."""
        s = self.settings
        if s.refine_neighbours <= 0:
            return []
        count = float(self.counts[story.slot]) or 1.0
        probe = Features(story.story_id, None, None, None, Terms(story.words, story.keys),
                         (self.centroids[story.slot] / count).astype(np.float32))
        words, keys = Weighted.of(story.words, idf), Weighted.of(story.keys, idf)
        scored = []
        for sid in self.candidates(probe, idf, s.refine_neighbours * 3, s.refine_neighbours * 3):
            other = self.active[sid]
            if sid == story.story_id or not self._overlap(story, other):
                continue
            scored.append((self.score(probe, other, idf, words, keys), sid))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [self.active[sid] for _, sid in scored[:s.refine_neighbours]]

    def _overlap(self, a: Active, b: Active) -> bool:
        """Whether two stories are within join_days of each other (always when either is undated)."""
        if a.first_day is None or a.last_day is None or b.first_day is None or b.last_day is None:
            return True
        j = self.settings.join_days
        return a.first_day - j <= b.last_day and b.first_day - j <= a.last_day

    def _refine(self, story: Active) -> None:
        """A second look at a story that has grown and its nearest stories: each young member moves to the one of
        them it now fits best (its own story judged without it), if that scores at least min_score and beats its
        own story by move_margin. Moves are decided on one snapshot, then carried out together."""
        idf = self.idf()
        group = [story, *self._neighbours(story, idf)]
        if len(group) < 2:
            return
        s = self.settings
        wanted: list[tuple[float, str, str, Member]] = []  # (gain, from, to, member)
        for home in group:
            if not home.members:
                continue
            for m in home.members:
                words, keys = Weighted.of(m.words, idf), Weighted.of(m.keys, idf)
                vec = m.vector.astype(np.float32)
                own = float("-inf")
                if len(home.members) > 1:
                    own = self._score(words, keys, m.keys, vec, _minus(home.words, m.words), _minus(home.keys, m.keys),
                                      home.slot, idf, without=vec)
                best: tuple[float, str] | None = None
                for other in group:
                    if other is home:
                        continue
                    sc = self._score(words, keys, m.keys, vec, other.words, other.keys, other.slot, idf)
                    if best is None or sc > best[0]:
                        best = (sc, other.story_id)
                if best is not None and best[0] >= s.min_score and best[0] > own + s.move_margin:
                    wanted.append((best[0] - own, home.story_id, best[1], m))
        # surest moves first; a story that gains in this round does not also lose (no swaps back and forth)
        gained: dict[str, list[Member]] = {}
        lost: dict[str, set[str]] = {}
        for _, src, dst, m in sorted(wanted, key=lambda w: (-w[0], w[3].article_id)):
            if src in gained or dst in lost:
                continue
            gained.setdefault(dst, []).append(m)
            lost.setdefault(src, set()).add(m.article_id)
        if not gained:
            return
        for st in group:
            if st.story_id not in lost and st.story_id not in gained:
                continue
            self.touched.append(st.story_id)
            new = gained.get(st.story_id, [])
            for m in new:
                self.moved.append((m.article_id, st.story_id, None))
                self.moved.extend((copy, st.story_id, m.article_id) for copy in m.copies)
            if st.members is None:
                self._absorb(st, new)
                continue
            members = [m for m in st.members if m.article_id not in lost.get(st.story_id, ())] + new
            if not members:
                st.article_ids = []
                self.emptied.append(st.record())
                self._close(st.story_id)
                continue
            self._rebuild(st, members)
            if len(members) > s.split_max:
                st.members = None

    def _absorb(self, story: Active, members: list[Member]) -> None:
        """Add members to a story too big to remember its own (profile sums, centroid, ids and dates)."""
        idf, k = self.idf(), self.settings.profile_terms
        words, keys = story.words, story.keys
        for m in members:
            words, keys = words.plus(m.words.unit()), keys.plus(m.keys.unit())
            self.centroids[story.slot] += m.vector.astype(np.float32)
            self.counts[story.slot] += 1.0
            story.article_ids.extend([m.article_id, *m.copies])
            if m.published and (story.first_published is None or m.published < story.first_published):
                story.first_published = m.published
            if m.day is not None:
                story.first_day = m.day if story.first_day is None else min(story.first_day, m.day)
                story.last_day = m.day if story.last_day is None else max(story.last_day, m.day)
        story.words = words.top(k, idf)
        self._set_keys(story, keys.top(k, idf))

    # --- index upkeep -------------------------------------------------------------------------------------------

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


def _minus(a: Sparse, b: Sparse) -> Sparse:
    """a less b, keeping only what stays positive (a story's profile without one member)."""
    v = a.plus(Sparse(b.ids, -b.vals))
    keep = v.vals > 1e-6
    return Sparse(v.ids[keep], v.vals[keep])


def _title(title: str | None) -> str | None:
    """A title trimmed for a story record (None when blank)."""
    return title.strip()[:TITLE_CHARS] if title and title.strip() else None
