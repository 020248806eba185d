"""Server-rendered pages, one module per page; this module holds what they share: templates and the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ... import __version__
from ...store import Store

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def urlpart(value: Any) -> str:
    """A value made safe as one path segment (slashes too are encoded)."""
    return quote(str(value), safe="")


def http_url(value: Any) -> bool:
    """Whether a value is an http(s) URL, the only kind pages turn into links (never javascript: and the like)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """The parameters (with changes) as a query string, leaving out empty ones."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                  trim_blocks=True, lstrip_blocks=True)
env.filters["urlpart"] = urlpart
env.filters["http_url"] = http_url
env.globals.update(version=__version__, query_string=query_string)
templates = Jinja2Templates(env=env)


def render(request: Request, name: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered as an HTML response (autoescaped: article text always shows as text)."""
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def store_of(request: Request) -> Store:
    """The app's store."""
    return request.app.state.store
