"""Every lexicon, meta-tag name and threshold of the HTML cleaner, loaded once from ``html_patterns.toml``."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any


def _load() -> dict[str, Any]:
    """Parse the bundled html_patterns.toml."""
    return tomllib.loads(resources.files(__package__).joinpath("html_patterns.toml").read_text("utf-8"))


def whole_line(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive regex that, used with ``match``, tests a whole line against any of the patterns."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"(?:{body})$" if patterns else r"(?!x)x", re.IGNORECASE)


_DATA = _load()

ARTICLE_TYPES: frozenset[str] = frozenset(_DATA["jsonld"]["article_types"])

TITLE_META_KEYS: tuple[str, ...] = tuple(_DATA["title"]["meta_keys"])
TITLE_SEPARATORS: tuple[str, ...] = tuple(_DATA["title"]["separators"])
TITLE_KICKERS: frozenset[str] = frozenset(_DATA["title"]["kickers"])
TITLE_WIDGET_WORDS: tuple[str, ...] = tuple(_DATA["title"]["widget_words"])
TITLE_WIDGET_ANCESTORS: tuple[str, ...] = tuple(_DATA["title"]["widget_ancestors"])
TITLE_MEDIA_TAG: re.Pattern[str] = re.compile(
    r"\s*[\[(](?:" + "|".join(map(re.escape, _DATA["title"]["media_tags"])) + r")[\])]$", re.IGNORECASE
)
TITLE_MIN_WORDS_UNCONFIRMED: int = int(_DATA["title"]["min_words_unconfirmed"])
TITLE_CONFIRM_OVERLAP: float = float(_DATA["title"]["confirm_overlap"])

SITE_META_KEYS: tuple[str, ...] = tuple(_DATA["site"]["meta_keys"])

_AUTHOR = _DATA["author"]
AUTHOR_META_KEYS: tuple[str, ...] = tuple(_AUTHOR["meta_keys"])
AUTHOR_BYLINE_XPATHS: tuple[str, ...] = tuple(_AUTHOR["byline_xpaths"])
AUTHOR_LINK_PATHS: tuple[str, ...] = tuple(_AUTHOR["link_paths"])
AUTHOR_BOX_LEVELS: int = int(_AUTHOR["box_levels"])
AUTHOR_BOX_MAX_CHARS: int = int(_AUTHOR["box_max_chars"])
AUTHOR_LINK_UI_WORDS: frozenset[str] = frozenset(_AUTHOR["link_ui_words"])
AUTHOR_ORG_WORD: re.Pattern[str] = re.compile(r"\b(?:" + "|".join(map(re.escape, _AUTHOR["org_words"])) + r")\b", re.IGNORECASE)
AUTHOR_HOUSE_SUFFIX: re.Pattern[str] = re.compile(
    r"(?:^|\s+)(?:" + "|".join(map(re.escape, sorted(_AUTHOR["house_suffixes"], key=len, reverse=True))) + r")$",
    re.IGNORECASE,
)
AUTHOR_LEAD_IN: re.Pattern[str] = re.compile("^(?:" + "|".join(_AUTHOR["lead_ins"]) + ")", re.IGNORECASE)
AUTHOR_TRAILER: re.Pattern[str] = re.compile("(?:" + "|".join(_AUTHOR["trailers"]) + ")$", re.IGNORECASE)
AUTHOR_SEPARATOR: re.Pattern[str] = re.compile("|".join(_AUTHOR["separators"]), re.IGNORECASE)
AUTHOR_ROLE: re.Pattern[str] = re.compile(r"\b(?:" + "|".join(map(re.escape, _AUTHOR["roles"])) + r")\b", re.IGNORECASE)
AUTHOR_BOARD: re.Pattern[str] = re.compile(r"\b(?:" + "|".join(map(re.escape, _AUTHOR["boards"])) + r")$", re.IGNORECASE)
AUTHOR_CREDENTIAL: re.Pattern[str] = re.compile(r"(?:" + "|".join(_AUTHOR["credentials"]) + r")", re.IGNORECASE)
AUTHOR_MAX_WORDS: int = int(_AUTHOR["max_words"])

_DATE = _DATA["date"]
DATE_PUBLISHED_META_KEYS: tuple[str, ...] = tuple(_DATE["published_meta_keys"])
DATE_UPDATED_META_KEYS: tuple[str, ...] = tuple(_DATE["updated_meta_keys"])
DATE_MIN_YEAR: int = int(_DATE["min_year"])
DATE_SERVER_META_KEYS: frozenset[str] = frozenset(_DATE["server_meta_keys"])
DATE_SHOWN_AFTER: int = int(_DATE["shown_after_chars"])
DATE_SHOWN_BEFORE: int = int(_DATE["shown_before_chars"])
DATE_SHOWN_MAX_WORDS: int = int(_DATE["shown_max_words"])
DATE_SHOWN_MAX_GAP_DAYS: int = int(_DATE["shown_max_gap_days"])
DATE_HEADLINE_OVERLAP: dict[str, float] = {k: float(v) for k, v in _DATE["headline_overlap"].items()}
DATE_HEADLINE_MIN_SHARED: int = int(_DATE["headline_min_shared"])
DATE_SKIP_TAGS: frozenset[str] = frozenset(_DATE["skip_tags"])
DATE_CAPTION_MARKS: re.Pattern[str] = re.compile(  # a word of a class/id: "photo-caption", "imageCredit", not "Accreditation"
    r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?i:" + "|".join(map(re.escape, _DATE["caption_marks"])) + ")"
)

_BODY = _DATA["body"]
BODY_MAX_LINK_DENSITY: float = float(_BODY["max_link_density"])
BODY_MAX_ITEM_LINK_DENSITY: float = float(_BODY["max_item_link_density"])
BODY_SHORT_LINKED_WORDS: int = int(_BODY["short_linked_words"])
BODY_RESUME_WORDS: int = int(_BODY["resume_words"])
BODY_TAIL_WINDOW: int = int(_BODY["tail_window"])
BODY_HEAD_WINDOW: int = int(_BODY["head_window"])
SECTION_BREAK: re.Pattern[str] = whole_line(_BODY["section_breaks"])
DROP_LINE: re.Pattern[str] = whole_line(_BODY["drop_lines"])
TAIL_LINE: re.Pattern[str] = whole_line(_BODY["tail_lines"])
AUTHOR_NOTE_VERB: re.Pattern[str] = re.compile(
    r",?\s+(?:" + "|".join(map(re.escape, sorted(_BODY["author_note_verbs"], key=len, reverse=True))) + r")\b", re.IGNORECASE
)
END_MATTER: re.Pattern[str] = whole_line(_BODY["end_matter"])
COMMENT_MARK: re.Pattern[str] = whole_line(_BODY["comment_marks"])
DATE_LINE: re.Pattern[str] = whole_line([_BODY["date_line"]])
LD_MIN_WORDS: int = int(_BODY["ld_min_words"])
LD_REPLACE_BELOW: float = float(_BODY["ld_replace_below"])
LD_MASK_ABOVE: float = float(_BODY["ld_mask_above"])
LD_EXTRA_SHARE: float = float(_BODY["ld_extra_share"])
LD_LINE_KEEP: float = float(_BODY["ld_line_keep"])
CONSENT_TEXT: re.Pattern[str] = re.compile(_BODY["consent_text"], re.IGNORECASE)
CONSENT_MIN_SHARE: float = float(_BODY["consent_min_share"])
CONSENT_ATTR: re.Pattern[str] = re.compile("|".join(_BODY["consent_attrs"]), re.IGNORECASE)
STANDFIRST_META_KEYS: tuple[str, ...] = tuple(_BODY["standfirst_meta_keys"])
STANDFIRST_NEAR_H1: int = int(_BODY["standfirst_near_h1"])
STANDFIRST_MIN_WORDS: int = int(_BODY["standfirst_min_words"])
STANDFIRST_MAX_WORDS: int = int(_BODY["standfirst_max_words"])
BOX_LABEL: re.Pattern[str] = whole_line(_BODY["box_labels"])
KICKER_LINE: re.Pattern[str] = whole_line([_BODY["kicker_line"]])
