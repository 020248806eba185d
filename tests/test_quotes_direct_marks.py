"""Direct quotes: quotation marks, signed quotations, fragments inside reported clauses, speaker noun phrases.

Every sentence here is written for the test (none is copied from an evaluation corpus).
"""

from __future__ import annotations

import pytest

from onrecord.analyze import quote_candidates
from onrecord.analyze.marks import find_marks
from onrecord.analyze.quotes_direct import title_like


def _quotes(text: str):
    return quote_candidates(text)


def _one(text: str, needle: str):
    found = [c for c in _quotes(text) if needle in text[c.start : c.end]]
    assert found, f"no quote holding {needle!r}: {[text[c.start:c.end] for c in _quotes(text)]}"
    return found[0]


def test_closing_mark_typed_as_opening_mark() -> None:
    text = "Readers wrote in.\n”The bridge is a waste of money. Nobody asked us.” ― Maria Lopez\n"
    spans = find_marks(text)
    assert [text[m.start : m.end] for m in spans] == ["The bridge is a waste of money. Nobody asked us."]


def test_a_closing_mark_after_a_word_still_closes() -> None:
    text = 'He said "we will build it” and left.'
    assert [text[m.start : m.end] for m in find_marks(text)] == ["we will build it"]


def test_signed_quotation_takes_the_name_after_the_dash() -> None:
    text = (
        "Voters answered our survey.\n"
        "“The new bridge will cut my commute in half and I cannot wait for it to open.” ― Daniel Okafor\n"
        "“Nobody asked the people who live next to the river what they wanted.”― Petra Lindqvist.\n"
    )
    first = _one(text, "commute in half")
    second = _one(text, "next to the river")
    assert (first.how, first.mention, first.cue) == ("signed", "Daniel Okafor", "―")
    assert second.how == "signed" and second.mention == "Petra Lindqvist"


def test_dash_followed_by_a_sentence_is_not_a_signature() -> None:
    text = "“We will rebuild the harbour before winter comes,” ― the mayor paused. Then the crowd cheered loudly.\n"
    assert all(c.how != "signed" for c in _quotes(text))


def test_naming_verb_fragment_takes_its_object() -> None:
    text = "The senator called the harbour plan “a reckless gamble with public money” on Tuesday.\n"
    q = _one(text, "reckless gamble")
    assert q.kind == "mixed" and q.marks is None
    assert text[q.start : q.end].startswith("the harbour plan")
    assert q.mention == "The senator"


def test_described_as_fragment_takes_its_object() -> None:
    text = "Mayor Ines Duarte described the flooding as “the worst this city has seen in a century.”\n"
    q = _one(text, "worst this city")
    assert text[q.start : q.end].startswith("the flooding as")
    assert q.speaker == "Ines Duarte"


def test_fragment_inside_a_reported_clause_takes_the_clause() -> None:
    text = "The minister said the budget was “balanced for the first time in a decade” after the vote.\n"
    q = _one(text, "balanced for the first time")
    assert text[q.start : q.end].startswith("the budget was")
    assert q.kind == "mixed"


def test_show_names_are_not_quoted_speech() -> None:
    assert title_like("Meet the Press")
    assert title_like("The Lead with Jake Tapper")  # short prepositions stay lower case in titles
    assert not title_like("I will meet with you")
    assert not title_like("we will not back down.")
    text = "The governor told “Morning Report” that the bridge would open in May.\n"
    assert all("Morning Report" != text[c.start : c.end].strip("“”") for c in _quotes(text))
    text = 'On "Morning Report," the governor said the bridge would open in May.\n'
    assert all("Morning Report" not in text[c.start : c.end] for c in _quotes(text))


def test_show_named_after_a_possessive_is_no_quotation_of_the_speaker_after_it() -> None:
    text = 'Speaking on Tuesday on Radio Dublin\'s "Breakfast," the minister said the talks would resume in May.\n'
    assert not [c for c in _quotes(text) if "Breakfast" in text[c.start : c.end]]


def test_short_title_case_answer_opening_its_sentence_is_words_said() -> None:
    # a quotation opening its sentence and closing on a comma before "he said" is what he said, title case or not
    q = _one('"Absolutely Not," the senator said of the plan to close the harbour.\n', "Absolutely Not")
    assert q.mention == "the senator" and q.kind == "direct"


def test_reported_clause_cut_inside_a_quotation_runs_to_its_closing_mark() -> None:
    text = "The auditor said there remains a “serious gap in the accounts, and nobody has explained it,” when asked on Monday.\n"
    spans = [text[c.start : c.end] for c in _quotes(text)]
    assert any("nobody has explained it,”" in s or "nobody has explained it" in s for s in spans)
    assert not any(s.endswith("accounts") for s in spans)


def test_speaker_in_the_quotation_is_not_the_speaker() -> None:
    text = "“My answer, that was a disgrace,” the former campaign adviser said.\n"
    q = _one(text, "that was a disgrace")
    assert q.mention == "the former campaign adviser"


def test_possessive_before_the_cue_is_part_of_the_speaker() -> None:
    text = "“We expected a close count,” the mayor's chief of staff said.\n"
    q = _one(text, "close count")
    assert q.mention is not None and "chief of staff" in q.mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("“The plan is sound,” said Anna Berg, a lawyer for the harbour board, who has studied it for years.\n",
         "Anna Berg, a lawyer for the harbour board"),
        ("Tomas Reyes, the city's budget director, said: “We will not raise taxes this year.”\n",
         "Tomas Reyes, the city's budget director,"),
        ("“We have the votes,” said Sen. Laura Finch (D-Ore.).\n", "Sen. Laura Finch (D-Ore.)"),
        ("“The numbers do not add up,” the Harbour Policy Institute said.\n", "the Harbour Policy Institute"),
    ],
)
def test_speaker_mention_is_the_whole_noun_phrase(text: str, mention: str) -> None:
    qs = [c for c in _quotes(text) if c.marks is not None]
    assert qs and qs[0].mention == mention


def test_closing_mark_at_a_line_start_opens_a_quotation() -> None:
    text = "The columnist was blunt.\n” … the council wasted a decade on this bridge,” Ruiz wrote.\n"
    assert [text[m.start : m.end] for m in find_marks(text)] == ["… the council wasted a decade on this bridge"]


def test_a_short_sentence_is_not_a_title() -> None:
    assert not title_like("Don't you do it")
    assert title_like("Fox and Friends")
    q = _one('The guard waved at the driver and repeatedly shouted, "Don\'t you do it," until the car stopped.', "Don't you do it")
    assert q.mention == "The guard" and q.kind == "direct"


def test_reported_clause_equal_to_a_quotation_keeps_the_quotation() -> None:
    text = 'The mayor spoke at the harbour.\nNovak added: "We will be able to pay for what is necessary."\n'
    q = _one(text, "We will be able")
    assert q.kind == "direct" and q.marks is not None and q.mention == "Novak"


def test_second_subject_inside_the_quotation_is_not_the_speaker() -> None:
    text = ('"She would be a fine mayor. Not good, great. One of the sharpest minds in the whole council," '
            "Rep. Daniel Okafor (D-Ore.) said in a phone call.\n")
    q = _one(text, "fine mayor")
    assert q.mention is not None and q.mention.startswith("Rep. Daniel Okafor")


def test_single_quoted_heading_does_not_continue_a_quotation() -> None:
    text = ('"The port will be ready by spring," Ms. Varga said. "Nobody doubts it."\n\n'
            "'Trouble at the Docks.'\n\nThe works began in May.\n")
    assert not [c for c in _quotes(text) if "Trouble at the Docks" in text[c.start : c.end]]


def test_quotation_completing_a_clause_takes_the_clause() -> None:
    text = 'The new bridge "has changed the whole town for the better," said Mayor Ilse Brandt.\n'
    q = _one(text, "changed the whole town")
    assert q.kind == "mixed" and text[q.start : q.end] == 'The new bridge "has changed the whole town for the better,"'
    assert q.mention == "Mayor Ilse Brandt"


def test_quotation_in_parts_takes_the_clause_it_completes_and_the_rest_keeps_its_marks() -> None:
    text = 'The plan is "too expensive," Ms. Varga wrote in a letter, and "far too late."\n'
    got = [(c.kind, text[c.start : c.end], c.cue) for c in _quotes(text)]
    assert ("mixed", 'The plan is "too expensive,"', "wrote") in got
    assert [c.marks is not None for c in _quotes(text) if "far too late" in text[c.start : c.end]] == [True]


def test_new_sentence_after_a_quotation_is_no_attribution() -> None:
    text = 'The governor promised "Jobs For Every Town." He told the crowd in the square that the plant would reopen.\n'
    assert not [c for c in _quotes(text) if c.how == "after" and "Jobs For Every Town" in text[c.start : c.end]]


def test_any_verb_framing_a_quotation_attributes_it() -> None:
    q = _one('"Go back to your seat," the chairman barked as the hearing resumed.\n', "Go back to your seat")
    assert q.mention == "the chairman" and q.cue == "barked"


def test_participle_cue_takes_the_subject_of_its_clause() -> None:
    q = _one('The mayor ended her speech by saying, "This harbour belongs to all of us."\n', "This harbour")
    assert q.mention == "The mayor"


def test_mixed_quote_ends_before_a_time_or_an_aside() -> None:
    text = 'The senator described the budget as "a betrayal of the voters" Wednesday on a morning radio show.\n'
    q = _one(text, "a betrayal")
    assert text[q.start : q.end].endswith('"a betrayal of the voters"')


def test_block_quotation_in_straight_marks_is_not_reopened_by_a_curly_mark() -> None:
    text = (
        "The magazine describes the evening:\n\n"
        '"The dog was asleep by the fire.\n\n'
        "“Look at the snow,” she said. “It is still falling.”\n\n"
        '"The neighbours were singing “Silent Night” in the street.\n'
    )
    got = [(text[m.start : m.end], m.depth) for m in find_marks(text)]
    assert ("Look at the snow", 0) in got and ("It is still falling.", 0) in got
    assert ("Silent Night", 0) in got  # the stray straight mark does not nest it
    assert not any(s.startswith("The dog") for s, _ in got)


def test_straight_marks_reopening_each_paragraph_continue_the_quotation() -> None:
    text = (
        'The mayor said: "We will rebuild the pier before the summer.\n\n'
        '"The money is there and the builders are ready."\n'
    )
    spans = find_marks(text)
    assert [text[m.start : m.end] for m in spans] == [
        "We will rebuild the pier before the summer.", "The money is there and the builders are ready."]
    assert spans[0].continues and spans[1].continued


def test_an_opening_curly_mark_typed_for_a_closing_one() -> None:
    text = "The panel rated the claim “Half True.“\n\nIt gave no reason."
    assert [text[m.start : m.end] for m in find_marks(text)] == ["Half True."]


def test_transcript_label_takes_the_full_name_the_document_gives() -> None:
    text = (
        "Radio host Anna Kowalski spoke with Mayor Tomas Berg on Monday.\n\n"
        "KOWALSKI: Mayor, when will the new bridge open to traffic?\n\n"
        "BERG: We expect the bridge to open in the spring of next year.\n\n"
        "KOWALSKI: And what will it cost the taxpayers of this city?\n\n"
        "PRODUCER: We are out of time for this segment.\n"
    )
    by_text = {text[c.start : c.end][:20]: c.speaker for c in _quotes(text) if c.how == "transcript"}
    assert by_text["Mayor, when will the"] == "Anna Kowalski"
    assert by_text["We expect the bridge"] == "Tomas Berg"
    assert by_text["We are out of time f"] == "PRODUCER"


def test_a_speaker_the_parser_hung_on_the_phrase_before_the_verb():
    from onrecord.analyze import quote_candidates

    text = ("In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "
            "“Hillary Clinton believes that transatlantic cooperation is essential.”")
    (q,) = quote_candidates(text)
    assert (q.kind, q.speaker, q.cue) == ("direct", "Jake Sullivan", "said")


def test_quotation_whose_closing_mark_was_left_out_runs_to_the_line_end() -> None:
    text = ("“The mayor is unlike any we have seen,” said Baron. “His plans have defied all conventions. They deserve "
            "to be explored in depth.\n\nHe left the room.\n")
    got = [(text[c.start : c.end], c.cue) for c in _quotes(text)]
    assert ("His plans have defied all conventions. They deserve to be explored in depth.", "said") in got
    assert all(not text[c.start : c.end].startswith("He left") for c in _quotes(text))


@pytest.mark.parametrize("text, mention", [
    ("Polls close early - Ana Ruiz: “The lesson is simple: keep contacting voters as late as you possibly can.”", "Ana Ruiz"),
    ("Not all panels are equal. More from the report: “Samples with careful weighting gave far better results.”", "the report"),
    ("According to the Gazette: “Very few people are barred from buying a rifle in the state.”", "the Gazette"),
    ("Here is Okafor in March 2019: “Our new course must rest on what the harbour towns actually need.”", "Okafor"),
])
def test_source_named_before_a_colon_mid_line(text: str, mention: str) -> None:
    q = _one(text, text[text.index("“") + 1 : text.index("“") + 8])
    assert (q.how, q.mention, text[q.start : q.end]) == ("colon", mention, text[text.index("“") + 1 : text.rindex("”")])


def test_a_colon_after_a_plain_phrase_names_no_source() -> None:
    text = "The rule was short and clear. It read in full: “No boats may dock at the pier after dark.”"
    assert all(q.how != "colon" for q in _quotes(text))


def test_a_named_speaker_with_apposition_before_the_cue_when_the_parse_lost_the_subject() -> None:
    # the parse spaCy gave a real sentence of this shape: the name hung on the quotation as an apposition, the show's
    # title after the cue taken for its subject
    from spacy.tokens import Doc

    from onrecord.analyze.nlp import load_nlp
    from onrecord.analyze.quotes_direct import _mention_before_cue

    words = ["\u201c", "Fine", ",", "\u201d", "Quinn", ",", "a", "top", "surrogate", ",", "said", "on", "\u201c", "Fox", "and", "Friends", ".", "\u201d"]
    heads = [1, 10, 1, 1, 1, 4, 8, 8, 4, 10, 10, 10, 10, 10, 13, 13, 10, 10]
    deps = ["punct", "ccomp", "punct", "punct", "appos", "punct", "det", "amod", "appos", "punct", "ROOT", "prep", "punct", "nsubj",
            "cc", "conj", "punct", "punct"]
    pos = ["PUNCT", "ADJ", "PUNCT", "PUNCT", "PROPN", "PUNCT", "DET", "ADJ", "NOUN", "PUNCT", "VERB", "ADP", "PUNCT", "PROPN", "CCONJ",
           "PROPN", "PUNCT", "PUNCT"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert _mention_before_cue(doc, 4, 10) == (4, 5)  # Quinn


def test_two_apostrophes_stand_for_a_double_mark() -> None:
    text = "''Our ferries are being sold off,'' Mr. Okafor said. ''It is the 'worst' deal this harbour has seen.''"
    spans = find_marks(text)
    assert [(text[m.start : m.end], m.depth) for m in spans] == [
        ("Our ferries are being sold off", 0), ("It is the 'worst' deal this harbour has seen.", 0), ("worst", 1)]
    assert [text[m.outer_span[0] : m.outer_span[1]] for m in spans[:2]] == [
        "''Our ferries are being sold off,''", "''It is the 'worst' deal this harbour has seen.''"]
    q = _one(text, "ferries")
    assert (text[q.start : q.end], q.mention) == ("Our ferries are being sold off", "Mr. Okafor")


def test_an_apostrophe_in_a_name_next_to_paired_apostrophes() -> None:
    text = "Mr. O'Neill's ''plan'' works."
    assert [text[m.start : m.end] for m in find_marks(text)] == ["plan"]


def test_a_quotation_resumed_in_lower_case_after_its_attribution_keeps_it() -> None:
    text = ("\u201cMany people are uncertain this year,\u201d Ruiz wrote in a statement to the Gazette explaining why she is speaking"
            " at the congress, \u201cbut most voters agree that the port is on the wrong track.\u201d")
    q = _one(text, "most voters agree")
    assert (q.how, q.cue, q.mention) == ("continued", "wrote", "Ruiz")


def test_fragment_governed_by_another_speakers_verb_is_theirs() -> None:
    # a quotation in the clause of a second actor's speech verb is that actor's, not the earlier speaker's
    text = ('"Are you coming?" she asked, but the crowd was restless, and as the senator went on about "how the country '
            'has been cheated by its leaders," the band kept playing.')
    got = {text[c.start : c.end]: (c.mention, c.cue) for c in quote_candidates(text)}
    assert got["how the country has been cheated by its leaders"] == ("the senator", "went on")
    assert got["Are you coming?"] == ("she", "asked")


@pytest.mark.parametrize(
    "text, second",
    [
        # the verb after the closing mark reports a clause of its own: the quotation continues the one before
        (('"We are ready for the season," said Ana Ruiz, the team\'s coach. "The players have trained hard all summer. '
          'They know what is at stake." Ruiz added that the club would announce a new captain on Friday.'),
         "The players have trained hard all summer. They know what is at stake."),
        # a participle opening the next sentence is no attribution of the quotation before it
        (('"If the plan passes, we will build the bridge," she said. "If it fails, we will try again next year." '
          'Asked what that would cost, she said the city had not decided.'),
         "If it fails, we will try again next year."),
    ],
)
def test_quotation_before_a_new_reporting_sentence_continues_the_last(text: str, second: str) -> None:
    got = {text[c.start : c.end]: c for c in quote_candidates(text)}
    first = next(c for c in got.values() if c.kind == "direct" and c.how == "after")
    assert got[second].how == "continued"
    assert (got[second].cue, got[second].mention) == (first.cue, first.mention)


def test_inserted_attribution_before_a_lower_case_quotation_keeps_the_words_before_it() -> None:
    # the statement begins before "he said" and the quotation completes it: one mixed quote over both parts
    text = 'No new law, the senator said, "will bring back the jobs this town has lost."'
    found = [(c.kind, text[c.start : c.end], c.mention) for c in quote_candidates(text)]
    assert ("mixed", text, "the senator") in found
    # a quotation opening a sentence of its own after the attribution is what was said; the lead is the writer's
    text = 'Asked whether the plant would close, the manager said, "We have no plans to leave."'
    found = [(c.kind, text[c.start : c.end], c.mention) for c in quote_candidates(text)]
    assert ("direct", "We have no plans to leave.", "the manager") in found


def test_attribution_after_a_long_apposition_to_the_speaker() -> None:
    # the speaker's apposition holds a preposition and runs past the usual few words before "said"
    q = _one('"We cannot keep patching this bridge," Maria Lopez, the chief engineer of the regional transport authority, '
             'said on Tuesday.\n', "We cannot keep patching")
    assert (q.kind, q.how, q.cue) == ("direct", "after", "said")
    assert q.mention is not None and q.mention.startswith("Maria Lopez, the chief engineer")


def test_colon_lead_naming_two_speakers() -> None:
    text = 'POLLS WERE NOT WRONG, JUST EARLY - Ana Ruiz and Tom Berg: "The surveys simply ended a week before the vote."\n'
    q = _one(text, "The surveys simply ended")
    assert q.mention == "Ana Ruiz and Tom Berg" and q.how == "colon"


def test_quotation_signed_on_the_next_line() -> None:
    # fact-check columns: the claim alone in its paragraph, the speaker signed below it
    text = ('The senator repeated a claim on Sunday.\n\n"Most new jobs this year went to people over sixty."\n\n'
            '- Ana Ruiz, Denver\n\nThat is not what the figures show.\n')
    q = _one(text, "Most new jobs this year")
    assert (q.how, q.mention) == ("signed", "Ana Ruiz")


@pytest.mark.parametrize("text", [
    'Trump says the league has gone "soft" like the rest of the country.',
    'Her campaign would continue "to break barriers" across the nation, she said.',
    'He said he has begun "to unmask the true nature" of his rival.',
])
def test_a_quotation_completing_a_verb_of_going_on_is_not_its_words(text: str) -> None:
    assert not [c for c in quote_candidates(text) if c.cue in ("gone", "continue", "begun")]


def test_a_verb_of_going_on_still_attributes_words_said() -> None:
    text = 'The mayor thanked the crews. She continued, "We will rebuild every bridge before spring."'
    [q] = [c for c in quote_candidates(text) if c.cue == "continued"]
    assert (text[q.start : q.end], q.mention) == ("We will rebuild every bridge before spring.", "She")


@pytest.mark.parametrize("text, cue, kind, content", [
    # the quotation is the cue's object: the phrase completing it is part of one mixed quote
    ('Supporters of the challenger are crying "fraud" over the delegate count.', "crying", "mixed", '"fraud" over the delegate count'),
    ('Only 30 of the refugees specified "Christian" as their religion, the report said.', "specified", "mixed",
     '"Christian" as their religion'),
    # the scene (an occasion, a time) or a quotation closing on its own punctuation: the quotation alone
    ('The senator said "nothing" in the interview.', "said", "direct", "nothing"),
    ('The mayor promised "a new bridge" at a rally on Friday.', "promised", "direct", "a new bridge"),
    ('The mayor promised "a new bridge." In May the city agreed.', "promised", "direct", "a new bridge."),
])
def test_a_quoted_object_runs_on_over_the_phrase_completing_it_not_over_the_scene(text: str, cue: str, kind: str, content: str) -> None:
    [q] = [c for c in quote_candidates(text) if c.cue == cue]
    assert (q.kind, text[q.start : q.end]) == (kind, content)


@pytest.mark.parametrize("text, found", [
    ("Harbour talks now would be counterproductive: Okafor\n\nThe minister spoke in Lagos.", [("colon-after", "Okafor")]),
    # the answer a sentence leads up to, a title's second half, a credit: no speaker after the colon
    ("Democrats say they have a powerful new weapon: Donald Trump.", []),
    ("A Curious Plan to Fight Climate Change: Buy Mines, Sell Coal\n\nThe plan is odd.", []),
])
def test_a_name_after_a_colon_signs_only_a_headline(text: str, found: list[tuple[str, str]]) -> None:
    assert [(q.how, q.mention) for q in _quotes(text) if q.cue == ":"] == found
