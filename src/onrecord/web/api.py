"""The JSON API under /api: thin over ``query``; errors are ``{"error": message}`` with 400, 404 or 422."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request

from ..query import records
from ..query.articles import article_view
from ..query.compare import compare, statement_view
from ..query.outlets import list_outlets, outlet_profile
from ..query.search import search, search_articles
from ..query.speakers import speaker_profile
from ..query.timeline import timeline
from . import models
from .views import store_of

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorOut, "description": "Bad request (e.g. a malformed search query)"},
    404: {"model": models.ErrorOut, "description": "Not found"},
    422: {"model": models.ErrorOut, "description": "Invalid parameters"},
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

Q = Annotated[str, Query(min_length=1, max_length=1000, description='Full-text query: words, "phrases", prefix*, AND, OR, NOT, ( )')]
Mode = Annotated[Literal["hybrid", "fts", "semantic"], Query(description="fts = words; semantic = meaning; hybrid = both fused")]
Since = Annotated[str | None, Query(pattern=DATE, description="YYYY[-MM[-DD]], inclusive; said date, else published")]
Until = Annotated[str | None, Query(pattern=DATE, description="YYYY[-MM[-DD]], inclusive; said date, else published")]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=100_000)]


def _found(value: Any, what: str) -> Any:
    """The value, or a 404 naming what was not found."""
    if value is None:
        raise HTTPException(404, f"no {what}")
    return value


@router.get("/search", response_model=models.SearchOut, summary="Search quotes")
def api_search(request: Request, q: Q, mode: Mode = "hybrid", speaker: str | None = None, outlet: str | None = None,
               since: Since = None, until: Until = None, kind: Literal["direct", "indirect", "mixed"] | None = None,
               story: str | None = None, language: str | None = None, limit: Limit = 20, offset: Offset = 0,
               context: bool = False) -> dict[str, Any]:
    """Quotes matching q (full text, semantic or hybrid), with filters; each result is a quote as exported."""
    return search(store_of(request), q, mode=mode, speaker=speaker, outlet=outlet, since=since, until=until, kind=kind,
                  story=story, language=language, limit=limit, offset=offset, context=context)


@router.get("/search/articles", response_model=models.ArticleSearchOut, summary="Search articles")
def api_search_articles(request: Request, q: Q, outlet: str | None = None, since: Since = None, until: Until = None,
                        story: str | None = None, language: str | None = None, limit: Limit = 20,
                        offset: Offset = 0) -> dict[str, Any]:
    """Articles matching q by full text (title and body), best first, with a snippet."""
    return search_articles(store_of(request), q, outlet=outlet, since=since, until=until, story=story,
                           language=language, limit=limit, offset=offset)


@router.get("/speakers", response_model=list[models.SpeakerSummary], summary="List speakers")
def api_speakers(request: Request, limit: Annotated[int, Query(ge=0, le=100_000)] = 0) -> list[dict[str, Any]]:
    """Canonical speakers, most quoted first (limit 0 = all)."""
    return records.list_speakers(store_of(request), limit=limit or None)


@router.get("/speakers/{speaker_id:path}/timeline", response_model=models.TimelineOut, summary="Speaker timeline")
def api_timeline(request: Request, speaker_id: str,
                 about: Annotated[str | None, Query(max_length=1000, description="full-text words to narrow to")] = None
                 ) -> dict[str, Any]:
    """What the speaker said over time: quotes per month and one entry per statement."""
    return _found(timeline(store_of(request), speaker_id, about), f"speaker {speaker_id!r}")


@router.get("/speakers/{speaker_id:path}", response_model=models.SpeakerOut, summary="One speaker")
def api_speaker(request: Request, speaker_id: str) -> dict[str, Any]:
    """A speaker by entity id or canonical name (URL-encoded)."""
    return _found(speaker_profile(store_of(request), speaker_id), f"speaker {speaker_id!r}")


@router.get("/articles/{article_id}", response_model=models.ArticleOut, summary="One article")
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    """An article (by id or unique prefix of 6+ characters) with its quotes and framing terms."""
    return _found(article_view(store_of(request), article_id), f"article {article_id!r}")


@router.get("/stories", response_model=list[models.StorySummary], summary="List stories")
def api_stories(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
    """Stories, largest first."""
    return records.list_stories(store_of(request), limit=limit)


@router.get("/stories/{story_id}", response_model=models.StoryOut, summary="One story, outlets compared")
def api_story(request: Request, story_id: str) -> dict[str, Any]:
    """A story's outlets side by side: their quotes, wording of shared statements (word diffs), framing terms."""
    return _found(compare(store_of(request), story_id), f"story {story_id!r}")


@router.get("/statements/{statement_id}", response_model=models.StatementOut, summary="One statement")
def api_statement(request: Request, statement_id: str) -> dict[str, Any]:
    """A statement and every outlet's rendering of it, diffed word by word against the earliest."""
    return _found(statement_view(store_of(request), statement_id), f"statement {statement_id!r}")


@router.get("/outlets", response_model=list[models.OutletSummary], summary="List outlets")
def api_outlets(request: Request) -> list[dict[str, Any]]:
    """Outlets with article and quote counts, most articles first."""
    return list_outlets(store_of(request))


@router.get("/outlets/{outlet:path}", response_model=models.OutletOut, summary="One outlet")
def api_outlet(request: Request, outlet: str) -> dict[str, Any]:
    """An outlet's profile: counts, articles per month, top speakers, framing terms, stories, recent articles."""
    return _found(outlet_profile(store_of(request), outlet), f"outlet {outlet!r}")


@router.get("/stats", response_model=models.StatsOut, summary="Counts")
def api_stats(request: Request) -> dict[str, int]:
    """How many articles, quotes, speakers, outlets, stories and statements the record holds."""
    return store_of(request).stats()
