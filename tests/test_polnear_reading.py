"""Reading PolNeAR's BRAT standoff the way the quote benchmark scores it."""

from __future__ import annotations

from pathlib import Path

from onrecord.analyze.polnear import read_ann


def test_content_pieces_are_ordered_and_content2_joins_them(tmp_path: Path) -> None:
    ann = tmp_path / "doc.ann"
    ann.write_text(
        "T1\tContent 50 60;10 20\tpart two part one\n"
        "T2\tSource 30 35\tSmith\n"
        "T3\tCue 36 40\tsaid\n"
        "T4\tContent 70 80\tpart three\n"
        "T5\tAttribution 36 40\tsaid\n"
        "E1\tAttribution:T5 Cue:T3 Source:T2 Content:T1 Content2:T4\n",
        encoding="utf-8",
    )
    (a,) = read_ann(ann)
    assert a.content == [(10, 20), (50, 60), (70, 80)]
    assert a.source == [(30, 35)] and a.cue == [(36, 40)]


def test_a_quotation_resumed_after_its_attribution_joins_the_part_before() -> None:
    from onrecord.analyze.candidates import QuoteCandidate
    from onrecord.analyze.polnear import system_items

    text = 'The summit did "too little," he added. "Europe risks a lot."'
    first = QuoteCandidate(0, 28, "mixed", cue="added", cue_span=(33, 38), mention_tokens=(7, 8), how="after")
    second = QuoteCandidate(41, 59, "direct", cue="added", cue_span=(33, 38), mention_tokens=(7, 8), how="continued",
                            marks=(40, 60))
    items = system_items(text, [first, second])
    assert [spans for spans, _ in items] == [[(0, 28), (40, 60)]]
