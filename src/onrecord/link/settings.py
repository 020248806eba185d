"""The linker's thresholds and sizes (``settings.toml``) loaded once into typed, read-only settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
T = TypeVar("T")


@dataclass(frozen=True)
class LinkerSettings:
    """The linker loop."""

    evict_every: int


@dataclass(frozen=True)
class TermSettings:
    """How article text becomes weighted terms."""

    hash_bits: int
    min_word_len: int
    max_number_len: int
    full_names: bool
    plain_numbers: bool
    lead_chars: int
    lead_extra: float
    embed_chars: int
    terms_chars: int


@dataclass(frozen=True)
class DedupeSettings:
    """Near-duplicate detection: MinHash LSH over word shingles."""

    num_perm: int
    shingle_words: int
    threshold: float
    lsh_threshold: float
    min_shingles: int
    window_days: int
    max_entries: int


@dataclass(frozen=True)
class StorySettings:
    """Incremental story assignment."""

    join_days: int
    max_idle_articles: int
    max_active: int
    candidates: int
    key_candidates: int
    max_postings: int
    profile_terms: int
    min_score: float
    w_words: float
    w_keys: float
    w_embed: float
    w_cover: float
    w_cover_back: float
    cover_keys: int
    member_terms: int
    split_every: int
    split_max: int
    split_min_part: int
    split_ratio: float
    refine_neighbours: int
    move_margin: float


@dataclass(frozen=True)
class StatementSettings:
    """Grouping quotes of one utterance."""

    window_days: int
    max_idle_articles: int
    max_active: int
    max_renderings: int
    min_fuzzy: float
    min_fuzzy_with_embed: float
    min_embed: float
    min_words_partial: int


@dataclass(frozen=True)
class LinkSettings:
    """Everything the linker decides with."""

    linker: LinkerSettings
    terms: TermSettings
    dedupe: DedupeSettings
    stories: StorySettings
    statements: StatementSettings

    def with_overrides(self, **sections: dict[str, Any]) -> LinkSettings:
        """A copy with some values replaced, e.g. ``with_overrides(stories={"min_score": 0.4})``."""
        return replace(self, **{name: replace(getattr(self, name), **vals) for name, vals in sections.items()})

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Plain nested dict (kept in the linker state so a resumed run decides the same way)."""
        return {f.name: {g.name: getattr(getattr(self, f.name), g.name) for g in fields(getattr(self, f.name))}
                for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, Any]]) -> LinkSettings:
        """Settings from ``to_dict`` output or a parsed TOML file."""
        try:
            return cls(linker=_section(LinkerSettings, data["linker"]), terms=_section(TermSettings, data["terms"]), dedupe=_section(DedupeSettings, data["dedupe"]),
                       stories=_section(StorySettings, data["stories"]),
                       statements=_section(StatementSettings, data["statements"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"link settings are incomplete or malformed ({exc}); compare with {HERE / 'settings.toml'}") from exc


def _section(kind: type[T], values: dict[str, Any]) -> T:
    """One typed section; every field must be present."""
    cast = {"float": float, "int": int, "bool": bool}
    kwargs = {f.name: cast[str(f.type)](values[f.name]) for f in fields(kind)}
    return kind(**kwargs)


@lru_cache(maxsize=1)
def default_settings() -> LinkSettings:
    """The settings in ``settings.toml`` next to this module."""
    path = HERE / "settings.toml"
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuntimeError(f"{path}: cannot read the link settings ({exc}); restore it from the repository") from exc
    return LinkSettings.from_dict(data)
