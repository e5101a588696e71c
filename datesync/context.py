"""Dating a text that has no reference date (no published date, header or dateline) from itself.

A day and month without a year («عصر جمعه ۳۰ اردیبهشت», «ظهر فردا (چهارشنبه ۱۱ آبان ماه)») gets its
year from the text, in this order of trust:
1. a full date written nearby (same paragraph, NEARBY characters): the year is read against it as
   against a publication date (۱۴ آذر ماه ۱۴۰۰ ... یک روز بعد (۱۵ آذر));
2. what the date says of itself: the years in which its weekday falls on it, in which its
   rendering in another calendar beside it is the same day (۳۰ اردیبهشت (۲۰ مه)), within the
   tenure of the office-holders named around it (Araghchi as minister: 2024-08 or later);
3. failing a single year, the dated mention nearest to it in the text, when that leaves one.
One year: resolution "context", with a note naming the evidence. Several: unresolved, with the
candidate dates as alternatives. Never a guess.

Bare weekdays take the day nearest the dated mention nearest them; relative words count from a
"today" the text itself gives (امروز (جمعه ۲۰ مهر)), through resolve's writer's-today rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache

from datesync import actors, calendars, languages, lexicons
from datesync.calendars import describe, weekday_fits
from datesync.checks import side_by_side
from datesync.errors import InvalidDate, OutOfRange
from datesync.find import Raw
from datesync.model import Calendar, Form, Mention, Resolution
from datesync.normalize import SENTENCE_END
from datesync.scan import words_pattern

NEARBY = 400  # characters: a full date this close, in the same paragraph, gives a partial date its year
ANCHOR_REACH = 1500  # characters: the farthest dated mention that may anchor a partial date or weekday
ACTOR_REACH = 200  # characters around a date searched for the office-holders it concerns
MAX_ALTERNATIVES = 6
EARLIEST = dt.date(1990, 1, 1)  # no text datesync reads speaks of a day before this without its year


def partial(raw: Raw) -> bool:
    """A day and month in a known calendar, without a year (and not a named day)."""
    return raw.form is Form.DAY_MONTH and raw.calendar not in (None, Calendar.NONE) and raw.named is None


def date_written(
    text: str, raws: list[Raw], written: dict[int, Mention], resolve_at, lang: str = ""
) -> dict[int, Mention]:
    """`written` with its partial dates dated from the text where the text allows (module docstring).

    `resolve_at(i, date)` re-reads raw i against `date` as its reference, so a context reading gets
    the same year rule and checks as one against a publication date."""
    todo = [i for i, raw in enumerate(raws) if i in written and written[i].iso is None and partial(raw)]
    if not todo:
        return written
    out = dict(written)
    for i in todo:  # 1. a full date written nearby
        anchor = _nearby_full_date(text, raws, out, i)
        if anchor is not None:
            out[i] = _as_context(
                resolve_at(i, anchor.iso), f"Year from the date written nearby, «{anchor.text}»."
            )
    for i in [i for i in todo if out[i].iso is None]:  # 2. what the date says of itself
        out[i] = _self_evident(text, raws, out, i, resolve_at, lang)
    for i in [i for i in todo if out[i].iso is None]:  # 3. the nearest dated mention
        anchor = _nearest_dated(raws, out, i)
        if anchor is None:
            continue
        reading = resolve_at(i, anchor.iso)
        if reading.iso is not None and (not out[i].alternatives or reading.iso in out[i].alternatives):
            out[i] = _as_context(reading, f"Year from the nearest dated mention, «{anchor.text}».")
    return out


def weekdays_anchored(raws: list[Raw], mentions: list[Mention]) -> list[Mention]:
    """Bare weekdays in a text without a reference: the day nearest the dated mention nearest them."""
    out = list(mentions)
    for i, (raw, m) in enumerate(zip(raws, mentions, strict=True)):
        if raw.form is not Form.WEEKDAY or m.iso is not None or raw.weekday is None:
            continue
        anchor = _nearest_dated(raws, dict(enumerate(out)), i)
        if anchor is None:
            continue
        week = [anchor.iso + dt.timedelta(days=k) for k in range(-3, 4)]  # type: ignore[operator]
        day = next(d for d in week if weekday_fits(d, raw.weekday, raw.eve))
        note = f"The {describe(day).split()[0]} nearest the dated mention «{anchor.text}» ({anchor.iso})."
        out[i] = replace(m, iso=day, resolution=Resolution.CONTEXT, note=note)
    return out


# -- the three kinds of evidence ------------------------------------------------------------------


def _nearby_full_date(text: str, raws: list[Raw], mentions: dict[int, Mention], i: int) -> Mention | None:
    raw = raws[i]
    best = None
    for j, m in mentions.items():
        if j == i or m.iso is None or m.form is not Form.DATE or m.calendar is Calendar.NONE:
            continue
        lo, hi = (
            sorted((raws[j].end, raw.start)) if raws[j].end <= raw.start else sorted((raw.end, raws[j].start))
        )
        if hi - lo > NEARBY or "\n\n" in text[lo:hi]:
            continue
        if best is None or hi - lo < best[0]:
            best = (hi - lo, m)
    return None if best is None else best[1]


def _nearest_dated(raws: list[Raw], mentions: dict[int, Mention], i: int) -> Mention | None:
    raw = raws[i]
    best = None
    for j, m in mentions.items():
        if j == i or m.iso is None or m.form not in (Form.DATE, Form.DAY_MONTH):
            continue
        distance = raw.start - raws[j].end if raws[j].end <= raw.start else raws[j].start - raw.end
        if distance <= ANCHOR_REACH and (best is None or distance < best[0]):
            best = (distance, m)
    return None if best is None else best[1]


def _self_evident(
    text: str, raws: list[Raw], mentions: dict[int, Mention], i: int, resolve_at, lang: str
) -> Mention:
    """The years its weekday, its other rendering and the office-holders named around it allow."""
    raw, mention = raws[i], mentions[i]
    window, who, countries = _tenure_window(text, raw)
    lo, hi = window or (EARLIEST, actors.gazetteer().horizon)
    dates = _dates_in(raw.calendar, raw.month, raw.day, lo, hi)  # type: ignore[arg-type]
    evidence = []
    if raw.weekday is not None:
        dates = [d for d in dates if weekday_fits(d, raw.weekday, raw.eve)]
        evidence.append("its weekday falls on it")
    partner = _other_rendering(text, raws, i)
    if partner is not None:
        other = raws[partner]
        same = {
            d
            for d in _dates_in(other.calendar, other.month, other.day, lo, hi)  # type: ignore[arg-type]
            if other.weekday is None or weekday_fits(d, other.weekday, other.eve)
        }
        dates = [d for d in dates if d in same]
        evidence.append(f"«{text[other.start : other.end]}» beside it is the same day")
    if who:
        evidence.append(f"{who} held office")
    if not evidence or not dates:
        return mention
    confused = (
        _confusion_readings(raw, lo, hi)
        if _may_be_translated(raw, lang, countries) and partner is None
        else []
    )
    if confused:  # 20 December written for 20 Azar: the weekday fits the Solar Hijri reading too
        dates = sorted(set(dates) | set(confused))
        evidence.append("the day number may be a Solar Hijri one kept under a Gregorian month")
    if len(dates) == 1:
        return _as_context(
            resolve_at(i, dates[0]), f"The only year in which {' and '.join(evidence)}: {dates[0]}."
        )
    shown = dates[-MAX_ALTERNATIVES:]
    note = f"{mention.note} The years in which {' and '.join(evidence)} leave {len(dates)} dates.".strip()
    return replace(mention, alternatives=tuple(shown), note=note)


SOLAR_HIJRI_COUNTRIES = ("IR", "AF")  # whose news is written in the Solar Hijri calendar


def _may_be_translated(raw: Raw, lang: str, countries: set[str]) -> bool:
    """A Gregorian month with a weekday, in a translation of Iranian or Afghan news (in a language
    whose own numerals are not Solar Hijri, about their office-holders): its day number may be a
    Solar Hijri one (seed: «الاثنين 20 ديسمبر» for Monday 20 Azar)."""
    translated = languages.get(lang).numeral_calendar is not Calendar.JALALI
    return raw.weekday is not None and translated and bool(countries & set(SOLAR_HIJRI_COUNTRIES))


def _confusion_readings(raw: Raw, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """For a Gregorian month name with a weekday (the form translations of Persian news take): the
    days of the Solar Hijri month it overlaps with that day number, on that weekday, in the window."""
    if raw.calendar is not Calendar.GREGORIAN:
        return []
    out = []
    for year in range(lo.year - 1, hi.year + 1):
        for day in calendars.confusion_readings(raw.calendar, year, raw.month, raw.day):  # type: ignore[arg-type]
            if lo <= day <= hi and weekday_fits(day, raw.weekday, raw.eve):  # type: ignore[arg-type]
                out.append(day)
    return out


def _dates_in(calendar: Calendar, month: int, day: int, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """Every date of day/month of `calendar` between lo and hi."""
    try:
        first, last = calendars.from_gregorian(calendar, lo)[0], calendars.from_gregorian(calendar, hi)[0]
    except OutOfRange:
        return []
    out = []
    for year in range(first, last + 1):
        try:
            date = calendars.to_gregorian(calendar, year, month, day)
        except (InvalidDate, OutOfRange):
            continue
        if lo <= date <= hi:
            out.append(date)
    return out


def _other_rendering(text: str, raws: list[Raw], i: int) -> int | None:
    """A day and month of another calendar side by side with raw i: ۳۰ اردیبهشت (۲۰ مه)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(raws) and partial(raws[j]) and raws[j].calendar is not raws[i].calendar:
            first, second = (raws[j], raws[i]) if j < i else (raws[i], raws[j])
            if side_by_side(text, first, second):
                return j
    return None


def _tenure_window(text: str, raw: Raw) -> tuple[tuple[dt.date, dt.date] | None, str, set[str]]:
    """When the office-holders named nearest the date (its sentence, ACTOR_REACH characters) were
    all in office: the two nearest whose tenures overlap ("former" ones do not count), their names,
    and the countries they served."""
    lo = max(0, raw.start - ACTOR_REACH)
    for end in SENTENCE_END.finditer(text, lo, raw.start):
        lo = end.end()
    after = SENTENCE_END.search(text, raw.end, raw.end + ACTOR_REACH)
    hi = after.start() if after else min(len(text), raw.end + ACTOR_REACH)
    gaz = actors.gazetteer()
    found = []
    for start, end, key in actors.name_index().find(text[lo:hi]):
        actor = gaz.names.get(key)
        if actor and not _former(text, lo + start, lo + end) and actor not in [a for _, a in found]:
            found.append((min(abs(lo + start - raw.end), abs(raw.start - lo - end)), actor))
    window, names, countries = None, [], set()
    for _, actor in sorted(found):
        tenure = gaz.tenure(actor)
        if tenure is None:
            continue
        joined = tenure if window is None else (max(window[0], tenure[0]), min(window[1], tenure[1]))
        if joined[0] > joined[1]:
            continue
        window, names = joined, [*names, gaz.name_of(actor)]
        countries.update(gaz.countries_of.get(actor, ()))
        if len(names) == 2:
            break
    return window, " and ".join(names), countries


@cache
def _former_words() -> re.Pattern[str]:
    return words_pattern(languages.words(lexicons.load("context"), "former"))


def _former(text: str, start: int, end: int) -> bool:
    """«وزیر خارجه سابق», "former minister": a name said to be out of office dates nothing."""
    return _former_words().search(text, max(0, start - 30), end + 30) is not None


def _as_context(m: Mention, why: str) -> Mention:
    """A mention read against a date the text gave: resolution "context", and the note says why."""
    if m.iso is None:
        return m
    note = re.sub(r"Year \d+ inferred from the reference date [\d-]+\.\s*", "", m.note)
    return replace(m, resolution=Resolution.CONTEXT, note=f"{why} {note}".strip())
