"""Text cut into pieces for display: the sentence around a quote, and spans (quotes, framing terms) to highlight.

Pages never slice text themselves: they print these pieces (escaped) and wrap the marked ones.
"""

from __future__ import annotations

import re
from typing import Any

CONTEXT_CHARS = 400  # characters read on each side of a quote to find its sentence
_END_BEFORE = re.compile(r"(?:[.!?…][\"'”’»)\]]*\s+|\n\s*)")
_END_AFTER = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s|$)|\n")

Span = tuple[int, int, dict[str, Any]]


def sentence_context(window: str, start: int, end: int, *, clipped_left: bool, clipped_right: bool) -> dict[str, str]:
    """The quote at window[start:end] with the rest of its sentence before and after it (… where cut short)."""
    before, text, after = window[:start], window[start:end], window[end:]
    cuts = list(_END_BEFORE.finditer(before))
    if cuts:
        before = before[cuts[-1].end():]
    elif clipped_left:
        before = "…" + before.lstrip()
    m = _END_AFTER.search(after)
    if m:
        after = after[: m.end()]
    elif clipped_right:
        after = after.rstrip() + "…"
    return {"before": before.lstrip(), "text": text, "after": after.rstrip()}


def mark(text: str, layers: dict[str, list[Span]]) -> list[dict[str, Any]]:
    """Text as consecutive pieces ``{"text", <layer>: info or None, ...}``: a piece is covered by at most one span per layer."""
    n = len(text)
    cuts = {0, n}
    for spans in layers.values():
        for start, end, _ in spans:
            if 0 <= start < end <= n:
                cuts.update((start, end))
    points = sorted(cuts)
    pieces: list[dict[str, Any]] = []
    ordered = {name: sorted((s for s in spans if 0 <= s[0] < s[1] <= n), key=lambda s: (s[0], -s[1]))
               for name, spans in layers.items()}
    for a, b in zip(points, points[1:]):
        piece: dict[str, Any] = {"text": text[a:b]}
        for name, spans in ordered.items():
            piece[name] = next((info for s, e, info in spans if s <= a and b <= e), None)
        if pieces and all(pieces[-1][k] is piece[k] for k in layers):
            pieces[-1]["text"] += piece["text"]
        else:
            pieces.append(piece)
    return pieces or [{"text": text, **{name: None for name in layers}}]


def relative(spans: list[Span], start: int, end: int) -> list[Span]:
    """The spans lying inside [start, end), shifted to be relative to start (framing terms inside a quote)."""
    return [(s - start, e - start, info) for s, e, info in spans if start <= s and e <= end]
