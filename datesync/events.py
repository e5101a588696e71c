"""Event mentions inside one document: what contact, between whom, and the date that belongs to it.

A sentence with a trigger word (تماس تلفنی, اتصال هاتفي, met) is a candidate; its participants are the
actors and role phrases in the sentence; its date is the day-level mention in that sentence. A report
mentions the same contact many times ("in this call ..."): candidates with the same participants and
compatible dates (or no date) merge. The first event in the text is the main one; the others, such
as an earlier call recalled with "had also spoken on 12 Aban", are back-references.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from datesync import languages, lexicons
from datesync.actors import Gazetteer, Office, gazetteer, is_state, office_words
from datesync.calendars import confusion_readings
from datesync.checks import weekday_confirmed
from datesync.findings import FindingKind, any_with, make_finding
from datesync.model import CONTACTS, WEEKDAYS, DocumentDates, EventMention, Finding, Form, Mention, Role, Span
from datesync.normalize import SENTENCE_END, fold_letters
from datesync.phrases import GAP, PhraseIndex
from datesync.phrases import key as phrase_key
from datesync.reading import relative_allowance

DAY_LEVEL = (Form.DATE, Form.DAY_MONTH, Form.RELATIVE, Form.WEEKDAY)


@dataclass(frozen=True, slots=True)
class _Matcher:
    index: PhraseIndex
    meaning: dict[str, list[tuple[str, object]]]  # phrase key -> (category, value)
    gaz: Gazetteer


@cache
def matcher(actors_file: str | None = None) -> _Matcher:
    """One phrase index for triggers, tense markers, actor names and role phrases: one pass per text."""
    gaz = gazetteer(actors_file)
    meaning: dict[str, list[tuple[str, object]]] = {}
    spellings: list[str] = list(gaz.spellings)
    triggers = lexicons.load("triggers")
    for contact in CONTACTS:
        for phrase in languages.words(triggers[contact]):
            meaning.setdefault(phrase_key(phrase), []).append(("trigger", contact))
            spellings.append(phrase)
    trigger_keys = [(key, value) for key, values in meaning.items() for _, value in values]
    for tense in ("back_reference", "future"):
        for phrase in languages.words(triggers["tense"], tense):
            key = phrase_key(phrase)
            meaning.setdefault(key, []).append((tense, True))
            # "last spoke", "had met": the marker holds a trigger, which the longer match would hide
            meaning[key] += [("trigger", contact) for trigger, contact in trigger_keys if trigger in key][:1]
            spellings.append(phrase)
    for key, actor in gaz.names.items():
        meaning.setdefault(key, []).append(("actor", actor))
    for key, office in gaz.offices.items():
        meaning.setdefault(key, []).append(("office", office))
    words = office_words()
    for category, table in (("head", words.heads), ("tail", words.tails), ("country", words.countries)):
        for key, values in table.items():
            meaning.setdefault(key, []).extend((category, value) for value in values)
    for phrase in languages.words(triggers["ignore"]):
        meaning[phrase_key(phrase)] = [("ignore", True)]
        spellings.append(phrase)
    for prefix in lexicons.load("roles").get("deputy_prefixes", ()):
        meaning.setdefault(phrase_key(prefix), []).append(("deputy", True))
        spellings.append(prefix)
    return _Matcher(PhraseIndex(spellings), meaning, gaz)


@dataclass
class _Candidate:
    """One trigger sentence, then (after merging) one event mention."""

    start: int
    end: int
    contact: str | None = None  # None until the sentence shows a trigger word
    trigger: tuple[int, int] = (0, 0)
    names: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    home_offices: list[Office] = field(
        default_factory=list
    )  # bare "the foreign minister": the home country's
    back: bool = False
    future: bool = False
    participants: frozenset[str] = frozenset()
    date: Mention | None = None  # the best date mention seen (see _rank), kept up to date while merging
    seen: list[Mention] = field(
        default_factory=list
    )  # every date mention offered (a report may disagree with itself)

    def offer(self, mention: Mention | None) -> bool:
        """Take `mention` as the date if it ranks better; True when the date changed."""
        near = self.trigger[0]
        if mention is not None and mention not in self.seen:
            self.seen.append(mention)
        if mention is None or (self.date is not None and _rank(self.date, near) <= _rank(mention, near)):
            return False
        self.date = mention
        return True


def _rank(m: Mention, near: int) -> tuple:
    """Prefer a written date to a relative word, then one whose weekday fits, then one nothing is wrong
    with, then a resolved or flagged one, then the nearest to the trigger."""
    written = m.form in (Form.DATE, Form.DAY_MONTH)
    confirmed = weekday_confirmed(m)
    doubtful = any_with(m.problems, "doubtful")
    return (
        not written,
        not confirmed,
        doubtful,
        m.iso is None and not m.problems,
        abs(m.start - near),
        m.start,
    )


def candidates_of(m: Mention, published: dt.date | None = None) -> tuple[dt.date, ...]:
    """The dates an event mention's date could mean: itself, and its readings if it is flagged.

    A date after the report's own publication (`published`, for a report telling of the past) is
    flagged too: its calendar-confusion readings on or before publication are candidates, unless a
    weekday written beside the date fits it and not them (then the publication date is the error).
    """
    out = [d for d in (m.iso, m.suggested) if d is not None]
    if any_with(m.problems, "offers_readings"):  # readings on another weekday than the one written are none
        out += [d for d in m.alternatives if m.weekday is None or WEEKDAYS[d.weekday()] == m.weekday]
    if published is not None and m.iso is not None and m.iso > published and m.year and m.month and m.day:
        readings = [d for d in confusion_readings(m.calendar, m.year, m.month, m.day) if d <= published]
        if weekday_confirmed(m):
            readings = [d for d in readings if d.weekday() == m.iso.weekday()]
        out += readings
    return tuple(dict.fromkeys(out))


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
    bounds = _sentence_bounds(text, dates.mentions)
    sentences: dict[int, _Candidate] = {}
    name_counts: Counter[str] = Counter()
    deputy_end = -1
    for start, end, meanings in pieces(m, text):
        index = bisect_right(bounds, start)
        cand = sentences.get(index)
        if cand is None:
            lo, hi = bounds[index - 1] if index else 0, bounds[index] if index < len(bounds) else len(text)
            cand = sentences[index] = _Candidate(lo, hi)
        for category, value in meanings:
            if category == "trigger":
                if cand.contact is None or CONTACTS.index(value) < CONTACTS.index(cand.contact):
                    cand.contact, cand.trigger = value, (start, end)
            elif category == "actor":
                cand.names.append(value)
                name_counts[value] += 1
            elif category == "deputy":
                deputy_end = end
            elif category == "office":
                if deputy_end >= 0 and len(text[deputy_end:start].split()) <= 1 and start - deputy_end <= 20:
                    continue  # نائب وزير الخارجية, معاون سیاسی وزیر ...: a deputy, not the minister
                if text[end : end + 2] in ("'s", "’s"):
                    continue  # the Russian President's envoy: someone of the president's, not him
                if not value.unqualified:
                    cand.offices.append(value)
                elif home := languages.get(dates.lang).unqualified_office_country:
                    cand.home_offices.append(Office(home, value.role))
            elif category == "back_reference":
                cand.back = True
            elif category == "future":
                cand.future = True
    sentences = {k: c for k, c in sentences.items() if c.contact is not None}
    for mention in dates.mentions:
        if mention.role is Role.BODY and mention.form in DAY_LEVEL:
            cand = sentences.get(bisect_right(bounds, mention.start))
            if cand is not None:
                cand.offer(mention)
    ordered = [sentences[k] for k in sorted(sentences)]
    _participants(ordered, m.gaz, set(name_counts), dates.reference.date)
    _complete(ordered, name_counts)
    merged = _merge([c for c in ordered if c.participants])
    records = _records(merged, dates, doc_id, source, event_key, text)
    main = next((e for e in merged if not e.back and not _planned(e, dates.reference.date)), None)
    return records, (contradictions(main) if main is not None else [])


WRITTEN = (Form.DATE, Form.DAY_MONTH)


def contradictions(event: _Candidate) -> list[Finding]:
    """The lead and the body of one report date its main event differently (وذلك في 10 سبتمبر 2021
    ... جرت في 9 سبتمبر): one finding naming both dates, unless a finding already explains one."""
    chosen, out = event.date, []
    if chosen is None or chosen.iso is None or chosen.form not in WRITTEN:
        return out
    for other in event.seen:
        if other is chosen or other.iso is None or other.form not in WRITTEN or other.iso == chosen.iso:
            continue
        if chosen.iso in (other.suggested, *other.alternatives) or other.iso in (
            chosen.suggested,
            *chosen.alternatives,
        ):
            continue  # a calendar confusion or a weekday already says which day was meant
        if any_with(set(chosen.problems) & set(other.problems), "names_two_renderings"):
            continue  # two renderings side by side, already found to disagree
        days = abs((other.iso - chosen.iso).days)
        apart = "1 day" if days == 1 else f"{days} days"
        message = (
            f"The report dates its {event.contact.replace('_', ' ')} twice: «{chosen.text}» is {chosen.iso} and "  # type: ignore[union-attr]
            f"«{other.text}» is {other.iso} ({apart} apart)."
        )
        out.append(make_finding(FindingKind.INTERNAL_CONFLICT, (chosen, other), message))
    return out


def pieces(m: _Matcher, text: str) -> Iterator[tuple[int, int, list[tuple[str, object]]]]:
    """The phrases of a text with what they mean, an office head or tail joined with the country
    beside it into one office (وزير الخارجية + الروسي, Russia + 's foreign minister)."""
    hits = [(start, end, m.meaning.get(key, [])) for start, end, key in m.index.find(text)]
    i = 0
    while i < len(hits):
        start, end, meanings = hits[i]
        if i + 1 < len(hits) and _adjacent(text, end, hits[i + 1][0]):
            office = _office(meanings, hits[i + 1][2])
            if office is not None:
                yield start, hits[i + 1][1], [("office", office)]
                i += 2
                continue
        yield start, end, meanings
        i += 1


def _office(first: list, second: list) -> Office | None:
    """A head then a country (Foreign Minister of + Russia), or a country then a tail (Russian +
    Foreign Minister), of the same slot (name or adjective) and scope (a state or a body)."""
    pairs = [(h, c) for cat, h in first if cat == "head" for cat2, c in second if cat2 == "country"]
    pairs += [(t, c) for cat, c in first if cat == "country" for cat2, t in second if cat2 == "tail"]
    for (role, slot, scope), (code, country_slot) in pairs:  # type: ignore[misc]
        if slot == country_slot and (scope == "states") == is_state(code):
            return Office(code, role)
    return None


def _adjacent(text: str, end: int, start: int) -> bool:
    """Only spaces, an apostrophe or a proclitic letter between two pieces (الأمين العام لمنظمة)."""
    gap = text[end:start]
    return len(gap) <= MAX_GAP_PIECES and not gap.strip(GAP).rstrip("لبو").strip(GAP)


MAX_GAP_PIECES = 4


def _sentence_bounds(text: str, mentions: tuple[Mention, ...]) -> list[int]:
    """Sentence ends, never inside a date mention (Nov. 20). Mentions come sorted by start."""
    ends = [match.end() for match in SENTENCE_END.finditer(text)]
    for mention in mentions:  # few: drop the boundaries that fall inside one
        lo, hi = bisect_right(ends, mention.start), bisect_right(ends, mention.end)
        if lo < hi:
            del ends[lo:hi]
    return ends


def _participants(
    cands: list[_Candidate], gaz: Gazetteer, named: set[str], reference: dt.date | None
) -> None:
    """The people of each contact: its names and the holders of its offices. Without a date, an
    office resolves to whoever held it through the tenure of the people named with it; when the
    offices alone name two people, a name merely mentioned beside them is no participant."""
    for cand in cands:
        date = cand.date.iso if cand.date is not None and cand.date.iso else reference
        span = _tenure_overlap(gaz, cand.names) if date is None else None
        holders = dict.fromkeys(gaz.holder(office, date, named, span) for office in cand.offices)
        names = [n for n in cand.names if n in holders] if len(holders) >= 2 else cand.names
        people = {**dict.fromkeys(names), **holders}
        if len(people) < 2:  # a bare "the foreign minister" is the home country's only when nobody else is
            people.update(
                dict.fromkeys(gaz.holder(office, date, named, span) for office in cand.home_offices)
            )
        cand.participants = frozenset(people)


def _tenure_overlap(gaz: Gazetteer, names: list[str]) -> tuple[dt.date, dt.date] | None:
    spans = [t for t in (gaz.tenure(n) for n in dict.fromkeys(names)) if t is not None]
    if not spans:
        return None
    lo, hi = max(s[0] for s in spans), min(s[1] for s in spans)
    return (lo, hi) if lo <= hi else None


def _complete(cands: list[_Candidate], name_counts: Counter[str]) -> None:
    """A sentence naming fewer than two people ("in this call", "the ministers") refers to the nearest
    contact that names them all, preferably before it; failing that, the report's protagonist is the
    other party. Two passes with indexes keep this linear in the number of sentences."""
    full = [len(c.participants) >= 2 for c in cands]
    nearest: dict[int, int] = {}
    for order in (range(len(cands) - 1, -1, -1), range(len(cands))):  # after, then before (which wins)
        last_any: int | None = None
        last_with: dict[str, int] = {}
        for i in order:
            cand = cands[i]
            if full[i]:
                last_any = i
                for actor in cand.participants:
                    last_with[actor] = i
                continue
            found = last_with.get(next(iter(cand.participants))) if cand.participants else last_any
            if found is not None:
                nearest[i] = found
    protagonist = name_counts.most_common(1)[0][0] if name_counts else None
    for i, cand in enumerate(cands):
        if full[i]:
            continue
        if i in nearest:
            cand.participants = cands[nearest[i]].participants
        elif protagonist and cand.participants and protagonist not in cand.participants:
            cand.participants = cand.participants | {protagonist}


def _date_keys(m: Mention) -> list[object]:
    """Keys under which an event dated `m` is found by a compatible date (within a day)."""
    days = candidates_of(m)
    if not days:
        return [("text", m.text)]
    return [d + dt.timedelta(days=k) for d in days for k in (-1, 0, 1)]


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """Same participants and a compatible date (or none) make one event; indexes keep it linear.

    A dated look back at an earlier contact never merges with the report's own news (the main call
    left undated must not take the date of "they had also spoken on 20 Azar"); an undated sentence
    about the same people ("in that call ...") still joins the first event it can.
    """
    events: list[_Candidate] = []
    order: dict[int, int] = {}  # id(event) -> position, to pick the earliest match
    undated: dict[tuple[frozenset[str], bool], _Candidate] = {}
    first: dict[frozenset[str], _Candidate] = {}
    dated: dict[tuple[tuple[frozenset[str], bool], object], _Candidate] = {}

    def index(event: _Candidate) -> None:
        for key in _date_keys(event.date):
            dated.setdefault(((event.participants, event.back), key), event)

    for cand in cands:
        kept = (cand.participants, cand.back)
        if cand.date is None:
            target = first.get(cand.participants)
        else:
            matches = [undated.get(kept)] + [dated.get((kept, k)) for k in _date_keys(cand.date)]
            target = min((e for e in matches if e is not None), key=lambda e: order[id(e)], default=None)
        if target is None:
            order[id(cand)] = len(events)
            events.append(cand)
            first.setdefault(cand.participants, cand)
            if cand.date is None:
                undated.setdefault(kept, cand)
            else:
                index(cand)
            continue
        for other in cand.seen:
            if other is not cand.date and other not in target.seen:
                target.seen.append(other)
        if target.offer(cand.date):
            if undated.get((target.participants, target.back)) is target:
                del undated[(target.participants, target.back)]
            index(target)
        target.future = target.future or cand.future
        if CONTACTS.index(cand.contact) < CONTACTS.index(target.contact):
            target.contact = cand.contact
    return events


def _planned(event: _Candidate, published: dt.date | None) -> bool:
    """Told in the future (will, قرار است, سوف) and undated or dated after publication: a plan, not
    a contact that took place. A future word beside a dated past call ("said Russia will") keeps it."""
    if not event.future:
        return False
    when = event.date.iso if event.date is not None else None
    return when is None or (published is not None and when > published)


def _records(
    events: list[_Candidate], dates: DocumentDates, doc_id: str, source: str, event_key: str, text: str
) -> list[EventMention]:
    published = dates.reference.date
    events = [e for e in events if not _planned(e, published)]
    main = next((i for i, e in enumerate(events) if not e.back), 0)
    main_date = events[main].date if events else None
    if main_date is None and dates.reference.located == "dateline":
        main_date = dates.reference.mention  # a dateline dates the report's own event
    out = []
    for i, event in enumerate(events):
        mention, role, inherited = event.date, "main" if i == main else "back_reference", False
        if i == main:
            mention = main_date
        elif not event.back and (mention is None or mention is main_date):
            # "he also met X": reported alongside the main event, on its date unless it says otherwise
            role, inherited, mention = (
                "related",
                mention is None and main_date is not None,
                mention or main_date,
            )
        late = bool(
            mention
            and not inherited
            and not event.future
            and published
            and mention.iso
            and mention.iso > published
        )
        a, b = event.trigger
        out.append(
            EventMention(
                doc_id=doc_id,
                index=i,
                contact=event.contact,
                participants=tuple(sorted(event.participants)),
                trigger=Span(doc_id, a, b, text[a:b]),
                mention=mention,
                role=role,
                source=source or doc_id,
                lang=dates.lang,
                event_key=event_key if i == main else "",
                candidates=candidates_of(mention, published if late else None) if mention is not None else (),
                future=event.future,
                inherited=inherited,
                allowance=relative_allowance(dates.reference.time),
                published=published,
                after_publication=late,
                wording=wording(text, event.start),
            )
        )
    return out


WORDING_LETTERS = 300  # letters of a report, from its contact's sentence on, that copies share


def wording(text: str, start: int) -> str:
    """A digest of the report's words from `start`, letters only (dates, digits and spacing left
    out): reports that copy one statement share it, and count once in the vote."""
    letters = "".join(_LETTERS.findall(fold_letters(text[start : start + 3 * WORDING_LETTERS])))[
        :WORDING_LETTERS
    ]
    return hashlib.blake2b(letters.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


_LETTERS = re.compile(r"[^\W\d_]+")
