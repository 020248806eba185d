"""Transcripts and interviews set out as speaker turns: "PENCE: Well, look, ...", "JAKE TAPPER: Take a listen.".

A turn is a line starting with a speaker label in capitals and a colon; the turn runs to the end of the line
and over the paragraphs after it that continue the same quotation (news style: each paragraph of a long
quotation opens with a quotation mark). Interviews set out as "((Jane Doe))  ..." are read the same way, each
answer running on over its paragraphs to the next label. A page is read as a transcript only when it holds several turns by at
least two speakers, so that headline labels ("UPDATE:", "EXCLUSIVE:", "BYLINE:") are never taken for speakers.
A turn is verbatim speech without quotation marks around it: it is a direct quote whose content is the turn.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .candidates import QuoteCandidate
from .lexicon import cues
from .syntax import TokenIndex, doc_text

MIN_TURNS = 3
LABEL = re.compile(r"^(?P<lead>[\"“]?)(?P<label>(?:[A-Z][A-Z.'’\-]*\s){0,3}[A-Z][A-Z.'’\-]+):\s+(?P<body>\S.*)$")
# Interviews set out as "((Jane Doe))  text": each answer runs on over the paragraphs after it, to the next label.
# (Title-case "Jane Doe: text" lines are left to the colon-line rule: in news they are as often lists and tallies.)
BRACKETED = re.compile(r"^(?P<lead>)\(\((?P<label>[^()\n]{1,60})\)\)\s+(?P<body>\S.*)$")
STAGE = re.compile(r"^[\"“]?\s*[(\[]")  # "(CROSSTALK.)", "[Applause]"
CHROME = re.compile(r"^[\"“]?\s*(Follow|Read|Watch|Listen|Subscribe|Contact|Email)\b|@\w")
OPENING = "\"“"
TRAIL = " \t\"”"


def find_turns(doc: Doc, index: TokenIndex) -> list[QuoteCandidate]:
    """The speaker turns of a transcript-style page (none when the page is not one)."""
    text = doc_text(doc)
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    not_speakers = cues().colon_not_speakers
    turns = []
    for n, (s, e) in enumerate(lines):
        line = text[s:e]
        m = LABEL.match(line) or BRACKETED.match(line)
        if m and m.group("label").lower().rstrip(".") not in not_speakers and not m.group("label").isdigit():
            turns.append((n, m))
    if len(turns) < MIN_TURNS or len({m.group("label") for _, m in turns}) < 2:
        return []
    starts = {n for n, _ in turns}
    out = []
    for n, m in turns:
        s, _ = lines[n]
        body_start = s + m.start("body")
        end = lines[n][1]
        quoted = bool(m.group("lead"))
        k = n + 1
        if m.re is not LABEL:  # an interview: the answer runs on to the next label
            while k < len(lines) and k not in starts:
                ls, le = lines[k]
                if text[ls:le].strip() and not STAGE.match(text[ls:le]) and not CHROME.search(text[ls:le]):
                    end = le
                k += 1
        while quoted and k < len(lines) and k not in starts:
            ls, le = lines[k]
            line = text[ls:le]
            if not line.strip():
                k += 1
                continue
            if line[0] not in OPENING or STAGE.match(line) or CHROME.search(line):
                break
            end = le
            k += 1
        while end > body_start and text[end - 1] in TRAIL:
            end -= 1
        label_start = s + m.start("label")
        label_end = s + m.end("label")
        first, last = index.after(label_start), index.at(label_end - 1)
        if end <= body_start or last < first:
            continue
        colon = label_end
        out.append(QuoteCandidate(body_start, end, "direct", cue=":", cue_span=(colon, colon + 1),
                                  mention_tokens=(first, last + 1), how="transcript"))
    return out
