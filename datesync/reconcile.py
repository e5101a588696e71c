"""Across documents: group event mentions into events, decide each event's date, flag what disagrees.

Event mentions are the same event when they share participants, their kinds of contact agree (a generic
"talks" fits a call or a meeting) and their dates, including the readings of a flagged calendar
confusion, lie within GROUP_WINDOW days. A caller-supplied event key overrides all of that. The date
is the one with the most evidence: each source counts once per date, with its strongest evidence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from datesync import calendars
from datesync.calendars import confusion_readings, describe
from datesync.findings import FindingKind, any_with, make_finding, suggestion_policy
from datesync.model import CONTACTS, Calendar, Event, EventMention, Finding, Form, Resolution, Role
from datesync.reading import within_allowance

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
    return [Evidence(m.iso, weight, how, allowance(em))]


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
    spans = sorted(((likely(g[0]), likely(g[-1]), i) for i, g in enumerate(groups) if len(g) > 1))
    starts = [s for s, _, _ in spans]
    moved: set[int] = set()
    for i, group in enumerate(groups):
        if len(group) != 1:
            continue
        em = group[0]
        homes = set()
        for day in em.candidates:
            if day == likely(em):
                continue
            # an event holding `day` starts at most GROUP_SPAN + GROUP_WINDOW days before it
            for start, end, j in spans[
                bisect_left(starts, day - _SPAN - _WINDOW) : bisect_right(starts, day + _WINDOW)
            ]:
                if start - _WINDOW <= day <= end + _WINDOW and _contacts_fit(em.contact, groups[j][0].contact):
                    homes.add(j)
        if len(homes) == 1:
            groups[homes.pop()].append(em)
            moved.add(i)
    return [sorted(g, key=lambda em: (em.doc_id, em.index)) for i, g in enumerate(groups) if i not in moved]


def decide(members: list[EventMention]) -> tuple[dt.date | None, str]:
    """The event's date and a sentence saying why."""
    per_source: dict[str, dict[dt.date, Evidence]] = defaultdict(dict)
    for em in members:
        for ev in evidence(em):
            best = per_source[em.source].get(ev.date)
            if best is None or ev.weight > best.weight:
                per_source[em.source][ev.date] = ev
    totals: dict[dt.date, float] = defaultdict(float)
    backers: dict[dt.date, list[tuple[str, Evidence]]] = defaultdict(list)
    for source in sorted(per_source):
        for date, ev in per_source[source].items():
            totals[date] += ev.weight
            backers[date].append((source, ev))
    if not totals:
        return None, "No report gives a date for it."
    date = max(totals, key=lambda d: (totals[d], len(backers[d]), -d.toordinal()))
    reasons = defaultdict(list)
    for source, ev in backers[date]:
        reasons[ev.how].append(source)
    because = "; ".join(f"{how} ({', '.join(srcs)})" for how, srcs in reasons.items())
    others = sorted(  # a "tonight" that may mean the day before the decided one is no dissent
        d for d in totals if d != date and not all(within_allowance(d, date, ev.allowance) for _, ev in backers[d])
    )
    dissent = (
        (" Against: " + "; ".join(f"{d} ({', '.join(s for s, _ in backers[d])})" for d in others) + ".")
        if others
        else ""
    )
    return date, f"{describe(date)} ({calendars.labels(date)}), from: {because}.{dissent}"


def event_id(members: Iterable[EventMention]) -> str:
    key = "\x1f".join(sorted(f"{em.doc_id}\x1e{em.trigger.start}" for em in members))
    return "E" + hashlib.blake2b(key.encode(), digest_size=5).hexdigest()


def _people(em: EventMention, name_of: Callable[[str], str]) -> str:
    return " and ".join(name_of(p) for p in em.participants) or "unnamed participants"


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
        groups = cluster(dated) + [[em] for em in bucket if not (em.candidates or em.event_key)]
        for group in groups:
            event, found = _event(group, name_of)
            events.append(event)
            findings.extend(found)
    events.sort(key=lambda e: (e.date or dt.date.max, e.id))
    return events, findings


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
                message = f"{em.doc_id} reports a {what} between {people} but {why}"
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
        if em.role == "main" and not em.future and published is not None and published < event.date:
            out.append(
                make_finding(
                    FindingKind.PUBLISHED_BEFORE_EVENT,
                    (m,),
                    f"{em.doc_id} is dated {published} but reports as past the "
                    f"{what} between {people}, which took place on {event.date}.",
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
                f"{em.doc_id} dates the {what} between {people} «{m.text}» "
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
                f"date is {m.iso}, but {backing} put the {what} between {people} on {date}.",
                date,
            )
        ]
    return [
        make_finding(
            FindingKind.DATE_CONFLICT,
            (m,),
            f"{em.doc_id} dates the {what} between {people} {m.iso} («{m.text}»), but {backing} give {date}.",
            date,
        )
    ]
