"""The parser multiplies with numpy's BLAS, one thread per process while parsing, and parses as stock spaCy does."""

from __future__ import annotations

import os
import subprocess
import sys

import spacy
from spacy.attrs import DEP, HEAD, SENT_START, TAG
from threadpoolctl import threadpool_info, threadpool_limits

from onrecord.analyze.nlp import (
    BLAS_THREAD_VARS,
    EXCLUDE,
    MODEL,
    load_nlp,
    one_blas_thread,
    parse_texts,
)

TEXTS = [
    ("Russian Foreign Minister Sergey Lavrov said on Monday that Moscow was ready for talks, but only on its terms.\n"
     "\"We have never refused negotiations,\" he told reporters in Ankara. The Kremlin declined to comment further."),
    ("Officials were hoping that the ceasefire would hold; the agency's reports showed otherwise, according to aides.\n"
     "The minister, who spoke on condition of anonymity, warned that the offensive could resume within days."),
]


def _blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


def test_every_layer_of_the_network_multiplies_with_numpys_blas_not_blis():
    nlp = load_nlp()
    models = [proc.model for _, proc in nlp.pipeline if hasattr(proc, "model") and hasattr(proc.model, "walk")]
    assert len(models) >= 3, "tok2vec, tagger and parser hold the network"
    # the parser's output layer is the exception spaCy makes: built on its own ops, applied by its C loop
    upper = {id(m.get_ref("upper")) for m in models if m.has_ref("upper")}
    layers = [layer for model in models for layer in model.walk() if id(layer) not in upper]
    assert len(layers) > 20
    for layer in layers:
        assert getattr(layer.ops, "use_blis", False) is False, f"{layer.name} multiplies with blis"


def test_the_parses_are_the_ones_stock_spacy_gives():
    stock = spacy.load(MODEL, exclude=list(EXCLUDE))  # thinc's default ops: blis
    stock.add_pipe("onrecord_line_breaks", before="parser")
    for ours, theirs in zip(parse_texts(TEXTS, n_process=1), stock.pipe(TEXTS)):
        assert ours.to_array([TAG, DEP, HEAD, SENT_START]).tolist() == theirs.to_array([TAG, DEP, HEAD, SENT_START]).tolist()


def test_blas_keeps_to_one_thread_while_parsing_and_gets_its_threads_back_after():
    with threadpool_limits(limits=2, user_api="blas"):
        before = _blas_threads()
        seen = []
        for _ in parse_texts(TEXTS, n_process=1):
            seen.append(_blas_threads())
        assert seen and all(s == {1} for s in seen)
        assert _blas_threads() == before


def test_the_blas_thread_count_is_set_for_workers_that_load_their_own_blas_and_restored_after():
    before = {k: os.environ.get(k) for k in BLAS_THREAD_VARS}
    with one_blas_thread():
        assert all(os.environ[k] == "1" for k in BLAS_THREAD_VARS)
    assert {k: os.environ.get(k) for k in BLAS_THREAD_VARS} == before


SPAWNED = """
import multiprocessing, sys
from spacy.attrs import DEP, HEAD, TAG
from onrecord.analyze.nlp import parse_texts
if __name__ == "__main__":  # spawned workers import this file again: only the parent reads the texts
    texts = [line for line in sys.stdin.read().split("\\x00") if line]
    multiprocessing.set_start_method("spawn")  # what forkserver (Python 3.14's default) also needs: a picklable pipeline
    here = [d.to_array([TAG, DEP, HEAD]).tolist() for d in parse_texts(texts, n_process=1)]
    there = [d.to_array([TAG, DEP, HEAD]).tolist() for d in parse_texts(texts, n_process=2)]
    assert here == there, "workers parsed differently"
    print("ok", len(there))
"""


def test_workers_started_by_spawn_parse_as_this_process_does(tmp_path):
    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED)
    run = subprocess.run([sys.executable, str(script)], input="\x00".join(TEXTS * 2), capture_output=True, text=True, check=False,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["ok", str(len(TEXTS) * 2)]
