"""Stories: one event across outlets and days is one story; two events of one kind are two stories."""

from __future__ import annotations

import numpy as np

from onrecord.link import Linker
from onrecord.link.settings import default_settings
from onrecord.link.stories import Features, StoryIndex
from onrecord.link.terms import extract
from onrecord.records import Article

SUMATRA = [
    ("Quake kills dozens in Sumatra",
     "A magnitude 7.6 earthquake struck off the coast of Sumatra near the city of Padang on Wednesday, killing at "
     "least 75 people and trapping hundreds under collapsed buildings, Indonesian officials said. The quake hit at "
     "17:16 local time at a depth of 81 kilometres, according to the US Geological Survey. Rescuers in Padang dug "
     "through the rubble of a hotel and a hospital. Vice President Jusuf Kalla said the death toll would rise."),
    ("Padang earthquake: toll rises as rescuers search rubble",
     "Rescue teams in Padang searched collapsed schools and hotels on Thursday after the 7.6-magnitude earthquake "
     "that hit western Sumatra on Wednesday. Officials in West Sumatra province said at least 75 people were "
     "confirmed dead. Jusuf Kalla, the vice president, warned that thousands could be trapped. The US Geological "
     "Survey put the quake's depth at 81 km off the coast near Padang."),
    ("Sumatra quake: Indonesia appeals for heavy equipment",
     "Indonesia asked for cranes and heavy equipment to reach people trapped in Padang, a day after a 7.6 magnitude "
     "quake shook Sumatra. Hospitals in West Sumatra were overwhelmed and at least 75 people were dead, the "
     "disaster agency said. Vice President Jusuf Kalla visited Padang, where a hotel and a hospital had collapsed."),
]
ITALY = [
    ("Earthquake devastates L'Aquila",
     "A magnitude 6.3 earthquake hit central Italy near the city of L'Aquila early on Monday, killing at least 90 "
     "people and leaving thousands homeless, Italian officials said. The quake struck at 03:32 local time at a depth "
     "of 10 kilometres in the Abruzzo region. Prime Minister Silvio Berlusconi declared a state of emergency and "
     "rescuers in L'Aquila dug through the rubble of a student residence."),
    ("L'Aquila quake toll climbs past 90",
     "Rescuers in the Abruzzo region of Italy searched collapsed houses on Tuesday after the 6.3-magnitude "
     "earthquake that struck near L'Aquila on Monday. Officials said more than 90 people were dead and 17,000 "
     "homeless. Silvio Berlusconi, the prime minister, cancelled a trip to Moscow and visited L'Aquila, where a "
     "student residence had collapsed."),
    ("Italy quake: Berlusconi visits Abruzzo",
     "Prime Minister Silvio Berlusconi toured the medieval city of L'Aquila, a day after a 6.3 magnitude quake "
     "shook the Abruzzo region of central Italy. At least 90 people were dead, the civil protection agency said, "
     "and tent camps were set up for thousands left homeless by the earthquake."),
]

# Two quakes reported from one template: the words agree, only names, places and numbers tell them apart.
TEMPLATE = [
    ("Strong earthquake hits {P}",
     "A strong earthquake of magnitude {M} struck {P} province in Indonesia on {D}, killing at least {N} people and "
     "damaging hundreds of houses, the national disaster agency said. The quake was centred near {C} at a shallow "
     "depth, the US Geological Survey said. Rescuers were searching collapsed buildings in {C} and {V} was sent to "
     "the area. Residents fled to higher ground fearing a tsunami, but no tsunami warning was issued."),
    ("{N} dead as quake shakes {P}",
     "Rescue teams in {C} searched the rubble of collapsed houses after the magnitude {M} earthquake that struck {P} "
     "on {D}. The disaster agency said at least {N} people were killed and dozens injured. {V} visited {C}, where a "
     "mosque and a school had collapsed. Many residents spent the night in tents, afraid of aftershocks."),
    ("Indonesia quake: {C} counts the damage",
     "Officials in {C} counted damaged homes on the day after the magnitude {M} quake in {P}. At least {N} people "
     "died, the disaster agency said. {V} promised aid for families who lost their houses. Aftershocks continued to "
     "rattle the province, and schools in {C} stayed closed."),
]
ACEH = {"P": "Aceh", "M": "6.1", "D": "Tuesday", "N": "24", "C": "Bener Meriah", "V": "Governor Zaini Abdullah"}
PAPUA = {"P": "West Papua", "M": "7.3", "D": "Sunday", "N": "4", "C": "Manokwari", "V": "Minister Syamsul Maarif"}


def templated(event: dict[str, str], prefix: str) -> list[tuple[str, str]]:
    return [(title.format(**event), text.format(**event)) for title, text in TEMPLATE]


def articles(reports: list[tuple[str, str]], prefix: str, published: str | None) -> list[Article]:
    return [Article(article_id=f"{prefix}{i}", source=f"{prefix}{i}.html", content_hash=f"{prefix}{i}", text=text,
                    title=title, published=published, outlet=f"outlet{i}") for i, (title, text) in enumerate(reports)]


def interleave(a: list[Article], b: list[Article]) -> list[Article]:
    return [x for pair in zip(a, b, strict=True) for x in pair]


def test_two_earthquakes_in_the_same_week_are_two_stories() -> None:
    sumatra, italy = articles(SUMATRA, "s", "2009-09-30"), articles(ITALY, "i", "2009-10-02")
    result = Linker().link(interleave(sumatra, italy))
    assert len({a.story_id for a in sumatra}) == 1
    assert len({a.story_id for a in italy}) == 1
    assert sumatra[0].story_id != italy[0].story_id
    assert {s.story_id: len(s.article_ids) for s in result.stories} == {sumatra[0].story_id: 3, italy[0].story_id: 3}


def test_two_quakes_written_from_one_template_are_two_stories() -> None:
    aceh, papua = articles(templated(ACEH, "a"), "a", None), articles(templated(PAPUA, "p"), "p", None)
    Linker().link(interleave(aceh, papua))
    assert all(a.duplicate_of is None for a in aceh + papua)
    assert len({a.story_id for a in aceh}) == 1
    assert len({a.story_id for a in papua}) == 1
    assert aceh[0].story_id != papua[0].story_id


def test_undated_reports_are_told_apart_by_their_text() -> None:
    sumatra, italy = articles(SUMATRA, "s", None), articles(ITALY, "i", None)
    Linker().link(interleave(italy, sumatra))
    assert len({a.story_id for a in sumatra}) == 1
    assert len({a.story_id for a in italy}) == 1
    assert sumatra[0].story_id != italy[0].story_id


def test_the_same_report_a_month_later_is_another_story() -> None:
    first, later = articles(SUMATRA[:1], "s", "2009-09-30"), articles(SUMATRA[1:2], "t", "2009-11-02")
    Linker().link(first + later)
    assert first[0].story_id != later[0].story_id


def test_story_record_carries_title_first_date_and_articles() -> None:
    sumatra = articles(SUMATRA, "s", "2009-10-01")
    sumatra[2].published = "2009-09-30"
    result = Linker().link(sumatra)
    (story,) = result.stories
    assert story.title == "Quake kills dozens in Sumatra"
    assert story.first_published == "2009-09-30"
    assert story.article_ids == ["s0", "s1", "s2"]


def test_a_story_holding_two_events_is_split_and_earlier_articles_move() -> None:
    settings = default_settings().with_overrides(stories={"split_min_part": 3, "split_every": 6})
    index = StoryIndex(settings.stories, settings.terms.hash_bits, 4)
    feats = []
    for i, (title, text) in enumerate(interleave(SUMATRA, ITALY)):  # type: ignore[arg-type]
        terms = extract(f"{title}\n{text}", settings.terms)
        vec = np.eye(4, dtype=np.float32)[i % 2]
        feats.append(Features(f"a{i}", title, "2009-10-01", None, terms, vec))
        index.observe(terms, vec)
    story = index.start(feats[0], 1)
    for seq, f in enumerate(feats[1:], start=2):  # force every report into one story, then ask for second thoughts
        index.join(story.story_id, f, seq)
    index._maybe_split(story)
    moved = {aid for aid, _, _ in index.moved}
    assert moved == {"a1", "a3", "a5"}  # the Italian reports leave the Sumatra story
    assert len(index.active) == 2
    assert sorted(index.active[story.story_id].article_ids) == ["a0", "a2", "a4"]
