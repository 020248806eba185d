"""One article for reading: its metadata, its quotes, and its text in pieces with quotes and framing terms marked."""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..store.engine import transaction
from .compare import framing_spans
from .export import article_record, quote_record
from .segments import Span, mark, relative


def nested_pieces(text: str, quote_spans: list[Span], framing: list[Span]) -> list[dict[str, Any]]:
    """Text cut at quote boundaries (``{"text", "quote", "parts"}``), each piece's ``parts`` marked by framing terms."""
    out = []
    pos = 0
    for piece in mark(text, {"quote": quote_spans}):
        end = pos + len(piece["text"])
        piece["parts"] = mark(piece["text"], {"framing": relative(framing, pos, end)})
        out.append(piece)
        pos = end
    return out


def article_view(store: Store, article_id: str) -> dict[str, Any] | None:
    """The article as exported, plus ``quotes``, ``framing`` and ``pieces`` (text marked by quote and framing spans).

    ValueError when an id prefix is ambiguous; None when there is no such article.
    """
    art = store.get_article(article_id)
    if art is None:
        return None
    with transaction(store.engine, write=False) as conn:
        hits = framing_spans(conn, [art["article_id"]]).get(art["article_id"], [])
    quotes = [quote_record(q | {"source": art["source"], "outlet": art["outlet"], "published": art["published"],
                                "story_id": art["story_id"]}) for q in art["quotes"]]
    quote_spans = [(q["span"][0], q["span"][1], {"quote_id": q["quote_id"], "speaker": q["speaker"], "kind": q["kind"],
                                                 "statement_id": q["statement_id"]}) for q in quotes]
    return article_record(art) | {
        "quotes": quotes,
        "framing": [{"term": i["term"], "concept": i["concept"], "voice": i["voice"], "span": [s, e]} for s, e, i in hits],
        "pieces": nested_pieces(art["text"], quote_spans, hits),
    }
