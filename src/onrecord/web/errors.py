"""Errors as the client expects them: JSON ``{"error": ...}`` under /api, an HTML page elsewhere."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from .views import render

API_PREFIX = "/api"


def _is_api(request: Request) -> bool:
    return request.url.path == API_PREFIX or request.url.path.startswith(API_PREFIX + "/")


def _validation_message(exc: RequestValidationError) -> str:
    """One line per bad parameter: where, what was wrong."""
    parts = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _respond(request: Request, status: int, message: str, detail: list | None = None) -> Response:
    if _is_api(request):
        body: dict = {"error": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)
    return render(request, "error.html", status_code=status, status=status, message=message)


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    @app.middleware("http")
    async def no_nul(request: Request, call_next):  # a NUL byte can never be meant, and databases reject it
        if "\x00" in request.url.path or any("\x00" in v for _, v in request.query_params.multi_items()):
            return _respond(request, 400, "the request holds a NUL character (%00): remove it")
        return await call_next(request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _respond(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return _respond(request, 422, _validation_message(exc), detail)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> Response:
        return _respond(request, 400, str(exc))
