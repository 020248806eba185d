"""Article text → weighted terms: content words plus "keys" (names, numbers, years, day-of-month dates).

Keys are what tells two events on one topic apart (two earthquakes: different places, magnitudes, dates), so
stories compare them on their own. Names are a cheap proxy for entities: runs of capitalised words, no NER,
no network.
Terms are hashed with crc32 into a fixed id space, so document frequencies fit a fixed-size table.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .settings import TermSettings
from .sparse import Sparse

HERE = Path(__file__).resolve().parent
MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
MONTH_DAY = re.compile(_MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.IGNORECASE)
DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b", re.IGNORECASE)
TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?|\d+(?:[.,]\d+)*")
CAP_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_a-z][\w'’\-]*")  # starts with a letter other than a-z
LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-z][\w'’\-]*")
OPENERS = frozenset(".!?:\"“”\n\r")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words that never count as content or start a name (``stopwords.txt``)."""
    path = HERE / "stopwords.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RuntimeError(f"{path}: cannot read the stopword list ({exc}); restore it from the repository") from exc
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lowercase without diacritics, possessive or apostrophes: "Erdoğan's" → "erdogan"."""
    if word.isascii():
        plain = word.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", word)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().replace("’", "'")
    if plain.endswith("'s"):
        plain = plain[:-2]
    return plain.replace("'", "")


def term_id(term: str, bits: int) -> int:
    """A stable id in [0, 2**bits) for a term (the same on every machine and run)."""
    return zlib.crc32(term.encode("utf-8")) & ((1 << bits) - 1)


@dataclass(slots=True)
class Terms:
    """One text's terms: content words and keys (names, numbers, dates) as separate sparse tf vectors."""

    words: Sparse
    keys: Sparse


def names(text: str) -> list[str]:
    """Runs of capitalised words that are not function words, folded: "brian nichols", "fulton county".

    A name ends at punctuation, a line break, a lower-case word or a function word ("The", "And"). A lone
    capitalised word opening a sentence or line ("Voting began...") is a name only if the text never writes
    it in lower case.
    """
    stop = stopwords()
    lower: set[str] | None = None
    out: list[str] = []
    run: list[str] = []
    run_opens = False
    prev_end = -1

    def flush() -> None:
        nonlocal lower
        if run:
            if run_opens and len(run) == 1:
                if lower is None:
                    lower = {fold(w) for w in LOWER_WORD.findall(text)}
                if run[0] in lower:
                    run.clear()
                    return
            out.append(" ".join(run))
            run.clear()

    for m in CAP_WORD.finditer(text):
        tok, start = m.group(), m.start()
        if run and (prev_end < 0 or text[prev_end:start].strip(" \t")):
            flush()
        prev_end = m.end()
        folded = fold(tok)
        if not tok[0].isupper() or folded in stop or len(folded) < 2:
            flush()
            continue
        if not run:
            j = start
            while j > 0 and text[j - 1] in " \t":
                j -= 1
            run_opens = j == 0 or text[j - 1] in OPENERS
        run.append(folded)
    flush()
    return out


def numbers(text: str, max_len: int) -> list[str]:
    """Years ("y:2009"), other multi-digit numbers ("n:485", "n:7.6") and day-of-month dates ("d:11-30")."""
    out: list[str] = []
    for m in re.finditer(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])", text):
        raw = m.group().replace(",", "")
        if len(raw) > max_len:
            continue
        if re.fullmatch(r"(19|20)\d\d", raw):
            out.append("y:" + raw)
        elif len(raw.replace(".", "")) >= 2 or "." in raw:
            out.append("n:" + raw.rstrip("."))
    for m in MONTH_DAY.finditer(text):
        out.append(f"d:{MONTHS[m.group(1).lower()]}-{int(m.group(2))}")
    for m in DAY_MONTH.finditer(text):
        out.append(f"d:{MONTHS[m.group(2).lower()]}-{int(m.group(1))}")
    return out


def content_words(text: str, min_len: int) -> list[str]:
    """Lowercased words that are not stopwords or numbers."""
    stop = stopwords()
    return [w for w in (fold(t) for t in TOKEN.findall(text)) if len(w) >= min_len and w not in stop and not w[0].isdigit()]


def key_terms(text: str, settings: TermSettings) -> list[str]:
    """Keys of a text: every name ("k:brian nichols") and each word of it ("u:nichols"), numbers and dates."""
    out: list[str] = []
    for name in names(text):
        parts = name.split()
        if len(parts) > 1 and settings.full_names:
            out.append("k:" + name)
        out.extend("u:" + p for p in parts)
    out.extend(n for n in numbers(text, settings.max_number_len) if settings.plain_numbers or not n.startswith("n:"))
    return out


def _counts(items: list[str], bits: int, counts: dict[int, float] | None = None, weight: float = 1.0) -> dict[int, float]:
    counts = {} if counts is None else counts
    for item in items:
        i = term_id(item, bits)
        counts[i] = counts.get(i, 0.0) + weight
    return counts


def extract(text: str, settings: TermSettings) -> Terms:
    """Hashed sublinear-tf vectors of a text's content words and of its keys (the lead's terms count extra)."""
    bits, lead = settings.hash_bits, text[:settings.lead_chars]
    words = _counts(content_words(text, settings.min_word_len), bits)
    keys = _counts(key_terms(text, settings), bits)
    if settings.lead_extra > 0 and lead:
        _counts(content_words(lead, settings.min_word_len), bits, words, settings.lead_extra)
        _counts(key_terms(lead, settings), bits, keys, settings.lead_extra)
    return Terms(words=Sparse.from_counts(words), keys=Sparse.from_counts(keys))
