"""Cleaning speed: articles/second of onrecord's clean stage on plain-text scrapes and on HTML, next to trafilatura alone.

One run, three timed workloads, interleaved pass by pass so machine noise hits each alike (median of ``--repeat``):

* ``onrecord text``  — ``clean_document`` on plain-text scrapes: the Wikinews corpus (295 rows read as the CLI
  reads them) plus the five seeds, with fresh learned templates each pass (the templates learn as they go, as
  in a real ingest).
* ``onrecord html``  — ``clean_document`` on the 421 NAEB pages (main text, metadata, language, repeats).
* ``trafilatura html`` — ``trafilatura.bare_extraction(html, with_metadata=True)`` on the same decoded pages:
  the anchor. Ratios to it are what to compare across machines.

Documents are read before timing (reading files is not cleaning). Prints a table; asserts nothing.

usage: python benchmarks/clean_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "src"))

from onrecord.clean import OutletTemplates, clean_document  # noqa: E402
from onrecord.records import Document  # noqa: E402
from onrecord.sources import iter_documents  # noqa: E402
from onrecord.sources.html import read_html  # noqa: E402
from onrecord.sources.options import SourceOptions  # noqa: E402


def text_documents() -> list[Document]:
    """Wikinews rows and the seeds, as ``onrecord ingest`` reads them."""
    inputs = [SHARED / "corpus" / "wikinews", REPO / "examples" / "seeds"]
    return [d for d in iter_documents(inputs, SourceOptions()) if isinstance(d, Document)]


def html_documents() -> list[Document]:
    """The NAEB pages as local HTML files."""
    root = SHARED / "eval" / "naeb" / "html"
    return [read_html(f"naeb/{p.name[:-3]}", gzip.decompress(p.read_bytes()), SourceOptions())
            for p in sorted(root.glob("*.html.gz"))]


def clean_all(docs: list[Document]) -> None:
    """Clean every document with templates learned from scratch in this pass."""
    templates = OutletTemplates()
    for doc in docs:
        try:
            clean_document(doc, templates)
        except ValueError:
            pass


def trafilatura_all(pages: list[str]) -> None:
    """trafilatura alone, metadata included, default settings."""
    import trafilatura

    for html in pages:
        trafilatura.bare_extraction(html, with_metadata=True)


def main(argv: list[str] | None = None) -> None:
    """Time the three workloads and print articles/second and ratios to trafilatura."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    texts, htmls = text_documents(), html_documents()
    pages = [d.text() for d in htmls]
    jobs: dict[str, tuple[int, Callable[[], None]]] = {
        "onrecord text": (len(texts), lambda: clean_all(texts)),
        "onrecord html": (len(htmls), lambda: clean_all(htmls)),
        "trafilatura html": (len(pages), lambda: trafilatura_all(pages)),
    }
    clean_all(texts[:5])  # warm-up: lazy imports and the language model load outside the timings
    clean_all(htmls[:5])
    trafilatura_all(pages[:5])
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(args.repeat):
        for name, (_, run) in jobs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    anchor = len(pages) / statistics.median(times["trafilatura html"])
    print(f"cleaning speed, median of {args.repeat} passes")
    print(f"{'workload':<18}{'docs':>6}{'median s':>10}{'art/s':>9}{'vs trafilatura':>16}")
    for name, (count, _) in jobs.items():
        median = statistics.median(times[name])
        rate = count / median
        print(f"{name:<18}{count:>6}{median:>10.2f}{rate:>9.1f}{rate / anchor:>15.2f}x")


if __name__ == "__main__":
    main()
