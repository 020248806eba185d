"""Framing profiles from the store: for each outlet (or article), which term it used for each concept, by voice.

The counting is ``analyze.framing_profile`` (one implementation for the pipeline and the read side); this module
only reads the stored hits and labels the groups for display.
"""

from __future__ import annotations

from typing import Any

from ..analyze.framing_profile import ProfileBy, profile_rows
from ..records import FramingHit
from ..store import Store
from .records import framing_rows

UNKNOWN = "(unknown)"


def framing_profile(store: Store, *, by: ProfileBy = "outlet", concept: str | None = None) -> list[dict[str, Any]]:
    """Rows of (outlet|article, concept, term) with counts per voice, terms folded to lower case.

    ``outlet`` shows '(unknown)' when the outlet is not known; with ``by="article"`` the ``article`` column is the
    article's title (its source when untitled) and ``article_id`` says which one.
    """
    stored = framing_rows(store, concept=concept)
    labels = {r["article_id"]: r["title"] or r["source"] for r in stored}
    hits = [(r["outlet"], FramingHit(r["article_id"], r["term"].lower(), r["concept"], r["voice"], (0, 0)))
            for r in stored]
    rows = profile_rows(hits, by=by)
    for row in rows:
        row["outlet"] = row["outlet"] or UNKNOWN
        if by == "article":
            row["article"] = labels[row["article_id"]]
    return rows
