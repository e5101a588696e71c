"""The HTML report's timeline: events on a date axis, one mark per report coloured by agreement, as
inline SVG (no charting library, no network). The axis is labelled in Gregorian with the Solar and
lunar Hijri dates beneath; hovering a mark gives its event's date in the three calendars."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from datesync import calendars

WIDTH = 1120  # the drawing's width when the dates fit; more days scroll sideways
MIN_DAY = 11  # pixels a day at least (a mark is 9 wide)
MAX_DAY = 60
STEP = 11  # pixels between marks stacked in a day's column
EVENT_GAP = 4  # between two events of one day
MAX_MARKS = 40  # marks drawn in one day's column; the rest are counted beside it
LEFT, RIGHT, TOP, AXIS = 16, 16, 12, 58
TICK_SPACING = 150  # pixels between axis labels at least
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def svg(events: Sequence[Any]) -> Markup:
    """The timeline of `events` (html.EventView: anchor, row, marks); undated events are counted."""
    dated = [e for e in events if e.row["date"] is not None]
    if not dated:
        return Markup('<p class="muted">No event has a date to place on a timeline.</p>')
    first = min(e.row["date"] for e in dated)
    last = max(e.row["date"] for e in dated)
    pad = max(1, (last - first).days // 30)
    start = first - dt.timedelta(days=pad)
    days = (last - first).days + 2 * pad + 1
    day = max(MIN_DAY, min(MAX_DAY, WIDTH / days))
    columns: dict[dt.date, list[Any]] = defaultdict(list)
    for event in dated:
        columns[event.row["date"]].append(event)
    height = max(_column_height(col) for col in columns.values())
    width = LEFT + days * day + RIGHT
    base = TOP + height  # the axis line
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
        f'height="{base + AXIS:.0f}" viewBox="0 0 {width:.0f} {base + AXIS:.0f}" role="img" '
        f'aria-label="Timeline of {len(dated)} dated events">',
        f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{width - RIGHT:.0f}" y2="{base}"/>',
    ]
    parts += _ticks(start, days, day, base)
    for date, column in sorted(columns.items()):
        x = LEFT + ((date - start).days + 0.5) * day
        parts += _column(column, x, base)
    parts.append("</svg>")
    return Markup("".join(parts))


def _column_height(column: list[Any]) -> int:
    marks = min(MAX_MARKS, sum(len(e.marks) for e in column))
    return marks * STEP + (len(column) - 1) * EVENT_GAP + 14


def _column(column: list[Any], x: float, base: float) -> list[str]:
    """One day's events stacked up from the axis, each a link to its block with its reports' marks."""
    out = []
    y = base - STEP // 2 - 2
    drawn = 0
    for event in column:
        row = event.row
        people = " – ".join(event.lists.get("participants", []))
        title = (
            f"{calendars.describe(row['date'])} · {calendars.labels(row['date'])}\n"
            f"{row['contact'].replace('_', ' ')}: {people}\n{len(event.marks)} report(s)"
        )
        circles = []
        for status in event.marks:
            if drawn == MAX_MARKS:
                break
            circles.append(f'<circle class="{status}" cx="{x:.0f}" cy="{y:.0f}" r="4.5"/>')
            y -= STEP
            drawn += 1
        out.append(
            f'<a href="#{escape(event.anchor)}" class="tl-event" data-event="{escape(event.anchor)}">'
            f"<title>{escape(title)}</title>{''.join(circles)}</a>"
        )
        y -= EVENT_GAP
    hidden = sum(len(e.marks) for e in column) - drawn
    if hidden > 0:
        out.append(f'<text class="more" x="{x + 6:.1f}" y="{y + STEP:.1f}">+{hidden}</text>')
    return out


def _ticks(start: dt.date, days: int, day: float, base: float) -> list[str]:
    """Axis labels, at least TICK_SPACING apart: days, weeks or months (Gregorian, then the Solar
    and lunar Hijri date of the same day beneath)."""
    step_days = next((s for s in (1, 2, 7, 14) if s * day >= TICK_SPACING), None)
    ticks = []
    if step_days is not None:
        first = start + dt.timedelta(days=(-start.weekday()) % 7 if step_days >= 7 else 0)
        ticks = [first + dt.timedelta(days=k) for k in range(0, days - (first - start).days, step_days)]
    else:
        months = next((m for m in (1, 2, 3, 6, 12) if m * 30.4 * day >= TICK_SPACING), 12)
        year, month = start.year, start.month
        end = start + dt.timedelta(days=days)
        while dt.date(year, month, 1) < end:
            tick = dt.date(year, month, 1)
            if tick >= start and (month - 1) % months == 0:
                ticks.append(tick)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    out = []
    for tick in ticks:
        x = LEFT + ((tick - start).days + 0.5) * day
        gregorian = f"{MONTHS[tick.month - 1]} {tick.year}"
        if step_days:
            gregorian = f"{tick.day} {gregorian}"
        others = calendars.labels(tick).split("; ")
        out.append(f'<line class="tick" x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 5}"/>')
        out.append(f'<text class="tl-g" x="{x:.1f}" y="{base + 18}">{escape(gregorian)}</text>')
        for k, label in enumerate(others):
            out.append(f'<text class="tl-o" x="{x:.1f}" y="{base + 32 + 13 * k}">{escape(label)}</text>')
    return out
