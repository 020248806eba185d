"""The cue and title lexicons (``cues.toml``, ``titles.toml``) loaded once into typed, read-only sets."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Cues:
    """Words that mark reported speech."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    need_complement: frozenset[str]
    direct_only: frozenset[str]  # attribute an adjacent quotation, never reported speech ("he continued")
    aspectual: frozenset[str]  # of those, verbs of going on: never for a quotation that is their complement
    direct_verbs: frozenset[str]  # every verb that may attribute an adjacent quotation
    particles: dict[str, frozenset[str]]
    speech_nouns: frozenset[str]
    cognition_verbs: frozenset[str]  # attribution with a clause: "knows that", "wonders whether"
    intent_verbs: frozenset[str]  # attribution with a to-infinitive: "wants to", "vowed to"
    directive_verbs: frozenset[str]  # object + to-infinitive: "urged Congress to"
    object_verbs: frozenset[str]  # the noun-phrase object is the content: "cited the report"
    question_verbs: frozenset[str]  # their if/whether clause is what was asked: "asked her if ..."
    as_object_verbs: frozenset[str]  # the object with its "as" phrase is the content: "sees the issue as a way to"
    prepositional: dict[str, frozenset[str]]  # verb -> prepositions whose object is the content: "called for"
    attitude_nouns: frozenset[str]  # "her plan to", "his belief that", "the call for"
    attribution_verbs: frozenset[str]  # the union of the five verb classes above
    adjectives: frozenset[str]  # after a copula, with a clause or a to-infinitive: "is convinced that"
    adjective_preps: dict[str, frozenset[str]]  # adjective -> prepositions whose object is the content: "worried about"
    adjective_light: dict[str, frozenset[str]]  # verb -> adjectives that make it a cue: "made clear that"
    naming_verbs: frozenset[str]  # the object is named by a quoted fragment: called him "a disgrace"
    object_that_verbs: frozenset[str]  # an indirect object before the clause: told reporters that ...
    passive_speech: frozenset[str]  # passives attributing to a by-agent: "was first reported by X"
    light_verbs: frozenset[str]  # make their object noun a cue: "made the claim that"
    noun_preps: dict[str, tuple[str, ...]]  # noun -> prepositions whose object is the content: "criticism of"
    source_before: tuple[str, ...]
    colon_not_speakers: frozenset[str]
    colon_source_leads: tuple[tuple[str, ...], ...]  # "More from the report: "..."": the words before the source
    min_unattributed_words: int
    keep_unattributed: bool
    min_attributed_words: int
    attribution_window: int
    lemma_fixes: dict[str, str]  # lower-case form -> lemma, where the model's lemmatizer gets it wrong
    unquotable_subjects: frozenset[str] = frozenset()  # reported speech of these is nobody's statement ("you")
    evidence_nouns: frozenset[str] = frozenset()  # "In a new poll, ...": a source introducing a finding
    aside_preps: frozenset[str] = frozenset()  # a phrase after an inserted cue saying when or where: "he said on Friday,"
    object_scene_preps: frozenset[str] = frozenset()  # a phrase after an object that is the act's scene, not its content
    scene_occasions: frozenset[str] = frozenset()  # "in an interview", "at a rally": where a quotation was said
    scene_times: frozenset[str] = frozenset()  # a phrase holding one of these is a time: the scene, not content

    def is_verb(self, lemma: str) -> bool:
        return lemma in self.speech_verbs or lemma in self.belief_verbs

    def reports(self, lemma: str) -> bool:
        """A verb of saying or of the broader attribution classes (citing, urging, intending, ...)."""
        return lemma in self.speech_verbs or lemma in self.attribution_verbs


@dataclass(frozen=True)
class Titles:
    """Words that make a phrase a person, a role, an organisation or an unnamed source."""

    honorifics: dict[str, str]  # word -> pronoun it takes ("he", "she", "")
    role_heads: frozenset[str]
    role_modifiers: frozenset[str]
    implies: dict[str, frozenset[str]]
    org_heads: frozenset[str]
    org_names: frozenset[str]
    generic_heads: frozenset[str]
    nationality: dict[str, str]  # any form ("russia's", "moscow") -> adjective ("russian")
    spelling: dict[str, str]
    people: dict[str, str]  # common noun for a person -> pronoun it takes ("" = either)
    hyphen_prefixes: frozenset[str] = frozenset()  # "anti" in "Anti-Trump": never the first part of a name
    group_nouns: frozenset[str] = frozenset()  # singular nouns for people together: "the team", "the couple"

    def is_title_word(self, lower: str) -> bool:
        return lower in self.honorifics or lower in self.role_heads or lower in self.role_modifiers

    def nation(self, lower: str) -> str | None:
        return self.nationality.get(lower)


def _load(name: str) -> dict:
    path = HERE / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuntimeError(f"{path}: cannot read the lexicon ({exc}); restore it from the repository") from exc


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lexicon from ``cues.toml``."""
    d = _load("cues.toml")
    v, q = d["verbs"], d["quotes"]
    return Cues(
        speech_verbs=frozenset(v["speech"]),
        belief_verbs=frozenset(v["belief"]),
        need_complement=frozenset(v["need_complement"]) | frozenset(v["belief"]),
        direct_only=frozenset(v["direct_only"]),
        aspectual=frozenset(v["aspectual"]),
        direct_verbs=(frozenset(v["speech"]) - frozenset(v["need_complement"])) | frozenset(v["direct_only"]) | frozenset(v["direct_too"]),
        particles={k: frozenset(x) for k, x in v.get("particles", {}).items()},
        speech_nouns=frozenset(d["nouns"]["speech"]),
        cognition_verbs=frozenset(v.get("cognition", ())),
        intent_verbs=frozenset(v.get("intent", ())),
        directive_verbs=frozenset(v.get("directive", ())),
        object_verbs=frozenset(v.get("object", ())),
        prepositional={k: frozenset(x) for k, x in v.get("prepositional", {}).items()},
        attitude_nouns=frozenset(d["nouns"].get("attitude", ())),
        attribution_verbs=frozenset().union(*(v.get(k, ()) for k in ("cognition", "intent", "directive", "object", "prepositional", "as_object"))),
        as_object_verbs=frozenset(v.get("as_object", ())),
        question_verbs=frozenset(v.get("question", ())),
        adjectives=frozenset(d.get("adjectives", {}).get("clause", ())),
        adjective_preps={k: frozenset(x) for k, x in d.get("adjectives", {}).get("prepositional", {}).items()},
        adjective_light={k: frozenset(x) for k, x in d.get("adjectives", {}).get("light", {}).items()},
        naming_verbs=frozenset(d["verb_roles"]["naming"]),
        object_that_verbs=frozenset(d["verb_roles"]["object_that"]),
        passive_speech=frozenset(d["verb_roles"]["passive_speech"]),
        light_verbs=frozenset(d["nouns"]["light_verbs"]),
        noun_preps={k: tuple(x) for k, x in d["nouns"].get("prepositional", {}).items()},
        source_before=tuple(d["phrases"]["source_before"]),
        colon_not_speakers=frozenset(d["colon"]["not_speakers"]),
        colon_source_leads=tuple(sorted((tuple(x.split()) for x in d["colon"]["source_leads"]), key=len, reverse=True)),
        min_unattributed_words=int(q["min_unattributed_words"]),
        keep_unattributed=bool(q.get("keep_unattributed", False)),
        min_attributed_words=int(q["min_attributed_words"]),
        attribution_window=int(q["attribution_window"]),
        lemma_fixes=dict(d.get("lemmas", {})),
        unquotable_subjects=frozenset(q.get("unquotable_subjects", [])),
        aside_preps=frozenset(v.get("aside_preps", ())),
        object_scene_preps=frozenset(v.get("object_scene_preps", ())),
        scene_occasions=frozenset(v.get("scene_occasions", ())),
        scene_times=frozenset(v.get("scene_times", ())),
        evidence_nouns=frozenset(d["nouns"].get("evidence", ())),
    )


@lru_cache(maxsize=1)
def titles() -> Titles:
    """The title, role and organisation lexicon from ``titles.toml``."""
    d = _load("titles.toml")
    roles = d["roles"]
    nationality: dict[str, str] = {}
    for adjective, forms in d["nationalities"].items():
        nationality[adjective] = adjective
        for form in forms:
            nationality.setdefault(form, adjective)
    return Titles(
        honorifics=dict(d["honorifics"]),
        role_heads=frozenset(roles["heads"]),
        role_modifiers=frozenset(roles["modifiers"]),
        implies={k: frozenset(x) for k, x in roles.get("implies", {}).items()},
        org_heads=frozenset(d["organisations"]["heads"]),
        org_names=frozenset(d["organisations"]["names"]),
        generic_heads=frozenset(d["generic"]["heads"]),
        nationality=nationality,
        spelling=dict(d.get("spelling", {})),
        people=dict(d.get("people", {})),
        hyphen_prefixes=frozenset(d.get("names", {}).get("hyphen_prefixes", [])),
        group_nouns=frozenset(d.get("groups", {}).get("nouns", [])),
    )
