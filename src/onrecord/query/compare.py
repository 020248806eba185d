"""Outlets side by side: what each quoted in a story, how each worded the same statement, which framing terms each used."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Any

from sqlalchemy import Connection, select

from ..store import Store
from ..store.engine import transaction
from ..store.schema import framing_hits, statements
from .export import quote_record
from .records import get_statement, get_story
from .segments import Span, mark, relative

UNKNOWN = "(unknown outlet)"
_NORM = re.compile(r"[^\w]+")


def word_diff(reference: str, text: str) -> list[dict[str, str]]:
    """How ``text`` differs from ``reference`` word by word: pieces ``{"op": "same"|"del"|"ins", "text"}``.

    Words compare without case and punctuation; ``del`` pieces are the reference's words, the others the text's.
    """
    a, b = reference.split(), text.split()
    matcher = difflib.SequenceMatcher(None, [_NORM.sub("", w.lower()) for w in a],
                                      [_NORM.sub("", w.lower()) for w in b], autojunk=False)
    out: list[dict[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append({"op": "same", "text": " ".join(b[j1:j2])})
            continue
        if i2 > i1:
            out.append({"op": "del", "text": " ".join(a[i1:i2])})
        if j2 > j1:
            out.append({"op": "ins", "text": " ".join(b[j1:j2])})
    return out


def framing_spans(conn: Connection, article_ids: list[str]) -> dict[str, list[Span]]:
    """Framing hits of these articles as spans ``(start, end, {term, concept, voice})``, by article."""
    out: dict[str, list[Span]] = {}
    if not article_ids:
        return out
    stmt = select(framing_hits).where(framing_hits.c.article_id.in_(article_ids)).order_by(framing_hits.c.span_start)
    for h in conn.execute(stmt):
        out.setdefault(h.article_id, []).append(
            (h.span_start, h.span_end, {"term": h.term, "concept": h.concept, "voice": h.voice}))
    return out


def _with_marks(q: dict[str, Any], spans: dict[str, list[Span]]) -> dict[str, Any]:
    """A quote record with ``pieces``: its text with the framing terms inside it marked."""
    start, end = q["span"]
    rec = quote_record(q) | {"title": q.get("title")}
    rec["pieces"] = mark(q["text"], {"framing": relative(spans.get(q["article_id"], []), start, end)})
    return rec


def _renderings(quotes: list[dict[str, Any]], earliest: str | None) -> list[dict[str, Any]]:
    """Each quote with its word diff against the reference rendering (the earliest reported)."""
    ref = next((q for q in quotes if q["quote_id"] == earliest), quotes[0])
    return [q | {"reference": q is ref, "diff": word_diff(ref["text"], q["text"]),
                 "same_wording": q["text"].split() == ref["text"].split()} for q in quotes]


def compare(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's outlets side by side (columns), its statements across outlets with wording diffs, its framing terms."""
    story = get_story(store, story_id)
    if story is None:
        return None
    with transaction(store.engine, write=False) as conn:
        spans = framing_spans(conn, [a["article_id"] for a in story["articles"]])
        ids = sorted({q["statement_id"] for q in story["quotes"] if q["statement_id"]})
        meta = {r.statement_id: r for r in conn.execute(select(statements).where(statements.c.statement_id.in_(ids)))}
    quotes = [_with_marks(q, spans) for q in story["quotes"]]
    by_statement: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        if q["statement_id"]:
            by_statement.setdefault(q["statement_id"], []).append(q)
    shared = {sid for sid, qs in by_statement.items() if len({q["outlet"] for q in qs}) > 1}
    names = list(dict.fromkeys(a["outlet"] or UNKNOWN for a in story["articles"]))
    columns = {n: {"outlet": n, "articles": [], "quotes": [], "speakers": Counter(), "framing": Counter()} for n in names}
    for a in story["articles"]:
        col = columns[a["outlet"] or UNKNOWN]
        col["articles"].append(a)
        for _, _, info in spans.get(a["article_id"], []):
            col["framing"][(info["concept"], info["term"].lower())] += 1
    for q in quotes:
        col = columns[q["outlet"] or UNKNOWN]
        col["quotes"].append(q | {"shared": q["statement_id"] in shared})
        col["speakers"][q["speaker"] or "(unattributed)"] += 1
    for col in columns.values():
        col["speakers"] = [{"speaker": s, "quotes": n} for s, n in col["speakers"].most_common()]
        col["framing"] = [{"concept": c, "term": t, "count": n} for (c, t), n in sorted(col["framing"].items())]
    concepts = sorted({f["concept"] for col in columns.values() for f in col["framing"]})
    framing = [{"concept": c, "by_outlet": [{"outlet": n, "terms": [f["term"] for f in columns[n]["framing"]
                                                                     if f["concept"] == c]} for n in names]}
               for c in concepts]
    stmts = []
    for sid, qs in by_statement.items():
        m = meta.get(sid)
        stmts.append({"statement_id": sid, "speaker": (m.speaker if m else None) or qs[0]["speaker"],
                      "text": (m.text if m else None) or qs[0]["text"], "outlets": list(dict.fromkeys(q["outlet"] for q in qs)),
                      "shared": sid in shared, "renderings": _renderings(qs, m.earliest_quote_id if m else None)})
    stmts.sort(key=lambda s: (not s["shared"], -len(s["renderings"]), s["statement_id"]))
    return {"story_id": story_id, "title": story["title"], "first_published": story["first_published"],
            "outlets": list(columns.values()), "statements": stmts, "framing": framing}


def statement_view(store: Store, statement_id: str) -> dict[str, Any] | None:
    """A statement and every outlet's rendering of it, each diffed word by word against the earliest."""
    st = get_statement(store, statement_id)
    if st is None:
        return None
    with transaction(store.engine, write=False) as conn:
        spans = framing_spans(conn, list({q["article_id"] for q in st["renderings"]}))
    quotes = [_with_marks(q, spans) for q in st["renderings"]]
    return {k: v for k, v in st.items() if k != "renderings"} | {
        "outlets": list(dict.fromkeys(q["outlet"] for q in quotes)),
        "renderings": _renderings(quotes, st["earliest_quote_id"])}
