"""One article: its text with every quote (and framing term) highlighted in place, and its quotes listed."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from ...query.articles import article_view
from . import render, store_of

router = APIRouter(include_in_schema=False)


@router.get("/articles/{article_id}", response_class=HTMLResponse, name="article_page")
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """The article text in pieces, quotes and framing terms marked; an ambiguous id prefix is a 400."""
    art = article_view(store_of(request), article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return render(request, "article.html", a=art)
