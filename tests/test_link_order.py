"""Stories should not depend on the order articles arrive in: spectral splits and the second look."""

from __future__ import annotations

import random

import numpy as np

from onrecord.link import Linker
from onrecord.link.settings import default_settings
from onrecord.link.split import bisect
from onrecord.link.stories import Features, StoryIndex
from onrecord.link.terms import extract
from onrecord.records import Article

from .test_link_stories import ACEH, ITALY, PAPUA, SUMATRA, articles, templated


def test_bisect_cuts_between_two_groups_and_does_not_peel_an_outlier() -> None:
    rng = np.random.default_rng(1)
    n = 11
    sim = np.full((n, n), 0.1) + rng.uniform(0, 0.02, (n, n))
    sim[:5, :5] = sim[5:10, 5:10] = 0.5
    sim[10, :] = sim[:, 10] = 0.05  # a loose member, a little closer to the first group
    sim[10, :5] = sim[:5, 10] = 0.2
    sim = (sim + sim.T) / 2
    np.fill_diagonal(sim, 1.0)
    mask = bisect(sim, 3)
    assert mask is not None
    side = mask if mask[0] else ~mask
    assert sorted(np.flatnonzero(side).tolist()) == [0, 1, 2, 3, 4, 10]


def test_bisect_needs_room_for_two_parts() -> None:
    assert bisect(np.ones((5, 5)), 3) is None


def partition(arts: list[Article]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in arts:
        groups.setdefault(a.story_id or a.article_id, set()).add(a.article_id)
    return {frozenset(g) for g in groups.values()}


def test_four_events_come_out_the_same_in_any_order() -> None:
    events = [articles(SUMATRA, "s", None), articles(ITALY, "i", None),
              articles(templated(ACEH, "a"), "a", None), articles(templated(PAPUA, "p"), "p", None)]
    gold = {frozenset(a.article_id for a in ev) for ev in events}
    rng = random.Random(7)
    for _ in range(6):
        fresh = [Article(article_id=a.article_id, source=a.source, content_hash=a.content_hash, text=a.text,
                         title=a.title) for ev in events for a in ev]
        rng.shuffle(fresh)
        Linker().link(fresh)
        assert partition(fresh) == gold, [a.article_id for a in fresh]


def index_with(reports: list[tuple[str, str]]) -> tuple[StoryIndex, list[Features]]:
    settings = default_settings().with_overrides(stories={"split_every": 100})
    index = StoryIndex(settings.stories, settings.terms.hash_bits, 4)
    feats = []
    for i, (title, text) in enumerate(reports):
        terms = extract(f"{title}\n{text}", settings.terms)
        vec = np.eye(4, dtype=np.float32)[i % 4]
        feats.append(Features(f"a{i}", title, None, None, terms, vec))
        index.observe(terms, vec)
    return index, feats


def test_second_look_brings_a_stray_report_back_to_its_story() -> None:
    index, feats = index_with([*SUMATRA, *ITALY])
    sumatra = index.start(feats[0], 1)
    italy = index.start(feats[3], 2)
    index.join(italy.story_id, feats[1], 3)  # a Sumatra report that went astray (as an unlucky order can make it)
    index.join(sumatra.story_id, feats[2], 4)
    for seq, f in enumerate(feats[4:], start=5):
        index.join(italy.story_id, f, seq)
    index._refine(sumatra)
    assert ("a1", sumatra.story_id, None) in index.moved
    assert sorted(index.active[sumatra.story_id].article_ids) == ["a0", "a1", "a2"]
    assert sorted(index.active[italy.story_id].article_ids) == ["a3", "a4", "a5"]


def test_a_fragment_that_empties_is_reported_with_no_articles() -> None:
    index, feats = index_with(SUMATRA)
    main = index.start(feats[0], 1)
    index.join(main.story_id, feats[1], 2)
    stray = index.start(feats[2], 3)
    index._refine(main)
    assert stray.story_id not in index.active
    assert [(r.story_id, r.article_ids) for r in index.emptied] == [(stray.story_id, [])]
    assert sorted(index.active[main.story_id].article_ids) == ["a0", "a1", "a2"]
