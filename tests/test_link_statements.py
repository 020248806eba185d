"""Statements: one utterance reported by several outlets, directly or indirectly, gets one statement id."""

from __future__ import annotations

from onrecord.link import Linker
from onrecord.link.statements import normalise, speaker_key
from onrecord.records import Article, Quote

BODY = ("Russian Foreign Minister Sergey Lavrov gave an interview to Serbian media on the talks with Ukraine, the "
        "sanctions and relations with China, and spoke about a meeting of the two presidents. ")


def article(aid: str, published: str | None, extra: str = "") -> Article:
    return Article(article_id=aid, source=f"{aid}.txt", content_hash=aid, text=BODY + extra, published=published)


def quote(qid: str, aid: str, text: str, kind: str = "direct", speaker: str | None = "Sergey Lavrov") -> Quote:
    return Quote(quote_id=qid, article_id=aid, text=text, kind=kind, span=(0, len(text)), speaker=speaker)  # type: ignore[arg-type]


DIRECT = "We are ready to consider different locations for the continuation of the negotiations, including Belgrade"
INDIRECT = "Moscow is ready to consider different locations for the continuation of Russian-Ukrainian negotiations, including Belgrade"
OTHER = "Relations between Russia and China are at their best level ever in history"


def test_direct_and_indirect_renderings_by_two_outlets_are_one_statement() -> None:
    a, b = article("a", "2022-03-28", "Sputnik."), article("b", "2022-03-28", "Republic.")
    q1, q2 = quote("q1", "a", DIRECT), quote("q2", "b", INDIRECT, kind="indirect", speaker="Sergei Lavrov")
    result = Linker().link([a, b], [q1, q2])
    assert q1.statement_id is not None
    assert q1.statement_id == q2.statement_id
    (st,) = [s for s in result.statements if s.statement_id == q1.statement_id]
    assert st.quote_ids == ["q1", "q2"]
    assert dict(result.quotes) == {"q1": q1.statement_id, "q2": q2.statement_id}


def test_wording_variants_of_the_gold_pairs_link() -> None:
    a, b = article("a", "2022-03-28"), article("b", "2022-03-28")
    qs = [quote("a1", "a", "the West does not care one bit about the sovereign rights of other countries", "indirect"),
          quote("a2", "a", "huge number of partners in the Asia-Pacific region, in Africa, and Latin America", "mixed"),
          quote("b1", "b", "West doesn't care one bit about sovereign rights of other countries.", "mixed"),
          quote("b2", "b", "huge number of partners in the Asia-Pacific region, in Asia, in general, in Africa, in Latin America", "mixed")]
    Linker().link([a, b], qs)
    assert qs[0].statement_id == qs[2].statement_id
    assert qs[1].statement_id == qs[3].statement_id
    assert qs[0].statement_id != qs[1].statement_id


def test_other_utterances_speakers_and_times_stay_apart() -> None:
    a, b = article("a", "2022-03-28"), article("b", "2022-03-28")
    much_later = article("c", "2022-06-01", "A different interview entirely, about grain exports and the Black Sea.")
    q = [quote("q1", "a", DIRECT), quote("q2", "b", OTHER), quote("q3", "b", DIRECT, speaker="Dmitry Peskov"),
         quote("q4", "c", DIRECT)]
    Linker().link([a, b, much_later], q)
    assert len({x.statement_id for x in q}) == 4


def test_every_quote_gets_a_statement_even_without_a_speaker() -> None:
    a = article("a", None)
    q = [quote("q1", "a", "Nobody knows who said this", speaker=None), quote("q2", "a", "Nobody knows who said this", speaker=None)]
    Linker().link([a], q)
    assert q[0].statement_id and q[1].statement_id and q[0].statement_id != q[1].statement_id


def test_earliest_report_is_known_even_when_it_arrives_later() -> None:
    late, early = article("late", "2022-03-29"), article("early", "2022-03-28")
    linker = Linker()
    linker.link([late], [quote("q_late", "late", DIRECT)])
    result = linker.link([early], [quote("q_early", "early", INDIRECT, kind="indirect")])
    (st,) = result.statements
    assert st.quote_ids == ["q_late", "q_early"]
    assert st.first_reported == "2022-03-28"
    assert st.earliest_quote_id == "q_early"
    assert st.text == INDIRECT


def test_normalise_and_speaker_key() -> None:
    assert normalise("The West doesn't care, one bit!") == "west does not care one bit"
    assert speaker_key("Sergei Lavrov") == speaker_key("Sergey Lavrov") == "s lavrov"
    assert speaker_key("Volodymyr Zelenskyy") == speaker_key("Volodymyr Zelensky")
    assert speaker_key(None) is None and speaker_key("  ") is None


def test_within_one_article_two_alike_answers_are_two_statements() -> None:
    a = article("a", "2022-03-28")
    one = "Could you briefly explain what Red Hat announced and what it means for the future of CentOS?"
    two = "Could you briefly explain what Chris Wright announced and what it means for the CentOS community?"
    qs = [quote("a1", "a", one, speaker="Wikinews"), quote("a2", "a", two, speaker="Wikinews"),
          quote("a3", "a", one, speaker="Wikinews")]
    Linker().link([a], qs)
    assert qs[0].statement_id == qs[2].statement_id  # a repeat (a headline and its body)
    assert qs[1].statement_id != qs[0].statement_id


def test_long_answers_are_compared_by_their_opening_words_only() -> None:
    from onrecord.link.statements import FUZZY_CHARS, fuzzy

    opening = "we repeated the analysis with newer data and the results held " * 6
    assert len(opening) > FUZZY_CHARS
    assert fuzzy(opening + "x" * 5000, opening + "y" * 5000, 6) == 100.0
