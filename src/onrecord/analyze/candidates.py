"""The extractor's own record of a quote: richer than `records.Quote` (mention and cue spans, nesting)."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Quote, QuoteKind, short_id


@dataclass(slots=True)
class QuoteCandidate:
    """One quote as found: content span, cue and speaker mention (token and character spans)."""

    start: int  # content span in the article text (characters)
    end: int
    kind: QuoteKind
    cue: str | None = None
    cue_span: tuple[int, int] | None = None  # characters
    mention_tokens: tuple[int, int] | None = None  # token span of the speaker mention in the parsed doc
    mention_span: tuple[int, int] | None = None  # characters
    mention: str | None = None  # as written
    speaker: str | None = None  # canonical name
    entity_id: str | None = None
    how: str = ""  # how it was found: "after", "before", "colon", "continued", "complement", "according", ...
    outer: int | None = None  # index of the quote this one sits inside (a quotation within a quotation)
    marks: tuple[int, int] | None = None  # span including the quotation marks, for a direct quote
    resolved_by: str = ""  # how the speaker was found: "name", "pronoun", "description", ...

    def to_quote(self, article_id: str, text: str) -> Quote:
        """The exported record; its span points into ``text`` and its id is stable for the same span."""
        return Quote(
            quote_id=short_id(article_id, str(self.start), str(self.end)),
            article_id=article_id,
            text=text[self.start : self.end],
            kind=self.kind,
            span=(self.start, self.end),
            speaker=self.speaker,
            speaker_mention=self.mention,
            speaker_entity_id=self.entity_id,
            cue=self.cue,
        )
