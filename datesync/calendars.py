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

from datesync import lexicons
from datesync.errors import InvalidDate, OutOfRange
from datesync.model import Calendar

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
GREGORIAN_MONTHS = tuple(_gregorian.month_name[1:])


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
