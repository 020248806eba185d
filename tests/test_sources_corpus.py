"""The shared corpora read end to end: every article found, nothing refused, non-article files skipped."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from onrecord.records import Document, SourceError
from onrecord.sources import iter_documents

SHARED = Path(__file__).parents[1].parent / "shared"
CORPORA = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "wikinews", SHARED / "eval" / "naeb" / "html"]

pytestmark = pytest.mark.skipif(not all(p.is_dir() for p in CORPORA), reason="shared corpora not present")


def test_shared_corpora_yield_721_documents_and_no_errors() -> None:
    items = list(iter_documents([str(p) for p in CORPORA]))
    errors = [i for i in items if isinstance(i, SourceError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert errors == []
    assert len(docs) == 721
    by_folder = Counter(Path(d.source.split("#")[0]).parent.name for d in docs)
    assert by_folder == {"seeds": 5, "wikinews": 295, "html": 421}
    assert not any(d.source.endswith(("gold.json", "LICENSE.md")) for d in docs)
    seeds = [d for d in docs if "seeds" in d.source]
    assert [os.path.basename(d.source) for d in seeds] == sorted(os.path.basename(d.source) for d in seeds)
    assert all(d.media_type == "text" and d.encoding == "utf-8" for d in seeds)
    pages = [d for d in docs if d.source.endswith(".html.gz")]
    assert all(d.media_type == "html" and d.data.lstrip()[:1] == b"<" for d in pages)
    rows = [d for d in docs if "wikinews" in d.source]
    assert all(d.meta.get("url") and d.meta.get("published") and d.meta.get("title") for d in rows)
