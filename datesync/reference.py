"""The date a document is read against: the caller's, else its own header or dateline.

A header is a publication cue (تاریخ انتشار, تاريخ النشر, Published, Updated) followed closely by a
full date, its other renderings and a time, or a line holding nothing but a date and a time
(۱۴۰۲/۰۸/۲۸ ۲۳:۳۰). A dateline is a date at the head of a line after a place name (and an agency),
followed by a separator or an agency: موسكو / 26 تشرين الاول /اكتوبر/ارنا-, Tehran, IRNA, Nov 19, 2023 -,
الرياض 05 جمادى الأولى 1445 هـ الموافق 19 نوفمبر 2023 م واس, and KUNA's الكويت - 19 - 11 (كونا).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from datesync import languages, lexicons
from datesync.checks import side_by_side
from datesync.find import Raw
from datesync.model import Calendar, Form
from datesync.published import parse_published, zone_of
from datesync.scan import words_pattern

HEADER_REACH = 80  # characters between a publication cue and its date
HEAD = 5000  # only the head of a text can hold its header or dateline
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:：](\d{2})(?!\d)")
_UTC = re.compile(r"\b(?:GMT|UTC)\b|بتوقيت غرينتش|به وقت گرینویچ")
_SEGMENT = r"[^\n.!?؟:،,/\-–—()\d]{1,30}"
_DATELINE_BEFORE = re.compile(rf"[ \t]*(?:{_SEGMENT}[/\-–—(,،][ \t]*){{1,3}}")  # Tehran, IRNA,
_PLACE_ONLY = re.compile(rf"[ \t]*({_SEGMENT})[ \t]+")  # الرياض 05 ...: an agency must follow the date
_DATELINE_AFTER = re.compile(r"[ \t]*[/\-–—(),]")
_LONE_LINE_REST = re.compile(r"[ \t\-–—|,،]*(?:\d{1,2}[:：]\d{2}(?::\d{2})?)?[ \t]*(?:\n|$)")
_NUMERIC_DATELINE = re.compile(  # الكويت - 19 - 11 (كونا): day and month in digits, no year
    r"^[ \t]*([^\n\d]{2,30}?)[ \t]*[-–—/][ \t]*([0-9٠-٩۰-۹]{1,2})[ \t]*[-–—/][ \t]*([0-9٠-٩۰-۹]{1,2})[ \t]*(?=[(\-–—])",
    re.M,
)


@dataclass(frozen=True, slots=True)
class Found:
    """Where a reference came from, and which raw mentions date the document itself."""

    date: dt.date | None  # the caller's date; a header's date is resolved by the caller
    time: dt.time | None
    source: str  # argument, header, dateline or none
    publication: tuple[int, ...]  # indexes into the raw mentions
    located: str = ""  # header, dateline or "" (what the text itself holds)
    zone: str | None = None  # the document's time zone, when known (the caller's, the dateline's)
    utc: bool = False  # the header's time is GMT/UTC, to be read in `zone`


@cache
def _agencies() -> re.Pattern[str]:
    return words_pattern(languages.words(lexicons.load("context"), "agencies"))


@cache
def _cues() -> re.Pattern[str]:
    return words_pattern(languages.words(lexicons.load("context"), "publication_cues"))


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
        picked = (index, *_companions(text, raws, index))
        if _lone_line(text, raw.start, raws[picked[-1]].end):
            return picked  # a line holding only the date (and a time): ۱۴۰۲/۰۸/۲۸ ۲۳:۳۰
    return ()


LONE_LINE_AMONG = 5  # a date alone on one of the first lines, above the story, is the page's date


def _lone_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    rest = _LONE_LINE_REST.match(text, end)
    return (
        not text[line_start:start].strip()
        and text.count("\n", 0, start) < LONE_LINE_AMONG
        and rest is not None
        and rest.group().endswith("\n")
        and bool(text[rest.end() :].strip())
    )


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
        picked = (index, *_companions(text, raws, index))
        end = raws[picked[-1]].end
        agency = _agencies().match(
            text, len(text) - len(text[end:].lstrip(" \t"))
        )  # ... 19 نوفمبر 2023 م واس
        if _DATELINE_BEFORE.fullmatch(text, line_start, raw.start):
            if _DATELINE_AFTER.match(text, end) or agency:
                return picked
        elif _PLACE_ONLY.fullmatch(text, line_start, raw.start) and agency:
            return picked
    return ()


def numeric_dateline(text: str) -> Raw | None:
    """KUNA's dateline: a place, then day and month in digits (الكويت - 19 - 11 (كونا)): no year."""
    match = _NUMERIC_DATELINE.search(text, 0, HEAD // 10)
    if match is None:
        return None
    day, month = int(match[2]), int(match[3])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return Raw(match.start(2), match.end(3), Form.DAY_MONTH, Calendar.GREGORIAN, None, month, day, lang="")


def place_zone(text: str, raws: list[Raw], picked: tuple[int, ...]) -> str | None:
    """The time zone of a dateline's city or agency (Tehran, IRNA, ... -> Asia/Tehran)."""
    if not picked:
        return None
    first = raws[picked[0]]
    line_start = text.rfind("\n", 0, first.start) + 1
    words = re.split(r"[/\-–—(),،]+", text[line_start : first.start]) + re.split(
        r"[/\-–—(),،\s]+", text[raws[picked[-1]].end : raws[picked[-1]].end + 30]
    )
    return zone_of(*(w.strip() for w in words if w.strip()))


def _time_near(text: str, raws: list[Raw], picked: tuple[int, ...]) -> tuple[dt.time | None, bool]:
    """A header's time, and whether it is marked GMT/UTC."""
    first = raws[picked[0]]
    window = text[max(0, first.start - 30) : raws[picked[-1]].end + 30]
    return _clock(_TIME.search(window)), bool(_UTC.search(window))


def _clock(match: re.Match[str] | None) -> dt.time | None:
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return dt.time(int(match[1]), int(match[2]))


def locate(
    text: str, raws: list[Raw], published: object = None, timezone: str | None = None, source: str = ""
) -> Found:
    """The reference date for `text`. `published` (when given) wins over what the text says; a moment
    is read in the document's zone: `timezone`, else the dateline's city or agency, else `source`."""
    header = _header(text, raws)
    dateline = () if header else _dateline(text, raws)
    picked = header or dateline
    located = "header" if header else "dateline" if dateline else ""
    zone = timezone or place_zone(text, raws, dateline) or zone_of(source)
    if published is not None:
        date, time = parse_published(published, zone)
        return Found(date, time, "argument", picked, located, zone)
    if not picked:
        return Found(None, None, "none", (), "", zone)
    time, utc = _time_near(text, raws, picked) if header else (None, False)
    return Found(None, time, located, picked, located, zone, utc)
