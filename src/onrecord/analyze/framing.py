"""Framing: the contested terms of ``framing.toml`` found in an article, and whose voice each use is in.

    hits = find_framing(article.text, article.article_id, quotes)                       # packaged lexicon
    hits = find_framing(text, article_id, quotes, lexicon=load_lexicon("my_terms.toml"))  # plus your own

A hit's voice is ``quoted`` (inside a quote: ``quote_id`` says whose), ``attributed`` (held at arm's length:
scare quotes, "so-called", "what Moscow calls", "as the Kremlin calls it": patterns in ``framing.toml``), or
``outlet`` (the outlet's own words). Inside a direct quote a term is always ``quoted``; inside reported
speech an attribution marker wins, since the outlet chose the words. A term in a longer quotation that no
extracted quote covers is ``quoted`` with ``quote_id`` None. onrecord reports usage; it gives no verdicts.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import FramingHit, Quote, Voice
from .marks import MarkSpan, find_marks

DATA = Path(__file__).resolve().parent / "framing.toml"
BEFORE_WINDOW = 160  # characters read before a term for an attribution marker
AFTER_WINDOW = 100
MERGED_LISTS = ("variants", "not_after", "not_before", "context")
WORDS = re.compile(r"[\w'’-]+")


class LexiconError(ValueError):
    """A framing lexicon file that cannot be read: names the file and says what to fix."""


@dataclass(frozen=True)
class Term:
    """One contested term of a concept, compiled: its variants as one regex, and where it does not count."""

    concept: str
    term: str
    regex: re.Pattern[str]  # searched in lowercased text, unless match_case
    match_case: bool = False
    needs_context: bool = False
    not_after: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Lexicon:
    """A compiled framing lexicon: terms, concept context words, and the markers of attributed voice."""

    terms: tuple[Term, ...]
    contexts: dict[str, re.Pattern[str]]
    before: tuple[re.Pattern[str], ...]
    after: tuple[re.Pattern[str], ...]
    scare_quote_max_words: int

    @property
    def concepts(self) -> list[str]:
        """Concept names in lexicon order."""
        return list(dict.fromkeys(t.concept for t in self.terms))


# ---- reading and merging ----------------------------------------------------------------------------------

def read_lexicon_file(path: str | Path) -> dict[str, Any]:
    """The raw tables of a lexicon TOML file, with errors that name the file."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LexiconError(f"{p}: no such framing lexicon file; check the path") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{p}: not valid TOML ({exc}); see src/onrecord/analyze/framing.toml for the format") from exc
    _check(data, p)
    return data


def _check(data: dict[str, Any], path: Path) -> None:
    """Raise LexiconError unless every concept has a name and every term a `term` string."""
    for i, concept in enumerate(data.get("concept", []), 1):
        if not isinstance(concept.get("name"), str):
            raise LexiconError(f"{path}: [[concept]] number {i} has no name; add name = \"...\"")
        for j, term in enumerate(concept.get("term", []), 1):
            if not isinstance(term.get("term"), str):
                raise LexiconError(f"{path}: term number {j} of concept {concept['name']!r} has no `term = \"...\"`")
            for key in ("variants", "not_after", "not_before"):
                value = term.get(key, [])
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise LexiconError(f"{path}: {key} of term {term['term']!r} must be a list of strings")


def _merge_term(into: dict[str, Any], extra: dict[str, Any]) -> None:
    """Fold a user's term entry into an existing one: lists extended, other values replaced."""
    for key, value in extra.items():
        if key in MERGED_LISTS:
            into[key] = list(dict.fromkeys([*into.get(key, []), *value]))
        elif key != "term":
            into[key] = value


def _merge_concept(into: dict[str, Any], extra: dict[str, Any]) -> None:
    """Fold a user's concept into an existing one, term by term (matched case-insensitively)."""
    terms = {t["term"].lower(): t for t in into.setdefault("term", [])}
    for key, value in extra.items():
        if key == "term":
            for t in value:
                if t["term"].lower() in terms:
                    _merge_term(terms[t["term"].lower()], t)
                else:
                    into["term"].append(copy.deepcopy(t))
                    terms[t["term"].lower()] = into["term"][-1]
        elif key in MERGED_LISTS:
            into[key] = list(dict.fromkeys([*into.get(key, []), *value]))
        elif key != "name":
            into[key] = value


def merge_lexicon(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """The base lexicon tables with a user's added: concepts by name, terms by term, lists extended."""
    out = copy.deepcopy(base)
    voice = out.setdefault("voice", {})
    for key, value in extra.get("voice", {}).items():
        if key == "fragments":
            voice.setdefault("fragments", {}).update(value)
        elif isinstance(value, list):
            voice[key] = list(dict.fromkeys([*voice.get(key, []), *value]))
        else:
            voice[key] = value
    concepts = {c["name"].lower(): c for c in out.setdefault("concept", [])}
    for concept in extra.get("concept", []):
        key = concept["name"].lower()
        if key in concepts:
            _merge_concept(concepts[key], concept)
        else:
            out["concept"].append(copy.deepcopy(concept))
            concepts[key] = out["concept"][-1]
    return out


# ---- compiling --------------------------------------------------------------------------------------------

def variant_pattern(variant: str) -> str:
    """A variant as regex: spaces match any whitespace, a hyphen a dash/space/nothing, ' either apostrophe."""
    parts = []
    for chunk in re.split(r"(\s+|-|['’])", variant.strip()):
        if not chunk:
            continue
        if chunk.isspace():
            parts.append(r"\s+")
        elif chunk == "-":
            parts.append(r"[-‐‑–—\s]?")
        elif chunk in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(chunk))
    return "".join(parts)


def _words_regex(words: list[str], anchor: str) -> re.Pattern[str] | None:
    """A regex for exclusion words, anchored at the end ('$') or the start ('^') of a window."""
    if not words:
        return None
    alts = "|".join(variant_pattern(w) for w in sorted(words, key=len, reverse=True))
    if anchor == "$":
        return re.compile(rf"(?<!\w)(?:{alts})[\s\-‐‑–—]*$", re.IGNORECASE)
    return re.compile(rf"^[\s\-‐‑–—]*(?:{alts})(?!\w)", re.IGNORECASE)


def _compile_term(concept: str, raw: dict[str, Any]) -> Term:
    """One term entry compiled into a Term."""
    match_case = bool(raw.get("match_case"))
    forms = sorted({raw["term"], *raw.get("variants", [])}, key=len, reverse=True)
    # no leading look-behind and no IGNORECASE: both stop re from skipping ahead to the first letter
    regex = re.compile("(?:" + "|".join(variant_pattern(f if match_case else f.lower()) for f in forms) + r")(?!\w)")
    return Term(concept, raw["term"], regex, match_case, bool(raw.get("needs_context")),
                _words_regex(raw.get("not_after", []), "$"), _words_regex(raw.get("not_before", []), "^"))


def _compile_markers(patterns: list[str], fragments: dict[str, str], where: str, side: str) -> tuple[re.Pattern[str], ...]:
    """Attribution patterns with {fragments} filled in, anchored to the term's side."""
    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in fragments or name.isdigit():  # {3} is a regex repeat, not a fragment
            return fragments.get(name, m.group(0))
        raise LexiconError(f"{where}: attributed_{side} uses {{{name}}}, which is not under [voice.fragments]")

    out = []
    for p in patterns:
        body = re.sub(r"\{(\w+)\}", fill, p)
        full = rf"(?:{body})[\s\"“‘'«]*$" if side == "before" else rf"^[\"”’'»]*(?:{body})"
        try:
            out.append(re.compile(full, re.IGNORECASE))
        except re.error as exc:
            raise LexiconError(f"{where}: attributed_{side} pattern {p!r} is not a valid regex ({exc})") from exc
    return tuple(out)


def compile_lexicon(data: dict[str, Any], where: str = "framing lexicon") -> Lexicon:
    """Lexicon tables (as read and merged) compiled for matching."""
    terms: list[Term] = []
    contexts: dict[str, re.Pattern[str]] = {}
    for concept in data.get("concept", []):
        if concept.get("enabled", True) is False:
            continue
        name = concept["name"]
        if concept.get("context"):
            alts = "|".join(variant_pattern(w) for w in concept["context"])
            contexts[name] = re.compile(rf"(?<!\w)(?:{alts})", re.IGNORECASE)
        for raw in concept.get("term", []):
            if raw.get("enabled", True) is False:
                continue
            if raw.get("needs_context") and name not in contexts:
                raise LexiconError(f"{where}: term {raw['term']!r} needs_context but concept {name!r} has no `context` words")
            terms.append(_compile_term(name, raw))
    voice = data.get("voice", {})
    fragments = voice.get("fragments", {})
    return Lexicon(tuple(terms), contexts,
                   _compile_markers(voice.get("attributed_before", []), fragments, where, "before"),
                   _compile_markers(voice.get("attributed_after", []), fragments, where, "after"),
                   int(voice.get("scare_quote_max_words", 4)))


@lru_cache(maxsize=8)
def _load(path: str | None) -> Lexicon:
    """The packaged lexicon, merged with a user file when given (cached per path)."""
    data = read_lexicon_file(DATA)
    if path is not None:
        data = merge_lexicon(data, read_lexicon_file(path))
    return compile_lexicon(data, path or str(DATA))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The packaged ``framing.toml``, extended by a user lexicon file when a path is given."""
    return _load(str(path) if path is not None else None)


# ---- matching -------------------------------------------------------------------------------------------

def _excluded(text: str, start: int, end: int, term: Term) -> bool:
    """True when words around the match make it something else ("World War", "war crimes")."""
    if term.not_after and term.not_after.search(text[max(0, start - 40):start]):
        return True
    return bool(term.not_before and term.not_before.search(text[end:end + 40]))


def lowered(text: str) -> str:
    """The text in lower case, offsets kept (characters whose lower case is longer stay as they are)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _starts_word(text: str, i: int) -> bool:
    """True when no word character precedes offset i."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


def find_terms(text: str, lexicon: Lexicon) -> list[tuple[int, int, Term]]:
    """Every lexicon term in the text: within a concept the longest match wins; concepts may overlap."""
    low = lowered(text)
    has_context = {name: bool(rx.search(text)) for name, rx in lexicon.contexts.items()}
    by_concept: dict[str, list[tuple[int, int, Term]]] = {}
    for term in lexicon.terms:
        if term.needs_context and not has_context.get(term.concept):
            continue
        for m in term.regex.finditer(text if term.match_case else low):
            if _starts_word(text, m.start()) and not _excluded(text, m.start(), m.end(), term):
                by_concept.setdefault(term.concept, []).append((m.start(), m.end(), term))
    out = []
    for found in by_concept.values():
        taken: list[tuple[int, int, Term]] = []
        for hit in sorted(found, key=lambda h: (h[0] - h[1], h[0])):
            if all(hit[1] <= t[0] or hit[0] >= t[1] for t in taken):
                taken.append(hit)
        out.extend(taken)
    return sorted(out, key=lambda h: (h[0], h[1], h[2].concept))


def _enclosing_mark(span: tuple[int, int], marks: Sequence[MarkSpan]) -> MarkSpan | None:
    """The innermost quotation-mark span holding ``span``."""
    inside = [m for m in marks if m.start <= span[0] and span[1] <= m.end]
    return min(inside, key=lambda m: m.end - m.start) if inside else None


def _is_scare_quoted(text: str, mark: MarkSpan | None, lexicon: Lexicon) -> bool:
    """True when the quotation marks hold little more than the term itself."""
    if mark is None or mark.continues or mark.continued:
        return False
    return len(WORDS.findall(text[mark.start:mark.end])) <= lexicon.scare_quote_max_words


def is_attributed(text: str, span: tuple[int, int], mark: MarkSpan | None, lexicon: Lexicon) -> bool:
    """True when the text marks the term as someone else's word (scare quotes, "so-called", "as X calls it")."""
    if _is_scare_quoted(text, mark, lexicon):
        return True
    before = text[max(0, span[0] - BEFORE_WINDOW):span[0]]
    after = text[span[1]:span[1] + AFTER_WINDOW]
    return any(rx.search(before) for rx in lexicon.before) or any(rx.search(after) for rx in lexicon.after)


def voice_of(text: str, span: tuple[int, int], quotes: Sequence[Quote], marks: Sequence[MarkSpan],
             lexicon: Lexicon) -> tuple[Voice, str | None]:
    """Whose voice a term at ``span`` is in, and the quote it sits in (if any)."""
    enclosing = sorted((q for q in quotes if q.span[0] <= span[0] and span[1] <= q.span[1]),
                       key=lambda q: q.span[1] - q.span[0])
    direct = [q for q in enclosing if q.kind == "direct"]
    if direct:
        return "quoted", direct[0].quote_id
    reported = enclosing[0].quote_id if enclosing else None
    mark = _enclosing_mark(span, marks)
    if is_attributed(text, span, mark, lexicon):
        return "attributed", reported
    if reported or mark is not None:
        return "quoted", reported
    return "outlet", None


def find_framing(text: str, article_id: str, quotes: Sequence[Quote] = (), lexicon: Lexicon | None = None,
                 marks: Sequence[MarkSpan] | None = None) -> list[FramingHit]:
    """Every contested term in ``text`` with concept, voice and quote (``marks``: find_marks(text), if at hand)."""
    lexicon = lexicon or load_lexicon()
    found = find_terms(text, lexicon)
    if marks is None:
        marks = find_marks(text) if found else []
    hits = []
    for start, end, term in found:
        voice, quote_id = voice_of(text, (start, end), quotes, marks, lexicon)
        hits.append(FramingHit(article_id=article_id, term=term.term, concept=term.concept, voice=voice,
                               span=(start, end), quote_id=quote_id))
    return hits
