"""Entity mentions and one canonical entity per real thing, however it is spelled, across the corpus.

Mentions come from two places: a gazetteer of spelling variants (``places.toml``: Kiev/Kyiv/Kyev, Turkey/Turkiye,
Donbass/Donbas, plus a user alias file) and runs of proper nouns in the parse the quote stage already made (no
extra model pass; the small model's NER labels are not trusted alone). Names fold transliterations the way the
speaker registry does ("Sergei"/"Sergey", "Zelenskyy"/"Zelensky"); a bare surname goes to the full name seen in
the same article, else to the one known entity with that surname. People who speak share the speaker
registry's entity ids, so a speaker and a mentioned person are one entity. No network lookups.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..records import Entity, Mention, short_id
from .names import fold
from .registry import SpeakerRegistry

STATE_VERSION = 1
ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{1,9}$")


class EntityFileError(ValueError):
    """An entity alias file that cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class Settings:
    """Word lists for mention detection, from ``entities.toml``."""

    particles: frozenset[str]
    org_words: frozenset[str]
    titles: frozenset[str]
    stop: frozenset[str]


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The packaged mention-detection settings."""
    data = tomllib.loads(resources.files(__package__).joinpath("entities.toml").read_text(encoding="utf-8"))
    return Settings(*(frozenset(w.lower() for w in data[k]) for k in ("particles", "org_words", "titles", "stop")))


def load_entity_file(path: str | Path) -> list[dict[str, Any]]:
    """Entities from a user alias file (TOML or YAML): ``[[entity]] name, type, aliases, external_ids``."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
        if p.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(raw) or {}
        else:
            data = tomllib.loads(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise EntityFileError(f"{p}: cannot read entity aliases ({exc}); fix the file or leave it out") from exc
    items = data.get("entity", []) if isinstance(data, dict) else []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise EntityFileError(f"{p}: entity #{i} has no 'name'; every [[entity]] needs name = \"...\"")
    return items


def _packaged_gazetteer() -> list[dict[str, Any]]:
    return tomllib.loads(resources.files(__package__).joinpath("places.toml").read_text(encoding="utf-8"))["entity"]


@dataclass
class Known:
    """One canonical entity as the index holds it."""

    entity_id: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    external_ids: dict[str, str] = field(default_factory=dict)
    count: int = 0
    pinned: bool = False  # from the gazetteer or a user file: its name and type never change

    def to_state(self) -> dict[str, Any]:
        return {"id": self.entity_id, "name": self.name, "type": self.type, "aliases": sorted(self.aliases),
                "ext": self.external_ids, "count": self.count, "pinned": self.pinned}


class EntityIndex:
    """Canonical entities across articles: the gazetteer, learnt names, and their mention counts."""

    def __init__(self, extra: list[dict[str, Any]] | None = None) -> None:
        self.known: dict[str, Known] = {}
        self._by_key: dict[str, str] = {}
        self._gazetteer: list[tuple[str, str]] = []  # (alias as written, entity id)
        for item in _packaged_gazetteer() + list(extra or []):
            self._pin(item)
        self._pattern = self._compile()

    def _pin(self, item: dict[str, Any]) -> None:
        """Add (or extend) a gazetteer entity from packaged data or a user file."""
        key = fold(item["name"])
        eid = self._by_key.get(key) or short_id("entity", key)
        ent = self.known.setdefault(eid, Known(eid, item["name"], item.get("type", "OTHER"), pinned=True))
        ent.name, ent.type = item["name"], item.get("type", ent.type)
        ent.external_ids.update({str(k): str(v) for k, v in (item.get("external_ids") or {}).items()})
        for alias in [item["name"], *item.get("aliases", [])]:
            self._by_key.setdefault(fold(alias), eid)
            self._gazetteer.append((alias, eid))

    def _compile(self) -> re.Pattern[str]:
        """One alternation over every gazetteer alias, longest first; short acronyms match exactly."""
        parts = []
        for alias, _ in sorted(self._gazetteer, key=lambda x: -len(x[0])):
            body = re.escape(alias)
            parts.append(body if ACRONYM.match(alias) else f"(?i:{body})")
        return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w]|\.\w)")

    def gazetteer_id(self, surface: str) -> str | None:
        """The gazetteer entity a surface form names, if any."""
        for alias, eid in self._gazetteer:
            if alias == surface or (not ACRONYM.match(alias) and alias.lower() == surface.lower()):
                return eid
        return None

    def find_gazetteer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every gazetteer alias in the text."""
        out = []
        for m in self._pattern.finditer(text):
            eid = self.gazetteer_id(m.group(0))
            if eid:
                out.append((m.start(), m.end(), eid))
        return out

    def resolve(self, name: str, type_: str, local: dict[str, str]) -> Known:
        """The canonical entity for a learnt name (made if new); ``local`` maps this article's surnames to ids."""
        key = fold(name)
        words = key.split()
        eid = self._by_key.get(key)
        if eid is None and len(words) == 1:
            eid = local.get(words[0]) or self._unique_surname(words[0])
        if eid is None and len(words) > 1:  # a full name for someone known so far by surname only
            bare = self._by_key.get(words[-1])
            if bare and not self.known[bare].pinned and len(fold(self.known[bare].name).split()) == 1:
                eid = bare
                self.known[eid].name = name
        if eid is None:
            eid = short_id("entity", key)
            self.known[eid] = Known(eid, name, type_)
        ent = self.known[eid]
        self._by_key.setdefault(key, eid)
        ent.aliases.add(name)
        if ent.type in ("OTHER", "NAME") and type_ not in ("OTHER", "NAME") and not ent.pinned:
            ent.type = type_
        return ent

    def _unique_surname(self, word: str) -> str | None:
        hits = {eid for k, eid in self._by_key.items() if len(k.split()) > 1 and k.split()[-1] == word
                and not self.known[eid].pinned}
        return hits.pop() if len(hits) == 1 else None

    def adopt(self, eid: str, name: str, type_: str) -> Known:
        """Make a speaker-registry entity known here under its own id, so speaker and mention are one entity."""
        ent = self.known.get(eid)
        if ent is None:
            ent = self.known[eid] = Known(eid, name, type_)
        ent.name = name
        ent.aliases.add(name)
        self._by_key.setdefault(fold(name), eid)
        return ent

    def entities(self, registry: SpeakerRegistry | None = None) -> list[Entity]:
        """Every mentioned entity as a record; speaker-registry entries merged in by id (roles, aliases)."""
        speakers = {e.entity_id: e for e in (registry.entities() if registry else [])}
        out = []
        for ent in self.known.values():
            if ent.count == 0 and ent.entity_id not in speakers:
                continue
            sp = speakers.pop(ent.entity_id, None)
            aliases = set(ent.aliases) | (set(sp.aliases) if sp else set())
            if (sp is not None and sp.type.lower() == "person") or (sp is None and ent.type == "PERSON"):
                aliases |= {a.split()[-1] for a in aliases | {sp.name if sp else ent.name} if len(a.split()) > 1}
            out.append(Entity(ent.entity_id, sp.name if sp else ent.name, ent.type if not sp else sp.type.upper(),
                              sorted(aliases - {sp.name if sp else ent.name}), list(sp.roles) if sp else [],
                              dict(ent.external_ids), ent.count + (sp.mention_count if sp else 0)))
        out.extend(speakers.values())
        return sorted(out, key=lambda e: (-e.mention_count, e.name))

    def to_state(self) -> dict[str, Any]:
        """Learnt entities as plain data (the gazetteer is rebuilt from its files)."""
        return {"version": STATE_VERSION, "known": [k.to_state() for k in self.known.values() if k.count or not k.pinned]}

    @classmethod
    def from_state(cls, state: dict[str, Any] | None, extra: list[dict[str, Any]] | None = None) -> EntityIndex:
        """An index from saved state, with the gazetteer (and a user file's entities) applied."""
        idx = cls(extra)
        if state:
            if state.get("version") != STATE_VERSION:
                raise ValueError(f"entity index state version {state.get('version')!r} is not {STATE_VERSION}")
            for d in state.get("known", []):
                ent = idx.known.get(d["id"])
                if ent is None:
                    ent = idx.known[d["id"]] = Known(d["id"], d["name"], d["type"], pinned=d.get("pinned", False))
                ent.aliases |= set(d["aliases"])
                ent.count = d["count"]
                ent.external_ids.update(d.get("ext") or {})
                for alias in ent.aliases | {ent.name}:
                    idx._by_key.setdefault(fold(alias), ent.entity_id)
        return idx


def _name_runs(doc: Any, st: Settings) -> list[tuple[int, int, bool]]:
    """(start char, end char, follows a title) of proper-noun runs, titles stripped from their front."""
    runs: list[tuple[int, int, bool]] = []
    toks = list(doc)
    i = 0
    while i < len(toks):
        if toks[i].pos_ != "PROPN":
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and (toks[j + 1].pos_ == "PROPN" or (
                toks[j + 1].lower_ in st.particles and j + 2 < len(toks) and toks[j + 2].pos_ == "PROPN"
                and toks[j + 1].lower_ not in ("and", "for", "the", "of"))) and "\n" not in toks[j].whitespace_:
            j += 1
        k = i
        while k < j and toks[k].lower_.rstrip(".") in st.titles | {t.rstrip(".") for t in st.titles}:
            k += 1
        titled = k > i or (i > 0 and toks[i - 1].lower_ in st.titles)
        start, end = toks[k].idx, toks[j].idx + len(toks[j].text)
        runs.append((start, end, titled))
        i = j + 1
    return runs


def _type_of(name: str, titled: bool, st: Settings) -> str:
    """A modest type guess: ORG by its words or an acronym, PERSON after a title, else NAME."""
    words = name.lower().replace("'s", "").split()
    if any(w in st.org_words for w in words) or ACRONYM.match(name):
        return "ORG"
    if titled and 1 < len(words) <= 4:
        return "PERSON"
    return "NAME"


def find_mentions(article_id: str, text: str, doc: Any | None, index: EntityIndex,
                  registry: SpeakerRegistry | None = None) -> list[Mention]:
    """Every entity mention in an article, resolved to canonical entities (the index learns as it goes)."""
    st = settings()
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for start, end, eid in index.find_gazetteer(text):
        ent = index.known[eid]
        ent.count += 1
        ent.aliases.add(text[start:end])
        mentions.append(Mention(article_id, text[start:end], (start, end), ent.type, eid))
        taken.append((start, end))
    if doc is not None:
        runs = [r for r in _name_runs(doc, st) if not any(s < r[1] and r[0] < e for s, e in taken)]
        local: dict[str, str] = {}
        for start, end, titled in sorted(runs, key=lambda r: -(r[1] - r[0])):  # full names first, then surnames
            name = text[start:end].strip(" .,'’")
            if not name or name.lower() in st.stop or len(name) < 2 or not name[0].isupper():
                continue
            end = start + len(text[start:end].rstrip(" .,'’"))
            sp = registry.lookup(name) if registry else None
            if sp is not None:
                ent = index.adopt(sp.entity_id, sp.name, "ORG" if sp.kind == "org" else "PERSON")
                ent.aliases.add(name)
            else:
                ent = index.resolve(name, _type_of(name, titled, st), local)
            words = fold(name).split()
            if len(words) > 1:
                local.setdefault(words[-1], ent.entity_id)
            ent.count += 1
            mentions.append(Mention(article_id, text[start:end], (start, end), ent.type, ent.entity_id))
    return sorted(mentions, key=lambda m: m.span)
