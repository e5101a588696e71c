"""Numeral dates (1402/08/29, 29-08-1402, 2023-11-20, 10/11/2023): which calendars and orders fit.

Pure functions: the era marker decides, else the year's range (19xx/20xx Gregorian), else closeness
to the reference year in each calendar, else the text's language (languages.toml:
numeral_calendar). Day-month order everywhere but where a language allows both orders.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from datesync import calendars, languages
from datesync.calendars import CALENDAR_NAMES
from datesync.errors import OutOfRange
from datesync.model import Calendar

GREGORIAN_NUMERAL_YEARS = (1800, 2200)  # a bare numeral year in this range is Gregorian
NEAR_REFERENCE_YEARS = 2  # a year this close to the reference's year in a calendar is that calendar's


class Reading(NamedTuple):
    calendar: Calendar
    year: int
    month: int
    day: int
    why: str = ""  # said in the mention's note when the calendar was a choice


def numeral_calendar(
    year: int, era: Calendar | None, reference: dt.date | None, lang: str
) -> tuple[Calendar | None, str]:
    """Which calendar a bare year numeral belongs to, and why; None when it stays ambiguous."""
    if era is not None:
        return era, ""
    lo, hi = GREGORIAN_NUMERAL_YEARS
    if lo <= year <= hi:
        return Calendar.GREGORIAN, ""
    if reference is not None:
        for calendar in (Calendar.JALALI, Calendar.HIJRI):
            try:
                if abs(calendars.from_gregorian(calendar, reference)[0] - year) <= NEAR_REFERENCE_YEARS:
                    return calendar, ""
            except OutOfRange:
                continue
    language = languages.get(lang)
    if language.numeral_calendar is not None:
        name = CALENDAR_NAMES[language.numeral_calendar]
        return (
            language.numeral_calendar,
            f"No era marker: {year} read as {name}, as {language.name} text writes it.",
        )
    return None, ""


def readings(
    numeral_date: tuple[int, int, int, int], era: Calendar | None, reference: dt.date | None, lang: str
) -> list[Reading]:
    """Every (calendar, year, month, day) the numerals can mean; empty when none fits."""
    a, b, c, a_digits = numeral_date
    year, orders = (a, [(b, c)]) if a_digits >= 3 else (c, [(b, a), (a, b)])
    calendar, why = numeral_calendar(year, era, reference, lang)
    if calendar is None:
        return [
            Reading(cal, year, m, d)
            for cal in (Calendar.JALALI, Calendar.HIJRI)
            for m, d in orders[:1]
            if 1 <= m <= 12
        ]
    valid = [(m, d) for m, d in orders if 1 <= m <= 12 and 1 <= d <= 31]
    if calendar is not Calendar.GREGORIAN or (len(valid) > 1 and not languages.get(lang).both_numeric_orders):
        valid = valid[:1]  # day-month order but where a language writes both
    return [Reading(calendar, year, m, d, why) for m, d in dict.fromkeys(valid)]
