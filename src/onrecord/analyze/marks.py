"""Find quotation-mark spans in text: straight, curly, single, guillemets; nested; continued across paragraphs.

Works on characters, not tokens, so it knows an apostrophe ("don't", "Kiev's") from a closing single quote,
and a paragraph that ends inside a quotation reopened on the next line (the newspaper convention for a
quotation running over several paragraphs) from a stray mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
OPEN_CONTEXT = "([{—–-/:;,…"  # characters after which a mark opens a quotation
PAIRED_SINGLES = "''"  # two apostrophes standing for a double mark
TRAILING = ",;"  # punctuation inside the closing mark that belongs to the sentence, not the quotation
MARK_CHARS = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'") + "]")  # what a scan stops at


@dataclass(slots=True)
class MarkSpan:
    """One quotation between marks (one paragraph's part of it, for a quotation running over paragraphs)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or of the line end for a segment that continues
    start: int  # content start (after the mark and any space)
    end: int  # content end (before the mark, trailing space and a trailing comma)
    family: str  # "double" or "single"
    depth: int  # 0 for an outermost quotation, 1 for one inside another
    continues: bool = False  # unclosed at the paragraph end and reopened at the next paragraph's start
    continued: bool = False  # reopens a quotation begun in an earlier paragraph
    unclosed: bool = False  # its closing mark is missing: it runs to the line end

    @property
    def outer_span(self) -> tuple[int, int]:
        """The span including the marks (the line end for a continuing or unclosed segment)."""
        return self.open, (self.close + 1 if not (self.continues or self.unclosed) else self.close)


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _can_open(prev: str, nxt: str) -> bool:
    return (_is_space(prev) or prev in OPEN_CONTEXT or prev in DOUBLE_OPEN + SINGLE_OPEN + "\"'") and not _is_space(nxt)


def _can_close(prev: str, nxt: str) -> bool:
    return not _is_space(prev) and (_is_space(nxt) or not nxt.isalnum())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING):
        end -= 1
    return start, end


def _scan_line(text: str, lo: int, hi: int) -> tuple[list[MarkSpan], list[tuple[str, int]]]:
    """Closed spans of one line, and the marks still open at its end (family, offset)."""
    spans: list[MarkSpan] = []
    stack: list[tuple[str, int, str]] = []  # family, offset, mark character

    def close_family(family: str, at: int, width: int = 1) -> bool:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == family:
                _, pos, mark = stack[k]
                del stack[k:]
                s, e = _trim(text, pos + len(mark), at - width + 1)
                spans.append(MarkSpan(pos, at, s, e, family, depth=len(stack)))
                return True
        return False

    skip = -1
    for found in MARK_CHARS.finditer(text, lo, hi):  # only a mark character can open or close anything
        i = found.start()
        if i <= skip:
            continue
        ch = text[i]
        prev = text[i - 1] if i > lo else ""
        nxt = text[i + 1] if i + 1 < hi else ""
        if text.startswith(PAIRED_SINGLES, i) and text[i + 2 : i + 3] != "'":
            # ''...'': two apostrophes typed for a double mark (the style of some wire and newspaper archives)
            after = text[i + 2] if i + 2 < hi else ""
            open_double = any(f == "double" for f, _, _ in stack)
            if open_double and _can_close(prev, after):
                close_family("double", i + 1, width=2)
            elif _can_open(prev, after):
                stack.append(("double", i, PAIRED_SINGLES))
            elif open_double:
                close_family("double", i + 1, width=2)
            skip = i + 1
            continue
        if ch in DOUBLE_OPEN:
            if ch == "“" and stack and stack[-1][2] == "„":  # German-style „...“
                close_family("double", i)
            elif ch == "“" and stack and stack[-1][2] == "“" and _can_close(prev, nxt) and not _can_open(prev, nxt) \
                    and text[stack[-1][1] + 1 : i].strip():
                close_family("double", i)  # an opening mark typed for a closing one: “Mostly False.“
            else:
                stack.append(("double", i, ch))
        elif ch in DOUBLE_CLOSE:
            line_start = not text[lo:i].strip()
            if ch == "”" and not any(f == "double" for f, _, _ in stack) and (prev == "" or _is_space(prev)) \
                    and (nxt.isalnum() or line_start and nxt != "" and text[i + 1 : hi].strip()):
                stack.append(("double", i, ch))  # a closing mark typed for an opening one: ”Mr. Trump is ...”
            else:
                close_family("double", i)
        elif ch == '"':
            open_double = any(f == "double" for f, _, _ in stack)
            if open_double and _can_close(prev, nxt):
                close_family("double", i)
            elif _can_open(prev, nxt):
                stack.append(("double", i, ch))
            elif open_double:
                close_family("double", i)
        elif ch in SINGLE_OPEN:
            if not (nxt.isdigit() and ch == "‘"):  # ‘90s is an elision
                stack.append(("single", i, ch))
        elif ch in SINGLE_CLOSE or ch == "'":
            if prev.isalnum() and nxt.isalnum():
                continue  # an apostrophe inside a word: don't, Kiev's
            open_single = bool(stack) and stack[-1][0] == "single"
            if open_single and _can_close(prev, nxt):
                close_family("single", i)
            elif ch == "'" and _can_open(prev, nxt) and not nxt.isdigit():
                stack.append(("single", i, ch))
    return spans, [(f, p) for f, p, _ in stack]


def _unclosed_sentence(text: str, at: int, hi: int, family: str, spans: list[MarkSpan]) -> bool:
    """An opening double mark that starts a sentence after a closed quotation on the same line and runs, unclosed
    and holding no other mark, to the line's end over whole sentences: a quotation whose closing mark was left out."""
    rest = text[at + 1 : hi].rstrip()
    return family == "double" and any(sp.close < at and sp.depth == 0 for sp in spans) \
        and text[:at].rstrip()[-1:] in (".", "?", "!") and rest[-1:] in (".", "?", "!") and len(rest.split()) >= 4 \
        and not any(ch in rest for ch in "\"“”«»")


def _first_mark(text: str, lo: int, hi: int, straight: bool) -> tuple[str, int] | None:
    """The family and offset of a quotation mark opening the line (after leading spaces), if any, in the style
    (straight or typographic) of the mark left open: a block quotation whose paragraphs open with a straight
    mark is not reopened by a typographic one (“Here he is,” she said) opening the next paragraph."""
    i = lo
    while i < hi and text[i].isspace():
        i += 1
    if i >= hi or (text[i] in "\"'") != straight:
        return None
    if text[i] in DOUBLE_OPEN or text[i] == '"' or text.startswith(PAIRED_SINGLES, i):
        return "double", i
    if text[i] in SINGLE_OPEN or text[i] == "'":
        return "single", i
    return None


NICKNAME = re.compile(r"\b[A-Z][a-z][\w'’.-]* ([\"“])[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?([\"”]) (?=[A-Z])")


def nickname_marks(text: str) -> set[int]:
    """Offsets of the marks around a nickname inside a name (Marcia "Cia" Price, Thomas "Tip" O'Neill): part of
    the name, not words said."""
    return {off for m in NICKNAME.finditer(text) for off in (m.start(1), m.start(2))}


def find_marks(text: str) -> list[MarkSpan]:
    """Every quotation-mark span of the text, in order of opening mark; a nickname inside a name is left out."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[MarkSpan] = []
    continued_at: set[int] = set()
    for n, (lo, hi) in enumerate(lines):
        spans, still_open = _scan_line(text, lo, hi)
        for sp in spans:
            if sp.open in continued_at:
                sp.continued = True
        out.extend(spans)
        if not still_open or still_open[0][0] != "double" and still_open[0][0] != "single":
            continue
        family, at = still_open[0]
        nxt = next(((a, b) for a, b in lines[n + 1:] if text[a:b].strip()), None)
        reopened = _first_mark(text, *nxt, straight=text[at] in "\"'") if nxt else None
        if reopened and reopened[0] == family:
            s, e = _trim(text, at + 1, hi)
            seg = MarkSpan(at, hi, s, e, family, depth=0, continues=True, continued=at in continued_at)
            out.append(seg)
            continued_at.add(reopened[1])
        elif at not in continued_at:  # a stray mark: what it seemed to hold is not nested in a quotation
            for sp in spans:
                if sp.open > at and sp.depth > 0:
                    sp.depth -= 1
            if _unclosed_sentence(text, at, hi, family, spans):
                s, e = _trim(text, at + 1, hi)  # ... ," said Baron. "His candidacy ... depth.⏎: the closing mark left out
                out.append(MarkSpan(at, hi, s, e, family, depth=0, unclosed=True))
    out.sort(key=lambda m: (m.open, -m.close))
    nicknames = nickname_marks(text)
    return [m for m in out if m.end > m.start and m.open not in nicknames]
