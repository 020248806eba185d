"""Search over quotes (full text, semantic, or both fused) and over articles (full text), with filters.

Full text uses the store's index (SQLite FTS5 / PostgreSQL tsvector) and its query language (``store/fts.py``):
words, "phrases", prefix*, AND, OR, NOT, parentheses. Semantic search ranks quotes by cosine similarity of their
vectors (see ``vectors.py``). Hybrid fuses the two rankings by reciprocal rank fusion: score = sum of
1 / (RRF_K + rank) over the rankings a quote appears in.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    case,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import ColumnElement, Select

from ..store import Store, fts
from ..store.engine import transaction
from ..store.reader import quote_dict
from ..store.schema import TEXT, articles, quotes
from .export import quote_record
from .filters import QuoteFilter, check_date
from .segments import CONTEXT_CHARS, sentence_context
from .vectors import vectors_for

MODES = ("hybrid", "fts", "semantic")
RRF_K = 60
MAX_DEPTH = 1000  # semantic and hybrid rank this many candidates at most: offset + limit must stay within it
MIN_POOL = 100
EXACT_SUBSET = 5_000  # a filter matching at most this many quotes is searched exactly; larger ones post-filter
WIDEN = 10  # broad filters check this many times the wanted depth of nearest quotes
SEMANTIC_FLOOR = 0.3  # cosine similarity below which a quote is no semantic match (an embedder may set its own)
PG_RANK_CAP = 5_000
"""On PostgreSQL, full-text search over quotes reads, ranks and pages within at most this many matches (issue 7).

ts_rank needs each match's row (one heap visit), and so does an exact count: a word found in tens of thousands of
quotes costs hundreds of milliseconds however few results are shown, and GIN cannot rank inside the index the way
SQLite's FTS5 does. So, like Elasticsearch's track_total_hits, a broad query stops after PG_RANK_CAP + 1 matching
rows (in the order the index hands them over, not by relevance), ranks those with ts_rank, and pages within the
best PG_RANK_CAP of them: its ``total`` is PG_RANK_CAP with ``total_is_lower_bound`` set, and a page past
PG_RANK_CAP is refused (ValueError) with a hint to narrow the search. Queries with fewer matches are exact. SQLite
counts and ranks every match and is never capped."""
_ARTICLE_COLS = (articles.c.source, articles.c.outlet, articles.c.published, articles.c.story_id, articles.c.title)


def _no_nul(value: str | None) -> str | None:
    """The text without NUL characters (which no database accepts in a query)."""
    return value.replace("\x00", " ") if value else value


def _check_page(limit: int, offset: int) -> None:
    if limit < 1:
        raise ValueError(f"limit={limit} must be at least 1")
    if offset < 0:
        raise ValueError(f"offset={offset} must not be negative")


def quote_match(conn: Connection, node: fts.Node) -> tuple[Any, Any, ColumnElement, ColumnElement, Any]:
    """(index alone, index joined to quotes, match condition, score, key column) of a full-text query over quotes."""
    if conn.dialect.name == "sqlite":
        idx = table("quotes_fts", column("rowid"))
        name = literal_column("quotes_fts")
        src = idx.join(quotes, idx.c.rowid == literal_column("quotes.rowid"))
        return idx, src, name.op("MATCH")(fts.to_fts5(node)), -func.bm25(name), idx.c.rowid
    tsq = fts.to_tsquery(node)
    tsv = literal_column("quotes.tsv")
    return quotes, quotes, tsv.op("@@")(tsq), func.ts_rank(tsv, tsq), quotes.c.quote_id


def _with_articles(src: Any, flt: QuoteFilter) -> Any:
    return src.join(articles, quotes.c.article_id == articles.c.article_id) if flt.needs_articles else src


def fts_ranked(conn: Connection, node: fts.Node, flt: QuoteFilter, *, limit: int, offset: int = 0,
               count: bool = True, clip: bool = False) -> tuple[int, list[tuple[str, float]], bool]:
    """(number of matches, [(quote_id, score)] best first, whether the number is a lower bound) for a parsed
    full-text query and a filter.

    Unfiltered on SQLite, the best matches are ranked inside the FTS5 index and only they are joined to quotes.
    Otherwise one pass over the matches that pass counts and ranks them (a window count): on PostgreSQL each match
    costs a row visit, so a separate count would read every matching row twice, and at most PG_RANK_CAP + 1 of them
    are read (see PG_RANK_CAP and _pg_fts_ranked). There, a page past PG_RANK_CAP is a ValueError when more match,
    unless ``clip``: then the page is cut at PG_RANK_CAP.
    """
    if conn.dialect.name == "postgresql":
        return _pg_fts_ranked(conn, node, flt, limit=limit, offset=offset, count=count, clip=clip)
    idx, src, match, score, key = quote_match(conn, node)
    if flt.empty:
        total = int(conn.execute(select(func.count()).select_from(idx).where(match)).scalar_one()) if count else 0
        best = (select(key.label("key"), score.label("score")).select_from(idx).where(match)
                .order_by(literal_column("score").desc(), key).limit(limit).offset(offset).subquery("m"))
        ranked = (select(quotes.c.quote_id, best.c.score)
                  .select_from(best.join(quotes, best.c.key == literal_column("quotes.rowid")))
                  .order_by(best.c.score.desc(), best.c.key))
        return total, [(qid, float(s)) for qid, s in conn.execute(ranked)], False
    conds = [match, *flt.conditions(conn, driven=True)]
    joined = _with_articles(src, flt)
    passing = select(quotes.c.quote_id, score.label("score"), key.label("key")).select_from(joined).where(*conds)
    sub = passing.subquery("p")
    ranked = (select(sub.c.quote_id, sub.c.score, func.count().over().label("n"))
              .order_by(sub.c.score.desc(), sub.c.key).limit(limit).offset(offset))
    rows = conn.execute(ranked).all()  # one pass: the matches that pass, counted and ranked
    total = rows[0].n if rows else 0
    if not rows and offset and count:  # past the last page: count without ranking
        total = int(conn.execute(select(func.count()).select_from(joined).where(*conds)).scalar_one())
    return total, [(r.quote_id, float(r.score)) for r in rows], False


def _pg_source(conn: Connection, flt: QuoteFilter) -> tuple[Any, Any, list[ColumnElement]]:
    """PostgreSQL: (quote_search, it joined to what the filter reads, the filter's conditions)."""
    side = fts.search_table()
    conds, joins = flt.search_conditions(conn, side)
    src = side
    if joins:
        src = (side.join(quotes, quotes.c.quote_id == side.c.quote_id)
               .join(articles, quotes.c.article_id == articles.c.article_id))
    return side, src, conds


def _pg_fts_ranked(conn: Connection, node: fts.Node, flt: QuoteFilter, *, limit: int, offset: int,
                   count: bool, clip: bool) -> tuple[int, list[tuple[str, float]], bool]:
    """fts_ranked on PostgreSQL, over quote_search (revision 0003): a filter on outlet, dates, speaker or kind is
    an index intersected with the full-text index before any row is read; each match left costs one row visit,
    where its score is computed. The LIMIT inside the subquery (PG_RANK_CAP + 1) stops the bitmap heap scan early
    on broad queries, and keeps the planner from carrying tsvectors up to the window count."""
    cap = PG_RANK_CAP
    if clip:
        limit = max(1, min(limit, cap - offset))
    side, src, conds = _pg_source(conn, flt)
    tsq = fts.to_tsquery(node)
    score = func.ts_rank(side.c.tsv, tsq)
    sub = (select(side.c.quote_id, score.label("score")).select_from(src).where(side.c.tsv.op("@@")(tsq), *conds)
           .limit(cap + 1).subquery("p"))
    ranked = (select(sub.c.quote_id, sub.c.score, func.count().over().label("n"))
              .order_by(sub.c.score.desc(), sub.c.quote_id).limit(limit).offset(offset))
    rows = conn.execute(ranked).all()
    found = rows[0].n if rows else 0
    if not rows and offset and count:  # past the last page: count without ranking (at most cap + 1 rows again)
        found = int(conn.execute(select(func.count()).select_from(sub)).scalar_one())
    capped = found > cap
    if capped and offset + limit > cap:
        raise ValueError(f"offset + limit = {offset + limit} goes past the first {cap:,} full-text matches, which is "
                         f"as far as results are ranked on PostgreSQL and more than {cap:,} quotes match: narrow the "
                         "search with more words or with filters (speaker, outlet, since/until, kind, story)")
    return min(found, cap), [(r.quote_id, float(r.score)) for r in rows], capped


def _filtered_ids(conn: Connection, flt: QuoteFilter, ids: list[str] | None = None, cap: int | None = None) -> list[str]:
    """Quote ids passing the filter (among ``ids`` when given), at most ``cap``."""
    if conn.dialect.name == "postgresql":  # quote_search: the filter's indexes, and the ids as one array
        side, src, conds = _pg_source(conn, flt)
        stmt: Select = select(side.c.quote_id).select_from(src).where(*conds)
        if ids is not None:
            stmt = stmt.where(side.c.quote_id == func.any(bindparam("ids", list(ids), type_=postgresql.ARRAY(TEXT))))
        return list(conn.execute(stmt.limit(cap) if cap is not None else stmt).scalars())
    conds = flt.conditions(conn, driven=ids is not None)
    stmt = select(quotes.c.quote_id).select_from(_with_articles(quotes, flt)).where(*conds)
    if ids is not None:
        stmt = stmt.where(quotes.c.quote_id.in_(ids))
    if cap is not None:
        stmt = stmt.limit(cap)
    return list(conn.execute(stmt).scalars())


def semantic_ranked(store: Store, conn: Connection, q: str, flt: QuoteFilter, *, depth: int,
                    need: int) -> list[tuple[str, float]]:
    """[(quote_id, similarity)] of up to ``depth`` quotes closest in meaning that pass the filter, best first.

    A filter on speaker or story (a few thousand quotes at most, indexed) is searched exactly over its quotes. Broad
    filters (outlet, dates, kind, language) check the WIDEN x depth nearest quotes, and fall back to the exact scan
    when fewer than ``need`` of them pass.
    """
    vectors = vectors_for(store)
    index = vectors.index()
    query = vectors.encode_query(q)
    if not query.any():
        return []
    hits: list[tuple[str, float]] = []
    if flt.empty:
        hits = index.search(query, depth)
    else:
        if not (flt.speaker or flt.story):
            wide = index.search(query, depth * WIDEN)
            passing = set(_filtered_ids(conn, flt, [qid for qid, _ in wide]))
            hits = [(qid, s) for qid, s in wide if qid in passing][:depth]
        if len(hits) < need:
            allowed = _filtered_ids(conn, flt, cap=EXACT_SUBSET + 1)
            if len(allowed) <= EXACT_SUBSET or not hits:
                hits = index.search(query, depth, subset=index.positions(allowed[:EXACT_SUBSET]))
    floor = getattr(vectors.embedder, "min_similarity", SEMANTIC_FLOOR)
    return [(qid, s) for qid, s in hits if s >= floor]


def fuse(*rankings: list[tuple[str, float]]) -> list[tuple[str, float, str]]:
    """Reciprocal rank fusion: [(quote_id, fused score, 'fts'|'semantic'|'both')] best first."""
    scores: dict[str, float] = {}
    seen: dict[str, set[int]] = {}
    for which, ranking in enumerate(rankings):
        for rank, (qid, _) in enumerate(ranking, 1):
            scores[qid] = scores.get(qid, 0.0) + 1.0 / (RRF_K + rank)
            seen.setdefault(qid, set()).add(which)
    names = ("fts", "semantic")
    out = [(qid, s, "both" if len(seen[qid]) > 1 else names[next(iter(seen[qid]))]) for qid, s in scores.items()]
    return sorted(out, key=lambda t: (-t[1], t[0]))


def quote_records(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Export records (plus title) of the given quotes, by id."""
    if not ids:
        return {}
    stmt = (select(quotes, *_ARTICLE_COLS).join_from(quotes, articles, quotes.c.article_id == articles.c.article_id)
            .where(quotes.c.quote_id.in_(ids)))
    out = {}
    for row in conn.execute(stmt):
        d = quote_dict(row)
        out[d["quote_id"]] = quote_record(d) | {"title": d["title"]}
    return out


def add_context(conn: Connection, results: list[dict[str, Any]], chars: int = CONTEXT_CHARS) -> None:
    """Give each result its sentence in the article: ``context = {before, text, after}``."""
    ids = [r["quote_id"] for r in results]
    if not ids:
        return
    start = case((quotes.c.span_start > chars, quotes.c.span_start - chars), else_=0)
    stmt = (select(quotes.c.quote_id, start.label("o"), func.length(articles.c.text).label("n"),
                   func.substr(articles.c.text, start + 1, quotes.c.span_end - start + chars).label("w"))
            .join_from(quotes, articles, quotes.c.article_id == articles.c.article_id).where(quotes.c.quote_id.in_(ids)))
    windows = {r.quote_id: r for r in conn.execute(stmt)}
    for res in results:
        w = windows.get(res["quote_id"])
        if w is None:
            res["context"] = None
            continue
        s, e = res["span"]
        res["context"] = sentence_context(w.w, s - w.o, e - w.o, clipped_left=w.o > 0,
                                          clipped_right=w.o + len(w.w) < w.n)


def search(store: Store, q: str, *, mode: str = "hybrid", speaker: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, kind: str | None = None, story: str | None = None,
           language: str | None = None, limit: int = 20, offset: int = 0, context: bool = False) -> dict[str, Any]:
    """Quotes matching q: ``{"total", "total_is_lower_bound", "results": [export record + score, title, matched
    (+ context)]}``.

    ``total`` counts every full-text match; in semantic mode, the quotes above the similarity floor among the
    best ``max(MIN_POOL, offset + limit)``; in hybrid mode, both (each quote once). On PostgreSQL, when more than
    PG_RANK_CAP quotes match the words, the full-text part of ``total`` is PG_RANK_CAP, ``total_is_lower_bound`` is
    true and results are the best among the first matches found (see PG_RANK_CAP); otherwise it is false.

    ValueError (saying why) for a malformed query, a bad date or filter, a page beyond MAX_DEPTH in semantic/hybrid
    mode, or (PostgreSQL, more than PG_RANK_CAP matches) a full-text page beyond PG_RANK_CAP.
    """
    if mode not in MODES:
        raise ValueError(f"mode={mode!r} is not a search mode: use one of {', '.join(MODES)}")
    _check_page(limit, offset)
    q, speaker, outlet, story, language = (_no_nul(v) for v in (q, speaker, outlet, story, language))
    flt = QuoteFilter(speaker=speaker, outlet=outlet, since=since, until=until, kind=kind, story=story, language=language)
    node = fts.parse(q)  # malformed queries fail here, whatever the mode
    depth = max(MIN_POOL, offset + limit)
    if mode != "fts" and offset + limit > MAX_DEPTH:
        raise ValueError(f"offset + limit = {offset + limit} goes deeper than the {MAX_DEPTH} best {mode} matches: "
                         "narrow the search with filters, or use mode=fts to page further")
    with transaction(store.engine, write=False) as conn:
        lower_bound = False
        if mode == "fts":
            total, ranked, lower_bound = fts_ranked(conn, node, flt, limit=limit, offset=offset)
            page = [(qid, s, "fts") for qid, s in ranked]
        elif mode == "semantic":
            sem = semantic_ranked(store, conn, q, flt, depth=depth, need=offset + limit)
            total, page = len(sem), [(qid, s, "semantic") for qid, s in sem[offset : offset + limit]]
        else:
            total_fts, by_words, lower_bound = fts_ranked(conn, node, flt, limit=depth, clip=True)
            sem = semantic_ranked(store, conn, q, flt, depth=depth, need=offset + limit)
            fused = fuse(by_words, sem)
            words = {qid for qid, _ in by_words}
            total = total_fts + sum(1 for qid, _ in sem if qid not in words)
            page = fused[offset : offset + limit]
        records = quote_records(conn, [qid for qid, _, _ in page])
        results = [records[qid] | {"score": round(s, 6), "matched": how} for qid, s, how in page if qid in records]
        if context:
            add_context(conn, results)
    return {"total": total, "total_is_lower_bound": lower_bound, "results": results}


def _article_match(conn: Connection, node: fts.Node) -> tuple[Any, ColumnElement, ColumnElement, ColumnElement]:
    """(from clause, match condition, score, snippet) of a full-text query over articles."""
    if conn.dialect.name == "sqlite":
        idx = table("articles_fts", column("rowid"))
        name = literal_column("articles_fts")
        src = idx.join(articles, idx.c.rowid == literal_column("articles.rowid"))
        snippet = func.snippet(name, 1, "\x02", "\x03", "…", 24)
        return src, name.op("MATCH")(fts.to_fts5(node)), -func.bm25(name), snippet
    tsq = fts.to_tsquery(node)
    tsv = literal_column("articles.tsv")
    snippet = func.ts_headline(literal_column(f"'{fts.PG_CONFIG}'::regconfig"), func.left(articles.c.text, 20_000), tsq,
                               "StartSel=\x02, StopSel=\x03, MaxWords=30, MinWords=12, MaxFragments=1")
    return articles, tsv.op("@@")(tsq), func.ts_rank(tsv, tsq), snippet


def snippet_pieces(snippet: str | None) -> list[dict[str, Any]]:
    """A snippet with \\x02...\\x03 around matches as pieces ``{"text", "hit": bool}``."""
    pieces: list[dict[str, Any]] = []
    for i, part in enumerate((snippet or "").replace("\x03", "\x02").split("\x02")):
        if part:
            pieces.append({"text": part, "hit": i % 2 == 1})
    return pieces


def search_articles(store: Store, q: str, *, outlet: str | None = None, since: str | None = None,
                    until: str | None = None, story: str | None = None, language: str | None = None,
                    limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles matching q by full text: ``{"total", "results": [article summary + score + snippet pieces]}``."""
    _check_page(limit, offset)
    q, outlet, story, language = (_no_nul(v) for v in (q, outlet, story, language))
    node = fts.parse(q)
    conds: list[ColumnElement] = []
    if outlet:
        conds.append(articles.c.outlet == outlet)
    if since:
        conds.append(articles.c.published >= check_date(since, "since"))
    if until:
        conds.append(func.substr(articles.c.published, 1, len(until)) <= check_date(until, "until"))
    if story:
        conds.append(articles.c.story_id == story)
    if language:
        conds.append(func.lower(articles.c.language) == language.lower())
    with transaction(store.engine, write=False) as conn:
        src, match, score, snippet = _article_match(conn, node)
        total = int(conn.execute(select(func.count()).select_from(src).where(match, *conds)).scalar_one())
        stmt = (select(articles.c.article_id, articles.c.source, articles.c.outlet, articles.c.title,
                       articles.c.published, articles.c.url, articles.c.story_id, articles.c.language,
                       score.label("score"), snippet.label("snippet"))
                .select_from(src).where(match, *conds)
                .order_by(literal_column("score").desc(), articles.c.article_id).limit(limit).offset(offset))
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    for r in rows:
        r["score"] = round(float(r["score"]), 6)
        r["snippet"] = snippet_pieces(r["snippet"])
    return {"total": total, "results": rows}
