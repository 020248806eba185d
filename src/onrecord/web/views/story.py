"""Stories: the list, and one story with its outlets side by side, wording differences and framing terms."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from ...query.compare import compare
from ...query.records import list_stories
from . import render, store_of

router = APIRouter(include_in_schema=False)


@router.get("/stories", response_class=HTMLResponse, name="stories_page")
def stories_page(request: Request) -> HTMLResponse:
    """Stories, largest first."""
    return render(request, "stories.html", stories=list_stories(store_of(request), limit=500))


@router.get("/stories/{story_id}", response_class=HTMLResponse, name="story_page")
def story_page(request: Request, story_id: str) -> HTMLResponse:
    """One column per outlet; each shared statement with every outlet's wording diffed against the earliest."""
    story = compare(store_of(request), story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return render(request, "story.html", story=story)
