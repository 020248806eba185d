"""Speakers: the list, and one speaker's page with a timeline chart (quotes per month) and statements over time."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from ...query.records import list_speakers
from ...query.speakers import speaker_profile
from ...query.timeline import timeline
from . import render, store_of

router = APIRouter(include_in_schema=False)


@router.get("/speakers", response_class=HTMLResponse, name="speakers_page")
def speakers_page(request: Request) -> HTMLResponse:
    """Every speaker, most quoted first."""
    return render(request, "speakers.html", speakers=list_speakers(store_of(request), limit=500))


@router.get("/speakers/{speaker_id:path}", response_class=HTMLResponse, name="speaker_page")
def speaker_page(request: Request, speaker_id: str, about: str = "") -> HTMLResponse:
    """A speaker (entity id or canonical name): profile, chart, statements; htmx swaps only the timeline part."""
    store = store_of(request)
    profile = speaker_profile(store, speaker_id)
    if profile is None:
        raise HTTPException(404, f"no speaker {speaker_id!r}")
    error = None
    try:
        line = timeline(store, speaker_id, about or None)
    except ValueError as exc:
        error, line = str(exc), timeline(store, speaker_id)
    partial = request.headers.get("HX-Target") == "timeline"
    return render(request, "_timeline.html" if partial else "speaker.html", status_code=400 if error else 200,
                  profile=profile, timeline=line, about=about, error=error)
