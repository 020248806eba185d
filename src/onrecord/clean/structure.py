"""Structure of a classified scrape: where the article starts, its title, teasers, headings, menus and the footer.

Decisions here need a line's neighbours: a short line between two paragraphs is a subheading, three short lines
in a row are a menu or a list of links, a headline right under an image caption is a teaser for another
article, and short lines after the last paragraph are the page footer.
"""

from __future__ import annotations

from .lines import CHROME, TEXT, Line, fold_key, is_paragraph, is_sentence
from .text_patterns import chrome_rules

TEASER_LEADS = frozenset({"caption", "credit", "signature"})  # chrome that can sit right above a teaser headline


def body_start(lines: list[Line]) -> int:
    """Position of the article's first paragraph: the first one followed, within two text lines, by another."""
    texts = [i for i, line in enumerate(lines) if line.kind == TEXT]
    for n, i in enumerate(texts):
        ahead = [j for j in texts[n + 1 :] if not _list_item(lines[j])][:2]  # a list may follow the lede
        if is_paragraph(lines[i]) and any(is_paragraph(lines[j]) for j in ahead):
            return i
    for i in texts:
        if is_paragraph(lines[i]):
            return i
    longer = [i for i in texts if lines[i].words >= chrome_rules().limit("paragraph_min_words")]
    return longer[0] if longer else (texts[0] if texts else len(lines))


def choose_title(lines: list[Line], start: int) -> Line | None:
    """The headline among the text lines above the body: a repeated line first, then a longer, later one."""
    rules = chrome_rules()
    keys = [fold_key(l.text) for l in lines]
    best, best_score = None, None
    for i, line in enumerate(lines[:start]):
        if line.kind != TEXT or not _headline_shaped(line):
            continue
        if not rules.limit("title_min_words") <= line.words <= rules.limit("title_max_words"):
            continue
        score = (keys.count(keys[i]) > 1, line.words >= 4, i)
        if best_score is None or score > best_score:
            best, best_score = line, score
    return best


def _headline_shaped(line: Line) -> bool:
    """A line that can be a headline: not ending with a full stop, not all lower case."""
    text = line.text.rstrip()
    if text.endswith((".", ",", ";")) and not text.endswith("..."):
        return False
    return any(ch.isupper() for ch in text)


def mark_teasers(lines: list[Line], start: int) -> None:
    """Drop a headline that sits right under an image caption in the body: a teaser for another article."""
    heading_max = chrome_rules().limit("heading_max_words")
    for i in range(max(start, 1), len(lines)):
        line, above = lines[i], lines[i - 1]
        if line.kind != TEXT or line.gap_before or is_paragraph(line) or line.words > heading_max:
            continue
        if above.kind == CHROME and above.why in TEASER_LEADS and not is_sentence(line.text):
            line.drop(CHROME, "teaser")


def prune_short_lines(lines: list[Line], start: int, protected: set[int]) -> None:
    """Drop the header, menus (runs of short lines), orphan short lines and the footer; keep headings."""
    for line in lines[:start]:
        if line.kind == TEXT:
            line.drop(CHROME, "header")
    last_paragraph = max((i for i, l in enumerate(lines) if is_paragraph(l)), default=-1)
    if last_paragraph < 0:  # no paragraph to tell headings from menus by: keep the short text as it is
        return
    menus: set[int] = set()
    lists: set[int] = set()
    for run in _short_runs(lines, start, protected):
        if run[-1] < last_paragraph and _is_article_list(lines, run):
            lists.update(run)
        elif len(run) >= chrome_rules().limit("short_run"):
            menus.update(run)
    for i in range(start, len(lines)):
        line = lines[i]
        if line.kind != TEXT or i in protected or i in lists or is_paragraph(line) or _short_paragraph(lines, i):
            continue
        if i in menus:
            line.drop(CHROME, "menu")
        elif i > last_paragraph:
            if not (is_sentence(line.text) and _follows_paragraph(lines, i)):
                line.drop(CHROME, "footer")
        elif not (_next_text_is_paragraph(lines, i) or is_sentence(line.text)):
            line.drop(CHROME, "orphan")


def _short_runs(lines: list[Line], start: int, protected: set[int]) -> list[list[int]]:
    """Runs of short text lines from ``start`` on; paragraphs, short paragraphs and live-blog lines end a run."""
    runs: list[list[int]] = []
    run: list[int] = []
    for i in range(start, len(lines) + 1):
        line = lines[i] if i < len(lines) else None
        if line is None or is_paragraph(line) or i in protected or _short_paragraph(lines, i):
            if run:
                runs.append(run)
            run = []
        elif line.kind == TEXT:
            run.append(i)
    return runs


def _is_article_list(lines: list[Line], run: list[int]) -> bool:
    """A run that is the article's own list: mostly numbered or bulleted items of several words each, not
    announced by a teaser, tag or navigation label ('Most Popular', 'Tags')."""
    items = sum(1 for i in run if _list_item(lines[i]))
    return items >= len(run) / 2 and not _announced(lines, run[0])


def _list_item(line: Line) -> bool:
    """A numbered or bulleted line of several words (an item of the article's own list)."""
    rules = chrome_rules()
    return bool(rules.shape("numbered_item").match(line.text)) and line.words >= rules.limit("list_item_min_words")


def _announced(lines: list[Line], first: int) -> bool:
    """True when the line right above a run is a teaser, tag or navigation label."""
    return first > 0 and lines[first - 1].kind == CHROME and lines[first - 1].why in ("teaser", "tag_label", "nav", "label_only")


def _short_paragraph(lines: list[Line], i: int) -> bool:
    """A short text line that ends like a sentence right under a paragraph ('He did not say when.')."""
    line = lines[i]
    return line.kind == TEXT and line.words >= 3 and is_sentence(line.text) and not line.text.endswith(":") and _follows_paragraph(lines, i)


def _next_text_is_paragraph(lines: list[Line], i: int) -> bool:
    """True when the next text line after ``i`` is a paragraph (so line ``i`` heads it)."""
    for line in lines[i + 1 :]:
        if line.kind == TEXT:
            return is_paragraph(line)
    return False


def _follows_paragraph(lines: list[Line], i: int) -> bool:
    """True when the line right above ``i`` is a paragraph."""
    return i > 0 and is_paragraph(lines[i - 1])


def drop_title_copies(lines: list[Line], title: str | None) -> None:
    """Drop body lines that only repeat the title."""
    if not title:
        return
    key = fold_key(title)
    for line in lines:
        if line.kind == TEXT and fold_key(line.text) == key:
            line.drop(CHROME, "title")
