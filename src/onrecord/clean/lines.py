"""Line classification for plain-text scrapes: every line is text, metadata, a timestamp, or chrome (and which kind).

Rules come from chrome.toml; they look at one line at a time (plus whether it sits near an edge of the
scrape). Decisions that need context (headings, menus, teasers, the header) are made in structure.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .text_patterns import any_match, any_signature, chrome_rules, date_forms, outlet_table
from .textdates import Stamp, find_stamps

TEXT, META, CHROME = "text", "meta", "chrome"
DATELINE_MAX_WORDS = 16  # a line holding only dates and times is never longer

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_EDGE_PUNCT = " \t.,;:!?-–—|/\\()[]{}<>\"'“”‘’«»•·*#>"


@dataclass
class Line:
    """One line of a scrape, with the class the rules gave it."""

    index: int
    raw: str  # the line as scraped, spaces folded
    text: str  # the line as it would stand in the article (inline embed links removed)
    gap_before: bool = False  # a blank line separates it from the line before
    kind: str = TEXT  # TEXT, META or CHROME
    why: str = ""  # the rule that decided: "nav", "caption", "dateline", "template", "teaser", ...
    stamps: list[Stamp] = field(default_factory=list)
    signature: str | None = None  # the outlet whose signature this line carries
    signature_date: str | None = None
    label: str | None = None  # "published" or "updated" when the line starts with a labelled date (kept as ``stamps``)

    _count: tuple[str, int] | None = field(default=None, repr=False, compare=False)

    @property
    def words(self) -> int:
        """Number of words in the kept text (counted once per text)."""
        if self._count is None or self._count[0] is not self.text:
            self._count = (self.text, word_count(self.text))
        return self._count[1]

    def drop(self, kind: str, why: str) -> None:
        """Reclassify the line as chrome or metadata for the given reason."""
        self.kind, self.why = kind, why


def word_count(text: str) -> int:
    """Words in a text (letters or digits, inner apostrophes and hyphens kept)."""
    return len(_WORD.findall(text))


def split_lines(raw: str) -> list[Line]:
    """The scrape as Lines: NFC, control characters dropped, spaces folded, blank lines recorded as gaps."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines: list[Line] = []
    gap = False
    for part in text.split("\n"):
        folded = _SPACES.sub(" ", part).strip()
        if not folded:
            gap = True
            continue
        lines.append(Line(index=len(lines), raw=folded, text=folded, gap_before=gap and bool(lines)))
        gap = False
    return lines


def fold_key(text: str) -> str:
    """Lower case without edge punctuation and spaces: the key navigation lexicons are compared on."""
    return " ".join(text.lower().strip(_EDGE_PUNCT).split())


def is_sentence(text: str) -> bool:
    """True when the line ends like prose (full stop, question, quote close...)."""
    return bool(chrome_rules().sentence_end.search(text.rstrip()))


def is_paragraph(line: Line) -> bool:
    """A text line long and prose-like enough to be a paragraph: a sentence, a long line, or lower-case prose."""
    if line.kind != TEXT:
        return False
    rules = chrome_rules()
    words = line.words
    if words >= rules.limit("paragraph_any_words"):
        return True
    if words >= rules.limit("paragraph_min_words") and is_sentence(line.text):
        return True
    return words >= rules.limit("prose_min_words") and lower_share(line.text) >= rules.limit("prose_lower_share")


def lower_share(text: str) -> float:
    """Share of the words after the first that start with a lower-case letter (prose, not a Title Case headline)."""
    words = [w for w in _WORD.findall(text)[1:] if w[:1].isalpha()]
    return sum(1 for w in words if w[:1].islower()) / len(words) if words else 0.0


def script_of(ch: str) -> str:
    """A coarse script name for a letter."""
    code = ord(ch)
    if code < 0x250:
        return "latin"
    for name, lo, hi in (("greek", 0x370, 0x3FF), ("cyrillic", 0x400, 0x52F), ("hebrew", 0x590, 0x5FF), ("arabic", 0x600, 0x6FF)):
        if lo <= code <= hi:
            return name
    return "cjk" if code >= 0x2E80 else "other"


_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "cyrillic": re.compile(r"[\u0400-\u052f]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "cjk": re.compile(r"[\u2e80-\U0002ffff]"),
}


def main_script(lines: list[Line]) -> str:
    """The script most letters of the scrape are written in."""
    text = "\n".join(line.raw for line in lines)
    counts = {name: len(regex.findall(text)) for name, regex in _SCRIPTS.items()}
    return max(counts, key=lambda k: counts[k]) if any(counts.values()) else "latin"


def classify(lines: list[Line]) -> list[Line]:
    """Give every line its rule class in place (and return the list)."""
    script = main_script(lines)
    for line in lines:
        classify_line(line, script)
    mark_slogans(lines)
    return lines


def mark_slogans(lines: list[Line]) -> None:
    """Site self-descriptions ('The latest news and stories from... Stay tuned for breaking news') near either end."""
    edge = int(chrome_rules().limit("edge_lines"))
    texts = [line for line in lines if line.kind == TEXT]
    rules = chrome_rules()
    for line in texts[:edge] + texts[-edge:]:
        markers = sum(1 for p in rules.kinds["slogan"] if p.search(line.text))
        if markers >= rules.limit("slogan_markers") and line.words <= rules.limit("heading_max_words"):
            line.drop(CHROME, "slogan")


def classify_line(line: Line, script: str = "latin") -> None:
    """Class one line: embedded-post credits, artifacts, prompts, credits, captions, navigation, dates, bylines..."""
    rules = chrome_rules()
    line.text = _strip_inline(line.raw)
    _split_leading_date(line)
    if _embed_credit(line):
        return
    signature(line)
    for kind in ("artifact", "contact", "copyright", "legal", "comment", "social", "subscribe", "teaser", "label_only", "tag_label"):
        if _matches(kind, line):
            line.drop(CHROME, kind)
            return
    if line.words <= rules.limit("caption_rest_max_words") and (_matches("credit", line) or _matches("caption", line)):
        line.drop(CHROME, "credit" if _matches("credit", line) else "caption")
        return
    if line.signature:
        line.drop(CHROME, "caption" if _rest_of_signature(line) else "signature")
        return
    if _is_navigation(line.text):
        line.drop(CHROME, "nav")
        return
    if _foreign(line.text, script):
        line.drop(CHROME, "foreign")
        return
    _metadata(line)


def _matches(kind: str, line: Line) -> bool:
    """True when a chrome.toml pattern of that kind is found in the line."""
    return chrome_rules().any_of[kind].search(line.text)


def _strip_inline(text: str) -> str:
    """The line without embedded-post links (pic.twitter.com, t.co) and the spaces they leave."""
    for pattern in chrome_rules().kinds["embed_inline"]:
        text = pattern.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _split_leading_date(line: Line) -> None:
    """Take a labelled date off the start of a line ('date 2022-03-28 Sergey Lavrov said...') into ``stamps``."""
    forms = date_forms()
    match = forms.leading_label.match(line.text)
    if not match:
        return
    stamps = find_stamps(line.text[match.end() :])
    if stamps and stamps[0].span[0] == 0 and not stamps[0].partial:
        rest = line.text[match.end() + stamps[0].span[1] :].lstrip(" ,.;:|-–—").rstrip()
        if word_count(rest) >= chrome_rules().limit("paragraph_min_words"):
            kind = "updated" if match.group("label").lower() in forms.updated_labels else "published"
            line.stamps, line.label, line.text = [stamps[0]], kind, rest


def _embed_credit(line: Line) -> bool:
    """Drop an embedded-post credit ('— Name (@handle) March 28, 2022'), keeping substantial text before it."""
    if not chrome_rules().any_of["embed"].search(line.text):
        return False
    for pattern in chrome_rules().kinds["embed"]:
        match = pattern.search(line.text)
        if match:
            rest = line.text[: match.start()].strip(" -–—")
            if word_count(rest) >= chrome_rules().limit("embed_keep_words"):
                line.text = rest
                return False
            line.drop(CHROME, "embed")
            return True
    return False


def signature(line: Line) -> None:
    """Record the outlet whose site-name signature the line carries, and the signature's date (short lines only)."""
    if line.words > chrome_rules().limit("caption_rest_max_words") or not any_signature().search(line.text):
        return
    for outlet in outlet_table():
        for pattern in outlet.signatures:
            match = pattern.search(line.text)
            if match:
                line.signature = outlet.name
                date = match.groupdict().get("date")
                if date:
                    stamps = find_stamps(date)
                    line.signature_date = stamps[0].iso() if stamps else None
                return


def _rest_of_signature(line: Line) -> bool:
    """True when words other than the signature stand on the line (an image caption ending with it)."""
    for outlet in outlet_table():
        for pattern in outlet.signatures:
            match = pattern.search(line.text)
            if match:
                return word_count(line.text[: match.start()]) + word_count(line.text[match.end() :]) > 0
    return False


def _is_navigation(text: str) -> bool:
    """A navigation label, menu item or share button standing alone."""
    rules = chrome_rules()
    return fold_key(text) in rules.navigation or any_match(rules.glued, text)


def _foreign(text: str, script: str) -> bool:
    """A short line written (almost) wholly in another script than the scrape's: a UI string left over."""
    rules = chrome_rules()
    if script == "latin" and text.isascii():
        return False
    letters = [script_of(ch) for ch in text if ch.isalpha()]
    if not letters or word_count(text) > rules.limit("foreign_script_max_words"):
        return False
    other = sum(1 for s in letters if s != script)
    return other / len(letters) >= rules.limit("foreign_script_share")


def _metadata(line: Line) -> None:
    """Mark URL lines, bylines and datelines as metadata; everything else stays text."""
    text = line.text
    if chrome_rules().shape("url_line").match(text):
        line.drop(META, "url")
        return
    if byline_name(text):
        line.stamps = find_stamps(text)
        line.drop(META, "byline")
        return
    stamps = find_stamps(text) if line.words <= DATELINE_MAX_WORDS else []
    if stamps and _only_dates(text, stamps):
        line.stamps = stamps
        line.drop(META, "dateline")


def byline_name(text: str) -> str | None:
    """The author named by a byline line ('By Jane Doe - 12/22/23 11:35 AM ET' -> 'Jane Doe'), else None."""
    if word_count(text) > chrome_rules().limit("byline_max_words"):
        return None
    for pattern in chrome_rules().kinds["byline"]:
        match = pattern.match(text)
        if match and looks_like_name(match.group("name").strip(" ,.-")):
            return match.group("name").strip(" ,.-")
    return None


def looks_like_name(text: str) -> bool:
    """True for a person's name: 2-3 capitalised words plus particles ('Ursula von der Leyen'), no digits or site words."""
    rules = chrome_rules()
    words = text.split()
    capitalised = [w for w in words if w.lower() not in rules.name_particles]
    if not 2 <= len(capitalised) <= 3 or len(words) > 5 or any(ch.isdigit() for ch in text):
        return False
    for word in words:
        bare = word.strip(".,'’")
        if bare.lower() in rules.not_a_name:
            return False
        if not (bare[:1].isupper() and bare.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()):
            if bare.lower() not in rules.name_particles:
                return False
    return True


def _only_dates(text: str, stamps: list[Stamp]) -> bool:
    """True when a line holds dates and times and little else (labels, zones, a stray button word)."""
    rest = text
    for stamp in reversed(stamps):
        rest = rest[: stamp.span[0]] + " " + rest[stamp.span[1] :]
    forms = date_forms()
    for label in forms.updated_labels + forms.published_labels:
        rest = re.sub(rf"\b{re.escape(label)}\b", " ", rest, flags=re.IGNORECASE)
    leftover = [w for w in _WORD.findall(rest) if w.lower() not in forms.zones and w.lower() not in ("at", "on", "and")]
    return len(leftover) <= 1 and word_count(text) <= DATELINE_MAX_WORDS
