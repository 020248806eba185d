"""Canonical speakers across the corpus: one person however transliterated, with the roles seen.

"Sergey Lavrov" and "Sergei Lavrov" are one person (names fold: see ``names.fold``); a bare surname goes to
the one known person of that surname; the first full name seen stays the canonical name (so stored quotes
keep theirs) unless a user alias file says otherwise. The alias file (TOML or YAML) can merge names that
folding cannot relate ("Vladimir Zelensky" = "Volodymyr Zelensky") and split names folding would merge:

    # speakers.toml
    [[merge]]
    name = "Volodymyr Zelensky"            # the canonical name
    aliases = ["Vladimir Zelensky", "Zelenskiy"]

    [[split]]
    names = ["Hillary Clinton", "Bill Clinton"]   # never one person; a bare "Clinton" stays unresolved

State is JSON-serialisable (``to_state`` / ``from_state``) so the pipeline can keep it across batches.
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Entity, short_id
from .names import fold, surface_key

STATE_VERSION = 1


class AliasFileError(ValueError):
    """An alias file that cannot be used; the message names the file and the fix."""


@dataclass
class Speaker:
    """One canonical speaker of the corpus."""

    entity_id: str
    name: str
    kind: str  # "person", "org" or "unknown"
    keys: set[str] = field(default_factory=set)  # folded names
    aliases: set[str] = field(default_factory=set)  # names as written
    titles: Counter = field(default_factory=Counter)  # role phrases as written, with counts
    role_words: set[str] = field(default_factory=set)
    count: int = 0
    pinned: bool = False  # named by the alias file: the name never changes

    def to_state(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id, "name": self.name, "kind": self.kind, "keys": sorted(self.keys),
            "aliases": sorted(self.aliases), "titles": dict(self.titles), "role_words": sorted(self.role_words),
            "count": self.count, "pinned": self.pinned,
        }

    @classmethod
    def from_state(cls, d: dict[str, Any]) -> Speaker:
        return cls(d["entity_id"], d["name"], d.get("kind", "unknown"), set(d.get("keys", [])), set(d.get("aliases", [])),
                   Counter(d.get("titles", {})), set(d.get("role_words", [])), int(d.get("count", 0)), bool(d.get("pinned", False)))

    def to_entity(self) -> Entity:
        kind = self.kind if self.kind in ("person", "org") else "person"
        roles: list[str] = []
        seen: set[str] = set()
        for t, _ in self.titles.most_common():  # "President" and "president" are one role, written the commonest way
            if t.lower() not in seen:
                seen.add(t.lower())
                roles.append(t)
        return Entity(self.entity_id, self.name, kind, sorted(self.aliases - {self.name}), roles, {}, self.count)


def load_aliases(path: str | Path) -> dict[str, Any]:
    """Read an alias file (``.toml``, ``.yaml`` or ``.yml``) into {"merge": [...], "split": [...]}."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise AliasFileError(f"{p}: cannot read the speaker alias file ({exc.strerror}); check the path") from exc
    try:
        if p.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(raw.decode("utf-8")) or {}
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except Exception as exc:  # tomllib and yaml raise their own error types
        raise AliasFileError(f"{p}: not valid {'YAML' if p.suffix.lower() in ('.yaml', '.yml') else 'TOML'} ({exc}); fix the syntax") from exc
    if not isinstance(data, dict):
        raise AliasFileError(f"{p}: expected tables 'merge' and/or 'split' at the top level")
    merges, splits = data.get("merge", []), data.get("split", [])
    for n, m in enumerate(merges):
        if not isinstance(m, dict) or not isinstance(m.get("name"), str):
            raise AliasFileError(f"{p}: merge entry {n + 1} needs a 'name' (the canonical name) and a list 'aliases'")
    out_splits = []
    for n, s in enumerate(splits):
        names = s.get("names") if isinstance(s, dict) else s
        if not isinstance(names, list) or len(names) < 2:
            raise AliasFileError(f"{p}: split entry {n + 1} needs 'names', a list of at least two names")
        out_splits.append([str(x) for x in names])
    return {"merge": merges, "split": out_splits}


class SpeakerRegistry:
    """Canonical speakers across articles: resolve, learn, persist."""

    def __init__(self, aliases: dict[str, Any] | str | Path | None = None):
        self.speakers: dict[str, Speaker] = {}  # entity_id -> speaker
        self._by_key: dict[str, str] = {}  # folded name -> entity_id
        self._by_surface: dict[str, str] = {}  # exact (split) names -> entity_id
        self._split_keys: set[str] = set()  # folded names under a split rule
        self._split_surnames: set[str] = set()
        if isinstance(aliases, (str, Path)):
            aliases = load_aliases(aliases)
        self.aliases = aliases or {"merge": [], "split": []}
        self._apply_aliases()

    # -- alias file ----------------------------------------------------------------------------------
    def _apply_aliases(self) -> None:
        for names in self.aliases.get("split", []):
            for name in names:
                key = fold(name)
                self._split_keys.add(key)
                self._split_surnames.add(key.split()[-1])
        for sp in list(self.speakers.values()):  # state learnt before the split rule: match those names exactly
            for alias in sp.aliases:
                if fold(alias) in self._split_keys:
                    self._by_surface[surface_key(alias)] = sp.entity_id
            for key in sp.keys & self._split_keys:
                sp.keys.discard(key)
                self._by_key.pop(key, None)
        for names in self.aliases.get("split", []):
            owners: set[str] = set()
            for name in names:
                sp = self._speaker_for_surface(name)
                if sp is not None and sp.entity_id in owners:  # learnt as one person: give this name its own
                    sp.aliases.discard(name)
                    self._by_surface.pop(surface_key(name), None)
                    sp = None
                if sp is None:
                    sp = self._new(name, "person", pinned=True)
                owners.add(sp.entity_id)
        for m in self.aliases.get("merge", []):
            name = m["name"]
            kind = m.get("kind", "person")
            target = self._find_key(fold(name))
            if target is None:
                target = self._new(name, kind, pinned=True)
            target.name, target.pinned = name, True
            self._index(target, name)
            for alias in m.get("aliases", []):
                other = self._find_key(fold(alias))
                if other is not None and other.entity_id != target.entity_id:
                    self._absorb(target, other)
                self._index(target, alias)

    def _speaker_for_surface(self, name: str) -> Speaker | None:
        eid = self._by_surface.get(surface_key(name))
        return self.speakers.get(eid) if eid else None

    def _absorb(self, target: Speaker, other: Speaker) -> None:
        target.keys |= other.keys
        target.aliases |= other.aliases
        target.titles.update(other.titles)
        target.role_words |= other.role_words
        target.count += other.count
        for k in other.keys:
            self._by_key[k] = target.entity_id
        del self.speakers[other.entity_id]

    def _index(self, sp: Speaker, name: str) -> None:
        key = fold(name)
        sp.aliases.add(name)
        if key in self._split_keys:  # names under a split rule are matched exactly, never by folding
            self._by_surface[surface_key(name)] = sp.entity_id
            return
        sp.keys.add(key)
        self._by_key[key] = sp.entity_id

    def _new(self, name: str, kind: str, pinned: bool = False) -> Speaker:
        key = fold(name)
        eid = short_id("speaker", kind if kind == "org" else "person", key)
        while eid in self.speakers:
            eid = short_id("speaker", eid)
        sp = Speaker(eid, name, kind, pinned=pinned)
        self.speakers[eid] = sp
        self._index(sp, name)
        return sp

    # -- lookups -------------------------------------------------------------------------------------
    def _find_key(self, key: str) -> Speaker | None:
        eid = self._by_key.get(key)
        return self.speakers.get(eid) if eid else None

    def _by_surname(self, surname: str) -> list[Speaker]:
        return [sp for sp in self.speakers.values() if sp.kind != "org" and any(k.split()[-1] == surname and len(k.split()) > 1 for k in sp.keys)]

    def lookup(self, name: str) -> Speaker | None:
        """The known speaker a name refers to, if any (no learning)."""
        sp = self._speaker_for_surface(name)
        if sp is not None:
            return sp
        key = fold(name)
        if not key:
            return None
        if key in self._split_keys:
            return None
        sp = self._find_key(key)
        if sp is not None:
            return sp
        words = key.split()
        if len(words) == 1 and words[0] not in self._split_surnames:
            same = self._by_surname(words[0])
            if len(same) == 1:
                return same[0]
        return None

    def is_person(self, name: str) -> bool:
        sp = self.lookup(name)
        return sp is not None and sp.kind == "person"

    def roles_of(self, name: str) -> set[str]:
        sp = self.lookup(name)
        return set(sp.role_words) if sp is not None else set()

    # -- learning ------------------------------------------------------------------------------------
    def observe(self, name: str, kind: str = "person", forms: set[str] | None = None, titles: list[str] | None = None,
                role_words: set[str] | None = None, count: int = 1) -> Speaker:
        """The canonical speaker for a name seen in a document (made if new), updated with what was seen."""
        kind = "person" if kind == "unknown" else kind
        sp = self.lookup(name)
        words = fold(name).split()
        if sp is None and kind != "org" and len(words) > 1 and words[-1] not in self._split_surnames:
            # a full name for someone known so far by surname only ("Lavrov" in a headline)
            bare = self._find_key(words[-1])
            if bare is not None and len(bare.keys) == 1 and bare.kind != "org":
                sp = bare
                if not sp.pinned:
                    sp.name = name
        if sp is None:
            sp = self._new(name, kind)
        for form in (forms or set()) | {name}:
            if fold(form).split()[-1:] == words[-1:] or kind == "org":
                self._index(sp, form)
        if kind == "person" and sp.kind != "person" and sp.kind != "org":
            sp.kind = "person"
        for t in titles or []:
            sp.titles[t] += 1
        sp.role_words |= role_words or set()
        sp.count += count
        return sp

    # -- export and state ----------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        """Every canonical speaker as a `records.Entity`, most quoted first."""
        return [sp.to_entity() for sp in sorted(self.speakers.values(), key=lambda s: (-s.count, s.name))]

    def to_state(self) -> dict[str, Any]:
        """JSON-serialisable state: the pipeline stores it between batches."""
        return {"version": STATE_VERSION, "speakers": [sp.to_state() for sp in self.speakers.values()]}

    @classmethod
    def from_state(cls, state: dict[str, Any] | str | None, aliases: dict[str, Any] | str | Path | None = None) -> SpeakerRegistry:
        """A registry from saved state (a dict or its JSON text), with the alias file applied on top."""
        reg = cls(aliases=None)
        if isinstance(state, str):
            state = json.loads(state)
        if state:
            if state.get("version") != STATE_VERSION:
                raise ValueError(f"speaker registry state version {state.get('version')!r} is not {STATE_VERSION}; rebuild it by re-analyzing")
            for d in state.get("speakers", []):
                sp = Speaker.from_state(d)
                reg.speakers[sp.entity_id] = sp
                for k in sp.keys:
                    reg._by_key[k] = sp.entity_id
        if isinstance(aliases, (str, Path)):
            aliases = load_aliases(aliases)
        reg.aliases = aliases or {"merge": [], "split": []}
        reg._apply_aliases()
        return reg
