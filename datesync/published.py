"""Publication dates as callers and scrapers give them, and the local day they fall on.

Accepted: a date; a datetime (naive: the writer's own clock; aware: a moment); ISO strings with or
without an offset (2023-11-19T21:30:00+00:00, ...Z); RFC 2822 (Sun, 19 Nov 2023 21:30:00 GMT);
numeral dates with an optional time (1402/08/28 - 23:30, 2023/11/20, 19/11/2023); any one date
datesync reads (۲۹ آبان ۱۴۰۲, 19 Nov 2023 20:00 GMT).

A moment is read as the local day of the document's zone (`places.toml` says how the zone is found);
21:30 GMT is already the next morning in Tehran.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from datesync import calendars, lexicons, numerals
from datesync.errors import DatesyncError, InvalidDate
from datesync.find import find
from datesync.model import Calendar, Form
from datesync.normalize import prepare

PUBLISHED_YEARS = (1000, 3000)  # 0001-01-01 and the like are database placeholders, not dates
PLAUSIBLE_YEARS = (
    1990,
    2100,
)  # a numeral publication date (of a web page) is read in the calendar that lands here
HIJRI_LOOKING = (1200, 1600)  # an ISO-shaped publication date with such a year was not meant as AD
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:：](\d{2})(?::(\d{2}))?(?!\d)")
_UTC = re.compile(r"\b(?:GMT|UTC|Z)\b|بتوقيت غرينتش|به وقت گرینویچ")


def parse_published(value: object, zone: str | None = None) -> tuple[dt.date, dt.time | None]:
    """The local date (and time, when known) of a publication date, in `zone` for a moment."""
    return local_day(read(value), zone)


def read(value: object) -> dt.date | dt.datetime:
    """A date, a naive datetime (a local clock) or an aware datetime (a moment); InvalidDate when
    the value holds no single readable date."""
    moment = _read(value)
    first, last = PUBLISHED_YEARS
    if not first <= moment.year <= last:
        raise InvalidDate(f"published: year {moment.year} is outside {first}-{last}")
    return moment


def local_day(moment: dt.date | dt.datetime, zone: str | None) -> tuple[dt.date, dt.time | None]:
    if not isinstance(moment, dt.datetime):
        return moment, None
    if moment.tzinfo is not None and zone:
        moment = moment.astimezone(time_zone(zone))
    return moment.date(), moment.time().replace(tzinfo=None)


@cache
def time_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidDate(f"timezone: {name!r} is not an IANA time zone (e.g. Asia/Tehran)") from None


def _read(value: object) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"published must be a date, a datetime or a string, got {type(value).__name__}")
    text = value.strip()
    for reader in (_iso, _rfc2822, _numeral, _written):
        moment = reader(text)
        if moment is not None:
            return moment
    raise InvalidDate(f"published: cannot read a date from {value!r} (use ISO, e.g. 2023-11-20)")


def _iso(text: str) -> dt.date | dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if HIJRI_LOOKING[0] <= stamp.year <= HIJRI_LOOKING[1]:  # 1402-08-29: Solar Hijri, not 1402 AD
        raise InvalidDate(
            f"published: {text!r} has the year {stamp.year}, a Solar or lunar Hijri year; write the "
            "Gregorian date (e.g. 2023-11-20) or the date with its month name (۲۹ آبان ۱۴۰۲)"
        )
    return stamp if len(text) > 10 else stamp.date()


def _rfc2822(text: str) -> dt.datetime | None:
    if not re.match(r"(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{4} \d", text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None


_NUMERAL = re.compile(r"([0-9۰-۹٠-٩]{1,4})([/.\-])([0-9۰-۹٠-٩]{1,2})\2([0-9۰-۹٠-٩]{1,4})")


def _numeral(text: str) -> dt.date | dt.datetime | None:
    """1402/08/28 - 23:30, 2023/11/20, 19/11/2023: the one reading in a plausible year."""
    match = _NUMERAL.match(text)
    if match is None:
        return None
    a, b, c = (int(match[k]) for k in (1, 3, 4))
    dates = set()
    for reading in numerals.readings((a, b, c, len(match[1])), None, None, ""):
        try:
            date = calendars.to_gregorian(reading.calendar, reading.year, reading.month, reading.day)
        except DatesyncError:
            continue
        if PLAUSIBLE_YEARS[0] <= date.year <= PLAUSIBLE_YEARS[1]:
            dates.add(date)
    if len(dates) > 1:
        raise InvalidDate(
            f"published: {text!r} can be read as {' or '.join(map(str, sorted(dates)))}; write ISO"
        )
    return _with_time(dates.pop(), text[match.end() :]) if dates else None


def _written(text: str) -> dt.date | dt.datetime | None:
    """Any one full date datesync reads, with a time and a GMT/UTC mark if written."""
    full = [
        r for r in find(prepare(text).text) if r.form is Form.DATE and r.calendar not in (None, Calendar.NONE)
    ]
    if not full or full[0].numeral_date is not None:
        return None
    raw = full[0]
    try:
        date = calendars.to_gregorian(raw.calendar, raw.year, raw.month, raw.day)  # type: ignore[arg-type]
    except DatesyncError as exc:
        raise InvalidDate(f"published: {exc}") from None
    return _with_time(date, text[raw.end :])


def _with_time(date: dt.date, rest: str) -> dt.date | dt.datetime:
    match = _TIME.search(rest)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return date
    moment = dt.datetime.combine(date, dt.time(int(match[1]), int(match[2]), int(match[3] or 0)))
    return moment.replace(tzinfo=dt.timezone.utc) if _UTC.search(rest) else moment


@cache
def _zones() -> tuple[dict[str, str], dict[str, str]]:
    """Folded city names and agency names -> IANA zone."""
    from datesync.phrases import key

    cities, agencies = {}, {}
    for place in lexicons.load("places")["place"]:
        cities.update({key(name): place["zone"] for name in place["names"]})
        agencies.update({key(name): place["zone"] for name in place["agencies"]})
    return cities, agencies


def zone_of(*names: str) -> str | None:
    """The zone of the first name that is a known city or agency (a dateline's place, a source)."""
    from datesync.phrases import key

    cities, agencies = _zones()
    for name in names:
        k = key(name)
        if k and (k in cities or k in agencies):
            return cities.get(k) or agencies[k]
    return None
