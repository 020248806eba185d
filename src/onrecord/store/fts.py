"""Full-text search, one query language on two engines: SQLite FTS5 and PostgreSQL tsvector.

The index DDL is versioned with the migration that creates it (``*_V1`` for revision 0001): change it only in a
new migration. SQLite indexes are external-content FTS5 tables over ``articles`` and ``quotes``, keyed by rowid and
kept in sync by triggers; a migration that rebuilds either table (Alembic batch mode) must recreate the triggers
and call :func:`rebuild`. PostgreSQL indexes are GENERATED ``tsv`` columns with GIN indexes; quote searches read
``quote_search`` (revision 0003), a narrow trigger-kept copy of the quotes' tsvector and filter columns.

Query syntax (the same on both): words (implicitly ANDed), ``"exact phrases"``, ``prefix*``, ``AND``, ``OR``,
``a NOT b`` and parentheses. Operators are upper case; anything without a letter or digit is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, column, func, literal_column, select, table
from sqlalchemy.sql import ColumnElement, Subquery

TOKENIZE = "porter unicode61 remove_diacritics 2"
PG_CONFIG = "english"
PG_ARTICLE_TEXT_LIMIT = 250_000  # characters of an article indexed on PostgreSQL (a tsvector is capped at 1 MB)

SQLITE_DDL_V1 = [
    f"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', "
    f"tokenize='{TOKENIZE}')",
    f"CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content='quotes', content_rowid='rowid', "
    f"tokenize='{TOKENIZE}')",
]
for _t, _cols in (("articles", ("title", "text")), ("quotes", ("text", "speaker"))):
    _c = ", ".join(_cols)
    _new = ", ".join(f"new.{c}" for c in _cols)
    _old = ", ".join(f"old.{c}" for c in _cols)
    _ins = f"INSERT INTO {_t}_fts(rowid, {_c}) VALUES (new.rowid, {_new});"
    _del = f"INSERT INTO {_t}_fts({_t}_fts, rowid, {_c}) VALUES ('delete', old.rowid, {_old});"
    SQLITE_DDL_V1 += [
        f"CREATE TRIGGER {_t}_fts_ai AFTER INSERT ON {_t} BEGIN {_ins} END",
        f"CREATE TRIGGER {_t}_fts_ad AFTER DELETE ON {_t} BEGIN {_del} END",
        f"CREATE TRIGGER {_t}_fts_au AFTER UPDATE OF {_c} ON {_t} BEGIN {_del} {_ins} END",
    ]
SQLITE_DROP_V1 = [
    *(f"DROP TRIGGER IF EXISTS {t}_fts_{s}" for t in ("articles", "quotes") for s in ("ai", "ad", "au")),
    "DROP TABLE IF EXISTS articles_fts",
    "DROP TABLE IF EXISTS quotes_fts",
]

_cfg = f"'{PG_CONFIG}'::regconfig"
PG_DDL_V1 = [
    f"ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector({_cfg}, coalesce(title, '')), 'A') || "
    f"setweight(to_tsvector({_cfg}, left(text, {PG_ARTICLE_TEXT_LIMIT})), 'B')) STORED",
    "CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)",
    f"ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector({_cfg}, text), 'A') || "
    f"setweight(to_tsvector({_cfg}, coalesce(speaker, '')), 'B')) STORED",
    "CREATE INDEX ix_quotes_tsv ON quotes USING gin (tsv)",
]
# A GIN index buffers new rows in a "pending list" that every search scans in full (up to 4 MB by default: ~10 ms
# per query at a million quotes). Revision 0002 bounds it; ``tidy`` empties it at the end of an ingest run.
PG_PENDING_LIST_KB = 256
PG_DDL_V2 = [f"ALTER INDEX {ix} SET (gin_pending_list_limit = {PG_PENDING_LIST_KB})"
             for ix in ("ix_articles_tsv", "ix_quotes_tsv")]
PG_DROP_V2 = [f"ALTER INDEX {ix} RESET (gin_pending_list_limit)" for ix in ("ix_articles_tsv", "ix_quotes_tsv")]
# Revision 0003: ``quote_search``, a narrow copy of what quote searches read on PostgreSQL: the tsvector and the
# filter columns (outlet and date denormalised from the article), kept in step by triggers. A filtered search then
# intersects the full-text index with a btree before it touches a row (a GIN bitmap AND (outlet, day)), and an
# unfiltered one visits rows of ~250 bytes instead of ~400. ``day`` is the date a quote counts under
# (filters.when): when it was said, else when its article was published.
PG_SEARCH_TABLE = "quote_search"
_SEARCH_ROW = ("SELECT q.quote_id, q.tsv, a.outlet, coalesce(q.said_on, a.published), q.speaker, q.kind "
               "FROM {quotes} q JOIN articles a ON a.article_id = q.article_id")
_PLPGSQL = "RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN {body} RETURN NULL; END $$"
PG_DDL_V3 = [
    ("CREATE TABLE quote_search (quote_id text COLLATE \"C\" PRIMARY KEY "
     "REFERENCES quotes (quote_id) ON DELETE CASCADE, tsv tsvector NOT NULL, outlet text COLLATE \"C\", "
     "day text COLLATE \"C\", speaker text COLLATE \"C\", kind text COLLATE \"C\")"),
    "INSERT INTO quote_search " + _SEARCH_ROW.format(quotes="quotes"),
    f"CREATE INDEX ix_quote_search_tsv ON quote_search USING gin (tsv) WITH (gin_pending_list_limit = {PG_PENDING_LIST_KB})",
    "CREATE INDEX ix_quote_search_outlet_day ON quote_search (outlet, day)",
    "CREATE INDEX ix_quote_search_day ON quote_search (day)",
    "CREATE INDEX ix_quote_search_speaker ON quote_search (speaker)",
    # new quotes: one set-based insert per statement (the writer inserts a batch's articles before its quotes)
    "CREATE FUNCTION quote_search_added() " + _PLPGSQL.format(
        body="INSERT INTO quote_search " + _SEARCH_ROW.format(quotes="added") + ";"),
    ("CREATE TRIGGER quote_search_ai AFTER INSERT ON quotes REFERENCING NEW TABLE AS added "
     "FOR EACH STATEMENT EXECUTE FUNCTION quote_search_added()"),
    # changed quotes (only those whose searched columns changed: setting statement ids touches no search row)
    "CREATE FUNCTION quote_search_quote_changed() " + _PLPGSQL.format(body=(
        "UPDATE quote_search s SET tsv = n.tsv, day = coalesce(n.said_on, a.published), speaker = n.speaker, "
        "kind = n.kind FROM changed n JOIN before o ON o.quote_id = n.quote_id "
        "JOIN articles a ON a.article_id = n.article_id WHERE s.quote_id = n.quote_id AND "
        "(o.tsv, o.said_on, o.speaker, o.kind) IS DISTINCT FROM (n.tsv, n.said_on, n.speaker, n.kind);")),
    ("CREATE TRIGGER quote_search_au AFTER UPDATE ON quotes REFERENCING OLD TABLE AS before NEW TABLE AS changed "
     "FOR EACH STATEMENT EXECUTE FUNCTION quote_search_quote_changed()"),
    # changed articles (outlet or published; linking stories touches no search row)
    "CREATE FUNCTION quote_search_article_changed() " + _PLPGSQL.format(body=(
        "UPDATE quote_search s SET outlet = n.outlet, day = coalesce(q.said_on, n.published) "
        "FROM changed n JOIN before o ON o.article_id = n.article_id "
        "JOIN quotes q ON q.article_id = n.article_id WHERE s.quote_id = q.quote_id AND "
        "(o.outlet, o.published) IS DISTINCT FROM (n.outlet, n.published);")),
    ("CREATE TRIGGER quote_search_article_au AFTER UPDATE ON articles REFERENCING OLD TABLE AS before "
     "NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quote_search_article_changed()"),
    "ANALYZE quote_search",
]
PG_DROP_V3 = [
    "DROP TRIGGER IF EXISTS quote_search_article_au ON articles",
    "DROP TRIGGER IF EXISTS quote_search_au ON quotes",
    "DROP TRIGGER IF EXISTS quote_search_ai ON quotes",
    "DROP FUNCTION IF EXISTS quote_search_article_changed()",
    "DROP FUNCTION IF EXISTS quote_search_quote_changed()",
    "DROP FUNCTION IF EXISTS quote_search_added()",
    "DROP TABLE IF EXISTS quote_search",
]
PG_DROP_V1 = [
    "DROP INDEX IF EXISTS ix_quotes_tsv",
    "ALTER TABLE quotes DROP COLUMN IF EXISTS tsv",
    "DROP INDEX IF EXISTS ix_articles_tsv",
    "ALTER TABLE articles DROP COLUMN IF EXISTS tsv",
]

# names the full-text machinery adds beside schema.py's tables (schema comparisons skip them)
EXTRA_TABLE_PREFIXES = ("articles_fts", "quotes_fts", PG_SEARCH_TABLE)
EXTRA_COLUMNS = {"tsv"}
EXTRA_INDEXES = {"ix_articles_tsv", "ix_quotes_tsv", "ix_quote_search_tsv", "ix_quote_search_outlet_day",
                 "ix_quote_search_day", "ix_quote_search_speaker"}


def search_table():
    """PostgreSQL's quote_search (revision 0003) as a selectable: quote_id, tsv, outlet, day, speaker, kind."""
    from sqlalchemy import Text
    from sqlalchemy.dialects import postgresql

    text = Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")
    return table(PG_SEARCH_TABLE, column("quote_id", text), column("tsv"), column("outlet", text),
                 column("day", text), column("speaker", text), column("kind", text))


def ddl(dialect: str) -> list[str]:
    """The statements that create the full-text indexes (revision 0001) on this dialect."""
    return {"sqlite": SQLITE_DDL_V1, "postgresql": PG_DDL_V1}[dialect]


def drop_ddl(dialect: str) -> list[str]:
    """The statements that remove them again."""
    return {"sqlite": SQLITE_DROP_V1, "postgresql": PG_DROP_V1}[dialect]


SQLITE_ANALYSIS_LIMIT = 1000  # rows ANALYZE samples per index: approximate statistics in a fraction of a second


def tidy(conn: Connection) -> None:
    """After a run of writes: on SQLite, refresh the planner's statistics (sampled), without which it joins a quote's
    article through the primary key rather than the covering filter index (revision 0004) and filtered searches
    read whole article rows; on PostgreSQL, fold the GIN pending lists into the indexes."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")
    if conn.dialect.name == "postgresql":  # a Store is at head when it is open: quote_search exists
        for ix in ("ix_articles_tsv", "ix_quotes_tsv", "ix_quote_search_tsv"):
            conn.exec_driver_sql(f"SELECT gin_clean_pending_list('{ix}'::regclass)")


def rebuild(conn: Connection) -> None:
    """Re-index every row (SQLite; needed after anything that renumbers rowids, PostgreSQL needs nothing)."""
    if conn.dialect.name == "sqlite":
        for t in ("articles_fts", "quotes_fts"):
            conn.exec_driver_sql(f"INSERT INTO {t}({t}) VALUES ('rebuild')")


# --- the query language -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Term:
    """A word or "phrase"; ``prefix`` when it ended in ``*``."""

    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Op:
    """AND / OR over two or more parts, or NOT (parts[0] but not parts[1])."""

    name: str
    parts: tuple[Term | Op, ...]


Node = Term | Op
_TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*")|(?P<quote>")|(?P<paren>[()])|(?P<word>[^\s"()]+))')
_OPERATORS = ("AND", "OR", "NOT")
_MEANINGFUL = re.compile(r"[^\W_]")  # a letter or digit


def _fail(query: str, why: str) -> ValueError:
    return ValueError(f"cannot search for {query!r}: {why}")


def _tokens(query: str) -> list[str | Term]:
    """Operators and parentheses as strings, words and phrases as Terms; meaningless bits dropped."""
    out: list[str | Term] = []
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if m is None:  # only trailing whitespace left
            break
        pos = m.end()
        if m["quote"]:
            raise _fail(query, 'a phrase is missing its closing " (write "exact words")')
        if m["paren"]:
            out.append(m["paren"])
        elif m["phrase"]:
            text = m["phrase"][1:-1]
            prefix = False
            if query.startswith("*", pos):
                prefix, pos = True, pos + 1
            if _MEANINGFUL.search(text):
                out.append(Term(text, prefix))
        elif m["word"] in _OPERATORS:
            out.append(m["word"])
        else:
            word = m["word"]
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if _MEANINGFUL.search(word):
                out.append(Term(word, prefix))
    return out


class _Parser:
    """Recursive descent: or := and (OR and)* ; and := not (AND? not)* ; not := atom (NOT atom)* ; atom := term | (or)."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.toks = _tokens(query)
        self.i = 0

    def parse(self) -> Node:
        if not self.toks:
            raise _fail(self.query, "there is no word to search for")
        node = self._or()
        if self.i < len(self.toks):
            tok = self.toks[self.i]
            raise _fail(self.query, "a ) has no matching (" if tok == ")" else f"unexpected {tok!r}")
        return node

    def _peek(self) -> str | Term | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def _or(self) -> Node:
        parts = [self._and()]
        while self._peek() == "OR":
            self.i += 1
            parts.append(self._and("OR"))
        return parts[0] if len(parts) == 1 else Op("OR", tuple(parts))

    def _and(self, after: str | None = None) -> Node:
        parts = [self._not(after)]
        while (tok := self._peek()) is not None and tok not in ("OR", ")"):
            if tok == "AND":
                self.i += 1
            parts.append(self._not("AND" if tok == "AND" else None))
        return parts[0] if len(parts) == 1 else Op("AND", tuple(parts))

    def _not(self, after: str | None) -> Node:
        node = self._atom(after)
        while self._peek() == "NOT":
            self.i += 1
            node = Op("NOT", (node, self._atom("NOT")))
        return node

    def _atom(self, after: str | None) -> Node:
        tok = self._peek()
        if isinstance(tok, Term):
            self.i += 1
            return tok
        if tok == "(":
            self.i += 1
            node = self._or()
            if self._peek() != ")":
                raise _fail(self.query, "a ( is never closed")
            self.i += 1
            return node
        if after:
            raise _fail(self.query, f"{after} needs a word after it")
        if tok in _OPERATORS:
            hint = " (write: lavrov NOT interview)" if tok == "NOT" else ""
            raise _fail(self.query, f"{tok} needs a word before it{hint}")
        if tok == ")":
            if self.i and self.toks[self.i - 1] == "(":
                raise _fail(self.query, "a pair of parentheses holds no word")
            raise _fail(self.query, "a ) has no matching (" if self.i else "it starts with )")
        raise _fail(self.query, "it ends where a word was expected")


def parse(query: str) -> Node:
    """The query as a tree; ValueError with the reason when it is not a valid query."""
    return _Parser(query).parse()


def to_fts5(node: Node) -> str:
    """An FTS5 MATCH expression: every term quoted, so no user text is read as FTS5 syntax."""
    if isinstance(node, Term):
        return '"' + node.text.replace('"', '""') + '"' + ("*" if node.prefix else "")
    return "(" + f" {node.name} ".join(to_fts5(p) for p in node.parts) + ")"


def to_tsquery(node: Node) -> ColumnElement:
    """A PostgreSQL tsquery expression built from bound parameters (no user text is parsed as tsquery syntax)."""
    if isinstance(node, Term):
        if node.prefix:
            words = re.findall(r"[^\W_]+", node.text)  # nothing the tsquery parser could read as syntax
            return func.to_tsquery(literal_column(_cfg), " <-> ".join(words) + ":*")
        return func.phraseto_tsquery(literal_column(_cfg), node.text)
    parts = [to_tsquery(p) for p in node.parts]
    if node.name == "NOT":
        return func.tsquery_and(parts[0], func.tsquery_not(parts[1]))
    combine = func.tsquery_and if node.name == "AND" else func.tsquery_or
    out = parts[0]
    for p in parts[1:]:
        out = combine(out, p)
    return out


def quote_matches(dialect: str, query: str, limit: int) -> tuple[Subquery, ColumnElement]:
    """The best ``limit`` quotes matching query as a subquery (key, score: higher is better) and its join to quotes."""
    node = parse(query)
    if dialect == "sqlite":
        fts = table("quotes_fts", column("rowid"))
        name = literal_column("quotes_fts")
        score = (-func.bm25(name)).label("score")
        sub = (select(fts.c.rowid.label("key"), score).where(name.op("MATCH")(to_fts5(node)))
               .order_by(score.desc()).limit(limit).subquery("m"))
        return sub, sub.c.key == literal_column("quotes.rowid")
    tsq = to_tsquery(node)
    tsv = literal_column("tsv")
    score = func.ts_rank(tsv, tsq).label("score")
    sub = (select(literal_column("quote_id").label("key"), score).select_from(table("quotes"))
           .where(tsv.op("@@")(tsq)).order_by(score.desc()).limit(limit).subquery("m"))
    return sub, sub.c.key == literal_column("quotes.quote_id")
