"""Response models of the JSON API: they are what /openapi.json documents and what every endpoint returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..query.search import PG_RANK_CAP


class ErrorOut(BaseModel):
    """What every error returns: a message that says what was wrong (and, for 422, which parameters)."""

    error: str
    detail: list[dict] | None = None


class QuoteOut(BaseModel):
    """A quote as exported (DESIGN.md: `onrecord export quotes`)."""

    quote_id: str
    article_id: str
    source: str
    outlet: str | None
    published: str | None
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    text: str
    kind: str
    span: list[int] = Field(description="[start, end] character offsets of text in the article's clean text")
    statement_id: str | None
    story_id: str | None


class TitledQuote(QuoteOut):
    title: str | None = None


class Context(BaseModel):
    """The sentence around a quote in its article."""

    before: str
    text: str
    after: str


class SearchHit(TitledQuote):
    score: float = Field(description="bm25/ts_rank (fts), cosine similarity (semantic) or reciprocal-rank-fusion score")
    matched: Literal["fts", "semantic", "both"]
    context: Context | None = None


class SearchOut(BaseModel):
    total: int = Field(description="How many quotes match (a lower bound when total_is_lower_bound)")
    total_is_lower_bound: bool = Field(
        description=f"True when more quotes match the words than are counted and ranked (PostgreSQL full text "
        f"stops after the first {PG_RANK_CAP:,} matches it finds): total counts those, results are the best of them, "
        "and full-text pages end there; add words or filters to narrow the search")
    results: list[SearchHit]


class SnippetPiece(BaseModel):
    text: str
    hit: bool


class ArticleHit(BaseModel):
    article_id: str
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    story_id: str | None
    language: str | None
    score: float
    snippet: list[SnippetPiece]


class ArticleSearchOut(BaseModel):
    total: int
    results: list[ArticleHit]


class SpeakerSummary(BaseModel):
    speaker: str
    quotes: int
    articles: int
    outlets: int
    first: str | None
    last: str | None
    entity_id: str | None
    roles: list[str]
    aliases: list[str]


class OutletCount(BaseModel):
    outlet: str | None
    quotes: int


class SpeakerOut(BaseModel):
    name: str
    entity_id: str | None
    roles: list[str]
    aliases: list[str]
    quotes: int
    articles: int
    statements: int
    first: str | None
    last: str | None
    outlets: list[OutletCount]
    recent_quotes: list[TitledQuote]


class Month(BaseModel):
    month: str = Field(description="YYYY-MM")
    quotes: int
    statements: int


class TimelineQuote(TitledQuote):
    date: str | None = Field(description="when said if the article says so, else when published")


class TimelineEntry(BaseModel):
    statement_id: str | None
    date: str | None
    text: str
    outlets: list[str | None]
    reports: int
    quotes: list[TimelineQuote]


class TimelineOut(BaseModel):
    speaker: str
    entity_id: str | None
    roles: list[str]
    aliases: list[str]
    about: str | None
    quotes: int
    statements: int
    undated: int
    truncated: bool
    months: list[Month]
    entries: list[TimelineEntry]


class FramingOut(BaseModel):
    term: str
    concept: str
    voice: str
    span: list[int]


class ArticleOut(BaseModel):
    """An article as exported, with its quotes and framing terms."""

    article_id: str
    source: str
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None
    updated: str | None
    author: str | None
    tags: list[str]
    language: str | None
    text: str
    story_id: str | None
    duplicate_of: str | None
    quotes: list[QuoteOut]
    framing: list[FramingOut]


class FramingInfo(BaseModel):
    term: str
    concept: str
    voice: str


class MarkedPiece(BaseModel):
    text: str
    framing: FramingInfo | None


class DiffPiece(BaseModel):
    op: Literal["same", "del", "ins"]
    text: str


class StoryQuote(TitledQuote):
    pieces: list[MarkedPiece]
    shared: bool = Field(description="the statement it renders is reported by more than one outlet")


class StoryArticle(BaseModel):
    article_id: str
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    duplicate_of: str | None


class SpeakerCount(BaseModel):
    speaker: str
    quotes: int


class TermCount(BaseModel):
    concept: str
    term: str
    count: int


class StoryColumn(BaseModel):
    outlet: str
    articles: list[StoryArticle]
    quotes: list[StoryQuote]
    speakers: list[SpeakerCount]
    framing: list[TermCount]


class Rendering(TitledQuote):
    pieces: list[MarkedPiece]
    reference: bool = Field(description="the rendering the others are compared with (the earliest reported)")
    diff: list[DiffPiece]
    same_wording: bool


class StoryStatement(BaseModel):
    statement_id: str
    speaker: str | None
    text: str
    outlets: list[str | None]
    shared: bool
    renderings: list[Rendering]


class OutletTerms(BaseModel):
    outlet: str
    terms: list[str]


class ConceptRow(BaseModel):
    concept: str
    by_outlet: list[OutletTerms]


class StoryOut(BaseModel):
    story_id: str
    title: str | None
    first_published: str | None
    outlets: list[StoryColumn]
    statements: list[StoryStatement]
    framing: list[ConceptRow]


class StorySummary(BaseModel):
    story_id: str
    title: str | None
    articles: int
    outlets: int
    first_published: str | None


class StatementOut(BaseModel):
    statement_id: str
    speaker: str | None
    text: str
    first_reported: str | None
    earliest_quote_id: str | None
    outlets: list[str | None]
    renderings: list[Rendering]


class OutletSummary(BaseModel):
    outlet: str
    articles: int
    quotes: int
    first: str | None
    last: str | None


class OutletMonth(BaseModel):
    month: str
    articles: int


class OutletFraming(BaseModel):
    concept: str
    term: str
    count: int
    outlet_voice: int
    quoted: int
    attributed: int


class OutletStory(BaseModel):
    story_id: str
    articles: int
    title: str | None


class OutletArticle(BaseModel):
    article_id: str
    title: str | None
    published: str | None
    source: str
    story_id: str | None


class OutletOut(BaseModel):
    outlet: str
    articles: int
    quotes: int
    speakers: int
    first: str | None
    last: str | None
    months: list[OutletMonth]
    top_speakers: list[SpeakerCount]
    framing: list[OutletFraming]
    stories: list[OutletStory]
    recent_articles: list[OutletArticle]


class StatsOut(BaseModel):
    articles: int
    quotes: int
    speakers: int
    outlets: int
    stories: int
    statements: int
