"""Across documents: group event mentions into events, decide each event's date, flag what disagrees.

Event mentions are the same event when they share participants, their kinds of contact agree (a generic
"talks" fits a call or a meeting) and their dates, including the readings of a flagged calendar
confusion, lie within GROUP_WINDOW days. A caller-supplied event key overrides all of that. The date
is the one with the most evidence: each source counts once per date, with its strongest evidence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from datesync import calendars, languages, lexicons
from datesync.calendars import confusion_readings, describe
from datesync.findings import FindingKind, any_with, make_finding, suggestion_policy
from datesync.model import CONTACTS, WEEKDAYS, Calendar, Event, EventMention, Finding, Form, Resolution, Role
from datesync.reading import within_allowance
from datesync.scan import words_pattern

GROUP_WINDOW = 2  # days between one report's date and the next within one event (reported inconsistently)
GROUP_SPAN = 4  # days at most between an event's earliest and latest date
_WINDOW, _SPAN = dt.timedelta(days=GROUP_WINDOW), dt.timedelta(days=GROUP_SPAN)
CONTACT_WORDS = {"phone_call": "phone call", "meeting": "meeting", "contact": "contact"}


@dataclass(frozen=True, slots=True)
class Evidence:
    date: dt.date
    weight: float
    how: str  # what the evidence is, for the explanation: "the full date"
    allowance: int = 0  # days the day meant may trail `date` ("tonight" in a report written the day before)


def evidence(em: EventMention) -> list[Evidence]:
    """What one event mention says about the date, and how much it weighs."""
    m = em.mention
    if m is None:
        return []
    if em.inherited:
        return [Evidence(d, 0.5, "the date of the report's main event") for d in em.candidates[:1]]
    if em.after_publication and FindingKind.WEEKDAY_MISMATCH not in m.problems:
        # told as past but dated after publication: its readings before publication weigh more
        earlier = [d for d in em.candidates if em.published is not None and d <= em.published]
        return [Evidence(m.iso, 0.5, "a date after its own publication")] + [
            Evidence(d, 1.0, "a calendar reading before its publication") for d in earlier
        ]
    flagged = suggestion_policy(m.problems) if m.suggested is not None else None
    if flagged is not None:  # a flagged date whose likely reading is known (findings.toml)
        return [Evidence(m.suggested, flagged.suggestion_weight, flagged.suggestion_evidence)]  # type: ignore[arg-type]
    if FindingKind.WEEKDAY_MISMATCH in m.problems:
        return [Evidence(m.iso, 0.5, "a date whose weekday does not fit")] if m.iso else []
    if m.iso is None:
        return []
    if m.role is Role.PUBLICATION:
        return [Evidence(m.iso, 0.5, "the dateline")]
    if m.resolution is Resolution.EXPLICIT:
        weight, how = 3.0, "the full date"
    elif m.resolution is Resolution.YEAR_INFERRED:
        weight, how = 2.0, "the day and month"
    else:
        weight, how = 1.0, f"«{m.text}» counted from publication"
    if m.weekday is not None:
        weight, how = weight + 1.0, how + " with a matching weekday"
    if first_hand(em):
        weight, how = weight + FIRST_HAND_BONUS, "a first-hand report: today, its weekday and its date agree"
    elif _night_words().search(m.text):  # told with its hour around midnight: the local clock's day
        weight, how = weight + NIGHT_BONUS, how + " and its hour around midnight"
    return [Evidence(m.iso, weight, how, allowance(em))]


FIRST_HAND_BONUS = 2.0
NIGHT_BONUS = 0.5


def first_hand(em: EventMention) -> bool:
    """«امروز چهارشنبه ۱۳ دی ۱۴۰۲» in a report published that day: today, the weekday and the date
    agree, told by a report that was there on the day; repeats of a day and month weigh less."""
    m = em.mention
    return bool(
        m is not None
        and m.relative == 0
        and m.weekday is not None
        and m.form in (Form.DATE, Form.DAY_MONTH)
        and not m.problems
        and m.iso is not None
        and em.published is not None
        and within_allowance(em.published, m.iso, em.allowance)
    )


def allowance(em: EventMention) -> int:
    """Days a relative word's day may trail its reading ("tonight" written the evening before a
    morning publication); the same allowance in the vote and in the findings."""
    m = em.mention
    return em.allowance if m is not None and m.relative is not None and m.form is Form.RELATIVE else 0


def bucket_key(em: EventMention) -> str:
    """Event mentions can only be one event within the same bucket (see the module docstring)."""
    if em.event_key:
        return "key:" + em.event_key
    if len(em.participants) >= 2:
        return "people:" + "|".join(em.participants)
    return f"alone:{em.doc_id}:{em.index}"


def _contacts_fit(a: str, b: str) -> bool:
    return a == b or "contact" in (a, b)


def likely(em: EventMention) -> dt.date:
    """The date a member most likely means: its suggested date when its own date is flagged."""
    m = em.mention
    flagged = (
        m is not None
        and m.suggested is not None
        and (m.iso is None or any_with(m.problems, "trusted_suggestion"))
    )
    return m.suggested if flagged else em.candidates[0]  # type: ignore[union-attr,return-value]


def cluster(members: list[EventMention]) -> list[list[EventMention]]:
    """Split one bucket into events, in O(n log n).

    Members are sorted by their likely date; a member joins the current event when its date is within
    GROUP_WINDOW days of the previous one and GROUP_SPAN days of the event's first, so a chain of
    near dates cannot swallow calls a week apart. Kinds that do not fit (a call, a meeting) split.
    A member left alone may move to the one event that one of its other readings (a calendar
    confusion) falls in; such readings never join two events.
    """
    if members and members[0].event_key:
        return [members]
    dated = sorted(members, key=lambda em: (likely(em), em.doc_id, em.index))
    runs: list[list[EventMention]] = []
    for em in dated:
        day = likely(em)
        if (
            runs
            and (day - likely(runs[-1][-1])).days <= GROUP_WINDOW
            and (day - likely(runs[-1][0])).days <= GROUP_SPAN
        ):
            runs[-1].append(em)
        else:
            runs.append([em])
    groups = [part for run in runs for part in _split_contacts(run)]
    return _attach_loners(groups)


def _split_contacts(run: list[EventMention]) -> list[list[EventMention]]:
    calls = [em for em in run if em.contact == "phone_call"]
    meetings = [em for em in run if em.contact == "meeting"]
    if not calls or not meetings:
        return [run]
    contacts = [em for em in run if em.contact == "contact"]
    (calls if len(calls) >= len(meetings) else meetings).extend(contacts)
    return [calls, meetings]


def _attach_loners(groups: list[list[EventMention]]) -> list[list[EventMention]]:
    """A report alone whose other readings fall in exactly one event moves there; a report whose own
    date is unknown (a stale header's two weekdays) may join a single report too."""
    spans = sorted(((likely(g[0]), likely(g[-1]), i) for i, g in enumerate(groups) if len(g) > 1))
    singles = sorted(
        (likely(g[0]), likely(g[0]), i) for i, g in enumerate(groups) if len(g) == 1 and _dated(g[0])
    )
    moved: set[int] = set()
    for i, group in enumerate(groups):
        if len(group) != 1:
            continue
        em = group[0]
        homes = _homes(em, groups, spans if _dated(em) else sorted(spans + singles), i)
        if len(homes) == 1:
            groups[homes.pop()].append(em)
            moved.add(i)
    return [sorted(g, key=lambda em: (em.doc_id, em.index)) for i, g in enumerate(groups) if i not in moved]


def _dated(em: EventMention) -> bool:
    return em.mention is not None and em.mention.iso is not None


def _homes(em: EventMention, groups: list[list[EventMention]], spans: list, own: int) -> set[int]:
    """The events one of `em`'s other readings falls in."""
    starts = [s for s, _, _ in spans]
    homes = set()
    for day in em.candidates:
        if day == likely(em) and _dated(em):
            continue
        # an event holding `day` starts at most GROUP_SPAN + GROUP_WINDOW days before it
        for start, end, j in spans[
            bisect_left(starts, day - _SPAN - _WINDOW) : bisect_right(starts, day + _WINDOW)
        ]:
            fits = _contacts_fit(em.contact, groups[j][0].contact)
            if j != own and start - _WINDOW <= day <= end + _WINDOW and fits:
                homes.add(j)
    return homes


def decide(members: list[EventMention]) -> tuple[dt.date | None, str]:
    """The event's date and a sentence saying why."""
    per_source: dict[str, dict[dt.date, Evidence]] = defaultdict(dict)
    voice: dict[str, str] = {}  # a wording -> the first source that used it: copies count once
    for em in sorted(members, key=lambda em: (em.source, em.doc_id, em.index)):
        voter = voice.setdefault(em.wording, em.source) if em.wording else em.source
        for ev in evidence(em):
            best = per_source[voter].get(ev.date)
            if best is None or ev.weight > best.weight:
                per_source[voter][ev.date] = ev
    totals: dict[dt.date, float] = defaultdict(float)
    backers: dict[dt.date, list[tuple[str, Evidence]]] = defaultdict(list)
    for source in sorted(per_source):
        for date, ev in per_source[source].items():
            totals[date] += ev.weight
            backers[date].append((source, ev))
    if not totals:
        return None, "No report gives a date for it."
    latest = min((em.published for em in members if first_hand(em)), default=None)
    allowed = [d for d in totals if latest is None or d <= latest] or list(
        totals
    )  # not after a first-hand report
    date = max(allowed, key=lambda d: (totals[d], len(backers[d]), -d.toordinal()))
    reasons = defaultdict(list)
    for source, ev in backers[date]:
        reasons[ev.how].append(source)
    because = "; ".join(f"{how} ({', '.join(srcs)})" for how, srcs in reasons.items())
    others = sorted(  # a "tonight" that may mean the day before the decided one is no dissent
        d
        for d in totals
        if d != date and not all(within_allowance(d, date, ev.allowance) for _, ev in backers[d])
    )
    dissent = (
        (" Against: " + "; ".join(f"{d} ({', '.join(s for s, _ in backers[d])})" for d in others) + ".")
        if others
        else ""
    )
    return date, f"{describe(date)} ({calendars.labels(date)}), from: {because}.{dissent}"


@cache
def _night_words() -> re.Pattern[str]:
    return words_pattern(languages.words(lexicons.load("parts_of_day"), "night"))


def _around_midnight(event: Event) -> bool:
    """A report of the event tells it as in the early hours or late at night (بامداد, فجر, early hours)."""
    return any(m.mention is not None and _night_words().search(m.mention.text) for m in event.members)


def event_id(members: Iterable[EventMention]) -> str:
    key = "\x1f".join(sorted(f"{em.doc_id}\x1e{em.trigger.start}" for em in members))
    return "E" + hashlib.blake2b(key.encode(), digest_size=5).hexdigest()


def _people(em: EventMention, name_of: Callable[[str], str]) -> str:
    """Who took part, as a message says it: "between A and B", "between A, B and C", "by A", ""."""
    names = [name_of(p) for p in em.participants]
    if not names:
        return ""
    if len(names) == 1:
        return f" by {names[0]}"
    return " between " + ", ".join(names[:-1]) + " and " + names[-1]


def reconcile(
    event_mentions: Iterable[EventMention], name_of: Callable[[str], str] = str
) -> tuple[list[Event], list[Finding]]:
    """Events and their findings; `name_of` gives the name of an actor id in messages."""
    buckets: dict[str, list[EventMention]] = defaultdict(list)
    for em in event_mentions:
        buckets[bucket_key(em)].append(em)
    events: list[Event] = []
    findings: list[Finding] = []
    for key in sorted(buckets):
        bucket = sorted(buckets[key], key=lambda em: (em.doc_id, em.index))  # input order never matters
        dated = [em for em in bucket if em.candidates or em.event_key]
        undated = [em for em in bucket if not (em.candidates or em.event_key)]
        made = [_event(group, name_of) for group in cluster(dated) + [[em] for em in undated]]
        for event, found in made:
            events.append(event)
            findings.extend(found)
        findings.extend(
            _split(sorted((e for e, _ in made if e.date), key=lambda e: e.date), undated, name_of)
        )
    events.sort(key=lambda e: (e.date or dt.date.max, e.id))
    return events, findings


SPLIT_REACH = 7  # days between two events of the same people that may be one, reported on two days


def _split(events: list[Event], undated: list[EventMention], name_of: Callable[[str], str]) -> list[Finding]:
    """Two events of the same people a few days apart, one of them a single report dated only by a
    weekday or a relative word, the other on the weekday that the undated reports of these people
    name: probably one contact, the single report's day wrong (a Monday/Thursday split)."""
    told = Counter(m.mention.weekday for m in undated if m.mention is not None and m.mention.weekday)
    out = []
    for first, second in pairwise(events):
        if not 1 <= (second.date - first.date).days <= SPLIT_REACH:  # type: ignore[operator]
            continue
        for weak, strong in ((first, second), (second, first)):
            (em, *rest) = weak.members
            m = em.mention
            said = told[WEEKDAYS[strong.date.weekday()]] - told[WEEKDAYS[weak.date.weekday()]]  # type: ignore[union-attr]
            if rest or m is None or m.resolution is not Resolution.RELATIVE or said <= 0:
                continue
            what, people = CONTACT_WORDS[weak.contact], _people(em, name_of)
            message = (
                f"{em.doc_id} dates the {what}{people} {describe(weak.date)} («{m.text}»), alone; "  # type: ignore[arg-type]
                f"{', '.join(s for s in strong.sources)} give {describe(strong.date)}, {abs((strong.date - weak.date).days)} "  # type: ignore[operator]
                f"days away, and {told[WEEKDAYS[strong.date.weekday()]]} undated report(s) of these people say "  # type: ignore[union-attr]
                f"{WEEKDAYS[strong.date.weekday()].capitalize()}: probably one {what}, reported on another day."  # type: ignore[union-attr]
            )
            out.append(
                replace(make_finding(FindingKind.SPLIT_EVENT, (m,), message, strong.date), event_id=weak.id)
            )
    return out


def _event(members: list[EventMention], name_of: Callable[[str], str]) -> tuple[Event, list[Finding]]:
    contact = min((em.contact for em in members), key=CONTACTS.index)
    participants = tuple(sorted({p for em in members for p in em.participants}))
    date, explanation = decide(members)
    eid = event_id(members)
    event = Event(
        eid,
        contact,
        participants,
        date,
        tuple(members),
        tuple(sorted({em.source for em in members})),
        explanation,
    )
    return event, [replace(f, event_id=eid) for f in _findings(event, name_of)]


def _findings(event: Event, name_of: Callable[[str], str]) -> list[Finding]:
    out: list[Finding] = []
    what = CONTACT_WORDS[event.contact]
    # the reports that give the event's date: named when one report disagrees (computed once)
    agreeing = sorted({m.doc_id for m in event.members if m.candidates and likely(m) == event.date})
    for em in event.members:
        m = em.mention
        people = _people(em, name_of)
        if m is None or (not em.candidates and FindingKind.INVALID_DATE not in m.problems):
            if em.role == "main":
                why = (
                    "gives no date for it"
                    if m is None
                    else f"its date «{m.text}» cannot be resolved ({m.note})"
                )
                message = f"{em.doc_id} reports a {what}{people} but {why}"
                out.append(
                    make_finding(
                        FindingKind.UNDATED_EVENT,
                        (m,) if m else (),
                        message.rstrip(".") + ".",
                        extra_spans=(em.trigger,),
                    )
                )
            continue
        if event.date is None:
            continue
        published = em.published
        stale = FindingKind.STALE_HEADER in m.problems  # its page date is the suspect, already said
        if (
            em.role == "main"
            and not em.future
            and published is not None
            and published < event.date
            and not stale
        ):
            out.append(
                make_finding(
                    FindingKind.PUBLISHED_BEFORE_EVENT,
                    (m,),
                    f"{em.doc_id} is dated {published} but reports as past the "
                    f"{what}{people}, which took place on {event.date}.",
                    event.date,
                )
            )
        out.extend(_disagreement(em, event, what, people, agreeing))
    return out


def _disagreement(
    em: EventMention, event: Event, what: str, people: str, agreeing: list[str]
) -> list[Finding]:
    m, date = em.mention, event.date
    if m is None or m.iso is None or m.iso == date or date is None or em.inherited:
        return []
    if m.suggested == date and any_with(m.problems, "explains_event_date"):
        return []  # already reported with the document, with this date as the likely one
    others = [d for d in agreeing if d != em.doc_id]
    shown = ", ".join(others[:4]) + (f" and {len(others) - 4} more" if len(others) > 4 else "")
    backing = f"{len(others)} other report(s) ({shown})" if others else "the other readings"
    delta = (m.iso - date).days
    if m.calendar is Calendar.HIJRI and abs(delta) == 1:
        return [
            make_finding(
                FindingKind.HIJRI_OFFSET,
                (m,),
                f"{em.doc_id} gives «{m.text}» = {m.iso}, one day from {date}: "
                "lunar months start by moon sighting in some countries (Iran) and by the Umm "
                "al-Qura table in others.",
                date,
            )
        ]
    if within_allowance(m.iso, date, allowance(em)):
        return []  # "tonight" in a report written in the evening and published the next morning
    if abs(delta) == 1 and _around_midnight(event):
        return [
            make_finding(
                FindingKind.NIGHT_BOUNDARY,
                (m,),
                f"{em.doc_id} dates the {what}{people} {describe(m.iso)} («{m.text}»), but {backing} give "
                f"{describe(date)}: the contact is told as around midnight, one day in one time zone and the "
                "next in another (Tehran is UTC+3:30).",
                date,
            )
        ]
    if (
        m.calendar in (Calendar.GREGORIAN, Calendar.JALALI)
        and m.year
        and m.month
        and m.day
        and date in confusion_readings(m.calendar, m.year, m.month, m.day)
    ):
        return [
            make_finding(
                FindingKind.CALENDAR_CONFUSION,
                (m,),
                f"{em.doc_id} dates the {what}{people} «{m.text}» "
                f"= {m.iso}; the same day number in the other calendar's overlapping month is {date}, "
                f"the date {backing} give.",
                date,
            )
        ]
    if m.resolution is Resolution.RELATIVE:
        return [
            make_finding(
                FindingKind.RELATIVE_CONFLICT,
                (m,),
                f"In {em.doc_id}, «{m.text}» counted from its publication "
                f"date is {m.iso}, but {backing} put the {what}{people} on {date}.",
                date,
            )
        ]
    return [
        make_finding(
            FindingKind.DATE_CONFLICT,
            (m,),
            f"{em.doc_id} dates the {what}{people} {m.iso} («{m.text}»), but {backing} give {date}.",
            date,
        )
    ]
