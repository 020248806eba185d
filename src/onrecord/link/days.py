"""Publication dates as day numbers: the linker's clock (undated articles have none)."""

from __future__ import annotations

from datetime import date


def day_number(published: str | None) -> int | None:
    """Days since 0001-01-01 of an ISO date or datetime ("2022-03-28", "2022-03-10T10:03:00+00:00"); None if absent or bad."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
