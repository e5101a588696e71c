"""Across documents: group event mentions into events, decide each event's date, flag what disagrees.

Event mentions are the same event when they share participants, their kinds agree (a generic
"talks" fits a call or a meeting) and their dates, including the readings of a flagged calendar
confusion, lie within GROUP_WINDOW days. A caller-supplied event key overrides all of that. The date
is the one with the most evidence: each source counts once per date, with its strongest evidence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from datesync import calendars
from datesync.findings import make_finding
from datesync.model import Calendar, Event, EventMention, Finding, Resolution, Role
from datesync.resolve import confusion_readings, fmt

GROUP_WINDOW = 2  # days: same people, same kind, dates this close = one event reported inconsistently
KIND_WORDS = {"phone_call": "phone call", "meeting": "meeting", "contact": "contact"}


@dataclass(frozen=True, slots=True)
class Evidence:
    date: dt.date
    weight: float
    how: str  # what the evidence is, for the explanation: "the full date"


def evidence(em: EventMention) -> list[Evidence]:
    """What one event mention says about the date, and how much it weighs."""
    m = em.mention
    if m is None:
        return []
    if em.inherited:
        return [Evidence(d, 0.5, "the date of the report's main event") for d in em.candidates[:1]]
    if em.after_publication:  # told as past, dated after publication: its earlier readings weigh more
        return [Evidence(m.iso, 0.5, "a date after its own publication")] + [
            Evidence(d, 1.0, "a calendar reading before its publication")
            for d in em.candidates
            if d != m.iso
        ]
    if "hijri_offset" in m.problems and m.suggested is not None:
        return [Evidence(m.suggested, 3.0, "a lunar date whose weekday fits the moon-sighting count")]
    if "weekday_mismatch" in m.problems:
        if m.suggested is not None:
            return [Evidence(m.suggested, 1.5, "the weekday-matching reading of a mis-dated day")]
        return [Evidence(m.iso, 0.5, "a date whose weekday does not fit")] if m.iso else []
    if m.iso is None:
        if m.suggested is None:
            return []
        if "hijri_month_length" in m.problems:
            return [Evidence(m.suggested, 2.0, "a 30th that Umm al-Qura lacks")]
        return [Evidence(m.suggested, 1.0, "the weekday written beside an impossible date")]
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
    return [Evidence(m.iso, weight, how)]


def bucket_key(em: EventMention) -> str:
    """Event mentions can only be one event within the same bucket (see the module docstring)."""
    if em.event_key:
        return "key:" + em.event_key
    if len(em.participants) >= 2:
        return "people:" + "|".join(em.participants)
    return f"alone:{em.doc_id}:{em.index}"


def _kinds_fit(a: str, b: str) -> bool:
    return a == b or "contact" in (a, b)


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(members: list[EventMention]) -> list[list[EventMention]]:
    """Split one bucket into events (members in input order within each event)."""
    if members and members[0].event_key:
        return [members]
    union = _Union(len(members))
    points = sorted((d, i) for i, em in enumerate(members) for d in em.candidates)
    for a, (date_a, i) in enumerate(points):
        for date_b, j in points[a + 1 :]:
            if (date_b - date_a).days > GROUP_WINDOW:
                break
            if _kinds_fit(members[i].kind, members[j].kind):
                union.join(i, j)
    groups: dict[int, list[EventMention]] = defaultdict(list)
    for i, em in enumerate(members):
        groups[union.find(i)].append(em)
    return [groups[k] for k in sorted(groups)]


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
    others = sorted(d for d in totals if d != date)
    dissent = (
        (" Against: " + "; ".join(f"{d} ({', '.join(s for s, _ in backers[d])})" for d in others) + ".")
        if others
        else ""
    )
    return date, f"{fmt(date)} ({calendar_labels(date)}), from: {because}.{dissent}"


def calendar_labels(date: dt.date) -> str:
    parts = []
    for calendar in (Calendar.JALALI, Calendar.HIJRI):
        try:
            y, m, d = calendars.from_gregorian(calendar, date)
            parts.append(f"{d} {calendars.month_name(calendar, m)} {y}")
        except calendars.OutOfRange:
            continue
    return "; ".join(parts)


def event_id(members: Iterable[EventMention]) -> str:
    key = "\x1f".join(sorted(f"{em.doc_id}\x1e{em.trigger.start}" for em in members))
    return "E" + hashlib.blake2b(key.encode(), digest_size=5).hexdigest()


def _people(em: EventMention, names: Mapping[str, str]) -> str:
    return " and ".join(names.get(p, p) for p in em.participants) or "unnamed participants"


def reconcile(
    event_mentions: Iterable[EventMention],
    references: Mapping[str, dt.date | None],
    names: Mapping[str, str] | None = None,
) -> tuple[list[Event], list[Finding]]:
    """Events and their findings. `references` maps doc id -> its publication date."""
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
            event, found = _event(group, references, names or {})
            events.append(event)
            findings.extend(found)
    events.sort(key=lambda e: (e.date or dt.date.max, e.id))
    return events, findings


def _event(
    members: list[EventMention], references: Mapping[str, dt.date | None], names: Mapping[str, str]
) -> tuple[Event, list[Finding]]:
    kind = min((em.kind for em in members), key=("phone_call", "meeting", "contact").index)
    participants = tuple(sorted({p for em in members for p in em.participants}))
    date, explanation = decide(members)
    eid = event_id(members)
    event = Event(
        eid,
        kind,
        participants,
        date,
        tuple(members),
        tuple(sorted({em.source for em in members})),
        explanation,
    )
    return event, [replace(f, event_id=eid) for f in _findings(event, references, names)]


def _findings(
    event: Event, references: Mapping[str, dt.date | None], names: Mapping[str, str]
) -> list[Finding]:
    out: list[Finding] = []
    what = KIND_WORDS[event.kind]
    for em in event.members:
        m = em.mention
        people = _people(em, names)
        if m is None or (not em.candidates and "invalid_date" not in m.problems):
            if em.role == "main":
                why = (
                    "gives no date for it"
                    if m is None
                    else f"its date «{m.text}» cannot be resolved ({m.note})"
                )
                message = f"{em.doc_id} reports a {what} between {people} but {why}"
                out.append(
                    make_finding(
                        "undated_event",
                        (m,) if m else (),
                        message.rstrip(".") + ".",
                        extra_spans=(em.trigger,),
                    )
                )
            continue
        if event.date is None:
            continue
        published = references.get(em.doc_id)
        if em.role == "main" and not em.future and published is not None and published < event.date:
            out.append(
                make_finding(
                    "published_before_event",
                    (m,),
                    f"{em.doc_id} is dated {published} but reports as past the "
                    f"{what} between {people}, which took place on {event.date}.",
                    event.date,
                )
            )
        out.extend(_disagreement(em, event, what, people))
    return out


def _disagreement(em: EventMention, event: Event, what: str, people: str) -> list[Finding]:
    m, date = em.mention, event.date
    if m is None or m.iso is None or m.iso == date or date is None or em.inherited:
        return []
    if m.suggested == date and ("calendar_confusion" in m.problems or "hijri_offset" in m.problems):
        return []  # already reported with the document
    others = sorted({x.source for x in event.members if x.source != em.source})
    backing = f"{len(others)} other report(s) ({', '.join(others)})" if others else "the other evidence"
    delta = (m.iso - date).days
    if m.calendar is Calendar.HIJRI and abs(delta) == 1:
        return [
            make_finding(
                "hijri_offset",
                (m,),
                f"{em.doc_id} gives «{m.text}» = {m.iso}, one day from {date}: "
                "lunar months start by moon sighting in some countries (Iran) and by the Umm "
                "al-Qura table in others.",
                date,
            )
        ]
    if m.relative is not None and m.kind.value == "relative" and 0 <= delta <= em.lag:
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
                "calendar_confusion",
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
                "relative_conflict",
                (m,),
                f"In {em.doc_id}, «{m.text}» counted from its publication "
                f"date is {m.iso}, but {backing} put the {what} between {people} on {date}.",
                date,
            )
        ]
    return [
        make_finding(
            "date_conflict",
            (m,),
            f"{em.doc_id} dates the {what} between {people} {m.iso} («{m.text}»), but {backing} give {date}.",
            date,
        )
    ]
