"""Raw mentions -> Mentions: the resolution order of one document, and the readers of each form.

The order (`resolve`): the reference date is the caller's, else the text's own header or dateline,
read first on its own; then every written date; then relative words and bare weekdays from the
"today" those dates imply (امشب (یکشنبه) ۲۸ آبان makes 28 Aban today); then the document checks.

Rules (README "How dates are read"): a full date converts exactly; a missing year is the one that
puts the date nearest the reference, on or before it unless the sentence speaks of the future (see
PAST_FUTURE_WEIGHT); relative words and bare weekdays count from the writer's "today"; a likely date
is never after the publication of a report told as past (reading.possible); nothing resolves against
the clock of the machine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from datesync import calendars, checks, context, numerals
from datesync.calendars import CALENDAR_NAMES, describe, weekday_fits
from datesync.errors import InvalidDate, OutOfRange
from datesync.find import Raw
from datesync.findings import FindingKind, make_finding, marked
from datesync.model import WEEKDAYS, Calendar, Finding, Form, Mention, Reference, Resolution, Role
from datesync.published import time_zone
from datesync.reading import (
    Context,
    Draft,
    possible,
    relative_allowance,
    told_as_future,
    weekday_told_as_future,
    within_allowance,
)
from datesync.reference import Found

NEVER = 10_000  # a weight no candidate year pays unless it is the only one
PAST_FUTURE_WEIGHT = 10  # told as past: a day after the reference costs ten, so only a date up to
# a month after it keeps the reference's year. Closer than that it is more likely an error to flag
# than last year's date: a day number kept from the other calendar lands 8-11 days late.
RELATIVE_FORMS = (Form.RELATIVE, Form.WEEKDAY)  # the only forms counted from the writer's "today"


@dataclass(frozen=True, slots=True)
class Resolved:
    mentions: list[Mention]
    reference: Reference
    findings: list[Finding]


def resolve(text: str, raws: list[Raw], found: Found, lang: str, doc_id: str = "") -> Resolved:
    """Every raw mention of one document resolved, in the resolution order (module docstring)."""
    reference = found.date
    if reference is None and found.publication:  # the document's own header or dateline
        own = Context(text, None, None, 0, lang, doc_id)
        dates = (resolve_mention(own, raws[i])[0].iso for i in found.publication)
        reference = next((d for d in dates if d is not None), None)
        if reference is not None and found.utc and found.time is not None and found.zone:
            moment = dt.datetime.combine(reference, found.time, dt.timezone.utc)  # 20:00 GMT, read in Tehran
            reference = moment.astimezone(time_zone(found.zone)).date()
    ctx = Context(
        text,
        reference,
        reference,
        relative_allowance(found.time),
        lang,
        doc_id,
        found.located == "header" and found.date is None,
    )
    publication = set(found.publication)
    findings: dict[int, list[Finding]] = {}

    def one(i: int, context: Context) -> Mention:
        mention, findings[i] = resolve_mention(
            context, raws[i], Role.PUBLICATION if i in publication else Role.BODY
        )
        return mention

    written = {i: one(i, ctx) for i, raw in enumerate(raws) if raw.form not in RELATIVE_FORMS}
    if reference is None:  # no reference: the text's own dates, weekdays and office-holders
        written = context.date_written(
            text, raws, written, lambda i, day: one(i, replace(ctx, reference=day, anchor=day)), lang
        )
    anchored = replace(ctx, anchor=writer_today(raws, written, ctx) or reference)
    mentions = [written[i] if i in written else one(i, anchored) for i in range(len(raws))]
    if reference is None:
        mentions = context.weekdays_anchored(raws, mentions)
    document = [f for check in checks.DOCUMENT_CHECKS for f in check(text, mentions)]
    mentions = marked(mentions, document)
    header = mentions[found.publication[0]] if found.publication else None
    return Resolved(
        mentions,
        Reference(reference, found.source, found.time, header, found.located),
        sorted(
            [*(f for own in findings.values() for f in own), *document],
            key=lambda f: (f.spans[0].start, f.kind),
        ),
    )


def writer_today(raws: list[Raw], written: dict[int, Mention], ctx: Context) -> dt.date | None:
    """The day the text itself calls today: امشب (یکشنبه) ۲۸ آبان says today is 28 Aban."""
    for i, raw in enumerate(raws):
        mention = written.get(i)
        if raw.relative is None or mention is None or mention.iso is None:
            continue
        today = mention.iso - dt.timedelta(days=raw.relative)
        if ctx.reference is None or within_allowance(ctx.reference, today, ctx.allowance):
            return today
    return None


def resolve_mention(ctx: Context, raw: Raw, role: Role = Role.BODY) -> tuple[Mention, list[Finding]]:
    """One raw mention read against `ctx`, and the findings its own problems raise."""
    draft = Draft(raw)
    if raw.form in RELATIVE_FORMS:
        read_relative(ctx, raw, draft)
    elif raw.named is not None:
        read_named_day(ctx, raw, draft)
    elif raw.form is Form.YEAR:
        read_year(ctx, raw, draft)
    elif raw.numeral_date is not None:
        read_numeral(ctx, raw, draft)
    else:
        read_named(ctx, raw, draft)
    mention = Mention(
        start=raw.start,  # raw offsets are already offsets into the original text
        end=raw.end,
        text=ctx.text[raw.start : raw.end],
        calendar=draft.calendar,
        form=draft.form,
        year=draft.year,
        month=draft.month,
        day=draft.day,
        weekday=None if raw.weekday is None else WEEKDAYS[raw.weekday],
        iso=draft.iso,
        resolution=draft.resolution if draft.iso or not draft.day else Resolution.UNRESOLVED,
        lang=raw.lang or ctx.lang,
        relative=raw.relative,
        role=role,
        problems=tuple(draft.problems),
        suggested=draft.suggested,
        alternatives=draft.alternatives,
        note=" ".join(draft.notes),
        doc_id=ctx.doc_id,
        until=draft.until,
    )
    findings = [
        make_finding(code, (mention,), f"«{mention.text}»: {draft.notes[index]}", draft.suggested)
        for code, index in draft.problems.items()
    ]
    return mention, findings


# -- readers, one per form of expression -----------------------------------------------------------


def read_named(ctx: Context, raw: Raw, d: Draft) -> None:
    """A month name with a day and/or year: ۲۸ آبان, 12 جمادى الأولى 1445, November 20, 2023."""
    if len(set(raw.months)) > 1:
        names = ", ".join(f"{CALENDAR_NAMES[c]} month {m}" for c, m in raw.months)
        d.problem(FindingKind.DUAL_DATE_MISMATCH, f"The month names written for one date disagree ({names}).")
    if raw.era is not None and raw.era is not raw.calendar:
        d.note(
            f"The era marker says {CALENDAR_NAMES[raw.era]} but the month name is {CALENDAR_NAMES[d.calendar]}."
        )
    if d.day is None:  # month and year: a month, not a day
        _check_year(d)
        return
    if d.year is None:
        if ctx.reference is None:
            d.unresolved("No year is written and there is no reference date to infer it from.")
            return
        d.year = infer_year(d.calendar, d.month, d.day, ctx.reference, _future_weight(ctx, raw))  # type: ignore[arg-type]
        if d.year is None:
            d.unresolved(
                f"No year is written and {ctx.reference} is outside the {CALENDAR_NAMES[d.calendar]} table."
            )
            return
        d.resolution = Resolution.YEAR_INFERRED
        d.note(f"Year {d.year} inferred from the reference date {ctx.reference}.")
    _convert(ctx, raw, d)


def _future_weight(ctx: Context, raw: Raw) -> int:
    """What a day after the reference costs when choosing a missing year: a word after the month
    decides (آب الماضي: never after; نوفمبر المقبل: never before); "tonight (Monday 20 December)" or a
    sentence about the future takes simply the nearest; a past sentence prefers on or before."""
    if raw.direction is not None:  # -1: never after; 1: never before (a negative weight); 0: nearest
        return {-1: NEVER, 0: 1, 1: -NEVER}[raw.direction]
    nearest = raw.relative is not None or told_as_future(ctx, raw)
    return 1 if nearest else PAST_FUTURE_WEIGHT


def read_numeral(ctx: Context, raw: Raw, d: Draft) -> None:
    """1402/08/29, 29/08/1402, 2023-11-20: the calendar follows the era, the year's range and context."""
    readings = numerals.readings(raw.numeral_date, raw.era, ctx.reference, ctx.lang)  # type: ignore[arg-type]
    if not readings:
        d.calendar = raw.era or Calendar.NONE
        d.unresolved("The numerals fit no calendar's plausible years.")
        return
    if len(readings) > 1:
        readings = _before_publication(ctx, raw, readings)
    if len(readings) > 1:
        d.calendar, d.year, d.month, d.day = readings[0][:4]
        dates = []
        for r in readings:
            try:
                dates.append(calendars.to_gregorian(r.calendar, r.year, r.month, r.day))
            except (InvalidDate, OutOfRange):
                continue
        d.alternatives = tuple(sorted(set(dates)))
        options = " or ".join(
            f"{CALENDAR_NAMES[r.calendar]} {r.year}-{r.month:02d}-{r.day:02d}" for r in readings
        )
        d.problem(FindingKind.AMBIGUOUS_DATE, f"The numerals can be read as {options}.")
        d.unresolved()
        return
    d.calendar, d.year, d.month, d.day, why = readings[0]
    if why:
        d.note(why)
    _convert(ctx, raw, d)


def _before_publication(ctx: Context, raw: Raw, readings: list[numerals.Reading]) -> list[numerals.Reading]:
    """Of two readings of 10/11/2023 in a report told as past, the one not after publication."""
    kept = []
    for r in readings:
        try:
            date = calendars.to_gregorian(r.calendar, r.year, r.month, r.day)
        except (InvalidDate, OutOfRange):
            continue
        if possible(ctx, raw, date):
            kept.append(r._replace(why=r.why or "The other reading is after publication."))
    return kept if len(kept) == 1 else readings


def read_year(ctx: Context, raw: Raw, d: Draft) -> None:
    calendar, why = numerals.numeral_calendar(d.year, raw.era, ctx.reference, ctx.lang)  # type: ignore[arg-type]
    d.calendar = calendar or Calendar.NONE
    if why:
        d.note(why)
    if calendar is None:
        d.problem(FindingKind.AMBIGUOUS_DATE, f"{d.year} could be a Solar Hijri or a lunar Hijri year.")
    else:
        _check_year(d)


def read_relative(ctx: Context, raw: Raw, d: Draft) -> None:
    """امشب, أمس, a bare weekday: counted from the writer's today."""
    anchor = ctx.anchor
    if anchor is None:
        d.unresolved("Relative to the publication date, which is unknown.")
        return
    d.resolution = Resolution.RELATIVE if ctx.reference is not None else Resolution.CONTEXT
    if raw.relative is not None:
        d.iso = anchor + dt.timedelta(days=raw.relative)
        if raw.weekday is not None and not weekday_fits(d.iso, raw.weekday, raw.eve) and ctx.from_header:
            stale_header(ctx, raw, d)
            return
        if raw.weekday is not None and not weekday_fits(d.iso, raw.weekday, raw.eve):
            d.problem(
                FindingKind.WEEKDAY_MISMATCH,
                f"The text says {WEEKDAYS[raw.weekday].capitalize()}, but counted from {anchor} it is {describe(d.iso)}.",
            )
        if anchor != ctx.reference:
            d.note(f"Counted from {anchor}, the day the text itself calls today.")
    else:
        d.iso = weekday_from(anchor, raw, ahead(ctx, raw))


def stale_header(ctx: Context, raw: Raw, d: Draft) -> None:
    """امشب (دوشنبه) under a header dated a Wednesday: the header may show the day the page was
    rendered, not the story's; the story's day is the stated weekday before or after it."""
    day = d.iso
    before = weekday_from(day, raw, 0)
    after = weekday_from(day, raw, 1)
    stated = WEEKDAYS[raw.weekday].capitalize()  # type: ignore[index]
    d.alternatives = (before, after)
    d.problem(
        FindingKind.STALE_HEADER,
        f"The text says {stated}, but counted from its page header ({ctx.reference}) it is {describe(day)}: a "
        f"page header may show the day the page was rendered, not the story's. {stated} is {before} or {after}.",
    )
    d.unresolved()


def ahead(ctx: Context, raw: Raw) -> int:
    """Which occurrence of a bare weekday is meant: the coming one (1: next Tuesday, الإثنين المقبل,
    "will meet on Tuesday"), the past one before today (-1: last Monday), or the latest on or
    before today (0: a past sentence's Tuesday)."""
    if raw.direction is not None:
        return raw.direction
    return 1 if weekday_told_as_future(ctx, raw) else 0


def weekday_from(today: dt.date, raw: Raw, direction: int) -> dt.date:
    """The weekday of `raw` counted from `today` (the evening before, for "eve of" شب جمعه)."""
    target = (raw.weekday - 1) % 7 if raw.eve else raw.weekday  # type: ignore[operator]
    if direction > 0:
        return today + dt.timedelta(days=(target - today.weekday() - 1) % 7 + 1)
    back = (today.weekday() - target) % 7
    return today - dt.timedelta(days=back or (7 if direction < 0 else 0))


# -- shared steps ----------------------------------------------------------------------------------


def infer_year(
    calendar: Calendar, month: int, day: int, reference: dt.date, future_weight: int = 1
) -> int | None:
    """The year that puts month/day nearest the reference, a day after it costing `future_weight`
    (a negative weight: a day before it costs that much, for "next November")."""
    try:
        ref_year = calendars.from_gregorian(calendar, reference)[0]
    except OutOfRange:
        return None
    best: tuple[int, int] | None = None
    for year in (ref_year - 1, ref_year, ref_year + 1):
        try:  # judge distance on the month's last day when the day does not exist that year
            length = calendars.month_length(calendar, year, month)
            date = calendars.to_gregorian(calendar, year, month, min(day, length))
        except (InvalidDate, OutOfRange):
            continue
        distance = (reference - date).days
        if future_weight < 0:  # the coming one: a day before the reference costs as much
            cost = -distance if distance < 0 else distance * -future_weight
        else:
            cost = distance if distance >= 0 else -distance * future_weight
        if best is None or cost < best[0]:
            best = (cost, year)
    return None if best is None else best[1]


def read_named_day(ctx: Context, raw: Raw, d: Draft) -> None:
    """عاشورای ۱۴۴۵, Eid al-Adha 2023, عاشورای امسال: the named day in the year the text points at."""
    if raw.year is not None:
        year_calendar = raw.era or (
            Calendar.GREGORIAN
            if numerals.GREGORIAN_NUMERAL_YEARS[0] <= raw.year <= numerals.GREGORIAN_NUMERAL_YEARS[1]
            else raw.calendar
        )
        days = calendars.occurrences(raw.calendar, raw.month, raw.day, year_calendar, raw.year)  # type: ignore[arg-type]
        why = f"in {CALENDAR_NAMES[year_calendar]} {raw.year}"
    elif ctx.reference is not None:
        center = ctx.reference.replace(year=ctx.reference.year + (raw.year_offset or 0))
        days = calendars.nearest_occurrence(raw.calendar, raw.month, raw.day, center)  # type: ignore[arg-type]
        why = f"the one nearest {center}"
        d.resolution = Resolution.YEAR_INFERRED
    else:
        d.unresolved("A named day of 'this year', and there is no reference date.")
        return
    sighting = (
        " Where the month is fixed by moon sighting (Iran) it may fall a day later."
        if raw.calendar is Calendar.HIJRI
        else ""
    )
    if len(days) != 1:
        d.alternatives = tuple(days)
        d.unresolved(f"The named day falls {len(days)} times {why}.")
        return
    d.iso = days[0]
    d.year, d.month, d.day = calendars.from_gregorian(d.calendar, d.iso)
    d.note(
        f"{calendars.month_name(raw.calendar, raw.month)} {raw.day}, {why}: {days[0]} (Umm al-Qura).{sighting}"
        if raw.calendar is Calendar.HIJRI
        else f"{why}: {days[0]}."
    )


def _check_year(d: Draft) -> None:
    """Month-year and year mentions carry no day: check the year is in the calendar's range."""
    d.resolution = Resolution.EXPLICIT
    try:
        calendars.to_gregorian(d.calendar, d.year, d.month or 1, 1)  # type: ignore[arg-type]
    except OutOfRange as exc:
        d.note(f"{exc}.")
    except InvalidDate:
        pass


def _convert(ctx: Context, raw: Raw, d: Draft) -> None:
    """The draft's calendar date as a Gregorian date, then the per-mention checks in order."""
    try:
        d.iso = calendars.to_gregorian(d.calendar, d.year, d.month, d.day)  # type: ignore[arg-type]
    except OutOfRange as exc:
        d.unresolved(f"Not converted: {exc}.")
        return
    except InvalidDate as exc:
        checks.impossible_date(ctx, raw, d, exc)
        return
    for check in checks.MENTION_CHECKS:
        check(ctx, raw, d)
    if raw.until is not None:  # a range or pair: its last day, in the same month and year
        try:
            d.until = calendars.to_gregorian(d.calendar, d.year, d.month, raw.until)  # type: ignore[arg-type]
        except (InvalidDate, OutOfRange):
            d.note(f"The last day of the range, {raw.until}, does not exist in that month.")
