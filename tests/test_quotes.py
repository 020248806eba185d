"""Quote extraction: every direct form, every indirect order, mixed quotes, scare quotes, nesting, speakers."""

from __future__ import annotations

import pytest

from onrecord.analyze import SpeakerRegistry, analyze_quotes, quote_candidates, quote_texts
from onrecord.analyze.marks import find_marks
from onrecord.records import Article, short_id


def quotes(text: str, registry: SpeakerRegistry | None = None):
    cands = quote_candidates(text, registry=registry)
    for c in cands:  # the span invariant every consumer relies on
        assert c.start < c.end and text[c.start : c.end].strip() == text[c.start : c.end]
    return cands


def one(text: str, fragment: str, registry: SpeakerRegistry | None = None):
    hits = [c for c in quotes(text, registry) if fragment in text[c.start : c.end]]
    assert hits, f"no quote holds {fragment!r}; found {[text[c.start:c.end] for c in quotes(text)]}"
    return hits[0]


def texts_of(text: str) -> list[str]:
    return [text[c.start : c.end] for c in quotes(text)]


# -- quotation marks ---------------------------------------------------------------------------------------

def test_marks_families_and_apostrophes():
    t = "He said «bonjour», “hello there” and 'good day' but didn't mean Kiev's ‘fine’ plan."
    found = [t[m.start : m.end] for m in find_marks(t)]
    assert found == ["bonjour", "hello there", "good day", "fine"]


def test_marks_nested_and_continued_over_paragraphs():
    t = '"First part of a long statement, with \'an inner one\' inside.\n"Second paragraph ends it," he said.'
    ms = find_marks(t)
    outer = [m for m in ms if m.depth == 0]
    assert [t[m.start : m.end] for m in outer] == ["First part of a long statement, with 'an inner one' inside.", "Second paragraph ends it"]
    assert outer[0].continues and outer[1].continued
    assert [t[m.start : m.end] for m in ms if m.depth == 1] == ["an inner one"]


# -- direct quotes -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,speaker,cue", [
    ('"We are ready to continue the talks in Istanbul," Sergey Lavrov said.', "Sergey Lavrov", "said"),
    ('"We are ready to continue the talks in Istanbul", said Sergey Lavrov.', "Sergey Lavrov", "said"),
    ("“We are ready to continue the talks in Istanbul,” Sergey Lavrov told reporters.", "Sergey Lavrov", "told"),
    ('Sergey Lavrov told reporters: "We are ready to continue the talks in Istanbul."', "Sergey Lavrov", "told"),
    ('Sergey Lavrov stated, "We are ready to continue the talks in Istanbul."', "Sergey Lavrov", "stated"),
    ("Sergey Lavrov said: «We are ready to continue the talks in Istanbul».", "Sergey Lavrov", "said"),
    ("'We are ready to continue the talks in Istanbul,' Sergey Lavrov emphasised.", "Sergey Lavrov", "emphasised"),
    ('Sergey Lavrov: "We are ready to continue the talks in Istanbul."', "Sergey Lavrov", ":"),
])
def test_direct_forms(text, speaker, cue):
    q = one(text, "We are ready to continue the talks")
    assert (q.kind, q.speaker, q.cue) == ("direct", speaker, cue)
    assert text[q.start : q.end].startswith("We are ready") and not text[q.start : q.end].endswith(('"', "”", "»", "'", ","))


def test_direct_attribution_on_the_line_before():
    text = "Sergey Lavrov said:\n\"We are ready to continue the talks in Istanbul next week.\""
    q = one(text, "We are ready")
    assert (q.speaker, q.cue, q.kind) == ("Sergey Lavrov", "said", "direct")


def test_split_quote_keeps_one_speaker():
    text = '"We are ready to talk," Sergey Lavrov said. "But the West must listen to us first."'
    a, b = one(text, "We are ready"), one(text, "the West must listen")
    assert a.speaker == b.speaker == "Sergey Lavrov" and a.kind == b.kind == "direct"


def test_multi_paragraph_quote_keeps_its_speaker():
    text = ('Sergey Lavrov spoke at length.\n"We are ready to talk about everything that matters to us.\n'
            '"And we will not be the ones who walk away from the table," he said.')
    first, second = one(text, "everything that matters"), one(text, "walk away from the table")
    assert first.speaker == second.speaker == "Sergey Lavrov"


def test_next_paragraph_quote_continues_the_speaker():
    text = ('"We are ready to talk about everything," Sergey Lavrov said on Monday.\n\n'
            '"Nobody should doubt that we want peace in the region."')
    assert one(text, "Nobody should doubt").speaker == "Sergey Lavrov"


def test_quote_in_a_live_blog_entry():
    text = ("09:09 GMT 02.02.2023\n"
            '"We have not made such a request to anyone, and we do not need to," Lavrov said.\n'
            "08:40 GMT 02.02.2023")
    q = one(text, "We have not made such a request")
    assert (q.speaker, q.kind) == ("Lavrov", "direct")


# -- indirect quotes ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,speaker,cue", [
    ("Dmitry Peskov said on Monday that the talks in Istanbul are unlikely to start before Tuesday.", "Dmitry Peskov", "said"),
    ("The talks in Istanbul are unlikely to start before Tuesday, Dmitry Peskov said.", "Dmitry Peskov", "said"),
    ("According to Dmitry Peskov, the talks in Istanbul are unlikely to start before Tuesday.", "Dmitry Peskov", "According to"),
    ("The talks in Istanbul are unlikely to start before Tuesday, according to Dmitry Peskov.", "Dmitry Peskov", "according to"),
    ("The talks in Istanbul are unlikely to start before Tuesday, Peskov says", "Peskov", "says"),
    ("Peskov: the talks in Istanbul are unlikely to start before Tuesday", "Peskov", ":"),
    ("The talks in Istanbul are unlikely to start before Tuesday: Peskov", "Peskov", ":"),
    ("Dmitry Peskov told reporters that the talks in Istanbul are unlikely to start before Tuesday.", "Dmitry Peskov", "told"),
])
def test_indirect_orders(text, speaker, cue):
    q = one(text, "talks in Istanbul are unlikely to start before Tuesday")
    assert (q.kind, q.speaker, q.cue) == ("indirect", speaker, cue)
    assert not text[q.start : q.end].lower().startswith(("that ", ","))


def test_participle_cue_inherits_the_subject():
    text = "Dmitry Peskov criticised the plan, adding that the talks in Istanbul could start on Tuesday instead."
    q = one(text, "talks in Istanbul could start")
    assert (q.speaker, q.cue) == ("Dmitry Peskov", "adding")


def test_negated_cue_reports_nothing():
    assert texts_of("Dmitry Peskov did not say that the talks in Istanbul would start on Tuesday.") == []


# -- mixed quotes and scare quotes ----------------------------------------------------------------------------

def test_mixed_quote_covers_the_fragment():
    text = ('Sergey Lavrov stressed that there is no isolation and that Russia has '
            '"a huge number of partners in the Asia-Pacific region, in Africa, and Latin America".')
    q = one(text, "a huge number of partners")
    assert (q.kind, q.speaker) == ("mixed", "Sergey Lavrov")
    assert "there is no isolation" in text[q.start : q.end]


def test_scare_quotes_and_titles_are_not_quotes():
    text = ('Ukrainian President Volodymyr Zelensky met the press, in what he and his allies call an "invasion". '
            'Sergey Lavrov spoke to RT for the documentary "Bridges to the East" on Monday.')
    assert not any(t in ("invasion", "Bridges to the East") for t in texts_of(text))


def test_short_quote_with_attribution_is_kept():
    text = '"Never," Sergey Lavrov said.'
    q = one(text, "Never")
    assert (q.kind, q.speaker) == ("direct", "Sergey Lavrov")


def test_quote_inside_a_quote_keeps_both_speakers():
    text = ('Russian Foreign Minister Sergey Lavrov lashed out at Ursula von der Leyen on Thursday.\n'
            '"Ursula von der Leyen said that the outcome of the war should be the defeat of Russia. '
            'Is this not racism?" Lavrov said.')
    outer = one(text, "Is this not racism")
    inner = [c for c in quotes(text) if text[c.start : c.end].startswith("the outcome of the war")]
    assert outer.speaker == "Sergey Lavrov" and outer.kind == "direct"
    assert inner and inner[0].speaker == "Ursula von der Leyen" and inner[0].outer is not None


# -- speakers within a document -----------------------------------------------------------------------------

def test_pronoun_goes_to_the_last_speaker():
    text = ("Russian Foreign Minister Sergey Lavrov met his Turkish counterpart in Antalya on Thursday.\n"
            "He said that Moscow is ready to discuss security guarantees for Ukraine.")
    q = one(text, "Moscow is ready")
    assert (q.speaker, q.speaker_mention if hasattr(q, "speaker_mention") else q.mention) == ("Sergey Lavrov", "He")


def test_pronoun_skips_names_inside_quotations():
    text = ('"Vladimir Putin never turned down a meeting with Volodymyr Zelensky," Sergey Lavrov said.\n'
            "He added that a meeting now would be counterproductive for both sides.")
    assert one(text, "a meeting now would be").speaker == "Sergey Lavrov"


@pytest.mark.parametrize("mention", ["the minister", "the top Russian diplomat", "the Russian foreign minister", "Russian FM"])
def test_descriptions_resolve_by_role(mention):
    text = ("Russian Foreign Minister Sergey Lavrov spoke in Moscow on Thursday. Kremlin spokesperson Dmitry Peskov was absent.\n"
            f'"We are interested in our partners normalising their relations," {mention} said.')
    q = one(text, "We are interested")
    assert q.speaker == "Sergey Lavrov" and q.mention == mention


def test_description_with_another_role_is_not_forced():
    text = ("Russian Foreign Minister Sergey Lavrov spoke in Moscow on Thursday.\n"
            '"We will keep our troops where they are for as long as needed," the defence minister said.')
    assert one(text, "We will keep our troops").speaker is None


def test_description_followed_by_a_name_in_apposition_is_that_person():
    text = ("The pipeline is unlikely to be built soon, analysts said.\n"
            "Haifa University geostrategy expert and former Israeli security official, Avinoam Idan, said the pipeline "
            "would never pay for itself.")
    q = one(text, "the pipeline would never pay")
    assert q.speaker == "Avinoam Idan" and q.mention.startswith("Haifa University geostrategy expert")


def test_one_of_a_group_named_in_apposition_is_that_person_and_her_pronoun_follows():
    text = ("One of South Sudan's Vice Presidents, Rebecca Nyandeng De Mabior, also commented on the judge's death.\n"
            'She said "John Luk was very honest, hardworking and a brilliant lawyer."')
    assert one(text, "John Luk was very honest").speaker == "Rebecca Nyandeng De Mabior"


def test_a_pronoun_follows_the_speaker_not_the_organisation_in_her_title():
    text = ('Scripps Oceanography director Margaret Leinen said "Munk has been a world treasure for ocean science."\n'
            'She described him as "a guiding force, a stimulating force, and an inspiration."')
    assert one(text, "a guiding force").speaker == "Margaret Leinen"


def test_organisation_names_with_of_are_whole_and_they_refers_to_them():
    text = "The Ministry of Health issued new rules on Monday. They said that masks would be required on all trains."
    assert one(text, "masks would be required").speaker == "Ministry of Health"
    text = "The Bank of England said rates would stay at 5 percent for the rest of the year."
    assert one(text, "rates would stay").speaker == "Bank of England"


def test_they_after_a_plural_subject_is_not_an_organisation_named_before():
    text = ("Scientists from the University of Bristol say zebras may have gotten their stripes to confuse flies.\n"
            "The researchers watched horse flies around zebras and they found the flies had a harder time landing.")
    assert one(text, "the flies had a harder time").speaker is None


@pytest.mark.parametrize("mention, name", [
    ("The executive director of the Ask Wellness Society, Bob Hughes,", "Bob Hughes"),
    ("The then-manager of Barmouth Publicity and Director of Mid Wales Tourism Partnership, David Clay,", "David Clay"),
])
def test_name_in_apposition_to_a_noun_within_the_description(mention, name):
    text = f"The hotel closed in 2004.\n{mention} said the hotel had been a landmark for decades."
    assert one(text, "the hotel had been a landmark").speaker == name


def test_one_unnamed_nominee_is_not_the_nominee_named_before():
    text = ("Democratic presidential nominee Joe Biden spoke first.\n"
            "One third party presidential nominee said that the court should be expanded.")
    assert one(text, "the court should be expanded").speaker is None


def test_according_to_a_description_then_a_name_is_that_person():
    text = ("Officials identified the suspect on Sunday.\n"
            "According to the El Paso mayor, Dee Margo, police were investigating whether the suspect wrote a manifesto.")
    q = one(text, "police were investigating")
    assert q.speaker == "Dee Margo" and not text[q.start : q.end].startswith("Dee Margo")


def test_they_after_an_organisation_speaks_through_reported_plural_subjects():
    text = ("The Chilean Armed Forces said on Sunday the 36 people infected included 26 army personnel. "
            "They said the 36 people were moved to Patagonia.")
    assert one(text, "the 36 people were moved").speaker == "Chilean Armed Forces"


def test_no_candidate_is_nobody():
    text = ("Lord Mayor candidate Wayne Tseng spoke on Monday.\n"
            "No candidate said that the dealers near the market were a problem for residents.")
    assert one(text, "the dealers near the market").speaker is None


@pytest.mark.parametrize("intro", [
    "There was a lady there, Rajamma, she worked in the bathrooms of the bus stand.",
    "There I was introduced to Rajamma aunty, who also worked at the bus stand.",
])
def test_a_name_beside_a_noun_for_a_person_takes_her_pronoun(intro):
    text = f"I stayed at the bus stand the entire day. {intro} She told me that the people here are not good."
    assert one(text, "the people here are not good").speaker == "Rajamma"


def test_a_country_after_the_title_picks_the_person():
    text = ("Iranian President Hassan Rouhani said the crash was a disastrous mistake.\n"
            'President of Ukraine Volodymyr Zelenskyy said, "We expect from Iran assurances of a full investigation."\n'
            "The President of Ukraine said the investigation must be open.")
    assert one(text, "We expect from Iran").speaker == "Volodymyr Zelenskyy"
    assert one(text, "the investigation must be open").speaker == "Volodymyr Zelenskyy"


def test_one_person_under_two_titles_is_one_subject():
    text = 'Conservative Party leader and Prime Minister Boris Johnson said he was "humbled" by the result.'
    q = one(text, "he was")
    assert q.speaker == "Boris Johnson" and q.mention == "Prime Minister Boris Johnson"


def test_a_pronoun_is_not_the_object_of_its_own_verb():
    text = ("Trump argued Biden had just lost the far left by saying he did not support those things. "
            "He challenged Biden to name any police group that endorsed him.")
    assert one(text, "Biden to name").speaker == "Trump"


@pytest.mark.parametrize("text, speaker", [
    ("According to the National Conference of State Legislatures, the next primary is scheduled for March.",
     "National Conference of State Legislatures"),
    ("The Iranian Chess Federation said that two players were banned from the national team.", "Iranian Chess Federation"),
    ("The United States House of Representatives voted to hold two officers in contempt, it said.",
     "United States House of Representatives"),
    ("A Republican, Mark Amodei, said he was a big fan of oversight.", "Mark Amodei"),
    ("Two Democratic Representatives, Collin Peterson and Jeff Van Drew, said they would vote against both articles.", None),
    ("The Center for Biological Diversity said the monarch population had fallen.", "Center for Biological Diversity"),
    ("The United States Commission on Presidential Debates said the second debate would be virtual.",
     "United States Commission on Presidential Debates"),
    ("The Montgomery County Police Department opened an inquiry. The Department said an inmate had been stabbed.",
     "Montgomery County Police Department"),
    ("The Kremlin said the talks were over.", "Kremlin"),
])
def test_organisations_keep_their_whole_name_and_roles_are_no_names(text, speaker):
    assert quotes(text)[0].speaker == speaker


def test_a_surname_tagged_as_a_common_noun_and_a_senator_from_a_state():
    text = ("On Wednesday, United States Senator from Vermont Bernie Sanders ended his bid for the nomination.\n\n"
            'Sanders said in his live stream, "I do not make this decision lightly". He wrote in a tweet, "the struggle '
            'for justice continues on".')
    assert [q.speaker for q in quotes(text)] == ["Bernie Sanders", "Bernie Sanders"]


def test_spokesperson_description():
    text = ("Kremlin spokesperson Dmitry Peskov spoke after Sergey Lavrov left.\n"
            "The Kremlin spokesperson said that no date has been set for the next round of talks.")
    assert one(text, "no date has been set").speaker == "Dmitry Peskov"


def test_surname_and_honorific_resolve_to_the_full_name():
    text = ("Russian President Vladimir Putin met the governor.\n"
            "Mr. Putin said that the harvest this year would be better than expected by most analysts.")
    assert one(text, "the harvest this year").speaker == "Vladimir Putin"


def test_organisations_speak():
    text = ("The Russian Defence Ministry emphasised that the operation only targets military infrastructure.\n"
            "The Kremlin said that the talks would resume in Istanbul next week.")
    assert one(text, "only targets military").speaker == "Russian Defence Ministry"
    assert one(text, "talks would resume").speaker == "Kremlin"


# -- records -------------------------------------------------------------------------------------------

def test_analyze_quotes_builds_records_with_stable_ids():
    text = '"We are ready to continue the talks in Istanbul," Sergey Lavrov said.\nHe added that Moscow would wait.'
    art = Article(article_id="a1", source="x.txt", content_hash="h", text=text)
    doc = next(iter(quote_texts([text])))
    qs = analyze_quotes(art, doc, SpeakerRegistry())
    assert qs and all(text[q.span[0] : q.span[1]] == q.text for q in qs)
    assert qs[0].quote_id == short_id("a1", str(qs[0].span[0]), str(qs[0].span[1]))
    assert [q.speaker for q in qs] == ["Sergey Lavrov", "Sergey Lavrov"]
    assert qs[0].speaker_mention == "Sergey Lavrov" and qs[0].speaker_entity_id
    assert analyze_quotes(art, None, SpeakerRegistry())[0].quote_id == qs[0].quote_id


def test_empty_and_quote_free_texts():
    assert analyze_quotes(Article(article_id="a", source="s", content_hash="h", text="  \n")) == []
    assert texts_of("The weather in Moscow was cold on Monday.\nSnow fell overnight.") == []


def test_mismatched_doc_is_refused():
    doc = next(iter(quote_texts(["Another text entirely."])))
    with pytest.raises(ValueError, match="parse article.text"):
        quote_candidates("Some text that differs.", doc)


# -- batches and bad input ---------------------------------------------------------------------------------

def test_batch_parse_in_processes_keeps_order_and_results():
    texts = [f'"We will answer within {n} days," Sergey Lavrov said.' for n in range(4)]
    docs = list(quote_texts(texts, n_process=2, batch_size=1))
    assert [d.text for d in docs] == texts
    assert [quote_candidates(t, d)[0].speaker for t, d in zip(texts, docs)] == ["Sergey Lavrov"] * 4


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = st.sampled_from(['"', "“", "”", "'", "’", "«", "»", " said ", " Lavrov", " he", ":", ",", ".", "\n", " that ",
                          " according to ", " the minister", " We are ready", " Mr.", " Ukraine", "  ", "\n\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_any_text_gives_valid_spans(pieces):
    text = "".join(pieces)
    for c in quote_candidates(text):
        assert 0 <= c.start < c.end <= len(text)
        assert c.kind in ("direct", "indirect", "mixed")
        if c.mention_span:
            assert text[c.mention_span[0] : c.mention_span[1]] == c.mention


def test_one_quote_per_span():
    text = ('"Peskov said that the talks would resume in Istanbul next week," Lavrov said. '
            'Peskov said that the talks would resume in Istanbul next week.')
    spans = [(c.start, c.end) for c in quotes(text)]
    assert len(spans) == len(set(spans))
