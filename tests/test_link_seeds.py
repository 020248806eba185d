"""The user's seed articles (examples/seeds, gold.json): stories and statements across outlets."""

from __future__ import annotations

import json
import re
from pathlib import Path

from onrecord.link import Linker
from onrecord.records import Article, Quote

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
GOLD = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def raw_articles() -> dict[str, Article]:
    """The seed files as articles (raw text, gold publication dates)."""
    out = {}
    for doc in GOLD["documents"]:
        text = (SEEDS / doc["file"]).read_text(encoding="utf-8")
        out[doc["file"]] = Article(article_id=doc["file"][:3], source=doc["file"], content_hash=doc["file"],
                                   text=text, title=doc.get("title"), published=doc["published"])
    return out


def gold_quotes(articles: dict[str, Article]) -> list[Quote]:
    """A quote for every gold quote fragment found verbatim in its article (spelled as that outlet spells it)."""
    quotes = []
    for doc in GOLD["documents"]:
        art = articles[doc["file"]]
        spelling = "Sergei Lavrov" if "Sergei" in art.text else "Sergey Lavrov"
        for i, q in enumerate(doc["quotes"]):
            at = art.text.translate(FOLD).find(q["contains"].translate(FOLD))
            if at < 0:
                continue
            speaker = spelling if q["speaker"] == "Sergey Lavrov" else q["speaker"]
            quotes.append(Quote(quote_id=f"{art.article_id}-{i}", article_id=art.article_id, text=q["contains"],
                                kind=q["kind"].split("|")[0] if q["kind"] != "mixed" else "mixed",  # type: ignore[arg-type]
                                span=(at, at + len(q["contains"])), speaker=speaker))
    return quotes


def check(articles: dict[str, Article], quotes: list[Quote]) -> None:
    """Assert gold's same_story, different_story and same_statement_across_outlets."""
    for x, y in GOLD["same_story"]:
        assert articles[x].story_id is not None and articles[x].story_id == articles[y].story_id, (x, y)
    for x, y in GOLD["different_story"]:
        assert articles[x].story_id != articles[y].story_id, (x, y)

    def norm(t: str) -> str:
        return re.sub(r"\W+", " ", t.translate(FOLD)).strip().lower()

    for pair in GOLD["same_statement_across_outlets"]:
        ids = []
        for side in ("a", "b"):
            art = articles[pair[side]["file"]]
            ids.append({q.statement_id for q in quotes
                        if q.article_id == art.article_id and norm(pair[side]["contains"]) in norm(q.text)})
        assert ids[0] & ids[1], pair


def test_seed_stories_and_statements_with_gold_quotes() -> None:
    articles = raw_articles()
    quotes = gold_quotes(articles)
    Linker().link(list(articles.values()), quotes)
    check(articles, quotes)
    assert all(q.statement_id for q in quotes)


def test_seed_stories_and_statements_through_clean_and_analyze() -> None:
    from onrecord.analyze import analyze_quotes
    from onrecord.clean import clean_document
    from onrecord.records import Document
    from onrecord.sources import SourceOptions, iter_documents

    docs = [d for d in iter_documents([str(SEEDS / d["file"]) for d in GOLD["documents"]], SourceOptions())
            if isinstance(d, Document)]
    cleaned = [clean_document(d) for d in docs]
    articles = {Path(a.source).name: a for a in cleaned}
    quotes = [q for a in cleaned for q in analyze_quotes(a)]
    Linker().link(cleaned, quotes)
    check(articles, quotes)
