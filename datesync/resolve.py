"""Raw mention -> Mention: year inference, numerals, relative words, weekdays, per-mention checks.

Rules (README "How dates are read"): a full date converts exactly; a missing year is the one that
puts the date nearest the reference, on or before it unless the sentence speaks of the future (see
PAST_FUTURE_WEIGHT); relative words and bare weekdays count from the writer's "today"; a likely date
is never after the publication of a report told as past (_possible); nothing resolves against the
clock of the machine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from datesync import calendars, lexicons
from datesync.errors import InvalidDate, OutOfRange
from datesync.find import Raw, words_pattern
from datesync.findings import make_finding
from datesync.model import WEEKDAYS, Calendar, Finding, Kind, Mention, Resolution, Role
from datesync.normalize import SENTENCE_END

PAST_FUTURE_WEIGHT = 10  # told as past: a day after the reference costs ten, so only a date up to
# a month after it keeps the reference's year. Closer than that it is more likely an error to flag
# than last year's date: a day number kept from the other calendar lands 8-11 days late.
SENTENCE_REACH = 400  # characters searched each way for the ends of a mention's sentence
GREGORIAN_NUMERAL_YEARS = (1800, 2200)  # a bare numeral year in this range is Gregorian
CALENDAR_NAMES = {
    Calendar.JALALI: "Solar Hijri",
    Calendar.HIJRI: "lunar Hijri",
    Calendar.GREGORIAN: "Gregorian",
}


@dataclass(frozen=True, slots=True)
class Context:
    """What a document's mentions are read against."""

    reference: dt.date | None  # publication date
    anchor: dt.date | None  # the writer's "today": the reference, or the day the text itself implies
    lag: int  # days a relative word may trail the reference (see relative_lag)
    lang: str
    doc_id: str = ""


NOON = dt.time(12, 0)


def within_lag(expected: dt.date, actual: dt.date, lag: int) -> bool:
    """A relative word counted from publication gives `expected`; the day meant may be up to `lag`
    days earlier (see relative_lag)."""
    return 0 <= (expected - actual).days <= lag


def relative_lag(published_time: dt.time | None) -> int:
    """Days a relative word may trail the publication date: a report published before noon (or at an
    unknown time) may have been written the day before, its "tonight" and "today" that day's."""
    return 1 if published_time is None or published_time < NOON else 0


def weekday_name(index: int | None) -> str | None:
    return None if index is None else WEEKDAYS[index]


def infer_year(
    calendar: Calendar, month: int, day: int, reference: dt.date, future_weight: int = 1
) -> int | None:
    """The year that puts month/day nearest the reference, a day after it costing `future_weight`."""
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
        cost = distance if distance >= 0 else -distance * future_weight
        if best is None or cost < best[0]:
            best = (cost, year)
    return None if best is None else best[1]


@cache
def _future_words():
    tense = lexicons.load("triggers")["tense"]
    return words_pattern(tense["future"] + tense["future_time"])


def confusion_readings(calendar: Calendar, year: int, month: int, day: int) -> tuple[dt.date, ...]:
    """Dates meant if the day number belongs to the other calendar's month overlapping this one.

    "20 December 2023" read with a Solar Hijri day number: December 2023 overlaps Azar and Dey 1402,
    so 20 Azar (2023-12-11) and 20 Dey (2024-01-10). And the reverse for a Jalali month name.
    """
    other = {Calendar.GREGORIAN: Calendar.JALALI, Calendar.JALALI: Calendar.GREGORIAN}.get(calendar)
    if other is None:
        return ()
    try:
        first = calendars.to_gregorian(calendar, year, month, 1)
        last = first + dt.timedelta(days=calendars.month_length(calendar, year, month) - 1)
        months = sorted(
            {calendars.from_gregorian(other, first)[:2], calendars.from_gregorian(other, last)[:2]}
        )
    except (InvalidDate, OutOfRange):
        return ()
    readings = []
    for other_year, other_month in months:
        try:
            readings.append(calendars.to_gregorian(other, other_year, other_month, day))
        except (InvalidDate, OutOfRange):
            continue
    return tuple(readings)


def weekday_fits(date: dt.date, weekday: int, eve: bool) -> bool:
    """ "Eve of Friday" (شب جمعه) is Thursday evening; a date written beside it may be either day."""
    return date.weekday() == weekday or (eve and date.weekday() == (weekday - 1) % 7)


def weekday_confirmed(m: Mention) -> bool:
    """The mention states a weekday and its date falls on it."""
    return m.weekday is not None and m.iso is not None and "weekday_mismatch" not in m.problems


def fmt(date: dt.date) -> str:
    return f"{WEEKDAYS[date.weekday()].capitalize()} {date.isoformat()}"


class Resolver:
    """Resolves the raw mentions of one document against its Context."""

    def __init__(self, text: str, context: Context):
        self.text, self.ctx = text, context
        self.findings: list[Finding] = []  # one per problem, in text order

    def __call__(self, raw: Raw, role: Role = Role.BODY) -> Mention:
        start, end = raw.start, raw.end  # raw offsets are already offsets into the original text
        parts = _Parts(raw)
        if raw.kind in (Kind.RELATIVE, Kind.WEEKDAY):
            self._relative(raw, parts)
        elif raw.kind is Kind.YEAR:
            self._year(raw, parts)
        elif raw.numeric is not None:
            self._numeric(raw, parts)
        else:
            self._named(raw, parts)
        mention = Mention(
            start=start,
            end=end,
            text=self.text[start:end],
            calendar=parts.calendar,
            kind=parts.kind,
            year=parts.year,
            month=parts.month,
            day=parts.day,
            weekday=weekday_name(raw.weekday),
            iso=parts.iso,
            resolution=parts.resolution if parts.iso or not parts.day else Resolution.UNRESOLVED,
            lang=raw.lang or self.ctx.lang,
            relative=raw.relative,
            role=role,
            problems=tuple(parts.problems),
            suggested=parts.suggested,
            alternatives=parts.alternatives,
            note=" ".join(parts.notes),
            doc_id=self.ctx.doc_id,
        )
        for code, index in parts.problems.items():
            message = parts.notes[index]
            self.findings.append(
                make_finding(code, (mention,), f"«{mention.text}»: {message}", parts.suggested)
            )
        return mention

    def _told_as_future(self, raw: Raw) -> bool:
        """The mention's sentence holds a future marker (خواهد, قرار است, سوف, will, next ...)."""
        lo, hi = max(0, raw.start - SENTENCE_REACH), min(len(self.text), raw.end + SENTENCE_REACH)
        for match in SENTENCE_END.finditer(self.text, lo, raw.start):
            lo = match.end()
        after = SENTENCE_END.search(self.text, raw.end, hi)
        return _future_words().search(self.text, lo, after.start() if after else hi) is not None

    # -- kinds ---------------------------------------------------------------------------------

    def _named(self, raw: Raw, p: _Parts) -> None:
        """A month name with a day and/or year: ۲۸ آبان, 12 جمادى الأولى 1445, November 20, 2023."""
        if len(set(raw.months)) > 1:
            names = ", ".join(f"{CALENDAR_NAMES[c]} month {m}" for c, m in raw.months)
            p.problem("dual_date_mismatch", f"The month names written for one date disagree ({names}).")
        if raw.era is not None and raw.era is not raw.calendar:
            era, month = CALENDAR_NAMES[raw.era], CALENDAR_NAMES[p.calendar]
            p.note(f"The era marker says {era} but the month name is {month}.")
        if p.day is None:  # month and year: a month, not a day
            self._check_year(p)
            return
        if p.year is None:
            if self.ctx.reference is None:
                p.unresolved("No year is written and there is no reference date to infer it from.")
                return
            # "tonight (Monday 20 December)" or a sentence about the future: simply the nearest
            nearest = raw.relative is not None or self._told_as_future(raw)
            weight = 1 if nearest else PAST_FUTURE_WEIGHT
            p.year = infer_year(p.calendar, p.month, p.day, self.ctx.reference, weight)
            if p.year is None:
                p.unresolved(
                    f"No year is written and {self.ctx.reference} is outside the "
                    f"{CALENDAR_NAMES[p.calendar]} table."
                )
                return
            p.resolution = Resolution.YEAR_INFERRED
            p.note(f"Year {p.year} inferred from the reference date {self.ctx.reference}.")
        self._convert(raw, p)

    def _numeric(self, raw: Raw, p: _Parts) -> None:
        """1402/08/29, 29/08/1402, 2023-11-20: the calendar follows the era, the year's range and context."""
        readings = self._numeric_readings(raw)
        if not readings:
            p.calendar = raw.era or Calendar.NONE
            p.unresolved("The numerals fit no calendar's plausible years.")
            return
        if len(readings) > 1:
            readings = self._before_publication(raw, readings)
        if len(readings) > 1:
            p.calendar, p.year, p.month, p.day = readings[0][:4]
            dates = []
            for calendar, year, month, day, _ in readings:
                try:
                    dates.append(calendars.to_gregorian(calendar, year, month, day))
                except (InvalidDate, OutOfRange):
                    continue
            p.alternatives = tuple(sorted(set(dates)))
            p.problem(
                "ambiguous_date",
                "The numerals can be read as "
                + " or ".join(f"{CALENDAR_NAMES[c]} {y}-{m:02d}-{d:02d}" for c, y, m, d, _ in readings)
                + ".",
            )
            p.unresolved()
            return
        p.calendar, p.year, p.month, p.day, why = readings[0]
        if why:
            p.note(why)
        self._convert(raw, p)

    def _possible(self, raw: Raw, date: dt.date) -> bool:
        """Not after publication, for a date in a sentence told as past (a likely date must not be)."""
        reference = self.ctx.reference
        if reference is None or date <= reference + dt.timedelta(days=self.ctx.lag):
            return True
        return self._told_as_future(raw)

    def _before_publication(self, raw: Raw, readings: list) -> list:
        """Of two readings of 10/11/2023 in a report told as past, the one not after publication."""
        kept = []
        for calendar, year, month, day, why in readings:
            try:
                date = calendars.to_gregorian(calendar, year, month, day)
            except (InvalidDate, OutOfRange):
                continue
            if self._possible(raw, date):
                kept.append((calendar, year, month, day, why or "The other reading is after publication."))
        return kept if len(kept) == 1 else readings

    def _numeric_readings(self, raw: Raw) -> list[tuple[Calendar, int, int, int, str]]:
        a, b, c, a_digits = raw.numeric  # type: ignore[misc]
        year, orders = (a, [(b, c)]) if a_digits >= 3 else (c, [(b, a), (a, b)])
        calendar, why = self._numeral_calendar(year, raw.era)
        if calendar is None:
            return [
                (cal, year, m, d, "")
                for cal in (Calendar.JALALI, Calendar.HIJRI)
                for m, d in orders[:1]
                if 1 <= m <= 12
            ]
        valid = [(m, d) for m, d in orders if 1 <= m <= 12 and 1 <= d <= 31]
        if calendar is not Calendar.GREGORIAN or (len(valid) > 1 and self.ctx.lang != "en"):
            valid = valid[:1]  # day-month order everywhere but in English text
        valid = list(dict.fromkeys(valid))
        return [(calendar, year, m, d, why) for m, d in valid]

    def _numeral_calendar(self, year: int, era: Calendar | None) -> tuple[Calendar | None, str]:
        """Which calendar a bare year numeral belongs to; None when it stays ambiguous."""
        if era is not None:
            return era, ""
        lo, hi = GREGORIAN_NUMERAL_YEARS
        if lo <= year <= hi:
            return Calendar.GREGORIAN, ""
        ref = self.ctx.reference
        if ref is not None:
            for calendar in (Calendar.JALALI, Calendar.HIJRI):
                try:
                    if abs(calendars.from_gregorian(calendar, ref)[0] - year) <= 2:
                        return calendar, ""
                except OutOfRange:
                    continue
        if self.ctx.lang == "fa":
            return Calendar.JALALI, f"No era marker: {year} read as Solar Hijri, as Persian text writes it."
        if self.ctx.lang == "ar":
            return Calendar.HIJRI, f"No era marker: {year} read as lunar Hijri, as Arabic text writes it."
        return None, ""

    def _year(self, raw: Raw, p: _Parts) -> None:
        calendar, why = self._numeral_calendar(p.year, raw.era)  # type: ignore[arg-type]
        p.calendar = calendar or Calendar.NONE
        if why:
            p.note(why)
        if calendar is None:
            p.problem("ambiguous_date", f"{p.year} could be a Solar Hijri or a lunar Hijri year.")
        else:
            self._check_year(p)

    def _relative(self, raw: Raw, p: _Parts) -> None:
        """امشب, أمس, a bare weekday: counted from the writer's today."""
        anchor = self.ctx.anchor
        if anchor is None:
            p.unresolved("Relative to the publication date, which is unknown.")
            return
        p.resolution = Resolution.RELATIVE
        if raw.relative is not None:
            p.iso = anchor + dt.timedelta(days=raw.relative)
            if raw.weekday is not None and not weekday_fits(p.iso, raw.weekday, raw.eve):
                p.problem(
                    "weekday_mismatch",
                    f"The text says {WEEKDAYS[raw.weekday].capitalize()}, but counted from "
                    f"{anchor} it is {fmt(p.iso)}.",
                )
            if anchor != self.ctx.reference:
                p.note(f"Counted from {anchor}, the day the text itself calls today.")
        else:  # a bare weekday: the latest such day on or before today (the evening before, for "eve of")
            target = (raw.weekday - 1) % 7 if raw.eve else raw.weekday  # type: ignore[operator]
            p.iso = anchor - dt.timedelta(days=(anchor.weekday() - target) % 7)

    # -- shared steps --------------------------------------------------------------------------

    def _check_year(self, p: _Parts) -> None:
        """Month-year and year mentions carry no day: check the year is in the calendar's range."""
        p.resolution = Resolution.EXPLICIT
        try:
            calendars.to_gregorian(p.calendar, p.year, p.month or 1, 1)  # type: ignore[arg-type]
        except OutOfRange as exc:
            p.note(f"{exc}.")
        except InvalidDate:
            pass

    def _convert(self, raw: Raw, p: _Parts) -> None:
        try:
            p.iso = calendars.to_gregorian(p.calendar, p.year, p.month, p.day)  # type: ignore[arg-type]
        except OutOfRange as exc:
            p.unresolved(f"Not converted: {exc}.")
            return
        except InvalidDate as exc:
            self._invalid(raw, p, exc)
            return
        self._check_weekday(raw, p)
        self._check_relative(raw, p)

    def _invalid(self, raw: Raw, p: _Parts, exc: InvalidDate) -> None:
        length = calendars.month_length(p.calendar, p.year, p.month)  # type: ignore[arg-type]
        if p.calendar is Calendar.HIJRI and p.day == 30 and length == 29:
            after = calendars.to_gregorian(p.calendar, p.year, p.month, 29) + dt.timedelta(days=1)
            p.suggest(after, "hijri_month_length")
            p.problem(
                "hijri_month_length",
                f"Umm al-Qura's {calendars.month_name(p.calendar, p.month)} "
                f"{p.year} has 29 days; where the month is fixed by moon sighting (as in Iran) a 30th "
                f"exists and is the day after the 29th, {after}.",
            )
        else:
            message = f"This date does not exist: {exc}."
            if raw.weekday is not None and p.day > length:  # the weekday points into the week around it
                center = calendars.to_gregorian(p.calendar, p.year, p.month, length) + dt.timedelta(
                    p.day - length
                )
                week = [center + dt.timedelta(days=k) for k in range(-3, 4)]
                nearest = next(d for d in week if weekday_fits(d, raw.weekday, False))
                stated = WEEKDAYS[raw.weekday].capitalize()
                if not self._possible(raw, nearest):
                    # a guess after the report's own date would make a "published before" error of it
                    message += f" The stated {stated} nearest to it, {nearest}, is after publication."
                else:
                    p.suggest(nearest, "invalid_date")
                    message += f" The stated {stated} nearest to it is {nearest}."
            p.problem("invalid_date", message)
        p.iso = None

    def _check_weekday(self, raw: Raw, p: _Parts) -> None:
        if raw.weekday is None or p.iso is None or weekday_fits(p.iso, raw.weekday, raw.eve):
            return
        later = p.iso + dt.timedelta(days=1)
        if p.calendar is Calendar.HIJRI and weekday_fits(later, raw.weekday, raw.eve):
            p.suggest(later, "hijri_offset")
            p.problem(
                "hijri_offset",
                f"The stated {WEEKDAYS[raw.weekday].capitalize()} falls on {later}, one day "
                f"after the Umm al-Qura date {p.iso}: months fixed by moon sighting (as in Iran) may "
                "start a day later.",
            )
            return
        stated = WEEKDAYS[raw.weekday].capitalize()
        p.problem("weekday_mismatch", f"The text says {stated}, but {p.surface_date()} is {fmt(p.iso)}.")
        readings = confusion_readings(p.calendar, p.year, p.month, p.day)  # type: ignore[arg-type]
        fitting = [d for d in readings if weekday_fits(d, raw.weekday, raw.eve) and self._possible(raw, d)]
        if len(fitting) == 1:
            p.suggest(fitting[0], "calendar_confusion")
            p.alternatives = readings
            other = Calendar.JALALI if p.calendar is Calendar.GREGORIAN else Calendar.GREGORIAN
            y, m, d = calendars.from_gregorian(other, fitting[0])
            p.problem(
                "calendar_confusion",
                f"The day number fits the {CALENDAR_NAMES[other]} calendar: "
                f"{d} {calendars.month_name(other, m)} {y} is {fmt(fitting[0])}, which matches the "
                f"stated {stated}.",
            )

    def _check_relative(self, raw: Raw, p: _Parts) -> None:
        """امشب (یکشنبه) ۲۸ آبان: the relative word and the date must name the same day."""
        if raw.relative is None or p.iso is None or self.ctx.reference is None:
            return
        expected = self.ctx.reference + dt.timedelta(days=raw.relative)
        if (
            "weekday_mismatch" in p.problems
            and p.suggested is None
            and raw.weekday is not None
            and weekday_fits(expected, raw.weekday, raw.eve)
        ):  # أمس الأحد 18 نوفمبر: "yesterday" and "Sunday" agree, the day number is the odd one out
            p.suggest(expected, "weekday_mismatch")
            p.extend(
                "weekday_mismatch",
                f"Counted from the publication date {self.ctx.reference}, the relative word gives "
                f"{fmt(expected)}, which matches it.",
            )
        if within_lag(expected, p.iso, self.ctx.lag):
            return
        if p.suggested is not None and within_lag(
            expected, p.suggested, self.ctx.lag
        ):  # the likely date agrees with the relative word
            p.extend(
                p.suggested_by,
                f"The relative word, counted from the publication date {self.ctx.reference}, agrees.",
            )
            return
        p.problem(
            "relative_conflict",
            f"Counted from the publication date {self.ctx.reference}, the "
            f"relative word means {expected}, but the date written beside it is {p.iso}.",
        )


class _Parts:
    """The mutable working state of one resolution; frozen into a Mention at the end."""

    def __init__(self, raw: Raw):
        self.calendar: Calendar = raw.calendar or Calendar.NONE
        self.kind, self.year, self.month, self.day = raw.kind, raw.year, raw.month, raw.day
        self.iso: dt.date | None = None
        self.resolution = Resolution.EXPLICIT
        self.notes: list[str] = []  # every sentence, in order
        self.problems: dict[str, int] = {}  # finding code -> its sentence in `notes`
        self.suggested: dt.date | None = None
        self.suggested_by = ""  # the code whose explanation gave `suggested`
        self.alternatives: tuple[dt.date, ...] = ()

    def note(self, text: str) -> None:
        self.notes.append(text)

    def problem(self, code: str, text: str) -> None:
        if code not in self.problems:
            self.problems[code] = len(self.notes)
            self.notes.append(text)

    def extend(self, code: str, text: str) -> None:
        """Add a sentence to the explanation of `code`."""
        self.notes[self.problems[code]] += " " + text

    def suggest(self, date: dt.date, code: str) -> None:
        self.suggested, self.suggested_by = date, code

    def unresolved(self, why: str = "") -> None:
        self.iso, self.resolution = None, Resolution.UNRESOLVED
        if why:
            self.notes.append(why)

    def surface_date(self) -> str:
        if self.calendar is Calendar.GREGORIAN:
            return f"{self.day} {calendars.month_name(self.calendar, self.month)} {self.year}"  # type: ignore[arg-type]
        return (
            f"{self.day} {calendars.month_name(self.calendar, self.month)} {self.year} "  # type: ignore[arg-type]
            f"({CALENDAR_NAMES[self.calendar]})"
        )
