"""Text embeddings from the static model committed under ``link/model/`` (numpy only; never a network call)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "model"
DIM = 256


class EmbeddingModelMissing(RuntimeError):
    """The committed model files are not where they should be."""


@lru_cache(maxsize=1)
def model() -> Any:
    """The model2vec StaticModel, loaded once from the local directory (offline)."""
    if not (MODEL_DIR / "model.safetensors").is_file():
        raise EmbeddingModelMissing(
            f"{MODEL_DIR}: the embedding model is missing; restore src/onrecord/link/model/ from the repository "
            "or rebuild it with scripts/distill_embeddings.py")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    return StaticModel.from_pretrained(str(MODEL_DIR), force_download=False)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (an empty text gets a zero row)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vecs = np.asarray(model().encode(list(texts), show_progress_bar=False), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return np.divide(vecs, norms, out=np.zeros_like(vecs), where=norms > 0)
