"""Every pattern and lexicon of the plain-text cleaner, loaded once from chrome.toml, dates.toml and outlets.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def load_toml(name: str) -> dict[str, Any]:
    """One of the clean stage's data files, parsed."""
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def compile_all(patterns: list[str]) -> list[re.Pattern[str]]:
    """Case-insensitive compiled regexes, in order."""
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def any_match(patterns: list[re.Pattern[str]], text: str) -> bool:
    """True when one of the patterns is found in the text."""
    return any(p.search(text) for p in patterns)


@dataclass(frozen=True)
class Union:
    """Several regexes as two: those anchored at the line start (tried once, at position 0) and the rest."""

    anchored: re.Pattern[str] | None
    floating: re.Pattern[str] | None

    def search(self, text: str) -> bool:
        """True when one of the patterns is found in the text."""
        return bool((self.anchored and self.anchored.match(text)) or (self.floating and self.floating.search(text)))


def union(patterns: list[str]) -> Union:
    """One fast test for a list of case-insensitive regexes (named groups made plain)."""
    plain = [re.sub(r"\(\?P<\w+>", "(?:", p) for p in patterns]
    anchored = [p[1:] for p in plain if p.startswith("^")]
    floating = [p for p in plain if not p.startswith("^")]
    join = lambda ps: re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE) if ps else None  # noqa: E731
    return Union(join(anchored), join(floating))


@dataclass(frozen=True)
class ChromeRules:
    """chrome.toml compiled: limits, navigation lexicon, and one list of regexes per kind of chrome."""

    limits: dict[str, float]
    navigation: frozenset[str]
    glued: list[re.Pattern[str]]
    kinds: dict[str, list[re.Pattern[str]]]
    any_of: dict[str, Union]  # one fast test per kind
    not_a_name: frozenset[str]
    name_particles: frozenset[str]
    shapes: dict[str, re.Pattern[str]]
    sentence_end: re.Pattern[str]

    def limit(self, key: str) -> float:
        """A numeric limit from chrome.toml's [limits]."""
        return self.limits[key]

    def shape(self, name: str) -> re.Pattern[str]:
        """A compiled regex from chrome.toml's [shapes]."""
        return self.shapes[name]


@cache
def chrome_rules() -> ChromeRules:
    """The compiled chrome rules (loaded on first use)."""
    data = load_toml("chrome.toml")
    return ChromeRules(
        limits=dict(data["limits"]),
        navigation=frozenset(data["navigation"]["exact"]),
        glued=compile_all(data["navigation"]["glued"]),
        kinds={kind: compile_all(pats) for kind, pats in data["patterns"].items()},
        any_of={kind: union(pats) for kind, pats in data["patterns"].items()},
        not_a_name=frozenset(data["names"]["not_a_name"]),
        name_particles=frozenset(data["names"]["particles"]),
        shapes={name: re.compile(p) for name, p in data["shapes"].items()},
        sentence_end=re.compile(data["sentence"]["end"]),
    )


@dataclass(frozen=True)
class DateForms:
    """dates.toml: month and weekday names, zone abbreviations and date labels."""

    months: dict[str, int]
    weekdays: tuple[str, ...]
    zones: dict[str, str]
    published_labels: tuple[str, ...]
    updated_labels: tuple[str, ...]
    leading_label: re.Pattern[str]  # a date label at the start of a line, in group "label"
    slash_day_first: bool
    min_year: int
    max_year: int


@cache
def date_forms() -> DateForms:
    """The date vocabulary (loaded on first use)."""
    data = load_toml("dates.toml")
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731 - longest label first
    labels = by_length(data["labels"]["published"] + data["labels"]["updated"])
    leading = re.compile(r"^(?P<label>" + "|".join(map(re.escape, labels)) + r")\b\s*[:.-]?\s*", re.IGNORECASE)
    return DateForms(
        months=dict(data["months"]),
        weekdays=tuple(data["weekdays"]["names"]),
        zones=dict(data["zones"]),
        published_labels=by_length(data["labels"]["published"]),
        updated_labels=by_length(data["labels"]["updated"]),
        leading_label=leading,
        slash_day_first=bool(data["slash_day_first"]),
        min_year=int(data["min_year"]),
        max_year=int(data["max_year"]),
    )


@dataclass(frozen=True)
class Outlet:
    """One outlet of outlets.toml with its compiled signatures."""

    name: str
    domains: tuple[str, ...]
    signatures: tuple[re.Pattern[str], ...]


@cache
def any_signature() -> Union:
    """One regex matching wherever some outlet's signature does (a fast test before naming the outlet)."""
    return union([p.pattern for outlet in outlet_table() for p in outlet.signatures])


@cache
def outlet_table() -> tuple[Outlet, ...]:
    """Every outlet of outlets.toml, its generic signatures (name line, caption trailer) added."""
    outlets = []
    for entry in load_toml("outlets.toml")["outlet"]:
        name = re.escape(entry["name"])
        generic = [
            rf"^[-–—]?\s*{name}(?:,\s*\d{{3,4}})?(?:,\s*(?P<date>\d{{2}}\.\d{{2}}\.\d{{4}}))?\s*$",
            rf"\s[-–—|]\s+{name}(?:,\s*\d{{3,4}})?(?:,\s*(?P<date>\d{{2}}\.\d{{2}}\.\d{{4}}))?\s*$",
        ]
        patterns = compile_all(list(entry.get("signatures", [])) + generic)
        outlets.append(Outlet(entry["name"], tuple(d.lower() for d in entry.get("domains", [])), tuple(patterns)))
    return tuple(outlets)
