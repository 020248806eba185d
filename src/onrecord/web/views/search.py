"""The results page: matching quotes in context (the sentence around each), matching articles, more on demand (htmx)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...query.outlets import outlet_names
from ...query.search import MAX_DEPTH, MODES, search, search_articles
from . import render, store_of

router = APIRouter(include_in_schema=False)
PAGE = 20
ARTICLES = 5
FILTERS = ("speaker", "outlet", "since", "until", "kind", "story", "language")


def next_offset(results: dict, mode: str, offset: int) -> int | None:
    """Where the next page starts, or None when this was the last one (semantic and hybrid stop at MAX_DEPTH, and a
    capped full-text ranking at its cap, which is then the total)."""
    nxt = offset + PAGE
    if not results["results"] or nxt >= results["total"] or (mode != "fts" and nxt + PAGE > MAX_DEPTH):
        return None
    if results.get("total_is_lower_bound") and nxt + PAGE > results["total"]:
        return None
    return nxt


@router.get("/search", response_class=HTMLResponse, name="search_page")
def search_page(request: Request, q: str = "", mode: str = "hybrid", speaker: str = "", outlet: str = "",
                since: str = "", until: str = "", kind: str = "", story: str = "", language: str = "",
                offset: int = Query(0, ge=0), partial: bool = False) -> HTMLResponse:
    """Quotes (and on the first page, articles) matching q; ``partial`` returns only the next results (htmx)."""
    store = store_of(request)
    mode = mode if mode in MODES else "hybrid"
    filters = {"speaker": speaker, "outlet": outlet, "since": since, "until": until, "kind": kind, "story": story,
               "language": language}
    params = {"q": q, "mode": mode, **filters}
    page = {"params": params, "outlets": outlet_names(store), "modes": MODES, "results": None, "articles": None,
            "error": None, "next_offset": None}
    if q.strip():
        given = {k: v.strip() or None for k, v in filters.items()}
        try:
            page["results"] = search(store, q, mode=mode, limit=PAGE, offset=offset, context=True, **given)
            if offset == 0 and not partial:
                page["articles"] = search_articles(store, q, limit=ARTICLES, **{k: given[k] for k in
                                                   ("outlet", "since", "until", "story", "language")})
        except ValueError as exc:
            page["error"] = str(exc)
        else:
            page["next_offset"] = next_offset(page["results"], mode, offset)
    template = "_results.html" if partial else "search.html"
    return render(request, template, status_code=400 if page["error"] else 200, **page)
