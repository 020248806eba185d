"""Wire the stages: sources → clean → (analyze → link, as they land) → store, in batches, idempotent and resumable.

Each batch of articles is written in one transaction together with its ingest-log lines, so a run killed at
any point leaves whole articles only; rerunning skips what is stored (same source, same content hash).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .clean import CleanError, clean_document
from .records import Analysis, Document, SourceError
from .sources import SourceOptions, iter_documents
from .store import Store

BATCH_SIZE = 100


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


def analyze_document(doc: Document) -> Analysis:
    """Everything the per-article stages produce for one document (clean now; analyze stages plug in here)."""
    return Analysis(article=clean_document(doc))


def _batches(items: Iterable[Document | SourceError], size: int) -> Iterator[list[Document | SourceError]]:
    batch: list[Document | SourceError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    options: SourceOptions | None = None,
    force: bool = False,
    batch_size: int = BATCH_SIZE,
    on_progress: ProgressFn | None = None,
) -> IngestSummary:
    """Read every input, clean and analyze new or changed documents, and store them batch by batch."""
    summary = IngestSummary()
    started = time.perf_counter()
    seen_this_run: set[str] = set()
    for batch in _batches(iter_documents(inputs, options or SourceOptions()), batch_size):
        docs = [d for d in batch if isinstance(d, Document)]
        known = store.known_hashes([d.source for d in docs])
        analyses: list[Analysis] = []
        log: list[tuple[str, str | None, str, str | None]] = []
        for item in batch:
            if isinstance(item, SourceError):
                summary.failed.append((item.source, item.message))
                log.append((item.source, None, "failed", item.message))
                continue
            digest = item.content_hash
            if item.source in seen_this_run or (known.get(item.source) == digest and not force):
                summary.unchanged += 1
                continue
            seen_this_run.add(item.source)
            try:
                analysis = analyze_document(item)
            except CleanError as exc:
                summary.failed.append((item.source, str(exc)))
                log.append((item.source, digest, "failed", str(exc)))
                continue
            except Exception as exc:  # a bug in a stage must not lose the rest of the batch
                message = f"internal error while processing ({type(exc).__name__}: {exc}); please report it"
                summary.failed.append((item.source, message))
                log.append((item.source, digest, "failed", message))
                continue
            status = "added" if item.source not in known else "replaced"
            if status == "added":
                summary.added += 1
            else:
                summary.replaced += 1
            analyses.append(analysis)
            log.append((item.source, digest, status, None))
        store.write(analyses, replace=force, log=log)
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)
    summary.seconds = time.perf_counter() - started
    return summary
