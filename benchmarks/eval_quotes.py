"""Quote attribution quality on PolNeAR (news attributions: Source, Cue, Content spans, BRAT standoff).

usage: python benchmarks/eval_quotes.py [--split dev|train|both] [--data ../shared/eval/polnear] [--limit N] [--errors N]
                                       [--quote-errors N]

Figures (each split):
  content  exact       P/R/F1: system content span == gold content span (one-to-one)
  content  overlap     P/R/F1: token Jaccard >= 0.5, one-to-one greedy matching (best pairs first)
  source / cue exact   span-level P/R/F1 over all attributions (as CofeNet reports them)
  source / cue on matched pairs: of the overlap-matched pairs with a gold source (cue), how often the system's
                       speaker mention (cue) is exactly the gold span / overlaps it
  the same for the subset whose gold content holds a quotation mark (system side: content holding one)
In the issue's terms (the last line of each split):
  source accuracy      over all attributions: of the overlap-matched pairs whose gold attribution has a source,
                       the share whose system speaker mention matches the gold source span. Two variants: exact
                       (same characters) and overlap (the mention shares a character with the gold source span,
                       i.e. it names the same entity as the gold source noun phrase, however long that phrase
                       is). The targets are judged on the overlap variant.
  speaker accuracy     the same, on the quotation-mark subset.
  content F1           on the quotation-mark subset: the content overlap F1 above.
PolNeAR's conventions are followed for the comparison: a direct quote's content includes its quotation marks
and an indirect one includes a leading "that" (onrecord's exported text excludes both).
One annotation per document: the first annotator listed in metadata.tsv. Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from onrecord.analyze import quote_candidates, quote_texts
from onrecord.analyze.learned_cues import MODEL_ENV
from onrecord.analyze.polnear import (
    QUOTE_CHARS,
    f1,
    load_split,
    match,
    outer,
    strip,
    system_items,
    words_of,
)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "polnear"


class Tally:
    def __init__(self) -> None:
        self.c = dict.fromkeys(["gold", "sys", "exact", "overlap", "src_gold", "src_sys", "src_exact", "cue_gold", "cue_sys",
                                "cue_exact", "m_src_gold", "m_src_exact", "m_src_overlap", "m_cue_gold", "m_cue_exact",
                                "m_cue_overlap"], 0)

    def add(self, k: str, n: int = 1) -> None:
        self.c[k] += n


def evaluate(docs, cands_by_doc, errors: int = 0, quote_errors: int = 0) -> tuple[Tally, Tally]:
    allt, qt = Tally(), Tally()
    shown = 0
    shown_q = 0
    for (name, text, gold), cands in zip(docs, cands_by_doc):
        items = system_items(text, cands)
        sys_parts = [sp for sp, _ in items]
        sys_c = [(sp[0][0], sp[-1][1]) for sp in sys_parts]
        cands = [c for _, c in items]
        for subset, t in (("all", allt), ("quote", qt)):
            gi = [i for i, a in enumerate(gold) if subset == "all" or any(ch in text[outer(a.content)[0]:outer(a.content)[1]] for ch in QUOTE_CHARS)]
            si = [j for j, sp in enumerate(sys_c) if subset == "all" or any(ch in text[sp[0]:sp[1]] for ch in QUOTE_CHARS)]
            g_spans = [strip(text, outer(gold[i].content)) for i in gi]
            t.add("gold", len(gi))
            t.add("sys", len(si))
            # exact content
            remaining = list(g_spans)
            for j in si:
                if sys_c[j] in remaining:
                    remaining.remove(sys_c[j])
                    t.add("exact")
            # source and cue spans, exact, over all attributions
            g_src = [strip(text, outer(gold[i].source)) for i in gi if gold[i].source]
            s_src = [cands[j].mention_span for j in si if cands[j].mention_span]
            t.add("src_gold", len(g_src))
            t.add("src_sys", len(s_src))
            t.add("src_exact", len(set(g_src) & set(s_src)))
            g_cue = [strip(text, outer(gold[i].cue)) for i in gi if gold[i].cue]
            s_cue = [cands[j].cue_span for j in si if cands[j].cue_span]
            t.add("cue_gold", len(g_cue))
            t.add("cue_sys", len(s_cue))
            t.add("cue_exact", len(set(g_cue) & set(s_cue)))
            # overlap matching and attribution on matched pairs
            pairs = match([words_of(text, gold[i].content) for i in gi], [words_of(text, sys_parts[j]) for j in si], 0.5)
            t.add("overlap", len(pairs))
            for a, b in pairs:
                g, c = gold[gi[a]], cands[si[b]]
                if g.source:
                    t.add("m_src_gold")
                    gs = strip(text, outer(g.source))
                    hit = bool(c.mention_span) and c.mention_span[0] < gs[1] and gs[0] < c.mention_span[1]
                    if c.mention_span:
                        t.add("m_src_exact", c.mention_span == gs)
                        t.add("m_src_overlap", hit)
                    if subset == "quote" and shown_q < quote_errors and c.mention_span != gs:
                        ms = c.mention_span
                        mark = "SRC~" if hit else "SRC!"
                        print(f"  {mark} {name}: gold {text[gs[0]:gs[1]]!r} system {text[ms[0]:ms[1]] if ms else None!r}"
                              f" [{c.how}/{c.cue}] in {text[sys_c[si[b]][0]:sys_c[si[b]][1]][:70]!r}")
                        shown_q += 1
                if g.cue:
                    t.add("m_cue_gold")
                    gc = strip(text, outer(g.cue))
                    if c.cue_span:
                        t.add("m_cue_exact", c.cue_span == gc)
                        t.add("m_cue_overlap", c.cue_span[0] < gc[1] and gc[0] < c.cue_span[1])
            if subset == "quote" and shown_q < quote_errors:
                shown_q = print_unmatched(name, text, gold, gi, si, sys_c, cands, pairs, quote_errors - shown_q,
                                          ("QMISS", "QFP  "), 160, with_start=True) + shown_q
            if subset == "all" and shown < errors:
                shown = print_unmatched(name, text, gold, gi, si, sys_c, cands, pairs, errors - shown,
                                        ("MISS", "FP  "), 120, with_start=False) + shown
    return allt, qt


def print_unmatched(name, text, gold, gi, si, sys_c, cands, pairs, budget: int, labels: tuple[str, str],
                    width: int, with_start: bool) -> int:
    """Print up to ``budget`` unmatched gold contents (misses) and system contents (false positives); returns how many."""
    matched_g = {gi[a] for a, _ in pairs}
    matched_s = {si[b] for _, b in pairs}
    lines = []
    for i in gi:
        if i not in matched_g:
            s, e = outer(gold[i].content)
            lines.append(f"  {labels[0]} {name}{f' {s}' if with_start else ''}: {text[s:e][:width]!r}")
    for j in si:
        if j not in matched_s:
            s, e = sys_c[j]
            lines.append(f"  {labels[1]} {name}{f' {s}' if with_start else ''} [{cands[j].how}/{cands[j].cue}]: "
                         f"{text[s:e][:width]!r}")
    for line in lines[:budget]:
        print(line)
    return min(budget, len(lines))


def report(title: str, t: Tally) -> None:
    c = t.c
    print(f"  {title}: gold {c['gold']}, system {c['sys']}")
    rows = [
        ("content exact", f1(c["exact"], c["sys"], c["gold"])),
        ("content overlap (J>=0.5)", f1(c["overlap"], c["sys"], c["gold"])),
        ("source span exact", f1(c["src_exact"], c["src_sys"], c["src_gold"])),
        ("cue span exact", f1(c["cue_exact"], c["cue_sys"], c["cue_gold"])),
    ]
    for label, (p, r, f) in rows:
        print(f"    {label:28} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}")
    mg, mc = c["m_src_gold"] or 1, c["m_cue_gold"] or 1
    print(f"    {'on matched pairs':28} source exact {100 * c['m_src_exact'] / mg:5.1f}  overlap {100 * c['m_src_overlap'] / mg:5.1f}"
          f"  | cue exact {100 * c['m_cue_exact'] / mc:5.1f}  overlap {100 * c['m_cue_overlap'] / mc:5.1f}  (of {c['m_src_gold']}/{c['m_cue_gold']})")


def issue_line(allt: Tally, qt: Tally) -> None:
    """The figures the issue sets targets for (see the module docstring)."""
    a, q = allt.c, qt.c
    ag, qg = a["m_src_gold"] or 1, q["m_src_gold"] or 1
    _, _, qf = f1(q["overlap"], q["sys"], q["gold"])
    print(f"  issue terms: source accuracy (all attributions) overlap {100 * a['m_src_overlap'] / ag:5.1f} exact {100 * a['m_src_exact'] / ag:5.1f}"
          f" (of {a['m_src_gold']}); speaker accuracy (quotation-mark subset) overlap {100 * q['m_src_overlap'] / qg:5.1f}"
          f" exact {100 * q['m_src_exact'] / qg:5.1f} (of {q['m_src_gold']}); content F1 (quotation-mark subset) {100 * qf:5.1f}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train", "both"])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false positives")
    ap.add_argument("--quote-errors", type=int, default=0,
                    help="print this many quotation-mark-subset misses (QMISS), false positives (QFP) and source mismatches (SRC~ overlapping, SRC! not)")
    ap.add_argument("--cue-model", default=None,
                    help="also apply this trained attribution model (onrecord train-cues); default: ONRECORD_CUE_MODEL, else the rules alone")
    args = ap.parse_args(argv)
    if args.cue_model is not None:
        os.environ[MODEL_ENV] = args.cue_model
    print(f"attribution model: {os.environ.get(MODEL_ENV) or 'none (rules alone)'}")
    for split in (["train", "dev"] if args.split == "both" else [args.split]):
        docs = load_split(Path(args.data), split, args.limit)
        t0 = time.perf_counter()
        parsed = list(quote_texts([d[1] for d in docs]))
        t1 = time.perf_counter()
        cands = [quote_candidates(d[1], doc) for d, doc in zip(docs, parsed)]
        t2 = time.perf_counter()
        n_words = sum(len(d[1].split()) for d in docs)
        print(f"PolNeAR {split}: {len(docs)} documents, {n_words} words; parse {t1 - t0:.1f}s, extraction {t2 - t1:.1f}s")
        allt, qt = evaluate(docs, cands, args.errors, args.quote_errors)
        report("all attributions", allt)
        report("content holding a quotation mark", qt)
        issue_line(allt, qt)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
