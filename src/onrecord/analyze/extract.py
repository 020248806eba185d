"""Quote extraction for one parsed article: direct and reported speech merged, speakers resolved and made canonical."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .candidates import QuoteCandidate
from .learned_cues import active_model, learned_candidates
from .lexicon import cues
from .marks import MarkSpan, find_marks
from .nlp import lemma
from .quotes_direct import SENTENCE_BREAK, DirectFinder, _np_tokens
from .quotes_indirect import IndirectFinder
from .quotes_transcript import find_turns
from .registry import SpeakerRegistry
from .speakers import FIRST_PERSON, DocEntity, DocumentSpeakers
from .syntax import TokenIndex, cue_text, doc_text, is_attribution_verb

WORD = re.compile(r"\w+")


def extract_candidates(doc: Doc, registry: SpeakerRegistry | None = None, *, learned: bool = True) -> list[QuoteCandidate]:
    """Every quote of a parsed article, with canonical speakers (learnt into ``registry`` when given). With
    ``learned`` (the default) the attribution model ONRECORD_CUE_MODEL names, if any, adds to the rules."""
    text = doc_text(doc)
    index = TokenIndex(doc)
    marks = [m for m in find_marks(text)]
    finder = DirectFinder(doc, index)
    direct = finder.find(marks)
    indirect = IndirectFinder(doc, index, finder.used_cues).find()
    outer_marks = [m for m in marks if m.depth == 0]
    # speaker turns of a transcript come first (they win over a colon line of the same span) and stay outside
    # the quotation-mark logic
    turns = find_turns(doc, index)
    quotes = turns + nest_in_turns(turns, merge(text, outer_marks, direct, indirect, index))
    model = active_model() if learned else None
    if model is not None:  # the trained model's attributions for cues the rules have no entry for
        quotes += learned_candidates(doc, quotes, [(m.start, m.end) for m in outer_marks], model)
    resolve_speakers(doc, outer_marks, quotes, registry if registry is not None else SpeakerRegistry())
    best: dict[tuple[int, int], QuoteCandidate] = {}
    nobody = cues().unquotable_subjects
    for q in quotes:  # one quote per span (ids are per span): the one with a speaker, else the first found
        if q.kind == "indirect" and q.mention is not None and q.mention.lower() in nobody:
            continue  # "Do you think that ...?": the reader's or the interviewee's view, asked for, not stated
        kept = best.get((q.start, q.end))
        if kept is None or (kept.speaker is None and q.speaker is not None):
            best[(q.start, q.end)] = q
    return sorted(best.values(), key=lambda q: (q.start, q.end))


def nest_in_turns(turns: list[QuoteCandidate], merged: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """The merged quotes to follow the speaker turns in one list: a colon line that is a turn is that turn (dropped),
    speech reported within a turn nests in it, and nesting indices are renumbered for the list turns + kept."""
    def turn_of(q: QuoteCandidate) -> int | None:
        return next((n for n, t in enumerate(turns) if t.start <= q.start and q.end <= t.end), None)

    kept: list[QuoteCandidate] = []
    position: dict[int, int] = {}  # index in merged -> index in turns + kept
    for n, q in enumerate(merged):
        turn = turn_of(q) if q.how.startswith("colon") else None
        if turn is not None:
            position[n] = turn  # what nests in the dropped line nests in its turn
            continue
        position[n] = len(turns) + len(kept)
        kept.append(q)
    for q in kept:
        q.outer = position[q.outer] if q.outer is not None else turn_of(q)
    return kept


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _is_title_like(text: str) -> bool:
    """A name of a thing ("Bridges to the East") rather than speech: short, title case, no final stop."""
    words = re.findall(r"[A-Za-z][\w'’\-]*", text)
    long = [w for w in words if len(w) > 3]
    return bool(long) and len(words) <= 10 and sum(w[0].isupper() for w in long) == len(long) and not text.rstrip().endswith((".", "?", "!"))


# the direct finder's sentence break, but not after an initial or a title ("Lindsey O. Graham", "Mr. Trump")
RUNS_PAST_SENTENCE = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
                                + SENTENCE_BREAK.pattern)


def merge(text: str, marks: list[MarkSpan], direct: list[QuoteCandidate], indirect: list[QuoteCandidate],
          index: TokenIndex | None = None) -> list[QuoteCandidate]:
    """Direct and reported speech as one list: fragments folded into mixed quotes, duplicates dropped."""
    absorbed: set[int] = set()
    kept: list[QuoteCandidate] = []
    seen_spans: set[tuple[int, int]] = set()
    for cand in indirect:
        _open_quotation(cand, marks)
        _close_quotation(text, cand, marks)
        inside = next((n for n, m in enumerate(marks) if m.open <= cand.start and cand.end <= m.outer_span[1]
                       and not (m.open == cand.start and cand.end == m.outer_span[1])), None)
        if inside is not None and WORD.search(text[marks[inside].start : cand.start] + text[cand.end : marks[inside].end]):
            cand.outer = inside  # reported speech within a quotation: resolved (and maybe dropped) later
            kept.append(cand)
            continue
        if cand.cue_span is not None and any(m.start <= cand.cue_span[0] < m.end and not (m.open <= cand.start and cand.end <= m.outer_span[1])
                                             and m.open < cand.end and cand.start < m.outer_span[1] for m in marks):
            continue  # a cue inside a quotation reports nothing beyond it: "that's opining," Shah told ... "
        holds = [n for n, m in enumerate(marks) if cand.start <= m.open and m.outer_span[1] <= cand.end + 1]
        whole = next((n for n in holds if _covers_all(text, cand, marks[n])), inside)  # inside: all the quotation's words
        if whole is not None:
            d = direct[whole]
            if d.how == "none" or d.how == "fragment" and whole != inside:
                d.cue, d.cue_span, d.mention_tokens, d.how = cand.cue, cand.cue_span, cand.mention_tokens, cand.how
            continue
        if holds:
            cand.kind = "mixed"
            _drop_tail(text, cand, marks[holds[-1]])
            for n in holds:
                if direct[n].how in ("none", "fragment") or direct[n].cue_span == cand.cue_span \
                        and not RUNS_PAST_SENTENCE.search(text, marks[n].outer_span[1], cand.end):
                    absorbed.add(n)  # the fragment (or the quotation its own cue also reports with more words) is part
                    # of this reported speech; not when that clause runs on past a sentence's end (a parse gone astray)
        if (cand.start, cand.end) in seen_spans:
            continue
        seen_spans.add((cand.start, cand.end))
        kept.append(cand)
    limits = cues()
    mixed = [(o.start, o.end) for o in direct if o.kind == "mixed" and o.marks is None]
    for n, d in enumerate(direct):
        if n not in absorbed and d.how in ("fragment", "none") and d.marks is not None \
                and any(s <= d.marks[0] and d.marks[1] <= e for s, e in mixed):
            absorbed.add(n)  # a quotation inside a mixed quote made of an earlier one: pledged "A" ... and a "B" between ...
    for n, d in enumerate(direct):
        if n not in absorbed and d.how in ("fragment", "none") and _extend_to_fragment(text, d, kept):
            absorbed.add(n)
    for n, d in enumerate(direct):
        if n in absorbed:
            continue
        quoted = text[d.start : d.end]
        if d.how == "none" and _words(quoted) >= 4 and not _is_title_like(quoted):
            _attach_to_sentence(text, d, kept, marks, index)
        if d.how == "none":
            if not limits.keep_unattributed or _words(quoted) < limits.min_unattributed_words or _is_title_like(quoted):
                continue  # a scare quote, the name of a thing, or a quotation nobody is said to have said
        elif _words(quoted) < limits.min_attributed_words:
            continue
        if (d.start, d.end) in seen_spans:
            continue
        if d.how == "fragment":
            d.kind = "mixed"
        seen_spans.add((d.start, d.end))
        kept.append(d)
    for c in kept:  # a no-break space the parser kept on the first token ("that\u00a0"...""): not content
        while c.start < c.end and text[c.start].isspace():
            c.start += 1
        while c.end > c.start and text[c.end - 1].isspace():
            c.end -= 1
    # drop what sits inside a quotation that is not kept, then renumber nesting to point into what is
    held = {d.marks for d in kept if d.marks is not None}
    kept = [c for c in kept if c.outer is None or marks[c.outer].outer_span in held]
    by_marks = {d.marks: k for k, d in enumerate(kept) if d.marks is not None}
    for c in kept:
        if c.outer is not None:
            c.outer = by_marks[marks[c.outer].outer_span]
    return kept


TAIL = re.compile(r",?\s+(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
                  r"|yesterday|today|tonight|during|—|--|–)\b|,\s+(?!including)\w+ing\b")


PARTICIPLE = re.compile(r",\s+(?:\w+ly\s+)?(?!including\b|according\b)[a-z]+ing\b")


def _drop_tail(text: str, cand: QuoteCandidate, last: MarkSpan) -> None:
    """A mixed quote ends with its last quotation when what follows is a time or an aside: called Clinton "a
    disgrace" Wednesday on ..., "..." during a stop in Flint, "..." — a metaphor for ..., "...", adding ..."""
    end = last.outer_span[1]
    if end < cand.end and TAIL.match(text, end) and "\n" not in text[end : cand.end]:
        cand.end = end
        return
    aside = PARTICIPLE.search(text, end, cand.end)  # "... if they did not vote for her, implicitly putting his name ..."
    if aside is not None:
        cand.end = aside.start()


GAP_WORDS = 3
SENTENCE_GAP = re.compile(r"[.?!;:]\s|\n|[“”\"]")


def _extend_to_fragment(text: str, d: QuoteCandidate, reported: list[QuoteCandidate]) -> bool:
    """A quoted fragment whose cue verb also reports a clause that stops short of it ("said it was too early to
    tell, and there was "no evidence" yet"): the reported clause runs on to the fragment's closing mark."""
    if d.marks is None:
        return False
    for r in reported:
        if r.outer is None and (r.cue_span == d.cue_span or d.cue_span is None) and r.start < d.marks[0] and r.end <= d.marks[0] \
                and not SENTENCE_GAP.search(text, r.end, d.marks[0]) and d.marks[0] - r.end < 80 \
                and (d.cue_span is not None or _words(text[r.end : d.marks[0]]) <= GAP_WORDS):
            r.end = d.marks[1]
            r.kind = "mixed"
            return True
    return False


def _open_quotation(cand: QuoteCandidate, marks: list[MarkSpan]) -> None:
    """Reported speech whose parse starts after the opening mark it begins with (the parser hangs the mark on the
    cue: said "budget reforms" and ... would help) runs from the mark."""
    for m in marks:
        if m.start == cand.start and m.outer_span[1] < cand.end:
            cand.start = m.open
            return


def _close_quotation(text: str, cand: QuoteCandidate, marks: list[MarkSpan]) -> None:
    """Reported speech whose parse ends inside a quotation it opened ("said there remains a "significant
    difference in practice," when it comes to ...") runs to the quotation's closing mark."""
    for m in marks:
        if cand.start <= m.open and m.start < cand.end < m.outer_span[1] and not m.continues and "\n" not in text[cand.end : m.outer_span[1]]:
            cand.end = m.outer_span[1]
            return
    for m in marks:  # "are to blame for focusing on "he said this, he tweeted that."": the parse stopped at the mark
        if m.open >= cand.end:
            if m.open > cand.end and not text[cand.end : m.open].isspace() or m.continues or "\n" in text[cand.end : m.outer_span[1]]:
                return
            if text[cand.end - 1 : cand.end].isalnum():
                cand.end = m.outer_span[1]
            return


def _attach_to_sentence(text: str, d: QuoteCandidate, reported: list[QuoteCandidate], marks: list[MarkSpan],
                        index: TokenIndex | None = None) -> None:
    """An unattributed quotation in a line whose reported speech has a speaker: a fragment of that speech, unless
    a clause of another actor after the cue governs it."""
    lo = text.rfind("\n", 0, d.start) + 1
    hi = text.find("\n", d.end)
    hi = len(text) if hi < 0 else hi
    assert d.marks is not None
    near = [r for r in reported if r.outer is None and r.mention_tokens and r.cue_span and lo <= r.cue_span[0] < hi
            and not (d.marks[0] <= r.cue_span[0] < d.marks[1])]
    if near:  # the nearest cue before the quotation (in its sentence, most likely), else the nearest after it
        r = min(near, key=lambda r: (r.cue_span[0] > d.marks[0], abs(r.cue_span[0] - d.marks[0])))
        actor = _other_actor(index, marks, r, d) if index is not None else None
        if actor is not None:  # the quotation is that actor's words
            verb, subj = actor
            d.cue, *span = cue_text(verb)
            d.cue_span = (span[0], span[1])
            d.mention_tokens, d.how, d.kind = _np_tokens(verb.doc, subj), "governed", "mixed"
            return
        d.cue, d.cue_span, d.mention_tokens, d.how, d.kind = r.cue, r.cue_span, r.mention_tokens, "sentence", "mixed"


def _other_actor(index: TokenIndex, marks: list[MarkSpan], r: QuoteCandidate, d: QuoteCandidate) -> tuple[Token, Token] | None:
    """Between the cue and the quotation, a verb with a subject of its own governs the quotation outside what the
    cue reports: '"You winning?" she said, but ... as Trump went on about "how the system is rigged"': Trump's words."""
    assert r.cue_span is not None and d.marks is not None
    doc = index.doc
    cue = doc[index.at(r.cue_span[1] - 1)]
    if cue.idx >= d.start:
        return None
    reported = {x.i for c in cue.children if c.dep_ in ("ccomp", "xcomp") for x in c.subtree}
    ms, me = r.mention_tokens or (0, 0)
    lex = cues()
    for v in doc[index.at(d.start)].ancestors:
        if v.i == cue.i or v.idx < cue.idx:
            return None
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and not ms <= c.i < me), None)
        if v.pos_ == "VERB" and v.i not in reported and subj is not None and v.idx < d.marks[0] \
                and not any(m.open <= v.idx < m.outer_span[1] for m in marks) \
                and (lex.reports(lemma(v)) or is_attribution_verb(v)):
            return v, subj
    return None


def _covers_all(text: str, cand: QuoteCandidate, m: MarkSpan) -> bool:
    """The reported content is exactly one quotation (give or take marks and punctuation)."""
    outside = text[cand.start : m.open] + text[m.outer_span[1] : cand.end]
    return not WORD.search(outside)


def resolve_speakers(doc: Doc, marks: list[MarkSpan], quotes: list[QuoteCandidate], registry: SpeakerRegistry) -> None:
    """Fill speaker, mention and entity id of every quote; drop nested quotes that name no one new."""
    speakers = DocumentSpeakers(doc, [m.outer_span for m in marks], registry)
    spans = [q.mention_tokens for q in quotes if q.mention_tokens]
    found = speakers.resolve_all(spans)
    entity_of: dict[int, DocEntity | None] = {}
    for n, q in enumerate(quotes):
        if q.mention_tokens:
            s, e = q.mention_tokens
            res = found.get((s, e))
            entity_of[n] = res.entity if res else None
            if q.how == "transcript":  # "NG: ..." in an interview with Natasha Gownaris
                entity_of[n] = speakers.by_initials(doc[s:e].text) or entity_of[n]
            q.resolved_by = res.how if res else ""
            if q.how not in ("headline", "transcript", "colon", "signed"):  # a title-case headline parses as one long name; a label, a
                # colon lead and a signature are whole
                s, e = speakers.mention_extent(s, e)  # the whole noun phrase: "Peter Morgan, a lawyer for the Sierra Club"
                if q.cue_span is not None and doc[s].idx < q.cue_span[0] <= doc[e - 1].idx:
                    while e - 1 > s and doc[e - 1].idx >= q.cue_span[0]:  # never past its own cue: "donors
                        e -= 1  # [supporting] the mayor"
                    while e - 1 > s and doc[e - 1].is_punct:
                        e -= 1
            q.mention_span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
            q.mention = doc_text(doc)[q.mention_span[0] : q.mention_span[1]]
        else:
            entity_of[n] = None
    drop: set[int] = set()
    for n, q in enumerate(quotes):
        if q.outer is None:
            continue
        outer_entity = entity_of.get(q.outer)
        if q.mention and q.mention.lower() in FIRST_PERSON:
            entity_of[n] = outer_entity
            q.resolved_by = "first-person"
            drop.add(n)  # the speaker restating their own words: the quotation already holds them
        elif entity_of[n] is None or entity_of[n] is outer_entity:
            drop.add(n)
    canon: dict[int, tuple[str, str]] = {}
    counts: dict[int, int] = {}
    ents: dict[int, DocEntity] = {}
    for n, q in enumerate(quotes):
        ent = entity_of.get(n)
        if ent is not None and n not in drop:
            counts[id(ent)] = counts.get(id(ent), 0) + 1
            ents[id(ent)] = ent
    for key, ent in ents.items():
        sp = registry.observe(ent.name, ent.kind, ent.forms, ent.titles, ent.roles, counts[key])
        canon[key] = (sp.name, sp.entity_id)
    for n, q in enumerate(quotes):
        ent = entity_of.get(n)
        if ent is not None and id(ent) in canon:
            q.speaker, q.entity_id = canon[id(ent)]
    quotes[:] = [q for n, q in enumerate(quotes) if n not in drop]
