"""Wire the stages: sources → clean → analyze → link → store, in batches, idempotent and resumable.

What a stage learns across articles (outlet templates, the speaker registry, the story and statement index)
is loaded from the store before the run and saved with every batch, in the same transaction as the batch's
articles and ingest-log lines: a run killed at any point leaves whole batches only, and rerunning skips what
is stored (same source, same content hash) and ends with the database an uninterrupted run gives.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .analyze import SpeakerRegistry, analyze_quotes, quote_texts
from .analyze.dates import extract_dates, said_on
from .analyze.entities import EntityIndex, find_mentions, load_entity_file
from .analyze.framing import find_framing
from .clean import CleanError, clean_document
from .clean.templates import OutletTemplates
from .link import Linker
from .records import Analysis, Article, Document, Entity, Quote, SourceError
from .sources import SourceOptions, iter_documents
from .store import Extras, Store

BATCH_SIZE = 100
STATE_KEYS = {"templates": "clean.templates", "registry": "analyze.speakers", "entities": "analyze.entities",
              "linker": "link.index"}


@dataclass
class IngestSummary:
    """What one ingest run did: counts, failures with reasons, and timing."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.added + self.replaced + self.unchanged + len(self.failed)

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "failed": [{"source": s, "error": m} for s, m in self.failed],
            "seconds": round(self.seconds, 3),
        }


ProgressFn = Callable[[IngestSummary], None]


@dataclass
class Learned:
    """Cross-article state of the stages, loaded from and saved to the store."""

    templates: OutletTemplates
    registry: SpeakerRegistry
    entities: EntityIndex
    linker: Linker
    written: dict[str, Entity] = field(default_factory=dict)  # entities as this run last stored them

    @classmethod
    def load(cls, store: Store, aliases: str | None = None, entity_file: str | None = None) -> Learned:
        """The state as the last committed batch left it (fresh on a new database), user alias files on top."""
        return cls(
            templates=OutletTemplates.from_state(store.load_state(STATE_KEYS["templates"])),
            registry=SpeakerRegistry.from_state(store.load_state(STATE_KEYS["registry"]), aliases=aliases),
            entities=EntityIndex.from_state(store.load_state(STATE_KEYS["entities"]),
                                            load_entity_file(entity_file) if entity_file else None),
            linker=Linker.from_state(store.load_state(STATE_KEYS["linker"])),
        )

    def changed_entities(self) -> list[Entity]:
        """Entities new or changed since this run last stored them (all of them in a run's first batch)."""
        current = self.entities.entities(self.registry)
        changed = [e for e in current if self.written.get(e.entity_id) != e]
        self.written = {e.entity_id: e for e in current}
        return changed

    def state(self) -> dict:
        """Everything to save, keyed by store state key."""
        return {
            STATE_KEYS["templates"]: self.templates.to_state(),
            STATE_KEYS["registry"]: self.registry.to_state(),
            STATE_KEYS["entities"]: self.entities.to_state(),
            STATE_KEYS["linker"]: self.linker.to_state(),
        }


def _one_per_span(quotes: list[Quote]) -> list[Quote]:
    """Keep the first quote of each span: a span attributed twice (a quote inside a quote) has one id."""
    seen: set[str] = set()
    return [q for q in quotes if not (q.quote_id in seen or seen.add(q.quote_id))]


def analyze_articles(articles: list[Article], learned: Learned) -> tuple[list[Analysis], list[tuple[Article, str]]]:
    """Quotes, event dates and framing for a batch of clean articles (one spaCy pass over the batch).

    Returns the analyses and the articles a stage failed on, with the reason; the others are not affected.
    """
    done: list[Analysis] = []
    failed: list[tuple[Article, str]] = []
    for article, parsed in zip(articles, quote_texts([a.text for a in articles])):
        try:
            quotes = _one_per_span(analyze_quotes(article, parsed, learned.registry))
            dates = extract_dates(article.text, article.published, article.article_id, quotes)
            for q in quotes:
                q.said_on = said_on(q, dates)
            framing = find_framing(article.text, article.article_id, quotes)
            mentions = find_mentions(article.article_id, article.text, parsed, learned.entities, learned.registry)
        except Exception as exc:  # a stage bug on one article must not lose the batch
            failed.append((article, _failure(exc)))
            continue
        done.append(Analysis(article=article, quotes=quotes, dates=dates, framing=framing, mentions=mentions))
    return done, failed


def link_batch(analyses: list[Analysis], learned: Learned) -> Extras:
    """Duplicates, stories and statements for the batch (set on its records); returns what to store beside it."""
    result = learned.linker.link([a.article for a in analyses], [q for a in analyses for q in a.quotes])
    return Extras(
        state=learned.state(),
        entities=learned.changed_entities(),
        stories=result.stories,
        statements=result.statements,
        article_links=result.articles,  # includes earlier-batch articles a story split moved
        statement_ids=result.quotes,
    )


def _batches(items: Iterable[Document | SourceError], size: int) -> Iterator[list[Document | SourceError]]:
    batch: list[Document | SourceError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _failure(exc: Exception) -> str:
    """The message for a document a stage could not handle."""
    if isinstance(exc, CleanError):
        return str(exc)
    return f"internal error while processing ({type(exc).__name__}: {exc}); please report it"


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    options: SourceOptions | None = None,
    force: bool = False,
    batch_size: int = BATCH_SIZE,
    aliases: str | None = None,
    entity_file: str | None = None,
    on_progress: ProgressFn | None = None,
) -> IngestSummary:
    """Read every input, clean, analyze and link new or changed documents, and store them batch by batch."""
    summary = IngestSummary()
    started = time.perf_counter()
    learned = Learned.load(store, aliases=aliases, entity_file=entity_file)
    seen_this_run: set[str] = set()
    for batch in _batches(iter_documents(inputs, options or SourceOptions()), batch_size):
        known = store.known_hashes([d.source for d in batch if isinstance(d, Document)])
        articles: list[Article] = []
        log: list[tuple[str, str | None, str, str | None]] = []
        for item in batch:
            if isinstance(item, SourceError):
                summary.failed.append((item.source, item.message))
                log.append((item.source, None, "failed", item.message))
                continue
            if item.source in seen_this_run or (known.get(item.source) == item.content_hash and not force):
                summary.unchanged += 1
                continue
            seen_this_run.add(item.source)
            try:
                articles.append(clean_document(item, learned.templates))
            except Exception as exc:  # a bad document (or a stage bug) must not lose the rest of the batch
                summary.failed.append((item.source, _failure(exc)))
                log.append((item.source, item.content_hash, "failed", _failure(exc)))
        analyses, broken = analyze_articles(articles, learned) if articles else ([], [])
        for article, message in broken:
            summary.failed.append((article.source, message))
            log.append((article.source, article.content_hash, "failed", message))
        for a in analyses:
            status = "replaced" if a.article.source in known else "added"
            summary.added += status == "added"
            summary.replaced += status == "replaced"
            log.append((a.article.source, a.article.content_hash, status, None))
        extras = link_batch(analyses, learned) if analyses else Extras(state=learned.state())
        store.write(analyses, replace=force, log=log, extras=extras)
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)
    if summary.added or summary.replaced:
        store.tidy()
    summary.seconds = time.perf_counter() - started
    return summary
