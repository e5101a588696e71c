"""Calendar arithmetic: the only module that imports jdatetime and hijridate.

Solar Hijri dates are counted from the official year start (1 Farvardin), which jdatetime gives for
every year but those listed in lexicons/solar_hijri.toml; leap years follow from consecutive starts,
so that one table corrects both the start and the length of a year.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
from functools import cache, lru_cache

import hijridate
import jdatetime

from datesync import languages, lexicons
from datesync.errors import InvalidDate, OutOfRange
from datesync.model import WEEKDAYS, Calendar

HIJRI_YEARS = (1343, 1500)  # Umm al-Qura as implemented by hijridate
HIJRI_MONTHS = (
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qadah",
    "Dhu al-Hijjah",
)
JALALI_MONTHS = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
GREGORIAN_MONTHS = (  # written out: calendar.month_name follows the process locale
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@cache
def _solar_hijri_table() -> tuple[tuple[int, int], dict[int, dt.date]]:
    data = lexicons.load("solar_hijri")
    first, last = data["verified_years"]
    return (first, last), {int(year): start for year, start in data["nowruz"].items()}


def jalali_years() -> tuple[int, int]:
    """The Solar Hijri years whose conversion is checked against the official table."""
    return _solar_hijri_table()[0]


@cache
def nowruz(year: int) -> dt.date:
    """Gregorian date of 1 Farvardin of `year` (official rule; jdatetime where it agrees)."""
    override = _solar_hijri_table()[1].get(year)
    if override is not None:
        return override
    return jdatetime.date(year, 1, 1).togregorian()


def jalali_is_leap(year: int) -> bool:
    return (nowruz(year + 1) - nowruz(year)).days == 366


def jalali_month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jalali_is_leap(year) else 29


def _check_jalali(year: int, month: int, day: int) -> None:
    first, last = jalali_years()
    if not first <= year <= last:
        raise OutOfRange(f"Solar Hijri year must be in {first}-{last}, got {year}")
    if not 1 <= month <= 12:
        raise InvalidDate(f"Solar Hijri month must be in 1-12, got {month}")
    length = jalali_month_length(year, month)
    if not 1 <= day <= length:
        raise InvalidDate(f"{JALALI_MONTHS[month - 1]} {year} has {length} days, got day {day}")


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date:
    _check_jalali(year, month, day)
    day_of_year = (month - 1) * 31 - max(0, month - 7) + day - 1
    return nowruz(year) + dt.timedelta(days=day_of_year)


def gregorian_to_jalali(date: dt.date) -> tuple[int, int, int]:
    year = date.year - 621
    if date < nowruz(year):
        year -= 1
    first, last = jalali_years()
    if not first <= year <= last:
        raise OutOfRange(f"{date.isoformat()} is in Solar Hijri year {year}, outside {first}-{last}")
    day_of_year = (date - nowruz(year)).days
    if day_of_year < 186:
        return year, day_of_year // 31 + 1, day_of_year % 31 + 1
    rest = day_of_year - 186  # Mehr onwards: 30-day months, Esfand last
    month = min(rest // 30, 5) + 7
    return year, month, rest - (month - 7) * 30 + 1


def _hijri(year: int, month: int, day: int) -> hijridate.Hijri:
    try:
        return hijridate.Hijri(year, month, day)
    except OverflowError:
        first, last = HIJRI_YEARS
        raise OutOfRange(
            f"lunar Hijri year must be in {first}-{last} (the Umm al-Qura table), got {year}"
        ) from None
    except ValueError as exc:
        raise InvalidDate(f"{HIJRI_MONTHS[month - 1] if 1 <= month <= 12 else month} {year}: {exc}") from None


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    return dt.date(*_hijri(year, month, day).to_gregorian().datetuple())


def hijri_month_length(year: int, month: int) -> int:
    return _hijri(year, month, 1).month_length()


def gregorian_to_hijri(date: dt.date) -> tuple[int, int, int]:
    try:
        return hijridate.Gregorian(date.year, date.month, date.day).to_hijri().datetuple()
    except OverflowError:
        raise OutOfRange(
            f"{date.isoformat()} is outside the Umm al-Qura table (1924-08-01 - 2077-11-16)"
        ) from None


def gregorian_to_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise InvalidDate(f"Gregorian month must be in 1-12, got {month}") from None
        length = _gregorian.monthrange(year, month)[1] if 1 <= year <= 9999 else 0
        if not length:
            raise OutOfRange(f"Gregorian year must be in 1-9999, got {year}") from None
        raise InvalidDate(f"{GREGORIAN_MONTHS[month - 1]} {year} has {length} days, got day {day}") from None


@lru_cache(maxsize=1 << 16)
def to_gregorian(calendar: Calendar, year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a date in its own calendar. Raises InvalidDate or OutOfRange."""
    if calendar is Calendar.JALALI:
        return jalali_to_gregorian(year, month, day)
    if calendar is Calendar.HIJRI:
        return hijri_to_gregorian(year, month, day)
    if calendar is Calendar.GREGORIAN:
        return gregorian_to_date(year, month, day)
    raise ValueError(f"no date arithmetic for calendar {calendar!r}")


def from_gregorian(calendar: Calendar, date: dt.date) -> tuple[int, int, int]:
    if calendar is Calendar.JALALI:
        return gregorian_to_jalali(date)
    if calendar is Calendar.HIJRI:
        return gregorian_to_hijri(date)
    return date.year, date.month, date.day


def month_length(calendar: Calendar, year: int, month: int) -> int:
    if calendar is Calendar.JALALI:
        return jalali_month_length(year, month)
    if calendar is Calendar.HIJRI:
        return hijri_month_length(year, month)
    return _gregorian.monthrange(year, month)[1]


def month_name(calendar: Calendar, month: int) -> str:
    names = {Calendar.JALALI: JALALI_MONTHS, Calendar.HIJRI: HIJRI_MONTHS}.get(calendar, GREGORIAN_MONTHS)
    return names[month - 1]


# -- a date in words and in the other calendars: the one place that writes them ------------------

CALENDAR_NAMES = {
    Calendar.JALALI: "Solar Hijri",
    Calendar.HIJRI: "lunar Hijri",
    Calendar.GREGORIAN: "Gregorian",
}
OTHER_CALENDARS = (Calendar.JALALI, Calendar.HIJRI)  # shown beside a Gregorian date
WEEKDAY_NAMES = tuple(name.capitalize() for name in WEEKDAYS)  # Monday first, as date.weekday() counts


def describe(date: dt.date) -> str:
    """ "Monday 2023-12-11": how messages name a day."""
    return f"{WEEKDAY_NAMES[date.weekday()]} {date.isoformat()}"


def in_calendar(calendar: Calendar, date: dt.date | None) -> str | None:
    """A date written in another calendar, ISO-style with ASCII digits (1402-08-28); None outside
    that calendar's table."""
    if date is None:
        return None
    try:
        y, m, d = from_gregorian(calendar, date)
    except OutOfRange:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def labels(date: dt.date) -> str:
    """The date in the other calendars, with month names: "20 Azar 1402; 27 Jumada al-Ula 1445"."""
    parts = []
    for calendar in OTHER_CALENDARS:
        try:
            y, m, d = from_gregorian(calendar, date)
        except OutOfRange:
            continue
        parts.append(f"{d} {month_name(calendar, m)} {y}")
    return "; ".join(parts)


def written(calendar: Calendar, year: int, month: int, day: int) -> str:
    """A date as its own calendar writes it, for messages: "20 December 2023", "31 Mehr 1402 (Solar Hijri)"."""
    text = f"{day} {month_name(calendar, month)} {year}"
    return text if calendar is Calendar.GREGORIAN else f"{text} ({CALENDAR_NAMES[calendar]})"


def weekday_fits(date: dt.date, weekday: int, eve: bool) -> bool:
    """ "Eve of Friday" (شب جمعه) is Thursday evening; a date written beside it may be either day."""
    return date.weekday() == weekday or (eve and date.weekday() == (weekday - 1) % 7)


CONFUSABLE = {Calendar.GREGORIAN: Calendar.JALALI, Calendar.JALALI: Calendar.GREGORIAN}
"""Calendars whose month names writers swap while keeping the day number."""


def confusion_readings(calendar: Calendar, year: int, month: int, day: int) -> tuple[dt.date, ...]:
    """Dates meant if the day number belongs to the other calendar's month overlapping this one.

    "20 December 2023" read with a Solar Hijri day number: December 2023 overlaps Azar and Dey 1402,
    so 20 Azar (2023-12-11) and 20 Dey (2024-01-10). And the reverse for a Jalali month name.
    """
    other = CONFUSABLE.get(calendar)
    if other is None:
        return ()
    try:
        first = to_gregorian(calendar, year, month, 1)
        last = first + dt.timedelta(days=month_length(calendar, year, month) - 1)
        months = sorted({from_gregorian(other, first)[:2], from_gregorian(other, last)[:2]})
    except (InvalidDate, OutOfRange):
        return ()
    readings = []
    for other_year, other_month in months:
        try:
            readings.append(to_gregorian(other, other_year, other_month, day))
        except (InvalidDate, OutOfRange):
            continue
    return tuple(readings)


def _display(word: str, lang: str) -> str:
    """Lexicon words are stored as folded; Latin-script ones are shown capitalized."""
    return word.title() if languages.get(lang).script == "latin" and word.islower() else word


def renderings(date: dt.date) -> dict:
    """The date in every calendar, written in the language of that calendar's writing family
    (months.toml `writes`), and its weekday in every language of the registry."""
    weekdays = lexicons.load("weekdays")
    out = []
    writers = [f for f in lexicons.load("months")["family"] if f.get("writes")]
    order = (Calendar.GREGORIAN, *OTHER_CALENDARS)
    for family in sorted(writers, key=lambda f: order.index(Calendar(f["calendar"]))):
        calendar, lang = Calendar(family["calendar"]), family["lang"]
        iso = in_calendar(calendar, date)
        text = None
        if iso:
            y, m, d = (int(x) for x in iso.split("-"))
            month = _display(family["months"][m - 1][0], lang)
            weekday = _display(weekdays[lang]["names"][date.weekday()][0], lang)
            text = f"{weekday} {d} {month} {y}"
        name = CALENDAR_NAMES[calendar]
        out.append({"calendar": name[0].upper() + name[1:], "iso": iso, "written": text})
    return {
        "calendars": out,
        "weekday": {lang: weekdays[lang]["names"][date.weekday()][0] for lang in languages.codes()},
    }


def occurrences(
    calendar: Calendar, month: int, day: int, year_calendar: Calendar, year: int
) -> list[dt.date]:
    """Every date of `day` `month` (in `calendar`) that falls in `year` of `year_calendar`: one when
    the calendars agree, one or two (a lunar date in a Gregorian year), none outside the tables."""
    if calendar is year_calendar:
        try:
            return [to_gregorian(calendar, year, month, day)]
        except (InvalidDate, OutOfRange):
            return []
    try:
        first = to_gregorian(year_calendar, year, 1, 1)
        last = to_gregorian(year_calendar, year + 1, 1, 1) - dt.timedelta(days=1)
        own_years = range(from_gregorian(calendar, first)[0], from_gregorian(calendar, last)[0] + 1)
    except (InvalidDate, OutOfRange):
        return []
    out = []
    for own in own_years:
        try:
            date = to_gregorian(calendar, own, month, day)
        except (InvalidDate, OutOfRange):
            continue
        if first <= date <= last:
            out.append(date)
    return out


def nearest_occurrence(calendar: Calendar, month: int, day: int, center: dt.date) -> list[dt.date]:
    """The date of `day` `month` (in `calendar`) nearest `center` (within half a year: one)."""
    try:
        own = from_gregorian(calendar, center)[0]
    except OutOfRange:
        return []
    dates = []
    for year in (own - 1, own, own + 1):
        try:
            dates.append(to_gregorian(calendar, year, month, day))
        except (InvalidDate, OutOfRange):
            continue
    return sorted(dates, key=lambda d: abs((d - center).days))[:1]
