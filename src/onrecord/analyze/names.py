"""Name folding shared by in-document speaker resolution and the corpus registry.

"Sergey Lavrov" and "Sergei Lavrov", "Zelensky" and "Zelenskyy", "Erdogan" and "Erdoğan" fold to the same key:
diacritics are dropped and common transliteration variants of Slavic and Turkic names are folded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import titles

# Applied in order to each word of a lowercased, diacritic-free name.
WORD_FOLDS: tuple[tuple[str, str], ...] = (
    (r"(iy|yy|ii|ij|yi)$", "y"),  # Zelenskiy, Zelenskyy, Zelenskii -> zelensky
    (r"ei$", "ey"),  # Sergei -> sergey
    (r"(?<=\w{4})i$", "y"),  # Dmitri -> dmitry (not short names: Ali stays ali)
    (r"[iy]ev$", "ev"),  # Sergeyev, Zinoviev -> sergeev, zinovev
    (r"ks", "x"),  # Aleksey -> alexey
)
QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})


def strip_diacritics(text: str) -> str:
    """Letters without their accents: "Erdoğan" -> "Erdogan"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One word folded: lowercase, no diacritics, apostrophes dropped, transliteration variants unified."""
    w = strip_diacritics(word.translate(QUOTES)).lower().replace("'", "").strip(".")
    w = titles().spelling.get(w, w)
    for pattern, repl in WORD_FOLDS:
        w = re.sub(pattern, repl, w)
    return w


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """A whole name folded word by word, words joined by single spaces."""
    words = re.findall(r"[\w'’\-]+", name)
    return " ".join(fold_word(w) for w in words if w.strip("-'’"))


def surface_key(name: str) -> str:
    """A name lowercased without diacritics and extra spaces: for exact alias matching."""
    return " ".join(strip_diacritics(name.translate(QUOTES)).lower().split())
