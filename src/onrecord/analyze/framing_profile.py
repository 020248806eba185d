"""Framing profiles: for each outlet (or article), how often it used each term of each concept, by voice.

    profile([(article.outlet, hit) for article, hits in analysed for hit in hits], by="outlet")
    [{"outlet": "Sputnik International", "hits": 9,
      "concepts": {"war in Ukraine": {"total": 5, "terms": {
          "special military operation": {"outlet": 2, "quoted": 1, "attributed": 0, "total": 3}, ...}}}}]

Counts only: which words were used, and in whose voice. onrecord gives no verdicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Literal

from ..records import FramingHit

VOICES = ("outlet", "quoted", "attributed")
ProfileBy = Literal["outlet", "article"]


def _empty_counts() -> dict[str, int]:
    """Zero counts for every voice, plus the total."""
    return {**{v: 0 for v in VOICES}, "total": 0}


def _key(outlet: str | None, hit: FramingHit, by: ProfileBy) -> tuple[str | None, ...]:
    """What a hit is grouped under: its outlet, or its article (with the article's outlet)."""
    return (outlet,) if by == "outlet" else (hit.article_id, outlet)


def _sort_key(key: tuple[str | None, ...]) -> tuple[tuple[bool, str], ...]:
    """Order groups by name, unknown (None) last."""
    return tuple((k is None, k or "") for k in key)


def count_hits(hits_with_outlet: Iterable[tuple[str | None, FramingHit]], by: ProfileBy = "outlet"
               ) -> dict[tuple[str | None, ...], dict[str, dict[str, dict[str, int]]]]:
    """Nested counts: group key -> concept -> term -> voice -> n."""
    if by not in ("outlet", "article"):
        raise ValueError(f"by must be 'outlet' or 'article', not {by!r}")
    counts: dict[tuple[str | None, ...], dict[str, dict[str, dict[str, int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(_empty_counts)))
    for outlet, hit in hits_with_outlet:
        cell = counts[_key(outlet, hit, by)][hit.concept][hit.term]
        cell[hit.voice] += 1
        cell["total"] += 1
    return counts


def _concept_entry(terms: dict[str, dict[str, int]]) -> dict[str, Any]:
    """One concept's terms, most used first, with the concept's total."""
    ordered = sorted(terms.items(), key=lambda kv: (-kv[1]["total"], kv[0].lower()))
    return {"total": sum(c["total"] for c in terms.values()), "terms": {t: dict(c) for t, c in ordered}}


def profile(hits_with_outlet: Iterable[tuple[str | None, FramingHit]], by: ProfileBy = "outlet") -> list[dict[str, Any]]:
    """One record per outlet (or article) with counts per concept -> term -> voice."""
    out = []
    for key, concepts in sorted(count_hits(hits_with_outlet, by).items(), key=lambda kv: _sort_key(kv[0])):
        head: dict[str, Any] = {"outlet": key[0]} if by == "outlet" else {"article_id": key[0], "outlet": key[1]}
        entries = {c: _concept_entry(terms) for c, terms in sorted(concepts.items())}
        out.append({**head, "hits": sum(e["total"] for e in entries.values()), "concepts": entries})
    return out


def profile_rows(hits_with_outlet: Iterable[tuple[str | None, FramingHit]], by: ProfileBy = "outlet") -> list[dict[str, Any]]:
    """The same counts flat, one row per (outlet or article, concept, term), for tables and CSV."""
    rows = []
    for rec in profile(hits_with_outlet, by):
        head = {k: rec[k] for k in ("article_id", "outlet") if k in rec}
        for concept, entry in rec["concepts"].items():
            for term, c in entry["terms"].items():
                rows.append({**head, "concept": concept, "term": term, "outlet_voice": c["outlet"],
                             "quoted": c["quoted"], "attributed": c["attributed"], "total": c["total"],
                             "share_of_concept": round(c["total"] / entry["total"], 4)})
    return rows
