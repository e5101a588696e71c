"""The date a document is read against: the caller's, else its own header or dateline.

A header is a publication cue (تاریخ انتشار, تاريخ النشر, Published) followed closely by a full
date, its other renderings and a time; a dateline is a date at the head of a line between a place
name and an agency (موسكو / 26 تشرين الاول /اكتوبر/ارنا-).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from datesync import calendars, languages, lexicons
from datesync.checks import side_by_side
from datesync.errors import DatesyncError, InvalidDate
from datesync.find import Raw, find
from datesync.scan import words_pattern
from datesync.model import Calendar, Form
from datesync.normalize import prepare

HEADER_REACH = 80  # characters between a publication cue and its date
HEAD = 5000  # only the head of a text can hold its header or dateline
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:：](\d{2})(?!\d)")
_DATELINE_BEFORE = re.compile(r"[ \t]*[^\n.!?؟:،,]{0,40}?[/\-–—(,،][ \t]*")
_DATELINE_AFTER = re.compile(r"[ \t]*[/\-–—(),]")


@dataclass(frozen=True, slots=True)
class Found:
    """Where a reference came from, and which raw mentions date the document itself."""

    date: dt.date | None  # the caller's date; a header's date is resolved by the caller
    time: dt.time | None
    source: str  # argument, header, dateline or none
    publication: tuple[int, ...]  # indexes into the raw mentions
    located: str = ""  # header, dateline or "" (what the text itself holds)


@cache
def _cues() -> re.Pattern[str]:
    return words_pattern(languages.words(lexicons.load("context"), "publication_cues"))


PUBLISHED_YEARS = (1000, 3000)  # 0001-01-01 and the like are database placeholders, not dates
HIJRI_LOOKING = (1200, 1600)  # an ISO-shaped publication date with such a year was not meant as AD


def parse_published(value: object) -> tuple[dt.date, dt.time | None]:
    """A date, a datetime, an ISO string or any single date datesync reads ("۲۹ آبان ۱۴۰۲")."""
    date, time = _published(value)
    first, last = PUBLISHED_YEARS
    if not first <= date.year <= last:
        raise InvalidDate(f"published: year {date.year} is outside {first}-{last}")
    return date, time


def _published(value: object) -> tuple[dt.date, dt.time | None]:
    if isinstance(value, dt.datetime):
        return value.date(), value.time()
    if isinstance(value, dt.date):
        return value, None
    if not isinstance(value, str):
        raise TypeError(f"published must be a date, a datetime or a string, got {type(value).__name__}")
    text = value.strip()
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        if HIJRI_LOOKING[0] <= stamp.year <= HIJRI_LOOKING[1]:  # 1402-08-29: Solar Hijri, not 1402 AD
            raise InvalidDate(
                f"published: {value!r} has the year {stamp.year}, a Solar or lunar Hijri year; write the "
                "Gregorian date (e.g. 2023-11-20) or the date with its month name (۲۹ آبان ۱۴۰۲)"
            )
        return stamp.date(), (stamp.time() if len(text) > 10 else None)
    full = [
        raw
        for raw in find(prepare(text).text)
        if raw.form is Form.DATE and raw.calendar not in (None, Calendar.NONE)
    ]
    if len(full) >= 1 and full[0].numeral_date is None:
        raw = full[0]
        try:
            date = calendars.to_gregorian(raw.calendar, raw.year, raw.month, raw.day)  # type: ignore[arg-type]
        except DatesyncError as exc:
            raise InvalidDate(f"published: {exc}") from None
        return date, _clock(_TIME.search(text))
    raise InvalidDate(f"published: cannot read a date from {value!r} (use ISO, e.g. 2023-11-20)")


def _header(text: str, raws: list[Raw]) -> tuple[int, ...]:
    """The first full date near the top with a publication cue close before it."""
    for index, raw in enumerate(raws):
        if raw.start > HEAD:
            break
        if raw.form is not Form.DATE:
            continue
        window = max(0, raw.start - HEADER_REACH - 40)
        for cue in _cues().finditer(text, window, raw.start):
            if 0 <= raw.start - cue.end() <= HEADER_REACH:
                return (index, *_companions(text, raws, index))
    return ()


def _companions(text: str, raws: list[Raw], index: int) -> tuple[int, ...]:
    """Other renderings of the same date right after it (۲۹ آبان ۱۴۰۲ - 2023 November 20)."""
    out = []
    for nxt in range(index + 1, len(raws)):
        if raws[nxt].form is not Form.DATE or not side_by_side(text, raws[nxt - 1], raws[nxt]):
            break
        out.append(nxt)
    return tuple(out)


def _dateline(text: str, raws: list[Raw]) -> tuple[int, ...]:
    for index, raw in enumerate(raws):
        if raw.start > HEAD:
            break
        if raw.form not in (Form.DATE, Form.DAY_MONTH):
            continue
        line_start = text.rfind("\n", 0, raw.start) + 1
        if raw.start - line_start > 48:
            continue
        if _DATELINE_BEFORE.fullmatch(text, line_start, raw.start) and _DATELINE_AFTER.match(text, raw.end):
            return (index,)
    return ()


def _time_near(text: str, raws: list[Raw], picked: tuple[int, ...]) -> dt.time | None:
    first = raws[picked[0]]
    window = text[max(0, first.start - 30) : raws[picked[-1]].end + 30]
    return _clock(_TIME.search(window))


def _clock(match: re.Match[str] | None) -> dt.time | None:
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return dt.time(int(match[1]), int(match[2]))


def locate(text: str, raws: list[Raw], published: object = None) -> Found:
    """The reference date for `text`. `published` (when given) wins over what the text says."""
    header = _header(text, raws)
    dateline = () if header else _dateline(text, raws)
    picked = header or dateline
    located = "header" if header else "dateline" if dateline else ""
    if published is not None:
        date, time = parse_published(published)
        return Found(date, time, "argument", picked, located)
    if not picked:
        return Found(None, None, "none", ())
    return Found(None, _time_near(text, raws, picked) if header else None, located, picked, located)
