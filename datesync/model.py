"""Value types shared by every stage. Records only: no logic lives here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from enum import Enum
from operator import attrgetter


class StrEnum(str, Enum):
    """A str enum that prints as its value on every Python we support (3.10 has no StrEnum)."""

    def __str__(self) -> str:
        return self.value

    def __reduce_ex__(self, protocol):  # by name: a class attribute lookup, not Enum.__call__
        return getattr, (type(self), self.name)


class Calendar(StrEnum):
    JALALI = "jalali"
    GREGORIAN = "gregorian"
    HIJRI = "hijri"
    NONE = "none"  # weekday or relative word only


class Form(StrEnum):
    """The shape of a date mention: which parts are written."""

    DATE = "date"  # day, month and year
    DAY_MONTH = "day_month"
    MONTH_YEAR = "month_year"
    YEAR = "year"
    WEEKDAY = "weekday"
    RELATIVE = "relative"


class Resolution(StrEnum):
    EXPLICIT = "explicit"  # every part needed was written
    YEAR_INFERRED = "year_inferred"  # the year came from the reference date
    RELATIVE = "relative"  # computed from the reference date (today, a bare weekday)
    CONTEXT = "context"  # no reference date: the text itself fixed it (its other dates, the weekday, who held office)
    UNRESOLVED = "unresolved"  # no honest single date


class Role(StrEnum):
    BODY = "body"
    PUBLICATION = "publication"  # the header or dateline that dates the document itself


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names in Python's `date.weekday()` order (Monday = 0)."""

CONTACTS = ("phone_call", "meeting", "contact")
"""Kinds of contact, most specific first: a generic "talks" (contact) fits a call or a meeting."""


def frozen_record(cls):
    """A frozen, slotted dataclass that pickles as (class, field values).

    Results cross process boundaries (`--jobs`) and spill to disk by the million; dataclasses' own
    pickling of slotted classes looks up `fields()` for every object it loads, which made unpickling
    about three times slower than this.
    """
    cls = dataclass(frozen=True, slots=True)(cls)
    values = attrgetter(*(f.name for f in fields(cls)))

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls


@frozen_record
class Mention:
    """One date expression, with offsets into the original text (`text[start:end] == surface`)."""

    start: int
    end: int
    text: str
    calendar: Calendar
    form: Form
    year: int | None
    month: int | None
    day: int | None
    weekday: str | None  # as stated in the text, an English name from WEEKDAYS
    iso: dt.date | None
    resolution: Resolution
    lang: str
    relative: int | None = None  # day offset stated by a relative word: 0 tonight, -1 yesterday
    role: Role = Role.BODY
    problems: tuple[str, ...] = ()  # finding codes raised by this mention alone
    suggested: dt.date | None = None  # the likely intended date when a problem explains itself
    alternatives: tuple[dt.date, ...] = ()  # other readings (calendar confusion, ambiguous numerals)
    note: str = ""  # why it resolved (or did not) the way it did
    doc_id: str = ""
    until: dt.date | None = None  # the last day of a range or pair (۲۲ و ۲۳ فروردین): `iso` is the first


@frozen_record
class Span:
    doc_id: str
    start: int
    end: int
    text: str


@frozen_record
class Finding:
    """Something that does not add up, explained in one sentence a journalist understands."""

    id: str
    kind: str  # a stable code: weekday_mismatch, calendar_confusion, date_conflict, ...
    severity: Severity
    doc_ids: tuple[str, ...]
    spans: tuple[Span, ...]
    message: str
    suggested: dt.date | None = None
    event_id: str = ""


@frozen_record
class Reference:
    """The date a document's relative words and missing years are read against, and where it came from."""

    date: dt.date | None
    source: str  # "argument", "header", "dateline" or "none"
    time: dt.time | None = None
    mention: Mention | None = None  # the text's own publication date, if it has one
    located: str = ""  # what that is: "header", "dateline" or "" (none in the text)


@frozen_record
class DocumentDates:
    """Everything datesync reads off one text: its mentions, its reference date and its own findings."""

    mentions: tuple[Mention, ...]
    reference: Reference
    findings: tuple[Finding, ...] = ()
    lang: str = ""


@frozen_record
class Document:
    text: str
    id: str = ""
    published: dt.date | dt.datetime | str | None = None
    source: str = ""
    lang: str | None = None
    event: str = ""
    note: str = ""  # a problem found while reading the record, reported with its result
    timezone: str | None = None  # IANA zone of the outlet's clock, for a published moment


@frozen_record
class EventMention:
    """A call or meeting a document reports, with the date the text gives for it."""

    doc_id: str
    index: int  # position among the document's event mentions
    contact: str  # phone_call, meeting, contact (talks of either kind)
    participants: tuple[str, ...]  # canonical actor ids, sorted
    trigger: Span
    mention: Mention | None  # the date mention that belongs to this event
    role: str  # "main", "back_reference" (an earlier contact recalled) or "related" (another, same report)
    source: str = ""
    lang: str = ""
    event_key: str = ""  # caller-supplied grouping key, if any
    candidates: tuple[dt.date, ...] = field(default=())  # dates this mention could mean
    future: bool = False  # reported as coming ("will meet"), not as done
    inherited: bool = False  # no date of its own: dated by the report's main event
    allowance: int = 1  # days a relative word may trail the event (see reading.relative_allowance)
    published: dt.date | None = None  # the report's publication date (its reference date)
    after_publication: bool = False  # told as past but dated after the report's own publication
    wording: str = ""  # a digest of the report's wording from the contact's sentence on: copies share it


@frozen_record
class Event:
    id: str
    contact: str
    participants: tuple[str, ...]
    date: dt.date | None
    members: tuple[EventMention, ...]
    sources: tuple[str, ...]
    explanation: str


Kind = Form  # the name of 0.1
