"""The web UI and JSON API: ``create_app(db)`` returns the FastAPI application (see app.py)."""

from .app import create_app

__all__ = ["create_app"]
