"""PolNeAR (news attributions: Source, Cue and Content spans in BRAT standoff) read and matched against the
extractor's quotes: shared by `benchmarks/eval_quotes.py` and the attribution-model trainer (`train_cues`)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .candidates import QuoteCandidate

WORD = re.compile(r"\w+")
QUOTE_CHARS = "\"“”«»„"


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] | None
    cue: list[tuple[int, int]] | None


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, rest = parts[1].split(" ", 1)
            spans[parts[0]] = (label, [tuple(map(int, x.split())) for x in rest.split(";")])
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
    out = []
    for r in rels:
        if "Content" not in r or r["Content"] not in spans:
            continue
        got = {k: sorted(spans[r[k]][1]) for k in ("Content", "Source", "Cue") if k in r and r[k] in spans}
        # a content annotated in several pieces ("Content2", ...: a quotation resumed after its attribution)
        more = [sp for k in sorted(r) if k.startswith("Content") and k != "Content" and r[k] in spans for sp in spans[r[k]][1]]
        out.append(Attribution(sorted(got["Content"] + more), got.get("Source"), got.get("Cue")))
    return out


def load_split(data: Path, split: str, limit: int | None) -> list[tuple[str, str, list[Attribution]]]:
    first: dict[str, str] = {}
    with (data / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] == split:
                first[row["filename"]] = row["annotators"].split("|")[0]
    docs = []
    for name in sorted(first)[: limit or None]:
        ann = data / split / "attributions" / f"{name}_{first[name]}.ann"
        if not ann.exists():
            cands = sorted((data / split / "attributions").glob(f"{name}_*.ann"))
            if not cands:
                continue
            ann = cands[0]
        text = (data / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        docs.append((name, text, read_ann(ann)))
    return docs


def words_of(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(m.start() for s, e in spans for m in WORD.finditer(text, s, e))


def outer(spans: list[tuple[int, int]]) -> tuple[int, int]:
    return spans[0][0], spans[-1][1]


def strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def system_content(text: str, c: QuoteCandidate) -> tuple[int, int]:
    """The candidate's content span in PolNeAR's convention: marks kept, and a leading "that" kept whether the
    content is reported speech or a quotation ('said that "..."'): PolNeAR puts the complementiser in the content."""
    s, e = c.marks if c.marks is not None else (c.start, c.end)
    m = re.search(r"\bthat,?\s+$", text[max(0, s - 7) : s])
    if m:
        s = max(0, s - 7) + m.start()
    return s, e


def system_items(text: str, cands: list[QuoteCandidate]) -> list[tuple[list[tuple[int, int]], QuoteCandidate]]:
    """System quotes as PolNeAR items: parts of one quotation split by its attribution (or running over
    paragraphs) are one discontinuous content, as PolNeAR annotates them. A part joins the latest earlier
    quotation with the same cue and speaker mention, even when a clause reported inside the attribution
    ('..." she said, adding that ... "...') sits between them in the output."""
    items: list[tuple[list[tuple[int, int]], QuoteCandidate]] = []
    open_quote: dict[tuple, int] = {}  # (cue span, mention) -> index of the item its quotation parts join
    for c in cands:
        span = strip(text, system_content(text, c))
        key = (c.cue_span, tuple(c.mention_tokens or ()))
        if c.marks is not None and c.cue_span is not None and key in open_quote:
            items[open_quote[key]][0].append(span)
            continue
        if c.cue_span is not None and (c.marks is not None or c.kind == "mixed" and c.how == "after"):
            open_quote[key] = len(items)  # a quotation, or one completing the clause it opens mid-sentence
        items.append(([span], c))
    return items


def f1(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match(gold: list[frozenset[int]], system: list[frozenset[int]], threshold: float) -> list[tuple[int, int]]:
    """One-to-one greedy matching by token Jaccard, best pairs first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if g and s and not g.isdisjoint(s):
                jac = len(g & s) / len(g | s)
                if jac >= threshold:
                    pairs.append((jac, i, j))
    pairs.sort(reverse=True)
    used_g, used_s, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((i, j))
    return out


def overlap_counts(docs: list[tuple[str, str, list[Attribution]]], cands_by_doc: list[list[QuoteCandidate]]) -> tuple[int, int, int]:
    """(matched, system, gold) contents over all attributions, one-to-one at token Jaccard >= 0.5."""
    tp = n_sys = n_gold = 0
    for (_, text, gold), cands in zip(docs, cands_by_doc):
        parts = [sp for sp, _ in system_items(text, cands)]
        tp += len(match([words_of(text, a.content) for a in gold], [words_of(text, sp) for sp in parts], 0.5))
        n_sys += len(parts)
        n_gold += len(gold)
    return tp, n_sys, n_gold
