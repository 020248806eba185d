"""Text → unit vectors for semantic search: the `Embedder` interface, the linking stage's model, and a fallback.

The static model2vec model comes with the linking stage (``onrecord.link.embed``, 256 dimensions, numpy only).
Where it cannot be loaded, semantic search falls back to `HashingEmbedder`: words and their character 4-grams
hashed into 256 dimensions, which is similarity of wording (shared words and stems), not of meaning. Vectors
cached for one embedder are never reused for another (see ``name``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

log = logging.getLogger(__name__)
HASH_DIMS = 256
_WORD = re.compile(r"[^\W_]+")
STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i in is it its of on or our she so that the "
    "their them there they this to was we were which who will with would you".split())


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into vectors; ``name`` identifies the vector space (a cache key)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), dims) float32 array."""
        ...


def normalise(vecs: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    vecs = np.asarray(vecs, dtype=np.float32)
    if vecs.ndim == 1:
        vecs = vecs[None, :]
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms


class HashingEmbedder:
    """Words (weight 1) and their character 4-grams (weight 1/n) hashed with signs into ``dims`` dimensions."""

    def __init__(self, dims: int = HASH_DIMS) -> None:
        self.dims = dims
        self.name = f"hashing-words-4grams-v1-{dims}"
        self.min_similarity = 0.3
        self._features: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _word(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """The (indices, values) one word adds, memoised (a corpus repeats its vocabulary)."""
        hit = self._features.get(word)
        if hit is None:
            padded = f"<{word}>"
            grams = [padded[i : i + 4] for i in range(max(1, len(padded) - 3))]
            feats = [("w", word, 1.0)] + [("g", g, 1.0 / len(grams)) for g in grams]
            idx, val = [], []
            for tag, text, weight in feats:
                h = zlib.crc32(f"{tag}:{text}".encode())
                idx.append(h % self.dims)
                val.append(weight if (h >> 31) & 1 else -weight)
            hit = (np.array(idx, dtype=np.int64), np.array(val, dtype=np.float32))
            if len(self._features) < 2_000_000:
                self._features[word] = hit
        return hit

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text (a text without content words is a zero row)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                if word in STOPWORDS:
                    continue
                idx, val = self._word(word)
                rows.append(np.full(len(idx), r, dtype=np.int64))
                cols.append(idx)
                vals.append(val)
        if rows:
            np.add.at(out, (np.concatenate(rows), np.concatenate(cols)), np.concatenate(vals))
        return normalise(out)


class FunctionEmbedder:
    """Adapter for an ``embed(list[str]) -> array`` function, such as the linking stage's static model."""

    def __init__(self, fn: Callable[[list[str]], np.ndarray], name: str, min_similarity: float = 0.3) -> None:
        self.fn = fn
        self.name = name
        self.min_similarity = min_similarity

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors from the function."""
        return normalise(self.fn(list(texts)))


def _model_id(model_dir: Path | None) -> str:
    """A short digest of the model's config and weights size: vectors of another model are never reused."""
    if model_dir is None:
        return "unknown"
    h = hashlib.sha256()
    for name in ("config.json", "model.safetensors"):
        path = model_dir / name
        h.update(name.encode())
        if path.exists():
            h.update(path.read_bytes() if name.endswith(".json") else str(path.stat().st_size).encode())
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The linking stage's static model2vec model (``onrecord.link.embed``), or the hashing fallback without it."""
    try:
        from ..link import embed as link_embed

        fn = link_embed.embed
        fn(["probe"])  # loads the model now: a missing model falls back here, not in the middle of a search
    except Exception as exc:  # noqa: BLE001 - any failure to load the model means: use the fallback
        log.warning("semantic search uses the hashing fallback (the embedding model is unavailable: %s)", exc)
        return HashingEmbedder()
    return FunctionEmbedder(fn, f"link.embed-{_model_id(getattr(link_embed, 'MODEL_DIR', None))}")
