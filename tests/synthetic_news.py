"""A small synthetic news record written straight through Store.write: quotes, speakers, a story, statements, framing.

Every page of the web UI has content with it whatever the analysis stages find; one article carries markup
(``<script>``, ``<b>``) in its title, text, quote and speaker name, to prove pages escape what articles say.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from onrecord.records import Analysis, Article, Entity, FramingHit, Quote, Statement, Story, short_id
from onrecord.store import Store
from onrecord.store.writer import Extras

LAVROV, PESKOV, EVIL = "Sergey Lavrov", "Dmitry Peskov", "<i>Mallory</i> Markup"
STORY = "story-talks-2022"
STATEMENT = "stmt-ready-for-talks"
PESKOV_STATEMENT = "stmt-peskov-sanctions"
EVIL_TITLE = '<script>alert("title")</script> Markup test'
EVIL_SCRIPT = "<script>window.__pwned = 1</script>"

# (outlet, date, wording of Lavrov's statement, kind, framing term for the war, concept)
STORY_ARTICLES = [
    ("Sputnik International", "2022-03-28",
     "Russia is ready for talks with Ukraine without any preconditions", "direct", "special military operation"),
    ("Reuters", "2022-03-29",
     "Moscow is ready for negotiations with Kyiv without preconditions", "direct", "invasion"),
    ("The Daily Example", "2022-03-30",
     "Russia was ready to hold talks with Ukraine without preconditions", "indirect", "war"),
]
# (month, outlet, text) of more Lavrov quotes, so the timeline has many months
LAVROV_MORE = [
    ("2022-01-15", "Reuters", "Security guarantees are our main demand to NATO"),
    ("2022-05-10", "Sputnik International", "The West does not care about the sovereign rights of other countries"),
    ("2022-05-22", "Reuters", "Sanctions will not change the course of our foreign policy"),
    ("2022-09-24", "The Daily Example", "The grain deal depends on the lifting of restrictions on our exports"),
    ("2023-02-03", "Sputnik International", "Dialogue with Europe is possible only on an equal footing"),
    ("2023-07-19", "Reuters", "Any negotiations must take into account the new realities on the ground"),
    ("2024-06-05", "The Daily Example", "We have never refused to negotiate with Ukraine"),
]
PESKOV_WORDINGS = [
    ("Sputnik International", "2022-03-29", "The sanctions against Russia are illegal and will backfire on Europe"),
    ("Reuters", "2022-03-29", "Sanctions against Russia are unlawful and will hurt Europe itself"),
]


@dataclass
class Built:
    """Ids of what was written, for tests to open."""

    story_id: str = STORY
    statement_id: str = STATEMENT
    article_ids: dict[str, str] = field(default_factory=dict)  # outlet → article id in the story
    evil_article_id: str = ""
    lavrov_entity: str = "ent-sergey-lavrov"
    quote_ids: list[str] = field(default_factory=list)


def _article(source: str, outlet: str, published: str, title: str, text: str, story: str | None = None) -> Article:
    return Article(article_id=short_id(source, text), source=source, content_hash=short_id(text, length=64), text=text,
                   title=title, outlet=outlet, published=published, language="en", story_id=story,
                   url=f"https://example.org/{short_id(source)}")


def _quote(art: Article, text: str, speaker: str, kind: str = "direct", statement: str | None = None,
           mention: str | None = None, cue: str = "said") -> Quote:
    start = art.text.index(text)
    return Quote(quote_id=short_id(art.article_id, text), article_id=art.article_id, text=text, kind=kind,  # type: ignore[arg-type]
                 span=(start, start + len(text)), speaker=speaker, speaker_mention=mention or speaker, cue=cue,
                 statement_id=statement, speaker_entity_id=None)


def _framing(art: Article, term: str, concept: str, voice: str = "outlet", quote: Quote | None = None) -> FramingHit:
    start = art.text.index(term)
    return FramingHit(article_id=art.article_id, term=term, concept=concept, voice=voice,  # type: ignore[arg-type]
                      span=(start, start + len(term)), quote_id=quote.quote_id if quote else None)


def story_analyses(built: Built) -> list[Analysis]:
    """Three outlets reporting Lavrov's offer of talks, each in its own words and framing; two report Peskov too."""
    out = []
    peskov = {outlet: text for outlet, _, text in PESKOV_WORDINGS}
    for outlet, day, wording, kind, term in STORY_ARTICLES:
        said = f'"{wording}," Lavrov said.' if kind == "direct" else f"Lavrov said {wording}."
        text = (f"Foreign Minister Sergey Lavrov spoke about the {term} on {day}.\n\n"
                f"{said} He spoke to reporters in Moscow after a meeting with his Turkish counterpart.\n\n")
        if outlet in peskov:
            text += f'Kremlin spokesman Dmitry Peskov said: "{peskov[outlet]}." Markets barely moved.\n'
        art = _article(f"synthetic/{outlet}/{day}.txt", outlet, day, f"Lavrov on talks with Ukraine ({outlet})", text, STORY)
        q = _quote(art, wording, LAVROV, kind, STATEMENT, mention="Lavrov")
        quotes = [q]
        if outlet in peskov:
            quotes.append(_quote(art, peskov[outlet], PESKOV, "direct", PESKOV_STATEMENT, mention="Dmitry Peskov"))
        built.article_ids[outlet] = art.article_id
        built.quote_ids += [x.quote_id for x in quotes]
        framing = [_framing(art, term, "war in Ukraine")]
        if outlet in peskov:
            word = "illegal" if "illegal" in peskov[outlet] else "unlawful"
            framing.append(_framing(art, word, "sanctions", voice="quoted", quote=quotes[1]))
        out.append(Analysis(article=art, quotes=quotes, framing=framing))
    return out


def more_analyses(built: Built) -> list[Analysis]:
    """Lavrov on other days, one article each (so his timeline spans 2022-2024)."""
    out = []
    for day, outlet, quote_text in LAVROV_MORE:
        text = (f"Sergey Lavrov gave an interview on {day}.\n\n\u201c{quote_text},\u201d the top Russian diplomat said. "
                "The remarks were carried by state media.\n")
        art = _article(f"synthetic/{outlet}/lavrov-{day}.txt", outlet, day, f"Lavrov interview, {day}", text)
        q = _quote(art, quote_text, LAVROV, mention="the top Russian diplomat")
        built.quote_ids.append(q.quote_id)
        out.append(Analysis(article=art, quotes=[q]))
    return out


def evil_analysis(built: Built) -> Analysis:
    """An article whose title, text, quote and speaker carry markup that must show as text."""
    quote_text = "I typed <b>bold</b> and " + EVIL_SCRIPT + " into the form"
    text = (f"This article mentions {EVIL_SCRIPT} in its body and <img src=x onerror=\"window.__pwned=2\">.\n\n"
            f'"{quote_text}," {EVIL} said about the invasion of markup.\n')
    art = _article("synthetic/evil.html", "The Daily Example", "2023-11-11", EVIL_TITLE, text)
    q = _quote(art, quote_text, EVIL, mention=EVIL)
    built.evil_article_id = art.article_id
    built.quote_ids.append(q.quote_id)
    return Analysis(article=art, quotes=[q], framing=[_framing(art, "invasion", "war in Ukraine")])


def build(store: Store) -> Built:
    """Write the synthetic record (with its entities, story and statements) into the store; returns its ids."""
    built = Built()
    analyses = [*story_analyses(built), *more_analyses(built), evil_analysis(built)]
    story = Story(STORY, title="Lavrov offers talks with Ukraine", first_published=STORY_ARTICLES[0][1],
                  article_ids=list(built.article_ids.values()))
    lav_q = [q.quote_id for a in analyses[:3] for q in a.quotes if q.statement_id == STATEMENT]
    pes_q = [q.quote_id for a in analyses[:3] for q in a.quotes if q.statement_id == PESKOV_STATEMENT]
    statements = [
        Statement(STATEMENT, LAVROV, STORY_ARTICLES[0][2], STORY_ARTICLES[0][1], lav_q[0], lav_q),
        Statement(PESKOV_STATEMENT, PESKOV, PESKOV_WORDINGS[0][2], PESKOV_WORDINGS[0][1], pes_q[0], pes_q),
    ]
    entities = [
        Entity(built.lavrov_entity, LAVROV, "PERSON", aliases=["Sergei Lavrov", "the top Russian diplomat"],
               roles=["Russian Foreign Minister"], mention_count=20),
        Entity("ent-dmitry-peskov", PESKOV, "PERSON", aliases=["Peskov"], roles=["Kremlin spokesman"], mention_count=4),
    ]
    store.write(analyses, extras=Extras(entities=entities, stories=[story], statements=statements))
    return built
