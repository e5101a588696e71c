"""Checks that a date adds up, as ordered lists of small functions.

MENTION_CHECKS run, in order, on each mention whose date converted (a later check sees what an
earlier one found: the relative-word check reads the weekday check's suggestion); an impossible
date is checked where conversion fails (`impossible_date`). DOCUMENT_CHECKS run over all the
mentions of one document (two renderings of one date side by side).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from itertools import pairwise

from datesync import calendars, languages, lexicons
from datesync.calendars import CALENDAR_NAMES, WEEKDAY_NAMES, describe, weekday_fits
from datesync.errors import InvalidDate
from datesync.find import Raw
from datesync.findings import FindingKind, make_finding
from datesync.model import Calendar, Finding, Form, Mention
from datesync.reading import Context, Draft, possible, within_allowance
from datesync.scan import words_pattern

# -- one mention ---------------------------------------------------------------------------------


def weekday(ctx: Context, raw: Raw, d: Draft) -> None:
    """The stated weekday must fall on the date; if it fits the other calendar's reading of the day
    number (20 December written for 20 Azar), that reading is the likely date."""
    if raw.weekday is None or d.iso is None or weekday_fits(d.iso, raw.weekday, raw.eve):
        return
    stated = WEEKDAY_NAMES[raw.weekday]
    later = d.iso + dt.timedelta(days=1)
    if d.calendar is Calendar.HIJRI and weekday_fits(later, raw.weekday, raw.eve):
        d.suggest(later, FindingKind.HIJRI_OFFSET)
        d.problem(
            FindingKind.HIJRI_OFFSET,
            f"The stated {stated} falls on {later}, one day after the Umm al-Qura date {d.iso}: months "
            "fixed by moon sighting (as in Iran) may start a day later.",
        )
        return
    d.problem(
        FindingKind.WEEKDAY_MISMATCH, f"The text says {stated}, but {d.surface_date()} is {describe(d.iso)}."
    )
    readings = calendars.confusion_readings(d.calendar, d.year, d.month, d.day)  # type: ignore[arg-type]
    fitting = [day for day in readings if weekday_fits(day, raw.weekday, raw.eve) and possible(ctx, raw, day)]
    if len(fitting) == 1:
        d.suggest(fitting[0], FindingKind.CALENDAR_CONFUSION)
        d.alternatives = readings
        other = calendars.CONFUSABLE[d.calendar]
        y, m, day = calendars.from_gregorian(other, fitting[0])
        d.problem(
            FindingKind.CALENDAR_CONFUSION,
            f"The day number fits the {CALENDAR_NAMES[other]} calendar: {day} "
            f"{calendars.month_name(other, m)} {y} is {describe(fitting[0])}, which matches the stated {stated}.",
        )


def relative_word(ctx: Context, raw: Raw, d: Draft) -> None:
    """امشب (یکشنبه) ۲۸ آبان: the relative word and the date beside it must name the same day."""
    if raw.relative is None or d.iso is None or ctx.reference is None:
        return
    expected = ctx.reference + dt.timedelta(days=raw.relative)
    if (
        FindingKind.WEEKDAY_MISMATCH in d.problems
        and d.suggested is None
        and raw.weekday is not None
        and weekday_fits(expected, raw.weekday, raw.eve)
    ):  # أمس الأحد 18 نوفمبر: "yesterday" and "Sunday" agree, the day number is the odd one out
        d.suggest(expected, FindingKind.WEEKDAY_MISMATCH)
        d.extend(
            FindingKind.WEEKDAY_MISMATCH,
            f"Counted from the publication date {ctx.reference}, the relative word gives "
            f"{describe(expected)}, which matches it.",
        )
    if within_allowance(expected, d.iso, ctx.allowance):
        return
    if d.suggested is not None and within_allowance(expected, d.suggested, ctx.allowance):
        d.extend(
            d.suggested_by, f"The relative word, counted from the publication date {ctx.reference}, agrees."
        )
        return
    d.problem(
        FindingKind.RELATIVE_CONFLICT,
        f"Counted from the publication date {ctx.reference}, the relative word means {expected}, but the "
        f"date written beside it is {d.iso}.",
    )


MENTION_CHECKS: tuple[Callable[[Context, Raw, Draft], None], ...] = (weekday, relative_word)


def impossible_date(ctx: Context, raw: Raw, d: Draft, error: InvalidDate) -> None:
    """31 Mehr, 30 Esfand of a common year: say so, and where a weekday is written, the day it points to."""
    length = calendars.month_length(d.calendar, d.year, d.month)  # type: ignore[arg-type]
    if d.calendar is Calendar.HIJRI and d.day == 30 and length == 29:
        after = calendars.to_gregorian(d.calendar, d.year, d.month, 29) + dt.timedelta(days=1)  # type: ignore[arg-type]
        d.suggest(after, FindingKind.HIJRI_MONTH_LENGTH)
        d.problem(
            FindingKind.HIJRI_MONTH_LENGTH,
            f"Umm al-Qura's {calendars.month_name(d.calendar, d.month)} {d.year} has 29 days; where the month "  # type: ignore[arg-type]
            f"is fixed by moon sighting (as in Iran) a 30th exists and is the day after the 29th, {after}.",
        )
    else:
        message = f"This date does not exist: {error}."
        if raw.weekday is not None and d.day > length:  # type: ignore[operator]
            # the weekday points into the week around where the day would be
            center = calendars.to_gregorian(d.calendar, d.year, d.month, length) + dt.timedelta(
                d.day - length
            )  # type: ignore[arg-type,operator]
            week = [center + dt.timedelta(days=k) for k in range(-3, 4)]
            nearest = next(day for day in week if weekday_fits(day, raw.weekday, False))
            stated = WEEKDAY_NAMES[raw.weekday]
            if not possible(ctx, raw, nearest):
                # a guess after the report's own date would make a "published before" error of it
                message += f" The stated {stated} nearest to it, {nearest}, is after publication."
            else:
                d.suggest(nearest, FindingKind.INVALID_DATE)
                message += f" The stated {stated} nearest to it is {nearest}."
        d.problem(FindingKind.INVALID_DATE, message)
    d.iso = None


# -- one document --------------------------------------------------------------------------------

_PUNCT_LINK = re.compile(r"[\s\-–—/|()=,،:]{1,8}")


@cache
def _word_links() -> re.Pattern[str]:
    return words_pattern(languages.words(lexicons.load("context"), "dual_links"))


def side_by_side(text: str, first: Mention | Raw, second: Mention | Raw) -> bool:
    """Only separators or a linking word (برابر با, الموافق) between two mentions."""
    gap = text[first.end : second.start]
    if _PUNCT_LINK.fullmatch(gap):
        return True
    inner = gap.strip(" \t\u200c\u00a0-–—/|()=,،:")
    return 0 < len(inner) <= 24 and bool(m := _word_links().match(inner)) and m.end() == len(inner)


def weekday_confirmed(m: Mention) -> bool:
    """The mention states a weekday and its date falls on it."""
    return m.weekday is not None and m.iso is not None and FindingKind.WEEKDAY_MISMATCH not in m.problems


def dual_renderings(text: str, mentions: list[Mention]) -> list[Finding]:
    """۲۹ آبان ۱۴۰۲ - 2023 November 20 must be one day; a lunar Hijri day may be one off (sighting)."""
    out = []
    for first, second in pairwise(mentions):
        if first.calendar is second.calendar or Calendar.NONE in (first.calendar, second.calendar):
            continue
        if first.form is not Form.DATE and second.form is not Form.DATE:
            continue
        if first.iso is None or second.iso is None or not side_by_side(text, first, second):
            continue
        gap = abs((first.iso - second.iso).days)
        if gap == 0:
            continue
        names = (
            f"{CALENDAR_NAMES[first.calendar]} «{first.text}» is {first.iso} but "
            f"{CALENDAR_NAMES[second.calendar]} «{second.text}» is {second.iso}"
        )
        if gap == 1 and Calendar.HIJRI in (first.calendar, second.calendar):
            message = f"{names}: one day apart, as when a lunar month is fixed by moon sighting rather than by Umm al-Qura."
            out.append(make_finding(FindingKind.HIJRI_OFFSET, (first, second), message))
            continue
        days = "1 day" if gap == 1 else f"{gap} days"
        fitting = [m for m in (first, second) if weekday_confirmed(m)]
        suggested = fitting[0].iso if len(fitting) == 1 else None
        because = f" The weekday written fits {suggested}." if suggested else ""
        message = f"Two renderings of one date disagree: {names} ({days} apart).{because}"
        out.append(make_finding(FindingKind.DUAL_DATE_MISMATCH, (first, second), message, suggested))
    return out


DOCUMENT_CHECKS: tuple[Callable[[str, list[Mention]], list[Finding]], ...] = (dual_renderings,)
