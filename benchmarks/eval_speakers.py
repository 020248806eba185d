"""Speaker resolution of pronouns and descriptions, against hand labels on the Wikinews corpus.

usage: python benchmarks/eval_speakers.py [--labels benchmarks/data/wikinews_speakers.tsv] [--show]

Each labelled row names a speaker mention (an article of ../shared/corpus/wikinews by URL, the mention's character
offset in its text) and who it refers to (empty: nobody the article names). The extractor runs on each article's
text; a row is right when a quote's speaker mention starts at that offset and its canonical speaker is the
labelled one (same folded name, or one holding the other: "Rajamma" / "Ratnamamma aunty"), or is empty when the
label is. A mention no quote carries any more is counted apart ("not attributed"): since interview answers are
read as speaker turns, the "they" and "he" inside an answer are part of the interviewee's quote, not quotes of
their own. The rows were sampled from
onrecord's own output and the resolver was then fixed on what they showed: read the figure as a regression
guard, not as a held-out score. Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from onrecord.analyze import quote_candidates, quote_texts
from onrecord.analyze.names import fold

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "corpus" / "wikinews"
LABELS = REPO / "benchmarks" / "data" / "wikinews_speakers.tsv"


def load_labels(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def load_articles(urls: set[str]) -> dict[str, str]:
    csv.field_size_limit(1 << 30)
    texts: dict[str, str] = {}
    for path in sorted(WIKINEWS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            texts.update((row["url"], row["text"]) for row in csv.DictReader(fh) if row["url"] in urls)
    return texts


def same_speaker(system: str | None, label: str) -> bool:
    if not label:
        return system is None
    if system is None:
        return False
    a, b = fold(system), fold(label)
    if a == b or a in b or b in a:
        return True
    short, long_ = sorted((a.split(), b.split()), key=len)
    it = iter(long_)
    return len(short) >= 2 and all(w in it for w in short)  # "Robert Mugabe" in "Robert Gabriel Mugabe", in order


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", default=str(LABELS))
    ap.add_argument("--show", action="store_true", help="print every wrong row")
    args = ap.parse_args(argv)
    rows = load_labels(Path(args.labels))
    texts = load_articles({r["url"] for r in rows})
    missing = sorted({r["url"] for r in rows} - set(texts))
    if missing:
        print(f"{len(missing)} labelled articles are not in {WIKINEWS}: {missing[:3]}", file=sys.stderr)
        return 2
    urls = sorted(texts)
    found: dict[tuple[str, int], str | None] = {}
    for url, doc in zip(urls, quote_texts([texts[u] for u in urls])):
        for c in quote_candidates(texts[url], doc):
            if c.mention_span is not None:
                found.setdefault((url, c.mention_span[0]), c.speaker)
    right = named = named_right = unattributed = 0
    for r in rows:
        key = (r["url"], int(r["mention_start"]))
        ok = key in found and same_speaker(found[key], r["speaker"])
        right += ok
        unattributed += key not in found
        if r["speaker"]:
            named += 1
            named_right += ok
        if args.show and not ok and key in found:
            print(f"  WRONG {r['mention']!r} -> {found[key]!r}, labelled {r['speaker'] or '(nobody named)'!r}: {r['url'].rsplit('/', 1)[1][:60]}")
    n = len(rows)
    attributed = n - unattributed
    print(f"Wikinews speaker mentions (pronouns and descriptions): {n} labelled, {attributed} still a quote's speaker mention")
    print(f"  right {right}/{attributed} = {100 * right / max(1, attributed):.1f}% of those  (referent named in the article: "
          f"{named_right}; nobody named: {right - named_right}); {unattributed} now inside another speaker's quote")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
