"""One statement: every outlet's rendering of it, word differences against the earliest marked."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from ...query.compare import statement_view
from . import render, store_of

router = APIRouter(include_in_schema=False)


@router.get("/statements/{statement_id}", response_class=HTMLResponse, name="statement_page")
def statement_page(request: Request, statement_id: str) -> HTMLResponse:
    """Every rendering of a statement, earliest first."""
    st = statement_view(store_of(request), statement_id)
    if st is None:
        raise HTTPException(404, f"no statement {statement_id!r}")
    return render(request, "statement.html", st=st)
