"""Sniffing what a file is (by name and by its first bytes) and which encoding its text is in."""

from __future__ import annotations

import codecs
import os

import charset_normalizer

from onrecord.sources import patterns

GZIP_MAGIC = b"\x1f\x8b"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}


def kind_from_name(name: str) -> tuple[str | None, bool]:
    """The reader kind a file name implies (None when unknown) and whether it ends in ``.gz``."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return patterns.EXTENSIONS.get(os.path.splitext(lower)[1]), gz


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``data``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def bomless_utf16(head: bytes) -> str:
    """``utf-16-le``/``-be`` when text looks like UTF-16 without a BOM, else "".

    Latin-script text has a NUL in every other byte; any text has many there (spaces, digits, punctuation)
    and almost none in the other half. The guess must decode to text without control characters.
    """
    sample = head[: min(len(head), 4096) // 2 * 2]
    if len(sample) < 8:
        return ""
    half = len(sample) // 2
    odd, even = sample[1::2].count(0) / half, sample[0::2].count(0) / half
    guess = "utf-16-le" if odd > 0.3 and even < 0.02 else "utf-16-be" if even > 0.3 and odd < 0.02 else ""
    return guess if guess and _plain_text(sample, guess) else ""


def _plain_text(data: bytes, encoding: str) -> bool:
    """Whether ``data`` decodes strictly (allowing a cut last character) to text without control characters."""
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return sum(ord(c) in _CONTROL for c in text) <= len(text) * patterns.MAX_CONTROL_RATIO


def binary_reason(head: bytes) -> str | None:
    """Why ``head`` is not text (e.g. "looks like PNG image"), or None when it may be text."""
    for magic, name in patterns.MAGIC:
        if head.startswith(magic):
            return f"looks like {name}"
    if head.startswith(GZIP_MAGIC):
        return "looks like gzip data nested inside gzip"
    if bom_encoding(head) or bomless_utf16(head):
        return None
    if head.count(0) * 1000 >= len(head) > 0:  # a stray NUL in a scraped page is not enough
        return "contains NUL bytes"
    sample = head[:8192]
    if sample and sum(b in _CONTROL for b in sample) / len(sample) > patterns.MAX_CONTROL_RATIO:
        return "mostly control characters"
    return None


def normalize_codec(label: str | None) -> str | None:
    """Python's name for an encoding label ("UTF8" -> "utf-8"), or None when Python does not know it."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'").lower()).name
    except (LookupError, ValueError):
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration in the first bytes names, if Python knows it."""
    match = patterns.CHARSET_RE.search(data[:8192])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace")
    return normalize_codec(label)


def _is_utf8(data: bytes, partial: bool) -> bool:
    """Whether ``data`` decodes as strict UTF-8 (allowing a cut character at the end when ``partial``)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=not partial)
    except UnicodeDecodeError:
        return False
    return True


def _guess(data: bytes) -> str:
    """charset-normalizer's best guess for bytes that are not UTF-8, cp1252 when it has none."""
    best = charset_normalizer.from_bytes(data[:262144]).best()
    return normalize_codec(best.encoding if best else None) or "cp1252"


def detect_encoding(data: bytes, html: bool = False, declared: str | None = None, partial: bool = False) -> str:
    """The encoding of ``data``: BOM, strict UTF-8, (HTML) declared charset, nearly UTF-8, then a statistical guess.

    ``declared`` is a charset from outside the data (an HTTP header); ``partial`` says ``data`` is only the
    head of a longer stream, so a multi-byte character cut at its end is not held against UTF-8.
    """
    bom = bom_encoding(data) or bomless_utf16(data[:4096])
    if bom:
        return bom
    if _is_utf8(data, partial):
        return "utf-8"
    if html:
        named = normalize_codec(declared) or declared_charset(data)
        if named and _decodes(data, named):
            return named
    if _nearly_utf8(data):
        return "utf-8"
    return _guess(data)


def _nearly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 with a few stray bytes (a scrape with one bad byte): valid multi-byte
    characters outnumber invalid bytes ten to one, and those are under 0.1% of the text."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")
    return 0 < bad * 1000 <= len(text) and good >= 10 * bad


def _decodes(data: bytes, encoding: str) -> bool:
    """Whether ``data`` decodes strictly with ``encoding``."""
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def is_blank(data: bytes, encoding: str) -> bool:
    """Whether ``data`` holds nothing but whitespace (and a BOM)."""
    if not data.strip():
        return True
    if not encoding.startswith(("utf-16", "utf-32", "utf-8-sig")):
        return False
    return not data.decode(encoding, errors="replace").lstrip("\ufeff").strip()


def looks_like_markup(text: str) -> bool:
    """Whether a text value holds HTML tags (so it should be read as HTML, not plain text)."""
    return patterns.MARKUP_RE.search(text[:65536]) is not None


def sniff_kind(head: bytes) -> str:
    """The reader kind for a file whose name says nothing: warc, feed, html, json, jsonl or text."""
    if head.startswith(b"WARC/"):
        return "warc"
    encoding = bom_encoding(head) or bomless_utf16(head) or "utf-8"
    text = head[:16384].decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if patterns.FEED_RE.search(text[:4096]):
        return "feed"
    if patterns.HTML_RE.search(text[:16384]):
        return "html"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return "jsonl"
    return "text"
