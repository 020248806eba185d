"""Exact and near-duplicate articles: perturbed wire copies and re-posts point at the earliest-seen copy."""

from __future__ import annotations

import random

from onrecord.link import Linker
from onrecord.records import Article

WIRE = (
    "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia. A suspected gas "
    "leak led to an explosion, followed by the ten-storey building coming down. A total of 39 are confirmed dead, "
    "officials told state media, adding that rescuers ended their work yesterday. Some reports suggest a deliberate "
    "criminal act. The 1973 building housed about 1,100 people in 48 flats of the affected section. Rescuers worked "
    "in temperatures of minus 20 degrees Celsius and pulled a baby boy alive from the rubble after 35 hours. "
    "President Vladimir Putin visited the site and met the injured in hospital. Investigators opened a criminal case "
    "for negligence, and the regional governor declared a day of mourning for the victims of the collapse."
)
OTHER = (
    "The national football team beat its rivals three goals to one in the qualifying match played in Lisbon on "
    "Saturday evening, securing a place at the finals next summer. The coach praised the young striker, who scored "
    "twice in the second half, and said the squad would rest before the friendly against Norway next month. "
    "Supporters celebrated in the streets of the capital until the early hours, and the federation announced a bonus."
)


def article(aid: str, text: str, published: str | None = "2019-01-04", title: str | None = None) -> Article:
    return Article(article_id=aid, source=f"{aid}.txt", content_hash=aid, text=text, published=published, title=title)


def perturb(text: str, seed: int, edits: int = 3) -> str:
    """Swap and drop a few words, as a re-edited wire copy would."""
    rng = random.Random(seed)
    words = text.split()
    for _ in range(edits):
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    for _ in range(edits // 2):
        del words[rng.randrange(len(words))]
    return " ".join(words)


def test_exact_copy_with_other_spacing_and_case_is_a_duplicate() -> None:
    a, b = article("a", WIRE), article("b", "  " + WIRE.upper().replace(". ", ".\n\n"))
    Linker().link([a, b])
    assert a.duplicate_of is None
    assert b.duplicate_of == "a"
    assert b.story_id == a.story_id


def test_perturbed_copy_with_new_chrome_is_a_near_duplicate() -> None:
    original = article("orig", WIRE)
    repost = article("repost", "Breaking | World | Share this\n" + perturb(WIRE, 1) + "\nFollow us on Telegram",
                     published="2019-01-05", title="Dozens dead in Magnitogorsk")
    unrelated = article("other", OTHER)
    Linker().link([original, unrelated, repost])
    assert repost.duplicate_of == "orig"
    assert unrelated.duplicate_of is None
    assert repost.story_id == original.story_id


def test_duplicate_of_names_the_earliest_seen_copy() -> None:
    first, second, third = article("first", WIRE), article("second", perturb(WIRE, 2)), article("third", perturb(WIRE, 3))
    Linker().link([first, second, third])
    assert second.duplicate_of == "first"
    assert third.duplicate_of == "first"


def test_copy_published_long_after_is_not_a_duplicate() -> None:
    a, b = article("a", WIRE, published="2019-01-04"), article("b", WIRE, published="2020-03-01")
    Linker().link([a, b])
    assert b.duplicate_of is None


def test_short_texts_are_duplicates_only_when_identical() -> None:
    a, b, c = article("a", "Markets closed."), article("b", "Markets closed!"), article("c", "Markets opened.")
    Linker().link([a, b, c])
    assert b.duplicate_of == "a"
    assert c.duplicate_of is None


def test_one_template_filled_for_two_events_is_not_a_duplicate() -> None:
    template = ("A strong earthquake of magnitude {M} struck {P} province in Indonesia on {D}, killing at least {N} "
                "people and damaging hundreds of houses, the national disaster agency said. The quake was centred near "
                "{C} at a shallow depth, the US Geological Survey said. Rescuers were searching collapsed buildings in "
                "{C} and {V} was sent to the area. Residents fled to higher ground fearing a tsunami, but no tsunami "
                "warning was issued.")
    aceh = article("aceh", template.format(M="6.1", P="Aceh", D="Tuesday", N="24", C="Bener Meriah",
                                           V="Governor Zaini Abdullah"))
    papua = article("papua", template.format(M="7.3", P="West Papua", D="Sunday", N="4", C="Manokwari",
                                             V="Minister Syamsul Maarif"))
    Linker().link([aceh, papua])
    assert papua.duplicate_of is None


def test_relinking_a_known_article_changes_nothing() -> None:
    a, b = article("a", WIRE), article("b", perturb(WIRE, 2))
    linker = Linker()
    linker.link([a, b])
    again_a, again_b = article("a", WIRE), article("b", perturb(WIRE, 2))
    result = linker.link([again_a, again_b])
    assert (again_a.duplicate_of, again_a.story_id) == (None, a.story_id)
    assert (again_b.duplicate_of, again_b.story_id) == ("a", a.story_id)
    assert all(len(s.article_ids) == 2 for s in result.stories)
