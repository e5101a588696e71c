"""Checks across the mentions of one document: two renderings of one date side by side.

Per-mention checks (weekday, impossible dates, relative words beside a date) happen in resolve.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from datesync import lexicons
from datesync.find import Raw, words_pattern
from datesync.findings import make_finding
from datesync.model import Calendar, Finding, Kind, Mention
from datesync.resolve import CALENDAR_NAMES, weekday_confirmed

_PUNCT_LINK = re.compile(r"[\s\-–—/|()=,،:]{1,8}")


@cache
def _word_links() -> re.Pattern[str]:
    return words_pattern(lexicons.load("context")["dual_links"])


def side_by_side(text: str, first: Mention | Raw, second: Mention | Raw) -> bool:
    """Only separators or a linking word (برابر با, الموافق) between two mentions."""
    gap = text[first.end : second.start]
    if _PUNCT_LINK.fullmatch(gap):
        return True
    inner = gap.strip(" \t\u200c\u00a0-–—/|()=,،:")
    return 0 < len(inner) <= 24 and bool(m := _word_links().match(inner)) and m.end() == len(inner)


def dual_renderings(text: str, mentions: list[Mention]) -> list[Finding]:
    """۲۹ آبان ۱۴۰۲ - 2023 November 20 must be one day; a lunar Hijri day may be one off (sighting)."""
    out = []
    for first, second in pairwise(mentions):
        if first.calendar is second.calendar or Calendar.NONE in (first.calendar, second.calendar):
            continue
        if first.kind is not Kind.DATE and second.kind is not Kind.DATE:
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
            out.append(
                make_finding(
                    "hijri_offset",
                    (first, second),
                    f"{names}: one day apart, as when a lunar "
                    "month is fixed by moon sighting rather than by Umm al-Qura.",
                )
            )
        else:
            days = "1 day" if gap == 1 else f"{gap} days"
            fitting = [m for m in (first, second) if weekday_confirmed(m)]
            suggested = fitting[0].iso if len(fitting) == 1 else None
            because = f" The weekday written fits {suggested}." if suggested else ""
            out.append(
                make_finding(
                    "dual_date_mismatch",
                    (first, second),
                    f"Two renderings of one date disagree: {names} ({days} apart).{because}",
                    suggested,
                )
            )
    return out
