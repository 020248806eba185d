"""Run quote extraction over the five seed articles and write the exports check_seeds.py reads.

usage: python benchmarks/seed_quotes.py OUT_DIR [--show]
then:  python ../shared/tools/check_seeds.py OUT_DIR --only quotes

Reads with onrecord.sources, cleans with onrecord.clean, one SpeakerRegistry across the five; writes
OUT_DIR/articles.jsonl and OUT_DIR/quotes.jsonl in the export format of DESIGN.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from onrecord.analyze import SpeakerRegistry, analyze_quotes, quote_texts
from onrecord.clean import clean_document
from onrecord.records import Document
from onrecord.sources import iter_documents

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
ARTICLE_FIELDS = ["article_id", "source", "outlet", "url", "title", "published", "updated", "author", "tags",
                  "language", "text", "story_id", "duplicate_of", "entries"]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    articles = [clean_document(d) for d in iter_documents(files) if isinstance(d, Document)]
    registry = SpeakerRegistry()
    with (out / "articles.jsonl").open("w", encoding="utf-8") as fa, (out / "quotes.jsonl").open("w", encoding="utf-8") as fq:
        for article, doc in zip(articles, quote_texts([a.text for a in articles])):
            d = article.to_dict()
            fa.write(json.dumps({k: d.get(k) for k in ARTICLE_FIELDS}, ensure_ascii=False) + "\n")
            for q in analyze_quotes(article, doc, registry):
                assert article.text[q.span[0] : q.span[1]] == q.text
                row = {"quote_id": q.quote_id, "article_id": q.article_id, "source": article.source, "outlet": article.outlet,
                       "published": article.published, "speaker": q.speaker, "speaker_mention": q.speaker_mention,
                       "cue": q.cue, "text": q.text, "kind": q.kind, "span": list(q.span),
                       "statement_id": q.statement_id, "story_id": article.story_id}
                fq.write(json.dumps(row, ensure_ascii=False) + "\n")
                if "--show" in argv:
                    print(f"{Path(article.source).name[:3]} {q.kind:8} {str(q.speaker):22} [{q.speaker_mention} | {q.cue}] {q.text[:90]!r}")
    print(f"wrote {out / 'articles.jsonl'} and {out / 'quotes.jsonl'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
