"""Analyze stage: who said what in an article (direct, reported and mixed quotes, with canonical speakers).

    from onrecord.analyze import SpeakerRegistry, analyze_quotes, quote_texts

    registry = SpeakerRegistry.from_state(saved_state)          # or SpeakerRegistry(aliases="speakers.toml")
    docs = quote_texts([a.text for a in articles])              # one parse per article, batched, all cores
    for article, doc in zip(articles, docs):
        quotes = analyze_quotes(article, doc, registry)
    saved_state = registry.to_state()
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..records import Article, Entity, Quote
from .candidates import QuoteCandidate
from .extract import extract_candidates
from .nlp import BATCH_SIZE, load_nlp, parse, parse_texts
from .registry import AliasFileError, SpeakerRegistry, load_aliases

__all__ = [
    "AliasFileError", "QuoteCandidate", "SpeakerRegistry", "analyze_quotes", "load_aliases", "load_nlp",
    "quote_candidates", "quote_texts", "speaker_entities",
]


def quote_texts(texts: list[str], *, n_process: int | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse article texts for quote extraction: batched, one process per core for large jobs, in order."""
    return parse_texts(texts, n_process=n_process, batch_size=batch_size)


def quote_candidates(text: str, doc: Doc | None = None, registry: SpeakerRegistry | None = None, *,
                     learned: bool = True) -> list[QuoteCandidate]:
    """The extractor's full records (with mention and cue spans) for a text; ``learned=False``: the rules alone."""
    if doc is None:
        doc = parse(text)
    elif len(doc) and (doc[-1].idx + len(doc[-1].text_with_ws) != len(text) or doc[0].idx != 0):
        raise ValueError("the parsed doc does not hold this article's text; parse article.text (quote_texts) and pass it in order")
    return extract_candidates(doc, registry, learned=learned)


def analyze_quotes(article: Article, doc: Doc | None = None, registry: SpeakerRegistry | None = None) -> list[Quote]:
    """Every quote of an article, with spans into ``article.text`` and canonical speakers."""
    if not article.text.strip():
        return []
    return [c.to_quote(article.article_id, article.text) for c in quote_candidates(article.text, doc, registry)]


def speaker_entities(registry: SpeakerRegistry) -> list[Entity]:
    """The registry's canonical speakers as `records.Entity` rows for the store."""
    return registry.entities()
