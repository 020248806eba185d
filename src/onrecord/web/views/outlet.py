"""Outlets: the list, and one outlet's profile (articles per month chart, top speakers, framing terms, stories)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from ...query.outlets import list_outlets, outlet_profile
from . import render, store_of

router = APIRouter(include_in_schema=False)


@router.get("/outlets", response_class=HTMLResponse, name="outlets_page")
def outlets_page(request: Request) -> HTMLResponse:
    """Every outlet with its counts."""
    return render(request, "outlets.html", outlets=list_outlets(store_of(request)))


@router.get("/outlets/{outlet:path}", response_class=HTMLResponse, name="outlet_page")
def outlet_page(request: Request, outlet: str) -> HTMLResponse:
    """One outlet's profile."""
    profile = outlet_profile(store_of(request), outlet)
    if profile is None:
        raise HTTPException(404, f"no outlet {outlet!r}")
    return render(request, "outlet.html", o=profile)
