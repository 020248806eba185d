"""Statements: the quotes of one utterance by one speaker, however each outlet worded or rendered it.

A quote joins a statement of the same canonical speaker, reported in the same story or within
``window_days``, when one of the statement's kept wordings matches it closely (rapidfuzz token ratios,
tolerant to "does not"/"doesn't", dropped articles and added clauses), or loosely but with a close
embedding (paraphrase, translation). Every quote gets a statement id; a quote reported once is a singleton.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from ..records import Quote, Statement, short_id
from .packing import pack, unpack
from .settings import StatementSettings
from .terms import fold

CONTRACTIONS = (
    (re.compile(r"\bcan[’']t\b"), "can not"), (re.compile(r"\bwon[’']t\b"), "will not"),
    (re.compile(r"n[’']t\b"), " not"), (re.compile(r"[’']re\b"), " are"), (re.compile(r"[’']ve\b"), " have"),
    (re.compile(r"[’']ll\b"), " will"), (re.compile(r"[’']m\b"), " am"), (re.compile(r"\bcannot\b"), "can not"),
)
ARTICLES = {"the", "a", "an"}
MAX_STORIES = 8  # stories remembered per statement (for "reported in the same story")
WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lowercase words without punctuation, contractions spelled out, articles dropped."""
    t = text.lower()
    for pattern, repl in CONTRACTIONS:
        t = pattern.sub(repl, t)
    return " ".join(w for w in WORD.findall(t) if w not in ARTICLES)


SAME_ARTICLE_MIN = 90  # how alike two quotes of one article must be to be one statement (a headline and its body)
FUZZY_CHARS = 300  # a statement's opening words identify it; partial matching is quadratic in length


def speaker_key(speaker: str | None) -> str | None:
    """The canonical speaker as an index key: first initial and last word, folded ("Sergei Lavrov" → "s lavrov").

    Articles analysed apart may spell one canonical name differently (Sergey/Sergei, Zelensky/Zelenskyy); the
    key stays the same, and a clash between two people needs the same initial, surname, story or days.
    """
    words = [fold(w) for w in WORD.findall(speaker or "")]
    words = [w for w in words if w]
    if not words:
        return None
    surname = re.sub(r"(iy|yy|ii|ij|yi)$", "y", words[-1])
    return surname if len(words) == 1 else f"{words[0][0]} {surname}"


def fuzzy(a: str, b: str, min_words_partial: int) -> float:
    """0-100 similarity of two normalised wordings: whole-order, and containment when the shorter is long enough.
    Only the first FUZZY_CHARS characters of each are compared: partial matching costs the product of the lengths,
    and a long interview answer would otherwise cost a second per comparison."""
    a, b = a[:FUZZY_CHARS], b[:FUZZY_CHARS]
    score = fuzz.token_sort_ratio(a, b)
    if min(a.count(" "), b.count(" ")) + 1 >= min_words_partial:
        score = max(score, fuzz.token_set_ratio(a, b), fuzz.partial_ratio(a, b))
    return float(score)


@dataclass(slots=True)
class Known:
    """A statement in the index: enough to match new quotes and to write the Statement record."""

    statement_id: str
    speaker: str | None
    text: str  # wording of the earliest report
    first_reported: str | None
    earliest_quote_id: str
    earliest_key: tuple[str, int]  # (published or "~", seq) of the earliest report: smaller is earlier
    quote_ids: list[str]
    renderings: list[str]  # normalised wordings kept for matching (bounded)
    vector: np.ndarray  # float16 unit vector of the first wording
    stories: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # the articles reporting it (bounded)
    day: int | None = None  # latest report day
    seq: int = 0  # arrival number of the latest report

    def record(self) -> Statement:
        """The Statement record to store."""
        return Statement(statement_id=self.statement_id, speaker=self.speaker, text=self.text,
                         first_reported=self.first_reported, earliest_quote_id=self.earliest_quote_id,
                         quote_ids=list(self.quote_ids))


class StatementIndex:
    """Active statements by speaker; matches quotes to them and keeps the index bounded."""

    def __init__(self, settings: StatementSettings) -> None:
        self.settings = settings
        self.known: dict[str, Known] = {}  # statement_id -> statement, least recently reported first
        self.by_speaker: dict[str, list[str]] = {}

    def _near(self, k: Known, story_id: str | None, day: int | None) -> bool:
        if story_id is not None and story_id in k.stories:
            return True
        return day is not None and k.day is not None and abs(day - k.day) <= self.settings.window_days

    def match(self, quote: Quote, wording: str, vector: np.ndarray, story_id: str | None, day: int | None) -> str | None:
        """The statement this quote reports, or None."""
        key = speaker_key(quote.speaker)
        if key is None or not wording:
            return None
        s = self.settings
        best: tuple[float, str] | None = None
        for sid in self.by_speaker.get(key, ()):
            k = self.known[sid]
            if not self._near(k, story_id, day):
                continue
            fz = max(fuzzy(wording, r, s.min_words_partial) for r in k.renderings)
            if quote.article_id in k.articles and fz < SAME_ARTICLE_MIN:
                continue  # within one article only a repeat is the same statement: two answers of an interview are not
            if fz < s.min_fuzzy:
                if fz < s.min_fuzzy_with_embed:
                    continue
                cos = float(vector @ k.vector.astype(np.float32))
                if cos < s.min_embed:
                    continue
            if best is None or (fz, sid) > best:  # ties broken by id: the same answer whatever the index order
                best = (fz, sid)
        return best[1] if best else None

    def add(self, quote: Quote, wording: str, vector: np.ndarray, story_id: str | None, day: int | None,
            published: str | None, seq: int, statement_id: str | None) -> Known:
        """Record the quote in its statement (a new one when statement_id is None); returns the statement."""
        order_key = (published or "~", seq)
        if statement_id is None:
            k = Known(statement_id=short_id("statement", quote.quote_id), speaker=quote.speaker, text=quote.text,
                      first_reported=published, earliest_quote_id=quote.quote_id, earliest_key=order_key,
                      quote_ids=[], renderings=[wording] if wording else [], vector=vector.astype(np.float16))
            self.known[k.statement_id] = k
            key = speaker_key(quote.speaker)
            if key is not None:
                self.by_speaker.setdefault(key, []).append(k.statement_id)
        else:
            k = self.known.pop(statement_id)
            self.known[statement_id] = k  # most recently reported last
            if order_key < k.earliest_key:
                k.text, k.earliest_quote_id, k.earliest_key = quote.text, quote.quote_id, order_key
            if published and (k.first_reported is None or published < k.first_reported):
                k.first_reported = published
            if wording and wording not in k.renderings and len(k.renderings) < self.settings.max_renderings:
                k.renderings.append(wording)
        k.quote_ids.append(quote.quote_id)
        if story_id is not None and story_id not in k.stories and len(k.stories) < MAX_STORIES:
            k.stories.append(story_id)
        if quote.article_id not in k.articles and len(k.articles) < MAX_STORIES:
            k.articles.append(quote.article_id)
        if day is not None:
            k.day = day if k.day is None else max(k.day, day)
        k.seq = seq
        return k

    def evict(self, clock_day: int | None, seq: int) -> None:
        """Drop statements nobody reported within window_days of the latest date, or for too many articles."""
        s = self.settings
        stale = [sid for sid, k in self.known.items()
                 if seq - k.seq > s.max_idle_articles
                 or (clock_day is not None and k.day is not None and clock_day - k.day > s.window_days)]
        over = len(self.known) - len(stale) - s.max_active
        if over > 0:
            stale_set = set(stale)
            stale += [sid for sid in self.known if sid not in stale_set][:over]
        for sid in stale:
            self._remove(sid)

    def _remove(self, statement_id: str) -> None:
        k = self.known.pop(statement_id)
        key = speaker_key(k.speaker)
        if key is not None:
            ids = self.by_speaker[key]
            ids.remove(statement_id)
            if not ids:
                del self.by_speaker[key]

    def to_state(self) -> dict[str, Any]:
        """JSON-able state, statements in recency order, vectors packed in one float16 array."""
        items = list(self.known.values())
        return {
            "items": [{"id": k.statement_id, "speaker": k.speaker, "text": k.text, "first": k.first_reported,
                       "earliest": k.earliest_quote_id, "ekey": list(k.earliest_key), "quotes": k.quote_ids,
                       "renderings": k.renderings, "stories": k.stories, "articles": k.articles, "day": k.day,
                       "seq": k.seq} for k in items],
            "vectors": pack(np.vstack([k.vector for k in items]) if items else np.zeros((0, 0), dtype=np.float16)),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: StatementSettings) -> StatementIndex:
        """The index ``to_state`` saved."""
        index = cls(settings)
        vectors = unpack(state["vectors"])
        for d, vec in zip(state["items"], vectors, strict=True):
            k = Known(statement_id=d["id"], speaker=d["speaker"], text=d["text"], first_reported=d["first"],
                      earliest_quote_id=d["earliest"], earliest_key=(d["ekey"][0], int(d["ekey"][1])),
                      quote_ids=list(d["quotes"]), renderings=list(d["renderings"]), vector=vec,
                      stories=list(d["stories"]), articles=list(d.get("articles", [])), day=d["day"], seq=d["seq"])
            index.known[k.statement_id] = k
            key = speaker_key(k.speaker)
            if key is not None:
                index.by_speaker.setdefault(key, []).append(k.statement_id)
        return index
