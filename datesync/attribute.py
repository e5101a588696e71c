"""Event mentions inside one document: what contact, between whom, and the date that belongs to it.

A sentence with a trigger word (تماس تلفنی, اتصال هاتفي, met) is a candidate; its participants are the
actors and role phrases in the sentence; its date is the day-level mention in that sentence. A report
mentions the same contact many times ("in this call ..."): candidates with the same participants and
compatible dates (or no date) merge. The first event in the text is the main one; the others, such
as an earlier call recalled with "had also spoken on 12 Aban", are back-references.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from datesync import lexicons
from datesync.actors import Gazetteer, Office, gazetteer
from datesync.find import words_pattern
from datesync.model import DocumentDates, EventMention, Kind, Mention, Role, Span
from datesync.normalize import fold, prepare

KIND_ORDER = ("phone_call", "meeting", "contact")  # most specific first
DAY_LEVEL = (Kind.DATE, Kind.DAY_MONTH, Kind.RELATIVE, Kind.WEEKDAY)
_BOUNDARY = re.compile(r"(?<![0-9۰-۹٠-٩])[.!?؟؛](?![0-9۰-۹٠-٩])|\n")


@dataclass(frozen=True, slots=True)
class _Matcher:
    pattern: re.Pattern[str]
    meaning: dict[str, list[tuple[str, object]]]  # folded phrase -> (category, value)
    gaz: Gazetteer


@cache
def matcher(actors_file: str | None = None) -> _Matcher:
    """One pattern for triggers, tense markers, actor names and role phrases: one pass per text."""
    gaz = gazetteer(actors_file)
    meaning: dict[str, list[tuple[str, object]]] = {}
    spellings: list[str] = list(gaz.spellings)
    triggers = lexicons.load("triggers")
    for kind in KIND_ORDER:
        for lang in ("fa", "ar", "en"):
            for phrase in triggers[kind].get(lang, ()):
                meaning.setdefault(fold(phrase), []).append(("trigger", kind))
                spellings.append(phrase)
    trigger_keys = [(key, value) for key, values in meaning.items() for _, value in values]
    for tense in ("back_reference", "future"):
        for phrase in triggers["tense"][tense]:
            key = fold(phrase)
            meaning.setdefault(key, []).append((tense, True))
            # "last spoke", "had met": the marker holds a trigger, which the longer match would hide
            meaning[key] += [("trigger", kind) for trigger, kind in trigger_keys if trigger in key][:1]
            spellings.append(phrase)
    for key, actor in gaz.names.items():
        meaning.setdefault(key, []).append(("actor", actor))
    for key, office in gaz.offices.items():
        meaning.setdefault(key, []).append(("office", office))
    for prefix in lexicons.load("roles").get("deputy_prefixes", ()):
        meaning.setdefault(fold(prefix), []).append(("deputy", True))
        spellings.append(prefix)
    return _Matcher(words_pattern(spellings), meaning, gaz)


@dataclass
class _Candidate:
    """One trigger sentence, then (after merging) one event mention."""

    start: int
    end: int
    kind: str | None = None  # None until the sentence shows a trigger word
    trigger: tuple[int, int] = (0, 0)
    names: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    back: bool = False
    future: bool = False
    participants: frozenset[str] = frozenset()

    @property
    def date(self) -> Mention | None:
        return _best_date(self.dates, self.trigger[0])


def _best_date(dates: list[Mention], near: int) -> Mention | None:
    """Prefer a written date over a relative word, a resolved or flagged one, then the nearest."""
    if not dates:
        return None

    def rank(m: Mention) -> tuple:
        written = m.kind in (Kind.DATE, Kind.DAY_MONTH)
        return (not written, m.iso is None and not m.problems, abs(m.start - near))

    return min(dates, key=rank)


def candidates_of(m: Mention) -> tuple[dt.date, ...]:
    """The dates an event mention's date could mean: itself, and its readings if it is flagged."""
    out = [d for d in (m.iso, m.suggested) if d is not None]
    if "calendar_confusion" in m.problems or "weekday_mismatch" in m.problems:
        out += list(m.alternatives)
    return tuple(dict.fromkeys(out))


def _compatible(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None:
        return True
    da, db = candidates_of(a), candidates_of(b)
    return any(abs((x - y).days) <= 1 for x in da for y in db) or (not da and not db and a.text == b.text)


def event_mentions(
    text: str,
    dates: DocumentDates,
    doc_id: str = "",
    source: str = "",
    event_key: str = "",
    actors_file: str | None = None,
) -> list[EventMention]:
    """The contacts a report describes, main event first in text order, each with its date mention."""
    m = matcher(actors_file)
    prepared = prepare(text)
    bounds = _sentence_bounds(text, dates.mentions)
    sentences: dict[int, _Candidate] = {}
    name_counts: Counter[str] = Counter()
    deputy_end = -1
    for hit in m.pattern.finditer(prepared.text):
        start, end = prepared.start(hit.start("word")), prepared.end(hit.end())
        index = bisect_right(bounds, start)
        cand = sentences.get(index)
        if cand is None:
            lo, hi = bounds[index - 1] if index else 0, bounds[index] if index < len(bounds) else len(text)
            cand = sentences[index] = _Candidate(lo, hi)
        for category, value in m.meaning.get(fold(hit.group("word")), ()):
            if category == "trigger":
                if cand.kind is None or KIND_ORDER.index(value) < KIND_ORDER.index(cand.kind):
                    cand.kind, cand.trigger = value, (start, end)
            elif category == "actor":
                cand.names.append(value)
                name_counts[value] += 1
            elif category == "deputy":
                deputy_end = end
            elif category == "office":
                if deputy_end >= 0 and not text[deputy_end:start].strip():
                    continue  # نائب وزير الخارجية ...: a deputy, not the minister
                if not value.unqualified or dates.lang == "fa":
                    cand.offices.append(value)
            elif category == "back_reference":
                cand.back = True
            elif category == "future":
                cand.future = True
    sentences = {k: c for k, c in sentences.items() if c.kind is not None}
    for mention in dates.mentions:
        if mention.role is Role.BODY and mention.kind in DAY_LEVEL:
            cand = sentences.get(bisect_right(bounds, mention.start))
            if cand is not None:
                cand.dates.append(mention)
    ordered = [sentences[k] for k in sorted(sentences)]
    _participants(ordered, m.gaz, set(name_counts), dates.reference.date)
    _complete(ordered, name_counts)
    merged = _merge([c for c in ordered if c.participants])
    return _records(merged, dates, doc_id, source, event_key, text)


def _sentence_bounds(text: str, mentions: tuple[Mention, ...]) -> list[int]:
    """Sentence ends, never inside a date mention (Nov. 20). Mentions come sorted by start."""
    starts = [x.start for x in mentions]
    out = []
    for match in _BOUNDARY.finditer(text):
        pos = match.start()
        j = bisect_right(starts, pos) - 1
        if j >= 0 and mentions[j].start <= pos < mentions[j].end:
            continue
        out.append(match.end())
    return out


def _participants(
    cands: list[_Candidate], gaz: Gazetteer, named: set[str], reference: dt.date | None
) -> None:
    for cand in cands:
        date = cand.date.iso if cand.date is not None and cand.date.iso else reference
        ids = dict.fromkeys(cand.names)
        for office in cand.offices:
            ids[gaz.holder(office, date, named)] = None
        cand.participants = frozenset(ids)


def _complete(cands: list[_Candidate], name_counts: Counter[str]) -> None:
    """A sentence naming fewer than two people ("in this call", "the ministers") refers to a nearby
    contact that names them all; failing that, the report's protagonist is the other party."""
    full = [i for i, c in enumerate(cands) if len(c.participants) >= 2]
    protagonist = name_counts.most_common(1)[0][0] if name_counts else None
    for i, cand in enumerate(cands):
        if len(cand.participants) >= 2:
            continue
        before = [j for j in full if j < i and cand.participants <= cands[j].participants]
        after = [j for j in full if j > i and cand.participants <= cands[j].participants]
        if before or after:
            cand.participants = cands[before[-1] if before else after[0]].participants
        elif protagonist and cand.participants and protagonist not in cand.participants:
            cand.participants = cand.participants | {protagonist}


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    events: list[_Candidate] = []
    for cand in cands:
        same = [e for e in events if e.participants == cand.participants]
        if cand.date is None:
            target = same[0] if same else None
        else:
            target = next((e for e in same if _compatible(e.date, cand.date)), None)
        if target is None:
            events.append(cand)
            continue
        target.dates += cand.dates
        target.future = target.future or cand.future
        if KIND_ORDER.index(cand.kind) < KIND_ORDER.index(target.kind):
            target.kind = cand.kind
    return events


def _records(
    events: list[_Candidate], dates: DocumentDates, doc_id: str, source: str, event_key: str, text: str
) -> list[EventMention]:
    main = next((i for i, e in enumerate(events) if not e.back), 0)
    out = []
    for i, event in enumerate(events):
        mention = event.date
        if mention is None and i == main and dates.reference.located == "dateline":
            mention = dates.reference.mention  # a dateline dates the report's own event
        a, b = event.trigger
        out.append(
            EventMention(
                doc_id=doc_id,
                index=i,
                kind=event.kind,
                participants=tuple(sorted(event.participants)),
                trigger=Span(doc_id, a, b, text[a:b]),
                mention=mention,
                role="main" if i == main else "back_reference",
                source=source or doc_id,
                lang=dates.lang,
                event_key=event_key if i == main else "",
                candidates=candidates_of(mention) if mention is not None else (),
                future=event.future,
            )
        )
    return out
