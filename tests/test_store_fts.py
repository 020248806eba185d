"""The full-text query language: parsing, translation to FTS5, and errors that say what is wrong."""

from __future__ import annotations

import pytest

from onrecord.store import fts
from onrecord.store.fts import Op, Term


@pytest.mark.parametrize(("query", "expected"), [
    ("lavrov", '"lavrov"'),
    ("lavrov talks", '("lavrov" AND "talks")'),
    ("lavrov AND talks", '("lavrov" AND "talks")'),
    ('"special military operation"', '"special military operation"'),
    ("negot*", '"negot"*'),
    ('"peace tal"*', '"peace tal"*'),
    ("a OR b c", '("a" OR ("b" AND "c"))'),
    ("(a OR b) c", '(("a" OR "b") AND "c")'),
    ("a NOT b NOT c", '(("a" NOT "b") NOT "c")'),
    ("talks NOT (peace OR war)", '("talks" NOT ("peace" OR "war"))'),
    ('say "he said ""no"""', '("say" AND "he said " AND "no")'),
    ("speaker:lavrov", '"speaker:lavrov"'),
    ("U.S.-led -- talks", '("U.S.-led" AND "talks")'),
    ("and or not", '("and" AND "or" AND "not")'),
])
def test_queries_translate_to_fts5_with_every_term_quoted(query, expected):
    assert fts.to_fts5(fts.parse(query)) == expected


def test_the_tree():
    assert fts.parse("a b OR c*") == Op("OR", (Op("AND", (Term("a"), Term("b"))), Term("c", prefix=True)))


@pytest.mark.parametrize(("query", "reason"), [
    ("", "no word"),
    ("  -- ** ", "no word"),
    ("_* __", "no word"),
    ('"open', 'closing "'),
    ("(a b", "never closed"),
    ("a b)", "no matching ("),
    (") a", "starts with )"),
    ("OR a", "OR needs a word before it"),
    ("a OR", "OR needs a word after it"),
    ("a AND AND b", "AND needs a word after it"),
    ("NOT a", "NOT needs a word before it (write: lavrov NOT interview)"),
    ("a NOT", "NOT needs a word after it"),
    ("()", "parentheses holds no word"),
    ("a () b", "parentheses holds no word"),
])
def test_malformed_queries_say_why(query, reason):
    with pytest.raises(ValueError) as info:
        fts.parse(query)
    assert str(info.value).startswith(f"cannot search for {query!r}: ")
    assert reason in str(info.value)


def test_ddl_for_both_dialects_and_no_other():
    assert any("fts5" in s for s in fts.ddl("sqlite"))
    assert any("tsvector" in s for s in fts.ddl("postgresql"))
    with pytest.raises(KeyError):
        fts.ddl("mysql")
