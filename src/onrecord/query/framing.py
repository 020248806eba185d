"""Framing profiles: for each outlet (or article), which term it used for each concept, counted by voice."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..store import Store
from .records import framing_rows

VOICES = ("outlet", "quoted", "attributed")


def framing_profile(store: Store, *, by: str = "outlet", concept: str | None = None) -> list[dict[str, Any]]:
    """Rows of (outlet|article, concept, term) with counts per voice; unknown outlets shown as '(unknown)'."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for hit in framing_rows(store, concept=concept):
        key = (hit["outlet"] or "(unknown)") if by == "outlet" else (hit["title"] or hit["source"])
        counts[(key, hit["concept"], hit["term"].lower(), hit["voice"])] += 1
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for (key, con, term, voice), n in counts.items():
        row = grouped.setdefault((key, con, term), {by: key, "concept": con, "term": term,
                                                    "outlet_voice": 0, "quoted": 0, "attributed": 0, "total": 0})
        row["outlet_voice" if voice == "outlet" else voice] += n
        row["total"] += n
    return sorted(grouped.values(), key=lambda r: (r[by], r["concept"], -r["total"], r["term"]))
