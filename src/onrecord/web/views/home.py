"""The home page: a search box, the record's counts, and the most quoted speakers, largest stories, outlets."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...query.outlets import list_outlets, outlet_names
from ...query.records import list_speakers, list_stories
from . import render, store_of

router = APIRouter(include_in_schema=False)
TOP = 12


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request) -> HTMLResponse:
    """Search box, counts, top speakers, stories and outlets."""
    store = store_of(request)
    return render(request, "home.html", stats=store.stats(), speakers=list_speakers(store, limit=TOP),
                  stories=list_stories(store, limit=TOP), outlets=list_outlets(store)[:TOP],
                  outlet_options=outlet_names(store))
