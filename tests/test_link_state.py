"""Incremental linking: a corpus linked in batches with a JSON state round trip between them gives exactly the
same duplicates, stories, statements and records as one run over the whole corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.link import Linker, LinkSettings, LinkStateError, default_settings
from onrecord.records import Article, Quote

from .test_link_dedupe import WIRE, perturb
from .test_link_stories import ACEH, ITALY, PAPUA, SUMATRA, templated

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
PUBLISHED = {"000": "2022-03-28", "001": "2022-03-28", "002": "2022-03-10T10:03:00+00:00", "003": "2023-02-02",
             "004": "2024-08-31"}


def corpus() -> list[tuple[Article, list[Quote]]]:
    """Seeds, two quake pairs, and wire copies, each article with a quote or two; in a fixed mixed order."""
    items: list[tuple[Article, list[Quote]]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        a = Article(article_id=path.stem, source=path.name, content_hash=path.stem, text=text, published=PUBLISHED[path.name[:3]])
        sentences = [s.strip() for s in text.split(". ") if 40 < len(s.strip()) < 300][:2]
        items.append((a, [Quote(quote_id=f"{path.stem}-{i}", article_id=a.article_id, text=s, kind="indirect",
                                span=(text.index(s), text.index(s) + len(s)), speaker="Sergey Lavrov")
                          for i, s in enumerate(sentences)]))
    reports = [("s", SUMATRA, "2009-09-30"), ("i", ITALY, "2009-10-02"), ("a", templated(ACEH, "a"), None),
               ("p", templated(PAPUA, "p"), None)]
    for prefix, texts, published in reports:
        for i, (title, text) in enumerate(texts):
            a = Article(article_id=f"{prefix}{i}", source=f"{prefix}{i}", content_hash="-", text=text, title=title,
                        published=published)
            first = text.split(". ")[0]
            items.append((a, [Quote(quote_id=f"{prefix}{i}-0", article_id=a.article_id, text=first, kind="indirect",
                                    span=(0, len(first)), speaker="Disaster Agency")]))
    for i in range(3):
        items.append((Article(article_id=f"w{i}", source=f"w{i}", content_hash="-", text=perturb(WIRE, i + 1),
                              published="2019-01-04"), []))
    order = [7, 0, 12, 3, 18, 1, 9, 15, 4, 20, 2, 11, 6, 17, 13, 8, 19, 5, 14, 10, 16]
    return [items[i] for i in order if i < len(items)] + [items[i] for i in range(len(items)) if i not in order]


def run(batches: list[int], settings: LinkSettings) -> tuple[dict, dict, dict, str]:
    """Link the corpus in batches of these sizes, through a JSON state between batches."""
    items = corpus()
    state = None
    stories: dict[str, list[str]] = {}
    statements: dict[str, list[str]] = {}
    links: dict[str, tuple] = {}
    start = 0
    for size in batches:
        linker = Linker.from_state(json.loads(json.dumps(state)) if state else None, settings)
        chunk = items[start:start + size]
        start += size
        result = linker.link([a for a, _ in chunk], [q for _, qs in chunk for q in qs])
        links.update({aid: (sid, dup) for aid, sid, dup in result.articles})
        links.update({qid: (sid,) for qid, sid in result.quotes})
        stories.update({s.story_id: s.article_ids for s in result.stories})
        statements.update({s.statement_id: [s.quote_ids, s.first_reported, s.earliest_quote_id, s.text]
                           for s in result.statements})
        state = linker.to_state()
    assert start == len(items)
    return links, stories, statements, json.dumps(state, sort_keys=True)


@pytest.mark.parametrize("splitting", [False, True])
def test_batches_with_state_round_trips_equal_one_run(splitting: bool) -> None:
    settings = default_settings()
    if splitting:  # everything joins one story, and splits pull it apart again across batch boundaries
        settings = settings.with_overrides(stories={"min_score": -5.0, "split_every": 2, "split_min_part": 2,
                                                    "split_ratio": 0.95})
    n = len(corpus())
    whole = run([n], settings)
    batched = run([5, 1, 7, n - 13], settings)
    assert batched[0] == whole[0]
    assert batched[1] == whole[1]
    assert batched[2] == whole[2]
    assert batched[3] == whole[3]
    if splitting:
        assert len(whole[1]) > 1


def test_splits_report_earlier_articles_they_move() -> None:
    settings = default_settings().with_overrides(stories={"min_score": -5.0, "split_every": 2, "split_min_part": 2,
                                                          "split_ratio": 0.95})
    items = corpus()
    linker = Linker(settings)
    first = linker.link([a for a, _ in items[:8]])
    later = linker.link([a for a, _ in items[8:]])
    earlier_ids = {a.article_id for a, _ in items[:8]}
    moved = [(aid, sid) for aid, sid, _ in later.articles if aid in earlier_ids]
    assert moved, "a split in the second batch should move articles of the first"
    assert len(later.articles) == len(items) - 8 + len(moved)
    assert {sid for _, sid in moved} <= {s.story_id for s in later.stories}
    assert first.articles


def test_state_from_other_settings_is_refused_with_a_fix() -> None:
    state = Linker().to_state()
    state["settings"]["terms"]["hash_bits"] = 12
    with pytest.raises(LinkStateError, match="re-link"):
        Linker.from_state(state)
    with pytest.raises(LinkStateError, match="version"):
        Linker.from_state({"version": 0})


def test_state_is_plain_json() -> None:
    linker = Linker()
    linker.link([a for a, _ in corpus()])
    text = json.dumps(linker.to_state())
    assert json.loads(text)["version"] == 1
