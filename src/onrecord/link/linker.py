"""The Linker: duplicates, stories and statements for each new batch, with state carried between batches.

    linker = Linker.from_state(store.load_state(Linker.STATE_KEY))
    result = linker.link(articles, quotes)       # sets article.story_id / duplicate_of, quote.statement_id
    store.save_state(Linker.STATE_KEY, linker.to_state())

Articles are taken one by one in the order given; linking a corpus in one call or in batches with a state
round trip in between gives identical results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..records import Article, Quote, Statement, Story
from . import embed as embedding
from .days import day_number
from .dedupe import DuplicateIndex, exact_key
from .settings import LinkSettings, default_settings
from .statements import StatementIndex, normalise
from . import story_state
from .stories import Active, Features, StoryIndex
from .terms import extract

STATE_VERSION = 1
STRUCTURAL = (("terms", "hash_bits"), ("dedupe", "num_perm"), ("dedupe", "shingle_words"))


class LinkStateError(ValueError):
    """A saved linker state that this version cannot continue from."""


@dataclass
class LinkResult:
    """What one ``link`` call decided, ready for the store."""

    # (article_id, story_id, duplicate_of) for every article linked, then for each earlier article that a story
    # split moved to a new story: pass them all to store.set_article_links
    articles: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    quotes: list[tuple[str, str | None]] = field(default_factory=list)  # (quote_id, statement_id)
    stories: list[Story] = field(default_factory=list)  # stories created or changed by this call
    statements: list[Statement] = field(default_factory=list)  # statements created or changed by this call


def _title(article: Article) -> str | None:
    """The article's title, else its first non-empty line."""
    if article.title and article.title.strip():
        return article.title
    return next((line.strip() for line in article.text.splitlines() if line.strip()), None)


class Linker:
    """Incremental cross-article linking with a JSON-able state (bounded: it does not grow with the corpus)."""

    STATE_KEY = "link"

    def __init__(self, settings: LinkSettings | None = None) -> None:
        self.settings = settings or default_settings()
        s = self.settings
        self.seq = 0
        self.clock_day: int | None = None
        self.dupes = DuplicateIndex(s.dedupe)
        self.stories = StoryIndex(s.stories, s.terms.hash_bits, embedding.DIM)
        self.statements = StatementIndex(s.statements)

    # --- state --------------------------------------------------------------------------------------------------

    @classmethod
    def from_state(cls, state: dict[str, Any] | None, settings: LinkSettings | None = None) -> Linker:
        """A linker continuing from ``to_state`` output (a fresh one for None)."""
        linker = cls(settings)
        if not state:
            return linker
        if state.get("version") != STATE_VERSION:
            raise LinkStateError(f"link state version {state.get('version')!r} is not {STATE_VERSION}; "
                                 "re-link the corpus from scratch (delete the 'link' state)")
        saved = state.get("settings", {})
        for section, name in STRUCTURAL:
            if saved.get(section, {}).get(name) != getattr(getattr(linker.settings, section), name):
                raise LinkStateError(f"link state was built with {section}.{name}={saved.get(section, {}).get(name)!r}, "
                                     "settings.toml now differs; re-link from scratch (delete the 'link' state)")
        s = linker.settings
        linker.seq = int(state["seq"])
        linker.clock_day = state["clock_day"]
        linker.dupes = DuplicateIndex.from_state(state["dedupe"], s.dedupe)
        linker.stories = story_state.from_state(state["stories"], s.stories, s.terms.hash_bits, embedding.DIM)
        linker.statements = StatementIndex.from_state(state["statements"], s.statements)
        return linker

    def to_state(self) -> dict[str, Any]:
        """Everything needed to continue linking later, as JSON-able values."""
        return {"version": STATE_VERSION, "settings": self.settings.to_dict(), "seq": self.seq,
                "clock_day": self.clock_day, "dedupe": self.dupes.to_state(), "stories": story_state.to_state(self.stories),
                "statements": self.statements.to_state()}

    # --- linking ------------------------------------------------------------------------------------------------

    def link(self, articles: Sequence[Article], quotes: Sequence[Quote] = ()) -> LinkResult:
        """Link a batch: each article to its earliest copy and its story, each quote to its statement."""
        result = LinkResult()
        changed_stories: dict[str, Active] = {}
        emptied: dict[str, Story] = {}
        changed_statements: dict[str, Statement] = {}
        by_article: dict[str, list[Quote]] = {}
        for q in quotes:
            by_article.setdefault(q.article_id, []).append(q)
        chars = self.settings.terms.embed_chars
        vectors = embedding.embed([f"{a.title or ''}\n{a.text[:chars]}" for a in articles])
        quote_vectors = dict(zip((q.quote_id for q in quotes), embedding.embed([q.text for q in quotes]), strict=True))
        in_batch = {a.article_id: a for a in articles}
        earlier: dict[str, tuple[str, str | None, str | None]] = {}
        for article, vector in zip(articles, vectors, strict=True):
            self._link_article(article, vector)
            self._apply_moves(in_batch, earlier, changed_stories, emptied)
            day = day_number(article.published)
            for q in sorted(by_article.pop(article.article_id, []), key=lambda q: (q.span[0], q.quote_id)):
                st = self._link_quote(q, quote_vectors[q.quote_id], article.story_id, day, article.published)
                changed_statements[st.statement_id] = st
                result.quotes.append((q.quote_id, q.statement_id))
        for rest in by_article.values():  # quotes of articles linked in an earlier batch
            for q in rest:
                st = self._link_quote(q, quote_vectors[q.quote_id], None, None, None)
                changed_statements[st.statement_id] = st
                result.quotes.append((q.quote_id, q.statement_id))
        result.articles = [(a.article_id, a.story_id, a.duplicate_of) for a in articles] + list(earlier.values())
        result.stories = [s.record() for s in changed_stories.values()]
        result.stories += [r for sid, r in emptied.items() if sid not in changed_stories]
        result.statements = list(changed_statements.values())
        return result

    def _apply_moves(self, in_batch: dict[str, Article], earlier: dict[str, tuple[str, str | None, str | None]],
                     changed: dict[str, Active], emptied: dict[str, Story]) -> None:
        """Carry out what a story split moved: articles of this batch in place, earlier ones into ``earlier``."""
        for aid, sid, dup in self.stories.moved:
            if aid in in_batch:
                in_batch[aid].story_id = sid
            else:
                earlier[aid] = (aid, sid, dup)
            if aid in self.dupes.entries:
                self.dupes.entries[aid].story_id = sid
        for sid in self.stories.touched:
            if sid in self.stories.active:
                changed[sid] = self.stories.active[sid]
        for record in self.stories.emptied:  # every article moved to other stories: stored with none
            changed.pop(record.story_id, None)
            emptied[record.story_id] = record
        self.stories.emptied.clear()
        self.stories.moved.clear()
        self.stories.touched.clear()

    def _tick(self, day: int | None) -> None:
        """Advance the clock; sweep stale entries every ``evict_every`` articles."""
        self.seq += 1
        if day is not None:
            self.clock_day = day if self.clock_day is None else max(self.clock_day, day)
        if self.seq % self.settings.linker.evict_every == 0:
            self.dupes.evict(self.clock_day)
            self.stories.evict(self.clock_day, self.seq)
            self.statements.evict(self.clock_day, self.seq)

    def _link_article(self, article: Article, vector: np.ndarray) -> Active | None:
        """Set duplicate_of and story_id on the article; returns the story it joined (None if that story is closed)."""
        day = day_number(article.published)
        self._tick(day)
        known = self.dupes.entries.get(article.article_id)
        if known is not None:  # linked before (a forced re-ingest): keep its story
            article.duplicate_of, article.story_id = None, known.story_id
            return None
        exact = exact_key(article.text)
        sig = self.dupes.signature(article.text)
        original = self.dupes.find(exact, sig, day)
        if original is not None:
            article.duplicate_of = original
            article.story_id = self.dupes.entries[original].story_id
            if article.story_id in self.stories.active:
                return self.stories.join_copy(article.story_id, article.article_id, original, _title(article),
                                              article.published, day, self.seq)
            return None
        article.duplicate_of = None
        terms = extract(f"{article.title or ''}\n{article.text}"[:self.settings.terms.terms_chars], self.settings.terms)
        story = self.stories.assign(Features(article.article_id, _title(article), article.published, day, terms, vector), self.seq)
        article.story_id = story.story_id
        self.dupes.add(article.article_id, story.story_id, exact, sig, day, self.seq)
        return story

    def _link_quote(self, quote: Quote, vector: np.ndarray, story_id: str | None, day: int | None,
                    published: str | None) -> Statement:
        """Set statement_id on the quote; returns its statement's record."""
        wording = normalise(quote.text)
        sid = self.statements.match(quote, wording, vector, story_id, day)
        known = self.statements.add(quote, wording, vector, story_id, day, published, self.seq, sid)
        quote.statement_id = known.statement_id
        return known.record()
